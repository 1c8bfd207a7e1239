/* Tests src/core/workload.c: hours = volume × minutes ÷ 60 by staff type; means applied to a step
 * take their reduction off what is left of it, credited to the means, the measure and the
 * department; the reduction in % of the baseline; the Pareto order; which steps a means fits. */
#include <stdlib.h>
#include <string.h>
#include "testutil.h"

#include "core/plan_check.h"
#include "core/workload.h"

/* 転入届 (dept 1): 1,200 cases a year; 受付 10 min at the counter on paper by a regular clerk,
 * 入力 5 min transcribed by a fiscal-year clerk, 決裁 2 min. 証明書交付 (dept 2): 6,000 cases,
 * one step of 3 min outsourced. */
static struct step steps_a[] = {
    {.id = 11, .number = 1, .name = "受付", .minutes = 10, .staff = STAFF_REGULAR, .channel = CHANNEL_COUNTER,
     .flags = FLAG_PAPER | FLAG_IN_PERSON},
    {.id = 12, .number = 2, .name = "入力", .minutes = 5, .staff = STAFF_FISCAL_YEAR, .channel = CHANNEL_INTERNAL,
     .flags = FLAG_TRANSCRIPTION},
    {.id = 13, .number = 3, .name = "決裁", .minutes = 2, .staff = STAFF_REGULAR, .channel = CHANNEL_INTERNAL,
     .flags = FLAG_APPROVAL},
};
static struct step steps_b[] = {
    {.id = 21, .number = 1, .name = "交付", .minutes = 3, .staff = STAFF_OUTSOURCED, .channel = CHANNEL_COUNTER},
};
static struct business inventory[] = {
    {.id = 1, .department_id = 1, .survey_fy = 2024, .code = "A", .name = "転入届", .volume = 1200,
     .steps = steps_a, .n_steps = 3},
    {.id = 2, .department_id = 2, .survey_fy = 2024, .code = "B", .name = "証明書交付", .volume = 6000,
     .steps = steps_b, .n_steps = 1},
};

static void test_hours(void **state) {
    (void)state;
    assert_double_near(workload_step_hours(&inventory[0], &steps_a[0]), 200, 1e-9);   /* 1200 × 10 / 60 */
    double by[STAFF_COUNT] = {0};
    assert_double_near(workload_business_hours(&inventory[0], by), 200 + 100 + 40, 1e-9);
    assert_double_near(by[STAFF_REGULAR], 240, 1e-9);
    assert_double_near(by[STAFF_FISCAL_YEAR], 100, 1e-9);
    assert_double_near(by[STAFF_OUTSOURCED], 0, 1e-9);
    struct workload_totals t;
    workload_compute(inventory, 2, NULL, 0, &t, NULL);
    assert_double_near(t.baseline, 340 + 300, 1e-9);
    assert_double_near(t.projected, t.baseline, 1e-9);
    assert_double_near(t.by_staff[STAFF_OUTSOURCED], 300, 1e-9);
}

static void test_applied_means(void **state) {
    (void)state;
    /* オンライン申請 (means 7, measure 70) takes 50% off 受付, then 書かない窓口 (means 8, measure 80)
     * 50% of what is left; RPA (means 9, no measure) 80% off 入力; one application names a step
     * of another inventory and counts nowhere. */
    const struct means_application apps[] = {
        {.id = 1, .step_id = 11, .means_id = 7, .measure_id = 70, .reduction = 50},
        {.id = 2, .step_id = 11, .means_id = 8, .measure_id = 80, .reduction = 50},
        {.id = 3, .step_id = 12, .means_id = 9, .measure_id = 0, .reduction = 80},
        {.id = 4, .step_id = 99, .means_id = 7, .measure_id = 70, .reduction = 100},
    };
    struct workload_totals t;
    struct workload_breakdown b;
    workload_compute(inventory, 2, apps, 4, &t, &b);
    /* 受付 200 → 100 → 50; 入力 100 → 20; 決裁 40; 交付 300 */
    assert_double_near(t.projected, 50 + 20 + 40 + 300, 1e-9);
    assert_double_near(workload_reduction_percent(t.baseline, t.projected), (640.0 - 410.0) / 640.0 * 100, 1e-9);
    assert_int_equal(b.n_department, 2);
    assert_int_equal(b.by_department[0].id, 1);
    assert_double_near(b.by_department[0].baseline, 340, 1e-9);
    assert_double_near(b.by_department[0].saved, 230, 1e-9);
    assert_double_near(b.by_department[1].saved, 0, 1e-9);
    assert_int_equal(b.n_means, 3);
    assert_double_near(b.by_means[0].saved, 100, 1e-9);         /* オンライン申請 */
    assert_double_near(b.by_means[1].saved, 50, 1e-9);          /* 書かない窓口 */
    assert_double_near(b.by_means[2].saved, 80, 1e-9);          /* RPA */
    assert_int_equal(b.n_measure, 3);
    assert_int_equal(b.by_measure[2].id, 0);                    /* RPA's application names no measure */
    workload_breakdown_free(&b);

    /* reductions beyond 0..100 are held to it: nothing below zero hours */
    const struct means_application wild[] = {{.id = 5, .step_id = 21, .means_id = 1, .reduction = 150}};
    workload_compute(inventory, 2, wild, 1, &t, NULL);
    assert_double_near(t.projected, 340, 1e-9);
    assert_double_near(workload_reduction_percent(0, 0), 0, 0);
}

static void test_pareto_and_fit(void **state) {
    (void)state;
    size_t *order = workload_pareto(inventory, 2);
    assert_int_equal(order[0], 0);                              /* 転入届 340 h */
    assert_int_equal(order[1], 1);                              /* 証明書交付 300 h */
    free(order);
    struct business more[] = {inventory[1], inventory[0], inventory[1]};
    order = workload_pareto(more, 3);                           /* ties keep the order given */
    assert_int_equal(order[0], 1);
    assert_int_equal(order[1], 0);
    assert_int_equal(order[2], 2);
    free(order);

    const struct means online = {.name = "オンライン申請", .channels = 1u << CHANNEL_COUNTER, .flags = FLAG_PAPER};
    const struct means rpa = {.name = "RPA", .flags = FLAG_TRANSCRIPTION};
    const struct means any = {.name = "ナッジ"};
    assert_true(workload_means_fits(&online, &steps_a[0]));      /* the counter, on paper */
    assert_true(workload_means_fits(&online, &steps_b[0]));      /* the counter */
    assert_false(workload_means_fits(&online, &steps_a[1]));
    assert_true(workload_means_fits(&rpa, &steps_a[1]));
    assert_false(workload_means_fits(&rpa, &steps_a[2]));
    assert_true(workload_means_fits(&any, &steps_a[2]));
}

static int seen[FIND_MEANS_OTHER_DEPARTMENT + 1];

static void count(const struct finding *f, void *ctx) {
    (void)ctx;
    assert_null(f->measure);
    assert_non_null(f->business);
    seen[f->kind]++;
}

/* Measure 70 names department 1 only. */
static bool names_department(int64_t measure_id, int64_t department_id, void *ctx) {
    (void)ctx;
    return measure_id == 70 && department_id == 1;
}

static void test_check(void **state) {
    (void)state;
    struct step zero = {.id = 31, .number = 1, .name = "確認", .minutes = 0};
    struct business v[] = {inventory[0], inventory[1],
                           {.id = 3, .department_id = 2, .code = "C", .name = "空の業務", .volume = 0},
                           {.id = 4, .department_id = 2, .code = "D", .name = "確認業務", .volume = 10, .steps = &zero, .n_steps = 1}};
    const struct means_application apps[] = {
        {.id = 1, .step_id = 11, .means_id = 7, .measure_id = 70, .reduction = 50},   /* department 1: fine */
        {.id = 2, .step_id = 21, .means_id = 7, .measure_id = 70, .reduction = 50},   /* department 2: flagged */
        {.id = 3, .step_id = 21, .means_id = 8, .measure_id = 0, .reduction = 50},    /* no measure: not flagged */
    };
    memset(seen, 0, sizeof seen);
    int errors = workload_check(v, 4, apps, 3, names_department, NULL, count, NULL);
    assert_int_equal(errors, 1);
    assert_int_equal(seen[FIND_BUSINESS_NO_STEPS], 1);
    assert_int_equal(seen[FIND_BUSINESS_ZERO_VOLUME], 1);
    assert_int_equal(seen[FIND_STEP_ZERO_MINUTES], 1);
    assert_int_equal(seen[FIND_MEANS_OTHER_DEPARTMENT], 1);
    assert_string_equal(finding_kind_name(FIND_MEANS_OTHER_DEPARTMENT), "means_other_department");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hours),
        cmocka_unit_test(test_applied_means),
        cmocka_unit_test(test_pareto_and_fit),
        cmocka_unit_test(test_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
