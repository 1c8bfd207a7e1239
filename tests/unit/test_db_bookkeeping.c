/* Tests the two kinds of commit of src/store/db.c and the content counter that db_watch.c reads:
 * a content commit adds one to table content_version and bumps the data version (which keys the
 * response cache and the session memos); bookkeeping (db_commit_bookkeeping) changes neither, yet
 * ends kept read transactions so that the next read sees it; a bookkeeping transaction that a
 * content change joined is content; db_content_check bumps the data version for another
 * process's content commit only, once, and not for this process's own. Then the bookkeeping of
 * store_user.c — a failed and a successful sign-in, a session made and its last-seen time —
 * leaves the data version alone, while a sign-out bumps it. Last, db_step_done's codes for what
 * the schema refuses: invalid input for a CHECK or NOT NULL, a conflict for a duplicate. And a
 * draft's measurements (db_commit_draft) move the data version but not the public version that
 * keys the response cache, unless a public change joins them. */
#include "testutil.h"

#include "store/store_ingest.h"
#include "store/store_user.h"

static const char *const COUNTER_SQL = "SELECT version FROM content_version WHERE id = 1";

static void touch_org(struct db *db) { tu_sql_exec(db, "UPDATE org SET name = name || '.' WHERE code = '322075'"); }

static void test_content_and_bookkeeping_commits(void **state) {
    struct tu_demo *d = *state;
    int64_t counter = tu_sql_int(d->db, COUNTER_SQL);
    uint64_t v = db_data_version();

    /* content: the counter moves in the database and the data version in the process */
    assert_int_equal(db_begin(d->db), 0);
    touch_org(d->db);
    assert_int_equal(db_commit(d->db), 0);
    assert_int_equal(tu_sql_int(d->db, COUNTER_SQL), counter + 1);
    assert_true(db_data_version() > v);

    /* bookkeeping: neither moves */
    v = db_data_version();
    assert_int_equal(db_begin(d->db), 0);
    touch_org(d->db);
    assert_int_equal(db_commit_bookkeeping(d->db), 0);
    assert_int_equal(tu_sql_int(d->db, COUNTER_SQL), counter + 1);
    assert_int_equal(db_data_version(), v);

    /* bookkeeping joined by a content change (a nested db_commit) is content */
    assert_int_equal(db_begin(d->db), 0);
    assert_int_equal(db_begin(d->db), 0);
    touch_org(d->db);
    assert_int_equal(db_commit(d->db), 0);
    assert_int_equal(db_commit_bookkeeping(d->db), 0);
    assert_int_equal(tu_sql_int(d->db, COUNTER_SQL), counter + 2);
    assert_true(db_data_version() > v);

    /* a rolled back content change counts nothing, and the next bookkeeping is not content */
    v = db_data_version();
    assert_int_equal(db_begin(d->db), 0);
    touch_org(d->db);
    db_rollback(d->db);
    assert_int_equal(db_begin(d->db), 0);
    touch_org(d->db);
    assert_int_equal(db_commit_bookkeeping(d->db), 0);
    assert_int_equal(tu_sql_int(d->db, COUNTER_SQL), counter + 2);
    assert_int_equal(db_data_version(), v);
}

/* A kept read transaction ends after bookkeeping too: a signed-in page reads it at once. */
static void test_bookkeeping_ends_kept_reads(void **state) {
    struct tu_demo *d = *state;
    struct db *other = tu_open_again(d->dir);
    const char *name_sql = "SELECT length(name) FROM org WHERE code = '322075'";
    assert_int_equal(db_read_begin(other), 0);
    int64_t before = tu_sql_int(other, name_sql);
    db_read_end(other);
    uint64_t v = db_data_version();
    assert_int_equal(db_begin(d->db), 0);
    touch_org(d->db);
    assert_int_equal(db_commit_bookkeeping(d->db), 0);
    assert_int_equal(db_data_version(), v);
    assert_int_equal(db_read_begin(other), 0);
    assert_int_equal(tu_sql_int(other, name_sql), before + 1);
    db_read_end(other);
    db_close(other);
}

/* What the watcher does on an inotify event: only a content commit of another process moves
 * the data version, once; this process's own commits were counted already. */
static void test_content_check(void **state) {
    struct tu_demo *d = *state;
    struct db *watcher = tu_open_again(d->dir);
    db_content_check(watcher);                          /* what the database holds now */
    uint64_t v = db_data_version();
    assert_int_equal(db_content_check(watcher), 0);
    assert_int_equal(db_data_version(), v);

    /* another process's bookkeeping, or a checkpoint: the counter did not move */
    touch_org(watcher);
    assert_int_equal(db_content_check(watcher), 0);
    assert_int_equal(db_data_version(), v);

    /* another process's content commit (its db_commit added one to the counter) */
    tu_sql_exec(watcher, "UPDATE content_version SET version = version + 1");
    assert_int_equal(db_content_check(watcher), 0);
    assert_true(db_data_version() > v);
    v = db_data_version();
    assert_int_equal(db_content_check(watcher), 0);     /* seen once */
    assert_int_equal(db_data_version(), v);

    /* this process's own content commit bumps once, at its commit, and not again */
    assert_int_equal(db_begin(d->db), 0);
    touch_org(d->db);
    assert_int_equal(db_commit(d->db), 0);
    assert_int_equal(db_data_version(), v + 1);
    assert_int_equal(db_content_check(watcher), 0);
    assert_int_equal(db_data_version(), v + 1);
    db_close(watcher);
}

#define PW "correct horse battery"
static const struct actor unit_actor = {"unit-test", "web"};

/* Sign-in attempts, a session made and its last-seen time are bookkeeping; a sign-out is not. */
static void test_sign_in_is_bookkeeping(void **state) {
    struct tu_demo *d = *state;
    const char *depts[] = {"madoguchi"};
    struct edit_fail fail = {0};
    int64_t uid = 0, got = 0;
    int64_t org = tu_sql_int(d->db, "SELECT id FROM org WHERE code = '322075'");
    assert_int_equal(store_user_add(d->db, org, "keeper", "江津 花子", "office", depts, 0, PW, &unit_actor, &uid, &fail), 0);
    const int64_t t0 = 1750000000;
    int64_t counter = tu_sql_int(d->db, COUNTER_SQL);
    uint64_t v = db_data_version();

    assert_int_equal(store_user_verify(d->db, "keeper", "wrong password!", "10.0.0.1", t0, &got, &fail), KW_EINVAL);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM login_attempt"), 3);
    assert_int_equal(store_user_verify(d->db, "keeper", PW, "10.0.0.1", t0, &got, &fail), 0);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM login_known"), 1);
    char token[SESSION_TOKEN_BUF];
    assert_int_equal(store_session_create(d->db, uid, t0, &unit_actor, token), 0);
    struct arena a = ARENA_INIT;
    struct session_user u;
    assert_int_equal(store_session_lookup(d->db, &a, token, t0 + SESSION_TOUCH_SECONDS, &u), 0);
    assert_int_equal(tu_sql_int(d->db, "SELECT last_seen FROM user_session"), t0 + SESSION_TOUCH_SECONDS);
    assert_int_equal(db_data_version(), v);
    assert_int_equal(tu_sql_int(d->db, COUNTER_SQL), counter);

    assert_int_equal(store_session_end(d->db, token, &unit_actor), 0);
    assert_true(db_data_version() > v);
    assert_int_equal(tu_sql_int(d->db, COUNTER_SQL), counter + 1);
    arena_free(&a);
}

/* What the schema refuses maps to the status the store answers with: a value a CHECK or NOT NULL
 * refuses is invalid input (KW_EINVAL, 422), a duplicate is a conflict (KW_ECONFLICT, 409). */
static void test_constraint_codes(void **state) {
    struct tu_demo *d = *state;
    static const struct { const char *sql; int want; } cases[] = {
        {"INSERT INTO org (code, name) VALUES ('12345', 'check: five digits')", KW_EINVAL},
        {"INSERT INTO org (code) VALUES ('999999')", KW_EINVAL},                       /* name NOT NULL */
        {"INSERT INTO org (code, name) VALUES ('322075', 'unique: 江津市 again')", KW_ECONFLICT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct db_stmt *st = db_prepare(d->db, cases[i].sql);
        assert_non_null(st);
        int rc = db_step_done(d->db, st);
        if (rc != cases[i].want)
            fail_msg("%s: %d, expected %d", cases[i].sql, rc, cases[i].want);
    }
}

static void test_draft_commits_leave_the_public_version(void **state) {
    struct tu_demo *d = *state;
    int64_t kpi = tu_sql_int(d->db, "SELECT min(id) FROM kpi");
    int64_t counter = tu_sql_int(d->db, COUNTER_SQL);
    uint64_t v = db_data_version(), pub = db_public_version();
    struct measurement m = {.period = "2026-11-30", .value = 3};
    int64_t id;
    assert_int_equal(store_measurement_add(d->db, kpi, &m, &tu_actor, &id), 0);
    assert_true(db_data_version() > v);                 /* members read it at once */
    assert_int_equal(db_public_version(), pub);         /* the public's cached pages stay */
    assert_int_equal(tu_sql_int(d->db, COUNTER_SQL), counter + 1);   /* other processes see it */
    struct measurement_for batch[2] = {{kpi, {.period = "2026-12-01", .value = 4}},
                                       {kpi, {.period = "2026-12-02", .value = 5}}};
    assert_int_equal(store_measurements_add(d->db, batch, 2, &tu_actor, NULL), 0);
    assert_int_equal(db_public_version(), pub);
    /* a public change joining a draft's makes the whole public */
    v = db_data_version();
    assert_int_equal(db_begin(d->db), 0);
    assert_int_equal(store_measurement_add(d->db, kpi, &m, &tu_actor, &id), 0);
    touch_org(d->db);
    assert_int_equal(db_commit(d->db), 0);
    assert_true(db_public_version() > pub && db_data_version() > v);
    /* and every other content change is public */
    pub = db_public_version();
    assert_int_equal(db_begin(d->db), 0);
    touch_org(d->db);
    assert_int_equal(db_commit(d->db), 0);
    assert_true(db_public_version() > pub);
    /* another process's draft change is told apart by the counters (migration 30) */
    struct db *other = tu_open_again(d->dir);
    pub = db_public_version();
    v = db_data_version();
    assert_int_equal(store_measurement_add(other, kpi, &m, &tu_actor, &id), 0);
    assert_int_equal(db_content_check(d->db), 0);
    assert_true(db_data_version() > v);
    assert_int_equal(db_public_version(), pub);
    /* ... and so is its public change, as is a change behind kawaru's back that moves the counter */
    assert_int_equal(db_begin(other), 0);
    touch_org(other);
    assert_int_equal(db_commit(other), 0);
    assert_int_equal(db_content_check(d->db), 0);
    assert_true(db_public_version() > pub);
    pub = db_public_version();
    assert_int_equal(db_begin(other), 0);
    touch_org(other);
    tu_sql_exec(other, "UPDATE content_version SET version = version + 1, public = public + 1");
    assert_int_equal(db_commit_bookkeeping(other), 0);
    assert_int_equal(db_content_check(d->db), 0);
    assert_true(db_public_version() > pub);
    db_close(other);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_content_and_bookkeeping_commits, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_bookkeeping_ends_kept_reads, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_content_check, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_sign_in_is_bookkeeping, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_constraint_codes, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_draft_commits_leave_the_public_version, tu_demo_setup, tu_demo_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
