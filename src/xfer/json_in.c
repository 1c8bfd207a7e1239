/* The one reader of JSON from outside (see json_in.h): the value readers, and the document
 * reader that reports each problem at its path. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core/fiscal.h"
#include "core/model.h"
#include "core/number.h"
#include "util/utf8.h"
#include "xfer/json_in.h"

json_t *json_in_parse(const char *text, size_t len, const char *what, char *msg, size_t n) {
    json_error_t e;
    json_t *v = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e);
    if (!v)
        snprintf(msg, n, "%s is not valid JSON (line %d, column %d: %s)", what, e.line, e.column, e.text);
    return v;
}

enum json_in_presence json_in_member(json_t *o, const char *key, json_t **ret) {
    json_t *v = json_object_get(o, key);
    *ret = v;
    return !v ? JSON_IN_ABSENT : json_is_null(v) ? JSON_IN_NULL : JSON_IN_SET;
}

const char *json_in_text(json_t *v, const struct field_rule *rule, bool required, struct arena *a, char **ret,
                         char *buf) {
    if (!json_is_string(v))
        return snprintf(buf, JSON_IN_MSG, "must be a string"), buf;
    const char *s = json_string_value(v);
    size_t len = json_string_length(v);
    if (memchr(s, '\0', len))                              /* "\u0000": a control character */
        return field_message(FIELD_CONTROL, rule, buf, JSON_IN_MSG);
    enum field_problem p = field_check(s, len, rule, required);
    if (p != FIELD_OK)
        return field_message(p, rule, buf, JSON_IN_MSG);
    *ret = utf8_is_blank(s) ? arena_strdup(a, "") : arena_strndup(a, s, len);
    return NULL;
}

const char *json_in_code(json_t *v, bool required, struct arena *a, char **ret, char *buf) {
    char *s;
    const char *e = json_in_text(v, &field_label, required, a, &s, buf);
    if (e)
        return e;
    if (strchr(s, '/'))
        return snprintf(buf, JSON_IN_MSG, "must not contain \"/\" (it separates the codes of a measure's path)"), buf;
    *ret = s;
    return NULL;
}

const char *json_in_int(json_t *v, int64_t lo, int64_t hi, int64_t *ret, char *buf) {
    if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
        return snprintf(buf, JSON_IN_MSG, "must be a whole number from %lld to %lld", (long long)lo, (long long)hi), buf;
    *ret = json_integer_value(v);
    return NULL;
}

const char *json_in_fy(json_t *v, int *ret, char *buf) {
    int fy = 0;                                   /* fy_parse sets it only on success */
    if (json_is_integer(v) && json_integer_value(v) >= FY_MIN && json_integer_value(v) <= FY_MAX)
        fy = (int)json_integer_value(v);
    else if (json_is_string(v) && json_string_length(v) <= JSON_IN_FY_TEXT &&
             !memchr(json_string_value(v), '\0', json_string_length(v)))   /* "2024\u0000x" is not 2024 */
        (void)fy_parse(json_string_value(v), &fy);
    if (!fy)
        return snprintf(buf, JSON_IN_MSG, "%s", FY_INVALID), buf;
    *ret = fy;
    return NULL;
}

const char *json_in_number(json_t *v, double *ret, char *buf) {
    if (!json_is_number(v))
        return snprintf(buf, JSON_IN_MSG, "must be a number"), buf;
    if (!number_in_range(json_number_value(v)))
        return snprintf(buf, JSON_IN_MSG, "must be a number between -1e15 and 1e15"), buf;
    *ret = json_number_value(v);
    return NULL;
}

const char *json_in_bool(json_t *v, bool *ret, char *buf) {
    if (!json_is_boolean(v))
        return snprintf(buf, JSON_IN_MSG, "must be true or false"), buf;
    *ret = json_is_true(v);
    return NULL;
}

const char *json_in_date(json_t *v, struct arena *a, char **ret, char *buf) {
    kw_date d;
    if (!json_is_string(v) || date_parse(json_string_value(v), &d) < 0)
        return snprintf(buf, JSON_IN_MSG, "must be a date YYYY-MM-DD"), buf;
    *ret = arena_strdup(a, json_string_value(v));
    return NULL;
}

const char *json_in_enum(json_t *v, const char *const *names, const char **ret, char *buf) {
    for (size_t i = 0; names[i]; i++)
        if (json_is_string(v) && strcmp(json_string_value(v), names[i]) == 0) {
            *ret = names[i];
            return NULL;
        }
    int n = snprintf(buf, JSON_IN_MSG, "must be one of ");
    for (size_t i = 0; names[i] && n > 0 && n < JSON_IN_MSG; i++)
        n += snprintf(buf + n, JSON_IN_MSG - (size_t)n, "%s%s", i ? ", " : "", names[i]);
    return buf;
}

const char *json_in_array(json_t *v, size_t max, char *buf) {
    if (!json_is_array(v) || json_array_size(v) > max)
        return snprintf(buf, JSON_IN_MSG, "must be a list of at most %zu entries", max), buf;
    return NULL;
}

const char *json_in_object(json_t *v, char *buf) {
    return json_is_object(v) ? NULL : (snprintf(buf, JSON_IN_MSG, "must be an object"), buf);
}

/* ---- the document reader */

void doc_err(struct doc_reader *d, const char *key, const char *fmt, ...) {
    struct doc_errors *e = d->errs;
    e->total++;
    if (e->n >= DOC_MAX_ERRORS)
        return;
    snprintf(e->items[e->n].path, sizeof e->items[e->n].path, "%.200s%s%.50s", d->path,
             key && d->pathlen ? "." : "", key ? key : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->items[e->n].message, sizeof e->items[e->n].message, fmt, ap);
    va_end(ap);
    e->n++;
}

/* Appends the written step (n bytes, or a negative n) to the path, unless it did not fit. */
static size_t step(struct doc_reader *d, size_t old, int n) {
    d->pathlen = n > 0 && old + (size_t)n < sizeof d->path ? old + (size_t)n : old;
    d->path[d->pathlen] = '\0';
    return old;
}

size_t doc_push_key(struct doc_reader *d, const char *key) {
    size_t old = d->pathlen;
    return step(d, old, snprintf(d->path + old, sizeof d->path - old, "%s%s", old ? "." : "", key));
}

size_t doc_push_index(struct doc_reader *d, size_t i) {
    size_t old = d->pathlen;
    return step(d, old, snprintf(d->path + old, sizeof d->path - old, "[%zu]", i));
}

void doc_pop(struct doc_reader *d, size_t old) {
    d->pathlen = old;
    d->path[old] = '\0';
}

/* The member's value, or NULL when not set (reported when required). */
static json_t *member(struct doc_reader *d, json_t *o, const char *key, bool required) {
    json_t *v;
    if (json_in_member(o, key, &v) == JSON_IN_SET)
        return v;
    if (required)
        doc_err(d, key, "is required");
    return NULL;
}

/* Reports e (a reader's message) at key; true when there was nothing to report. */
static bool ok(struct doc_reader *d, const char *key, const char *e) {
    if (e)
        doc_err(d, key, "%s", e);
    return !e;
}

char *doc_text(struct doc_reader *d, json_t *o, const char *key, const struct field_rule *rule, bool required) {
    json_t *v = member(d, o, key, required);
    char buf[JSON_IN_MSG], *s = NULL;
    if (!v || !ok(d, key, json_in_text(v, rule, required, d->a, &s, buf)))
        return NULL;
    return *s ? s : NULL;
}

char *doc_code(struct doc_reader *d, json_t *o, const char *key, bool required) {
    json_t *v = member(d, o, key, required);
    char buf[JSON_IN_MSG], *s = NULL;
    if (!v || !ok(d, key, json_in_code(v, required, d->a, &s, buf)))
        return NULL;
    return *s ? s : NULL;
}

bool doc_flag(struct doc_reader *d, json_t *o, const char *key) {
    json_t *v = member(d, o, key, false);
    char buf[JSON_IN_MSG];
    bool b = false;
    return v && ok(d, key, json_in_bool(v, &b, buf)) && b;
}

bool doc_int(struct doc_reader *d, json_t *o, const char *key, bool required, long lo, long hi, int *ret) {
    json_t *v = member(d, o, key, required);
    char buf[JSON_IN_MSG];
    int64_t x;
    if (!v || !ok(d, key, json_in_int(v, lo, hi, &x, buf)))
        return false;
    *ret = (int)x;
    return true;
}

bool doc_fy(struct doc_reader *d, json_t *o, const char *key, bool required, int *ret) {
    json_t *v = member(d, o, key, required);
    char buf[JSON_IN_MSG];
    return v && ok(d, key, json_in_fy(v, ret, buf));
}

bool doc_number(struct doc_reader *d, json_t *o, const char *key, bool required, double *ret) {
    json_t *v = member(d, o, key, required);
    char buf[JSON_IN_MSG];
    return v && ok(d, key, json_in_number(v, ret, buf));
}

char *doc_date(struct doc_reader *d, json_t *o, const char *key, bool required) {
    json_t *v = member(d, o, key, required);
    char buf[JSON_IN_MSG], *s = NULL;
    return v && ok(d, key, json_in_date(v, d->a, &s, buf)) ? s : NULL;
}

const char *doc_enum(struct doc_reader *d, json_t *o, const char *key, const char *const *names, bool required) {
    json_t *v = member(d, o, key, required);
    char buf[JSON_IN_MSG];
    const char *s = NULL;
    return v && ok(d, key, json_in_enum(v, names, &s, buf)) ? s : NULL;
}

json_t *doc_array(struct doc_reader *d, json_t *o, const char *key, bool required) {
    json_t *v = member(d, o, key, required);
    char buf[JSON_IN_MSG];
    return v && ok(d, key, json_in_array(v, MODEL_MAX_LIST, buf)) ? v : NULL;
}

json_t *doc_object(struct doc_reader *d, json_t *o, const char *key, bool required) {
    json_t *v = member(d, o, key, required);
    char buf[JSON_IN_MSG];
    return v && ok(d, key, json_in_object(v, buf)) ? v : NULL;
}

bool doc_elem_object(struct doc_reader *d, json_t *v) {
    char buf[JSON_IN_MSG];
    return ok(d, NULL, json_in_object(v, buf));
}

void doc_strlist(struct doc_reader *d, json_t *o, const char *key, const struct field_rule *rule, bool nonempty,
                 struct strlist *ret) {
    memset(ret, 0, sizeof *ret);
    json_t *arr = doc_array(d, o, key, false);
    if (!arr)
        return;
    size_t n = json_array_size(arr);
    if (nonempty && n == 0)
        doc_err(d, key, "must not be empty");
    ret->items = n ? arena_alloc(d->a, n * sizeof *ret->items) : NULL;
    size_t old = doc_push_key(d, key);
    for (size_t i = 0; i < n; i++) {
        size_t o2 = doc_push_index(d, i);
        char buf[JSON_IN_MSG], *s;
        if (ok(d, NULL, json_in_text(json_array_get(arr, i), rule, true, d->a, &s, buf)))
            ret->items[ret->n++] = s;
        doc_pop(d, o2);
    }
    doc_pop(d, old);
}
