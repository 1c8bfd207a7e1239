/* GET and PUT /api/v1/plans/{id}/logic-model: a plan's logic model (SPEC §4.2, issue 14 point 5).
 * GET answers
 * {"nodes":[{"id","key","column","text","target_group","measure_ids","kpi_ids"}…],
 *  "edges":[{"from","to"}…]} with node ids in from and to. Members read the working draft; everyone
 * else reads the plan's latest published version (404 when it has none, as GET /plans/{id}), with
 * the ids of the draft's nodes, measures and KPIs of the same keys and codes; what the draft no
 * longer has is left out (a node's id is then null, and its edges are left out).
 *
 * PUT replaces the working draft's model as a whole with the body, written as the plan document
 * writes it ({"nodes":[{"key","column","text","target_group"?,"measures"?,"kpis"?}],"edges":[{"from",
 * "to"}]}, docs/plan-format.md): nodes, measures and KPIs by their keys and codes, which stay, not
 * by ids, which a replacement renews. It is checked as a document's is (xfer/plan_logic.c), a
 * member the document does not have is refused, and the reply is the GET's. */
#include <string.h>
#include "api/api.h"
#include "api/api_input.h"
#include "core/errors.h"
#include "http/session.h"
#include "store/store_logic.h"
#include "xfer/plan_logic.h"
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
    r->cacheable = strcmp(r->method, "GET") == 0;
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

/* Refuses a member the document's logic model does not have: at the top level, in a node, in a
 * node's KPI and in an edge (lists longer than the document allows are not walked:
 * plan_logic_read has refused them). */
static bool known_members(struct input *in) {
    static const char *const top[] = {"nodes", "edges", NULL};
    static const char *const node[] = {"key", "column", "text", "target_group", "measures", "kpis", NULL};
    static const char *const kpi[] = {"measure", "kpi", NULL};
    static const char *const edge[] = {"from", "to", NULL};
    if (!input_known(in, NULL, NULL, top))
        return false;
    json_t *nodes = json_object_get(in->obj, "nodes"), *edges = json_object_get(in->obj, "edges");
    char at[64];
    for (size_t i = 0; i < json_array_size(nodes) && i < LM_MAX_NODES; i++) {
        json_t *n = json_array_get(nodes, i), *kpis = json_object_get(n, "kpis");
        snprintf(at, sizeof at, "nodes[%zu].", i);
        if (json_is_object(n) && !input_known(in, n, at, node))
            return false;
        for (size_t j = 0; j < json_array_size(kpis) && j < LM_MAX_LINKS; j++) {
            json_t *k = json_array_get(kpis, j);
            snprintf(at, sizeof at, "nodes[%zu].kpis[%zu].", i, j);
            if (json_is_object(k) && !input_known(in, k, at, kpi))
                return false;
        }
    }
    for (size_t i = 0; i < json_array_size(edges) && i < LM_MAX_EDGES; i++) {
        json_t *e = json_array_get(edges, i);
        snprintf(at, sizeof at, "edges[%zu].", i);
        if (json_is_object(e) && !input_known(in, e, at, edge))
            return false;
    }
    return true;
}

/* PUT /api/v1/plans/{id}/logic-model */
void api_logic_put(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    struct plan p;
    int rc = store_plan_load(r->db, &r->arena, id, LOAD_SUMMARY, &p);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct input in;
    if (!input_begin(r, &in))
        return;
    struct doc_errors errs = {0};
    struct doc_reader c = {.a = &r->arena, .errs = &errs};
    struct logic_model *lm = plan_logic_read(&c, in.obj, &p);
    bool ok = errs.n == 0 || input_fail(&in, errs.items[0].path, "%s", errs.items[0].message);
    ok = ok && known_members(&in);
    if (!input_end(&in) || !ok)
        return;
    struct edit_fail fail = {0};
    rc = store_logic_set(r->db, id, lm->n_nodes ? lm : NULL, req_actor(r), &fail);
    struct logic_model *now = NULL;
    if (rc == 0)
        rc = store_logic_load(r->db, &r->arena, id, &now);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        logic_reply(r, now);
}
