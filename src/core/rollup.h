/* Progress roll-up (issue 3): what a theme, a pillar or a whole plan contains, summarised —
 * how its measures were last rated on the plan's scale, and how its KPIs stand (status counts
 * and mean achievement). Computed here and nowhere else: the plan page, the API and exports all
 * call these functions, so they show the same figures. */
#ifndef KAWARU_CORE_ROLLUP_H
#define KAWARU_CORE_ROLLUP_H
#include <stddef.h>
#include "core/fiscal.h"
#include "core/kpi_calc.h"
#include "core/model.h"

enum { ROLLUP_MAX_LEVELS = 16, ROLLUP_KPI_STATUSES = KPI_NO_TARGET + 1 };

struct rollup {
    int measures;
    int rated[ROLLUP_MAX_LEVELS];        /* measures whose latest rating is level i of the scale */
    int unrated;                         /* no rating yet, or a code the scale no longer has */
    int problems;                        /* rated on a level that counts as a problem */
    int kpis;
    int kpi_status[ROLLUP_KPI_STATUSES]; /* by enum kpi_status */
    int with_achievement;
    double achievement_sum;
};

/* The rating a measure was last given: its latest submitted or confirmed review's, or the one
 * the store loaded for lists (measure.latest_rating); NULL when none. */
const char *rollup_latest_rating(const struct measure *m);

/* Adds measure m (rated on scale) and its KPIs as of today; an abolished measure or KPI (廃止)
 * counts for nothing. */
void rollup_add_measure(struct rollup *r, const struct measure *m, const struct rating_level *scale, size_t n_scale,
                        kw_date today);
/* Adds what b holds to a. */
void rollup_merge(struct rollup *a, const struct rollup *b);
/* The mean achievement of the KPIs that have one; false when none has. */
bool rollup_achievement_mean(const struct rollup *r, double *ret);

/* A plan's roll-up, and each of its pillars' and themes' (arrays of n_pillars and of all
 * themes in plan order, allocated by the caller). */
void rollup_plan(const struct plan *p, kw_date today, struct rollup *ret_plan, struct rollup *ret_pillars,
                 struct rollup *ret_themes);
/* The plan's roll-up alone. */
void rollup_plan_total(const struct plan *p, kw_date today, struct rollup *ret);
/* The scale a plan's ratings use: its own, or the default one. */
void rollup_scale_of(const struct plan *p, const struct rating_level **ret, size_t *ret_n);

#endif
