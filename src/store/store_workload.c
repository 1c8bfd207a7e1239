/* Loading the workload inventory (see store_workload.h): one query per table, for one
 * organisation and survey FY. */
#include <string.h>
#include "core/errors.h"
#include "store/store_internal.h"
#include "store/store_workload.h"

/* The index of the name in a NULL-terminated list (a CHECK holds the column to the list). */
static int name_index(const char *const *names, const char *s) {
    for (int i = 0; s && names[i]; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return 0;
}

static struct business *business_find(struct workload_inventory *w, int64_t id) {
    for (size_t i = 0; i < w->n; i++)            /* the steps come by business id: usually the last one */
        if (w->businesses[w->n - 1 - i].id == id)
            return &w->businesses[w->n - 1 - i];
    return NULL;
}

static int businesses_load(struct db *db, struct arena *a, int64_t org_id, struct workload_inventory *w) {
    struct db_stmt *st = db_prepare(db,
        "SELECT b.id, b.department_id, b.code, b.name, b.volume, b.note FROM business b "
        "JOIN department d ON d.id = b.department_id WHERE d.org_id = ?1 AND b.survey_fy = ?2 "
        "ORDER BY d.position, d.id, b.position, b.id");
    db_bind_int64(st, 1, org_id);
    db_bind_int64(st, 2, w->survey_fy);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, w->businesses, cap, w->n);
        struct business *b = &w->businesses[w->n++];
        *b = (struct business){.id = db_col_int64(st, 0), .department_id = db_col_int64(st, 1),
                               .survey_fy = w->survey_fy, .code = db_col_text(a, st, 2), .name = db_col_text(a, st, 3),
                               .volume = db_col_double(st, 4), .note = db_col_text(a, st, 5)};
    }
    db_reset(st);
    return step_rows_done(rc);
}

static int steps_load(struct db *db, struct arena *a, int64_t org_id, struct workload_inventory *w) {
    struct db_stmt *st = db_prepare(db,
        "SELECT s.business_id, s.id, s.number, s.name, s.minutes, s.staff, s.channel, s.paper, s.seal, s.in_person, "
        "s.transcription, s.approval FROM business_step s JOIN business b ON b.id = s.business_id "
        "JOIN department d ON d.id = b.department_id WHERE d.org_id = ?1 AND b.survey_fy = ?2 "
        "ORDER BY s.business_id, s.number");
    db_bind_int64(st, 1, org_id);
    db_bind_int64(st, 2, w->survey_fy);
    size_t *caps = arena_alloc(a, (w->n ? w->n : 1) * sizeof *caps);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct business *b = business_find(w, db_col_int64(st, 0));
        if (!b)
            continue;
        GROW(a, b->steps, caps[b - w->businesses], b->n_steps);
        struct step *s = &b->steps[b->n_steps++];
        unsigned flags = 0;
        for (int f = 0; f < FLAG_COUNT; f++)
            if (db_col_int(st, 7 + f))
                flags |= 1u << f;
        *s = (struct step){.id = db_col_int64(st, 1), .number = db_col_int(st, 2),
                           .name = db_col_text(a, st, 3), .minutes = db_col_double(st, 4),
                           .staff = name_index(staff_type_names, db_col_str(st, 5)),
                           .channel = name_index(channel_names, db_col_str(st, 6)), .flags = flags};
    }
    db_reset(st);
    return step_rows_done(rc);
}

static int applications_load(struct db *db, struct arena *a, int64_t org_id, struct workload_inventory *w) {
    struct db_stmt *st = db_prepare(db,
        "SELECT ma.id, ma.step_id, ma.means_id, ma.measure_id, ma.reduction, ma.planned_fy, ma.status "
        "FROM means_application ma JOIN business_step s ON s.id = ma.step_id JOIN business b ON b.id = s.business_id "
        "JOIN department d ON d.id = b.department_id WHERE d.org_id = ?1 AND b.survey_fy = ?2 ORDER BY ma.id");
    db_bind_int64(st, 1, org_id);
    db_bind_int64(st, 2, w->survey_fy);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, w->apps, cap, w->n_apps);
        w->apps[w->n_apps++] = (struct means_application){
            .id = db_col_int64(st, 0), .step_id = db_col_int64(st, 1),
            .means_id = db_col_int64(st, 2), .measure_id = db_col_int64(st, 3),
            .reduction = db_col_double(st, 4), .planned_fy = db_col_int(st, 5),
            .status = name_index(application_status_names, db_col_str(st, 6))};
    }
    db_reset(st);
    return step_rows_done(rc);
}

int store_workload_load(struct db *db, struct arena *a, int64_t org_id, int survey_fy, struct workload_inventory *ret) {
    *ret = (struct workload_inventory){.survey_fy = survey_fy};
    int rc = businesses_load(db, a, org_id, ret);
    if (rc == 0)
        rc = steps_load(db, a, org_id, ret);
    if (rc == 0)
        rc = applications_load(db, a, org_id, ret);
    return rc;
}

int store_workload_years(struct db *db, struct arena *a, int64_t org_id, int **ret, size_t *ret_n) {
    *ret = NULL;
    *ret_n = 0;
    struct db_stmt *st = db_prepare(db,
        "SELECT DISTINCT b.survey_fy FROM business b JOIN department d ON d.id = b.department_id "
        "WHERE d.org_id = ?1 ORDER BY b.survey_fy");
    db_bind_int64(st, 1, org_id);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, *ret, cap, *ret_n);
        (*ret)[(*ret_n)++] = db_col_int(st, 0);
    }
    db_reset(st);
    return step_rows_done(rc);
}

int store_workload_goal(struct db *db, struct arena *a, int64_t org_id, struct goal *ret, int64_t *ret_plan_id) {
    struct db_stmt *st = db_prepare(db,
        "SELECT g.plan_id, g.name, g.unit, g.target_value, g.target_fy, g.baseline_fy FROM plan_goal g "
        "JOIN plan p ON p.id = g.plan_id WHERE p.org_id = ?1 AND g.kind = 'workload_reduction' "
        "ORDER BY p.position, p.id, g.position LIMIT 1");
    db_bind_int64(st, 1, org_id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *ret = (struct goal){.name = db_col_text(a, st, 1), .unit = db_col_text(a, st, 2),
                             .target_value = db_col_double(st, 3), .target_fy = db_col_int(st, 4),
                             .workload = true, .baseline_fy = db_col_int(st, 5)};
        *ret_plan_id = db_col_int64(st, 0);
    }
    db_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? KW_ENOTFOUND : KW_EDB;
}
