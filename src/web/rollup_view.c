/* The progress roll-up on pages (figures from core/rollup.c): a plan's overview table, one row
 * per pillar and a total, and a one-line summary under each theme. Every figure is text in a
 * table cell or a sentence, so nothing depends on colour. */
#include <math.h>
#include "core/rollup.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

static size_t levels(size_t n_scale) { return n_scale < ROLLUP_MAX_LEVELS ? n_scale : ROLLUP_MAX_LEVELS; }

/* KPI statuses from best to worst, then no data */
static const enum kpi_status status_order[ROLLUP_KPI_STATUSES] = {KPI_ACHIEVED, KPI_ON_TRACK, KPI_AT_RISK, KPI_OFF_TRACK,
                                                                  KPI_NO_DATA, KPI_UNDECIDED, KPI_NO_TARGET};

static void cells(struct req *r, const struct rollup *ru, size_t n_scale) {
    for (size_t i = 0; i < levels(n_scale); i++)
        html_printf(&r->out, "<td>%d</td>", ru->rated[i]);
    html_printf(&r->out, "<td>%d</td>", ru->unrated);
    for (int i = 0; i < ROLLUP_KPI_STATUSES; i++)
        html_printf(&r->out, "<td>%d</td>", ru->kpi_status[status_order[i]]);
    double mean;
    if (rollup_achievement_mean(ru, &mean))
        html_printf(&r->out, "<td>%F%%</td>", round(mean * 1000) / 10);
    else
        html_printf(&r->out, "<td>—</td>");
}

void html_rollup_overview(struct req *r, const struct plan *p, const struct rollup *plan, const struct rollup *pillars,
                          bool pillar_links) {
    const struct rating_level *scale;
    size_t n_scale;
    rollup_scale_of(p, &scale, &n_scale);
    html_printf(&r->out, "<section aria-labelledby=\"rollup\"><h2 id=\"rollup\">%s</h2>\n<p class=\"small muted\">%s</p>\n",
                tr(r, M_ROLLUP), tr(r, M_ROLLUP_HINT));
    html_table_scroll(r, tr(r, M_ROLLUP));
    html_printf(&r->out, "<table class=\"grid rollup\" id=\"rollup-table\"><thead><tr><th scope=\"col\" rowspan=\"2\">%s</th>"
                         "<th scope=\"colgroup\" colspan=\"%d\">%s</th><th scope=\"colgroup\" colspan=\"6\">%s</th></tr><tr>",
                tr(r, M_PILLAR), (int)levels(n_scale) + 1, tr(r, M_RATING), tr(r, M_KPI_STATUS));
    for (size_t i = 0; i < levels(n_scale); i++)
        html_printf(&r->out, "<th scope=\"col\">%r</th>", tr_rating_html(r, scale[i].label));
    html_printf(&r->out, "<th scope=\"col\">%s</th>", tr(r, M_UNRATED));
    for (int i = 0; i < ROLLUP_KPI_STATUSES; i++)
        html_printf(&r->out, "<th scope=\"col\">%s</th>", tr_kpi_status(r, status_order[i]));
    html_printf(&r->out, "<th scope=\"col\">%s</th></tr></thead><tbody>\n", tr(r, M_ACHIEVEMENT_MEAN));
    for (size_t i = 0; i < p->n_pillars; i++) {
        if (pillar_links)
            html_printf(&r->out, "<tr><th scope=\"row\"><a href=\"#pillar-%d\">%s %s</a></th>", (int)i + 1,
                        p->pillars[i].code, p->pillars[i].title);
        else
            html_printf(&r->out, "<tr><th scope=\"row\">%s %s</th>", p->pillars[i].code, p->pillars[i].title);
        cells(r, &pillars[i], n_scale);
        html_printf(&r->out, "</tr>\n");
    }
    html_printf(&r->out, "<tr><th scope=\"row\">%s</th>", tr(r, M_TOTAL));
    cells(r, plan, n_scale);
    html_printf(&r->out, "</tr>\n</tbody></table></div></section>\n");
}

void html_rollup_line(struct req *r, const struct plan *p, const struct rollup *ru) {
    const struct rating_level *scale;
    size_t n_scale;
    rollup_scale_of(p, &scale, &n_scale);
    html_printf(&r->out, "<p class=\"small rollup-line\">%s%s", tr(r, M_RATING), tr(r, M_P_COLON));
    bool any = false;
    for (size_t i = 0; i < levels(n_scale); i++)
        if (ru->rated[i]) {
            html_printf(&r->out, "%s%r %d", any ? tr(r, M_P_LIST) : "", tr_rating_html(r, scale[i].label), ru->rated[i]);
            any = true;
        }
    if (ru->unrated)
        html_printf(&r->out, "%s%s %d", any ? tr(r, M_P_LIST) : "", tr(r, M_UNRATED), ru->unrated);
    html_printf(&r->out, "%s%s%s", tr(r, M_P_SPACE), tr(r, M_KPI_STATUS), tr(r, M_P_COLON));
    any = false;
    for (int i = 0; i < ROLLUP_KPI_STATUSES; i++)
        if (ru->kpi_status[status_order[i]]) {
            html_printf(&r->out, "%s%s %d", any ? tr(r, M_P_LIST) : "", tr_kpi_status(r, status_order[i]), ru->kpi_status[status_order[i]]);
            any = true;
        }
    double mean;
    if (rollup_achievement_mean(ru, &mean))
        html_printf(&r->out, "%s%s %F%%%s", tr(r, M_P_OPEN), tr(r, M_ACHIEVEMENT_MEAN), round(mean * 1000) / 10, tr(r, M_P_CLOSE));
    html_printf(&r->out, "</p>\n");
}
