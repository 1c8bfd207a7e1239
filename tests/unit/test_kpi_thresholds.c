/* Tests every threshold and branch of src/core/kpi_calc.c at its boundary: the status margins
 * (achieved at 100%, on track from 90% of the pace, at risk from 60%), with a baseline and
 * without one (the pace then counted from the fiscal year of the first measurement), for an
 * increase and a decrease; the rounding of achievement before the status; the clamping of the
 * share of time; the branches of achievement without a baseline; the stored aggregates; and the
 * four-decimal rounding of the figures. Each case puts a value just inside and just outside a
 * threshold, so moving or removing one fails a case. */
#include "testutil.h"

#include "core/kpi_calc.h"

enum { MAX_POINTS = 4 };

struct kpi_fixture {
    struct kpi k;
    struct measurement m[MAX_POINTS];
    char periods[MAX_POINTS][11];
};

static kw_date ymd(int y, int m, int d) { return date_from_ymd(y, m, d); }

static void kpi_target(struct kpi_fixture *f, enum kpi_direction dir, double target, int target_fy) {
    memset(f, 0, sizeof *f);
    f->k.name = "test";
    f->k.direction = dir;
    f->k.target_state = TARGET_SET;
    f->k.target_value = target;
    f->k.target_fy = target_fy;
    f->k.measurements = f->m;
}

static void kpi_baseline(struct kpi_fixture *f, double value, int fy) {
    f->k.has_baseline = true;
    f->k.baseline_value = value;
    f->k.baseline_fy = fy;
}

static void kpi_add(struct kpi_fixture *f, kw_date period, double value) {
    assert_true(f->k.n_measurements < MAX_POINTS);
    size_t i = f->k.n_measurements++;
    date_format(period, f->periods[i], sizeof f->periods[i]);
    f->m[i].period = f->periods[i];
    f->m[i].value = value;
}

static struct kpi_derived derive(const struct kpi_fixture *f, kw_date today) {
    struct kpi_derived d;
    memset(&d, 0x5a, sizeof d);
    kpi_derive(&f->k, today, &d);
    return d;
}

static void expect_status(const char *what, double latest, enum kpi_status got, enum kpi_status want) {
    if (got != want)
        fail_msg("%s, latest %.6g: status %s, expected %s", what, latest, kpi_status_name(got), kpi_status_name(want));
}

/* The span both kinds of KPI below are judged over: from FY 2023's start (2023-04-01) to FY
 * 2026's end (2027-03-31), 1,460 days; half of it has passed 730 days in. */
static kw_date span_start(void) { return kpi_baseline_date(2023); }
static kw_date span_end(void) { return kpi_target_date(2026); }
static kw_date halfway(void) { return span_start() + (span_end() - span_start()) / 2; }

struct edge { double latest; enum kpi_status status; };

/* An increase 0 -> 100 with a baseline, judged on day `today`. */
static enum kpi_status with_baseline(double latest, kw_date today) {
    struct kpi_fixture f;
    kpi_target(&f, DIR_INCREASE, 100, 2026);
    kpi_baseline(&f, 0, 2023);
    kpi_add(&f, ymd(2024, 9, 30), latest);
    return derive(&f, today).status;
}

/* An increase to 100 without a baseline, first measured (0) in FY 2023, latest on 2025-03-31. */
static enum kpi_status without_baseline(double latest, kw_date today) {
    struct kpi_fixture f;
    kpi_target(&f, DIR_INCREASE, 100, 2026);
    kpi_add(&f, ymd(2024, 3, 31), 0);
    kpi_add(&f, ymd(2025, 3, 31), latest);
    return derive(&f, today).status;
}

/* ---- the margins at the end of the span: the whole way is expected */

static const struct edge at_the_end[] = {
    {100, KPI_ACHIEVED},      {99.99, KPI_ON_TRACK},   /* 100% achieved, 99.99% not */
    {99.999, KPI_ACHIEVED},                             /* rounded to 100.00% first, so achieved */
    {90, KPI_ON_TRACK},       {89.99, KPI_AT_RISK},    /* on track from 90% of the pace */
    {89.999, KPI_ON_TRACK},                             /* rounded to 90.00% first */
    {60, KPI_AT_RISK},        {59.99, KPI_OFF_TRACK},  /* at risk from 60% */
    {0, KPI_OFF_TRACK},       {-5, KPI_OFF_TRACK},
};

static void test_margins_with_baseline_at_the_end(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof at_the_end / sizeof *at_the_end; i++)
        expect_status("with a baseline at the end", at_the_end[i].latest,
                      with_baseline(at_the_end[i].latest, span_end()), at_the_end[i].status);
}

static void test_margins_without_baseline_at_the_end(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof at_the_end / sizeof *at_the_end; i++)
        expect_status("without a baseline at the end", at_the_end[i].latest,
                      without_baseline(at_the_end[i].latest, span_end()), at_the_end[i].status);
}

/* ---- halfway: half of the way is expected, so the margins are 45 and 30 */

static const struct edge at_half[] = {
    {100, KPI_ACHIEVED}, {50, KPI_ON_TRACK},
    {45, KPI_ON_TRACK},  {44.99, KPI_AT_RISK},
    {30, KPI_AT_RISK},   {29.99, KPI_OFF_TRACK},
};

static void test_margins_with_baseline_halfway(void **state) {
    (void)state;
    struct kpi_fixture f;
    kpi_target(&f, DIR_INCREASE, 100, 2026);
    kpi_baseline(&f, 0, 2023);
    assert_int_equal(span_end() - span_start(), 1460);
    assert_double_near(derive(&f, halfway()).expected_fraction, 0.5, 0);
    for (size_t i = 0; i < sizeof at_half / sizeof *at_half; i++)
        expect_status("with a baseline halfway", at_half[i].latest, with_baseline(at_half[i].latest, halfway()),
                      at_half[i].status);
}

/* Without a baseline the pace counts from the start of the fiscal year of the first measurement
 * (2024-03-31 is in FY 2023: from 2023-04-01), not from the latest one or its own date. */
static void test_margins_without_baseline_halfway(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof at_half / sizeof *at_half; i++)
        expect_status("without a baseline halfway", at_half[i].latest, without_baseline(at_half[i].latest, halfway()),
                      at_half[i].status);
}

/* ---- a decrease mirrors an increase */

static void test_margins_decrease(void **state) {
    (void)state;
    static const struct edge with[] = {        /* 80 -> 60: achievement (80 - v) / 20 */
        {59, KPI_ACHIEVED}, {60, KPI_ACHIEVED}, {60.002, KPI_ON_TRACK},
        {62, KPI_ON_TRACK}, {62.002, KPI_AT_RISK},
        {68, KPI_AT_RISK},  {68.002, KPI_OFF_TRACK},
        {85, KPI_OFF_TRACK},
    };
    for (size_t i = 0; i < sizeof with / sizeof *with; i++) {
        struct kpi_fixture f;
        kpi_target(&f, DIR_DECREASE, 60, 2026);
        kpi_baseline(&f, 80, 2023);
        kpi_add(&f, ymd(2024, 9, 30), with[i].latest);
        expect_status("a decrease with a baseline", with[i].latest, derive(&f, span_end()).status, with[i].status);
    }
    static const struct edge without[] = {     /* to 9: achievement 9 / v */
        {8, KPI_ACHIEVED}, {9, KPI_ACHIEVED},  {9.001, KPI_ON_TRACK},
        {10, KPI_ON_TRACK}, {10.01, KPI_AT_RISK},
        {15, KPI_AT_RISK},  {15.01, KPI_OFF_TRACK},
    };
    for (size_t i = 0; i < sizeof without / sizeof *without; i++) {
        struct kpi_fixture f;
        kpi_target(&f, DIR_DECREASE, 9, 2026);
        kpi_add(&f, ymd(2024, 3, 31), without[i].latest);
        expect_status("a decrease without a baseline", without[i].latest, derive(&f, span_end()).status,
                      without[i].status);
    }
}

/* ---- the share of time is clamped to 0..1, and is 1 when the target is not after the start */

static void test_share_of_time_clamped(void **state) {
    (void)state;
    /* years after the target the whole way is expected, not more */
    expect_status("long after, with a baseline", 90, with_baseline(90, ymd(2040, 1, 1)), KPI_ON_TRACK);
    expect_status("long after, without", 90, without_baseline(90, ymd(2040, 1, 1)), KPI_ON_TRACK);
    expect_status("long after, without", 89.99, without_baseline(89.99, ymd(2040, 1, 1)), KPI_AT_RISK);
    /* before the start nothing is expected: no progress is on track, going backwards is not */
    kw_date before = ymd(2022, 1, 1);
    expect_status("before the start, with a baseline", 0, with_baseline(0, before), KPI_ON_TRACK);
    expect_status("before the start, with a baseline", -1, with_baseline(-1, before), KPI_OFF_TRACK);
    expect_status("before the start, without", 0, without_baseline(0, before), KPI_ON_TRACK);
    expect_status("before the start, without", -1, without_baseline(-1, before), KPI_OFF_TRACK);

    /* a target year before the baseline's: the whole way is expected at once */
    struct kpi_fixture f;
    kpi_target(&f, DIR_INCREASE, 100, 2025);
    kpi_baseline(&f, 0, 2026);
    kpi_add(&f, ymd(2026, 9, 30), 89.99);
    struct kpi_derived d = derive(&f, ymd(2026, 10, 1));
    assert_double_near(d.expected_fraction, 1, 0);
    assert_double_near(d.expected, 100, 0);
    expect_status("target before the baseline", 89.99, d.status, KPI_AT_RISK);
    /* and without a baseline, first measured after the target's year */
    kpi_target(&f, DIR_INCREASE, 100, 2025);
    kpi_add(&f, ymd(2026, 9, 30), 90);
    expect_status("first measured after the target", 90, derive(&f, ymd(2026, 10, 1)).status, KPI_ON_TRACK);
    f.m[0].value = 89.99;
    expect_status("first measured after the target", 89.99, derive(&f, ymd(2026, 10, 1)).status, KPI_AT_RISK);
}

/* ---- achievement without a baseline: every branch */

static void test_achievement_branches(void **state) {
    (void)state;
    struct kpi_fixture f;
    double a;
    kpi_target(&f, DIR_DECREASE, 11, 2026);     /* below the target: target / value, above 1 */
    assert_true(kpi_achievement_of(&f.k, 5.5, &a));
    assert_double_near(a, 2.0, 1e-12);
    kpi_target(&f, DIR_DECREASE, 0, 2026);      /* a target of 0 reached, or passed below */
    assert_true(kpi_achievement_of(&f.k, 0, &a));
    assert_double_near(a, 1.0, 0);
    assert_true(kpi_achievement_of(&f.k, -3, &a));
    assert_double_near(a, 1.0, 0);
    assert_true(kpi_achievement_of(&f.k, 0.5, &a)); /* above 0: 0 / 0.5 */
    assert_double_near(a, 0.0, 0);
    kpi_target(&f, DIR_DECREASE, -5, 2026);     /* above a negative target at or below 0: no figure */
    assert_false(kpi_achievement_of(&f.k, -1, &a));
    assert_false(kpi_achievement_of(&f.k, 0, &a));
    assert_true(kpi_achievement_of(&f.k, -5, &a));
    assert_double_near(a, 1.0, 0);
    kpi_add(&f, ymd(2025, 3, 31), -1);          /* measured, but no achievement: no data */
    struct kpi_derived d = derive(&f, ymd(2025, 4, 1));
    assert_true(d.has_latest);
    assert_false(d.has_achievement);
    expect_status("no achievement", -1, d.status, KPI_NO_DATA);

    kpi_target(&f, DIR_INCREASE, 0, 2026);      /* an increase to 0 or below: reached or not */
    assert_true(kpi_achievement_of(&f.k, 0, &a));
    assert_double_near(a, 1.0, 0);
    assert_true(kpi_achievement_of(&f.k, -0.0001, &a));
    assert_double_near(a, 0.0, 0);
    kpi_target(&f, DIR_INCREASE, -10, 2026);
    assert_true(kpi_achievement_of(&f.k, -10, &a));
    assert_double_near(a, 1.0, 0);
    assert_true(kpi_achievement_of(&f.k, -11, &a));
    assert_double_near(a, 0.0, 0);

    kpi_target(&f, DIR_DECREASE, 10, 2026);     /* a baseline equal to the target, reached exactly */
    kpi_baseline(&f, 10, 2023);
    assert_true(kpi_achievement_of(&f.k, 10, &a));
    assert_double_near(a, 1.0, 0);
    assert_true(kpi_achievement_of(&f.k, 10.0001, &a));
    assert_double_near(a, 0.0, 0);
}

/* ---- the store's aggregates stand for the measurements when given */

static void test_stored_aggregates(void **state) {
    (void)state;
    struct kpi_fixture f, g;
    kpi_target(&f, DIR_INCREASE, 100, 2026);    /* f: measured; g: only its aggregates */
    kpi_add(&f, ymd(2024, 3, 31), 0);
    kpi_add(&f, ymd(2025, 3, 31), 44.99);
    g = f;
    g.k.measurements = NULL;
    g.k.n_measurements = 0;
    kpi_stats_compute(&f.k, &g.k.stats);
    g.k.has_stats = true;
    assert_int_equal(g.k.stats.n, 2);
    assert_string_equal(g.k.stats.first_period, "2024-03-31");
    assert_string_equal(g.k.stats.latest_period, "2025-03-31");
    struct kpi_derived a = derive(&f, halfway()), b = derive(&g, halfway());
    assert_true(b.has_latest);
    assert_double_near(b.latest, 44.99, 0);
    assert_true(b.has_forecast);
    assert_double_near(b.forecast, a.forecast, 0);
    assert_double_near(b.achievement, a.achievement, 0);
    expect_status("from the aggregates", 44.99, b.status, KPI_AT_RISK);
    assert_int_equal(a.status, b.status);
}

/* ---- four decimals */

static void test_figures_rounded(void **state) {
    (void)state;
    struct kpi_fixture f;
    kpi_target(&f, DIR_INCREASE, 100, 2026);
    kpi_baseline(&f, 0, 2023);
    kpi_add(&f, ymd(2024, 9, 30), 100.0 / 3);
    struct kpi_derived d = derive(&f, span_start() + 487);      /* 487 / 1460 = 0.333561... */
    assert_double_near(d.expected_fraction, 0.3336, 1e-12);
    assert_double_near(d.expected, 33.3562, 1e-12);
    assert_double_near(d.achievement, 0.3333, 1e-12);
    kpi_target(&f, DIR_INCREASE, 50, 2026);                     /* 130/3 = 43.3333... */
    kpi_add(&f, ymd(2024, 3, 31), 0);
    kpi_add(&f, ymd(2025, 3, 31), 10);
    kpi_add(&f, ymd(2026, 3, 31), 30);
    d = derive(&f, ymd(2026, 3, 31));
    assert_double_near(d.forecast, 43.3333, 1e-12);
}

static void test_status_names(void **state) {
    (void)state;
    assert_string_equal(kpi_status_name(KPI_UNDECIDED), "undecided");
    assert_string_equal(kpi_status_name(KPI_NO_TARGET), "no_target");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_margins_with_baseline_at_the_end),
        cmocka_unit_test(test_margins_without_baseline_at_the_end),
        cmocka_unit_test(test_margins_with_baseline_halfway),
        cmocka_unit_test(test_margins_without_baseline_halfway),
        cmocka_unit_test(test_margins_decrease),
        cmocka_unit_test(test_share_of_time_clamped),
        cmocka_unit_test(test_achievement_branches),
        cmocka_unit_test(test_stored_aggregates),
        cmocka_unit_test(test_figures_rounded),
        cmocka_unit_test(test_status_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
