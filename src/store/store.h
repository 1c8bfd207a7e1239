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

/* ---- KPIs */
int store_kpi_load(struct db *db, struct arena *a, int64_t id, struct kpi *ret, int64_t *ret_measure_id);
/* Adds a measurement; returns its id in ret_id. The caller validated period and value. */
int store_measurement_add(struct db *db, int64_t kpi_id, const struct measurement *m,
                          const struct actor *who, int64_t *ret_id);

/* ---- editing the tree
 *
 * Each function is one transaction that appends one audit row (entity, id, action create /
 * update / move / delete, the entity's fields before and after as JSON) and refreshes the search
 * index of every measure whose searchable text changed. On failure nothing is kept.
 *
 * Errors: KW_ENOTFOUND when the entity (or the parent it is created under) does not exist;
 * KW_EINVAL (a value the data does not allow: an unknown department, a position out of range, a
 * theme of another plan) and KW_ECONFLICT (a duplicate code, a delete of something still in use)
 * fill *fail, when fail is not NULL, with the input field to blame and a message.
 *
 * Conventions: the caller has checked types, enums and lengths. In a patch NULL leaves a text as
 * it is and "" clears an optional one; on create "" is the same as NULL. Positions are 0-based
 * among siblings (the others shift); on create, position -1 puts the new entity last. */
struct edit_fail { char field[64]; char message[200]; };

enum { STORE_LAST = -1 };

int store_org_create(struct db *db, const struct org *o, const struct actor *who, int64_t *ret_id,
                     struct edit_fail *fail);
struct org_patch {
    const char *name, *prefecture;
    bool set_population; int64_t population;          /* 0 clears */
};
int store_org_update(struct db *db, int64_t org_id, const struct org_patch *p, const struct actor *who,
                     struct edit_fail *fail);

/* A department's parent_code names another department of the organisation by code. */
int store_department_create(struct db *db, int64_t org_id, const struct department *d, int position,
                            const struct actor *who, int64_t *ret_id, struct edit_fail *fail);
struct department_patch {
    const char *code, *name, *parent;                 /* parent "" makes it top-level */
    bool set_position; int position;
};
int store_department_update(struct db *db, int64_t id, const struct department_patch *p, const struct actor *who,
                            struct edit_fail *fail);
/* KW_ECONFLICT while a measure names the department. */
int store_department_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail);

/* Creates a plan with its own fields (title, kind, motto, summary, period, review cadence,
 * version, published); its lists (vision, goals, ...) and tree are left empty. */
int store_plan_create(struct db *db, int64_t org_id, const struct plan *p, int position, const struct actor *who,
                      int64_t *ret_id, struct edit_fail *fail);
struct plan_patch {
    const char *title, *kind, *motto, *summary, *review_cadence, *version, *published;
    bool set_period; int from_fy, to_fy;              /* replaced together; 0 = not stated */
    bool set_position; int position;
};
int store_plan_update(struct db *db, int64_t id, const struct plan_patch *p, const struct actor *who,
                      struct edit_fail *fail);
/* Deletes the plan with its whole tree, and its measures from the search index. */
int store_plan_delete(struct db *db, int64_t id, const struct actor *who);

int store_pillar_create(struct db *db, int64_t plan_id, const struct pillar *p, int position,
                        const struct actor *who, int64_t *ret_id, struct edit_fail *fail);
struct pillar_patch {
    const char *code, *title, *summary;
    const struct strlist *examples;                   /* NULL leaves, empty clears */
    bool set_position; int position;
};
int store_pillar_update(struct db *db, int64_t id, const struct pillar_patch *p, const struct actor *who,
                        struct edit_fail *fail);
/* KW_ECONFLICT while the pillar has themes. */
int store_pillar_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail);

int store_theme_create(struct db *db, int64_t pillar_id, const struct theme *t, int position,
                       const struct actor *who, int64_t *ret_id, struct edit_fail *fail);
struct theme_patch {
    const char *code, *title;                         /* code "" clears */
    bool set_means; const struct means_entry *means; size_t n_means;
    int64_t pillar_id;                                /* not 0: move to this pillar of the same plan */
    bool set_position; int position;                  /* unset with a move: last */
};
int store_theme_update(struct db *db, int64_t id, const struct theme_patch *p, const struct actor *who,
                       struct edit_fail *fail);
/* KW_ECONFLICT while the theme has measures. */
int store_theme_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail);

/* Creates a measure from its own fields, departments (names), means, tags and links (codes of
 * other measures of the plan); KPIs, schedule, progress and reviews in m are stored too.
 * KW_ECONFLICT when the code is taken in the plan. */
int store_measure_create(struct db *db, int64_t theme_id, const struct measure *m, int position,
                         const struct actor *who, int64_t *ret_id, struct edit_fail *fail);
/* Fields of a measure an editor may change; NULL / false / 0 means "leave as is". */
struct measure_patch {
    const char *title, *current, *ideal, *status;
    bool set_new_since; int new_since_fy;     /* new_since_fy 0 clears */
    const char *code;
    bool set_scope; const char *scope;        /* scope NULL or "" clears */
    const struct strlist *departments, *means, *tags, *links;   /* replace the whole list */
    int64_t theme_id;                         /* not 0: move to this theme of the same plan */
    bool set_position; int position;          /* unset with a move: last */
};
int store_measure_edit(struct db *db, int64_t id, const struct measure_patch *p, const struct actor *who,
                       struct edit_fail *fail);
/* store_measure_edit without the failure detail (the web form checks its few fields itself). */
int store_measure_update(struct db *db, int64_t id, const struct measure_patch *p, const struct actor *who);
/* Deletes a measure with its KPIs, measurements, reviews and the links to and from it. */
int store_measure_delete(struct db *db, int64_t id, const struct actor *who);

/* Creates a KPI (and any measurements in k). */
int store_kpi_create(struct db *db, int64_t measure_id, const struct kpi *k, int position, const struct actor *who,
                     int64_t *ret_id, struct edit_fail *fail);
struct kpi_patch {
    const char *name, *unit, *perspective, *definition, *source;
    bool set_direction; enum kpi_direction direction;
    bool set_baseline, has_baseline; double baseline_value; int baseline_fy;   /* !has_baseline clears */
    bool set_target; enum kpi_target_state target_state; double target_value; int target_fy;
    bool set_position; int position;
};
int store_kpi_update(struct db *db, int64_t id, const struct kpi_patch *p, const struct actor *who,
                     struct edit_fail *fail);
int store_kpi_delete(struct db *db, int64_t id, const struct actor *who);
int store_measurement_delete(struct db *db, int64_t id, const struct actor *who);

/* Where an entity sits: the ids of its organisation and of every level above it (0 where a
 * level does not apply). KW_ENOTFOUND when there is no such entity. */
enum entity_kind { ENTITY_DEPARTMENT, ENTITY_PLAN, ENTITY_PILLAR, ENTITY_THEME, ENTITY_MEASURE, ENTITY_KPI };
struct location { int64_t org_id, plan_id, pillar_id, theme_id, measure_id; };
int store_locate(struct db *db, enum entity_kind kind, int64_t id, struct location *ret);

/* ---- audit */
int store_audit(struct db *db, const struct actor *who, const char *entity, int64_t entity_id,
                const char *action, const char *before_json, const char *after_json);

#endif
