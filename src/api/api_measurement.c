/* /api/v1 handlers of a KPI's measurements: adding one or a batch (also from other systems with
 * an API token), correcting one, deleting one. */
#include <string.h>
#include "api/api.h"
#include "api/api_input.h"
#include "api/api_token.h"
#include "core/errors.h"
#include "http/authz.h"
#include "http/session.h"
#include "store/store.h"
#include "store/store_ingest.h"
#include "store/store_token.h"
#include "util/jw.h"
#include "xfer/import.h"
#include "xfer/plan_doc.h"
#include "xfer/versions.h"

enum { MAX_BATCH = 1000 };

/* One measurement object -> m. */
static bool measurement_fields(struct input *in, struct measurement *m) {
    const char *period = NULL, *note = NULL, *source = NULL;
    if (!input_number(in, "value", IN_REQUIRED, &m->value, NULL) || !input_date(in, "period", IN_REQUIRED, &period) ||
        !input_text(in, "note", &field_note, IN_CLEARABLE, &note) || !input_text(in, "source", &field_source, IN_CLEARABLE, &source))
        return false;
    m->period = (char *)period;
    m->note = note && *note ? (char *)note : NULL;
    m->source = source && *source ? (char *)source : NULL;
    return true;
}

/* The caller and, for a token, the check that the KPI is of the token's organisation: false
 * after replying 401, 403 or 404. */
static bool measurement_caller(struct req *r, int64_t kpi_id, struct ingest_caller *c) {
    if (!api_ingest_caller(r, c))
        return false;
    if (!c->has_token)
        return true;
    struct location loc;
    int rc = store_locate(r->db, ENTITY_KPI, kpi_id, &loc);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return false;
    }
    return api_ingest_allows(r, c, loc.org_id);
}

/* The body: one measurement object, or {"measurements": [...]} (1 to MAX_BATCH). On false
 * the 4xx reply naming the bad field has been sent. */
static bool measurement_body(struct req *r, int64_t kpi_id, struct measurement_for **ret, size_t *ret_n) {
    struct input in;
    if (!input_begin(r, &in))
        return false;
    json_t *batch = NULL;
    enum input_state bs;
    bool ok = input_array(&in, "measurements", MAX_BATCH, 0, &batch, &bs);
    if (ok && bs == INPUT_SET && json_array_size(batch) == 0)
        ok = input_fail(&in, "measurements", "must be a list of 1 to %d measurements", MAX_BATCH);
    size_t n = batch ? json_array_size(batch) : 1;
    struct measurement_for *items = arena_alloc(&r->arena, n * sizeof *items);
    for (size_t i = 0; ok && i < n; i++) {
        struct input item = in;
        items[i].kpi_id = kpi_id;
        ok = (!batch || input_item(&in, "measurements", batch, i, &item)) && measurement_fields(&item, &items[i].m);
    }
    ok = input_end(&in) && ok;
    *ret = items;
    *ret_n = n;
    return ok;
}

/* Adds the measurements (and a token's last use) in one transaction: a change of the draft alone,
 * which leaves the public's cached pages (db_commit_draft). */
static int measurements_write(struct req *r, const struct ingest_caller *c, struct measurement_for *items, size_t n,
                              int64_t *ids) {
    int rc = db_begin(r->db);
    if (rc == 0 && c->has_token)
        rc = store_token_touch(r->db, c->token_id);
    if (rc == 0)
        rc = store_measurements_add(r->db, items, n, &c->actor, ids);
    if (rc < 0) {
        db_rollback(r->db);
        return rc;
    }
    return db_commit_draft(r->db);
}

/* POST /api/v1/kpis/{id}/measurements */
void api_measurement_post(struct req *r) {
    int64_t kpi_id;
    struct ingest_caller caller;
    struct measurement_for *items;
    size_t n;
    if (!req_param_id(r, 0, &kpi_id) || !measurement_caller(r, kpi_id, &caller) ||
        !measurement_body(r, kpi_id, &items, &n))
        return;
    for (size_t i = 0; caller.has_token && i < n; i++)     /* a token's data carries its name */
        if (!items[i].m.source)
            items[i].m.source = (char *)caller.token_name;
    int64_t *ids = arena_alloc(&r->arena, n * sizeof *ids);
    int rc = measurements_write(r, &caller, items, n, ids);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_key(&w, "items");
    jw_arr_begin(&w);
    for (size_t i = 0; i < n; i++) {
        jw_obj_begin(&w);
        jw_kint(&w, "id", ids[i]);
        jw_kstr(&w, "period", items[i].m.period);
        jw_knum(&w, "value", items[i].m.value);
        if (items[i].m.source)
            jw_kstr(&w, "source", items[i].m.source);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_kint(&w, "total", (int64_t)n);
    jw_obj_end(&w);
    resp_json(r, 201);
}

/* PATCH /api/v1/measurements/{id} */
void api_measurement_patch(struct req *r) {
    int64_t id;
    struct input in;
    if (!req_param_id(r, 0, &id) || !input_begin(r, &in))
        return;
    struct measurement_patch p = {0};
    enum input_state vs;
    bool ok = input_date(&in, "period", 0, &p.period) && input_number(&in, "value", 0, &p.value, &vs) &&
              input_text(&in, "note", &field_note, IN_CLEARABLE, &p.note) &&
              input_text(&in, "source", &field_source, IN_CLEARABLE, &p.source);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    p.set_value = vs == INPUT_SET;
    struct location loc;
    int rc = store_measurement_update(r->db, id, &p, req_actor(r));
    if (rc == 0)
        rc = store_locate(r->db, ENTITY_MEASUREMENT, id, &loc);
    if (rc < 0)
        resp_store_error(r, rc, NULL, NULL);
    else
        api_kpi_reply(r, loc.kpi_id, 200);   /* the KPI with its figures as they are now */
}

/* DELETE /api/v1/measurements/{id} */
void api_measurement_delete(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    struct edit_fail fail = {0};
    input_deleted(r, store_measurement_delete(r->db, id, req_actor(r)), &fail);
}
