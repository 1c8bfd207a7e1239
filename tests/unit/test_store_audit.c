/* Tests src/store/store_audit.c: reading the audit log with each filter, the date range in UTC
 * and in Japan time, paging with the total, a measure's history (its own entries, its KPIs'
 * (deleted ones too), their measurements' and its reviews', and nobody else's), and that the
 * log stays append-only. */
#include "testutil.h"

/* ---- helpers */

/* An integer from SQL with one %lld filled in (test-only formatting of our own ids). */
static int64_t sql_int_id(struct db *db, const char *fmt, int64_t id) {
    char sql[512];
    snprintf(sql, sizeof sql, fmt, (long long)id);
    return tu_sql_int(db, sql);
}

static int64_t gotsu_measure(struct db *db, const char *title) {
    struct db_stmt *st = tu_sql(db, "SELECT m.id FROM measure m JOIN plan p ON p.id = m.plan_id "
                                    "JOIN org o ON o.id = p.org_id WHERE o.code = '322075' AND m.title = ?1");
    db_bind_text(st, 1, title);
    assert_int_equal(db_step(st), DB_ROW);
    int64_t id = db_col_int64(st, 0);
    db_reset(st);
    assert_true(id > 0);
    return id;
}

static int64_t first_kpi(struct db *db, int64_t measure_id) {
    int64_t id = sql_int_id(db, "SELECT min(id) FROM kpi WHERE measure_id = %lld", measure_id);
    assert_true(id > 0);
    return id;
}

static int64_t add_measurement(struct db *db, int64_t kpi_id, const char *period, double value,
                               const struct actor *who) {
    struct measurement m = {.period = (char *)period, .value = value};
    int64_t id = 0;
    assert_int_equal(store_measurement_add(db, kpi_id, &m, who, &id), 0);
    return id;
}

static void rename_measure(struct db *db, int64_t id, const char *title, const struct actor *who) {
    struct measure_patch p = {.title = title};
    assert_int_equal(store_measure_edit(db, id, &p, who, NULL), 0);
}

static int64_t create_kpi(struct db *db, int64_t measure_id, const char *name) {
    struct kpi k = {.name = (char *)name, .unit = "件", .direction = DIR_INCREASE, .target_state = TARGET_UNDECIDED};
    int64_t id = 0;
    assert_int_equal(store_kpi_create(db, measure_id, &k, STORE_LAST, &tu_actor, &id, NULL), 0);
    return id;
}

static bool page_has(const struct audit_page *p, const char *entity, int64_t entity_id, const char *action) {
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->items[i].entity, entity) == 0 && p->items[i].entity_id == entity_id &&
            strcmp(p->items[i].action, action) == 0)
            return true;
    return false;
}

/* Whether the page holds an entry of entity whose snapshot after the write contains text. */
static bool page_has_after(const struct audit_page *p, const char *entity, const char *text) {
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->items[i].entity, entity) == 0 && p->items[i].after_json && strstr(p->items[i].after_json, text))
            return true;
    return false;
}

static void assert_newest_first(const struct audit_page *p) {
    for (size_t i = 1; i < p->n; i++)
        assert_true(p->items[i - 1].id > p->items[i].id);
}

static int64_t query_total(struct db *db, const struct audit_filter *f) {
    struct arena a = ARENA_INIT;
    struct audit_page p;
    assert_int_equal(store_audit_query(db, &a, f, &p), 0);
    int64_t total = p.total;
    assert_true((int64_t)p.n <= total);
    arena_free(&a);
    return total;
}

static const struct actor alice = {"alice", "web"};
static const struct actor bob = {"bob", "api"};

/* ---- filters */

static void test_query_all_newest_first(void **state) {
    struct tu_demo *d = *state;
    int64_t m = gotsu_measure(d->db, "書かない窓口");
    rename_measure(d->db, m, "書かない窓口（改）", &alice);
    add_measurement(d->db, first_kpi(d->db, m), "2025-03-31", 12.5, &bob);
    struct arena a = ARENA_INIT;
    struct audit_page p;
    struct audit_filter f = {0};
    assert_int_equal(store_audit_query(d->db, &a, &f, &p), 0);
    assert_int_equal(p.total, tu_sql_int(d->db, "SELECT count(*) FROM audit"));
    assert_int_equal(p.n, p.total);                         /* fewer than a page */
    assert_newest_first(&p);
    /* the newest is the measurement, with its snapshot after and nothing before */
    assert_string_equal(p.items[0].entity, "kpi_measurement");
    assert_string_equal(p.items[0].action, "create");
    assert_string_equal(p.items[0].actor, "bob");
    assert_string_equal(p.items[0].via, "api");
    assert_null(p.items[0].before_json);
    assert_non_null(strstr(p.items[0].after_json, "\"value\":12.5"));
    /* then the rename, with the title before and after */
    assert_string_equal(p.items[1].entity, "measure");
    assert_int_equal(p.items[1].entity_id, m);
    assert_string_equal(p.items[1].action, "update");
    assert_non_null(strstr(p.items[1].before_json, "\"title\":\"書かない窓口\""));
    assert_non_null(strstr(p.items[1].after_json, "\"title\":\"書かない窓口（改）\""));
    assert_true(strlen(p.items[1].at) == strlen("2025-03-31T15:00:00.000Z") && p.items[1].at[23] == 'Z');
    arena_free(&a);
}

static void test_query_filters(void **state) {
    struct tu_demo *d = *state;
    int64_t m1 = gotsu_measure(d->db, "書かない窓口");
    int64_t m2 = gotsu_measure(d->db, "電子決済（キャッシュレス決済の推進）");
    rename_measure(d->db, m1, "一", &alice);
    rename_measure(d->db, m2, "二", &bob);
    rename_measure(d->db, m1, "三", &bob);
    add_measurement(d->db, first_kpi(d->db, m1), "2025-03-31", 1, &alice);

    struct audit_filter f = {.entity = "measure"};
    assert_int_equal(query_total(d->db, &f), 3);
    f = (struct audit_filter){.entity = "measure", .entity_id = m1};
    assert_int_equal(query_total(d->db, &f), 2);
    f = (struct audit_filter){.entity_id = m2};
    assert_int_equal(query_total(d->db, &f), 1);
    f = (struct audit_filter){.actor = "alice"};
    assert_int_equal(query_total(d->db, &f), 2);
    f = (struct audit_filter){.actor = "bob", .entity = "measure", .entity_id = m1};
    assert_int_equal(query_total(d->db, &f), 1);
    f = (struct audit_filter){.entity = "kpi_measurement", .actor = "bob"};
    assert_int_equal(query_total(d->db, &f), 0);
    f = (struct audit_filter){.entity = "no_such_entity"};
    assert_int_equal(query_total(d->db, &f), 0);

    struct arena a = ARENA_INIT;
    struct audit_page p;
    f = (struct audit_filter){.actor = "bob"};
    assert_int_equal(store_audit_query(d->db, &a, &f, &p), 0);
    assert_int_equal(p.n, 2);
    for (size_t i = 0; i < p.n; i++)
        assert_string_equal(p.items[i].actor, "bob");
    assert_true(page_has(&p, "measure", m1, "update") && page_has(&p, "measure", m2, "update"));
    arena_free(&a);
}

static void test_query_dates(void **state) {
    struct tu_demo *d = *state;
    /* two entries either side of midnight in Japan on 1 April 2025 (15:00 UTC the day before) */
    tu_sql_exec(d->db,
        "INSERT INTO audit (at, actor, via, entity, entity_id, action) VALUES "
        "('2025-03-31T14:59:59.999Z', 'clock', 'cli', 'plan', 1, 'update'), "
        "('2025-03-31T15:00:00.000Z', 'clock', 'cli', 'plan', 1, 'update'), "
        "('2025-04-01T00:00:00.000Z', 'clock', 'cli', 'plan', 1, 'update')");
    struct audit_filter f = {.actor = "clock", .from = "2025-03-31", .to = "2025-03-31"};
    assert_int_equal(query_total(d->db, &f), 2);               /* UTC dates: both on 31 March */
    f = (struct audit_filter){.actor = "clock", .from = "2025-04-01"};
    assert_int_equal(query_total(d->db, &f), 1);
    f = (struct audit_filter){.actor = "clock", .to = "2025-03-30"};
    assert_int_equal(query_total(d->db, &f), 0);
    /* the same dates in Japan time */
    f = (struct audit_filter){.actor = "clock", .from = "2025-04-01", .utc_offset_minutes = 540};
    assert_int_equal(query_total(d->db, &f), 2);
    f = (struct audit_filter){.actor = "clock", .to = "2025-03-31", .utc_offset_minutes = 540};
    assert_int_equal(query_total(d->db, &f), 1);
    f = (struct audit_filter){.actor = "clock", .from = "2025-04-01", .to = "2025-04-01", .utc_offset_minutes = 540};
    assert_int_equal(query_total(d->db, &f), 2);
    /* an empty range, and entries written now */
    f = (struct audit_filter){.actor = "clock", .from = "2025-04-02", .to = "2025-04-01"};
    assert_int_equal(query_total(d->db, &f), 0);
    char today[16];
    date_format(date_today(), today, sizeof today);
    /* today is Japan's date (date_today): the filter reads it in Japan time, as the log's pages
     * do; read as a UTC date it would miss entries made from 15:00 to 24:00 UTC */
    f = (struct audit_filter){.entity = "org", .from = today, .to = today, .utc_offset_minutes = 540};
    assert_int_equal(query_total(d->db, &f), 2);                /* the demo import */
    /* dates that are not dates */
    struct arena a = ARENA_INIT;
    struct audit_page p;
    f = (struct audit_filter){.from = "2025-02-30"};
    assert_int_equal(store_audit_query(d->db, &a, &f, &p), KW_EINVAL);
    f = (struct audit_filter){.to = "yesterday"};
    assert_int_equal(store_audit_query(d->db, &a, &f, &p), KW_EINVAL);
    arena_free(&a);
}

static void test_query_paging(void **state) {
    struct tu_demo *d = *state;
    int64_t m = gotsu_measure(d->db, "書かない窓口");
    int64_t kpi = first_kpi(d->db, m);
    for (int i = 0; i < 7; i++)
        add_measurement(d->db, kpi, "2025-03-31", i, &alice);
    struct arena a = ARENA_INIT;
    struct audit_page all, p;
    struct audit_filter f = {.actor = "alice"};
    assert_int_equal(store_audit_query(d->db, &a, &f, &all), 0);
    assert_int_equal(all.total, 7);
    assert_int_equal(all.n, 7);
    f.limit = 3;
    f.offset = 2;
    assert_int_equal(store_audit_query(d->db, &a, &f, &p), 0);
    assert_int_equal(p.total, 7);                               /* the total ignores the page */
    assert_int_equal(p.n, 3);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(p.items[i].id, all.items[i + 2].id);
    f.offset = 6;
    assert_int_equal(store_audit_query(d->db, &a, &f, &p), 0);
    assert_int_equal(p.n, 1);
    assert_int_equal(p.items[0].id, all.items[6].id);
    f.offset = 100;
    assert_int_equal(store_audit_query(d->db, &a, &f, &p), 0);
    assert_int_equal(p.n, 0);
    assert_int_equal(p.total, 7);
    arena_free(&a);
    assert_int_equal(audit_limit_clamp(0), AUDIT_LIMIT_DEFAULT);
    assert_int_equal(audit_limit_clamp(-5), AUDIT_LIMIT_DEFAULT);
    assert_int_equal(audit_limit_clamp(1), 1);
    assert_int_equal(audit_limit_clamp(200), 200);
    assert_int_equal(audit_limit_clamp(100000), AUDIT_LIMIT_MAX);
}

static void test_query_default_and_max_limit(void **state) {
    struct tu_demo *d = *state;
    tu_sql_exec(d->db,
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 250) "
        "INSERT INTO audit (actor, via, entity, entity_id, action) SELECT 'bulk', 'cli', 'plan', i, 'update' FROM n");
    struct arena a = ARENA_INIT;
    struct audit_page p;
    struct audit_filter f = {.actor = "bulk"};
    assert_int_equal(store_audit_query(d->db, &a, &f, &p), 0);
    assert_int_equal(p.n, AUDIT_LIMIT_DEFAULT);
    assert_int_equal(p.total, 250);
    assert_int_equal(p.items[0].entity_id, 250);                /* newest first */
    f.limit = 1000;
    assert_int_equal(store_audit_query(d->db, &a, &f, &p), 0);
    assert_int_equal(p.n, AUDIT_LIMIT_MAX);
    arena_free(&a);
}

static void test_filter_parse(void **state) {
    (void)state;
    struct audit_filter f;
    const char *field = NULL, *message = NULL;
    struct audit_params ok = {"kpi_measurement", "26", "api", "2025-04-01", "2025-06-30", "20", "40"};
    assert_int_equal(audit_filter_parse(&ok, &f, &field, &message), 0);
    assert_string_equal(f.entity, "kpi_measurement");
    assert_int_equal(f.entity_id, 26);
    assert_string_equal(f.actor, "api");
    assert_string_equal(f.from, "2025-04-01");
    assert_string_equal(f.to, "2025-06-30");
    assert_int_equal(f.limit, 20);
    assert_int_equal(f.offset, 40);
    assert_int_equal(f.utc_offset_minutes, 0);
    struct audit_params empty = {"", "", "", "", "", "", ""};         /* a form sent with nothing filled in */
    assert_int_equal(audit_filter_parse(&empty, &f, &field, &message), 0);
    assert_null(f.entity);
    assert_null(f.actor);
    assert_null(f.from);
    assert_int_equal(f.entity_id, 0);
    assert_int_equal(f.limit, 0);
    assert_int_equal(f.offset, 0);
    char long_user[AUDIT_MAX_ACTOR + 2];
    memset(long_user, 'x', sizeof long_user - 1);
    long_user[sizeof long_user - 1] = '\0';
    const struct { struct audit_params p; const char *field; } bad[] = {
        {{.entity = "Measure"}, "entity"}, {{.entity = "measure;"}, "entity"}, {{.id = "0"}, "id"},
        {{.id = "-3"}, "id"}, {{.id = "1e3"}, "id"}, {{.id = "9999999999999999"}, "id"}, {{.user = long_user}, "user"},
        {{.from = "2025-02-29"}, "from"}, {{.from = "2025/04/01"}, "from"}, {{.to = "today"}, "to"},
        {{.limit = "0"}, "limit"}, {{.limit = "201"}, "limit"}, {{.limit = " 5"}, "limit"}, {{.offset = "-1"}, "offset"},
        {{.offset = "1000000001"}, "offset"}, {{.from = "x", .limit = "0"}, "from"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        field = message = NULL;
        assert_int_equal(audit_filter_parse(&bad[i].p, &f, &field, &message), KW_EINVAL);
        assert_string_equal(field, bad[i].field);
        assert_non_null(message);
    }
}

/* ---- a measure's history */

static void test_measure_history(void **state) {
    struct tu_demo *d = *state;
    int64_t m = gotsu_measure(d->db, "書かない窓口");
    int64_t other = gotsu_measure(d->db, "電子決済（キャッシュレス決済の推進）");
    int64_t kpi = first_kpi(d->db, m);
    rename_measure(d->db, m, "書かない窓口（改）", &alice);
    int64_t meas = add_measurement(d->db, kpi, "2025-03-31", 12.5, &bob);
    /* a KPI created, measured and deleted (a KPI with measurements is not deleted: its
     * measurement goes first): its entries and its measurement's stay */
    int64_t gone = create_kpi(d->db, m, "消えるKPI");
    int64_t gone_meas = add_measurement(d->db, gone, "2025-06-30", 3, &bob);
    assert_int_equal(store_kpi_delete(d->db, gone, &tu_actor, NULL), KW_ECONFLICT);
    assert_int_equal(store_measurement_delete(d->db, gone_meas, &alice), 0);
    assert_int_equal(store_kpi_delete(d->db, gone, &tu_actor, NULL), 0);
    /* a measurement deleted */
    assert_int_equal(store_measurement_delete(d->db, meas, &alice), 0);
    /* a review entry, as the review cycle writes them (the snapshot names the measure) */
    char after[64];
    snprintf(after, sizeof after, "{\"measure_id\":%lld,\"fy\":2025,\"quarter\":1}", (long long)m);
    assert_int_equal(store_audit(d->db, &alice, "measure_review", 777, "update", NULL, after), 0);
    /* writes of another measure and its KPI, which must not appear */
    rename_measure(d->db, other, "別の施策", &alice);
    add_measurement(d->db, first_kpi(d->db, other), "2025-03-31", 1, &alice);
    create_kpi(d->db, other, "別のKPI");

    struct arena a = ARENA_INIT;
    struct audit_page p;
    assert_int_equal(store_audit_measure_history(d->db, &a, m, 0, 0, &p), 0);
    assert_int_equal(p.total, 8);
    assert_int_equal(p.n, 8);
    assert_newest_first(&p);
    assert_true(page_has(&p, "measure", m, "update"));
    assert_true(page_has(&p, "kpi_measurement", meas, "create"));
    assert_true(page_has(&p, "kpi_measurement", meas, "delete"));
    assert_true(page_has(&p, "kpi", gone, "create"));
    assert_true(page_has(&p, "kpi", gone, "delete"));
    assert_true(page_has(&p, "kpi_measurement", gone_meas, "create"));
    assert_true(page_has(&p, "measure_review", 777, "update"));
    assert_true(page_has(&p, "kpi_measurement", gone_meas, "delete"));
    for (size_t i = 0; i < p.n; i++)
        assert_false(strcmp(p.items[i].entity, "measure") == 0 && p.items[i].entity_id == other);
    /* paging */
    struct audit_page p2;
    assert_int_equal(store_audit_measure_history(d->db, &a, m, 3, 3, &p2), 0);
    assert_int_equal(p2.total, 8);
    assert_int_equal(p2.n, 3);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(p2.items[i].id, p.items[i + 3].id);
    /* the other measure has its own three */
    assert_int_equal(store_audit_measure_history(d->db, &a, other, 0, 0, &p2), 0);
    assert_int_equal(p2.total, 3);
    /* a measure without any entry, and one that does not exist */
    int64_t quiet = gotsu_measure(d->db, "リモート窓口");
    assert_int_equal(store_audit_measure_history(d->db, &a, quiet, 0, 0, &p2), 0);
    assert_int_equal(p2.total, 0);
    assert_int_equal(p2.n, 0);
    assert_int_equal(store_audit_measure_history(d->db, &a, 999999, 0, 0, &p2), KW_ENOTFOUND);
    arena_free(&a);
}

static void test_history_measurement_of_imported_kpi(void **state) {
    struct tu_demo *d = *state;
    /* an imported KPI has no entry of its own: its measurements are found through the kpi table */
    int64_t m = gotsu_measure(d->db, "書かない窓口");
    int64_t kpi = first_kpi(d->db, m);
    assert_int_equal(sql_int_id(d->db, "SELECT count(*) FROM audit WHERE entity = 'kpi' AND entity_id = %lld", kpi), 0);
    int64_t meas = add_measurement(d->db, kpi, "2025-03-31", 5, &bob);
    struct arena a = ARENA_INIT;
    struct audit_page p;
    assert_int_equal(store_audit_measure_history(d->db, &a, m, 0, 0, &p), 0);
    assert_int_equal(p.total, 1);
    assert_true(page_has(&p, "kpi_measurement", meas, "create"));
    arena_free(&a);
}

static int64_t create_measure(struct db *db, int64_t theme_id, const char *code) {
    struct measure me = {.code = (char *)code, .title = (char *)code, .status = MS_ACTIVE};
    int64_t id = 0;
    assert_int_equal(store_measure_create(db, theme_id, &me, STORE_LAST, &tu_actor, &id, NULL), 0);
    return id;
}

/* Ids are never reused (migration 15): a KPI made after the newest one was deleted gets a new
 * id, so the history of the deleted KPI's measure does not take in the new one. */
static void test_history_survives_id_reuse(void **state) {
    struct tu_demo *d = *state;
    int64_t m = gotsu_measure(d->db, "書かない窓口");
    int64_t other = gotsu_measure(d->db, "リモート窓口");
    /* a KPI of m, measured, deleted; then a new KPI of other, measured too */
    int64_t old_kpi = create_kpi(d->db, m, "古いKPI");
    int64_t old_meas = add_measurement(d->db, old_kpi, "2025-03-31", 1111, &alice);
    assert_int_equal(store_measurement_delete(d->db, old_meas, &alice), 0);
    assert_int_equal(store_kpi_delete(d->db, old_kpi, &tu_actor, NULL), 0);
    int64_t new_kpi = create_kpi(d->db, other, "新しいKPI");
    assert_true(new_kpi > old_kpi);                             /* the id was not reused */
    add_measurement(d->db, new_kpi, "2025-06-30", 2222, &bob);
    struct arena a = ARENA_INIT;
    struct audit_page p;
    assert_int_equal(store_audit_measure_history(d->db, &a, m, 0, 0, &p), 0);
    assert_int_equal(p.total, 4);                      /* create, measurement, its delete, delete */
    assert_true(page_has_after(&p, "kpi_measurement", "\"value\":1111"));
    assert_false(page_has_after(&p, "kpi_measurement", "\"value\":2222"));
    assert_false(page_has_after(&p, "kpi", "新しいKPI"));
    assert_int_equal(store_audit_measure_history(d->db, &a, other, 0, 0, &p), 0);
    assert_int_equal(p.total, 2);                               /* create, measurement */
    assert_true(page_has_after(&p, "kpi", "新しいKPI"));
    assert_true(page_has_after(&p, "kpi_measurement", "\"value\":2222"));
    assert_false(page_has_after(&p, "kpi_measurement", "\"value\":1111"));

    /* a measure created and deleted; the next one gets a new id and starts with a clean history */
    int64_t theme = sql_int_id(d->db, "SELECT theme_id FROM measure WHERE id = %lld", m);
    int64_t first = create_measure(d->db, theme, "9-9-1");
    rename_measure(d->db, first, "一代目", &alice);
    assert_int_equal(store_measure_delete(d->db, first, &tu_actor, NULL), 0);
    int64_t second = create_measure(d->db, theme, "9-9-2");
    assert_true(second > first);
    assert_int_equal(store_audit_measure_history(d->db, &a, second, 0, 0, &p), 0);
    assert_int_equal(p.total, 1);
    assert_string_equal(p.items[0].action, "create");
    assert_non_null(strstr(p.items[0].after_json, "9-9-2"));
    arena_free(&a);
}

static void test_history_starts_at_the_latest_import(void **state) {
    struct tu_demo *d = *state;
    int64_t m = gotsu_measure(d->db, "書かない窓口");
    rename_measure(d->db, m, "取込前", &alice);
    struct arena a = ARENA_INIT;
    struct audit_page p;
    assert_int_equal(store_audit_measure_history(d->db, &a, m, 0, 0, &p), 0);
    assert_int_equal(p.total, 1);
    /* importing the organisation again replaces every measure; the ids may be the same */
    assert_int_equal(tu_import_files(d->db, tu_demo_files, 1, true), 0);
    int64_t again = gotsu_measure(d->db, "書かない窓口");
    assert_int_equal(store_audit_measure_history(d->db, &a, again, 0, 0, &p), 0);
    assert_int_equal(p.total, 0);
    arena_free(&a);
}

/* Whether a line of the query plan of explain (its text in column col) contains text. */
static bool plan_mentions(struct db *db, const char *explain, int col, const char *text) {
    struct db_stmt *st = tu_sql(db, explain);
    bool found = false;
    while (db_step(st) == DB_ROW)
        found |= strstr(db_col_str(st, col), text) != NULL;
    db_reset(st);
    return found;
}

static void test_history_uses_the_indexes(void **state) {
    struct tu_demo *d = *state;
    if (!db_is_postgres(d->db)) {
        assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' "
                                           "AND name IN ('audit_measure_ref', 'audit_kpi_ref')"), 2);
        /* the measurement branch looks entries up by KPI instead of reading every measurement entry */
        assert_true(plan_mentions(d->db, "EXPLAIN QUERY PLAN SELECT a.id FROM kpi k CROSS JOIN audit a "
                                         "ON a.entity = 'kpi_measurement' AND coalesce(a.after_json ->> '$.kpi_id', "
                                         "a.before_json ->> '$.kpi_id') = +k.id",
                                  3, "audit_kpi_ref (entity=? AND <expr>=?)"));
        return;
    }
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() "
                                       "AND indexname IN ('audit_measure_ref', 'audit_kpi_ref')"), 2);
    /* PostgreSQL: the same expression (compared as text there) is the index's; its planner
     * prefers reading the few rows of a test's table, so it is told not to */
    tu_sql_exec(d->db, "SET enable_seqscan = off");
    const char *explain = "EXPLAIN SELECT a.id FROM audit a WHERE a.entity = 'kpi_measurement' "
                          "AND coalesce(a.after_json ->> '$.kpi_id', a.before_json ->> '$.kpi_id') = '5'";
    assert_true(plan_mentions(d->db, explain, 0, "using audit_kpi_ref"));
    assert_true(plan_mentions(d->db, explain, 0, "Index Cond: ((entity = 'kpi_measurement'::text) AND (COALESCE("));
    tu_sql_exec(d->db, "RESET enable_seqscan");
}

/* ---- writes that change other rows than their own also audit those */

static void test_measure_delete_audits_the_measures_linking_to_it(void **state) {
    struct tu_demo *d = *state;
    int64_t plan = tu_plan_id(d->db, "322075");
    int64_t gone = sql_int_id(d->db, "SELECT id FROM measure WHERE plan_id = %lld AND code = '1-3-1'", plan);
    int64_t linker = sql_int_id(d->db, "SELECT id FROM measure WHERE plan_id = %lld AND code = '1-1-1'", plan);
    assert_int_equal(sql_int_id(d->db, "SELECT count(*) FROM measure_link WHERE target_id = %lld", gone), 1);
    assert_int_equal(store_measure_delete(d->db, gone, &alice, NULL), 0);
    struct arena a = ARENA_INIT;
    struct audit_page p;
    assert_int_equal(store_audit_measure_history(d->db, &a, linker, 0, 0, &p), 0);
    assert_int_equal(p.total, 1);
    const struct audit_entry *e = &p.items[0];
    assert_string_equal(e->action, "update");
    assert_string_equal(e->actor, "alice");
    assert_non_null(strstr(e->before_json, "\"1-3-1\""));           /* in its links before */
    assert_null(strstr(e->after_json, "\"1-3-1\""));                /* and not after */
    /* the delete's own row is the write's last */
    struct audit_filter f = {.limit = 1};
    assert_int_equal(store_audit_query(d->db, &a, &f, &p), 0);
    assert_string_equal(p.items[0].action, "delete");
    assert_int_equal(p.items[0].entity_id, gone);
    arena_free(&a);
}

static void test_department_delete_audits_its_children(void **state) {
    struct tu_demo *d = *state;
    int64_t org = tu_sql_int(d->db, "SELECT id FROM org WHERE code = '322075'");
    struct department parent = {.code = "bu", .name = "テスト部"}, child = {.code = "ka", .name = "テスト課",
                                                                              .parent_code = "bu"};
    int64_t parent_id, child_id;
    assert_int_equal(store_department_create(d->db, org, &parent, STORE_LAST, &tu_actor, &parent_id, NULL), 0);
    assert_int_equal(store_department_create(d->db, org, &child, STORE_LAST, &tu_actor, &child_id, NULL), 0);
    assert_int_equal(store_department_delete(d->db, parent_id, &bob, NULL), 0);
    struct arena a = ARENA_INIT;
    struct audit_page p;
    struct audit_filter f = {.entity = "department", .entity_id = child_id, .actor = "bob"};
    assert_int_equal(store_audit_query(d->db, &a, &f, &p), 0);
    assert_int_equal(p.total, 1);
    assert_string_equal(p.items[0].action, "update");
    assert_non_null(strstr(p.items[0].before_json, "\"parent\":\"bu\""));
    assert_non_null(strstr(p.items[0].after_json, "\"parent\":null"));
    arena_free(&a);
}

static void test_entities(void **state) {
    struct tu_demo *d = *state;
    int64_t m = gotsu_measure(d->db, "書かない窓口");
    add_measurement(d->db, first_kpi(d->db, m), "2025-03-31", 1, &bob);
    rename_measure(d->db, m, "x", &bob);
    struct arena a = ARENA_INIT;
    char **names;
    size_t n;
    assert_int_equal(store_audit_entities(d->db, &a, &names, &n), 0);
    assert_int_equal(n, 4);
    assert_string_equal(names[0], "kpi_measurement");
    assert_string_equal(names[1], "measure");
    assert_string_equal(names[2], "org");
    assert_string_equal(names[3], "plan_version");        /* imports publish a plan's stated version */
    arena_free(&a);
}

static void test_append_only(void **state) {
    struct tu_demo *d = *state;
    int64_t before = tu_sql_int(d->db, "SELECT count(*) FROM audit");
    assert_int_not_equal(db_exec(d->db, "UPDATE audit SET actor = 'x'"), 0);
    assert_int_not_equal(db_exec(d->db, "DELETE FROM audit"), 0);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM audit"), before);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM audit WHERE actor = 'x'"), 0);
}

int main(void) {
#define T(f) cmocka_unit_test_setup_teardown(f, tu_demo_setup, tu_demo_teardown)
    const struct CMUnitTest tests[] = {
        T(test_query_all_newest_first),
        T(test_query_filters),
        T(test_query_dates),
        T(test_query_paging),
        T(test_query_default_and_max_limit),
        cmocka_unit_test(test_filter_parse),
        T(test_measure_history),
        T(test_history_measurement_of_imported_kpi),
        T(test_history_survives_id_reuse),
        T(test_history_starts_at_the_latest_import),
        T(test_history_uses_the_indexes),
        T(test_measure_delete_audits_the_measures_linking_to_it),
        T(test_department_delete_audits_its_children),
        T(test_entities),
        T(test_append_only),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
