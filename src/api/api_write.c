/* Writing /api/v1 handlers for the lower levels of a plan: measures (create, change, reorder,
 * move, delete), KPIs (create, change, delete), KPI measurements (one or a batch, also from
 * other systems with an API token; delete). Input is read with api_input.h and fully validated
 * before the one store call that writes it. */
#include <string.h>
#include "http/session.h"
#include "api/api.h"
#include "http/authz.h"
#include "api/api_input.h"
#include "api/api_token.h"
#include "core/errors.h"
#include "store/store.h"
#include "xfer/versions.h"
#include "store/store_ingest.h"
#include "store/store_token.h"
#include "util/jw.h"
#include "xfer/import.h"

enum { MAX_BATCH = 1000, MAX_SOURCE = 200 };

static const char *const target_states[] = {"undecided", "none", NULL};

/* ---- KPI measurements */

/* One measurement object -> m. */
static bool measurement_fields(struct input *in, struct measurement *m) {
    const char *period = NULL, *note = NULL, *source = NULL;
    if (!input_number(in, "value", IN_REQUIRED, &m->value, NULL) || !input_date(in, "period", IN_REQUIRED, &period) ||
        !input_text(in, "note", MODEL_MAX_NOTE, IN_CLEARABLE, &note) || !input_text(in, "source", MAX_SOURCE, IN_CLEARABLE, &source))
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

/* Adds the measurements (and a token's last use) in one transaction. */
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
    return db_commit(r->db);
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
              input_text(&in, "note", MODEL_MAX_NOTE, IN_CLEARABLE, &p.note) &&
              input_text(&in, "source", MAX_SOURCE, IN_CLEARABLE, &p.source);
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

/* ---- measures */

/* What a department's reporter writes in its own measures (SPEC §5); the rest is the office's. */
static const char *const measure_reporter_fields[] = {"current", "schedule", "progress", NULL};

struct measure_lists {
    struct strlist departments, means, tags, links;
    struct period_items *schedule, *progress;
};

/* The fields of a measure that POST and PATCH share; req is IN_REQUIRED for a create. */
static bool measure_fields(struct input *in, unsigned req, struct measure_patch *p, struct measure_lists *l) {
    enum input_state ns;
    bool sd, sm, st, sl;
    if (!(input_code(in, "code", req, &p->code) &&
          input_label(in, "title", MODEL_MAX_TITLE, req, &p->title) &&
          input_text(in, "current", MODEL_MAX_TEXT, IN_CLEARABLE, &p->current) &&
          input_text(in, "ideal", MODEL_MAX_TEXT, IN_CLEARABLE, &p->ideal) &&
          input_enum(in, "status", measure_status_names, 0, &p->status) &&
          input_fy(in, "new_since_fy", IN_CLEARABLE, &p->new_since_fy, &ns) &&
          input_enum(in, "scope", measure_scope_names, IN_CLEARABLE, &p->scope) &&
          input_strlist(in, "departments", MODEL_MAX_TITLE, IN_CLEARABLE, &l->departments, &sd) &&
          input_strlist(in, "means", MODEL_MAX_TEXT, IN_CLEARABLE, &l->means, &sm) &&
          input_strlist(in, "tags", MODEL_MAX_TEXT, IN_CLEARABLE, &l->tags, &st) &&
          input_strlist(in, "links", MODEL_MAX_TITLE, IN_CLEARABLE, &l->links, &sl) &&
          input_period_items(in, "schedule", &l->schedule, &p->n_schedule, &p->set_schedule) &&
          input_period_items(in, "progress", &l->progress, &p->n_progress, &p->set_progress) &&
          input_position(in, &p->set_position, &p->position)))
        return false;
    p->set_new_since = ns != INPUT_ABSENT;
    p->set_scope = p->scope != NULL;
    p->departments = sd ? &l->departments : NULL;
    p->means = sm ? &l->means : NULL;
    p->tags = st ? &l->tags : NULL;
    p->links = sl ? &l->links : NULL;
    p->schedule = l->schedule;
    p->progress = l->progress;
    return true;
}

/* POST /api/v1/themes/{id}/measures */
void api_measure_post(struct req *r) {
    int64_t theme_id;
    struct input in;
    if (!req_param_id(r, 0, &theme_id) || !input_begin(r, &in))
        return;
    struct measure_patch p = {0};
    struct measure_lists l;
    bool ok = measure_fields(&in, IN_REQUIRED, &p, &l);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct measure m = {
        .code = (char *)p.code, .title = (char *)p.title, .current = (char *)p.current, .ideal = (char *)p.ideal,
        .status = MS_ACTIVE, .new_since_fy = p.new_since_fy, .departments = l.departments, .means = l.means,
        .tags = l.tags, .links = l.links, .schedule = l.schedule, .n_schedule = p.n_schedule,
        .progress = l.progress, .n_progress = p.n_progress,
    };
    if (p.status)
        measure_status_parse(p.status, &m.status);
    if (p.scope && *p.scope)
        measure_scope_parse(p.scope, &m.scope);
    struct edit_fail fail = {0};
    int64_t id;
    int rc = store_measure_create(r->db, theme_id, &m, p.position, req_actor(r), &id, &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        api_measure_reply(r, id, 201);
}

/* PATCH /api/v1/measures/{id} */
void api_measure_patch(struct req *r) {
    int64_t id;
    struct input in;
    if (!req_param_id(r, 0, &id) || !input_begin(r, &in))
        return;
    /* the first fields of this PATCH keep their first meaning: null leaves them as they are */
    static const char *const null_leaves[] = {"title", "current", "ideal", "status"};
    for (size_t i = 0; i < sizeof null_leaves / sizeof *null_leaves; i++)
        if (json_is_null(json_object_get(in.obj, null_leaves[i])))
            json_object_del(in.obj, null_leaves[i]);
    struct measure_patch p = {0};
    struct measure_lists l;
    bool ok = measure_fields(&in, 0, &p, &l) && input_id(&in, "theme_id", &p.theme_id);
    if (ok && !authz_allows(r, PERM_OFFICE))
        ok = input_only(&in, measure_reporter_fields,
                        "the plan's structure and commitments are the office's (事務局) to change; "
                        "a department writes current, schedule and progress");
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct edit_fail fail = {0};
    int rc = store_measure_edit(r->db, id, &p, req_actor(r), &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        api_measure_reply(r, id, 200);
}

/* DELETE /api/v1/measures/{id} */
void api_measure_delete(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    struct edit_fail fail = {0};
    input_deleted(r, store_measure_delete(r->db, id, req_actor(r), &fail), &fail);
}

/* ---- KPIs */

/* The target {value, fy} or {state}. */
static bool kpi_target(struct input *t, struct kpi_patch *p) {
    const char *state = NULL;
    if (!input_enum(t, "state", target_states, 0, &state))
        return false;
    if (state) {
        if (json_object_get(t->obj, "value"))
            return input_fail(t, "value", "must be absent when state is given");
        if (json_object_get(t->obj, "fy"))
            return input_fail(t, "fy", "must be absent when state is given");
        p->target_state = strcmp(state, "undecided") == 0 ? TARGET_UNDECIDED : TARGET_NONE;
        return true;
    }
    p->target_state = TARGET_SET;
    return input_number(t, "value", IN_REQUIRED, &p->target_value, NULL) &&
           input_fy(t, "fy", IN_REQUIRED, &p->target_fy, NULL);
}

/* The fields of a KPI that POST and PATCH share; req is IN_REQUIRED for a create. */
static bool kpi_fields(struct input *in, unsigned req, struct kpi_patch *p) {
    const char *dir = NULL;
    struct input base, target;
    enum input_state bs, ts;
    /* a KPI the source names no indicator for has no name (指標未設定): null clears it on PATCH */
    bool unname = !req && json_is_null(json_object_get(in->obj, "name"));
    if (!((unname ? input_text(in, "name", MODEL_MAX_TITLE, IN_CLEARABLE, &p->name)
                  : input_label(in, "name", MODEL_MAX_TITLE, req, &p->name)) &&
          input_code(in, "code", IN_CLEARABLE, &p->code) &&
          input_abolished(in, &p->set_abolished, &p->abolished) &&
          input_text(in, "unit", MODEL_MAX_TITLE, IN_CLEARABLE, &p->unit) &&
          input_enum(in, "direction", kpi_direction_names, 0, &dir) &&
          input_enum(in, "perspective", kpi_perspective_names, IN_CLEARABLE, &p->perspective) &&
          input_text(in, "definition", MODEL_MAX_TEXT, IN_CLEARABLE, &p->definition) &&
          input_text(in, "source", MODEL_MAX_TEXT, IN_CLEARABLE, &p->source) &&
          input_object(in, "baseline", IN_CLEARABLE, &base, &bs) &&
          input_object(in, "target", req, &target, &ts) &&
          input_position(in, &p->set_position, &p->position)))
        return false;
    p->set_direction = dir != NULL;
    if (dir)
        direction_parse(dir, &p->direction);
    p->set_baseline = bs != INPUT_ABSENT;
    p->has_baseline = bs == INPUT_SET;
    if (bs == INPUT_SET && !(input_number(&base, "value", IN_REQUIRED, &p->baseline_value, NULL) &&
                             input_fy(&base, "fy", IN_REQUIRED, &p->baseline_fy, NULL)))
        return false;
    p->set_target = ts == INPUT_SET;
    return ts != INPUT_SET || kpi_target(&target, p);
}

/* POST /api/v1/measures/{id}/kpis */
void api_kpi_post(struct req *r) {
    int64_t measure_id;
    struct input in;
    if (!req_param_id(r, 0, &measure_id) || !input_begin(r, &in))
        return;
    struct kpi_patch p = {0};
    bool ok = kpi_fields(&in, IN_REQUIRED, &p);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct kpi k = {
        .name = (char *)p.name, .code = p.code && *p.code ? (char *)p.code : NULL, .abolished = p.abolished,
        .unit = (char *)p.unit, .definition = (char *)p.definition, .source = (char *)p.source,
        .direction = p.set_direction ? p.direction : DIR_INCREASE, .perspective = (char *)p.perspective,
        .has_baseline = p.has_baseline, .baseline_value = p.baseline_value, .baseline_fy = p.baseline_fy,
        .target_state = p.target_state, .target_value = p.target_value, .target_fy = p.target_fy,
    };
    struct edit_fail fail = {0};
    int64_t id;
    int rc = store_kpi_create(r->db, measure_id, &k, p.position, req_actor(r), &id, &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        api_kpi_reply(r, id, 201);
}

/* PATCH /api/v1/kpis/{id} */
void api_kpi_patch(struct req *r) {
    int64_t id;
    struct input in;
    if (!req_param_id(r, 0, &id) || !input_begin(r, &in))
        return;
    struct kpi_patch p = {0};
    bool ok = kpi_fields(&in, 0, &p);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct edit_fail fail = {0};
    int rc = store_kpi_update(r->db, id, &p, req_actor(r), &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        api_kpi_reply(r, id, 200);
}

/* DELETE /api/v1/kpis/{id} */
void api_kpi_delete(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    struct edit_fail fail = {0};
    input_deleted(r, store_kpi_delete(r->db, id, req_actor(r), &fail), &fail);
}
