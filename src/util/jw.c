/* Streaming JSON writer (see jw.h). */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/jw.h"
#include "util/utf8.h"

void jw_init(struct jw *w, struct buf *out, int indent) {
    memset(w, 0, sizeof *w);
    w->out = out;
    w->indent = indent;
}

static void newline(struct jw *w) {
    if (!w->indent)
        return;
    buf_putc(w->out, '\n');
    for (int i = 0; i < w->depth * w->indent; i++)
        buf_putc(w->out, ' ');
}

/* Called before every value or key: writes the separating comma and indentation. */
static void before_value(struct jw *w) {
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth > 0) {
        if (w->need_comma[w->depth])
            buf_putc(w->out, ',');
        w->need_comma[w->depth] = true;
        newline(w);
    }
}

static void open_container(struct jw *w, char c) {
    before_value(w);
    buf_putc(w->out, c);
    assert(w->depth + 1 < JW_MAX_DEPTH);
    w->depth++;
    w->need_comma[w->depth] = false;
}

static void close_container(struct jw *w, char c) {
    bool had = w->need_comma[w->depth];
    w->depth--;
    if (had)
        newline(w);
    buf_putc(w->out, c);
}

void jw_obj_begin(struct jw *w) { open_container(w, '{'); }
void jw_obj_end(struct jw *w) { close_container(w, '}'); }
void jw_arr_begin(struct jw *w) { open_container(w, '['); }
void jw_arr_end(struct jw *w) { close_container(w, ']'); }

void jw_key_n(struct jw *w, const char *key, size_t n) {
    before_value(w);
#ifndef NDEBUG
    for (size_t i = 0; i < n; i++)                 /* keys are the program's own literals */
        assert(key[i] > 0x20 && key[i] < 0x7f && key[i] != '"' && key[i] != '\\');
#endif
    struct buf *b = w->out;
    buf_reserve(b, n + 4);
    char *p = b->data + b->len;
    *p++ = '"';
    memcpy(p, key, n);
    p += n;
    *p++ = '"';
    *p++ = ':';
    if (w->indent)
        *p++ = ' ';
    *p = '\0';
    b->len = (size_t)(p - b->data);
    w->after_key = true;
}

void json_escape(struct buf *out, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s, *end = p + n, *run = p;
    buf_reserve(out, n + 2);
    buf_putc(out, '"');
    /* copy runs of plain ASCII and valid multi-byte sequences whole; stop at what needs escaping */
    while (p < end) {
        unsigned char c = *p;
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            p++;
            continue;
        }
        size_t len = c >= 0x80 ? utf8_valid_prefix(p, (size_t)(end - p)) : 0;
        if (len) {
            p += len;
            continue;
        }
        buf_append(out, (const char *)run, (size_t)(p - run));
        switch (c) {
        case '"': buf_puts(out, "\\\""); break;
        case '\\': buf_puts(out, "\\\\"); break;
        case '\n': buf_puts(out, "\\n"); break;
        case '\r': buf_puts(out, "\\r"); break;
        case '\t': buf_puts(out, "\\t"); break;
        default:
            if (c >= 0x80) {
                buf_puts(out, "\xef\xbf\xbd");         /* U+FFFD for an invalid byte */
            } else {
                char e[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
                buf_puts(out, e);
            }
        }
        run = ++p;
    }
    buf_append(out, (const char *)run, (size_t)(p - run));
    buf_putc(out, '"');
}

void jw_strn(struct jw *w, const char *s, size_t n) {
    before_value(w);
    json_escape(w->out, s, n);
}

void jw_str(struct jw *w, const char *s) {
    if (!s) {
        jw_null(w);
        return;
    }
    jw_strn(w, s, strlen(s));
}

/* Decimal digits of v into dst (at least 21 bytes); returns the length. printf is ten times
 * slower, and lists print many ids and values. */
static size_t format_int(char *dst, int64_t v) {
    char tmp[24];
    size_t n = 0;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    size_t len = 0;
    if (v < 0)
        dst[len++] = '-';
    while (n)
        dst[len++] = tmp[--n];
    dst[len] = '\0';
    return len;
}

void jw_int(struct jw *w, int64_t v) {
    char tmp[24];
    size_t n = format_int(tmp, v);
    before_value(w);
    buf_append(w->out, tmp, n);
}

/* Numbers with at most 6 decimals (what people type: 3.8, 12.5, 0.25) are printed with integer
 * arithmetic when that reads back exactly; others take the shortest %.15g-%.17g form. */
void json_format_number(char *dst, size_t size, double v) {
    if (!isfinite(v)) {
        snprintf(dst, size, "null");
        return;
    }
    if (v == floor(v) && fabs(v) < 9007199254740992.0 && size >= 24) {
        format_int(dst, (int64_t)v);            /* -0.0 prints as 0 */
        return;
    }
    double scaled = round(v * 1e6);
    if (fabs(v) < 1e9 && scaled / 1e6 == v && size >= 32) {
        int64_t s = (int64_t)scaled;
        uint64_t u = s < 0 ? 0 - (uint64_t)s : (uint64_t)s;
        size_t n = 0;
        if (s < 0)
            dst[n++] = '-';
        n += format_int(dst + n, (int64_t)(u / 1000000));
        char frac[8];
        uint64_t f = u % 1000000;
        int digits = 6;
        while (f % 10 == 0) {                   /* f is not 0: v is not integral */
            f /= 10;
            digits--;
        }
        for (int i = digits - 1; i >= 0; i--, f /= 10)
            frac[i] = (char)('0' + f % 10);
        dst[n++] = '.';
        memcpy(dst + n, frac, (size_t)digits);
        dst[n + (size_t)digits] = '\0';
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(dst, size, "%.*g", prec, v);
        if (strtod(dst, NULL) == v)
            break;
    }
}

void jw_num(struct jw *w, double v) {
    char tmp[40];
    json_format_number(tmp, sizeof tmp, v);
    before_value(w);
    buf_puts(w->out, tmp);
}

void jw_bool(struct jw *w, bool v) {
    before_value(w);
    buf_puts(w->out, v ? "true" : "false");
}

void jw_null(struct jw *w) {
    before_value(w);
    buf_puts(w->out, "null");
}

void jw_raw(struct jw *w, const char *json) {
    before_value(w);
    buf_puts(w->out, json);
}


