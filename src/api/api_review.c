/* /api/v1 for the quarterly review cycle: a plan's review periods (open, list, close), who owes
 * what in a period and who is late, and each measure's review with its steps (save or submit,
 * send back, confirm, decide). Each write is one store call; replies show the entity as it is. */
#include <string.h>
#include "http/session.h"
#include "api/api.h"
#include "api/api_input.h"
#include "core/errors.h"
#include "core/review.h"
#include "report/period_tally.h"
#include "store/store.h"

/* ---- replies */

static void write_period(struct jw *w, const struct review_period *p) {
    jw_kint(w, "id", p->id);
    jw_kint(w, "plan_id", p->plan_id);
    jw_kint(w, "fy", p->fy);
    jw_kint(w, "quarter", p->quarter);
    jw_kstr(w, "deadline", p->deadline);
    jw_kstr(w, "status", p->closed ? "closed" : "open");
    jw_kstr(w, "opened_at", p->opened_at);
    if (p->opened_by) jw_kstr(w, "opened_by", p->opened_by);
    if (p->closed) {
        jw_kstr(w, "closed_at", p->closed_at);
        if (p->closed_by) jw_kstr(w, "closed_by", p->closed_by);
    }
}

static void opt_str(struct jw *w, const char *key, const char *s) {
    if (s)
        jw_kstr(w, key, s);
}

static void write_review(struct jw *w, const struct review *rv) {
    jw_obj_begin(w);
    jw_kint(w, "fy", rv->fy);
    jw_kint(w, "quarter", rv->quarter);
    jw_kstr(w, "state", review_state_name((enum review_state)rv->state));
    opt_str(w, "rating", rv->rating);
    opt_str(w, "text", rv->text);
    opt_str(w, "issues", rv->issues);
    opt_str(w, "next_steps", rv->next_steps);
    opt_str(w, "office_comment", rv->office_comment);
    opt_str(w, "decision", rv->decision);
    opt_str(w, "decision_note", rv->decision_note);
    opt_str(w, "submitted_by", rv->submitted_by);
    opt_str(w, "submitted_at", rv->submitted_at);
    opt_str(w, "confirmed_by", rv->confirmed_by);
    opt_str(w, "confirmed_at", rv->confirmed_at);
    opt_str(w, "decided_by", rv->decided_by);
    opt_str(w, "decided_at", rv->decided_at);
    opt_str(w, "updated_at", rv->updated_at);
    jw_obj_end(w);
}

static void write_tally(struct jw *w, const struct review_tally *t) {
    jw_key(w, "counts");
    jw_obj_begin(w);
    for (int s = 0; s < REVIEW_NSTATES; s++)
        jw_kint(w, review_state_name((enum review_state)s), t->n[s]);
    jw_kint(w, "late", t->late);
    jw_kint(w, "total", t->total);
    jw_obj_end(w);
}

static bool load_period(struct req *r, int param, struct review_period *p) {
    int64_t id;
    int rc = req_param_id(r, param, &id) ? store_period_load(r->db, &r->arena, id, p) : KW_ENOTFOUND;
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return false;
    }
    return true;
}

/* The period with every measure's state and the tallies per department (who is late). */
static void period_reply(struct req *r, const struct review_period *p, int status) {
    struct period_line *lines;
    size_t n, nd;
    if (store_period_lines(r->db, &r->arena, p, &lines, &n) < 0) {
        resp_store_error(r, KW_EDB, NULL, NULL);
        return;
    }
    struct dept_tally *depts;
    struct review_tally all;
    period_tally(&r->arena, p, lines, n, r->today, &depts, &nd, &all);
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    write_period(&w, p);
    jw_key(&w, "measures");
    jw_arr_begin(&w);
    for (size_t i = 0; i < n; i++) {
        const struct period_line *l = &lines[i];
        jw_obj_begin(&w);
        jw_kint(&w, "measure_id", l->measure_id);
        jw_kstr(&w, "code", l->code);
        jw_kstr(&w, "title", l->title);
        if (l->dept_id) {
            jw_key(&w, "department");
            jw_obj_begin(&w);
            jw_kint(&w, "id", l->dept_id);
            jw_kstr(&w, "name", l->dept_name);
            jw_obj_end(&w);
        }
        jw_kstr(&w, "state", review_state_name((enum review_state)l->review.state));
        jw_kbool(&w, "late", period_line_late(p, l, r->today));
        jw_kint(&w, "kpis_due", l->kpis_due);
        opt_str(&w, "rating", l->review.rating);
        opt_str(&w, "decision", l->review.decision);
        opt_str(&w, "submitted_at", l->review.submitted_at);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_key(&w, "departments");               /* in the order departments first appear in the plan */
    jw_arr_begin(&w);
    for (size_t i = 0; i < nd; i++) {
        jw_obj_begin(&w);
        if (depts[i].dept_id) {
            jw_kint(&w, "id", depts[i].dept_id);
            jw_kstr(&w, "name", depts[i].dept_name);
        }
        write_tally(&w, &depts[i].tally);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    write_tally(&w, &all);
    jw_obj_end(&w);
    resp_json(r, status);
}

/* ---- periods */

/* GET /api/v1/plans/{id}/periods */
void api_periods_list(struct req *r) {
    int64_t plan_id, org_id;
    struct review_period *v;
    size_t n;
    if (!req_param_id(r, 0, &plan_id) || store_plan_org(r->db, plan_id, &org_id) < 0) {
        resp_store_error(r, KW_ENOTFOUND, NULL, NULL);
        return;
    }
    if (store_periods(r->db, &r->arena, plan_id, &v, &n) < 0) {
        resp_store_error(r, KW_EDB, NULL, NULL);
        return;
    }
    struct jw w;
    api_list_begin(r, &w);
    for (size_t i = 0; i < n; i++) {
        jw_obj_begin(&w);
        write_period(&w, &v[i]);
        jw_obj_end(&w);
    }
    api_list_end(r, &w, n);
}

/* POST /api/v1/plans/{id}/periods */
void api_period_post(struct req *r) {
    int64_t plan_id, org_id;
    if (!req_param_id(r, 0, &plan_id) || store_plan_org(r->db, plan_id, &org_id) < 0) {
        resp_store_error(r, KW_ENOTFOUND, NULL, NULL);
        return;
    }
    struct input in;
    if (!input_begin(r, &in))
        return;
    int fy = 0;
    int64_t quarter = 0;
    const char *deadline = NULL;
    enum input_state st;
    bool ok = input_fy(&in, "fy", IN_REQUIRED, &fy, &st) && input_int(&in, "quarter", 1, 4, IN_REQUIRED, &quarter, &st) &&
              input_date(&in, "deadline", IN_REQUIRED, &deadline);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct edit_fail fail = {0};
    int64_t id = 0;
    int rc = store_period_open(r->db, plan_id, fy, (int)quarter, deadline, req_actor(r), &id, &fail);
    struct review_period p;
    if (rc == 0)
        rc = store_period_load(r->db, &r->arena, id, &p);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        period_reply(r, &p, 201);
}

/* GET /api/v1/periods/{id} */
void api_period_get(struct req *r) {
    struct review_period p;
    if (load_period(r, 0, &p))
        period_reply(r, &p, 200);
}

/* POST /api/v1/periods/{id}/close */
void api_period_close(struct req *r) {
    struct review_period p;
    if (!load_period(r, 0, &p))
        return;
    struct edit_fail fail = {0};
    int rc = store_period_close(r->db, p.id, req_actor(r), &fail);
    if (rc == 0)
        rc = store_period_load(r->db, &r->arena, p.id, &p);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        period_reply(r, &p, 200);
}

/* ---- a measure's review in a period */

static void review_reply(struct req *r, const struct review_period *p, int64_t measure_id, int status) {
    struct review rv, prev;
    int rc = store_review_get(r->db, &r->arena, p, measure_id, &rv, &prev);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_kint(&w, "period_id", p->id);
    jw_kint(&w, "measure_id", measure_id);
    jw_kstr(&w, "period_status", p->closed ? "closed" : "open");
    jw_key(&w, "review");
    write_review(&w, &rv);
    if (prev.state != REVIEW_MISSING) {
        jw_key(&w, "previous");               /* last quarter's report: the starting point */
        write_review(&w, &prev);
    }
    jw_obj_end(&w);
    resp_json(r, status);
}

/* GET /api/v1/periods/{id}/measures/{mid}/review */
void api_review_get(struct req *r) {
    struct review_period p;
    int64_t measure_id;
    if (!load_period(r, 0, &p))
        return;
    if (!req_param_id(r, 1, &measure_id)) {
        resp_store_error(r, KW_ENOTFOUND, NULL, NULL);
        return;
    }
    review_reply(r, &p, measure_id, 200);
}

enum { MAX_KPI_VALUES = 100 };

/* "kpi_values": [{"kpi_id": 1, "value": 12.5, "note": "…"}] */
static bool read_kpi_values(struct req *r, struct input *in, struct review_input *ri) {
    json_t *arr;
    enum input_state st;
    if (!input_array(in, "kpi_values", MAX_KPI_VALUES, 0, &arr, &st))
        return false;
    size_t n = arr ? json_array_size(arr) : 0;
    struct review_kpi_value *v = n ? arena_alloc(&r->arena, n * sizeof *v) : NULL;
    for (size_t i = 0; i < n; i++) {
        struct input item;
        if (!input_item(in, "kpi_values", arr, i, &item))
            return false;
        if (!(input_id(&item, "kpi_id", &v[i].kpi_id) && input_number(&item, "value", IN_REQUIRED, &v[i].value, &st) &&
              input_text(&item, "note", &field_note, 0, &v[i].note)))
            return false;
        if (!v[i].kpi_id)
            return input_fail(&item, "kpi_id", "is required");
    }
    ri->values = v;
    ri->n_values = n;
    return true;
}

/* Runs one step on the review named by the path, with what the body holds for it. */
static void review_step(struct req *r, enum review_step step) {
    struct review_period p;
    int64_t measure_id;
    if (!load_period(r, 0, &p))
        return;
    if (!req_param_id(r, 1, &measure_id)) {
        resp_store_error(r, KW_ENOTFOUND, NULL, NULL);
        return;
    }
    struct review_input ri = {0};
    if (step != STEP_CONFIRM) {
        struct input in;
        if (!input_begin(r, &in))
            return;
        bool ok = true;
        if (step == STEP_SAVE) {
            bool submit = false;
            ok = input_bool(&in, "submit", 0, &submit, NULL);
            if (submit)
                step = STEP_SUBMIT;
            ok = ok && input_text(&in, "rating", &field_label, 0, &ri.rating) &&
                 input_text(&in, "text", &field_text, 0, &ri.text) &&
                 input_text(&in, "issues", &field_text, 0, &ri.issues) &&
                 input_text(&in, "next_steps", &field_text, 0, &ri.next_steps) && read_kpi_values(r, &in, &ri);
        } else if (step == STEP_SEND_BACK) {
            ok = input_text(&in, "comment", &field_text, IN_REQUIRED, &ri.comment);
        } else {
            ok = input_enum(&in, "decision", review_decisions, IN_REQUIRED, &ri.decision) &&
                 input_text(&in, "note", &field_text, 0, &ri.decision_note);
        }
        ok = input_end(&in) && ok;
        if (!ok)
            return;
    }
    struct edit_fail fail = {0};
    int rc = store_review_step(r->db, p.id, measure_id, step, &ri, req_actor(r), &fail);
    if (rc < 0) {
        input_store_fail(r, rc, &fail);
        return;
    }
    review_reply(r, &p, measure_id, 200);
}

/* PUT /api/v1/periods/{id}/measures/{mid}/review */
void api_review_put(struct req *r) { review_step(r, STEP_SAVE); }
/* POST /api/v1/periods/{id}/measures/{mid}/review/send-back */
void api_review_send_back(struct req *r) { review_step(r, STEP_SEND_BACK); }
/* POST /api/v1/periods/{id}/measures/{mid}/review/confirm */
void api_review_confirm(struct req *r) { review_step(r, STEP_CONFIRM); }
/* POST /api/v1/periods/{id}/measures/{mid}/review/decision */
void api_review_decide(struct req *r) { review_step(r, STEP_DECIDE); }
