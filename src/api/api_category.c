/* /api/v1 handlers of the shared categories (共通カテゴリ, SPEC §3.10 and §4.2, issue 16 point 6):
 * the list with how many published measures of how many organisations each has, the comparison
 * of one category across organisations (published data only: xfer/category_compare.h), and a
 * measure's categories for the office — confirmed, rejected and suggested — with confirming,
 * rejecting and forgetting one. */
#include <math.h>
#include <string.h>
#include "api/api.h"
#include "api/api_input.h"
#include "core/errors.h"
#include "http/session.h"
#include "store/store_category.h"
#include "util/jw.h"
#include "xfer/category_compare.h"

enum { CATEGORY_LIMIT_DEFAULT = 100, CATEGORY_LIMIT_MAX = 1000 };

static void category_write(struct jw *w, const struct category *c, bool counts) {
    jw_obj_begin(w);
    jw_kstr(w, "code", c->code);
    jw_kstr(w, "title", c->title);
    jw_kstr(w, "title_en", c->title_en);
    jw_kstr(w, "kind", c->kind);
    if (counts) {
        jw_kint(w, "measures", c->measures);
        jw_kint(w, "orgs", c->orgs);
    }
    jw_obj_end(w);
}

/* GET /api/v1/categories */
void api_category_list(struct req *r) {
    struct category *v;
    size_t n;
    int rc = store_category_list(r->db, &r->arena, &v, &n);
    if (rc == 0)
        rc = category_counts(r->db, v, n);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    api_list_begin(r, &w);
    for (size_t i = 0; i < n; i++)
        category_write(&w, &v[i], true);
    api_list_end(r, &w, n);
}

/* A figure per 10,000 inhabitants, to two decimals. */
static void per_10k(struct jw *w, const char *key, double v) {
    jw_knum(w, key, round(v * 100) / 100);
}

static void compare_kpi_write(struct jw *w, const struct compare_kpi *ck, int64_t population) {
    const struct kpi *k = ck->kpi;
    jw_obj_begin(w);
    jw_kint(w, "id", k->id);
    jw_kstr(w, "name", k->name);
    jw_kstr(w, "unit", k->unit);
    jw_key(w, "baseline");
    if (k->has_baseline) {
        jw_obj_begin(w);
        jw_knum(w, "value", k->baseline_value);
        jw_kint(w, "fy", k->baseline_fy);
        jw_obj_end(w);
    } else {
        jw_null(w);
    }
    jw_key(w, "target");
    jw_obj_begin(w);
    if (k->target_state == TARGET_SET) {
        jw_knum(w, "value", k->target_value);
        jw_kint(w, "fy", k->target_fy);
    } else {
        jw_kstr(w, "state", k->target_state == TARGET_UNDECIDED ? "undecided" : "none");
    }
    jw_obj_end(w);
    jw_key(w, "latest");
    if (ck->d.has_latest) {
        jw_obj_begin(w);
        jw_knum(w, "value", ck->d.latest);
        jw_kstr(w, "period", ck->d.latest_period);
        jw_obj_end(w);
    } else {
        jw_null(w);
    }
    jw_key(w, "per_10k");
    if (ck->per_10k_ok) {
        jw_obj_begin(w);
        jw_kint(w, "population", population);
        if (k->has_baseline) per_10k(w, "baseline", ck->baseline_10k);
        if (k->target_state == TARGET_SET) per_10k(w, "target", ck->target_10k);
        if (ck->d.has_latest) per_10k(w, "latest", ck->latest_10k);
        jw_obj_end(w);
    } else {
        jw_null(w);
    }
    jw_kstr(w, "status", kpi_status_name(ck->d.status));
    jw_obj_end(w);
}

/* GET /api/v1/categories/{code}/measures */
void api_category_measures(struct req *r) {
    struct category c;
    struct compare_entry *v;
    size_t n;
    long long limit, offset;
    int64_t total = 0;
    if (!api_query_int(r, "limit", 1, CATEGORY_LIMIT_MAX, CATEGORY_LIMIT_DEFAULT, &limit) ||
        !api_query_int(r, "offset", 0, 1000000000, 0, &offset))
        return;
    int rc = store_category_by_code(r->db, &r->arena, r->params[0], &c);
    if (rc == 0)
        rc = category_compare(r->db, &r->arena, c.id, date_today(), limit, offset, &v, &n, &total);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    api_list_begin(r, &w);
    for (size_t i = 0; i < n; i++) {
        const struct compare_entry *e = &v[i];
        jw_obj_begin(&w);
        jw_key(&w, "org");
        jw_obj_begin(&w);
        jw_kstr(&w, "code", e->org.code);
        jw_kstr(&w, "name", e->org.name);
        jw_key(&w, "population");
        if (e->org.population) jw_int(&w, e->org.population); else jw_null(&w);
        jw_obj_end(&w);
        jw_key(&w, "plan");
        jw_obj_begin(&w);
        jw_kint(&w, "id", e->plan_id);
        jw_kstr(&w, "title", e->plan_title);
        jw_kstr(&w, "version", e->version_label);
        jw_kbool(&w, "draft", e->draft);
        jw_obj_end(&w);
        jw_key(&w, "measure");
        jw_obj_begin(&w);
        jw_kint(&w, "id", e->measure->id);
        jw_kstr(&w, "code", e->measure->code);
        jw_kstr(&w, "title", e->measure->title);
        jw_kstr(&w, "url", arena_printf(&r->arena, "/plans/%lld/published/measures/%s", (long long)e->plan_id,
                                        e->measure->key));
        jw_obj_end(&w);
        jw_key(&w, "rating");
        if (e->rating_code) {
            jw_obj_begin(&w);
            jw_kstr(&w, "code", e->rating_code);
            jw_kstr(&w, "label", e->rating_label);
            jw_kint(&w, "fy", e->rating_fy);
            jw_kint(&w, "quarter", e->rating_quarter);
            jw_obj_end(&w);
        } else {
            jw_null(&w);
        }
        jw_key(&w, "kpis");
        jw_arr_begin(&w);
        for (size_t k = 0; k < e->n_kpis; k++)
            compare_kpi_write(&w, &e->kpis[k], e->org.population);
        jw_arr_end(&w);
        jw_obj_end(&w);
    }
    api_page_end(r, &w, total, limit, offset);
}

static void category_refs(struct jw *w, const char *key, const struct category *const *v, size_t n) {
    jw_key(w, key);
    jw_arr_begin(w);
    for (size_t i = 0; i < n; i++)
        category_write(w, v[i], false);
    jw_arr_end(w);
}

/* A measure's categories: {"confirmed":[…],"suggested":[…],"rejected":[…]}. */
static void measure_categories_reply(struct req *r, int64_t id, int status) {
    struct measure m;
    struct measure_ref ref;
    struct measure_categories mc;
    int rc = store_measure_load(r->db, &r->arena, id, &m, &ref);
    if (rc == 0)
        rc = store_measure_categories(r->db, &r->arena, &m, &mc);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_kint(&w, "measure_id", id);
    category_refs(&w, "confirmed", mc.confirmed, mc.n_confirmed);
    category_refs(&w, "suggested", mc.suggested, mc.n_suggested);
    category_refs(&w, "rejected", mc.rejected, mc.n_rejected);
    jw_obj_end(&w);
    api_reply(r, status);
}

/* GET /api/v1/measures/{id}/categories */
void api_measure_category_get(struct req *r) {
    int64_t id;
    if (req_param_id(r, 0, &id))
        measure_categories_reply(r, id, 200);
}

static void category_set(struct req *r, const char *state) {
    r->cacheable = false;
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    struct edit_fail fail = {0};
    int rc = store_measure_category_set(r->db, id, r->params[1], state, req_actor(r), &fail);
    if (rc == KW_EINVAL && strcmp(fail.field, "categories") == 0) {   /* the path names no category */
        resp_error(r, 404, "not_found", fail.message, NULL);
        return;
    }
    if (rc < 0) {
        input_store_fail(r, rc, &fail);
        return;
    }
    measure_categories_reply(r, id, 200);
}

/* PUT /api/v1/measures/{id}/categories/{code} */
void api_measure_category_put(struct req *r) {
    struct input in;
    if (!input_begin(r, &in))
        return;
    static const char *const states[] = {"confirmed", "rejected", NULL};
    const char *state = NULL;
    bool ok = input_enum(&in, "state", states, IN_REQUIRED, &state);
    ok = input_end(&in) && ok;
    if (ok)
        category_set(r, state);
}

/* DELETE /api/v1/measures/{id}/categories/{code} */
void api_measure_category_delete(struct req *r) { category_set(r, NULL); }
