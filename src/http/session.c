/* Resolving the session cookie of a request and writing session cookies (see session.h). */
#include <time.h>
#include "http/session.h"
#include "store/store_user.h"

void session_resolve(struct req *r) {
    r->user = NULL;
    if (!r->session_token || !r->db)
        return;
    struct session_user *u = arena_alloc(&r->arena, sizeof *u);
    /* read from the newest snapshot: a kept read transaction may predate a sign-out */
    db_read_begin(r->db);
    if (store_session_lookup(r->db, &r->arena, r->session_token, (int64_t)time(NULL), u) == 0)
        r->user = u;
    db_read_end(r->db);
}

void session_cookie_set(struct req *r, const char *token) {
    resp_header(r, "Set-Cookie", arena_printf(&r->arena, SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Lax%s",
                                              token, r->secure ? "; Secure" : ""));
}

void session_cookie_clear(struct req *r) {
    resp_header(r, "Set-Cookie", arena_printf(&r->arena, SESSION_COOKIE "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0%s",
                                              r->secure ? "; Secure" : ""));
}
