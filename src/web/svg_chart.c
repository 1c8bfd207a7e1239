/* The KPI chart as inline SVG: baseline, the straight target line, measurements and the forecast,
 * with fiscal-year ticks. The page puts the same figures in a table beside it. */
#include <math.h>
#include <string.h>
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

enum { W = 720, H = 300, ML = 64, MR = 24, MT = 16, MB = 44 };

struct scale { double x0, x1, y0, y1; };

static double sx(const struct scale *s, double x) { return ML + (x - s->x0) / (s->x1 - s->x0) * (W - ML - MR); }
static double sy(const struct scale *s, double y) { return H - MB - (y - s->y0) / (s->y1 - s->y0) * (H - MT - MB); }

static void extend(double *lo, double *hi, double v) {
    if (v < *lo) *lo = v;
    if (v > *hi) *hi = v;
}

/* A round step for about five gridlines over span. */
static double nice_step(double span) {
    double raw = span / 5, mag = pow(10, floor(log10(raw))), f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

void svg_kpi_chart(struct req *r, const struct kpi *k, const struct kpi_derived *d) {
    bool target = k->target_state == TARGET_SET;
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    kw_date bdate = k->has_baseline ? kpi_baseline_date(k->baseline_fy) : 0;
    kw_date tdate = target ? kpi_target_date(k->target_fy) : 0;
    if (k->has_baseline) { extend(&x0, &x1, bdate); extend(&y0, &y1, k->baseline_value); }
    if (target) { extend(&x0, &x1, tdate); extend(&y0, &y1, k->target_value); }
    for (size_t i = 0; i < k->n_measurements; i++) {
        kw_date pd;
        if (date_parse(k->measurements[i].period, &pd) == 0) {
            extend(&x0, &x1, pd);
            extend(&y0, &y1, k->measurements[i].value);
        }
    }
    if (d->has_forecast) extend(&y0, &y1, d->forecast);
    if (!isfinite(x0)) {                       /* nothing to draw */
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_NO_MEASUREMENTS));
        return;
    }
    if (x1 - x0 < 365) { x0 -= 183; x1 += 183; }
    if (y0 > 0) y0 = 0;
    if (y1 <= y0) y1 = y0 + 1;
    double step = nice_step(y1 - y0);
    y0 = floor(y0 / step) * step;
    y1 = ceil(y1 / step) * step;
    struct scale s = {x0, x1, y0, y1};

    html_printf(&r->out, "<figure class=\"chart\">\n<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" "
                         "preserveAspectRatio=\"xMidYMid meet\">\n<title id=\"chart-title\">%s</title>\n<desc id=\"chart-desc\">%s</desc>\n",
                W, H, tr_kpi_name(r, k), tr(r, M_CHART_DESC));
    for (double v = y0; v <= y1 + step / 2; v += step) {
        buf_printf(&r->out, "<line class=\"grid-line\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>", ML, W - MR, sy(&s, v), sy(&s, v));
        html_printf(&r->out, "<text class=\"axis\" x=\"%d\" y=\"%r\" text-anchor=\"end\">%F</text>\n", ML - 6,
                    arena_printf(&r->arena, "%.1f", sy(&s, v) + 4), v);
    }
    int fy_first = fy_of_date((kw_date)ceil(x0)), fy_last = fy_of_date((kw_date)floor(x1));
    int every = (fy_last - fy_first) > 8 ? 2 : 1;
    for (int fy = fy_first; fy <= fy_last + 1; fy += every) {
        double x = fy_start(fy);
        if (x < x0 || x > x1)
            continue;
        buf_printf(&r->out, "<line class=\"tick\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>", sx(&s, x), sx(&s, x), H - MB, H - MB + 5);
        html_printf(&r->out, "<text class=\"axis\" x=\"%r\" y=\"%d\" text-anchor=\"middle\">%d</text>\n",
                    arena_printf(&r->arena, "%.1f", sx(&s, x)), H - MB + 20, fy);
    }
    html_printf(&r->out, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", W - MR, H - 6, tr(r, M_FY));
    if (target && k->has_baseline)
        buf_printf(&r->out, "<line class=\"target-line\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
                   sx(&s, bdate), sy(&s, k->baseline_value), sx(&s, tdate), sy(&s, k->target_value));
    if (target)
        buf_printf(&r->out, "<circle class=\"target-point\" cx=\"%.1f\" cy=\"%.1f\" r=\"6\"/>\n", sx(&s, tdate), sy(&s, k->target_value));
    if (k->has_baseline)
        buf_printf(&r->out, "<rect class=\"baseline-point\" x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\"/>\n",
                   sx(&s, bdate) - 5, sy(&s, k->baseline_value) - 5);
    if (k->n_measurements) {
        buf_puts(&r->out, "<polyline class=\"actual-line\" points=\"");
        if (k->has_baseline)
            buf_printf(&r->out, "%.1f,%.1f ", sx(&s, bdate), sy(&s, k->baseline_value));
        for (size_t i = 0; i < k->n_measurements; i++) {
            kw_date pd;
            if (date_parse(k->measurements[i].period, &pd) == 0)
                buf_printf(&r->out, "%.1f,%.1f ", sx(&s, pd), sy(&s, k->measurements[i].value));
        }
        buf_puts(&r->out, "\"/>\n");
        for (size_t i = 0; i < k->n_measurements; i++) {
            kw_date pd;
            if (date_parse(k->measurements[i].period, &pd) == 0)
                buf_printf(&r->out, "<circle class=\"actual-point\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\"/>\n", sx(&s, pd),
                           sy(&s, k->measurements[i].value));
        }
    }
    if (d->has_forecast && k->n_measurements) {
        kw_date last;
        if (date_parse(k->measurements[k->n_measurements - 1].period, &last) == 0 && last < tdate)
            buf_printf(&r->out, "<line class=\"forecast-line\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
                       sx(&s, last), sy(&s, k->measurements[k->n_measurements - 1].value), sx(&s, tdate), sy(&s, d->forecast));
    }
    html_printf(&r->out, "</svg>\n<figcaption class=\"legend\"><span class=\"key key-target\">%s</span>"
                         "<span class=\"key key-actual\">%s</span><span class=\"key key-forecast\">%s</span></figcaption>\n</figure>\n",
                tr(r, M_TARGET_LINE), tr(r, M_MEASUREMENTS), tr(r, M_FORECAST_LINE));
}
