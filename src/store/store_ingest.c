/* Batches of measurements and the KPI lookups of imports (see store_ingest.h). */
#include "core/errors.h"
#include "store/store_ingest.h"
#include "store/store_internal.h"

int store_measurements_add(struct db *db, const struct measurement_for *items, size_t n, const struct actor *who,
                           int64_t *ret_ids) {
    int rc = db_begin(db);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = store_measurement_add(db, items[i].kpi_id, &items[i].m, who, ret_ids ? &ret_ids[i] : NULL);
    if (rc < 0) {
        if (db_in_transaction(db))
            db_rollback(db);
        return rc;
    }
    return db_commit_draft(db);                 /* a draft's measurements: db.h */
}

int store_kpi_id_by_name(struct db *db, int64_t measure_id, const char *name, int64_t *ret_id) {
    struct db_stmt *st = db_prepare(db, "SELECT id FROM kpi WHERE measure_id = ?1 AND name = ?2 ORDER BY position LIMIT 1");
    db_bind_int64(st, 1, measure_id);
    db_bind_text(st, 2, name);
    int rc = db_step(st);
    if (rc == DB_ROW)
        *ret_id = db_col_int64(st, 0);
    db_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? KW_ENOTFOUND : KW_EDB;
}
