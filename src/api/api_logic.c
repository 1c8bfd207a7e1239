/* GET /api/v1/plans/{id}/logic-model: a plan's logic model (SPEC §4.2, issue 14 point 5) —
 * {"nodes":[{"id","key","column","text","target_group","measure_ids","kpi_ids"}…],
 *  "edges":[{"from","to"}…]} with node ids in from and to. Members read the working draft; everyone
 * else reads the plan's latest published version (404 when it has none, as GET /plans/{id}), with
 * the ids of the draft's nodes, measures and KPIs of the same keys and codes; what the draft no
 * longer has is left out (a node's id is then null, and its edges are left out). */
#include <string.h>
#include "api/api.h"
#include "core/errors.h"
#include "store/store_logic.h"
#include "xfer/published.h"

static void write_ids(struct jw *w, const char *key, const int64_t *v, size_t n) {
    jw_key(w, key);
    jw_arr_begin(w);
    for (size_t i = 0; i < n; i++)
        if (v[i])
            jw_int(w, v[i]);
    jw_arr_end(w);
}

static void logic_reply(struct req *r, const struct logic_model *lm) {
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_key(&w, "nodes");
    jw_arr_begin(&w);
    for (size_t i = 0; lm && i < lm->n_nodes; i++) {
        const struct lm_node *n = &lm->nodes[i];
        jw_obj_begin(&w);
        if (n->id) jw_kint(&w, "id", n->id);
        else { jw_key(&w, "id"); jw_null(&w); }
        jw_kstr(&w, "key", n->key);
        jw_kstr(&w, "column", lm_column_names[n->column]);
        jw_kstr(&w, "text", n->text);
        jw_kstr(&w, "target_group", n->target_group);
        write_ids(&w, "measure_ids", n->measure_ids, n->measure_ids ? n->measures.n : 0);
        int64_t *kpi_ids = n->n_kpis ? arena_alloc(&r->arena, n->n_kpis * sizeof *kpi_ids) : NULL;
        for (size_t j = 0; j < n->n_kpis; j++)
            kpi_ids[j] = n->kpis[j].kpi_id;
        write_ids(&w, "kpi_ids", kpi_ids, n->n_kpis);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_key(&w, "edges");
    jw_arr_begin(&w);
    for (size_t i = 0; lm && i < lm->n_edges; i++) {
        if (!lm->edges[i].from_id || !lm->edges[i].to_id)
            continue;
        jw_obj_begin(&w);
        jw_kint(&w, "from", lm->edges[i].from_id);
        jw_kint(&w, "to", lm->edges[i].to_id);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    resp_json(r, 200);
    r->cacheable = true;
}

/* The published model pp holds, given the ids of the draft's rows of the same keys (a copy in a:
 * what published_load returns is shared and must not change). */
static struct logic_model *with_draft_ids(struct req *r, const struct published_plan *pp,
                                          const struct logic_model *draft) {
    const struct logic_model *pub = pp->plan->logic_model;
    if (!pub)
        return NULL;
    struct arena *a = &r->arena;
    struct logic_model *lm = arena_alloc(a, sizeof *lm);
    *lm = *pub;
    lm->nodes = arena_alloc(a, pub->n_nodes * sizeof *lm->nodes);
    for (size_t i = 0; i < pub->n_nodes; i++) {
        struct lm_node *n = &lm->nodes[i];
        *n = pub->nodes[i];
        const struct lm_node *d = lm_node_by_key(draft, n->key);
        n->id = d ? d->id : 0;
        n->measure_ids = n->measures.n ? arena_alloc(a, n->measures.n * sizeof *n->measure_ids) : NULL;
        for (size_t j = 0; j < n->measures.n; j++) {
            const struct measure *m = plan_measure_by_key(pp->plan, n->measures.items[j]);
            n->measure_ids[j] = m ? m->id : 0;         /* published_load_with_ids: the draft's */
        }
        n->kpis = n->n_kpis ? arena_alloc(a, n->n_kpis * sizeof *n->kpis) : NULL;
        for (size_t j = 0; j < n->n_kpis; j++) {
            n->kpis[j] = pub->nodes[i].kpis[j];
            const struct measure *m = plan_measure_by_key(pp->plan, n->kpis[j].measure);
            const struct kpi *k = m ? lm_kpi_find(m, n->kpis[j].kpi) : NULL;
            n->kpis[j].kpi_id = k ? k->id : 0;
        }
    }
    lm->edges = arena_alloc(a, (pub->n_edges ? pub->n_edges : 1) * sizeof *lm->edges);
    for (size_t i = 0; i < pub->n_edges; i++) {
        const struct lm_node *from = lm_node_by_key(lm, pub->edges[i].from), *to = lm_node_by_key(lm, pub->edges[i].to);
        lm->edges[i] = (struct lm_edge){pub->edges[i].from, pub->edges[i].to, from ? from->id : 0, to ? to->id : 0};
    }
    return lm;
}

/* GET /api/v1/plans/{id}/logic-model */
void api_logic_get(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    struct logic_model *draft = NULL;
    int rc = store_logic_load(r->db, &r->arena, id, &draft);
    struct published_plan pp;
    if (rc == 0 && !r->sees_drafts)
        rc = published_load_with_ids(r->db, &r->arena, id, &pp);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    logic_reply(r, r->sees_drafts ? draft : with_draft_ids(r, &pp, draft));
}
