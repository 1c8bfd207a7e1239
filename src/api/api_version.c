/* /api/v1 for plan versions (版): list a plan's versions with its revision history, publish the
 * working draft as a version, read a version's snapshot. A plan's latest published version and
 * the comparison of two versions are reads of the plan: api_plan.c. */
#include "http/session.h"
#include "api/api.h"
#include "api/api_input.h"
#include "core/errors.h"
#include "store/store.h"
#include "xfer/versions.h"

static void write_version(struct jw *w, const struct plan_version *v) {
    jw_kint(w, "id", v->id);
    jw_kint(w, "plan_id", v->plan_id);
    jw_kstr(w, "label", v->label);
    jw_kstr(w, "date", v->date);
    jw_key(w, "notes");
    jw_raw(w, v->notes_json);                  /* stored as a JSON array written by kawaru */
    if (v->published_by) jw_kstr(w, "published_by", v->published_by);
    jw_kstr(w, "published_at", v->published_at);
}

/* GET /api/v1/plans/{id}/versions */
void api_versions_list(struct req *r) {
    int64_t plan_id;
    struct plan_version *v;
    size_t n;
    if (!api_plan_id(r, &plan_id))
        return;
    int rc = store_versions(r->db, &r->arena, plan_id, &v, &n);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    api_list_begin(r, &w);
    for (size_t i = 0; i < n; i++) {
        jw_obj_begin(&w);
        write_version(&w, &v[i]);
        jw_obj_end(&w);
    }
    api_list_end(r, &w, n);
}

void api_version_reply(struct req *r, int64_t id, int status) {
    struct plan_version v;
    int rc = store_version_load(r->db, &r->arena, id, &v);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    write_version(&w, &v);
    jw_key(&w, "document");
    jw_raw(&w, v.snapshot);                    /* a kawaru-plan/1 document written by kawaru */
    jw_obj_end(&w);
    resp_json(r, status);
    r->cacheable = status == 200;              /* a version never changes; a new one bumps the data version */
}

/* GET /api/v1/versions/{id} */
void api_version_get(struct req *r) {
    int64_t id;
    if (req_param_id(r, 0, &id))
        api_version_reply(r, id, 200);
}

/* POST /api/v1/plans/{id}/versions */
void api_version_post(struct req *r) {
    int64_t plan_id;
    if (!api_plan_id(r, &plan_id))
        return;
    struct input in;
    if (!input_begin(r, &in))
        return;
    const char *label = NULL, *date = NULL;
    struct strlist notes = {0};
    bool set;
    bool ok = input_label(&in, "label", FIELD_LINE(32), IN_REQUIRED, &label) && input_date(&in, "date", 0, &date) &&
              input_strlist(&in, "notes", &field_item, 0, &notes, &set);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    char today[16];
    date_format(r->today, today, sizeof today);
    struct edit_fail fail = {0};
    int64_t id = 0;
    int rc = version_publish(r->db, plan_id, label, date && *date ? date : today, &notes, req_actor(r), &id, &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        api_version_reply(r, id, 201);
}
