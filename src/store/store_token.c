/* API tokens (see store_token.h): making, listing, revoking and checking them. Only a hash of a
 * token is stored; a check finds the rows with the token's visible prefix and compares hashes
 * with sodium_memcmp, in constant time. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include "core/errors.h"
#include "core/field.h"
#include "store/store_internal.h"
#include "store/store_token.h"
#include "util/buf.h"
#include "util/jw.h"
#include "util/utf8.h"

/* libsodium must be initialised before randombytes_buf; sodium_init may be called again and
 * from any thread. */
static int sodium_ready(void) { return sodium_init() < 0 ? KW_EIO : 0; }

/* The BLAKE2b-256 hash of the token text. */
static void token_hash(const char *token, unsigned char out[crypto_generichash_BYTES]) {
    crypto_generichash(out, crypto_generichash_BYTES, (const unsigned char *)token, strlen(token), NULL, 0);
}

/* Fills out (TOKEN_BUF_SIZE bytes) with a new random token. */
static void token_generate(char *out) {
    unsigned char raw[TOKEN_RANDOM_BYTES];
    randombytes_buf(raw, sizeof raw);
    memcpy(out, TOKEN_MARK, 4);
    sodium_bin2base64(out + 4, TOKEN_BUF_SIZE - 4, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
}

/* True when s has the shape of a token: the mark and 43 base64url characters. */
static bool token_well_formed(const char *s) {
    if (strlen(s) != TOKEN_TEXT_LEN || strncmp(s, TOKEN_MARK, 4) != 0)
        return false;
    for (const char *p = s + 4; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
            return false;
    return true;
}

/* A name for people and for recorded_by ("token:<name>"): not blank, no control characters. */
static bool token_name_ok(const char *name, struct edit_fail *fail) {
    return edit_field_ok(name, FIELD_LINE(TOKEN_MAX_NAME), true, "name", fail);
}

/* The audit row of a token: what it is, never its text or hash. */
static int token_audit(struct db *db, const struct actor *who, int64_t id, int64_t org_id, const char *name,
                       const char *prefix, const char *action) {
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    jw_obj_begin(&w);
    jw_kint(&w, "org_id", org_id);
    jw_kstr(&w, "name", name);
    jw_kstr(&w, "prefix", prefix);
    jw_kstr(&w, "scope", "kpi_ingest");
    if (strcmp(action, "revoke") == 0)
        jw_kbool(&w, "revoked", true);
    jw_obj_end(&w);
    int rc = store_audit(db, who, "api_token", id, action, NULL, buf_cstr(&b));
    buf_free(&b);
    return rc;
}

static bool org_exists(struct db *db, int64_t org_id) {
    struct db_stmt *st = db_prepare(db, "SELECT 1 FROM org WHERE id = ?1");
    db_bind_int64(st, 1, org_id);
    bool found = db_step(st) == DB_ROW;
    db_reset(st);
    return found;
}

static bool live_name_taken(struct db *db, int64_t org_id, const char *name) {
    struct db_stmt *st = db_prepare(db, "SELECT 1 FROM api_token WHERE org_id = ?1 AND name = ?2 AND revoked_at IS NULL");
    db_bind_int64(st, 1, org_id);
    db_bind_text(st, 2, name);
    bool taken = db_step(st) == DB_ROW;
    db_reset(st);
    return taken;
}

static int token_insert(struct db *db, int64_t org_id, const char *name, const char *token, const char *by,
                        int64_t *ret_id) {
    unsigned char hash[crypto_generichash_BYTES];
    token_hash(token, hash);
    struct db_stmt *st = db_prepare(db,
        "INSERT INTO api_token (org_id, name, prefix, hash, created_by) VALUES (?1, ?2, ?3, ?4, ?5)");
    db_bind_int64(st, 1, org_id);
    db_bind_text(st, 2, name);
    db_bind_textn(st, 3, token, TOKEN_PREFIX_LEN);
    db_bind_blob(st, 4, hash, sizeof hash);
    db_bind_text(st, 5, by);
    int rc = db_step_done(db, st);
    if (rc == 0)
        *ret_id = db_last_id(db);
    return rc;
}

int store_token_create(struct db *db, int64_t org_id, const char *name, const struct actor *who,
                       int64_t *ret_id, char *ret_token, struct edit_fail *fail) {
    if (!token_name_ok(name, fail))
        return KW_EINVAL;
    int rc = sodium_ready();
    if (rc < 0 || (rc = db_begin(db)) < 0)
        return rc;
    char token[TOKEN_BUF_SIZE];
    int64_t id = 0;
    if (!org_exists(db, org_id)) {
        edit_fail_set(fail, "org", "no such organisation");
        rc = KW_ENOTFOUND;
    } else if (live_name_taken(db, org_id, name)) {
        edit_fail_set(fail, "name", "the organisation already has a token named %s", name);
        rc = KW_ECONFLICT;
    } else {
        token_generate(token);
        rc = token_insert(db, org_id, name, token, who && who->name ? who->name : "anonymous", &id);
    }
    if (rc == 0) {
        char prefix[TOKEN_PREFIX_LEN + 1];
        snprintf(prefix, sizeof prefix, "%.*s", TOKEN_PREFIX_LEN, token);
        rc = token_audit(db, who, id, org_id, name, prefix, "create");
    }
    if (rc == 0)
        rc = db_commit(db);
    else
        db_rollback(db);
    if (rc == 0) {
        memcpy(ret_token, token, TOKEN_BUF_SIZE);
        *ret_id = id;
    }
    sodium_memzero(token, sizeof token);
    return rc;
}

/* The columns every token query reads, in the order token_row expects. */
#define TOKEN_COLUMNS \
    "t.id, t.org_id, o.code, o.name, t.name, t.prefix, t.created_at, t.created_by, t.revoked_at, t.last_used_at "

static void token_row(struct arena *a, struct db_stmt *st, struct api_token *t) {
    t->id = db_col_int64(st, 0);
    t->org_id = db_col_int64(st, 1);
    t->org_code = db_col_text(a, st, 2);
    t->org_name = db_col_text(a, st, 3);
    t->name = db_col_text(a, st, 4);
    t->prefix = db_col_text(a, st, 5);
    t->created_at = db_col_text(a, st, 6);
    t->created_by = db_col_text(a, st, 7);
    t->revoked_at = db_col_text(a, st, 8);
    t->last_used_at = db_col_text(a, st, 9);
}

int store_token_list(struct db *db, struct arena *a, int64_t org_id, struct api_token **ret, size_t *ret_n) {
    struct db_stmt *st = db_prepare(db,
        "SELECT " TOKEN_COLUMNS "FROM api_token t JOIN org o ON o.id = t.org_id "
        "WHERE ?1 = 0 OR t.org_id = ?1 ORDER BY o.code, t.id");
    db_bind_int64(st, 1, org_id);
    struct api_token *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, v, cap, n);
        token_row(a, st, &v[n++]);
    }
    db_reset(st);
    if (rc != DB_DONE)
        return KW_EDB;
    *ret = v;
    *ret_n = n;
    return 0;
}

int store_token_revoke(struct db *db, int64_t id, const struct actor *who) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    struct arena a = ARENA_INIT;
    struct db_stmt *st = db_prepare(db, "SELECT " TOKEN_COLUMNS "FROM api_token t JOIN org o ON o.id = t.org_id WHERE t.id = ?1");
    db_bind_int64(st, 1, id);
    struct api_token t = {0};
    int step = db_step(st);
    if (step == DB_ROW)
        token_row(&a, st, &t);
    db_reset(st);
    if (step != DB_ROW) {
        rc = step == DB_DONE ? KW_ENOTFOUND : KW_EDB;
    } else if (t.revoked_at) {
        rc = KW_ECONFLICT;
    } else {
        st = db_prepare(db, "UPDATE api_token SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1");
        db_bind_int64(st, 1, id);
        rc = db_step_done(db, st);
        if (rc == 0)
            rc = token_audit(db, who, id, t.org_id, t.name, t.prefix, "revoke");
    }
    arena_free(&a);
    if (rc < 0) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db);
}

int store_token_verify(struct db *db, struct arena *a, const char *token, struct api_token *ret) {
    if (!token || !token_well_formed(token) || sodium_ready() < 0)
        return KW_ENOTFOUND;
    unsigned char want[crypto_generichash_BYTES];
    token_hash(token, want);
    struct db_stmt *st = db_prepare(db,
        "SELECT " TOKEN_COLUMNS ", t.hash FROM api_token t JOIN org o ON o.id = t.org_id "
        "WHERE t.prefix = ?1 AND t.revoked_at IS NULL");
    db_bind_textn(st, 1, token, TOKEN_PREFIX_LEN);
    int rc = KW_ENOTFOUND, step;
    while ((step = db_step(st)) == DB_ROW) {
        const void *hash = db_col_blob(st, 10);
        if (hash && db_col_bytes(st, 10) == (int)sizeof want && sodium_memcmp(hash, want, sizeof want) == 0) {
            token_row(a, st, ret);
            rc = 0;
            break;
        }
    }
    if (rc != 0 && step != DB_DONE)
        rc = KW_EDB;
    db_reset(st);
    return rc;
}

int store_token_touch(struct db *db, int64_t id) {
    struct db_stmt *st = db_prepare(db, "UPDATE api_token SET last_used_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1");
    db_bind_int64(st, 1, id);
    return db_step_done(db, st);
}
