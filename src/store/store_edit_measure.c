/* Editing the plan tree: measures (施策) with their departments, means, tags, links, order and
 * move to another theme of the plan; KPIs; and deleting measurements. Every write that changes
 * a measure's searchable text (title, code, 現状, 理想, departments, means, tags, KPI names)
 * rebuilds its row of the search index in the same transaction. The shared machinery is in
 * store_edit.c; the rules in store.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "store/store_internal.h"
#include "util/xmalloc.h"

/* ---- the parts of a measure named by the caller */

/* The departments of the organisation called names, as name -> id pairs (malloc'd, caller
 * frees): KW_EINVAL naming "departments[i]" for an unknown or repeated name. */
static int departments_resolve(struct db *db, int64_t org_id, const struct strlist *names, struct code_id **ret,
                               struct edit_fail *fail) {
    struct code_id *v = xcalloc(names->n ? names->n : 1, sizeof *v);
    int rc = 0;
    for (size_t i = 0; i < names->n && rc == 0; i++) {
        char field[48];
        snprintf(field, sizeof field, "departments[%zu]", i);
        v[i].code = names->items[i];
        rc = edit_query_id(db, "SELECT id FROM department WHERE org_id = ?1 AND name = ?2", org_id, v[i].code, &v[i].id);
        if (rc == KW_ENOTFOUND) {
            edit_fail_set(fail, field, "\"%.100s\" is not a department of this organisation", v[i].code);
            rc = KW_EINVAL;
        }
        for (size_t j = 0; j < i && rc == 0; j++)
            if (v[j].id == v[i].id) {
                edit_fail_set(fail, field, "\"%.100s\" is named twice", v[i].code);
                rc = KW_EINVAL;
            }
    }
    if (rc < 0) {
        free(v);
        return rc;
    }
    *ret = v;
    return 0;
}

/* The ids of the measures of the plan with the given keys or paths (malloc'd, caller frees):
 * KW_EINVAL naming "links[i]" for one that is unknown, repeated or the measure self itself. */
static int links_resolve(struct db *db, int64_t plan_id, int64_t self, const struct strlist *codes, int64_t **ret,
                         struct edit_fail *fail) {
    int64_t *v = xcalloc(codes->n ? codes->n : 1, sizeof *v);
    int rc = 0;
    for (size_t i = 0; i < codes->n && rc == 0; i++) {
        char field[48];
        snprintf(field, sizeof field, "links[%zu]", i);
        rc = store_measure_id_by_key(db, plan_id, codes->items[i], &v[i]);
        if (rc == KW_ENOTFOUND || (rc == 0 && v[i] == self)) {
            edit_fail_set(fail, field, "\"%.100s\" is not the code or path of another measure of this plan",
                          codes->items[i]);
            rc = KW_EINVAL;
        }
        for (size_t j = 0; j < i && rc == 0; j++)
            if (v[j] == v[i]) {
                edit_fail_set(fail, field, "\"%.100s\" is listed twice", codes->items[i]);
                rc = KW_EINVAL;
            }
    }
    if (rc < 0) {
        free(v);
        return rc;
    }
    *ret = v;
    return 0;
}

static int links_write(struct db *db, int64_t measure_id, const int64_t *ids, size_t n) {
    struct db_stmt *st = db_prepare(db, "DELETE FROM measure_link WHERE measure_id = ?1");
    db_bind_int64(st, 1, measure_id);
    int rc = db_step_done(db, st);
    for (size_t i = 0; i < n && rc == 0; i++) {
        st = db_prepare(db, "INSERT INTO measure_link (measure_id, position, target_id) VALUES (?1, ?2, ?3)");
        db_bind_int64(st, 1, measure_id);
        db_bind_int64(st, 2, (int)i);
        db_bind_int64(st, 3, ids[i]);
        rc = db_step_done(db, st);
    }
    return rc;
}

static int departments_write(struct db *db, int64_t measure_id, const struct code_id *v, size_t n) {
    struct db_stmt *st = db_prepare(db, "DELETE FROM measure_department WHERE measure_id = ?1");
    db_bind_int64(st, 1, measure_id);
    int rc = db_step_done(db, st);
    for (size_t i = 0; i < n && rc == 0; i++) {
        st = db_prepare(db, "INSERT INTO measure_department (measure_id, department_id, position) VALUES (?1, ?2, ?3)");
        db_bind_int64(st, 1, measure_id);
        db_bind_int64(st, 2, v[i].id);
        db_bind_int64(st, 3, (int)i);
        rc = db_step_done(db, st);
    }
    return rc;
}

/* Replaces a measure's schedule or progress as a whole. */
static int items_write(struct db *db, int64_t measure_id, const char *kind, const struct period_items *v, size_t n) {
    struct db_stmt *st = db_prepare(db, "DELETE FROM measure_item WHERE measure_id = ?1 AND kind = ?2");
    db_bind_int64(st, 1, measure_id);
    db_bind_text(st, 2, kind);
    int rc = db_step_done(db, st);
    return rc < 0 ? rc : items_insert(db, measure_id, kind, v, n);
}

static int labels_write(struct db *db, int64_t measure_id, const char *kind, const struct strlist *l) {
    struct db_stmt *st = db_prepare(db, "DELETE FROM measure_label WHERE measure_id = ?1 AND kind = ?2");
    db_bind_int64(st, 1, measure_id);
    db_bind_text(st, 2, kind);
    int rc = db_step_done(db, st);
    return rc < 0 ? rc : labels_insert(db, measure_id, kind, l);
}

/* KW_ECONFLICT naming "code" when another measure of the theme has the code (codes repeat
 * across themes and pillars: a measure's key tells them apart). */
static int code_free(struct db *db, int64_t theme_id, int64_t self, const char *code, struct edit_fail *fail) {
    int64_t other;
    if (edit_query_id(db, "SELECT id FROM measure WHERE theme_id = ?1 AND code = ?2", theme_id, code, &other) == 0 &&
        other != self) {
        edit_fail_set(fail, "code", "\"%.100s\" is the code of another measure of this theme", code);
        return KW_ECONFLICT;
    }
    return 0;
}

/* ---- measures */

int store_measure_create(struct db *db, int64_t theme_id, const struct measure *m, int position,
                         const struct actor *who, int64_t *ret_id, struct edit_fail *fail) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    struct location loc;
    struct code_id *depts = NULL;
    int64_t *links = NULL, id = 0;
    int pos = 0;
    rc = store_locate(db, ENTITY_THEME, theme_id, &loc);
    if (rc == 0)
        rc = code_free(db, theme_id, 0, m->code, fail);
    if (rc == 0)
        rc = departments_resolve(db, loc.org_id, &m->departments, &depts, fail);
    if (rc == 0)
        rc = links_resolve(db, loc.plan_id, 0, &m->links, &links, fail);
    if (rc == 0)
        rc = edit_next_position(db, &edit_measure, theme_id, &pos);
    if (rc == 0) {
        struct measure copy = *m;
        copy.current = (char *)edit_text(m->current);
        copy.ideal = (char *)edit_text(m->ideal);
        copy.key = NULL;
        rc = measure_insert(db, loc.plan_id, theme_id, pos, &copy, depts, m->departments.n, &id, NULL);
    }
    if (rc == 0)
        rc = plan_keys_refresh(db, loc.plan_id, fail);
    if (rc == 0)
        rc = links_write(db, id, links, m->links.n);
    if (rc == 0)
        rc = edit_place(db, &edit_measure, theme_id, id, position, fail);
    if (rc == 0)
        rc = search_reindex(db, id);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_measure, id, "create", NULL);
    free(depts);
    free(links);
    if ((rc = edit_finish(db, rc)) == 0 && ret_id)
        *ret_id = id;
    return rc;
}

/* Moves measure id from one theme to another of the same plan, at pos (or last). */
static int measure_move(struct db *db, int64_t id, const struct location *loc, int64_t to, bool set_pos, int pos,
                        struct edit_fail *fail) {
    struct location dest;
    if (store_locate(db, ENTITY_THEME, to, &dest) < 0 || dest.plan_id != loc->plan_id) {
        edit_fail_set(fail, "theme_id", "%lld is not a theme of this measure's plan", (long long)to);
        return KW_EINVAL;
    }
    int next = 0;
    struct db_stmt *st = db_prepare(db, "SELECT 1 FROM measure m JOIN measure o ON o.code = m.code AND o.theme_id = ?2 "
                                      "WHERE m.id = ?1");
    db_bind_int64(st, 1, id);
    db_bind_int64(st, 2, to);
    int rc = db_step(st);
    db_reset(st);
    if (rc == DB_ROW) {
        edit_fail_set(fail, "theme_id", "theme %lld has a measure of the same code already", (long long)to);
        return KW_ECONFLICT;
    }
    rc = rc == DB_DONE ? edit_next_position(db, &edit_measure, to, &next) : KW_EDB;
    if (rc == 0) {
        st = db_prepare(db, "UPDATE measure SET theme_id = ?2, position = ?3 WHERE id = ?1");
        db_bind_int64(st, 1, id);
        db_bind_int64(st, 2, to);
        db_bind_int64(st, 3, next);
        rc = db_step_done(db, st);
    }
    if (rc == 0)
        rc = edit_place(db, &edit_measure, to, id, set_pos ? pos : STORE_LAST, fail);
    if (rc == 0)
        rc = edit_place(db, &edit_measure, loc->theme_id, 0, 0, NULL);
    return rc;
}

/* The fields and lists of a patch: everything but the measure's place. */
static int measure_fields_write(struct db *db, int64_t id, const struct location *loc, const struct measure_patch *p,
                                struct edit_fail *fail) {
    struct code_id *depts = NULL;
    int64_t *links = NULL;
    int rc = p->code ? code_free(db, loc->theme_id, id, p->code, fail) : 0;
    if (rc == 0 && p->departments)
        rc = departments_resolve(db, loc->org_id, p->departments, &depts, fail);
    if (rc == 0 && p->links)
        rc = links_resolve(db, loc->plan_id, id, p->links, &links, fail);
    if (rc == 0) {
        struct db_stmt *st = db_prepare(db,
            "UPDATE measure SET title = coalesce(?2, title), current = CASE WHEN ?3 IS NULL THEN current "
            " WHEN ?3 = '' THEN NULL ELSE ?3 END, ideal = CASE WHEN ?4 IS NULL THEN ideal WHEN ?4 = '' THEN NULL ELSE ?4 END, "
            " status = coalesce(?5, status), new_since_fy = CASE WHEN ?6 THEN nullif(?7, 0) ELSE new_since_fy END, "
            " code = coalesce(?8, code), scope = CASE WHEN ?9 THEN nullif(?10, '') ELSE scope END, "
            " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1");
        db_bind_int64(st, 1, id);
        db_bind_text(st, 2, p->title);
        db_bind_text(st, 3, p->current);
        db_bind_text(st, 4, p->ideal);
        db_bind_text(st, 5, p->status);
        db_bind_int64(st, 6, p->set_new_since);
        db_bind_int64(st, 7, p->new_since_fy);
        db_bind_text(st, 8, p->code);
        db_bind_int64(st, 9, p->set_scope);
        db_bind_text(st, 10, p->scope);
        rc = db_step_done(db, st);
    }
    if (rc == 0 && p->departments)
        rc = departments_write(db, id, depts, p->departments->n);
    if (rc == 0 && p->means)
        rc = labels_write(db, id, "means", p->means);
    if (rc == 0 && p->tags)
        rc = labels_write(db, id, "tag", p->tags);
    if (rc == 0 && p->links)
        rc = links_write(db, id, links, p->links->n);
    if (rc == 0 && p->categories)
        rc = categories_write(db, id, p->categories, fail);
    if (rc == 0 && p->set_schedule)
        rc = items_write(db, id, "schedule", p->schedule, p->n_schedule);
    if (rc == 0 && p->set_progress)
        rc = items_write(db, id, "progress", p->progress, p->n_progress);
    free(depts);
    free(links);
    return rc;
}

int store_measure_edit(struct db *db, int64_t id, const struct measure_patch *p, const struct actor *who,
                       struct edit_fail *fail) {
    char *before;
    int rc = edit_begin(db, &edit_measure, id, &before);
    if (rc < 0)
        return rc;
    struct location loc;
    rc = store_locate(db, ENTITY_MEASURE, id, &loc);
    bool text = p->title || p->current || p->ideal || p->code || p->departments || p->means || p->tags ||
                p->set_schedule || p->set_progress;
    bool fields = text || p->status || p->set_new_since || p->set_scope || p->links || p->categories;
    bool place = p->theme_id || p->set_position;
    if (rc == 0 && (fields || !place))
        rc = measure_fields_write(db, id, &loc, p, fail);
    bool moved = p->theme_id && p->theme_id != loc.theme_id;
    if (rc == 0 && moved)
        rc = measure_move(db, id, &loc, p->theme_id, p->set_position, p->position, fail);
    else if (rc == 0 && p->set_position)
        rc = edit_place(db, &edit_measure, loc.theme_id, id, p->position, fail);
    if (rc == 0 && (moved || p->code))
        rc = plan_keys_refresh(db, loc.plan_id, fail);
    if (rc == 0 && text)
        rc = search_reindex(db, id);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_measure, id, fields || !place ? "update" : "move", before);
    free(before);
    return edit_finish(db, rc);
}

int store_measure_update(struct db *db, int64_t id, const struct measure_patch *p, const struct actor *who) {
    return store_measure_edit(db, id, p, who, NULL);
}

int store_measure_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail) {
    char *before;
    int rc = edit_begin(db, &edit_measure, id, &before);
    if (rc < 0)
        return rc;
    struct location loc;
    rc = edit_history_guard(db, ENTITY_MEASURE, id, fail);
    if (rc == 0)
        rc = store_locate(db, ENTITY_MEASURE, id, &loc);
    struct db_stmt *st = db_prepare(db, "DELETE FROM measure_search WHERE measure_id = ?1");
    db_bind_int64(st, 1, id);
    if (rc == 0)
        rc = db_step_done(db, st);
    if (rc == 0)            /* its parts, KPIs and the links to and from it go with it (ON DELETE CASCADE) */
        rc = edit_remove(db, &edit_measure, id, who, NULL);
    if (rc == 0)            /* a code it shared may now be another measure's alone */
        rc = plan_keys_refresh(db, loc.plan_id, NULL);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_measure, id, "delete", before);
    free(before);
    return edit_finish(db, rc);
}

/* ---- KPIs */

/* KW_ECONFLICT naming "code" when another KPI of the measure has the code. */
static int kpi_code_free(struct db *db, int64_t measure_id, int64_t self, const char *code, struct edit_fail *fail) {
    struct db_stmt *st = db_prepare(db, "SELECT 1 FROM kpi WHERE measure_id = ?1 AND code = ?2 AND id <> ?3");
    db_bind_int64(st, 1, measure_id);
    db_bind_text(st, 2, code);
    db_bind_int64(st, 3, self);
    int rc = db_step(st);
    db_reset(st);
    if (rc == DB_ROW) {
        edit_fail_set(fail, "code", "\"%.100s\" is the code of another KPI of this measure", code);
        return KW_ECONFLICT;
    }
    return rc == DB_DONE ? 0 : KW_EDB;
}

int store_kpi_create(struct db *db, int64_t measure_id, const struct kpi *k, int position, const struct actor *who,
                     int64_t *ret_id, struct edit_fail *fail) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    int64_t id = 0, found;
    int pos = 0;
    rc = edit_query_id(db, "SELECT id FROM measure WHERE id = ?1", measure_id, NULL, &found);
    if (rc == 0 && k->code)
        rc = kpi_code_free(db, measure_id, 0, k->code, fail);
    if (rc == 0)
        rc = edit_next_position(db, &edit_kpi, measure_id, &pos);
    if (rc == 0) {
        struct kpi copy = *k;
        copy.unit = (char *)edit_text(k->unit);
        copy.perspective = (char *)edit_text(k->perspective);
        copy.definition = (char *)edit_text(k->definition);
        copy.source = (char *)edit_text(k->source);
        rc = kpi_insert(db, measure_id, pos, &copy, &id, NULL);
    }
    if (rc == 0)
        rc = edit_place(db, &edit_kpi, measure_id, id, position, fail);
    if (rc == 0)
        rc = search_reindex(db, measure_id);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_kpi, id, "create", NULL);
    if ((rc = edit_finish(db, rc)) == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int store_kpi_update(struct db *db, int64_t id, const struct kpi_patch *p, const struct actor *who,
                     struct edit_fail *fail) {
    char *before;
    int rc = edit_begin(db, &edit_kpi, id, &before);
    if (rc < 0)
        return rc;
    int64_t measure_id = 0;
    rc = edit_query_id(db, edit_kpi.parent, id, NULL, &measure_id);
    if (rc == 0 && p->code && *p->code)
        rc = kpi_code_free(db, measure_id, id, p->code, fail);
    if (rc < 0) {
        free(before);
        return edit_finish(db, rc);
    }
    struct db_stmt *st = db_prepare(db,
        "UPDATE kpi SET name = CASE WHEN ?2 IS NULL THEN name ELSE nullif(?2, '') END, "
        " unit = CASE WHEN ?3 IS NULL THEN unit ELSE nullif(?3, '') END, "
        " code = CASE WHEN ?15 IS NULL THEN code ELSE nullif(?15, '') END, "
        " abolished = CASE WHEN ?16 THEN ?17 ELSE abolished END, "
        " perspective = CASE WHEN ?4 IS NULL THEN perspective ELSE nullif(?4, '') END, "
        " definition = CASE WHEN ?5 IS NULL THEN definition ELSE nullif(?5, '') END, "
        " source = CASE WHEN ?6 IS NULL THEN source ELSE nullif(?6, '') END, "
        " direction = coalesce(?7, direction), "
        " baseline_value = CASE WHEN ?8 THEN ?9 ELSE baseline_value END, "
        " baseline_fy = CASE WHEN ?8 THEN ?10 ELSE baseline_fy END, "
        " target_state = CASE WHEN ?11 THEN ?12 ELSE target_state END, "
        " target_value = CASE WHEN ?11 THEN ?13 ELSE target_value END, "
        " target_fy = CASE WHEN ?11 THEN ?14 ELSE target_fy END WHERE id = ?1");
    db_bind_int64(st, 1, id);
    db_bind_text(st, 2, p->name);
    db_bind_text(st, 3, p->unit);
    db_bind_text(st, 4, p->perspective);
    db_bind_text(st, 5, p->definition);
    db_bind_text(st, 6, p->source);
    db_bind_text(st, 7, p->set_direction ? direction_name(p->direction) : NULL);
    db_bind_int64(st, 8, p->set_baseline);
    if (p->has_baseline) {
        db_bind_double(st, 9, p->baseline_value);
        db_bind_int64(st, 10, p->baseline_fy);
    }
    db_bind_int64(st, 11, p->set_target);
    db_bind_text(st, 12, target_state_name(p->target_state));
    if (p->target_state == TARGET_SET) {
        db_bind_double(st, 13, p->target_value);
        db_bind_int64(st, 14, p->target_fy);
    }
    db_bind_text(st, 15, p->code);
    db_bind_int64(st, 16, p->set_abolished);
    db_bind_int64(st, 17, p->abolished);
    rc = db_step_done(db, st);
    if (rc == 0 && p->set_position)
        rc = edit_place(db, &edit_kpi, measure_id, id, p->position, fail);
    if (rc == 0 && p->name)
        rc = search_reindex(db, measure_id);
    bool only_moved = !p->name && !p->unit && !p->perspective && !p->definition && !p->source && !p->set_direction &&
                      !p->set_baseline && !p->set_target && !p->code && !p->set_abolished && p->set_position;
    if (rc == 0)
        rc = edit_audit(db, who, &edit_kpi, id, only_moved ? "move" : "update", before);
    free(before);
    return edit_finish(db, rc);
}

int store_kpi_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail) {
    char *before;
    int rc = edit_begin(db, &edit_kpi, id, &before);
    if (rc < 0)
        return rc;
    int64_t measure_id = 0;
    rc = edit_history_guard(db, ENTITY_KPI, id, fail);
    if (rc == 0)
        rc = edit_remove(db, &edit_kpi, id, who, &measure_id);
    if (rc == 0)
        rc = search_reindex(db, measure_id);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_kpi, id, "delete", before);
    free(before);
    return edit_finish(db, rc);
}

/* ---- measurements */

int store_measurement_update(struct db *db, int64_t id, const struct measurement_patch *p, const struct actor *who) {
    char *before;
    int rc = edit_begin(db, &edit_measurement, id, &before);
    if (rc < 0)
        return rc;
    struct db_stmt *st = db_prepare(db,
        "UPDATE kpi_measurement SET period = coalesce(?2, period), value = CASE WHEN ?3 THEN ?4 ELSE value END, "
        " note = CASE WHEN ?5 IS NULL THEN note ELSE nullif(?5, '') END, "
        " source = CASE WHEN ?6 IS NULL THEN source ELSE nullif(?6, '') END WHERE id = ?1");
    db_bind_int64(st, 1, id);
    db_bind_text(st, 2, p->period);
    db_bind_int64(st, 3, p->set_value);
    db_bind_double(st, 4, p->value);
    db_bind_text(st, 5, p->note);
    db_bind_text(st, 6, p->source);
    rc = db_step_done(db, st);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_measurement, id, "update", before);
    free(before);
    return edit_finish(db, rc);
}

int store_measurement_delete(struct db *db, int64_t id, const struct actor *who) {
    char *before;
    int rc = edit_begin(db, &edit_measurement, id, &before);
    if (rc < 0)
        return rc;
    rc = edit_remove(db, &edit_measurement, id, who, NULL);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_measurement, id, "delete", before);
    free(before);
    return edit_finish(db, rc);
}
