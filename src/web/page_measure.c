/* The measure sheet, shaped like the seeds' one-page sheets (現状, 理想, 担当, the fiscal year ×
 * schedule/progress grid, KPIs), printable on A4 landscape. Its form: page_measure_edit.c. */
#include <stdlib.h>
#include <string.h>
#include "http/authz.h"
#include "http/session.h"
#include "core/errors.h"
#include "store/store.h"
#include "util/utf8.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

/* The fiscal years the grid shows: the union of schedule and progress years. */
static int grid_years(const struct measure *m, int *years, int max) {
    int n = 0;
    const struct period_items *lists[2] = {m->schedule, m->progress};
    size_t counts[2] = {m->n_schedule, m->n_progress};
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; i < counts[l]; i++) {
            int fy = lists[l][i].fy, j = 0;
            while (j < n && years[j] != fy)
                j++;
            if (j == n && n < max)
                years[n++] = fy;
        }
    for (int i = 1; i < n; i++)                 /* insertion sort: a handful of years */
        for (int j = i; j > 0 && years[j - 1] > years[j]; j--) {
            int t = years[j]; years[j] = years[j - 1]; years[j - 1] = t;
        }
    return n;
}

static void grid_cell(struct req *r, const struct period_items *v, size_t n, int fy) {
    html_printf(&r->out, "<td>");
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        if (v[i].fy != fy)
            continue;
        if (!any)
            html_printf(&r->out, "<ul class=\"items\">");
        any = true;
        for (size_t j = 0; j < v[i].items.n; j++) {
            if (v[i].quarter)
                html_printf(&r->out, "<li><span class=\"muted\">Q%d</span> %s</li>", v[i].quarter, v[i].items.items[j]);
            else
                html_printf(&r->out, "<li>%s</li>", v[i].items.items[j]);
        }
    }
    html_printf(&r->out, any ? "</ul></td>" : "</td>");
}

static void schedule_grid(struct req *r, const struct measure *m) {
    int years[16];
    int n = grid_years(m, years, 16);
    if (!n)
        return;
    html_printf(&r->out, "<section aria-labelledby=\"grid\"><h2 id=\"grid\">%s</h2>\n", tr(r, M_SCHEDULE_GRID));
    html_table_scroll(r, tr(r, M_SCHEDULE_GRID));
    html_printf(&r->out, "<table class=\"grid schedule\"><thead><tr><th scope=\"col\">%s</th>", tr(r, M_FY));
    for (int i = 0; i < n; i++) {
        char fy[64];
        tr_fy(r, years[i], fy, sizeof fy);
        html_printf(&r->out, "<th scope=\"col\">%s</th>", fy);
    }
    html_printf(&r->out, "</tr></thead><tbody>\n<tr><th scope=\"row\">%s</th>", tr(r, M_SCHEDULE));
    for (int i = 0; i < n; i++)
        grid_cell(r, m->schedule, m->n_schedule, years[i]);
    html_printf(&r->out, "</tr>\n<tr><th scope=\"row\">%s</th>", tr(r, M_PROGRESS));
    for (int i = 0; i < n; i++)
        grid_cell(r, m->progress, m->n_progress, years[i]);
    html_printf(&r->out, "</tr>\n</tbody></table></div></section>\n");
}

static void kpi_table(struct req *r, const struct measure *m, bool published) {
    html_printf(&r->out, "<section aria-labelledby=\"kpis\"><h2 id=\"kpis\">%s</h2>\n", tr(r, M_KPIS));
    if (!m->n_kpis) {
        html_printf(&r->out, "<p>%s</p></section>\n", tr(r, M_NO_KPI));
        return;
    }
    html_table_scroll(r, tr(r, M_KPIS));
    html_printf(&r->out, "<table class=\"grid\"><thead><tr><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
                tr(r, M_KPIS), tr(r, M_BASELINE), tr(r, M_TARGET), tr(r, M_LATEST), tr(r, M_ACHIEVEMENT), tr(r, M_STATUS));
    for (size_t i = 0; i < m->n_kpis; i++) {
        const struct kpi *k = &m->kpis[i];
        struct kpi_derived d;
        kpi_derive(k, r->today, &d);
        if (published && !k->id)                 /* a version's KPI the draft no longer has */
            html_printf(&r->out, "<tr><td>%s", tr_kpi_name(r, k));
        else
            html_printf(&r->out, "<tr><td><a href=\"/kpis/%D\">%s</a>", k->id, tr_kpi_name(r, k));
        if (k->abolished)
            form_abolished_badge(r);
        html_printf(&r->out, "</td><td>");
        if (k->has_baseline) {
            char fy[64];
            tr_fy(r, k->baseline_fy, fy, sizeof fy);
            html_printf(&r->out, "%F%s <span class=\"muted\">%s</span>", k->baseline_value, k->unit ? k->unit : "", tr_paren(r, fy));
        } else {
            html_printf(&r->out, "-");
        }
        html_printf(&r->out, "</td><td>");
        html_kpi_target(r, k);
        html_printf(&r->out, "</td><td>");
        if (d.has_latest)
            html_printf(&r->out, "%F%s <span class=\"muted\">%s</span>", d.latest, k->unit ? k->unit : "", tr_paren(r, d.latest_period));
        else
            html_printf(&r->out, "-");
        html_printf(&r->out, "</td><td>");
        if (d.has_achievement)
            html_printf(&r->out, "%F%%", d.achievement * 100);
        else
            html_printf(&r->out, "-");
        html_printf(&r->out, "</td><td>");
        html_kpi_badge(r, d.status);
        html_printf(&r->out, "</td></tr>\n");
    }
    html_printf(&r->out, "</tbody></table></div></section>\n");
}

void html_measure_sheet(struct req *r, const struct measure *m, const struct measure_ref *ref, const char *published_base,
                        const char *version) {
    html_print_running(r, ref->org_name, ref->plan_title, version);    /* whose sheet, of which version, of when */
    html_printf(&r->out, "<article class=\"sheet\">\n<p class=\"sheet-context\">%s %s", ref->pillar_code, ref->pillar_title);
    if (ref->theme_code || ref->theme_title)        /* a plan without a theme level has none */
        html_printf(&r->out, "%s%s%r%s", tr(r, M_P_SLASH), ref->theme_code ? ref->theme_code : "", ref->theme_code ? " " : "",
                    ref->theme_title);
    html_printf(&r->out, "</p>\n");
    html_printf(&r->out, "<div class=\"sheet-title\"><h1><span class=\"code\">%s</span> %s", m->code, m->title);
    if (m->new_since_fy) {
        char fy[64];
        tr_fy(r, m->new_since_fy, fy, sizeof fy);
        html_printf(&r->out, " <span class=\"tag\">%s%s</span>", tr(r, M_NEW_BADGE), tr_paren(r, arena_printf(&r->arena, tr(r, M_SINCE_FY), fy)));
    }
    html_printf(&r->out, "</h1>\n<p class=\"in-charge\"><strong>%s%s</strong>", tr(r, M_IN_CHARGE), tr(r, M_P_COLON));
    for (size_t i = 0; i < m->departments.n; i++)
        html_printf(&r->out, "%s%s", i ? tr(r, M_P_COMMA) : "", m->departments.items[i]);
    if (!m->departments.n)
        html_printf(&r->out, "-");
    html_printf(&r->out, "%s<strong>%s%s</strong>%s", tr(r, M_P_SPACE), tr(r, M_STATUS), tr(r, M_P_COLON), tr_status(r, m->status));
    if (m->scope != SCOPE_UNSET)
        html_printf(&r->out, "%s<strong>%s%s</strong>%s", tr(r, M_P_SPACE), tr(r, M_SCOPE), tr(r, M_P_COLON), tr_scope(r, m->scope));
    html_printf(&r->out, "</p></div>\n<div class=\"two-col\">\n");
    html_printf(&r->out, "<section class=\"box\" aria-labelledby=\"current\"><h2 id=\"current\">%s</h2><p>", tr(r, M_CURRENT));
    html_text_lines(&r->out, m->current ? m->current : "-");
    html_printf(&r->out, "</p></section>\n<section class=\"box ideal\" aria-labelledby=\"ideal\"><h2 id=\"ideal\">%s</h2><p>", tr(r, M_IDEAL));
    html_text_lines(&r->out, m->ideal ? m->ideal : "-");
    html_printf(&r->out, "</p></section>\n</div>\n");
    schedule_grid(r, m);
    kpi_table(r, m, published_base != NULL);
    if (m->means.n || m->links.n || m->categories.n) {
        html_printf(&r->out, "<dl class=\"facts\">\n");
        html_measure_categories(r, m);
        if (m->means.n) {
            html_printf(&r->out, "<div><dt>%s</dt><dd>", tr(r, M_MEANS));
            for (size_t i = 0; i < m->means.n; i++)
                html_printf(&r->out, "%r<span class=\"tag\">%s</span>", i ? " " : "", m->means.items[i]);
            html_printf(&r->out, "</dd></div>\n");
        }
        if (m->links.n) {
            html_printf(&r->out, "<div><dt>%s</dt><dd>", tr(r, M_LINKS));
            for (size_t i = 0; i < m->links.n; i++) {
                int64_t lid;
                if (published_base)
                    html_printf(&r->out, "%s<a href=\"%s%k\">%s</a>", i ? tr(r, M_P_COMMA) : "", published_base, m->links.items[i],
                                m->links.items[i]);
                else if (store_measure_id_by_key(r->db, ref->plan_id, m->links.items[i], &lid) == 0)
                    html_printf(&r->out, "%s<a href=\"/measures/%D\">%s</a>", i ? tr(r, M_P_COMMA) : "", lid, m->links.items[i]);
                else
                    html_printf(&r->out, "%s%s", i ? tr(r, M_P_COMMA) : "", m->links.items[i]);
            }
            html_printf(&r->out, "</dd></div>\n");
        }
        html_printf(&r->out, "</dl>\n");
    }
    html_printf(&r->out, "</article>\n");
}

/* GET /measures/{id} */
void page_measure(struct req *r) {
    if (page_published_instead(r, "measures"))
        return;
    int64_t id;
    struct measure m;
    struct measure_ref ref;
    if (!req_param_id(r, 0, &id) || store_measure_load(r->db, &r->arena, id, &m, &ref) < 0) {
        buf_reset(&r->out);
        page_not_found(r);
        return;
    }
    char *org_href = arena_printf(&r->arena, "/orgs/%s", ref.org_code);
    char *plan_href = arena_printf(&r->arena, "/plans/%lld", (long long)ref.plan_id);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {ref.org_name, org_href}, {ref.plan_title, plan_href}, {m.title, NULL}};
    page_begin(r, m.title, crumbs, 4, "sheet-page");
    html_measure_sheet(r, &m, &ref, NULL, tr(r, M_DRAFT));
    html_printf(&r->out, "<p class=\"no-print actions\">");
    if (authz_allows(r, PERM_REPORTER))
        html_printf(&r->out, "<a class=\"button\" href=\"/measures/%D/edit\">%s</a> ", m.id, tr(r, M_EDIT_MEASURE));
    if (authz_allows(r, PERM_OFFICE))
        html_printf(&r->out, "<a href=\"/measures/%D/categories\">%s</a> ", m.id, tr(r, M_CAT_EDIT_LINK));
    html_printf(&r->out, "<span class=\"muted small\">%s</span> <a class=\"small\" href=\"/api/v1/measures/%D\">%s</a></p>\n",
                tr(r, M_PRINT_HINT), m.id, tr(r, M_VIEW_API));
    html_printf(&r->out, "<p class=\"no-print small\"><a href=\"/measures/%D/history\">%s</a></p>\n", m.id, tr(r, M_VIEW_HISTORY));
    page_end(r);
}
