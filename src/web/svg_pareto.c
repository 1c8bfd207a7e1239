/* The Pareto chart of the workload page as inline SVG: one bar per business, most hours first,
 * numbered by rank (the names are in the table the page puts beside it, the chart's text
 * alternative), hours on the left axis and the cumulative share of all hours as a line on the
 * right axis, 0–100 %. Colours as presentation attributes where app.css has no class (the
 * line is the KPI chart's actual-line). */
#include <math.h>
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

enum { W = 720, H = 300, ML = 64, MR = 48, MT = 16, MB = 44 };

/* A round step for about five gridlines up to max. */
static double nice_step(double max) {
    double raw = max / 5, mag = pow(10, floor(log10(raw))), f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

void svg_pareto_chart(struct req *r, const char *title, const double *hours, size_t n, double total) {
    if (!n || total <= 0)
        return;
    double max = hours[0] > 0 ? hours[0] : 1, step = nice_step(max);
    max = ceil(max / step) * step;
    double pw = W - ML - MR, ph = H - MT - MB, bw = pw / (double)n;
    html_printf(&r->out, "<figure class=\"chart\">\n<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"pareto-title pareto-desc\" "
                         "preserveAspectRatio=\"xMidYMid meet\">\n<title id=\"pareto-title\">%s</title>\n<desc id=\"pareto-desc\">%s</desc>\n",
                W, H, title, tr(r, M_WL_PARETO_DESC));
    for (double v = 0; v <= max + step / 2; v += step) {
        double y = H - MB - v / max * ph;
        buf_printf(&r->out, "<line class=\"grid-line\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>", ML, W - MR, y, y);
        html_printf(&r->out, "<text class=\"axis\" x=\"%d\" y=\"%r\" text-anchor=\"end\">%F</text>\n", ML - 6,
                    arena_printf(&r->arena, "%.1f", y + 4), v);
    }
    for (int p = 0; p <= 100; p += 20)
        html_printf(&r->out, "<text class=\"axis\" x=\"%d\" y=\"%r\">%d%%</text>\n", W - MR + 6,
                    arena_printf(&r->arena, "%.1f", H - MB - p / 100.0 * ph + 4), p);
    double cum = 0;
    int every = n > 15 ? 5 : 1;
    for (size_t i = 0; i < n; i++) {
        double x = ML + (double)i * bw, h = hours[i] / max * ph;
        buf_printf(&r->out, "<rect class=\"pareto-bar\" fill=\"#7096f8\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>", x + bw * 0.1,
                   H - MB - h, bw * 0.8, h);
        if (i == 0 || (i + 1) % (size_t)every == 0)
            html_printf(&r->out, "<text class=\"axis\" x=\"%r\" y=\"%d\" text-anchor=\"middle\">%d</text>\n",
                        arena_printf(&r->arena, "%.1f", x + bw / 2), H - MB + 18, (int)(i + 1));
    }
    buf_puts(&r->out, "\n<polyline class=\"actual-line\" points=\"");
    for (size_t i = 0; i < n; i++) {
        cum += hours[i];
        buf_printf(&r->out, "%.1f,%.1f ", ML + ((double)i + 0.5) * bw, H - MB - cum / total * ph);
    }
    buf_puts(&r->out, "\"/>\n");
    cum = 0;
    for (size_t i = 0; i < n; i++) {
        cum += hours[i];
        buf_printf(&r->out, "<circle class=\"actual-point\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\"/>", ML + ((double)i + 0.5) * bw,
                   H - MB - cum / total * ph);
    }
    html_printf(&r->out, "\n<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n</svg>\n"
                         "<figcaption class=\"legend\"><span>▮ %s</span><span class=\"key key-actual\">%s</span>"
                         "</figcaption>\n</figure>\n",
                W - MR, H - 6, tr(r, M_WL_RANK), tr(r, M_WL_HOURS), tr(r, M_WL_CUMULATIVE));
}
