/* Plan versions (版) in the database: the versions a plan was published as, each with its
 * snapshot, and the plan's own version fields and revision history that publishing updates.
 * The snapshot text is made by the caller (xfer/versions.c) inside the same transaction. */
#include <stdlib.h>
#include <string.h>
#include "store/store_internal.h"
#include "util/jw.h"

static void version_from_row(struct arena *a, struct db_stmt *st, bool with_snapshot, struct plan_version *v) {
    memset(v, 0, sizeof *v);
    v->id = db_col_int64(st, 0);
    v->plan_id = db_col_int64(st, 1);
    v->label = db_col_text(a, st, 2);
    v->date = db_col_text(a, st, 3);
    v->notes_json = db_col_text(a, st, 4);
    v->published_by = db_col_text(a, st, 5);
    v->published_at = db_col_text(a, st, 6);
    if (with_snapshot)
        v->snapshot = db_col_text(a, st, 7);
}

int store_versions(struct db *db, struct arena *a, int64_t plan_id, struct plan_version **ret, size_t *ret_n) {
    struct db_stmt *st = db_prepare(db, "SELECT id, plan_id, label, date, notes_json, published_by, published_at "
                                      "FROM plan_version WHERE plan_id = ?1 ORDER BY id");
    db_bind_int64(st, 1, plan_id);
    struct plan_version *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, v, cap, n);
        version_from_row(a, st, false, &v[n++]);
    }
    db_reset(st);
    *ret = v;
    *ret_n = n;
    return step_rows_done(rc);
}

int store_version_load(struct db *db, struct arena *a, int64_t id, struct plan_version *ret) {
    struct db_stmt *st = db_prepare(db, "SELECT v.id, v.plan_id, v.label, v.date, v.notes_json, v.published_by, "
                                      " v.published_at, s.snapshot "
                                      "FROM plan_version v JOIN plan_version_snapshot s ON s.version_id = v.id WHERE v.id = ?1");
    db_bind_int64(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW)
        version_from_row(a, st, true, ret);
    db_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? KW_ENOTFOUND : KW_EDB;
}

static char *notes_json(const struct strlist *notes) {
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    jw_arr_begin(&w);
    for (size_t i = 0; notes && i < notes->n; i++)
        jw_str(&w, notes->items[i]);
    jw_arr_end(&w);
    return buf_steal(&b);
}

int store_plan_mark_version(struct db *db, int64_t plan_id, const char *label, const char *date,
                            const struct strlist *notes, const struct actor *who) {
    int64_t existing = -1;
    int rc = edit_query_id(db, "SELECT position FROM plan_revision WHERE plan_id = ?1 AND version = ?2", plan_id, label,
                           &existing);
    if (rc == KW_ENOTFOUND) {                       /* a new entry at the end of the history */
        int64_t pos = 0;
        edit_query_id(db, "SELECT coalesce(max(position) + 1, 0) FROM plan_revision WHERE plan_id = ?1", plan_id, NULL, &pos);
        struct db_stmt *st = db_prepare(db, "INSERT INTO plan_revision (plan_id, position, version, date) VALUES (?1, ?2, ?3, ?4)");
        db_bind_int64(st, 1, plan_id);
        db_bind_int64(st, 2, pos);
        db_bind_text(st, 3, label);
        db_bind_text(st, 4, date);
        rc = db_step_done(db, st);
        for (size_t i = 0; notes && i < notes->n && rc == 0; i++) {
            st = db_prepare(db, "INSERT INTO plan_revision_note (plan_id, revision, position, text) VALUES (?1, ?2, ?3, ?4)");
            db_bind_int64(st, 1, plan_id);
            db_bind_int64(st, 2, pos);
            db_bind_int64(st, 3, (int64_t)i);
            db_bind_text(st, 4, notes->items[i]);
            rc = db_step_done(db, st);
        }
    }
    if (rc < 0)
        return rc;
    char *before = edit_snapshot(db, &edit_plan, plan_id);
    struct db_stmt *st = db_prepare(db, "UPDATE plan SET version = ?2, published = ?3 WHERE id = ?1");
    db_bind_int64(st, 1, plan_id);
    db_bind_text(st, 2, label);
    db_bind_text(st, 3, date);
    rc = db_step_done(db, st);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_plan, plan_id, "update", before);
    free(before);
    return rc;
}

/* The audit row names the version, not its (large) snapshot. */
static const struct edit_kind edit_version = {
    "plan_version",
    "SELECT json_object('plan_id', plan_id, 'label', label, 'date', date, 'notes', json(notes_json)) "
    "FROM plan_version WHERE id = ?1",
    NULL, NULL, NULL, NULL, NULL,
    NULL,
};

int store_version_insert(struct db *db, int64_t plan_id, const char *label, const char *date,
                         const struct strlist *notes, const struct plan *face, const char *snapshot,
                         const struct actor *who, int64_t *ret_id) {
    char *notes_text = notes_json(notes);
    struct db_stmt *st = db_prepare(db,
        "INSERT INTO plan_version (plan_id, label, date, notes_json, published_by, title, kind, from_fy, to_fy) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    db_bind_int64(st, 1, plan_id);
    db_bind_text(st, 2, label);
    db_bind_text(st, 3, date);
    db_bind_text(st, 4, notes_text);
    db_bind_text(st, 5, who ? who->name : NULL);
    db_bind_text(st, 6, face->title);
    db_bind_text(st, 7, face->kind);
    db_bind_int_or_null(st, 8, face->from_fy, face->from_fy != 0);
    db_bind_int_or_null(st, 9, face->to_fy, face->to_fy != 0);
    int rc = db_step_done(db, st);
    int64_t id = db_last_id(db);
    free(notes_text);
    if (rc == 0) {                        /* its own table: lists of versions never read it (migration 29) */
        st = db_prepare(db, "INSERT INTO plan_version_snapshot (version_id, snapshot) VALUES (?1, ?2)");
        db_bind_int64(st, 1, id);
        db_bind_text(st, 2, snapshot);
        rc = db_step_done(db, st);
    }
    if (rc == 0)
        rc = edit_audit(db, who, &edit_version, id, "publish", NULL);
    if (rc == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int store_version_rows_set(struct db *db, int64_t id, const int64_t rows[3]) {
    struct db_stmt *st = db_prepare(db, "UPDATE plan_version SET rows_measures = ?2, rows_kpis = ?3, rows_measurements = ?4 "
                                      "WHERE id = ?1");
    db_bind_int64(st, 1, id);
    for (int i = 0; i < 3; i++)
        db_bind_int64(st, i + 2, rows[i]);
    return db_step_done(db, st);
}

int store_version_measures_add(struct db *db, int64_t id, const struct version_measure_row *v, size_t n) {
    static const char head[] = "INSERT INTO version_measure (version_id, key, position, measure, rating_label)";
    int rc = 0;
    for (size_t i = 0, chunk; rc == 0 && i < n; i += chunk) {
        struct db_stmt *st = db_rows_prepare(db, head, NULL, 5, n - i, &chunk);
        for (size_t j = 0; j < chunk; j++) {
            int p = (int)j * 5;
            db_bind_int64(st, p + 1, id);
            db_bind_text(st, p + 2, v[i + j].key);
            db_bind_int64(st, p + 3, (int64_t)(i + j));
            db_bind_text(st, p + 4, v[i + j].measure);
            db_bind_text(st, p + 5, v[i + j].rating_label);
        }
        rc = db_step_done(db, st);
    }
    return rc;
}

int store_version_measures_clear(struct db *db, int64_t id) {
    struct db_stmt *st = db_prepare(db, "DELETE FROM version_measure WHERE version_id = ?1");
    db_bind_int64(st, 1, id);
    return db_step_done(db, st);
}

/* The latest version of a plan is its highest id (store_versions lists them by id). */
#define LATEST_VERSION "v.id = (SELECT max(x.id) FROM plan_version x WHERE x.plan_id = v.plan_id)"

int store_versions_uncounted(struct db *db, struct arena *a, int64_t **ret, size_t *ret_n) {
    struct db_stmt *st = db_prepare(db, "SELECT v.id FROM plan_version v WHERE v.rows_measures IS NULL AND " LATEST_VERSION
                                      " ORDER BY v.id");
    return rows_ids(a, st, ret, ret_n);
}

int store_published_orgs(struct db *db, struct arena *a, const char *prefecture, int64_t limit, int64_t offset,
                         struct published_org **ret, size_t *ret_n, int64_t *ret_total) {
    *ret = NULL;
    *ret_n = 0;
    struct db_stmt *st = db_prepare(db,
        "SELECT count(*) FROM org o WHERE (?1 IS NULL OR o.prefecture = ?1) AND "
        " EXISTS (SELECT 1 FROM plan p JOIN plan_version v ON v.plan_id = p.id WHERE p.org_id = o.id)");
    db_bind_text(st, 1, prefecture);
    int rc = db_step(st);
    *ret_total = rc == DB_ROW ? db_col_int64(st, 0) : 0;
    db_reset(st);
    if (rc != DB_ROW)
        return KW_EDB;
    st = db_prepare(db,
        "SELECT o.id, o.code, o.name, o.prefecture, o.population, max(v.published_at), sum(v.rows_measures), "
        " sum(v.rows_kpis), sum(v.rows_measurements), count(*) - count(v.rows_measures) "
        "FROM (SELECT id, code, name, prefecture, population FROM org x WHERE (?1 IS NULL OR x.prefecture = ?1) AND "
        "      EXISTS (SELECT 1 FROM plan p JOIN plan_version v ON v.plan_id = p.id WHERE p.org_id = x.id) "
        "      ORDER BY code LIMIT ?2 OFFSET ?3) o "
        "JOIN plan p ON p.org_id = o.id JOIN plan_version v ON v.plan_id = p.id "
        "WHERE " LATEST_VERSION " "
        "GROUP BY o.id, o.code, o.name, o.prefecture, o.population ORDER BY o.code");
    db_bind_text(st, 1, prefecture);
    db_bind_int64(st, 2, limit);
    db_bind_int64(st, 3, offset);
    size_t cap = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, *ret, cap, *ret_n);
        struct published_org *p = &(*ret)[(*ret_n)++];
        org_from_row(a, st, 0, &p->org);
        p->updated = db_col_text(a, st, 5);
        for (int i = 0; i < 3; i++)
            p->rows[i] = db_col_int64(st, 6 + i);
        p->counted = db_col_int64(st, 9) == 0;
    }
    db_reset(st);
    return step_rows_done(rc);
}
