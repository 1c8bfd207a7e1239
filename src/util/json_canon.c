/* JSON text in one canonical form (see json_canon.h): parsed with jansson, written with jw. */
#include <jansson.h>
#include "util/json_canon.h"
#include "util/jw.h"

static void write_value(struct jw *w, const json_t *v) {
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        const char *key;
        size_t key_len;
        json_t *member;
        jw_obj_begin(w);
        /* jansson keeps an object's members in the order they were read */
        json_object_keylen_foreach((json_t *)v, key, key_len, member) {
            jw_key_text(w, key, key_len);
            write_value(w, member);
        }
        jw_obj_end(w);
        break;
    }
    case JSON_ARRAY: {
        size_t i;
        json_t *item;
        jw_arr_begin(w);
        json_array_foreach(v, i, item) write_value(w, item);
        jw_arr_end(w);
        break;
    }
    case JSON_STRING: jw_strn(w, json_string_value(v), json_string_length(v)); break;
    case JSON_INTEGER: jw_int(w, json_integer_value(v)); break;
    case JSON_REAL: jw_num(w, json_real_value(v)); break;
    case JSON_TRUE: jw_bool(w, true); break;
    case JSON_FALSE: jw_bool(w, false); break;
    case JSON_NULL: jw_null(w); break;
    }
}

int json_canon(struct buf *out, const char *json, size_t n) {
    json_t *v = json_loadb(json, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
    if (!v) return -1;
    struct jw w;
    jw_init(&w, out, 0);
    write_value(&w, v);
    json_decref(v);
    return 0;
}
