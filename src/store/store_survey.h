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

/* One department's survey of one FY: its businesses in order (ids 0), each with at least one
 * step, numbered uniquely, in number order. The fields must pass the checks of
 * xfer/survey_csv.c (core/field.h rules, values >= 0); the table's CHECKs stand behind them. */
struct survey_part {
    int64_t department_id;
    const char *department_code;        /* for messages */
    int survey_fy;
    struct business *businesses;
    size_t n;
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
 * is not the organisation's, or twice the same department and FY; KW_EDB, KW_EBUSY. Nothing is
 * written unless it returns 0. */
int store_survey_apply(struct db *db, struct arena *a, int64_t org_id, const struct survey_part *parts, size_t n,
                       const struct actor *who, struct survey_result *ret);

#endif
