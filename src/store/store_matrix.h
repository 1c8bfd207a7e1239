/* The STEP3 matrix in the store (issue 14 point 3; SPEC §2 "means application"): means of the
 * organisation's catalogue applied to the steps of its surveyed businesses, each with an expected
 * reduction, the measure that delivers it (or none yet), a planned FY and a status. Every write is
 * one transaction with its audit entry (entity "means_application", before and after as JSON);
 * step, means and measure must all be of one organisation, and a means is applied to a step once.
 * Also the loader of the matrix view: an inventory with the catalogue, departments and measures,
 * narrowed by the view's filters. */
#ifndef KAWARU_STORE_STORE_MATRIX_H
#define KAWARU_STORE_STORE_MATRIX_H
#include "core/model.h"
#include "core/workload.h"
#include "store/store.h"
#include "store/store_workload.h"

/* An application's fields; on update false leaves a field as it is. */
struct application_patch {
    int64_t means_id;                   /* create only (required) */
    bool set_measure, set_reduction, set_planned_fy, set_status;
    int64_t measure_id;                 /* 0: no measure delivers it (yet) */
    double reduction;                   /* % 0..100; on create unset: the means' default */
    int planned_fy;                     /* 0: not planned */
    enum application_status status;     /* on create unset: planned */
};

/* Applies a means to step_id. KW_ENOTFOUND: no such step; KW_EINVAL with fail naming
 * "means_id" or "measure_id" (not of the step's organisation) or "reduction"; KW_ECONFLICT
 * naming "means_id" when the means is applied to the step already. */
int store_application_create(struct db *db, int64_t step_id, const struct application_patch *p, const struct actor *who,
                             int64_t *ret_id, struct edit_fail *fail);
/* Changes application id with the same checks (KW_ENOTFOUND: no such application). */
int store_application_update(struct db *db, int64_t id, const struct application_patch *p, const struct actor *who,
                             struct edit_fail *fail);
int store_application_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail);
/* One application, and the organisation of its step (ret_org_id may be NULL). */
int store_application_get(struct db *db, int64_t id, struct means_application *ret, int64_t *ret_org_id);

/* A measure of the organisation's plans, as the matrix names it. */
struct matrix_measure { int64_t id, plan_id; char *key, *title; };
/* The measures of the organisation's plans, by plan and key (allocated in a): the choices of a
 * measure on the matrix and on the workload page's reallocations. */
int store_matrix_measures(struct db *db, struct arena *a, int64_t org_id, struct matrix_measure **ret, size_t *ret_n);

/* What the view narrows to; 0 / NULL: everything. */
struct matrix_filter {
    int64_t department_id, means_id, measure_id;
};

/* The matrix of one survey FY: the inventory (businesses of the filter's department only; the
 * applications of its means and measure only), the whole catalogue, the departments and the
 * measures of the organisation (for names and the forms' choices), and the figures computed
 * with every application of the shown businesses (core/workload.c), so that a filter changes no
 * hour. All allocated in a. */
struct matrix {
    struct workload_inventory w;        /* filtered */
    struct means *means;
    size_t n_means;
    struct department *departments;
    size_t n_departments;
    struct matrix_measure *measures;
    size_t n_measures;
    struct workload_totals totals;      /* of the shown businesses */
    double *means_saved;                /* per catalogue entry: the hours it takes off the shown businesses */
    bool *means_shown;                  /* per catalogue entry: a row of the view (applied, or the filter's) */
};
int store_matrix_load(struct db *db, struct arena *a, int64_t org_id, int survey_fy, const struct matrix_filter *f,
                      struct matrix *ret);

/* The survey FY a view shows by default: the baseline FY of the organisation's workload goal,
 * else its first survey; 0 when it has none. *ret_years (allocated in a): every survey FY. */
int store_matrix_default_fy(struct db *db, struct arena *a, int64_t org_id, int *ret_fy, int **ret_years,
                            size_t *ret_n_years);

#endif
