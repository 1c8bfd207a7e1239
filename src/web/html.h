/* HTML output with escaping by default (CONVENTIONS 4).
 *
 * html_printf understands: %s text, escaped (& < > " ' become entities; NULL prints nothing);
 * %r raw, for markup the program built itself; %u a URL component, percent-encoded; %k a measure's
 * key in a URL (percent-encoded but for the "/" between the codes of a path);
 * %d int; %D int64_t; %F a double in the short form used for KPI figures; %% a percent sign. */
#ifndef KAWARU_WEB_HTML_H
#define KAWARU_WEB_HTML_H
#include <stddef.h>
#include "util/buf.h"

void html_printf(struct buf *b, const char *fmt, ...);
void html_escape(struct buf *b, const char *s);
/* Text with line breaks shown as <br>: escaped, each "\n" becomes "<br>". */
void html_text_lines(struct buf *b, const char *s);
void url_escape(struct buf *b, const char *s);
/* A path: like url_escape, but "/" is kept. */
void url_escape_path(struct buf *b, const char *s);
/* A number as people read it: 12.5, 100, 3.8 (at most 2 decimals, no trailing zeros). */
void format_number(char *dst, size_t size, double v);
/* A quantity such as hours as people read it: thousands separated, rounded to one decimal,
 * shown only when it has one ("12,345.5", "-1,200"). size of 48 holds any double. */
void format_grouped(char *dst, size_t size, double v);

#endif
