/* Tests src/store: loading the demo data, measurements with audit, all-or-nothing writes, reindexing. */
#include "testutil.h"

#include "core/body.h"
#include "core/kpi_calc.h"
#include "core/review.h"
#include "store/search.h"
#include "util/embed.h"

/* ---- helpers */

static const struct measure *plan_measure(const struct plan *p, const char *code) {
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            for (size_t k = 0; k < p->pillars[i].themes[j].n_measures; k++)
                if (strcmp(p->pillars[i].themes[j].measures[k].code, code) == 0)
                    return &p->pillars[i].themes[j].measures[k];
    fail_msg("no measure %s", code);
    return NULL;
}

/* The id of the first KPI of a Gotsu measure. */
static int64_t gotsu_kpi_id(struct db *db, const char *measure_code) {
    struct arena a = ARENA_INIT;
    struct plan p;
    assert_int_equal(store_plan_load(db, &a, tu_plan_id(db, "322075"), LOAD_FULL, &p), 0);
    const struct measure *m = plan_measure(&p, measure_code);
    assert_true(m->n_kpis >= 1);
    int64_t id = m->kpis[0].id;
    assert_true(id > 0);
    arena_free(&a);
    return id;
}

/* Row counts of every table an import writes, to prove that nothing changed. */
struct counts { int64_t org, department, plan, pillar, theme, measure, kpi, measurement, item, audit, fts; };

static struct counts count_rows(struct db *db) {
    struct counts c = {
        tu_sql_int(db, "SELECT count(*) FROM org"),
        tu_sql_int(db, "SELECT count(*) FROM department"),
        tu_sql_int(db, "SELECT count(*) FROM plan"),
        tu_sql_int(db, "SELECT count(*) FROM pillar"),
        tu_sql_int(db, "SELECT count(*) FROM theme"),
        tu_sql_int(db, "SELECT count(*) FROM measure"),
        tu_sql_int(db, "SELECT count(*) FROM kpi"),
        tu_sql_int(db, "SELECT count(*) FROM kpi_measurement"),
        tu_sql_int(db, "SELECT count(*) FROM measure_item"),
        tu_sql_int(db, "SELECT count(*) FROM audit"),
        tu_sql_int(db, "SELECT count(*) FROM measure_search"),
    };
    return c;
}

static void assert_counts_equal(const struct counts *a, const struct counts *b) {
    assert_int_equal(a->org, b->org);
    assert_int_equal(a->department, b->department);
    assert_int_equal(a->plan, b->plan);
    assert_int_equal(a->pillar, b->pillar);
    assert_int_equal(a->theme, b->theme);
    assert_int_equal(a->measure, b->measure);
    assert_int_equal(a->kpi, b->kpi);
    assert_int_equal(a->measurement, b->measurement);
    assert_int_equal(a->item, b->item);
    assert_int_equal(a->audit, b->audit);
    assert_int_equal(a->fts, b->fts);
}

/* ---- reading */

static void test_org_list(void **state) {
    struct tu_demo *d = *state;
    struct arena a = ARENA_INIT;
    struct org *orgs;
    size_t n;
    assert_int_equal(store_org_list(d->db, &a, &orgs, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(orgs[0].code, "122319");            /* ordered by code */
    assert_string_equal(orgs[0].name, "印西市");
    assert_string_equal(orgs[1].code, "322075");
    assert_string_equal(orgs[1].name, "江津市");
    assert_string_equal(orgs[1].prefecture, "島根県");

    struct org o;
    assert_int_equal(store_org_by_code(d->db, &a, "322075", &o), 0);
    assert_int_equal(o.id, orgs[1].id);
    assert_int_equal(store_org_by_code(d->db, &a, "130001", &o), KW_ENOTFOUND);

    struct department *deps;
    assert_int_equal(store_departments(d->db, &a, orgs[1].id, &deps, &n), 0);
    assert_int_equal(n, 23);
    arena_free(&a);
}

static void test_plan_load(void **state) {
    struct tu_demo *d = *state;
    struct arena a = ARENA_INIT;
    int64_t plan_id = tu_plan_id(d->db, "322075");

    struct org o;
    struct plan_summary *ps;
    size_t n;
    assert_int_equal(store_org_by_code(d->db, &a, "322075", &o), 0);
    assert_int_equal(store_plan_list(d->db, &a, o.id, &ps, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(ps[0].n_pillars, 3);
    assert_int_equal(ps[0].n_measures, 30);
    assert_int_equal(ps[0].n_kpis, 30);
    assert_string_equal(ps[0].draft.version, "1.2");
    /* the stored version 1.2, as the public's lists show it (title, kind, period from its snapshot) */
    assert_true(ps[0].has_version);
    assert_string_equal(ps[0].latest.title, "スマートシティ江津推進構想アクションプラン");
    assert_string_equal(ps[0].latest.kind, "action_plan");
    assert_string_equal(ps[0].latest.version, "1.2");
    assert_string_equal(ps[0].latest.published, "2024-03-26");
    assert_int_equal(ps[0].latest.from_fy, 2022);
    assert_int_equal(ps[0].latest.to_fy, 2026);
    assert_string_equal(plan_summary_face(&ps[0], true).title, ps[0].draft.title);

    struct plan p;
    assert_int_equal(store_plan_load(d->db, &a, plan_id, LOAD_FULL, &p), 0);
    assert_int_equal(p.org_id, o.id);
    assert_int_equal(p.n_pillars, 3);
    size_t measures = 0;
    for (size_t i = 0; i < p.n_pillars; i++)
        for (size_t j = 0; j < p.pillars[i].n_themes; j++)
            measures += p.pillars[i].themes[j].n_measures;
    assert_int_equal(measures, 30);
    assert_int_equal(p.n_revisions, 3);
    assert_string_equal(p.revisions[0].date, "2023-03-31");

    const struct measure *m = plan_measure(&p, "1-1-1");
    assert_int_equal(m->departments.n, 2);
    assert_string_equal(m->departments.items[0], "窓口担当課");
    assert_int_equal(m->links.n, 3);
    assert_string_equal(m->links.items[2], "1-3-1");
    m = plan_measure(&p, "3-2-1");
    assert_int_equal(m->kpis[0].n_measurements, 1);
    assert_string_equal(m->kpis[0].measurements[0].period, "2024-03-31");
    assert_double_near(m->kpis[0].measurements[0].value, 7, 0);
    m = plan_measure(&p, "1-1-3");
    assert_int_equal(m->means.n, 1);
    assert_string_equal(m->means.items[0], "書かない窓口");
    assert_true(m->n_schedule >= 1);

    /* the summary depth carries departments and KPIs with the aggregates of their measurements
     * (kept by triggers), not the measurement rows */
    struct plan ps_plan;
    assert_int_equal(store_plan_load(d->db, &a, plan_id, LOAD_SUMMARY, &ps_plan), 0);
    assert_int_equal(ps_plan.n_pillars, 3);
    m = plan_measure(&ps_plan, "3-2-1");
    assert_int_equal(m->departments.n, 2);
    assert_int_equal(m->n_kpis, 1);
    assert_int_equal(m->kpis[0].n_measurements, 0);
    assert_true(m->kpis[0].has_stats);
    assert_int_equal(m->kpis[0].stats.n, 1);
    assert_double_near(m->kpis[0].stats.latest, 7, 0);
    assert_string_equal(m->kpis[0].stats.latest_period, "2024-03-31");
    kw_date day;
    assert_int_equal(date_parse("2024-03-31", &day), 0);
    assert_double_near(m->kpis[0].stats.sum_x, day, 0);
    assert_double_near(m->kpis[0].stats.sum_xy, day * 7.0, 0);

    assert_int_equal(store_plan_load(d->db, &a, 999999, LOAD_FULL, &p), KW_ENOTFOUND);
    arena_free(&a);
}

/* ---- measurements */

static void test_measurement_add(void **state) {
    struct tu_demo *d = *state;
    int64_t kpi_id = gotsu_kpi_id(d->db, "1-1-3");     /* 0 -> 50 %, FY2024 -> FY2026 */
    struct measurement m = {.period = (char *)"2025-03-31", .value = 12.5, .note = (char *)"テスト"};
    int64_t id = 0;
    assert_int_equal(store_measurement_add(d->db, kpi_id, &m, &tu_actor, &id), 0);
    assert_true(id > 0);
    assert_false(db_in_transaction(d->db));

    struct arena a = ARENA_INIT;
    struct kpi k;
    int64_t measure_id = 0;
    assert_int_equal(store_kpi_load(d->db, &a, kpi_id, &k, &measure_id), 0);
    assert_true(measure_id > 0);
    assert_int_equal(k.n_measurements, 1);
    assert_int_equal(k.measurements[0].id, id);
    assert_string_equal(k.measurements[0].period, "2025-03-31");
    assert_double_near(k.measurements[0].value, 12.5, 0);
    assert_string_equal(k.measurements[0].note, "テスト");
    assert_string_equal(k.measurements[0].recorded_by, "unit-test");
    assert_non_null(k.measurements[0].recorded_at);

    struct kpi_derived dv;
    kpi_derive(&k, date_from_ymd(2025, 3, 31), &dv);
    assert_true(dv.has_achievement);
    assert_double_near(dv.achievement, 0.25, 1e-12);

    /* the audit row, read straight from the database */
    struct db_stmt *st = tu_sql(d->db,
        "SELECT actor, via, action, after_json FROM audit WHERE entity = 'kpi_measurement' AND entity_id = ?1");
    db_bind_int64(st, 1, id);
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_col_str(st, 0), "unit-test");
    assert_string_equal(db_col_str(st, 1), "cli");
    assert_string_equal(db_col_str(st, 2), "create");
    const char *after = db_col_str(st, 3);
    assert_non_null(after);
    assert_non_null(strstr(after, "\"period\":\"2025-03-31\""));
    assert_non_null(strstr(after, "12.5"));
    assert_int_equal(db_step(st), DB_DONE);                   /* exactly one */
    arena_free(&a);
}

static void test_measurement_add_missing_kpi(void **state) {
    struct tu_demo *d = *state;
    struct counts before = count_rows(d->db);
    struct measurement m = {.period = (char *)"2025-03-31", .value = 1};
    int64_t id = -77;
    assert_int_equal(store_measurement_add(d->db, 999999, &m, &tu_actor, &id), KW_ENOTFOUND);
    assert_int_equal(id, -77);                                /* ret_id untouched */
    assert_false(db_in_transaction(d->db));
    struct counts after = count_rows(d->db);
    assert_counts_equal(&before, &after);

    struct arena a = ARENA_INIT;
    struct kpi k;
    assert_int_equal(store_kpi_load(d->db, &a, 999999, &k, NULL), KW_ENOTFOUND);
    arena_free(&a);
}

/* ---- imports */

static void test_import_conflict_changes_nothing(void **state) {
    struct tu_demo *d = *state;
    struct counts before = count_rows(d->db);
    assert_int_equal(before.org, 2);
    assert_int_equal(before.measure, 53);
    FILE *devnull = fopen("/dev/null", "w");
    assert_non_null(devnull);

    /* Gotsu again, without replace */
    size_t len;
    char *text = tu_read_source("data/demo/322075.json", &len);
    struct import_source src = {"322075.json", text, len};
    assert_int_equal(import_documents(d->db, &src, 1, false, &tu_actor, devnull), KW_ECONFLICT);
    assert_false(db_in_transaction(d->db));
    struct counts after = count_rows(d->db);
    assert_counts_equal(&before, &after);

    /* a new organisation together with an existing one: the new one is not kept either */
    struct arena a = ARENA_INIT;
    char *renamed = arena_strdup(&a, text);
    char *code = strstr(renamed, "\"322075\"");
    assert_non_null(code);
    memcpy(code + 1, "130001", 6);                           /* 東京都, a valid prefecture code */
    struct import_source two[2] = {{"130001.json", renamed, len}, {"322075.json", text, len}};
    assert_int_equal(import_documents(d->db, two, 2, false, &tu_actor, devnull), KW_ECONFLICT);
    after = count_rows(d->db);
    assert_counts_equal(&before, &after);
    struct org o;
    assert_int_equal(store_org_by_code(d->db, &a, "130001", &o), KW_ENOTFOUND);

    /* with replace the document is merged: the same document changes nothing, doubles nothing and
     * publishes nothing; one audit row says the organisation was replaced */
    int64_t versions = tu_sql_int(d->db, "SELECT count(*) FROM plan_version");
    assert_int_equal(import_documents(d->db, &src, 1, true, &tu_actor, devnull), 0);
    after = count_rows(d->db);
    assert_int_equal(after.org, 2);
    assert_int_equal(after.measure, before.measure);
    assert_int_equal(after.kpi, before.kpi);
    assert_int_equal(after.fts, before.fts);
    assert_int_equal(after.audit, before.audit + 1);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM plan_version"), versions);

    arena_free(&a);
    free(text);
    fclose(devnull);
}

static void test_import_invalid_changes_nothing(void **state) {
    struct tu_demo *d = *state;
    struct counts before = count_rows(d->db);
    FILE *devnull = fopen("/dev/null", "w");
    const char *bad = "{\"format\":\"kawaru-plan/1\",\"org\":{\"code\":\"130002\",\"name\":\"x\"},\"plans\":[]}";
    struct import_source src = {"bad.json", bad, strlen(bad)};
    assert_int_equal(import_documents(d->db, &src, 1, true, &tu_actor, devnull), KW_EINVAL);
    struct counts after = count_rows(d->db);
    assert_counts_equal(&before, &after);
    fclose(devnull);
}

/* ---- measure edits */

static bool search_has(struct db *db, int64_t plan, const char *q, int64_t id) {
    struct arena a = ARENA_INIT;
    struct measure *v;
    size_t n;
    assert_int_equal(store_measure_search(db, &a, plan, q, NULL, NULL, LOAD_SUMMARY, &v, &n, NULL), 0);
    bool found = false;
    for (size_t i = 0; i < n; i++)
        found |= v[i].id == id;
    arena_free(&a);
    return found;
}

static void test_measure_update_reindexes(void **state) {
    struct tu_demo *d = *state;
    int64_t plan = tu_plan_id(d->db, "322075"), id;
    assert_int_equal(store_measure_id_by_key(d->db, plan, "1-2-1", &id), 0);
    const char *old_title = "住民票の写し等のコンビニ交付";
    const char *new_title = "証明書のスマホ申請と郵送交付";
    assert_true(search_has(d->db, plan, old_title, id));
    assert_false(search_has(d->db, plan, new_title, id));

    struct measure_patch p = {.title = new_title};
    assert_int_equal(store_measure_update(d->db, id, &p, &tu_actor), 0);

    struct arena a = ARENA_INIT;
    struct measure m;
    struct measure_ref ref;
    assert_int_equal(store_measure_load(d->db, &a, id, &m, &ref), 0);
    assert_string_equal(m.title, new_title);
    assert_string_equal(m.code, "1-2-1");
    assert_string_equal(ref.org_code, "322075");
    assert_int_equal(ref.plan_id, plan);
    assert_non_null(m.current);                              /* untouched fields stay */
    assert_true(search_has(d->db, plan, new_title, id));
    assert_true(search_has(d->db, plan, "スマホ申請", id));
    assert_false(search_has(d->db, plan, old_title, id));
    assert_true(search_has(d->db, plan, "市民生活課", id));   /* the rest of the text is still indexed */

    /* one audit row with the title before and after */
    assert_int_equal(tu_sql_int(d->db,
        "SELECT count(*) FROM audit WHERE entity = 'measure' AND action = 'update' "
        "AND before_json LIKE '%コンビニ交付%' AND after_json LIKE '%スマホ申請%'"), 1);
    arena_free(&a);
}

static void test_measure_update_missing(void **state) {
    struct tu_demo *d = *state;
    struct counts before = count_rows(d->db);
    struct measure_patch p = {.title = "x"};
    assert_int_equal(store_measure_update(d->db, 999999, &p, &tu_actor), KW_ENOTFOUND);
    assert_false(db_in_transaction(d->db));
    struct counts after = count_rows(d->db);
    assert_counts_equal(&before, &after);
}

/* Export from the store gives the document that was imported (content, not ids). */
static void test_org_doc_load_round_trip(void **state) {
    struct tu_demo *d = *state;
    struct arena a = ARENA_INIT;
    struct org_doc doc;
    assert_int_equal(store_org_doc_load(d->db, &a, "322075", &doc), 0);
    struct buf from_db = BUF_INIT, from_file = BUF_INIT;
    plan_doc_write(&from_db, &doc, 2);

    size_t len;
    char *text = tu_read_source("data/demo/322075.json", &len);
    struct org_doc fdoc;
    struct doc_errors errs;
    assert_int_equal(plan_doc_parse(text, len, &a, &fdoc, &errs), 0);
    plan_doc_write(&from_file, &fdoc, 2);
    assert_string_equal(buf_cstr(&from_db), buf_cstr(&from_file));
    buf_free(&from_db);
    buf_free(&from_file);
    free(text);
    arena_free(&a);
}

/* Everything a measure holds per fiscal year — schedule (by year and by quarter), progress and
 * quarterly reviews — comes back from the store exactly as imported, whether the measure is
 * loaded alone or with its whole plan. */
static void test_periods_and_reviews_round_trip(void **state) {
    static const char doc_text[] =
        "{\"format\":\"kawaru-plan/1\",\"org\":{\"code\":\"122319\",\"name\":\"印西市\"},"
        "\"departments\":[{\"code\":\"a\",\"name\":\"A課\"}],"
        "\"plans\":[{\"title\":\"計画\",\"kind\":\"strategy\","
        "\"rating_scale\":[{\"code\":\"on_track\",\"label\":\"順調\",\"problem\":false},"
        "{\"code\":\"delayed\",\"label\":\"遅れ\",\"problem\":true}],"
        "\"pillars\":[{\"code\":\"A\",\"title\":\"柱\",\"themes\":[{\"title\":\"主な施策\",\"measures\":["
        "{\"code\":\"A-1\",\"title\":\"書かない窓口\",\"departments\":[\"A課\"],\"means\":[\"書かない窓口\"],"
        "\"tags\":[\"窓口\"],\"links\":[\"A-2\"],"
        "\"schedule\":[{\"fy\":2025,\"items\":[\"検討\",\"試行\"]},{\"fy\":2025,\"quarter\":3,\"items\":[\"導入\"]},"
        "{\"fy\":2026,\"items\":[\"運用\"]}],"
        "\"progress\":[{\"fy\":2025,\"quarter\":2,\"items\":[\"先進地視察\"]}],"
        "\"reviews\":[{\"fy\":2025,\"quarter\":2,\"rating\":\"on_track\",\"text\":\"予定どおり\"},"
        "{\"fy\":2025,\"quarter\":3,\"rating\":\"delayed\",\"text\":\"業者選定が遅れた\",\"issues\":\"予算\","
        "\"next_steps\":\"再公募\",\"decision\":\"revise\",\"decision_note\":\"工程を見直す\"}]},"
        "{\"code\":\"A-2\",\"title\":\"窓口業務改善\"}]}]}]}]}";
    char *dir = tu_mkdtemp();
    struct db *db = tu_open_db(dir);
    struct import_source src = {"periods.json", doc_text, strlen(doc_text)};
    assert_int_equal(import_documents(db, &src, 1, false, &tu_actor, stderr), 0);

    struct arena a = ARENA_INIT;
    struct org_doc doc, expected;
    struct doc_errors errs;
    assert_int_equal(plan_doc_parse(doc_text, strlen(doc_text), &a, &expected, &errs), 0);
    struct buf want = BUF_INIT, got = BUF_INIT;
    plan_doc_write(&want, &expected, 2);
    assert_int_equal(store_org_doc_load(db, &a, "122319", &doc), 0);      /* whole plans */
    plan_doc_write(&got, &doc, 2);
    assert_string_equal(buf_cstr(&got), buf_cstr(&want));

    const struct measure *m = &doc.plans[0].pillars[0].themes[0].measures[0];
    struct measure one;                                                      /* one measure */
    assert_int_equal(store_measure_load(db, &a, m->id, &one, NULL), 0);
    assert_int_equal(one.n_schedule, 3);
    assert_int_equal(one.schedule[1].quarter, 3);
    assert_int_equal(one.n_progress, 1);
    assert_int_equal(one.n_reviews, 2);
    assert_string_equal(one.reviews[1].rating, "delayed");
    assert_string_equal(one.reviews[1].text, "業者選定が遅れた");
    assert_string_equal(one.reviews[1].next_steps, "再公募");
    assert_string_equal(one.reviews[1].decision, "revise");
    assert_int_equal(one.reviews[1].state, REVIEW_CONFIRMED);
    assert_int_equal(one.means.n, 1);
    assert_int_equal(one.tags.n, 1);
    assert_int_equal(one.links.n, 1);
    assert_string_equal(one.links.items[0], "A-2");
    struct buf a_json = BUF_INIT, b_json = BUF_INIT;
    struct jw w;
    jw_init(&w, &a_json, 0);
    plan_doc_write_measure(&w, m, 0, 0);
    jw_init(&w, &b_json, 0);
    plan_doc_write_measure(&w, &one, 0, 0);
    assert_string_equal(buf_cstr(&b_json), buf_cstr(&a_json));

    buf_free(&want); buf_free(&got); buf_free(&a_json); buf_free(&b_json);
    arena_free(&a);
    tu_close_db(db, dir);
}

/* A read transaction kept between requests serves the same snapshot while nothing is written,
 * sees a write by another connection once the data version moves, and is ended by a write on
 * its own connection and by db_release_idle_read. */
static void test_kept_read_transaction(void **state) {
    struct tu_demo *d = *state;
    if (tu_pg())
        skip();         /* SQLite's WAL snapshot: PostgreSQL keeps no read transaction (db_read_begin) */
    struct db *other = tu_open_again(d->dir);
    const char *count_sql = "SELECT count(*) FROM org";

    assert_int_equal(db_read_begin(d->db), 0);
    int64_t before = tu_sql_int(d->db, count_sql);
    db_read_end(d->db);
    assert_false(sqlite3_get_autocommit(db_handle(d->db)));       /* kept open */

    /* a write elsewhere that does not bump the version is not seen: the snapshot is kept */
    tu_sql_exec(other, "INSERT INTO org (code, name) VALUES ('999997', 'x')");
    assert_int_equal(db_read_begin(d->db), 0);
    assert_int_equal(tu_sql_int(d->db, count_sql), before);
    db_read_end(d->db);

    /* once the version moves (as a commit or the file watch does), the next request sees it */
    db_bump_data_version();
    assert_int_equal(db_read_begin(d->db), 0);
    assert_int_equal(tu_sql_int(d->db, count_sql), before + 1);
    db_read_end(d->db);

    /* a write on the kept connection ends the read first and commits */
    assert_int_equal(db_begin(d->db), 0);
    tu_sql_exec(d->db, "DELETE FROM org WHERE code = '999997'");
    assert_int_equal(db_commit(d->db), 0);
    assert_true(sqlite3_get_autocommit(db_handle(d->db)));
    assert_int_equal(tu_sql_int(other, count_sql), before);

    /* an idle kept read is released by another thread's sweep, a busy one is not */
    assert_int_equal(db_read_begin(d->db), 0);
    tu_sql_int(d->db, count_sql);
    db_read_end(d->db);
    db_lock(d->db);
    db_release_idle_read(d->db, 0);
    assert_false(sqlite3_get_autocommit(db_handle(d->db)));      /* busy: left alone */
    db_unlock(d->db);
    db_release_idle_read(d->db, 0);
    assert_true(sqlite3_get_autocommit(db_handle(d->db)));
    db_close(other);
}

/* The aggregates the triggers keep equal what kpi_calc.c sums from the rows, exactly, after
 * inserts out of order, an update and deletes; so lists and pages derive the same figures. */
static void assert_stats_match_rows(struct db *db, int64_t kpi_id) {
    struct arena a = ARENA_INIT;
    struct kpi k;
    int64_t measure_id;
    assert_int_equal(store_kpi_load(db, &a, kpi_id, &k, &measure_id), 0);
    assert_true(k.has_stats);
    struct kpi_stats c;
    kpi_stats_compute(&k, &c);
    assert_int_equal(k.stats.n, c.n);
    assert_true(k.stats.sum_x == c.sum_x && k.stats.sum_y == c.sum_y);
    assert_true(k.stats.sum_xx == c.sum_xx && k.stats.sum_xy == c.sum_xy);
    if (c.latest_period) {
        assert_string_equal(k.stats.latest_period, c.latest_period);
        assert_true(k.stats.latest == c.latest);
    } else {
        assert_null(k.stats.latest_period);
    }
    struct kpi_derived stored, summed;
    kw_date today = date_from_ymd(2025, 10, 1);
    kpi_derive(&k, today, &stored);
    k.has_stats = false;
    kpi_derive(&k, today, &summed);
    assert_int_equal(stored.has_forecast, summed.has_forecast);
    assert_true(stored.forecast == summed.forecast);
    assert_int_equal(stored.status, summed.status);
    arena_free(&a);
}

static void test_kpi_stats_follow_measurements(void **state) {
    struct tu_demo *d = *state;
    int64_t kpi_id = gotsu_kpi_id(d->db, "1-1-3");
    const char *periods[] = {"2025-09-30", "2024-09-30", "2025-03-31"};
    const double values[] = {31.7, 0.3, 12.5};
    for (int i = 0; i < 3; i++) {
        struct measurement m = {.period = (char *)periods[i], .value = values[i]};
        int64_t id;
        assert_int_equal(store_measurement_add(d->db, kpi_id, &m, &tu_actor, &id), 0);
        assert_stats_match_rows(d->db, kpi_id);
    }
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT m_latest_value FROM kpi WHERE id = %lld", (long long)kpi_id);
    assert_int_equal(tu_sql_int(d->db, sql), 31);            /* 31.7, the latest period */
    snprintf(sql, sizeof sql, "UPDATE kpi_measurement SET period = '2026-03-31' WHERE kpi_id = %lld AND value = 0.3",
             (long long)kpi_id);
    tu_sql_exec(d->db, sql);
    assert_stats_match_rows(d->db, kpi_id);
    snprintf(sql, sizeof sql, "SELECT m_latest_value * 10 FROM kpi WHERE id = %lld", (long long)kpi_id);
    assert_int_equal(tu_sql_int(d->db, sql), 3);             /* now 0.3 is the latest */
    snprintf(sql, sizeof sql, "DELETE FROM kpi_measurement WHERE kpi_id = %lld", (long long)kpi_id);
    tu_sql_exec(d->db, sql);
    assert_stats_match_rows(d->db, kpi_id);
    snprintf(sql, sizeof sql, "SELECT m_count FROM kpi WHERE id = %lld", (long long)kpi_id);
    assert_int_equal(tu_sql_int(d->db, sql), 0);
}

/* A database made by the first schema (lists as JSON columns, no KPI aggregates) is brought
 * up to date when opened, even by a read-only command, and keeps every value. */
static void test_migration_from_schema_1(void **state) {
    (void)state;
    if (tu_pg())
        skip();         /* SQLite's migrations of an old SQLite file */
    char *dir = tu_mkdtemp();
    char path[600], err[256];
    snprintf(path, sizeof path, "%s/old.db", dir);
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
    assert_int_equal(search_register(raw), 0);             /* the schema's search tokenizer */
    const struct embedded_file *v1 = embed_find("src/store/sql/001_init.sql");
    assert_non_null(v1);
    assert_int_equal(sqlite3_exec(raw, (const char *)v1->data, NULL, NULL, NULL), SQLITE_OK);
    const char *rows =
        "INSERT INTO org (id, code, name) VALUES (1, '322075', '江津市');"
        "INSERT INTO plan (id, org_id, position, title, kind, vision_json, principles_json, goals_json, "
        " revisions_json, rating_scale_json) VALUES (1, 1, 0, '計画', 'action_plan', "
        " '[{\"title\":\"めざす姿\",\"text\":\"本文\"}]', '[{\"title\":\"行動指針\"}]', "
        " '[{\"name\":\"業務量削減率\",\"unit\":\"%\",\"direction\":\"decrease\",\"target\":{\"value\":30,\"fy\":2026}}]', "
        " '[{\"version\":\"1.0\",\"date\":\"2023-03-31\",\"notes\":[\"初版発行\"]},"
        "   {\"version\":\"1.1\",\"date\":\"2023-09-30\",\"notes\":[\"a\",\"b\"]}]', "
        " '[{\"code\":\"ok\",\"label\":\"順調\",\"problem\":false},{\"code\":\"late\",\"label\":\"遅れ\",\"color\":\"#c00\",\"problem\":true}]');"
        "INSERT INTO pillar (id, plan_id, position, code, title, examples_json) "
        " VALUES (1, 1, 0, '1', '柱', '[\"例1\",\"例2\"]');"
        "INSERT INTO theme (id, pillar_id, position, code, title, means_json) "
        " VALUES (1, 1, 0, '①', 'テーマ', '[{\"name\":\"手段\",\"note\":\"注\"},{\"name\":\"手段2\"}]');"
        "INSERT INTO measure (id, theme_id, plan_id, position, code, title) VALUES (1, 1, 1, 0, '1-1-1', '施策');"
        "INSERT INTO kpi (id, measure_id, position, name, target_state) VALUES (1, 1, 0, '指標', 'none');"
        "INSERT INTO kpi_measurement (kpi_id, period, value) VALUES (1, '2024-03-31', 7), (1, '2023-03-31', 3);"
        "PRAGMA user_version = 1;";
    assert_int_equal(sqlite3_exec(raw, rows, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(raw);

    struct db *db;
    int rc = db_open(path, DB_READONLY, &db, err, sizeof err);
    if (rc != 0)
        fail_msg("db_open: %s", err);
    assert_true(db_schema_version(db) >= 4);
    struct arena a = ARENA_INIT;
    struct plan p;
    assert_int_equal(store_plan_load(db, &a, 1, LOAD_SUMMARY, &p), 0);
    assert_int_equal(p.n_vision, 1);
    assert_string_equal(p.vision[0].title, "めざす姿");
    assert_string_equal(p.vision[0].text, "本文");
    assert_int_equal(p.n_principles, 1);
    assert_null(p.principles[0].text);
    assert_int_equal(p.n_goals, 1);
    assert_true(p.goals[0].has_direction && p.goals[0].direction == DIR_DECREASE);
    assert_double_near(p.goals[0].target_value, 30, 0);
    assert_int_equal(p.goals[0].target_fy, 2026);
    assert_int_equal(p.n_revisions, 2);
    assert_string_equal(p.revisions[1].version, "1.1");
    assert_int_equal(p.revisions[1].notes.n, 2);
    assert_string_equal(p.revisions[1].notes.items[1], "b");
    assert_int_equal(p.n_rating_scale, 2);
    assert_false(p.rating_scale[0].problem);
    assert_true(p.rating_scale[1].problem);
    assert_string_equal(p.rating_scale[1].color, "#c00");
    assert_int_equal(p.pillars[0].examples.n, 2);
    assert_string_equal(p.pillars[0].examples.items[1], "例2");
    assert_int_equal(p.pillars[0].themes[0].n_means, 2);
    assert_string_equal(p.pillars[0].themes[0].means[0].note, "注");
    assert_null(p.pillars[0].themes[0].means[1].note);
    const struct kpi *k = &p.pillars[0].themes[0].measures[0].kpis[0];
    assert_int_equal(k->stats.n, 2);
    assert_double_near(k->stats.latest, 7, 0);
    assert_string_equal(k->stats.latest_period, "2024-03-31");
    arena_free(&a);
    db_close(db);
    tu_rmtree(dir);
}

/* Migration 15 rebuilds the tables with AUTOINCREMENT: every row keeps its id and parts, each
 * counter starts above the highest id the audit log names (rows deleted before), measures get
 * their code as key, and KPIs the period of their first measurement. Migration 17 keeps the
 * plan's texts and takes a foundation, challenges and a body's headcount. */
static void test_migration_15_keeps_ids(void **state) {
    (void)state;
    if (tu_pg())
        skip();         /* SQLite's migrations of an old SQLite file */
    char *dir = tu_mkdtemp();
    char path[600], err[256];
    snprintf(path, sizeof path, "%s/v14.db", dir);
    sqlite3 *raw = tu_schema_at(dir, "v14.db", 14);
    assert_int_equal(sqlite3_exec(raw, "PRAGMA foreign_keys = ON", NULL, NULL, NULL), SQLITE_OK);
    const char *rows =
        "INSERT INTO org (id, code, name) VALUES (1, '322075', '江津市');"
        "INSERT INTO department (id, org_id, position, code, name) VALUES (3, 1, 0, 'seisaku', '政策企画課');"
        "INSERT INTO plan (id, org_id, position, title, kind) VALUES (2, 1, 0, '計画', 'action_plan');"
        "INSERT INTO pillar (id, plan_id, position, code, title) VALUES (4, 2, 0, '1', '柱');"
        "INSERT INTO theme (id, pillar_id, position, code, title) VALUES (5, 4, 0, '①', 'テーマ');"
        "INSERT INTO measure (id, theme_id, plan_id, position, code, title) VALUES (6, 5, 2, 0, '1-1-1', '施策'),"
        " (7, 5, 2, 1, '1-1-2', '連携先');"
        "INSERT INTO measure_department (measure_id, department_id, position) VALUES (6, 3, 0);"
        "INSERT INTO measure_link (measure_id, position, target_id) VALUES (6, 0, 7);"
        "INSERT INTO kpi (id, measure_id, position, name, target_state) VALUES (8, 6, 0, '指標', 'none');"
        "INSERT INTO kpi_measurement (id, kpi_id, period, value) VALUES (20, 8, '2024-03-31', 7), (21, 8, '2023-03-31', 3);"
        "INSERT INTO plan_text (plan_id, kind, position, title, text) VALUES (2, 'vision', 0, '姿', '文');"
        "INSERT INTO body (id, org_id, position, code, name, kind) VALUES (9, 1, 0, 'hq', '本部', 'headquarters');"
        "INSERT INTO audit (actor, via, entity, entity_id, action) VALUES ('cli', 'cli', 'measure', 40, 'delete'),"
        " ('cli', 'cli', 'kpi', 9, 'delete');"
        "PRAGMA user_version = 14;";
    char *msg = NULL;
    if (sqlite3_exec(raw, rows, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("rows: %s", msg);
    sqlite3_close(raw);

    struct db *db;
    if (db_open(path, 0, &db, err, sizeof err) != 0)
        fail_msg("db_open: %s", err);
    assert_true(db_schema_version(db) >= 15);
    struct arena a = ARENA_INIT;
    struct measure m;
    assert_int_equal(store_measure_load(db, &a, 6, &m, NULL), 0);
    assert_string_equal(m.key, "1-1-1");
    assert_string_equal(m.departments.items[0], "政策企画課");
    assert_string_equal(m.links.items[0], "1-1-2");
    assert_int_equal(m.kpis[0].id, 8);
    assert_int_equal(m.kpis[0].n_measurements, 2);
    assert_int_equal(m.kpis[0].stats.n, 2);
    assert_string_equal(m.kpis[0].stats.first_period, "2023-03-31");
    assert_string_equal(m.kpis[0].stats.latest_period, "2024-03-31");
    /* new rows: above the ids the audit log names, and above the rows there are */
    struct measure fresh = {.code = "1-1-3", .title = "新規", .status = MS_ACTIVE};
    int64_t id = 0;
    assert_int_equal(store_measure_create(db, 5, &fresh, STORE_LAST, &tu_actor, &id, NULL), 0);
    assert_int_equal(id, 41);
    struct kpi k = {.name = "新指標", .target_state = TARGET_NONE};
    assert_int_equal(store_kpi_create(db, 6, &k, STORE_LAST, &tu_actor, &id, NULL), 0);
    assert_int_equal(id, 10);
    struct measurement x = {.period = "2025-03-31", .value = 1};
    assert_int_equal(store_measurement_add(db, 8, &x, &tu_actor, &id), 0);
    assert_int_equal(id, 22);
    /* migration 17: the plan's texts kept, a foundation and challenges added; a body's headcount */
    struct titled_text base = {"「変わり続ける」ことが当たり前の風土の醸成", "改善の仕組み化"};
    struct titled_text problems[2] = {{"重複管理", NULL}, {"計画期間が長い", NULL}};
    struct plan_patch pp = {.set_foundation = true, .foundation = &base, .n_foundation = 1,
                            .set_challenges = true, .challenges = problems, .n_challenges = 2};
    assert_int_equal(store_plan_update(db, 2, &pp, &tu_actor, NULL), 0);
    struct plan p;
    assert_int_equal(store_plan_load(db, &a, 2, LOAD_SUMMARY, &p), 0);
    assert_int_equal(p.n_vision, 1);
    assert_string_equal(p.vision[0].text, "文");
    assert_int_equal(p.n_foundation, 1);
    assert_string_equal(p.foundation[0].text, "改善の仕組み化");
    assert_int_equal(p.n_challenges, 2);
    assert_string_equal(p.challenges[1].title, "計画期間が長い");
    struct body b;
    struct org o;
    assert_int_equal(store_body_load(db, &a, 9, &b, &o), 0);
    assert_int_equal(b.headcount, 0);
    struct body_patch bp = {.set_headcount = true, .headcount = 28};
    assert_int_equal(store_body_update(db, 9, &bp, &tu_actor, NULL), 0);
    assert_int_equal(store_body_load(db, &a, 9, &b, &o), 0);
    assert_int_equal(b.headcount, 28);
    arena_free(&a);
    db_close(db);
    tu_rmtree(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_org_list, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_plan_load, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_measurement_add, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_measurement_add_missing_kpi, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_import_conflict_changes_nothing, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_import_invalid_changes_nothing, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_measure_update_reindexes, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_measure_update_missing, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_org_doc_load_round_trip, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test(test_periods_and_reviews_round_trip),
        cmocka_unit_test_setup_teardown(test_kept_read_transaction, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_kpi_stats_follow_measurements, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test(test_migration_from_schema_1),
        cmocka_unit_test(test_migration_15_keeps_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
