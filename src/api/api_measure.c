/* /api/v1 handlers of a measure: reading one (the working draft, or the published version for
 * those who do not read drafts), creating it in a theme, changing it (a reporter only its
 * content: 現状, schedule, progress), deleting it. Input is read with api_input.h and fully
 * validated before the one store call that writes it. */
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
    api_reply(r, status);
}

/* What a department's reporter writes in its own measures (SPEC §5); the rest is the office's. */
static const char *const measure_reporter_fields[] = {"current", "schedule", "progress", NULL};

/* What a POST or PATCH of a measure reads: the patch, and the lists it points to. */
struct measure_write {
    struct measure_patch p;
    struct measure_lists {
        struct strlist departments, means, tags, links;
        struct period_items *schedule, *progress;
    } l;
};

/* The fields of a measure; req is IN_REQUIRED for a create. A PATCH may also move it to another
 * theme (theme_id); a reporter's PATCH writes only measure_reporter_fields. */
static bool measure_fields(struct input *in, unsigned req, void *wp) {
    struct measure_write *w = wp;
    struct measure_patch *p = &w->p;
    struct measure_lists *l = &w->l;
    enum input_state ns;
    bool sd, sm, st, sl;
    if (!req) {
        /* the first fields of this PATCH keep their first meaning: null leaves them as they are */
        static const char *const null_leaves[] = {"title", "current", "ideal", "status"};
        for (size_t i = 0; i < sizeof null_leaves / sizeof *null_leaves; i++)
            if (json_is_null(json_object_get(in->obj, null_leaves[i])))
                json_object_del(in->obj, null_leaves[i]);
    }
    if (!(input_code(in, "code", req, &p->code) &&
          input_label(in, "title", &field_label, req, &p->title) &&
          input_text(in, "current", &field_text, IN_CLEARABLE, &p->current) &&
          input_text(in, "ideal", &field_text, IN_CLEARABLE, &p->ideal) &&
          input_enum(in, "status", measure_status_names, 0, &p->status) &&
          input_fy(in, "new_since_fy", IN_CLEARABLE, &p->new_since_fy, &ns) &&
          input_enum(in, "scope", measure_scope_names, IN_CLEARABLE, &p->scope) &&
          input_strlist(in, "departments", &field_label, IN_CLEARABLE, &l->departments, &sd) &&
          input_strlist(in, "means", &field_item, IN_CLEARABLE, &l->means, &sm) &&
          input_strlist(in, "tags", &field_item, IN_CLEARABLE, &l->tags, &st) &&
          input_strlist(in, "links", &field_label, IN_CLEARABLE, &l->links, &sl) &&
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
    if (req)
        return true;
    if (!input_id(in, "theme_id", &p->theme_id))
        return false;
    return authz_allows(in->r, PERM_OFFICE) ||
           input_only(in, measure_reporter_fields,
                      "the plan's structure and commitments are the office's (事務局) to change; "
                      "a department writes current, schedule and progress");
}

static int measure_create(struct req *r, int64_t theme_id, const void *wp, int64_t *ret_id, struct edit_fail *fail) {
    const struct measure_write *w = wp;
    const struct measure_patch *p = &w->p;
    struct measure m = {
        .code = (char *)p->code, .title = (char *)p->title, .current = (char *)p->current, .ideal = (char *)p->ideal,
        .status = MS_ACTIVE, .new_since_fy = p->new_since_fy, .departments = w->l.departments, .means = w->l.means,
        .tags = w->l.tags, .links = w->l.links, .schedule = w->l.schedule, .n_schedule = p->n_schedule,
        .progress = w->l.progress, .n_progress = p->n_progress,
    };
    if (p->status)
        measure_status_parse(p->status, &m.status);
    if (p->scope && *p->scope)
        measure_scope_parse(p->scope, &m.scope);
    return store_measure_create(r->db, theme_id, &m, p->position, req_actor(r), ret_id, fail);
}

static int measure_update(struct req *r, int64_t id, const void *wp, struct edit_fail *fail) {
    return store_measure_edit(r->db, id, &((const struct measure_write *)wp)->p, req_actor(r), fail);
}

static const struct api_entity measure_entity = {
    sizeof(struct measure_write), false, measure_fields, measure_create, measure_update, store_measure_delete,
    api_measure_reply,
};

/* POST /api/v1/themes/{id}/measures */
void api_measure_post(struct req *r) { api_entity_post(r, &measure_entity); }

/* PATCH /api/v1/measures/{id} */
void api_measure_patch(struct req *r) { api_entity_patch(r, &measure_entity); }

/* DELETE /api/v1/measures/{id} */
void api_measure_delete(struct req *r) { api_entity_delete(r, &measure_entity); }
