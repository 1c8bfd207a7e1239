/* Escaping printf for HTML (see html.h). Text is scanned with a table of the bytes that need
 * an entity and copied in runs; integers and most figures are formatted without printf. */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "util/fmt.h"
#include "web/html.h"

/* What the escapers stop at: the five bytes that become entities (the entity's index + 1), the
 * NUL, and in text_stop also the line feed. */
enum { STOP_NUL = 6, STOP_LF = 7 };
static const unsigned char html_stop[256] = {
    [0] = STOP_NUL, ['&'] = 1, ['<'] = 2, ['>'] = 3, ['"'] = 4, ['\''] = 5,
};
static const unsigned char text_stop[256] = {
    [0] = STOP_NUL, ['&'] = 1, ['<'] = 2, ['>'] = 3, ['"'] = 4, ['\''] = 5, ['\n'] = STOP_LF,
};
static const struct { char text[7]; unsigned char len; } html_entity[] = {
    {"&amp;", 5}, {"&lt;", 4}, {"&gt;", 4}, {"&quot;", 6}, {"&#39;", 5},
};

/* Appends p escaped up to the first byte that stop marks STOP_NUL or STOP_LF, and returns a
 * pointer to that byte. Runs without entities are copied whole; empty runs append nothing. */
static const unsigned char *escape_until(struct buf *b, const unsigned char *p,
                                         const unsigned char stop[static 256]) {
    for (;;) {
        const unsigned char *run = p;
        for (;;) {              /* four at a time; a byte is read only if the one before is not NUL */
            if (stop[p[0]]) break;
            if (stop[p[1]]) { p += 1; break; }
            if (stop[p[2]]) { p += 2; break; }
            if (stop[p[3]]) { p += 3; break; }
            p += 4;
        }
        if (p > run)
            buf_append(b, (const char *)run, (size_t)(p - run));
        unsigned k = stop[*p];
        if (k >= STOP_NUL)
            return p;
        buf_append(b, html_entity[k - 1].text, html_entity[k - 1].len);
        p++;
    }
}

void html_escape(struct buf *b, const char *s) {
    if (!s)
        return;
    escape_until(b, (const unsigned char *)s, html_stop);
    buf_append(b, s, 0);        /* as it always did: b's data exists, even for "" */
}

void html_text_lines(struct buf *b, const char *s) {
    if (!s)
        return;
    const unsigned char *p = (const unsigned char *)s;
    for (;;) {
        p = escape_until(b, p, text_stop);
        if (*p != '\n')
            break;
        buf_puts(b, "<br>");
        p++;
    }
}

/* URL_KEEP: kept by url_escape (unreserved: A-Z a-z 0-9 - _ . ~); URL_SLASH: kept by
 * url_escape_path as well. Everything else is percent-encoded. */
enum { URL_SLASH = 2, URL_KEEP = 3 };
#define URL_R6(c) [c] = URL_KEEP, [c + 1] = URL_KEEP, [c + 2] = URL_KEEP, [c + 3] = URL_KEEP, \
    [c + 4] = URL_KEEP, [c + 5] = URL_KEEP
#define URL_R10(c) URL_R6(c), [c + 6] = URL_KEEP, [c + 7] = URL_KEEP, [c + 8] = URL_KEEP, \
    [c + 9] = URL_KEEP
static const unsigned char url_class[256] = {
    URL_R10('0'), URL_R10('A'), URL_R10('K'), URL_R6('U'), URL_R10('a'), URL_R10('k'), URL_R6('u'),
    ['-'] = URL_KEEP, ['_'] = URL_KEEP, ['.'] = URL_KEEP, ['~'] = URL_KEEP, ['/'] = URL_SLASH,
};
#undef URL_R10
#undef URL_R6

static void escape_url(struct buf *b, const char *s, bool keep_slash) {
    static const char hex[] = "0123456789ABCDEF";
    if (!s)
        return;
    unsigned mask = keep_slash ? URL_SLASH | 1 : 1;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        const unsigned char *run = p;
        while (url_class[*p] & mask)        /* the NUL is never kept */
            p++;
        if (p > run)
            buf_append(b, (const char *)run, (size_t)(p - run));
        if (!*p)
            break;
        char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
        buf_append(b, e, 3);
        p++;
    }
}

void url_escape(struct buf *b, const char *s) { escape_url(b, s, false); }
void url_escape_path(struct buf *b, const char *s) { escape_url(b, s, true); }

/* format_number with snprintf: "-" for NaN and infinities, %.6g from 1e15 on, otherwise %.2f
 * without trailing zeros and "-0" as 0. */
__attribute__((noinline)) static size_t format_number_printf(char *dst, size_t size, double v) {
    if (!isfinite(v)) {
        snprintf(dst, size, "-");
        return strlen(dst);
    }
    if (fabs(v) >= 1e15) {                  /* beyond what %.2f can show in a field */
        snprintf(dst, size, "%.6g", v);
        return strlen(dst);
    }
    snprintf(dst, size, "%.2f", v);
    char *dot = strchr(dst, '.');
    if (dot) {
        char *end = dst + strlen(dst) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    if (strcmp(dst, "-0") == 0)
        snprintf(dst, size, "0");
    return strlen(dst);
}

/* format_number, returning the length of the text.
 *
 * The fast paths print what format_number_printf would, without snprintf: integral values
 * below 1e15 (< 2^53) are their digits (-0.0 is "0"); and when k = round(v * 100) has
 * k / 100 == v with |v| < 1e13, v is the double nearest k / 100, at most half an ulp
 * (<= 2^-10) from it, so %.2f rounds v to exactly k / 100. */
static size_t format_number_len(char *dst, size_t size, double v) {
    if (size >= 24 && fabs(v) < 1e15) {     /* false for NaN */
        int64_t i = (int64_t)v;
        if ((double)i == v)
            return fmt_int(dst, i);
        if (fabs(v) < 1e13) {
            int64_t k = fmt_round(v * 100);
            if ((double)k / 100 == v)
                return fmt_fixed(dst, k, 2);       /* not integral: the fraction is not 0 */
        }
    }
    return format_number_printf(dst, size, v);
}

void format_number(char *dst, size_t size, double v) {
    format_number_len(dst, size, v);
}

void format_grouped(char *dst, size_t size, double v) {
    long long tenths = llround(v * 10);
    bool neg = tenths < 0;
    if (neg) tenths = -tenths;
    char digits[32], out[48];
    int n = snprintf(digits, sizeof digits, "%lld", tenths / 10), o = 0;
    if (neg) out[o++] = '-';
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0) out[o++] = ',';
        out[o++] = digits[i];
    }
    if (tenths % 10) o += snprintf(out + o, sizeof out - (size_t)o, ".%lld", tenths % 10);
    out[o] = 0;
    snprintf(dst, size, "%s", out);
}

void html_printf(struct buf *b, const char *fmt, ...) {
    enum { NUMBER_SIZE = 48 };
    va_list ap;
    va_start(ap, fmt);
    const char *p = fmt;
    for (;;) {
        const char *pct = strchrnul(p, '%');
        buf_append(b, p, (size_t)(pct - p));
        if (!*pct)
            break;
        p = pct + 1;
        if (!*p) {                      /* a lone % at the end */
            buf_putc(b, '%');
            buf_append(b, p, 0);
            break;
        }
        switch (*p) {
        case 's': html_escape(b, va_arg(ap, const char *)); break;
        case 'r': { const char *s = va_arg(ap, const char *); if (s) buf_puts(b, s); break; }
        case 'u': url_escape(b, va_arg(ap, const char *)); break;
        case 'k': url_escape_path(b, va_arg(ap, const char *)); break;
        case 'd':
            buf_reserve(b, FMT_INT_SIZE);
            b->len += fmt_int(b->data + b->len, va_arg(ap, int));
            break;
        case 'D':
            buf_reserve(b, FMT_INT_SIZE);
            b->len += fmt_int(b->data + b->len, va_arg(ap, int64_t));
            break;
        case 'F':
            buf_reserve(b, NUMBER_SIZE);
            b->len += format_number_len(b->data + b->len, NUMBER_SIZE, va_arg(ap, double));
            break;
        case '%': buf_putc(b, '%'); break;
        default: buf_putc(b, '%'); buf_putc(b, *p); break;
        }
        p++;
    }
    va_end(ap);
}
