/* Writing the promotion organisation's bodies through /api/v1 (issue 12 point 2): bodies
 * (推進本部, 委員会, WGs …) with their topics and members; their meetings: api_meeting.c, the
 * lists of both: api_bodies.c. Like api_plan.c and the others: each handler reads the whole body,
 * makes one store call (one transaction with its audit row) and replies with the entity as it is
 * now, or 204. */
#include "http/session.h"
#include "api/api.h"
#include "api/api_entity.h"
#include "core/body.h"
#include "store/store.h"
#include "xfer/plan_bodies.h"

/* "members": [{name, role, post?, department?}] */
static bool body_members(struct input *in, struct body_patch *p) {
    json_t *arr = NULL;
    enum input_state st;
    if (!input_array(in, "members", MODEL_MAX_LIST, IN_CLEARABLE, &arr, &st))
        return false;
    p->set_members = st != INPUT_ABSENT;
    size_t n = json_array_size(arr);
    struct body_member *v = arena_alloc(&in->r->arena, (n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        struct input e;
        const char *name = NULL, *role = NULL, *post = NULL, *dept = NULL;
        if (!input_item(in, "members", arr, i, &e) || !input_label(&e, "name", &field_label, IN_REQUIRED, &name) ||
            !input_label(&e, "role", &field_label, IN_REQUIRED, &role) ||
            !input_text(&e, "post", &field_label, IN_CLEARABLE, &post) ||
            !input_text(&e, "department", &field_label, IN_CLEARABLE, &dept))
            return false;
        v[i] = (struct body_member){.name = (char *)name, .role = (char *)role,
                                    .post = post && *post ? (char *)post : NULL,
                                    .department = dept && *dept ? (char *)dept : NULL};
    }
    p->members = v;
    p->n_members = n;
    return true;
}

/* What a POST or PATCH of a body reads: the patch, and the topics it points to. */
struct body_write { struct body_patch p; struct strlist topics; };

static bool body_fields(struct input *in, unsigned req, void *wp) {
    struct body_write *w = wp;
    struct body_patch *p = &w->p;
    struct strlist *topics = &w->topics;
    bool set_topics;
    int64_t headcount = 0;
    enum input_state hs;
    if (!(input_machine_code(in, "code", req, &p->code) && input_label(in, "name", &field_label, req, &p->name) &&
          input_enum(in, "kind", body_kind_names, req, &p->kind) &&
          input_text(in, "description", &field_text, IN_CLEARABLE, &p->description) &&
          input_int(in, "headcount", 1, BODY_MAX_HEADCOUNT, IN_CLEARABLE, &headcount, &hs) &&
          input_strlist(in, "topics", &field_label, IN_CLEARABLE, topics, &set_topics) && body_members(in, p) &&
          input_abolished(in, &p->set_abolished, &p->abolished) &&
          input_position(in, &p->set_position, &p->position)))
        return false;
    p->topics = set_topics ? topics : NULL;
    p->set_headcount = hs != INPUT_ABSENT;
    p->headcount = (int)headcount;
    return true;
}

/* The body as GET /api/v1/orgs/{code}/bodies lists it (with its meetings). */
static void body_reply(struct req *r, int64_t id, int status) {
    struct body b;
    struct org o;
    int rc = store_body_load(r->db, &r->arena, id, &b, &o);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    plan_doc_write_body(&w, &b, DOC_WITH_IDS, true);
    resp_json(r, status);
}

static int body_create(struct req *r, int64_t org_id, const void *wp, int64_t *ret_id, struct edit_fail *fail) {
    const struct body_write *w = wp;
    const struct body_patch *p = &w->p;
    struct body b = {.code = (char *)p->code, .name = (char *)p->name, .kind = (char *)p->kind,
                     .description = p->description && *p->description ? (char *)p->description : NULL,
                     .abolished = p->abolished, .headcount = p->headcount, .topics = w->topics,
                     .members = (struct body_member *)p->members, .n_members = p->n_members};
    return store_body_create(r->db, org_id, &b, p->position, req_actor(r), ret_id, fail);
}

static int body_update(struct req *r, int64_t id, const void *wp, struct edit_fail *fail) {
    return store_body_update(r->db, id, &((const struct body_write *)wp)->p, req_actor(r), fail);
}

static const struct api_entity body_entity = {
    sizeof(struct body_write), true, body_fields, body_create, body_update, store_body_delete, body_reply,
};

/* POST /api/v1/orgs/{code}/bodies */
void api_body_post(struct req *r) { api_entity_post(r, &body_entity); }

/* PATCH /api/v1/bodies/{id} */
void api_body_patch(struct req *r) { api_entity_patch(r, &body_entity); }

/* DELETE /api/v1/bodies/{id} */
void api_body_delete(struct req *r) { api_entity_delete(r, &body_entity); }
