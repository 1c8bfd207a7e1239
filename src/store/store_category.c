/* Shared categories in the store (see store_category.h). */
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "store/store_category.h"
#include "store/store_internal.h"

int store_category_list(struct db *db, struct arena *a, struct category **ret, size_t *ret_n) {
    *ret = NULL;
    *ret_n = 0;
    struct db_stmt *st = db_prepare(db, "SELECT id, code, kind, title, title_en FROM category ORDER BY position");
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, *ret, cap, *ret_n);
        (*ret)[(*ret_n)++] = (struct category){
            .id = db_col_int64(st, 0), .code = db_col_text(a, st, 1), .kind = db_col_text(a, st, 2),
            .title = db_col_text(a, st, 3), .title_en = db_col_text(a, st, 4)};
    }
    db_reset(st);
    return step_rows_done(rc);
}

int store_category_by_code(struct db *db, struct arena *a, const char *code, struct category *ret) {
    struct db_stmt *st = db_prepare(db, "SELECT id, code, kind, title, title_en FROM category WHERE code = ?1");
    db_bind_text(st, 1, code);
    int rc = db_step(st);
    if (rc == DB_ROW)
        *ret = (struct category){.id = db_col_int64(st, 0), .code = db_col_text(a, st, 1),
                                 .kind = db_col_text(a, st, 2), .title = db_col_text(a, st, 3),
                                 .title_en = db_col_text(a, st, 4)};
    db_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? KW_ENOTFOUND : KW_EDB;
}

/* The confirmed tags whose measure the latest version of its plan holds (migration 27). "No later
 * version" rather than "the version whose id is the plan's max(id)": PostgreSQL estimates the
 * correlated max() as matching one row in all and then walks every measure of the country (0.2 s
 * at 1,741 organisations, against 7 ms for the anti-join). */
#define PUBLISHED_TAGS \
    "FROM measure_category mc JOIN measure m ON m.id = mc.measure_id JOIN plan p ON p.id = m.plan_id " \
    "JOIN org o ON o.id = p.org_id " \
    "JOIN plan_version v ON v.plan_id = p.id " \
    " AND NOT EXISTS (SELECT 1 FROM plan_version later WHERE later.plan_id = v.plan_id AND later.id > v.id) " \
    "JOIN version_measure vm ON vm.version_id = v.id AND vm.key = m.key " \
    "WHERE mc.state = 'confirmed' "

int store_category_published(struct db *db, struct arena *a, int64_t category_id, int64_t limit, int64_t offset,
                             struct category_published **ret, size_t *ret_n) {
    *ret = NULL;
    *ret_n = 0;
    int rc;
    /* the page's tags chosen by their ids, then only those rows' measures read: sorting every
     * tag of the category with its measure's document made a late page cost 0.14 s */
    struct db_stmt *st = db_prepare(db,
        "SELECT t.category_id, t.measure_id, t.plan_id, o.id, o.code, o.name, o.prefecture, o.population, t.key, "
        " v.label, v.title, vm.measure, vm.rating_label "
        "FROM (SELECT mc.category_id, mc.measure_id, m.plan_id, o.code AS org_code, v.id AS version_id, m.key "
        "      " PUBLISHED_TAGS "AND mc.category_id = ?1 "
        "      ORDER BY o.code, m.plan_id, mc.measure_id LIMIT ?2 OFFSET ?3) t "
        "JOIN plan p ON p.id = t.plan_id JOIN org o ON o.id = p.org_id JOIN plan_version v ON v.id = t.version_id "
        "JOIN version_measure vm ON vm.version_id = t.version_id AND vm.key = t.key "
        "ORDER BY t.org_code, t.plan_id, t.measure_id");
    db_bind_int64(st, 1, category_id);
    db_bind_int64(st, 2, limit);
    db_bind_int64(st, 3, offset);
    size_t cap = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, *ret, cap, *ret_n);
        struct category_published *e = &(*ret)[(*ret_n)++];
        *e = (struct category_published){
            .category_id = db_col_int64(st, 0), .measure_id = db_col_int64(st, 1),
            .plan_id = db_col_int64(st, 2),
            .key = db_col_text(a, st, 8), .version_label = db_col_text(a, st, 9), .plan_title = db_col_text(a, st, 10),
            .measure = db_col_text(a, st, 11), .rating_label = db_col_text(a, st, 12)};
        org_from_row(a, st, 3, &e->org);
    }
    db_reset(st);
    return step_rows_done(rc);
}

int store_category_counts(struct db *db, struct category *v, size_t n) {
    for (size_t c = 0; c < n; c++)
        v[c].measures = v[c].orgs = 0;
    struct db_stmt *st = db_prepare(db, "SELECT mc.category_id, count(*), count(DISTINCT o.id) " PUBLISHED_TAGS
                                      "GROUP BY mc.category_id");
    int rc;
    while ((rc = db_step(st)) == DB_ROW)
        for (size_t c = 0; c < n; c++)
            if (v[c].id == db_col_int64(st, 0)) {
                v[c].measures = db_col_int(st, 1);
                v[c].orgs = db_col_int(st, 2);
            }
    db_reset(st);
    return step_rows_done(rc);
}

int store_measure_category_states(struct db *db, struct arena *a, int64_t measure_id, struct measure_category **ret,
                                  size_t *ret_n) {
    *ret = NULL;
    *ret_n = 0;
    struct db_stmt *st = db_prepare(db,
        "SELECT c.code, mc.state FROM measure_category mc JOIN category c ON c.id = mc.category_id "
        "WHERE mc.measure_id = ?1 ORDER BY c.position");
    db_bind_int64(st, 1, measure_id);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, *ret, cap, *ret_n);
        const char *state = (const char *)db_col_str(st, 1);
        (*ret)[(*ret_n)++] = (struct measure_category){
            .code = db_col_text(a, st, 0), .state = strcmp(state, "confirmed") == 0 ? "confirmed" : "rejected"};
    }
    db_reset(st);
    return step_rows_done(rc);
}

/* Sets one category of a measure (state NULL: forgets it); KW_EINVAL naming "category" for a
 * code no category has. */
static int category_state_write(struct db *db, int64_t measure_id, const char *code, const char *state,
                                struct edit_fail *fail) {
    int64_t cat = 0;
    struct db_stmt *st = db_prepare(db, "SELECT id FROM category WHERE code = ?1");
    db_bind_text(st, 1, code);
    int rc = db_step(st);
    if (rc == DB_ROW)
        cat = db_col_int64(st, 0);
    db_reset(st);
    if (rc != DB_ROW && rc != DB_DONE)
        return KW_EDB;
    if (!cat) {
        edit_fail_set(fail, "categories", "\"%.64s\" is not the code of a category", code);
        return KW_EINVAL;
    }
    if (!state) {
        st = db_prepare(db, "DELETE FROM measure_category WHERE measure_id = ?1 AND category_id = ?2");
        db_bind_int64(st, 1, measure_id);
        db_bind_int64(st, 2, cat);
        return db_step_done(db, st);
    }
    st = db_prepare(db, "INSERT INTO measure_category (measure_id, category_id, state) VALUES (?1, ?2, ?3) "
                        "ON CONFLICT (measure_id, category_id) DO UPDATE SET state = excluded.state");
    db_bind_int64(st, 1, measure_id);
    db_bind_int64(st, 2, cat);
    db_bind_text(st, 3, state);
    return db_step_done(db, st);
}

int categories_confirm(struct db *db, int64_t measure_id, const struct strlist *codes, struct edit_fail *fail) {
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < codes->n; i++)     /* a rejected one confirmed now is confirmed */
        rc = category_state_write(db, measure_id, codes->items[i], "confirmed", fail);
    return rc;
}

int categories_write(struct db *db, int64_t measure_id, const struct strlist *codes, struct edit_fail *fail) {
    struct db_stmt *st = db_prepare(db, "DELETE FROM measure_category WHERE measure_id = ?1 AND state = 'confirmed'");
    db_bind_int64(st, 1, measure_id);
    int rc = db_step_done(db, st);
    return rc == 0 ? categories_confirm(db, measure_id, codes, fail) : rc;
}

int store_measure_category_set(struct db *db, int64_t measure_id, const char *code, const char *state,
                               const struct actor *who, struct edit_fail *fail) {
    if (state && strcmp(state, "confirmed") != 0 && strcmp(state, "rejected") != 0)
        return KW_EINVAL;
    char *before;
    int rc = edit_begin(db, &edit_measure, measure_id, &before);
    if (rc < 0)
        return rc;
    rc = category_state_write(db, measure_id, code, state, fail);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_measure, measure_id, "update", before);
    free(before);
    return edit_finish(db, rc);
}

int store_plan_categories_confirm(struct db *db, int64_t plan_id, const int64_t *measure_ids, char *const *codes,
                                  size_t n, const struct actor *who, struct edit_fail *fail) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct db_stmt *st = db_prepare(db, "SELECT 1 FROM measure WHERE id = ?1 AND plan_id = ?2");
        db_bind_int64(st, 1, measure_ids[i]);
        db_bind_int64(st, 2, plan_id);
        int step = db_step(st);
        db_reset(st);
        if (step == DB_DONE) {
            edit_fail_set(fail, "measure", "measure %lld is not of this plan", (long long)measure_ids[i]);
            rc = KW_EINVAL;
        } else if (step != DB_ROW) {
            rc = KW_EDB;
        } else {                               /* joins this transaction: a failure rolls back them all */
            rc = store_measure_category_set(db, measure_ids[i], codes[i], "confirmed", who, fail);
        }
    }
    if (rc < 0) {
        if (db_in_transaction(db))             /* a failed inner write has rolled back already */
            db_rollback(db);
        return rc;
    }
    return db_commit(db);
}

int store_measure_categories(struct db *db, struct arena *a, const struct measure *m, struct measure_categories *ret) {
    memset(ret, 0, sizeof *ret);
    struct measure_category *states;
    size_t ns;
    int rc = store_category_list(db, a, &ret->all, &ret->n_all);
    if (rc == 0)
        rc = store_measure_category_states(db, a, m->id, &states, &ns);
    if (rc < 0)
        return rc;
    const char *suggest[CATEGORY_SUGGEST_MAX];
    size_t nsug = category_suggest(m, suggest, CATEGORY_SUGGEST_MAX);
    size_t cap = ret->n_all ? ret->n_all : 1;
    ret->confirmed = arena_alloc(a, cap * sizeof *ret->confirmed);
    ret->rejected = arena_alloc(a, cap * sizeof *ret->rejected);
    ret->suggested = arena_alloc(a, cap * sizeof *ret->suggested);
    for (size_t i = 0; i < ret->n_all; i++) {
        const struct category *c = &ret->all[i];
        const char *state = NULL;
        for (size_t j = 0; j < ns && !state; j++)
            if (strcmp(states[j].code, c->code) == 0)
                state = states[j].state;
        bool suggested = false;
        for (size_t j = 0; j < nsug && !suggested; j++)
            suggested = strcmp(suggest[j], c->code) == 0;
        if (state && strcmp(state, "confirmed") == 0)
            ret->confirmed[ret->n_confirmed++] = c;
        else if (state)
            ret->rejected[ret->n_rejected++] = c;
        else if (suggested)
            ret->suggested[ret->n_suggested++] = c;
    }
    return 0;
}
