/* A quarterly report's numbers (issue 15 point 2): for each KPI of the measure, a card with its
 * baseline, target, the value before the quarter, the value expected on the quarter's last day
 * and the quarter's own value — a field in the department's form, the value submitted with its
 * status in the report the office confirms and the HQ decides on — and the measure's schedule
 * for the fiscal year. Figures as of the quarter's last day, from core/kpi_calc.c only. */
#include <math.h>
#include <string.h>
#include "core/kpi_calc.h"
#include "store/store.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

/* "12.5%" with the KPI's unit, or a dash. */
static void figure(struct req *r, bool has, double v, const struct kpi *k) {
    if (has)
        html_printf(&r->out, "%F%s", v, k->unit ? k->unit : "");
    else
        html_printf(&r->out, "—");
}

static void fact_begin(struct req *r, enum msg label) {
    html_printf(&r->out, "<div><dt>%s</dt><dd>", tr(r, label));
}

/* The last measurement before the quarter began, or NULL. */
static const struct measurement *before_quarter(const struct kpi *k, const char *start) {
    const struct measurement *found = NULL;
    for (size_t i = 0; i < k->n_measurements; i++)
        if (strcmp(k->measurements[i].period, start) < 0)
            found = &k->measurements[i];
    return found;
}

static void kpi_card(struct req *r, const struct kpi *k, const struct review_period *p, const char *typed) {
    char start[16];
    date_format(quarter_start(p->fy, p->quarter), start, sizeof start);
    kw_date last = quarter_end(p->fy, p->quarter);
    struct kpi_derived d;
    kpi_derive_as_of(k, last, &d);
    html_printf(&r->out, "<div class=\"kpi-report\"><p class=\"kpi-report-name\">%s</p>\n<dl class=\"facts\">", tr_kpi_name(r, k));
    fact_begin(r, M_BASELINE);
    figure(r, k->has_baseline, k->baseline_value, k);
    if (k->has_baseline)
        html_printf(&r->out, " <span class=\"muted small\">%s</span>", tr_fy_text(r, k->baseline_fy));
    html_printf(&r->out, "</dd></div>");
    fact_begin(r, M_TARGET);
    html_kpi_target(r, k);
    html_printf(&r->out, "</dd></div>");
    const struct measurement *prev = before_quarter(k, start);
    fact_begin(r, M_REPORT_PREVIOUS_VALUE);
    figure(r, prev != NULL, prev ? prev->value : 0, k);
    kw_date when;
    if (prev && date_parse(prev->period, &when) == 0)
        html_printf(&r->out, " <span class=\"muted small\">%s</span>", tr_date(r, when));
    html_printf(&r->out, "</dd></div>");
    fact_begin(r, M_REPORT_EXPECTED);
    figure(r, d.has_expected, d.expected, k);
    html_printf(&r->out, "</dd></div>");
    if (!typed) {                           /* the report: the quarter's value and its status */
        bool has_now = d.has_latest && strcmp(d.latest_period, start) >= 0;
        fact_begin(r, M_REPORT_VALUE);
        figure(r, has_now, d.latest, k);
        html_printf(&r->out, "</dd></div>");
        if (d.has_achievement && has_now) {
            fact_begin(r, M_ACHIEVEMENT);
            html_printf(&r->out, "%F%%</dd></div>", round(d.achievement * 1000) / 10);
        }
        fact_begin(r, M_STATUS);
        html_kpi_badge(r, d.status);
        html_printf(&r->out, "</dd></div>");
    }
    html_printf(&r->out, "</dl>\n");
    if (typed) {
        html_printf(&r->out, "<div class=\"field\"><label for=\"kpi-%D\">%s%s</label>"
                             "<input id=\"kpi-%D\" name=\"kpi-%D\" type=\"text\" inputmode=\"decimal\" value=\"%s\"></div>\n",
                    k->id, arena_printf(&r->arena, tr(r, M_REPORT_VALUE_OF), tr_kpi_name(r, k)), k->unit ? tr_paren(r, k->unit) : "",
                    k->id, k->id, typed);
    }
    html_printf(&r->out, "</div>\n");
}

void html_review_kpis(struct req *r, const struct measure *m, const struct review_period *p, const char *const *typed,
                      const char *err) {
    if (!m->n_kpis)
        return;
    kw_date last = quarter_end(p->fy, p->quarter);
    if (typed)
        html_printf(&r->out, "<fieldset class=\"kpi-reports%r\"><legend>%s</legend><p class=\"hint\">%s</p>\n",
                    err ? " has-error" : "", arena_printf(&r->arena, tr(r, M_REPORT_KPIS_AT), tr_date(r, last)),
                    tr(r, M_KPI_VALUES_HINT));
    else
        html_printf(&r->out, "<section class=\"kpi-reports\" aria-labelledby=\"report-kpis\"><h3 id=\"report-kpis\">%s</h3>\n",
                    arena_printf(&r->arena, tr(r, M_REPORT_KPIS_AT), tr_date(r, last)));
    for (size_t i = 0; i < m->n_kpis; i++)
        kpi_card(r, &m->kpis[i], p, typed ? typed[i] : NULL);
    if (typed) {
        html_field_error(r, "kpi", err);
        html_printf(&r->out, "</fieldset>\n");
    } else {
        html_printf(&r->out, "</section>\n");
    }
}

void html_review_schedule(struct req *r, const struct measure *m, int fy) {
    size_t shown = 0;
    for (size_t i = 0; i < m->n_schedule; i++) {
        const struct period_items *s = &m->schedule[i];
        if (s->fy != fy || !s->items.n)
            continue;
        if (shown++ == 0)
            html_printf(&r->out, "<section class=\"report-schedule\" aria-labelledby=\"report-schedule\">"
                                 "<h3 id=\"report-schedule\">%s</h3>\n<ul>\n",
                        arena_printf(&r->arena, tr(r, M_REPORT_SCHEDULE), tr_fy_text(r, fy)));
        for (size_t j = 0; j < s->items.n; j++) {
            html_printf(&r->out, "<li>");
            if (s->quarter)
                html_printf(&r->out, "<span class=\"muted\">%s</span> ", arena_printf(&r->arena, "Q%d", s->quarter));
            html_printf(&r->out, "%s</li>\n", s->items.items[j]);
        }
    }
    if (shown)
        html_printf(&r->out, "</ul></section>\n");
}
