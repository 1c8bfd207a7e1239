/* Tests core/rollup.c: ratings counted on the plan's scale (or the default one), problems,
 * KPI statuses and mean achievement, summed up from themes to pillars to the plan. */
#include "testutil.h"

#include "core/review.h"
#include "core/rollup.h"

static struct kpi kpi_with(double baseline, double target, double latest) {
    static struct measurement m[16];
    static int used;
    struct measurement *x = &m[used++ % 16];
    x->period = (char *)"2025-03-31";
    x->value = latest;
    struct kpi k = {.name = (char *)"k", .direction = DIR_INCREASE, .has_baseline = true, .baseline_value = baseline,
                    .baseline_fy = 2024, .target_state = TARGET_SET, .target_value = target, .target_fy = 2026,
                    .measurements = x, .n_measurements = 1};
    return k;
}

static void test_rollup_counts(void **state) {
    (void)state;
    struct rating_level scale[] = {{(char *)"good", (char *)"良", NULL, false}, {(char *)"bad", (char *)"悪", NULL, true}};
    struct kpi k1 = kpi_with(0, 100, 50), k2 = kpi_with(0, 100, 100);
    struct review reviews[] = {
        {.fy = 2025, .quarter = 1, .rating = (char *)"good", .state = REVIEW_CONFIRMED},
        {.fy = 2025, .quarter = 2, .rating = (char *)"bad", .state = REVIEW_CONFIRMED},
        {.fy = 2025, .quarter = 3, .rating = (char *)"good", .state = REVIEW_DRAFT},    /* a draft does not count */
    };
    struct measure ms[3] = {
        {.code = (char *)"1", .reviews = reviews, .n_reviews = 3, .kpis = &k1, .n_kpis = 1},
        {.code = (char *)"2", .latest_rating = (char *)"good", .kpis = &k2, .n_kpis = 1},
        {.code = (char *)"3", .latest_rating = (char *)"gone"},                             /* not on the scale */
    };
    assert_string_equal(rollup_latest_rating(&ms[0]), "bad");
    struct theme themes[2] = {{.title = (char *)"t1", .measures = ms, .n_measures = 2},
                              {.title = (char *)"t2", .measures = ms + 2, .n_measures = 1}};
    struct pillar pillars[1] = {{.code = (char *)"A", .themes = themes, .n_themes = 2}};
    struct plan p = {.rating_scale = scale, .n_rating_scale = 2, .pillars = pillars, .n_pillars = 1};
    struct rollup plan, pr[1], tr[2];
    rollup_plan(&p, date_from_ymd(2025, 10, 1), &plan, pr, tr);
    assert_int_equal(tr[0].measures, 2);
    assert_int_equal(tr[0].rated[0], 1);
    assert_int_equal(tr[0].rated[1], 1);
    assert_int_equal(tr[0].problems, 1);
    assert_int_equal(tr[1].unrated, 1);
    assert_int_equal(plan.measures, 3);
    assert_int_equal(plan.kpis, 2);
    assert_int_equal(plan.kpi_status[KPI_ACHIEVED], 1);
    assert_int_equal(plan.kpi_status[KPI_ACHIEVED] + plan.kpi_status[KPI_ON_TRACK] + plan.kpi_status[KPI_AT_RISK] +
                     plan.kpi_status[KPI_OFF_TRACK] + plan.kpi_status[KPI_NO_DATA], 2);
    double mean;
    assert_true(rollup_achievement_mean(&plan, &mean));
    assert_double_near(mean, 0.75, 1e-9);                       /* (0.5 + 1.0) / 2 */
    assert_memory_equal(&pr[0], &plan, sizeof plan);            /* one pillar: the same figures */

    /* a plan without a scale of its own counts on the default one */
    p.n_rating_scale = 0;
    ms[1].latest_rating = (char *)"delayed";
    rollup_plan(&p, date_from_ymd(2025, 10, 1), &plan, pr, tr);
    assert_int_equal(plan.rated[2], 1);                          /* 遅れ is the third default level */
    assert_int_equal(plan.problems, 1);
    struct rollup empty = {0};
    assert_false(rollup_achievement_mean(&empty, &mean));
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_rollup_counts)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
