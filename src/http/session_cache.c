/* The per-thread memo of resolved sessions (see session_cache.h). */
#include <sodium.h>
#include <string.h>
#include "http/session_cache.h"
#include "util/arena.h"

enum { ROLE_MAX = 16, CSRF_MAX = 64 };

struct slot {
    bool used;
    char token[SESSION_TOKEN_BUF];
    uint64_t version;
    int64_t checked_at, expires_at;
    int64_t id, org_id, session_id;
    char login[USER_LOGIN_MAX + 1], display_name[USER_NAME_MAX + 1], role[ROLE_MAX], csrf[CSRF_MAX];
    int64_t dept_ids[USER_MAX_DEPTS];
    size_t ndepts;
};

static _Thread_local struct slot slots[SESSION_CACHE_SLOTS];

/* Tokens are random base64url text: their first two characters spread them over the slots. */
static struct slot *slot_for(const char *token) {
    unsigned h = (unsigned char)token[0] * 31u + (unsigned char)token[1];
    return &slots[h % SESSION_CACHE_SLOTS];
}

static bool token_ok(const char *token) { return token && strlen(token) == SESSION_TOKEN_LEN; }

bool session_cache_get(const char *token, uint64_t version, int64_t now, struct arena *a,
                       struct session_user *ret_user, const char **ret_csrf) {
    if (!token_ok(token))
        return false;
    struct slot *s = slot_for(token);
    if (!s->used || sodium_memcmp(s->token, token, SESSION_TOKEN_LEN) != 0)
        return false;
    if (s->version != version || now < s->checked_at || now - s->checked_at >= SESSION_TOUCH_SECONDS ||
        now >= s->expires_at) {
        sodium_memzero(s, sizeof *s);
        return false;
    }
    struct session_user u = {
        .id = s->id, .org_id = s->org_id, .session_id = s->session_id, .expires_at = s->expires_at,
        .login = arena_strdup(a, s->login), .display_name = arena_strdup(a, s->display_name),
        .role = arena_strdup(a, s->role), .ndepts = s->ndepts,
    };
    if (s->ndepts) {
        u.dept_ids = arena_memdup(a, s->dept_ids, s->ndepts * sizeof *u.dept_ids);
    }
    *ret_user = u;
    *ret_csrf = arena_strdup(a, s->csrf);
    return true;
}

static bool fits(const char *s, size_t cap) { return s && strlen(s) < cap; }

void session_cache_put(const char *token, uint64_t version, int64_t now, const struct session_user *u,
                       const char *csrf) {
    if (!token_ok(token) || u->ndepts > USER_MAX_DEPTS || !fits(u->login, USER_LOGIN_MAX + 1) ||
        !fits(u->display_name, USER_NAME_MAX + 1) || !fits(u->role, ROLE_MAX) || !fits(csrf, CSRF_MAX))
        return;
    struct slot *s = slot_for(token);
    memset(s, 0, sizeof *s);
    memcpy(s->token, token, SESSION_TOKEN_BUF);
    s->version = version;
    s->checked_at = now;
    s->expires_at = u->expires_at;
    s->id = u->id;
    s->org_id = u->org_id;
    s->session_id = u->session_id;
    strcpy(s->login, u->login);
    strcpy(s->display_name, u->display_name);
    strcpy(s->role, u->role);
    strcpy(s->csrf, csrf);
    if (u->ndepts)
        memcpy(s->dept_ids, u->dept_ids, u->ndepts * sizeof *u->dept_ids);
    s->ndepts = u->ndepts;
    s->used = true;
}

void session_cache_clear(void) { sodium_memzero(slots, sizeof slots); }
