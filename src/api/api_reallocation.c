/* /api/v1 handlers of freed hours reallocated (issue 14 point 4): an organisation's entries —
 * {"id","fy","hours","service","note","measure_id"} — listed, added, changed and deleted by the
 * office. GET /api/v1/orgs/{code}/workload sums them beside the hours the means free. */
#include <stdio.h>
#include "api/api.h"
#include "api/api_entity.h"
#include "core/errors.h"
#include "http/session.h"
#include "store/store_reallocation.h"
#include "store/store_scope.h"

void api_reallocation_write(struct jw *w, const struct reallocation *x) {
    jw_obj_begin(w);
    jw_kint(w, "id", x->id);
    jw_kint(w, "fy", x->fy);
    jw_knum(w, "hours", x->hours);
    jw_kstr(w, "service", x->service);
    if (x->note) jw_kstr(w, "note", x->note);
    if (x->measure_id) jw_kint(w, "measure_id", x->measure_id);
    jw_obj_end(w);
}

/* GET /api/v1/orgs/{code}/reallocations */
void api_org_reallocations(struct req *r) {
    struct org o;
    struct reallocation *v;
    size_t n;
    int rc = store_org_by_code(r->db, &r->arena, r->params[0], &o);
    if (rc == 0)
        rc = store_reallocations(r->db, &r->arena, o.id, &v, &n);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    api_list_begin(r, &w);
    for (size_t i = 0; i < n; i++)
        api_reallocation_write(&w, &v[i]);
    api_list_end(r, &w, n);
}

/* The entry as GET lists it. */
static void reallocation_reply(struct req *r, int64_t id, int status) {
    struct scope s;
    struct reallocation *v;
    size_t n;
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)id);
    int rc = store_scope(r->db, SCOPE_REALLOCATION, key, &s);
    if (rc == 0)
        rc = store_reallocations(r->db, &r->arena, s.org_id, &v, &n);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (v[i].id == id) {
            struct jw w;
            jw_init(&w, &r->out, 0);
            api_reallocation_write(&w, &v[i]);
            api_reply(r, status);
            return;
        }
    resp_store_error(r, rc < 0 ? rc : KW_ENOTFOUND, NULL, NULL);
}

static bool reallocation_fields(struct input *in, unsigned req, void *wp) {
    struct reallocation_patch *p = wp;
    enum input_state fs = INPUT_ABSENT, hs = INPUT_ABSENT, ms = INPUT_ABSENT;
    if (!(input_fy(in, "fy", req, &p->fy, &fs) && input_number(in, "hours", req, &p->hours, &hs) &&
          input_label(in, "service", &field_label, req, &p->service) &&
          input_text(in, "note", &field_text, IN_CLEARABLE, &p->note) &&
          input_int(in, "measure_id", 1, INT64_MAX, IN_CLEARABLE, &p->measure_id, &ms)))
        return false;
    if (hs == INPUT_SET && p->hours < 0)
        return input_fail(in, "hours", "must be 0 or more hours");
    p->set_fy = fs == INPUT_SET;
    p->set_hours = hs == INPUT_SET;
    p->set_measure = ms != INPUT_ABSENT;
    if (ms == INPUT_NULL)
        p->measure_id = 0;
    return true;
}

static int reallocation_create(struct req *r, int64_t org_id, const void *p, int64_t *ret_id, struct edit_fail *fail) {
    return store_reallocation_create(r->db, org_id, p, req_actor(r), ret_id, fail);
}

static int reallocation_update(struct req *r, int64_t id, const void *p, struct edit_fail *fail) {
    return store_reallocation_update(r->db, id, p, req_actor(r), fail);
}

static const struct api_entity reallocation_entity = {
    sizeof(struct reallocation_patch), true, reallocation_fields, reallocation_create, reallocation_update,
    store_reallocation_delete, reallocation_reply,
};

/* POST /api/v1/orgs/{code}/reallocations */
void api_reallocation_post(struct req *r) { api_entity_post(r, &reallocation_entity); }

/* PATCH /api/v1/reallocations/{id} */
void api_reallocation_patch(struct req *r) { api_entity_patch(r, &reallocation_entity); }

/* DELETE /api/v1/reallocations/{id} */
void api_reallocation_delete(struct req *r) { api_entity_delete(r, &reallocation_entity); }
