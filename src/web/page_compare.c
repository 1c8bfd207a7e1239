/* Two versions of a plan compared on a page (issue 3): what was added, removed and moved, and
 * field by field what changed, e.g. a KPI's target 未決定 → 50（2026年度）. The differences come
 * from xfer/doc_diff.c, as in the API; web/diff_view.c writes them in words. Anyone may compare
 * two published versions; only members may compare with the working draft. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "store/store.h"
#include "web/field_words.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "xfer/doc_diff.h"
#include "xfer/versions.h"

/* The document and label of one side: a version id of the plan, or "draft". */
static bool side(struct req *r, int64_t plan_id, const char *which, const char **ret_doc, const char **ret_label) {
    if (which && strcmp(which, "draft") == 0) {
        if (!r->sees_drafts)                                /* the public compares versions only */
            return false;
        struct buf doc = BUF_INIT;
        int rc = version_document(r->db, plan_id, &doc);
        *ret_doc = arena_strdup(&r->arena, buf_cstr(&doc));
        *ret_label = tr(r, M_DRAFT);
        buf_free(&doc);
        return rc == 0;
    }
    struct plan_version v;
    char *end = NULL;
    long long id = which ? strtoll(which, &end, 10) : 0;
    if (!which || *end || id <= 0 || store_version_load(r->db, &r->arena, id, &v) < 0 || v.plan_id != plan_id)
        return false;
    *ret_doc = v.snapshot;
    *ret_label = arena_printf(&r->arena, "%s%s", v.label, tr_paren(r, v.date));
    return true;
}

/* GET /plans/{id}/compare */
void page_compare(struct req *r) {
    int64_t plan_id;
    struct plan_context c;
    const char *from_doc, *to_doc, *from_label, *to_label;
    struct diff_entry *d;
    size_t n;
    if (!req_param_id(r, 0, &plan_id) || !load_plan_context(r, plan_id, &c) ||
        !side(r, plan_id, req_query(r, "from"), &from_doc, &from_label) ||
        !side(r, plan_id, req_query(r, "to"), &to_doc, &to_label) || plan_diff(&r->arena, from_doc, to_doc, &d, &n) < 0) {
        buf_reset(&r->out);
        page_not_found(r);
        return;
    }
    char *versions_href = arena_printf(&r->arena, "/plans/%lld/versions", (long long)plan_id);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c.plan_title, c.plan_href}, {tr(r, M_REVISIONS), versions_href},
                             {tr(r, M_COMPARE), NULL}};
    page_begin(r, tr(r, M_COMPARE), crumbs, 4, NULL);
    html_printf(&r->out, "<h1>%s</h1>\n<p class=\"muted\">%s</p>\n<p class=\"lead\">%s → %s</p>\n", tr(r, M_COMPARE),
                c.plan_title, from_label, to_label);
    if (n == 0) {
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_DIFF_NONE));
    } else {
        struct rating_level *scale = NULL;                  /* ratings in the plan's words */
        struct department *depts = NULL;                    /* departments by name */
        struct field_words w = {r, NULL, 0, NULL, 0};
        if (store_rating_scale(r->db, &r->arena, plan_id, &scale, &w.n_scale) == 0)
            w.scale = scale;                                /* else the default scale's words */
        if (store_departments(r->db, &r->arena, c.org_id, &depts, &w.n_depts) == 0)
            w.depts = depts;                                /* else their codes */
        else
            w.n_depts = 0;
        html_changes(r, d, n, &w, tr(r, M_COMPARE));
    }
    html_printf(&r->out, "<p class=\"small\"><a href=\"/api/v1/plans/%D/compare?from=%u&amp;to=%u\">%s</a></p>\n", plan_id,
                req_query(r, "from"), req_query(r, "to"), tr(r, M_VIEW_API));
    page_end(r);
    r->cacheable = false;
}
