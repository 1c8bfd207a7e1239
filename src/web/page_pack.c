/* The HQ meeting pack of a review period as a printable page (A4 portrait): the state of the
 * reports, ratings that changed, KPIs at risk or off track, measures without a report, and
 * decisions requested or recorded. The figures come from report/hq_pack.c, as in the API. */
#include <math.h>
#include "core/errors.h"
#include "report/hq_pack.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

static void measure_cell(struct req *r, const struct hq_pack *pk, const struct period_line *l) {
    html_printf(&r->out, "<td class=\"code\">%s</td><td><a href=\"/periods/%D/measures/%D\">%s</a></td><td>%s</td>", l->code,
                pk->period.id, l->measure_id, l->title, l->dept_name ? l->dept_name : "—");
}

static void head(struct req *r, const enum msg *cols, int n) {
    html_printf(&r->out, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
                tr(r, M_CODE), tr(r, M_MEASURE), tr(r, M_DEPARTMENT));
    for (int i = 0; i < n; i++)
        html_printf(&r->out, "<th scope=\"col\">%s</th>", tr(r, cols[i]));
    html_printf(&r->out, "</tr></thead><tbody>\n");
}

/* A section with its heading, or a sentence saying there is nothing in it. */
static bool section(struct req *r, const char *id, enum msg title, size_t n) {
    html_printf(&r->out, "<section aria-labelledby=\"%s\"><h2 id=\"%s\">%s%s</h2>\n", id, id, tr(r, title),
                tr_paren(r, arena_printf(&r->arena, "%d", (int)n)));
    if (n == 0) {
        html_printf(&r->out, "<p>%s</p></section>\n", tr(r, M_PACK_NONE));
        return false;
    }
    html_table_scroll(r, tr(r, title));
    return true;
}

static void changes(struct req *r, const struct hq_pack *pk) {
    if (!section(r, "changes", M_PACK_CHANGES, pk->n_changes))
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
    if (!section(r, "kpis", M_PACK_KPIS, pk->n_kpis))
        return;
    html_printf(&r->out, "<table class=\"grid\" id=\"kpis-table\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "</tr></thead><tbody>\n",
                tr(r, M_CODE), tr(r, M_KPIS), tr(r, M_LATEST), tr(r, M_EXPECTED), tr(r, M_ACHIEVEMENT), tr(r, M_STATUS));
    for (size_t i = 0; i < pk->n_kpis; i++) {
        const struct pack_kpi *k = &pk->kpis[i];
        html_printf(&r->out, "<tr><td class=\"code\">%s</td><td><a href=\"/kpis/%D\">%s</a></td><td>", k->measure->code,
                    k->kpi->id, tr_kpi_name(r, k->kpi));
        if (k->d.has_latest)
            html_printf(&r->out, "%F%s", k->d.latest, k->kpi->unit ? k->kpi->unit : "");
        html_printf(&r->out, "</td><td>");
        if (k->d.has_expected)
            html_printf(&r->out, "%F%s", k->d.expected, k->kpi->unit ? k->kpi->unit : "");
        html_printf(&r->out, "</td><td>");
        if (k->d.has_achievement)
            html_printf(&r->out, "%F%%", round(k->d.achievement * 1000) / 10);
        html_printf(&r->out, "</td><td>");
        html_kpi_badge(r, k->d.status);
        html_printf(&r->out, "</td></tr>\n");
    }
    html_printf(&r->out, "</tbody></table></div></section>\n");
}

static void unreported(struct req *r, const struct hq_pack *pk) {
    if (!section(r, "unreported", M_PACK_UNREPORTED, pk->n_unreported))
        return;
    static const enum msg cols[] = {M_STATE};
    html_printf(&r->out, "<table class=\"grid\" id=\"unreported-table\">");
    head(r, cols, 1);
    kw_date deadline = 0;
    date_parse(pk->period.deadline, &deadline);
    for (size_t i = 0; i < pk->n_unreported; i++) {
        const struct period_line *l = pk->unreported[i];
        enum review_state s = (enum review_state)l->review.state;
        html_printf(&r->out, "<tr>");
        measure_cell(r, pk, l);
        html_printf(&r->out, "<td>");
        html_review_badge(r, s, !pk->period.closed && review_is_late(s, deadline, r->today));
        html_printf(&r->out, "</td></tr>\n");
    }
    html_printf(&r->out, "</tbody></table></div></section>\n");
}

static void decisions(struct req *r, const struct hq_pack *pk) {
    if (!section(r, "decisions", M_PACK_DECISIONS, pk->n_decisions))
        return;
    static const enum msg cols[] = {M_RATING, M_DECISION};
    html_printf(&r->out, "<table class=\"grid\" id=\"decisions-table\">");
    head(r, cols, 2);
    for (size_t i = 0; i < pk->n_decisions; i++) {
        const struct period_line *l = pk->decisions[i].line;
        html_printf(&r->out, "<tr>");
        measure_cell(r, pk, l);
        html_printf(&r->out, "<td>%r</td><td>", tr_rating_html(r, hq_pack_rating_label(pk, l->review.rating)));
        if (l->review.decision)
            html_printf(&r->out, "%s%r%s", tr_decision(r, l->review.decision), l->review.decision_note ? tr(r, M_P_COLON) : "",
                        l->review.decision_note ? l->review.decision_note : "");
        else
            html_printf(&r->out, "<strong>%s</strong>", tr(r, M_PACK_REQUESTED));
        html_printf(&r->out, "</td></tr>\n");
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
    char *period_href = arena_printf(&r->arena, "/periods/%lld", (long long)pk.period.id);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c.plan_title, c.plan_href}, {tr(r, M_REVIEWS), c.periods_href},
                             {label, period_href}, {tr(r, M_PACK), NULL}};
    page_begin(r, tr(r, M_PACK), crumbs, 5, "pack");
    html_printf(&r->out, "<p class=\"sheet-context\">%s</p>\n<h1>%s %s</h1>\n<p class=\"no-print small\">%s</p>\n",
                c.plan_title, tr(r, M_PACK), label, tr(r, M_PACK_PRINT_HINT));
    html_printf(&r->out, "<dl class=\"facts\">");
    for (int s = 0; s < REVIEW_NSTATES; s++)
        html_printf(&r->out, "<div><dt>%s</dt><dd>%d</dd></div>", tr_review_state(r, (enum review_state)s), pk.tally.n[s]);
    html_printf(&r->out, "<div><dt>%s</dt><dd>%d</dd></div></dl>\n", tr(r, M_LATE), pk.tally.late);
    html_workload_progress(r, c.org_id, c.org_code);     /* the 業務量削減 goal, when the plans have one */
    decisions(r, &pk);
    changes(r, &pk);
    kpis(r, &pk);
    unreported(r, &pk);
    html_printf(&r->out, "<p class=\"small no-print\"><a href=\"/api/v1/periods/%D/pack\">%s</a></p>\n", pk.period.id,
                tr(r, M_VIEW_API));
    page_end(r);
    r->cacheable = false;
}
