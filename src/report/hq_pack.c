/* The HQ meeting pack of a review period (see hq_pack.h). */
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "report/hq_pack.h"
#include "report/period_tally.h"

const char *hq_pack_rating_label(const struct hq_pack *pk, const char *code) {
    return review_scale_label(pk->scale, pk->n_scale, code);
}

static bool problem_rating(const struct hq_pack *pk, const char *code) {
    for (size_t i = 0; code && i < pk->n_scale; i++)
        if (strcmp(pk->scale[i].code, code) == 0)
            return pk->scale[i].problem;
    return false;
}

/* Off track before at risk; then in plan order. */
static int worse_first(const void *x, const void *y) {
    const struct pack_kpi *a = x, *b = y;
    int ra = a->d.status == KPI_OFF_TRACK ? 0 : 1, rb = b->d.status == KPI_OFF_TRACK ? 0 : 1;
    if (ra != rb)
        return ra - rb;
    return (a > b) - (a < b);
}

static void collect_kpis(struct arena *a, struct hq_pack *pk, kw_date day) {
    size_t cap = 0;
    const struct plan *p = &pk->plan;
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            for (size_t k = 0; k < p->pillars[i].themes[j].n_measures; k++) {
                const struct measure *m = &p->pillars[i].themes[j].measures[k];
                if (m->status != MS_ACTIVE && m->status != MS_PLANNED)
                    continue;
                for (size_t x = 0; x < m->n_kpis; x++) {
                    struct kpi_derived d;
                    kpi_derive(&m->kpis[x], day, &d);
                    if (d.status != KPI_AT_RISK && d.status != KPI_OFF_TRACK)
                        continue;
                    if (pk->n_kpis == cap) {
                        size_t ncap = cap ? cap * 2 : 16;
                        struct pack_kpi *v = arena_alloc(a, ncap * sizeof *v);
                        if (pk->n_kpis)
                            memcpy(v, pk->kpis, pk->n_kpis * sizeof *v);
                        pk->kpis = v;
                        cap = ncap;
                    }
                    pk->kpis[pk->n_kpis++] = (struct pack_kpi){m, &m->kpis[x], d};
                }
            }
    if (pk->n_kpis > 1)
        qsort(pk->kpis, pk->n_kpis, sizeof *pk->kpis, worse_first);
}

static const struct measure *measure_of(const struct plan *p, int64_t id) {
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            for (size_t k = 0; k < p->pillars[i].themes[j].n_measures; k++)
                if (p->pillars[i].themes[j].measures[k].id == id)
                    return &p->pillars[i].themes[j].measures[k];
    return NULL;
}

/* The measures asking a decision or off track, each with its KPIs' figures. */
static void collect_focus(struct arena *a, struct hq_pack *pk, kw_date day) {
    pk->focus = arena_alloc(a, (pk->n_lines + 1) * sizeof *pk->focus);
    for (size_t i = 0; i < pk->n_lines; i++) {
        const struct period_line *l = &pk->lines[i];
        const struct measure *m = measure_of(&pk->plan, l->measure_id);
        if (!m)
            continue;
        enum review_state s = (enum review_state)l->review.state;
        bool reported = s == REVIEW_SUBMITTED || s == REVIEW_CONFIRMED;
        struct pack_focus f = {l, m, reported && problem_rating(pk, l->review.rating), false,
                               arena_alloc(a, (m->n_kpis + 1) * sizeof *f.kpis)};
        for (size_t x = 0; x < m->n_kpis; x++) {
            kpi_derive(&m->kpis[x], day, &f.kpis[x]);
            f.off_track |= !m->kpis[x].abolished && f.kpis[x].status == KPI_OFF_TRACK;
        }
        if (f.problem || f.off_track || (reported && l->review.decision))
            pk->focus[pk->n_focus++] = f;
    }
}

int hq_pack_build(struct db *db, struct arena *a, int64_t period_id, kw_date today, struct hq_pack *ret) {
    struct hq_pack pk;
    memset(&pk, 0, sizeof pk);
    int rc = store_period_load(db, a, period_id, &pk.period);
    if (rc == 0)
        rc = store_plan_load(db, a, pk.period.plan_id, LOAD_SUMMARY, &pk.plan);
    if (rc == 0)
        rc = store_period_lines(db, a, &pk.period, &pk.lines, &pk.n_lines);
    if (rc == 0)
        rc = store_plan_as_of(db, a, &pk.plan, pk.period.fy, pk.period.quarter);
    if (rc < 0)
        return rc;
    pk.as_of = quarter_end(pk.period.fy, pk.period.quarter);
    rollup_scale_of(&pk.plan, &pk.scale, &pk.n_scale);
    size_t n = pk.n_lines;
    pk.changes = arena_alloc(a, (n + 1) * sizeof *pk.changes);
    pk.unreported = arena_alloc(a, (n + 1) * sizeof *pk.unreported);
    pk.decisions = arena_alloc(a, (n + 1) * sizeof *pk.decisions);
    for (size_t i = 0; i < n; i++) {
        const struct period_line *l = &pk.lines[i];
        enum review_state s = (enum review_state)l->review.state;
        review_tally_add(&pk.tally, s, period_line_late(&pk.period, l, today));
        bool reported = s == REVIEW_SUBMITTED || s == REVIEW_CONFIRMED;
        if (!reported) {
            pk.unreported[pk.n_unreported++] = l;
            continue;
        }
        const char *now = l->review.rating, *before = l->previous_rating;
        if (now && (!before || strcmp(now, before) != 0))
            pk.changes[pk.n_changes++] = (struct pack_change){l, before, now};
        bool problem = problem_rating(&pk, now);
        if (problem || l->review.decision)
            pk.decisions[pk.n_decisions++] = (struct pack_decision){l, problem};
    }
    size_t n_themes = 0;
    for (size_t i = 0; i < pk.plan.n_pillars; i++)
        n_themes += pk.plan.pillars[i].n_themes;
    pk.pillars = arena_alloc(a, (pk.plan.n_pillars + 1) * sizeof *pk.pillars);
    rollup_plan(&pk.plan, pk.as_of, &pk.rollup, pk.pillars, arena_alloc(a, (n_themes + 1) * sizeof(struct rollup)));
    collect_kpis(a, &pk, pk.as_of);
    collect_focus(a, &pk, pk.as_of);
    *ret = pk;
    return 0;
}
