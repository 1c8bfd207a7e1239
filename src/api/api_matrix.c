/* /api/v1 handlers of the STEP3 matrix (issue 14 point 3): a means of the catalogue applied to a
 * step (POST /steps/{id}/applications), an application changed or removed, and the matrix of a
 * survey FY as the page shows it — the businesses with their numbered steps and hours, the means
 * applied (rows) with the hours each saves, and the applications (cells) — narrowed by
 * department, means and measure. An application is {"id","step_id","means_id","measure_id",
 * "reduction","planned_fy","status"} with the status names of core/workload.h. */
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "api/api_entity.h"
#include "core/errors.h"
#include "core/fiscal.h"
#include "http/session.h"
#include "store/store_matrix.h"

static void application_write(struct jw *w, const struct means_application *x) {
    jw_obj_begin(w);
    jw_kint(w, "id", x->id);
    jw_kint(w, "step_id", x->step_id);
    jw_kint(w, "means_id", x->means_id);
    jw_key(w, "measure_id");
    if (x->measure_id) jw_int(w, x->measure_id); else jw_null(w);
    jw_knum(w, "reduction", x->reduction);
    jw_key(w, "planned_fy");
    if (x->planned_fy) jw_int(w, x->planned_fy); else jw_null(w);
    jw_kstr(w, "status", application_status_names[x->status]);
    jw_obj_end(w);
}

static void application_reply(struct req *r, int64_t id, int status) {
    struct means_application x;
    int rc = store_application_get(r->db, id, &x, NULL);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    application_write(&w, &x);
    api_reply(r, status);
}

static bool application_fields(struct input *in, unsigned req, void *wp) {
    struct application_patch *p = wp;
    enum input_state ms = INPUT_ABSENT, rs = INPUT_ABSENT, fs = INPUT_ABSENT;
    const char *status = NULL;
    if (req && !input_id(in, "means_id", &p->means_id))
        return false;
    if (req && !p->means_id)
        return input_fail(in, "means_id", "is required");
    if (!(input_int(in, "measure_id", 1, INT64_MAX, IN_CLEARABLE, &p->measure_id, &ms) &&
          input_number(in, "reduction", 0, &p->reduction, &rs) &&
          input_fy(in, "planned_fy", IN_CLEARABLE, &p->planned_fy, &fs) &&
          input_enum(in, "status", application_status_names, 0, &status)))
        return false;
    p->set_measure = ms != INPUT_ABSENT;
    if (ms == INPUT_NULL)
        p->measure_id = 0;
    p->set_reduction = rs == INPUT_SET;
    p->set_planned_fy = fs != INPUT_ABSENT;
    if (fs == INPUT_NULL)
        p->planned_fy = 0;
    if (status && *status) {
        p->set_status = true;
        for (int i = 0; application_status_names[i]; i++)
            if (strcmp(application_status_names[i], status) == 0)
                p->status = (enum application_status)i;
    }
    return true;
}

static int application_create(struct req *r, int64_t step_id, const void *p, int64_t *ret_id, struct edit_fail *fail) {
    return store_application_create(r->db, step_id, p, req_actor(r), ret_id, fail);
}

static int application_update(struct req *r, int64_t id, const void *p, struct edit_fail *fail) {
    return store_application_update(r->db, id, p, req_actor(r), fail);
}

static const struct api_entity application_entity = {
    sizeof(struct application_patch), false, application_fields, application_create, application_update,
    store_application_delete, application_reply,
};

/* POST /api/v1/steps/{id}/applications */
void api_matrix_application_post(struct req *r) { api_entity_post(r, &application_entity); }

/* PATCH /api/v1/applications/{id} */
void api_matrix_application_patch(struct req *r) { api_entity_patch(r, &application_entity); }

/* DELETE /api/v1/applications/{id} */
void api_matrix_application_delete(struct req *r) { api_entity_delete(r, &application_entity); }

/* ---- the matrix */

/* An id of the query (0 when absent); false after replying 400 naming it. */
static bool query_id(struct req *r, const char *key, int64_t *ret) {
    const char *q = req_query(r, key);
    *ret = 0;
    if (!q || !*q)
        return true;
    char *end;
    long long v = strtoll(q, &end, 10);
    if (*q < '1' || *q > '9' || *end) {
        resp_error(r, 400, "bad_request", "must be an id", key);
        return false;
    }
    *ret = v;
    return true;
}

static void unknown(struct req *r, const char *key) {
    resp_error(r, 400, "bad_request", "is not one of this organisation's", key);
}

/* GET /api/v1/orgs/{code}/matrix */
void api_org_matrix(struct req *r) {
    struct org o;
    int fy = 0, *years = NULL;
    size_t n_years = 0;
    int rc = store_org_by_code(r->db, &r->arena, r->params[0], &o);
    if (rc == 0)
        rc = store_matrix_default_fy(r->db, &r->arena, o.id, &fy, &years, &n_years);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    if (!req_fy_or_400(r, "fy", req_query(r, "fy"), &fy))
        return;
    struct matrix_filter f = {0};
    if (!query_id(r, "means", &f.means_id) || !query_id(r, "measure", &f.measure_id))
        return;
    struct matrix m;
    if ((rc = store_matrix_load(r->db, &r->arena, o.id, fy, &f, &m)) < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    const char *dept = req_query(r, "dept");
    const struct department *d = NULL;
    for (size_t i = 0; dept && *dept && i < m.n_departments && !d; i++)
        if (strcmp(m.departments[i].code, dept) == 0)
            d = &m.departments[i];
    bool means_ok = !f.means_id, measure_ok = !f.measure_id;
    for (size_t i = 0; i < m.n_means; i++)
        means_ok = means_ok || m.means[i].id == f.means_id;
    for (size_t i = 0; i < m.n_measures; i++)
        measure_ok = measure_ok || m.measures[i].id == f.measure_id;
    if (dept && *dept && !d) {
        unknown(r, "dept");
        return;
    }
    if (!means_ok || !measure_ok) {
        unknown(r, means_ok ? "measure" : "means");
        return;
    }
    if (d) {                                        /* narrowed to the department: load again */
        f.department_id = d->id;
        if ((rc = store_matrix_load(r->db, &r->arena, o.id, fy, &f, &m)) < 0) {
            resp_store_error(r, rc, NULL, NULL);
            return;
        }
    }

    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_key(&w, "survey_fy");
    if (fy) jw_int(&w, fy); else jw_null(&w);
    jw_key(&w, "survey_years");
    jw_arr_begin(&w);
    for (size_t i = 0; i < n_years; i++)
        jw_int(&w, years[i]);
    jw_arr_end(&w);
    jw_knum(&w, "baseline_hours", m.totals.baseline);
    jw_knum(&w, "projected_hours", m.totals.projected);
    jw_key(&w, "businesses");
    jw_arr_begin(&w);
    for (size_t i = 0; i < m.w.n; i++) {
        const struct business *b = &m.w.businesses[i];
        jw_obj_begin(&w);
        jw_kint(&w, "id", b->id);
        for (size_t j = 0; j < m.n_departments; j++)
            if (m.departments[j].id == b->department_id) {
                jw_key(&w, "department");
                jw_obj_begin(&w);
                jw_kint(&w, "id", b->department_id);
                jw_kstr(&w, "code", m.departments[j].code);
                jw_kstr(&w, "name", m.departments[j].name);
                jw_obj_end(&w);
            }
        jw_kstr(&w, "code", b->code);
        jw_kstr(&w, "name", b->name);
        jw_knum(&w, "volume", b->volume);
        jw_knum(&w, "hours", workload_business_hours(b, NULL));
        jw_key(&w, "steps");
        jw_arr_begin(&w);
        for (size_t k = 0; k < b->n_steps; k++) {
            const struct step *s = &b->steps[k];
            jw_obj_begin(&w);
            jw_kint(&w, "id", s->id);
            jw_kint(&w, "number", s->number);
            jw_kstr(&w, "name", s->name);
            jw_knum(&w, "minutes", s->minutes);
            jw_knum(&w, "hours", workload_step_hours(b, s));
            jw_kstr(&w, "staff", staff_type_names[s->staff]);
            jw_kstr(&w, "channel", channel_names[s->channel]);
            jw_obj_end(&w);
        }
        jw_arr_end(&w);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_key(&w, "means");
    jw_arr_begin(&w);
    for (size_t i = 0; i < m.n_means; i++) {
        if (!m.means_shown[i])
            continue;
        jw_obj_begin(&w);
        jw_kint(&w, "id", m.means[i].id);
        jw_kstr(&w, "name", m.means[i].name);
        jw_knum(&w, "reduction", m.means[i].reduction);
        jw_knum(&w, "saved_hours", m.means_saved[i]);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_key(&w, "applications");
    jw_arr_begin(&w);
    for (size_t i = 0; i < m.w.n_apps; i++)
        application_write(&w, &m.w.apps[i]);
    jw_arr_end(&w);
    jw_obj_end(&w);
    api_reply(r, 200);
}
