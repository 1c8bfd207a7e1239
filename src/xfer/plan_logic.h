/* The optional "logic_model" of a plan in a kawaru-plan/1 document (core/logic_model.h,
 * docs/plan-format.md): reading it with every problem at its JSON path, and writing it
 * canonically. */
#ifndef KAWARU_XFER_PLAN_LOGIC_H
#define KAWARU_XFER_PLAN_LOGIC_H
#include <jansson.h>
#include <stdbool.h>
#include "core/logic_model.h"
#include "xfer/json_in.h"

/* Reads member "logic_model" of the plan object o into p->logic_model (NULL when absent, null
 * or without nodes), at the reader's path (the plan's). Its shape is always checked; with
 * resolve (the plan was read without errors, so its measures have their keys: plan_keys_assign)
 * also what it names: measures by key or path (a path becomes the key), KPIs by their measure and
 * code or name (lm_kpi_find). */
void plan_logic_parse(struct doc_reader *c, json_t *o, struct plan *p, bool resolve);

/* Reads the logic model object lo ({"nodes":[…],"edges":[…]}) at the reader's path, as
 * plan_logic_parse reads a plan's, the PUT of /api/v1/plans/{id}/logic-model the request's body;
 * with p (not NULL) also resolving what it names against p's measures and KPIs. Returns the
 * model, allocated in c->a (n_nodes 0: none); what is wrong is in c->errs. */
struct logic_model *plan_logic_read(struct doc_reader *c, json_t *lo, const struct plan *p);

/* Writes member "logic_model" when p has one (the document's canonical form: lm_write). */
void plan_logic_write(struct jw *w, const struct plan *p);

#endif
