/* Tests the promotion organisation (core/body.h, xfer/plan_bodies.c, store/store_body.c): a
 * document with bodies round-trips byte for byte through the parser and through the store; bad
 * departments, measure codes, kinds and dates are refused at their JSON paths and nothing is
 * written; and the Gotsu demo holds its 推進本部, six WGs and 2024's meeting calendar. */
#include "testutil.h"

#include <jansson.h>
#include "core/body.h"
#include "xfer/import.h"
#include "xfer/plan_doc.h"

static const char body_doc_text[] =
    "{\"format\":\"kawaru-plan/1\","
    " \"org\":{\"code\":\"322075\",\"name\":\"江津市\"},"
    " \"departments\":[{\"code\":\"seisaku\",\"name\":\"政策企画課\"},{\"code\":\"jinji\",\"name\":\"人事課\"}],"
    " \"bodies\":["
    "  {\"code\":\"hq\",\"name\":\"推進本部\",\"kind\":\"headquarters\",\"description\":\"承認\","
    "   \"members\":[{\"name\":\"市長\",\"role\":\"CDO\",\"post\":\"市長\"}],"
    "   \"meetings\":[{\"date\":\"2024-09-26\",\"title\":\"推進本部会議\",\"agenda\":\"改訂の承認\","
    "     \"minutes\":\"承認した\",\"measures\":[{\"code\":\"1-1\",\"note\":\"承認\"},{\"code\":\"2-1\"}]}]},"
    "  {\"code\":\"wg5\",\"name\":\"WG⑤（テレワーク）\",\"kind\":\"working_group\",\"topics\":[\"テレワーク\"],"
    "   \"members\":[{\"name\":\"人事課職員\",\"role\":\"リーダー\",\"department\":\"人事課\"}]}],"
    " \"plans\":[{\"title\":\"T\",\"kind\":\"action_plan\",\"pillars\":["
    "  {\"code\":\"1\",\"title\":\"P1\",\"themes\":[{\"title\":\"T1\",\"measures\":["
    "    {\"code\":\"1-1\",\"title\":\"M\",\"departments\":[\"政策企画課\"]}]}]},"
    "  {\"code\":\"2\",\"title\":\"P2\",\"themes\":[{\"title\":\"T2\",\"measures\":["
    "    {\"code\":\"2-1\",\"title\":\"a\"}]}]}]}]}";

static char *export_of(const char *text, size_t len) {
    struct arena a = ARENA_INIT;
    struct org_doc d;
    struct doc_errors errs;
    if (plan_doc_parse(text, len, &a, &d, &errs) != 0)
        fail_msg("parse failed at %s: %s", errs.items[0].path, errs.items[0].message);
    struct buf b = BUF_INIT;
    plan_doc_write(&b, &d, 2);
    arena_free(&a);
    return buf_steal(&b);
}

/* Exported through the store: import text into a fresh database, export the organisation. */
static char *store_export_of(const char *text) {
    char *dir = tu_mkdtemp();
    struct db *db = tu_open_db(dir);
    struct import_source src = {"doc", text, strlen(text)};
    assert_int_equal(import_documents(db, &src, 1, false, &tu_actor, stderr), 0);
    struct arena a = ARENA_INIT;
    struct org_doc d;
    assert_int_equal(store_org_doc_load(db, &a, "322075", &d), 0);
    struct buf b = BUF_INIT;
    plan_doc_write(&b, &d, 2);
    arena_free(&a);
    tu_close_db(db, dir);
    return buf_steal(&b);
}

static void test_round_trip(void **state) {
    (void)state;
    char *once = export_of(body_doc_text, strlen(body_doc_text));
    char *twice = export_of(once, strlen(once));
    assert_string_equal(once, twice);
    char *stored = store_export_of(once);
    assert_string_equal(once, stored);
    assert_non_null(strstr(once, "\"bodies\""));
    assert_non_null(strstr(once, "\"department\": \"人事課\""));
    assert_null(strstr(once, "\"plan\""));             /* one plan: measures are named by code alone */
    json_error_t e;
    json_t *a = json_loads(body_doc_text, 0, &e), *b = json_loads(once, 0, &e);
    assert_true(json_equal(json_object_get(a, "bodies"), json_object_get(b, "bodies")));   /* bodies as given */
    json_decref(a);
    json_decref(b);
    free(once);
    free(twice);
    free(stored);
}

/* Sets a member of the document at a JSON pointer-like path of object keys and array indexes
 * and returns the expected single error path after parsing. */
static void expect_refused(json_t *doc, const char *path) {
    char *text = json_dumps(doc, 0);
    struct arena a = ARENA_INIT;
    struct org_doc d;
    struct doc_errors errs;
    assert_int_equal(plan_doc_parse(text, strlen(text), &a, &d, &errs), KW_EINVAL);
    assert_int_equal(errs.total, 1);
    assert_string_equal(errs.items[0].path, path);
    /* and nothing is written */
    char *dir = tu_mkdtemp();
    struct db *db = tu_open_db(dir);
    struct import_source src = {"doc", text, strlen(text)};
    FILE *devnull = fopen("/dev/null", "w");
    assert_int_equal(import_documents(db, &src, 1, false, &tu_actor, devnull), KW_EINVAL);
    fclose(devnull);
    assert_int_equal(tu_sql_int(db, "SELECT count(*) FROM org"), 0);
    assert_int_equal(tu_sql_int(db, "SELECT count(*) FROM body"), 0);
    tu_close_db(db, dir);
    arena_free(&a);
    free(text);
    json_decref(doc);
}

static json_t *doc(void) {
    json_error_t e;
    json_t *v = json_loads(body_doc_text, 0, &e);
    if (!v)
        fail_msg("body_doc_text: %s", e.text);
    return v;
}

static json_t *body_at(json_t *d, size_t i) { return json_array_get(json_object_get(d, "bodies"), i); }

static void test_unknown_department(void **state) {
    (void)state;
    json_t *d = doc();
    json_t *m = json_array_get(json_object_get(body_at(d, 1), "members"), 0);
    json_object_set_new(m, "department", json_string("存在しない課"));
    expect_refused(d, "bodies[1].members[0].department");
}

static void test_unknown_measure_code(void **state) {
    (void)state;
    json_t *d = doc();
    json_t *mt = json_array_get(json_object_get(body_at(d, 0), "meetings"), 0);
    json_t *mm = json_array_get(json_object_get(mt, "measures"), 1);
    json_object_set_new(mm, "code", json_string("9-9"));
    expect_refused(d, "bodies[0].meetings[0].measures[1].code");
}

static void test_unknown_plan(void **state) {
    (void)state;
    json_t *d = doc();
    json_t *mt = json_array_get(json_object_get(body_at(d, 0), "meetings"), 0);
    json_t *mm = json_array_get(json_object_get(mt, "measures"), 0);
    json_object_set_new(mm, "plan", json_string("別の計画"));
    expect_refused(d, "bodies[0].meetings[0].measures[0].plan");
}

static void test_bad_kind(void **state) {
    (void)state;
    json_t *d = doc();
    json_object_set_new(body_at(d, 1), "kind", json_string("club"));
    expect_refused(d, "bodies[1].kind");
}

static void test_bad_date(void **state) {
    (void)state;
    json_t *d = doc();
    json_t *mt = json_array_get(json_object_get(body_at(d, 0), "meetings"), 0);
    json_object_set_new(mt, "date", json_string("2024-02-30"));
    expect_refused(d, "bodies[0].meetings[0].date");
}

static void test_duplicate_body_code(void **state) {
    (void)state;
    json_t *d = doc();
    json_object_set_new(body_at(d, 1), "code", json_string("hq"));
    expect_refused(d, "bodies[1].code");
}

/* ---- the Gotsu demo */

static const struct body *body_by_kind(const struct body *v, size_t n, const char *kind, size_t *count) {
    const struct body *first = NULL;
    *count = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].kind, kind) == 0) {
            if (!first)
                first = &v[i];
            (*count)++;
        }
    return first;
}

static void test_gotsu_demo(void **state) {
    struct tu_demo *demo = *state;
    struct arena a = ARENA_INIT;
    struct org o;
    assert_int_equal(store_org_by_code(demo->db, &a, "322075", &o), 0);
    struct body *v;
    size_t n, count;
    assert_int_equal(store_bodies_load(demo->db, &a, o.id, 0, &v, &n), 0);

    const struct body *hq = body_by_kind(v, n, "headquarters", &count);
    assert_int_equal(count, 1);
    assert_string_equal(hq->name, "スマートシティ江津推進本部");
    bool cdo_mayor = false;
    size_t deputies = 0;
    for (size_t i = 0; i < hq->n_members; i++) {
        cdo_mayor |= strcmp(hq->members[i].role, "CDO") == 0 && hq->members[i].post &&
                     strcmp(hq->members[i].post, "市長") == 0;
        deputies += strcmp(hq->members[i].role, "副CDO") == 0;
    }
    assert_true(cdo_mayor);
    assert_int_equal(deputies, 2);

    body_by_kind(v, n, "working_group", &count);
    assert_int_equal(count, 6);
    const char *topics[] = {"AI-OCR", "ナッジ理論", "LINE公式アカウント", "書かない窓口", "テレワーク", "MaaS"};
    for (size_t t = 0; t < 6; t++) {
        bool found = false;
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; strcmp(v[i].kind, "working_group") == 0 && j < v[i].topics.n; j++)
                found |= strcmp(v[i].topics.items[j], topics[t]) == 0;
        if (!found)
            fail_msg("no WG with the topic %s", topics[t]);
    }

    const struct body *committee = body_by_kind(v, n, "committee", &count);
    assert_int_equal(count, 1);
    size_t in_fy2024 = 0;
    for (size_t i = 0; i < committee->n_meetings; i++) {
        const struct meeting *mt = &committee->meetings[i];
        in_fy2024 += strcmp(mt->date, "2024-04-01") >= 0 && strcmp(mt->date, "2025-03-31") <= 0 &&
                     strstr(mt->title, "DX推進委員会議") != NULL;
    }
    assert_int_equal(in_fy2024, 6);
    assert_int_equal(committee->headcount, 28);        /* 各課職員1名, counted as the seed counts them */
    assert_int_equal(committee->n_members, 0);         /* and not named one by one */
    assert_true(committee->meetings[0].n_measures >= 1);
    assert_string_equal(committee->meetings[0].measures[0].code, "3-3-1");

    body_by_kind(v, n, "audit_board", &count);
    assert_int_equal(count, 1);
    body_by_kind(v, n, "leaders", &count);
    assert_int_equal(count, 1);

    /* the other demo has its 推進体制, 市長トップ */
    assert_int_equal(store_org_by_code(demo->db, &a, "122319", &o), 0);
    assert_int_equal(store_bodies_load(demo->db, &a, o.id, 0, &v, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(v[0].name, "推進体制");
    assert_int_equal(v[0].n_members, 1);
    assert_string_equal(v[0].members[0].role, "トップ");
    arena_free(&a);
}

/* A body's page loads it alone with its organisation; an unknown id is not found. */
static void test_body_load(void **state) {
    struct tu_demo *demo = *state;
    struct arena a = ARENA_INIT;
    int64_t id = tu_sql_int(demo->db, "SELECT id FROM body WHERE code = 'dx-committee'");
    struct body b;
    struct org o;
    assert_int_equal(store_body_load(demo->db, &a, id, &b, &o), 0);
    assert_string_equal(o.code, "322075");
    assert_string_equal(b.code, "dx-committee");
    assert_int_equal(b.n_meetings, 6);
    assert_int_equal(store_body_load(demo->db, &a, 999999, &b, &o), KW_ENOTFOUND);
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_unknown_department),
        cmocka_unit_test(test_unknown_measure_code),
        cmocka_unit_test(test_unknown_plan),
        cmocka_unit_test(test_bad_kind),
        cmocka_unit_test(test_bad_date),
        cmocka_unit_test(test_duplicate_body_code),
        cmocka_unit_test_setup_teardown(test_gotsu_demo, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_body_load, tu_demo_setup, tu_demo_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
