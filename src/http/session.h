/* The signed-in user of a request: the kawaru_session cookie resolved into r->user, and the
 * cookies that start and end a session. */
#ifndef KAWARU_HTTP_SESSION_H
#define KAWARU_HTTP_SESSION_H
#include "http/req.h"

#define SESSION_COOKIE "kawaru_session"

/* Sets r->user from r->session_token (one indexed query; a write at most once a minute) and
 * r->csrf_token from the same token. An unknown or expired token leaves both NULL. */
void session_resolve(struct req *r);
/* True when given equals this session's CSRF token (r->csrf_token, constant-time compare);
 * false when r has no session or given is NULL. */
bool session_csrf_ok(const struct req *r, const char *given);
/* Adds the Set-Cookie header of a new session token (Secure when r->secure). */
void session_cookie_set(struct req *r, const char *token);
/* Adds the Set-Cookie header that clears the session cookie. */
void session_cookie_clear(struct req *r);

#endif
