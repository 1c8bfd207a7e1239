/* Resolving the session cookie of a request and writing session cookies (see session.h). */
#include <sodium.h>
#include <string.h>
#include <time.h>
#include "http/session.h"
#include "http/session_cache.h"
#include "store/store_user.h"

enum { CSRF_BYTES = 32, CSRF_TEXT = 44 };      /* base64url of 32 bytes, no padding: 43 + NUL */

/* The CSRF token of a session is BLAKE2b-256 (crypto_generichash) of a fixed label, keyed by
 * the session's cookie token (43 characters: 256 random bits). It needs no storage, changes
 * with every new session, cannot be turned back into the cookie, and cannot be computed from
 * the database (which holds only the cookie token's unkeyed hash). It is never logged. */
static const char *csrf_derive(struct arena *a, const char *session_token) {
    static const char label[] = "kawaru csrf v1";
    unsigned char mac[CSRF_BYTES];
    crypto_generichash(mac, sizeof mac, (const unsigned char *)label, sizeof label - 1,
                       (const unsigned char *)session_token, strlen(session_token));
    char *text = arena_alloc(a, CSRF_TEXT);
    sodium_bin2base64(text, CSRF_TEXT, mac, sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(mac, sizeof mac);
    return text;
}

const char *session_csrf_for(struct arena *a, const char *session_token) { return csrf_derive(a, session_token); }

const struct actor *req_actor(struct req *r) {
    struct actor *who = arena_alloc(&r->arena, sizeof *who);
    who->name = r->user ? r->user->login : "anonymous";
    who->via = req_is_api(r) ? "api" : "web";
    return who;
}

bool session_csrf_ok(const struct req *r, const char *given) {
    if (!r->csrf_token || !given)
        return false;
    size_t n = strlen(r->csrf_token);
    return strlen(given) == n && sodium_memcmp(given, r->csrf_token, n) == 0;
}

void session_resolve(struct req *r) {
    r->user = NULL;
    r->csrf_token = NULL;
    if (!r->session_token || !r->db)
        return;
    struct session_user *u = arena_alloc(&r->arena, sizeof *u);
    int64_t now = (int64_t)time(NULL);
    uint64_t version = db_data_version();      /* before reading: a later write ends the memo */
    const char *csrf;
    if (session_cache_get(r->session_token, version, now, &r->arena, u, &csrf)) {
        r->user = u;
        r->csrf_token = csrf;
        return;
    }
    /* read from the newest snapshot: a kept read transaction may predate a sign-out */
    db_read_begin(r->db);
    if (store_session_lookup(r->db, &r->arena, r->session_token, now, u) == 0) {
        r->user = u;
        r->csrf_token = csrf_derive(&r->arena, r->session_token);   /* store_session_lookup checked its form */
        session_cache_put(r->session_token, version, now, u, r->csrf_token);
    }
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
