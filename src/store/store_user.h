/* Users, sign-in and sessions (issue 4, SPEC §5): adding, listing, changing passwords and
 * disabling users; checking a sign-in with rate limits per account at one address, per client
 * address and per account over the addresses it has not signed in from (issue 13 point 9, see
 * docs/security.md); sessions whose cookie token is returned once and stored only as a hash.
 * Every write is one transaction with an audit row that never holds a password, a password hash
 * or a token. Functions that depend on the time take `now` (Unix seconds) so that tests can set
 * it. Passwords are hashed through store/pwhash.h, which bounds how many hashes run at once. */
#ifndef KAWARU_STORE_STORE_USER_H
#define KAWARU_STORE_STORE_USER_H
#include <stdbool.h>
#include <stdint.h>
#include "store/store.h"

enum {
    USER_LOGIN_MIN = 3,
    USER_LOGIN_MAX = 64,                 /* a-z 0-9 . _ - */
    USER_NAME_MAX = 200,                 /* bytes of UTF-8 */
    USER_PASSWORD_MIN = 8,
    USER_PASSWORD_MAX = 1024,            /* bytes */
    USER_MAX_DEPTS = 32,
    SESSION_RANDOM_BYTES = 32,           /* 256 bits */
    SESSION_TOKEN_LEN = 43,              /* base64url without padding */
    SESSION_TOKEN_BUF = SESSION_TOKEN_LEN + 1,
    SESSION_IDLE_SECONDS = 2 * 3600,
    SESSION_ABSOLUTE_SECONDS = 12 * 3600,
    SESSION_TOUCH_SECONDS = 60,          /* last_seen is written at most once a minute */
    /* Sign-in limits: attempts counted in a window of LOGIN_WINDOW_SECONDS before the password
     * is hashed, given back when they succeed; a counter that reaches its maximum refuses
     * further attempts, and its last failure locks it for LOGIN_LOCK_SECONDS. */
    LOGIN_WINDOW_SECONDS = 15 * 60,
    LOGIN_LOCK_SECONDS = 15 * 60,
    LOGIN_MAX_FAILS_ACCOUNT_ADDRESS = 5, /* one account from one address */
    LOGIN_MAX_FAILS_ADDRESS = 20,        /* one address, whatever the accounts */
    LOGIN_MAX_FAILS_ACCOUNT = 30,        /* one account from every address but its known ones */
    LOGIN_KNOWN_SECONDS = 30 * 24 * 3600,/* an address is known for 30 days after a sign-in */
};

/* What a failed sign-in says to people (store_user_verify's fail->message). */
#define LOGIN_MSG_WRONG "login or password is wrong"
#define LOGIN_MSG_LOCKED "too many failed sign-ins: try again in 15 minutes"
#define LOGIN_MSG_BUSY "too many sign-ins at once: try again in a moment"

/* A user as listed (no hash). */
struct user_row {
    int64_t id, org_id;
    char *org_code, *login, *display_name, *role, *created_at, *updated_at;
    bool disabled;
    char *dept_codes;                    /* "code1,code2" or NULL */
};

/* The signed-in user of a request (http/session.c puts it in r->user). */
struct session_user {
    int64_t id, org_id, session_id;
    int64_t expires_at;                  /* the session's absolute end (Unix seconds) */
    char *login, *display_name, *role;
    int64_t *dept_ids;
    size_t ndepts;
};

/* True when role is admin, office, reporter or viewer. */
bool user_role_valid(const char *role);
/* True when login is 3-64 characters of a-z 0-9 . _ - */
bool user_login_valid(const char *login);

/* Adds a user of organisation org_id; dept_codes are codes of that organisation's departments.
 * KW_EINVAL / KW_ENOTFOUND / KW_ECONFLICT (login taken) with the field and message in *fail. */
int store_user_add(struct db *db, int64_t org_id, const char *login, const char *display_name, const char *role,
                   const char *const *dept_codes, size_t ndepts, const char *password, const struct actor *who,
                   int64_t *ret_id, struct edit_fail *fail);
/* The users of org_id (0: all), by organisation code and login, allocated in a. */
int store_user_list(struct db *db, struct arena *a, int64_t org_id, struct user_row **ret, size_t *ret_n);
/* Sets a new password (and ends the user's sessions). KW_ENOTFOUND, KW_EINVAL with *fail. */
int store_user_set_password(struct db *db, const char *login, const char *password, const struct actor *who,
                            struct edit_fail *fail);
/* Disables a user and ends its sessions. KW_ENOTFOUND; KW_ECONFLICT when disabled already. */
int store_user_disable(struct db *db, const char *login, const struct actor *who);

/* Checks a sign-in from client address at time now. The attempt is counted against the
 * limits in the transaction that checks them, before the password is hashed, so parallel
 * attempts cannot all pass a limit. 0 with *ret_user_id (the attempt is given back, the
 * account's counter at this address cleared and the address remembered as known);
 * KW_EINVAL for an unknown login, a wrong password or a disabled user (all alike:
 * LOGIN_MSG_WRONG, and the same Argon2id work is done for each; audited); KW_EPERM while a
 * limit is reached, without hashing (LOGIN_MSG_LOCKED); KW_EBUSY when no hashing slot came
 * free in time (LOGIN_MSG_BUSY; the attempt is given back). */
int store_user_verify(struct db *db, const char *login, const char *password, const char *address, int64_t now,
                      int64_t *ret_user_id, struct edit_fail *fail);
/* Starts a session for user_id: a new random token written into ret_token
 * (SESSION_TOKEN_BUF bytes), its hash stored. */
int store_session_create(struct db *db, int64_t user_id, int64_t now, const struct actor *who, char *ret_token);
/* The user of a live session with cookie token at time now, allocated in a; KW_ENOTFOUND for a
 * malformed, unknown, ended or expired token or a disabled user. Writes last_seen when it is
 * a minute old or more. */
int store_session_lookup(struct db *db, struct arena *a, const char *token, int64_t now, struct session_user *ret);
/* Ends the session with cookie token (KW_ENOTFOUND when there is none). */
int store_session_end(struct db *db, const char *token, const struct actor *who);

#endif
