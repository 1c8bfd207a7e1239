/* Parsing and validating a kawaru-plan/1 document into the model (see plan_doc.h).
 *
 * The whole document is checked before anything is returned; every problem is reported with
 * the JSON path of the field. Limits on sizes keep a hostile document from using much memory. */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core/review.h"
#include "core/errors.h"
#include "core/number.h"
#include "core/orgcode.h"
#include "util/utf8.h"
#include "xfer/plan_bodies.h"
#include "xfer/plan_doc.h"

enum {
    MAX_TEXT = MODEL_MAX_TEXT,     /* bytes in one string */
    MAX_LIST = MODEL_MAX_LIST,     /* entries in one array */
};

struct ctx {
    struct arena *a;
    struct doc_errors *errs;
    char path[256];
    size_t pathlen;
};

static void err(struct ctx *c, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void err(struct ctx *c, const char *key, const char *fmt, ...) {
    struct doc_errors *e = c->errs;
    e->total++;
    if (e->n >= DOC_MAX_ERRORS)
        return;
    if (key)
        snprintf(e->items[e->n].path, sizeof e->items[e->n].path, "%.200s%s%.50s", c->path, c->pathlen ? "." : "", key);
    else
        snprintf(e->items[e->n].path, sizeof e->items[e->n].path, "%.250s", c->path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->items[e->n].message, sizeof e->items[e->n].message, fmt, ap);
    va_end(ap);
    e->n++;
}

/* Path push/pop: push returns the old length to restore. */
static size_t push_key(struct ctx *c, const char *key) {
    size_t old = c->pathlen;
    int n = snprintf(c->path + old, sizeof c->path - old, "%s%s", old ? "." : "", key);
    c->pathlen = n > 0 && old + (size_t)n < sizeof c->path ? old + (size_t)n : old;
    return old;
}

static size_t push_index(struct ctx *c, size_t i) {
    size_t old = c->pathlen;
    int n = snprintf(c->path + old, sizeof c->path - old, "[%zu]", i);
    c->pathlen = n > 0 && old + (size_t)n < sizeof c->path ? old + (size_t)n : old;
    return old;
}

static void pop(struct ctx *c, size_t old) {
    c->pathlen = old;
    c->path[old] = '\0';
}

/* ---- typed getters: each reports its own error and returns a safe default */

static char *get_str(struct ctx *c, json_t *o, const char *key, bool required) {
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v)) {
        if (required)
            err(c, key, "is required");
        return NULL;
    }
    if (!json_is_string(v)) {
        err(c, key, "must be a string");
        return NULL;
    }
    size_t len = json_string_length(v);
    if (required && (len == 0 || utf8_is_blank(json_string_value(v)))) {
        err(c, key, "must not be empty");
        return NULL;
    }
    if (required && len > MODEL_MAX_TITLE) {           /* required strings are names and codes */
        err(c, key, "is longer than %d bytes", MODEL_MAX_TITLE);
        return NULL;
    }
    if (len > MAX_TEXT) {
        err(c, key, "is longer than %d bytes", MAX_TEXT);
        return NULL;
    }
    if (memchr(json_string_value(v), '\0', len)) {
        err(c, key, "must not contain NUL characters");
        return NULL;
    }
    return arena_strndup(c->a, json_string_value(v), len);
}

/* An optional boolean: false when absent or null. */
static bool get_flag(struct ctx *c, json_t *o, const char *key) {
    json_t *v = json_object_get(o, key);
    if (v && !json_is_null(v) && !json_is_boolean(v))
        err(c, key, "must be true or false");
    return json_is_true(v);
}

static bool get_int(struct ctx *c, json_t *o, const char *key, bool required, long lo, long hi, int *ret) {
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v)) {
        if (required)
            err(c, key, "is required");
        return false;
    }
    if (!json_is_integer(v)) {
        err(c, key, "must be an integer");
        return false;
    }
    json_int_t x = json_integer_value(v);
    if (x < lo || x > hi) {
        err(c, key, "must be between %ld and %ld", lo, hi);
        return false;
    }
    *ret = (int)x;
    return true;
}

static bool get_num(struct ctx *c, json_t *o, const char *key, bool required, double *ret) {
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v)) {
        if (required)
            err(c, key, "is required");
        return false;
    }
    if (!json_is_number(v)) {
        err(c, key, "must be a number");
        return false;
    }
    if (!number_in_range(json_number_value(v))) {
        err(c, key, "must be a number between -1e15 and 1e15");
        return false;
    }
    *ret = json_number_value(v);
    return true;
}

static bool get_fy(struct ctx *c, json_t *o, const char *key, bool required, int *ret) {
    return get_int(c, o, key, required, 1900, 2200, ret);
}

/* An array member: NULL when absent (or reported when required or of the wrong type). */
static json_t *get_array(struct ctx *c, json_t *o, const char *key, bool required) {
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v)) {
        if (required)
            err(c, key, "is required");
        return NULL;
    }
    if (!json_is_array(v)) {
        err(c, key, "must be an array");
        return NULL;
    }
    if (json_array_size(v) > MAX_LIST) {
        err(c, key, "has more than %d entries", MAX_LIST);
        return NULL;
    }
    return v;
}

static json_t *get_object(struct ctx *c, json_t *o, const char *key, bool required) {
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v)) {
        if (required)
            err(c, key, "is required");
        return NULL;
    }
    if (!json_is_object(v)) {
        err(c, key, "must be an object");
        return NULL;
    }
    return v;
}

/* Checks an array element is an object; reports at the element's path. */
static bool elem_object(struct ctx *c, json_t *v) {
    if (!json_is_object(v)) {
        err(c, NULL, "must be an object");
        return false;
    }
    return true;
}

static void get_strlist(struct ctx *c, json_t *o, const char *key, bool nonempty, struct strlist *ret) {
    memset(ret, 0, sizeof *ret);
    json_t *arr = get_array(c, o, key, false);
    if (!arr)
        return;
    size_t n = json_array_size(arr);
    if (nonempty && n == 0)
        err(c, key, "must not be empty");
    ret->items = n ? arena_alloc(c->a, n * sizeof *ret->items) : NULL;
    size_t old = push_key(c, key);
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_array_get(arr, i);
        size_t o2 = push_index(c, i);
        if (!json_is_string(v) || json_string_length(v) == 0 || json_string_length(v) > MAX_TEXT ||
            memchr(json_string_value(v), '\0', json_string_length(v)))
            err(c, NULL, "must be a non-empty string of at most %d bytes", MAX_TEXT);
        else
            ret->items[ret->n++] = arena_strndup(c->a, json_string_value(v), json_string_length(v));
        pop(c, o2);
    }
    pop(c, old);
}

/* True when s is one of the NULL-terminated names (core/model.h's lists). */
static bool name_known(const char *const *names, const char *s) {
    for (size_t i = 0; names[i]; i++)
        if (strcmp(names[i], s) == 0)
            return true;
    return false;
}

static bool valid_date(const char *s) {
    kw_date d;
    return s && date_parse(s, &d) == 0;
}

/* ---- entities */

struct plan_scope {             /* what a plan's parts are checked against */
    const struct org_doc *doc;
    const struct plan *plan;
};

static bool known_department(const struct org_doc *doc, const char *name) {
    for (size_t i = 0; i < doc->n_departments; i++)
        if (doc->departments[i].name && strcmp(doc->departments[i].name, name) == 0)
            return true;
    return false;
}

static void parse_period_items(struct ctx *c, json_t *o, const char *key, struct period_items **ret, size_t *ret_n) {
    *ret = NULL;
    *ret_n = 0;
    json_t *arr = get_array(c, o, key, false);
    if (!arr)
        return;
    size_t n = json_array_size(arr);
    *ret = n ? arena_alloc(c->a, n * sizeof **ret) : NULL;
    size_t old = push_key(c, key);
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(arr, i);
        size_t o2 = push_index(c, i);
        if (elem_object(c, e)) {
            struct period_items *pi = &(*ret)[*ret_n];
            get_fy(c, e, "fy", true, &pi->fy);
            get_int(c, e, "quarter", false, 1, 4, &pi->quarter);
            json_t *items = json_object_get(e, "items");
            if (!items || json_is_null(items))
                err(c, "items", "is required");
            else
                get_strlist(c, e, "items", true, &pi->items);
            for (size_t j = 0; j < *ret_n; j++)
                if ((*ret)[j].fy == pi->fy && (*ret)[j].quarter == pi->quarter)
                    err(c, "fy", "%d%s appears twice in %s", pi->fy, pi->quarter ? " (quarter)" : "", key);
            (*ret_n)++;
        }
        pop(c, o2);
    }
    pop(c, old);
}

/* A display code written by people (a pillar's, theme's or measure's, a plan's or a KPI's):
 * optional unless required; no "/" (it separates the codes of a measure's path). */
static char *get_code(struct ctx *c, json_t *o, const char *key, bool required) {
    char *code = get_str(c, o, key, required);
    if (code && !model_display_code_valid(code))
        err(c, key, "must not contain \"/\" (it separates the codes of a measure's path)");
    return code;
}

static void parse_kpi(struct ctx *c, json_t *o, struct kpi *k) {
    k->code = get_code(c, o, "code", false);
    k->name = get_str(c, o, "name", false);        /* absent: the source names no indicator yet */
    k->abolished = get_flag(c, o, "abolished");
    if (k->name && (utf8_is_blank(k->name) || strlen(k->name) > MODEL_MAX_TITLE))
        err(c, "name", "must be a non-blank name of at most %d bytes", MODEL_MAX_TITLE);
    k->unit = get_str(c, o, "unit", false);
    k->definition = get_str(c, o, "definition", false);
    k->source = get_str(c, o, "source", false);
    char *dir = get_str(c, o, "direction", false);
    k->direction = DIR_INCREASE;
    if (dir && direction_parse(dir, &k->direction) < 0)
        err(c, "direction", "must be one of increase, decrease, keep");
    k->perspective = get_str(c, o, "perspective", false);
    if (k->perspective && !name_known(kpi_perspective_names, k->perspective))
        err(c, "perspective", "must be one of citizen, staff");
    json_t *b = get_object(c, o, "baseline", false);
    if (b) {
        size_t old = push_key(c, "baseline");
        bool okv = get_num(c, b, "value", true, &k->baseline_value);
        bool okf = get_fy(c, b, "fy", true, &k->baseline_fy);
        k->has_baseline = okv && okf;
        pop(c, old);
    }
    json_t *t = get_object(c, o, "target", true);
    if (t) {
        size_t old = push_key(c, "target");
        char *state = get_str(c, t, "state", false);
        if (state) {
            if (strcmp(state, "undecided") == 0) k->target_state = TARGET_UNDECIDED;
            else if (strcmp(state, "none") == 0) k->target_state = TARGET_NONE;
            else err(c, "state", "must be undecided or none");
            if (json_object_get(t, "value"))
                err(c, "value", "must be absent when state is given");
        } else {
            k->target_state = TARGET_SET;
            get_num(c, t, "value", true, &k->target_value);
            get_fy(c, t, "fy", true, &k->target_fy);
        }
        pop(c, old);
    }
    json_t *arr = get_array(c, o, "measurements", false);
    size_t n = json_array_size(arr);
    k->measurements = n ? arena_alloc(c->a, n * sizeof *k->measurements) : NULL;
    size_t old = push_key(c, "measurements");
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(arr, i);
        size_t o2 = push_index(c, i);
        if (elem_object(c, e)) {
            struct measurement *m = &k->measurements[k->n_measurements++];
            m->period = get_str(c, e, "period", true);
            if (m->period && !valid_date(m->period))
                err(c, "period", "must be a date YYYY-MM-DD");
            get_num(c, e, "value", true, &m->value);
            m->note = get_str(c, e, "note", false);
            m->source = get_str(c, e, "source", false);
        }
        pop(c, o2);
    }
    pop(c, old);
}

static void parse_measure(struct ctx *c, json_t *o, const struct plan_scope *ps, struct measure *m) {
    m->code = get_code(c, o, "code", true);
    m->title = get_str(c, o, "title", true);
    m->current = get_str(c, o, "current", false);
    m->ideal = get_str(c, o, "ideal", false);
    char *scope = get_str(c, o, "scope", false);
    if (scope && measure_scope_parse(scope, &m->scope) < 0)
        err(c, "scope", "must be one of organization_wide, cross_department, department, people_culture");
    char *status = get_str(c, o, "status", false);
    m->status = MS_ACTIVE;
    if (status && measure_status_parse(status, &m->status) < 0)
        err(c, "status", "must be one of planned, active, done, merged, abolished");
    get_fy(c, o, "new_since_fy", false, &m->new_since_fy);
    get_strlist(c, o, "departments", false, &m->departments);
    size_t old = push_key(c, "departments");
    for (size_t i = 0; i < m->departments.n; i++) {
        size_t o2 = push_index(c, i);
        if (!known_department(ps->doc, m->departments.items[i]))
            err(c, NULL, "names an unknown department \"%s\" (add it to departments)", m->departments.items[i]);
        for (size_t j = 0; j < i; j++)
            if (strcmp(m->departments.items[i], m->departments.items[j]) == 0)
                err(c, NULL, "names \"%s\" twice", m->departments.items[i]);
        pop(c, o2);
    }
    pop(c, old);
    get_strlist(c, o, "means", false, &m->means);
    get_strlist(c, o, "tags", false, &m->tags);
    get_strlist(c, o, "links", false, &m->links);
    parse_period_items(c, o, "schedule", &m->schedule, &m->n_schedule);
    parse_period_items(c, o, "progress", &m->progress, &m->n_progress);

    json_t *arr = get_array(c, o, "reviews", false);
    size_t n = json_array_size(arr);
    m->reviews = n ? arena_alloc(c->a, n * sizeof *m->reviews) : NULL;
    old = push_key(c, "reviews");
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(arr, i);
        size_t o2 = push_index(c, i);
        if (elem_object(c, e)) {
            struct review *r = &m->reviews[m->n_reviews];
            get_fy(c, e, "fy", true, &r->fy);
            get_int(c, e, "quarter", true, 1, 4, &r->quarter);
            r->rating = get_str(c, e, "rating", false);
            r->text = get_str(c, e, "text", false);
            r->issues = get_str(c, e, "issues", false);
            r->next_steps = get_str(c, e, "next_steps", false);
            r->decision = get_str(c, e, "decision", false);
            r->decision_note = get_str(c, e, "decision_note", false);
            r->state = REVIEW_CONFIRMED;
            if (r->decision && !review_decision_known(r->decision))
                err(c, "decision", "must be one of continue, revise, expand, reduce, merge, abolish, complete");
            if (r->rating) {
                /* a plan without a scale of its own uses the default one */
                const struct rating_level *scale = ps->plan->n_rating_scale ? ps->plan->rating_scale : review_default_scale;
                size_t n_scale = ps->plan->n_rating_scale ? ps->plan->n_rating_scale : review_default_scale_n;
                bool known = false;
                for (size_t j = 0; j < n_scale; j++)
                    known |= scale[j].code && strcmp(scale[j].code, r->rating) == 0;
                if (!known)
                    err(c, "rating", "\"%s\" is not a code of the plan's rating_scale", r->rating);
            }
            for (size_t j = 0; j < m->n_reviews; j++)
                if (m->reviews[j].fy == r->fy && m->reviews[j].quarter == r->quarter)
                    err(c, "quarter", "FY %d Q%d is reviewed twice", r->fy, r->quarter);
            m->n_reviews++;
        }
        pop(c, o2);
    }
    pop(c, old);

    arr = get_array(c, o, "kpis", false);
    n = json_array_size(arr);
    m->kpis = n ? arena_alloc(c->a, n * sizeof *m->kpis) : NULL;
    old = push_key(c, "kpis");
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(arr, i);
        size_t o2 = push_index(c, i);
        if (elem_object(c, e)) {
            struct kpi *k = &m->kpis[m->n_kpis++];
            parse_kpi(c, e, k);
            /* a replacing document finds a KPI again by its code, or by its name */
            for (size_t j = 0; j + 1 < m->n_kpis; j++) {
                const struct kpi *other = &m->kpis[j];
                if (k->code && other->code && strcmp(k->code, other->code) == 0)
                    err(c, "code", "\"%s\" is the code of another KPI of this measure", k->code);
                else if (!k->code && !other->code && strcmp(k->name ? k->name : "", other->name ? other->name : "") == 0)
                    err(c, "name", "another KPI of this measure has the same name (give them codes to tell them apart)");
            }
        }
        pop(c, o2);
    }
    pop(c, old);
}

static void parse_titled(struct ctx *c, json_t *o, const char *key, struct titled_text **ret, size_t *ret_n) {
    json_t *arr = get_array(c, o, key, false);
    size_t n = json_array_size(arr);
    *ret = n ? arena_alloc(c->a, n * sizeof **ret) : NULL;
    *ret_n = 0;
    size_t old = push_key(c, key);
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(arr, i);
        size_t o2 = push_index(c, i);
        if (elem_object(c, e)) {
            (*ret)[*ret_n].title = get_str(c, e, "title", true);
            (*ret)[*ret_n].text = get_str(c, e, "text", false);
            (*ret_n)++;
        }
        pop(c, o2);
    }
    pop(c, old);
}

static void parse_plan_meta(struct ctx *c, json_t *o, struct plan *p) {
    p->code = get_code(c, o, "code", false);
    p->abolished = get_flag(c, o, "abolished");
    json_t *title = json_object_get(o, "title");
    if (!title || json_is_null(title) || (json_is_string(title) && utf8_is_blank(json_string_value(title))))
        err(c, "title", "is missing: every plan needs its title (e.g. \"行政改革実行戦略\")");
    else
        p->title = get_str(c, o, "title", true);
    p->kind = get_str(c, o, "kind", true);
    if (p->kind && strcmp(p->kind, "strategy") != 0 && strcmp(p->kind, "action_plan") != 0)
        err(c, "kind", "must be strategy or action_plan");
    p->motto = get_str(c, o, "motto", false);
    p->summary = get_str(c, o, "summary", false);
    p->review_cadence = get_str(c, o, "review_cadence", false);
    if (p->review_cadence && strcmp(p->review_cadence, "quarterly") != 0 && strcmp(p->review_cadence, "yearly") != 0)
        err(c, "review_cadence", "must be quarterly or yearly");
    p->version = get_str(c, o, "version", false);
    p->published = get_str(c, o, "published", false);
    if (p->published && !valid_date(p->published))
        err(c, "published", "must be a date YYYY-MM-DD");
    json_t *period = get_object(c, o, "period", false);
    if (period) {
        size_t old = push_key(c, "period");
        get_fy(c, period, "from_fy", false, &p->from_fy);
        get_fy(c, period, "to_fy", false, &p->to_fy);
        if (p->from_fy && p->to_fy && p->from_fy > p->to_fy)
            err(c, "to_fy", "must not be before from_fy");
        pop(c, old);
    }
    parse_titled(c, o, "vision", &p->vision, &p->n_vision);
    parse_titled(c, o, "principles", &p->principles, &p->n_principles);
    parse_titled(c, o, "foundation", &p->foundation, &p->n_foundation);
    parse_titled(c, o, "challenges", &p->challenges, &p->n_challenges);

    json_t *arr = get_array(c, o, "revisions", false);
    size_t n = json_array_size(arr);
    p->revisions = n ? arena_alloc(c->a, n * sizeof *p->revisions) : NULL;
    size_t old = push_key(c, "revisions");
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(arr, i);
        size_t o2 = push_index(c, i);
        if (elem_object(c, e)) {
            struct revision *r = &p->revisions[p->n_revisions++];
            r->version = get_str(c, e, "version", true);
            r->date = get_str(c, e, "date", true);
            if (r->date && !valid_date(r->date))
                err(c, "date", "must be a date YYYY-MM-DD");
            get_strlist(c, e, "notes", false, &r->notes);
        }
        pop(c, o2);
    }
    pop(c, old);

    arr = get_array(c, o, "rating_scale", false);
    n = json_array_size(arr);
    p->rating_scale = n ? arena_alloc(c->a, n * sizeof *p->rating_scale) : NULL;
    old = push_key(c, "rating_scale");
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(arr, i);
        size_t o2 = push_index(c, i);
        if (elem_object(c, e)) {
            struct rating_level *r = &p->rating_scale[p->n_rating_scale];
            r->code = get_str(c, e, "code", true);
            r->label = get_str(c, e, "label", true);
            r->color = get_str(c, e, "color", false);
            json_t *pr = json_object_get(e, "problem");
            if (pr && !json_is_boolean(pr))
                err(c, "problem", "must be true or false");
            r->problem = json_is_true(pr);
            if (r->code && !model_label_code_valid(r->code, MODEL_MAX_RATING_CODE))
                err(c, "code", "must be 1-%d characters without spaces or \"/\" (such as A, S, ◎, 1 or 順調)",
                    MODEL_MAX_RATING_CODE);
            if (r->color && (strlen(r->color) != 7 || r->color[0] != '#' ||
                             strspn(r->color + 1, "0123456789abcdefABCDEF") != 6))
                err(c, "color", "must be a colour like #1a7f37");
            for (size_t j = 0; r->code && j < p->n_rating_scale; j++)
                if (p->rating_scale[j].code && strcmp(p->rating_scale[j].code, r->code) == 0)
                    err(c, "code", "\"%s\" appears twice", r->code);
            p->n_rating_scale++;
        }
        pop(c, o2);
    }
    pop(c, old);

    arr = get_array(c, o, "goals", false);
    n = json_array_size(arr);
    p->goals = n ? arena_alloc(c->a, n * sizeof *p->goals) : NULL;
    old = push_key(c, "goals");
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(arr, i);
        size_t o2 = push_index(c, i);
        if (elem_object(c, e)) {
            struct goal *g = &p->goals[p->n_goals++];
            g->name = get_str(c, e, "name", true);
            g->unit = get_str(c, e, "unit", false);
            g->note = get_str(c, e, "note", false);
            char *dir = get_str(c, e, "direction", false);
            if (dir) {
                g->has_direction = direction_parse(dir, &g->direction) == 0;
                if (!g->has_direction)
                    err(c, "direction", "must be one of increase, decrease, keep");
            }
            json_t *t = get_object(c, e, "target", true);
            if (t) {
                size_t o3 = push_key(c, "target");
                get_num(c, t, "value", true, &g->target_value);
                get_fy(c, t, "fy", false, &g->target_fy);
                pop(c, o3);
            }
        }
        pop(c, o2);
    }
    pop(c, old);
}

/* A theme's (or a theme-less pillar's) measures into t. */
static void parse_measures(struct ctx *c, json_t *measures, const struct plan_scope *ps, struct theme *t) {
    size_t nm = json_array_size(measures);
    t->measures = nm ? arena_alloc(c->a, nm * sizeof *t->measures) : NULL;
    size_t old = push_key(c, "measures");
    for (size_t k = 0; k < nm; k++) {
        json_t *mo = json_array_get(measures, k);
        size_t o2 = push_index(c, k);
        if (elem_object(c, mo)) {
            struct measure *m = &t->measures[t->n_measures++];
            parse_measure(c, mo, ps, m);
            for (size_t x = 0; m->code && x + 1 < t->n_measures; x++)
                if (t->measures[x].code && strcmp(t->measures[x].code, m->code) == 0)
                    err(c, "code", "\"%s\" is the code of another measure of this %s", m->code,
                        theme_is_implicit(t) ? "pillar" : "theme");
        }
        pop(c, o2);
    }
    pop(c, old);
}

static void parse_theme(struct ctx *c, json_t *to, const struct plan_scope *ps, struct theme *t) {
    t->code = get_code(c, to, "code", false);
    t->title = get_str(c, to, "title", true);
    t->abolished = get_flag(c, to, "abolished");
    json_t *means = get_array(c, to, "means", false);
    size_t nme = json_array_size(means);
    t->means = nme ? arena_alloc(c->a, nme * sizeof *t->means) : NULL;
    size_t old = push_key(c, "means");
    for (size_t k = 0; k < nme; k++) {
        json_t *me = json_array_get(means, k);
        size_t o2 = push_index(c, k);
        if (elem_object(c, me)) {
            t->means[t->n_means].name = get_str(c, me, "name", true);
            t->means[t->n_means].note = get_str(c, me, "note", false);
            t->n_means++;
        }
        pop(c, o2);
    }
    pop(c, old);
    json_t *measures = get_array(c, to, "measures", true);
    if (measures)
        parse_measures(c, measures, ps, t);
}

/* A pillar holds themes, or (a plan without a theme level) its measures directly, which are kept
 * in one theme without code and title. */
static void parse_pillar(struct ctx *c, json_t *po, const struct plan_scope *ps, struct pillar *pi) {
    pi->code = get_code(c, po, "code", true);
    pi->title = get_str(c, po, "title", true);
    pi->summary = get_str(c, po, "summary", false);
    pi->abolished = get_flag(c, po, "abolished");
    get_strlist(c, po, "examples", false, &pi->examples);
    bool has_themes = json_object_get(po, "themes") && !json_is_null(json_object_get(po, "themes"));
    bool has_measures = json_object_get(po, "measures") && !json_is_null(json_object_get(po, "measures"));
    if (has_themes && has_measures) {
        err(c, "measures", "must be absent when the pillar has themes (a pillar holds themes or measures)");
        return;
    }
    if (has_measures) {
        json_t *measures = get_array(c, po, "measures", true);
        pi->themes = arena_alloc(c->a, sizeof *pi->themes);
        pi->n_themes = 1;
        if (measures)
            parse_measures(c, measures, ps, &pi->themes[0]);
        return;
    }
    json_t *themes = get_array(c, po, "themes", false);
    if (!themes) {
        if (!has_themes)
            err(c, "themes", "is required (or measures, for a plan without themes)");
        return;
    }
    size_t nt = json_array_size(themes);
    pi->themes = nt ? arena_alloc(c->a, nt * sizeof *pi->themes) : NULL;
    size_t old = push_key(c, "themes");
    for (size_t j = 0; j < nt; j++) {
        json_t *to = json_array_get(themes, j);
        size_t o2 = push_index(c, j);
        if (elem_object(c, to)) {
            struct theme *t = &pi->themes[pi->n_themes++];
            parse_theme(c, to, ps, t);
            for (size_t x = 0; t->code && x + 1 < pi->n_themes; x++)
                if (pi->themes[x].code && strcmp(pi->themes[x].code, t->code) == 0)
                    err(c, "code", "\"%s\" is the code of another theme of this pillar", t->code);
        }
        pop(c, o2);
    }
    pop(c, old);
}

static void parse_plan(struct ctx *c, json_t *o, const struct org_doc *doc, struct plan *p) {
    parse_plan_meta(c, o, p);
    struct plan_scope ps = {doc, p};
    json_t *pillars = get_array(c, o, "pillars", true);
    size_t np = json_array_size(pillars);
    p->pillars = np ? arena_alloc(c->a, np * sizeof *p->pillars) : NULL;
    size_t old = push_key(c, "pillars");
    for (size_t i = 0; i < np; i++) {
        json_t *po = json_array_get(pillars, i);
        size_t o2 = push_index(c, i);
        if (elem_object(c, po)) {
            struct pillar *pi = &p->pillars[p->n_pillars++];
            parse_pillar(c, po, &ps, pi);
            for (size_t x = 0; pi->code && x + 1 < p->n_pillars; x++)
                if (p->pillars[x].code && strcmp(p->pillars[x].code, pi->code) == 0)
                    err(c, "code", "\"%s\" is the code of another pillar of this plan", pi->code);
        }
        pop(c, o2);
    }
    pop(c, old);
}

/* The JSON path of a measure of p, for an error message. */
static void measure_at(const struct plan *p, const struct measure *m, char *out, size_t size) {
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++) {
            const struct theme *t = &p->pillars[i].themes[j];
            if (m >= t->measures && m < t->measures + t->n_measures) {
                if (theme_is_implicit(t))
                    snprintf(out, size, "pillars[%zu].measures[%zu]", i, (size_t)(m - t->measures));
                else
                    snprintf(out, size, "pillars[%zu].themes[%zu].measures[%zu]", i, j, (size_t)(m - t->measures));
                return;
            }
        }
    snprintf(out, size, "pillars");
}

/* Every measure's key (its address: the code, or the path where codes repeat) is unique in the
 * plan; links name the keys of other measures of the plan. Runs only on a plan without other
 * errors: codes are then all there. */
static void check_codes(struct ctx *c, struct plan *p) {
    const struct measure *clash = NULL;
    char at[96];
    if (plan_keys_assign(c->a, p, &clash) < 0) {
        measure_at(p, clash, at, sizeof at);
        size_t old = push_key(c, at);
        err(c, "code", "\"%s\" is the path of another measure of this plan (give the themes of this pillar codes)",
            clash->key);
        pop(c, old);
        return;
    }
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++) {
            const struct theme *t = &p->pillars[i].themes[j];
            for (size_t k = 0; k < t->n_measures; k++) {
                const struct measure *m = &t->measures[k];
                measure_at(p, m, at, sizeof at);
                size_t old = push_key(c, at);
                for (size_t l = 0; l < m->links.n; l++) {
                    char key[32];
                    snprintf(key, sizeof key, "links[%zu]", l);
                    const struct measure *target = plan_measure_by_key(p, m->links.items[l]);
                    bool twice = false;
                    for (size_t x = 0; x < l; x++)
                        twice |= target && plan_measure_by_key(p, m->links.items[x]) == target;
                    if (twice)
                        err(c, key, "\"%s\" is listed twice", m->links.items[l]);
                    else if (!target || target == m)
                        err(c, key, "\"%s\" is not the code or path of another measure of this plan",
                            m->links.items[l]);
                    else
                        m->links.items[l] = target->key;       /* a full path becomes the key */
                }
                pop(c, old);
            }
        }
}

/* True when following parents from department i comes back to i. */
static bool department_in_cycle(const struct org_doc *d, size_t i) {
    size_t at = i;
    for (size_t steps = 0; steps <= d->n_departments; steps++) {
        const char *parent = d->departments[at].parent_code;
        size_t next = d->n_departments;
        for (size_t j = 0; parent && j < d->n_departments; j++)
            if (d->departments[j].code && strcmp(d->departments[j].code, parent) == 0)
                next = j;
        if (next == d->n_departments)
            return false;
        if (next == i)
            return true;
        at = next;
    }
    return false;
}

static void parse_doc(struct ctx *c, json_t *root, struct org_doc *d) {
    json_t *fmt = json_object_get(root, "format");
    if (!json_is_string(fmt) || strcmp(json_string_value(fmt), PLAN_DOC_FORMAT) != 0) {
        err(c, "format", "must be \"%s\"", PLAN_DOC_FORMAT);
        return;                                /* not our document: say only that */
    }
    json_t *org = get_object(c, root, "org", true);
    if (org) {
        size_t old = push_key(c, "org");
        d->org.code = get_str(c, org, "code", true);
        d->org.name = get_str(c, org, "name", true);
        d->org.prefecture = get_str(c, org, "prefecture", false);
        if (d->org.code && !orgcode_valid(d->org.code)) {
            if (strlen(d->org.code) == 6 && strspn(d->org.code, "0123456789") == 6)
                err(c, "code", "\"%s\" has a wrong check digit (expected %.5s%d)", d->org.code, d->org.code,
                    orgcode_check_digit(d->org.code));
            else
                err(c, "code", "must be a 6-digit local government code");
        }
        json_t *pop_v = json_object_get(org, "population");
        if (pop_v && !json_is_null(pop_v)) {
            if (!json_is_integer(pop_v) || json_integer_value(pop_v) < 0)
                err(c, "population", "must be a non-negative integer");
            else
                d->org.population = json_integer_value(pop_v);
        }
        pop(c, old);
    }
    json_t *depts = get_array(c, root, "departments", false);
    size_t nd = json_array_size(depts);
    d->departments = nd ? arena_alloc(c->a, nd * sizeof *d->departments) : NULL;
    size_t old = push_key(c, "departments");
    for (size_t i = 0; i < nd; i++) {
        json_t *e = json_array_get(depts, i);
        size_t o2 = push_index(c, i);
        if (elem_object(c, e)) {
            struct department *dp = &d->departments[d->n_departments];
            dp->code = get_str(c, e, "code", true);
            dp->name = get_str(c, e, "name", true);
            dp->parent_code = get_str(c, e, "parent", false);
            dp->abolished = get_flag(c, e, "abolished");
            if (dp->code && !model_code_valid(dp->code, MODEL_MAX_DEPT_CODE))
                err(c, "code", "must be 1-64 characters of a-z, 0-9, - and _");
            for (size_t j = 0; j < d->n_departments; j++) {
                if (dp->code && d->departments[j].code && strcmp(dp->code, d->departments[j].code) == 0)
                    err(c, "code", "\"%s\" appears twice", dp->code);
                if (dp->name && d->departments[j].name && strcmp(dp->name, d->departments[j].name) == 0)
                    err(c, "name", "\"%s\" appears twice", dp->name);
            }
            d->n_departments++;
        }
        pop(c, o2);
    }
    for (size_t i = 0; i < d->n_departments; i++) {
        const char *parent = d->departments[i].parent_code;
        if (!parent)
            continue;
        bool found = false;
        for (size_t j = 0; j < d->n_departments; j++)
            found |= j != i && d->departments[j].code && strcmp(d->departments[j].code, parent) == 0;
        if (!found) {
            size_t o2 = push_index(c, i);
            err(c, "parent", "\"%s\" is not the code of another department", parent);
            pop(c, o2);
        } else if (department_in_cycle(d, i)) {
            size_t o2 = push_index(c, i);
            err(c, "parent", "\"%s\" makes the departments their own parents", parent);
            pop(c, o2);
        }
    }
    pop(c, old);
    json_t *plans = get_array(c, root, "plans", true);
    size_t np = json_array_size(plans);
    if (plans && np == 0)
        err(c, "plans", "must hold at least one plan");
    d->plans = np ? arena_alloc(c->a, np * sizeof *d->plans) : NULL;
    bool *plan_ok = arena_alloc(c->a, (np ? np : 1) * sizeof *plan_ok);  /* no errors of its own */
    old = push_key(c, "plans");
    for (size_t i = 0; i < np; i++) {
        json_t *e = json_array_get(plans, i);
        size_t o2 = push_index(c, i);
        if (elem_object(c, e)) {
            struct plan *p = &d->plans[d->n_plans];
            size_t before = c->errs->total;
            parse_plan(c, e, d, p);
            for (size_t j = 0; p->code && j < d->n_plans; j++)
                if (d->plans[j].code && strcmp(d->plans[j].code, p->code) == 0)
                    err(c, "code", "\"%s\" is the code of another plan of this organisation", p->code);
            if (c->errs->total == before)
                check_codes(c, p);
            plan_ok[d->n_plans++] = c->errs->total == before;
        }
        pop(c, o2);
    }
    pop(c, old);
    plan_doc_parse_bodies(c->a, root, d, plan_ok, c->errs);   /* after plans: meetings name measures */
}

int plan_doc_parse(const char *text, size_t len, struct arena *a, struct org_doc *ret, struct doc_errors *errs) {
    memset(errs, 0, sizeof *errs);
    struct ctx c = {.a = a, .errs = errs};
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        err(&c, NULL, "not valid JSON at line %d, column %d: %s", jerr.line, jerr.column, jerr.text);
        return KW_EINVAL;
    }
    if (!json_is_object(root)) {
        err(&c, NULL, "the document must be a JSON object");
        json_decref(root);
        return KW_EINVAL;
    }
    struct org_doc d;
    memset(&d, 0, sizeof d);
    parse_doc(&c, root, &d);
    json_decref(root);
    if (errs->total)
        return KW_EINVAL;
    *ret = d;
    return 0;
}
