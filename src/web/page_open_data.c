/* The open data catalogue page (issue 16 point 5): the organisations that have published a plan,
 * with their measures, KPIs and measurements as CSV and JSON files (api/api_open_data.c), the
 * licence in words and how to cite it; 50 organisations a page, by prefecture when there are more.
 * The same list as GET /api/v1/open-data (xfer/open_data.h). */
#include "store/store.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "web/when.h"
#include "xfer/open_data.h"

enum { OD_PAGE = 50 };                   /* organisations a page */

static const enum msg table_titles[OD_N_TABLES] = {M_OD_T_MEASURES, M_OD_T_KPIS, M_OD_T_MEASUREMENTS};

static void org_section(struct req *r, const struct open_data_entry *e) {
    const struct org *o = &e->org;
    html_printf(&r->out, "<section aria-labelledby=\"org-%s\">\n<h2 id=\"org-%s\">%s <span class=\"muted small\">%s%s%s</span></h2>\n",
                o->code, o->code, o->name, o->prefecture ? o->prefecture : "", tr(r, M_P_LIST), o->code);
    html_printf(&r->out, "<p>%s</p>\n<p class=\"small\">%s%s", arena_printf(&r->arena, tr(r, M_OD_ORG_LICENSE),
                tr(r, M_OD_LICENSE), o->name), tr(r, M_OD_UPDATED), tr(r, M_P_COLON));
    html_when(r, e->updated);
    html_printf(&r->out, "</p>\n");
    for (int t = 0; t < OD_N_TABLES; t++) {
        const char *name = open_data_names[t];
        html_printf(&r->out, "<h3>%s <span class=\"muted small\">%s</span></h3>\n<ul class=\"inline-list\">"
                             "<li><a href=\"/orgs/%u/open-data/%s.csv\" download>CSV</a></li>"
                             "<li><a href=\"/orgs/%u/open-data/%s.csv?encoding=cp932\" download>%s</a></li>"
                             "<li><a href=\"/orgs/%u/open-data/%s.json\">JSON</a></li></ul>\n",
                    tr(r, table_titles[t]), arena_printf(&r->arena, tr(r, M_OD_ROWS), (int)e->rows[t]), o->code, name,
                    o->code, name, tr(r, M_OD_CSV_SJIS), o->code, name);
    }
    html_printf(&r->out, "</section>\n");
}

/* GET /open-data */
void page_open_data(struct req *r) {
    struct open_data_entry *v;
    struct prefecture *pv = NULL;
    size_t n, npv = 0;
    int64_t total = 0, offset = form_id(req_query(r, "offset"));     /* a bad one: the first page */
    const char *pref = req_query(r, "prefecture");
    if (pref && !*pref)
        pref = NULL;
    int rc = open_data_catalogue(r->db, &r->arena, pref, OD_PAGE, offset, &v, &n, &total);
    if (rc == 0)
        rc = store_prefectures(r->db, &r->arena, &pv, &npv);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the open data could not be read");
        return;
    }
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {tr(r, M_OD_TITLE), NULL}};
    page_begin(r, tr(r, M_OD_TITLE), crumbs, 2, NULL);
    html_printf(&r->out, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", tr(r, M_OD_TITLE), tr(r, M_OD_INTRO));
    html_printf(&r->out, "<h2 id=\"license\">%s</h2>\n<p>%s<a href=\"%s\" rel=\"license\">%s</a></p>\n<p>%s</p>\n<p>%s</p>\n",
                tr(r, M_OD_LICENSE_H), tr(r, M_OD_LICENSE_LEAD), OPEN_DATA_LICENSE_URL, tr(r, M_OD_LICENSE),
                tr(r, M_OD_CITE), tr(r, M_OD_FORMATS));
    if (total > OD_PAGE || pref)          /* many organisations: by prefecture, a page at a time */
        html_prefecture_nav(r, "/open-data", pv, npv, pref);
    if (pref)
        html_printf(&r->out, "<h2>%s</h2>\n", pref);
    if (!n)
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_OD_NONE));
    else if (total > OD_PAGE) {
        html_printf(&r->out, "<p role=\"status\">");
        html_printf(&r->out, tr(r, M_OD_RANGE), total, offset + 1, offset + (int64_t)n);
        html_printf(&r->out, "</p>\n");
    }
    for (size_t i = 0; i < n; i++)
        org_section(r, &v[i]);
    struct buf href = BUF_INIT;
    buf_puts(&href, "/open-data");
    if (pref) {
        buf_puts(&href, "?prefecture=");
        url_escape(&href, pref);
    }
    html_pager(r, arena_strdup(&r->arena, buf_cstr(&href)), offset, n, total, OD_PAGE, tr(r, M_PAGE_PREV),
               tr(r, M_PAGE_NEXT));
    buf_free(&href);
    html_printf(&r->out, "<p class=\"small\"><a href=\"/api/v1/open-data\">%s</a></p>\n", tr(r, M_OD_API));
    page_end(r);
}
