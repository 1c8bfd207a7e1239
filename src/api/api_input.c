/* Reading /api/v1 request bodies member by member (see api_input.h) with the readers of
 * xfer/json_in.h, which plan documents use too. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "api/api_input.h"
#include "xfer/json_in.h"


/* The members the helpers read, and the objects they opened (whose members are checked). */
struct seen_member { const json_t *obj; const char *key; };

struct input_track {
    struct seen_member *seen;
    size_t n_seen, cap_seen;
    struct { const json_t *obj; char prefix[64]; } *opened;
    size_t n_opened, cap_opened;
    bool failed;                   /* a reply has been sent */
};

static void track_open(struct input *in) {
    struct input_track *t = in->track;
    t->opened = arena_grow(&in->r->arena, t->opened, sizeof *t->opened, &t->cap_opened, t->n_opened + 1);
    t->opened[t->n_opened].obj = in->obj;
    snprintf(t->opened[t->n_opened].prefix, sizeof t->opened[t->n_opened].prefix, "%s", in->prefix);
    t->n_opened++;
}

static void track_seen(struct input *in, const char *key) {
    struct input_track *t = in->track;
    if (!t)
        return;
    t->seen = arena_grow(&in->r->arena, t->seen, sizeof *t->seen, &t->cap_seen, t->n_seen + 1);
    t->seen[t->n_seen].obj = in->obj;
    t->seen[t->n_seen].key = key;
    t->n_seen++;
}

static bool was_seen(const struct input_track *t, const json_t *obj, const char *key) {
    for (size_t i = 0; i < t->n_seen; i++)
        if (t->seen[i].obj == obj && strcmp(t->seen[i].key, key) == 0)
            return true;
    return false;
}

/* The order of seen members for input_end's binary search: by object, then key. */
static int seen_cmp(const void *x, const void *y) {
    const struct seen_member *a = x, *b = y;
    if (a->obj != b->obj)
        return (uintptr_t)a->obj < (uintptr_t)b->obj ? -1 : 1;
    return strcmp(a->key, b->key);
}

bool input_begin(struct req *r, struct input *in) {
    memset(in, 0, sizeof *in);
    in->r = r;
    in->track = arena_alloc(&r->arena, sizeof *in->track);
    if (!r->body || r->body_len == 0) {
        resp_error(r, 400, "bad_request", "the request needs a JSON body", NULL);
        return false;
    }
    char msg[JSON_IN_MSG];
    json_t *v = json_in_parse(r->body, r->body_len, "the body", msg, sizeof msg);
    if (!v) {
        resp_error(r, 400, "bad_json", msg, NULL);
        return false;
    }
    if (!json_is_object(v)) {
        json_decref(v);
        resp_error(r, 422, "invalid", "the body must be a JSON object", NULL);
        return false;
    }
    in->root = in->obj = v;
    track_open(in);
    return true;
}

/* Replies 400 unknown_field naming field. */
static void refuse_unknown(struct input *in, const char *field) {
    char msg[300];
    snprintf(msg, sizeof msg, "%s is not a field this call takes", field);
    resp_error(in->r, 400, "unknown_field", msg, field);
    if (in->track)
        in->track->failed = true;
}

bool input_end(struct input *in) {
    struct input_track *t = in->track;
    bool ok = !t->failed;
    /* sorted, so that a body of thousands of objects (an inventory's steps) is checked in
     * n log n rather than n² */
    if (ok && t->n_seen > 1)
        qsort(t->seen, t->n_seen, sizeof *t->seen, seen_cmp);
    for (size_t i = 0; ok && i < t->n_opened; i++) {
        const char *key;
        json_t *v;
        json_object_foreach((json_t *)t->opened[i].obj, key, v) {
            struct seen_member probe = {t->opened[i].obj, key};
            if (bsearch(&probe, t->seen, t->n_seen, sizeof *t->seen, seen_cmp))
                continue;
            char field[160];
            snprintf(field, sizeof field, "%s%s", t->opened[i].prefix, key);
            refuse_unknown(in, field);
            ok = false;
            break;
        }
    }
    json_decref(in->root);
    in->root = in->obj = NULL;
    return ok;
}

bool input_only(struct input *in, const char *const *allowed, const char *why) {
    const char *key;
    json_t *v;
    json_object_foreach(in->obj, key, v) {
        size_t i = 0;
        while (allowed[i] && strcmp(allowed[i], key) != 0)
            i++;
        if (allowed[i] || !was_seen(in->track, in->obj, key))
            continue;                   /* allowed, or unknown: input_end names it */
        char msg[300];
        snprintf(msg, sizeof msg, "%s%s: %s", in->prefix, key, why);
        resp_error(in->r, 403, "forbidden", msg, key);
        in->track->failed = true;
        return false;
    }
    return true;
}

bool input_known(struct input *in, json_t *obj, const char *prefix, const char *const *keys) {
    bool own = !obj;
    if (own) {
        obj = in->obj;
        prefix = in->prefix;
    }
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        size_t i = 0;
        while (keys[i] && strcmp(keys[i], key) != 0)
            i++;
        if (keys[i] && own) {
            track_seen(in, keys[i]);
        } else if (!keys[i]) {
            char field[160];
            snprintf(field, sizeof field, "%s%s", prefix, key);
            refuse_unknown(in, field);
            return false;
        }
    }
    return true;
}

bool input_fail(struct input *in, const char *key, const char *fmt, ...) {
    char field[128], msg[300];
    snprintf(field, sizeof field, "%s%s", in->prefix, key);
    va_list ap;
    va_start(ap, fmt);
    int n = snprintf(msg, sizeof msg, "%s ", field);
    vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
    va_end(ap);
    resp_error(in->r, 422, "invalid", msg, field);
    if (in->track)
        in->track->failed = true;
    return false;
}

/* The member key, or NULL when it is absent. A null member is refused unless clearable,
 * and is required unless IN_REQUIRED is off; *ret_null tells a null that was allowed. */
static bool member(struct input *in, const char *key, unsigned flags, json_t **ret, bool *ret_null) {
    track_seen(in, key);
    json_t *v = json_object_get(in->obj, key);
    *ret = NULL;
    *ret_null = false;
    if (!v) {
        if (flags & IN_REQUIRED)
            return input_fail(in, key, "is required");
        return true;
    }
    if (json_is_null(v)) {
        if (!(flags & IN_CLEARABLE))
            return input_fail(in, key, (flags & IN_REQUIRED) ? "is required" : "cannot be null");
        *ret_null = true;
        return true;
    }
    *ret = v;
    return true;
}

static void set_state(enum input_state *st, json_t *v, bool null) {
    if (st)
        *st = v ? INPUT_SET : null ? INPUT_NULL : INPUT_ABSENT;
}

/* Replies 422 with e (a json_in reader's message) naming key, when e is not NULL. */
static bool ok(struct input *in, const char *key, const char *e) {
    return !e || input_fail(in, key, "%s", e);
}

/* The string member key under rule (a display code when rule is NULL); nonblank: blank is
 * refused even when the member is optional. */
static bool read_text(struct input *in, const char *key, const struct field_rule *rule, unsigned flags, bool nonblank,
                      const char **ret) {
    json_t *v;
    bool null;
    char buf[JSON_IN_MSG], *s;
    if (!member(in, key, flags, &v, &null))
        return false;
    if (null)
        *ret = "";
    else if (v && !ok(in, key, rule ? json_in_text(v, rule, nonblank, &in->r->arena, &s, buf)
                                    : json_in_code(v, nonblank, &in->r->arena, &s, buf)))
        return false;
    else if (v)
        *ret = s;
    return true;
}

bool input_text(struct input *in, const char *key, const struct field_rule *rule, unsigned flags, const char **ret) {
    return read_text(in, key, rule, flags, flags & IN_REQUIRED, ret);
}

bool input_label(struct input *in, const char *key, const struct field_rule *rule, unsigned flags, const char **ret) {
    return read_text(in, key, rule, flags & ~(unsigned)IN_CLEARABLE, true, ret);
}

bool input_code(struct input *in, const char *key, unsigned flags, const char **ret) {
    return read_text(in, key, NULL, flags, !(flags & IN_CLEARABLE), ret);
}

bool input_machine_code(struct input *in, const char *key, unsigned flags, const char **ret) {
    const char *s = NULL;
    if (!input_label(in, key, FIELD_LINE(MODEL_MAX_DEPT_CODE), flags, &s))
        return false;
    if (s && !model_code_valid(s, MODEL_MAX_DEPT_CODE))
        return input_fail(in, key, "must be 1-%d characters of a-z, 0-9, - and _", MODEL_MAX_DEPT_CODE);
    if (s)
        *ret = s;
    return true;
}

bool input_enum(struct input *in, const char *key, const char *const *names, unsigned flags, const char **ret) {
    json_t *v;
    bool null;
    char buf[JSON_IN_MSG];
    if (!member(in, key, flags, &v, &null))
        return false;
    if (null)
        *ret = "";
    return !v || ok(in, key, json_in_enum(v, names, ret, buf));
}

bool input_date(struct input *in, const char *key, unsigned flags, const char **ret) {
    json_t *v;
    bool null;
    char buf[JSON_IN_MSG], *s;
    if (!member(in, key, flags, &v, &null))
        return false;
    if (null)
        *ret = "";
    else if (v && !ok(in, key, json_in_date(v, &in->r->arena, &s, buf)))
        return false;
    else if (v)
        *ret = s;
    return true;
}

bool input_int(struct input *in, const char *key, int64_t lo, int64_t hi, unsigned flags, int64_t *ret,
               enum input_state *ret_state) {
    json_t *v;
    bool null;
    char buf[JSON_IN_MSG];
    if (!member(in, key, flags, &v, &null) || (v && !ok(in, key, json_in_int(v, lo, hi, ret, buf))))
        return false;
    set_state(ret_state, v, null);
    return true;
}

bool input_fy(struct input *in, const char *key, unsigned flags, int *ret, enum input_state *ret_state) {
    json_t *v;
    bool null;
    char buf[JSON_IN_MSG];
    if (!member(in, key, flags, &v, &null) || (v && !ok(in, key, json_in_fy(v, ret, buf))))
        return false;
    set_state(ret_state, v, null);
    return true;
}

bool input_bool(struct input *in, const char *key, unsigned flags, bool *ret, enum input_state *ret_state) {
    json_t *v;
    bool null;
    char buf[JSON_IN_MSG];
    if (!member(in, key, flags, &v, &null) || (v && !ok(in, key, json_in_bool(v, ret, buf))))
        return false;
    set_state(ret_state, v, null);
    return true;
}

bool input_number(struct input *in, const char *key, unsigned flags, double *ret, enum input_state *ret_state) {
    json_t *v;
    bool null;
    char buf[JSON_IN_MSG];
    if (!member(in, key, flags, &v, &null) || (v && !ok(in, key, json_in_number(v, ret, buf))))
        return false;
    set_state(ret_state, v, null);
    return true;
}

bool input_strlist(struct input *in, const char *key, const struct field_rule *rule, unsigned flags,
                   struct strlist *ret, bool *ret_set) {
    json_t *v;
    bool null;
    char buf[JSON_IN_MSG];
    *ret_set = false;
    if (!member(in, key, flags, &v, &null))
        return false;
    memset(ret, 0, sizeof *ret);
    *ret_set = v || null;
    if (!v)
        return true;
    if (!ok(in, key, json_in_array(v, MODEL_MAX_LIST, buf)))
        return false;
    size_t n = json_array_size(v);
    ret->items = arena_alloc(&in->r->arena, (n ? n : 1) * sizeof *ret->items);
    for (size_t i = 0; i < n; i++) {
        char item[80];
        snprintf(item, sizeof item, "%s[%zu]", key, i);
        if (!ok(in, item, json_in_text(json_array_get(v, i), rule, true, &in->r->arena, &ret->items[ret->n], buf)))
            return false;
        ret->n++;
    }
    return true;
}

/* The path "<prefix><key>." of a nested object; a path too deep for the buffer is cut (it only
 * names the field in an error). */
static void set_prefix(struct input *in, const char *prefix, const char *key) {
    if (snprintf(in->prefix, sizeof in->prefix, "%s%s.", prefix, key) >= (int)sizeof in->prefix)
        in->prefix[sizeof in->prefix - 1] = '\0';
}

bool input_object(struct input *in, const char *key, unsigned flags, struct input *ret, enum input_state *ret_state) {
    json_t *v;
    bool null;
    if (!member(in, key, flags, &v, &null))
        return false;
    char buf[JSON_IN_MSG];
    if (v && !ok(in, key, json_in_object(v, buf)))
        return false;
    set_state(ret_state, v, null);
    if (v) {
        memset(ret, 0, sizeof *ret);
        ret->r = in->r;
        ret->obj = v;
        ret->track = in->track;
        set_prefix(ret, in->prefix, key);
        track_open(ret);
    }
    return true;
}

bool input_array(struct input *in, const char *key, size_t max, unsigned flags, json_t **ret_arr,
                 enum input_state *ret_state) {
    json_t *v;
    bool null;
    if (!member(in, key, flags, &v, &null))
        return false;
    char buf[JSON_IN_MSG];
    if (v && !ok(in, key, json_in_array(v, max, buf)))
        return false;
    *ret_arr = v;
    set_state(ret_state, v, null);
    return true;
}

bool input_item(struct input *in, const char *key, json_t *arr, size_t i, struct input *ret) {
    char item[80];
    snprintf(item, sizeof item, "%s[%zu]", key, i);
    json_t *v = json_array_get(arr, i);
    if (!json_is_object(v))
        return input_fail(in, item, "must be an object");
    memset(ret, 0, sizeof *ret);
    ret->r = in->r;
    ret->obj = v;
    ret->track = in->track;
    set_prefix(ret, in->prefix, item);
    track_open(ret);
    return true;
}

bool input_position(struct input *in, bool *ret_set, int *ret) {
    int64_t pos = 0;
    enum input_state st;
    if (!input_int(in, "position", 0, MODEL_MAX_LIST, 0, &pos, &st))
        return false;
    *ret_set = st == INPUT_SET;
    *ret = *ret_set ? (int)pos : STORE_LAST;
    return true;
}

bool input_abolished(struct input *in, bool *ret_set, bool *ret) {
    enum input_state st = INPUT_ABSENT;
    if (!input_bool(in, "abolished", 0, ret, &st))
        return false;
    *ret_set = st == INPUT_SET;
    return true;
}

bool input_id(struct input *in, const char *key, int64_t *ret) {
    *ret = 0;
    return input_int(in, key, 1, INT64_MAX, 0, ret, NULL);
}

void input_store_fail(struct req *r, int err, const struct edit_fail *fail) {
    resp_store_error(r, err, fail->field[0] ? fail->field : NULL, fail->message[0] ? fail->message : NULL);
}

void input_deleted(struct req *r, int err, const struct edit_fail *fail) {
    if (err < 0)
        input_store_fail(r, err, fail);
    else
        resp_no_content(r);
}
