/* Tests src/core/kpi_calc.c: KPI achievement, expected value today, status and forecast (SPEC §2). */
#include "testutil.h"

#include "core/kpi_calc.h"

enum { MAX_POINTS = 8 };

/* kpi_derive may round its figures to four decimals for display: compare them within half of
 * 0.0001 where the true value has more decimals. */
#define DERIVED_EPS 5e-5

/* A KPI built by hand, with room for a few measurements. */
struct kpi_fixture {
    struct kpi k;
    struct measurement m[MAX_POINTS];
    char periods[MAX_POINTS][11];
};

static void kpi_target(struct kpi_fixture *f, enum kpi_direction dir, double target, int target_fy) {
    memset(f, 0, sizeof *f);
    f->k.name = "test";
    f->k.direction = dir;
    f->k.target_state = TARGET_SET;
    f->k.target_value = target;
    f->k.target_fy = target_fy;
    f->k.measurements = f->m;
}

static void kpi_unset(struct kpi_fixture *f, enum kpi_target_state state) {
    kpi_target(f, DIR_INCREASE, 0, 0);
    f->k.target_state = state;
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

static kw_date ymd(int y, int m, int d) { return date_from_ymd(y, m, d); }

static struct kpi_derived derive(const struct kpi_fixture *f, kw_date today) {
    struct kpi_derived d;
    memset(&d, 0x5a, sizeof d);             /* kpi_derive must set every field it reports */
    kpi_derive(&f->k, today, &d);
    return d;
}

static void assert_status(enum kpi_status got, enum kpi_status want) {
    if (got != want)
        fail_msg("status %s, expected %s", kpi_status_name(got), kpi_status_name(want));
}

/* ---- achievement */

static void test_increase_with_baseline(void **state) {
    struct kpi_fixture f;
    kpi_target(&f, DIR_INCREASE, 50, 2026);
    kpi_baseline(&f, 0, 2023);
    kpi_add(&f, ymd(2025, 3, 31), 25);
    struct kpi_derived d = derive(&f, ymd(2025, 3, 31));
    assert_true(d.has_latest);
    assert_double_near(d.latest, 25, 1e-12);
    assert_string_equal(d.latest_period, "2025-03-31");
    assert_true(d.has_achievement);
    assert_double_near(d.achievement, 0.5, 1e-12);
    double a;
    assert_true(kpi_achievement_of(&f.k, 50, &a));
    assert_double_near(a, 1.0, 1e-12);
    assert_true(kpi_achievement_of(&f.k, 60, &a));
    assert_double_near(a, 1.2, 1e-12);
    assert_true(kpi_achievement_of(&f.k, -10, &a));
    assert_double_near(a, -0.2, 1e-12);
}

static void test_decrease_with_baseline(void **state) {
    struct kpi_fixture f;
    kpi_target(&f, DIR_DECREASE, 60, 2026);
    kpi_baseline(&f, 80, 2023);
    kpi_add(&f, ymd(2025, 3, 31), 70);
    struct kpi_derived d = derive(&f, ymd(2025, 3, 31));
    assert_true(d.has_achievement);
    assert_double_near(d.achievement, 0.5, 1e-12);
    double a;
    assert_true(kpi_achievement_of(&f.k, 60, &a));
    assert_double_near(a, 1.0, 1e-12);
    assert_true(kpi_achievement_of(&f.k, 90, &a));      /* got worse */
    assert_double_near(a, -0.5, 1e-12);
}

static void test_without_baseline(void **state) {
    struct kpi_fixture f;
    double a;
    kpi_target(&f, DIR_INCREASE, 80, 2026);            /* latest / target */
    assert_true(kpi_achievement_of(&f.k, 40, &a));
    assert_double_near(a, 0.5, 1e-12);
    assert_true(kpi_achievement_of(&f.k, 80, &a));
    assert_double_near(a, 1.0, 1e-12);

    kpi_target(&f, DIR_DECREASE, 11, 2026);            /* target / latest */
    assert_true(kpi_achievement_of(&f.k, 22, &a));
    assert_double_near(a, 0.5, 1e-12);
    assert_true(kpi_achievement_of(&f.k, 11, &a));
    assert_double_near(a, 1.0, 1e-12);
    assert_true(kpi_achievement_of(&f.k, 0, &a));      /* below the target: reached */
    assert_double_near(a, 1.0, 1e-12);

    kpi_target(&f, DIR_INCREASE, 0, 2026);             /* nothing to divide by: reached or not */
    assert_true(kpi_achievement_of(&f.k, 5, &a));
    assert_double_near(a, 1.0, 1e-12);
    assert_true(kpi_achievement_of(&f.k, -1, &a));
    assert_double_near(a, 0.0, 1e-12);

    kpi_target(&f, DIR_DECREASE, 11, 2026);
    kpi_add(&f, ymd(2025, 3, 31), 22);
    struct kpi_derived d = derive(&f, ymd(2025, 3, 31));
    assert_true(d.has_achievement);
    assert_double_near(d.achievement, 0.5, 1e-12);
    assert_false(d.has_expected);                      /* no line without a baseline */
}

/* A decrease to zero without a baseline (e.g. 紙の申請 0件): reaching 0 is reaching the target,
 * which kpi_calc.h defines as achievement 1.0. */
static void test_decrease_to_zero_without_baseline(void **state) {
    struct kpi_fixture f;
    kpi_target(&f, DIR_DECREASE, 0, 2026);
    kpi_add(&f, ymd(2024, 3, 31), 40);
    kpi_add(&f, ymd(2025, 3, 31), 0);
    double a = -1;
    assert_true(kpi_achievement_of(&f.k, 0, &a));
    assert_double_near(a, 1.0, 1e-12);
    struct kpi_derived d = derive(&f, ymd(2025, 4, 1));
    assert_true(d.has_achievement);
    assert_status(d.status, KPI_ACHIEVED);
}

static void test_target_undecided_or_none(void **state) {
    enum kpi_target_state states[] = {TARGET_UNDECIDED, TARGET_NONE};
    for (size_t i = 0; i < 2; i++) {
        struct kpi_fixture f;
        kpi_unset(&f, states[i]);
        kpi_baseline(&f, 10, 2023);
        kpi_add(&f, ymd(2024, 3, 31), 12);
        kpi_add(&f, ymd(2025, 3, 31), 15);
        struct kpi_derived d = derive(&f, ymd(2025, 6, 30));
        assert_true(d.has_latest);
        assert_double_near(d.latest, 15, 1e-12);
        assert_false(d.has_achievement);
        assert_false(d.has_expected);
        assert_false(d.has_forecast);
        assert_status(d.status, states[i] == TARGET_UNDECIDED ? KPI_UNDECIDED : KPI_NO_TARGET);  /* not no data */
        double a;
        assert_false(kpi_achievement_of(&f.k, 15, &a));
    }
}

static void test_no_measurements_is_no_data(void **state) {
    struct kpi_fixture f;
    kpi_target(&f, DIR_INCREASE, 50, 2026);
    kpi_baseline(&f, 0, 2023);
    struct kpi_derived d = derive(&f, ymd(2025, 3, 31));
    assert_false(d.has_latest);
    assert_false(d.has_achievement);
    assert_true(d.has_expected);                       /* the line exists without data */
    assert_status(d.status, KPI_NO_DATA);
    assert_string_equal(d.latest_period, "");
}

static void test_baseline_equal_to_target(void **state) {
    struct kpi_fixture f;
    double a;
    kpi_target(&f, DIR_INCREASE, 10, 2026);
    kpi_baseline(&f, 10, 2023);
    assert_true(kpi_achievement_of(&f.k, 10, &a));
    assert_double_near(a, 1.0, 0);
    assert_true(kpi_achievement_of(&f.k, 9, &a));
    assert_double_near(a, 0.0, 0);
    assert_true(kpi_achievement_of(&f.k, 11, &a));
    assert_double_near(a, 1.0, 0);

    kpi_target(&f, DIR_DECREASE, 10, 2026);
    kpi_baseline(&f, 10, 2023);
    assert_true(kpi_achievement_of(&f.k, 9, &a));
    assert_double_near(a, 1.0, 0);
    assert_true(kpi_achievement_of(&f.k, 11, &a));
    assert_double_near(a, 0.0, 0);

    kpi_add(&f, ymd(2024, 9, 30), 10);
    struct kpi_derived d = derive(&f, ymd(2024, 9, 30));
    assert_true(isfinite(d.achievement));
    assert_status(d.status, KPI_ACHIEVED);
}

static void test_single_measurement(void **state) {
    struct kpi_fixture f;
    kpi_target(&f, DIR_INCREASE, 100, 2026);           /* ITパスポート: 7 % of 100 % */
    kpi_add(&f, ymd(2024, 3, 31), 7);
    struct kpi_derived d = derive(&f, ymd(2024, 4, 1));
    assert_true(d.has_latest);
    assert_double_near(d.latest, 7, 1e-12);
    assert_string_equal(d.latest_period, "2024-03-31");
    assert_true(d.has_achievement);
    assert_double_near(d.achievement, 0.07, 1e-12);
    assert_false(d.has_forecast);                      /* one point draws no line */
    /* without a baseline the pace is judged from the fiscal year of the first measurement
     * (2023-04-01) to the target's end (2027-03-31): a quarter of that time has passed, and 7%
     * is below 60% of a quarter */
    assert_status(d.status, KPI_OFF_TRACK);
    d = derive(&f, ymd(2026, 12, 4));                  /* 92% of the time, 7% of the way */
    assert_double_near(d.achievement, 0.07, 1e-12);
    assert_status(d.status, KPI_OFF_TRACK);
    kpi_target(&f, DIR_INCREASE, 100, 2026);           /* 40% after a quarter of the time: on track */
    kpi_add(&f, ymd(2024, 3, 31), 40);
    assert_status(derive(&f, ymd(2024, 4, 1)).status, KPI_ON_TRACK);
    assert_status(derive(&f, ymd(2025, 9, 30)).status, KPI_AT_RISK);    /* 63% of the time: 40 >= 0.6 × 63 */
    assert_status(derive(&f, ymd(2026, 12, 4)).status, KPI_OFF_TRACK);
}

/* ---- expected value today on the straight line baseline -> target
 *
 * The line runs from kpi_baseline_date(baseline FY) to kpi_target_date(target FY); the tests
 * below place "today" at fractions of that span, whatever dates those functions choose. */

static kw_date span_start(void) { return kpi_baseline_date(2023); }
static kw_date span_end(void) { return kpi_target_date(2026); }
static kw_date at_fraction(double frac) {
    return span_start() + (kw_date)lround((span_end() - span_start()) * frac);
}
static double fraction_of(kw_date today) {
    return (double)(today - span_start()) / (double)(span_end() - span_start());
}

static void test_expected_on_the_line(void **state) {
    struct kpi_fixture f;
    kpi_target(&f, DIR_INCREASE, 60, 2026);
    kpi_baseline(&f, 0, 2023);
    kw_date b = span_start(), t = span_end();
    assert_true(t - b > 1000);
    const kw_date days[] = {b, at_fraction(1.0 / 3), at_fraction(0.5), at_fraction(2.0 / 3), t - 1, t};
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
        struct kpi_derived d = derive(&f, days[i]);
        assert_true(d.has_expected);
        assert_double_near(d.expected_fraction, fraction_of(days[i]), DERIVED_EPS);
        assert_double_near(d.expected, 60 * fraction_of(days[i]), DERIVED_EPS);
    }
    assert_double_near(derive(&f, b).expected, 0, 0);                /* the ends exactly */
    assert_double_near(derive(&f, t).expected, 60, 0);
    assert_double_near(derive(&f, at_fraction(0.5)).expected, 30, 0.05);
    /* clamped outside the span */
    struct kpi_derived d = derive(&f, b - 400);
    assert_double_near(d.expected_fraction, 0, 0);
    assert_double_near(d.expected, 0, 0);
    d = derive(&f, t + 400);
    assert_double_near(d.expected_fraction, 1, 0);
    assert_double_near(d.expected, 60, 0);
}

static void test_expected_decrease(void **state) {
    struct kpi_fixture f;
    kpi_target(&f, DIR_DECREASE, 60, 2026);
    kpi_baseline(&f, 80, 2023);
    kw_date third = at_fraction(1.0 / 3);
    struct kpi_derived d = derive(&f, third);
    assert_double_near(d.expected, 80 - 20 * fraction_of(third), DERIVED_EPS);
    assert_true(d.expected < 80 && d.expected > 60);
    d = derive(&f, ymd(2030, 1, 1));
    assert_double_near(d.expected, 60, 0);
}

/* ---- status */

static enum kpi_status status_at(double latest, kw_date today) {
    struct kpi_fixture f;
    kpi_target(&f, DIR_INCREASE, 100, 2026);
    kpi_baseline(&f, 0, 2023);
    kpi_add(&f, ymd(2025, 3, 31), latest);
    return derive(&f, today).status;
}

static void test_status_with_baseline(void **state) {
    kw_date third = at_fraction(1.0 / 3);          /* 1/3 of the time: 33.3 expected */
    assert_status(status_at(100, third), KPI_ACHIEVED);
    assert_status(status_at(120, third), KPI_ACHIEVED);
    assert_status(status_at(34, third), KPI_ON_TRACK);
    assert_status(status_at(31, third), KPI_ON_TRACK);   /* >= 90 % of the pace */
    assert_status(status_at(25, third), KPI_AT_RISK);    /* >= 60 % */
    assert_status(status_at(10, third), KPI_OFF_TRACK);
    assert_status(status_at(-5, third), KPI_OFF_TRACK);
    /* the same value judged later is further behind: 5/6 of the time, 83.3 expected */
    kw_date late = at_fraction(5.0 / 6);
    assert_status(status_at(34, late), KPI_OFF_TRACK);
    assert_status(status_at(60, late), KPI_AT_RISK);
    assert_status(status_at(80, late), KPI_ON_TRACK);
    /* at the target date the same 90 % / 60 % margins apply to the whole way */
    assert_status(status_at(95, span_end()), KPI_ON_TRACK);
    assert_status(status_at(85, span_end()), KPI_AT_RISK);
    assert_status(status_at(50, span_end()), KPI_OFF_TRACK);
}

static void test_status_decrease(void **state) {
    struct kpi_fixture f;
    kpi_target(&f, DIR_DECREASE, 60, 2026);
    kpi_baseline(&f, 80, 2023);
    kpi_add(&f, ymd(2025, 3, 31), 70);             /* half of the way after about a third */
    kw_date third = at_fraction(1.0 / 3);
    assert_status(derive(&f, third).status, KPI_ON_TRACK);
    f.m[0].value = 55;
    assert_status(derive(&f, third).status, KPI_ACHIEVED);
    f.m[0].value = 85;
    assert_status(derive(&f, third).status, KPI_OFF_TRACK);
}

/* Without a baseline: the forecast at the target date (2027-03-31) is the line through the
 * measurements, and the status compares the achievement with the time passed since the start of
 * the first measurement's fiscal year (about half of it here), not with the forecast; the margins
 * themselves are tested at their edges in test_kpi_thresholds.c. */
static void test_status_without_baseline_and_forecast(void **state) {
    static const struct { double v1, v2, forecast; enum kpi_status status; } cases[] = {
        {20, 50, 110, KPI_ON_TRACK},     /* +30 in 365 days: 110 after 730 more */
        {20, 45, 95, KPI_AT_RISK},
        {20, 30, 50, KPI_OFF_TRACK},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct kpi_fixture f;
        kpi_target(&f, DIR_INCREASE, 100, 2026);
        kpi_add(&f, ymd(2024, 3, 31), cases[i].v1);
        kpi_add(&f, ymd(2025, 3, 31), cases[i].v2);
        struct kpi_derived d = derive(&f, ymd(2025, 4, 1));
        assert_true(d.has_forecast);
        assert_double_near(d.forecast, cases[i].forecast, DERIVED_EPS);
        assert_status(d.status, cases[i].status);
    }
}

/* ---- forecast by least squares */

/* Least squares written independently (centred sums) for checking kpi_derive. */
static double reference_fit(const double *x, const double *y, int n, double at) {
    double mx = 0, my = 0, sxy = 0, sxx = 0;
    for (int i = 0; i < n; i++) { mx += x[i] / n; my += y[i] / n; }
    for (int i = 0; i < n; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); }
    return my + sxy / sxx * (at - mx);
}

static void test_forecast_two_points(void **state) {
    struct kpi_fixture f;
    kpi_target(&f, DIR_INCREASE, 50, 2026);
    kpi_baseline(&f, 0, 2023);
    kw_date m = ymd(2025, 3, 31);
    kpi_add(&f, m, 10);
    struct kpi_derived d = derive(&f, m);
    assert_true(d.has_forecast);
    /* the line through (baseline date, 0) and (m, 10), read at the target date */
    double want = 10.0 * (span_end() - span_start()) / (m - span_start());
    assert_double_near(d.forecast, want, DERIVED_EPS);
    assert_true(want >= 15 && want <= 40);         /* about 2 to 3 years of +10 a year */
}

static void test_forecast_three_points(void **state) {
    struct kpi_fixture f;
    kpi_target(&f, DIR_INCREASE, 50, 2026);         /* no baseline: x = 0, 365, 730 days */
    kpi_add(&f, ymd(2024, 3, 31), 0);
    kpi_add(&f, ymd(2025, 3, 31), 10);
    kpi_add(&f, ymd(2026, 3, 31), 30);
    /* mean x 365, mean y 40/3, slope 365*30 / (2*365^2) = 15/365 a day;
     * at 2027-03-31 (x = 1095): 40/3 + 15/365 * 730 = 40/3 + 30 = 130/3 */
    struct kpi_derived d = derive(&f, ymd(2026, 3, 31));
    assert_true(d.has_forecast);
    assert_double_near(d.forecast, 130.0 / 3, DERIVED_EPS);

    /* with a baseline as the first point */
    kpi_target(&f, DIR_INCREASE, 50, 2026);
    kpi_baseline(&f, 0, 2023);
    kpi_add(&f, ymd(2025, 3, 31), 10);
    kpi_add(&f, ymd(2026, 3, 31), 30);
    double xs[] = {span_start(), ymd(2025, 3, 31), ymd(2026, 3, 31)}, ys[] = {0, 10, 30};
    d = derive(&f, ymd(2026, 3, 31));
    assert_true(d.has_forecast);
    assert_double_near(d.forecast, reference_fit(xs, ys, 3, span_end()), DERIVED_EPS);
}

static void test_no_forecast(void **state) {
    struct kpi_fixture f;
    kpi_target(&f, DIR_INCREASE, 50, 2026);         /* one point, no baseline */
    kpi_add(&f, ymd(2025, 3, 31), 10);
    assert_false(derive(&f, ymd(2025, 3, 31)).has_forecast);

    kpi_target(&f, DIR_INCREASE, 50, 2026);         /* nothing at all */
    assert_false(derive(&f, ymd(2025, 3, 31)).has_forecast);

    kpi_target(&f, DIR_INCREASE, 50, 2026);         /* two values on the same day: no slope */
    kpi_add(&f, ymd(2025, 3, 31), 10);
    kpi_add(&f, ymd(2025, 3, 31), 12);
    assert_false(derive(&f, ymd(2025, 3, 31)).has_forecast);

    kpi_target(&f, DIR_INCREASE, 50, 2026);         /* one point plus a baseline: a line */
    kpi_baseline(&f, 0, 2023);
    kpi_add(&f, ymd(2025, 3, 31), 10);
    assert_true(derive(&f, ymd(2025, 3, 31)).has_forecast);
}

/* ---- dates at fiscal-year and quarter boundaries */

static void test_fy_dates(void **state) {
    assert_int_equal(kpi_target_date(2026), ymd(2027, 3, 31));        /* 2026年度末 */
    assert_int_equal(kpi_target_date(2023), ymd(2024, 3, 31));
    assert_int_equal(kpi_target_date(2024), ymd(2025, 3, 31));        /* across 2024-02-29 */
    for (int fy = 2000; fy <= 2040; fy++) {
        assert_int_equal(kpi_target_date(fy), fy_end(fy));
        assert_int_equal(kpi_baseline_date(fy), fy_start(fy));      /* the state as the FY begins */
    }
}

/* Measurements at the ends of quarters lying exactly on a line are forecast exactly. */
static void test_forecast_quarter_ends(void **state) {
    struct kpi_fixture f;
    kpi_target(&f, DIR_INCREASE, 100, 2026);
    kpi_baseline(&f, 0, 2023);
    kw_date b = span_start();
    for (int q = 1; q <= 4; q++) {
        kw_date p = quarter_end(2024, q);
        kpi_add(&f, p, 0.05 * (p - b));              /* 0.05 a day */
    }
    assert_string_equal(f.m[0].period, "2024-06-30");
    assert_string_equal(f.m[3].period, "2025-03-31");
    kw_date today = quarter_end(2024, 4);
    struct kpi_derived d = derive(&f, today);
    assert_true(d.has_forecast);
    assert_double_near(d.forecast, 0.05 * (span_end() - b), DERIVED_EPS);
    assert_double_near(d.latest, 0.05 * (today - b), 1e-9);
    assert_double_near(d.achievement, 0.05 * (today - b) / 100, DERIVED_EPS);
    assert_double_near(d.expected_fraction, fraction_of(today), DERIVED_EPS);
}

static void test_status_names(void **state) {
    assert_string_equal(kpi_status_name(KPI_NO_DATA), "no_data");
    assert_string_equal(kpi_status_name(KPI_ON_TRACK), "on_track");
    assert_string_equal(kpi_status_name(KPI_AT_RISK), "at_risk");
    assert_string_equal(kpi_status_name(KPI_OFF_TRACK), "off_track");
    assert_string_equal(kpi_status_name(KPI_ACHIEVED), "achieved");
}

/* The latest value against the one before it, or the baseline, in the direction wanted. */
static void test_change(void **state) {
    (void)state;
    struct kpi_fixture f;
    struct kpi_change c;
    kpi_target(&f, DIR_INCREASE, 50, 2026);
    assert_false(kpi_change(&f.k, &c));                        /* nothing measured */
    kpi_add(&f, ymd(2025, 3, 31), 10);
    assert_false(kpi_change(&f.k, &c));                        /* one value, no baseline */
    kpi_baseline(&f, 0, 2024);
    assert_true(kpi_change(&f.k, &c));
    assert_null(c.before_period);                              /* against the baseline */
    assert_true(c.before == 0 && c.after == 10 && c.improved);
    kpi_add(&f, ymd(2026, 3, 31), 8);
    assert_true(kpi_change(&f.k, &c));
    assert_string_equal(c.before_period, "2025-03-31");
    assert_string_equal(c.after_period, "2026-03-31");
    assert_false(c.improved);                                  /* 10 -> 8 is worse for an increase */
    f.k.direction = DIR_DECREASE;
    assert_true(kpi_change(&f.k, &c) && c.improved);           /* and better for a decrease */
    f.k.direction = DIR_KEEP;
    assert_true(kpi_change(&f.k, &c) && !c.improved);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_increase_with_baseline),
        cmocka_unit_test(test_decrease_with_baseline),
        cmocka_unit_test(test_without_baseline),
        cmocka_unit_test(test_decrease_to_zero_without_baseline),
        cmocka_unit_test(test_target_undecided_or_none),
        cmocka_unit_test(test_no_measurements_is_no_data),
        cmocka_unit_test(test_baseline_equal_to_target),
        cmocka_unit_test(test_single_measurement),
        cmocka_unit_test(test_expected_on_the_line),
        cmocka_unit_test(test_expected_decrease),
        cmocka_unit_test(test_status_with_baseline),
        cmocka_unit_test(test_status_decrease),
        cmocka_unit_test(test_status_without_baseline_and_forecast),
        cmocka_unit_test(test_forecast_two_points),
        cmocka_unit_test(test_forecast_three_points),
        cmocka_unit_test(test_no_forecast),
        cmocka_unit_test(test_fy_dates),
        cmocka_unit_test(test_forecast_quarter_ends),
        cmocka_unit_test(test_status_names),
        cmocka_unit_test(test_change),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
