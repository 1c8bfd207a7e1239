/* The HQ meeting pack of a review period (issue 3): what the 推進本部 needs on one sheet —
 * ratings that changed since the quarter before, KPIs at risk or off track, measures still
 * without a report, the decisions requested (problem ratings) or recorded, each measure asking
 * a decision or off track with its report and KPI figures, and the roll-up by pillar. Built from the
 * store once; the page (web/page_pack.c) and the API (api/api_pack.c) show the same pack.
 * Figures are as of the quarter's last day (as_of): the ratings given up to that quarter, the
 * KPIs' measurements up to that day, and the expected values, statuses and achievement of that
 * day — a pack of a past quarter printed later shows what the HQ saw then. Whether a report is
 * late is judged by today (period_tally.h). */
#ifndef KAWARU_REPORT_HQ_PACK_H
#define KAWARU_REPORT_HQ_PACK_H
#include "core/kpi_calc.h"
#include "core/review.h"
#include "core/rollup.h"
#include "store/store.h"

struct pack_change { const struct period_line *line; const char *from, *to; };     /* from NULL: first rating */
struct pack_kpi { const struct measure *measure; const struct kpi *kpi; struct kpi_derived d; };
struct pack_decision { const struct period_line *line; bool problem; };          /* problem: rated on a problem level */
/* A measure the HQ is asked to look at: rated on a problem level, with a KPI off track, or with
 * a decision recorded; its report (line->review: text, issues, next steps) and every KPI's
 * figures from kpi_derive, as of the quarter's last day. */
struct pack_focus {
    const struct period_line *line;
    const struct measure *measure;                /* in the pack's plan, with its KPIs */
    bool problem, off_track;                      /* off_track: a KPI off track */
    struct kpi_derived *kpis;                     /* measure->n_kpis figures, by index */
};

struct hq_pack {
    struct review_period period;
    kw_date as_of;                                /* the quarter's last day */
    struct plan plan;                             /* LOAD_SUMMARY, as of as_of (store_plan_as_of) */
    const struct rating_level *scale;
    size_t n_scale;
    struct period_line *lines;
    size_t n_lines;
    struct review_tally tally;
    struct rollup rollup;                         /* the plan's */
    struct rollup *pillars;                       /* each of plan.n_pillars pillars' (core/rollup.h) */
    struct pack_change *changes;
    size_t n_changes;
    struct pack_kpi *kpis;                        /* at risk or off track, worst first */
    size_t n_kpis;
    const struct period_line **unreported;        /* missing, draft or sent back */
    size_t n_unreported;
    struct pack_decision *decisions;              /* a problem rating, or a decision recorded */
    size_t n_decisions;
    struct pack_focus *focus;                     /* in plan order */
    size_t n_focus;
};

/* The pack of period_id; today judges lateness only. KW_ENOTFOUND when there is no such period. */
int hq_pack_build(struct db *db, struct arena *a, int64_t period_id, kw_date today, struct hq_pack *ret);
/* The label of a rating code on the pack's scale (the code when unknown). */
const char *hq_pack_rating_label(const struct hq_pack *pk, const char *code);

#endif
