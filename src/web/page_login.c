/* Sign-in and sign-out pages: GET/POST /login and POST /logout. The form carries a token
 * derived from the browser's pre-session cookie (session_pre_token, http/session.c), and a
 * sign-in without it is refused with 403 before any password is looked at (login CSRF). A
 * successful sign-in always starts a new session with a new token (an old cookie is never
 * promoted: no session fixation) and goes back to the local page named by `next`. Limits
 * reached answer 429, and no free hashing slot 503 (store_user_verify). */
#include <string.h>
#include <time.h>
#include "core/errors.h"
#include "http/session.h"
#include "store/store_user.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

struct login_form {
    const char *login, *next;
    const char *err_login, *err_password, *error;   /* NULL: none */
    const char *notice;                              /* why the form is shown, or NULL */
};

/* next when it is a local path ("/…", not "//…" nor "/\…", no control characters), else "/". */
static const char *local_next(const char *next) {
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strlen(next) > 2000)
        return "/";
    for (const unsigned char *p = (const unsigned char *)next; *p; p++)
        if (*p < 0x20 || *p == 0x7f || *p == '\\')
            return "/";
    return next;
}

/* The path and query of a GET, to come back to after signing in. */
static const char *request_target(struct req *r) {
    struct buf b = BUF_INIT;
    url_escape_path(&b, r->path);
    for (int i = 0; i < r->nquery; i++) {
        buf_puts(&b, i ? "&" : "?");
        url_escape(&b, r->query[i].key);
        buf_puts(&b, "=");
        url_escape(&b, r->query[i].value);
    }
    const char *s = arena_strdup(&r->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static void field(struct req *r, const char *id, const char *label, const char *type, const char *autocomplete,
                  const char *value, const char *error) {
    html_printf(&r->out, "<div class=\"field%r\">\n<label for=\"%s\">%s</label>\n"
                         "<input id=\"%s\" name=\"%s\" type=\"%s\" autocomplete=\"%s\" required value=\"%s\"%r%r%r%r>\n",
                error ? " has-error" : "", id, label, id, id, type, autocomplete, value ? value : "",
                error ? " aria-invalid=\"true\" aria-describedby=\"" : "", error ? id : "", error ? "-error\"" : "",
                strcmp(id, "login") == 0 ? " maxlength=\"64\"" : "");
    html_field_error(r, id, error);
    html_printf(&r->out, "</div>\n");
}

static void render(struct req *r, const struct login_form *f, int status) {
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {tr(r, M_LOGIN), NULL}};
    page_begin(r, tr(r, M_LOGIN), crumbs, 2, NULL);
    html_printf(&r->out, "<h1>%s</h1>\n<p>%s</p>\n", tr(r, M_LOGIN), tr(r, M_LOGIN_INTRO));
    if (f->notice)
        html_printf(&r->out, "<p class=\"notice\">%s</p>\n", f->notice);
    if (f->error)
        html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\"><p>%s</p></div>\n", f->error);
    html_printf(&r->out, "<form method=\"post\" action=\"/login\" class=\"form\" novalidate>\n"
                         "<input type=\"hidden\" name=\"next\" value=\"%s\">\n", f->next);
    html_csrf_field(r);
    html_printf(&r->out, "<input type=\"hidden\" name=\"" PRE_SESSION_FIELD "\" value=\"%s\">\n", session_pre_token(r));
    field(r, "login", tr(r, M_LOGIN_ID), "text", "username", f->login, f->err_login);
    field(r, "password", tr(r, M_PASSWORD), "password", "current-password", NULL, f->err_password);
    html_printf(&r->out, "<p><button type=\"submit\">%s</button></p>\n</form>\n", tr(r, M_LOGIN));
    page_end(r);
    r->status = status;
    r->cacheable = false;                  /* the form's token is this browser's own */
}

/* GET /login */
void page_login(struct req *r) {
    struct login_form f = {.next = local_next(req_query(r, "next"))};
    render(r, &f, 200);
}

void page_login_required(struct req *r) {
    buf_reset(&r->out);
    r->nheaders = 0;
    bool get = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
    struct login_form f = {.next = get ? local_next(request_target(r)) : "/", .notice = tr(r, M_LOGIN_REQUIRED)};
    render(r, &f, 401);
}

/* POST /login */
void page_login_post(struct req *r) {
    struct login_form f = {.next = "/"};
    if (req_parse_form(r) < 0) {
        f.error = tr(r, M_ERR_BAD_FORM);
        render(r, &f, 400);
        return;
    }
    f.login = req_form(r, "login");
    f.next = local_next(req_form(r, "next"));
    if (!session_pre_ok(r, req_form(r, PRE_SESSION_FIELD))) {
        /* not from a form this browser loaded here: nothing is checked, and the form is shown
         * anew with this browser's token (a new cookie when it had none), so that a visitor
         * whose form had gone stale just sends it again */
        f.error = tr(r, M_CSRF_TEXT);
        render(r, &f, 403);
        return;
    }
    const char *password = req_form(r, "password");
    if (!f.login || !*f.login)
        f.err_login = tr(r, M_LOGIN_ID_REQUIRED);
    if (!password || !*password)
        f.err_password = tr(r, M_PASSWORD_REQUIRED);
    if (f.err_login || f.err_password) {
        render(r, &f, 400);
        return;
    }
    int64_t now = (int64_t)time(NULL), user_id = 0;
    struct edit_fail fail = {0};
    char token[SESSION_TOKEN_BUF];
    int rc = store_user_verify(r->db, f.login, password, r->remote_addr, now, &user_id, &fail);
    if (rc == 0)
        rc = store_session_create(r->db, user_id, now, &(struct actor){f.login, "web"}, token);
    if (rc == KW_EPERM) {
        f.error = tr(r, M_LOGIN_LOCKED);
        resp_header(r, "Retry-After", "900");
        render(r, &f, 429);
        return;
    }
    if (rc == KW_EBUSY) {
        f.error = tr(r, M_LOGIN_BUSY);
        resp_header(r, "Retry-After", "1");
        render(r, &f, 503);
        return;
    }
    if (rc == KW_EINVAL || rc == KW_ENOTFOUND) {
        f.error = tr(r, M_LOGIN_WRONG);
        render(r, &f, 401);
        return;
    }
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    session_cookie_set(r, token);
    session_pre_clear(r);
    resp_redirect(r, f.next);
}

/* POST /logout */
void page_logout(struct req *r) {
    if (r->session_token)
        store_session_end(r->db, r->session_token, &(struct actor){r->user ? r->user->login : "anonymous", "web"});
    session_cookie_clear(r);
    resp_redirect(r, "/");
}
