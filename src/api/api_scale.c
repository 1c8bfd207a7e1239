/* /api/v1/plans/{id}/rating-scale: the levels a plan's reviews are rated on (issue 3). GET shows
 * them (the default scale when the plan has none of its own); PUT replaces them with the given
 * levels or a preset: "default" (順調 … 完了) or "letters" (A–D). */
#include <string.h>
#include "http/session.h"
#include "api/api.h"
#include "api/api_input.h"
#include "core/errors.h"
#include "core/review.h"
#include "core/rollup.h"
#include "store/store.h"
#include "xfer/published.h"

/* The plan's scale: the working draft's for its members, its latest published version's for
 * everyone else (the default scale when the one read has none of its own). */
static int scale_as_seen(struct req *r, int64_t plan_id, const struct rating_level **ret, size_t *ret_n) {
    if (r->sees_drafts) {
        struct rating_level *v;
        int rc = store_rating_scale(r->db, &r->arena, plan_id, &v, ret_n);
        *ret = v;
        return rc;
    }
    struct published_plan pp;
    int rc = published_load(r->db, &r->arena, plan_id, &pp);
    if (rc < 0)
        return rc;
    rollup_scale_of(pp.plan, ret, ret_n);
    return 0;
}

static void scale_reply(struct req *r, int64_t plan_id, int status) {
    const struct rating_level *v;
    size_t n;
    int rc = scale_as_seen(r, plan_id, &v, &n);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_kint(&w, "plan_id", plan_id);
    jw_kbool(&w, "default", v == review_default_scale);
    jw_key(&w, "levels");
    jw_arr_begin(&w);
    for (size_t i = 0; i < n; i++) {
        jw_obj_begin(&w);
        jw_kstr(&w, "code", v[i].code);
        jw_kstr(&w, "label", v[i].label);
        if (v[i].color)
            jw_kstr(&w, "color", v[i].color);
        jw_kbool(&w, "problem", v[i].problem);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    resp_json(r, status);
    r->cacheable = status == 200 && strcmp(r->method, "GET") == 0;
}

/* GET /api/v1/plans/{id}/rating-scale */
void api_scale_get(struct req *r) {
    int64_t id;
    if (api_plan_id(r, &id))
        scale_reply(r, id, 200);
}

static const char *const presets[] = {"default", "letters", NULL};

/* Reads "levels" into v; on a bad level replies 422 naming levels[i].field. */
static bool read_levels(struct req *r, struct input *in, struct rating_level **ret, size_t *ret_n) {
    json_t *arr;
    enum input_state st;
    if (!input_array(in, "levels", REVIEW_MAX_LEVELS, IN_REQUIRED, &arr, &st))
        return false;
    size_t n = json_array_size(arr);
    struct rating_level *v = arena_alloc(&r->arena, (n + 1) * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        struct input item;
        const char *color = NULL;
        bool problem = false;
        if (!input_item(in, "levels", arr, i, &item) ||
            !input_text(&item, "code", FIELD_LINE(MODEL_MAX_RATING_CODE), IN_REQUIRED, (const char **)&v[i].code) ||
            !input_label(&item, "label", &field_label, IN_REQUIRED, (const char **)&v[i].label) ||
            !input_text(&item, "color", FIELD_LINE(7), 0, &color) || !input_bool(&item, "problem", 0, &problem, NULL))
            return false;
        v[i].problem = problem;
        v[i].color = color && *color ? (char *)color : NULL;
    }
    size_t bad;
    static const char *const fields[] = {"", "levels", "code", "code", "label", "color"};
    static const char *const messages[] = {"", "too many levels", "must be 1-16 characters without spaces or \"/\" (such as A, S, ◎, 1 or 順調)",
                                           "is used by another level", "must not be blank", "must be a colour like #1a7f37"};
    enum scale_problem p = review_scale_check(v, n, &bad);
    if (p != SCALE_OK) {
        if (p == SCALE_TOO_MANY)
            return input_fail(in, "levels", "%s (at most %d)", messages[p], REVIEW_MAX_LEVELS);
        struct input item;
        return input_item(in, "levels", arr, bad, &item) && input_fail(&item, fields[p], "%s", messages[p]);
    }
    *ret = v;
    *ret_n = n;
    return true;
}

/* PUT /api/v1/plans/{id}/rating-scale */
void api_scale_put(struct req *r) {
    int64_t id;
    if (!api_plan_id(r, &id))
        return;
    struct input in;
    if (!input_begin(r, &in))
        return;
    const char *preset = NULL;
    struct rating_level *v = NULL;
    size_t n = 0;
    bool ok = input_enum(&in, "preset", presets, 0, &preset);
    if (ok && preset) {
        if (strcmp(preset, "letters") == 0) {
            v = (struct rating_level *)review_letter_scale;
            n = review_letter_scale_n;
        }                                              /* "default": no levels of its own */
    } else if (ok) {
        ok = read_levels(r, &in, &v, &n);
    }
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct edit_fail fail = {0};
    int rc = store_rating_scale_set(r->db, id, v, n, req_actor(r), &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        scale_reply(r, id, 200);
}
