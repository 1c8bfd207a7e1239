/* The session of an API client (issue 4): POST /api/v1/session signs in with a login and a
 * password (the same checks and rate limits as the sign-in page) and sets the session cookie;
 * GET tells who is signed in and the CSRF token that writes carrying the cookie must send in
 * X-CSRF-Token; DELETE signs out. The sign-in takes only Content-Type application/json: a
 * form of another site can send urlencoded, multipart or text/plain bodies (and text/plain
 * can be made to look like JSON), never application/json, which a script of another origin
 * can send only after a CORS preflight that kawaru does not answer. So no site can sign a
 * browser in through this route (login CSRF), and it needs no pre-session token. */
#include <strings.h>
#include <string.h>
#include <time.h>
#include "api/api.h"
#include "api/api_input.h"
#include "core/errors.h"
#include "http/session.h"
#include "store/store_user.h"

static void write_session(struct req *r, const struct session_user *u, const char *csrf, int status) {
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_key(&w, "user");
    jw_obj_begin(&w);
    jw_kint(&w, "id", u->id);
    jw_kint(&w, "org_id", u->org_id);
    jw_kstr(&w, "login", u->login);
    jw_kstr(&w, "display_name", u->display_name);
    jw_kstr(&w, "role", u->role);
    jw_key(&w, "department_ids");
    jw_arr_begin(&w);
    for (size_t i = 0; i < u->ndepts; i++)
        jw_int(&w, u->dept_ids[i]);
    jw_arr_end(&w);
    jw_obj_end(&w);
    jw_kstr(&w, "csrf_token", csrf);
    jw_obj_end(&w);
    resp_json(r, status);
    r->cacheable = false;
}

/* True when the request's Content-Type is application/json, with or without parameters. */
static bool json_content_type(const struct req *r) {
    static const char json[] = "application/json";
    const char *ct = r->content_type;
    if (!ct)
        return false;
    while (*ct == ' ' || *ct == '\t')
        ct++;
    if (strncasecmp(ct, json, sizeof json - 1) != 0)
        return false;
    ct += sizeof json - 1;
    while (*ct == ' ' || *ct == '\t')
        ct++;
    return *ct == '\0' || *ct == ';';
}

/* GET /api/v1/session */
void api_session_get(struct req *r) {
    if (!r->user) {
        resp_error(r, 401, "unauthorized", "not signed in", NULL);
        return;
    }
    write_session(r, r->user, r->csrf_token, 200);
}

/* POST /api/v1/session */
void api_session_post(struct req *r) {
    struct input in;
    const char *login = NULL, *password = NULL;
    if (!json_content_type(r)) {
        resp_error(r, 415, "unsupported_media_type", "the sign-in takes Content-Type application/json only", NULL);
        return;
    }
    if (!input_begin(r, &in))
        return;
    bool ok = input_text(&in, "login", FIELD_LINES(USER_LOGIN_MAX), IN_REQUIRED, &login) &&
              input_text(&in, "password", FIELD_LINES(USER_PASSWORD_MAX), IN_REQUIRED, &password);
    if (ok) {
        login = arena_strdup(&r->arena, login);
        password = arena_strdup(&r->arena, password);
    }
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    int64_t now = (int64_t)time(NULL), user_id = 0;
    struct edit_fail fail = {0};
    char token[SESSION_TOKEN_BUF];
    int rc = store_user_verify(r->db, login, password, r->remote_addr, now, &user_id, &fail);
    if (rc == 0)
        rc = store_session_create(r->db, user_id, now, &(struct actor){login, "api"}, token);
    struct session_user u;
    if (rc == 0)
        rc = store_session_lookup(r->db, &r->arena, token, now, &u);
    if (rc == KW_EPERM) {
        resp_error(r, 429, "rate_limited", LOGIN_MSG_LOCKED, NULL);
        resp_header(r, "Retry-After", "900");
        return;
    }
    if (rc == KW_EBUSY) {
        resp_error(r, 503, "busy", LOGIN_MSG_BUSY, NULL);
        resp_header(r, "Retry-After", "1");
        return;
    }
    if (rc == KW_EINVAL || rc == KW_ENOTFOUND) {
        resp_error(r, 401, "unauthorized", LOGIN_MSG_WRONG, NULL);
        return;
    }
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    session_cookie_set(r, token);
    write_session(r, &u, session_csrf_for(&r->arena, token), 201);
}

/* DELETE /api/v1/session */
void api_session_delete(struct req *r) {
    if (r->session_token && r->user)
        store_session_end(r->db, r->session_token, req_actor(r));
    session_cookie_clear(r);
    resp_no_content(r);
}
