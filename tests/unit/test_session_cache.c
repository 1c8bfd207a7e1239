/* Tests src/http/session_cache.c and its use by session_resolve: what an entry holds, when it is
 * no longer used (another token, a newer data version, a minute, the session's end), and that a
 * sign-out or a disabled user ends it at once while an unchanged database is not read again. */
#include "testutil.h"

#include <time.h>
#include "http/req.h"
#include "http/session.h"
#include "http/session_cache.h"
#include "store/store_user.h"

static const struct actor cache_actor = {"unit-test", "cli"};
static const char TOKEN[] = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";   /* 43 characters */
static const char OTHER[] = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFH";   /* same slot, last byte differs */
enum { T0 = 1750000000 };

static struct session_user sample_user(int64_t *depts) {
    depts[0] = 7;
    depts[1] = 9;
    return (struct session_user){.id = 3, .org_id = 2, .session_id = 11, .expires_at = T0 + 3600,
                                 .login = "hanako", .display_name = "江津 花子", .role = "reporter",
                                 .dept_ids = depts, .ndepts = 2};
}

static void test_entry_holds_the_user(void **state) {
    (void)state;
    session_cache_clear();
    int64_t depts[2];
    struct session_user u = sample_user(depts);
    session_cache_put(TOKEN, 5, T0, &u, "csrf-value");
    struct arena a = ARENA_INIT;
    struct session_user got;
    const char *csrf = NULL;
    assert_true(session_cache_get(TOKEN, 5, T0 + 59, &a, &got, &csrf));
    assert_int_equal(got.id, 3);
    assert_int_equal(got.org_id, 2);
    assert_int_equal(got.session_id, 11);
    assert_int_equal(got.expires_at, T0 + 3600);
    assert_string_equal(got.login, "hanako");
    assert_string_equal(got.display_name, "江津 花子");
    assert_string_equal(got.role, "reporter");
    assert_int_equal(got.ndepts, 2);
    assert_int_equal(got.dept_ids[0], 7);
    assert_int_equal(got.dept_ids[1], 9);
    assert_string_equal(csrf, "csrf-value");
    assert_ptr_not_equal(got.login, u.login);          /* copied into the request's arena */
    arena_free(&a);
}

static void test_entry_is_not_used_when_stale(void **state) {
    (void)state;
    int64_t depts[2];
    struct session_user u = sample_user(depts);
    struct arena a = ARENA_INIT;
    struct session_user got;
    const char *csrf;
    session_cache_clear();
    session_cache_put(TOKEN, 5, T0, &u, "c");
    assert_false(session_cache_get(OTHER, 5, T0, &a, &got, &csrf));          /* another token */
    assert_true(session_cache_get(TOKEN, 5, T0, &a, &got, &csrf));           /* still there */
    assert_false(session_cache_get(TOKEN, 6, T0, &a, &got, &csrf));          /* a write happened */
    assert_false(session_cache_get(TOKEN, 5, T0, &a, &got, &csrf));          /* and it is gone */
    session_cache_put(TOKEN, 5, T0, &u, "c");
    assert_false(session_cache_get(TOKEN, 5, T0 + SESSION_TOUCH_SECONDS, &a, &got, &csrf));   /* a minute */
    session_cache_put(TOKEN, 5, T0, &u, "c");
    assert_false(session_cache_get(TOKEN, 5, T0 - 1, &a, &got, &csrf));      /* the clock went back */
    u.expires_at = T0 + 10;
    session_cache_put(TOKEN, 5, T0, &u, "c");
    assert_true(session_cache_get(TOKEN, 5, T0 + 9, &a, &got, &csrf));
    assert_false(session_cache_get(TOKEN, 5, T0 + 10, &a, &got, &csrf));     /* the session's end */
    assert_false(session_cache_get("short", 5, T0, &a, &got, &csrf));
    assert_false(session_cache_get(NULL, 5, T0, &a, &got, &csrf));
    arena_free(&a);
}

static void test_what_does_not_fit_is_not_kept(void **state) {
    (void)state;
    int64_t depts[2];
    struct session_user u = sample_user(depts);
    struct arena a = ARENA_INIT;
    struct session_user got;
    const char *csrf;
    char name[USER_NAME_MAX + 2];
    memset(name, 'x', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    u.display_name = name;
    session_cache_clear();
    session_cache_put(TOKEN, 5, T0, &u, "c");
    assert_false(session_cache_get(TOKEN, 5, T0, &a, &got, &csrf));
    u = sample_user(depts);
    u.ndepts = USER_MAX_DEPTS + 1;
    session_cache_put(TOKEN, 5, T0, &u, "c");
    assert_false(session_cache_get(TOKEN, 5, T0, &a, &got, &csrf));
    u = sample_user(depts);
    session_cache_put("short", 5, T0, &u, "c");
    assert_false(session_cache_get("short", 5, T0, &a, &got, &csrf));
    arena_free(&a);
}

/* session_resolve for token on a fresh request; returns the login or NULL. */
static const char *resolve(struct db *db, const char *token, struct arena *keep) {
    struct req r;
    req_init(&r, db, "GET", "/");
    r.session_token = token;
    session_resolve(&r);
    const char *login = r.user ? arena_strdup(keep, r.user->login) : NULL;
    if (r.user) {
        assert_non_null(r.csrf_token);
        assert_true(strcmp(r.csrf_token, session_csrf_for(keep, token)) == 0);
    }
    req_free(&r);
    return login;
}

static int64_t add_viewer(struct db *db, const char *login) {
    struct edit_fail fail = {0};
    int64_t id = 0;
    int64_t org = tu_sql_int(db, "SELECT id FROM org WHERE code = '322075'");
    int rc = store_user_add(db, org, login, "表示 名", "viewer", NULL, 0, "a long enough password", &cache_actor,
                            &id, &fail);
    if (rc != 0)
        fail_msg("store_user_add: %d %s", rc, fail.message);
    return id;
}

static void test_resolve_follows_the_database(void **state) {
    struct tu_demo *d = *state;
    session_cache_clear();
    int64_t id = add_viewer(d->db, "cached1");
    char token[SESSION_TOKEN_BUF];
    struct arena a = ARENA_INIT;
    assert_int_equal(store_session_create(d->db, id, (int64_t)time(NULL), &cache_actor, token), 0);
    assert_string_equal(resolve(d->db, token, &a), "cached1");
    /* a change the server did not see (no new data version) is not read: the memo answers */
    char sql[200];
    snprintf(sql, sizeof sql, "DELETE FROM user_session WHERE user_id = %lld", (long long)id);
    tu_sql_exec(d->db, sql);
    assert_string_equal(resolve(d->db, token, &a), "cached1");
    /* once the version moves, the database is read again */
    db_bump_data_version();
    assert_null(resolve(d->db, token, &a));
    /* a sign-out and a disabled user end the memo at once (their commits bump the version) */
    assert_int_equal(store_session_create(d->db, id, (int64_t)time(NULL), &cache_actor, token), 0);
    assert_string_equal(resolve(d->db, token, &a), "cached1");
    assert_int_equal(store_session_end(d->db, token, &cache_actor), 0);
    assert_null(resolve(d->db, token, &a));
    assert_int_equal(store_session_create(d->db, id, (int64_t)time(NULL), &cache_actor, token), 0);
    assert_string_equal(resolve(d->db, token, &a), "cached1");
    assert_int_equal(store_user_disable(d->db, "cached1", &cache_actor), 0);
    assert_null(resolve(d->db, token, &a));
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_entry_holds_the_user),
        cmocka_unit_test(test_entry_is_not_used_when_stale),
        cmocka_unit_test(test_what_does_not_fit_is_not_kept),
        cmocka_unit_test_setup_teardown(test_resolve_follows_the_database, tu_demo_setup, tu_demo_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
