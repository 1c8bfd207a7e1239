/* Escaping printf for HTML (see html.h). */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "web/html.h"

void html_escape(struct buf *b, const char *s) {
    if (!s)
        return;
    const char *run = s;
    for (; *s; s++) {
        const char *ent;
        switch (*s) {
        case '&': ent = "&amp;"; break;
        case '<': ent = "&lt;"; break;
        case '>': ent = "&gt;"; break;
        case '"': ent = "&quot;"; break;
        case '\'': ent = "&#39;"; break;
        default: continue;
        }
        buf_append(b, run, (size_t)(s - run));
        buf_puts(b, ent);
        run = s + 1;
    }
    buf_append(b, run, (size_t)(s - run));
}

void html_text_lines(struct buf *b, const char *s) {
    if (!s)
        return;
    const char *line = s;
    for (;;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        char tmp[1024];
        while (len > 0) {
            size_t chunk = len < sizeof tmp - 1 ? len : sizeof tmp - 1;
            memcpy(tmp, line, chunk);
            tmp[chunk] = '\0';
            html_escape(b, tmp);
            line += chunk;
            len -= chunk;
        }
        if (!nl)
            break;
        buf_puts(b, "<br>");
        line = nl + 1;
    }
}

static void escape_url(struct buf *b, const char *s, bool keep_slash) {
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~' || (keep_slash && *p == '/')) {
            buf_putc(b, (char)*p);
        } else {
            char e[4] = {'%', hex[*p >> 4], hex[*p & 15], 0};
            buf_puts(b, e);
        }
    }
}

void url_escape(struct buf *b, const char *s) { escape_url(b, s, false); }
void url_escape_path(struct buf *b, const char *s) { escape_url(b, s, true); }

void format_number(char *dst, size_t size, double v) {
    if (!isfinite(v)) {
        snprintf(dst, size, "-");
        return;
    }
    if (fabs(v) >= 1e15) {                  /* beyond what %.2f can show in a field */
        snprintf(dst, size, "%.6g", v);
        return;
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
}

void html_printf(struct buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    const char *run = fmt;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        buf_append(b, run, (size_t)(p - run));
        p++;
        if (!*p) {                      /* a lone % at the end */
            buf_putc(b, '%');
            run = p;
            break;
        }
        switch (*p) {
        case 's': html_escape(b, va_arg(ap, const char *)); break;
        case 'r': { const char *s = va_arg(ap, const char *); if (s) buf_puts(b, s); break; }
        case 'u': url_escape(b, va_arg(ap, const char *)); break;
        case 'd': buf_printf(b, "%d", va_arg(ap, int)); break;
        case 'D': buf_printf(b, "%lld", (long long)va_arg(ap, int64_t)); break;
        case 'F': { char tmp[48]; format_number(tmp, sizeof tmp, va_arg(ap, double)); buf_puts(b, tmp); break; }
        case '%': buf_putc(b, '%'); break;
        default: buf_putc(b, '%'); buf_putc(b, *p); break;
        }
        run = p + 1;
    }
    buf_puts(b, run);
    va_end(ap);
}
