/* Markdown of progress notes rendered as safe HTML (md4c): raw HTML in the text is shown as
 * text, and links other than http(s), mailto, relative paths and anchors lose their target. */
#ifndef KAWARU_WEB_MARKDOWN_H
#define KAWARU_WEB_MARKDOWN_H
#include "util/buf.h"

/* Appends the HTML of the Markdown text s (NULL or "" appends nothing). */
void markdown_html(struct buf *out, const char *s);

#endif
