/* /api/v1 for citizen feedback (issue 4 point 5): sending an opinion on a measure of a plan's
 * published version, the published opinions of a measure with the office's answers, an
 * organisation's moderation queue with the counts per measure, and moderating one opinion
 * (audited, and named as its moderator, as the signed-in user). Replies that depend on the
 * queue are not cached. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "api/api.h"
#include "api/api_input.h"
#include "core/errors.h"
#include "http/session.h"
#include "store/store_feedback.h"
#include "util/jw.h"
#include "xfer/published.h"

/* The texts as sent, before store_feedback trims them and counts FEEDBACK_TEXT_MAX and
 * FEEDBACK_NAME_MAX characters: room for spaces around them. */
enum { FEEDBACK_BODY_MAX = 64 * 1024, FEEDBACK_TEXT_SENT = FEEDBACK_TEXT_MAX + 1024, FEEDBACK_NAME_SENT = FEEDBACK_NAME_MAX + 256 };

static const struct actor citizen_actor = {"citizen", "api"};

static void write_row(struct jw *w, const struct feedback_row *f, bool moderation) {
    jw_obj_begin(w);
    jw_kint(w, "id", f->id);
    jw_kint(w, "plan_id", f->plan_id);
    jw_kstr(w, "measure_code", f->measure_code);
    jw_kstr(w, "measure_title", f->measure_title);
    jw_kstr(w, "text", f->text);
    jw_kstr(w, "name", f->name);
    jw_kstr(w, "created_at", f->created_at);
    jw_kstr(w, "answer", f->answer);
    jw_kstr(w, "answered_at", f->answered_at);
    if (moderation) {
        jw_key(w, "measure_id");
        if (f->measure_id)
            jw_int(w, f->measure_id);
        else
            jw_null(w);
        jw_kstr(w, "state", f->state);
        jw_kstr(w, "answered_by", f->answered_by);
        jw_kstr(w, "moderated_by", f->moderated_by);
        jw_kstr(w, "moderated_at", f->moderated_at);
    }
    jw_obj_end(w);
}

/* The plan id and the published measure of the URL; false after a 404. */
static bool published_target(struct req *r, int64_t *ret_plan, const struct measure **ret_m) {
    struct published_plan *pub = arena_alloc(&r->arena, sizeof *pub);
    if (!req_param_id(r, 0, ret_plan))
        return false;
    int rc = published_load(r->db, &r->arena, *ret_plan, pub);
    if (rc == KW_ENOTFOUND) {
        resp_error(r, 404, "not_found", "this plan has not been published", NULL);
        return false;
    }
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return false;
    }
    *ret_m = published_measure(pub, r->nparams > 1 ? r->params[1] : NULL, NULL);
    if (!*ret_m) {
        resp_error(r, 404, "not_found", "the published version has no measure of this code", NULL);
        return false;
    }
    return true;
}

/* POST /api/v1/plans/{id}/published/measures/{key*}/feedback */
void api_feedback_post(struct req *r) {
    r->cacheable = false;
    if (r->body_len > FEEDBACK_BODY_MAX) {
        resp_error(r, 413, "too_large", "an opinion's request body may be at most 64 KiB", NULL);
        return;
    }
    int64_t plan_id;
    const struct measure *m;
    if (!published_target(r, &plan_id, &m))
        return;
    struct input in;
    if (!input_begin(r, &in))
        return;
    const char *text = NULL, *name = NULL;
    bool ok = input_text(&in, "text", FIELD_LINES(FEEDBACK_TEXT_SENT), IN_REQUIRED, &text) &&
              input_text(&in, "name", FIELD_LINE(FEEDBACK_NAME_SENT), IN_CLEARABLE, &name);
    ok = input_end(&in) && ok;                   /* the texts were copied into the request's arena */
    if (!ok)
        return;
    struct feedback_new fb = {plan_id, m->key, m->title, text, name, r->remote_addr, (int64_t)time(NULL)};
    struct edit_fail fail = {0};
    int64_t id = 0;
    int rc = store_feedback_submit(r->db, &fb, &citizen_actor, &id, &fail);
    if (rc == KW_ECONFLICT && strcmp(fail.field, FEEDBACK_FIELD_RATE) == 0) {
        resp_header(r, "Retry-After", "3600");
        resp_error(r, 429, "rate_limited", fail.message, NULL);
        return;
    }
    if (rc < 0) {
        input_store_fail(r, rc, &fail);
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_kint(&w, "id", id);
    jw_kstr(&w, "state", "pending");
    jw_obj_end(&w);
    resp_json(r, 201);
}

/* GET /api/v1/plans/{id}/published/measures/{key*}/feedback */
void api_feedback_list(struct req *r) {
    int64_t plan_id;
    const struct measure *m;
    if (!published_target(r, &plan_id, &m))
        return;
    struct feedback_row *rows;
    size_t n;
    int rc = store_feedback_published(r->db, &r->arena, plan_id, m->key, &rows, &n);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    api_list_begin(r, &w);
    for (size_t i = 0; i < n; i++)
        write_row(&w, &rows[i], false);
    api_list_end(r, &w, n);
}

static void write_counts(struct jw *w, const struct feedback_count *c, size_t n) {
    jw_key(w, "counts");
    jw_arr_begin(w);
    for (size_t i = 0; i < n; i++) {
        jw_obj_begin(w);
        jw_kint(w, "plan_id", c[i].plan_id);
        jw_kstr(w, "measure_code", c[i].measure_code);
        jw_kstr(w, "measure_title", c[i].measure_title);
        jw_kint(w, "published", c[i].published);
        jw_kint(w, "pending", c[i].pending);
        jw_kint(w, "rejected", c[i].rejected);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

/* GET /api/v1/orgs/{code}/feedback */
void api_org_feedback(struct req *r) {
    r->cacheable = false;
    struct org o;
    const char *state = req_query(r, "state");
    if (state && strcmp(state, "pending") != 0 && strcmp(state, "published") != 0 && strcmp(state, "rejected") != 0) {
        resp_error(r, 422, "invalid", "state must be pending, published or rejected", "state");
        return;
    }
    int rc = store_org_by_code(r->db, &r->arena, r->params[0], &o);
    struct feedback_row *rows = NULL;
    struct feedback_count *counts = NULL;
    size_t n = 0, n_counts = 0;
    if (rc == 0)
        rc = store_feedback_queue(r->db, &r->arena, o.id, state, &rows, &n);
    if (rc == 0)
        rc = store_feedback_counts(r->db, &r->arena, o.id, &counts, &n_counts);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_key(&w, "items");
    jw_arr_begin(&w);
    for (size_t i = 0; i < n; i++)
        write_row(&w, &rows[i], true);
    jw_arr_end(&w);
    jw_kint(&w, "total", (int64_t)n);
    write_counts(&w, counts, n_counts);
    jw_obj_end(&w);
    resp_json(r, 200);
}

/* POST /api/v1/feedback/{id}/moderation */
void api_feedback_moderation(struct req *r) {
    r->cacheable = false;
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    struct input in;
    if (!input_begin(r, &in))
        return;
    static const char *const decisions[] = {"publish", "reject", NULL};
    const char *decision = NULL, *answer = NULL;
    bool ok = input_enum(&in, "decision", decisions, IN_REQUIRED, &decision) &&
              input_text(&in, "answer", FIELD_LINES(FEEDBACK_TEXT_SENT), IN_CLEARABLE, &answer);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct edit_fail fail = {0};
    /* audited, and named as moderator and answerer, as the signed-in user (issue 13 point 12) */
    int rc = store_feedback_moderate(r->db, id, strcmp(decision, "publish") == 0, answer, req_actor(r), &fail);
    struct feedback_row f;
    if (rc == 0)
        rc = store_feedback_get(r->db, &r->arena, id, &f);
    if (rc == KW_ENOTFOUND && !fail.message[0])
        snprintf(fail.message, sizeof fail.message, "no such opinion");
    if (rc < 0) {
        input_store_fail(r, rc, &fail);
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    write_row(&w, &f, true);
    resp_json(r, 200);
}
