/* A plan's overview (pillars -> themes -> measures with status, lead department and KPI
 * status), and its rows of measures, which the search page (page_search.c) lists too. */
#include <string.h>
#include "http/authz.h"
#include "core/errors.h"
#include "core/rollup.h"
#include "core/search.h"
#include "store/store.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

/* The KPI cell of a measure row: each KPI's status, with achievement when known. */
static void kpi_cell(struct req *r, const struct measure *m) {
    if (m->n_kpis == 0) {
        html_printf(&r->out, "<span class=\"muted\">-</span>");
        return;
    }
    for (size_t i = 0; i < m->n_kpis; i++) {
        const struct kpi *k = &m->kpis[i];
        if (i)
            html_printf(&r->out, "<br>");
        if (k->target_state != TARGET_SET) {
            html_printf(&r->out, "<span class=\"muted\">%s</span>", tr(r, k->target_state == TARGET_UNDECIDED ? M_UNDECIDED : M_NONE));
            continue;
        }
        struct kpi_derived d;
        kpi_derive(k, r->today, &d);
        html_kpi_badge(r, d.status);
        if (d.has_achievement)
            html_printf(&r->out, " %F%%", d.achievement * 100);
    }
}

void html_measure_rows_head(struct req *r) {
    html_printf(&r->out, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n",
                tr(r, M_CODE), tr(r, M_MEASURE), tr(r, M_STATUS), tr(r, M_LEAD_DEPT), tr(r, M_KPI_STATUS));
}

/* Where a search result matched, in words under its title: 一致した箇所：施策名、テーマ名 */
static void matched_note(struct req *r, unsigned matched) {
    static const enum msg words[SEARCH_NFIELDS] = {M_SEARCH_IN_TITLE, M_SEARCH_IN_TEXT, M_SEARCH_IN_THEME,
                                                   M_SEARCH_IN_PILLAR};
    html_printf(&r->out, "<br><span class=\"matched muted small\">%s%s", tr(r, M_SEARCH_MATCHED), tr(r, M_P_COLON));
    const char *sep = "";
    for (int f = 0; f < SEARCH_NFIELDS; f++)
        if (matched & 1u << f) {
            html_printf(&r->out, "%s%s", sep, tr(r, words[f]));
            sep = tr(r, M_P_COMMA);
        }
    html_printf(&r->out, "</span>");
}

/* published_base NULL: the live measure's page; else published_base followed by its key */
static void measure_link(struct req *r, const struct measure *m, const char *published_base);

void html_measure_row(struct req *r, const struct measure *m, const char *published_base, const unsigned *matched) {
    html_printf(&r->out, "<tr><td class=\"code\">%s</td><td>", m->code);
    measure_link(r, m, published_base);
    if (m->new_since_fy)
        html_printf(&r->out, " <span class=\"tag\">%s</span>", tr(r, M_NEW_BADGE));
    if (matched && *matched)
        matched_note(r, *matched);
    html_printf(&r->out, "</td><td>%s</td><td>%s</td><td>", tr_status(r, m->status),
                m->departments.n ? m->departments.items[0] : "-");
    kpi_cell(r, m);
    html_printf(&r->out, "</td></tr>\n");
}

void html_plan_header(struct req *r, const struct plan *p) {
    html_printf(&r->out, "<h1>%s</h1>\n", p->title);
    if (p->motto)
        html_printf(&r->out, "<p class=\"motto\">%s</p>\n", p->motto);
    html_printf(&r->out, "<dl class=\"facts\">\n<div><dt>%s</dt><dd>%s</dd></div>\n", tr(r, M_KIND),
                tr(r, p->kind[0] == 's' ? M_KIND_STRATEGY : M_KIND_ACTION_PLAN));
    if (p->from_fy && p->to_fy) {
        char a[64], b[64];
        tr_fy(r, p->from_fy, a, sizeof a);
        tr_fy(r, p->to_fy, b, sizeof b);
        html_printf(&r->out, "<div><dt>%s</dt><dd>%s～%s</dd></div>\n", tr(r, M_PERIOD), a, b);
    }
    if (p->version)
        html_printf(&r->out, "<div><dt>%s</dt><dd>%s</dd></div>\n", tr(r, M_VERSION), p->version);
    if (p->published)
        html_printf(&r->out, "<div><dt>%s</dt><dd>%s</dd></div>\n", tr(r, M_PUBLISHED), p->published);
    if (p->review_cadence)
        html_printf(&r->out, "<div><dt>%s</dt><dd>%s</dd></div>\n", tr(r, M_CADENCE),
                    tr(r, strcmp(p->review_cadence, "quarterly") == 0 ? M_CADENCE_QUARTERLY : M_CADENCE_YEARLY));
    html_printf(&r->out, "</dl>\n");
    if (p->summary)
        html_printf(&r->out, "<p class=\"summary\">%s</p>\n", p->summary);
}

static void plan_context(struct req *r, const struct plan *p) {
    if (p->n_goals) {
        html_printf(&r->out, "<section aria-labelledby=\"goals\"><h2 id=\"goals\">%s</h2>\n<ul class=\"goals\">\n", tr(r, M_GOALS));
        for (size_t i = 0; i < p->n_goals; i++) {
            const struct goal *g = &p->goals[i];
            html_printf(&r->out, "<li><strong>%s %F%s</strong>", g->name, g->target_value, g->unit ? g->unit : "");
            if (g->note)
                html_printf(&r->out, "<br><span class=\"muted\">%s</span>", g->note);
            struct org wo;              /* a workload goal: its progress, for the members (page_workload.c) */
            if (g->workload && authz_member_of(r, p->org_id) && store_org_by_id(r->db, &r->arena, p->org_id, &wo) == 0)
                html_workload_progress(r, p->org_id, wo.code);
            html_printf(&r->out, "</li>\n");
        }
        html_printf(&r->out, "</ul></section>\n");
    }
    if (p->n_vision) {
        html_printf(&r->out, "<section aria-labelledby=\"vision\"><h2 id=\"vision\">%s</h2>\n<div class=\"cards three\">\n", tr(r, M_VISION));
        for (size_t i = 0; i < p->n_vision; i++)
            html_printf(&r->out, "<div class=\"card\"><h3>%s</h3><p>%s</p></div>\n", p->vision[i].title,
                        p->vision[i].text ? p->vision[i].text : "");
        html_printf(&r->out, "</div></section>\n");
    }
    if (p->n_foundation) {                  /* what the pillars stand on */
        html_printf(&r->out, "<section aria-labelledby=\"foundation\"><h2 id=\"foundation\">%s</h2>\n", tr(r, M_FOUNDATION));
        for (size_t i = 0; i < p->n_foundation; i++)
            html_printf(&r->out, "<p class=\"foundation\"><strong>%s</strong>%s</p>\n", p->foundation[i].title,
                        p->foundation[i].text ? tr_paren(r, p->foundation[i].text) : "");
        html_printf(&r->out, "</section>\n");
    }
    if (p->n_challenges) {
        html_printf(&r->out, "<section aria-labelledby=\"challenges\"><h2 id=\"challenges\">%s</h2>\n<ul>\n",
                    tr(r, M_CHALLENGES));
        for (size_t i = 0; i < p->n_challenges; i++)
            html_printf(&r->out, "<li>%s%r%s</li>\n", p->challenges[i].title, p->challenges[i].text ? "<br>" : "",
                        p->challenges[i].text);
        html_printf(&r->out, "</ul></section>\n");
    }
    if (p->n_principles) {
        html_printf(&r->out, "<section aria-labelledby=\"principles\"><h2 id=\"principles\">%s</h2>\n<ol class=\"principles\">\n", tr(r, M_PRINCIPLES));
        for (size_t i = 0; i < p->n_principles; i++)
            html_printf(&r->out, "<li><strong>%s</strong><br>%s</li>\n", p->principles[i].title,
                        p->principles[i].text ? p->principles[i].text : "");
        html_printf(&r->out, "</ol></section>\n");
    }
}

static void revisions(struct req *r, const struct plan *p) {
    if (!p->n_revisions)
        return;
    html_printf(&r->out, "<section aria-labelledby=\"revisions\"><h2 id=\"revisions\">%s</h2>\n"
                         "<table class=\"grid\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th></tr></thead><tbody>\n",
                tr(r, M_REVISIONS), tr(r, M_VERSION), tr(r, M_PUBLISHED), tr(r, M_REVISION_NOTES));
    for (size_t i = 0; i < p->n_revisions; i++) {
        const struct revision *v = &p->revisions[i];
        html_printf(&r->out, "<tr><td>%s</td><td>%s</td><td><ul class=\"plain\">", v->version, v->date);
        for (size_t j = 0; j < v->notes.n; j++)
            html_printf(&r->out, "<li>%s</li>", v->notes.items[j]);
        html_printf(&r->out, "</ul></td></tr>\n");
    }
    html_printf(&r->out, "</tbody></table></section>\n");
}

/* A measure's title linked to its page: the live one (published_base NULL) or the published
 * version's (published_base followed by its key). */
static void measure_link(struct req *r, const struct measure *m, const char *published_base) {
    if (published_base)
        html_printf(&r->out, "<a href=\"%s%k\">%s</a>", published_base, m->key, m->title);
    else
        html_printf(&r->out, "<a href=\"/measures/%D\">%s</a>", m->id, m->title);
}

/* The plan's measures by how they are carried out (主な施策の全体像), as 印西市's strategy shows
 * them: organisation-wide, across departments and within a department, linked to each other
 * (施策連携), and the people and culture work beside them. Only for a plan most of whose
 * measures state their scope. */
static void scope_overview(struct req *r, const struct plan *p, const char *published_base) {
    size_t n;
    struct measure **ms = plan_measure_list(&r->arena, p, &n);
    size_t scoped = 0;
    for (size_t i = 0; i < n; i++)
        scoped += ms[i]->scope != SCOPE_UNSET;
    if (scoped * 2 <= n)                    /* a few measures with a scope (担当：全課) are no overview */
        return;
    html_printf(&r->out, "<section aria-labelledby=\"by-scope\"><h2 id=\"by-scope\">%s</h2>\n<div class=\"scope-groups\">\n",
                tr(r, M_MAIN_MEASURES));
    static const enum measure_scope order[] = {SCOPE_ORG_WIDE, SCOPE_CROSS_DEPT, SCOPE_DEPT, SCOPE_PEOPLE};
    for (size_t s = 0; s < sizeof order / sizeof *order; s++) {
        if (s == 1 || s == 2)               /* the three ways of carrying out are linked */
            html_printf(&r->out, "<p class=\"linkage\">↕ %s</p>\n", tr(r, M_MEASURE_LINKAGE));
        html_printf(&r->out, "<div class=\"scope-group scope-%s\"><h3>%s</h3>\n<ul>\n", measure_scope_name(order[s]),
                    tr_scope(r, order[s]));
        for (size_t i = 0; i < n; i++)
            if (ms[i]->scope == order[s]) {
                html_printf(&r->out, "<li>");
                measure_link(r, ms[i], published_base);
                html_printf(&r->out, "</li>\n");
            }
        html_printf(&r->out, "</ul></div>\n");
    }
    html_printf(&r->out, "</div></section>\n");
}

void html_plan_body(struct req *r, const struct plan *p, const char *published_base) {
    plan_context(r, p);
    size_t n_themes = 0;
    for (size_t i = 0; i < p->n_pillars; i++)
        n_themes += p->pillars[i].n_themes;
    struct rollup plan_ru, *pillar_ru = arena_alloc(&r->arena, (p->n_pillars + 1) * sizeof *pillar_ru),
                           *theme_ru = arena_alloc(&r->arena, (n_themes + 1) * sizeof *theme_ru);
    rollup_plan(p, r->today, &plan_ru, pillar_ru, theme_ru);
    html_rollup_overview(r, p, &plan_ru, pillar_ru, true);
    size_t t_index = 0;
    for (size_t i = 0; i < p->n_pillars; i++) {
        const struct pillar *pi = &p->pillars[i];
        /* anchors by position: a published version's pillars have no ids */
        html_printf(&r->out, "<section class=\"pillar\" aria-labelledby=\"pillar-%d\">\n"
                             "<h2 id=\"pillar-%d\"><span class=\"code\">%s</span> %s", (int)i + 1, (int)i + 1, pi->code,
                    pi->title);
        if (pi->abolished)
            form_abolished_badge(r);
        html_printf(&r->out, "</h2>\n");
        if (pi->examples.n) {
            html_printf(&r->out, "<p class=\"small\">%s%s", tr(r, M_EXAMPLES), tr(r, M_P_COLON));
            for (size_t j = 0; j < pi->examples.n; j++)
                html_printf(&r->out, "%s%s", j ? tr(r, M_P_COMMA) : "", pi->examples.items[j]);
            html_printf(&r->out, "</p>\n");
        }
        for (size_t j = 0; j < pi->n_themes; j++) {
            const struct theme *t = &pi->themes[j];
            if (theme_is_implicit(t)) {          /* a plan without a theme level: the pillar's measures */
                t_index++;
                html_table_scroll(r, arena_printf(&r->arena, "%s %s", pi->code, pi->title));
            } else {
                html_printf(&r->out, "<h3>%s%r%s", t->code ? t->code : "", t->code ? " " : "", t->title);
                if (t->abolished)
                    form_abolished_badge(r);
                html_printf(&r->out, "</h3>\n");
                html_rollup_line(r, p, &theme_ru[t_index++]);
                html_table_scroll(r, arena_printf(&r->arena, "%s %s%s%s", pi->code, t->code ? t->code : "",
                                                  t->code ? " " : "", t->title ? t->title : ""));
            }
            html_printf(&r->out, "<table class=\"grid measures\">\n");
            html_measure_rows_head(r);
            html_printf(&r->out, "<tbody>\n");
            for (size_t k = 0; k < t->n_measures; k++)
                html_measure_row(r, &t->measures[k], published_base, NULL);
            html_printf(&r->out, "</tbody></table></div>\n");
        }
        html_printf(&r->out, "</section>\n");
    }
    scope_overview(r, p, published_base);
    revisions(r, p);
}

static int load_plan_page(struct req *r, struct plan *p, struct org *o) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return KW_ENOTFOUND;
    int rc = store_plan_load(r->db, &r->arena, id, LOAD_SUMMARY, p);
    if (rc == 0)
        rc = store_org_by_id(r->db, &r->arena, p->org_id, o);
    return rc;
}

/* GET /plans/{id} */
void page_plan(struct req *r) {
    if (page_published_instead(r, "plans"))
        return;
    struct plan p;
    struct org o;
    int rc = load_plan_page(r, &p, &o);
    if (rc < 0) {
        buf_reset(&r->out);
        page_not_found(r);
        return;
    }
    char *org_href = arena_printf(&r->arena, "/orgs/%s", o.code);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {o.name, org_href}, {p.title, NULL}};
    page_begin(r, p.title, crumbs, 3, "plan-page");
    html_print_running(r, o.name, p.title, tr(r, M_DRAFT));  /* printed: whose plan, of which version, of when */
    html_plan_header(r, &p);
    html_printf(&r->out, "<ul class=\"inline-list no-print\"><li><a href=\"/plans/%D/periods\">%s</a></li>"
                         "<li><a href=\"/plans/%D/versions\">%s</a></li><li><a href=\"/plans/%D/logic-model\">%s</a></li>",
                p.id, tr(r, M_REVIEWS), p.id, tr(r, M_REVISIONS), p.id, tr(r, M_LM_TITLE));
    if (authz_allows(r, PERM_OFFICE))
        html_printf(&r->out, "<li><a href=\"/plans/%D/edit\">%s</a></li><li><a href=\"/plans/%D/structure\">%s</a></li>"
                             "<li><a href=\"/plans/%D/measurements/import\">%s</a></li>"
                             "<li><a href=\"/plans/%D/rating-scale\">%s</a></li>",
                    p.id, tr(r, M_PE_EDIT_PLAN), p.id, tr(r, M_PE_EDIT_STRUCTURE), p.id, tr(r, M_CSV_TITLE), p.id,
                    tr(r, M_RATING_SCALE));
    if (authz_allows(r, PERM_OFFICE))             /* the logic model's editor (page_logic_edit.c), shared categories */
        html_printf(&r->out, "<li><a href=\"/plans/%D/logic-model/edit\">%s</a></li><li><a href=\"/plans/%D/categories\">%s</a></li>",
                    p.id, tr(r, M_LE_TITLE), p.id, tr(r, M_CAT_PLAN_LINK));
    html_printf(&r->out, "<li><a href=\"/plans/%D/published\">%s</a></li></ul>\n", p.id, tr(r, M_SEE_PUBLISHED));
    html_search_form(r, p.id, NULL);
    html_plan_body(r, &p, NULL);
    html_plan_findings(r, &p);                  /* members only: the public is sent to the published plan */
    html_plan_downloads(r, &p, o.code);
    html_printf(&r->out, "<p class=\"small\"><a href=\"/api/v1/plans/%D\">%s</a></p>\n", p.id, tr(r, M_VIEW_API));
    page_end(r);
}
