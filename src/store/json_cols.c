/* JSON list columns <-> model (see json_cols.h). The text written here is what the exporter
 * emits, so it is canonical: compact, keys in a fixed order, absent values left out. */
#include <jansson.h>
#include <string.h>
#include "store/json_cols.h"
#include "util/jw.h"

static char *finish(struct buf *b, size_t n) {
    if (n == 0) {
        buf_free(b);
        return NULL;
    }
    return buf_steal(b);
}

char *jcol_strlist(const struct strlist *l) {
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    jw_arr_begin(&w);
    for (size_t i = 0; i < l->n; i++)
        jw_str(&w, l->items[i]);
    jw_arr_end(&w);
    return finish(&b, l->n);
}

char *jcol_means(const struct means_entry *m, size_t n) {
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    jw_arr_begin(&w);
    for (size_t i = 0; i < n; i++) {
        jw_obj_begin(&w);
        jw_kstr(&w, "name", m[i].name);
        if (m[i].note) jw_kstr(&w, "note", m[i].note);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    return finish(&b, n);
}

/* ---- readers: the text was written above, so a malformed value is a program error and
 * simply yields an empty field. */

static json_t *parse_array(const char *json) {
    if (!json)
        return NULL;
    json_t *v = json_loads(json, JSON_DECODE_ANY, NULL);
    if (v && !json_is_array(v)) {
        json_decref(v);
        return NULL;
    }
    return v;
}

static char *str_of(struct arena *a, json_t *o, const char *key) {
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? arena_strdup(a, json_string_value(v)) : NULL;
}

static void strlist_from(struct arena *a, json_t *arr, struct strlist *ret) {
    size_t n = json_array_size(arr);
    ret->n = 0;
    ret->items = n ? arena_alloc(a, n * sizeof *ret->items) : NULL;
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_array_get(arr, i);
        if (json_is_string(v))
            ret->items[ret->n++] = arena_strdup(a, json_string_value(v));
    }
}

void jcol_read_strlist(struct arena *a, const char *json, struct strlist *ret) {
    json_t *arr = parse_array(json);
    strlist_from(a, arr, ret);
    json_decref(arr);
}

void jcol_read_means(struct arena *a, const char *json, struct means_entry **ret, size_t *n) {
    json_t *arr = parse_array(json);
    *n = json_array_size(arr);
    *ret = *n ? arena_alloc(a, *n * sizeof **ret) : NULL;
    for (size_t i = 0; i < *n; i++) {
        json_t *o = json_array_get(arr, i);
        (*ret)[i].name = str_of(a, o, "name");
        (*ret)[i].note = str_of(a, o, "note");
    }
    json_decref(arr);
}
