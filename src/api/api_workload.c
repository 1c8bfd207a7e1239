/* GET /api/v1/orgs/{code}/workload (issue 14 point 4, SPEC §4.2): an organisation's workload
 * against its 業務量削減 goal — the hours of a survey year (the baseline), the hours projected
 * after the means applied to its steps, the hours a later survey found (realised), each
 * reduction in % of the baseline, and where they come from by department, means, measure and
 * staff type. The figures are report/workload_summary.c's, which the workload page prints too. */
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "core/errors.h"
#include "core/fiscal.h"
#include "report/workload_summary.h"

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

/* The survey year asked for (?fy=, in any form fy_parse takes), or 0 for the summary's default
 * (the goal's baseline year, else the first survey). False after replying 400. */
static bool survey_year(struct req *r, int *ret) {
    *ret = 0;
    return req_fy_or_400(r, "fy", req_query(r, "fy"), ret);
}

/* A means' or a measure's row: its credit. */
static void credit(struct jw *w, const struct workload_credit_row *c) {
    jw_knum(w, "applied_hours", c->applied);
    jw_knum(w, "saved_hours", c->saved);
}

/* GET /api/v1/orgs/{code}/workload */
void api_org_workload(struct req *r) {
    struct org o;
    int fy;
    if (!survey_year(r, &fy))
        return;
    struct workload_summary s;
    int rc = store_org_by_code(r->db, &r->arena, r->params[0], &o);
    if (rc == 0)
        rc = workload_summary_build(r->db, &r->arena, o.id, fy, &s);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    bool later = s.realised_fy != 0;
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    if (s.survey_fy) jw_kint(&w, "survey_fy", s.survey_fy); else knull(&w, "survey_fy");
    jw_key(&w, "survey_years");
    jw_arr_begin(&w);
    for (size_t i = 0; i < s.n_years; i++)
        jw_int(&w, s.years[i]);
    jw_arr_end(&w);
    jw_knum(&w, "baseline_hours", s.totals.baseline);
    jw_knum(&w, "projected_hours", s.totals.projected);
    if (later) jw_kint(&w, "realised_fy", s.realised_fy); else knull(&w, "realised_fy");
    knum_or_null(&w, "realised_hours", later, s.realised_hours);
    knum_or_null(&w, "goal_percent", s.has_goal, s.has_goal ? s.goal.target_value : 0);
    if (s.has_goal) jw_kint(&w, "goal_plan_id", s.goal_plan_id); else knull(&w, "goal_plan_id");
    knum_or_null(&w, "projected_reduction_percent", s.has_projected_reduction, s.projected_reduction);
    knum_or_null(&w, "realised_reduction_percent", s.has_realised_reduction, s.realised_reduction);
    /* the hours the means free, and where freed hours went (the entries from the survey year on) */
    jw_knum(&w, "freed_hours", s.totals.baseline - s.totals.projected);
    knum_or_null(&w, "realised_freed_hours", later, s.totals.baseline - s.realised_hours);
    jw_key(&w, "reallocations");
    jw_arr_begin(&w);
    for (size_t i = 0; i < s.n_reallocations; i++)
        api_reallocation_write(&w, &s.reallocations[i]);
    jw_arr_end(&w);
    jw_knum(&w, "reallocated_hours", s.reallocated_hours);
    jw_key(&w, "by_staff");
    jw_obj_begin(&w);
    for (int i = 0; i < STAFF_COUNT; i++)
        jw_knum(&w, staff_type_names[i], s.totals.by_staff[i]);
    jw_obj_end(&w);

    jw_key(&w, "by_department");
    jw_arr_begin(&w);
    for (size_t i = 0; i < s.n_department; i++) {
        const struct workload_dept_row *d = &s.by_department[i];
        jw_obj_begin(&w);
        jw_kint(&w, "id", d->id);
        if (d->code) { jw_kstr(&w, "code", d->code); jw_kstr(&w, "name", d->name); }
        jw_knum(&w, "baseline_hours", d->baseline);
        jw_knum(&w, "projected_hours", d->projected);
        knum_or_null(&w, "realised_hours", later, d->realised);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);

    jw_key(&w, "by_means");
    jw_arr_begin(&w);
    for (size_t i = 0; i < s.n_means; i++) {
        jw_obj_begin(&w);
        jw_kint(&w, "id", s.by_means[i].id);
        if (s.by_means[i].name) jw_kstr(&w, "name", s.by_means[i].name);
        credit(&w, &s.by_means[i]);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);

    jw_key(&w, "by_measure");
    jw_arr_begin(&w);
    for (size_t i = 0; i < s.n_measure; i++) {
        const struct workload_credit_row *m = &s.by_measure[i];
        jw_obj_begin(&w);
        if (m->id) {
            jw_kint(&w, "id", m->id);
            jw_kint(&w, "plan_id", m->plan_id);
            jw_kstr(&w, "code", m->key);
            jw_kstr(&w, "title", m->name);
        } else {
            knull(&w, "id");                       /* applied without a measure delivering it yet */
        }
        credit(&w, m);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    api_reply(r, 200);
}
