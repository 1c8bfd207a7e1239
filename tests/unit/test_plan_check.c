/* Tests src/core/plan_check.c and logic_check.c: the findings of `kawaru check` on a plan built by
 * hand, with and without a logic model. */
#include "testutil.h"

#include <string.h>
#include "core/logic_model.h"
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
        /* 担当：全課 — organisation-wide, reported by the office: no department is not a gap */
        {.code = "5", .title = "全庁の施策", .scope = SCOPE_ORG_WIDE, .kpis = &none, .n_kpis = 1},
    };
    struct theme t = {.title = "テーマ", .measures = ms, .n_measures = 5};
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
    assert_string_equal(s.code[FIND_MEASURE_NO_DEPARTMENT], "3");
    assert_int_equal(s.count[FIND_TARGET_NONE], 2);
    assert_int_equal(errors, 3);                                            /* no KPI, unnamed, 未決定 */
    assert_string_equal(finding_kind_name(FIND_KPI_UNNAMED), "kpi_without_name");
}

/* The logic model's findings, each named by what it is about: "kind measure/kpi" or "kind node". */
struct lm_seen { char lines[16][64]; int n; };

static void collect_lm(const struct finding *f, void *ctx) {
    struct lm_seen *s = ctx;
    if (f->kind < FIND_LM_KPI_NO_OUTCOME)
        return;
    assert_true(s->n < 16);
    assert_int_equal(f->level, FINDING_WARNING);
    if (f->node)
        snprintf(s->lines[s->n++], 64, "%s %s", finding_kind_name(f->kind), f->node->key);
    else
        snprintf(s->lines[s->n++], 64, "%s %s/%s", finding_kind_name(f->kind), f->measure->key,
                 f->kpi ? f->kpi->code : "-");
}

static void test_logic_findings(void **state) {
    (void)state;
    struct kpi k1[] = {{.code = "K1", .name = "利用率"}, {.code = "K2", .name = "満足度"}};
    struct kpi k2 = {.code = "K3", .name = "件数"}, k3 = {.code = "K4", .name = "時間"};
    struct measure ms[] = {
        {.code = "1", .key = "1", .title = "つながる施策", .kpis = k1, .n_kpis = 2},
        {.code = "2", .key = "2", .title = "行き止まりの施策", .kpis = &k2, .n_kpis = 1},
        {.code = "3", .key = "3", .title = "モデルにない施策", .kpis = &k3, .n_kpis = 1},
    };
    struct theme t = {.title = "テーマ", .measures = ms, .n_measures = 3};
    struct pillar pi = {.code = "A", .title = "柱", .themes = &t, .n_themes = 1};
    char *m1[] = {"1"}, *m2[] = {"2"};
    struct lm_kpi_ref out_kpi = {.measure = "1", .kpi = "K1"}, dead_kpi = {.measure = "2", .kpi = "K3"},
                      long_kpi = {.measure = "1", .kpi = "K2"};
    struct lm_node nodes[] = {
        {.key = "a1", .column = LM_ACTIVITY, .text = "活動1", .measures = {m1, 1}},
        {.key = "p1", .column = LM_OUTPUT, .text = "産出1", .kpis = &out_kpi, .n_kpis = 1},
        {.key = "o1", .column = LM_OUTCOME_SHORT, .text = "初期1", .kpis = &long_kpi, .n_kpis = 1},
        {.key = "a2", .column = LM_ACTIVITY, .text = "活動2", .measures = {m2, 1}, .kpis = &dead_kpi, .n_kpis = 1},
        {.key = "p2", .column = LM_OUTPUT, .text = "産出2"},
        {.key = "o2", .column = LM_OUTCOME_LONG, .text = "長期2"},
        {.key = "i1", .column = LM_IMPACT, .text = "ありたい姿"},
    };
    /* a1 → p1 → o1 → o2 → i1; a2 ⇄ p2 (a loop that reaches no outcome) */
    struct lm_edge edges[] = {{.from = "a1", .to = "p1"}, {.from = "p1", .to = "o1"}, {.from = "o1", .to = "o2"},
                              {.from = "o2", .to = "i1"}, {.from = "a2", .to = "p2"}, {.from = "p2", .to = "a2"}};
    struct logic_model lm = {nodes, 7, edges, 6};
    struct plan p = {.title = "計画", .pillars = &pi, .n_pillars = 1, .logic_model = &lm};
    struct lm_seen s = {0};
    plan_check(&p, collect_lm, &s);
    const char *want[] = {"kpi_without_outcome 2/K3", "measure_outside_logic_model 3/-",
                          "activity_without_outcome a2", "outcome_without_kpi o2"};
    assert_int_equal(s.n, 4);
    for (int i = 0; i < 4; i++)
        assert_string_equal(s.lines[i], want[i]);
    /* an edge from a2 to the outcome connects the activity and its KPI */
    edges[5].to = "o1";
    s.n = 0;
    plan_check(&p, collect_lm, &s);
    assert_int_equal(s.n, 2);
    assert_string_equal(s.lines[0], "measure_outside_logic_model 3/-");
    assert_string_equal(s.lines[1], "outcome_without_kpi o2");
    /* without a logic model: none of these */
    p.logic_model = NULL;
    s.n = 0;
    plan_check(&p, collect_lm, &s);
    assert_int_equal(s.n, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_findings),
        cmocka_unit_test(test_logic_findings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
