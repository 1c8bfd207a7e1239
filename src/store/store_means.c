/* The catalogue of means in the store (see store_means.h). */
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "store/store_internal.h"
#include "store/store_means.h"

static const struct edit_kind edit_means = {
    "means",
    "SELECT json_object('name', name, 'note', note, 'reduction', reduction, 'channels', channels, 'flags', flags, "
    " 'org_id', org_id, 'position', position) FROM means WHERE id = ?1",
    "SELECT id, position FROM means WHERE org_id = ?1 ORDER BY position, id",
    "UPDATE means SET position = ?2 WHERE id = ?1",
    "SELECT coalesce(max(position) + 1, 0) FROM means WHERE org_id = ?1",
    "SELECT org_id FROM means WHERE id = ?1",
    "DELETE FROM means WHERE id = ?1",
    NULL,
};

/* The channels and flags bits kawaru knows; a value with others is refused. */
enum { ALL_CHANNELS = (1u << CHANNEL_COUNT) - 1, ALL_FLAGS = (1u << FLAG_COUNT) - 1 };

int store_means_list(struct db *db, struct arena *a, int64_t org_id, struct means **ret, size_t *ret_n) {
    *ret = NULL;
    *ret_n = 0;
    struct db_stmt *st = db_prepare(db,
        "SELECT id, name, note, reduction, channels, flags FROM means WHERE org_id = ?1 ORDER BY position, id");
    db_bind_int64(st, 1, org_id);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, *ret, cap, *ret_n);
        (*ret)[(*ret_n)++] = (struct means){
            .id = db_col_int64(st, 0), .name = db_col_text(a, st, 1), .note = db_col_text(a, st, 2),
            .reduction = db_col_double(st, 3), .channels = (unsigned)db_col_int(st, 4),
            .flags = (unsigned)db_col_int(st, 5)};
    }
    db_reset(st);
    return step_rows_done(rc);
}

int store_means_applied(struct db *db, struct arena *a, int64_t org_id, const struct means *m, size_t n,
                        int64_t **ret) {
    int64_t *v = arena_alloc(a, (n ? n : 1) * sizeof *v);
    struct db_stmt *st = db_prepare(db,
        "SELECT a.means_id, count(*) FROM means_application a JOIN means m ON m.id = a.means_id "
        "WHERE m.org_id = ?1 GROUP BY a.means_id");
    db_bind_int64(st, 1, org_id);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t id = db_col_int64(st, 0);
        for (size_t i = 0; i < n; i++)
            if (m[i].id == id)
                v[i] = db_col_int64(st, 1);
    }
    db_reset(st);
    rc = step_rows_done(rc);
    if (rc == 0)
        *ret = v;
    return rc;
}

/* KW_ECONFLICT when another means of the organisation (than id) has the name. */
static int name_taken(struct db *db, int64_t org_id, int64_t id, const char *name, struct edit_fail *fail) {
    int64_t other;
    if (name && edit_query_id(db, "SELECT id FROM means WHERE org_id = ?1 AND name = ?2", org_id, name, &other) == 0 &&
        other != id) {
        edit_fail_set(fail, "name", "\"%.100s\" is already in the catalogue", name);
        return KW_ECONFLICT;
    }
    return 0;
}

/* KW_EINVAL for a reduction outside 0..100 or bits kawaru does not know. */
static int values_ok(double reduction, unsigned channels, unsigned flags, struct edit_fail *fail) {
    if (!(reduction >= 0 && reduction <= 100))
        edit_fail_set(fail, "reduction", "must be a percentage from 0 to 100");
    else if (channels & ~(unsigned)ALL_CHANNELS)
        edit_fail_set(fail, "channels", "names a channel kawaru does not know");
    else if (flags & ~(unsigned)ALL_FLAGS)
        edit_fail_set(fail, "flags", "names a flag kawaru does not know");
    else
        return 0;
    return KW_EINVAL;
}

/* Inserts m last among the organisation's means (inside a transaction). */
static int insert(struct db *db, int64_t org_id, const struct means *m, int64_t *ret_id, struct edit_fail *fail) {
    int pos = 0;
    int rc = name_taken(db, org_id, 0, m->name, fail);
    if (rc == 0)
        rc = values_ok(m->reduction, m->channels, m->flags, fail);
    if (rc == 0)
        rc = edit_next_position(db, &edit_means, org_id, &pos);
    if (rc < 0)
        return rc;
    struct db_stmt *st = db_prepare(db,
        "INSERT INTO means (org_id, position, name, note, reduction, channels, flags) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    db_bind_int64(st, 1, org_id);
    db_bind_int64(st, 2, pos);
    db_bind_text(st, 3, m->name);
    db_bind_text(st, 4, edit_text(m->note));
    db_bind_double(st, 5, m->reduction);
    db_bind_int64(st, 6, (int)m->channels);
    db_bind_int64(st, 7, (int)m->flags);
    rc = db_step_done(db, st);
    *ret_id = db_last_id(db);
    return rc;
}

int store_means_create(struct db *db, int64_t org_id, const struct means *m, int position, const struct actor *who,
                       int64_t *ret_id, struct edit_fail *fail) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    int64_t id = 0, found;
    rc = edit_query_id(db, "SELECT id FROM org WHERE id = ?1", org_id, NULL, &found);
    if (rc == 0)
        rc = insert(db, org_id, m, &id, fail);
    if (rc == 0)
        rc = edit_place(db, &edit_means, org_id, id, position, fail);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_means, id, "create", NULL);
    if ((rc = edit_finish(db, rc)) == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int store_means_update(struct db *db, int64_t id, const struct means_patch *p, const struct actor *who,
                       struct edit_fail *fail) {
    char *before;
    int rc = edit_begin(db, &edit_means, id, &before);
    if (rc < 0)
        return rc;
    int64_t org_id = 0;
    rc = edit_query_id(db, edit_means.parent, id, NULL, &org_id);
    if (rc == 0)
        rc = name_taken(db, org_id, id, p->name, fail);
    if (rc == 0)
        rc = values_ok(p->set_reduction ? p->reduction : 0, p->set_channels ? p->channels : 0,
                       p->set_flags ? p->flags : 0, fail);
    if (rc == 0) {
        struct db_stmt *st = db_prepare(db,
            "UPDATE means SET name = coalesce(?2, name), note = CASE WHEN ?3 IS NULL THEN note ELSE nullif(?3, '') END, "
            " reduction = CASE WHEN ?4 THEN ?5 ELSE reduction END, channels = CASE WHEN ?6 THEN ?7 ELSE channels END, "
            " flags = CASE WHEN ?8 THEN ?9 ELSE flags END WHERE id = ?1");
        db_bind_int64(st, 1, id);
        db_bind_text(st, 2, p->name);
        db_bind_text(st, 3, p->note);
        db_bind_int64(st, 4, p->set_reduction);
        db_bind_double(st, 5, p->reduction);
        db_bind_int64(st, 6, p->set_channels);
        db_bind_int64(st, 7, (int)p->channels);
        db_bind_int64(st, 8, p->set_flags);
        db_bind_int64(st, 9, (int)p->flags);
        rc = db_step_done(db, st);
    }
    if (rc == 0 && p->set_position)
        rc = edit_place(db, &edit_means, org_id, id, p->position, fail);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_means, id, "update", before);
    free(before);
    return edit_finish(db, rc);
}

/* A means applied to a step stays: the matrix names it. */
static int means_unused(struct db *db, int64_t id, struct edit_fail *fail) {
    int64_t applied = 0;
    int rc = edit_query_id(db, "SELECT count(*) FROM means_application WHERE means_id = ?1", id, NULL, &applied);
    if (rc == 0 && applied > 0) {
        edit_fail_set(fail, "", "the means is applied to %lld step(s): remove it from the matrix first",
                      (long long)applied);
        rc = KW_ECONFLICT;
    }
    return rc;
}

int store_means_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail) {
    return edit_delete(db, &edit_means, id, who, means_unused, fail);
}

int store_means_seed(struct db *db, int64_t org_id, const struct actor *who, size_t *ret_added) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    size_t added = 0;
    for (size_t i = 0; rc == 0 && i < means_standard_n; i++) {
        int64_t id, found;
        if (edit_query_id(db, "SELECT id FROM means WHERE org_id = ?1 AND name = ?2", org_id, means_standard[i].name,
                          &found) == 0)
            continue;                                   /* the organisation has it, perhaps changed */
        rc = insert(db, org_id, &means_standard[i], &id, NULL);
        if (rc == 0)
            rc = edit_audit(db, who, &edit_means, id, "create", NULL);
        added += rc == 0;
    }
    if ((rc = edit_finish(db, rc)) == 0 && ret_added)
        *ret_added = added;
    return rc;
}
