/* Freed hours reallocated, in the store (see store_reallocation.h). */
#include <stdlib.h>
#include "core/errors.h"
#include "store/store_internal.h"
#include "store/store_reallocation.h"

static const struct edit_kind edit_reallocation = {
    "reallocation",
    "SELECT json_object('fy', fy, 'hours', hours, 'service', service, 'note', note, 'measure_id', measure_id, "
    " 'org_id', org_id) FROM reallocation WHERE id = ?1",
    NULL, NULL, NULL,
    "SELECT org_id FROM reallocation WHERE id = ?1",
    "DELETE FROM reallocation WHERE id = ?1",
    NULL,
};

int store_reallocations(struct db *db, struct arena *a, int64_t org_id, struct reallocation **ret, size_t *ret_n) {
    *ret = NULL;
    *ret_n = 0;
    struct db_stmt *st = db_prepare(db,
        "SELECT id, fy, hours, service, note, measure_id FROM reallocation WHERE org_id = ?1 ORDER BY fy, id");
    db_bind_int64(st, 1, org_id);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, *ret, cap, *ret_n);
        (*ret)[(*ret_n)++] = (struct reallocation){
            .id = db_col_int64(st, 0), .fy = db_col_int(st, 1), .hours = db_col_double(st, 2),
            .service = db_col_text(a, st, 3), .note = db_col_text(a, st, 4), .measure_id = db_col_int64(st, 5)};
    }
    db_reset(st);
    return step_rows_done(rc);
}

/* The values a write gives that the schema does not hold on its own: hours ≥ 0 (a CHECK, but
 * with a message), a measure of the organisation. */
static int check(struct db *db, int64_t org_id, const struct reallocation_patch *p, struct edit_fail *fail) {
    if (p->set_hours && !(p->hours >= 0)) {
        edit_fail_set(fail, "hours", "must be 0 or more hours");
        return KW_EINVAL;
    }
    int64_t owner = 0;
    if (p->set_measure && p->measure_id &&
        (edit_query_id(db, "SELECT p.org_id FROM measure m JOIN plan p ON p.id = m.plan_id WHERE m.id = ?1",
                       p->measure_id, NULL, &owner) < 0 || owner != org_id)) {
        edit_fail_set(fail, "measure_id", "is not a measure of this organisation");
        return KW_EINVAL;
    }
    return 0;
}

int store_reallocation_create(struct db *db, int64_t org_id, const struct reallocation_patch *p,
                              const struct actor *who, int64_t *ret_id, struct edit_fail *fail) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    int64_t id = 0, found;
    rc = edit_query_id(db, "SELECT id FROM org WHERE id = ?1", org_id, NULL, &found);
    if (rc == 0)
        rc = check(db, org_id, p, fail);
    if (rc == 0) {
        struct db_stmt *st = db_prepare(db,
            "INSERT INTO reallocation (org_id, fy, hours, service, note, measure_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        db_bind_int64(st, 1, org_id);
        db_bind_int64(st, 2, p->fy);
        db_bind_double(st, 3, p->hours);
        db_bind_text(st, 4, p->service);
        db_bind_text(st, 5, edit_text(p->note));
        db_bind_int_or_null(st, 6, p->measure_id, p->measure_id != 0);
        rc = db_step_done(db, st);
        id = db_last_id(db);
    }
    if (rc == 0)
        rc = edit_audit(db, who, &edit_reallocation, id, "create", NULL);
    if ((rc = edit_finish(db, rc)) == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int store_reallocation_update(struct db *db, int64_t id, const struct reallocation_patch *p, const struct actor *who,
                              struct edit_fail *fail) {
    char *before;
    int rc = edit_begin(db, &edit_reallocation, id, &before);
    if (rc < 0)
        return rc;
    int64_t org_id = 0;
    rc = edit_query_id(db, edit_reallocation.parent, id, NULL, &org_id);
    if (rc == 0)
        rc = check(db, org_id, p, fail);
    if (rc == 0) {
        struct db_stmt *st = db_prepare(db,
            "UPDATE reallocation SET fy = CASE WHEN ?2 THEN ?3 ELSE fy END, hours = CASE WHEN ?4 THEN ?5 ELSE hours END, "
            " service = coalesce(?6, service), note = CASE WHEN ?7 IS NULL THEN note ELSE nullif(?7, '') END, "
            " measure_id = CASE WHEN ?8 THEN nullif(?9, 0) ELSE measure_id END WHERE id = ?1");
        db_bind_int64(st, 1, id);
        db_bind_int64(st, 2, p->set_fy);
        db_bind_int64(st, 3, p->fy);
        db_bind_int64(st, 4, p->set_hours);
        db_bind_double(st, 5, p->hours);
        db_bind_text(st, 6, p->service);
        db_bind_text(st, 7, p->note);
        db_bind_int64(st, 8, p->set_measure);
        db_bind_int64(st, 9, p->measure_id);
        rc = db_step_done(db, st);
    }
    if (rc == 0)
        rc = edit_audit(db, who, &edit_reallocation, id, "update", before);
    free(before);
    return edit_finish(db, rc);
}

int store_reallocation_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail) {
    return edit_delete(db, &edit_reallocation, id, who, NULL, fail);
}
