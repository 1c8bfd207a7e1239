/* A plan's logic model page (ロジックモデル, issue 14 point 5): the drawing (svg_logic.c) and, below
 * it, its outline — per column, each node with its target group, its text, the measures it
 * stands on (linked), its KPIs with their latest values and statuses, and the nodes it leads to
 * (linked within the page). The outline is the drawing's text alternative for screen readers and
 * the part that prints in full; the print header names the city, the plan and the date in Japan
 * time. Members read the working draft; everyone else the plan's latest published version (404
 * without one), linked to its published measure sheets. Without a logic model the page says so
 * and shows the office where it will be edited. */
#include <string.h>
#include "core/errors.h"
#include "http/authz.h"
#include "store/store.h"
#include "store/store_logic.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/logic_view.h"
#include "web/pages.h"
#include "xfer/published.h"

/* What the reader sees: the draft (members) or the latest published version. */
struct logic_source {
    int64_t plan_id;
    const struct plan *plan;
    const struct logic_model *lm;        /* NULL: the plan has none */
    const char *org_name, *org_code, *plan_href;
    const struct plan_version *version;  /* the published version; NULL for the draft */
    const char *published_base;          /* /plans/{id}/published/measures/, or NULL for the draft */
};

/* false (after replying with the 404 page) when the plan, or for the public its published
 * version, does not exist. */
static bool load(struct req *r, struct logic_source *ret) {
    int64_t id;
    int rc = req_param_id(r, 0, &id) ? 0 : KW_ENOTFOUND;
    if (rc == 0 && r->sees_drafts) {
        struct plan *p = arena_alloc(&r->arena, sizeof *p);
        struct org *o = arena_alloc(&r->arena, sizeof *o);
        struct logic_model *lm = NULL;
        rc = store_plan_load(r->db, &r->arena, id, LOAD_SUMMARY, p);
        if (rc == 0)
            rc = store_org_by_id(r->db, &r->arena, p->org_id, o);
        if (rc == 0)
            rc = store_logic_load(r->db, &r->arena, id, &lm);
        if (rc == 0)
            *ret = (struct logic_source){id, p, lm, o->name, o->code, arena_printf(&r->arena, "/plans/%lld", (long long)id),
                                         NULL, NULL};
    } else if (rc == 0) {
        struct published_plan *pp = arena_alloc(&r->arena, sizeof *pp);
        rc = published_load(r->db, &r->arena, id, pp);
        if (rc == 0)
            *ret = (struct logic_source){id, pp->plan, pp->plan->logic_model, pp->doc.org.name, pp->doc.org.code,
                                         arena_printf(&r->arena, "/plans/%lld/published", (long long)id), &pp->version,
                                         arena_printf(&r->arena, "/plans/%lld/published/measures/", (long long)id)};
    }
    if (rc != 0) {
        buf_reset(&r->out);
        if (rc == KW_ENOTFOUND)
            page_not_found(r);
        else
            resp_store_error(r, rc, NULL, NULL);
        return false;
    }
    return true;
}

static const char *measure_href(struct req *r, const struct logic_source *src, const struct measure *m) {
    struct buf b = BUF_INIT;
    if (src->published_base)
        html_printf(&b, "%r%k", src->published_base, m->key);
    else
        html_printf(&b, "/measures/%D", m->id);
    char *s = arena_strdup(&r->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* The model as the page shows it: links resolved in the plan, KPI figures derived, edges as
 * indexes (an edge naming a node the model lacks is left out). */
static struct lm_view *build_view(struct req *r, const struct logic_source *src) {
    struct arena *a = &r->arena;
    const struct logic_model *lm = src->lm;
    struct lm_view *v = arena_alloc(a, sizeof *v);
    v->n_nodes = lm->n_nodes;
    v->nodes = arena_alloc(a, (lm->n_nodes + 1) * sizeof *v->nodes);
    for (size_t i = 0; i < lm->n_nodes; i++) {
        const struct lm_node *n = &lm->nodes[i];
        struct lm_view_node *vn = &v->nodes[i];
        vn->node = n;
        vn->anchor = arena_printf(a, "lm-%zu", i + 1);
        vn->measures = arena_alloc(a, (n->measures.n + 1) * sizeof *vn->measures);
        for (size_t j = 0; j < n->measures.n; j++) {
            const struct measure *m = plan_measure_by_key(src->plan, n->measures.items[j]);
            if (m)
                vn->measures[vn->n_measures++] = (struct lm_view_measure){m, measure_href(r, src, m)};
        }
        vn->kpis = arena_alloc(a, (n->n_kpis + 1) * sizeof *vn->kpis);
        for (size_t j = 0; j < n->n_kpis; j++) {
            const struct measure *m = plan_measure_by_key(src->plan, n->kpis[j].measure);
            const struct kpi *k = m ? lm_kpi_find(m, n->kpis[j].kpi) : NULL;
            if (!k)
                continue;
            struct lm_view_kpi *vk = &vn->kpis[vn->n_kpis++];
            vk->kpi = k;
            kpi_derive(k, r->today, &vk->d);
            vk->href = src->published_base ? measure_href(r, src, m) : arena_printf(a, "/kpis/%lld", (long long)k->id);
        }
        vn->href = vn->n_measures ? vn->measures[0].href : vn->n_kpis ? vn->kpis[0].href : NULL;
    }
    v->edges = arena_alloc(a, (lm->n_edges + 1) * sizeof *v->edges);
    for (size_t e = 0; e < lm->n_edges; e++) {
        const struct lm_node *from = lm_node_by_key(lm, lm->edges[e].from), *to = lm_node_by_key(lm, lm->edges[e].to);
        if (from && to)
            v->edges[v->n_edges++] = (struct lm_view_edge){(size_t)(from - lm->nodes), (size_t)(to - lm->nodes)};
    }
    for (size_t e = 0; e < v->n_edges; e++) {
        struct lm_view_node *vn = &v->nodes[v->edges[e].from];
        if (!vn->next)
            vn->next = arena_alloc(a, v->n_edges * sizeof *vn->next);
        vn->next[vn->n_next++] = v->edges[e].to;
    }
    return v;
}

/* "最新値 12.5%（2025-03-31）" or "最新値なし・目標 80%", and the status badge. */
static void kpi_figure(struct req *r, const struct lm_view_kpi *k) {
    if (k->d.has_latest) {
        char n[48];
        format_number(n, sizeof n, k->d.latest);
        html_printf(&r->out, "%s <span class=\"lm-latest\">%s%s</span>%s ", tr(r, M_LATEST), n, k->kpi->unit ? k->kpi->unit : "",
                    arena_printf(&r->arena, tr(r, M_LM_PAREN), k->d.latest_period));
    } else {
        html_printf(&r->out, "%s ", lm_no_value_words(r, k->kpi));
    }
    html_kpi_badge(r, k->d.status);
}

static void outline_node(struct req *r, const struct lm_view *v, const struct lm_view_node *vn) {
    const struct lm_node *n = vn->node;
    html_printf(&r->out, "<li id=\"%s\" data-key=\"%s\"><p class=\"lm-o-text\">", vn->anchor, n->key);
    html_text_lines(&r->out, n->text);                  /* its lines as the drawing has them */
    html_printf(&r->out, "</p>\n<dl class=\"lm-o-facts\">\n");
    if (n->target_group)
        html_printf(&r->out, "<div><dt>%s</dt><dd>%s</dd></div>\n", tr(r, M_LM_FOR_WHOM), n->target_group);
    if (vn->n_measures) {
        html_printf(&r->out, "<div><dt>%s</dt><dd><ul class=\"lm-o-list\">", tr(r, M_MEASURES));
        for (size_t j = 0; j < vn->n_measures; j++)
            html_printf(&r->out, "<li><a href=\"%s\"><span class=\"code\">%s</span> %s</a></li>", vn->measures[j].href,
                        vn->measures[j].m->code, vn->measures[j].m->title);
        html_printf(&r->out, "</ul></dd></div>\n");
    }
    if (vn->n_kpis) {
        html_printf(&r->out, "<div><dt>%s</dt><dd><ul class=\"lm-o-list\">", tr(r, M_KPIS));
        for (size_t j = 0; j < vn->n_kpis; j++) {
            html_printf(&r->out, "<li class=\"lm-o-kpi\"><a href=\"%s\">%s</a>%s", vn->kpis[j].href, tr_kpi_name(r, vn->kpis[j].kpi),
                        tr(r, M_P_COLON));
            kpi_figure(r, &vn->kpis[j]);
            html_printf(&r->out, "</li>");
        }
        html_printf(&r->out, "</ul></dd></div>\n");
    }
    if (vn->n_next) {
        html_printf(&r->out, "<div><dt>%s</dt><dd><ul class=\"lm-o-list lm-o-next\">", tr(r, M_LM_LEADS_TO));
        for (size_t j = 0; j < vn->n_next; j++) {
            const struct lm_view_node *to = &v->nodes[vn->next[j]];
            html_printf(&r->out, "<li><span aria-hidden=\"true\">→ </span><a href=\"#%s\">%s</a>%s</li>", to->anchor,
                        to->node->text, tr_paren(r, tr_lm_column(r, to->node->column)));
        }
        html_printf(&r->out, "</ul></dd></div>\n");
    }
    html_printf(&r->out, "</dl></li>\n");
}

static void outline(struct req *r, const struct lm_view *v) {
    html_printf(&r->out, "<section class=\"lm-outline\" aria-labelledby=\"lm-outline\"><h2 id=\"lm-outline\" tabindex=\"-1\">%s</h2>\n",
                tr(r, M_LM_OUTLINE));
    for (int c = 0; c < LM_N_COLUMNS; c++) {
        int count = 0;
        for (size_t i = 0; i < v->n_nodes; i++)
            count += (int)v->nodes[i].node->column == c;
        html_printf(&r->out, "<h3 id=\"lm-col-%r\">%s%s</h3>\n", lm_column_names[c], tr_lm_column(r, (enum lm_column)c),
                    arena_printf(&r->arena, tr(r, M_LM_PAREN), arena_printf(&r->arena, "%d", count)));
        if (!count) {
            html_printf(&r->out, "<p class=\"muted\">%s</p>\n", tr(r, M_LM_EMPTY_COLUMN));
            continue;
        }
        html_printf(&r->out, "<ul class=\"lm-o-nodes\">\n");
        for (size_t i = 0; i < v->n_nodes; i++)
            if ((int)v->nodes[i].node->column == c)
                outline_node(r, v, &v->nodes[i]);
        html_printf(&r->out, "</ul>\n");
    }
    html_printf(&r->out, "</section>\n");
}

static bool has_back_edge(const struct lm_view *v) {
    for (size_t e = 0; e < v->n_edges; e++)
        if (v->nodes[v->edges[e].to].node->column <= v->nodes[v->edges[e].from].node->column)
            return true;
    return false;
}

/* GET /plans/{id}/logic-model */
void page_logic_model(struct req *r) {
    struct logic_source src;
    if (!load(r, &src))
        return;
    char *org_href = arena_printf(&r->arena, "/orgs/%s", src.org_code);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {src.org_name, org_href}, {src.plan->title, src.plan_href}, {tr(r, M_LM_TITLE), NULL}};
    page_begin(r, arena_printf(&r->arena, "%s — %s", tr(r, M_LM_TITLE), src.plan->title), crumbs, 4, "logic-model");
    html_print_header(r, src.org_name, src.plan->title, tr(r, M_LM_TITLE),
                      src.version ? arena_printf(&r->arena, "%s%s%s", tr(r, M_PUBLISHED_VERSION), tr(r, M_P_SPACE), src.version->label)
                                  : tr(r, M_DRAFT));
    if (src.version)
        html_printf(&r->out, "<p class=\"small\">%s%s%s%s</p>\n", tr(r, M_PUBLISHED_VERSION), tr(r, M_P_COLON), src.version->label,
                    tr_paren(r, src.version->date));
    html_printf(&r->out, "<p class=\"no-print\">%s</p>\n", tr(r, M_LM_INTRO));
    bool office = authz_allows(r, PERM_OFFICE);
    if (!src.lm || !src.lm->n_nodes) {
        html_printf(&r->out, "<div class=\"notice\" id=\"no-logic-model\"><p><strong>%s</strong></p>", tr(r, M_LM_NONE));
        if (office)
            html_printf(&r->out, "<p>%s <a href=\"/plans/%D/logic-model/edit\">%s</a></p>", tr(r, M_LM_NONE_OFFICE), src.plan_id,
                        tr(r, M_LM_EDIT));
        html_printf(&r->out, "</div>\n");
        page_end(r);
        return;
    }
    if (office)
        html_printf(&r->out, "<ul class=\"inline-list no-print\"><li><a href=\"/plans/%D/logic-model/edit\">%s</a></li></ul>\n",
                    src.plan_id, tr(r, M_LM_EDIT));
    struct lm_view *v = build_view(r, &src);
    html_printf(&r->out, "<p class=\"small\" id=\"lm-counts\">%s</p>\n",
                arena_printf(&r->arena, tr(r, M_LM_COUNTS), (int)v->n_nodes, (int)v->n_edges));
    html_printf(&r->out, "<p class=\"no-print\"><a href=\"#lm-outline\">%s</a></p>\n", tr(r, M_LM_SKIP));
    svg_logic_model(r, v);
    if (has_back_edge(v))
        html_printf(&r->out, "<p class=\"small\">%s</p>\n", tr(r, M_LM_BACK_EDGE));
    outline(r, v);
    html_printf(&r->out, "<p class=\"small no-print\"><a href=\"/api/v1/plans/%D/logic-model\">%s</a></p>\n", src.plan_id,
                tr(r, M_VIEW_API));
    page_end(r);
}
