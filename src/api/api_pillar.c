/* /api/v1 handlers of pillars: creating one in a plan, changing it (title, code, examples,
 * order, 廃止), deleting one without history. */
#include <string.h>
#include "api/api.h"
#include "api/api_entity.h"
#include "core/errors.h"
#include "core/notice.h"
#include "core/orgcode.h"
#include "core/plan_check.h"
#include "http/session.h"
#include "store/store.h"
#include "util/jw.h"
#include "util/utf8.h"
#include "xfer/plan_doc.h"

/* What a POST or PATCH of a pillar reads: the patch, and the examples it points to. */
struct pillar_write { struct pillar_patch p; struct strlist examples; };

static bool pillar_fields(struct input *in, unsigned req, void *wp) {
    struct pillar_write *w = wp;
    struct pillar_patch *p = &w->p;
    struct strlist *examples = &w->examples;
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

static int pillar_create(struct req *r, int64_t plan_id, const void *wp, int64_t *ret_id, struct edit_fail *fail) {
    const struct pillar_write *w = wp;
    struct pillar pi = {.code = (char *)w->p.code, .title = (char *)w->p.title, .summary = (char *)w->p.summary,
                        .abolished = w->p.abolished};
    if (w->p.examples)
        pi.examples = w->examples;
    return store_pillar_create(r->db, plan_id, &pi, w->p.position, req_actor(r), ret_id, fail);
}

static int pillar_update(struct req *r, int64_t id, const void *wp, struct edit_fail *fail) {
    return store_pillar_update(r->db, id, &((const struct pillar_write *)wp)->p, req_actor(r), fail);
}

static const struct api_entity pillar_entity = {
    sizeof(struct pillar_write), false, pillar_fields, pillar_create, pillar_update, store_pillar_delete, pillar_reply,
};

/* POST /api/v1/plans/{id}/pillars */
void api_pillar_post(struct req *r) { api_entity_post(r, &pillar_entity); }

/* PATCH /api/v1/pillars/{id} */
void api_pillar_patch(struct req *r) { api_entity_patch(r, &pillar_entity); }

/* DELETE /api/v1/pillars/{id} */
void api_pillar_delete(struct req *r) { api_entity_delete(r, &pillar_entity); }
