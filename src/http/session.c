/* Resolving the session cookie of a request and writing session cookies (see session.h). */
#include <sodium.h>
#include <stdlib.h>
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

/* ---- the pre-session token of the sign-in form
 *
 * Anonymous visitors have no session whose CSRF token a form could carry, so a hostile site
 * could post its own login and password to /login from the visitor's browser and sign the
 * browser in as itself (login CSRF). GET /login (and every page that shows the form) gives the
 * browser a random cookie, kawaru_pre (256 bits, HttpOnly, SameSite=Lax), and writes into the
 * form a token derived from it like a session's CSRF token, under another label; POST /login
 * signs in only when the field matches the cookie. Another site can neither read the cookie
 * nor the form, so it cannot write the field. Nothing is stored on the server. */

enum { PRE_RANDOM_BYTES = 32, PRE_TEXT = 44 };   /* base64url of 32 bytes, no padding: 43 + NUL */

static bool pre_cookie_ok(const char *s) {
    if (!s || strlen(s) != PRE_TEXT - 1)
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
            return false;
    return true;
}

static const char *pre_derive(struct arena *a, const char *cookie) {
    static const char label[] = "kawaru login csrf v1";
    unsigned char mac[CSRF_BYTES];
    crypto_generichash(mac, sizeof mac, (const unsigned char *)label, sizeof label - 1, (const unsigned char *)cookie,
                       strlen(cookie));
    char *text = arena_alloc(a, CSRF_TEXT);
    sodium_bin2base64(text, CSRF_TEXT, mac, sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(mac, sizeof mac);
    return text;
}

const char *session_pre_token(struct req *r) {
    if (!pre_cookie_ok(r->pre_token)) {
        unsigned char raw[PRE_RANDOM_BYTES];
        char *cookie = arena_alloc(&r->arena, PRE_TEXT);
        if (sodium_init() < 0)
            abort();                           /* no randomness: nothing safe to hand out */
        randombytes_buf(raw, sizeof raw);
        sodium_bin2base64(cookie, PRE_TEXT, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
        sodium_memzero(raw, sizeof raw);
        resp_header(r, "Set-Cookie", arena_printf(&r->arena, PRE_SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Lax%s",
                                                  cookie, r->secure ? "; Secure" : ""));
        r->pre_token = cookie;                 /* a second form of the same response: the same token */
    }
    r->cacheable = false;                      /* a page with a token is the browser's own */
    return pre_derive(&r->arena, r->pre_token);
}

bool session_pre_ok(const struct req *r, const char *given) {
    if (!pre_cookie_ok(r->pre_token) || !given)
        return false;
    struct arena a = ARENA_INIT;
    const char *want = pre_derive(&a, r->pre_token);
    size_t n = strlen(want);
    bool ok = strlen(given) == n && sodium_memcmp(given, want, n) == 0;
    arena_free(&a);
    return ok;
}

void session_pre_clear(struct req *r) {
    if (r->pre_token)
        resp_header(r, "Set-Cookie", arena_printf(&r->arena, PRE_SESSION_COOKIE "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0%s",
                                                  r->secure ? "; Secure" : ""));
}

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
    bool memo = !db_watch_deaf();              /* deaf: another server's sign-out would not end it */
    if (memo && session_cache_get(r->session_token, version, now, &r->arena, u, &csrf)) {
        r->user = u;
        r->csrf_token = csrf;
        return;
    }
    /* read from the newest snapshot: a kept read transaction may predate a sign-out */
    db_read_begin(r->db);
    if (store_session_lookup(r->db, &r->arena, r->session_token, now, u) == 0) {
        r->user = u;
        r->csrf_token = csrf_derive(&r->arena, r->session_token);   /* store_session_lookup checked its form */
        if (memo)
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
