/* The workload inventory in the store (migration 22, core/workload.h): an organisation's
 * businesses and steps of one survey FY, the means applied to them, and the survey years it has.
 * The survey import (store_survey.c), the means catalogue (store_means.c) and the matrix
 * (store_matrix.c) write them; every write is one transaction with its audit entry. */
#ifndef KAWARU_STORE_STORE_WORKLOAD_H
#define KAWARU_STORE_STORE_WORKLOAD_H
#include "core/model.h"
#include "core/workload.h"
#include "store/store.h"

struct workload_inventory {
    int survey_fy;
    struct business *businesses;            /* by department (their order), then business order */
    size_t n;
    struct means_application *apps;         /* on these businesses' steps, by id */
    size_t n_apps;
};

/* The organisation's inventory of survey_fy (empty when it has none), allocated in a. */
int store_workload_load(struct db *db, struct arena *a, int64_t org_id, int survey_fy, struct workload_inventory *ret);
/* The organisation's workload-reduction goal (the first of its plans' goals of that kind, in
 * plan order): KW_ENOTFOUND when it has none. *ret_plan_id: the goal's plan. */
int store_workload_goal(struct db *db, struct arena *a, int64_t org_id, struct goal *ret, int64_t *ret_plan_id);
/* The survey FYs the organisation has, ascending; *ret allocated in a (NULL when none). */
int store_workload_years(struct db *db, struct arena *a, int64_t org_id, int **ret, size_t *ret_n);

#endif
