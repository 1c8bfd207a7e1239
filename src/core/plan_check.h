/* Plan health checks (SPEC §3.9): what `kawaru check` and the check page report. */
#ifndef KAWARU_CORE_PLAN_CHECK_H
#define KAWARU_CORE_PLAN_CHECK_H
#include "core/model.h"

enum finding_level { FINDING_WARNING, FINDING_ERROR };

enum finding_kind {
    FIND_MEASURE_NO_KPI,          /* error: nothing measures the measure */
    FIND_TARGET_UNDECIDED,        /* error: 未決定 — the plan promised a target */
    FIND_TARGET_NONE,             /* warning: なし — explicitly no numeric target */
    FIND_KPI_NO_BASELINE,         /* warning */
    FIND_MEASURE_NO_DEPARTMENT,   /* warning */
    FIND_SCHEDULE_OUTSIDE_PERIOD, /* warning */
    FIND_KPI_UNNAMED,             /* error: a target (e.g. 未決定) without an indicator named yet */
};

struct finding {
    enum finding_level level;
    enum finding_kind kind;
    const struct measure *measure;
    const struct kpi *kpi;        /* NULL for measure-level findings */
    int fy;                       /* for FIND_SCHEDULE_OUTSIDE_PERIOD */
};

typedef void (*finding_fn)(const struct finding *f, void *ctx);

/* Calls fn for every finding in plan order; returns the number of errors. */
int plan_check(const struct plan *p, finding_fn fn, void *ctx);
/* The finding's stable code, e.g. "measure_without_kpi" (the kinds above, in their order). */
const char *finding_kind_name(enum finding_kind k);
/* What the finding says, in Japanese or in English, without the entity it is about. */
const char *finding_message(enum finding_kind k, bool japanese);

#endif
