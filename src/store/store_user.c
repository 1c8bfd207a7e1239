/* Users, sign-in and sessions (see store_user.h). Passwords go through libsodium's
 * crypto_pwhash_str (Argon2id, OPSLIMIT/MEMLIMIT_INTERACTIVE) in store/pwhash.c, which bounds
 * how many run at once; session tokens are 256 random bits in base64url, stored as a
 * BLAKE2b-256 hash like API tokens (store_token.c). Audit rows name the user and what changed,
 * never a password, a hash, a token or an address. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "core/field.h"
#include "store/pwhash.h"
#include "store/store_internal.h"
#include "store/store_user.h"
#include "util/buf.h"
#include "util/jw.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

static int sodium_ready(void) { return sodium_init() < 0 ? KW_EIO : 0; }

bool user_role_valid(const char *role) {
    static const char *const roles[] = {"admin", "office", "reporter", "viewer"};
    for (size_t i = 0; role && i < sizeof roles / sizeof *roles; i++)
        if (strcmp(role, roles[i]) == 0)
            return true;
    return false;
}

bool user_login_valid(const char *login) {
    size_t len = login ? strlen(login) : 0;
    if (len < USER_LOGIN_MIN || len > USER_LOGIN_MAX)
        return false;
    for (const char *p = login; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-'))
            return false;
    return true;
}

static bool name_valid(const char *name, struct edit_fail *fail) {
    return edit_field_ok(name, FIELD_LINE(USER_NAME_MAX), true, "name", fail);
}

static bool password_valid(const char *pw, struct edit_fail *fail) {
    size_t len = pw ? strlen(pw) : 0;
    if (len < USER_PASSWORD_MIN || len > USER_PASSWORD_MAX || !utf8_valid(pw, len)) {
        edit_fail_set(fail, "password", "the password must be %d-%d bytes of UTF-8 text", USER_PASSWORD_MIN,
                      USER_PASSWORD_MAX);
        return false;
    }
    return true;
}

/* Argon2id hash of pw into out (crypto_pwhash_STRBYTES); KW_EBUSY when every hashing slot
 * stayed taken (pwhash.h). */
static int password_hash(const char *pw, char out[crypto_pwhash_STRBYTES]) {
    return pwhash_str(out, pw, strlen(pw));
}

/* A hash of a random password, checked against for unknown logins so that they cost the same.
 * Made once per process, outside the hashing slots (one hash, when the first sign-in comes). */
static char dummy_hash[crypto_pwhash_STRBYTES];
static void dummy_init(void) {
    char pw[33];
    unsigned char raw[24];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(pw, sizeof pw, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    if (crypto_pwhash_str(dummy_hash, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        dummy_hash[0] = '\0';
}

/* Ends a transaction of bookkeeping: sign-in attempts, the addresses a user signed in from, a
 * session made or its last-seen time. Nothing an anonymous page or a resolved session shows
 * changes with them, so they commit without bumping the data version (db_commit_bookkeeping):
 * thousands of signed-in staff would otherwise empty the response cache and every thread's
 * session memo each minute. Their audit rows (login, login_failed) are read on the audit page,
 * which is never cached. Ending a session, changing a password or disabling a user does change
 * what a resolved session is, and commits as content (edit_finish). */
static int bookkeeping_finish(struct db *db, int rc) {
    if (rc < 0) {
        db_rollback(db);
        return rc;
    }
    return db_commit_bookkeeping(db);
}

/* ---- audit */

static int user_audit(struct db *db, const struct actor *who, int64_t id, const char *action, const char *login,
                      const char *extra_key, const char *extra_value) {
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    jw_obj_begin(&w);
    jw_kstr(&w, "login", login);
    if (extra_key)
        jw_kstr(&w, extra_key, extra_value);
    jw_obj_end(&w);
    int rc = store_audit(db, who, "user", id, action, NULL, buf_cstr(&b));
    buf_free(&b);
    return rc;
}

/* The user's row as JSON for an add (no hash). */
static int user_audit_add(struct db *db, const struct actor *who, int64_t id) {
    struct db_stmt *st = db_prepare(db,
        "SELECT json_object('org_id', u.org_id, 'login', u.login, 'display_name', u.display_name, 'role', u.role, "
        "'disabled', json(CASE u.disabled WHEN 1 THEN 'true' ELSE 'false' END), 'departments', "
        "json((SELECT json_group_array(d.code) FROM user_department ud JOIN department d ON d.id = ud.department_id "
        "WHERE ud.user_id = u.id))) FROM users u WHERE u.id = ?1");
    db_bind_int64(st, 1, id);
    char *json = NULL;
    if (db_step(st) == DB_ROW)
        json = db_col_str(st, 0) ? xstrdup(db_col_str(st, 0)) : NULL;
    db_reset(st);
    int rc = json ? store_audit(db, who, "user", id, "create", NULL, json) : KW_EDB;
    free(json);
    return rc;
}

/* ---- adding, listing, changing users */

static int depts_insert(struct db *db, int64_t user_id, int64_t org_id, const char *const *codes, size_t n,
                        struct edit_fail *fail) {
    for (size_t i = 0; i < n; i++) {
        int64_t dept = 0;
        if (edit_query_id(db, "SELECT id FROM department WHERE org_id = ?1 AND code = ?2", org_id, codes[i], &dept) < 0) {
            edit_fail_set(fail, "department", "the organisation has no department with code %s", codes[i]);
            return KW_ENOTFOUND;
        }
        struct db_stmt *st = db_prepare(db, "INSERT INTO user_department (user_id, department_id) VALUES (?1, ?2) "
                                            "ON CONFLICT DO NOTHING");
        db_bind_int64(st, 1, user_id);
        db_bind_int64(st, 2, dept);
        int rc = db_step_done(db, st);
        if (rc < 0)
            return rc;
    }
    return 0;
}

static int user_insert(struct db *db, int64_t org_id, const char *login, const char *name, const char *role,
                       const char *hash, int64_t *ret_id, struct edit_fail *fail) {
    int64_t found = 0;
    if (edit_query_id(db, "SELECT id FROM org WHERE id = ?1", org_id, NULL, &found) < 0) {
        edit_fail_set(fail, "org", "no such organisation");
        return KW_ENOTFOUND;
    }
    if (edit_query_id(db, "SELECT id FROM users WHERE login = ?2 AND ?1 = ?1", 0, login, &found) == 0) {
        edit_fail_set(fail, "login", "the login %s is taken", login);
        return KW_ECONFLICT;
    }
    struct db_stmt *st = db_prepare(db,
        "INSERT INTO users (org_id, login, display_name, role, password_hash) VALUES (?1, ?2, ?3, ?4, ?5)");
    db_bind_int64(st, 1, org_id);
    db_bind_text(st, 2, login);
    db_bind_text(st, 3, name);
    db_bind_text(st, 4, role);
    db_bind_text(st, 5, hash);
    int rc = db_step_done(db, st);
    if (rc == 0)
        *ret_id = db_last_id(db);
    return rc;
}

int store_user_add(struct db *db, int64_t org_id, const char *login, const char *display_name, const char *role,
                   const char *const *dept_codes, size_t ndepts, const char *password, const struct actor *who,
                   int64_t *ret_id, struct edit_fail *fail) {
    if (!user_login_valid(login)) {
        edit_fail_set(fail, "login", "the login must be %d-%d characters of a-z 0-9 . _ -", USER_LOGIN_MIN, USER_LOGIN_MAX);
        return KW_EINVAL;
    }
    if (!user_role_valid(role)) {
        edit_fail_set(fail, "role", "the role must be admin, office, reporter or viewer");
        return KW_EINVAL;
    }
    if (ndepts > USER_MAX_DEPTS) {
        edit_fail_set(fail, "department", "at most %d departments", USER_MAX_DEPTS);
        return KW_EINVAL;
    }
    if (!name_valid(display_name, fail) || !password_valid(password, fail))
        return KW_EINVAL;
    char hash[crypto_pwhash_STRBYTES];
    int rc = password_hash(password, hash);           /* before the transaction: it takes a while */
    if (rc < 0 || (rc = db_begin(db)) < 0)
        return rc;
    int64_t id = 0;
    rc = user_insert(db, org_id, login, display_name, role, hash, &id, fail);
    if (rc == 0)
        rc = depts_insert(db, id, org_id, dept_codes, ndepts, fail);
    if (rc == 0)
        rc = user_audit_add(db, who, id);
    rc = edit_finish(db, rc);
    sodium_memzero(hash, sizeof hash);
    if (rc == 0)
        *ret_id = id;
    return rc;
}

int store_user_list(struct db *db, struct arena *a, int64_t org_id, struct user_row **ret, size_t *ret_n) {
    struct db_stmt *st = db_prepare(db,
        "SELECT u.id, u.org_id, o.code, u.login, u.display_name, u.role, u.disabled, u.created_at, u.updated_at, "
        "(SELECT group_concat(d.code, ',') FROM user_department ud JOIN department d ON d.id = ud.department_id "
        "WHERE ud.user_id = u.id) FROM users u JOIN org o ON o.id = u.org_id "
        "WHERE ?1 = 0 OR u.org_id = ?1 ORDER BY o.code, u.login");
    db_bind_int64(st, 1, org_id);
    struct user_row *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, v, cap, n);
        struct user_row *u = &v[n++];
        u->id = db_col_int64(st, 0);
        u->org_id = db_col_int64(st, 1);
        u->org_code = db_col_text(a, st, 2);
        u->login = db_col_text(a, st, 3);
        u->display_name = db_col_text(a, st, 4);
        u->role = db_col_text(a, st, 5);
        u->disabled = db_col_int(st, 6) != 0;
        u->created_at = db_col_text(a, st, 7);
        u->updated_at = db_col_text(a, st, 8);
        u->dept_codes = db_col_text(a, st, 9);
    }
    db_reset(st);
    if (rc != DB_DONE)
        return KW_EDB;
    *ret = v;
    *ret_n = n;
    return 0;
}

static int sessions_end_all(struct db *db, int64_t user_id) {
    struct db_stmt *st = db_prepare(db, "DELETE FROM user_session WHERE user_id = ?1");
    db_bind_int64(st, 1, user_id);
    return db_step_done(db, st);
}

int store_user_set_password(struct db *db, const char *login, const char *password, const struct actor *who,
                            struct edit_fail *fail) {
    if (!password_valid(password, fail))
        return KW_EINVAL;
    char hash[crypto_pwhash_STRBYTES];
    int rc = password_hash(password, hash);
    if (rc < 0 || (rc = db_begin(db)) < 0)
        return rc;
    int64_t id = 0;
    rc = edit_query_id(db, "SELECT id FROM users WHERE login = ?2 AND ?1 = ?1", 0, login, &id);
    if (rc == 0) {
        struct db_stmt *st = db_prepare(db,
            "UPDATE users SET password_hash = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1");
        db_bind_int64(st, 1, id);
        db_bind_text(st, 2, hash);
        rc = db_step_done(db, st);
    } else {
        edit_fail_set(fail, "login", "there is no user %s", login);
    }
    if (rc == 0)
        rc = sessions_end_all(db, id);
    if (rc == 0)
        rc = user_audit(db, who, id, "set_password", login, NULL, NULL);
    sodium_memzero(hash, sizeof hash);
    return edit_finish(db, rc);
}

int store_user_disable(struct db *db, const char *login, const struct actor *who) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    int64_t id = 0, disabled = 0;
    rc = edit_query_id(db, "SELECT id FROM users WHERE login = ?2 AND ?1 = ?1", 0, login, &id);
    if (rc == 0 && edit_query_id(db, "SELECT disabled FROM users WHERE id = ?1", id, NULL, &disabled) == 0 && disabled)
        rc = KW_ECONFLICT;
    if (rc == 0) {
        struct db_stmt *st = db_prepare(db,
            "UPDATE users SET disabled = 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1");
        db_bind_int64(st, 1, id);
        rc = db_step_done(db, st);
    }
    if (rc == 0)
        rc = sessions_end_all(db, id);
    if (rc == 0)
        rc = user_audit(db, who, id, "disable", login, NULL, NULL);
    return edit_finish(db, rc);
}

/* ---- sign-in and its rate limits
 *
 * Three counters per attempt (docs/security.md): the account at this address ('login_address',
 * key "login address"), the address ('address') and the account over every address
 * ('login'). The last one does not refuse at an address where the account signed in within
 * LOGIN_KNOWN_SECONDS (table login_known), so that guessing from elsewhere cannot lock the
 * owner out of the places it works from. Unknown logins are counted under the login given,
 * like known ones. */

struct limit {
    const char *kind, *key;
    int max;
    bool applies;                          /* false: counted, but it refuses nothing */
};

/* True when limit l refuses an attempt at now: locked, or max attempts already counted in
 * its current window. */
static bool limit_full(struct db *db, const struct limit *l, int64_t now) {
    struct db_stmt *st = db_prepare(db,
        "SELECT locked_until > ?3 OR (window_start > ?3 - ?4 AND attempts >= ?5) FROM login_attempt "
        "WHERE kind = ?1 AND key = ?2");
    db_bind_text(st, 1, l->kind);
    db_bind_text(st, 2, l->key);
    db_bind_int64(st, 3, now);
    db_bind_int64(st, 4, LOGIN_WINDOW_SECONDS);
    db_bind_int64(st, 5, l->max);
    bool full = db_step(st) == DB_ROW && db_col_int(st, 0) != 0;
    db_reset(st);
    return full;
}

/* Counts one attempt of l at now; a window older than LOGIN_WINDOW_SECONDS starts again. */
static int limit_count(struct db *db, const struct limit *l, int64_t now) {
    struct db_stmt *st = db_prepare(db,
        "INSERT INTO login_attempt (kind, key, window_start, attempts) VALUES (?1, ?2, ?3, 1) "
        "ON CONFLICT (kind, key) DO UPDATE SET "
        "attempts = CASE WHEN login_attempt.window_start <= ?3 - ?4 THEN 1 ELSE login_attempt.attempts + 1 END, "
        "window_start = CASE WHEN login_attempt.window_start <= ?3 - ?4 THEN ?3 ELSE login_attempt.window_start END");
    db_bind_text(st, 1, l->kind);
    db_bind_text(st, 2, l->key);
    db_bind_int64(st, 3, now);
    db_bind_int64(st, 4, LOGIN_WINDOW_SECONDS);
    return db_step_done(db, st);
}

/* Gives back one attempt of l (it succeeded, or was never checked). */
static int limit_refund(struct db *db, const struct limit *l) {
    struct db_stmt *st = db_prepare(db,
        "UPDATE login_attempt SET attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END "
        "WHERE kind = ?1 AND key = ?2");
    db_bind_text(st, 1, l->kind);
    db_bind_text(st, 2, l->key);
    return db_step_done(db, st);
}

/* After a failure: locks l for LOGIN_LOCK_SECONDS when its window holds max attempts. */
static int limit_lock(struct db *db, const struct limit *l, int64_t now) {
    struct db_stmt *st = db_prepare(db,
        "UPDATE login_attempt SET locked_until = ?3 + ?5 "
        "WHERE kind = ?1 AND key = ?2 AND attempts >= ?4 AND locked_until <= ?3");
    db_bind_text(st, 1, l->kind);
    db_bind_text(st, 2, l->key);
    db_bind_int64(st, 3, now);
    db_bind_int64(st, 4, l->max);
    db_bind_int64(st, 5, LOGIN_LOCK_SECONDS);
    return db_step_done(db, st);
}

static int limit_clear(struct db *db, const struct limit *l) {
    struct db_stmt *st = db_prepare(db, "DELETE FROM login_attempt WHERE kind = ?1 AND key = ?2");
    db_bind_text(st, 1, l->kind);
    db_bind_text(st, 2, l->key);
    return db_step_done(db, st);
}

/* Counters whose window and lock are both over say nothing any more: deleted by range. */
static int limits_prune(struct db *db, int64_t now) {
    struct db_stmt *st = db_prepare(db, "DELETE FROM login_attempt WHERE window_start <= ?1 - ?2 AND locked_until <= ?1");
    db_bind_int64(st, 1, now);
    db_bind_int64(st, 2, LOGIN_WINDOW_SECONDS + LOGIN_LOCK_SECONDS);
    return db_step_done(db, st);
}

/* True when user_id signed in from address within LOGIN_KNOWN_SECONDS before now. */
static bool address_known(struct db *db, int64_t user_id, const char *address, int64_t now) {
    struct db_stmt *st = db_prepare(db,
        "SELECT 1 FROM login_known WHERE user_id = ?1 AND address = ?2 AND last_success > ?3 - ?4");
    db_bind_int64(st, 1, user_id);
    db_bind_text(st, 2, address);
    db_bind_int64(st, 3, now);
    db_bind_int64(st, 4, LOGIN_KNOWN_SECONDS);
    bool known = db_step(st) == DB_ROW;
    db_reset(st);
    return known;
}

/* Remembers address as known for user_id and forgets the user's addresses known no longer. */
static int address_remember(struct db *db, int64_t user_id, const char *address, int64_t now) {
    struct db_stmt *st = db_prepare(db,
        "INSERT INTO login_known (user_id, address, last_success) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (user_id, address) DO UPDATE SET last_success = ?3");
    db_bind_int64(st, 1, user_id);
    db_bind_text(st, 2, address);
    db_bind_int64(st, 3, now);
    int rc = db_step_done(db, st);
    if (rc < 0)
        return rc;
    st = db_prepare(db, "DELETE FROM login_known WHERE user_id = ?1 AND last_success <= ?2 - ?3");
    db_bind_int64(st, 1, user_id);
    db_bind_int64(st, 2, now);
    db_bind_int64(st, 3, LOGIN_KNOWN_SECONDS);
    return db_step_done(db, st);
}

/* The id, hash and disabled flag of login (id 0 when there is none); hash is copied into out. */
static int64_t user_credentials(struct db *db, const char *login, char out[crypto_pwhash_STRBYTES], bool *disabled) {
    struct db_stmt *st = db_prepare(db, "SELECT id, password_hash, disabled FROM users WHERE login = ?1");
    db_bind_text(st, 1, login);
    int64_t id = 0;
    out[0] = '\0';
    if (db_step(st) == DB_ROW) {
        id = db_col_int64(st, 0);
        snprintf(out, crypto_pwhash_STRBYTES, "%s", (const char *)db_col_str(st, 1));
        *disabled = db_col_int(st, 2) != 0;
    }
    db_reset(st);
    return id;
}

enum { NLIMITS = 3 };

/* One transaction before any hash: reads the user's credentials, checks every limit that
 * applies and, when none refuses, counts the attempt in all of them. Writers are serialised
 * (BEGIN IMMEDIATE), so of parallel attempts at most max pass a limit. KW_EPERM when one
 * refuses (rolled back: a refusal writes nothing); *ret_id is 0 for an unknown login. */
static int attempt_begin(struct db *db, struct limit lim[NLIMITS], const char *login, const char *address,
                         int64_t now, int64_t *ret_id, char hash[crypto_pwhash_STRBYTES], bool *disabled) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    int64_t id = 0;
    bool full = false;
    rc = limits_prune(db, now);
    if (rc == 0) {
        id = user_login_valid(login) ? user_credentials(db, login, hash, disabled) : 0;
        lim[2].applies = !(id && address_known(db, id, address, now));
        for (int i = 0; i < NLIMITS && !full; i++)
            full = lim[i].applies && limit_full(db, &lim[i], now);
    }
    if (rc == 0 && full) {
        db_rollback(db);
        return KW_EPERM;
    }
    for (int i = 0; rc == 0 && i < NLIMITS; i++)
        rc = limit_count(db, &lim[i], now);
    rc = bookkeeping_finish(db, rc);
    if (rc == 0)
        *ret_id = id;
    return rc;
}

/* An attempt that was counted but never checked (no hashing slot): given back. */
static int attempt_cancel(struct db *db, const struct limit lim[NLIMITS]) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    for (int i = 0; rc == 0 && i < NLIMITS; i++)
        rc = limit_refund(db, &lim[i]);
    return bookkeeping_finish(db, rc);
}

/* A failed sign-in: the counters that are full lock, and the audit row. */
static int attempt_failed(struct db *db, const struct limit lim[NLIMITS], int64_t user_id, int64_t now) {
    static const struct actor anon = {"anonymous", "web"};
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    for (int i = 0; rc == 0 && i < NLIMITS; i++)
        rc = limit_lock(db, &lim[i], now);
    if (rc == 0)
        rc = user_audit(db, &anon, user_id, "login_failed", lim[2].key, NULL, NULL);
    return bookkeeping_finish(db, rc);
}

/* A sign-in that succeeded: the account's counter at this address is cleared, its attempt
 * given back to the address and the account, and the address remembered as known. */
static int attempt_succeeded(struct db *db, const struct limit lim[NLIMITS], int64_t user_id, const char *address,
                             int64_t now) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    rc = limit_clear(db, &lim[0]);
    if (rc == 0)
        rc = limit_refund(db, &lim[1]);
    if (rc == 0)
        rc = limit_refund(db, &lim[2]);
    if (rc == 0)
        rc = address_remember(db, user_id, address, now);
    return bookkeeping_finish(db, rc);
}

int store_user_verify(struct db *db, const char *login, const char *password, const char *address, int64_t now,
                      int64_t *ret_user_id, struct edit_fail *fail) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    if (sodium_ready() < 0)
        return KW_EIO;
    pthread_once(&once, dummy_init);
    if (!address || !*address)
        address = "-";
    const char *key = login && strlen(login) <= USER_LOGIN_MAX ? login : "";
    char pair[USER_LOGIN_MAX + 2 + 64];
    snprintf(pair, sizeof pair, "%s %s", key, address);   /* a login holds no space */
    struct limit lim[NLIMITS] = {
        {"login_address", pair, LOGIN_MAX_FAILS_ACCOUNT_ADDRESS, true},
        {"address", address, LOGIN_MAX_FAILS_ADDRESS, true},
        {"login", key, LOGIN_MAX_FAILS_ACCOUNT, true},
    };
    char hash[crypto_pwhash_STRBYTES];
    bool disabled = false;
    int64_t id = 0;
    int rc = attempt_begin(db, lim, key, address, now, &id, hash, &disabled);
    if (rc == KW_EPERM) {
        edit_fail_set(fail, "", LOGIN_MSG_LOCKED);
        return rc;
    }
    if (rc < 0)
        return rc;
    size_t pwlen = password ? strlen(password) : 0;
    if (pwlen > USER_PASSWORD_MAX)
        pwlen = USER_PASSWORD_MAX;
    /* the same Argon2id work for unknown logins as for known ones */
    rc = pwhash_verify(id ? hash : dummy_hash, password ? password : "", pwlen);
    sodium_memzero(hash, sizeof hash);
    if (rc == KW_EBUSY || rc == KW_EIO) {
        attempt_cancel(db, lim);
        if (rc == KW_EBUSY)
            edit_fail_set(fail, "", LOGIN_MSG_BUSY);
        return rc;
    }
    if (!id || rc < 0 || disabled) {
        rc = attempt_failed(db, lim, id, now);
        edit_fail_set(fail, "", LOGIN_MSG_WRONG);
        return rc < 0 ? rc : KW_EINVAL;
    }
    rc = attempt_succeeded(db, lim, id, address, now);
    if (rc < 0)
        return rc;
    *ret_user_id = id;
    return 0;
}

/* ---- sessions */

static void session_hash(const char *token, unsigned char out[crypto_generichash_BYTES]) {
    crypto_generichash(out, crypto_generichash_BYTES, (const unsigned char *)token, strlen(token), NULL, 0);
}

static bool session_token_ok(const char *s) {
    if (!s || strlen(s) != SESSION_TOKEN_LEN)
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
            return false;
    return true;
}

int store_session_create(struct db *db, int64_t user_id, int64_t now, const struct actor *who, char *ret_token) {
    if (sodium_ready() < 0)
        return KW_EIO;
    unsigned char raw[SESSION_RANDOM_BYTES], hash[crypto_generichash_BYTES];
    char token[SESSION_TOKEN_BUF];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(token, sizeof token, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
    session_hash(token, hash);
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    char login[USER_LOGIN_MAX + 1] = "";
    struct db_stmt *st = db_prepare(db, "SELECT login FROM users WHERE id = ?1 AND disabled = 0");
    db_bind_int64(st, 1, user_id);
    if (db_step(st) == DB_ROW)
        snprintf(login, sizeof login, "%s", (const char *)db_col_str(st, 0));
    db_reset(st);
    rc = login[0] ? 0 : KW_ENOTFOUND;
    if (rc == 0) {                         /* the user's expired sessions go now */
        st = db_prepare(db, "DELETE FROM user_session WHERE user_id = ?1 AND (expires_at <= ?2 OR last_seen <= ?2 - ?3)");
        db_bind_int64(st, 1, user_id);
        db_bind_int64(st, 2, now);
        db_bind_int64(st, 3, SESSION_IDLE_SECONDS);
        rc = db_step_done(db, st);
    }
    if (rc == 0) {
        st = db_prepare(db, "INSERT INTO user_session (hash, user_id, created_at, last_seen, expires_at) "
                            "VALUES (?1, ?2, ?3, ?3, ?3 + ?4)");
        db_bind_blob(st, 1, hash, sizeof hash);
        db_bind_int64(st, 2, user_id);
        db_bind_int64(st, 3, now);
        db_bind_int64(st, 4, SESSION_ABSOLUTE_SECONDS);
        rc = db_step_done(db, st);
    }
    if (rc == 0)
        rc = user_audit(db, who, user_id, "login", login, NULL, NULL);
    rc = bookkeeping_finish(db, rc);
    if (rc == 0)
        memcpy(ret_token, token, SESSION_TOKEN_BUF);
    sodium_memzero(token, sizeof token);
    return rc;
}

static int session_depts(struct db *db, struct arena *a, struct session_user *u) {
    struct db_stmt *st = db_prepare(db, "SELECT department_id FROM user_department WHERE user_id = ?1 ORDER BY department_id");
    db_bind_int64(st, 1, u->id);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, u->dept_ids, cap, u->ndepts);
        u->dept_ids[u->ndepts++] = db_col_int64(st, 0);
    }
    db_reset(st);
    return step_rows_done(rc);
}

static int session_touch(struct db *db, int64_t session_id, int64_t now) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    struct db_stmt *st = db_prepare(db, "UPDATE user_session SET last_seen = ?2 WHERE id = ?1");
    db_bind_int64(st, 1, session_id);
    db_bind_int64(st, 2, now);
    rc = db_step_done(db, st);
    return bookkeeping_finish(db, rc);
}

int store_session_lookup(struct db *db, struct arena *a, const char *token, int64_t now, struct session_user *ret) {
    if (!session_token_ok(token))
        return KW_ENOTFOUND;
    unsigned char hash[crypto_generichash_BYTES];
    session_hash(token, hash);
    struct db_stmt *st = db_prepare(db,
        "SELECT s.id, s.last_seen, u.id, u.org_id, u.login, u.display_name, u.role, s.expires_at FROM user_session s "
        "JOIN users u ON u.id = s.user_id WHERE s.hash = ?1 AND u.disabled = 0 AND s.expires_at > ?2 AND s.last_seen > ?2 - ?3");
    db_bind_blob(st, 1, hash, sizeof hash);
    db_bind_int64(st, 2, now);
    db_bind_int64(st, 3, SESSION_IDLE_SECONDS);
    struct session_user u = {0};
    int64_t last_seen = 0;
    int step = db_step(st);
    if (step == DB_ROW) {
        u.session_id = db_col_int64(st, 0);
        last_seen = db_col_int64(st, 1);
        u.id = db_col_int64(st, 2);
        u.org_id = db_col_int64(st, 3);
        u.login = db_col_text(a, st, 4);
        u.display_name = db_col_text(a, st, 5);
        u.role = db_col_text(a, st, 6);
        u.expires_at = db_col_int64(st, 7);
    }
    db_reset(st);
    if (step != DB_ROW)
        return step == DB_DONE ? KW_ENOTFOUND : KW_EDB;
    int rc = session_depts(db, a, &u);
    if (rc < 0)
        return rc;
    /* a touch that cannot get the database (another write holds it) is left for the next
     * request: the session stays valid, its last-seen time a moment older */
    if (now - last_seen >= SESSION_TOUCH_SECONDS)
        (void)session_touch(db, u.session_id, now);
    *ret = u;
    return 0;
}

int store_session_end(struct db *db, const char *token, const struct actor *who) {
    if (!session_token_ok(token))
        return KW_ENOTFOUND;
    unsigned char hash[crypto_generichash_BYTES];
    session_hash(token, hash);
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    struct db_stmt *st = db_prepare(db, "SELECT s.id, u.id, u.login FROM user_session s JOIN users u ON u.id = s.user_id "
                                      "WHERE s.hash = ?1");
    db_bind_blob(st, 1, hash, sizeof hash);
    int64_t sid = 0, uid = 0;
    char login[USER_LOGIN_MAX + 1] = "";
    if (db_step(st) == DB_ROW) {
        sid = db_col_int64(st, 0);
        uid = db_col_int64(st, 1);
        snprintf(login, sizeof login, "%s", (const char *)db_col_str(st, 2));
    }
    db_reset(st);
    rc = sid ? 0 : KW_ENOTFOUND;
    if (rc == 0) {
        st = db_prepare(db, "DELETE FROM user_session WHERE id = ?1");
        db_bind_int64(st, 1, sid);
        rc = db_step_done(db, st);
    }
    if (rc == 0)
        rc = user_audit(db, who, uid, "logout", login, NULL, NULL);
    return edit_finish(db, rc);
}
