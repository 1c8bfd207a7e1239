/* Reading and writing kawaru's entities. Every page, API handler, export and CLI command goes
 * through these functions; no SQL is written anywhere else. Loaded objects are allocated in the
 * caller's arena. Functions return 0 or a negative KW_E* code. */
#ifndef KAWARU_STORE_STORE_H
#define KAWARU_STORE_STORE_H
#include <stdbool.h>
#include "core/model.h"
#include "store/db.h"
#include "util/arena.h"

/* Who is writing, for the audit log. */
struct actor { const char *name; const char *via; };   /* via: "cli", "web", "api" */

/* ---- organisations and departments */
int store_org_list(struct db *db, struct arena *a, struct org **ret, size_t *ret_n);
int store_org_by_code(struct db *db, struct arena *a, const char *code, struct org *ret);
int store_org_by_id(struct db *db, struct arena *a, int64_t id, struct org *ret);
int store_departments(struct db *db, struct arena *a, int64_t org_id, struct department **ret, size_t *ret_n);

/* ---- plans */
/* Plans of an organisation without their trees (title, kind, period, version, counts). */
struct plan_summary {
    int64_t id;
    char *title, *kind, *version, *published;
    int from_fy, to_fy;
    int n_pillars, n_measures, n_kpis;
};
int store_plan_list(struct db *db, struct arena *a, int64_t org_id, struct plan_summary **ret, size_t *ret_n);
/* The organisation a plan belongs to; KW_ENOTFOUND when there is no such plan. */
int store_plan_org(struct db *db, int64_t plan_id, int64_t *ret_org_id);
/* How much of each measure to load: everything, or what lists show (departments, KPIs with
 * their measurements) without schedule, progress, means, tags, links and reviews. */
enum load_depth { LOAD_FULL, LOAD_SUMMARY };

/* The whole plan tree with its measures loaded to the given depth. */
int store_plan_load(struct db *db, struct arena *a, int64_t plan_id, enum load_depth depth, struct plan *ret);
/* An organisation with its departments and every plan, as a plan document holds it. */
int store_org_doc_load(struct db *db, struct arena *a, const char *code, struct org_doc *ret);
/* Writes a validated document in one transaction. An existing organisation of the same code is
 * replaced when replace is true, else KW_ECONFLICT. */
int store_org_doc_insert(struct db *db, const struct org_doc *doc, bool replace, const struct actor *who);

/* ---- measures */
struct measure_ref {                 /* where a measure sits */
    int64_t plan_id, org_id;
    char *org_code, *org_name, *plan_title;
    char *pillar_code, *pillar_title, *theme_code, *theme_title;
};
int store_measure_load(struct db *db, struct arena *a, int64_t id, struct measure *ret, struct measure_ref *ret_ref);
/* Measures of a plan matching a search query (any length, NFKC), a department name or code and
 * a latest review rating; every filter may be NULL. In plan order, loaded to the given depth. */
int store_measure_search(struct db *db, struct arena *a, int64_t plan_id, const char *q, const char *dept,
                         const char *rating, enum load_depth depth, struct measure **ret, size_t *ret_n);

/* The id of the measure with code in a plan; KW_ENOTFOUND when there is none. */
int store_measure_id_by_code(struct db *db, int64_t plan_id, const char *code, int64_t *ret_id);

/* Fields of a measure an editor may change; NULL / negative means "leave as is". */
struct measure_patch {
    const char *title, *current, *ideal, *status;
    bool set_new_since; int new_since_fy;     /* new_since_fy 0 clears */
};
int store_measure_update(struct db *db, int64_t id, const struct measure_patch *p, const struct actor *who);

/* ---- KPIs */
int store_kpi_load(struct db *db, struct arena *a, int64_t id, struct kpi *ret, int64_t *ret_measure_id);
/* Adds a measurement; returns its id in ret_id. The caller validated period and value. */
int store_measurement_add(struct db *db, int64_t kpi_id, const struct measurement *m,
                          const struct actor *who, int64_t *ret_id);

/* ---- audit */
int store_audit(struct db *db, const struct actor *who, const char *entity, int64_t entity_id,
                const char *action, const char *before_json, const char *after_json);

#endif
