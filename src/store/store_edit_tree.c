/* Editing the plan tree: pillars (柱・改革) and themes (テーマ), with their order and the move of a
 * theme to another pillar of the same plan. Neither is in the search index, so nothing here
 * reindexes. The shared machinery is in store_edit.c; the rules in store.h. */
#include <stdlib.h>
#include "core/errors.h"
#include "store/store_internal.h"

/* KW_ECONFLICT naming "code" when another row (not self) under parent has the code: a pillar's
 * code is unique in its plan, a theme's in its pillar (as a document has them). */
static int code_free(struct db *db, const char *sql, const char *what, int64_t parent, int64_t self,
                     const char *code, struct edit_fail *fail) {
    int64_t other = 0;
    if (!code || !*code || edit_query_id(db, sql, parent, code, &other) < 0 || other == self)
        return 0;
    edit_fail_set(fail, "code", "\"%.100s\" is the code of another %s", code, what);
    return KW_ECONFLICT;
}

static int pillar_code_free(struct db *db, int64_t plan_id, int64_t self, const char *code, struct edit_fail *fail) {
    return code_free(db, "SELECT id FROM pillar WHERE plan_id = ?1 AND code = ?2", "pillar of this plan", plan_id,
                     self, code, fail);
}

static int theme_code_free(struct db *db, int64_t pillar_id, int64_t self, const char *code, struct edit_fail *fail) {
    return code_free(db, "SELECT id FROM theme WHERE pillar_id = ?1 AND code = ?2", "theme of this pillar", pillar_id,
                     self, code, fail);
}

/* KW_ECONFLICT when the pillar holds its measures directly (its one theme has neither code nor
 * title): a pillar holds themes or measures, as a document has it. */
static int pillar_takes_themes(struct db *db, int64_t pillar_id, const char *field, struct edit_fail *fail) {
    int64_t implicit = 0;
    if (edit_query_id(db, "SELECT id FROM theme WHERE pillar_id = ?1 AND code IS NULL AND title IS NULL", pillar_id,
                      NULL, &implicit) < 0)
        return 0;
    edit_fail_set(fail, field, "this pillar holds its measures directly, without themes");
    return KW_ECONFLICT;
}

/* ---- pillars */

int store_pillar_create(struct db *db, int64_t plan_id, const struct pillar *p, int position,
                        const struct actor *who, int64_t *ret_id, struct edit_fail *fail) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    int64_t id = 0, found;
    int pos = 0;
    rc = edit_query_id(db, "SELECT id FROM plan WHERE id = ?1", plan_id, NULL, &found);
    if (rc == 0)
        rc = pillar_code_free(db, plan_id, 0, p->code, fail);
    if (rc == 0)
        rc = edit_next_position(db, &edit_pillar, plan_id, &pos);
    if (rc == 0) {
        struct db_stmt *st = db_prepare(db,
            "INSERT INTO pillar (plan_id, position, code, title, summary, abolished) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        db_bind_int64(st, 1, plan_id);
        db_bind_int64(st, 2, pos);
        db_bind_text(st, 3, p->code);
        db_bind_text(st, 4, p->title);
        db_bind_text(st, 5, edit_text(p->summary));
        db_bind_int64(st, 6, p->abolished);
        rc = db_step_done(db, st);
        id = db_last_id(db);
        if (rc == 0)
            rc = pillar_examples_set(db, id, &p->examples);
    }
    if (rc == 0)
        rc = edit_place(db, &edit_pillar, plan_id, id, position, fail);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_pillar, id, "create", NULL);
    if ((rc = edit_finish(db, rc)) == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int store_pillar_update(struct db *db, int64_t id, const struct pillar_patch *p, const struct actor *who,
                        struct edit_fail *fail) {
    char *before;
    int rc = edit_begin(db, &edit_pillar, id, &before);
    if (rc < 0)
        return rc;
    int64_t plan_id = 0;
    if ((rc = edit_query_id(db, edit_pillar.parent, id, NULL, &plan_id)) == 0)
        rc = pillar_code_free(db, plan_id, id, p->code, fail);
    if (rc < 0) {
        free(before);
        return edit_finish(db, rc);
    }
    struct db_stmt *st = db_prepare(db,
        "UPDATE pillar SET code = coalesce(?2, code), title = coalesce(?3, title), "
        " summary = CASE WHEN ?4 IS NULL THEN summary ELSE nullif(?4, '') END, "
        " abolished = CASE WHEN ?5 THEN ?6 ELSE abolished END WHERE id = ?1");
    db_bind_int64(st, 1, id);
    db_bind_text(st, 2, p->code);
    db_bind_text(st, 3, p->title);
    db_bind_text(st, 4, p->summary);
    db_bind_int64(st, 5, p->set_abolished);
    db_bind_int64(st, 6, p->abolished);
    rc = db_step_done(db, st);
    if (rc == 0 && p->examples)
        rc = pillar_examples_set(db, id, p->examples);
    if (rc == 0 && p->set_position)
        rc = edit_place(db, &edit_pillar, plan_id, id, p->position, fail);
    if (rc == 0 && p->code)                  /* the paths of its measures */
        rc = plan_keys_refresh(db, plan_id, fail);
    bool only_moved = !p->code && !p->title && !p->summary && !p->examples && !p->set_abolished && p->set_position;
    if (rc == 0)
        rc = edit_audit(db, who, &edit_pillar, id, only_moved ? "move" : "update", before);
    free(before);
    return edit_finish(db, rc);
}

int store_pillar_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail) {
    char *before;
    int rc = edit_begin(db, &edit_pillar, id, &before);
    if (rc < 0)
        return rc;
    int64_t children = 0;
    rc = edit_query_id(db, "SELECT count(*) FROM theme WHERE pillar_id = ?1", id, NULL, &children);
    if (rc == 0 && children > 0) {
        edit_fail_set(fail, "", "the pillar still has %lld theme(s); delete or move them first", (long long)children);
        rc = KW_ECONFLICT;
    }
    if (rc == 0)
        rc = edit_remove(db, &edit_pillar, id, who, NULL);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_pillar, id, "delete", before);
    free(before);
    return edit_finish(db, rc);
}

/* ---- themes */

int store_theme_create(struct db *db, int64_t pillar_id, const struct theme *t, int position,
                       const struct actor *who, int64_t *ret_id, struct edit_fail *fail) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    int64_t id = 0, found;
    int pos = 0;
    rc = edit_query_id(db, "SELECT id FROM pillar WHERE id = ?1", pillar_id, NULL, &found);
    if (rc == 0)
        rc = pillar_takes_themes(db, pillar_id, "pillar_id", fail);
    if (rc == 0)
        rc = theme_code_free(db, pillar_id, 0, t->code, fail);
    if (rc == 0)
        rc = edit_next_position(db, &edit_theme, pillar_id, &pos);
    if (rc == 0) {
        struct db_stmt *st = db_prepare(db, "INSERT INTO theme (pillar_id, position, code, title, abolished) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5)");
        db_bind_int64(st, 1, pillar_id);
        db_bind_int64(st, 2, pos);
        db_bind_text(st, 3, edit_text(t->code));
        db_bind_text(st, 4, t->title);
        db_bind_int64(st, 5, t->abolished);
        rc = db_step_done(db, st);
        id = db_last_id(db);
        if (rc == 0)
            rc = theme_means_set(db, id, t->means, t->n_means);
    }
    if (rc == 0)
        rc = edit_place(db, &edit_theme, pillar_id, id, position, fail);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_theme, id, "create", NULL);
    if ((rc = edit_finish(db, rc)) == 0 && ret_id)
        *ret_id = id;
    return rc;
}

/* Moves theme id to pillar to (same plan only), at position pos or last. */
static int theme_move(struct db *db, int64_t id, int64_t from, int64_t to, bool set_pos, int pos,
                      struct edit_fail *fail) {
    int64_t plan_from = 0, plan_to = 0;
    int rc = edit_query_id(db, edit_pillar.parent, from, NULL, &plan_from);
    if (rc < 0)
        return rc;
    if (edit_query_id(db, edit_pillar.parent, to, NULL, &plan_to) < 0 || plan_to != plan_from) {
        edit_fail_set(fail, "pillar_id", "%lld is not a pillar of this theme's plan", (long long)to);
        return KW_EINVAL;
    }
    if ((rc = pillar_takes_themes(db, to, "pillar_id", fail)) < 0)
        return rc;
    int next = 0;
    rc = edit_next_position(db, &edit_theme, to, &next);
    if (rc == 0) {
        struct db_stmt *st = db_prepare(db, "UPDATE theme SET pillar_id = ?2, position = ?3 WHERE id = ?1");
        db_bind_int64(st, 1, id);
        db_bind_int64(st, 2, to);
        db_bind_int64(st, 3, next);
        rc = db_step_done(db, st);
    }
    if (rc == 0)
        rc = edit_place(db, &edit_theme, to, id, set_pos ? pos : STORE_LAST, fail);
    if (rc == 0)
        rc = edit_place(db, &edit_theme, from, 0, 0, NULL);
    return rc;
}

int store_theme_update(struct db *db, int64_t id, const struct theme_patch *p, const struct actor *who,
                       struct edit_fail *fail) {
    char *before;
    int rc = edit_begin(db, &edit_theme, id, &before);
    if (rc < 0)
        return rc;
    struct db_stmt *st = db_prepare(db,
        "UPDATE theme SET code = CASE WHEN ?2 IS NULL THEN code ELSE nullif(?2, '') END, title = coalesce(?3, title), "
        " abolished = CASE WHEN ?4 THEN ?5 ELSE abolished END WHERE id = ?1");
    db_bind_int64(st, 1, id);
    db_bind_text(st, 2, p->code);
    db_bind_text(st, 3, p->title);
    db_bind_int64(st, 4, p->set_abolished);
    db_bind_int64(st, 5, p->abolished);
    rc = db_step_done(db, st);
    if (rc == 0 && p->set_means)
        rc = theme_means_set(db, id, p->means, p->n_means);
    int64_t pillar_id = 0;
    if (rc == 0)
        rc = edit_query_id(db, edit_theme.parent, id, NULL, &pillar_id);
    bool moves = p->pillar_id && p->pillar_id != pillar_id;
    if (rc == 0 && moves)
        rc = theme_move(db, id, pillar_id, p->pillar_id, p->set_position, p->position, fail);
    else if (rc == 0 && p->set_position)
        rc = edit_place(db, &edit_theme, pillar_id, id, p->position, fail);
    int64_t twin = 0;                        /* another theme of its pillar now with its code */
    if (rc == 0 && (moves || p->code) &&
        edit_query_id(db, "SELECT t2.id FROM theme t1 JOIN theme t2 ON t2.pillar_id = t1.pillar_id "
                          "AND t2.code = t1.code AND t2.id <> t1.id WHERE t1.id = ?1", id, NULL, &twin) == 0) {
        edit_fail_set(fail, "code", "another theme of the pillar has this code");
        rc = KW_ECONFLICT;
    }
    int64_t plan_id = 0;
    if (rc == 0 && (moves || p->code))       /* the paths of its measures */
        rc = edit_query_id(db, edit_pillar.parent, moves ? p->pillar_id : pillar_id, NULL, &plan_id);
    if (rc == 0 && (moves || p->code))
        rc = plan_keys_refresh(db, plan_id, fail);
    bool only_moved = !p->code && !p->title && !p->set_means && !p->set_abolished && (p->pillar_id || p->set_position);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_theme, id, only_moved ? "move" : "update", before);
    free(before);
    return edit_finish(db, rc);
}

int store_theme_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail) {
    char *before;
    int rc = edit_begin(db, &edit_theme, id, &before);
    if (rc < 0)
        return rc;
    int64_t children = 0;
    rc = edit_query_id(db, "SELECT count(*) FROM measure WHERE theme_id = ?1", id, NULL, &children);
    if (rc == 0 && children > 0) {
        edit_fail_set(fail, "", "the theme still has %lld measure(s); delete or move them first", (long long)children);
        rc = KW_ECONFLICT;
    }
    if (rc == 0)
        rc = edit_remove(db, &edit_theme, id, who, NULL);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_theme, id, "delete", before);
    free(before);
    return edit_finish(db, rc);
}
