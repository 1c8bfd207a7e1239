/* Derived KPI figures (SPEC §2), computed here and nowhere else: achievement, the expected
 * value today on the straight line baseline -> target, status, and a least-squares forecast
 * at the target date. Pages, API and export all call kpi_derive().
 *
 * Status: 未決定 and なし targets are statuses of their own; a set target without measurements
 * is no data; otherwise the achievement is compared with the share of the time elapsed, from the
 * baseline's fiscal year (without a baseline: from the fiscal year of the first measurement) to
 * the target's end: at least 90% of it on track, 60% at risk, below off track; 100% achieved. */
#ifndef KAWARU_CORE_KPI_CALC_H
#define KAWARU_CORE_KPI_CALC_H
#include <stdbool.h>
#include "core/fiscal.h"
#include "core/model.h"

enum kpi_status {
    KPI_NO_DATA,      /* a target is set but nothing has been measured yet */
    KPI_ON_TRACK,
    KPI_AT_RISK,
    KPI_OFF_TRACK,
    KPI_ACHIEVED,
    KPI_UNDECIDED,    /* the target is 未決定: a category of its own, not missing data */
    KPI_NO_TARGET,    /* the target is なし */
};

struct kpi_derived {
    bool has_latest;
    double latest;
    char latest_period[11];
    bool has_achievement;
    double achievement;          /* 0.0 .. (may exceed 1.0); 1.0 = target reached */
    bool has_expected;
    double expected;             /* value expected today on the baseline -> target line */
    double expected_fraction;    /* share of the baseline -> target time elapsed, 0..1 */
    bool has_forecast;
    double forecast;             /* value at the target date by least squares */
    enum kpi_status status;
};

/* The dates a KPI's fiscal years refer to: a baseline describes the state when its fiscal year
 * begins (1 April), a target the state when its fiscal year ends (31 March: "2026年度末"). */
kw_date kpi_baseline_date(int fy);
kw_date kpi_target_date(int fy);
/* Achievement of value v against k's baseline and target; false when it cannot be computed. */
bool kpi_achievement_of(const struct kpi *k, double v, double *ret);
void kpi_derive(const struct kpi *k, kw_date today, struct kpi_derived *ret);
/* The figures as they stood on day: only the measurements up to day count (k's measurements must
 * be loaded), and the expected value and status are those of day. A quarter's report, its pack
 * and its tally judge a KPI as of the quarter's last day. */
void kpi_derive_as_of(const struct kpi *k, kw_date day, struct kpi_derived *ret);
/* The aggregates of k's measurements, summed as the store's triggers sum them: sum_y and sum_xy
 * exactly (then rounded), so that they do not depend on the order of the terms. */
void kpi_stats_compute(const struct kpi *k, struct kpi_stats *ret);
/* kpi_stats_compute's sums with what the rounding of sum_y and sum_xy left out (the store keeps
 * both: kpi.m_sum_y_lo, m_sum_xy_lo), and the latest (by period, the later of equal periods in
 * k's order) and the first period whatever the order of k's measurements: what the store's
 * trigger holds after k's measurements were inserted in k's order. */
struct kpi_sums {
    struct kpi_stats s;
    double y_lo, xy_lo;
};
void kpi_sums_compute(const struct kpi *k, struct kpi_sums *ret);
/* How k's latest measurement compares with the one before it, or (with one measurement) with the
 * baseline: both values and their periods (before_period NULL: the baseline), and whether it
 * moved the way k's direction wants (increase: up, decrease: down; keep: never "improved").
 * k's measurements must be loaded; false when there is nothing to compare. */
struct kpi_change {
    double before, after;
    const char *before_period, *after_period;
    bool improved;
};
bool kpi_change(const struct kpi *k, struct kpi_change *ret);
const char *kpi_status_name(enum kpi_status s);      /* "on_track", ... */

#endif
