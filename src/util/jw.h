/* Streaming JSON writer into a buf: commas and escaping are handled here, once.
 *
 * Strings are written as UTF-8; invalid UTF-8 becomes U+FFFD; control characters are written
 * as \n, \r, \t or \uXXXX. (JSON is served as application/json with nosniff and never
 * inlined into HTML, so < > & stay as they are, which keeps exported documents readable.)
 * Numbers: integral values print without a fraction ("11"), others in the shortest form
 * that reads back to the same double ("3.8"); NaN and infinities print as null. */
#ifndef KAWARU_UTIL_JW_H
#define KAWARU_UTIL_JW_H
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "util/buf.h"

enum { JW_MAX_DEPTH = 64 };

struct jw {
    struct buf *out;
    int depth;
    bool need_comma[JW_MAX_DEPTH];
    bool after_key;
    int indent;          /* 0: compact; n: pretty with n spaces */
};

void jw_init(struct jw *w, struct buf *out, int indent);
void jw_obj_begin(struct jw *w);
void jw_obj_end(struct jw *w);
void jw_arr_begin(struct jw *w);
void jw_arr_end(struct jw *w);
/* key is one of the program's own literals (printable ASCII, no quote or backslash), written as
 * is. Inline, so that the length of a literal key is known when compiling. */
void jw_key_n(struct jw *w, const char *key, size_t n);
static inline void jw_key(struct jw *w, const char *key) { jw_key_n(w, key, strlen(key)); }
/* A key that is data (any UTF-8), escaped as a string is. */
void jw_key_text(struct jw *w, const char *key, size_t n);
void jw_str(struct jw *w, const char *s);           /* NULL writes null */
void jw_strn(struct jw *w, const char *s, size_t n);
void jw_int(struct jw *w, int64_t v);
void jw_num(struct jw *w, double v);
void jw_bool(struct jw *w, bool v);
void jw_null(struct jw *w);
/* Writes already-valid JSON text as one value. */
void jw_raw(struct jw *w, const char *json);

/* key + value in one call */
static inline void jw_kstr(struct jw *w, const char *key, const char *s) { jw_key(w, key); jw_str(w, s); }
static inline void jw_kint(struct jw *w, const char *key, int64_t v) { jw_key(w, key); jw_int(w, v); }
static inline void jw_knum(struct jw *w, const char *key, double v) { jw_key(w, key); jw_num(w, v); }
static inline void jw_kbool(struct jw *w, const char *key, bool v) { jw_key(w, key); jw_bool(w, v); }

/* Appends s as a JSON string literal (with quotes) to out. */
void json_escape(struct buf *out, const char *s, size_t n);
/* Formats a double the way jw_num does into dst (at least 32 bytes). */
void json_format_number(char *dst, size_t size, double v);

#endif
