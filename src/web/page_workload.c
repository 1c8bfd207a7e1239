/* The workload page of an organisation (業務量の削減, issue 14 point 4) for its members: the
 * 業務量削減 goal and the progress toward it — the baseline hours of the survey year, the hours
 * projected after the means applied to its steps and those a later survey found, each reduction
 * against the goal in words and as a bar —, the hours by department, means, measure and staff
 * type, and a Pareto chart of the hours by business with its table. A survey-year selector (a
 * GET form). Without a survey it says so, and that the survey is the office's to make, with the
 * template and the upload page. Where the freed hours went is page_reallocation.c's section (with
 * the office's forms; workload_render shows the page again with one that failed). Printable: the
 * header names the city, the plan and the date in Japan time. The figures are
 * report/workload_summary.c's, the API's too. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/errors.h"
#include "core/fiscal.h"
#include "http/authz.h"
#include "report/workload_summary.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "web/workload_words.h"

enum { PARETO_CHART_MAX = 30 };     /* bars in the chart; the table has every business */

/* A percentage with at most one decimal ("33.3"). */
static const char *pct_text(struct req *r, double v) {
    double t = round(v * 10) / 10;
    return t == floor(t) ? arena_printf(&r->arena, "%.0f", t) : arena_printf(&r->arena, "%.1f", t);
}

static const char *staff_label(struct req *r, int i) {
    static const enum msg m[STAFF_COUNT] = {M_WL_STAFF_REGULAR, M_WL_STAFF_FISCAL, M_WL_STAFF_OUTSOURCED};
    return tr(r, m[i]);
}

static const char *dept_name(struct req *r, const struct workload_summary *s, int64_t id) {
    for (size_t i = 0; i < s->n_department; i++)
        if (s->by_department[i].id == id && s->by_department[i].name)
            return s->by_department[i].name;
    return tr(r, M_WL_UNKNOWN);
}

/* The survey-year selector: a GET form, so it works without JavaScript. */
static void year_form(struct req *r, const struct org *o, const struct workload_summary *s) {
    html_printf(&r->out, "<form method=\"get\" action=\"/orgs/%s/workload\" class=\"form inline-form no-print\">\n"
                         "<div class=\"field\"><label for=\"fy\">%s</label>\n<select id=\"fy\" name=\"fy\">\n",
                o->code, tr(r, M_WL_SURVEY_FY));
    for (size_t i = 0; i < s->n_years; i++)
        html_printf(&r->out, "<option value=\"%d\"%r>%s</option>\n", s->years[i],
                    s->years[i] == s->survey_fy ? " selected" : "", tr_fy_text(r, s->years[i]));
    if (strcmp(r->lang, "en") == 0)
        html_printf(&r->out, "</select></div>\n<input type=\"hidden\" name=\"lang\" value=\"en\">");
    else
        html_printf(&r->out, "</select></div>\n");
    html_printf(&r->out, "<p><button type=\"submit\">%s</button></p>\n</form>\n", tr(r, M_WL_SHOW));
}

/* Where the survey comes from: the template, the upload page (for the office), the matrix. */
static void survey_links(struct req *r, const struct org *o, bool with_matrix) {
    html_printf(&r->out, "<ul class=\"links no-print\">\n<li><a href=\"/orgs/%s/workload/survey.csv\">%s</a></li>\n", o->code,
                tr(r, M_WL_TEMPLATE));
    if (authz_allows(r, PERM_OFFICE) || authz_is_reporter(r))
        html_printf(&r->out, "<li><a href=\"/orgs/%s/workload/import\">%s</a></li>\n", o->code, tr(r, M_WL_UPLOAD));
    if (with_matrix)
        html_printf(&r->out, "<li><a href=\"/orgs/%s/workload/matrix\">%s</a></li>\n", o->code, tr(r, M_WL_MATRIX));
    html_printf(&r->out, "<li><a href=\"/orgs/%s/workload/means\">%s</a></li>\n", o->code, tr(r, M_MN_TITLE));
    html_printf(&r->out, "</ul>\n");
}

/* One reduction in words: "12.5% 削減（目標 30% の 41.7%）" (the message names its arguments by
 * position: the reduction, its share of the goal, the goal). */
static const char *reduction_words(struct req *r, const struct workload_summary *s, double pct) {
    if (s->has_goal && s->goal.target_value > 0)
        return arena_printf(&r->arena, tr(r, M_WL_REDUCTION_OF_GOAL), pct_text(r, pct),
                            pct_text(r, pct / s->goal.target_value * 100), pct_text(r, s->goal.target_value));
    return arena_printf(&r->arena, tr(r, M_WL_REDUCTION_ALONE), pct_text(r, pct));
}

/* The bars of the reductions against the goal: decoration (aria-hidden), the words say it all. */
static void progress_bars(struct req *r, const struct workload_summary *s) {
    enum { BW = 320, BH = 22, LW = 150 };
    double max = s->has_goal ? s->goal.target_value : 0;
    if (s->projected_reduction > max) max = s->projected_reduction;
    if (s->has_realised_reduction && s->realised_reduction > max) max = s->realised_reduction;
    if (max <= 0) return;
    int rows = s->has_realised_reduction ? 2 : 1, h = rows * (BH + 14) + 20;
    html_printf(&r->out, "<figure class=\"chart\"><svg class=\"wl-bars\" viewBox=\"0 0 %d %d\" aria-hidden=\"true\" focusable=\"false\">\n", LW + BW + 70, h);
    double vals[2] = {s->projected_reduction, s->realised_reduction};
    const char *cls[2] = {"wl-bar-projected", "wl-bar-realised"}, *fills[2] = {"#0017c1", "#197a4b"};
    for (int i = 0; i < rows; i++) {
        double w = vals[i] > 0 ? vals[i] / max * BW : 0;
        int y = 8 + i * (BH + 14);
        buf_printf(&r->out, "<rect class=\"wl-bar-track\" fill=\"#e6e6e6\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>", LW, y, BW, BH);
        buf_printf(&r->out, "<rect class=\"%s\" fill=\"%s\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\"/>", cls[i], fills[i], LW, y, w, BH);
        html_printf(&r->out, "<text class=\"axis\" x=\"0\" y=\"%d\">%s</text><text class=\"axis\" x=\"%d\" y=\"%d\">%s%%</text>\n",
                    y + 16, tr(r, i ? M_WL_REALISED : M_WL_PROJECTED), LW + BW + 6, y + 16, pct_text(r, vals[i]));
    }
    if (s->has_goal && s->goal.target_value > 0) {
        double gx = LW + s->goal.target_value / max * BW;
        buf_printf(&r->out, "<line class=\"wl-goal-line\" stroke=\"#ec0000\" stroke-width=\"3\" x1=\"%.1f\" x2=\"%.1f\" y1=\"2\" y2=\"%d\"/>", gx, gx, h - 14);
        html_printf(&r->out, "<text class=\"axis\" x=\"%r\" y=\"%d\" text-anchor=\"middle\">%s %s%%</text>\n",
                    arena_printf(&r->arena, "%.1f", gx), h - 2, tr(r, M_WL_GOAL_LINE), pct_text(r, s->goal.target_value));
    }
    html_printf(&r->out, "</svg></figure>\n");
}

/* The goal and the three figures: baseline, projected, realised. */
static void goal_section(struct req *r, const struct workload_summary *s) {
    html_printf(&r->out, "<section aria-labelledby=\"goal\"><h2 id=\"goal\">%s</h2>\n", tr(r, M_WL_PROGRESS));
    if (s->has_goal) {
        html_printf(&r->out, "<p id=\"goal-text\"><strong>%s</strong>%s</p>\n",
                    arena_printf(&r->arena, tr(r, M_WL_GOAL_TEXT), pct_text(r, s->goal.target_value)),
                    s->goal.target_fy ? arena_printf(&r->arena, tr(r, M_WL_BY_FY), tr_fy_text(r, s->goal.target_fy)) : "");
    } else {
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_WL_NO_GOAL));
    }
    html_printf(&r->out, "<dl class=\"facts wl-facts\">\n<div><dt>%s%s</dt><dd><span id=\"baseline-hours\">%s</span> %s</dd></div>\n",
                tr(r, M_WL_BASELINE), tr_paren(r, tr_fy_text(r, s->survey_fy)), workload_figure(r, s->totals.baseline), tr(r, M_WL_HOURS_YEAR));
    html_printf(&r->out, "<div><dt>%s</dt><dd><span id=\"projected-hours\">%s</span> %s<br><span id=\"projected-reduction\">%s</span></dd></div>\n",
                tr(r, M_WL_PROJECTED), workload_figure(r, s->totals.projected), tr(r, M_WL_HOURS_YEAR),
                reduction_words(r, s, s->projected_reduction));
    if (s->realised_fy)
        html_printf(&r->out, "<div><dt>%s%s</dt><dd><span id=\"realised-hours\">%s</span> %s<br><span id=\"realised-reduction\">%s</span></dd></div>\n",
                    tr(r, M_WL_REALISED), tr_paren(r, arena_printf(&r->arena, tr(r, M_WL_LATER_SURVEY), tr_fy_text(r, s->realised_fy))),
                    workload_figure(r, s->realised_hours), tr(r, M_WL_HOURS_YEAR), reduction_words(r, s, s->realised_reduction));
    else
        html_printf(&r->out, "<div><dt>%s</dt><dd>%s</dd></div>\n", tr(r, M_WL_REALISED), tr(r, M_WL_NO_LATER));
    html_printf(&r->out, "</dl>\n");
    progress_bars(r, s);
    html_printf(&r->out, "</section>\n");
}

static void table_open(struct req *r, const char *id, enum msg title) {
    html_printf(&r->out, "<section aria-labelledby=\"%s\"><h2 id=\"%s\">%s</h2>\n", id, id, tr(r, title));
    html_table_scroll(r, tr(r, title));
    html_printf(&r->out, "<table class=\"grid\" id=\"%s-table\"><thead><tr>", id);
}

static void th(struct req *r, enum msg m, bool num) {
    html_printf(&r->out, "<th scope=\"col\"%r>%s</th>", num ? " class=\"num\"" : "", tr(r, m));
}

static void by_department(struct req *r, const struct workload_summary *s) {
    table_open(r, "by-dept", M_WL_BY_DEPT);
    th(r, M_DEPARTMENTS, false);
    th(r, M_WL_BASELINE, true);
    th(r, M_WL_PROJECTED, true);
    th(r, M_WL_REDUCTION, true);
    if (s->realised_fy) th(r, M_WL_REALISED, true);
    html_printf(&r->out, "</tr></thead><tbody>\n");
    for (size_t i = 0; i < s->n_department; i++) {
        const struct workload_dept_row *d = &s->by_department[i];
        if (d->name)            /* each department's name links to its inventory of the year */
            html_printf(&r->out, "<tr><th scope=\"row\"><a href=\"/departments/%D/inventory?fy=%d\">%s</a></th>", d->id,
                        s->survey_fy, d->name);
        else
            html_printf(&r->out, "<tr><th scope=\"row\">%s</th>", tr(r, M_WL_UNKNOWN));
        html_printf(&r->out, "<td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s%%</td>",
                    workload_figure(r, d->baseline), workload_figure(r, d->projected),
                    pct_text(r, workload_reduction_percent(d->baseline, d->projected)));
        if (s->realised_fy) html_printf(&r->out, "<td class=\"num\">%s</td>", workload_figure(r, d->realised));
        html_printf(&r->out, "</tr>\n");
    }
    html_printf(&r->out, "</tbody><tfoot><tr><th scope=\"row\">%s</th><td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s%%</td>",
                tr(r, M_WL_TOTAL), workload_figure(r, s->totals.baseline), workload_figure(r, s->totals.projected),
                pct_text(r, s->projected_reduction));
    if (s->realised_fy) html_printf(&r->out, "<td class=\"num\">%s</td>", workload_figure(r, s->realised_hours));
    html_printf(&r->out, "</tr></tfoot></table></div>\n<p class=\"small\">%s</p></section>\n", tr(r, M_WL_UNIT));
}

/* By means (measures false) or by measure (true). */
static void by_credit(struct req *r, const struct workload_summary *s, bool measures) {
    const struct workload_credit_row *rows = measures ? s->by_measure : s->by_means;
    size_t n = measures ? s->n_measure : s->n_means;
    const char *id = measures ? "by-measure" : "by-means";
    if (!n) {
        html_printf(&r->out, "<section aria-labelledby=\"%s\"><h2 id=\"%s\">%s</h2>\n<p>%s</p></section>\n", id, id,
                    tr(r, measures ? M_WL_BY_MEASURE : M_WL_BY_MEANS), tr(r, M_WL_NO_MEANS));
        return;
    }
    table_open(r, id, measures ? M_WL_BY_MEASURE : M_WL_BY_MEANS);
    th(r, measures ? M_MEASURE : M_MEANS, false);
    th(r, M_WL_APPLIED_HOURS, true);
    th(r, M_WL_SAVED_HOURS, true);
    html_printf(&r->out, "</tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const struct workload_credit_row *c = &rows[i];
        html_printf(&r->out, "<tr><th scope=\"row\">");
        if (measures && c->id)
            html_printf(&r->out, "<a href=\"/measures/%D\">%s %s</a>", c->id, c->key, c->name);
        else if (measures)
            html_printf(&r->out, "%s", tr(r, M_WL_NO_MEASURE));
        else
            html_printf(&r->out, "%s", c->name ? c->name : tr(r, M_WL_UNKNOWN));
        html_printf(&r->out, "</th><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>\n", workload_figure(r, c->applied),
                    workload_figure(r, c->saved));
    }
    html_printf(&r->out, "</tbody></table></div></section>\n");
}

static void by_staff(struct req *r, const struct workload_summary *s) {
    table_open(r, "by-staff", M_WL_BY_STAFF);
    th(r, M_WL_STAFF, false);
    th(r, M_WL_BASELINE, true);
    th(r, M_WL_SHARE, true);
    html_printf(&r->out, "</tr></thead><tbody>\n");
    for (int i = 0; i < STAFF_COUNT; i++)
        html_printf(&r->out, "<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td><td class=\"num\">%s%%</td></tr>\n",
                    staff_label(r, i), workload_figure(r, s->totals.by_staff[i]),
                    pct_text(r, s->totals.baseline > 0 ? s->totals.by_staff[i] / s->totals.baseline * 100 : 0));
    html_printf(&r->out, "</tbody></table></div></section>\n");
}

/* The Pareto chart of the hours by business, and its table (the chart's text alternative). */
static void pareto(struct req *r, const struct workload_summary *s) {
    size_t n = s->base.n;
    size_t *order = workload_pareto(s->base.businesses, n);
    double *hours = arena_alloc(&r->arena, (n + 1) * sizeof *hours);
    const char **labels = arena_alloc(&r->arena, (n + 1) * sizeof *labels);
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        const struct business *b = &s->base.businesses[order[i]];
        hours[i] = workload_business_hours(b, NULL);
        labels[i] = b->name;
        total += hours[i];
    }
    html_printf(&r->out, "<section aria-labelledby=\"pareto\"><h2 id=\"pareto\">%s</h2>\n", tr(r, M_WL_PARETO));
    size_t shown = n < PARETO_CHART_MAX ? n : PARETO_CHART_MAX;
    svg_pareto_chart(r, tr(r, M_WL_PARETO), hours, shown, total);
    if (shown < n)
        html_printf(&r->out, "<p class=\"small\">%s</p>\n", arena_printf(&r->arena, tr(r, M_WL_PARETO_TOP), (int)shown));
    html_table_scroll(r, tr(r, M_WL_PARETO));
    html_printf(&r->out, "<table class=\"grid\" id=\"pareto-table\"><thead><tr>");
    th(r, M_WL_RANK, true);
    th(r, M_WL_BUSINESS, false);
    th(r, M_DEPARTMENTS, false);
    th(r, M_WL_HOURS, true);
    th(r, M_WL_CUMULATIVE, true);
    html_printf(&r->out, "</tr></thead><tbody>\n");
    double cum = 0;
    for (size_t i = 0; i < n; i++) {
        const struct business *b = &s->base.businesses[order[i]];
        cum += hours[i];
        html_printf(&r->out, "<tr><td class=\"num\">%d</td><th scope=\"row\">%s</th><td>%s</td><td class=\"num\">%s</td>"
                             "<td class=\"num\">%s%%</td></tr>\n",
                    (int)(i + 1), labels[i], dept_name(r, s, b->department_id), workload_figure(r, hours[i]),
                    pct_text(r, total > 0 ? cum / total * 100 : 0));
    }
    html_printf(&r->out, "</tbody></table></div></section>\n");
    free(order);
}

/* The message of a survey just imported (the upload page's redirect). */
static void imported_notice(struct req *r) {
    const char *d = req_query(r, "departments"), *b = req_query(r, "businesses"), *st = req_query(r, "steps");
    if (!req_query(r, "imported"))
        return;
    html_printf(&r->out, "<div class=\"notice\" role=\"status\" id=\"import-result\"><p>%s", tr(r, M_WL_IMPORTED));
    if (d && b && st)
        html_printf(&r->out, "%s", tr_paren(r, arena_printf(&r->arena, tr(r, M_WL_IMPORTED_COUNTS), atoi(d), atoi(b), atoi(st))));
    html_printf(&r->out, "</p></div>\n");
}

/* The title of the goal's plan, for the printed header; NULL without a goal. */
static const char *goal_plan_title(struct req *r, const struct org *o, const struct workload_summary *s) {
    struct plan_summary *plans;
    size_t n;
    if (!s->has_goal || store_plan_list(r->db, &r->arena, o->id, &plans, &n) < 0)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (plans[i].id == s->goal_plan_id)
            return plans[i].draft.title;
    return NULL;
}

void html_workload_progress(struct req *r, int64_t org_id, const char *org_code) {
    struct workload_summary s;
    if (workload_summary_build(r->db, &r->arena, org_id, 0, &s) < 0 || !s.has_goal)
        return;                                          /* the page itself says what went wrong */
    html_printf(&r->out, "<p class=\"workload-progress\"><strong>%s</strong>%s", tr(r, M_WL_PROGRESS), tr(r, M_P_COLON));
    if (!s.survey_fy) {
        html_printf(&r->out, "%s", tr(r, M_WL_NO_SURVEY));
    } else {
        html_printf(&r->out, "%s ", tr(r, M_WL_PROJECTED));
        html_printf(&r->out, "%s", reduction_words(r, &s, s.projected_reduction));
        if (s.has_realised_reduction)
            html_printf(&r->out, "%s%s %s", tr(r, M_P_COMMA), tr(r, M_WL_REALISED), reduction_words(r, &s, s.realised_reduction));
    }
    html_printf(&r->out, " <a class=\"no-print\" href=\"/orgs/%s/workload\">%s</a></p>\n", org_code, tr(r, M_WL_TITLE));
}

void workload_render(struct req *r, const struct org *o, int fy, const struct reallocation_form *e) {
    struct workload_summary s;
    int rc = workload_summary_build(r->db, &r->arena, o->id, fy, &s);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    r->cacheable = false;          /* for members only: never kept for the public */
    char *org_href = arena_printf(&r->arena, "/orgs/%s", o->code);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {o->name, org_href}, {tr(r, M_WL_SHORT), NULL}};
    page_begin(r, tr(r, M_WL_TITLE), crumbs, 3, "workload");
    const char *plan = goal_plan_title(r, o, &s);
    html_print_header(r, o->name, plan, tr(r, M_WL_TITLE), NULL);
    html_printf(&r->out, "<p class=\"no-print\">%s</p>\n", tr(r, M_WL_INTRO));
    imported_notice(r);
    if (!s.n_years) {
        html_printf(&r->out, "<div class=\"notice\" id=\"no-survey\"><p><strong>%s</strong></p><p>%s</p></div>\n",
                    tr(r, M_WL_NO_SURVEY), tr(r, M_WL_SURVEY_IS_OFFICE));
        if (s.has_goal)
            html_printf(&r->out, "<p id=\"goal-text\">%s%s%s%s</p>\n", tr(r, M_WL_GOAL), tr(r, M_P_COLON),
                        arena_printf(&r->arena, tr(r, M_WL_GOAL_TEXT), pct_text(r, s.goal.target_value)),
                        s.goal.target_fy ? arena_printf(&r->arena, tr(r, M_WL_BY_FY), tr_fy_text(r, s.goal.target_fy)) : "");
        survey_links(r, o, false);
        page_end(r);
        return;
    }
    year_form(r, o, &s);
    if (!s.base.n) {
        html_printf(&r->out, "<div class=\"notice\" id=\"no-survey\"><p>%s</p></div>\n", tr(r, M_WL_NO_SURVEY_FY));
    } else {
        goal_section(r, &s);
        by_department(r, &s);
        by_credit(r, &s, false);
        by_credit(r, &s, true);
        html_reallocations(r, o, &s, e);
        by_staff(r, &s);
        pareto(r, &s);
    }
    survey_links(r, o, true);
    html_printf(&r->out, "<p class=\"small no-print\"><a href=\"/api/v1/orgs/%s/workload?fy=%d\">%s</a></p>\n", o->code,
                s.survey_fy, tr(r, M_WL_API));
    page_end(r);
}

/* GET /orgs/{code}/workload */
void page_workload(struct req *r) {
    struct org o;
    int fy = 0;
    if (!page_query_fy(r, req_query(r, "fy"), &fy))
        return;
    int rc = store_org_by_code(r->db, &r->arena, r->params[0], &o);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    workload_render(r, &o, fy, NULL);
}
