/* /api/v1 for each measure's review in a quarterly review period, with its steps (save or
 * submit, send back, confirm, decide). Each write is one store call; the reply shows the review as
 * it is, with last quarter's report. The periods themselves: api_period.c. */
#include "http/session.h"
#include "api/api.h"
#include "api/api_input.h"
#include "core/errors.h"
#include "core/review.h"
#include "store/store.h"

/* ---- replies */

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
    if (!api_period_load(r, 0, &p))
        return;
    if (!req_param_id(r, 1, &measure_id))
        return;
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
    if (!api_period_load(r, 0, &p))
        return;
    if (!req_param_id(r, 1, &measure_id))
        return;
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
