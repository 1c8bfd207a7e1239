/* A plan's logic model in the store (store_logic.c, core/logic_model.h, migration 023): loaded
 * with the plan, and replaced as a whole — by a new plan's document, by a replacing document
 * that has one, and by PUT /api/v1/plans/{id}/logic-model. */
#ifndef KAWARU_STORE_STORE_LOGIC_H
#define KAWARU_STORE_STORE_LOGIC_H
#include "core/logic_model.h"
#include "store/store.h"

/* The logic model of plan_id (allocated in a): nodes in position order with their measures'
 * keys and ids, their KPIs' measure keys, names (code, else name) and ids, and edges with both
 * nodes' keys and ids. *ret is NULL when the plan has no node. */
int store_logic_load(struct db *db, struct arena *a, int64_t plan_id, struct logic_model **ret);

/* Replaces the logic model of plan_id by lm (NULL or no node: none), in one transaction (joining
 * the caller's) with one audit row ("logic_model", the plan's id, before and after) when it
 * changed; nothing is written when it did not. Measures are found by their key in the plan and
 * KPIs by code or name (lm_kpi_find's rule). Returns 0, KW_ENOTFOUND (no such plan), or
 * KW_EINVAL with fail naming what lm names that the plan does not have ("nodes[2].measures[0]");
 * lm is expected to be checked already (xfer/plan_logic.c, api/api_logic.c). */
int store_logic_set(struct db *db, int64_t plan_id, const struct logic_model *lm, const struct actor *who,
                    struct edit_fail *fail);
/* Inserts the logic model of the plan at position of org_id (a new organisation's document,
 * store_org_doc_insert: the organisation's audit row covers it), inside the caller's transaction.
 * lm NULL: nothing. */
int store_logic_insert(struct db *db, int64_t org_id, int position, const struct logic_model *lm);

#endif
