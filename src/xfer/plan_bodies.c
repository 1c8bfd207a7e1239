/* The "bodies" of a kawaru-plan/1 document (see plan_bodies.h): parsing with every problem
 * reported at its JSON path, and writing with keys in a fixed order and absent values left out,
 * so that export -> import -> export gives the same bytes. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core/fiscal.h"
#include "xfer/plan_bodies.h"

struct bctx {
    struct doc_reader d;        /* the arena, the problems and the path */
    const struct org_doc *doc;
    const bool *plan_ok;        /* see plan_doc_parse_bodies */
};

/* Sets the current path from a format (e.g. "bodies[%zu].members[%zu]"). */
static void at(struct bctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void at(struct bctx *c, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(c->d.path, sizeof c->d.path, fmt, ap);
    va_end(ap);
    c->d.pathlen = n < 0 ? 0 : (size_t)n < sizeof c->d.path ? (size_t)n : sizeof c->d.path - 1;
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
    doc_strlist(&c->d, o, "topics", &field_label, false, &b->topics);
}

static void parse_member(struct bctx *c, json_t *o, struct body_member *m) {
    m->name = doc_text(&c->d, o, "name", &field_label, true);
    m->role = doc_text(&c->d, o, "role", &field_label, true);
    m->post = doc_text(&c->d, o, "post", &field_label, false);
    m->department = doc_text(&c->d, o, "department", &field_label, false);
    if (m->department && !known_department(c->doc, m->department))
        doc_err(&c->d, "department", "\"%s\" is not the name of a department in \"departments\"", m->department);
}

/* A meeting's measure: the plan it is in (named when the document has several plans), its key
 * (the code, or the path where the plan's codes repeat). */
static void parse_meeting_measure(struct bctx *c, json_t *o, struct meeting *mt, size_t idx) {
    struct meeting_measure *mm = &mt->measures[idx];
    mm->plan = doc_text(&c->d, o, "plan", &field_label, false);
    mm->code = doc_text(&c->d, o, "code", &field_label, true);
    mm->note = doc_text(&c->d, o, "note", &field_text, false);
    const struct plan *p = NULL;
    if (mm->plan) {
        if (!(p = plan_by_title(c->doc, mm->plan)))
            doc_err(&c->d, "plan", "\"%s\" is not the title of a plan in \"plans\"", mm->plan);
    } else if (c->doc->n_plans == 1) {
        p = &c->doc->plans[0];
        mm->plan = p->title;
    } else if (c->doc->n_plans > 1) {
        doc_err(&c->d, "plan", "is required when the document holds several plans");
    }
    const struct measure *m = p && mm->code ? plan_measure_by_key(p, mm->code) : NULL;
    if (p && mm->code && !m && (!c->plan_ok || c->plan_ok[p - c->doc->plans]))
        doc_err(&c->d, "code", "\"%s\" is not the code or path of a measure of the plan \"%s\"", mm->code, p->title);
    else if (m)
        mm->code = m->key;
    for (size_t j = 0; mm->code && mm->plan && j < idx; j++)
        if (mt->measures[j].code && mt->measures[j].plan && strcmp(mt->measures[j].code, mm->code) == 0 &&
            strcmp(mt->measures[j].plan, mm->plan) == 0)
            doc_err(&c->d, "code", "\"%s\" is listed twice in this meeting", mm->code);
}

static void parse_meeting(struct bctx *c, json_t *o, size_t bi, size_t mi, struct meeting *mt) {
    mt->date = doc_date(&c->d, o, "date", true);
    mt->title = doc_text(&c->d, o, "title", &field_label, true);
    mt->agenda = doc_text(&c->d, o, "agenda", &field_text, false);
    mt->minutes = doc_text(&c->d, o, "minutes", &field_text, false);
    json_t *arr = doc_array(&c->d, o, "measures", false);
    size_t n = json_array_size(arr);
    mt->measures = n ? arena_alloc(c->d.a, n * sizeof *mt->measures) : NULL;
    for (size_t k = 0; k < n; k++) {
        at(c, "bodies[%zu].meetings[%zu].measures[%zu]", bi, mi, k);
        json_t *e = json_array_get(arr, k);
        if (doc_elem_object(&c->d, e))
            parse_meeting_measure(c, e, mt, mt->n_measures++);
    }
}

static void parse_body(struct bctx *c, json_t *o, size_t bi, struct body *b) {
    b->code = doc_text(&c->d, o, "code", &field_label, true);
    if (b->code && !model_code_valid(b->code, MODEL_MAX_DEPT_CODE))
        doc_err(&c->d, "code", "must be 1-64 characters of a-z, 0-9, - and _");
    b->name = doc_text(&c->d, o, "name", &field_label, true);
    b->kind = doc_text(&c->d, o, "kind", &field_label, true);
    if (b->kind && !body_kind_valid(b->kind))
        doc_err(&c->d, "kind", "must be one of headquarters, audit_board, committee, working_group, leaders");
    b->description = doc_text(&c->d, o, "description", &field_text, false);
    doc_int(&c->d, o, "headcount", false, 1, BODY_MAX_HEADCOUNT, &b->headcount);
    b->abolished = doc_flag(&c->d, o, "abolished");
    parse_topics(c, o, b);
    json_t *members = doc_array(&c->d, o, "members", false);
    json_t *meetings = doc_array(&c->d, o, "meetings", false);
    size_t n = json_array_size(members);
    b->members = n ? arena_alloc(c->d.a, n * sizeof *b->members) : NULL;
    for (size_t i = 0; i < n; i++) {
        at(c, "bodies[%zu].members[%zu]", bi, i);
        json_t *e = json_array_get(members, i);
        if (doc_elem_object(&c->d, e))
            parse_member(c, e, &b->members[b->n_members++]);
    }
    n = json_array_size(meetings);
    b->meetings = n ? arena_alloc(c->d.a, n * sizeof *b->meetings) : NULL;
    for (size_t i = 0; i < n; i++) {
        at(c, "bodies[%zu].meetings[%zu]", bi, i);
        json_t *e = json_array_get(meetings, i);
        if (doc_elem_object(&c->d, e))
            parse_meeting(c, e, bi, i, &b->meetings[b->n_meetings++]);
    }
}

void plan_doc_parse_bodies(struct arena *a, json_t *root, struct org_doc *d, const bool *plan_ok,
                           struct doc_errors *errs) {
    struct bctx c = {.d = {.a = a, .errs = errs}, .doc = d, .plan_ok = plan_ok};
    json_t *arr = doc_array(&c.d, root, "bodies", false);
    size_t n = json_array_size(arr);
    d->bodies = n ? arena_alloc(a, n * sizeof *d->bodies) : NULL;
    for (size_t i = 0; i < n; i++) {
        at(&c, "bodies[%zu]", i);
        json_t *e = json_array_get(arr, i);
        if (!doc_elem_object(&c.d, e))
            continue;
        struct body *b = &d->bodies[d->n_bodies];
        parse_body(&c, e, i, b);
        at(&c, "bodies[%zu]", i);
        for (size_t j = 0; b->code && j < d->n_bodies; j++)
            if (d->bodies[j].code && strcmp(d->bodies[j].code, b->code) == 0)
                doc_err(&c.d, "code", "\"%s\" appears twice", b->code);
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
