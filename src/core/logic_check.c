/* The logic model's gaps (issue 14 point 6; plan_check.h): KPIs that lead to no outcome, activities
 * that lead to no outcome, outcomes that no KPI measures, and measures the model leaves out. A
 * node "leads to an outcome" when it is a short- or long-term outcome or an edge path from it
 * reaches one; a KPI is connected when a node that leads to an outcome names it. A plan without a
 * logic model has none of these findings. Nodes, edges, measures and KPIs are matched by their
 * keys and names, as the plan document writes them, so a document checks as its stored plan. */
#include <stdlib.h>
#include <string.h>
#include "core/logic_model.h"
#include "core/plan_check.h"
#include "util/arena.h"

static bool is_outcome(enum lm_column c) { return c == LM_OUTCOME_SHORT || c == LM_OUTCOME_LONG; }

struct key_index { const char *key; size_t node; };

static int cmp_key_index(const void *x, const void *y) {
    return strcmp(((const struct key_index *)x)->key, ((const struct key_index *)y)->key);
}

/* reach[i]: node i leads to an outcome — a walk back along the edges from every outcome. */
static bool *outcome_reach(struct arena *a, const struct logic_model *lm) {
    size_t n = lm->n_nodes, m = lm->n_edges;
    struct key_index *idx = arena_alloc(a, n * sizeof *idx);
    for (size_t i = 0; i < n; i++)
        idx[i] = (struct key_index){lm->nodes[i].key, i};
    qsort(idx, n, sizeof *idx, cmp_key_index);
    /* the edges into each node, as a counting sort of (to → from) */
    size_t *start = arena_alloc(a, (n + 1) * sizeof *start), *from = arena_alloc(a, (m ? m : 1) * sizeof *from);
    size_t *to = arena_alloc(a, (m ? m : 1) * sizeof *to), *fr = arena_alloc(a, (m ? m : 1) * sizeof *fr);
    memset(start, 0, (n + 1) * sizeof *start);
    size_t kept = 0;
    for (size_t e = 0; e < m; e++) {
        struct key_index kf = {lm->edges[e].from, 0}, kt = {lm->edges[e].to, 0};
        const struct key_index *f = bsearch(&kf, idx, n, sizeof *idx, cmp_key_index);
        const struct key_index *t = bsearch(&kt, idx, n, sizeof *idx, cmp_key_index);
        if (!f || !t)
            continue;                   /* a document's reader refuses these; nothing to follow */
        fr[kept] = f->node, to[kept] = t->node, kept++;
        start[t->node + 1]++;
    }
    for (size_t i = 0; i < n; i++)
        start[i + 1] += start[i];
    size_t *fill = arena_alloc(a, (n ? n : 1) * sizeof *fill);
    memcpy(fill, start, n * sizeof *fill);
    for (size_t e = 0; e < kept; e++)
        from[fill[to[e]]++] = fr[e];
    bool *reach = arena_alloc(a, (n ? n : 1) * sizeof *reach);
    size_t *queue = arena_alloc(a, (n ? n : 1) * sizeof *queue), head = 0, tail = 0;
    for (size_t i = 0; i < n; i++)
        if ((reach[i] = is_outcome(lm->nodes[i].column)))
            queue[tail++] = i;
    while (head < tail) {
        size_t j = queue[head++];
        for (size_t e = start[j]; e < start[j + 1]; e++)
            if (!reach[from[e]]) {
                reach[from[e]] = true;
                queue[tail++] = from[e];
            }
    }
    return reach;
}

/* What the nodes name: a measure's key with a KPI's name (NULL for the measure itself), and
 * whether a node that leads to an outcome names it. Sorted and merged by (measure, kpi). */
struct named { const char *measure, *kpi; bool connected; };

static int cmp_named(const void *x, const void *y) {
    const struct named *a = x, *b = y;
    int c = strcmp(a->measure, b->measure);
    if (c) return c;
    if (!a->kpi || !b->kpi) return (a->kpi != NULL) - (b->kpi != NULL);
    return strcmp(a->kpi, b->kpi);
}

static struct named *named_list(struct arena *a, const struct logic_model *lm, const bool *reach, size_t *ret_n) {
    size_t n = 0;
    for (size_t i = 0; i < lm->n_nodes; i++)
        n += lm->nodes[i].measures.n + lm->nodes[i].n_kpis;
    struct named *v = arena_alloc(a, (n ? n : 1) * sizeof *v);
    n = 0;
    for (size_t i = 0; i < lm->n_nodes; i++) {
        const struct lm_node *node = &lm->nodes[i];
        for (size_t j = 0; j < node->measures.n; j++)
            v[n++] = (struct named){node->measures.items[j], NULL, reach[i]};
        for (size_t j = 0; j < node->n_kpis; j++)
            if (node->kpis[j].measure && node->kpis[j].kpi)
                v[n++] = (struct named){node->kpis[j].measure, node->kpis[j].kpi, reach[i]};
    }
    qsort(v, n, sizeof *v, cmp_named);
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        if (out && cmp_named(&v[out - 1], &v[i]) == 0)
            v[out - 1].connected |= v[i].connected;
        else
            v[out++] = v[i];
    }
    *ret_n = out;
    return v;
}

static const struct named *named_find(const struct named *v, size_t n, const char *measure, const char *kpi) {
    struct named key = {measure, kpi, false};
    return measure ? bsearch(&key, v, n, sizeof *v, cmp_named) : NULL;
}

static void report(finding_fn fn, void *ctx, enum finding_kind kind, const struct measure *m, const struct kpi *k,
                   const struct lm_node *node) {
    struct finding f = {.level = FINDING_WARNING, .kind = kind, .measure = m, .kpi = k, .node = node};
    fn(&f, ctx);
}

void logic_check(const struct plan *p, finding_fn fn, void *ctx) {
    const struct logic_model *lm = p->logic_model;
    if (!lm || lm->n_nodes == 0)
        return;
    struct arena a = ARENA_INIT;
    bool *reach = outcome_reach(&a, lm);
    size_t n_named;
    struct named *named = named_list(&a, lm, reach, &n_named);
    size_t n_measures;
    struct measure **ms = plan_measure_list(&a, p, &n_measures);
    for (size_t i = 0; i < n_measures; i++) {
        const struct measure *m = ms[i];
        const struct named **hits = arena_alloc(&a, (m->n_kpis ? m->n_kpis : 1) * sizeof *hits);
        bool inside = named_find(named, n_named, m->key, NULL) != NULL;
        for (size_t j = 0; j < m->n_kpis; j++) {
            const char *name = lm_kpi_name(&m->kpis[j]);
            hits[j] = name ? named_find(named, n_named, m->key, name) : NULL;
            inside |= hits[j] != NULL;
        }
        if (!inside) {                  /* its KPIs then need no finding of their own */
            report(fn, ctx, FIND_LM_MEASURE_OUTSIDE, m, NULL, NULL);
            continue;
        }
        for (size_t j = 0; j < m->n_kpis; j++)
            if (!hits[j] || !hits[j]->connected)
                report(fn, ctx, FIND_LM_KPI_NO_OUTCOME, m, &m->kpis[j], NULL);
    }
    for (size_t i = 0; i < lm->n_nodes; i++) {
        const struct lm_node *node = &lm->nodes[i];
        if (node->column == LM_ACTIVITY && !reach[i])
            report(fn, ctx, FIND_LM_ACTIVITY_NO_OUTCOME, NULL, NULL, node);
        else if (is_outcome(node->column) && node->n_kpis == 0)
            report(fn, ctx, FIND_LM_OUTCOME_NO_KPI, NULL, NULL, node);
    }
    arena_free(&a);
}
