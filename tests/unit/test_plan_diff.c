/* Tests xfer/plan_diff.c: two versions of a small plan, with a measure added, one removed, one
 * moved to another theme, a theme moved to another pillar (and renumbered), and a KPI whose
 * target went from 未決定 to 50%. */
#include "testutil.h"

#include "xfer/plan_diff.h"

#define DOC(plans) "{\"format\":\"kawaru-plan/1\",\"org\":{\"code\":\"322075\",\"name\":\"江津市\"},\"plans\":[" plans "]}"

static const char *const before = DOC(
    "{\"title\":\"計画\",\"version\":\"1.0\",\"pillars\":["
    " {\"code\":\"1\",\"title\":\"市民サービス\",\"themes\":["
    "  {\"code\":\"①\",\"title\":\"窓口改革\",\"measures\":["
    "   {\"code\":\"1-1-1\",\"title\":\"書かない窓口\",\"kpis\":[{\"name\":\"時間\",\"target\":{\"state\":\"undecided\"}}]},"
    "   {\"code\":\"1-1-2\",\"title\":\"廃止する施策\"}]},"
    "  {\"code\":\"②\",\"title\":\"情報発信\",\"measures\":[{\"code\":\"1-2-1\",\"title\":\"SNS\"}]}]},"
    " {\"code\":\"2\",\"title\":\"業務改革\",\"themes\":[]}]}");

static const char *const after = DOC(
    "{\"title\":\"計画\",\"version\":\"1.1\",\"pillars\":["
    " {\"code\":\"1\",\"title\":\"市民サービス\",\"themes\":["
    "  {\"code\":\"①\",\"title\":\"窓口改革\",\"measures\":["
    "   {\"code\":\"1-1-1\",\"title\":\"書かない窓口\",\"kpis\":[{\"name\":\"時間\",\"target\":{\"value\":50,\"fy\":2026}}]},"
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

static void test_diff(void **state) {
    (void)state;
    struct arena a = ARENA_INIT;
    struct diff_entry *d;
    size_t n;
    assert_int_equal(plan_diff(&a, before, after, &d, &n), 0);
    const struct diff_entry *e = find(d, n, "plan", DIFF_CHANGED, "");
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
    assert_non_null(e);
    assert_string_equal(e->fields[0].name, "code");
    assert_null(find(d, n, "theme", DIFF_REMOVED, "1 ②"));      /* paired, not removed */
    e = find(d, n, "kpi", DIFF_CHANGED, "1-1-1 時間");
    assert_non_null(e);
    assert_string_equal(e->fields[0].name, "target");
    assert_string_equal(e->fields[0].before, "{\"state\":\"undecided\"}");
    assert_string_equal(e->fields[0].after, "{\"value\":50,\"fy\":2026}");
    assert_int_equal(n, 7);                                     /* plan, theme ×2, measure ×3, KPI */
    /* a version compared with itself has no changes; a bad text is refused */
    assert_int_equal(plan_diff(&a, after, after, &d, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(plan_diff(&a, "{", after, &d, &n), KW_EINVAL);
    assert_int_equal(plan_diff(&a, "{\"plans\":[]}", after, &d, &n), KW_EINVAL);
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_diff)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
