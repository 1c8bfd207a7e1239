/* The lists of a plan and its outline as rows (migrations 003, 004): vision and action
 * principles (plan_text), goals, the revision history with its notes, the rating scale, and
 * the examples of each pillar and means of each theme. A plan's lists are read with one
 * statement whose arms SQLite merges in position order, and its outline's with one statement
 * each, all in the order of their indexes, so that no temporary b-tree sorts them; they are
 * written when a plan is inserted, and examples and means also when edited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/review.h"
#include "store/store_internal.h"
#include "util/xmalloc.h"

/* Each row: (list, position, sub, t1, t2, t3, t4, number, fy); sub is -1 except for the notes of
 * revision `position`, which follow their revision. Rows are ordered by (position, sub) only:
 * each arm comes in its primary key's order, so SQLite merges the arms without sorting (a
 * literal list tag in the ORDER BY would make it sort every arm), and the lists interleave,
 * which the loader does not mind: each row goes to the list its tag names, and a note's
 * revision is the last one read. */
/* The first part's NULLs carry the columns' types (PostgreSQL types a UNION's columns from the
 * parts in order: an untyped NULL would be text). */
static const char plan_lists_sql[] =
    "SELECT 'a', position, -1, title, text, NULL, NULL, CAST(NULL AS REAL), CAST(NULL AS INTEGER), NULL, "
    "CAST(NULL AS INTEGER) FROM plan_text "
    " WHERE plan_id = ?1 AND kind = 'vision' "
    "UNION ALL SELECT 'b', position, -1, title, text, NULL, NULL, NULL, NULL, NULL, NULL FROM plan_text "
    " WHERE plan_id = ?1 AND kind = 'principle' "
    "UNION ALL SELECT 'f', position, -1, title, text, NULL, NULL, NULL, NULL, NULL, NULL FROM plan_text "
    " WHERE plan_id = ?1 AND kind = 'foundation' "
    "UNION ALL SELECT 'g', position, -1, title, text, NULL, NULL, NULL, NULL, NULL, NULL FROM plan_text "
    " WHERE plan_id = ?1 AND kind = 'challenge' "
    "UNION ALL SELECT 'c', position, -1, name, unit, direction, note, target_value, target_fy, kind, baseline_fy FROM plan_goal "
    " WHERE plan_id = ?1 "
    "UNION ALL SELECT 'd', position, -1, version, date, NULL, NULL, NULL, NULL, NULL, NULL FROM plan_revision "
    " WHERE plan_id = ?1 "
    "UNION ALL SELECT 'd', revision, position, text, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM plan_revision_note "
    " WHERE plan_id = ?1 "
    "UNION ALL SELECT 'e', position, -1, code, label, color, NULL, problem, NULL, NULL, NULL FROM rating_level "
    " WHERE plan_id = ?1 "
    "ORDER BY 2, 3";

int plan_lists_load(struct db *db, struct arena *a, struct plan *p) {
    struct db_stmt *st = db_prepare(db, plan_lists_sql);
    db_bind_int64(st, 1, p->id);
    size_t cap_vision = 0, cap_principles = 0, cap_goals = 0, cap_revisions = 0, cap_scale = 0, cap_notes = 0;
    size_t cap_foundation = 0, cap_challenges = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *list = (const char *)db_col_str(st, 0);
        bool note = db_col_int(st, 2) >= 0;
        switch (list[0]) {
        case 'a':
        case 'b':
        case 'f':
        case 'g': {
            struct titled_text **v = list[0] == 'a' ? &p->vision : list[0] == 'b' ? &p->principles
                                   : list[0] == 'f' ? &p->foundation : &p->challenges;
            size_t *n = list[0] == 'a' ? &p->n_vision : list[0] == 'b' ? &p->n_principles
                      : list[0] == 'f' ? &p->n_foundation : &p->n_challenges;
            size_t *cap = list[0] == 'a' ? &cap_vision : list[0] == 'b' ? &cap_principles
                        : list[0] == 'f' ? &cap_foundation : &cap_challenges;
            GROW(a, *v, *cap, *n);
            struct titled_text *t = &(*v)[(*n)++];
            t->title = db_col_text(a, st, 3);
            t->text = db_col_text(a, st, 4);
            break;
        }
        case 'c': {
            GROW(a, p->goals, cap_goals, p->n_goals);
            struct goal *g = &p->goals[p->n_goals++];
            g->name = db_col_text(a, st, 3);
            g->unit = db_col_text(a, st, 4);
            const char *dir = (const char *)db_col_str(st, 5);
            g->has_direction = dir && direction_parse(dir, &g->direction) == 0;
            g->note = db_col_text(a, st, 6);
            g->target_value = db_col_double(st, 7);
            g->target_fy = db_col_int(st, 8);
            g->workload = !db_col_null(st, 9);     /* the one kind there is */
            g->baseline_fy = db_col_int(st, 10);
            break;
        }
        case 'd':
            if (!note) {
                GROW(a, p->revisions, cap_revisions, p->n_revisions);
                struct revision *r = &p->revisions[p->n_revisions++];
                r->version = db_col_text(a, st, 3);
                r->date = db_col_text(a, st, 4);
                cap_notes = 0;
            } else if (p->n_revisions) {
                struct strlist *notes = &p->revisions[p->n_revisions - 1].notes;
                GROW(a, notes->items, cap_notes, notes->n);
                notes->items[notes->n++] = db_col_text(a, st, 3);
            }
            break;
        default: {
            GROW(a, p->rating_scale, cap_scale, p->n_rating_scale);
            struct rating_level *l = &p->rating_scale[p->n_rating_scale++];
            l->code = db_col_text(a, st, 3);
            l->label = db_col_text(a, st, 4);
            l->color = db_col_text(a, st, 5);
            l->problem = db_col_int(st, 7) != 0;
        }
        }
    }
    db_reset(st);
    return step_rows_done(rc);
}

static int insert_texts(struct db *db, int64_t plan_id, const char *kind, const struct titled_text *t, size_t n) {
    for (size_t i = 0; i < n; i++) {
        struct db_stmt *st = db_prepare(db,
            "INSERT INTO plan_text (plan_id, kind, position, title, text) VALUES (?1, ?2, ?3, ?4, ?5)");
        db_bind_int64(st, 1, plan_id);
        db_bind_text(st, 2, kind);
        db_bind_int64(st, 3, (int64_t)i);
        db_bind_text(st, 4, t[i].title);
        db_bind_text(st, 5, t[i].text);
        int rc = db_step_done(db, st);
        if (rc < 0)
            return rc;
    }
    return 0;
}

static int insert_goals(struct db *db, int64_t plan_id, const struct goal *goals, size_t n) {
    for (size_t i = 0; i < n; i++) {
        const struct goal *g = &goals[i];
        struct db_stmt *st = db_prepare(db,
            "INSERT INTO plan_goal (plan_id, position, name, unit, direction, target_value, target_fy, note, kind, "
            "baseline_fy) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
        db_bind_int64(st, 1, plan_id);
        db_bind_int64(st, 2, (int64_t)i);
        db_bind_text(st, 3, g->name);
        db_bind_text(st, 4, g->unit);
        db_bind_text(st, 5, g->has_direction ? direction_name(g->direction) : NULL);
        db_bind_double(st, 6, g->target_value);
        db_bind_int_or_null(st, 7, g->target_fy, g->target_fy != 0);
        db_bind_text(st, 8, g->note);
        db_bind_text(st, 9, g->workload ? goal_kind_names[0] : NULL);
        db_bind_int_or_null(st, 10, g->baseline_fy, g->baseline_fy != 0);
        int rc = db_step_done(db, st);
        if (rc < 0)
            return rc;
    }
    return 0;
}

static int insert_revisions(struct db *db, int64_t plan_id, const struct plan *p) {
    for (size_t i = 0; i < p->n_revisions; i++) {
        const struct revision *r = &p->revisions[i];
        struct db_stmt *st = db_prepare(db,
            "INSERT INTO plan_revision (plan_id, position, version, date) VALUES (?1, ?2, ?3, ?4)");
        db_bind_int64(st, 1, plan_id);
        db_bind_int64(st, 2, (int64_t)i);
        db_bind_text(st, 3, r->version);
        db_bind_text(st, 4, r->date);
        int rc = db_step_done(db, st);
        if (rc < 0)
            return rc;
        for (size_t j = 0; j < r->notes.n; j++) {
            st = db_prepare(db,
                "INSERT INTO plan_revision_note (plan_id, revision, position, text) VALUES (?1, ?2, ?3, ?4)");
            db_bind_int64(st, 1, plan_id);
            db_bind_int64(st, 2, (int64_t)i);
            db_bind_int64(st, 3, (int64_t)j);
            db_bind_text(st, 4, r->notes.items[j]);
            if ((rc = db_step_done(db, st)) < 0)
                return rc;
        }
    }
    return 0;
}

static int insert_rating_scale(struct db *db, int64_t plan_id, const struct plan *p) {
    for (size_t i = 0; i < p->n_rating_scale; i++) {
        const struct rating_level *l = &p->rating_scale[i];
        struct db_stmt *st = db_prepare(db,
            "INSERT INTO rating_level (plan_id, position, code, label, color, problem) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        db_bind_int64(st, 1, plan_id);
        db_bind_int64(st, 2, (int64_t)i);
        db_bind_text(st, 3, l->code);
        db_bind_text(st, 4, l->label);
        db_bind_text(st, 5, l->color);
        db_bind_int64(st, 6, l->problem);
        int rc = db_step_done(db, st);
        if (rc < 0)
            return rc;
    }
    return 0;
}

int plan_lists_insert(struct db *db, int64_t plan_id, const struct plan *p) {
    int rc = insert_texts(db, plan_id, "vision", p->vision, p->n_vision);
    if (rc == 0)
        rc = insert_texts(db, plan_id, "principle", p->principles, p->n_principles);
    if (rc == 0)
        rc = insert_texts(db, plan_id, "foundation", p->foundation, p->n_foundation);
    if (rc == 0)
        rc = insert_texts(db, plan_id, "challenge", p->challenges, p->n_challenges);
    if (rc == 0)
        rc = insert_goals(db, plan_id, p->goals, p->n_goals);
    if (rc == 0)
        rc = insert_revisions(db, plan_id, p);
    if (rc == 0)
        rc = insert_rating_scale(db, plan_id, p);
    return rc;
}

int plan_texts_set(struct db *db, int64_t plan_id, const char *kind, const struct titled_text *t, size_t n) {
    struct db_stmt *st = db_prepare(db, "DELETE FROM plan_text WHERE plan_id = ?1 AND kind = ?2");
    db_bind_int64(st, 1, plan_id);
    db_bind_text(st, 2, kind);
    int rc = db_step_done(db, st);
    return rc < 0 ? rc : insert_texts(db, plan_id, kind, t, n);
}

int plan_goals_set(struct db *db, int64_t plan_id, const struct goal *goals, size_t n) {
    struct db_stmt *st = db_prepare(db, "DELETE FROM plan_goal WHERE plan_id = ?1");
    db_bind_int64(st, 1, plan_id);
    int rc = db_step_done(db, st);
    return rc < 0 ? rc : insert_goals(db, plan_id, goals, n);
}

/* ---- the outline: pillar examples and theme means */

/* Both in the order of their indexes: (pillar position, pillar id) is the order of pillar_plan,
 * (theme position, theme id) that of theme_pillar, so SQLite need not sort. */
static int load_examples(struct db *db, struct arena *a, struct plan *p) {
    struct db_stmt *st = db_prepare(db,
        "SELECT e.pillar_id, e.text FROM pillar pi JOIN pillar_example e ON e.pillar_id = pi.id "
        "WHERE pi.plan_id = ?1 ORDER BY pi.position, pi.id, e.position");
    db_bind_int64(st, 1, p->id);
    struct pillar *pi = NULL;
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t owner = db_col_int64(st, 0);
        if (!pi || pi->id != owner) {
            pi = NULL;
            cap = 0;
            for (size_t i = 0; i < p->n_pillars && !pi; i++)
                if (p->pillars[i].id == owner)
                    pi = &p->pillars[i];
            if (!pi)
                continue;
        }
        GROW(a, pi->examples.items, cap, pi->examples.n);
        pi->examples.items[pi->examples.n++] = db_col_text(a, st, 1);
    }
    db_reset(st);
    return step_rows_done(rc);
}

static int load_means(struct db *db, struct arena *a, struct plan *p) {
    struct db_stmt *st = db_prepare(db,
        "SELECT tm.theme_id, tm.name, tm.note FROM pillar pi JOIN theme t ON t.pillar_id = pi.id "
        "JOIN theme_means tm ON tm.theme_id = t.id WHERE pi.plan_id = ?1 "
        "ORDER BY pi.position, pi.id, t.position, t.id, tm.position");
    db_bind_int64(st, 1, p->id);
    struct theme *th = NULL;
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t owner = db_col_int64(st, 0);
        if (!th || th->id != owner) {
            th = NULL;
            cap = 0;
            for (size_t i = 0; i < p->n_pillars && !th; i++)
                for (size_t j = 0; j < p->pillars[i].n_themes && !th; j++)
                    if (p->pillars[i].themes[j].id == owner)
                        th = &p->pillars[i].themes[j];
            if (!th)
                continue;
        }
        GROW(a, th->means, cap, th->n_means);
        th->means[th->n_means].name = db_col_text(a, st, 1);
        th->means[th->n_means++].note = db_col_text(a, st, 2);
    }
    db_reset(st);
    return step_rows_done(rc);
}

int outline_lists_load(struct db *db, struct arena *a, struct plan *p) {
    int rc = load_examples(db, a, p);
    return rc < 0 ? rc : load_means(db, a, p);
}

int pillar_examples_set(struct db *db, int64_t pillar_id, const struct strlist *l) {
    struct db_stmt *st = db_prepare(db, "DELETE FROM pillar_example WHERE pillar_id = ?1");
    db_bind_int64(st, 1, pillar_id);
    int rc = db_step_done(db, st);
    for (size_t i = 0; l && i < l->n && rc == 0; i++) {
        st = db_prepare(db, "INSERT INTO pillar_example (pillar_id, position, text) VALUES (?1, ?2, ?3)");
        db_bind_int64(st, 1, pillar_id);
        db_bind_int64(st, 2, (int64_t)i);
        db_bind_text(st, 3, l->items[i]);
        rc = db_step_done(db, st);
    }
    return rc;
}

int theme_means_set(struct db *db, int64_t theme_id, const struct means_entry *m, size_t n) {
    struct db_stmt *st = db_prepare(db, "DELETE FROM theme_means WHERE theme_id = ?1");
    db_bind_int64(st, 1, theme_id);
    int rc = db_step_done(db, st);
    for (size_t i = 0; i < n && rc == 0; i++) {
        st = db_prepare(db, "INSERT INTO theme_means (theme_id, position, name, note) VALUES (?1, ?2, ?3, ?4)");
        db_bind_int64(st, 1, theme_id);
        db_bind_int64(st, 2, (int64_t)i);
        db_bind_text(st, 3, m[i].name);
        db_bind_text(st, 4, m[i].note);
        rc = db_step_done(db, st);
    }
    return rc;
}

/* ---- the rating scale alone */

int store_rating_scale(struct db *db, struct arena *a, int64_t plan_id, struct rating_level **ret, size_t *ret_n) {
    struct db_stmt *st = db_prepare(db, "SELECT code, label, color, problem FROM rating_level WHERE plan_id = ?1 "
                                      "ORDER BY position");
    db_bind_int64(st, 1, plan_id);
    struct rating_level *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, v, cap, n);
        v[n].code = db_col_text(a, st, 0);
        v[n].label = db_col_text(a, st, 1);
        v[n].color = db_col_text(a, st, 2);
        v[n++].problem = db_col_int(st, 3) != 0;
    }
    db_reset(st);
    if (rc == DB_DONE && n == 0) {          /* a plan without a scale uses the default one */
        v = (struct rating_level *)review_default_scale;
        n = review_default_scale_n;
    }
    *ret = v;
    *ret_n = n;
    return step_rows_done(rc);
}

/* ---- changing the rating scale */

/* The scale as JSON for the audit log: [{"code","label","color","problem"}]. */
static char *scale_snapshot(struct db *db, int64_t plan_id) {
    struct db_stmt *st = db_prepare(db,
        "SELECT json_group_array(json_object('code', code, 'label', label, 'color', color, 'problem', problem = 1)) "
        "FROM (SELECT * FROM rating_level WHERE plan_id = ?1 ORDER BY position) s");
    db_bind_int64(st, 1, plan_id);
    char *json = db_step(st) == DB_ROW ? xstrdup((const char *)db_col_str(st, 0)) : NULL;
    db_reset(st);
    return json;
}

/* Reviews of the plan rated with a code that the new scale does not have. */
static int codes_in_use(struct db *db, int64_t plan_id, const struct rating_level *v, size_t n, struct edit_fail *fail) {
    struct db_stmt *st = db_prepare(db,
        "SELECT DISTINCT r.rating FROM measure_review r JOIN measure m ON m.id = r.measure_id "
        "WHERE m.plan_id = ?1 AND r.rating IS NOT NULL ORDER BY r.rating");
    db_bind_int64(st, 1, plan_id);
    int rc, result = 0;
    while ((rc = db_step(st)) == DB_ROW && result == 0) {
        const char *used = (const char *)db_col_str(st, 0);
        bool kept = false;
        for (size_t i = 0; i < n && !kept; i++)
            kept = strcmp(v[i].code, used) == 0;
        if (!kept) {
            edit_fail_set(fail, "levels", "\"%s\" rates reviews already: keep that level (its label may change)", used);
            if (fail)
                snprintf(fail->value, sizeof fail->value, "%s", used);
            result = KW_ECONFLICT;
        }
    }
    db_reset(st);
    return result ? result : step_rows_done(rc);
}

int store_rating_scale_set(struct db *db, int64_t plan_id, const struct rating_level *v, size_t n,
                           const struct actor *who, struct edit_fail *fail) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    int64_t found;
    rc = edit_query_id(db, "SELECT id FROM plan WHERE id = ?1", plan_id, NULL, &found);
    char *before = rc == 0 ? scale_snapshot(db, plan_id) : NULL;
    if (rc == 0)
        rc = codes_in_use(db, plan_id, v, n, fail);
    if (rc == 0) {
        struct db_stmt *st = db_prepare(db, "DELETE FROM rating_level WHERE plan_id = ?1");
        db_bind_int64(st, 1, plan_id);
        rc = db_step_done(db, st);
    }
    if (rc == 0) {
        struct plan p = {.rating_scale = (struct rating_level *)v, .n_rating_scale = n};
        rc = insert_rating_scale(db, plan_id, &p);
    }
    if (rc == 0) {
        char *after = scale_snapshot(db, plan_id);
        rc = store_audit(db, who, "rating_scale", plan_id, "update", before, after);
        free(after);
    }
    free(before);
    if (rc < 0) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db);
}
