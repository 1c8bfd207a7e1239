/* Two versions of a plan compared on a page (issue 3): what was added, removed and moved, and
 * field by field what changed, e.g. a KPI's target 未決定 → 50（2026年度）. The differences come
 * from xfer/plan_diff.c, as in the API. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "store/store.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "xfer/doc_diff.h"
#include "xfer/versions.h"

/* The document and label of one side: a version id of the plan, or "draft". */
static bool side(struct req *r, int64_t plan_id, const char *which, const char **ret_doc, const char **ret_label) {
    if (which && strcmp(which, "draft") == 0) {
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
    *ret_label = arena_printf(&r->arena, "%s（%s）", v.label, v.date);
    return true;
}

/* A value as a person reads it: text as it is, a target or baseline as 50（2026年度）, 未決定
 * or なし, anything else as compact JSON. */
static void value(struct req *r, const char *json) {
    if (!json) {
        html_printf(&r->out, "<span class=\"muted\">—</span>");
        return;
    }
    json_t *v = json_loads(json, JSON_DECODE_ANY, NULL);
    const char *state = json_string_value(json_object_get(v, "state"));
    json_t *num = json_object_get(v, "value"), *fy = json_object_get(v, "fy");
    if (json_is_string(v)) {
        html_printf(&r->out, "%s", json_string_value(v));
    } else if (state) {
        html_printf(&r->out, "%s", tr(r, strcmp(state, "undecided") == 0 ? M_UNDECIDED : M_NONE));
    } else if (json_is_number(num) && json_object_size(v) <= 2) {
        char fy_text[64] = "";
        if (json_is_integer(fy))
            tr_fy(r, (int)json_integer_value(fy), fy_text, sizeof fy_text);
        html_printf(&r->out, "%F%r%s%r", json_number_value(num), fy_text[0] ? "（" : "", fy_text, fy_text[0] ? "）" : "");
    } else {
        html_printf(&r->out, "<code>%s</code>", json);
    }
    json_decref(v);
}

static const char *entity_label(struct req *r, const char *entity) {
    static const struct { const char *name; enum msg m; } names[] = {
        {"plan", M_PLAN_WORD}, {"pillar", M_PILLAR}, {"theme", M_THEME}, {"measure", M_MEASURE}, {"kpi", M_KPIS}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(entity, names[i].name) == 0)
            return tr(r, names[i].m);
    return entity;
}

static const char *kind_label(struct req *r, enum diff_kind k) {
    static const enum msg names[] = {M_DIFF_ADDED, M_DIFF_REMOVED, M_DIFF_MOVED, M_DIFF_CHANGED};
    return tr(r, names[k]);
}

static void changes_table(struct req *r, const struct diff_entry *d, size_t n) {
    html_table_scroll(r, tr(r, M_COMPARE));
    html_printf(&r->out, "<table class=\"grid\" id=\"diff-table\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
                tr(r, M_DIFF_WHAT), tr(r, M_DIFF_WHICH), tr(r, M_DIFF_KIND), tr(r, M_DIFF_DETAIL));
    for (size_t i = 0; i < n; i++) {
        const struct diff_entry *e = &d[i];
        html_printf(&r->out, "<tr class=\"diff-%s\"><td>%s</td><td><span class=\"code\">%s</span> %s</td><td>%s</td><td>",
                    diff_kind_name(e->kind), entity_label(r, e->entity), e->key,
                    strcmp(e->entity, "kpi") != 0 ? e->title : e->title[0] ? "" : tr(r, M_KPI_UNNAMED),
                    kind_label(r, e->kind));
        if (e->kind == DIFF_MOVED)
            html_printf(&r->out, "%s → %s", e->from, e->to);
        for (size_t j = 0; j < e->n_fields; j++) {
            html_printf(&r->out, "<div><strong>%s</strong>：", e->fields[j].name);
            value(r, e->fields[j].before);
            html_printf(&r->out, " → ");
            value(r, e->fields[j].after);
            html_printf(&r->out, "</div>");
        }
        html_printf(&r->out, "</td></tr>\n");
    }
    html_printf(&r->out, "</tbody></table></div>\n");
}

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
    if (n == 0)
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_DIFF_NONE));
    else
        changes_table(r, d, n);
    html_printf(&r->out, "<p class=\"small\"><a href=\"/api/v1/plans/%D/compare?from=%u&amp;to=%u\">%s</a></p>\n", plan_id,
                req_query(r, "from"), req_query(r, "to"), tr(r, M_VIEW_API));
    page_end(r);
    r->cacheable = false;
}
