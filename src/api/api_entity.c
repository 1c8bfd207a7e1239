/* The writes of /api/v1 for one kind of entity, and the GET of an organisation's list of one kind (see api_entity.h). */
#include <stdio.h>
#include <string.h>
#include "api/api.h"
#include "api/api_entity.h"
#include "core/errors.h"
#include "http/session.h"
#include "store/store.h"

/* Reads the body into a zeroed write of the kind: NULL after replying. */
static void *read_body(struct req *r, const struct api_entity *k, unsigned req) {
    struct input in;
    if (!input_begin(r, &in))
        return NULL;
    void *w = arena_alloc(&r->arena, k->size);          /* zeroed */
    bool ok = k->fields(&in, req, w);
    ok = input_end(&in) && ok;
    return ok ? w : NULL;
}

void api_entity_post(struct req *r, const struct api_entity *k) {
    int64_t parent;
    if (k->under_org) {
        struct org o;
        int rc = store_org_by_code(r->db, &r->arena, r->params[0], &o);
        if (rc < 0) {
            resp_store_error(r, rc, NULL, NULL);
            return;
        }
        parent = o.id;
    } else if (!req_param_id(r, 0, &parent)) {
        return;
    }
    void *w = read_body(r, k, IN_REQUIRED);
    if (!w)
        return;
    struct edit_fail fail = {0};
    int64_t id = 0;
    int rc = k->create(r, parent, w, &id, &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        k->reply(r, id, 201);
}

void api_entity_patch(struct req *r, const struct api_entity *k) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    void *w = read_body(r, k, 0);
    if (!w)
        return;
    struct edit_fail fail = {0};
    int rc = k->update(r, id, w, &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        k->reply(r, id, 200);
}

void api_entity_delete(struct req *r, const struct api_entity *k) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    struct edit_fail fail = {0};
    input_deleted(r, k->remove(r->db, id, req_actor(r), &fail), &fail);
}

/* GET /api/v1/orgs/{code}/means, /api/v1/orgs/{code}/reallocations (their handlers name l) */
void api_org_list_get(struct req *r, const struct api_org_list *l) {
    struct org o;
    void *v;
    size_t n;
    int rc = store_org_by_code(r->db, &r->arena, r->params[0], &o);
    if (rc == 0)
        rc = l->list(r->db, &r->arena, o.id, &v, &n);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    api_list_begin(r, &w);
    for (size_t i = 0; i < n; i++)
        l->write(&w, (const char *)v + i * l->size);
    api_list_end(r, &w, n);
}

void api_org_list_reply(struct req *r, const struct api_org_list *l, int64_t id, int status) {
    struct scope s;
    void *v;
    size_t n;
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)id);
    int rc = store_scope(r->db, l->scope, key, &s);
    if (rc == 0)
        rc = l->list(r->db, &r->arena, s.org_id, &v, &n);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const char *e = (const char *)v + i * l->size;
        int64_t eid;
        memcpy(&eid, e + l->id_offset, sizeof eid);
        if (eid == id) {
            struct jw w;
            jw_init(&w, &r->out, 0);
            l->write(&w, e);
            api_reply(r, status);
            return;
        }
    }
    resp_store_error(r, rc < 0 ? rc : KW_ENOTFOUND, NULL, NULL);
}
