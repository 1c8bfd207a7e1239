/* Streaming JSON writer (see jw.h). Strings are scanned with a table of byte classes: runs of
 * bytes that need no escaping (plain ASCII, eight at a time, and well-formed UTF-8 sequences)
 * are copied whole; numbers are formatted without printf when that gives the same text. */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/fmt.h"
#include "util/jw.h"
#include "util/utf8.h"

void jw_init(struct jw *w, struct buf *out, int indent) {
    memset(w, 0, sizeof *w);
    w->out = out;
    w->indent = indent;
}

/* Copies n bytes; short copies (keys, small strings) without a call to memcpy. */
static inline void copy_bytes(char *dst, const char *src, size_t n) {
    if (n >= 8 && n <= 16) {
        uint64_t a, z;
        memcpy(&a, src, 8);
        memcpy(&z, src + n - 8, 8);
        memcpy(dst, &a, 8);
        memcpy(dst + n - 8, &z, 8);
    } else if (n >= 4 && n < 8) {
        uint32_t a, z;
        memcpy(&a, src, 4);
        memcpy(&z, src + n - 4, 4);
        memcpy(dst, &a, 4);
        memcpy(dst + n - 4, &z, 4);
    } else if (n > 16) {
        memcpy(dst, src, n);
    } else {
        for (size_t i = 0; i < n; i++)
            dst[i] = src[i];
    }
}

/* Appends n bytes without writing the NUL; the caller writes it when done. */
static inline void append_raw(struct buf *b, const void *s, size_t n) {
    buf_reserve(b, n);
    copy_bytes(b->data + b->len, s, n);
    b->len += n;
}

static void newline(struct jw *w) {
    if (!w->indent)
        return;
    int spaces = w->depth * w->indent;
    size_t n = spaces > 0 ? (size_t)spaces : 0;
    struct buf *b = w->out;
    buf_reserve(b, n + 1);
    char *p = b->data + b->len;
    *p++ = '\n';
    memset(p, ' ', n);
    b->len += n + 1;
    b->data[b->len] = '\0';
}

/* Called before every value or key: writes the separating comma and indentation. */
static inline void before_value(struct jw *w) {
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

/* jw_key_n for what its fast path leaves: pretty output, a key after a key or outside an
 * object, long keys, a buffer to grow. */
__attribute__((noinline)) static void key_general(struct jw *w, const char *key, size_t n) {
    before_value(w);
    struct buf *b = w->out;
    buf_reserve(b, n + 4);
    char *p = b->data + b->len;
    *p++ = '"';
    copy_bytes(p, key, n);
    p += n;
    *p++ = '"';
    *p++ = ':';
    if (w->indent)
        *p++ = ' ';
    *p = '\0';
    b->len = (size_t)(p - b->data);
    w->after_key = true;
}

void jw_key_n(struct jw *w, const char *key, size_t n) {
#ifndef NDEBUG
    for (size_t i = 0; i < n; i++)                 /* keys are the program's own literals */
        assert(key[i] > 0x20 && key[i] < 0x7f && key[i] != '"' && key[i] != '\\');
#endif
    struct buf *b = w->out;
    /* the usual case: a short key in a compact object, with room for ,"key": and the NUL */
    if (w->indent || w->after_key || w->depth <= 0 || n > 16 || b->len + n + 5 > b->cap) {
        key_general(w, key, n);
        return;
    }
    char *p = b->data + b->len;
    *p = ',';
    p += w->need_comma[w->depth];
    w->need_comma[w->depth] = true;
    *p++ = '"';
    copy_bytes(p, key, n);
    p += n;
    p[0] = '"';
    p[1] = ':';
    p[2] = '\0';
    b->len = (size_t)(p + 2 - b->data);
    w->after_key = true;
}

/* Byte classes for json_escape. The UTF-8 lead classes say which second bytes make a
 * well-formed sequence (Unicode table 3-7): that excludes overlong forms (C0, C1, E0 80-9F,
 * F0 80-8F), surrogates (ED A0-BF) and code points above U+10FFFF (F4 90-BF, F5-FF), the same
 * rules as utf8_valid_prefix. */
enum {
    JC_PLAIN,           /* ASCII written as it is */
    JC_ESCAPE,          /* control character, '"' or '\\' */
    JC_INVALID,         /* never starts a sequence: continuation bytes, C0, C1, F5-FF */
    JC_LEAD2,           /* C2-DF */
    JC_LEAD3_E0,        /* E0 A0-BF */
    JC_LEAD3,           /* E1-EC, EE, EF */
    JC_LEAD3_ED,        /* ED 80-9F */
    JC_LEAD4_F0,        /* F0 90-BF */
    JC_LEAD4,           /* F1-F3 */
    JC_LEAD4_F4,        /* F4 80-8F */
};

#define JC_R4(c) c, c, c, c
#define JC_R16(c) JC_R4(c), JC_R4(c), JC_R4(c), JC_R4(c)
static const unsigned char json_class[256] = {
    JC_R16(JC_ESCAPE), JC_R16(JC_ESCAPE),                           /* 00-1F */
    JC_PLAIN, JC_PLAIN, JC_ESCAPE, JC_PLAIN, JC_R4(JC_PLAIN), JC_R4(JC_PLAIN), JC_R4(JC_PLAIN),
    JC_R16(JC_PLAIN), JC_R16(JC_PLAIN),                             /* 20-4F, '"' at 22 */
    JC_R4(JC_PLAIN), JC_R4(JC_PLAIN), JC_R4(JC_PLAIN),
    JC_ESCAPE, JC_PLAIN, JC_PLAIN, JC_PLAIN,                        /* 50-5F, '\\' at 5C */
    JC_R16(JC_PLAIN), JC_R16(JC_PLAIN),                             /* 60-7F */
    JC_R16(JC_INVALID), JC_R16(JC_INVALID), JC_R16(JC_INVALID), JC_R16(JC_INVALID),  /* 80-BF */
    JC_INVALID, JC_INVALID, JC_LEAD2, JC_LEAD2, JC_R4(JC_LEAD2), JC_R4(JC_LEAD2),
    JC_R4(JC_LEAD2), JC_R16(JC_LEAD2),                              /* C0-DF */
    JC_LEAD3_E0, JC_LEAD3, JC_LEAD3, JC_LEAD3, JC_R4(JC_LEAD3), JC_R4(JC_LEAD3),
    JC_LEAD3, JC_LEAD3_ED, JC_LEAD3, JC_LEAD3,                      /* E0-EF */
    JC_LEAD4_F0, JC_LEAD4, JC_LEAD4, JC_LEAD4, JC_LEAD4_F4, JC_INVALID, JC_INVALID, JC_INVALID,
    JC_R4(JC_INVALID), JC_R4(JC_INVALID),                           /* F0-FF */
};
#undef JC_R16
#undef JC_R4

/* Length, lowest second byte and range of second bytes (highest - lowest) of each lead class. */
#define JC_SEQ(len, lo, hi) ((uint32_t)(len) | (uint32_t)(lo) << 8 | (uint32_t)((hi) - (lo)) << 16)
static const uint32_t json_seq[] = {
    [JC_LEAD2] = JC_SEQ(2, 0x80, 0xbf),
    [JC_LEAD3_E0] = JC_SEQ(3, 0xa0, 0xbf), [JC_LEAD3] = JC_SEQ(3, 0x80, 0xbf),
    [JC_LEAD3_ED] = JC_SEQ(3, 0x80, 0x9f),
    [JC_LEAD4_F0] = JC_SEQ(4, 0x90, 0xbf), [JC_LEAD4] = JC_SEQ(4, 0x80, 0xbf),
    [JC_LEAD4_F4] = JC_SEQ(4, 0x80, 0x8f),
};
#undef JC_SEQ

/* Length of the well-formed UTF-8 sequence at p (2-4), or 0: what utf8_valid_prefix(p, avail)
 * returns for a byte of class cls that is not ASCII, and 0 for ASCII. */
static inline size_t utf8_seq_len(const unsigned char *p, size_t avail, unsigned cls) {
    uint32_t seq = json_seq[cls];
    size_t len = seq & 0xff;
    if (len == 0 || avail < len || (unsigned)p[1] - ((seq >> 8) & 0xff) > (seq >> 16))
        return 0;
    if (len > 2 && (p[2] & 0xc0) != 0x80)
        return 0;
    if (len > 3 && (p[3] & 0xc0) != 0x80)
        return 0;
    return len;
}

/* Four and eight bytes at p, the first in the low bits. */
static inline uint32_t load_le32(const unsigned char *p) {
    uint32_t w;
    memcpy(&w, p, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap32(w);
#endif
    return w;
}

static inline uint64_t load_le64(const unsigned char *p) {
    uint64_t x;
    memcpy(&x, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    x = __builtin_bswap64(x);
#endif
    return x;
}

/* The high bit of each byte of x (first byte lowest) that is >= 0x80, < 0x20, '"' or '\\',
 * possibly with false ones above a true one (borrows); so 0 when all eight bytes are plain,
 * and otherwise the lowest bit set marks the first byte that is not. */
static inline uint64_t not_plain_mask(uint64_t x) {
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t q = x ^ (ones * '"'), s = x ^ (ones * '\\');
    return (((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((s - ones) & ~s) | x) & high;
}

/* The first byte at or after p that is not plain ASCII, or end. */
static inline const unsigned char *skip_plain(const unsigned char *p, const unsigned char *end) {
    while ((size_t)(end - p) >= 8) {
        uint64_t m = not_plain_mask(load_le64(p));
        if (m)
            return p + __builtin_ctzll(m) / 8;
        p += 8;
    }
    while (p < end && json_class[*p] == JC_PLAIN)
        p++;
    return p;
}

/* Whether the low bits of w hold a well-formed 3-byte sequence led by E1-EC, EE or EF (kana
 * and kanji, the most common): 1110xxxx 10xxxxxx 10xxxxxx with a lead other than E0 and ED,
 * whose low bits 0 and 13 are the bits clear in 0xdffe. Two of them for the 6 low bytes of x. */
static inline bool common_seq3(uint32_t w) {
    return (w & 0xc0c0f0) == 0x8080e0 && ((0xdffeu >> (w & 15)) & 1);
}

static inline bool two_common_seq3(uint64_t x) {
    return (x & 0xc0c0f0c0c0f0u) == 0x8080e08080e0u &&
           ((0xdffeu >> (x & 15)) & (0xdffeu >> ((x >> 24) & 15)) & 1);
}

/* Past the kana and kanji at p: at least one byte is left when p < end. */
static inline const unsigned char *skip_common_seq3(const unsigned char *p,
                                                    const unsigned char *end) {
    while ((size_t)(end - p) >= 8 && two_common_seq3(load_le64(p)))
        p += 6;
    if ((size_t)(end - p) >= 4 && common_seq3(load_le32(p)))
        p += 3;
    return p;
}

void json_escape(struct buf *out, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s, *end = p + n, *run = p;
    buf_reserve(out, n + 2);
    out->data[out->len++] = '"';
    while (p < end) {
        p = skip_plain(p, end);
        /* UTF-8 sequences (kept) and bytes to escape, until plain ASCII again */
        while (p < end) {
            p = skip_common_seq3(p, end);
            unsigned cls = json_class[*p];
            if (cls == JC_PLAIN)
                break;
            size_t len = utf8_seq_len(p, (size_t)(end - p), cls);
            if (len) {
                p += len;
                continue;
            }
            append_raw(out, run, (size_t)(p - run));
            unsigned char c = *p;
            char e[6];
            size_t elen = 2;
            e[0] = '\\';
            switch (c) {
            case '"': e[1] = '"'; break;
            case '\\': e[1] = '\\'; break;
            case '\n': e[1] = 'n'; break;
            case '\r': e[1] = 'r'; break;
            case '\t': e[1] = 't'; break;
            default:
                if (c >= 0x80) {                        /* U+FFFD for an invalid byte */
                    memcpy(e, "\xef\xbf\xbd", 3);
                    elen = 3;
                } else {
                    memcpy(e, "\\u00", 4);
                    e[4] = hex[c >> 4];
                    e[5] = hex[c & 15];
                    elen = 6;
                }
            }
            append_raw(out, e, elen);
            run = ++p;
        }
    }
    append_raw(out, run, (size_t)(p - run));
    buf_reserve(out, 1);
    out->data[out->len++] = '"';
    out->data[out->len] = '\0';
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

void jw_int(struct jw *w, int64_t v) {
    before_value(w);
    struct buf *b = w->out;
    buf_reserve(b, FMT_INT_SIZE);
    b->len += fmt_int(b->data + b->len, v);
}

/* The shortest of %.15g-%.17g that reads back to v: for what the fast paths do not print. */
__attribute__((noinline)) static size_t format_shortest(char *dst, size_t size, double v) {
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(dst, size, "%.*g", prec, v);
        if (strtod(dst, NULL) == v)
            break;
    }
    return strlen(dst);
}

/* json_format_number, returning the length of the text. */
static size_t format_json_number(char *dst, size_t size, double v) {
    if (!isfinite(v)) {
        size_t n = size < 5 ? (size ? size - 1 : 0) : 4;   /* what snprintf would keep */
        if (size) {
            memcpy(dst, "null", n);
            dst[n] = '\0';
        }
        return n;
    }
    /* Integral values: (double)(int64_t)v == v is v == floor(v) below 2^53. */
    if (fabs(v) < 9007199254740992.0 && size >= 24) {
        int64_t i = (int64_t)v;
        if ((double)i == v)
            return fmt_int(dst, i);             /* -0.0 prints as 0 */
    }
    /* Numbers with at most 6 decimals (what people type: 3.8, 12.5, 0.25) are printed with
     * integer arithmetic when that reads back exactly; |v * 1e6| < 1e15 for fmt_round. */
    if (fabs(v) < 1e9 && size >= 32) {
        int64_t s = fmt_round(v * 1e6);
        if ((double)s / 1e6 == v)
            return fmt_fixed(dst, s, 6);           /* not integral: the fraction is not 0 */
    }
    return format_shortest(dst, size, v);
}

void json_format_number(char *dst, size_t size, double v) {
    format_json_number(dst, size, v);
}

void jw_num(struct jw *w, double v) {
    enum { NUMBER_SIZE = 40 };
    before_value(w);
    struct buf *b = w->out;
    buf_reserve(b, NUMBER_SIZE);
    b->len += format_json_number(b->data + b->len, NUMBER_SIZE, v);
}

void jw_bool(struct jw *w, bool v) {
    before_value(w);
    buf_puts(w->out, v ? "true" : "false");
}

void jw_null(struct jw *w) {
    before_value(w);
    buf_puts(w->out, "null");
}

void jw_key_text(struct jw *w, const char *key, size_t n) {
    jw_strn(w, key, n);
    buf_puts(w->out, w->indent ? ": " : ":");
    w->after_key = true;
}

void jw_raw(struct jw *w, const char *json) {
    before_value(w);
    buf_puts(w->out, json);
}
