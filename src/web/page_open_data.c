/* The open data catalogue page (issue 16 point 5): every organisation that has published a plan,
 * with its measures, KPIs and measurements as CSV and JSON files (api/api_open_data.c), the
 * licence in words and how to cite it. The same list as GET /api/v1/open-data
 * (xfer/open_data.h). */
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "web/when.h"
#include "xfer/open_data.h"

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
    size_t n;
    int rc = open_data_catalogue(r->db, &r->arena, &v, &n);
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
    if (!n)
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_OD_NONE));
    for (size_t i = 0; i < n; i++)
        org_section(r, &v[i]);
    html_printf(&r->out, "<p class=\"small\"><a href=\"/api/v1/open-data\">%s</a></p>\n", tr(r, M_OD_API));
    page_end(r);
}
