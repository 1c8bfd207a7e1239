/* Progress roll-up (see rollup.h). */
#include <string.h>
#include "core/review.h"
#include "core/rollup.h"

const char *rollup_latest_rating(const struct measure *m) {
    for (size_t i = m->n_reviews; i-- > 0;) {
        const struct review *rv = &m->reviews[i];      /* in (fy, quarter) order */
        if (rv->rating && (rv->state == REVIEW_SUBMITTED || rv->state == REVIEW_CONFIRMED))
            return rv->rating;
    }
    return m->latest_rating;
}

void rollup_add_measure(struct rollup *r, const struct measure *m, const struct rating_level *scale, size_t n_scale,
                        kw_date today) {
    if (m->status == MS_ABOLISHED)            /* 廃止: kept for its history, out of the progress */
        return;
    r->measures++;
    const char *rating = rollup_latest_rating(m);
    size_t level = n_scale;
    for (size_t i = 0; rating && i < n_scale && i < ROLLUP_MAX_LEVELS; i++)
        if (strcmp(scale[i].code, rating) == 0)
            level = i;
    if (level < n_scale) {
        r->rated[level]++;
        r->problems += scale[level].problem;
    } else {
        r->unrated++;
    }
    for (size_t i = 0; i < m->n_kpis; i++) {
        if (m->kpis[i].abolished)
            continue;
        struct kpi_derived d;
        kpi_derive(&m->kpis[i], today, &d);
        r->kpis++;
        r->kpi_status[d.status]++;
        if (d.has_achievement) {
            r->with_achievement++;
            r->achievement_sum += d.achievement;
        }
    }
}

void rollup_merge(struct rollup *a, const struct rollup *b) {
    a->measures += b->measures;
    for (int i = 0; i < ROLLUP_MAX_LEVELS; i++)
        a->rated[i] += b->rated[i];
    a->unrated += b->unrated;
    a->problems += b->problems;
    a->kpis += b->kpis;
    for (int i = 0; i < ROLLUP_KPI_STATUSES; i++)
        a->kpi_status[i] += b->kpi_status[i];
    a->with_achievement += b->with_achievement;
    a->achievement_sum += b->achievement_sum;
}

bool rollup_achievement_mean(const struct rollup *r, double *ret) {
    if (!r->with_achievement)
        return false;
    *ret = r->achievement_sum / r->with_achievement;
    return true;
}

void rollup_scale_of(const struct plan *p, const struct rating_level **ret, size_t *ret_n) {
    *ret = p->n_rating_scale ? p->rating_scale : review_default_scale;
    *ret_n = p->n_rating_scale ? p->n_rating_scale : review_default_scale_n;
}

void rollup_plan(const struct plan *p, kw_date today, struct rollup *ret_plan, struct rollup *ret_pillars,
                 struct rollup *ret_themes) {
    const struct rating_level *scale;
    size_t n_scale;
    rollup_scale_of(p, &scale, &n_scale);
    memset(ret_plan, 0, sizeof *ret_plan);
    size_t t_index = 0;
    for (size_t i = 0; i < p->n_pillars; i++) {
        const struct pillar *pi = &p->pillars[i];
        memset(&ret_pillars[i], 0, sizeof ret_pillars[i]);
        for (size_t j = 0; j < pi->n_themes; j++) {
            struct rollup *t = &ret_themes[t_index++];
            memset(t, 0, sizeof *t);
            for (size_t k = 0; k < pi->themes[j].n_measures; k++)
                rollup_add_measure(t, &pi->themes[j].measures[k], scale, n_scale, today);
            rollup_merge(&ret_pillars[i], t);
        }
        rollup_merge(ret_plan, &ret_pillars[i]);
    }
}

void rollup_plan_total(const struct plan *p, kw_date today, struct rollup *ret) {
    const struct rating_level *scale;
    size_t n_scale;
    rollup_scale_of(p, &scale, &n_scale);
    memset(ret, 0, sizeof *ret);
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            for (size_t k = 0; k < p->pillars[i].themes[j].n_measures; k++)
                rollup_add_measure(ret, &p->pillars[i].themes[j].measures[k], scale, n_scale, today);
}
