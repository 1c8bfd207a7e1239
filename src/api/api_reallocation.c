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

static void reallocation_write_entry(struct jw *w, const void *x) { api_reallocation_write(w, x); }

static int reallocation_list(struct db *db, struct arena *a, int64_t org_id, void **ret, size_t *ret_n) {
    struct reallocation *v;
    int rc = store_reallocations(db, a, org_id, &v, ret_n);
    *ret = v;
    return rc;
}

static const struct api_org_list reallocation_list_kind = {SCOPE_REALLOCATION, sizeof(struct reallocation),
                                                           offsetof(struct reallocation, id), reallocation_list,
                                                           reallocation_write_entry};

/* GET /api/v1/orgs/{code}/reallocations */
void api_org_reallocations(struct req *r) { api_org_list_get(r, &reallocation_list_kind); }

/* The entry as GET lists it. */
static void reallocation_reply(struct req *r, int64_t id, int status) {
    api_org_list_reply(r, &reallocation_list_kind, id, status);
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
