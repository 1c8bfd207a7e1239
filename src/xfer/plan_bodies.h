/* The "bodies" of a kawaru-plan/1 document (the promotion organisation, core/body.h): parsing
 * them with JSON paths in errors, and writing them canonically. */
#ifndef KAWARU_XFER_PLAN_BODIES_H
#define KAWARU_XFER_PLAN_BODIES_H
#include <jansson.h>
#include "core/body.h"
#include "xfer/plan_doc.h"

/* Parses root's optional "bodies" into d->bodies (allocated in a), checking departments by name
 * and measures by code against d's departments and plans (parsed before). plan_ok[i] says
 * d->plans[i] was parsed without errors (NULL: all were): a meeting's measure is not looked for
 * in a plan with errors, whose keys are unknown and whose own errors are reported already.
 * Problems are added to errs with paths such as "bodies[1].members[0].department". */
void plan_doc_parse_bodies(struct arena *a, json_t *root, struct org_doc *d, const bool *plan_ok,
                           struct doc_errors *errs);

/* Writes an array of bodies. with_plan: name each meeting's measures' plan (the organisation has
 * several plans). flags: DOC_WITH_IDS adds ids, and measures' titles. */
void plan_doc_write_bodies(struct jw *w, const struct body *b, size_t n, int flags, bool with_plan);
/* Writes one body object (see plan_doc_write_bodies). */
void plan_doc_write_body(struct jw *w, const struct body *b, int flags, bool with_plan);
/* Writes one meeting object (see plan_doc_write_bodies). */
void plan_doc_write_meeting(struct jw *w, const struct meeting *m, int flags, bool with_plan);

#endif
