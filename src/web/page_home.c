/* The home page — for a signed-in member of an organisation what its role does next (web/home.h),
 * for everyone else the search for an organisation, the prefectures and, when there are few, every
 * organisation with its plans —, the list of organisations (by prefecture, by name or code, 50 to
 * a page), what the role homes share, and an organisation's page. */
#include <string.h>
#include "http/authz.h"
#include "core/errors.h"
#include "store/store.h"
#include "store/store_user.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "web/form.h"
#include "web/home.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "web/when.h"

enum { ORGS_PER_PAGE = 50 };          /* organisations on a page of /orgs, and on the home page at most */

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
        html_printf(&r->out, "</span>");
        if (ps[i].has_version)                  /* the published plan in a few figures */
            html_printf(&r->out, " <a class=\"ps-home-link\" href=\"/plans/%D/summary\">%s</a>", ps[i].id, tr(r, M_PS_LINK));
        html_printf(&r->out, "</li>\n");
    }
    if (shown)
        html_printf(&r->out, "</ul>\n");
    else
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_NO_PUBLISHED_PLAN));
}

/* A card of an organisation with its plans (one query for its plans: a page's worth at most). */
static void org_card(struct req *r, const struct org *o) {
    struct plan_summary *ps;
    size_t np = 0;
    store_plan_list(r->db, &r->arena, o->id, &ps, &np);
    html_printf(&r->out, "<section class=\"card\" aria-labelledby=\"org-%s\">\n"
                         "<h2 id=\"org-%s\"><a href=\"/orgs/%s\">%s</a> <span class=\"muted small\">%s%s%s</span></h2>\n",
                o->code, o->code, o->code, o->name, o->prefecture ? o->prefecture : "", tr(r, M_P_LIST), o->code);
    plan_list(r, ps, np, authz_member_of(r, o->id));
    html_printf(&r->out, "</section>\n");
}

static const char *grouped(struct req *r, int64_t v) {
    char s[48];
    format_grouped(s, sizeof s, (double)v);
    return arena_strdup(&r->arena, s);
}

/* The search by name or code: a GET form to /orgs that works without JavaScript. */
static void org_search_form(struct req *r, const char *q) {
    html_printf(&r->out,
        "<form class=\"search\" role=\"search\" method=\"get\" action=\"/orgs\">\n"
        "<label for=\"org-q\">%s</label>\n"
        "<input id=\"org-q\" name=\"q\" type=\"search\" value=\"%s\" aria-describedby=\"org-q-hint\">\n"
        "<button type=\"submit\">%s</button>\n"
        "<p id=\"org-q-hint\" class=\"small muted\">%s</p>\n</form>\n",
        tr(r, M_ORG_FIND), q ? q : "", tr(r, M_SEARCH), tr(r, M_ORG_FIND_HINT));
}

/* The address of the list with its filters, to which the pager adds the offset. */
static const char *orgs_href(struct req *r, const char *prefecture, const char *q) {
    struct buf b = BUF_INIT;
    buf_puts(&b, "/orgs");
    if (prefecture && *prefecture) {
        buf_puts(&b, "?prefecture=");
        url_escape(&b, prefecture);
    }
    if (q && *q) {
        buf_puts(&b, b.len > 5 ? "&q=" : "?q=");
        url_escape(&b, q);
    }
    char *s = arena_strdup(&r->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* A page of organisations as cards: "N件中 a–b件" (when count), the cards, the links to the pages around it. */
static void org_page_cards(struct req *r, const struct org_page *pg, int64_t offset, const char *href, bool count) {
    if (!pg->n) {
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_ORGS_NONE));
    } else {
        if (count) {
            html_printf(&r->out, "<p class=\"orgs-range\">");
            html_printf(&r->out, tr(r, M_ORGS_RANGE), grouped(r, pg->total), grouped(r, offset + 1),
                        grouped(r, offset + (int64_t)pg->n));
            html_printf(&r->out, "</p>\n");
        }
        html_printf(&r->out, "<div class=\"cards\">\n");
        for (size_t i = 0; i < pg->n; i++)
            org_card(r, &pg->items[i]);
        html_printf(&r->out, "</div>\n");
    }
    html_pager(r, href, offset, pg->n, pg->total, ORGS_PER_PAGE, tr(r, M_PAGE_PREV), tr(r, M_PAGE_NEXT));
}

/* The organisations for the public and admins. The home page has the search and the prefectures,
 * and every organisation's card when there are few (ORGS_PER_PAGE at most, as in one city's or
 * the demo's installation); with more, no cards: a resident looking for a town expects to pick
 * its prefecture or type its name, not to scroll past the first 50 of 北海道. /orgs shows a page
 * of the organisations of a prefecture, of a search, or of all, 50 to a page. */
static void org_index(struct req *r, bool home) {
    const char *pref = home ? NULL : req_query(r, "prefecture"), *q = home ? NULL : req_query(r, "q");
    if (pref && !*pref)
        pref = NULL;
    if (q && utf8_is_blank(q))
        q = NULL;
    int64_t offset = home ? 0 : form_id(req_query(r, "offset"));
    struct prefecture *pv = NULL;
    size_t npv = 0;
    struct org_page pg = {0};
    struct org_query f = {pref, q, ORGS_PER_PAGE, offset};
    int rc = store_prefectures(r->db, &r->arena, &pv, &npv);
    if (rc == 0)
        rc = store_org_find(r->db, &r->arena, &f, &pg);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the organisations could not be read");
        return;
    }
    const char *title = q ? arena_printf(&r->arena, tr(r, M_ORGS_MATCHING), q)
                      : pref ? arena_printf(&r->arena, tr(r, M_ORGS_IN_PREF), pref) : tr(r, M_ORGS);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {title, NULL}};
    page_begin(r, title, home ? NULL : crumbs, home ? 0 : 2, NULL);
    html_printf(&r->out, "<h1>%s</h1>\n", title);
    if (home || (!q && !pref))
        html_printf(&r->out, "<p class=\"lead\">%s</p>\n<ul class=\"inline-list\"><li><a href=\"/categories\">%s</a></li>"
                             "<li><a href=\"/open-data\">%s</a></li></ul>\n",
                    tr(r, M_ORGS_INTRO), tr(r, M_CAT_LINK), tr(r, M_OD_TITLE));
    org_search_form(r, q);
    if (home && pg.total > ORGS_PER_PAGE) {
        html_printf(&r->out, "<p>");
        html_printf(&r->out, tr(r, M_ORGS_CHOOSE), grouped(r, pg.total));
        html_printf(&r->out, "</p>\n");
        html_prefecture_nav(r, "/orgs", pv, npv, NULL);
        html_printf(&r->out, "<p><a href=\"/orgs\">%s</a></p>\n", tr(r, M_ORGS_SEE_ALL));
    } else {
        if (home)
            org_page_cards(r, &pg, 0, "/", false);
        else
            org_page_cards(r, &pg, offset, orgs_href(r, pref, q), true);
        html_prefecture_nav(r, "/orgs", pv, npv, pref);
        if (!home && (q || pref))
            html_printf(&r->out, "<p><a href=\"/orgs\">%s</a></p>\n", tr(r, M_ORGS_SEE_ALL));
    }
    page_end(r);
}

/* GET / */
void page_home(struct req *r) {
    struct org o;
    const char *role = r->user ? r->user->role : "";
    bool member_home = strcmp(role, "reporter") == 0 || strcmp(role, "office") == 0 || strcmp(role, "viewer") == 0;
    if (!member_home || store_org_by_id(r->db, &r->arena, r->user->org_id, &o) < 0) {
        org_index(r, true);             /* the public and admins; a member whose organisation is gone */
        return;
    }
    if (strcmp(role, "reporter") == 0)
        home_work(r, &o);
    else if (strcmp(role, "office") == 0)
        home_desk(r, &o);
    else
        home_dashboard(r, &o);
    r->cacheable = false;
}

/* GET /orgs */
void page_orgs(struct req *r) { org_index(r, false); }

/* ---- what the role homes share (web/home.h) */

bool home_periods(struct req *r, int64_t org_id, bool latest_closed, struct home_period **ret, size_t *ret_n) {
    struct plan_summary *ps;
    size_t np;
    int rc = store_plan_list(r->db, &r->arena, org_id, &ps, &np);
    struct home_period *v = arena_alloc(&r->arena, (np * 4 + 1) * sizeof *v);
    size_t n = 0;
    for (size_t i = 0; rc == 0 && i < np; i++) {
        struct review_period *pv;
        size_t npv;
        if ((rc = store_periods(r->db, &r->arena, ps[i].id, &pv, &npv)) < 0)
            break;
        size_t open = 0;
        for (size_t j = 0; j < npv && open < 4; j++)       /* newest first */
            if (!pv[j].closed || (latest_closed && open == 0 && j == 0)) {
                v[n] = (struct home_period){&ps[i], pv[j], NULL, 0};
                rc = store_period_lines(r->db, &r->arena, &v[n].p, &v[n].lines, &v[n].n);
                n++, open++;
            }
    }
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the review periods could not be read");
        return false;
    }
    *ret = v;
    *ret_n = n;
    return true;
}

void html_deadline(struct req *r, const struct review_period *p) {
    kw_date d;
    html_printf(&r->out, "%s%s", tr(r, M_DEADLINE), tr(r, M_P_COLON));
    html_date(r, p->deadline);
    if (date_parse(p->deadline, &d) < 0 || p->closed)
        return;
    if (d >= r->today)
        html_printf(&r->out, tr(r, M_DAYS_LEFT), d - r->today);
    else
        html_printf(&r->out, "<strong>%s</strong>", arena_printf(&r->arena, tr(r, M_DAYS_OVER), r->today - d));
}

void html_home_period_title(struct req *r, const struct home_period *hp) {
    html_printf(&r->out, "<h2><a href=\"/periods/%D\">%s %s</a></h2>\n<p class=\"muted\">%s</p>\n<p>", hp->p.id,
                tr(r, M_REVIEWS), period_label(r, hp->p.fy, hp->p.quarter), plan_summary_face(hp->plan, true).title);
    html_deadline(r, &hp->p);
    html_printf(&r->out, "</p>\n");
}

void html_home_footer(struct req *r, const struct org *o) {
    struct plan_summary *ps;
    size_t np = 0;
    html_printf(&r->out, "<section aria-labelledby=\"home-plans\"><h2 id=\"home-plans\">%s</h2>\n", tr(r, M_PLANS));
    if (store_plan_list(r->db, &r->arena, o->id, &ps, &np) == 0)
        plan_list(r, ps, np, true);
    html_printf(&r->out, "<ul class=\"inline-list\"><li><a href=\"/orgs/%s\">%s</a></li><li><a href=\"/orgs\">%s</a></li></ul>\n"
                         "</section>\n", o->code, o->name, tr(r, M_ALL_ORGS));
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
    bool published = false;
    for (size_t i = 0; i < np; i++)
        published = published || ps[i].has_version;
    if (published)              /* its published plans as CSV and JSON (page_open_data.c) */
        html_printf(&r->out, "<h2>%s</h2>\n<p><a href=\"/open-data#org-%s\">%s</a></p>\n", tr(r, M_OD_TITLE), o.code,
                    tr(r, M_OD_ORG_LINK));
    if (r->sees_drafts)         /* the document is the working draft */
        html_printf(&r->out, "<p class=\"small\"><a href=\"/api/v1/orgs/%s/document\">%s</a></p>\n", o.code, tr(r, M_VIEW_API));
    page_end(r);
}
