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

char *jcol_titled(const struct titled_text *t, size_t n) {
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    jw_arr_begin(&w);
    for (size_t i = 0; i < n; i++) {
        jw_obj_begin(&w);
        jw_kstr(&w, "title", t[i].title);
        if (t[i].text) jw_kstr(&w, "text", t[i].text);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    return finish(&b, n);
}

char *jcol_goals(const struct goal *g, size_t n) {
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    jw_arr_begin(&w);
    for (size_t i = 0; i < n; i++) {
        jw_obj_begin(&w);
        jw_kstr(&w, "name", g[i].name);
        if (g[i].unit) jw_kstr(&w, "unit", g[i].unit);
        if (g[i].has_direction) jw_kstr(&w, "direction", direction_name(g[i].direction));
        jw_key(&w, "target");
        jw_obj_begin(&w);
        jw_knum(&w, "value", g[i].target_value);
        if (g[i].target_fy) jw_kint(&w, "fy", g[i].target_fy);
        jw_obj_end(&w);
        if (g[i].note) jw_kstr(&w, "note", g[i].note);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    return finish(&b, n);
}

char *jcol_revisions(const struct revision *r, size_t n) {
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    jw_arr_begin(&w);
    for (size_t i = 0; i < n; i++) {
        jw_obj_begin(&w);
        jw_kstr(&w, "version", r[i].version);
        jw_kstr(&w, "date", r[i].date);
        jw_key(&w, "notes");
        jw_arr_begin(&w);
        for (size_t j = 0; j < r[i].notes.n; j++)
            jw_str(&w, r[i].notes.items[j]);
        jw_arr_end(&w);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    return finish(&b, n);
}

char *jcol_rating_scale(const struct rating_level *r, size_t n) {
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    jw_arr_begin(&w);
    for (size_t i = 0; i < n; i++) {
        jw_obj_begin(&w);
        jw_kstr(&w, "code", r[i].code);
        jw_kstr(&w, "label", r[i].label);
        if (r[i].color) jw_kstr(&w, "color", r[i].color);
        jw_kbool(&w, "problem", r[i].problem);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    return finish(&b, n);
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

void jcol_read_titled(struct arena *a, const char *json, struct titled_text **ret, size_t *n) {
    json_t *arr = parse_array(json);
    *n = json_array_size(arr);
    *ret = *n ? arena_alloc(a, *n * sizeof **ret) : NULL;
    for (size_t i = 0; i < *n; i++) {
        json_t *o = json_array_get(arr, i);
        (*ret)[i].title = str_of(a, o, "title");
        (*ret)[i].text = str_of(a, o, "text");
    }
    json_decref(arr);
}

void jcol_read_goals(struct arena *a, const char *json, struct goal **ret, size_t *n) {
    json_t *arr = parse_array(json);
    *n = json_array_size(arr);
    *ret = *n ? arena_alloc(a, *n * sizeof **ret) : NULL;
    for (size_t i = 0; i < *n; i++) {
        json_t *o = json_array_get(arr, i);
        struct goal *g = &(*ret)[i];
        g->name = str_of(a, o, "name");
        g->unit = str_of(a, o, "unit");
        g->note = str_of(a, o, "note");
        json_t *dir = json_object_get(o, "direction");
        g->has_direction = json_is_string(dir) && direction_parse(json_string_value(dir), &g->direction) == 0;
        json_t *t = json_object_get(o, "target");
        g->target_value = json_number_value(json_object_get(t, "value"));
        g->target_fy = (int)json_integer_value(json_object_get(t, "fy"));
    }
    json_decref(arr);
}

void jcol_read_revisions(struct arena *a, const char *json, struct revision **ret, size_t *n) {
    json_t *arr = parse_array(json);
    *n = json_array_size(arr);
    *ret = *n ? arena_alloc(a, *n * sizeof **ret) : NULL;
    for (size_t i = 0; i < *n; i++) {
        json_t *o = json_array_get(arr, i);
        (*ret)[i].version = str_of(a, o, "version");
        (*ret)[i].date = str_of(a, o, "date");
        strlist_from(a, json_object_get(o, "notes"), &(*ret)[i].notes);
    }
    json_decref(arr);
}

void jcol_read_rating_scale(struct arena *a, const char *json, struct rating_level **ret, size_t *n) {
    json_t *arr = parse_array(json);
    *n = json_array_size(arr);
    *ret = *n ? arena_alloc(a, *n * sizeof **ret) : NULL;
    for (size_t i = 0; i < *n; i++) {
        json_t *o = json_array_get(arr, i);
        (*ret)[i].code = str_of(a, o, "code");
        (*ret)[i].label = str_of(a, o, "label");
        (*ret)[i].color = str_of(a, o, "color");
        (*ret)[i].problem = json_is_true(json_object_get(o, "problem"));
    }
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
