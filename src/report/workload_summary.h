/* The workload summary of an organisation (業務棚卸し, issue 14 point 4, docs/workload.md "The
 * figures"): the survey year's baseline hours, the hours projected after the means applied to
 * its steps, the hours a later survey found, each reduction against the 業務量削減 goal, and the
 * breakdowns by department, means, measure and staff type with their names. One builder for the
 * workload page (web/page_workload.c) and GET /api/v1/orgs/{code}/workload alike, so that both
 * show the same figures; the figures themselves are core/workload.c's. */
#ifndef KAWARU_REPORT_WORKLOAD_SUMMARY_H
#define KAWARU_REPORT_WORKLOAD_SUMMARY_H
#include <stdbool.h>
#include "core/model.h"
#include "core/workload.h"
#include "store/store.h"
#include "store/store_reallocation.h"
#include "store/store_workload.h"

struct workload_dept_row {
    int64_t id;
    const char *code, *name;            /* NULL when the department is not found */
    double baseline, projected, realised;   /* realised: when the summary has a later survey */
};

/* A means' or a measure's row: the baseline hours of the steps it was applied to and the hours
 * it took off. For a measure: id 0 for applications no measure delivers yet; key and title NULL
 * then (or when it cannot be loaded). */
struct workload_credit_row {
    int64_t id, plan_id;
    const char *name;                   /* the means' name, the measure's title */
    const char *key;                    /* the measure's key (its code or path) */
    double applied, saved;
};

struct workload_summary {
    int *years;                         /* the survey FYs the organisation has, ascending */
    size_t n_years;
    int survey_fy;                      /* 0: the organisation has no survey */
    int realised_fy;                    /* the latest later survey, 0: none */
    bool has_goal;
    struct goal goal;                   /* the 業務量削減 goal, when has_goal */
    int64_t goal_plan_id;
    struct workload_inventory base;     /* the survey year's businesses (for the Pareto chart) */
    struct workload_totals totals;      /* of the survey year, with the means applied */
    double realised_hours;              /* when realised_fy */
    bool has_projected_reduction, has_realised_reduction;
    double projected_reduction, realised_reduction;     /* % of the baseline */
    struct workload_dept_row *by_department;
    size_t n_department;
    struct workload_credit_row *by_means, *by_measure;
    size_t n_means, n_measure;
    /* freed hours reallocated to new services: the entries from the survey year on, and their sum */
    struct reallocation *reallocations;
    size_t n_reallocations;
    double reallocated_hours;
};

/* Builds the summary of survey year fy (0: the goal's baseline year, else the first survey).
 * Everything is allocated in a. Returns 0 or a store error (KW_EDB, KW_EBUSY …). */
int workload_summary_build(struct db *db, struct arena *a, int64_t org_id, int fy, struct workload_summary *ret);

#endif
