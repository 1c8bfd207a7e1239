/* /api/v1 handlers of departments: how one is listed, creating one in an organisation,
 * changing it (name, parent 部, e-mail, order, 廃止), deleting one without history. */
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

void api_department_write(struct jw *w, const struct department *d) {
    jw_obj_begin(w);
    jw_kint(w, "id", d->id);
    jw_kstr(w, "code", d->code);
    jw_kstr(w, "name", d->name);
    if (d->parent_code) jw_kstr(w, "parent", d->parent_code);
    if (d->abolished) jw_kbool(w, "abolished", true);
    jw_obj_end(w);
}


/* What a POST or PATCH of a department reads: the patch, and on PATCH the contact e-mail for
 * reminders. */
struct department_write { struct department_patch p; const char *email; };

static bool department_fields(struct input *in, unsigned req, void *wp) {
    struct department_write *w = wp;
    struct department_patch *p = &w->p;
    if (!(input_machine_code(in, "code", req, &p->code) && input_label(in, "name", &field_label, req, &p->name) &&
          input_text(in, "parent", FIELD_LINE(MODEL_MAX_DEPT_CODE), IN_CLEARABLE, &p->parent) &&
          input_abolished(in, &p->set_abolished, &p->abolished) && input_position(in, &p->set_position, &p->position)))
        return false;
    if (req)
        return true;
    if (!input_text(in, "email", FIELD_LINE(NOTICE_MAX_EMAIL), IN_CLEARABLE, &w->email))
        return false;
    if (w->email && *w->email && !notice_email_valid(w->email))
        return input_fail(in, "email", "must be an e-mail address like name@example.jp (\"\" or null clears it)");
    return true;
}

static void department_reply(struct req *r, int64_t id, int status) {
    struct location loc;
    struct department *d = NULL;
    size_t n = 0;
    int rc = store_locate(r->db, ENTITY_DEPARTMENT, id, &loc);
    if (rc == 0)
        rc = store_departments(r->db, &r->arena, loc.org_id, &d, &n);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (d[i].id == id) {
            struct jw w;
            jw_init(&w, &r->out, 0);
            api_department_write(&w, &d[i]);
            resp_json(r, status);
            return;
        }
    resp_store_error(r, rc < 0 ? rc : KW_ENOTFOUND, NULL, NULL);
}

static int department_create(struct req *r, int64_t org_id, const void *wp, int64_t *ret_id, struct edit_fail *fail) {
    const struct department_patch *p = &((const struct department_write *)wp)->p;
    struct department d = {.code = (char *)p->code, .name = (char *)p->name, .parent_code = (char *)p->parent,
                           .abolished = p->abolished};
    return store_department_create(r->db, org_id, &d, p->position, req_actor(r), ret_id, fail);
}

static int department_update(struct req *r, int64_t id, const void *wp, struct edit_fail *fail) {
    const struct department_write *w = wp;
    return store_department_patch(r->db, id, &w->p, w->email, req_actor(r), fail);
}

static const struct api_entity department_entity = {
    sizeof(struct department_write), true, department_fields, department_create, department_update,
    store_department_delete, department_reply,
};

/* POST /api/v1/orgs/{code}/departments */
void api_department_post(struct req *r) { api_entity_post(r, &department_entity); }

/* PATCH /api/v1/departments/{id} */
void api_department_patch(struct req *r) { api_entity_patch(r, &department_entity); }

/* DELETE /api/v1/departments/{id} */
void api_department_delete(struct req *r) { api_entity_delete(r, &department_entity); }
