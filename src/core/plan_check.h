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
    /* the workload inventory (workload_check) */
    FIND_BUSINESS_NO_STEPS,       /* error: hours cannot be counted */
    FIND_BUSINESS_ZERO_VOLUME,    /* warning: 年間件数 0 */
    FIND_STEP_ZERO_MINUTES,       /* warning: 所要時間 0 */
    FIND_MEANS_OTHER_DEPARTMENT,  /* warning: the measure delivering a means is not the step's department's */
    /* the logic model (logic_check) */
    FIND_LM_KPI_NO_OUTCOME,       /* warning: no node that leads to an outcome names the KPI */
    FIND_LM_ACTIVITY_NO_OUTCOME,  /* warning: no edge path from the activity reaches an outcome */
    FIND_LM_OUTCOME_NO_KPI,       /* warning: nothing measures the outcome */
    FIND_LM_MEASURE_OUTSIDE,      /* warning: no node names the measure or its KPIs */
};

struct business;
struct step;
struct means_application;
struct lm_node;

struct finding {
    enum finding_level level;
    enum finding_kind kind;
    const struct measure *measure;   /* NULL for a finding of the workload inventory */
    const struct kpi *kpi;        /* NULL for measure-level findings */
    int fy;                       /* for FIND_SCHEDULE_OUTSIDE_PERIOD; a survey's FY */
    const struct business *business; /* the workload inventory's findings: the business, */
    const struct step *step;         /* the step (or NULL) */
    const struct means_application *application;   /* and the means applied */
    const struct lm_node *node;      /* the logic model's node (measure NULL) */
};

typedef void (*finding_fn)(const struct finding *f, void *ctx);

/* Calls fn for every finding in plan order, then the logic model's; returns the number of errors. */
int plan_check(const struct plan *p, finding_fn fn, void *ctx);
/* The logic model's findings (logic_check.c; all warnings): the plan's KPIs in plan order that no
 * node leading to an outcome names, each measure no node names (instead of its KPIs' findings),
 * then in node order activities from which no edge path reaches an outcome and outcomes without
 * a KPI. Nothing when the plan has no logic model. */
void logic_check(const struct plan *p, finding_fn fn, void *ctx);
/* Checks businesses of one survey (core/workload.h) and the means applied to their steps: a
 * business without steps, a volume or a step's minutes of 0, a means delivered by a measure
 * that does not name the step's department (measure_has_department tells). Calls fn for each
 * finding; returns the number of errors. */
int workload_check(const struct business *b, size_t n, const struct means_application *apps, size_t n_apps,
                   bool (*measure_has_department)(int64_t measure_id, int64_t department_id, void *ctx),
                   void *dept_ctx, finding_fn fn, void *ctx);
/* The finding's stable code, e.g. "measure_without_kpi" (the kinds above, in their order). */
const char *finding_kind_name(enum finding_kind k);
/* What the finding says, in Japanese or in English, without the entity it is about. */
const char *finding_message(enum finding_kind k, bool japanese);

#endif
