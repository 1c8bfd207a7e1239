/* Tests src/core/plan_check.c: the findings of `kawaru check` on a plan built by hand. */
#include "testutil.h"

#include "core/plan_check.h"

struct seen { int count[FIND_KPI_UNNAMED + 1]; const char *code[FIND_KPI_UNNAMED + 1]; };

static void collect(const struct finding *f, void *ctx) {
    struct seen *s = ctx;
    s->count[f->kind]++;
    s->code[f->kind] = f->measure->code;
}

static void test_findings(void **state) {
    (void)state;
    char *dept[] = {"政策企画課"};
    struct kpi unnamed = {.target_state = TARGET_UNDECIDED};                 /* 数値目標 未決定, no name */
    struct kpi named = {.name = "満足度", .target_state = TARGET_SET, .target_value = 80, .target_fy = 2026};
    struct kpi none = {.name = "件数", .target_state = TARGET_NONE};
    struct measure ms[] = {
        {.code = "1", .title = "指標のない施策", .departments = {dept, 1}},
        {.code = "2", .title = "未決定の施策", .departments = {dept, 1}, .kpis = &unnamed, .n_kpis = 1},
        {.code = "3", .title = "基準値のない施策", .kpis = &named, .n_kpis = 1},
        {.code = "4", .title = "なしの施策", .departments = {dept, 1}, .kpis = &none, .n_kpis = 1},
    };
    struct theme t = {.title = "テーマ", .measures = ms, .n_measures = 4};
    struct pillar pi = {.code = "A", .title = "柱", .themes = &t, .n_themes = 1};
    struct plan p = {.title = "計画", .pillars = &pi, .n_pillars = 1};
    struct seen s = {0};
    int errors = plan_check(&p, collect, &s);
    assert_int_equal(s.count[FIND_MEASURE_NO_KPI], 1);
    assert_string_equal(s.code[FIND_MEASURE_NO_KPI], "1");
    assert_int_equal(s.count[FIND_KPI_UNNAMED], 1);                         /* a target without an indicator */
    assert_string_equal(s.code[FIND_KPI_UNNAMED], "2");
    assert_int_equal(s.count[FIND_TARGET_UNDECIDED], 1);
    assert_int_equal(s.count[FIND_KPI_NO_BASELINE], 1);
    assert_int_equal(s.count[FIND_MEASURE_NO_DEPARTMENT], 1);
    assert_int_equal(s.count[FIND_TARGET_NONE], 1);
    assert_int_equal(errors, 3);                                            /* no KPI, unnamed, 未決定 */
    assert_string_equal(finding_kind_name(FIND_KPI_UNNAMED), "kpi_without_name");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_findings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
