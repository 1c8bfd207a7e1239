/* Applying a workload survey (業務棚卸し, docs/workload.md) to the store: for each department and
 * survey FY it names, the survey is that department's complete inventory of that year. Businesses
 * are matched by code and their steps by number and updated in place, so their ids — and the
 * means applied to those steps — stay; new ones are inserted, and ones the survey no longer has
 * are deleted, unless a means is applied to a step that would go: then nothing changes and every
 * such step is named. Businesses take the survey's order as their positions. One transaction,
 * with one audit entry per department and FY (entity "survey", entity_id the department, action
 * "import", before and after: the businesses with their steps). The CSV that fills a survey is
 * xfer/survey_csv.c. */
#ifndef KAWARU_STORE_STORE_SURVEY_H
#define KAWARU_STORE_STORE_SURVEY_H
#include "core/workload.h"
#include "store/store.h"

/* One department's survey of one FY: its businesses in order, their codes unique, each with at
 * least one step, numbered uniquely, in number order. A business is matched with the stored one
 * of its code when its id is 0 (the survey CSV, the API), or with the stored business of its id
 * (the inventory's edit form), which then takes the code given: a rename keeps its steps' ids.
 * The fields must pass the checks of xfer/survey_csv.c (core/field.h rules, values >= 0); the
 * table's CHECKs stand behind them. */
struct survey_part {
    int64_t department_id;
    const char *department_code;        /* for messages */
    int survey_fy;
    struct business *businesses;
    size_t n;
    const char *action;                 /* the audit entry's action: NULL for "import" */
};

/* A step that the survey would delete while a means is applied to it. */
struct survey_conflict {
    const char *department_code;
    int survey_fy;
    const char *business_code, *business_name;
    int step_number;
    const char *step_name;
    const char *means_name;
};

struct survey_result {
    size_t departments, businesses, steps;           /* what the survey holds */
    size_t businesses_added, businesses_removed, steps_added, steps_removed;
    struct survey_conflict *conflicts;              /* on KW_ECONFLICT; allocated in the arena */
    size_t n_conflicts;
};

/* Applies the parts (each department and FY at most once) in one transaction. Returns 0 with
 * *ret filled; KW_ECONFLICT with ret->conflicts; KW_EINVAL when a part names a department that
 * is not the organisation's, or twice the same department and FY, repeats a business code or
 * gives the id of a business that is not the part's; KW_EDB, KW_EBUSY. Nothing is written
 * unless it returns 0. */
int store_survey_apply(struct db *db, struct arena *a, int64_t org_id, const struct survey_part *parts, size_t n,
                       const struct actor *who, struct survey_result *ret);

/* The stored survey of one department and FY as a part (empty when it has none), its businesses
 * with their ids, in order; *ret_org_id the department's organisation. Allocated in a;
 * KW_ENOTFOUND for an unknown department, KW_EDB. */
int store_survey_part_load(struct db *db, struct arena *a, int64_t department_id, int survey_fy,
                           struct survey_part *ret, int64_t *ret_org_id);
/* The survey FY a department's inventory is shown in when none is asked for: the latest the
 * department has, else the latest of its organisation, else the current FY. */
int store_survey_default_fy(struct db *db, int64_t department_id, int *ret);

#endif
