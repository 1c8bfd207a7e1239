/* The writes of /api/v1 for one kind of entity, from one descriptor (issue 13 point 6): POST
 * under its parent, PATCH and DELETE by id. A handler names its kind's descriptor and calls one
 * of these; they read the whole body into the kind's write (nothing is written unless all of it
 * reads and no member is unknown), let the store write it in one transaction with its audit
 * entry, and answer with the entity as GET shows it, or with the store's refusal (the field and
 * message it gave, the status of resp_store_error).
 *
 * The kinds: department, plan, pillar, theme, measure, KPI, body and meeting (each in the file
 * of its name), and an organisation's lists of the workload inventory — means, reallocations —,
 * which also share their GET (api_org_list below). An organisation is written by its own handlers (its code is in the body and is
 * its address); measurements by theirs (a POST takes a batch). */
#ifndef KAWARU_API_API_ENTITY_H
#define KAWARU_API_API_ENTITY_H
#include <stddef.h>
#include <stdint.h>
#include "api/api_input.h"
#include "store/store_scope.h"
#include "util/jw.h"

struct api_entity {
    size_t size;                /* the kind's write: its store patch and what its fields read besides */
    bool under_org;             /* POST's parent: the organisation whose code is params[0]; else the id there */
    /* Reads the body into w (zeroed). req: IN_REQUIRED for a POST, 0 for a PATCH. */
    bool (*fields)(struct input *in, unsigned req, void *w);
    int (*create)(struct req *r, int64_t parent, const void *w, int64_t *ret_id, struct edit_fail *fail);
    int (*update)(struct req *r, int64_t id, const void *w, struct edit_fail *fail);
    int (*remove)(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail);   /* store_*_delete */
    /* Answers with the entity as GET shows it. */
    void (*reply)(struct req *r, int64_t id, int status);
};

/* An organisation's list of one kind (GET /api/v1/orgs/{code}/…), read whole from the store. */
struct api_org_list {
    enum scope_kind scope;      /* the scope of one entry's id (store/store_scope.h) */
    size_t size, id_offset;     /* an entry's size and where its int64_t id is */
    int (*list)(struct db *db, struct arena *a, int64_t org_id, void **ret, size_t *ret_n);
    void (*write)(struct jw *w, const void *entry);
};
/* GET /api/v1/orgs/{code}/…: {"items":[…],"total":n} of the organisation in params[0]. */
void api_org_list_get(struct req *r, const struct api_org_list *l);
/* Answers with entry id as the list writes it (an api_entity's reply); 404 when it is gone. */
void api_org_list_reply(struct req *r, const struct api_org_list *l, int64_t id, int status);

/* POST: 201 with the new entity. */
void api_entity_post(struct req *r, const struct api_entity *k);
/* PATCH /…/{id}: 200 with the entity. */
void api_entity_patch(struct req *r, const struct api_entity *k);
/* DELETE /…/{id}: 204. */
void api_entity_delete(struct req *r, const struct api_entity *k);

#endif
