/* Tests src/store/store_edit*.c: every editing function's success and its one audit row,
 * that each kind of failure changes nothing at all (documents, positions, audit, search
 * index), and that the search index follows renames and moves. */
#include "testutil.h"

#include "store/store_internal.h"
#include "xfer/plan_doc.h"

/* ---- helpers */

/* Everything a write could change, as one string: every organisation's document, every
 * position and parent, the audit log's size and the search index. */
static char *fingerprint(struct db *db) {
    static const char *const dumps[] = {
        "SELECT count(*) || ':' || coalesce(max(id), 0) FROM audit",
        "SELECT group_concat(measure_id || '|' || title || '|' || body, '\n') FROM "
        " (SELECT measure_id, title, body FROM measure_search ORDER BY measure_id) s",
        "SELECT group_concat(id || ':' || org_id || ':' || position || ':' || coalesce(CAST(parent_id AS TEXT), '-'), ',') FROM "
        " (SELECT * FROM department ORDER BY id) s",
        "SELECT group_concat(id || ':' || org_id || ':' || position, ',') FROM (SELECT * FROM plan ORDER BY id) s",
        "SELECT group_concat(id || ':' || plan_id || ':' || position, ',') FROM (SELECT * FROM pillar ORDER BY id) s",
        "SELECT group_concat(id || ':' || pillar_id || ':' || position, ',') FROM (SELECT * FROM theme ORDER BY id) s",
        "SELECT group_concat(id || ':' || theme_id || ':' || position || ':' || updated_at, ',') FROM "
        " (SELECT * FROM measure ORDER BY id) s",
        "SELECT group_concat(id || ':' || measure_id || ':' || position, ',') FROM (SELECT * FROM kpi ORDER BY id) s",
        "SELECT count(*) FROM kpi_measurement",
    };
    struct buf b = BUF_INIT;
    struct arena a = ARENA_INIT;
    struct org *orgs;
    size_t n;
    assert_int_equal(store_org_list(db, &a, &orgs, &n), 0);
    for (size_t i = 0; i < n; i++) {
        struct org_doc doc;
        assert_int_equal(store_org_doc_load(db, &a, orgs[i].code, &doc), 0);
        plan_doc_write(&b, &doc, 0);
    }
    for (size_t i = 0; i < sizeof dumps / sizeof *dumps; i++) {
        char *s = tu_sql_str(db, dumps[i]);
        buf_printf(&b, "\n%s", s);
        free(s);
    }
    arena_free(&a);
    return buf_steal(&b);
}

/* Fails unless the database is exactly as fingerprinted, and no transaction is open. */
static void assert_unchanged(struct db *db, const char *before) {
    assert_false(db_in_transaction(db));
    char *now = fingerprint(db);
    assert_string_equal(now, before);
    free(now);
}

static int64_t audit_count(struct db *db) { return tu_sql_int(db, "SELECT count(*) FROM audit"); }

/* The write appended exactly one audit row, for entity/id/action, whose before and after JSON
 * contain the given texts (NULL: the JSON must be absent). */
static void assert_audit(struct db *db, int64_t count_before, const char *entity, int64_t id, const char *action,
                         const char *before_has, const char *after_has) {
    assert_int_equal(audit_count(db), count_before + 1);
    struct db_stmt *st = tu_sql(db, "SELECT entity, entity_id, action, before_json, after_json, actor FROM audit "
                                    "ORDER BY id DESC LIMIT 1");
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_col_str(st, 0), entity);
    assert_int_equal(db_col_int64(st, 1), id);
    assert_string_equal(db_col_str(st, 2), action);
    assert_string_equal(db_col_str(st, 5), "unit-test");
    const char *b = db_col_str(st, 3), *a = db_col_str(st, 4);
    if (before_has) {
        assert_non_null(b);
        if (!strstr(b, before_has))
            fail_msg("before_json %s lacks %s", b, before_has);
    } else {
        assert_null(b);
    }
    if (after_has) {
        assert_non_null(a);
        if (!strstr(a, after_has))
            fail_msg("after_json %s lacks %s", a, after_has);
    } else {
        assert_null(a);
    }
    db_reset(st);
}

/* The title a measure has in the search index (malloc'd). */
static char *fts_title(struct db *db, int64_t id) {
    struct db_stmt *st = tu_sql(db, "SELECT title FROM measure_search WHERE measure_id = ?1");
    db_bind_int64(st, 1, id);
    const char *v = db_step(st) == DB_ROW ? db_col_str(st, 0) : NULL;
    char *s = strdup(v ? v : "");
    db_reset(st);
    return s;
}

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

static int64_t org_id(struct db *db, const char *code) {
    struct arena a = ARENA_INIT;
    struct org o;
    assert_int_equal(store_org_by_code(db, &a, code, &o), 0);
    arena_free(&a);
    return o.id;
}

static int64_t measure_id(struct db *db, int64_t plan, const char *code) {
    int64_t id;
    assert_int_equal(store_measure_id_by_key(db, plan, code, &id), 0);
    return id;
}

static int64_t department_id(struct db *db, int64_t org, const char *name) {
    struct arena a = ARENA_INIT;
    struct department *d;
    size_t n;
    int64_t id = 0;
    assert_int_equal(store_departments(db, &a, org, &d, &n), 0);
    for (size_t i = 0; i < n; i++)
        if (strcmp(d[i].name, name) == 0)
            id = d[i].id;
    arena_free(&a);
    assert_true(id > 0);
    return id;
}

/* Where a measure sits: its theme and its index there. */
static void measure_place(struct db *db, int64_t id, int64_t *ret_theme, int *ret_pos) {
    struct db_stmt *st = tu_sql(db, "SELECT theme_id, position FROM measure WHERE id = ?1");
    db_bind_int64(st, 1, id);
    assert_int_equal(db_step(st), DB_ROW);
    *ret_theme = db_col_int64(st, 0);
    *ret_pos = db_col_int(st, 1);
    db_reset(st);
}

/* The id of the theme j of pillar i of a plan, and of pillar i. */
static int64_t theme_id(struct db *db, int64_t plan, size_t i, size_t j) {
    struct arena a = ARENA_INIT;
    struct plan p;
    assert_int_equal(store_plan_load(db, &a, plan, LOAD_SUMMARY, &p), 0);
    assert_true(i < p.n_pillars && j < p.pillars[i].n_themes);
    int64_t id = p.pillars[i].themes[j].id;
    arena_free(&a);
    return id;
}

static int64_t pillar_id(struct db *db, int64_t plan, size_t i) {
    struct arena a = ARENA_INIT;
    struct plan p;
    assert_int_equal(store_plan_load(db, &a, plan, LOAD_SUMMARY, &p), 0);
    assert_true(i < p.n_pillars);
    int64_t id = p.pillars[i].id;
    arena_free(&a);
    return id;
}

static size_t n_themes(struct db *db, int64_t plan, size_t i) {
    struct arena a = ARENA_INIT;
    struct plan p;
    assert_int_equal(store_plan_load(db, &a, plan, LOAD_SUMMARY, &p), 0);
    assert_true(i < p.n_pillars);
    size_t n = p.pillars[i].n_themes;
    arena_free(&a);
    return n;
}

static struct strlist list_of(char **items, size_t n) { return (struct strlist){items, n}; }

/* ---- organisations */

static void test_org_create_and_update(void **state) {
    struct tu_demo *d = *state;
    int64_t audits = audit_count(d->db), id = 0;
    struct edit_fail fail = {0};
    struct org o = {.code = "131041", .name = "テスト区", .prefecture = "東京都", .population = 340000};
    assert_int_equal(store_org_create(d->db, &o, &tu_actor, &id, &fail), 0);
    assert_true(id > 0);
    assert_audit(d->db, audits, "org", id, "create", NULL, "\"code\":\"131041\"");

    /* the same code again: 409 naming "code", nothing changed, ret_id untouched */
    char *before = fingerprint(d->db);
    int64_t untouched = -7;
    struct org dup = {.code = "131041", .name = "別の区"};
    assert_int_equal(store_org_create(d->db, &dup, &tu_actor, &untouched, &fail), KW_ECONFLICT);
    assert_string_equal(fail.field, "code");
    assert_int_equal(untouched, -7);
    assert_unchanged(d->db, before);

    audits = audit_count(d->db);
    struct org_patch p = {.name = "新テスト区", .prefecture = "", .set_population = true, .population = 0};
    assert_int_equal(store_org_update(d->db, id, &p, &tu_actor, &fail), 0);
    assert_audit(d->db, audits, "org", id, "update", "\"name\":\"テスト区\"", "\"prefecture\":null");
    struct arena a = ARENA_INIT;
    struct org got;
    assert_int_equal(store_org_by_code(d->db, &a, "131041", &got), 0);
    assert_string_equal(got.name, "新テスト区");
    assert_null(got.prefecture);
    assert_int_equal(got.population, 0);
    arena_free(&a);

    free(before);
    before = fingerprint(d->db);
    assert_int_equal(store_org_update(d->db, 999999, &p, &tu_actor, &fail), KW_ENOTFOUND);
    assert_unchanged(d->db, before);
    free(before);
}

/* ---- departments */

static void test_department_create(void **state) {
    struct tu_demo *d = *state;
    int64_t org = org_id(d->db, "322075"), audits = audit_count(d->db), id = 0;
    struct edit_fail fail = {0};
    struct department dep = {.code = "dx-suishin", .name = "DX推進室", .parent_code = "seisaku-kikaku"};
    char *before = fingerprint(d->db);

    /* failures first: each names its field and changes nothing */
    struct { struct department d; int pos; int err; const char *field; } bad[] = {
        {{.code = "seisaku-kikaku", .name = "新しい課"}, STORE_LAST, KW_ECONFLICT, "code"},
        {{.code = "new-ka", .name = "政策企画課"}, STORE_LAST, KW_ECONFLICT, "name"},
        {{.code = "new-ka", .name = "新しい課", .parent_code = "no-such"}, STORE_LAST, KW_EINVAL, "parent"},
        {{.code = "new-ka", .name = "新しい課"}, 24, KW_EINVAL, "position"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        memset(&fail, 0, sizeof fail);
        assert_int_equal(store_department_create(d->db, org, &bad[i].d, bad[i].pos, &tu_actor, &id, &fail), bad[i].err);
        assert_string_equal(fail.field, bad[i].field);
        assert_true(fail.message[0] != '\0');
        assert_unchanged(d->db, before);
    }
    assert_int_equal(store_department_create(d->db, 999999, &dep, STORE_LAST, &tu_actor, &id, &fail), KW_ENOTFOUND);
    assert_unchanged(d->db, before);

    /* at position 1 (of 24): the others shift */
    assert_int_equal(store_department_create(d->db, org, &dep, 1, &tu_actor, &id, &fail), 0);
    assert_audit(d->db, audits, "department", id, "create", NULL, "\"parent\":\"seisaku-kikaku\"");
    struct arena a = ARENA_INIT;
    struct department *v;
    size_t n;
    assert_int_equal(store_departments(d->db, &a, org, &v, &n), 0);
    assert_int_equal(n, 24);
    assert_string_equal(v[0].name, "窓口担当課");
    assert_string_equal(v[1].name, "DX推進室");
    assert_string_equal(v[1].parent_code, "seisaku-kikaku");
    assert_string_equal(v[2].name, "政策企画課");
    assert_int_equal(tu_sql_int(d->db, "SELECT count(DISTINCT position) FROM department WHERE org_id = "
                                       "(SELECT id FROM org WHERE code = '322075') AND position BETWEEN 0 AND 23"), 24);
    arena_free(&a);
    free(before);
}

static void test_department_update_reindexes(void **state) {
    struct tu_demo *d = *state;
    int64_t org = org_id(d->db, "322075"), plan = tu_plan_id(d->db, "322075");
    int64_t dep = department_id(d->db, org, "窓口担当課"), m = measure_id(d->db, plan, "1-1-3");
    int64_t audits = audit_count(d->db);
    struct edit_fail fail = {0};
    assert_true(search_has(d->db, plan, "窓口担当課", m));

    struct department_patch p = {.name = "市民窓口課", .code = "shimin-madoguchi"};
    assert_int_equal(store_department_update(d->db, dep, &p, &tu_actor, &fail), 0);
    assert_audit(d->db, audits, "department", dep, "update", "\"name\":\"窓口担当課\"", "\"name\":\"市民窓口課\"");
    assert_true(search_has(d->db, plan, "市民窓口課", m));          /* the measures naming it were reindexed */
    assert_false(search_has(d->db, plan, "窓口担当課", m));
    struct arena a = ARENA_INIT;
    struct measure got;
    assert_int_equal(store_measure_load(d->db, &a, m, &got, NULL), 0);
    assert_string_equal(got.departments.items[0], "市民窓口課");
    arena_free(&a);

    /* a move only: action "move" */
    audits = audit_count(d->db);
    struct department_patch mv = {.set_position = true, .position = 22};
    assert_int_equal(store_department_update(d->db, dep, &mv, &tu_actor, &fail), 0);
    assert_audit(d->db, audits, "department", dep, "move", "\"position\":0", "\"position\":22");

    char *before = fingerprint(d->db);
    int64_t seisaku = department_id(d->db, org, "政策企画課");
    struct { int64_t id; struct department_patch p; int err; const char *field; } bad[] = {
        {seisaku, {.code = "somu"}, KW_ECONFLICT, "code"},
        {seisaku, {.name = "総務課"}, KW_ECONFLICT, "name"},
        {seisaku, {.parent = "seisaku-kikaku"}, KW_EINVAL, "parent"},                  /* itself */
        {seisaku, {.parent = "nope"}, KW_EINVAL, "parent"},
        {seisaku, {.set_position = true, .position = 23}, KW_EINVAL, "position"},
        {seisaku, {.name = "変わらない", .set_position = true, .position = 23}, KW_EINVAL, "position"},
        {999999, {.name = "x"}, KW_ENOTFOUND, ""},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        memset(&fail, 0, sizeof fail);
        assert_int_equal(store_department_update(d->db, bad[i].id, &bad[i].p, &tu_actor, &fail), bad[i].err);
        assert_string_equal(fail.field, bad[i].field);
        assert_unchanged(d->db, before);
    }
    free(before);

    /* a cycle: seisaku under a child of seisaku */
    struct department child = {.code = "child", .name = "子の課", .parent_code = "seisaku-kikaku"};
    int64_t child_id;
    assert_int_equal(store_department_create(d->db, org, &child, STORE_LAST, &tu_actor, &child_id, &fail), 0);
    before = fingerprint(d->db);
    struct department_patch cyc = {.parent = "child"};
    assert_int_equal(store_department_update(d->db, seisaku, &cyc, &tu_actor, &fail), KW_EINVAL);
    assert_string_equal(fail.field, "parent");
    assert_unchanged(d->db, before);
    free(before);
}

static void test_department_delete(void **state) {
    struct tu_demo *d = *state;
    int64_t org = org_id(d->db, "322075");
    struct edit_fail fail = {0};
    char *before = fingerprint(d->db);
    assert_int_equal(store_department_delete(d->db, department_id(d->db, org, "会計課"), &tu_actor, &fail), KW_ECONFLICT);
    assert_true(strstr(fail.message, "measure") != NULL);
    assert_unchanged(d->db, before);
    assert_int_equal(store_department_delete(d->db, 999999, &tu_actor, &fail), KW_ENOTFOUND);
    assert_unchanged(d->db, before);
    free(before);

    struct department dep = {.code = "tmp", .name = "一時の課"};
    int64_t id, audits;
    assert_int_equal(store_department_create(d->db, org, &dep, 0, &tu_actor, &id, &fail), 0);
    audits = audit_count(d->db);
    assert_int_equal(store_department_delete(d->db, id, &tu_actor, &fail), 0);
    assert_audit(d->db, audits, "department", id, "delete", "\"name\":\"一時の課\"", NULL);
    /* the others close the gap */
    assert_int_equal(tu_sql_int(d->db, "SELECT max(position) FROM department WHERE org_id = "
                                       "(SELECT id FROM org WHERE code = '322075')"), 22);
    assert_int_equal(tu_sql_int(d->db, "SELECT position FROM department WHERE code = 'madoguchi' AND org_id = "
                                       "(SELECT id FROM org WHERE code = '322075')"), 0);
}

/* ---- plans */

static void test_plan_create_update_delete(void **state) {
    struct tu_demo *d = *state;
    int64_t org = org_id(d->db, "322075"), gotsu = tu_plan_id(d->db, "322075"), id, audits = audit_count(d->db);
    struct edit_fail fail = {0};
    struct plan p = {.title = "第2期アクションプラン", .kind = "action_plan", .motto = "", .from_fy = 2027, .to_fy = 2030};
    char *before = fingerprint(d->db);
    assert_int_equal(store_plan_create(d->db, org, &p, 2, &tu_actor, &id, &fail), KW_EINVAL);
    assert_string_equal(fail.field, "position");
    assert_unchanged(d->db, before);
    assert_int_equal(store_plan_create(d->db, 999999, &p, STORE_LAST, &tu_actor, &id, &fail), KW_ENOTFOUND);
    assert_unchanged(d->db, before);
    free(before);

    assert_int_equal(store_plan_create(d->db, org, &p, 0, &tu_actor, &id, &fail), 0);
    assert_audit(d->db, audits, "plan", id, "create", NULL, "\"motto\":null");
    struct arena a = ARENA_INIT;
    struct plan_summary *ps;
    size_t n;
    assert_int_equal(store_plan_list(d->db, &a, org, &ps, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(ps[0].id, id);                      /* first */
    assert_int_equal(ps[0].draft.from_fy, 2027);
    assert_int_equal(ps[1].id, gotsu);

    audits = audit_count(d->db);
    struct plan_patch up = {.title = "第2期", .summary = "要約", .set_period = true, .from_fy = 2028, .to_fy = 0,
                            .set_position = true, .position = 1};
    assert_int_equal(store_plan_update(d->db, id, &up, &tu_actor, &fail), 0);
    assert_audit(d->db, audits, "plan", id, "update", "\"to_fy\":2030", "\"to_fy\":null");
    struct plan got;
    assert_int_equal(store_plan_load(d->db, &a, id, LOAD_FULL, &got), 0);
    assert_string_equal(got.title, "第2期");
    assert_string_equal(got.summary, "要約");
    assert_int_equal(got.from_fy, 2028);
    assert_int_equal(got.to_fy, 0);
    assert_int_equal(store_plan_list(d->db, &a, org, &ps, &n), 0);
    assert_int_equal(ps[0].id, gotsu);
    assert_int_equal(ps[1].id, id);

    before = fingerprint(d->db);
    struct plan_patch bad = {.title = "変わらない", .set_position = true, .position = 2};
    assert_int_equal(store_plan_update(d->db, id, &bad, &tu_actor, &fail), KW_EINVAL);
    assert_unchanged(d->db, before);
    assert_int_equal(store_plan_update(d->db, 999999, &up, &tu_actor, &fail), KW_ENOTFOUND);
    assert_unchanged(d->db, before);
    assert_int_equal(store_plan_delete(d->db, 999999, &tu_actor, NULL), KW_ENOTFOUND);
    assert_unchanged(d->db, before);
    free(before);

    /* Gotsu's plan has a published version and measurements: it is not deleted */
    before = fingerprint(d->db);
    struct edit_fail why = {0};
    assert_int_equal(store_plan_delete(d->db, gotsu, &tu_actor, &why), KW_ECONFLICT);
    assert_non_null(strstr(why.message, "1 published version"));
    assert_non_null(strstr(why.message, "abolish it instead"));
    assert_unchanged(d->db, before);
    free(before);
    /* Inzai's plan, published as its 案, is not deleted either; without that version (a draft
     * without history) deleting it takes its 23 measures out of the tables and the search index */
    int64_t inzai = tu_plan_id(d->db, "122319");
    assert_int_equal(store_plan_delete(d->db, inzai, &tu_actor, &why), KW_ECONFLICT);
    assert_non_null(strstr(why.message, "1 published version"));
    struct db_stmt *unpublish = tu_sql(d->db, "DELETE FROM plan_version WHERE plan_id = ?1");
    db_bind_int64(unpublish, 1, inzai);
    assert_int_equal(db_step_done(d->db, unpublish), 0);
    int64_t fts = tu_sql_int(d->db, "SELECT count(*) FROM measure_search");
    int64_t m = measure_id(d->db, inzai, "A-1");
    audits = audit_count(d->db);
    assert_int_equal(store_plan_delete(d->db, inzai, &tu_actor, NULL), 0);
    assert_audit(d->db, audits, "plan", inzai, "delete", "印西市", NULL);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM measure_search"), fts - 23);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM measure WHERE plan_id NOT IN (SELECT id FROM plan)"), 0);
    struct measure gone;
    assert_int_equal(store_measure_load(d->db, &a, m, &gone, NULL), KW_ENOTFOUND);
    arena_free(&a);
}

/* ---- pillars and themes */

static void test_pillar_edits(void **state) {
    struct tu_demo *d = *state;
    int64_t plan = tu_plan_id(d->db, "322075"), id, audits = audit_count(d->db);
    struct edit_fail fail = {0};
    char *examples[] = {"例1", "例2"};
    struct pillar p = {.code = "4", .title = "新しい改革", .examples = list_of(examples, 2)};
    char *before = fingerprint(d->db);
    assert_int_equal(store_pillar_create(d->db, plan, &p, 4, &tu_actor, &id, &fail), KW_EINVAL);
    assert_string_equal(fail.field, "position");
    assert_unchanged(d->db, before);
    assert_int_equal(store_pillar_create(d->db, 999999, &p, STORE_LAST, &tu_actor, &id, &fail), KW_ENOTFOUND);
    assert_unchanged(d->db, before);
    free(before);

    assert_int_equal(store_pillar_create(d->db, plan, &p, 1, &tu_actor, &id, &fail), 0);
    assert_audit(d->db, audits, "pillar", id, "create", NULL, "\"examples\":[\"例1\",\"例2\"]");
    assert_int_equal(pillar_id(d->db, plan, 1), id);

    audits = audit_count(d->db);
    struct strlist none = {0};
    struct pillar_patch up = {.title = "改題", .summary = "概要", .examples = &none};
    assert_int_equal(store_pillar_update(d->db, id, &up, &tu_actor, &fail), 0);
    assert_audit(d->db, audits, "pillar", id, "update", "\"title\":\"新しい改革\"", "\"examples\":null");
    audits = audit_count(d->db);
    struct pillar_patch mv = {.set_position = true, .position = 3};
    assert_int_equal(store_pillar_update(d->db, id, &mv, &tu_actor, &fail), 0);
    assert_audit(d->db, audits, "pillar", id, "move", "\"position\":1", "\"position\":3");
    assert_int_equal(pillar_id(d->db, plan, 3), id);

    before = fingerprint(d->db);
    struct pillar_patch bad = {.title = "x", .set_position = true, .position = 4};
    assert_int_equal(store_pillar_update(d->db, id, &bad, &tu_actor, &fail), KW_EINVAL);
    assert_unchanged(d->db, before);
    assert_int_equal(store_pillar_update(d->db, 999999, &up, &tu_actor, &fail), KW_ENOTFOUND);
    assert_unchanged(d->db, before);
    /* a pillar with themes stays */
    assert_int_equal(store_pillar_delete(d->db, pillar_id(d->db, plan, 0), &tu_actor, &fail), KW_ECONFLICT);
    assert_unchanged(d->db, before);
    assert_int_equal(store_pillar_delete(d->db, 999999, &tu_actor, &fail), KW_ENOTFOUND);
    assert_unchanged(d->db, before);
    free(before);

    audits = audit_count(d->db);
    assert_int_equal(store_pillar_delete(d->db, id, &tu_actor, &fail), 0);
    assert_audit(d->db, audits, "pillar", id, "delete", "\"title\":\"改題\"", NULL);
    assert_int_equal(n_themes(d->db, plan, 0), 8);
    assert_int_equal(pillar_id(d->db, plan, 2) != id, true);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM pillar WHERE title = '改題'"), 0);
}

static void test_theme_edits(void **state) {
    struct tu_demo *d = *state;
    int64_t plan = tu_plan_id(d->db, "322075"), inzai = tu_plan_id(d->db, "122319"), id, audits = audit_count(d->db);
    struct edit_fail fail = {0};
    struct means_entry means[] = {{"RPA", "定型業務"}};
    struct theme t = {.code = "⑨", .title = "新しいテーマ", .means = means, .n_means = 1};
    int64_t p0 = pillar_id(d->db, plan, 0), p1 = pillar_id(d->db, plan, 1);
    char *before = fingerprint(d->db);
    assert_int_equal(store_theme_create(d->db, p0, &t, 9, &tu_actor, &id, &fail), KW_EINVAL);
    assert_unchanged(d->db, before);
    assert_int_equal(store_theme_create(d->db, 999999, &t, STORE_LAST, &tu_actor, &id, &fail), KW_ENOTFOUND);
    assert_unchanged(d->db, before);
    free(before);

    assert_int_equal(store_theme_create(d->db, p0, &t, STORE_LAST, &tu_actor, &id, &fail), 0);
    assert_audit(d->db, audits, "theme", id, "create", NULL, "\"means\":[{\"name\":\"RPA\",\"note\":\"定型業務\"}]");
    assert_int_equal(theme_id(d->db, plan, 0, 8), id);

    /* move to pillar 2 as its first theme; the themes left behind close up */
    audits = audit_count(d->db);
    struct theme_patch mv = {.pillar_id = p1, .set_position = true, .position = 0};
    assert_int_equal(store_theme_update(d->db, id, &mv, &tu_actor, &fail), 0);
    assert_audit(d->db, audits, "theme", id, "move", "\"position\":8", "\"position\":0");
    assert_int_equal(theme_id(d->db, plan, 1, 0), id);
    assert_int_equal(n_themes(d->db, plan, 0), 8);
    assert_int_equal(n_themes(d->db, plan, 1), 5);
    assert_int_equal(tu_sql_int(d->db, "SELECT max(position) FROM theme WHERE code = '⑧'"), 7);

    audits = audit_count(d->db);
    struct theme_patch up = {.code = "", .title = "改題テーマ", .set_means = true};
    assert_int_equal(store_theme_update(d->db, id, &up, &tu_actor, &fail), 0);
    assert_audit(d->db, audits, "theme", id, "update", "\"code\":\"⑨\"", "\"code\":null");

    before = fingerprint(d->db);
    struct theme_patch bad[] = {
        {.pillar_id = pillar_id(d->db, inzai, 0)},                       /* another plan */
        {.pillar_id = 999999},
        {.title = "x", .pillar_id = p0, .set_position = true, .position = 9},
        {.set_position = true, .position = 5},
    };
    const char *fields[] = {"pillar_id", "pillar_id", "position", "position"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        memset(&fail, 0, sizeof fail);
        assert_int_equal(store_theme_update(d->db, id, &bad[i], &tu_actor, &fail), KW_EINVAL);
        assert_string_equal(fail.field, fields[i]);
        assert_unchanged(d->db, before);
    }
    assert_int_equal(store_theme_update(d->db, 999999, &up, &tu_actor, &fail), KW_ENOTFOUND);
    assert_unchanged(d->db, before);
    assert_int_equal(store_theme_delete(d->db, theme_id(d->db, plan, 0, 0), &tu_actor, &fail), KW_ECONFLICT);
    assert_unchanged(d->db, before);
    assert_int_equal(store_theme_delete(d->db, 999999, &tu_actor, &fail), KW_ENOTFOUND);
    assert_unchanged(d->db, before);
    free(before);

    audits = audit_count(d->db);
    assert_int_equal(store_theme_delete(d->db, id, &tu_actor, &fail), 0);
    assert_audit(d->db, audits, "theme", id, "delete", "改題テーマ", NULL);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM theme WHERE title = '改題テーマ'"), 0);
}

/* ---- measures */

static void test_measure_create(void **state) {
    struct tu_demo *d = *state;
    int64_t plan = tu_plan_id(d->db, "322075"), theme = theme_id(d->db, plan, 0, 1), id, audits = audit_count(d->db);
    struct edit_fail fail = {0};
    char *deps[] = {"市民生活課", "政策企画課"}, *means[] = {"書かない窓口"}, *tags[] = {"ふわもこ"}, *links[] = {"1-2-1"};
    struct measure m = {.code = "1-2-0", .title = "マイナンバーカード出張申請", .current = "", .ideal = "理想の姿",
                        .status = MS_PLANNED, .scope = SCOPE_DEPT, .new_since_fy = 2025,
                        .departments = list_of(deps, 2), .means = list_of(means, 1), .tags = list_of(tags, 1),
                        .links = list_of(links, 1)};

    char *before = fingerprint(d->db);
    char *unknown[] = {"市民生活課", "無い課"}, *twice[] = {"市民生活課", "市民生活課"};
    char *bad_link[] = {"9-9-9"}, *self_link[] = {"1-2-0"};
    struct { struct measure m; int64_t theme; int pos; int err; const char *field; } bad[] = {
        {m, theme, 2, KW_EINVAL, "position"},
        {m, 999999, STORE_LAST, KW_ENOTFOUND, ""},
        {m, theme, STORE_LAST, KW_ECONFLICT, "code"},
        {m, theme, STORE_LAST, KW_EINVAL, "departments[1]"},
        {m, theme, STORE_LAST, KW_EINVAL, "departments[1]"},
        {m, theme, STORE_LAST, KW_EINVAL, "links[0]"},
        {m, theme, STORE_LAST, KW_EINVAL, "links[0]"},
    };
    bad[2].m.code = "1-2-1";                 /* taken in this theme */
    bad[3].m.departments = list_of(unknown, 2);
    bad[4].m.departments = list_of(twice, 2);
    bad[5].m.links = list_of(bad_link, 1);
    bad[6].m.links = list_of(self_link, 1);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        memset(&fail, 0, sizeof fail);
        int64_t untouched = -3;
        assert_int_equal(store_measure_create(d->db, bad[i].theme, &bad[i].m, bad[i].pos, &tu_actor, &untouched, &fail),
                         bad[i].err);
        assert_string_equal(fail.field, bad[i].field);
        assert_int_equal(untouched, -3);
        assert_unchanged(d->db, before);
    }
    free(before);

    assert_int_equal(store_measure_create(d->db, theme, &m, 0, &tu_actor, &id, &fail), 0);
    assert_audit(d->db, audits, "measure", id, "create", NULL, "\"departments\":[\"市民生活課\",\"政策企画課\"]");
    struct arena a = ARENA_INIT;
    struct measure got;
    struct measure_ref ref;
    assert_int_equal(store_measure_load(d->db, &a, id, &got, &ref), 0);
    assert_string_equal(got.title, "マイナンバーカード出張申請");
    assert_null(got.current);                                /* "" is "not set" */
    assert_string_equal(got.ideal, "理想の姿");
    assert_int_equal(got.status, MS_PLANNED);
    assert_int_equal(got.scope, SCOPE_DEPT);
    assert_int_equal(got.new_since_fy, 2025);
    assert_int_equal(got.departments.n, 2);
    assert_string_equal(got.departments.items[0], "市民生活課");
    assert_string_equal(got.links.items[0], "1-2-1");
    assert_string_equal(got.tags.items[0], "ふわもこ");
    assert_string_equal(ref.theme_title, "マイナンバーカードの利用拡大");
    int64_t t;
    int pos;
    measure_place(d->db, id, &t, &pos);
    assert_int_equal(pos, 0);
    measure_place(d->db, measure_id(d->db, plan, "1-2-1"), &t, &pos);
    assert_int_equal(pos, 1);
    /* searchable at once, by title, tag and department */
    assert_true(search_has(d->db, plan, "出張申請", id));
    assert_true(search_has(d->db, plan, "ふわもこ", id));
    assert_true(search_has(d->db, plan, "市民生活課", id));
    arena_free(&a);
}

static void test_measure_edit_and_move(void **state) {
    struct tu_demo *d = *state;
    int64_t plan = tu_plan_id(d->db, "322075"), m = measure_id(d->db, plan, "2-4-2");     /* 電話改革 */
    int64_t to = theme_id(d->db, plan, 0, 0), audits = audit_count(d->db);
    struct edit_fail fail = {0};

    /* move to theme ① of pillar 1 at index 2 */
    struct measure_patch mv = {.theme_id = to, .set_position = true, .position = 2};
    assert_int_equal(store_measure_edit(d->db, m, &mv, &tu_actor, &fail), 0);
    assert_audit(d->db, audits, "measure", m, "move", "\"position\":1", "\"position\":2");
    struct arena a = ARENA_INIT;
    struct plan p;
    assert_int_equal(store_plan_load(d->db, &a, plan, LOAD_SUMMARY, &p), 0);
    assert_int_equal(p.pillars[0].themes[0].n_measures, 6);
    assert_string_equal(p.pillars[0].themes[0].measures[2].code, "2-4-2");
    assert_string_equal(p.pillars[0].themes[0].measures[3].code, "1-1-3");
    assert_int_equal(p.pillars[1].themes[3].n_measures, 1);          /* ④ keeps 2-4-1 */
    assert_int_equal(tu_sql_int(d->db, "SELECT position FROM measure WHERE code = '2-4-1'"), 0);
    /* still found by search, now in its new place */
    assert_true(search_has(d->db, plan, "電話改革", m));
    struct measure got;
    struct measure_ref ref;
    assert_int_equal(store_measure_load(d->db, &a, m, &got, &ref), 0);
    assert_string_equal(ref.theme_code, "①");

    /* new fields and lists: the index follows them */
    audits = audit_count(d->db);
    char *deps[] = {"政策企画課"}, *tags[] = {"もふもふ電話"}, *links[] = {"1-1-1", "2-4-1"};
    struct strlist dl = list_of(deps, 1), tl = list_of(tags, 1), ll = list_of(links, 2), empty = {0};
    struct measure_patch up = {.title = "電話のない窓口", .code = "1-1-9", .set_scope = true, .scope = "cross_department",
                               .departments = &dl, .tags = &tl, .links = &ll, .means = &empty, .current = ""};
    assert_int_equal(store_measure_edit(d->db, m, &up, &tu_actor, &fail), 0);
    assert_audit(d->db, audits, "measure", m, "update", "\"title\":\"電話改革\"", "\"links\":[\"1-1-1\",\"2-4-1\"]");
    assert_true(search_has(d->db, plan, "電話のない窓口", m));
    assert_true(search_has(d->db, plan, "もふもふ", m));
    char *title = fts_title(d->db, m);
    assert_string_equal(title, "電話のない窓口");                     /* the old title is gone from the index */
    free(title);
    assert_false(search_has(d->db, plan, "総務課", m));
    assert_int_equal(store_measure_load(d->db, &a, m, &got, &ref), 0);
    assert_string_equal(got.code, "1-1-9");
    assert_int_equal(got.scope, SCOPE_CROSS_DEPT);
    assert_null(got.current);
    assert_int_equal(got.means.n, 0);
    assert_int_equal(got.links.n, 2);
    assert_int_equal(got.departments.n, 1);

    /* failures change nothing */
    char *before = fingerprint(d->db);
    char *unknown[] = {"無い課"}, *self[] = {"1-1-9"};
    struct strlist ul = list_of(unknown, 1), sl = list_of(self, 1);
    int64_t other_plan_theme = theme_id(d->db, tu_plan_id(d->db, "122319"), 0, 0);
    struct { struct measure_patch p; int err; const char *field; } bad[] = {
        {{.code = "1-1-3", .title = "x"}, KW_ECONFLICT, "code"},
        {{.title = "x", .departments = &ul}, KW_EINVAL, "departments[0]"},
        {{.links = &sl}, KW_EINVAL, "links[0]"},
        {{.title = "x", .theme_id = other_plan_theme}, KW_EINVAL, "theme_id"},
        {{.theme_id = 999999}, KW_EINVAL, "theme_id"},
        {{.title = "x", .set_position = true, .position = 6}, KW_EINVAL, "position"},
        {{.theme_id = theme_id(d->db, plan, 0, 1), .set_position = true, .position = 2}, KW_EINVAL, "position"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        memset(&fail, 0, sizeof fail);
        assert_int_equal(store_measure_edit(d->db, m, &bad[i].p, &tu_actor, &fail), bad[i].err);
        assert_string_equal(fail.field, bad[i].field);
        assert_unchanged(d->db, before);
    }
    assert_int_equal(store_measure_edit(d->db, 999999, &up, &tu_actor, &fail), KW_ENOTFOUND);
    assert_unchanged(d->db, before);
    free(before);
    arena_free(&a);
}

static void test_measure_delete(void **state) {
    struct tu_demo *d = *state;
    int64_t plan = tu_plan_id(d->db, "322075"), m = measure_id(d->db, plan, "1-3-1");   /* linked from 1-1-1 */
    int64_t audits = audit_count(d->db), fts = tu_sql_int(d->db, "SELECT count(*) FROM measure_search");
    assert_true(search_has(d->db, plan, "SNSの活用拡大", m));
    assert_int_equal(store_measure_delete(d->db, m, &tu_actor, NULL), 0);
    /* one more row before it: 1-1-1, whose link to it went too (test_store_audit.c checks it) */
    assert_audit(d->db, audits + 1, "measure", m, "delete", "\"code\":\"1-3-1\"", NULL);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM measure_search"), fts - 1);
    assert_false(search_has(d->db, plan, "SNSの活用拡大", m));
    struct arena a = ARENA_INIT;
    struct measure got;
    assert_int_equal(store_measure_load(d->db, &a, measure_id(d->db, plan, "1-1-1"), &got, NULL), 0);
    assert_int_equal(got.links.n, 2);                                  /* the link to it went with it */
    assert_int_equal(tu_sql_int(d->db, "SELECT position FROM measure WHERE code = '1-3-2'"), 0);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM kpi WHERE measure_id NOT IN (SELECT id FROM measure)"), 0);

    char *before = fingerprint(d->db);
    assert_int_equal(store_measure_delete(d->db, m, &tu_actor, NULL), KW_ENOTFOUND);
    assert_unchanged(d->db, before);
    free(before);
    arena_free(&a);
}

/* The web form's entry point keeps working: title and texts, reindexed. */
static void test_measure_update_wrapper(void **state) {
    struct tu_demo *d = *state;
    int64_t plan = tu_plan_id(d->db, "322075"), m = measure_id(d->db, plan, "1-1-3");
    struct measure_patch p = {.title = "書かない窓口とぴかぴか", .current = "", .ideal = "理想", .status = "done",
                              .set_new_since = true, .new_since_fy = 0};
    assert_int_equal(store_measure_update(d->db, m, &p, &tu_actor), 0);
    assert_true(search_has(d->db, plan, "ぴかぴか", m));
    int64_t t;
    int pos;
    measure_place(d->db, m, &t, &pos);
    assert_int_equal(pos, 2);                                          /* a zeroed patch does not move it */
}

/* ---- KPIs and measurements */

static void test_kpi_edits(void **state) {
    struct tu_demo *d = *state;
    int64_t plan = tu_plan_id(d->db, "322075"), m = measure_id(d->db, plan, "1-1-5"), id, audits = audit_count(d->db);
    struct edit_fail fail = {0};
    struct kpi k = {.name = "ぽよぽよ受付件数", .unit = "件", .direction = DIR_INCREASE, .perspective = "",
                    .has_baseline = true, .baseline_value = 3, .baseline_fy = 2024,
                    .target_state = TARGET_SET, .target_value = 120, .target_fy = 2026};
    char *before = fingerprint(d->db);
    assert_int_equal(store_kpi_create(d->db, m, &k, 2, &tu_actor, &id, &fail), KW_EINVAL);
    assert_string_equal(fail.field, "position");
    assert_unchanged(d->db, before);
    assert_int_equal(store_kpi_create(d->db, 999999, &k, STORE_LAST, &tu_actor, &id, &fail), KW_ENOTFOUND);
    assert_unchanged(d->db, before);
    free(before);

    /* first of the measure's KPIs: the unique (measure, position) index holds while they shift */
    assert_false(search_has(d->db, plan, "ぽよぽよ", m));
    assert_int_equal(store_kpi_create(d->db, m, &k, 0, &tu_actor, &id, &fail), 0);
    assert_audit(d->db, audits, "kpi", id, "create", NULL, "\"target_value\":120");
    assert_true(search_has(d->db, plan, "ぽよぽよ", m));                 /* KPI names are searchable */
    struct arena a = ARENA_INIT;
    struct measure got;
    assert_int_equal(store_measure_load(d->db, &a, m, &got, NULL), 0);
    assert_int_equal(got.n_kpis, 2);
    assert_int_equal(got.kpis[0].id, id);
    assert_null(got.kpis[0].perspective);
    int64_t old = got.kpis[1].id;

    audits = audit_count(d->db);
    struct kpi_patch up = {.name = "ぷにぷに受付件数", .set_baseline = true, .has_baseline = false, .set_target = true,
                           .target_state = TARGET_UNDECIDED, .set_direction = true, .direction = DIR_DECREASE,
                           .set_position = true, .position = 1};
    assert_int_equal(store_kpi_update(d->db, id, &up, &tu_actor, &fail), 0);
    assert_audit(d->db, audits, "kpi", id, "update", "\"baseline_value\":3,", "\"target_state\":\"undecided\"");
    assert_true(search_has(d->db, plan, "ぷにぷに", m));
    assert_false(search_has(d->db, plan, "ぽよぽよ", m));
    struct kpi kk;
    assert_int_equal(store_kpi_load(d->db, &a, id, &kk, NULL), 0);
    assert_false(kk.has_baseline);
    assert_int_equal(kk.target_state, TARGET_UNDECIDED);
    assert_int_equal(kk.direction, DIR_DECREASE);
    assert_int_equal(store_measure_load(d->db, &a, m, &got, NULL), 0);
    assert_int_equal(got.kpis[0].id, old);
    assert_int_equal(got.kpis[1].id, id);

    audits = audit_count(d->db);
    struct kpi_patch mv = {.set_position = true, .position = 0};
    assert_int_equal(store_kpi_update(d->db, id, &mv, &tu_actor, &fail), 0);
    assert_audit(d->db, audits, "kpi", id, "move", "\"position\":1", "\"position\":0");

    before = fingerprint(d->db);
    struct kpi_patch bad = {.name = "x", .set_position = true, .position = 2};
    assert_int_equal(store_kpi_update(d->db, id, &bad, &tu_actor, &fail), KW_EINVAL);
    assert_unchanged(d->db, before);
    assert_int_equal(store_kpi_update(d->db, 999999, &up, &tu_actor, &fail), KW_ENOTFOUND);
    assert_unchanged(d->db, before);
    assert_int_equal(store_kpi_delete(d->db, 999999, &tu_actor, NULL), KW_ENOTFOUND);
    assert_unchanged(d->db, before);
    free(before);

    struct measurement x = {.period = "2025-03-31", .value = 7};
    int64_t xid;
    assert_int_equal(store_measurement_add(d->db, id, &x, &tu_actor, &xid), 0);
    before = fingerprint(d->db);
    assert_int_equal(store_kpi_delete(d->db, id, &tu_actor, NULL), KW_ECONFLICT);   /* it has a measurement */
    assert_unchanged(d->db, before);
    free(before);
    assert_int_equal(store_measurement_delete(d->db, xid, &tu_actor), 0);
    audits = audit_count(d->db);
    assert_int_equal(store_kpi_delete(d->db, id, &tu_actor, NULL), 0);
    assert_audit(d->db, audits, "kpi", id, "delete", "ぷにぷに", NULL);
    assert_false(search_has(d->db, plan, "ぷにぷに", m));
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM kpi_measurement WHERE kpi_id NOT IN (SELECT id FROM kpi)"), 0);
    assert_int_equal(store_measure_load(d->db, &a, m, &got, NULL), 0);
    assert_int_equal(got.n_kpis, 1);
    assert_int_equal(tu_sql_int(d->db, "SELECT min(position) FROM kpi WHERE measure_id = "
                                       "(SELECT id FROM measure WHERE code = '1-1-5')"), 0);
    arena_free(&a);
}

static void test_measurement_delete(void **state) {
    struct tu_demo *d = *state;
    int64_t plan = tu_plan_id(d->db, "322075");
    struct arena a = ARENA_INIT;
    struct measure m;
    assert_int_equal(store_measure_load(d->db, &a, measure_id(d->db, plan, "3-2-1"), &m, NULL), 0);
    int64_t id = m.kpis[0].measurements[0].id, audits = audit_count(d->db);
    assert_int_equal(store_measurement_delete(d->db, id, &tu_actor), 0);
    assert_audit(d->db, audits, "kpi_measurement", id, "delete", "\"period\":\"2024-03-31\"", NULL);
    struct kpi k;
    assert_int_equal(store_kpi_load(d->db, &a, m.kpis[0].id, &k, NULL), 0);
    assert_int_equal(k.n_measurements, 0);
    char *before = fingerprint(d->db);
    assert_int_equal(store_measurement_delete(d->db, id, &tu_actor), KW_ENOTFOUND);
    assert_unchanged(d->db, before);
    free(before);
    arena_free(&a);
}

static void test_locate(void **state) {
    struct tu_demo *d = *state;
    int64_t plan = tu_plan_id(d->db, "322075"), m = measure_id(d->db, plan, "2-1-1");
    struct location loc;
    assert_int_equal(store_locate(d->db, ENTITY_MEASURE, m, &loc), 0);
    assert_int_equal(loc.org_id, org_id(d->db, "322075"));
    assert_int_equal(loc.plan_id, plan);
    assert_int_equal(loc.pillar_id, pillar_id(d->db, plan, 1));
    assert_int_equal(loc.theme_id, theme_id(d->db, plan, 1, 0));
    assert_int_equal(loc.measure_id, m);
    struct location t;
    assert_int_equal(store_locate(d->db, ENTITY_THEME, loc.theme_id, &t), 0);
    assert_int_equal(t.pillar_id, loc.pillar_id);
    assert_int_equal(t.measure_id, 0);
    assert_int_equal(store_locate(d->db, ENTITY_KPI, 999999, &t), KW_ENOTFOUND);
    assert_int_equal(store_locate(d->db, ENTITY_DEPARTMENT, department_id(d->db, loc.org_id, "総務課"), &t), 0);
    assert_int_equal(t.org_id, loc.org_id);
    assert_int_equal(t.plan_id, 0);
}

/* Makes every insert into the audit log fail (on), or lets them be again (off): SQLite's trigger
 * of this connection only; PostgreSQL has no temporary trigger, and the test's database is its
 * own, so a trigger of the table does. */
static void refuse_audit(struct db *db, bool on) {
    if (!db_is_postgres(db))
        tu_sql_exec(db, on ? "CREATE TEMP TRIGGER no_audit BEFORE INSERT ON main.audit "
                             "BEGIN SELECT RAISE(ABORT, 'audit refused'); END"
                           : "DROP TRIGGER temp.no_audit");
    else
        tu_sql_exec(db, on ? "CREATE FUNCTION no_audit() RETURNS trigger LANGUAGE plpgsql AS "
                             "$$ BEGIN RAISE EXCEPTION 'audit refused'; END $$; "
                             "CREATE TRIGGER no_audit BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION no_audit()"
                           : "DROP TRIGGER no_audit ON audit; DROP FUNCTION no_audit()");
}

/* A write that fails at its very last step (the audit row) keeps none of its earlier steps:
 * rows, positions, search index. */
static void test_failure_at_the_end_rolls_back(void **state) {
    struct tu_demo *d = *state;
    int64_t org = org_id(d->db, "322075"), plan = tu_plan_id(d->db, "322075");
    int64_t m = measure_id(d->db, plan, "1-1-3"), theme = theme_id(d->db, plan, 0, 0);
    int64_t pillar = pillar_id(d->db, plan, 0), dep = department_id(d->db, org, "窓口担当課");
    struct arena a = ARENA_INIT;
    struct measure got;
    assert_int_equal(store_measure_load(d->db, &a, m, &got, NULL), 0);
    int64_t kpi = got.kpis[0].id;
    struct edit_fail fail = {0};
    struct department unused = {.code = "unused", .name = "使われない課"};
    int64_t unused_id;
    assert_int_equal(store_department_create(d->db, org, &unused, STORE_LAST, &tu_actor, &unused_id, &fail), 0);
    char *before = fingerprint(d->db);
    refuse_audit(d->db, true);
    char *deps[] = {"政策企画課"};
    struct org o = {.code = "131041", .name = "テスト区"};
    struct department dd = {.code = "new", .name = "新しい課"};
    struct plan pl = {.title = "計画", .kind = "strategy"};
    struct pillar pi = {.code = "9", .title = "柱"};
    struct theme th = {.title = "テーマ"};
    struct measure me = {.code = "9-9-9", .title = "施策", .departments = list_of(deps, 1)};
    struct kpi k = {.name = "指標", .target_state = TARGET_NONE};
    struct department_patch dp = {.name = "改名課", .set_position = true, .position = 3};
    struct plan_patch pp = {.title = "改題"};
    struct pillar_patch pip = {.title = "改題", .set_position = true, .position = 2};
    struct theme_patch tp = {.pillar_id = pillar_id(d->db, plan, 1)};
    struct measure_patch mp = {.title = "改題", .theme_id = theme_id(d->db, plan, 2, 0), .set_position = true, .position = 0};
    struct kpi_patch kp = {.name = "改名", .set_position = true, .position = 0};
    struct org_patch op = {.name = "改名"};
    int64_t id;
    int rc[] = {                /* each would succeed but for the audit row */
        store_org_create(d->db, &o, &tu_actor, &id, &fail),
        store_org_update(d->db, org, &op, &tu_actor, &fail),
        store_department_create(d->db, org, &dd, 0, &tu_actor, &id, &fail),
        store_department_update(d->db, dep, &dp, &tu_actor, &fail),
        store_department_delete(d->db, unused_id, &tu_actor, &fail),
        store_plan_create(d->db, org, &pl, 0, &tu_actor, &id, &fail),
        store_plan_update(d->db, plan, &pp, &tu_actor, &fail),
        store_plan_delete(d->db, plan, &tu_actor, NULL),
        store_pillar_create(d->db, plan, &pi, 0, &tu_actor, &id, &fail),
        store_pillar_update(d->db, pillar, &pip, &tu_actor, &fail),
        store_theme_create(d->db, pillar, &th, 0, &tu_actor, &id, &fail),
        store_theme_update(d->db, theme, &tp, &tu_actor, &fail),
        store_measure_create(d->db, theme, &me, 0, &tu_actor, &id, &fail),
        store_measure_edit(d->db, m, &mp, &tu_actor, &fail),
        store_measure_delete(d->db, m, &tu_actor, NULL),
        store_kpi_create(d->db, m, &k, 0, &tu_actor, &id, &fail),
        store_kpi_update(d->db, kpi, &kp, &tu_actor, &fail),
        store_kpi_delete(d->db, kpi, &tu_actor, NULL),
        store_measurement_delete(d->db, tu_sql_int(d->db, "SELECT min(id) FROM kpi_measurement"), &tu_actor),
    };
    for (size_t i = 0; i < sizeof rc / sizeof *rc; i++)
        if (rc[i] >= 0)
            fail_msg("write %zu succeeded although its audit row was refused", i);
    refuse_audit(d->db, false);
    assert_unchanged(d->db, before);
    free(before);
    arena_free(&a);
}

/* ---- a plan built from nothing */

static void test_build_from_nothing(void **state) {
    (void)state;
    char *dir = tu_mkdtemp();
    struct db *db = tu_open_db(dir);
    struct edit_fail fail = {0};
    int64_t org, dept, plan, pillar, theme, m1, m2, kpi;
    struct org o = {.code = "131041", .name = "テスト区"};
    assert_int_equal(store_org_create(db, &o, &tu_actor, &org, &fail), 0);
    struct department dep = {.code = "seisaku", .name = "政策企画課"};
    assert_int_equal(store_department_create(db, org, &dep, STORE_LAST, &tu_actor, &dept, &fail), 0);
    struct plan p = {.title = "テスト計画", .kind = "strategy"};
    assert_int_equal(store_plan_create(db, org, &p, STORE_LAST, &tu_actor, &plan, &fail), 0);
    struct pillar pi = {.code = "A", .title = "柱"};
    assert_int_equal(store_pillar_create(db, plan, &pi, STORE_LAST, &tu_actor, &pillar, &fail), 0);
    struct theme t = {.title = "テーマ"};
    assert_int_equal(store_theme_create(db, pillar, &t, STORE_LAST, &tu_actor, &theme, &fail), 0);
    char *deps[] = {"政策企画課"};
    struct measure a = {.code = "A-1", .title = "一つ目", .status = MS_ACTIVE, .departments = list_of(deps, 1)};
    struct measure b = {.code = "A-2", .title = "二つ目", .status = MS_ACTIVE};
    assert_int_equal(store_measure_create(db, theme, &a, STORE_LAST, &tu_actor, &m1, &fail), 0);
    assert_int_equal(store_measure_create(db, theme, &b, 0, &tu_actor, &m2, &fail), 0);
    struct kpi k = {.name = "件数", .target_state = TARGET_NONE};
    assert_int_equal(store_kpi_create(db, m1, &k, STORE_LAST, &tu_actor, &kpi, &fail), 0);
    assert_int_equal(tu_sql_int(db, "SELECT count(*) FROM audit"), 8);

    struct arena ar = ARENA_INIT;
    struct org_doc doc;
    assert_int_equal(store_org_doc_load(db, &ar, "131041", &doc), 0);
    struct buf out = BUF_INIT;
    plan_doc_write(&out, &doc, 0);
    assert_string_equal(buf_cstr(&out),
        "{\"format\":\"kawaru-plan/1\",\"org\":{\"code\":\"131041\",\"name\":\"テスト区\"},"
        "\"departments\":[{\"code\":\"seisaku\",\"name\":\"政策企画課\"}],"
        "\"plans\":[{\"title\":\"テスト計画\",\"kind\":\"strategy\",\"pillars\":[{\"code\":\"A\",\"title\":\"柱\","
        "\"themes\":[{\"title\":\"テーマ\",\"measures\":["
        "{\"code\":\"A-2\",\"title\":\"二つ目\",\"departments\":[],\"status\":\"active\"},"
        "{\"code\":\"A-1\",\"title\":\"一つ目\",\"departments\":[\"政策企画課\"],\"status\":\"active\","
        "\"kpis\":[{\"name\":\"件数\",\"direction\":\"increase\",\"target\":{\"state\":\"none\"}}]}]}]}]}]}\n");
    buf_free(&out);
    arena_free(&ar);
    tu_close_db(db, dir);
}

int main(void) {
#define T(f) cmocka_unit_test_setup_teardown(f, tu_demo_setup, tu_demo_teardown)
    const struct CMUnitTest tests[] = {
        T(test_org_create_and_update),
        T(test_department_create),
        T(test_department_update_reindexes),
        T(test_department_delete),
        T(test_plan_create_update_delete),
        T(test_pillar_edits),
        T(test_theme_edits),
        T(test_measure_create),
        T(test_measure_edit_and_move),
        T(test_measure_delete),
        T(test_measure_update_wrapper),
        T(test_kpi_edits),
        T(test_measurement_delete),
        T(test_locate),
        T(test_failure_at_the_end_rolls_back),
        cmocka_unit_test(test_build_from_nothing),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
