/* Embedded static files (/static/NAME) and the error pages (not found, bad request, …). */
#include <stdio.h>
#include <string.h>
#include "core/fiscal.h"
#include "util/embed.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

/* GET /static/{name} */
void page_static(struct req *r) {
    char name[128];
    const char *n = r->params[0];
    if (strlen(n) >= sizeof name - 8 || strstr(n, "..") || strchr(n, '/')) {
        page_not_found(r);
        return;
    }
    snprintf(name, sizeof name, "assets/%s", n);
    const struct embedded_file *f = embed_find(name);
    if (!f) {
        page_not_found(r);
        return;
    }
    const char *dot = strrchr(n, '.');
    r->content_type_out = dot && strcmp(dot, ".css") == 0 ? "text/css; charset=utf-8"
                        : dot && strcmp(dot, ".js") == 0 ? "text/javascript; charset=utf-8"
                        : dot && strcmp(dot, ".svg") == 0 ? "image/svg+xml" : "application/octet-stream";
    buf_append(&r->out, (const char *)f->data, f->size);
    r->status = 200;
    r->cacheable = true;
}

void page_not_found(struct req *r) {
    buf_reset(&r->out);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {tr(r, M_NOT_FOUND), NULL}};
    page_begin(r, tr(r, M_NOT_FOUND), crumbs, 2, NULL);
    html_printf(&r->out, "<h1>%s</h1>\n<p>%s</p>\n<p><a href=\"/\">%s</a></p>\n", tr(r, M_NOT_FOUND),
                tr(r, M_NOT_FOUND_TEXT), tr(r, M_HOME));
    page_end(r);
    r->status = 404;
    r->cacheable = false;
}

void page_forbidden(struct req *r, enum page_forbidden_reason why) {
    buf_reset(&r->out);
    r->nheaders = 0;
    const char *title = tr(r, why == PAGE_FORBIDDEN_CSRF ? M_FORBIDDEN : M_NO_RIGHT);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {title, NULL}};
    page_begin(r, title, crumbs, 2, NULL);
    html_printf(&r->out, "<h1>%s</h1>\n<p>%s</p>\n<p><a href=\"/\">%s</a></p>\n", title,
                tr(r, why == PAGE_FORBIDDEN_CSRF ? M_CSRF_TEXT : M_NO_RIGHT_TEXT), tr(r, M_HOME));
    page_end(r);
    r->status = 403;
    r->cacheable = false;
}

/* The page of an error reply (http/req.c resp_error, registered by the router): the sign-in
 * form for 401, the 403 and 404 pages, and for other statuses a page that says in the reader's
 * language that nothing was saved. */
/* The 400 page with its reason: title, text and a way home. */
static void bad_request_page(struct req *r, enum msg title, const char *text, int status) {
    buf_reset(&r->out);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {tr(r, title), NULL}};
    page_begin(r, tr(r, title), crumbs, 2, NULL);
    html_printf(&r->out, "<h1>%s</h1>\n<p>%s</p>\n<p><a href=\"/\">%s</a></p>\n", tr(r, title), text, tr(r, M_HOME));
    page_end(r);
    r->status = status;
    r->cacheable = false;
}

bool page_query_fy(struct req *r, const char *text, int *ret) {
    if (!text || !*text || fy_parse(text, ret) == 0)
        return true;
    bad_request_page(r, M_BAD_REQUEST_PAGE, tr(r, M_ERR_FY), 400);
    return false;
}

void page_error(struct req *r, int status, const char *code) {
    if (status == 401) {
        page_login_required(r);
        return;
    }
    if (status == 403) {
        page_forbidden(r, code && strcmp(code, "csrf") == 0 ? PAGE_FORBIDDEN_CSRF : PAGE_FORBIDDEN_ROLE);
        return;
    }
    if (status == 404) {
        page_not_found(r);
        return;
    }
    enum msg title = M_ERROR_PAGE, text = M_ERROR_PAGE_TEXT;
    if (status == 503)
        title = M_BUSY_PAGE, text = M_BUSY_PAGE_TEXT;
    else if (status == 409)
        title = M_CONFLICT_PAGE, text = M_CONFLICT_PAGE_TEXT;
    else if (status == 405)
        title = M_METHOD_PAGE, text = M_BAD_REQUEST_PAGE_TEXT;
    else if (status >= 400 && status < 500)
        title = M_BAD_REQUEST_PAGE, text = M_BAD_REQUEST_PAGE_TEXT;
    bad_request_page(r, title, tr(r, text), status);
}
