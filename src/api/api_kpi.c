/* /api/v1 handlers of a KPI: reading one (the working draft, or the published version), creating
 * it under a measure, changing its definition and target, deleting it. */
#include <string.h>
#include "api/api.h"
#include "api/api_entity.h"
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

static const char *const target_states[] = {"undecided", "none", NULL};

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
    api_reply(r, status);
}

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
static bool kpi_fields(struct input *in, unsigned req, void *wp) {
    struct kpi_patch *p = wp;
    const char *dir = NULL;
    struct input base, target;
    enum input_state bs, ts;
    /* a KPI the source names no indicator for has no name (指標未設定): null clears it on PATCH */
    bool unname = !req && json_is_null(json_object_get(in->obj, "name"));
    if (!((unname ? input_text(in, "name", &field_label, IN_CLEARABLE, &p->name)
                  : input_label(in, "name", &field_label, req, &p->name)) &&
          input_code(in, "code", IN_CLEARABLE, &p->code) &&
          input_abolished(in, &p->set_abolished, &p->abolished) &&
          input_text(in, "unit", &field_label, IN_CLEARABLE, &p->unit) &&
          input_enum(in, "direction", kpi_direction_names, 0, &dir) &&
          input_enum(in, "perspective", kpi_perspective_names, IN_CLEARABLE, &p->perspective) &&
          input_text(in, "definition", &field_text, IN_CLEARABLE, &p->definition) &&
          input_text(in, "source", &field_text, IN_CLEARABLE, &p->source) &&
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

static int kpi_create(struct req *r, int64_t measure_id, const void *wp, int64_t *ret_id, struct edit_fail *fail) {
    const struct kpi_patch *p = wp;
    struct kpi k = {
        .name = (char *)p->name, .code = p->code && *p->code ? (char *)p->code : NULL, .abolished = p->abolished,
        .unit = (char *)p->unit, .definition = (char *)p->definition, .source = (char *)p->source,
        .direction = p->set_direction ? p->direction : DIR_INCREASE, .perspective = (char *)p->perspective,
        .has_baseline = p->has_baseline, .baseline_value = p->baseline_value, .baseline_fy = p->baseline_fy,
        .target_state = p->target_state, .target_value = p->target_value, .target_fy = p->target_fy,
    };
    return store_kpi_create(r->db, measure_id, &k, p->position, req_actor(r), ret_id, fail);
}

static int kpi_update(struct req *r, int64_t id, const void *p, struct edit_fail *fail) {
    return store_kpi_update(r->db, id, p, req_actor(r), fail);
}

static const struct api_entity kpi_entity = {
    sizeof(struct kpi_patch), false, kpi_fields, kpi_create, kpi_update, store_kpi_delete, api_kpi_reply,
};

/* POST /api/v1/measures/{id}/kpis */
void api_kpi_post(struct req *r) { api_entity_post(r, &kpi_entity); }

/* PATCH /api/v1/kpis/{id} */
void api_kpi_patch(struct req *r) { api_entity_patch(r, &kpi_entity); }

/* DELETE /api/v1/kpis/{id} */
void api_kpi_delete(struct req *r) { api_entity_delete(r, &kpi_entity); }
