/* GET /api/v1/orgs/{code}/workload (issue 14 point 4, SPEC §4.2): an organisation's workload
 * against its 業務量削減 goal — the hours of a survey year (the baseline), the hours projected
 * after the means applied to its steps, the hours a later survey found (realised), each
 * reduction in % of the baseline, and where they come from by department, means, measure and
 * staff type. The figures are core/workload.c's, as every view shows them. */
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "core/errors.h"
#include "core/fiscal.h"
#include "store/store_means.h"
#include "store/store_workload.h"

/* key: null. */
static void knull(struct jw *w, const char *key) {
    jw_key(w, key);
    jw_null(w);
}

/* A number, or null. */
static void knum_or_null(struct jw *w, const char *key, bool set, double v) {
    if (set)
        jw_knum(w, key, v);
    else
        knull(w, key);
}

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

/* The survey year asked for (?fy=, in any form fy_parse takes), else the goal's baseline year,
 * else the first survey; 0 when there is none. False after replying 400. */
static bool survey_year(struct req *r, const int *years, size_t n, const struct goal *goal, int *ret) {
    const char *q = req_query(r, "fy");
    *ret = 0;
    if (q && *q) {
        if (fy_parse(q, ret) < 0) {
            resp_error(r, 400, "bad_request", "fy must be a fiscal year such as 2024, 令和6年度 or R6", "fy");
            return false;
        }
        return true;
    }
    if (goal && goal->baseline_fy)
        *ret = goal->baseline_fy;
    else if (n)
        *ret = years[0];
    return true;
}

/* GET /api/v1/orgs/{code}/workload */
void api_org_workload(struct req *r) {
    struct org o;
    struct goal goal;
    int64_t goal_plan = 0;
    int *years;
    size_t n_years;
    int rc = store_org_by_code(r->db, &r->arena, r->params[0], &o);
    bool has_goal = false;
    if (rc == 0) {
        int g = store_workload_goal(r->db, &r->arena, o.id, &goal, &goal_plan);
        has_goal = g == 0;
        rc = g == KW_ENOTFOUND ? 0 : g;
    }
    if (rc == 0)
        rc = store_workload_years(r->db, &r->arena, o.id, &years, &n_years);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    int fy;
    if (!survey_year(r, years, n_years, has_goal ? &goal : NULL, &fy))
        return;
    int later = n_years && years[n_years - 1] > fy ? years[n_years - 1] : 0;   /* the latest later survey */
    struct workload_inventory base = {0}, real = {0};
    struct department *depts = NULL;
    struct means *means = NULL;
    size_t n_depts = 0, n_means = 0;
    if (fy)
        rc = store_workload_load(r->db, &r->arena, o.id, fy, &base);
    if (rc == 0 && later)
        rc = store_workload_load(r->db, &r->arena, o.id, later, &real);
    if (rc == 0)
        rc = store_departments(r->db, &r->arena, o.id, &depts, &n_depts);
    if (rc == 0)
        rc = store_means_list(r->db, &r->arena, o.id, &means, &n_means);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct workload_totals t, rt;
    struct workload_breakdown b, rb;
    workload_compute(base.businesses, base.n, base.apps, base.n_apps, &t, &b);
    workload_compute(real.businesses, real.n, NULL, 0, &rt, &rb);

    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    if (fy) jw_kint(&w, "survey_fy", fy); else knull(&w, "survey_fy");
    jw_key(&w, "survey_years");
    jw_arr_begin(&w);
    for (size_t i = 0; i < n_years; i++)
        jw_int(&w, years[i]);
    jw_arr_end(&w);
    jw_knum(&w, "baseline_hours", t.baseline);
    jw_knum(&w, "projected_hours", t.projected);
    if (later) jw_kint(&w, "realised_fy", later); else knull(&w, "realised_fy");
    knum_or_null(&w, "realised_hours", later, rt.baseline);
    knum_or_null(&w, "goal_percent", has_goal, has_goal ? goal.target_value : 0);
    if (has_goal) jw_kint(&w, "goal_plan_id", goal_plan); else knull(&w, "goal_plan_id");
    knum_or_null(&w, "projected_reduction_percent", t.baseline > 0, workload_reduction_percent(t.baseline, t.projected));
    knum_or_null(&w, "realised_reduction_percent", later && t.baseline > 0,
                 workload_reduction_percent(t.baseline, rt.baseline));
    jw_key(&w, "by_staff");
    jw_obj_begin(&w);
    for (int i = 0; i < STAFF_COUNT; i++)
        jw_knum(&w, staff_type_names[i], t.by_staff[i]);
    jw_obj_end(&w);

    jw_key(&w, "by_department");
    jw_arr_begin(&w);
    for (size_t i = 0; i < b.n_department; i++) {
        const struct workload_share *s = &b.by_department[i];
        const struct department *d = department_of(depts, n_depts, s->id);
        jw_obj_begin(&w);
        jw_kint(&w, "id", s->id);
        if (d) { jw_kstr(&w, "code", d->code); jw_kstr(&w, "name", d->name); }
        jw_knum(&w, "baseline_hours", s->baseline);
        jw_knum(&w, "projected_hours", s->baseline - s->saved);
        knum_or_null(&w, "realised_hours", later, department_hours(&rb, s->id));
        jw_obj_end(&w);
    }
    jw_arr_end(&w);

    jw_key(&w, "by_means");
    jw_arr_begin(&w);
    for (size_t i = 0; i < b.n_means; i++) {
        const struct workload_share *s = &b.by_means[i];
        const struct means *m = means_of(means, n_means, s->id);
        jw_obj_begin(&w);
        jw_kint(&w, "id", s->id);
        if (m) jw_kstr(&w, "name", m->name);
        jw_knum(&w, "applied_hours", s->baseline);
        jw_knum(&w, "saved_hours", s->saved);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);

    jw_key(&w, "by_measure");
    jw_arr_begin(&w);
    for (size_t i = 0; i < b.n_measure; i++) {
        const struct workload_share *s = &b.by_measure[i];
        struct measure m;
        struct measure_ref ref;
        jw_obj_begin(&w);
        if (s->id && store_measure_load(r->db, &r->arena, s->id, &m, &ref) == 0) {
            jw_kint(&w, "id", s->id);
            jw_kint(&w, "plan_id", ref.plan_id);
            jw_kstr(&w, "code", m.key ? m.key : m.code);
            jw_kstr(&w, "title", m.title);
        } else {
            knull(&w, "id");                       /* applied without a measure delivering it yet */
        }
        jw_knum(&w, "applied_hours", s->baseline);
        jw_knum(&w, "saved_hours", s->saved);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    workload_breakdown_free(&b);
    workload_breakdown_free(&rb);
    api_reply(r, 200);
}
