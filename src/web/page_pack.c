/* The HQ meeting pack of a review period as a printable page (A4 portrait, a header with the
 * city, plan, meeting, quarter and date on every printed page, page numbers "n / N"): the state
 * of the reports with who was late and how late, the workload goal's progress, each measure
 * asking a decision or off track with its report and KPI figures, the roll-up by pillar, ratings
 * that changed, KPIs at risk or off track, and measures without a report. The figures come from
 * report/hq_pack.c, as in the API. */
#include <math.h>
#include "core/errors.h"
#include "report/hq_pack.h"
#include "report/period_tally.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

static void measure_cell(struct req *r, const struct hq_pack *pk, const struct period_line *l) {
    html_printf(&r->out, "<td class=\"code\">%s</td><td><a href=\"/periods/%D/measures/%D\">%s</a></td><td>", l->code,
                pk->period.id, l->measure_id, l->title);
    html_departments_in_charge(r, l->dept_names, l->n_depts);
    html_printf(&r->out, "</td>");
}

static void head(struct req *r, const enum msg *cols, int n) {
    html_printf(&r->out, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
                tr(r, M_CODE), tr(r, M_MEASURE), tr(r, M_DEPARTMENT));
    for (int i = 0; i < n; i++)
        html_printf(&r->out, "<th scope=\"col\">%s</th>", tr(r, cols[i]));
    html_printf(&r->out, "</tr></thead><tbody>\n");
}

/* A section with its heading, or a sentence saying there is nothing in it; with table, the
 * table's scrolling region opened. */
static bool section(struct req *r, const char *id, enum msg title, size_t n, bool table) {
    html_printf(&r->out, "<section aria-labelledby=\"%s\"><h2 id=\"%s\">%s%s</h2>\n", id, id, tr(r, title),
                tr_paren(r, arena_printf(&r->arena, "%d", (int)n)));
    if (n == 0) {
        html_printf(&r->out, "<p>%s</p></section>\n", tr(r, M_PACK_NONE));
        return false;
    }
    if (table)
        html_table_scroll(r, tr(r, title));
    return true;
}

/* A KPI's latest value, expected value, achievement and status as cells (kpi_derive's figures). */
static void kpi_figure_cells(struct req *r, const struct kpi *k, const struct kpi_derived *d) {
    const char *unit = k->unit ? k->unit : "";
    html_printf(&r->out, "<td>");
    if (d->has_latest)
        html_printf(&r->out, "%F%s", d->latest, unit);
    html_printf(&r->out, "</td><td>");
    if (d->has_expected)
        html_printf(&r->out, "%F%s", d->expected, unit);
    html_printf(&r->out, "</td><td>");
    if (d->has_achievement)
        html_printf(&r->out, "%F%%", round(d->achievement * 1000) / 10);
    html_printf(&r->out, "</td><td>");
    html_kpi_badge(r, d->status);
    html_printf(&r->out, "</td>");
}

static void kpi_figure_heads(struct req *r) {
    html_printf(&r->out, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
                tr(r, M_LATEST), tr(r, M_REPORT_EXPECTED), tr(r, M_ACHIEVEMENT), tr(r, M_STATUS));
}

/* A measure's KPIs with baseline, target and their figures. */
static void focus_kpis(struct req *r, const struct pack_focus *f) {
    const struct measure *m = f->measure;
    size_t n = 0;
    for (size_t x = 0; x < m->n_kpis; x++)
        n += !m->kpis[x].abolished;
    if (!n)
        return;
    html_table_scroll(r, arena_printf(&r->arena, "%s %s", m->code, tr(r, M_KPIS)));
    html_printf(&r->out, "<table class=\"grid pack-kpis\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th>", tr(r, M_KPIS), tr(r, M_BASELINE), tr(r, M_TARGET));
    kpi_figure_heads(r);
    html_printf(&r->out, "</tr></thead><tbody>\n");
    for (size_t x = 0; x < m->n_kpis; x++) {
        const struct kpi *k = &m->kpis[x];
        if (k->abolished)
            continue;
        html_printf(&r->out, "<tr><th scope=\"row\"><a href=\"/kpis/%D\">%s</a></th><td>", k->id, tr_kpi_name(r, k));
        if (k->has_baseline) {
            char fy[64];
            tr_fy(r, k->baseline_fy, fy, sizeof fy);
            html_printf(&r->out, "%F%s <span class=\"muted\">%s</span>", k->baseline_value, k->unit ? k->unit : "", tr_paren(r, fy));
        }
        html_printf(&r->out, "</td><td>");
        html_kpi_target(r, k);
        html_printf(&r->out, "</td>");
        kpi_figure_cells(r, k, &f->kpis[x]);
        html_printf(&r->out, "</tr>\n");
    }
    html_printf(&r->out, "</tbody></table></div>\n");
}

/* Each measure asking a decision or off track: why, its rating, the decision, its report and
 * its KPIs. */
static void decisions(struct req *r, const struct hq_pack *pk) {
    if (!section(r, "decisions", M_PACK_DECISIONS, pk->n_focus, false))
        return;
    html_printf(&r->out, "<p class=\"small muted\">%s</p>\n", tr(r, M_PACK_DECISIONS_HINT));
    for (size_t i = 0; i < pk->n_focus; i++) {
        const struct pack_focus *f = &pk->focus[i];
        const struct period_line *l = f->line;
        const struct review *rv = &l->review;
        enum review_state s = (enum review_state)rv->state;
        int days = period_line_days_late(&pk->period, l, r->today);
        html_printf(&r->out, "<article class=\"pack-measure\" id=\"measure-%D\" aria-labelledby=\"measure-%D-h\">"
                             "<h3 id=\"measure-%D-h\"><span class=\"code\">%s</span> <a href=\"/periods/%D/measures/%D\">%s</a></h3>\n",
                    l->measure_id, l->measure_id, l->measure_id, l->code, pk->period.id, l->measure_id, l->title);
        html_printf(&r->out, "<dl class=\"facts\"><div><dt>%s</dt><dd>", tr(r, M_DEPARTMENT));
        html_departments_in_charge(r, l->dept_names, l->n_depts);
        html_printf(&r->out, "</dd></div><div><dt>%s</dt><dd>", tr(r, M_STATE));
        html_review_badge(r, s, days >= 0);
        if (days >= 0)
            html_printf(&r->out, " %s", tr_days_late(r, days, s));
        html_printf(&r->out, "</dd></div><div><dt>%s</dt><dd>%r</dd></div><div><dt>%s</dt><dd>", tr(r, M_RATING),
                    rv->rating ? tr_rating_html(r, hq_pack_rating_label(pk, rv->rating)) : tr(r, M_UNRATED), tr(r, M_DECISION));
        if (rv->decision)
            html_printf(&r->out, "%s%s%s", tr_decision(r, rv->decision), rv->decision_note ? tr(r, M_P_COLON) : "",
                        rv->decision_note ? rv->decision_note : "");
        else
            html_printf(&r->out, "<strong>%s</strong>", tr(r, M_PACK_REQUESTED));
        html_printf(&r->out, "</dd></div></dl>\n");
        if (f->problem || f->off_track)
            html_printf(&r->out, "<p class=\"small\">%s%r%s</p>\n", f->problem ? tr(r, M_PACK_WHY_RATING) : "",
                        f->problem && f->off_track ? tr(r, M_P_LIST) : "", f->off_track ? tr(r, M_PACK_WHY_KPI) : "");
        if (s == REVIEW_SUBMITTED || s == REVIEW_CONFIRMED)
            html_review_texts(r, rv, 4);
        else
            html_printf(&r->out, "<p>%s</p>\n", tr(r, M_PACK_NO_REPORT));
        focus_kpis(r, f);
        html_printf(&r->out, "</article>\n");
    }
    html_printf(&r->out, "</section>\n");
}

static void changes(struct req *r, const struct hq_pack *pk) {
    if (!section(r, "changes", M_PACK_CHANGES, pk->n_changes, true))
        return;
    static const enum msg cols[] = {M_PACK_FROM, M_PACK_TO};
    html_printf(&r->out, "<table class=\"grid\" id=\"changes-table\">");
    head(r, cols, 2);
    for (size_t i = 0; i < pk->n_changes; i++) {
        html_printf(&r->out, "<tr>");
        measure_cell(r, pk, pk->changes[i].line);
        html_printf(&r->out, "<td>%r</td><td>%r</td></tr>\n",
                    pk->changes[i].from ? tr_rating_html(r, hq_pack_rating_label(pk, pk->changes[i].from)) : tr(r, M_UNRATED),
                    tr_rating_html(r, hq_pack_rating_label(pk, pk->changes[i].to)));
    }
    html_printf(&r->out, "</tbody></table></div></section>\n");
}

static void kpis(struct req *r, const struct hq_pack *pk) {
    if (!section(r, "kpis", M_PACK_KPIS, pk->n_kpis, true))
        return;
    html_printf(&r->out, "<table class=\"grid\" id=\"kpis-table\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
                tr(r, M_CODE), tr(r, M_KPIS));
    kpi_figure_heads(r);
    html_printf(&r->out, "</tr></thead><tbody>\n");
    for (size_t i = 0; i < pk->n_kpis; i++) {
        const struct pack_kpi *k = &pk->kpis[i];
        html_printf(&r->out, "<tr><td class=\"code\">%s</td><td><a href=\"/kpis/%D\">%s</a></td>", k->measure->code,
                    k->kpi->id, tr_kpi_name(r, k->kpi));
        kpi_figure_cells(r, k->kpi, &k->d);
        html_printf(&r->out, "</tr>\n");
    }
    html_printf(&r->out, "</tbody></table></div></section>\n");
}

static void unreported(struct req *r, const struct hq_pack *pk) {
    if (!section(r, "unreported", M_PACK_UNREPORTED, pk->n_unreported, true))
        return;
    static const enum msg cols[] = {M_STATE, M_HOW_LATE};
    html_printf(&r->out, "<table class=\"grid\" id=\"unreported-table\">");
    head(r, cols, 2);
    for (size_t i = 0; i < pk->n_unreported; i++) {
        const struct period_line *l = pk->unreported[i];
        enum review_state s = (enum review_state)l->review.state;
        int days = period_line_days_late(&pk->period, l, r->today);
        html_printf(&r->out, "<tr>");
        measure_cell(r, pk, l);
        html_printf(&r->out, "<td>");
        html_review_badge(r, s, days >= 0);
        html_printf(&r->out, "</td><td>%s</td></tr>\n", tr_days_late(r, days, s));
    }
    html_printf(&r->out, "</tbody></table></div></section>\n");
}

/* GET /periods/{id}/pack */
void page_pack(struct req *r) {
    int64_t id;
    struct hq_pack pk;
    struct plan_context c;
    if (!req_param_id(r, 0, &id) || hq_pack_build(r->db, &r->arena, id, r->today, &pk) < 0 ||
        !load_plan_context(r, pk.period.plan_id, &c)) {
        buf_reset(&r->out);
        page_not_found(r);
        return;
    }
    char *label = period_label(r, pk.period.fy, pk.period.quarter);
    char *title = arena_printf(&r->arena, tr(r, M_PACK_TITLE), label);
    char *period_href = arena_printf(&r->arena, "/periods/%lld", (long long)pk.period.id);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c.plan_title, c.plan_href}, {tr(r, M_REVIEWS), c.periods_href},
                             {label, period_href}, {tr(r, M_PACK), NULL}};
    page_begin(r, title, crumbs, 5, "pack");
    html_print_header(r, c.org_name, c.plan_title, title,
                      c.plan_version ? arena_printf(&r->arena, "%s%s%s", tr(r, M_VERSION), tr(r, M_P_SPACE), c.plan_version) : NULL);
    html_printf(&r->out, "<p class=\"no-print small\">%s</p>\n<p class=\"no-print\"><button type=\"button\" data-print hidden>%s</button></p>\n",
                tr(r, M_PACK_PRINT_HINT), tr(r, M_PRINT));
    html_printf(&r->out, "<dl class=\"facts\">");
    for (int s = 0; s < REVIEW_NSTATES; s++)
        html_printf(&r->out, "<div><dt>%s</dt><dd>%d</dd></div>", tr_review_state(r, (enum review_state)s), pk.tally.n[s]);
    html_printf(&r->out, "<div><dt>%s</dt><dd>%d</dd></div></dl>\n", tr(r, M_LATE), pk.tally.late);
    html_late_as_closed(r, &pk.period);
    html_printf(&r->out, "<p class=\"muted\">%s</p>\n", arena_printf(&r->arena, tr(r, M_PACK_AS_OF), tr_date(r, pk.as_of)));
    html_workload_progress(r, c.org_id, c.org_code);     /* the 業務量削減 goal, when the plans have one */
    decisions(r, &pk);
    html_rollup_overview(r, &pk.plan, &pk.rollup, pk.pillars, false);
    changes(r, &pk);
    kpis(r, &pk);
    unreported(r, &pk);
    html_printf(&r->out, "<p class=\"small no-print\"><a href=\"/api/v1/periods/%D/pack\">%s</a></p>\n", pk.period.id,
                tr(r, M_VIEW_API));
    form_script(r);                                      /* shows the print button */
    page_end(r);
    r->cacheable = false;
}
