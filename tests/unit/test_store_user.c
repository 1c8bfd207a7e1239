/* Tests src/store/store_user.c: passwords are stored as Argon2id hashes; a wrong password, an
 * unknown login and a disabled user are refused alike; the rate limits (issue 13 point 9): 5
 * failures in 15 minutes lock an account at that address only, not at another; 20 lock an
 * address; 30 from many addresses lock the account except at an address it signed in from
 * within 30 days;
 * refused attempts are neither checked nor audited, and a success is not counted; sessions
 * expire when idle (2 h) and absolutely (12 h), and sign-out ends them; the audit log never
 * holds a password, a hash or a token. The clock is given. */
#include "testutil.h"

#include "store/store_user.h"

static const struct actor user_actor = {"unit-test", "cli"};
static const int64_t T0 = 1750000000;           /* 2025-06-15 */
#define PW "correct horse battery"

static int64_t gotsu(struct db *db) { return tu_sql_int(db, "SELECT id FROM org WHERE code = '322075'"); }

static int64_t add_user(struct db *db, const char *login, const char *role) {
    const char *depts[] = {"madoguchi"};
    struct edit_fail fail = {0};
    int64_t id = 0;
    int rc = store_user_add(db, gotsu(db), login, "江津 花子", role, depts, strcmp(role, "reporter") == 0 ? 1 : 0, PW,
                            &user_actor, &id, &fail);
    if (rc != 0)
        fail_msg("store_user_add: %d %s", rc, fail.message);
    return id;
}

static char *stored_hash(struct db *db, int64_t id) {
    struct db_stmt *st = tu_sql(db, "SELECT password_hash FROM users WHERE id = ?1");
    db_bind_int64(st, 1, id);
    assert_int_equal(db_step(st), DB_ROW);
    char *s = strdup(db_col_str(st, 0));
    db_reset(st);
    return s;
}

static void test_hash_is_argon2id(void **state) {
    struct tu_demo *d = *state;
    int64_t id = add_user(d->db, "hanako", "reporter");
    char *hash = stored_hash(d->db, id);
    assert_memory_equal(hash, "$argon2id$", 10);
    assert_null(strstr(hash, PW));
    free(hash);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM user_department ud JOIN department dp ON dp.id = "
                                       "ud.department_id WHERE dp.code = 'madoguchi'"), 1);
}

static void test_add_refuses_bad_input(void **state) {
    struct tu_demo *d = *state;
    struct edit_fail fail = {0};
    int64_t id;
    const char *bad_dept[] = {"no-such"};
    assert_int_equal(store_user_add(d->db, gotsu(d->db), "Bad Login", "x", "office", NULL, 0, PW, &user_actor, &id, &fail), KW_EINVAL);
    assert_string_equal(fail.field, "login");
    assert_int_equal(store_user_add(d->db, gotsu(d->db), "ok-login", "x", "boss", NULL, 0, PW, &user_actor, &id, &fail), KW_EINVAL);
    assert_string_equal(fail.field, "role");
    assert_int_equal(store_user_add(d->db, gotsu(d->db), "ok-login", "x", "office", NULL, 0, "short", &user_actor, &id, &fail), KW_EINVAL);
    assert_string_equal(fail.field, "password");
    assert_int_equal(store_user_add(d->db, gotsu(d->db), "ok-login", "x", "reporter", bad_dept, 1, PW, &user_actor, &id, &fail), KW_ENOTFOUND);
    assert_string_equal(fail.field, "department");
    add_user(d->db, "taken", "office");
    assert_int_equal(store_user_add(d->db, gotsu(d->db), "taken", "x", "office", NULL, 0, PW, &user_actor, &id, &fail), KW_ECONFLICT);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM users"), 1);
}

static void test_verify(void **state) {
    struct tu_demo *d = *state;
    int64_t id = add_user(d->db, "office1", "office"), got = 0;
    struct edit_fail fail = {0};
    assert_int_equal(store_user_verify(d->db, "office1", PW, "10.0.0.1", T0, &got, &fail), 0);
    assert_int_equal(got, id);
    assert_int_equal(store_user_verify(d->db, "office1", "wrong password", "10.0.0.1", T0, &got, &fail), KW_EINVAL);
    assert_string_equal(fail.message, LOGIN_MSG_WRONG);
    assert_int_equal(store_user_verify(d->db, "nobody", PW, "10.0.0.1", T0, &got, &fail), KW_EINVAL);
    assert_string_equal(fail.message, LOGIN_MSG_WRONG);
    assert_int_equal(store_user_disable(d->db, "office1", &user_actor), 0);
    assert_int_equal(store_user_disable(d->db, "office1", &user_actor), KW_ECONFLICT);
    assert_int_equal(store_user_verify(d->db, "office1", PW, "10.0.0.1", T0, &got, &fail), KW_EINVAL);
    assert_string_equal(fail.message, LOGIN_MSG_WRONG);
}

static void test_set_password(void **state) {
    struct tu_demo *d = *state;
    add_user(d->db, "viewer1", "viewer");
    struct edit_fail fail = {0};
    int64_t got;
    assert_int_equal(store_user_set_password(d->db, "viewer1", "a new password", &user_actor, &fail), 0);
    assert_int_equal(store_user_verify(d->db, "viewer1", PW, "a", T0, &got, &fail), KW_EINVAL);
    assert_int_equal(store_user_verify(d->db, "viewer1", "a new password", "a", T0, &got, &fail), 0);
    assert_int_equal(store_user_set_password(d->db, "nobody", "a new password", &user_actor, &fail), KW_ENOTFOUND);
}

static int64_t failed_audited(struct db *db, const char *login) {
    struct db_stmt *st = tu_sql(db, "SELECT count(*) FROM audit WHERE entity = 'user' AND action = 'login_failed' "
                                    "AND after_json ->> '$.login' = ?1");
    db_bind_text(st, 1, login);
    assert_int_equal(db_step(st), DB_ROW);
    int64_t n = db_col_int64(st, 0);
    db_reset(st);
    return n;
}

static void test_rate_limit(void **state) {
    struct tu_demo *d = *state;
    add_user(d->db, "admin1", "admin");
    struct edit_fail fail = {0};
    int64_t got;
    for (int i = 0; i < LOGIN_MAX_FAILS_ACCOUNT_ADDRESS; i++)
        assert_int_equal(store_user_verify(d->db, "admin1", "wrong password", "10.0.0.2", T0 + i, &got, &fail), KW_EINVAL);
    /* locked at that address: even the right password is refused, with the message, unchecked */
    assert_int_equal(store_user_verify(d->db, "admin1", PW, "10.0.0.2", T0 + 10, &got, &fail), KW_EPERM);
    assert_string_equal(fail.message, LOGIN_MSG_LOCKED);
    assert_int_equal(store_user_verify(d->db, "admin1", "wrong password", "10.0.0.2", T0 + 11, &got, &fail), KW_EPERM);
    assert_int_equal(failed_audited(d->db, "admin1"), LOGIN_MAX_FAILS_ACCOUNT_ADDRESS);
    /* the owner at another address is not locked out */
    assert_int_equal(store_user_verify(d->db, "admin1", PW, "10.0.0.3", T0 + 12, &got, &fail), 0);
    assert_int_equal(store_user_verify(d->db, "admin1", PW, "10.0.0.2", T0 + 4 + LOGIN_LOCK_SECONDS - 1, &got, &fail), KW_EPERM);
    /* 15 minutes after the last failure it is open again */
    assert_int_equal(store_user_verify(d->db, "admin1", PW, "10.0.0.2", T0 + 4 + LOGIN_LOCK_SECONDS, &got, &fail), 0);
    /* failures spread over more than 15 minutes do not lock */
    for (int i = 0; i < 8; i++)
        assert_int_equal(store_user_verify(d->db, "admin1", "wrong password", "10.0.0.4",
                                           T0 + 5000 + i * 300, &got, &fail), KW_EINVAL);
    assert_int_equal(store_user_verify(d->db, "admin1", PW, "10.0.0.4", T0 + 5000 + 8 * 300, &got, &fail), 0);
}

static void test_rate_limit_per_address(void **state) {
    struct tu_demo *d = *state;
    add_user(d->db, "office2", "office");
    struct edit_fail fail = {0};
    int64_t got;
    char login[32];
    for (int i = 0; i < LOGIN_MAX_FAILS_ADDRESS - 1; i++) {
        snprintf(login, sizeof login, "guess%d", i);
        assert_int_equal(store_user_verify(d->db, login, "wrong password", "10.9.9.9", T0 + i, &got, &fail), KW_EINVAL);
    }
    /* successes are not counted: a shared office address signs many people in */
    for (int i = 0; i < 3; i++)
        assert_int_equal(store_user_verify(d->db, "office2", PW, "10.9.9.9", T0 + 20, &got, &fail), 0);
    assert_int_equal(store_user_verify(d->db, "guess-last", "wrong password", "10.9.9.9", T0 + 21, &got, &fail), KW_EINVAL);
    assert_int_equal(store_user_verify(d->db, "office2", PW, "10.9.9.9", T0 + 30, &got, &fail), KW_EPERM);
    assert_string_equal(fail.message, LOGIN_MSG_LOCKED);
    assert_int_equal(store_user_verify(d->db, "office2", PW, "10.9.9.8", T0 + 30, &got, &fail), 0);
}

static void test_rate_limit_many_addresses(void **state) {
    struct tu_demo *d = *state;
    add_user(d->db, "viewer3", "viewer");
    struct edit_fail fail = {0};
    int64_t got;
    char addr[32];
    const int64_t t = T0 + LOGIN_KNOWN_SECONDS + 10;
    /* the owner signed in from 10.1.0.1 more than 30 days ago, from 10.1.0.2 within them */
    assert_int_equal(store_user_verify(d->db, "viewer3", PW, "10.1.0.1", T0, &got, &fail), 0);
    assert_int_equal(store_user_verify(d->db, "viewer3", PW, "10.1.0.2", T0 + LOGIN_KNOWN_SECONDS, &got, &fail), 0);
    /* guessing from many addresses, each under its own limit, up to the account's */
    for (int i = 0; i < LOGIN_MAX_FAILS_ACCOUNT; i++) {
        snprintf(addr, sizeof addr, "10.2.%d.1", i / (LOGIN_MAX_FAILS_ACCOUNT_ADDRESS - 1));
        assert_int_equal(store_user_verify(d->db, "viewer3", "wrong password", addr, t, &got, &fail), KW_EINVAL);
    }
    /* the account is locked at every address it has not signed in from lately … */
    assert_int_equal(store_user_verify(d->db, "viewer3", PW, "10.3.0.1", t + 1, &got, &fail), KW_EPERM);
    assert_string_equal(fail.message, LOGIN_MSG_LOCKED);
    assert_int_equal(store_user_verify(d->db, "viewer3", PW, "10.1.0.1", t + 1, &got, &fail), KW_EPERM);
    /* … but not where its owner works */
    assert_int_equal(store_user_verify(d->db, "viewer3", PW, "10.1.0.2", t + 2, &got, &fail), 0);
    assert_int_equal(failed_audited(d->db, "viewer3"), LOGIN_MAX_FAILS_ACCOUNT);
}

static void test_sessions(void **state) {
    struct tu_demo *d = *state;
    int64_t id = add_user(d->db, "reporter1", "reporter");
    char token[SESSION_TOKEN_BUF], other[SESSION_TOKEN_BUF];
    assert_int_equal(store_session_create(d->db, id, T0, &user_actor, token), 0);
    assert_int_equal(store_session_create(d->db, id, T0, &user_actor, other), 0);
    assert_int_equal(strlen(token), SESSION_TOKEN_LEN);
    assert_string_not_equal(token, other);
    struct arena a = ARENA_INIT;
    struct session_user u;
    assert_int_equal(store_session_lookup(d->db, &a, token, T0 + 10, &u), 0);
    assert_int_equal(u.id, id);
    assert_string_equal(u.login, "reporter1");
    assert_string_equal(u.role, "reporter");
    assert_string_equal(u.display_name, "江津 花子");
    assert_int_equal(u.ndepts, 1);
    assert_int_equal(u.org_id, gotsu(d->db));
    /* the token is not stored */
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM user_session WHERE CAST(hash AS TEXT) = '%s'", token);
    assert_int_equal(tu_sql_int(d->db, sql), 0);
    assert_int_equal(store_session_lookup(d->db, &a, "not-a-token", T0, &u), KW_ENOTFOUND);
    /* idle: used every 100 minutes it lives; 2 h without use ends it */
    int64_t t = T0;
    for (int i = 1; i <= 6; i++) {
        t = T0 + i * 6000;
        assert_int_equal(store_session_lookup(d->db, &a, token, t, &u), 0);
    }
    assert_int_equal(store_session_lookup(d->db, &a, other, t, &u), KW_ENOTFOUND);   /* idle since T0 */
    /* absolute: 12 h after sign-in, even when in use */
    assert_int_equal(store_session_lookup(d->db, &a, token, T0 + SESSION_ABSOLUTE_SECONDS - 1, &u), 0);
    assert_int_equal(store_session_lookup(d->db, &a, token, T0 + SESSION_ABSOLUTE_SECONDS, &u), KW_ENOTFOUND);
    /* sign-out */
    assert_int_equal(store_session_create(d->db, id, T0, &user_actor, token), 0);
    assert_int_equal(store_session_end(d->db, token, &user_actor), 0);
    assert_int_equal(store_session_lookup(d->db, &a, token, T0 + 1, &u), KW_ENOTFOUND);
    assert_int_equal(store_session_end(d->db, token, &user_actor), KW_ENOTFOUND);
    /* disabling a user ends its sessions */
    assert_int_equal(store_session_create(d->db, id, T0, &user_actor, token), 0);
    assert_int_equal(store_user_disable(d->db, "reporter1", &user_actor), 0);
    assert_int_equal(store_session_lookup(d->db, &a, token, T0 + 1, &u), KW_ENOTFOUND);
    arena_free(&a);
}

static void test_last_seen_written_once_a_minute(void **state) {
    struct tu_demo *d = *state;
    int64_t id = add_user(d->db, "viewer2", "viewer");
    char token[SESSION_TOKEN_BUF];
    assert_int_equal(store_session_create(d->db, id, T0, &user_actor, token), 0);
    struct arena a = ARENA_INIT;
    struct session_user u;
    assert_int_equal(store_session_lookup(d->db, &a, token, T0 + 59, &u), 0);
    assert_int_equal(tu_sql_int(d->db, "SELECT last_seen FROM user_session"), T0);
    assert_int_equal(store_session_lookup(d->db, &a, token, T0 + 60, &u), 0);
    assert_int_equal(tu_sql_int(d->db, "SELECT last_seen FROM user_session"), T0 + 60);
    arena_free(&a);
}

static void test_audit_holds_no_secret(void **state) {
    struct tu_demo *d = *state;
    int64_t id = add_user(d->db, "audited", "office"), got;
    struct edit_fail fail = {0};
    char token[SESSION_TOKEN_BUF];
    assert_int_equal(store_user_verify(d->db, "audited", "wrong password", "x", T0, &got, &fail), KW_EINVAL);
    assert_int_equal(store_user_set_password(d->db, "audited", "second password", &user_actor, &fail), 0);
    assert_int_equal(store_session_create(d->db, id, T0, &user_actor, token), 0);
    assert_int_equal(store_session_end(d->db, token, &user_actor), 0);
    assert_int_equal(store_user_disable(d->db, "audited", &user_actor), 0);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM audit WHERE entity = 'user'"), 6);
    char *hash = stored_hash(d->db, id);
    const char *secrets[] = {PW, "wrong password", "second password", token, hash, "argon2"};
    for (size_t i = 0; i < sizeof secrets / sizeof *secrets; i++)
        assert_false(tu_audit_holds(d->db, secrets[i], false));
    free(hash);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_hash_is_argon2id, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_add_refuses_bad_input, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_verify, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_set_password, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_rate_limit, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_rate_limit_per_address, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_rate_limit_many_addresses, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_sessions, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_last_seen_written_once_a_minute, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_audit_holds_no_secret, tu_demo_setup, tu_demo_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
