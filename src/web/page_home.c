/* The home page (organisations and their plans) and an organisation's page. */
#include "http/authz.h"
#include "core/errors.h"
#include "store/store.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

/* The plans of an organisation: for its members the working drafts, for everyone else only
 * the plans with a published version, as that version has them and linked to it. */
static void plan_list(struct req *r, const struct plan_summary *ps, size_t n, bool drafts) {
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (!drafts && !ps[i].has_version)
            continue;
        struct plan_face f = plan_summary_face(&ps[i], drafts);
        if (shown++ == 0)
            html_printf(&r->out, "<ul class=\"plan-list\">\n");
        html_printf(&r->out, "<li><a href=\"/plans/%D%r\">%s</a> <span class=\"muted\">",
                    ps[i].id, drafts ? "" : "/published", f.title);
        html_printf(&r->out, "%s", tr(r, f.kind[0] == 's' ? M_KIND_STRATEGY : M_KIND_ACTION_PLAN));
        if (f.version)
            html_printf(&r->out, "%s%s %s", tr(r, M_P_LIST), tr(r, M_VERSION), f.version);
        if (drafts)
            html_printf(&r->out, "%s%s %d%s%s %d", tr(r, M_P_LIST), tr(r, M_MEASURE_COUNT), ps[i].n_measures, tr(r, M_P_LIST), tr(r, M_KPI_COUNT),
                        ps[i].n_kpis);
        html_printf(&r->out, "</span></li>\n");
    }
    if (shown)
        html_printf(&r->out, "</ul>\n");
    else
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_NO_PUBLISHED_PLAN));
}

/* GET / */
void page_home(struct req *r) {
    struct org *orgs;
    size_t n;
    int rc = store_org_list(r->db, &r->arena, &orgs, &n);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the organisations could not be read");
        return;
    }
    page_begin(r, tr(r, M_ORGS), NULL, 0, NULL);
    html_printf(&r->out, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n<div class=\"cards\">\n", tr(r, M_ORGS), tr(r, M_ORGS_INTRO));
    for (size_t i = 0; i < n; i++) {
        struct plan_summary *ps;
        size_t np = 0;
        store_plan_list(r->db, &r->arena, orgs[i].id, &ps, &np);
        html_printf(&r->out, "<section class=\"card\" aria-labelledby=\"org-%s\">\n"
                             "<h2 id=\"org-%s\"><a href=\"/orgs/%s\">%s</a> <span class=\"muted small\">%s%s%s</span></h2>\n",
                    orgs[i].code, orgs[i].code, orgs[i].code, orgs[i].name, orgs[i].prefecture ? orgs[i].prefecture : "",
                    tr(r, M_P_LIST), orgs[i].code);
        plan_list(r, ps, np, authz_member_of(r, orgs[i].id));
        html_printf(&r->out, "</section>\n");
    }
    html_printf(&r->out, "</div>\n");
    page_end(r);
}

/* GET /orgs/{code} */
void page_org(struct req *r) {
    struct org o;
    int rc = store_org_by_code(r->db, &r->arena, r->params[0], &o);
    struct department *d = NULL;
    struct plan_summary *ps = NULL;
    size_t nd = 0, np = 0;
    if (rc == 0)
        rc = store_departments(r->db, &r->arena, o.id, &d, &nd);
    if (rc == 0)
        rc = store_plan_list(r->db, &r->arena, o.id, &ps, &np);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the organisation could not be read");
        return;
    }
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {o.name, NULL}};
    page_begin(r, o.name, crumbs, 2, NULL);
    html_printf(&r->out, "<h1>%s <span class=\"muted small\">%s%s%s</span></h1>\n", o.name,
                o.prefecture ? o.prefecture : "", tr(r, M_P_LIST), o.code);
    html_printf(&r->out, "<h2>%s</h2>\n", tr(r, M_PLANS));
    plan_list(r, ps, np, r->sees_drafts);
    if (nd) {
        html_printf(&r->out, "<h2>%s</h2>\n<ul class=\"inline-list\">\n", tr(r, M_DEPARTMENTS));
        for (size_t i = 0; i < nd; i++)
            html_printf(&r->out, "<li>%s</li>\n", d[i].name);
        html_printf(&r->out, "</ul>\n");
    }
    html_printf(&r->out, "<h2>%s</h2>\n<ul class=\"inline-list\"><li><a href=\"/orgs/%s/bodies\">%s</a></li>"
                         "<li><a href=\"/orgs/%s/meetings\">%s</a></li>",
                tr(r, M_BODIES), o.code, tr(r, M_BODIES), o.code, tr(r, M_MEETING_CALENDAR));
    if (authz_allows(r, PERM_OFFICE))
        html_printf(&r->out, "<li><a href=\"/orgs/%s/feedback\">%s</a></li><li><a href=\"/orgs/%s/document/import\">%s</a></li>",
                    o.code, tr(r, M_FEEDBACK_QUEUE), o.code, tr(r, M_DOC_LINK));
    if (authz_allows(r, PERM_OFFICE))
        html_printf(&r->out, "<li><a href=\"/orgs/%s/departments\">%s</a></li>", o.code, tr(r, M_DE_EDIT_LINK));
    if (authz_member_of(r, o.id))          /* the workload against the 業務量削減 goal (page_workload.c) */
        html_printf(&r->out, "<li><a href=\"/orgs/%s/workload\">%s</a></li>", o.code, tr(r, M_WL_TITLE));
    html_printf(&r->out, "</ul>\n");
    if (r->sees_drafts)         /* the document is the working draft */
        html_printf(&r->out, "<p class=\"small\"><a href=\"/api/v1/orgs/%s/document\">%s</a></p>\n", o.code, tr(r, M_VIEW_API));
    page_end(r);
}
