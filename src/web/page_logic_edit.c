/* The office's editor of a plan's logic model (ロジックモデル; issue 14 point 5): the nodes column
 * by column — 前提条件, インプット, 活動, アウトプット, 初期・長期アウトカム, インパクト — each
 * with its text, its target group (だれに・どこに) and the measures and KPIs it stands on, with a
 * link to its own edit form and a delete button (its arrows go with it); a form that adds a node;
 * the arrows (edges) with a delete button each, and a form that adds one.
 *
 * Every form is a plain POST with the CSRF field. Each write loads the stored model, changes it
 * and puts it back with store_logic_set — one transaction, one audit row — as
 * PUT /api/v1/plans/{id}/logic-model does (api_logic.c); it answers 303 back to the editor at the
 * node or arrow changed, or 422 with the form again and its field marked, having written nothing.
 * Nodes are found by their key (a machine code that a replacement keeps, unlike the rows' ids);
 * a new node gets "n" and the next free number. Keys never stand as a label: nodes are named by
 * their column and text, measures by code and title, KPIs by name. assets/logic_edit.js sends
 * the forms without leaving the page; the page works without it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include "core/errors.h"
#include "http/session.h"
#include "store/store.h"
#include "store/store_logic.h"
#include "util/utf8.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

/* The plan, its measures and KPIs to link, and its model as stored (a copy the writes change). */
struct le_ctx {
    struct plan_context pc;
    struct plan plan;
    struct measure **measures;          /* in plan order */
    size_t n_measures;
    const struct kpi **kpis;            /* every KPI of those measures, in order */
    const struct measure **kpi_measure; /* parallel to kpis */
    size_t n_kpis;
    struct logic_model lm;              /* nodes and edges with room for one more of each */
    struct lm_node *node;               /* the path's node, or NULL */
};

/* A node's form as typed, with an error per field; key NULL: the form that adds one. */
struct node_form {
    const char *key;
    const char *column, *text, *target;
    bool *m_on, *k_on;                  /* by index in ctx's measures and kpis */
    const char *e_column, *e_text, *e_target, *e_measures, *e_kpis;
};

/* The arrow form as typed (from and to: node keys), with its errors. */
struct edge_form { const char *from, *to, *e_from, *e_to; };

/* What failed, to show the page again: a form's errors and a line for the summary, which stands
 * by the form (in_edges: in the arrows' part, for a delete of an arrow). */
struct le_fail {
    const struct node_form *node;
    const struct edge_form *edge;
    bool in_edges;
    const char *summary;
};

/* Loads the plan of the path, its measures and KPIs and its model, and (with_node) the node of
 * the path's key; false after a 404 page. */
static bool load(struct req *r, struct le_ctx *c, bool with_node) {
    memset(c, 0, sizeof *c);
    int64_t id;
    struct logic_model *lm = NULL;
    if (!req_param_id(r, 0, &id) || !load_plan_context(r, id, &c->pc) ||
        store_plan_load(r->db, &r->arena, id, LOAD_SUMMARY, &c->plan) < 0 ||
        store_logic_load(r->db, &r->arena, id, &lm) < 0) {
        page_not_found(r);
        return false;
    }
    c->measures = plan_measure_list(&r->arena, &c->plan, &c->n_measures);
    size_t nk = 0;
    for (size_t i = 0; i < c->n_measures; i++)
        nk += c->measures[i]->n_kpis;
    c->kpis = arena_alloc(&r->arena, (nk + 1) * sizeof *c->kpis);
    c->kpi_measure = arena_alloc(&r->arena, (nk + 1) * sizeof *c->kpi_measure);
    for (size_t i = 0; i < c->n_measures; i++)
        for (size_t j = 0; j < c->measures[i]->n_kpis; j++) {
            if (!lm_kpi_name(&c->measures[i]->kpis[j]))
                continue;                      /* without code or name (指標未設定): a model cannot name it */
            c->kpis[c->n_kpis] = &c->measures[i]->kpis[j];
            c->kpi_measure[c->n_kpis++] = c->measures[i];
        }
    size_t n = lm ? lm->n_nodes : 0, e = lm ? lm->n_edges : 0;
    c->lm.nodes = arena_alloc(&r->arena, (n + 1) * sizeof *c->lm.nodes);
    c->lm.edges = arena_alloc(&r->arena, (e + 1) * sizeof *c->lm.edges);
    if (n)
        memcpy(c->lm.nodes, lm->nodes, n * sizeof *c->lm.nodes);
    if (e)
        memcpy(c->lm.edges, lm->edges, e * sizeof *c->lm.edges);
    c->lm.n_nodes = n;
    c->lm.n_edges = e;
    if (with_node) {
        c->node = (struct lm_node *)lm_node_by_key(&c->lm, r->nparams > 1 ? r->params[1] : "");
        if (!c->node) {
            page_not_found(r);
            return false;
        }
    }
    return true;
}

/* s cut to at most max characters, with "…" when cut; allocated in r->arena. */
static const char *clip(struct req *r, const char *s, size_t max) {
    size_t bytes = 0, chars = 0, len = strlen(s);
    while (bytes < len && chars < max) {
        int32_t cp;
        bytes += utf8_decode(s + bytes, &cp);
        chars++;
    }
    return bytes < len ? arena_printf(&r->arena, "%.*s…", (int)bytes, s) : s;
}

/* A node as people name it: its column and its text (cut). */
static const char *node_label(struct req *r, const struct lm_node *n) {
    return arena_printf(&r->arena, tr(r, M_LE_LABELLED), tr_lm_column(r, (enum lm_column)(n->column)), clip(r, n->text, 40));
}

static const char *measure_label(struct req *r, const struct measure *m) {
    return m->code ? arena_printf(&r->arena, "%s %s", m->code, m->title) : m->title;
}

static const char *kpi_label(struct req *r, const struct measure *m, const struct kpi *k) {
    return arena_printf(&r->arena, "%s%s", tr_kpi_name(r, k), tr_paren(r, m->code ? m->code : m->title));
}

static const char *editor_href(struct req *r, const struct le_ctx *c) {
    return arena_printf(&r->arena, "/plans/%lld/logic-model/edit", (long long)c->pc.plan_id);
}

static void begin(struct req *r, const struct le_ctx *c, const char *title, bool editor) {
    const char *view = arena_printf(&r->arena, "/plans/%lld/logic-model", (long long)c->pc.plan_id);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c->pc.org_name, c->pc.org_href}, {c->pc.plan_title, c->pc.plan_href},
                             {tr(r, M_LE_MODEL), view}, {tr(r, M_LE_TITLE), editor ? NULL : editor_href(r, c)},
                             {title, NULL}};
    page_begin(r, title, crumbs, editor ? 5 : 6, NULL);
    r->cacheable = false;
}

/* ---- the node form */

/* The form as node n is (NULL: empty, for a new node). */
static void node_fill(struct req *r, const struct le_ctx *c, const struct lm_node *n, struct node_form *f) {
    memset(f, 0, sizeof *f);
    f->m_on = arena_alloc(&r->arena, (c->n_measures + 1) * sizeof *f->m_on);
    f->k_on = arena_alloc(&r->arena, (c->n_kpis + 1) * sizeof *f->k_on);
    memset(f->m_on, 0, (c->n_measures + 1) * sizeof *f->m_on);
    memset(f->k_on, 0, (c->n_kpis + 1) * sizeof *f->k_on);
    f->column = n ? lm_column_names[n->column] : "";
    f->text = n ? n->text : "";
    f->target = n && n->target_group ? n->target_group : "";
    f->key = n ? n->key : NULL;
    for (size_t i = 0; n && i < c->n_measures; i++)
        for (size_t j = 0; j < n->measures.n; j++)
            f->m_on[i] |= strcmp(n->measures.items[j], c->measures[i]->key) == 0;
    for (size_t i = 0; n && i < c->n_kpis; i++)
        for (size_t j = 0; j < n->n_kpis; j++)
            f->k_on[i] |= strcmp(n->kpis[j].measure, c->kpi_measure[i]->key) == 0 &&
                          strcmp(n->kpis[j].kpi, lm_kpi_name(c->kpis[i])) == 0;
}

/* A list of checkboxes in a <details> (open when one is checked or it has an error). */
static void choices(struct req *r, const char *id, const char *legend, size_t n, const bool *on, const char *err,
                    const char *none, const char *(*label)(struct req *, const struct le_ctx *, size_t),
                    const char *(*name)(struct req *, const struct le_ctx *, size_t), const struct le_ctx *c) {
    int chosen = 0;
    for (size_t i = 0; i < n; i++)
        chosen += on[i];
    html_printf(&r->out, "<details class=\"lm-choices\" id=\"%s\"%r>\n<summary>%s%s</summary>\n", id,
                chosen || err ? " open" : "", legend, arena_printf(&r->arena, tr(r, M_LE_CHOSEN), chosen));
    html_printf(&r->out, "<fieldset%r>\n<legend>%s</legend>\n", err ? " class=\"has-error\"" : "", legend);
    html_field_error(r, id, err);
    if (!n)
        html_printf(&r->out, "<p>%s</p>\n", none);
    for (size_t i = 0; i < n; i++)
        form_checkbox(r, name(r, c, i), label(r, c, i), on[i], NULL);
    html_printf(&r->out, "</fieldset>\n</details>\n");
}

/* A choice's field: "m-" and the measure's id, "k-" and the KPI's (ids stay while the page is
 * open; positions may not). */
static const char *measure_field(struct req *r, const struct le_ctx *c, size_t i) {
    return arena_printf(&r->arena, "m-%lld", (long long)c->measures[i]->id);
}

static const char *kpi_field(struct req *r, const struct le_ctx *c, size_t i) {
    return arena_printf(&r->arena, "k-%lld", (long long)c->kpis[i]->id);
}

static const char *measure_choice(struct req *r, const struct le_ctx *c, size_t i) {
    return measure_label(r, c->measures[i]);
}

static const char *kpi_choice(struct req *r, const struct le_ctx *c, size_t i) {
    return kpi_label(r, c->kpi_measure[i], c->kpis[i]);
}

/* The node's fields, in a form that posts to action. */
static void node_form(struct req *r, const struct le_ctx *c, const struct node_form *f, const char *action,
                      const char *submit, const char *back) {
    html_printf(&r->out, "<form method=\"post\" action=\"%s\" class=\"form\" novalidate>\n", action);
    html_csrf_field(r);
    struct form_option cols[LM_N_COLUMNS + 1];
    cols[0] = (struct form_option){"", tr(r, M_LE_CHOOSE)};
    for (int i = 0; i < LM_N_COLUMNS; i++)
        cols[i + 1] = (struct form_option){lm_column_names[i], tr_lm_column(r, (enum lm_column)(i))};
    form_select(r, "column", tr(r, M_LE_COLUMN), cols, LM_N_COLUMNS + 1, f->column, f->e_column, NULL);
    form_textarea(r, "text", tr(r, M_LE_TEXT), f->text, f->e_text, NULL, 3);
    form_text(r, "target_group", tr(r, M_LE_TARGET), f->target, f->e_target, tr(r, M_LE_TARGET_HINT));
    choices(r, "measures", tr(r, M_LE_MEASURES), c->n_measures, f->m_on, f->e_measures, tr(r, M_LE_NO_MEASURE),
            measure_choice, measure_field, c);
    choices(r, "kpis", tr(r, M_LE_KPIS), c->n_kpis, f->k_on, f->e_kpis, tr(r, M_LE_NO_KPI), kpi_choice, kpi_field, c);
    form_buttons(r, submit, back, back ? tr(r, M_LE_TO_EDITOR) : NULL);
    html_printf(&r->out, "</form>\n");
}

/* ---- the editor */

static void delete_form(struct req *r, const struct le_ctx *c, const struct lm_node *n) {
    html_printf(&r->out, "<form method=\"post\" action=\"/plans/%D/logic-model/nodes/%u/delete\">\n", c->pc.plan_id, n->key);
    html_csrf_field(r);
    html_printf(&r->out, "<button type=\"submit\" class=\"secondary\" aria-label=\"%s\">%s</button>\n</form>\n",
                arena_printf(&r->arena, tr(r, M_LE_DELETE_LABEL), clip(r, n->text, 40)), tr(r, M_LE_DELETE));
}

/* What node n stands on, in words: its measures' codes and titles and its KPIs' names. */
static void node_links(struct req *r, const struct le_ctx *c, const struct lm_node *n) {
    if (!n->measures.n && !n->n_kpis)
        return;
    html_printf(&r->out, "<p class=\"small\">%s", arena_printf(&r->arena, tr(r, M_LE_LABELLED), tr(r, M_LE_LINKS), ""));
    bool first = true;
    for (size_t j = 0; j < n->measures.n; j++) {
        const struct measure *m = plan_measure_by_key(&c->plan, n->measures.items[j]);
        html_printf(&r->out, "%s%s", first ? "" : tr(r, M_P_COMMA), m ? measure_label(r, m) : n->measures.items[j]);
        first = false;
    }
    for (size_t j = 0; j < n->n_kpis; j++) {
        const struct measure *m = plan_measure_by_key(&c->plan, n->kpis[j].measure);
        const struct kpi *k = m ? lm_kpi_find(m, n->kpis[j].kpi) : NULL;
        html_printf(&r->out, "%s%s", first ? "" : tr(r, M_P_COMMA), k ? kpi_label(r, m, k) : n->kpis[j].kpi);
        first = false;
    }
    html_printf(&r->out, "</p>\n");
}

static void columns(struct req *r, const struct le_ctx *c) {
    html_printf(&r->out, "<nav aria-label=\"%s\"><ul class=\"inline-list\">\n", tr(r, M_LE_COLUMN));
    for (int col = 0; col < LM_N_COLUMNS; col++)
        html_printf(&r->out, "<li><a href=\"#col-%s\">%s</a></li>\n", lm_column_names[col], tr_lm_column(r, (enum lm_column)(col)));
    html_printf(&r->out, "<li><a href=\"#add-node\">%s</a></li>\n<li><a href=\"#edges\">%s</a></li>\n</ul></nav>\n",
                tr(r, M_LE_ADD_NODE), tr(r, M_LE_EDGES));
    html_printf(&r->out, "<p class=\"hint\">%s</p>\n", tr(r, M_LE_DELETE_HINT));
    for (int col = 0; col < LM_N_COLUMNS; col++) {
        int count = 0;
        for (size_t i = 0; i < c->lm.n_nodes; i++)
            count += (int)c->lm.nodes[i].column == col;
        html_printf(&r->out, "<section id=\"col-%s\" aria-labelledby=\"col-%s-h\">\n<h2 id=\"col-%s-h\">%s "
                             "<span class=\"muted small\">%s</span></h2>\n",
                    lm_column_names[col], lm_column_names[col], lm_column_names[col], tr_lm_column(r, (enum lm_column)(col)),
                    arena_printf(&r->arena, tr(r, M_LE_COUNT), count));
        if (!count) {
            html_printf(&r->out, "<p class=\"muted\">%s</p>\n</section>\n", tr(r, M_LE_COLUMN_EMPTY));
            continue;
        }
        html_printf(&r->out, "<ul class=\"lm-nodes\">\n");
        for (size_t i = 0; i < c->lm.n_nodes; i++) {
            const struct lm_node *n = &c->lm.nodes[i];
            if ((int)n->column != col)
                continue;
            html_printf(&r->out, "<li id=\"node-%s\" class=\"lm-node\" tabindex=\"-1\"><p class=\"lm-text\">", n->key);
            html_text_lines(&r->out, n->text);
            html_printf(&r->out, "</p>\n");
            if (n->target_group)
                html_printf(&r->out, "<p class=\"small\">%s</p>\n",
                            arena_printf(&r->arena, tr(r, M_LE_LABELLED), tr(r, M_LE_TARGET), n->target_group));
            node_links(r, c, n);
            html_printf(&r->out, "<div class=\"button-row\"><a href=\"/plans/%D/logic-model/nodes/%u\" class=\"lm-edit\" "
                                 "aria-label=\"%s\">%s</a>\n",
                        c->pc.plan_id, n->key, arena_printf(&r->arena, tr(r, M_LE_EDIT_LABEL), clip(r, n->text, 40)),
                        tr(r, M_EDIT));
            delete_form(r, c, n);
            html_printf(&r->out, "</div></li>\n");
        }
        html_printf(&r->out, "</ul>\n</section>\n");
    }
}

/* The arrows, and the form that adds one; fail: what failed in this part, or NULL. */
static void edges(struct req *r, const struct le_ctx *c, const struct le_fail *fail) {
    const struct edge_form *e = fail ? fail->edge : NULL;
    html_printf(&r->out, "<section id=\"edges\" class=\"form-part\" aria-labelledby=\"edges-h\" tabindex=\"-1\">\n"
                         "<h2 id=\"edges-h\">%s <span class=\"muted small\">%s</span></h2>\n<p class=\"hint\">%s</p>\n",
                tr(r, M_LE_EDGES), arena_printf(&r->arena, tr(r, M_LE_COUNT), (int)c->lm.n_edges), tr(r, M_LE_EDGES_HINT));
    if (fail)
        form_error_summary(r, fail->summary);
    if (!c->lm.n_edges)
        html_printf(&r->out, "<p class=\"muted\">%s</p>\n", tr(r, M_LE_NO_EDGES));
    else
        html_printf(&r->out, "<ul class=\"lm-edges\">\n");
    for (size_t i = 0; i < c->lm.n_edges; i++) {
        const struct lm_node *from = lm_node_by_key(&c->lm, c->lm.edges[i].from);
        const struct lm_node *to = lm_node_by_key(&c->lm, c->lm.edges[i].to);
        const char *a = node_label(r, from), *b = node_label(r, to);
        html_printf(&r->out, "<li><span>%s</span> → <span>%s</span>\n"
                             "<form method=\"post\" action=\"/plans/%D/logic-model/edges/delete#edges\">\n",
                    a, b, c->pc.plan_id);
        html_csrf_field(r);
        html_printf(&r->out, "<input type=\"hidden\" name=\"from\" value=\"%s\"><input type=\"hidden\" name=\"to\" value=\"%s\">"
                             "<button type=\"submit\" class=\"secondary\" aria-label=\"%s\">%s</button>\n</form></li>\n",
                    from->key, to->key, arena_printf(&r->arena, tr(r, M_LE_DELETE_EDGE_LABEL), a, b),
                    tr(r, M_LE_DELETE_EDGE));
    }
    if (c->lm.n_edges)
        html_printf(&r->out, "</ul>\n");
    if (c->lm.n_nodes < 2) {
        html_printf(&r->out, "</section>\n");
        return;
    }
    struct form_option *opts = arena_alloc(&r->arena, (c->lm.n_nodes + 1) * sizeof *opts);
    opts[0] = (struct form_option){"", tr(r, M_LE_CHOOSE)};
    for (int col = 0, k = 1; col < LM_N_COLUMNS; col++)       /* column by column, as the page lists them */
        for (size_t i = 0; i < c->lm.n_nodes; i++)
            if ((int)c->lm.nodes[i].column == col)
                opts[k++] = (struct form_option){c->lm.nodes[i].key, node_label(r, &c->lm.nodes[i])};
    html_printf(&r->out, "<h3 id=\"add-edge\">%s</h3>\n", tr(r, M_LE_ADD_EDGE));
    html_printf(&r->out, "<form method=\"post\" action=\"/plans/%D/logic-model/edges#edges\" class=\"form\" novalidate>\n",
                c->pc.plan_id);
    html_csrf_field(r);
    form_select(r, "from", tr(r, M_LE_FROM), opts, c->lm.n_nodes + 1, e ? e->from : NULL, e ? e->e_from : NULL, NULL);
    form_select(r, "to", tr(r, M_LE_TO), opts, c->lm.n_nodes + 1, e ? e->to : NULL, e ? e->e_to : NULL, NULL);
    html_printf(&r->out, "<p><button type=\"submit\">%s</button></p>\n</form>\n</section>\n", tr(r, M_LE_ADD_EDGE));
}

/* The editor; fail: the form that failed, or NULL. */
static void render_editor(struct req *r, const struct le_ctx *c, const struct le_fail *fail) {
    buf_reset(&r->out);
    begin(r, c, tr(r, M_LE_TITLE), true);
    html_printf(&r->out, "<div id=\"logic-editor\">\n<h1>%s</h1>\n<p class=\"muted\">%s</p>\n<p>%s</p>\n"
                         "<p><a href=\"/plans/%D/logic-model\">%s</a></p>\n",
                tr(r, M_LE_TITLE), c->pc.plan_title, tr(r, M_LE_INTRO), c->pc.plan_id, tr(r, M_LE_TO_VIEW));
    if (fail && !fail->node && !fail->edge && !fail->in_edges)
        form_error_summary(r, fail->summary);
    else if (req_query(r, "saved"))
        html_printf(&r->out, "<p class=\"notice\" role=\"status\" id=\"lm-notice\">%s</p>\n", tr(r, M_LE_SAVED));
    columns(r, c);
    html_printf(&r->out, "<section id=\"add-node\" class=\"form-part\" aria-labelledby=\"add-node-h\" tabindex=\"-1\">\n"
                         "<h2 id=\"add-node-h\">%s</h2>\n", tr(r, M_LE_ADD_NODE));
    struct node_form empty;
    const struct node_form *f = fail && fail->node ? fail->node : NULL;
    if (f)
        form_error_summary(r, fail->summary);
    else {
        node_fill(r, c, NULL, &empty);
        f = &empty;
    }
    node_form(r, c, f, arena_printf(&r->arena, "/plans/%lld/logic-model/nodes#add-node", (long long)c->pc.plan_id),
              tr(r, M_LE_ADD_NODE), NULL);
    html_printf(&r->out, "</section>\n");
    edges(r, c, fail && (fail->edge || fail->in_edges) ? fail : NULL);
    html_printf(&r->out, "</div>\n<script src=\"/static/logic_edit.js\" defer></script>\n");
    page_end(r);
}

/* GET /plans/{id}/logic-model/edit */
void page_logic_edit(struct req *r) {
    struct le_ctx c;
    if (load(r, &c, false))
        render_editor(r, &c, NULL);
}

/* The page of one node: its form, and deleting it. */
static void render_node(struct req *r, const struct le_ctx *c, const struct node_form *f, const char *summary) {
    buf_reset(&r->out);
    begin(r, c, tr(r, M_LE_EDIT_NODE), false);
    const struct lm_node *n = c->node;
    html_printf(&r->out, "<h1>%s</h1>\n<p class=\"muted\">%s</p>\n", tr(r, M_LE_EDIT_NODE), node_label(r, n));
    if (summary)
        form_error_summary(r, *summary ? summary : NULL);
    const char *self = arena_printf(&r->arena, "/plans/%lld/logic-model/nodes/%s", (long long)c->pc.plan_id, n->key);
    html_printf(&r->out, "<section id=\"node-form\">\n");
    node_form(r, c, f, self, tr(r, M_SAVE), arena_printf(&r->arena, "%s#node-%s", editor_href(r, c), n->key));
    html_printf(&r->out, "</section>\n");
    int arrows = 0;
    for (size_t i = 0; i < c->lm.n_edges; i++)
        arrows += strcmp(c->lm.edges[i].from, n->key) == 0 || strcmp(c->lm.edges[i].to, n->key) == 0;
    html_printf(&r->out, "<section aria-labelledby=\"delete\" class=\"form-part\"><h2 id=\"delete\">%s</h2>\n"
                         "<p class=\"hint\">%s</p>\n",
                tr(r, M_LE_DELETE_PART), arena_printf(&r->arena, tr(r, M_LE_DELETE_N), arrows));
    delete_form(r, c, n);
    html_printf(&r->out, "</section>\n");
    page_end(r);
}

/* GET /plans/{id}/logic-model/nodes/{node} */
void page_logic_node(struct req *r) {
    struct le_ctx c;
    if (!load(r, &c, true))
        return;
    struct node_form f;
    node_fill(r, &c, c.node, &f);
    render_node(r, &c, &f, NULL);
}

/* ---- the writes */

/* Puts c's model back; on success answers 303 to the editor at anchor. False (having replied
 * with the store's error) when the store refused. */
static bool save(struct req *r, struct le_ctx *c, const char *anchor) {
    struct edit_fail fail = {0};
    int rc = store_logic_set(r->db, c->pc.plan_id, c->lm.n_nodes ? &c->lm : NULL, req_actor(r), &fail);
    if (rc < 0) {
        resp_store_error(r, rc, fail.message[0] ? fail.message : NULL, NULL);
        return false;
    }
    resp_redirect(r, arena_printf(&r->arena, "%s?saved=%s#%s", editor_href(r, c), anchor, anchor));
    return true;
}

/* Reads the node form into f and, when it is right, into n (allocated in r->arena); false with
 * the errors in f. */
static bool node_read(struct req *r, const struct le_ctx *c, struct node_form *f, struct lm_node *n) {
    f->column = form_get(r, "column");
    f->text = form_trimmed(r, "text");
    f->target = form_trimmed(r, "target_group");
    enum lm_column col = LM_ASSUMPTION;
    if (lm_column_parse(f->column, &col) < 0)
        f->e_column = tr(r, M_LE_ERR_COLUMN);
    f->e_text = form_check(r, f->text, &field_text, true);
    f->e_target = form_check(r, f->target, &field_label, false);
    size_t nm = 0, nk = 0;
    for (size_t i = 0; i < c->n_measures; i++)
        nm += f->m_on[i] = *form_get(r, measure_field(r, c, i)) != '\0';
    for (size_t i = 0; i < c->n_kpis; i++)
        nk += f->k_on[i] = *form_get(r, kpi_field(r, c, i)) != '\0';
    if (nm > LM_MAX_LINKS)
        f->e_measures = arena_printf(&r->arena, tr(r, M_LE_ERR_LINKS), LM_MAX_LINKS, LM_MAX_LINKS);
    if (nk > LM_MAX_LINKS)
        f->e_kpis = arena_printf(&r->arena, tr(r, M_LE_ERR_LINKS), LM_MAX_LINKS, LM_MAX_LINKS);
    if (f->e_column || f->e_text || f->e_target || f->e_measures || f->e_kpis)
        return false;
    n->column = col;
    n->text = (char *)f->text;
    n->target_group = *f->target ? (char *)f->target : NULL;
    n->measures.items = arena_alloc(&r->arena, (nm + 1) * sizeof *n->measures.items);
    n->measures.n = 0;
    n->measure_ids = NULL;
    for (size_t i = 0; i < c->n_measures; i++)
        if (f->m_on[i])
            n->measures.items[n->measures.n++] = c->measures[i]->key;
    n->kpis = arena_alloc(&r->arena, (nk + 1) * sizeof *n->kpis);
    n->n_kpis = 0;
    for (size_t i = 0; i < c->n_kpis; i++)
        if (f->k_on[i]) {
            n->kpis[n->n_kpis++] = (struct lm_kpi_ref){c->kpi_measure[i]->key, (char *)lm_kpi_name(c->kpis[i]), 0, 0};
        }
    return true;
}

/* "n" and the first number no node's key has. */
static char *new_key(struct req *r, const struct logic_model *lm) {
    for (size_t k = lm->n_nodes + 1;; k++) {
        char *key = arena_printf(&r->arena, "n%zu", k);
        if (!lm_node_by_key(lm, key))
            return key;
    }
}

/* POST /plans/{id}/logic-model/nodes */
void page_logic_node_add(struct req *r) {
    struct le_ctx c;
    if (!load(r, &c, false))
        return;
    struct node_form f;
    node_fill(r, &c, NULL, &f);
    struct le_fail fail = {.node = &f};
    if (req_parse_form(r) < 0) {
        fail.summary = tr(r, M_ERR_BAD_FORM);
        render_editor(r, &c, &fail);
        r->status = 400;
        return;
    }
    struct lm_node *n = &c.lm.nodes[c.lm.n_nodes];
    memset(n, 0, sizeof *n);
    bool ok = node_read(r, &c, &f, n);
    if (ok && c.lm.n_nodes >= LM_MAX_NODES) {
        fail.summary = arena_printf(&r->arena, tr(r, M_LE_ERR_FULL), LM_MAX_NODES, LM_MAX_EDGES);
        ok = false;
    }
    if (!ok) {
        render_editor(r, &c, &fail);
        r->status = 422;
        return;
    }
    n->key = new_key(r, &c.lm);
    c.lm.n_nodes++;
    save(r, &c, arena_printf(&r->arena, "node-%s", n->key));
}

/* POST /plans/{id}/logic-model/nodes/{node} */
void page_logic_node_update(struct req *r) {
    struct le_ctx c;
    if (!load(r, &c, true))
        return;
    struct node_form f;
    node_fill(r, &c, c.node, &f);
    if (req_parse_form(r) < 0) {
        render_node(r, &c, &f, tr(r, M_ERR_BAD_FORM));
        r->status = 400;
        return;
    }
    struct lm_node n = *c.node;
    if (!node_read(r, &c, &f, &n)) {
        render_node(r, &c, &f, "");
        r->status = 422;
        return;
    }
    *c.node = n;
    save(r, &c, arena_printf(&r->arena, "node-%s", n.key));
}

/* POST /plans/{id}/logic-model/nodes/{node}/delete */
void page_logic_node_delete(struct req *r) {
    struct le_ctx c;
    if (!load(r, &c, true))
        return;
    const char *key = c.node->key;
    enum lm_column col = c.node->column;
    size_t at = (size_t)(c.node - c.lm.nodes), k = 0;
    memmove(&c.lm.nodes[at], &c.lm.nodes[at + 1], (c.lm.n_nodes - at - 1) * sizeof *c.lm.nodes);
    c.lm.n_nodes--;
    for (size_t i = 0; i < c.lm.n_edges; i++)      /* its arrows go with it */
        if (strcmp(c.lm.edges[i].from, key) != 0 && strcmp(c.lm.edges[i].to, key) != 0)
            c.lm.edges[k++] = c.lm.edges[i];
    c.lm.n_edges = k;
    save(r, &c, arena_printf(&r->arena, "col-%s", lm_column_names[col]));
}

/* Reads the arrow form: both ends nodes of the model. */
static bool edge_read(struct req *r, const struct le_ctx *c, struct edge_form *e) {
    e->from = form_get(r, "from");
    e->to = form_get(r, "to");
    if (!lm_node_by_key(&c->lm, e->from))
        e->e_from = tr(r, M_LE_ERR_NODE);
    if (!lm_node_by_key(&c->lm, e->to))
        e->e_to = tr(r, M_LE_ERR_NODE);
    else if (!e->e_from && strcmp(e->from, e->to) == 0)
        e->e_to = tr(r, M_LE_ERR_SAME);
    return !e->e_from && !e->e_to;
}

static ssize_t edge_at(const struct le_ctx *c, const struct edge_form *e) {
    for (size_t i = 0; i < c->lm.n_edges; i++)
        if (strcmp(c->lm.edges[i].from, e->from) == 0 && strcmp(c->lm.edges[i].to, e->to) == 0)
            return (ssize_t)i;
    return -1;
}

/* POST /plans/{id}/logic-model/edges */
void page_logic_edge_add(struct req *r) {
    struct le_ctx c;
    if (!load(r, &c, false))
        return;
    struct edge_form e = {0};
    struct le_fail fail = {.edge = &e};
    bool ok = req_parse_form(r) == 0 && edge_read(r, &c, &e);
    if (ok && edge_at(&c, &e) >= 0)
        e.e_to = tr(r, M_LE_ERR_TWICE), ok = false;
    if (ok && c.lm.n_edges >= LM_MAX_EDGES)
        fail.summary = arena_printf(&r->arena, tr(r, M_LE_ERR_FULL), LM_MAX_NODES, LM_MAX_EDGES), ok = false;
    if (!ok) {
        render_editor(r, &c, &fail);
        r->status = 422;
        return;
    }
    const struct lm_node *from = lm_node_by_key(&c.lm, e.from), *to = lm_node_by_key(&c.lm, e.to);
    c.lm.edges[c.lm.n_edges++] = (struct lm_edge){from->key, to->key, 0, 0};
    save(r, &c, "edges");
}

/* POST /plans/{id}/logic-model/edges/delete */
void page_logic_edge_delete(struct req *r) {
    struct le_ctx c;
    if (!load(r, &c, false))
        return;
    struct edge_form e = {0};
    bool ok = req_parse_form(r) == 0 && edge_read(r, &c, &e);
    ssize_t at = ok ? edge_at(&c, &e) : -1;
    if (at < 0) {
        struct le_fail fail = {.in_edges = true, .summary = tr(r, M_LE_ERR_NO_EDGE)};
        render_editor(r, &c, &fail);
        r->status = 422;
        return;
    }
    memmove(&c.lm.edges[at], &c.lm.edges[at + 1], (c.lm.n_edges - (size_t)at - 1) * sizeof *c.lm.edges);
    c.lm.n_edges--;
    save(r, &c, "edges");
}
