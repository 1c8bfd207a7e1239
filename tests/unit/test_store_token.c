/* Tests src/store/store_token.c: API tokens are made once, stored only as a hash, found again by
 * their text, refused after revocation, and never written to the audit log; and the token
 * checks of POST /api/v1/kpis/{id}/measurements through the in-process runner. */
#include "testutil.h"

#include <sodium.h>
#include "http/req.h"
#include "server/routes.h"
#include "store/store_token.h"

static const struct actor token_actor = {"unit-test", "cli"};

static int64_t org_id(struct db *db, const char *code) {
    struct db_stmt *st = tu_sql(db, "SELECT id FROM org WHERE code = ?1");
    db_bind_text(st, 1, code);
    assert_int_equal(db_step(st), DB_ROW);
    int64_t id = db_col_int64(st, 0);
    db_reset(st);
    assert_true(id > 0);
    return id;
}

static int64_t make_token(struct db *db, const char *code, const char *name, char *token) {
    int64_t id = 0;
    struct edit_fail fail = {0};
    int rc = store_token_create(db, org_id(db, code), name, &token_actor, &id, token, &fail);
    if (rc != 0)
        fail_msg("store_token_create: %d %s", rc, fail.message);
    return id;
}

/* The stored hash of token id as lower-case hex (64 characters). */
static void stored_hash_hex(struct db *db, int64_t id, char out[65]) {
    struct db_stmt *st = tu_sql(db, "SELECT hash FROM api_token WHERE id = ?1");
    db_bind_int64(st, 1, id);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_col_bytes(st, 0), 32);
    sodium_bin2hex(out, 65, db_col_blob(st, 0), 32);
    db_reset(st);
}

static void test_token_shape_and_hash(void **state) {
    struct tu_demo *d = *state;
    char token[TOKEN_BUF_SIZE], other[TOKEN_BUF_SIZE];
    int64_t id = make_token(d->db, "322075", "窓口システム", token);
    make_token(d->db, "322075", "統計システム", other);
    assert_int_equal(strlen(token), TOKEN_TEXT_LEN);
    assert_memory_equal(token, "kwt_", 4);
    assert_string_not_equal(token, other);
    /* the database holds the hash, never the token */
    char hex[65];
    stored_hash_hex(d->db, id, hex);
    assert_string_not_equal(hex, token);
    assert_null(strstr(token, hex));
    unsigned char want[32];
    crypto_generichash(want, sizeof want, (const unsigned char *)token, strlen(token), NULL, 0);
    char want_hex[65];
    sodium_bin2hex(want_hex, sizeof want_hex, want, sizeof want);
    assert_string_equal(hex, want_hex);
    struct db_stmt *st = tu_sql(d->db, "SELECT count(*) FROM api_token WHERE name = ?1 OR prefix = ?1 OR hash = ?2");
    db_bind_text(st, 1, token);
    db_bind_blob(st, 2, token, strlen(token));
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_col_int64(st, 0), 0);
    db_reset(st);
    /* the visible prefix is the token's first 12 characters */
    st = tu_sql(d->db, "SELECT count(*) FROM api_token WHERE id = ?1 AND prefix = ?2");
    db_bind_int64(st, 1, id);
    db_bind_textn(st, 2, token, 12);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_col_int64(st, 0), 1);
    db_reset(st);
}

/* A blob column's bytes and its length, asked in either order and again, are the same 32 bytes of
 * one buffer that stays valid. On PostgreSQL, asking a bytea's length after its bytes decoded it
 * anew and freed the buffer the caller held (db_pg.c, pg_col_blob): store_token_verify compared
 * freed memory and a good token was refused now and then; AddressSanitizer reports the read. */
static void test_hash_read_in_either_order(void **state) {
    struct tu_demo *d = *state;
    char token[TOKEN_BUF_SIZE];
    int64_t id = make_token(d->db, "322075", "twice", token);
    unsigned char want[32];
    crypto_generichash(want, sizeof want, (const unsigned char *)token, strlen(token), NULL, 0);
    for (int bytes_first = 0; bytes_first < 2; bytes_first++) {
        struct db_stmt *st = tu_sql(d->db, "SELECT hash FROM api_token WHERE id = ?1");
        db_bind_int64(st, 1, id);
        assert_int_equal(db_step(st), DB_ROW);
        for (int again = 0; again < 2; again++) {
            size_t n = bytes_first ? db_col_bytes(st, 0) : 0;
            const void *p = db_col_blob(st, 0);
            if (!bytes_first)
                n = db_col_bytes(st, 0);
            assert_int_equal(n, sizeof want);
            unsigned char got[sizeof want];
            memcpy(got, p, sizeof got);     /* read after both calls, here where ASan checks it */
            assert_memory_equal(got, want, sizeof want);
        }
        db_reset(st);
    }
    /* two blob columns of one row: the first's bytes stay while the second is read, as SQLite's do
     * (PostgreSQL's engine kept one decoded column and freed it for the next) */
    struct db_stmt *two = tu_sql(d->db, "SELECT hash, hash FROM api_token WHERE id = ?1");
    db_bind_int64(two, 1, id);
    assert_int_equal(db_step(two), DB_ROW);
    const void *first = db_col_blob(two, 0), *second = db_col_blob(two, 1);
    assert_int_equal(db_col_bytes(two, 0) + db_col_bytes(two, 1), 2 * sizeof want);
    unsigned char both[2 * sizeof want];
    memcpy(both, first, sizeof want);
    memcpy(both + sizeof want, second, sizeof want);
    assert_memory_equal(both, want, sizeof want);
    assert_memory_equal(both + sizeof want, want, sizeof want);
    db_reset(two);
    /* the store's own reading of it: the token is found, every time */
    struct arena a = ARENA_INIT;
    struct api_token t;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(store_token_verify(d->db, &a, token, &t), 0);
        assert_int_equal(t.id, id);
    }
    arena_free(&a);
}

static void test_audit_never_holds_the_token(void **state) {
    struct tu_demo *d = *state;
    char token[TOKEN_BUF_SIZE];
    int64_t id = make_token(d->db, "322075", "audit-check", token);
    assert_int_equal(store_token_revoke(d->db, id, &token_actor), 0);
    char hex[65];
    stored_hash_hex(d->db, id, hex);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM audit WHERE entity = 'api_token'"), 2);
    /* neither the token's random part nor its hash (as hex, in any case) in any snapshot */
    assert_false(tu_audit_holds(d->db, token + 4, false));
    assert_false(tu_audit_holds(d->db, hex, true));
}

static void test_verify_and_revoke(void **state) {
    struct tu_demo *d = *state;
    char token[TOKEN_BUF_SIZE];
    int64_t id = make_token(d->db, "122319", "集計", token);
    struct arena a = ARENA_INIT;
    struct api_token t;
    assert_int_equal(store_token_verify(d->db, &a, token, &t), 0);
    assert_int_equal(t.id, id);
    assert_int_equal(t.org_id, org_id(d->db, "122319"));
    assert_string_equal(t.org_code, "122319");
    assert_string_equal(t.name, "集計");
    assert_null(t.revoked_at);
    /* a changed character, a cut token, garbage: unknown */
    char wrong[TOKEN_BUF_SIZE];
    memcpy(wrong, token, sizeof wrong);
    wrong[TOKEN_TEXT_LEN - 1] = wrong[TOKEN_TEXT_LEN - 1] == 'A' ? 'B' : 'A';
    assert_int_equal(store_token_verify(d->db, &a, wrong, &t), KW_ENOTFOUND);
    wrong[TOKEN_TEXT_LEN - 1] = '\0';
    assert_int_equal(store_token_verify(d->db, &a, wrong, &t), KW_ENOTFOUND);
    assert_int_equal(store_token_verify(d->db, &a, "kwt_<script>", &t), KW_ENOTFOUND);
    assert_int_equal(store_token_verify(d->db, &a, "", &t), KW_ENOTFOUND);
    /* revoked: refused from now on; a second revoke changes nothing */
    assert_int_equal(store_token_revoke(d->db, id, &token_actor), 0);
    assert_int_equal(store_token_verify(d->db, &a, token, &t), KW_ENOTFOUND);
    assert_int_equal(store_token_revoke(d->db, id, &token_actor), KW_ECONFLICT);
    assert_int_equal(store_token_revoke(d->db, 999999, &token_actor), KW_ENOTFOUND);
    /* the name is free again once its token is revoked */
    char again[TOKEN_BUF_SIZE];
    make_token(d->db, "122319", "集計", again);
    arena_free(&a);
}

static void test_create_refuses_bad_input(void **state) {
    struct tu_demo *d = *state;
    char token[TOKEN_BUF_SIZE];
    int64_t id = 0, gotsu = org_id(d->db, "322075");
    struct edit_fail fail = {0};
    int64_t before = tu_sql_int(d->db, "SELECT count(*) FROM api_token"), audit = tu_sql_int(d->db, "SELECT count(*) FROM audit");
    assert_int_equal(store_token_create(d->db, gotsu, "", &token_actor, &id, token, &fail), KW_EINVAL);
    assert_string_equal(fail.field, "name");
    assert_int_equal(store_token_create(d->db, gotsu, "\xe3\x80\x80", &token_actor, &id, token, &fail), KW_EINVAL);
    assert_int_equal(store_token_create(d->db, gotsu, "a\nb", &token_actor, &id, token, &fail), KW_EINVAL);
    char long_name[TOKEN_MAX_NAME + 2];
    memset(long_name, 'x', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    assert_int_equal(store_token_create(d->db, gotsu, long_name, &token_actor, &id, token, &fail), KW_EINVAL);
    assert_int_equal(store_token_create(d->db, 999999, "x", &token_actor, &id, token, &fail), KW_ENOTFOUND);
    make_token(d->db, "322075", "dup", token);
    assert_int_equal(store_token_create(d->db, gotsu, "dup", &token_actor, &id, token, &fail), KW_ECONFLICT);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM api_token"), before + 1);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM audit"), audit + 1);
}

static void test_list(void **state) {
    struct tu_demo *d = *state;
    char token[TOKEN_BUF_SIZE];
    make_token(d->db, "322075", "b", token);
    int64_t revoked = make_token(d->db, "122319", "a", token);
    assert_int_equal(store_token_revoke(d->db, revoked, &token_actor), 0);
    struct arena a = ARENA_INIT;
    struct api_token *v;
    size_t n;
    assert_int_equal(store_token_list(d->db, &a, 0, &v, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(v[0].org_code, "122319");       /* by organisation code */
    assert_non_null(v[0].revoked_at);
    assert_string_equal(v[1].name, "b");
    assert_null(v[1].revoked_at);
    assert_string_equal(v[1].created_by, "unit-test");
    assert_int_equal(strlen(v[1].prefix), TOKEN_PREFIX_LEN);
    assert_int_equal(store_token_list(d->db, &a, org_id(d->db, "322075"), &v, &n), 0);
    assert_int_equal(n, 1);
    arena_free(&a);
}

/* ---- the token on POST /api/v1/kpis/{id}/measurements, in process */

static void post_measurement(struct req *r, struct db *db, int64_t kpi, const char *auth, const char *body) {
    char *path = NULL;
    assert_true(asprintf(&path, "/api/v1/kpis/%lld/measurements", (long long)kpi) > 0);
    req_init(r, db, "POST", path);
    r->body = body;
    r->body_len = strlen(body);
    r->authorization = auth;
    http_handle(r);
    free(path);
}

static void test_ingest_with_token(void **state) {
    struct tu_demo *d = *state;
    char token[TOKEN_BUF_SIZE], inzai[TOKEN_BUF_SIZE];
    make_token(d->db, "322075", "feeder", token);
    make_token(d->db, "122319", "inzai-feeder", inzai);
    int64_t kpi = tu_sql_int(d->db, "SELECT k.id FROM kpi k JOIN measure m ON m.id = k.measure_id "
                                    "JOIN plan p ON p.id = m.plan_id JOIN org o ON o.id = p.org_id "
                                    "WHERE o.code = '322075' ORDER BY k.id LIMIT 1");
    char auth[80], auth_inzai[80];
    snprintf(auth, sizeof auth, "Bearer %s", token);
    snprintf(auth_inzai, sizeof auth_inzai, "bearer %s", inzai);
    int64_t rows = tu_sql_int(d->db, "SELECT count(*) FROM kpi_measurement");
    struct req r;
    post_measurement(&r, d->db, kpi, auth, "{\"period\":\"2025-03-31\",\"value\":1}");
    assert_int_equal(r.status, 201);
    req_free(&r);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM kpi_measurement WHERE source = 'feeder' "
                                       "AND recorded_by = 'token:feeder'"), 1);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM api_token WHERE name = 'feeder' AND last_used_at IS NOT NULL"), 1);
    post_measurement(&r, d->db, kpi, auth_inzai, "{\"period\":\"2025-03-31\",\"value\":1}");
    assert_int_equal(r.status, 403);
    req_free(&r);
    post_measurement(&r, d->db, kpi, "Bearer kwt_nope", "{\"period\":\"2025-03-31\",\"value\":1}");
    assert_int_equal(r.status, 401);
    req_free(&r);
    post_measurement(&r, d->db, kpi, auth,
                     "{\"measurements\":[{\"period\":\"2025-06-30\",\"value\":2},{\"period\":\"2025-09-30\",\"value\":\"x\"}]}");
    assert_int_equal(r.status, 422);
    assert_non_null(strstr(buf_cstr(&r.out), "measurements[1].value"));
    req_free(&r);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM kpi_measurement"), rows + 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_token_shape_and_hash, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_hash_read_in_either_order, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_audit_never_holds_the_token, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_verify_and_revoke, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_create_refuses_bad_input, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_list, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_ingest_with_token, tu_demo_setup, tu_demo_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
