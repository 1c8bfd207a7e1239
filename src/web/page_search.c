/* Search in a plan's measures (GET /plans/{id}/search?q=): a member searches the working draft,
 * everyone else the latest published version; and the search box that the plan pages show. */
#include "core/errors.h"
#include "store/store.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "xfer/published.h"

void html_search_form(struct req *r, int64_t plan_id, const char *q) {
    html_printf(&r->out,
        "<form class=\"search\" role=\"search\" method=\"get\" action=\"/plans/%D/search\">\n"
        "<label for=\"q\">%s</label>\n<input id=\"q\" name=\"q\" type=\"search\" value=\"%s\">\n"
        "<button type=\"submit\">%s</button>\n</form>\n",
        plan_id, tr(r, M_SEARCH_LABEL), q ? q : "", tr(r, M_SEARCH));
}

/* The results of a search: measures linked to their live pages (published_base NULL) or to
 * the published version's. */
static void search_results(struct req *r, const char *q, const struct measure *const *ms, const unsigned *matched,
                           size_t n, const char *published_base) {
    if (!q || !*q)
        return;
    html_printf(&r->out, "<p role=\"status\">%s%s%s %d%s</p>\n", tr(r, M_P_QUOTE_OPEN), q, tr(r, M_P_QUOTE_CLOSE), (int)n,
                tr(r, M_RESULTS_COUNT));
    if (!n) {
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_NO_RESULTS));
        return;
    }
    html_table_scroll(r, tr(r, M_SEARCH_RESULTS));
    html_printf(&r->out, "<table class=\"grid measures\">\n");
    html_measure_rows_head(r);
    html_printf(&r->out, "<tbody>\n");
    for (size_t i = 0; i < n; i++)
        html_measure_row(r, ms[i], published_base, &matched[i]);
    html_printf(&r->out, "</tbody></table></div>\n");
}

/* Search in a plan: a member searches the working draft; everyone else the latest published
 * version (xfer/published.c), with links to its measure sheets. */
/* GET /plans/{id}/search */
void page_search(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id)) {
        buf_reset(&r->out);
        page_not_found(r);
        return;
    }
    int64_t org_id;
    struct org o;
    const char *q = req_query(r, "q");
    if (store_plan_org(r->db, id, &org_id) < 0 || store_org_by_id(r->db, &r->arena, org_id, &o) < 0) {
        page_not_found(r);
        return;
    }
    const struct measure **found = NULL;
    unsigned *matched = NULL;
    size_t n = 0;
    const char *base = NULL;
    int rc = 0;
    if (r->sees_drafts) {
        struct measure *ms = NULL;
        if (q && *q)
            rc = store_measure_search(r->db, &r->arena, id, q, NULL, NULL, LOAD_SUMMARY, &ms, &n, &matched);
        found = arena_alloc(&r->arena, (n ? n : 1) * sizeof *found);
        for (size_t i = 0; rc == 0 && i < n; i++)
            found[i] = &ms[i];
    } else {
        struct published_plan pp;
        if (published_load_with_ids(r->db, &r->arena, id, &pp) < 0) {
            page_not_found(r);
            return;
        }
        base = arena_printf(&r->arena, "/plans/%lld/published/measures/", (long long)id);
        if (q && *q)
            rc = published_search(r->db, &r->arena, &pp, q, NULL, NULL, &found, &n, &matched);
    }
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    char *plan_href = arena_printf(&r->arena, r->sees_drafts ? "/plans/%lld" : "/plans/%lld/published", (long long)id);
    char *org_href = arena_printf(&r->arena, "/orgs/%s", o.code);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {o.name, org_href}, {tr(r, M_PLANS), plan_href},
                             {tr(r, M_SEARCH_RESULTS), NULL}};
    page_begin(r, tr(r, M_SEARCH_RESULTS), crumbs, 4, NULL);
    html_printf(&r->out, "<h1>%s</h1>\n", tr(r, M_SEARCH_RESULTS));
    html_search_form(r, id, q);
    search_results(r, q, found, matched, n, base);
    page_end(r);
}
