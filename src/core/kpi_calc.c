/* Derived KPI figures (see kpi_calc.h).
 *
 * Achievement = (latest - baseline) / (target - baseline); without a baseline latest / target
 * (for a decrease, target / latest). A baseline equal to the target, and a target of 0 without
 * a baseline, count as achieved when the latest value is on the right side of the target. Status
 * compares achievement with the share of time elapsed towards the target (see kpi_calc.h).
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
    if (t <= 0) {                           /* nothing to divide by: reached or not */
        *ret = v >= t ? 1.0 : 0.0;
        return true;
    }
    *ret = v / t;
    return true;
}

/* Least-squares line through the points summed in s; false when the x values do not spread. */
static bool least_squares(const struct kpi_stats *s, double at, double *ret) {
    double n = s->n;
    if (s->n < 2)
        return false;
    double den = n * s->sum_xx - s->sum_x * s->sum_x;
    if (fabs(den) < 1e-9)
        return false;
    double slope = (n * s->sum_xy - s->sum_x * s->sum_y) / den;
    double icpt = (s->sum_y - slope * s->sum_x) / n;
    *ret = icpt + slope * at;
    return true;
}

static void add_point(struct kpi_stats *s, double x, double y) {
    s->n++;
    s->sum_x += x;
    s->sum_y += y;
    s->sum_xx += x * x;
    s->sum_xy += x * y;
}

/* Adds t to the sum held as the pair hi + lo (TwoSum, Knuth): exact while the sum spans fewer
 * than about 105 bits, so that the order of the terms does not matter. The same operations, in
 * the same order, as the store's trigger (src/store/sql/018_kpi_stats_incremental.sql). */
static void exact_add(double *hi, double *lo, double t) {
    double h = *hi, s = h + t;
    double u = *lo + ((h - (s - (s - h))) + (t - (s - h)));
    double n = s + u;
    *lo = (s - (n - (n - s))) + (u - (n - s));
    *hi = n;
}

void kpi_sums_compute(const struct kpi *k, struct kpi_sums *ret) {
    struct kpi_sums r = {0};
    struct kpi_stats *s = &r.s;
    const struct measurement *latest = NULL, *first = NULL;
    for (size_t i = 0; i < k->n_measurements; i++) {
        const struct measurement *m = &k->measurements[i];
        if (!latest || strcmp(m->period, latest->period) >= 0)
            latest = m;
        if (!first || strcmp(m->period, first->period) < 0)
            first = m;
        kw_date pd;
        if (date_parse(m->period, &pd) != 0)
            continue;
        double x = pd, y = m->value;
        s->n++;
        s->sum_x += x;                              /* whole numbers: exact */
        s->sum_xx += x * x;
        exact_add(&s->sum_y, &r.y_lo, y);
        double c = 134217729.0 * y, yh = c - (c - y);    /* y = yh + yl, 26 bits each (Veltkamp) */
        exact_add(&s->sum_xy, &r.xy_lo, x * yh);         /* exact products */
        exact_add(&s->sum_xy, &r.xy_lo, x * (y - yh));
    }
    if (latest) {
        s->latest = latest->value;
        s->latest_period = latest->period;
        s->first_period = first->period;
    }
    *ret = r;
}

void kpi_stats_compute(const struct kpi *k, struct kpi_stats *ret) {
    struct kpi_sums r;
    kpi_sums_compute(k, &r);
    *ret = r.s;
}

static double round4(double v) { return round(v * 1e4) / 1e4; }

void kpi_derive(const struct kpi *k, kw_date today, struct kpi_derived *ret) {
    struct kpi_derived d;
    memset(&d, 0, sizeof d);
    d.status = KPI_NO_DATA;

    struct kpi_stats s;
    if (k->has_stats)
        s = k->stats;
    else
        kpi_stats_compute(k, &s);
    if (s.latest_period) {
        d.has_latest = true;
        d.latest = s.latest;
        strncpy(d.latest_period, s.latest_period, sizeof d.latest_period - 1);
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

    /* forecast: the measurements and the baseline (if any), x in days */
    if (k->has_baseline)
        add_point(&s, kpi_baseline_date(k->baseline_fy), k->baseline_value);
    if (target_set)
        d.has_forecast = least_squares(&s, target_date, &d.forecast);

    if (d.has_latest && kpi_achievement_of(k, d.latest, &d.achievement)) {
        d.has_achievement = true;
        d.achievement = round4(d.achievement);    /* before the status, so both agree */
    }

    if (k->target_state == TARGET_UNDECIDED) {
        d.status = KPI_UNDECIDED;
    } else if (k->target_state == TARGET_NONE) {
        d.status = KPI_NO_TARGET;
    } else if (d.has_achievement) {
        /* the share of the time towards the target that has passed: from the baseline's year, or
         * (no baseline) from the year of the first measurement */
        double want = d.expected_fraction;
        kw_date first;
        if (!d.has_expected && s.first_period && date_parse(s.first_period, &first) == 0) {
            kw_date start = fy_start(fy_of_date(first));
            want = target_date > start ? (double)(today - start) / (double)(target_date - start) : 1.0;
            want = want < 0 ? 0 : want > 1 ? 1 : want;
        }
        if (d.achievement >= 1.0 - 1e-9)
            d.status = KPI_ACHIEVED;
        else
            d.status = d.achievement >= want * 0.9 ? KPI_ON_TRACK
                     : d.achievement >= want * 0.6 ? KPI_AT_RISK : KPI_OFF_TRACK;
    }
    /* four decimals are more than any reader needs (12.34%), and keep the output stable */
    d.expected = round4(d.expected);
    d.expected_fraction = round4(d.expected_fraction);
    d.forecast = round4(d.forecast);
    *ret = d;
}

const char *kpi_status_name(enum kpi_status s) {
    static const char *const names[] = {"no_data", "on_track", "at_risk", "off_track", "achieved", "undecided",
                                        "no_target"};
    return names[s];
}

void kpi_derive_as_of(const struct kpi *k, kw_date day, struct kpi_derived *ret) {
    char until[16];
    date_format(day, until, sizeof until);
    struct kpi then = *k;
    then.has_stats = false;                 /* the aggregates are of every measurement */
    then.n_measurements = 0;                /* measurements are ordered by period */
    while (then.n_measurements < k->n_measurements && strcmp(k->measurements[then.n_measurements].period, until) <= 0)
        then.n_measurements++;
    kpi_derive(&then, day, ret);
}

bool kpi_change(const struct kpi *k, struct kpi_change *ret) {
    size_t n = k->n_measurements;
    if (n == 0 || (n == 1 && !k->has_baseline))
        return false;
    const struct measurement *last = &k->measurements[n - 1];
    struct kpi_change c = {.after = last->value, .after_period = last->period};
    if (n >= 2) {
        c.before = k->measurements[n - 2].value;
        c.before_period = k->measurements[n - 2].period;
    } else {
        c.before = k->baseline_value;
    }
    c.improved = (k->direction == DIR_INCREASE && c.after > c.before) || (k->direction == DIR_DECREASE && c.after < c.before);
    *ret = c;
    return true;
}
