/* /api/v1 handlers of pillars: creating one in a plan, changing it (title, code, examples,
 * order, 廃止), deleting one without history. */
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

static bool pillar_fields(struct input *in, unsigned req, struct pillar_patch *p, struct strlist *examples) {
    bool set_examples;
    if (!(input_code(in, "code", req, &p->code) &&
          input_label(in, "title", &field_label, req, &p->title) &&
          input_text(in, "summary", &field_text, IN_CLEARABLE, &p->summary) &&
          input_strlist(in, "examples", &field_item, IN_CLEARABLE, examples, &set_examples) &&
          input_abolished(in, &p->set_abolished, &p->abolished) &&
          input_position(in, &p->set_position, &p->position)))
        return false;
    p->examples = set_examples ? examples : NULL;
    return true;
}

/* The pillar as GET /api/v1/plans/{id} shows it, with its plan_id. */
static void pillar_reply(struct req *r, int64_t id, int status) {
    struct location loc;
    struct plan p;
    int rc = store_locate(r->db, ENTITY_PILLAR, id, &loc);
    if (rc == 0)
        rc = store_plan_load(r->db, &r->arena, loc.plan_id, LOAD_FULL, &p);
    for (size_t i = 0; rc == 0 && i < p.n_pillars; i++)
        if (p.pillars[i].id == id) {
            struct jw w;
            jw_init(&w, &r->out, 0);
            jw_obj_begin(&w);
            jw_kint(&w, "plan_id", loc.plan_id);
            plan_doc_write_pillar(&w, &p.pillars[i], DOC_WITH_IDS | DOC_WITH_DERIVED | DOC_MEMBERS, r->today);
            jw_obj_end(&w);
            resp_json(r, status);
            return;
        }
    resp_store_error(r, rc < 0 ? rc : KW_ENOTFOUND, NULL, NULL);
}

/* POST /api/v1/plans/{id}/pillars */
void api_pillar_post(struct req *r) {
    int64_t plan_id;
    struct input in;
    if (!req_param_id(r, 0, &plan_id) || !input_begin(r, &in))
        return;
    struct pillar_patch p = {0};
    struct strlist examples;
    bool ok = pillar_fields(&in, IN_REQUIRED, &p, &examples);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct pillar pi = {.code = (char *)p.code, .title = (char *)p.title, .summary = (char *)p.summary,
                        .abolished = p.abolished};
    if (p.examples)
        pi.examples = examples;
    struct edit_fail fail = {0};
    int64_t id;
    int rc = store_pillar_create(r->db, plan_id, &pi, p.position, req_actor(r), &id,
                                 &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        pillar_reply(r, id, 201);
}

/* PATCH /api/v1/pillars/{id} */
void api_pillar_patch(struct req *r) {
    int64_t id;
    struct input in;
    if (!req_param_id(r, 0, &id) || !input_begin(r, &in))
        return;
    struct pillar_patch p = {0};
    struct strlist examples;
    bool ok = pillar_fields(&in, 0, &p, &examples);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct edit_fail fail = {0};
    int rc = store_pillar_update(r->db, id, &p, req_actor(r), &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        pillar_reply(r, id, 200);
}

/* DELETE /api/v1/pillars/{id} */
void api_pillar_delete(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    struct edit_fail fail = {0};
    input_deleted(r, store_pillar_delete(r->db, id, req_actor(r), &fail), &fail);
}
