/* The API for those who do not read an organisation's drafts — the public, and users of other
 * organisations (issue 4, SPEC §5): GET plan, its measure list and search, a measure and a KPI
 * answer from the plan's latest published version, in the same shape as for members, carrying
 * the ids of the working draft's rows with the same codes so that links between the replies
 * hold. A plan never published is 404; so is a measure or KPI the published version lacks. */
#include <string.h>
#include "api/api.h"
#include "core/errors.h"
#include "store/store_scope.h"
#include "xfer/plan_doc.h"
#include "xfer/published.h"

/* The published version of plan_id with the draft's ids, and its organisation; replies 404 (or
 * 500) and returns false when there is none. */
static bool load(struct req *r, int64_t plan_id, struct published_plan *pp, struct org *o) {
    int rc = published_load_with_ids(r->db, &r->arena, plan_id, pp);
    if (rc == 0) rc = store_org_by_id(r->db, &r->arena, pp->plan->org_id, o);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return false;
    }
    return true;
}

void api_published_plan(struct req *r, int64_t plan_id) {
    struct published_plan pp;
    struct org o;
    if (load(r, plan_id, &pp, &o))
        api_plan_write(r, pp.plan, &o, 200);
}

/* The published measure (and KPI) a draft row stands for; replies 404 when there is none. */
static const struct measure *published_row(struct req *r, const char *kind, int64_t id, struct published_plan *pp,
                                           struct measure_ref *ref, const struct kpi **ret_kpi) {
    struct row_key key;
    struct org o;
    int rc = store_row_key(r->db, &r->arena, kind, id, &key);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return NULL;
    }
    if (!load(r, key.plan_id, pp, &o))
        return NULL;
    const struct measure *m = published_measure(pp, key.measure_key, ref);
    bool kpi = strcmp(kind, "kpis") == 0;
    for (size_t i = 0; m && kpi && i < m->n_kpis; i++)
        if (m->kpis[i].id == id)                  /* published_load_with_ids gave it the draft's id */
            *ret_kpi = &m->kpis[i];
    if (!m || (kpi && !*ret_kpi)) {
        resp_store_error(r, KW_ENOTFOUND, NULL, NULL);
        return NULL;
    }
    return m;
}

void api_published_measure(struct req *r, int64_t measure_id) {
    struct published_plan pp;
    struct measure_ref ref;
    const struct kpi *k = NULL;
    const struct measure *m = published_row(r, "measures", measure_id, &pp, &ref, &k);
    if (m)
        api_measure_write(r, m, &ref, 200);
}

void api_published_kpi(struct req *r, int64_t kpi_id) {
    struct published_plan pp;
    struct measure_ref ref;
    const struct kpi *k = NULL;
    const struct measure *m = published_row(r, "kpis", kpi_id, &pp, &ref, &k);
    if (m)
        api_kpi_write(r, k, m->id, 200);
}

void api_published_measures(struct req *r, int64_t plan_id) {
    struct published_plan pp;
    struct org o;
    if (!load(r, plan_id, &pp, &o))
        return;
    const struct measure **found = NULL;
    size_t n = 0;
    unsigned *matched = NULL;
    int rc = published_search(r->db, &r->arena, &pp, req_query(r, "q"), req_query(r, "dept"), req_query(r, "rating"),
                              &found, &n, &matched);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    api_list_begin(r, &w);
    for (size_t i = 0; i < n; i++)
        plan_doc_write_search_hit(&w, found[i], matched ? matched[i] : 0, r->today);
    api_list_end(r, &w, n);
}
