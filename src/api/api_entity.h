/* The writes of /api/v1 for one kind of entity, from one descriptor (issue 13 point 6): POST
 * under its parent, PATCH and DELETE by id. A handler names its kind's descriptor and calls one
 * of these; they read the whole body into the kind's write (nothing is written unless all of it
 * reads and no member is unknown), let the store write it in one transaction with its audit
 * entry, and answer with the entity as GET shows it, or with the store's refusal (the field and
 * message it gave, the status of resp_store_error).
 *
 * The kinds: department, plan, pillar, theme, measure, KPI, body and meeting (each in the file
 * of its name). An organisation is written by its own handlers (its code is in the body and is
 * its address); measurements by theirs (a POST takes a batch). */
#ifndef KAWARU_API_API_ENTITY_H
#define KAWARU_API_API_ENTITY_H
#include <stddef.h>
#include <stdint.h>
#include "api/api_input.h"

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

/* POST: 201 with the new entity. */
void api_entity_post(struct req *r, const struct api_entity *k);
/* PATCH /…/{id}: 200 with the entity. */
void api_entity_patch(struct req *r, const struct api_entity *k);
/* DELETE /…/{id}: 204. */
void api_entity_delete(struct req *r, const struct api_entity *k);

#endif
