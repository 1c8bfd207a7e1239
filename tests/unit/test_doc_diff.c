/* Tests xfer/doc_diff.c. Two versions of a small plan, with a measure added, one removed, one
 * moved to another theme, a theme moved to another pillar (and renumbered), a KPI whose target
 * went from 未決定 to 50% and a measurement added; and an organisation against a document that
 * replaces it: departments, order, kept history, measures numbered per pillar, abolished rows. */
#include "testutil.h"

#include "xfer/doc_diff.h"
#include "xfer/plan_doc.h"

#define DOC(plans) "{\"format\":\"kawaru-plan/1\",\"org\":{\"code\":\"322075\",\"name\":\"江津市\"},\"plans\":[" plans "]}"

static const char *const before = DOC(
    "{\"title\":\"計画\",\"kind\":\"action_plan\",\"version\":\"1.0\",\"pillars\":["
    " {\"code\":\"1\",\"title\":\"市民サービス\",\"themes\":["
    "  {\"code\":\"①\",\"title\":\"窓口改革\",\"measures\":["
    "   {\"code\":\"1-1-1\",\"title\":\"書かない窓口\",\"kpis\":[{\"name\":\"時間\",\"target\":{\"state\":\"undecided\"},"
    "     \"measurements\":[{\"period\":\"2024-03-31\",\"value\":3}]}]},"
    "   {\"code\":\"1-1-2\",\"title\":\"廃止する施策\"}]},"
    "  {\"code\":\"②\",\"title\":\"情報発信\",\"measures\":[{\"code\":\"1-2-1\",\"title\":\"SNS\"}]}]},"
    " {\"code\":\"2\",\"title\":\"業務改革\",\"themes\":[]}]}");

static const char *const after = DOC(
    "{\"title\":\"計画\",\"kind\":\"action_plan\",\"version\":\"1.1\",\"pillars\":["
    " {\"code\":\"1\",\"title\":\"市民サービス\",\"themes\":["
    "  {\"code\":\"①\",\"title\":\"窓口改革\",\"measures\":["
    "   {\"code\":\"1-1-1\",\"title\":\"書かない窓口\",\"kpis\":[{\"name\":\"時間\",\"target\":{\"value\":50,\"fy\":2026},"
    "     \"measurements\":[{\"period\":\"2024-03-31\",\"value\":3},{\"period\":\"2025-03-31\",\"value\":9}]}]},"
    "   {\"code\":\"1-2-1\",\"title\":\"SNS\"},"
    "   {\"code\":\"1-1-3\",\"title\":\"新しい施策\"}]}]},"
    " {\"code\":\"2\",\"title\":\"業務改革\",\"themes\":[{\"code\":\"①\",\"title\":\"情報発信\",\"measures\":[]}]}]}");

static const struct diff_entry *find(const struct diff_entry *d, size_t n, const char *entity, enum diff_kind kind,
                                     const char *key) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(d[i].entity, entity) == 0 && d[i].kind == kind && strcmp(d[i].key, key) == 0)
            return &d[i];
    return NULL;
}

static const struct diff_field *field(const struct diff_entry *e, const char *name) {
    for (size_t i = 0; e && i < e->n_fields; i++)
        if (strcmp(e->fields[i].name, name) == 0)
            return &e->fields[i];
    return NULL;
}

static void test_versions(void **state) {
    (void)state;
    struct arena a = ARENA_INIT;
    struct diff_entry *d;
    size_t n;
    assert_int_equal(plan_diff(&a, before, after, &d, &n), 0);
    const struct diff_entry *e = find(d, n, "plan", DIFF_CHANGED, "計画");
    assert_non_null(e);
    assert_int_equal(e->n_fields, 1);
    assert_string_equal(e->fields[0].name, "version");
    assert_string_equal(e->fields[0].before, "\"1.0\"");
    assert_non_null(find(d, n, "measure", DIFF_ADDED, "1-1-3"));
    assert_non_null(find(d, n, "measure", DIFF_REMOVED, "1-1-2"));
    e = find(d, n, "measure", DIFF_MOVED, "1-2-1");
    assert_non_null(e);
    assert_string_equal(e->from, "1 ②");
    assert_string_equal(e->to, "1 ①");
    e = find(d, n, "theme", DIFF_MOVED, "2 ①");                  /* 情報発信: from pillar 1 to 2, renumbered */
    assert_non_null(e);
    assert_string_equal(e->from, "1");
    assert_string_equal(e->to, "2");
    e = find(d, n, "theme", DIFF_CHANGED, "2 ①");
    assert_non_null(field(e, "code"));
    assert_null(find(d, n, "theme", DIFF_REMOVED, "1 ②"));      /* paired, not removed */
    e = find(d, n, "theme", DIFF_CHANGED, "1 ①");                 /* SNS came in second: the order changed */
    assert_null(e);                                             /* ... but only 1-1-1 was there before */
    e = find(d, n, "kpi", DIFF_CHANGED, "1-1-1 時間");
    assert_non_null(e);
    assert_string_equal(e->fields[0].name, "target");
    assert_string_equal(e->fields[0].before, "{\"state\":\"undecided\"}");
    assert_string_equal(e->fields[0].after, "{\"value\":50,\"fy\":2026}");
    assert_non_null(find(d, n, "measurement", DIFF_ADDED, "1-1-1 2025-03-31"));   /* its own entry, not JSON */
    assert_int_equal(n, 8);              /* plan, theme moved + changed, measure ×3, KPI, measurement */
    /* a version compared with itself has no changes; a bad text is refused */
    assert_int_equal(plan_diff(&a, after, after, &d, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(plan_diff(&a, "{", after, &d, &n), KW_EINVAL);
    assert_int_equal(plan_diff(&a, "{\"plans\":[]}", after, &d, &n), KW_EINVAL);
    arena_free(&a);
}

static struct org_doc parse(struct arena *a, const char *text) {
    struct org_doc doc;
    struct doc_errors errs;
    if (plan_doc_parse(text, strlen(text), a, &doc, &errs) < 0)
        fail_msg("%s: %s", errs.items[0].path, errs.items[0].message);
    return doc;
}

#define ORG(depts, plans, bodies) "{\"format\":\"kawaru-plan/1\",\"org\":{\"code\":\"132012\",\"name\":\"八王子市\"}," \
    "\"departments\":[" depts "],\"bodies\":[" bodies "],\"plans\":[" plans "]}"

/* Measures numbered per pillar, a pillar without themes, a department, a confirmed review, a
 * meeting: the stored side of the replacements below. */
static const char *const stored = ORG(
    "{\"code\":\"a\",\"name\":\"企画課\"},{\"code\":\"b\",\"name\":\"市民課\"}",
    "{\"title\":\"プラン\",\"kind\":\"strategy\",\"pillars\":["
    " {\"code\":\"A\",\"title\":\"柱A\",\"measures\":["
    "  {\"code\":\"1\",\"title\":\"一\",\"departments\":[\"企画課\"],"
    "   \"reviews\":[{\"fy\":2025,\"quarter\":1,\"rating\":\"on_track\"}],"
    "   \"kpis\":[{\"name\":\"率\",\"target\":{\"value\":10,\"fy\":2026},\"measurements\":[{\"period\":\"2025-06-30\",\"value\":4}]}]},"
    "  {\"code\":\"2\",\"title\":\"二\"}]},"
    " {\"code\":\"B\",\"title\":\"柱B\",\"measures\":[{\"code\":\"1\",\"title\":\"B一\"}]}]}",
    "{\"code\":\"hq\",\"name\":\"本部\",\"kind\":\"headquarters\",\"meetings\":[{\"date\":\"2025-05-01\",\"title\":\"第1回\"}]}");

static void test_replacing_document(void **state) {
    (void)state;
    struct arena a = ARENA_INIT;
    struct org_doc from = parse(&a, stored), to = parse(&a, stored);
    struct diff_entry *d;
    size_t n;
    assert_int_equal(doc_diff(&a, &from, &to, &d, &n), 0);
    assert_int_equal(n, 0);                                     /* the same document: no change */

    /* the document lacks the measurement, the review and the meeting (kept: history), renames a
     * department, swaps pillar A's measures, drops measure B/1 and adds one */
    to = parse(&a, ORG(
        "{\"code\":\"a\",\"name\":\"企画政策課\"},{\"code\":\"b\",\"name\":\"市民課\"}",
        "{\"title\":\"プラン\",\"kind\":\"strategy\",\"pillars\":["
        " {\"code\":\"A\",\"title\":\"柱A\",\"measures\":["
        "  {\"code\":\"2\",\"title\":\"二\"},"
        "  {\"code\":\"1\",\"title\":\"一\",\"departments\":[\"企画政策課\"],"
        "   \"kpis\":[{\"name\":\"率\",\"target\":{\"value\":10,\"fy\":2026}}]}]},"
        " {\"code\":\"B\",\"title\":\"柱B\",\"measures\":[{\"code\":\"3\",\"title\":\"B三\"}]}]}",
        "{\"code\":\"hq\",\"name\":\"本部\",\"kind\":\"headquarters\"}"));
    assert_int_equal(doc_diff(&a, &from, &to, &d, &n), 0);
    const struct diff_entry *e = find(d, n, "department", DIFF_CHANGED, "a");
    assert_non_null(e);
    assert_string_equal(field(e, "name")->after, "\"企画政策課\"");
    assert_non_null(find(d, n, "measurement", DIFF_KEPT, "A/1 2025-06-30"));
    assert_non_null(find(d, n, "review", DIFF_KEPT, "A/1 2025 Q1"));
    assert_non_null(find(d, n, "meeting", DIFF_KEPT, "hq 2025-05-01"));
    e = find(d, n, "theme", DIFF_CHANGED, "A");                  /* the pillar's own theme holds the order */
    assert_non_null(e);
    assert_string_equal(field(e, "order")->before, "[\"A/1\",\"2\"]");
    assert_string_equal(field(e, "order")->after, "[\"2\",\"A/1\"]");
    e = find(d, n, "measure", DIFF_REMOVED, "B/1");
    assert_non_null(e);
    assert_non_null(e->was);
    assert_null(e->now);
    e = find(d, n, "measure", DIFF_ADDED, "3");                 /* A/1 is now the plan's only 1 */
    assert_non_null(e);
    assert_ptr_equal(e->now_parent, &to.plans[0].pillars[1].themes[0]);
    e = find(d, n, "measure", DIFF_CHANGED, "1");
    assert_non_null(e);
    assert_non_null(field(e, "departments"));
    assert_null(find(d, n, "measure", DIFF_CHANGED, "2"));
    assert_null(find(d, n, "measurement", DIFF_REMOVED, "A/1 2025-06-30"));

    /* an abolished measure the document lacks is left as it is */
    from.plans[0].pillars[1].themes[0].measures[0].status = MS_ABOLISHED;
    assert_int_equal(doc_diff(&a, &from, &to, &d, &n), 0);
    assert_null(find(d, n, "measure", DIFF_REMOVED, "B/1"));
    arena_free(&a);
}

/* A plan renamed (the only one on each side) is the same plan; a KPI is found by its code after
 * a rename, and by name without one. */
static void test_renames(void **state) {
    (void)state;
    struct arena a = ARENA_INIT;
    struct org_doc from = parse(&a, ORG("", "{\"title\":\"旧名\",\"kind\":\"strategy\",\"pillars\":[{\"code\":\"A\",\"title\":\"柱\","
        "\"measures\":[{\"code\":\"1\",\"title\":\"一\",\"kpis\":[{\"code\":\"k1\",\"name\":\"旧指標\",\"target\":{\"state\":\"none\"}},"
        "{\"name\":\"名だけ\",\"target\":{\"state\":\"none\"}}]}]}]}", ""));
    struct org_doc to = parse(&a, ORG("", "{\"title\":\"新名\",\"kind\":\"strategy\",\"pillars\":[{\"code\":\"A\",\"title\":\"柱\","
        "\"measures\":[{\"code\":\"1\",\"title\":\"一\",\"kpis\":[{\"code\":\"k1\",\"name\":\"新指標\",\"target\":{\"state\":\"none\"}},"
        "{\"name\":\"名を変えた\",\"target\":{\"state\":\"none\"}}]}]}]}", ""));
    struct diff_entry *d;
    size_t n;
    assert_int_equal(doc_diff(&a, &from, &to, &d, &n), 0);
    const struct diff_entry *e = find(d, n, "plan", DIFF_CHANGED, "新名");
    assert_non_null(e);
    assert_string_equal(field(e, "title")->before, "\"旧名\"");
    assert_non_null(find(d, n, "kpi", DIFF_CHANGED, "1 k1"));
    assert_non_null(find(d, n, "kpi", DIFF_REMOVED, "1 名だけ"));
    assert_non_null(find(d, n, "kpi", DIFF_ADDED, "1 名を変えた"));
    assert_int_equal(n, 4);
    arena_free(&a);
}

/* A plan's logic model is one field of its plan, "logic_model", with counts: nodes added, removed
 * and changed by key, edges added and removed; the same model in both says nothing. */
#define LM_PLAN(lm) DOC("{\"title\":\"計画\",\"kind\":\"action_plan\",\"pillars\":[{\"code\":\"1\",\"title\":\"柱\"," \
    "\"measures\":[{\"code\":\"1-1\",\"title\":\"施策\"}]}],\"logic_model\":" lm "}")

static void test_logic_model(void **state) {
    (void)state;
    struct arena a = ARENA_INIT;
    struct diff_entry *d;
    size_t n;
    const char *was = LM_PLAN("{\"nodes\":[{\"key\":\"a\",\"column\":\"activity\",\"text\":\"活動\",\"measures\":[\"1-1\"]},"
                              "{\"key\":\"b\",\"column\":\"output\",\"text\":\"結果\"},"
                              "{\"key\":\"c\",\"column\":\"impact\",\"text\":\"姿\"}],"
                              "\"edges\":[{\"from\":\"a\",\"to\":\"b\"},{\"from\":\"b\",\"to\":\"c\"}]}");
    const char *now = LM_PLAN("{\"nodes\":[{\"key\":\"a\",\"column\":\"activity\",\"text\":\"活動\"},"
                              "{\"key\":\"b\",\"column\":\"output\",\"text\":\"結果\"},"
                              "{\"key\":\"d\",\"column\":\"outcome_short\",\"text\":\"変化\"}],"
                              "\"edges\":[{\"from\":\"a\",\"to\":\"b\"},{\"from\":\"b\",\"to\":\"d\"}]}");
    assert_int_equal(plan_diff(&a, was, now, &d, &n), 0);
    const struct diff_entry *e = find(d, n, "plan", DIFF_CHANGED, "計画");
    assert_non_null(e);
    const struct diff_field *f = field(e, "logic_model");
    assert_non_null(f);
    assert_string_equal(f->before, "{\"nodes\":3,\"edges\":2}");
    assert_string_equal(f->after, "{\"nodes\":3,\"edges\":2,\"nodes_added\":1,\"nodes_removed\":1,\"nodes_changed\":1,"
                                  "\"edges_added\":1,\"edges_removed\":1}");
    assert_int_equal(plan_diff(&a, was, was, &d, &n), 0);
    assert_null(find(d, n, "plan", DIFF_CHANGED, "計画"));
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_versions),
        cmocka_unit_test(test_replacing_document),
        cmocka_unit_test(test_renames),
        cmocka_unit_test(test_logic_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
