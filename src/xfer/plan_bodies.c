/* The "bodies" of a kawaru-plan/1 document (see plan_bodies.h): parsing with every problem
 * reported at its JSON path, and writing with keys in a fixed order and absent values left out,
 * so that export -> import -> export gives the same bytes. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core/fiscal.h"
#include "util/utf8.h"
#include "xfer/plan_bodies.h"

struct bctx {
    struct arena *a;
    struct doc_errors *errs;
    const struct org_doc *doc;
    const bool *plan_ok;        /* see plan_doc_parse_bodies */
    char path[256];
};

static void berr(struct bctx *c, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void berr(struct bctx *c, const char *key, const char *fmt, ...) {
    struct doc_errors *e = c->errs;
    e->total++;
    if (e->n >= DOC_MAX_ERRORS)
        return;
    snprintf(e->items[e->n].path, sizeof e->items[e->n].path, "%.200s%s%.50s", c->path,
             key && c->path[0] ? "." : "", key ? key : "");        /* "bodies", not ".bodies" */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->items[e->n].message, sizeof e->items[e->n].message, fmt, ap);
    va_end(ap);
    e->n++;
}

/* Sets the current path from a format (e.g. "bodies[%zu].members[%zu]"). */
static void at(struct bctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void at(struct bctx *c, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->path, sizeof c->path, fmt, ap);
    va_end(ap);
}

/* A string member: NULL when absent or bad (reported). Names (required) are at most
 * MODEL_MAX_TITLE bytes and not blank; texts at most MODEL_MAX_TEXT. */
static char *bstr(struct bctx *c, json_t *o, const char *key, bool required) {
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v)) {
        if (required)
            berr(c, key, "is required");
        return NULL;
    }
    if (!json_is_string(v)) {
        berr(c, key, "must be a string");
        return NULL;
    }
    size_t len = json_string_length(v);
    const char *s = json_string_value(v);
    if (memchr(s, '\0', len)) {
        berr(c, key, "must not contain NUL characters");
        return NULL;
    }
    if (len == 0 || utf8_is_blank(s)) {
        berr(c, key, "must not be empty");
        return NULL;
    }
    size_t max = required ? MODEL_MAX_TITLE : MODEL_MAX_TEXT;
    if (len > max) {
        berr(c, key, "is longer than %zu bytes", max);
        return NULL;
    }
    return arena_strndup(c->a, s, len);
}

/* An array member, or NULL when absent or bad (reported). */
static json_t *barr(struct bctx *c, json_t *o, const char *key) {
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_array(v)) {
        berr(c, key, "must be an array");
        return NULL;
    }
    if (json_array_size(v) > MODEL_MAX_LIST) {
        berr(c, key, "has more than %d entries", MODEL_MAX_LIST);
        return NULL;
    }
    return v;
}

static bool known_department(const struct org_doc *d, const char *name) {
    for (size_t i = 0; i < d->n_departments; i++)
        if (d->departments[i].name && strcmp(d->departments[i].name, name) == 0)
            return true;
    return false;
}

static const struct plan *plan_by_title(const struct org_doc *d, const char *title) {
    for (size_t i = 0; i < d->n_plans; i++)
        if (d->plans[i].title && strcmp(d->plans[i].title, title) == 0)
            return &d->plans[i];
    return NULL;
}

static void parse_topics(struct bctx *c, json_t *o, struct body *b) {
    json_t *arr = barr(c, o, "topics");
    size_t n = json_array_size(arr);
    b->topics.items = n ? arena_alloc(c->a, n * sizeof *b->topics.items) : NULL;
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_array_get(arr, i);
        if (!json_is_string(v) || json_string_length(v) == 0 || json_string_length(v) > MODEL_MAX_TITLE ||
            memchr(json_string_value(v), '\0', json_string_length(v))) {
            char key[32];
            snprintf(key, sizeof key, "topics[%zu]", i);
            berr(c, key, "must be a non-empty string of at most %d bytes", MODEL_MAX_TITLE);
        } else {
            b->topics.items[b->topics.n++] = arena_strndup(c->a, json_string_value(v), json_string_length(v));
        }
    }
}

static void parse_member(struct bctx *c, json_t *o, struct body_member *m) {
    m->name = bstr(c, o, "name", true);
    m->role = bstr(c, o, "role", true);
    m->post = bstr(c, o, "post", false);
    m->department = bstr(c, o, "department", false);
    if (m->department && !known_department(c->doc, m->department))
        berr(c, "department", "\"%s\" is not the name of a department in \"departments\"", m->department);
}

/* A meeting's measure: the plan it is in (named when the document has several plans), its key
 * (the code, or the path where the plan's codes repeat). */
static void parse_meeting_measure(struct bctx *c, json_t *o, struct meeting *mt, size_t idx) {
    struct meeting_measure *mm = &mt->measures[idx];
    mm->plan = bstr(c, o, "plan", false);
    mm->code = bstr(c, o, "code", true);
    mm->note = bstr(c, o, "note", false);
    const struct plan *p = NULL;
    if (mm->plan) {
        if (!(p = plan_by_title(c->doc, mm->plan)))
            berr(c, "plan", "\"%s\" is not the title of a plan in \"plans\"", mm->plan);
    } else if (c->doc->n_plans == 1) {
        p = &c->doc->plans[0];
        mm->plan = p->title;
    } else if (c->doc->n_plans > 1) {
        berr(c, "plan", "is required when the document holds several plans");
    }
    const struct measure *m = p && mm->code ? plan_measure_by_key(p, mm->code) : NULL;
    if (p && mm->code && !m && (!c->plan_ok || c->plan_ok[p - c->doc->plans]))
        berr(c, "code", "\"%s\" is not the code or path of a measure of the plan \"%s\"", mm->code, p->title);
    else if (m)
        mm->code = m->key;
    for (size_t j = 0; mm->code && mm->plan && j < idx; j++)
        if (mt->measures[j].code && mt->measures[j].plan && strcmp(mt->measures[j].code, mm->code) == 0 &&
            strcmp(mt->measures[j].plan, mm->plan) == 0)
            berr(c, "code", "\"%s\" is listed twice in this meeting", mm->code);
}

static void parse_meeting(struct bctx *c, json_t *o, size_t bi, size_t mi, struct meeting *mt) {
    mt->date = bstr(c, o, "date", true);
    kw_date day;
    if (mt->date && date_parse(mt->date, &day) != 0) {
        berr(c, "date", "must be a date YYYY-MM-DD");
        mt->date = NULL;
    }
    mt->title = bstr(c, o, "title", true);
    mt->agenda = bstr(c, o, "agenda", false);
    mt->minutes = bstr(c, o, "minutes", false);
    json_t *arr = barr(c, o, "measures");
    size_t n = json_array_size(arr);
    mt->measures = n ? arena_alloc(c->a, n * sizeof *mt->measures) : NULL;
    for (size_t k = 0; k < n; k++) {
        at(c, "bodies[%zu].meetings[%zu].measures[%zu]", bi, mi, k);
        json_t *e = json_array_get(arr, k);
        if (!json_is_object(e))
            berr(c, NULL, "must be an object");
        else
            parse_meeting_measure(c, e, mt, mt->n_measures++);
    }
}

static void parse_body(struct bctx *c, json_t *o, size_t bi, struct body *b) {
    b->code = bstr(c, o, "code", true);
    if (b->code && !model_code_valid(b->code, MODEL_MAX_DEPT_CODE))
        berr(c, "code", "must be 1-64 characters of a-z, 0-9, - and _");
    b->name = bstr(c, o, "name", true);
    b->kind = bstr(c, o, "kind", true);
    if (b->kind && !body_kind_valid(b->kind))
        berr(c, "kind", "must be one of headquarters, audit_board, committee, working_group, leaders");
    b->description = bstr(c, o, "description", false);
    json_t *hc = json_object_get(o, "headcount");
    if (hc && !json_is_null(hc) &&
        (!json_is_integer(hc) || json_integer_value(hc) < 1 || json_integer_value(hc) > BODY_MAX_HEADCOUNT))
        berr(c, "headcount", "must be a whole number from 1 to %d", BODY_MAX_HEADCOUNT);
    else if (hc && json_is_integer(hc))
        b->headcount = (int)json_integer_value(hc);
    json_t *ab = json_object_get(o, "abolished");
    if (ab && !json_is_null(ab) && !json_is_boolean(ab))
        berr(c, "abolished", "must be true or false");
    b->abolished = json_is_true(ab);
    parse_topics(c, o, b);
    json_t *members = barr(c, o, "members");
    json_t *meetings = barr(c, o, "meetings");
    size_t n = json_array_size(members);
    b->members = n ? arena_alloc(c->a, n * sizeof *b->members) : NULL;
    for (size_t i = 0; i < n; i++) {
        at(c, "bodies[%zu].members[%zu]", bi, i);
        json_t *e = json_array_get(members, i);
        if (!json_is_object(e))
            berr(c, NULL, "must be an object");
        else
            parse_member(c, e, &b->members[b->n_members++]);
    }
    n = json_array_size(meetings);
    b->meetings = n ? arena_alloc(c->a, n * sizeof *b->meetings) : NULL;
    for (size_t i = 0; i < n; i++) {
        at(c, "bodies[%zu].meetings[%zu]", bi, i);
        json_t *e = json_array_get(meetings, i);
        if (!json_is_object(e))
            berr(c, NULL, "must be an object");
        else
            parse_meeting(c, e, bi, i, &b->meetings[b->n_meetings++]);
    }
}

void plan_doc_parse_bodies(struct arena *a, json_t *root, struct org_doc *d, const bool *plan_ok,
                           struct doc_errors *errs) {
    struct bctx c = {.a = a, .errs = errs, .doc = d, .plan_ok = plan_ok};
    json_t *arr = barr(&c, root, "bodies");
    size_t n = json_array_size(arr);
    d->bodies = n ? arena_alloc(a, n * sizeof *d->bodies) : NULL;
    for (size_t i = 0; i < n; i++) {
        at(&c, "bodies[%zu]", i);
        json_t *e = json_array_get(arr, i);
        if (!json_is_object(e)) {
            berr(&c, NULL, "must be an object");
            continue;
        }
        struct body *b = &d->bodies[d->n_bodies];
        parse_body(&c, e, i, b);
        at(&c, "bodies[%zu]", i);
        for (size_t j = 0; b->code && j < d->n_bodies; j++)
            if (d->bodies[j].code && strcmp(d->bodies[j].code, b->code) == 0)
                berr(&c, "code", "\"%s\" appears twice", b->code);
        d->n_bodies++;
    }
}

/* ---- writing */

static void kstr_opt(struct jw *w, const char *key, const char *s) {
    if (s) jw_kstr(w, key, s);
}

void plan_doc_write_meeting(struct jw *w, const struct meeting *m, int flags, bool with_plan) {
    bool ids = flags & DOC_WITH_IDS;
    jw_obj_begin(w);
    if (ids) jw_kint(w, "id", m->id);
    jw_kstr(w, "date", m->date);
    jw_kstr(w, "title", m->title);
    kstr_opt(w, "agenda", m->agenda);
    kstr_opt(w, "minutes", m->minutes);
    if (m->n_measures) {
        jw_key(w, "measures");
        jw_arr_begin(w);
        for (size_t i = 0; i < m->n_measures; i++) {
            const struct meeting_measure *mm = &m->measures[i];
            jw_obj_begin(w);
            if (ids && mm->measure_id) jw_kint(w, "id", mm->measure_id);
            if (with_plan || ids) kstr_opt(w, "plan", mm->plan);
            jw_kstr(w, "code", mm->code);
            if (ids) kstr_opt(w, "title", mm->title);
            kstr_opt(w, "note", mm->note);
            jw_obj_end(w);
        }
        jw_arr_end(w);
    }
    jw_obj_end(w);
}

void plan_doc_write_body(struct jw *w, const struct body *b, int flags, bool with_plan) {
    jw_obj_begin(w);
    if (flags & DOC_WITH_IDS) jw_kint(w, "id", b->id);
    jw_kstr(w, "code", b->code);
    jw_kstr(w, "name", b->name);
    jw_kstr(w, "kind", b->kind);
    kstr_opt(w, "description", b->description);
    if (b->headcount)
        jw_kint(w, "headcount", b->headcount);
    if (b->abolished)
        jw_kbool(w, "abolished", true);
    if (b->topics.n) {
        jw_key(w, "topics");
        jw_arr_begin(w);
        for (size_t i = 0; i < b->topics.n; i++)
            jw_str(w, b->topics.items[i]);
        jw_arr_end(w);
    }
    if (b->n_members) {
        jw_key(w, "members");
        jw_arr_begin(w);
        for (size_t i = 0; i < b->n_members; i++) {
            const struct body_member *m = &b->members[i];
            jw_obj_begin(w);
            jw_kstr(w, "name", m->name);
            jw_kstr(w, "role", m->role);
            kstr_opt(w, "post", m->post);
            kstr_opt(w, "department", m->department);
            jw_obj_end(w);
        }
        jw_arr_end(w);
    }
    if (b->n_meetings && !(flags & DOC_OWN)) {
        jw_key(w, "meetings");
        jw_arr_begin(w);
        for (size_t i = 0; i < b->n_meetings; i++)
            plan_doc_write_meeting(w, &b->meetings[i], flags, with_plan);
        jw_arr_end(w);
    }
    jw_obj_end(w);
}

void plan_doc_write_bodies(struct jw *w, const struct body *b, size_t n, int flags, bool with_plan) {
    jw_arr_begin(w);
    for (size_t i = 0; i < n; i++)
        plan_doc_write_body(w, &b[i], flags, with_plan);
    jw_arr_end(w);
}
