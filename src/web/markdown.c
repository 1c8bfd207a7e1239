/* Markdown of progress notes rendered as safe HTML (see markdown.h). */
#include <md4c-html.h>
#include <string.h>
#include "web/markdown.h"

static void collect(const MD_CHAR *text, MD_SIZE size, void *userdata) {
    buf_append(userdata, text, size);
}

/* A link target kawaru lets through: the web, mail, or a place on this site. md4c-html has
 * escaped the attribute already; this only decides whether it may stay. */
static int safe_target(const char *v) {
    static const char *const allowed[] = {"http://", "https://", "mailto:", "/", "#"};
    if (strncmp(v, "//", 2) == 0)                /* another host without a scheme */
        return 0;
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
        if (strncmp(v, allowed[i], strlen(allowed[i])) == 0)
            return 1;
    return 0;
}

/* Copies html to out, replacing every href or src whose target is not safe by "#". */
static void filter_targets(struct buf *out, const char *html, size_t len) {
    const char *p = html, *end = html + len;
    while (p < end) {
        const char *href = strstr(p, " href=\""), *src = strstr(p, " src=\"");
        const char *attr = !href ? src : !src ? href : href < src ? href : src;
        if (!attr || attr >= end) {
            buf_append(out, p, (size_t)(end - p));
            return;
        }
        const char *value = strchr(attr, '"') + 1, *close = strchr(value, '"');
        if (!close)
            close = end;
        buf_append(out, p, (size_t)(value - p));
        char first[16] = "";
        size_t n = (size_t)(close - value) < sizeof first - 1 ? (size_t)(close - value) : sizeof first - 1;
        memcpy(first, value, n);
        if (safe_target(first))
            buf_append(out, value, (size_t)(close - value));
        else
            buf_putc(out, '#');
        p = close;
    }
}

void markdown_html(struct buf *out, const char *s) {
    if (!s || !*s)
        return;
    struct buf raw = BUF_INIT;
    md_html(s, (MD_SIZE)strlen(s), collect, &raw, MD_DIALECT_GITHUB | MD_FLAG_NOHTML, 0);
    filter_targets(out, buf_cstr(&raw), raw.len);
    buf_free(&raw);
}
