/* The signed-in user of a request: the kawaru_session cookie resolved into r->user, and the
 * cookies that start and end a session; and the pre-session cookie kawaru_pre that binds the
 * sign-in form to the browser that loaded it (login CSRF, docs/security.md). */
#ifndef KAWARU_HTTP_SESSION_H
#define KAWARU_HTTP_SESSION_H
#include "http/req.h"
#include "store/store.h"

#define SESSION_COOKIE "kawaru_session"
#define PRE_SESSION_COOKIE "kawaru_pre"
/* The sign-in form's field that carries the pre-session token. */
#define PRE_SESSION_FIELD "login_csrf"

/* Sets r->user from r->session_token (one indexed query, or the thread's memo of it while no write
 * has happened since (session_cache.h); a write at most about once a minute) and
 * r->csrf_token from the same token. An unknown or expired token leaves both NULL. */
void session_resolve(struct req *r);
/* True when given equals this session's CSRF token (r->csrf_token, constant-time compare);
 * false when r has no session or given is NULL. */
bool session_csrf_ok(const struct req *r, const char *given);
/* The CSRF token of the session with cookie token session_token (for a session just started). */
const char *session_csrf_for(struct arena *a, const char *session_token);
/* Who makes this request, for the audit log: the signed-in user's login (or "anonymous") and
 * "api" or "web" by the path. Allocated in r's arena. */
const struct actor *req_actor(struct req *r);
/* Adds the Set-Cookie header of a new session token (Secure when r->secure). */
void session_cookie_set(struct req *r, const char *token);
/* Adds the Set-Cookie header that clears the session cookie. */
void session_cookie_clear(struct req *r);

/* The token for the sign-in form's PRE_SESSION_FIELD: derived from the request's kawaru_pre
 * cookie (r->pre_token), or from a new random one that a Set-Cookie header of the response
 * gives the browser when the request has none of the right form. Allocated in r's arena. */
const char *session_pre_token(struct req *r);
/* True when given is the token derived from the request's kawaru_pre cookie (constant-time
 * compare); false without the cookie or the field. */
bool session_pre_ok(const struct req *r, const char *given);
/* Adds the Set-Cookie header that clears kawaru_pre (after a sign-in: the next form gets a
 * new one). */
void session_pre_clear(struct req *r);

#endif
