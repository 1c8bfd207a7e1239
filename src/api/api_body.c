/* Writing the promotion organisation's bodies through /api/v1 (issue 12 point 2): bodies
 * (推進本部, 委員会, WGs …) with their topics and members; their meetings: api_meeting.c, the
 * lists of both: api_bodies.c. Like api_plan.c and the others: each handler reads the whole body,
 * makes one store call (one transaction with its audit row) and replies with the entity as it is
 * now, or 204. */
#include "http/session.h"
#include "api/api.h"
#include "api/api_input.h"
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
        if (!input_item(in, "members", arr, i, &e) || !input_label(&e, "name", MODEL_MAX_TITLE, IN_REQUIRED, &name) ||
            !input_label(&e, "role", MODEL_MAX_TITLE, IN_REQUIRED, &role) ||
            !input_text(&e, "post", MODEL_MAX_TITLE, IN_CLEARABLE, &post) ||
            !input_text(&e, "department", MODEL_MAX_TITLE, IN_CLEARABLE, &dept))
            return false;
        v[i] = (struct body_member){.name = (char *)name, .role = (char *)role,
                                    .post = post && *post ? (char *)post : NULL,
                                    .department = dept && *dept ? (char *)dept : NULL};
    }
    p->members = v;
    p->n_members = n;
    return true;
}

static bool body_fields(struct input *in, unsigned req, struct body_patch *p, struct strlist *topics) {
    bool set_topics;
    int64_t headcount = 0;
    enum input_state hs;
    if (!input_label(in, "code", MODEL_MAX_DEPT_CODE, req, &p->code))
        return false;
    if (p->code && !model_code_valid(p->code, MODEL_MAX_DEPT_CODE))
        return input_fail(in, "code", "must be 1-%d characters of a-z, 0-9, - and _", MODEL_MAX_DEPT_CODE);
    if (!(input_label(in, "name", MODEL_MAX_TITLE, req, &p->name) &&
          input_enum(in, "kind", body_kind_names, req, &p->kind) &&
          input_text(in, "description", MODEL_MAX_TEXT, IN_CLEARABLE, &p->description) &&
          input_int(in, "headcount", 1, BODY_MAX_HEADCOUNT, IN_CLEARABLE, &headcount, &hs) &&
          input_strlist(in, "topics", MODEL_MAX_TITLE, IN_CLEARABLE, topics, &set_topics) && body_members(in, p) &&
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

/* POST /api/v1/orgs/{code}/bodies */
void api_body_post(struct req *r) {
    struct org o;
    int rc = store_org_by_code(r->db, &r->arena, r->params[0], &o);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct input in;
    if (!input_begin(r, &in))
        return;
    struct body_patch p = {0};
    struct strlist topics = {0};
    bool ok = body_fields(&in, IN_REQUIRED, &p, &topics);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct body b = {.code = (char *)p.code, .name = (char *)p.name, .kind = (char *)p.kind,
                     .description = p.description && *p.description ? (char *)p.description : NULL,
                     .abolished = p.abolished, .headcount = p.headcount, .topics = topics, .members = (struct body_member *)p.members,
                     .n_members = p.n_members};
    struct edit_fail fail = {0};
    int64_t id;
    if ((rc = store_body_create(r->db, o.id, &b, p.position, req_actor(r), &id, &fail)) < 0)
        input_store_fail(r, rc, &fail);
    else
        body_reply(r, id, 201);
}

/* PATCH /api/v1/bodies/{id} */
void api_body_patch(struct req *r) {
    int64_t id;
    struct input in;
    if (!req_param_id(r, 0, &id) || !input_begin(r, &in))
        return;
    struct body_patch p = {0};
    struct strlist topics = {0};
    bool ok = body_fields(&in, 0, &p, &topics);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct edit_fail fail = {0};
    int rc = store_body_update(r->db, id, &p, req_actor(r), &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        body_reply(r, id, 200);
}

/* DELETE /api/v1/bodies/{id} */
void api_body_delete(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    struct edit_fail fail = {0};
    input_deleted(r, store_body_delete(r->db, id, req_actor(r), &fail), &fail);
}
