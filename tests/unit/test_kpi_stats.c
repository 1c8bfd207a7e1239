/* Tests the KPI aggregates the store keeps by triggers (src/store/sql/018_kpi_stats_incremental.sql):
 * after inserts, corrections, moves and deletes in random order they equal a recompute from the
 * rows (kpi_stats_compute) exactly; the sums are exact, so the order of the writes does not
 * matter; the work of a write does not grow with the KPI's rows; migration 18 recomputes the
 * aggregates of an existing database; a new KPI inserted with its rows (migration 26: the
 * trigger off, the aggregates set once) holds what the trigger would have summed row by row. */
#include "testutil.h"

#include "core/kpi_calc.h"
#include "store/search.h"
#include "store/store_internal.h"
#include "util/embed.h"

/* A small deterministic generator (xorshift64*), so that a failure can be replayed. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rng(void) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}
static int rng_below(int n) { return (int)(rng() % (uint64_t)n); }

static int64_t sql_id(struct db *db, const char *sql) {
    int64_t v = tu_sql_int(db, sql);
    assert_true(v > 0);
    return v;
}

/* The stored aggregates of kpi_id equal the recompute from its rows, exactly, and so do the
 * figures derived from either. */
static void assert_stats_exact(struct db *db, int64_t kpi_id, const char *when) {
    struct arena a = ARENA_INIT;
    struct kpi k;
    int64_t measure_id;
    assert_int_equal(store_kpi_load(db, &a, kpi_id, &k, &measure_id), 0);
    assert_true(k.has_stats);
    struct kpi_stats c;
    kpi_stats_compute(&k, &c);
    if (k.stats.n != c.n || k.stats.sum_x != c.sum_x || k.stats.sum_xx != c.sum_xx || k.stats.sum_y != c.sum_y ||
        k.stats.sum_xy != c.sum_xy)
        fail_msg("KPI %lld after %s: stored n %d x %.17g xx %.17g y %.17g xy %.17g, recomputed n %d x %.17g "
                 "xx %.17g y %.17g xy %.17g", (long long)kpi_id, when, k.stats.n, k.stats.sum_x, k.stats.sum_xx,
                 k.stats.sum_y, k.stats.sum_xy, c.n, c.sum_x, c.sum_xx, c.sum_y, c.sum_xy);
    if (c.latest_period) {
        assert_non_null(k.stats.latest_period);
        assert_string_equal(k.stats.latest_period, c.latest_period);
        assert_true(k.stats.latest == c.latest);
        assert_string_equal(k.stats.first_period, c.first_period);
    } else {
        assert_null(k.stats.latest_period);
        assert_null(k.stats.first_period);
    }
    struct kpi_derived stored, summed;
    kw_date today = date_from_ymd(2026, 1, 15);
    kpi_derive(&k, today, &stored);
    k.has_stats = false;
    kpi_derive(&k, today, &summed);
    assert_int_equal(stored.has_forecast, summed.has_forecast);
    assert_true(stored.forecast == summed.forecast);
    assert_int_equal(stored.status, summed.status);
    arena_free(&a);
}

/* A value as people record them: up to 1e6, with 0 to 3 decimals, now and then negative. */
static double random_value(void) {
    static const uint64_t scale[] = {1, 10, 100, 1000};
    uint64_t sc = scale[rng_below(4)];
    double v = (double)(rng() % (1000000 * sc)) / (double)sc;
    return rng_below(10) == 0 ? -v : v;
}

/* A date "YYYY-MM-DD" from 2015 to 2030 into out (DATE_BUF bytes: room the compiler can see). */
enum { DATE_BUF = 40 };
static void random_period(char out[DATE_BUF]) {
    snprintf(out, DATE_BUF, "%04d-%02d-%02d", 2015 + rng_below(16), 1 + rng_below(12), 1 + rng_below(28));
}

/* Inserts, corrections (value, period or both), moves to the other KPI and deletes, in random
 * order, through the store and behind it; a value of 1e15 typed by mistake comes and goes. After
 * every write both KPIs' aggregates equal the recompute from their rows. */
static void test_random_writes_match_recompute(void **state) {
    struct tu_demo *d = *state;
    int64_t kpis[2] = {sql_id(d->db, "SELECT min(id) FROM kpi WHERE target_state = 'set' AND baseline_value IS NOT NULL"),
                       sql_id(d->db, "SELECT max(id) FROM kpi WHERE target_state = 'set'")};
    assert_true(kpis[0] != kpis[1]);
    enum { OPS = 600, MAX_ROWS = 400 };
    int64_t ids[MAX_ROWS];
    int n = 0;
    int64_t typo = 0;
    int typos_gone = 0;
    char when[160], sql[200];
    for (int op = 0; op < OPS; op++) {
        int what = n < 5 ? 0 : rng_below(10);
        char period[DATE_BUF];
        random_period(period);
        if (what < 5 && n < MAX_ROWS) {             /* a new value, of either KPI */
            struct measurement m = {.period = period, .value = random_value()};
            if (!typo && op > OPS / 4 && op < OPS / 2 && rng_below(20) == 0)
                m.value = 1e15;
            assert_int_equal(store_measurement_add(d->db, kpis[rng_below(2)], &m, &tu_actor, &ids[n]), 0);
            if (m.value == 1e15)
                typo = ids[n];
            n++;
            snprintf(when, sizeof when, "op %d: insert %s %.17g", op, period, m.value);
        } else if (what < 8) {                      /* a correction */
            int i = rng_below(n);
            struct measurement_patch p = {0};
            int kind = rng_below(3);
            if (kind != 1)
                p.set_value = true, p.value = random_value();
            if (kind != 0)
                p.period = period;
            assert_int_equal(store_measurement_update(d->db, ids[i], &p, &tu_actor), 0);
            snprintf(when, sizeof when, "op %d: correct %lld", op, (long long)ids[i]);
        } else if (what == 8) {                     /* moved to the other KPI, behind the store */
            int i = rng_below(n);
            snprintf(sql, sizeof sql, "UPDATE kpi_measurement SET kpi_id = CASE kpi_id WHEN %lld THEN %lld ELSE %lld END "
                     "WHERE id = %lld", (long long)kpis[0], (long long)kpis[1], (long long)kpis[0], (long long)ids[i]);
            tu_sql_exec(d->db, sql);
            snprintf(when, sizeof when, "op %d: move %lld", op, (long long)ids[i]);
        } else {                                    /* a delete; the typo goes half way */
            int i = rng_below(n);
            if (typo && op > OPS / 2)
                for (i = 0; ids[i] != typo; i++)
                    ;
            if (ids[i] == typo)
                typo = 0, typos_gone++;
            assert_int_equal(store_measurement_delete(d->db, ids[i], &tu_actor), 0);
            snprintf(when, sizeof when, "op %d: delete %lld", op, (long long)ids[i]);
            ids[i] = ids[--n];
        }
        assert_stats_exact(d->db, kpis[0], when);
        assert_stats_exact(d->db, kpis[1], when);
    }
    assert_true(typos_gone > 0);
    /* and when every row is gone, nothing is left of them */
    for (int k = 0; k < 2; k++) {
        snprintf(sql, sizeof sql, "DELETE FROM kpi_measurement WHERE kpi_id = %lld", (long long)kpis[k]);
        tu_sql_exec(d->db, sql);
        assert_stats_exact(d->db, kpis[k], "deleting all");
        snprintf(sql, sizeof sql, "SELECT m_count = 0 AND m_sum_x = 0 AND m_sum_xx = 0 AND m_sum_y = 0 AND m_sum_y_lo = 0 "
                 "AND m_sum_xy = 0 AND m_sum_xy_lo = 0 FROM kpi WHERE id = %lld", (long long)kpis[k]);
        assert_int_equal(tu_sql_int(d->db, sql), 1);
    }
}

static void test_new_kpi_summed_once(void **state) {
    struct tu_demo *d = *state;
    int64_t measure = sql_id(d->db, "SELECT min(id) FROM measure");
    enum { ROWS = 300 };
    struct measurement rows[ROWS];
    char periods[ROWS][DATE_BUF];
    for (int i = 0; i < ROWS; i++) {                /* in no order, some periods twice */
        random_period(periods[i]);
        if (i > 0 && rng_below(8) == 0)
            memcpy(periods[i], periods[rng_below(i)], DATE_BUF);
        rows[i] = (struct measurement){.period = periods[i], .value = random_value()};
    }
    struct kpi k = {.name = "一度に", .unit = "件", .direction = DIR_INCREASE, .perspective = "citizen",
                    .target_state = TARGET_UNDECIDED, .measurements = rows, .n_measurements = ROWS};
    int64_t bulk, rowwise;
    /* in a transaction, as the store's writers call it (PostgreSQL's switch of the trigger is a
     * setting of the transaction) */
    assert_int_equal(db_begin(d->db), 0);
    assert_int_equal(kpi_insert(d->db, measure, 90, &k, &bulk, NULL), 0);
    k.n_measurements = 0;
    assert_int_equal(kpi_insert(d->db, measure, 91, &k, &rowwise, NULL), 0);
    assert_int_equal(db_commit(d->db), 0);
    for (int i = 0; i < ROWS; i++) {
        int64_t id;
        assert_int_equal(store_measurement_add(d->db, rowwise, &rows[i], &tu_actor, &id), 0);
    }
    char sql[700];
    snprintf(sql, sizeof sql, "SELECT a.m_count = b.m_count AND a.m_sum_x = b.m_sum_x AND a.m_sum_xx = b.m_sum_xx "
             "AND a.m_sum_y = b.m_sum_y AND a.m_sum_y_lo = b.m_sum_y_lo AND a.m_sum_xy = b.m_sum_xy "
             "AND a.m_sum_xy_lo = b.m_sum_xy_lo AND a.m_latest_value = b.m_latest_value "
             "AND a.m_latest_period = b.m_latest_period AND a.m_first_period = b.m_first_period AND a.m_count = %d "
             "FROM kpi a, kpi b WHERE a.id = %lld AND b.id = %lld", ROWS, (long long)bulk, (long long)rowwise);
    assert_int_equal(tu_sql_int(d->db, sql), 1);
    assert_stats_exact(d->db, bulk, "inserting a new KPI with its rows");
    /* the trigger is on again for the next write */
    struct measurement next = {.period = "2031-01-01", .value = 7};
    int64_t id;
    assert_int_equal(store_measurement_add(d->db, bulk, &next, &tu_actor, &id), 0);
    snprintf(sql, sizeof sql, "SELECT m_count = %d AND m_latest_period = '2031-01-01' FROM kpi WHERE id = %lld", ROWS + 1,
             (long long)bulk);
    assert_int_equal(tu_sql_int(d->db, sql), 1);
    assert_stats_exact(d->db, bulk, "a value after the bulk insert");
}

/* The sums are exact, so they do not depend on the order of the terms: 1e15, then 0.3, then
 * -1e15 sum to 0.3, where adding them in that order in doubles gives 0.25. */
static void test_sums_are_exact(void **state) {
    struct tu_demo *d = *state;
    int64_t kpi_id = sql_id(d->db, "SELECT min(id) FROM kpi");
    char sql[300];
    snprintf(sql, sizeof sql, "DELETE FROM kpi_measurement WHERE kpi_id = %lld;"
             "INSERT INTO kpi_measurement (kpi_id, period, value) VALUES (%lld, '2024-03-31', 1e15), "
             "(%lld, '2024-06-30', 0.3), (%lld, '2024-09-30', -1e15)",
             (long long)kpi_id, (long long)kpi_id, (long long)kpi_id, (long long)kpi_id);
    tu_sql_exec(d->db, sql);
    volatile double big = 1e15, small = 0.3;
    assert_true(big + small - big != 0.3);         /* what plain doubles make of them */
    struct arena a = ARENA_INIT;
    struct kpi k;
    int64_t measure_id;
    assert_int_equal(store_kpi_load(d->db, &a, kpi_id, &k, &measure_id), 0);
    assert_true(k.stats.sum_y == 0.3);
    double x = date_from_ymd(2024, 6, 30), x1 = date_from_ymd(2024, 3, 31), x3 = date_from_ymd(2024, 9, 30);
    assert_true(k.stats.sum_xy == (x1 - x3) * 1e15 + x * 0.3);   /* both terms exact in doubles */
    assert_stats_exact(d->db, kpi_id, "1e15, 0.3, -1e15");
    arena_free(&a);
}

/* Runs the write sql (?1 a, ?2 text when not NULL); returns SQLite's count of the virtual machine
 * steps it took, triggers included, or 0 on PostgreSQL, which counts none (there only the
 * aggregates after each write are checked). */
static int vm_steps(struct db *db, const char *sql, int64_t a, const char *text) {
    if (db_is_postgres(db)) {
        struct db_stmt *st = tu_sql(db, sql);
        db_bind_int64(st, 1, a);
        if (text)
            db_bind_text(st, 2, text);
        assert_int_equal(db_step_done(db, st), 0);
        return 0;
    }
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_int64(st, 1, a);
    if (text)
        sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    int steps = sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 0);
    sqlite3_finalize(st);
    return steps;
}

/* The work of a write to a KPI of 3,000 values is the work of the same write to a KPI of 10: a
 * new latest value, a value for an earlier period, a correction of the latest, a delete of the
 * first. Counted in SQLite's steps, not timed. */
static void test_work_does_not_grow(void **state) {
    struct tu_demo *d = *state;
    int64_t small = sql_id(d->db, "SELECT min(id) FROM kpi"), large = sql_id(d->db, "SELECT max(id) FROM kpi");
    char sql[400];
    const int rows[2] = {10, 3000};
    const int64_t kpi[2] = {small, large};
    for (int i = 0; i < 2; i++) {
        snprintf(sql, sizeof sql, "DELETE FROM kpi_measurement WHERE kpi_id = %lld;"
                 "WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i + 1 < %d) "
                 "INSERT INTO kpi_measurement (kpi_id, period, value) "
                 "SELECT %lld, strftime('%%Y-%%m-%%d', '2000-01-01', '+' || (i * 3) || ' days'), i * 0.5 FROM r",
                 (long long)kpi[i], rows[i], (long long)kpi[i]);
        tu_sql_exec(d->db, sql);
    }
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM kpi_measurement x JOIN kpi k ON k.id = x.kpi_id "
                                        "WHERE k.id = (SELECT max(id) FROM kpi)"), 3000);
    static const char *const writes[][2] = {
        {"INSERT INTO kpi_measurement (kpi_id, period, value) VALUES (?1, ?2, 42.5)", "2040-03-31"},
        {"INSERT INTO kpi_measurement (kpi_id, period, value) VALUES (?1, ?2, 7.25)", "1999-06-30"},
        {"UPDATE kpi_measurement SET value = 43.5 WHERE id = (SELECT id FROM kpi_measurement WHERE kpi_id = ?1 "
         "ORDER BY period DESC, id DESC LIMIT 1)", NULL},
        {"UPDATE kpi_measurement SET period = ?2 WHERE id = (SELECT id FROM kpi_measurement WHERE kpi_id = ?1 "
         "ORDER BY period DESC, id DESC LIMIT 1)", "1998-12-31"},
        {"DELETE FROM kpi_measurement WHERE id = (SELECT id FROM kpi_measurement WHERE kpi_id = ?1 "
         "ORDER BY period, id LIMIT 1)", NULL},
    };
    for (size_t w = 0; w < sizeof writes / sizeof *writes; w++) {
        int s = vm_steps(d->db, writes[w][0], small, writes[w][1]);
        int l = vm_steps(d->db, writes[w][0], large, writes[w][1]);
        if (l > s + 20)
            fail_msg("%s: %d steps at 10 rows, %d at 3,000", writes[w][0], s, l);
        assert_stats_exact(d->db, small, writes[w][0]);
        assert_stats_exact(d->db, large, writes[w][0]);
    }
}

/* A database of migration 17 (aggregates summed in period order by the old triggers) gets every
 * KPI's aggregates again, exact, from migration 18. */
static void test_migration_18_recomputes(void **state) {
    (void)state;
    if (tu_pg())
        skip();         /* SQLite's migrations of an old SQLite file */
    char *dir = tu_mkdtemp();
    char path[600], err[256];
    snprintf(path, sizeof path, "%s/v17.db", dir);
    sqlite3 *raw = tu_schema_at(dir, "v17.db", 17);
    const char *rows =
        "INSERT INTO org (id, code, name) VALUES (1, '322075', '江津市');"
        "INSERT INTO plan (id, org_id, position, title, kind) VALUES (2, 1, 0, '計画', 'action_plan');"
        "INSERT INTO pillar (id, plan_id, position, code, title) VALUES (4, 2, 0, '1', '柱');"
        "INSERT INTO theme (id, pillar_id, position, code, title) VALUES (5, 4, 0, '①', 'テーマ');"
        "INSERT INTO measure (id, theme_id, plan_id, position, code, key, title) VALUES (6, 5, 2, 0, '1-1-1', '1-1-1', '施策');"
        "INSERT INTO kpi (id, measure_id, position, name, target_state) VALUES (8, 6, 0, '指標', 'none'),"
        " (9, 6, 1, '空', 'none');"
        "INSERT INTO kpi_measurement (kpi_id, period, value) VALUES (8, '2024-03-31', 1e15), (8, '2024-06-30', 0.3),"
        " (8, '2024-09-30', -1e15), (8, '2023-03-31', 12.5);"
        "PRAGMA user_version = 17;";
    char *msg = NULL;
    if (sqlite3_exec(raw, rows, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("rows: %s", msg);
    sqlite3_close(raw);

    struct db *db;
    if (db_open(path, 0, &db, err, sizeof err) != 0)
        fail_msg("db_open: %s", err);
    assert_true(db_schema_version(db) >= 18);
    assert_stats_exact(db, 8, "migration 18");
    assert_stats_exact(db, 9, "migration 18");
    assert_int_equal(tu_sql_int(db, "SELECT m_sum_y * 10 FROM kpi WHERE id = 8"), 128);   /* 12.8, not 12.75 */
    assert_int_equal(tu_sql_int(db, "SELECT m_count FROM kpi WHERE id = 8"), 4);
    db_close(db);
    tu_rmtree(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_random_writes_match_recompute, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_sums_are_exact, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_new_kpi_summed_once, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_work_does_not_grow, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test(test_migration_18_recomputes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
