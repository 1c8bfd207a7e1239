/* Derived KPI figures (see kpi_calc.h).
 *
 * Achievement = (latest - baseline) / (target - baseline); without a baseline latest / target
 * (for a decrease, target / latest). A baseline equal to the target counts as achieved when the
 * latest value is on the right side of it. Status compares achievement with the share of time
 * elapsed from baseline to target: within 90% of it on track, within 60% at risk, else off
 * track; without a baseline it uses the forecast instead (>= target on track, >= 80% at risk).
 * Achievement, expected value and forecast are rounded to four decimals. */
#include <math.h>
#include <string.h>
#include "core/kpi_calc.h"

kw_date kpi_baseline_date(int fy) { return fy_start(fy); }
kw_date kpi_target_date(int fy) { return fy_end(fy); }

static bool is_decrease(const struct kpi *k) { return k->direction == DIR_DECREASE; }

bool kpi_achievement_of(const struct kpi *k, double v, double *ret) {
    if (k->target_state != TARGET_SET)
        return false;
    double t = k->target_value;
    if (k->has_baseline) {
        double b = k->baseline_value;
        if (t == b) {
            *ret = is_decrease(k) ? (v <= t ? 1.0 : 0.0) : (v >= t ? 1.0 : 0.0);
            return true;
        }
        *ret = (v - b) / (t - b);
        return true;
    }
    if (is_decrease(k)) {
        if (v <= t) {                       /* at or below the target (also when it is 0) */
            *ret = v > 0 ? t / v : 1.0;
            return true;
        }
        if (v <= 0)
            return false;
        *ret = t / v;
        return true;
    }
    if (t == 0)
        return false;
    *ret = v / t;
    return true;
}

/* Least-squares line through (x, y); false when the x values do not spread. */
static bool least_squares(const double *x, const double *y, int n, double at, double *ret) {
    if (n < 2)
        return false;
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (int i = 0; i < n; i++) {
        sx += x[i]; sy += y[i];
        sxx += x[i] * x[i]; sxy += x[i] * y[i];
    }
    double den = n * sxx - sx * sx;
    if (fabs(den) < 1e-9)
        return false;
    double slope = (n * sxy - sx * sy) / den;
    double icpt = (sy - slope * sx) / n;
    *ret = icpt + slope * at;
    return true;
}

enum { MAX_FIT_POINTS = 512 };

static double round4(double v) { return round(v * 1e4) / 1e4; }

void kpi_derive(const struct kpi *k, kw_date today, struct kpi_derived *ret) {
    struct kpi_derived d;
    memset(&d, 0, sizeof d);
    d.status = KPI_NO_DATA;

    if (k->n_measurements > 0) {
        const struct measurement *last = &k->measurements[k->n_measurements - 1];
        d.has_latest = true;
        d.latest = last->value;
        strncpy(d.latest_period, last->period ? last->period : "", sizeof d.latest_period - 1);
    }
    bool target_set = k->target_state == TARGET_SET;
    kw_date target_date = target_set ? kpi_target_date(k->target_fy) : 0;

    if (target_set && k->has_baseline) {
        kw_date b = kpi_baseline_date(k->baseline_fy);
        double frac = target_date > b ? (double)(today - b) / (double)(target_date - b) : 1.0;
        d.expected_fraction = frac < 0 ? 0 : frac > 1 ? 1 : frac;
        d.expected = k->baseline_value + (k->target_value - k->baseline_value) * d.expected_fraction;
        d.has_expected = true;
    }

    /* forecast: baseline (if any) and measurements, x in days */
    double xs[MAX_FIT_POINTS], ys[MAX_FIT_POINTS];
    int n = 0;
    if (k->has_baseline) {
        xs[n] = kpi_baseline_date(k->baseline_fy);
        ys[n++] = k->baseline_value;
    }
    for (size_t i = 0; i < k->n_measurements && n < MAX_FIT_POINTS; i++) {
        kw_date pd;
        if (date_parse(k->measurements[i].period, &pd) == 0) {
            xs[n] = pd;
            ys[n++] = k->measurements[i].value;
        }
    }
    if (target_set)
        d.has_forecast = least_squares(xs, ys, n, target_date, &d.forecast);

    if (d.has_latest && kpi_achievement_of(k, d.latest, &d.achievement)) {
        d.has_achievement = true;
        d.achievement = round4(d.achievement);    /* before the status, so both agree */
    }

    if (d.has_achievement) {
        if (d.achievement >= 1.0 - 1e-9) {
            d.status = KPI_ACHIEVED;
        } else if (d.has_expected) {
            double want = d.expected_fraction;
            d.status = d.achievement >= want * 0.9 ? KPI_ON_TRACK
                     : d.achievement >= want * 0.6 ? KPI_AT_RISK : KPI_OFF_TRACK;
        } else if (d.has_forecast) {
            double fa;
            if (kpi_achievement_of(k, d.forecast, &fa))
                d.status = fa >= 1.0 - 1e-9 ? KPI_ON_TRACK : fa >= 0.8 ? KPI_AT_RISK : KPI_OFF_TRACK;
        }
    }
    /* four decimals are more than any reader needs (12.34%), and keep the output stable */
    d.expected = round4(d.expected);
    d.expected_fraction = round4(d.expected_fraction);
    d.forecast = round4(d.forecast);
    *ret = d;
}

const char *kpi_status_name(enum kpi_status s) {
    static const char *const names[] = {"no_data", "on_track", "at_risk", "off_track", "achieved"};
    return names[s];
}
