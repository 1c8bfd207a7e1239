/* /api/v1 for a plan's quarterly review periods: open one, list them, read one with what each
 * measure owes in it and who is late (per department and in total), close one. Each write is one
 * store call; replies show the period as it is. A measure's review in a period: api_review.c. */
#include "http/session.h"
#include "api/api.h"
#include "api/api_input.h"
#include "core/errors.h"
#include "core/review.h"
#include "report/period_tally.h"
#include "store/store.h"

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

static void write_tally(struct jw *w, const struct review_tally *t) {
    jw_key(w, "counts");
    jw_obj_begin(w);
    for (int s = 0; s < REVIEW_NSTATES; s++)
        jw_kint(w, review_state_name((enum review_state)s), t->n[s]);
    jw_kint(w, "late", t->late);
    jw_kint(w, "total", t->total);
    jw_obj_end(w);
}

bool api_period_load(struct req *r, int param, struct review_period *p) {
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
    int rc = store_period_lines(r->db, &r->arena, p, &lines, &n);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
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
        int days = period_line_days_late(p, l, r->today);
        jw_kbool(&w, "late", days >= 0);
        jw_key(&w, "days_late");                 /* past the deadline, to the submission or the close */
        if (days >= 0) jw_int(&w, days); else jw_null(&w);
        jw_kint(&w, "kpis_due", l->kpis_due);
        if (l->review.rating) jw_kstr(&w, "rating", l->review.rating);
        if (l->review.decision) jw_kstr(&w, "decision", l->review.decision);
        if (l->review.submitted_at) jw_kstr(&w, "submitted_at", l->review.submitted_at);
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
        jw_key(&w, "most_days_late");
        if (depts[i].most_days_late >= 0) jw_int(&w, depts[i].most_days_late); else jw_null(&w);
        jw_kint(&w, "unsubmitted_late", depts[i].unsubmitted_late);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    write_tally(&w, &all);
    jw_obj_end(&w);
    resp_json(r, status);
}

/* GET /api/v1/plans/{id}/periods */
void api_periods_list(struct req *r) {
    int64_t plan_id;
    struct review_period *v;
    size_t n;
    if (!api_plan_id(r, &plan_id))
        return;
    int rc = store_periods(r->db, &r->arena, plan_id, &v, &n);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
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
    int64_t plan_id;
    if (!api_plan_id(r, &plan_id))
        return;
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
    if (api_period_load(r, 0, &p))
        period_reply(r, &p, 200);
}

/* POST /api/v1/periods/{id}/close */
void api_period_close(struct req *r) {
    struct review_period p;
    if (!api_period_load(r, 0, &p))
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
