/* The workload summary (workload_summary.h): the survey year chosen, its inventory and the latest
 * later survey loaded, core/workload.c's computation run on them, and each breakdown row given
 * the name of its department, means or measure. The page and the API print what this builds. */
#include <string.h>
#include "core/errors.h"
#include "report/workload_summary.h"
#include "store/store_means.h"

static const struct department *department_of(const struct department *d, size_t n, int64_t id) {
    for (size_t i = 0; i < n; i++)
        if (d[i].id == id)
            return &d[i];
    return NULL;
}

static const struct means *means_of(const struct means *m, size_t n, int64_t id) {
    for (size_t i = 0; i < n; i++)
        if (m[i].id == id)
            return &m[i];
    return NULL;
}

/* The baseline hours of department id in a breakdown (0 when it has none). */
static double department_hours(const struct workload_breakdown *b, int64_t id) {
    for (size_t i = 0; i < b->n_department; i++)
        if (b->by_department[i].id == id)
            return b->by_department[i].baseline;
    return 0;
}

/* The rows of the breakdown b, named, into s (allocated in a). */
static int name_rows(struct db *db, struct arena *a, int64_t org_id, const struct workload_breakdown *b,
                     const struct workload_breakdown *rb, struct workload_summary *s) {
    struct department *depts = NULL;
    struct means *means = NULL;
    size_t n_depts = 0, n_means = 0;
    int rc = store_departments(db, a, org_id, &depts, &n_depts);
    if (rc == 0)
        rc = store_means_list(db, a, org_id, &means, &n_means);
    if (rc < 0)
        return rc;
    s->n_department = b->n_department;
    s->by_department = arena_alloc(a, (b->n_department + 1) * sizeof *s->by_department);
    for (size_t i = 0; i < b->n_department; i++) {
        const struct workload_share *sh = &b->by_department[i];
        const struct department *d = department_of(depts, n_depts, sh->id);
        s->by_department[i] = (struct workload_dept_row){sh->id, d ? d->code : NULL, d ? d->name : NULL, sh->baseline,
                                                         sh->baseline - sh->saved, department_hours(rb, sh->id)};
    }
    s->n_means = b->n_means;
    s->by_means = arena_alloc(a, (b->n_means + 1) * sizeof *s->by_means);
    for (size_t i = 0; i < b->n_means; i++) {
        const struct means *m = means_of(means, n_means, b->by_means[i].id);
        s->by_means[i] = (struct workload_credit_row){b->by_means[i].id, 0, m ? m->name : NULL, NULL,
                                                      b->by_means[i].baseline, b->by_means[i].saved};
    }
    s->n_measure = b->n_measure;
    s->by_measure = arena_alloc(a, (b->n_measure + 1) * sizeof *s->by_measure);
    for (size_t i = 0; i < b->n_measure; i++) {
        const struct workload_share *sh = &b->by_measure[i];
        struct workload_credit_row *row = &s->by_measure[i];
        struct measure m;
        struct measure_ref ref;
        *row = (struct workload_credit_row){0, 0, NULL, NULL, sh->baseline, sh->saved};
        if (sh->id && store_measure_load(db, a, sh->id, &m, &ref) == 0) {
            row->id = sh->id;
            row->plan_id = ref.plan_id;
            row->key = m.key ? m.key : m.code;
            row->name = m.title;
        }
    }
    return 0;
}

int workload_summary_build(struct db *db, struct arena *a, int64_t org_id, int fy, struct workload_summary *ret) {
    struct workload_summary s;
    memset(&s, 0, sizeof s);
    int rc = store_workload_goal(db, a, org_id, &s.goal, &s.goal_plan_id);
    s.has_goal = rc == 0;
    if (rc == KW_ENOTFOUND)
        rc = 0;
    if (rc == 0)
        rc = store_workload_years(db, a, org_id, &s.years, &s.n_years);
    if (rc < 0)
        return rc;
    if (!fy)
        fy = s.has_goal && s.goal.baseline_fy ? s.goal.baseline_fy : s.n_years ? s.years[0] : 0;
    s.survey_fy = fy;
    s.realised_fy = s.n_years && s.years[s.n_years - 1] > fy ? s.years[s.n_years - 1] : 0;
    struct workload_inventory real = {0};
    if (fy)
        rc = store_workload_load(db, a, org_id, fy, &s.base);
    if (rc == 0 && s.realised_fy)
        rc = store_workload_load(db, a, org_id, s.realised_fy, &real);
    if (rc < 0)
        return rc;
    struct workload_totals rt;
    struct workload_breakdown b, rb;
    workload_compute(s.base.businesses, s.base.n, s.base.apps, s.base.n_apps, &s.totals, &b);
    workload_compute(real.businesses, real.n, NULL, 0, &rt, &rb);
    s.realised_hours = rt.baseline;
    s.has_projected_reduction = s.totals.baseline > 0;
    s.projected_reduction = workload_reduction_percent(s.totals.baseline, s.totals.projected);
    s.has_realised_reduction = s.realised_fy && s.totals.baseline > 0;
    s.realised_reduction = workload_reduction_percent(s.totals.baseline, rt.baseline);
    rc = name_rows(db, a, org_id, &b, &rb, &s);
    struct reallocation *moved = NULL;
    size_t n_moved = 0;
    if (rc == 0)
        rc = store_reallocations(db, a, org_id, &moved, &n_moved);
    s.reallocations = arena_alloc(a, (n_moved + 1) * sizeof *s.reallocations);
    for (size_t i = 0; rc == 0 && i < n_moved; i++)
        if (moved[i].fy >= s.survey_fy) {
            s.reallocations[s.n_reallocations++] = moved[i];
            s.reallocated_hours += moved[i].hours;
        }
    workload_breakdown_free(&b);
    workload_breakdown_free(&rb);
    if (rc == 0)
        *ret = s;
    return rc;
}
