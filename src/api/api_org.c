/* /api/v1 handlers of organisations: the list (a page, by prefecture and name or code), the
 * prefectures with their counts, one organisation with its departments, its
 * plans; creating one (admin) and changing it. Each write reads the whole body (api_input.h),
 * makes one store call (one transaction with its audit row) and replies with the entity. */
#include <string.h>
#include "api/api.h"
#include "api/api_input.h"
#include "core/errors.h"
#include "core/notice.h"
#include "core/orgcode.h"
#include "core/plan_check.h"
#include "http/session.h"
#include "store/store.h"
#include "util/jw.h"
#include "util/utf8.h"
#include "xfer/plan_doc.h"

enum { MAX_POPULATION = 1000000000 };
/* A page of the list: 100 by default, and up to 2000 so that every municipality of Japan (1,741)
 * comes in one request. */
enum { ORGS_LIMIT_DEFAULT = 100, ORGS_LIMIT_MAX = 2000, ORGS_OFFSET_MAX = 1000000000 };

void api_org_write(struct jw *w, const struct org *o) {
    jw_kstr(w, "code", o->code);
    jw_kstr(w, "name", o->name);
    if (o->prefecture) jw_kstr(w, "prefecture", o->prefecture);
    if (o->population) jw_kint(w, "population", o->population);
}

/* GET /api/v1/orgs */
void api_orgs_list(struct req *r) {
    long long limit, offset;
    if (!api_query_int(r, "limit", 1, ORGS_LIMIT_MAX, ORGS_LIMIT_DEFAULT, &limit) ||
        !api_query_int(r, "offset", 0, ORGS_OFFSET_MAX, 0, &offset))
        return;
    struct org_query f = {req_query(r, "prefecture"), req_query(r, "q"), limit, offset};
    struct org_page page;
    int rc = store_org_find(r->db, &r->arena, &f, &page);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    api_list_begin(r, &w);
    for (size_t i = 0; i < page.n; i++) {
        jw_obj_begin(&w);
        api_org_write(&w, &page.items[i]);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_kint(&w, "total", page.total);
    jw_kint(&w, "limit", limit);
    jw_kint(&w, "offset", offset);
    jw_obj_end(&w);
    api_reply(r, 200);
}

/* GET /api/v1/prefectures */
void api_org_prefectures(struct req *r) {
    struct prefecture *p;
    size_t n;
    int rc = store_prefectures(r->db, &r->arena, &p, &n);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    api_list_begin(r, &w);
    for (size_t i = 0; i < n; i++) {
        jw_obj_begin(&w);
        jw_kstr(&w, "name", p[i].name);
        jw_kstr(&w, "code", p[i].code);
        jw_kint(&w, "orgs", p[i].orgs);
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
    api_org_write(&w, &o);
    jw_key(&w, "departments");
    jw_arr_begin(&w);
    for (size_t i = 0; i < nd; i++)
        api_department_write(&w, &d[i]);
    jw_arr_end(&w);
    jw_key(&w, "plans");
    write_plan_summaries(&w, ps, np, r->sees_drafts);
    jw_obj_end(&w);
    api_reply(r, status);
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
    api_reply(r, 200);
}


static bool org_code_ok(struct input *in, const char *code) {
    if (orgcode_valid(code))
        return true;
    if (strlen(code) == 6 && strspn(code, "0123456789") == 6)
        return input_fail(in, "code", "\"%s\" has a wrong check digit (expected %.5s%d)", code, code,
                          orgcode_check_digit(code));
    return input_fail(in, "code", "must be a 6-digit local government code (全国地方公共団体コード)");
}

static bool org_fields(struct input *in, unsigned req, struct org_patch *p) {
    enum input_state st;
    if (!(input_label(in, "name", &field_label, req, &p->name) &&
          input_text(in, "prefecture", &field_label, IN_CLEARABLE, &p->prefecture) &&
          input_int(in, "population", 0, MAX_POPULATION, IN_CLEARABLE, &p->population, &st)))
        return false;
    p->set_population = st != INPUT_ABSENT;
    return true;
}

/* POST /api/v1/orgs */
void api_org_post(struct req *r) {
    struct input in;
    if (!input_begin(r, &in))
        return;
    const char *code = NULL;
    struct org_patch p = {0};
    bool ok = input_label(&in, "code", &field_label, IN_REQUIRED, &code) && org_code_ok(&in, code) &&
              org_fields(&in, IN_REQUIRED, &p);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct org o = {.code = (char *)code, .name = (char *)p.name, .prefecture = (char *)p.prefecture,
                    .population = p.population};
    struct edit_fail fail = {0};
    int rc = store_org_create(r->db, &o, req_actor(r), NULL, &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        api_org_reply(r, code, 201);
}

/* PATCH /api/v1/orgs/{code} */
void api_org_patch(struct req *r) {
    struct org o;
    int rc = store_org_by_code(r->db, &r->arena, r->params[0], &o);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct input in;
    if (!input_begin(r, &in))
        return;
    struct org_patch p = {0};
    bool ok = org_fields(&in, 0, &p);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct edit_fail fail = {0};
    if ((rc = store_org_update(r->db, o.id, &p, req_actor(r), &fail)) < 0)
        input_store_fail(r, rc, &fail);
    else
        api_org_reply(r, o.code, 200);
}
