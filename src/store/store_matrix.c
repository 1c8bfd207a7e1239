/* The STEP3 matrix in the store (see store_matrix.h): applying means to steps, changing and
 * removing applications, each audited, and loading the matrix view. */
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "store/store_internal.h"
#include "store/store_matrix.h"
#include "store/store_means.h"

static const struct edit_kind edit_application = {
    "means_application",
    "SELECT json_object('step_id', step_id, 'means_id', means_id, 'measure_id', measure_id, 'reduction', reduction, "
    " 'planned_fy', planned_fy, 'status', status) FROM means_application WHERE id = ?1",
    NULL, NULL, NULL, NULL,
    "DELETE FROM means_application WHERE id = ?1",
    NULL,
};

#define STEP_ORG "SELECT d.org_id FROM business_step s JOIN business b ON b.id = s.business_id " \
                 "JOIN department d ON d.id = b.department_id WHERE s.id = ?1"
#define MEASURE_ORG "SELECT p.org_id FROM measure m JOIN plan p ON p.id = m.plan_id WHERE m.id = ?1"

/* The means' organisation and default reduction: KW_ENOTFOUND when there is no such means. */
static int means_get(struct db *db, int64_t id, int64_t *ret_org, double *ret_reduction) {
    struct db_stmt *st = db_prepare(db, "SELECT org_id, reduction FROM means WHERE id = ?1");
    db_bind_int64(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *ret_org = db_col_int64(st, 0);
        *ret_reduction = db_col_double(st, 1);
    }
    db_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? KW_ENOTFOUND : KW_EDB;
}

/* KW_EINVAL naming field unless entity id (found by sql) is of org_id. */
static int same_org(struct db *db, const char *sql, int64_t id, int64_t org_id, const char *field,
                    struct edit_fail *fail) {
    int64_t found = 0;
    int rc = edit_query_id(db, sql, id, NULL, &found);
    if (rc == KW_EDB)
        return rc;
    if (rc == KW_ENOTFOUND || found != org_id) {
        edit_fail_set(fail, field, "%lld is not one of this organisation's", (long long)id);
        return KW_EINVAL;
    }
    return 0;
}

static int reduction_ok(double reduction, struct edit_fail *fail) {
    if (reduction >= 0 && reduction <= 100)
        return 0;
    edit_fail_set(fail, "reduction", "must be a percentage from 0 to 100");
    return KW_EINVAL;
}

static void bind_fy(struct db_stmt *st, int i, int fy) {
    if (fy)
        db_bind_int64(st, i, fy);
    else
        db_bind_null(st, i);
}

static void bind_measure(struct db_stmt *st, int i, int64_t id) {
    if (id)
        db_bind_int64(st, i, id);
    else
        db_bind_null(st, i);
}

int store_application_create(struct db *db, int64_t step_id, const struct application_patch *p, const struct actor *who,
                             int64_t *ret_id, struct edit_fail *fail) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    int64_t org_id = 0, means_org = 0, id = 0;
    double reduction = 0;
    rc = edit_query_id(db, STEP_ORG, step_id, NULL, &org_id);
    if (rc == 0) {
        rc = means_get(db, p->means_id, &means_org, &reduction);
        if (rc == KW_ENOTFOUND || (rc == 0 && means_org != org_id)) {
            edit_fail_set(fail, "means_id", "%lld is not a means of this organisation's catalogue", (long long)p->means_id);
            rc = KW_EINVAL;
        }
    }
    if (rc == 0 && p->set_measure && p->measure_id)
        rc = same_org(db, MEASURE_ORG, p->measure_id, org_id, "measure_id", fail);
    if (rc == 0 && p->set_reduction)
        rc = reduction_ok(reduction = p->reduction, fail);
    if (rc == 0) {
        struct db_stmt *st = db_prepare(db, "SELECT id FROM means_application WHERE step_id = ?1 AND means_id = ?2");
        db_bind_int64(st, 1, step_id);
        db_bind_int64(st, 2, p->means_id);
        int s = db_step(st);
        db_reset(st);
        if (s == DB_ROW) {
            edit_fail_set(fail, "means_id", "the means is applied to this step already: change that application");
            rc = KW_ECONFLICT;
        } else if (s != DB_DONE) {
            rc = KW_EDB;
        }
    }
    if (rc == 0) {
        struct db_stmt *st = db_prepare(db,
            "INSERT INTO means_application (step_id, means_id, measure_id, reduction, planned_fy, status) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        db_bind_int64(st, 1, step_id);
        db_bind_int64(st, 2, p->means_id);
        bind_measure(st, 3, p->set_measure ? p->measure_id : 0);
        db_bind_double(st, 4, reduction);
        bind_fy(st, 5, p->set_planned_fy ? p->planned_fy : 0);
        db_bind_text(st, 6, application_status_names[p->set_status ? p->status : APPLY_PLANNED]);
        rc = db_step_done(db, st);
        id = db_last_id(db);
    }
    if (rc == 0)
        rc = edit_audit(db, who, &edit_application, id, "create", NULL);
    if ((rc = edit_finish(db, rc)) == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int store_application_update(struct db *db, int64_t id, const struct application_patch *p, const struct actor *who,
                             struct edit_fail *fail) {
    char *before;
    int rc = edit_begin(db, &edit_application, id, &before);
    if (rc < 0)
        return rc;
    int64_t org_id = 0;
    rc = edit_query_id(db, "SELECT d.org_id FROM means_application ma JOIN business_step s ON s.id = ma.step_id "
                           "JOIN business b ON b.id = s.business_id JOIN department d ON d.id = b.department_id "
                           "WHERE ma.id = ?1", id, NULL, &org_id);
    if (rc == 0 && p->set_measure && p->measure_id)
        rc = same_org(db, MEASURE_ORG, p->measure_id, org_id, "measure_id", fail);
    if (rc == 0 && p->set_reduction)
        rc = reduction_ok(p->reduction, fail);
    if (rc == 0) {
        struct db_stmt *st = db_prepare(db,
            "UPDATE means_application SET measure_id = CASE WHEN ?2 = 1 THEN ?3 ELSE measure_id END, "
            " reduction = CASE WHEN ?4 = 1 THEN ?5 ELSE reduction END, "
            " planned_fy = CASE WHEN ?6 = 1 THEN ?7 ELSE planned_fy END, "
            " status = CASE WHEN ?8 = 1 THEN ?9 ELSE status END WHERE id = ?1");
        db_bind_int64(st, 1, id);
        db_bind_int64(st, 2, p->set_measure);
        bind_measure(st, 3, p->measure_id);
        db_bind_int64(st, 4, p->set_reduction);
        db_bind_double(st, 5, p->reduction);
        db_bind_int64(st, 6, p->set_planned_fy);
        bind_fy(st, 7, p->planned_fy);
        db_bind_int64(st, 8, p->set_status);
        db_bind_text(st, 9, application_status_names[p->set_status ? p->status : APPLY_PLANNED]);
        rc = db_step_done(db, st);
    }
    if (rc == 0)
        rc = edit_audit(db, who, &edit_application, id, "update", before);
    free(before);
    return edit_finish(db, rc);
}

int store_application_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail) {
    return edit_delete(db, &edit_application, id, who, NULL, fail);
}

int store_application_get(struct db *db, int64_t id, struct means_application *ret, int64_t *ret_org_id) {
    struct db_stmt *st = db_prepare(db,
        "SELECT ma.step_id, ma.means_id, ma.measure_id, ma.reduction, ma.planned_fy, ma.status, d.org_id "
        "FROM means_application ma JOIN business_step s ON s.id = ma.step_id JOIN business b ON b.id = s.business_id "
        "JOIN department d ON d.id = b.department_id WHERE ma.id = ?1");
    db_bind_int64(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        const char *status = (const char *)db_col_str(st, 5);
        *ret = (struct means_application){.id = id, .step_id = db_col_int64(st, 0),
                                          .means_id = db_col_int64(st, 1),
                                          .measure_id = db_col_int64(st, 2),
                                          .reduction = db_col_double(st, 3),
                                          .planned_fy = db_col_int(st, 4)};
        for (int i = 0; status && application_status_names[i]; i++)
            if (strcmp(status, application_status_names[i]) == 0)
                ret->status = (enum application_status)i;
        if (ret_org_id)
            *ret_org_id = db_col_int64(st, 6);
    }
    db_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? KW_ENOTFOUND : KW_EDB;
}

/* ---- the view */

int store_matrix_measures(struct db *db, struct arena *a, int64_t org_id, struct matrix_measure **ret, size_t *ret_n) {
    struct db_stmt *st = db_prepare(db,
        "SELECT m.id, m.plan_id, m.key, m.title FROM measure m JOIN plan p ON p.id = m.plan_id "
        "WHERE p.org_id = ?1 ORDER BY p.position, p.id, m.key, m.id");
    db_bind_int64(st, 1, org_id);
    struct matrix_measure *v = NULL;
    size_t cap = 0, n = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, v, cap, n);
        v[n++] = (struct matrix_measure){
            .id = db_col_int64(st, 0), .plan_id = db_col_int64(st, 1),
            .key = db_col_text(a, st, 2), .title = db_col_text(a, st, 3)};
    }
    db_reset(st);
    rc = step_rows_done(rc);
    if (rc == 0)
        *ret = v, *ret_n = n;
    return rc;
}

/* True when step_id is a step of the n businesses. */
static bool step_shown(const struct business *b, size_t n, int64_t step_id) {
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < b[i].n_steps; j++)
            if (b[i].steps[j].id == step_id)
                return true;
    return false;
}

int store_matrix_load(struct db *db, struct arena *a, int64_t org_id, int survey_fy, const struct matrix_filter *f,
                      struct matrix *ret) {
    memset(ret, 0, sizeof *ret);
    int rc = survey_fy ? store_workload_load(db, a, org_id, survey_fy, &ret->w) : 0;
    if (rc == 0)
        rc = store_means_list(db, a, org_id, &ret->means, &ret->n_means);
    if (rc == 0)
        rc = store_departments(db, a, org_id, &ret->departments, &ret->n_departments);
    if (rc == 0)
        rc = store_matrix_measures(db, a, org_id, &ret->measures, &ret->n_measures);
    if (rc < 0)
        return rc;
    struct workload_inventory *w = &ret->w;
    size_t n = 0;
    for (size_t i = 0; i < w->n; i++)               /* the department's businesses */
        if (!f->department_id || w->businesses[i].department_id == f->department_id)
            w->businesses[n++] = w->businesses[i];
    w->n = n;
    struct workload_breakdown b;
    workload_compute(w->businesses, w->n, w->apps, w->n_apps, &ret->totals, &b);
    ret->means_saved = arena_alloc(a, (ret->n_means ? ret->n_means : 1) * sizeof *ret->means_saved);
    for (size_t i = 0; i < b.n_means; i++)
        for (size_t j = 0; j < ret->n_means; j++)
            if (ret->means[j].id == b.by_means[i].id)
                ret->means_saved[j] = b.by_means[i].saved;
    workload_breakdown_free(&b);
    n = 0;
    for (size_t i = 0; i < w->n_apps; i++) {        /* the applications shown */
        const struct means_application *x = &w->apps[i];
        if ((!f->means_id || x->means_id == f->means_id) && (!f->measure_id || x->measure_id == f->measure_id) &&
            step_shown(w->businesses, w->n, x->step_id))
            w->apps[n++] = *x;
    }
    w->n_apps = n;
    ret->means_shown = arena_alloc(a, (ret->n_means ? ret->n_means : 1) * sizeof *ret->means_shown);
    for (size_t j = 0; j < ret->n_means; j++) {
        ret->means_shown[j] = f->means_id == ret->means[j].id;
        for (size_t i = 0; i < w->n_apps && !ret->means_shown[j]; i++)
            ret->means_shown[j] = w->apps[i].means_id == ret->means[j].id;
    }
    return 0;
}

int store_matrix_default_fy(struct db *db, struct arena *a, int64_t org_id, int *ret_fy, int **ret_years,
                            size_t *ret_n_years) {
    struct goal goal;
    int64_t plan_id;
    *ret_fy = 0;
    int rc = store_workload_years(db, a, org_id, ret_years, ret_n_years);
    if (rc < 0)
        return rc;
    rc = store_workload_goal(db, a, org_id, &goal, &plan_id);
    if (rc == 0 && goal.baseline_fy)
        *ret_fy = goal.baseline_fy;
    else if (*ret_n_years)
        *ret_fy = (*ret_years)[0];
    return rc == KW_ENOTFOUND ? 0 : rc;
}
