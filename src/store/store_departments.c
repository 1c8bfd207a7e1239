/* What the office's departments page (web/page_departments.c) shows of each department beyond
 * store_departments: its contact e-mail and how many measures name it as one in charge, for a
 * whole organisation in one query (see store.h, "organisations and departments"). */
#include "core/errors.h"
#include "store/store.h"
#include "store/store_internal.h"

int store_department_usage(struct db *db, struct arena *a, int64_t org_id, struct department_usage **ret,
                           size_t *ret_n) {
    struct db_stmt *st = db_prepare(db,
        "SELECT d.id, d.email, (SELECT count(*) FROM measure_department md WHERE md.department_id = d.id) "
        "FROM department d WHERE d.org_id = ?1 ORDER BY d.position, d.id");
    db_bind_int64(st, 1, org_id);
    struct department_usage *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, v, cap, n);
        struct department_usage *u = &v[n++];
        u->id = db_col_int64(st, 0);
        u->email = db_col_text(a, st, 1);
        u->measures = db_col_int64(st, 2);
    }
    db_reset(st);
    if (rc != DB_DONE)
        return KW_EDB;
    *ret = v;
    *ret_n = n;
    return 0;
}
