/* A plan's "logic_model" in the plan document (see plan_logic.h). The rules: nodes is required
 * (at most LM_MAX_NODES), edges optional (at most LM_MAX_EDGES); a node's key is a machine code
 * unique in the model, its column one of the seven, its text required, its target group a label;
 * its measures (each once) are measures of the plan and its KPIs (each once) KPIs of them; an edge
 * joins two different nodes of the model, and only once. */
#include <string.h>
#include "xfer/plan_logic.h"

static void parse_kpis(struct doc_reader *c, json_t *o, struct lm_node *n) {
    json_t *arr = doc_array(c, o, "kpis", false);
    size_t cnt = json_array_size(arr);
    if (cnt > LM_MAX_LINKS) {
        doc_err(c, "kpis", "must be a list of at most %d entries", LM_MAX_LINKS);
        return;
    }
    n->kpis = cnt ? arena_alloc(c->a, cnt * sizeof *n->kpis) : NULL;
    size_t old = doc_push_key(c, "kpis");
    for (size_t i = 0; i < cnt; i++) {
        json_t *e = json_array_get(arr, i);
        size_t o2 = doc_push_index(c, i);
        if (doc_elem_object(c, e)) {
            struct lm_kpi_ref *r = &n->kpis[n->n_kpis++];
            memset(r, 0, sizeof *r);
            r->measure = doc_text(c, e, "measure", &field_label, true);
            r->kpi = doc_text(c, e, "kpi", &field_label, true);
        }
        doc_pop(c, o2);
    }
    doc_pop(c, old);
}

static void parse_node(struct doc_reader *c, json_t *o, struct logic_model *lm, struct lm_node *n) {
    memset(n, 0, sizeof *n);
    n->key = doc_text(c, o, "key", FIELD_LINE(LM_MAX_KEY), true);
    if (n->key && !model_code_valid(n->key, LM_MAX_KEY))
        doc_err(c, "key", "must be 1-%d characters of a-z, 0-9, - and _", LM_MAX_KEY);
    else if (n->key && lm_node_by_key(lm, n->key))
        doc_err(c, "key", "\"%s\" is the key of another node", n->key);
    const char *col = doc_enum(c, o, "column", lm_column_names, true);
    if (col)
        lm_column_parse(col, &n->column);
    n->text = doc_text(c, o, "text", &field_text, true);
    n->target_group = doc_text(c, o, "target_group", &field_label, false);
    doc_strlist(c, o, "measures", &field_label, false, &n->measures);
    if (n->measures.n > LM_MAX_LINKS)
        doc_err(c, "measures", "must be a list of at most %d entries", LM_MAX_LINKS);
    parse_kpis(c, o, n);
}

/* What node n names, against the plan's measures and KPIs. */
static void resolve_node(struct doc_reader *c, const struct plan *p, struct lm_node *n) {
    char at[48];
    for (size_t j = 0; j < n->measures.n; j++) {
        snprintf(at, sizeof at, "measures[%zu]", j);
        const struct measure *m = plan_measure_by_key(p, n->measures.items[j]);
        bool twice = false;
        for (size_t x = 0; m && x < j; x++)
            twice |= strcmp(n->measures.items[x], m->key) == 0;
        if (!m)
            doc_err(c, at, "\"%s\" is not the code or path of a measure of this plan", n->measures.items[j]);
        else if (twice)
            doc_err(c, at, "\"%s\" is listed twice", n->measures.items[j]);
        else
            n->measures.items[j] = m->key;             /* a full path becomes the key */
    }
    for (size_t j = 0; j < n->n_kpis; j++) {
        struct lm_kpi_ref *r = &n->kpis[j];
        size_t old = doc_push_key(c, "kpis");
        size_t o2 = doc_push_index(c, j);
        const struct measure *m = r->measure ? plan_measure_by_key(p, r->measure) : NULL;
        const struct kpi *k = m ? lm_kpi_find(m, r->kpi) : NULL;
        if (r->measure && !m)
            doc_err(c, "measure", "\"%s\" is not the code or path of a measure of this plan", r->measure);
        else if (m && r->kpi && !k)
            doc_err(c, "kpi", "\"%s\" is not the code, or the name of a KPI without code, of measure \"%s\"", r->kpi,
                    m->key);
        else if (k) {
            r->measure = m->key;
            bool twice = false;
            for (size_t x = 0; x < j; x++)
                twice |= strcmp(n->kpis[x].measure, m->key) == 0 && strcmp(n->kpis[x].kpi, r->kpi) == 0;
            if (twice)
                doc_err(c, "kpi", "\"%s\" of measure \"%s\" is listed twice", r->kpi, m->key);
        }
        doc_pop(c, o2);
        doc_pop(c, old);
    }
}

/* nodes_ok: the nodes were read without errors, so an edge naming none is wrong itself. */
static void parse_edges(struct doc_reader *c, json_t *o, struct logic_model *lm, bool nodes_ok) {
    json_t *arr = doc_array(c, o, "edges", false);
    size_t cnt = json_array_size(arr);
    if (cnt > LM_MAX_EDGES) {
        doc_err(c, "edges", "must be a list of at most %d entries", LM_MAX_EDGES);
        return;
    }
    lm->edges = cnt ? arena_alloc(c->a, cnt * sizeof *lm->edges) : NULL;
    size_t old = doc_push_key(c, "edges");
    for (size_t i = 0; i < cnt; i++) {
        json_t *e = json_array_get(arr, i);
        size_t o2 = doc_push_index(c, i);
        if (doc_elem_object(c, e)) {
            struct lm_edge *ed = &lm->edges[lm->n_edges];
            memset(ed, 0, sizeof *ed);
            ed->from = doc_text(c, e, "from", FIELD_LINE(LM_MAX_KEY), true);
            ed->to = doc_text(c, e, "to", FIELD_LINE(LM_MAX_KEY), true);
            bool ok = ed->from && ed->to && nodes_ok;
            if (ok && !lm_node_by_key(lm, ed->from))
                doc_err(c, "from", "\"%s\" is not the key of a node", ed->from), ok = false;
            if (ed->from && ed->to && nodes_ok && !lm_node_by_key(lm, ed->to))
                doc_err(c, "to", "\"%s\" is not the key of a node", ed->to), ok = false;
            if (ok && strcmp(ed->from, ed->to) == 0)
                doc_err(c, "to", "must be another node than from");
            else if (ok) {
                for (size_t x = 0; x < lm->n_edges; x++)
                    if (strcmp(lm->edges[x].from, ed->from) == 0 && strcmp(lm->edges[x].to, ed->to) == 0) {
                        doc_err(c, NULL, "the edge from \"%s\" to \"%s\" appears twice", ed->from, ed->to);
                        ok = false;
                        break;
                    }
                if (ok)
                    lm->n_edges++;
            }
        }
        doc_pop(c, o2);
    }
    doc_pop(c, old);
}

struct logic_model *plan_logic_read(struct doc_reader *c, json_t *lo, const struct plan *p) {
    size_t before = c->errs->total;
    struct logic_model *lm = arena_alloc(c->a, sizeof *lm);
    memset(lm, 0, sizeof *lm);
    json_t *nodes = doc_array(c, lo, "nodes", true);
    size_t cnt = json_array_size(nodes);
    if (cnt > LM_MAX_NODES) {
        doc_err(c, "nodes", "must be a list of at most %d entries", LM_MAX_NODES);
        cnt = 0;
    }
    lm->nodes = cnt ? arena_alloc(c->a, cnt * sizeof *lm->nodes) : NULL;
    size_t o1 = doc_push_key(c, "nodes");
    for (size_t i = 0; i < cnt; i++) {
        json_t *e = json_array_get(nodes, i);
        size_t o2 = doc_push_index(c, i);
        if (doc_elem_object(c, e)) {
            parse_node(c, e, lm, &lm->nodes[lm->n_nodes]);
            lm->n_nodes++;
        }
        doc_pop(c, o2);
    }
    doc_pop(c, o1);
    parse_edges(c, lo, lm, c->errs->total == before);
    if (p && c->errs->total == before) {
        o1 = doc_push_key(c, "nodes");
        for (size_t i = 0; i < lm->n_nodes; i++) {
            size_t o2 = doc_push_index(c, i);
            resolve_node(c, p, &lm->nodes[i]);
            doc_pop(c, o2);
        }
        doc_pop(c, o1);
    }
    return lm;
}

void plan_logic_parse(struct doc_reader *c, json_t *o, struct plan *p, bool resolve) {
    p->logic_model = NULL;
    json_t *lo = doc_object(c, o, "logic_model", false);
    if (!lo)
        return;
    size_t old = doc_push_key(c, "logic_model");
    struct logic_model *lm = plan_logic_read(c, lo, resolve ? p : NULL);
    doc_pop(c, old);
    if (lm->n_nodes)
        p->logic_model = lm;
}

void plan_logic_write(struct jw *w, const struct plan *p) {
    if (!p->logic_model || !p->logic_model->n_nodes)
        return;
    jw_key(w, "logic_model");
    lm_write(w, p->logic_model);
}
