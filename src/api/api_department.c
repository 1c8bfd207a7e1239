/* /api/v1 handlers of departments: how one is listed, creating one in an organisation,
 * changing it (name, parent 部, e-mail, order, 廃止), deleting one without history. */
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

void api_department_write(struct jw *w, const struct department *d) {
    jw_obj_begin(w);
    jw_kint(w, "id", d->id);
    jw_kstr(w, "code", d->code);
    jw_kstr(w, "name", d->name);
    if (d->parent_code) jw_kstr(w, "parent", d->parent_code);
    if (d->abolished) jw_kbool(w, "abolished", true);
    jw_obj_end(w);
}


static bool department_fields(struct input *in, unsigned req, struct department_patch *p) {
    if (!input_label(in, "code", FIELD_LINE(MODEL_MAX_DEPT_CODE), req, &p->code))
        return false;
    if (p->code && !model_code_valid(p->code, MODEL_MAX_DEPT_CODE))
        return input_fail(in, "code", "must be 1-%d characters of a-z, 0-9, - and _", MODEL_MAX_DEPT_CODE);
    return input_label(in, "name", &field_label, req, &p->name) &&
           input_text(in, "parent", FIELD_LINE(MODEL_MAX_DEPT_CODE), IN_CLEARABLE, &p->parent) &&
           input_abolished(in, &p->set_abolished, &p->abolished) &&
           input_position(in, &p->set_position, &p->position);
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

/* POST /api/v1/orgs/{code}/departments */
void api_department_post(struct req *r) {
    struct org o;
    int rc = store_org_by_code(r->db, &r->arena, r->params[0], &o);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct input in;
    if (!input_begin(r, &in))
        return;
    struct department_patch p = {0};
    bool ok = department_fields(&in, IN_REQUIRED, &p);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct department d = {.code = (char *)p.code, .name = (char *)p.name, .parent_code = (char *)p.parent,
                           .abolished = p.abolished};
    struct edit_fail fail = {0};
    int64_t id;
    rc = store_department_create(r->db, o.id, &d, p.position, req_actor(r), &id, &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        department_reply(r, id, 201);
}

/* PATCH /api/v1/departments/{id} */
void api_department_patch(struct req *r) {
    int64_t id;
    struct input in;
    if (!req_param_id(r, 0, &id) || !input_begin(r, &in))
        return;
    struct department_patch p = {0};
    const char *email = NULL;                             /* the contact e-mail for reminders */
    bool ok = department_fields(&in, 0, &p) && input_text(&in, "email", FIELD_LINE(NOTICE_MAX_EMAIL), IN_CLEARABLE, &email);
    if (ok && email && *email && !notice_email_valid(email))
        ok = input_fail(&in, "email", "must be an e-mail address like name@example.jp (\"\" or null clears it)");
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct edit_fail fail = {0};
    int rc = store_department_patch(r->db, id, &p, email, req_actor(r), &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        department_reply(r, id, 200);
}

/* DELETE /api/v1/departments/{id} */
void api_department_delete(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    struct edit_fail fail = {0};
    input_deleted(r, store_department_delete(r->db, id, req_actor(r), &fail), &fail);
}
