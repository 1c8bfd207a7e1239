/* Read-only /api/v1 handlers: organisations, plans, measures, KPIs, checks, OpenAPI; and the
 * replies that show an entity as its GET does, which the write handlers send too. */
#include <string.h>
#include "api/api.h"
#include "core/errors.h"
#include "core/plan_check.h"
#include "store/store.h"
#include "util/embed.h"
#include "util/jw.h"
#include "xfer/plan_doc.h"

/* A JSON reply; a GET's 200 may be cached, the reply to a write may not. */
static void reply(struct req *r, int status) {
    resp_json(r, status);
    r->cacheable = status == 200 && (strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0);
}

static void ok_json(struct req *r) { reply(r, 200); }

void api_list_begin(struct req *r, struct jw *w) {
    jw_init(w, &r->out, 0);
    jw_obj_begin(w);
    jw_key(w, "items");
    jw_arr_begin(w);
}

void api_list_end(struct req *r, struct jw *w, size_t total) {
    jw_arr_end(w);
    jw_kint(w, "total", (int64_t)total);
    jw_obj_end(w);
    ok_json(r);
}

/* GET /api/v1/openapi.json */
void api_openapi(struct req *r) {
    const struct embedded_file *f = embed_find("src/api/openapi.json");
    if (!f) {
        resp_store_error(r, KW_ENOTFOUND, NULL, NULL);
        return;
    }
    buf_append(&r->out, (const char *)f->data, f->size);
    ok_json(r);
}

static void write_org(struct jw *w, const struct org *o) {
    jw_kstr(w, "code", o->code);
    jw_kstr(w, "name", o->name);
    if (o->prefecture) jw_kstr(w, "prefecture", o->prefecture);
    if (o->population) jw_kint(w, "population", o->population);
}

/* GET /api/v1/orgs */
void api_orgs_list(struct req *r) {
    struct org *orgs;
    size_t n;
    int rc = store_org_list(r->db, &r->arena, &orgs, &n);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    api_list_begin(r, &w);
    for (size_t i = 0; i < n; i++) {
        jw_obj_begin(&w);
        write_org(&w, &orgs[i]);
        jw_obj_end(&w);
    }
    api_list_end(r, &w, n);
}

/* The plans of a list; with drafts false only those with a published version, as that version
 * has them, and without the draft's counts. Returns how many were written. */
static size_t write_plan_summaries(struct jw *w, const struct plan_summary *ps, size_t n, bool drafts) {
    size_t written = 0;
    jw_arr_begin(w);
    for (size_t i = 0; i < n; i++) {
        if (!drafts && !ps[i].has_version)
            continue;
        written++;
        struct plan_face f = plan_summary_face(&ps[i], drafts);
        jw_obj_begin(w);
        jw_kint(w, "id", ps[i].id);
        jw_kstr(w, "title", f.title);
        jw_kstr(w, "kind", f.kind);
        if (f.version) jw_kstr(w, "version", f.version);
        if (f.published) jw_kstr(w, "published", f.published);
        if (f.from_fy || f.to_fy) {
            jw_key(w, "period");
            jw_obj_begin(w);
            if (f.from_fy) jw_kint(w, "from_fy", f.from_fy);
            if (f.to_fy) jw_kint(w, "to_fy", f.to_fy);
            jw_obj_end(w);
        }
        if (drafts) {
            jw_kint(w, "pillars", ps[i].n_pillars);
            jw_kint(w, "measures", ps[i].n_measures);
            jw_kint(w, "kpis", ps[i].n_kpis);
        }
        jw_obj_end(w);
    }
    jw_arr_end(w);
    return written;
}

void api_department_write(struct jw *w, const struct department *d) {
    jw_obj_begin(w);
    jw_kint(w, "id", d->id);
    jw_kstr(w, "code", d->code);
    jw_kstr(w, "name", d->name);
    if (d->parent_code) jw_kstr(w, "parent", d->parent_code);
    if (d->abolished) jw_kbool(w, "abolished", true);
    jw_obj_end(w);
}

/* GET /api/v1/orgs/{code} */
void api_org_get(struct req *r) { api_org_reply(r, r->params[0], 200); }

void api_org_reply(struct req *r, const char *code, int status) {
    struct org o;
    struct department *d;
    struct plan_summary *ps;
    size_t nd, np;
    int rc = store_org_by_code(r->db, &r->arena, code, &o);
    if (rc == 0) rc = store_departments(r->db, &r->arena, o.id, &d, &nd);
    if (rc == 0) rc = store_plan_list(r->db, &r->arena, o.id, &ps, &np);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    write_org(&w, &o);
    jw_key(&w, "departments");
    jw_arr_begin(&w);
    for (size_t i = 0; i < nd; i++)
        api_department_write(&w, &d[i]);
    jw_arr_end(&w);
    jw_key(&w, "plans");
    write_plan_summaries(&w, ps, np, r->sees_drafts);
    jw_obj_end(&w);
    reply(r, status);
}

/* GET /api/v1/orgs/{code}/plans */
void api_org_plans(struct req *r) {
    struct org o;
    struct plan_summary *ps;
    size_t np;
    int rc = store_org_by_code(r->db, &r->arena, r->params[0], &o);
    if (rc == 0) rc = store_plan_list(r->db, &r->arena, o.id, &ps, &np);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_key(&w, "items");
    size_t total = write_plan_summaries(&w, ps, np, r->sees_drafts);
    jw_kint(&w, "total", (int64_t)total);
    jw_obj_end(&w);
    ok_json(r);
}

/* GET /api/v1/orgs/{code}/document */
void api_org_document(struct req *r) {
    struct org_doc doc;
    int rc = store_org_doc_load(r->db, &r->arena, r->params[0], &doc);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    plan_doc_write(&r->out, &doc, 2);
    ok_json(r);
}

/* GET /api/v1/plans/{id} */
void api_plan_get(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    if (r->sees_drafts)
        api_plan_reply(r, id, 200);
    else
        api_published_plan(r, id);
}

void api_plan_reply(struct req *r, int64_t id, int status) {
    struct plan p;
    struct org o;
    int rc = store_plan_load(r->db, &r->arena, id, LOAD_FULL, &p);
    if (rc == 0) rc = store_org_by_id(r->db, &r->arena, p.org_id, &o);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    api_plan_write(r, &p, &o, status);
}

void api_plan_write(struct req *r, const struct plan *pp, const struct org *o, int status) {
    const struct plan p = *pp;
    /* the plan object of §4.3 with ids and derived figures, the organisation it belongs to first */
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_key(&w, "org");
    jw_obj_begin(&w);
    write_org(&w, o);
    jw_obj_end(&w);
    plan_doc_write_plan(&w, &p, DOC_WITH_IDS | DOC_WITH_DERIVED | DOC_MEMBERS, r->today);
    jw_obj_end(&w);
    reply(r, status);
}

/* GET /api/v1/plans/{id}/measures */
void api_plan_measures(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    if (!r->sees_drafts) {
        api_published_measures(r, id);
        return;
    }
    int64_t org_id;
    int rc = store_plan_org(r->db, id, &org_id);
    struct measure *ms = NULL;
    size_t n = 0;
    if (rc == 0)
        rc = store_measure_search(r->db, &r->arena, id, req_query(r, "q"), req_query(r, "dept"),
                                  req_query(r, "rating"), LOAD_SUMMARY, &ms, &n);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    api_list_begin(r, &w);
    for (size_t i = 0; i < n; i++)
        plan_doc_write_measure(&w, &ms[i], DOC_WITH_IDS | DOC_WITH_DERIVED | DOC_SUMMARY, r->today);
    api_list_end(r, &w, n);
}

struct findings_ctx { struct jw *w; };

static void write_finding(const struct finding *f, void *vctx) {
    struct jw *w = ((struct findings_ctx *)vctx)->w;
    jw_obj_begin(w);
    jw_kstr(w, "level", f->level == FINDING_ERROR ? "error" : "warning");
    jw_kstr(w, "kind", finding_kind_name(f->kind));
    jw_kint(w, "measure_id", f->measure->id);
    jw_kstr(w, "measure_code", f->measure->code);
    jw_kstr(w, "measure_title", f->measure->title);
    if (f->kpi) {
        jw_kint(w, "kpi_id", f->kpi->id);
        jw_kstr(w, "kpi_name", f->kpi->name);
    }
    if (f->fy) jw_kint(w, "fy", f->fy);
    jw_obj_end(w);
}

/* GET /api/v1/plans/{id}/check */
void api_plan_check(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    struct plan p;
    int rc = store_plan_load(r->db, &r->arena, id, LOAD_FULL, &p);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_key(&w, "items");
    jw_arr_begin(&w);
    struct findings_ctx c = {&w};
    int errors = plan_check(&p, write_finding, &c);
    jw_arr_end(&w);
    jw_kint(&w, "errors", errors);
    jw_obj_end(&w);
    ok_json(r);
}

/* GET /api/v1/measures/{id} */
void api_measure_get(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    if (r->sees_drafts)
        api_measure_reply(r, id, 200);
    else
        api_published_measure(r, id);
}

void api_measure_reply(struct req *r, int64_t id, int status) {
    struct measure m;
    struct measure_ref ref;
    int rc = store_measure_load(r->db, &r->arena, id, &m, &ref);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    api_measure_write(r, &m, &ref, status);
}

void api_measure_write(struct req *r, const struct measure *m, const struct measure_ref *refp, int status) {
    const struct measure_ref ref = *refp;
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_kint(&w, "plan_id", ref.plan_id);
    jw_key(&w, "org");
    jw_obj_begin(&w);
    jw_kstr(&w, "code", ref.org_code);
    jw_kstr(&w, "name", ref.org_name);
    jw_obj_end(&w);
    jw_key(&w, "pillar");
    jw_obj_begin(&w);
    jw_kstr(&w, "code", ref.pillar_code);
    jw_kstr(&w, "title", ref.pillar_title);
    jw_obj_end(&w);
    jw_key(&w, "theme");
    jw_obj_begin(&w);
    if (ref.theme_code) jw_kstr(&w, "code", ref.theme_code);
    if (ref.theme_title) jw_kstr(&w, "title", ref.theme_title);      /* none: a plan without a theme level */
    jw_obj_end(&w);
    plan_doc_write_measure(&w, m, DOC_WITH_IDS | DOC_WITH_DERIVED | DOC_MEMBERS, r->today);
    jw_obj_end(&w);
    reply(r, status);
}

/* GET /api/v1/kpis/{id} */
void api_kpi_get(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    if (r->sees_drafts)
        api_kpi_reply(r, id, 200);
    else
        api_published_kpi(r, id);
}

void api_kpi_reply(struct req *r, int64_t id, int status) {
    int64_t measure_id;
    struct kpi k;
    int rc = store_kpi_load(r->db, &r->arena, id, &k, &measure_id);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    api_kpi_write(r, &k, measure_id, status);
}

void api_kpi_write(struct req *r, const struct kpi *k, int64_t measure_id, int status) {
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_kint(&w, "measure_id", measure_id);
    plan_doc_write_kpi(&w, k, DOC_WITH_IDS | DOC_WITH_DERIVED | DOC_MEMBERS, r->today);
    jw_obj_end(&w);
    reply(r, status);
}
