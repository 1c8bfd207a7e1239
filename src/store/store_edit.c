/* Editing the plan tree: what every edit shares (the audit snapshot of each kind of entity,
 * positions among siblings, the transaction), where an entity sits (store_locate), and the
 * organisation level: organisations, departments and plans. Pillars and themes are edited in
 * store_edit_tree.c; measures, KPIs and measurements in store_edit_measure.c. The rules are in
 * store.h under "editing the tree". */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "core/field.h"
#include "store/store_internal.h"
#include "util/xmalloc.h"

/* ---- kinds of entity: audit snapshot and siblings */

const struct edit_kind edit_org = {
    "org",
    "SELECT json_object('code', code, 'name', name, 'prefecture', prefecture, 'population', population) "
    "FROM org WHERE id = ?1",
    NULL, NULL, NULL,
    NULL,
    NULL,                          /* organisations are not deleted through the API */
    NULL,
};

const struct edit_kind edit_department = {
    "department",
    "SELECT json_object('code', d.code, 'name', d.name, 'parent', p.code, 'abolished', d.abolished, 'org_id', d.org_id, "
    " 'position', d.position) "
    "FROM department d LEFT JOIN department p ON p.id = d.parent_id WHERE d.id = ?1",
    "SELECT id, position FROM department WHERE org_id = ?1 ORDER BY position, id",
    "UPDATE department SET position = ?2 WHERE id = ?1",
    "SELECT coalesce(max(position) + 1, 0) FROM department WHERE org_id = ?1",
    "SELECT org_id FROM department WHERE id = ?1",
    "DELETE FROM department WHERE id = ?1",
    "SELECT id FROM department WHERE parent_id = ?1",
};

const struct edit_kind edit_plan = {
    "plan",
    "SELECT json_object('code', code, 'title', title, 'kind', kind, 'motto', motto, 'summary', summary, "
    " 'from_fy', from_fy, 'to_fy', to_fy, 'review_cadence', review_cadence, 'version', version, "
    " 'published', published, 'abolished', abolished, "
    " 'vision', json((SELECT json_group_array(json_object('title', title, 'text', text)) FROM "
    "   (SELECT title, text FROM plan_text WHERE plan_id = ?1 AND kind = 'vision' ORDER BY position) s)), "
    " 'principles', json((SELECT json_group_array(json_object('title', title, 'text', text)) FROM "
    "   (SELECT title, text FROM plan_text WHERE plan_id = ?1 AND kind = 'principle' ORDER BY position) s)), "
    " 'foundation', json((SELECT json_group_array(json_object('title', title, 'text', text)) FROM "
    "   (SELECT title, text FROM plan_text WHERE plan_id = ?1 AND kind = 'foundation' ORDER BY position) s)), "
    " 'challenges', json((SELECT json_group_array(json_object('title', title, 'text', text)) FROM "
    "   (SELECT title, text FROM plan_text WHERE plan_id = ?1 AND kind = 'challenge' ORDER BY position) s)), "
    " 'goals', json((SELECT json_group_array(json_object('name', name, 'unit', unit, 'direction', direction, "
    "   'target_value', target_value, 'target_fy', target_fy, 'note', note, 'kind', kind, "
    "   'baseline_fy', baseline_fy)) FROM "
    "   (SELECT * FROM plan_goal WHERE plan_id = ?1 ORDER BY position) s)), "
    " 'org_id', org_id, 'position', position) FROM plan WHERE id = ?1",
    "SELECT id, position FROM plan WHERE org_id = ?1 ORDER BY position, id",
    "UPDATE plan SET position = ?2 WHERE id = ?1",
    "SELECT coalesce(max(position) + 1, 0) FROM plan WHERE org_id = ?1",
    "SELECT org_id FROM plan WHERE id = ?1",
    "DELETE FROM plan WHERE id = ?1",
    NULL,
};

const struct edit_kind edit_pillar = {
    "pillar",
    "SELECT json_object('code', code, 'title', title, 'summary', summary, 'abolished', abolished, "
    " 'examples', json((SELECT nullif(json_group_array(text), '[]') "
    "                   FROM (SELECT text FROM pillar_example WHERE pillar_id = ?1 ORDER BY position) s)), "
    " 'plan_id', plan_id, 'position', position) FROM pillar WHERE id = ?1",
    "SELECT id, position FROM pillar WHERE plan_id = ?1 ORDER BY position, id",
    "UPDATE pillar SET position = ?2 WHERE id = ?1",
    "SELECT coalesce(max(position) + 1, 0) FROM pillar WHERE plan_id = ?1",
    "SELECT plan_id FROM pillar WHERE id = ?1",
    "DELETE FROM pillar WHERE id = ?1",
    NULL,
};

const struct edit_kind edit_theme = {
    "theme",
    "SELECT json_object('code', code, 'title', title, 'abolished', abolished, "
    " 'means', json((SELECT nullif(json_group_array(json_object('name', name, 'note', note)), '[]') "
    "                FROM (SELECT name, note FROM theme_means WHERE theme_id = ?1 ORDER BY position) s)), "
    " 'pillar_id', pillar_id, 'position', position) FROM theme WHERE id = ?1",
    "SELECT id, position FROM theme WHERE pillar_id = ?1 ORDER BY position, id",
    "UPDATE theme SET position = ?2 WHERE id = ?1",
    "SELECT coalesce(max(position) + 1, 0) FROM theme WHERE pillar_id = ?1",
    "SELECT pillar_id FROM theme WHERE id = ?1",
    "DELETE FROM theme WHERE id = ?1",
    NULL,
};

/* json() keeps a subquery's array an array inside json_object (a subquery drops the JSON subtype). */
const struct edit_kind edit_measure = {
    "measure",
    "SELECT json_object('code', m.code, 'title', m.title, 'scope', m.scope, 'current', m.current, "
    " 'ideal', m.ideal, 'status', m.status, 'new_since_fy', m.new_since_fy, "
    " 'departments', json((SELECT json_group_array(name) FROM (SELECT d.name FROM measure_department md "
    "   JOIN department d ON d.id = md.department_id WHERE md.measure_id = m.id ORDER BY md.position) s)), "
    " 'means', json((SELECT json_group_array(text) FROM (SELECT text FROM measure_label "
    "   WHERE measure_id = m.id AND kind = 'means' ORDER BY position) s)), "
    " 'tags', json((SELECT json_group_array(text) FROM (SELECT text FROM measure_label "
    "   WHERE measure_id = m.id AND kind = 'tag' ORDER BY position) s)), "
    " 'links', json((SELECT json_group_array(key) FROM (SELECT t.key FROM measure_link l "
    "   JOIN measure t ON t.id = l.target_id WHERE l.measure_id = m.id ORDER BY l.position) s)), "
    " 'categories', json((SELECT json_group_array(code) FROM (SELECT c.code FROM measure_category mc "
    "   JOIN category c ON c.id = mc.category_id WHERE mc.measure_id = m.id AND mc.state = 'confirmed' "
    "   ORDER BY c.position) s)), "
    " 'rejected_categories', json((SELECT json_group_array(code) FROM (SELECT c.code FROM measure_category mc "
    "   JOIN category c ON c.id = mc.category_id WHERE mc.measure_id = m.id AND mc.state = 'rejected' "
    "   ORDER BY c.position) s)), "
    " 'schedule', json((SELECT json_group_array(json_object('fy', fy, 'quarter', nullif(quarter, 0), 'text', text)) "
    "   FROM (SELECT fy, quarter, text FROM measure_item WHERE measure_id = m.id AND kind = 'schedule' "
    "         ORDER BY fy, quarter, position) s)), "
    " 'progress', json((SELECT json_group_array(json_object('fy', fy, 'quarter', nullif(quarter, 0), 'text', text)) "
    "   FROM (SELECT fy, quarter, text FROM measure_item WHERE measure_id = m.id AND kind = 'progress' "
    "         ORDER BY fy, quarter, position) s)), "
    " 'theme_id', m.theme_id, 'position', m.position) FROM measure m WHERE m.id = ?1",
    "SELECT id, position FROM measure WHERE theme_id = ?1 ORDER BY position, id",
    "UPDATE measure SET position = ?2 WHERE id = ?1",
    "SELECT coalesce(max(position) + 1, 0) FROM measure WHERE theme_id = ?1",
    "SELECT theme_id FROM measure WHERE id = ?1",
    "DELETE FROM measure WHERE id = ?1",
    "SELECT DISTINCT measure_id FROM measure_link WHERE target_id = ?1",
};

const struct edit_kind edit_kpi = {
    "kpi",
    "SELECT json_object('code', code, 'name', name, 'unit', unit, 'direction', direction, 'perspective', perspective, "
    " 'baseline_value', baseline_value, 'baseline_fy', baseline_fy, 'target_state', target_state, "
    " 'target_value', target_value, 'target_fy', target_fy, 'definition', definition, 'source', source, "
    " 'abolished', abolished, 'measure_id', measure_id, 'position', position) FROM kpi WHERE id = ?1",
    "SELECT id, position FROM kpi WHERE measure_id = ?1 ORDER BY position, id",
    "UPDATE kpi SET position = ?2 WHERE id = ?1",
    "SELECT coalesce(max(position) + 1, 0) FROM kpi WHERE measure_id = ?1",
    "SELECT measure_id FROM kpi WHERE id = ?1",
    "DELETE FROM kpi WHERE id = ?1",
    NULL,
};

const struct edit_kind edit_measurement = {
    "kpi_measurement",
    "SELECT json_object('kpi_id', kpi_id, 'period', period, 'value', value, 'note', note, 'source', source, "
    " 'recorded_by', recorded_by, 'recorded_at', recorded_at) FROM kpi_measurement WHERE id = ?1",
    NULL, NULL, NULL,
    NULL,
    "DELETE FROM kpi_measurement WHERE id = ?1",
    NULL,
};

/* ---- what every edit shares */

void edit_fail_set(struct edit_fail *fail, const char *field, const char *fmt, ...) {
    if (!fail)
        return;
    snprintf(fail->field, sizeof fail->field, "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(fail->message, sizeof fail->message, fmt, ap);
    va_end(ap);
}

bool edit_field_ok(const char *s, const struct field_rule *rule, bool required, const char *field,
                   struct edit_fail *fail) {
    enum field_problem p = field_check_str(s ? s : "", rule, required);
    if (p != FIELD_OK) {
        char msg[128];
        edit_fail_set(fail, field, "%s %s", field, field_message(p, rule, msg, sizeof msg));
        return false;
    }
    return true;
}

char *edit_snapshot(struct db *db, const struct edit_kind *k, int64_t id) {
    struct db_stmt *st = db_prepare(db, k->snapshot);
    db_bind_int64(st, 1, id);
    char *json = NULL;
    if (db_step(st) == DB_ROW)
        json = xstrdup((const char *)db_col_str(st, 0));
    db_reset(st);
    return json;
}

int edit_audit(struct db *db, const struct actor *who, const struct edit_kind *k, int64_t id, const char *action,
               const char *before) {
    char *after = edit_snapshot(db, k, id);
    int rc = store_audit(db, who, k->entity, id, action, before, after);
    free(after);
    return rc;
}

int edit_finish(struct db *db, int rc) {
    if (rc < 0) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db);
}

int edit_history_guard(struct db *db, enum entity_kind kind, int64_t id, struct edit_fail *fail) {
    struct history h = {0};
    int rc = store_history(db, kind, id, &h);
    if (rc < 0 || !history_any(&h))
        return rc;
    char what[300];
    history_describe(&h, what, sizeof what);
    edit_fail_set(fail, "", "it has history that a delete would lose (%s): abolish it instead (廃止)", what);
    return KW_ECONFLICT;
}

int edit_query_id(struct db *db, const char *sql, int64_t a, const char *text, int64_t *ret) {
    struct db_stmt *st = db_prepare(db, sql);
    db_bind_int64(st, 1, a);
    if (text)
        db_bind_text(st, 2, text);
    int rc = db_step(st);
    if (rc == DB_ROW)
        *ret = db_col_int64(st, 0);
    db_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? KW_ENOTFOUND : KW_EDB;
}

int edit_next_position(struct db *db, const struct edit_kind *k, int64_t parent, int *ret_pos) {
    int64_t pos;
    int rc = edit_query_id(db, k->next_position, parent, NULL, &pos);
    if (rc == 0)
        *ret_pos = (int)pos;
    return rc;
}

struct sibling { int64_t id; int position; };

/* The rows of k that a delete of id changes through ON DELETE, with their snapshots before it. */
struct dependents { const struct edit_kind *kind; int64_t *ids; char **before; size_t n; };

static int dependents_begin(struct db *db, const struct edit_kind *k, int64_t id, struct dependents *ret) {
    struct dependents d = {k, NULL, NULL, 0};
    size_t cap = 0;
    struct db_stmt *st = db_prepare(db, k->dependents);
    db_bind_int64(st, 1, id);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (d.n == cap) {
            cap = cap ? cap * 2 : 8;
            d.ids = xrealloc(d.ids, cap * sizeof *d.ids);
        }
        d.ids[d.n++] = db_col_int64(st, 0);
    }
    db_reset(st);
    d.before = xcalloc(d.n ? d.n : 1, sizeof *d.before);
    for (size_t i = 0; i < d.n; i++)
        d.before[i] = edit_snapshot(db, k, d.ids[i]);
    *ret = d;
    return rc == DB_DONE ? 0 : KW_EDB;
}

static int dependents_audit(struct db *db, const struct actor *who, const struct dependents *d) {
    int rc = 0;
    for (size_t i = 0; i < d->n && rc == 0; i++)
        rc = edit_audit(db, who, d->kind, d->ids[i], "update", d->before[i]);
    return rc;
}

static void dependents_free(struct dependents *d) {
    for (size_t i = 0; i < d->n; i++)
        free(d->before[i]);
    free(d->before);
    free(d->ids);
    *d = (struct dependents){0};
}

int edit_remove(struct db *db, const struct edit_kind *k, int64_t id, const struct actor *who, int64_t *ret_parent) {
    int64_t parent = 0;
    struct dependents changed = {0};
    int rc = k->parent ? edit_query_id(db, k->parent, id, NULL, &parent) : 0;
    if (rc == 0 && k->dependents)
        rc = dependents_begin(db, k, id, &changed);
    if (rc == 0) {
        struct db_stmt *st = db_prepare(db, k->remove);
        db_bind_int64(st, 1, id);
        rc = db_step_done(db, st);
    }
    if (rc == 0 && k->parent && k->siblings)
        rc = edit_place(db, k, parent, 0, 0, NULL);
    if (rc == 0)
        rc = dependents_audit(db, who, &changed);
    dependents_free(&changed);
    if (rc == 0 && ret_parent)
        *ret_parent = parent;
    return rc;
}

int edit_delete(struct db *db, const struct edit_kind *k, int64_t id, const struct actor *who,
                int (*guard)(struct db *db, int64_t id, struct edit_fail *fail), struct edit_fail *fail) {
    char *before;
    int rc = edit_begin(db, k, id, &before);
    if (rc < 0)
        return rc;
    if (guard)
        rc = guard(db, id, fail);
    if (rc == 0)
        rc = edit_remove(db, k, id, who, NULL);
    if (rc == 0)
        rc = edit_audit(db, who, k, id, "delete", before);
    free(before);
    return edit_finish(db, rc);
}

int edit_place(struct db *db, const struct edit_kind *k, int64_t parent, int64_t id, int pos, struct edit_fail *fail) {
    struct db_stmt *st = db_prepare(db, k->siblings);
    db_bind_int64(st, 1, parent);
    struct sibling *v = NULL, self = {id, -1};
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct sibling s = {db_col_int64(st, 0), db_col_int(st, 1)};
        if (s.id == id) {
            self = s;
            continue;
        }
        if (n + 2 > cap) {                      /* room for self too */
            cap = cap ? cap * 2 : 16;
            v = xrealloc(v, cap * sizeof *v);
        }
        v[n++] = s;
    }
    db_reset(st);
    if (rc != DB_DONE) {
        free(v);
        return KW_EDB;
    }
    if (id) {
        if (pos == STORE_LAST)
            pos = (int)n;
        if (pos < 0 || (size_t)pos > n) {
            edit_fail_set(fail, "position", "position must be between 0 and %zu", n);
            free(v);
            return KW_EINVAL;
        }
        if (!v)
            v = xmalloc(sizeof *v);
        memmove(&v[pos + 1], &v[pos], (n - (size_t)pos) * sizeof *v);
        v[pos] = self;
        n++;
    }
    /* Two passes, so that a unique index on (parent, position) never sees two equal positions:
     * rows that move first go to distinct negative positions, then to their places. */
    rc = 0;
    for (int pass = 0; pass < 2 && rc == 0; pass++)
        for (size_t i = 0; i < n && rc == 0; i++) {
            if (v[i].position == (int)i)
                continue;
            st = db_prepare(db, k->set_position);
            db_bind_int64(st, 1, v[i].id);
            db_bind_int64(st, 2, pass == 0 ? -1 - (int)i : (int)i);
            rc = db_step_done(db, st);
        }
    free(v);
    return rc;
}

int edit_begin(struct db *db, const struct edit_kind *k, int64_t id, char **ret_before) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    char *before = edit_snapshot(db, k, id);
    if (!before) {
        db_rollback(db);
        return KW_ENOTFOUND;
    }
    *ret_before = before;
    return 0;
}

/* ---- where an entity sits */

int store_locate(struct db *db, enum entity_kind kind, int64_t id, struct location *ret) {
    static const char *const sql[] = {
        [ENTITY_DEPARTMENT] = "SELECT org_id, 0, 0, 0, 0, 0 FROM department WHERE id = ?1",
        [ENTITY_PLAN] = "SELECT org_id, id, 0, 0, 0, 0 FROM plan WHERE id = ?1",
        [ENTITY_PILLAR] = "SELECT p.org_id, p.id, pi.id, 0, 0, 0 FROM pillar pi JOIN plan p ON p.id = pi.plan_id "
                          "WHERE pi.id = ?1",
        [ENTITY_THEME] = "SELECT p.org_id, p.id, pi.id, t.id, 0, 0 FROM theme t JOIN pillar pi ON pi.id = t.pillar_id "
                         "JOIN plan p ON p.id = pi.plan_id WHERE t.id = ?1",
        [ENTITY_MEASURE] = "SELECT p.org_id, p.id, t.pillar_id, m.theme_id, m.id, 0 FROM measure m "
                           "JOIN theme t ON t.id = m.theme_id JOIN plan p ON p.id = m.plan_id WHERE m.id = ?1",
        [ENTITY_KPI] = "SELECT p.org_id, p.id, t.pillar_id, m.theme_id, m.id, k.id FROM kpi k "
                       "JOIN measure m ON m.id = k.measure_id JOIN theme t ON t.id = m.theme_id "
                       "JOIN plan p ON p.id = m.plan_id WHERE k.id = ?1",
        [ENTITY_MEASUREMENT] = "SELECT p.org_id, p.id, t.pillar_id, m.theme_id, m.id, k.id FROM kpi_measurement x "
                               "JOIN kpi k ON k.id = x.kpi_id JOIN measure m ON m.id = k.measure_id "
                               "JOIN theme t ON t.id = m.theme_id JOIN plan p ON p.id = m.plan_id WHERE x.id = ?1",
    };
    if (kind == ENTITY_BODY)
        return KW_EINVAL;
    struct db_stmt *st = db_prepare(db, sql[kind]);
    db_bind_int64(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW)
        *ret = (struct location){db_col_int64(st, 0), db_col_int64(st, 1), db_col_int64(st, 2),
                                 db_col_int64(st, 3), db_col_int64(st, 4), db_col_int64(st, 5)};
    db_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? KW_ENOTFOUND : KW_EDB;
}

/* ---- organisations */

int store_org_create(struct db *db, const struct org *o, const struct actor *who, int64_t *ret_id,
                     struct edit_fail *fail) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    int64_t id;
    rc = edit_query_id(db, "SELECT id FROM org WHERE code = ?2", 0, o->code, &id);
    if (rc == 0) {
        edit_fail_set(fail, "code", "an organisation with code %s exists already", o->code);
        rc = KW_ECONFLICT;
    } else if (rc == KW_ENOTFOUND) {
        struct db_stmt *st = db_prepare(db, "INSERT INTO org (code, name, prefecture, population) VALUES (?1, ?2, ?3, ?4)");
        db_bind_text(st, 1, o->code);
        db_bind_text(st, 2, o->name);
        db_bind_text(st, 3, edit_text(o->prefecture));
        db_bind_int_or_null(st, 4, o->population, o->population != 0);
        rc = db_step_done(db, st);
        id = db_last_id(db);
    }
    if (rc == 0)
        rc = edit_audit(db, who, &edit_org, id, "create", NULL);
    if ((rc = edit_finish(db, rc)) == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int store_org_update(struct db *db, int64_t org_id, const struct org_patch *p, const struct actor *who,
                     struct edit_fail *fail) {
    char *before;
    int rc = edit_begin(db, &edit_org, org_id, &before);
    if (rc < 0)
        return rc;
    struct db_stmt *st = db_prepare(db,
        "UPDATE org SET name = coalesce(?2, name), "
        " prefecture = CASE WHEN ?3 IS NULL THEN prefecture ELSE nullif(?3, '') END, "
        " population = CASE WHEN ?4 THEN nullif(?5, 0) ELSE population END WHERE id = ?1");
    db_bind_int64(st, 1, org_id);
    db_bind_text(st, 2, p->name);
    db_bind_text(st, 3, p->prefecture);
    db_bind_int64(st, 4, p->set_population);
    db_bind_int64(st, 5, p->population);
    rc = db_step_done(db, st);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_org, org_id, "update", before);
    free(before);
    return edit_finish(db, rc);
}

/* ---- departments */

/* Code and name are unique in the organisation: KW_ECONFLICT naming the taken one. */
static int department_unique(struct db *db, int64_t org_id, int64_t self, const char *code, const char *name,
                             struct edit_fail *fail) {
    int64_t other;
    if (code && edit_query_id(db, "SELECT id FROM department WHERE org_id = ?1 AND code = ?2", org_id, code, &other) == 0 &&
        other != self) {
        edit_fail_set(fail, "code", "another department has the code \"%s\"", code);
        return KW_ECONFLICT;
    }
    if (name && edit_query_id(db, "SELECT id FROM department WHERE org_id = ?1 AND name = ?2", org_id, name, &other) == 0 &&
        other != self) {
        edit_fail_set(fail, "name", "another department is called \"%s\"", name);
        return KW_ECONFLICT;
    }
    return 0;
}

/* The id of the department with code parent in the organisation, which must not be self or
 * below it (a cycle); KW_EINVAL naming "parent". */
static int department_parent(struct db *db, int64_t org_id, int64_t self, const char *parent, int64_t *ret_id,
                             struct edit_fail *fail) {
    int64_t id;
    if (edit_query_id(db, "SELECT id FROM department WHERE org_id = ?1 AND code = ?2", org_id, parent, &id) < 0) {
        edit_fail_set(fail, "parent", "\"%s\" is not the code of a department of this organisation", parent);
        return KW_EINVAL;
    }
    /* walk up from the new parent; meeting self would close a cycle (bounded: stored data may
     * hold a cycle already) */
    int64_t cur = id;
    for (int steps = 0; cur && steps < 10000; steps++) {
        if (cur == self) {
            edit_fail_set(fail, "parent", "\"%s\" is this department or one below it", parent);
            return KW_EINVAL;
        }
        int64_t up = 0;
        if (edit_query_id(db, "SELECT coalesce(parent_id, 0) FROM department WHERE id = ?1", cur, NULL, &up) < 0)
            break;
        cur = up;
    }
    *ret_id = id;
    return 0;
}

int store_department_create(struct db *db, int64_t org_id, const struct department *d, int position,
                            const struct actor *who, int64_t *ret_id, struct edit_fail *fail) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    int64_t id = 0, parent_id = 0, found;
    int pos = 0;
    rc = edit_query_id(db, "SELECT id FROM org WHERE id = ?1", org_id, NULL, &found);
    if (rc == 0)
        rc = department_unique(db, org_id, 0, d->code, d->name, fail);
    if (rc == 0 && edit_text(d->parent_code))
        rc = department_parent(db, org_id, 0, d->parent_code, &parent_id, fail);
    if (rc == 0)
        rc = edit_next_position(db, &edit_department, org_id, &pos);
    if (rc == 0) {
        struct db_stmt *st = db_prepare(db,
            "INSERT INTO department (org_id, position, code, name, parent_id, abolished) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        db_bind_int64(st, 1, org_id);
        db_bind_int64(st, 2, pos);
        db_bind_text(st, 3, d->code);
        db_bind_text(st, 4, d->name);
        db_bind_int_or_null(st, 5, parent_id, parent_id != 0);
        db_bind_int64(st, 6, d->abolished);
        rc = db_step_done(db, st);
        id = db_last_id(db);
    }
    if (rc == 0)
        rc = edit_place(db, &edit_department, org_id, id, position, fail);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_department, id, "create", NULL);
    if ((rc = edit_finish(db, rc)) == 0 && ret_id)
        *ret_id = id;
    return rc;
}

/* Measures name their departments in the search index: renaming one reindexes them. */
static int reindex_department_measures(struct db *db, int64_t department_id) {
    struct db_stmt *st = db_prepare(db, "SELECT measure_id FROM measure_department WHERE department_id = ?1");
    db_bind_int64(st, 1, department_id);
    int64_t *ids = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            ids = xrealloc(ids, cap * sizeof *ids);
        }
        ids[n++] = db_col_int64(st, 0);
    }
    db_reset(st);
    rc = rc == DB_DONE ? 0 : KW_EDB;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = search_reindex(db, ids[i]);
    free(ids);
    return rc;
}

int store_department_update(struct db *db, int64_t id, const struct department_patch *p, const struct actor *who,
                            struct edit_fail *fail) {
    char *before;
    int rc = edit_begin(db, &edit_department, id, &before);
    if (rc < 0)
        return rc;
    int64_t org_id = 0, parent_id = 0;
    rc = edit_query_id(db, edit_department.parent, id, NULL, &org_id);
    if (rc == 0)
        rc = department_unique(db, org_id, id, p->code, p->name, fail);
    if (rc == 0 && edit_text(p->parent))
        rc = department_parent(db, org_id, id, p->parent, &parent_id, fail);
    if (rc == 0) {
        struct db_stmt *st = db_prepare(db,
            "UPDATE department SET code = coalesce(?2, code), name = coalesce(?3, name), "
            " parent_id = CASE WHEN ?4 IS NULL THEN parent_id ELSE nullif(?5, 0) END, "
            " abolished = CASE WHEN ?6 THEN ?7 ELSE abolished END WHERE id = ?1");
        db_bind_int64(st, 1, id);
        db_bind_text(st, 2, p->code);
        db_bind_text(st, 3, p->name);
        db_bind_text(st, 4, p->parent);
        db_bind_int64(st, 5, parent_id);
        db_bind_int64(st, 6, p->set_abolished);
        db_bind_int64(st, 7, p->abolished);
        rc = db_step_done(db, st);
    }
    if (rc == 0 && p->set_position)
        rc = edit_place(db, &edit_department, org_id, id, p->position, fail);
    if (rc == 0 && p->name)
        rc = reindex_department_measures(db, id);
    bool only_moved = !p->code && !p->name && !p->parent && !p->set_abolished && p->set_position;
    if (rc == 0)
        rc = edit_audit(db, who, &edit_department, id, only_moved ? "move" : "update", before);
    free(before);
    return edit_finish(db, rc);
}

int store_department_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail) {
    char *before;
    int rc = edit_begin(db, &edit_department, id, &before);
    if (rc < 0)
        return rc;
    int64_t named = 0;
    rc = edit_query_id(db, "SELECT count(*) FROM measure_department WHERE department_id = ?1", id, NULL, &named);
    if (rc == 0 && named > 0) {
        edit_fail_set(fail, "", "%lld measure(s) still name this department", (long long)named);
        rc = KW_ECONFLICT;
    }
    if (rc == 0)
        rc = edit_history_guard(db, ENTITY_DEPARTMENT, id, fail);
    if (rc == 0)                         /* departments under it lose their parent (ON DELETE SET NULL) */
        rc = edit_remove(db, &edit_department, id, who, NULL);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_department, id, "delete", before);
    free(before);
    return edit_finish(db, rc);
}

/* ---- plans */

/* KW_ECONFLICT when another plan of the organisation (than id) has the title or the code (either
 * may be NULL or ""): documents name a plan by its title, addresses by its code. */
static int plan_clash(struct db *db, int64_t org_id, int64_t id, const char *title, const char *code,
                      struct edit_fail *fail) {
    int64_t other;
    if (title && *title && edit_query_id(db, "SELECT id FROM plan WHERE org_id = ?1 AND title = ?2", org_id, title,
                                         &other) == 0 && other != id) {
        edit_fail_set(fail, "title", "\"%.100s\" is the title of another plan of this organisation", title);
        return KW_ECONFLICT;
    }
    if (code && *code && edit_query_id(db, "SELECT id FROM plan WHERE org_id = ?1 AND code = ?2", org_id, code,
                                       &other) == 0 && other != id) {
        edit_fail_set(fail, "code", "\"%.100s\" is the code of another plan of this organisation", code);
        return KW_ECONFLICT;
    }
    return 0;
}

int store_plan_create(struct db *db, int64_t org_id, const struct plan *p, int position, const struct actor *who,
                      int64_t *ret_id, struct edit_fail *fail) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    int64_t id = 0, found;
    int pos = 0;
    rc = edit_query_id(db, "SELECT id FROM org WHERE id = ?1", org_id, NULL, &found);
    if (rc == 0)
        rc = plan_clash(db, org_id, 0, p->title, p->code, fail);
    if (rc == 0)
        rc = edit_next_position(db, &edit_plan, org_id, &pos);
    if (rc == 0) {
        struct db_stmt *st = db_prepare(db,
            "INSERT INTO plan (org_id, position, title, kind, motto, summary, from_fy, to_fy, review_cadence, version, "
            " published, code, abolished) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
        db_bind_int64(st, 1, org_id);
        db_bind_int64(st, 2, pos);
        db_bind_text(st, 3, p->title);
        db_bind_text(st, 4, p->kind);
        db_bind_text(st, 5, edit_text(p->motto));
        db_bind_text(st, 6, edit_text(p->summary));
        db_bind_int_or_null(st, 7, p->from_fy, p->from_fy != 0);
        db_bind_int_or_null(st, 8, p->to_fy, p->to_fy != 0);
        db_bind_text(st, 9, edit_text(p->review_cadence));
        db_bind_text(st, 10, edit_text(p->version));
        db_bind_text(st, 11, edit_text(p->published));
        db_bind_text(st, 12, edit_text(p->code));
        db_bind_int64(st, 13, p->abolished);
        rc = db_step_done(db, st);
        id = db_last_id(db);
        if (rc == 0)                     /* vision, principles, goals, revision history, rating scale */
            rc = plan_lists_insert(db, id, p);
    }
    if (rc == 0)
        rc = edit_place(db, &edit_plan, org_id, id, position, fail);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_plan, id, "create", NULL);
    if ((rc = edit_finish(db, rc)) == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int store_plan_update(struct db *db, int64_t id, const struct plan_patch *p, const struct actor *who,
                      struct edit_fail *fail) {
    char *before;
    int rc = edit_begin(db, &edit_plan, id, &before);
    if (rc < 0)
        return rc;
    struct db_stmt *st = db_prepare(db,
        "UPDATE plan SET title = coalesce(?2, title), kind = coalesce(?3, kind), "
        " motto = CASE WHEN ?4 IS NULL THEN motto ELSE nullif(?4, '') END, "
        " summary = CASE WHEN ?5 IS NULL THEN summary ELSE nullif(?5, '') END, "
        " review_cadence = CASE WHEN ?6 IS NULL THEN review_cadence ELSE nullif(?6, '') END, "
        " version = CASE WHEN ?7 IS NULL THEN version ELSE nullif(?7, '') END, "
        " published = CASE WHEN ?8 IS NULL THEN published ELSE nullif(?8, '') END, "
        " from_fy = CASE WHEN ?9 THEN nullif(?10, 0) ELSE from_fy END, "
        " to_fy = CASE WHEN ?9 THEN nullif(?11, 0) ELSE to_fy END, "
        " code = CASE WHEN ?12 IS NULL THEN code ELSE nullif(?12, '') END, "
        " abolished = CASE WHEN ?13 THEN ?14 ELSE abolished END WHERE id = ?1");
    db_bind_int64(st, 1, id);
    db_bind_text(st, 2, p->title);
    db_bind_text(st, 3, p->kind);
    db_bind_text(st, 4, p->motto);
    db_bind_text(st, 5, p->summary);
    db_bind_text(st, 6, p->review_cadence);
    db_bind_text(st, 7, p->version);
    db_bind_text(st, 8, p->published);
    db_bind_int64(st, 9, p->set_period);
    db_bind_int64(st, 10, p->from_fy);
    db_bind_int64(st, 11, p->to_fy);
    db_bind_text(st, 12, p->code);
    db_bind_int64(st, 13, p->set_abolished);
    db_bind_int64(st, 14, p->abolished);
    int64_t org_id = 0;
    rc = edit_query_id(db, edit_plan.parent, id, NULL, &org_id);
    if (rc == 0)
        rc = plan_clash(db, org_id, id, p->title, p->code, fail);
    if (rc == 0)
        rc = db_step_done(db, st);
    else
        db_reset(st);
    if (rc == 0 && p->set_vision)
        rc = plan_texts_set(db, id, "vision", p->vision, p->n_vision);
    if (rc == 0 && p->set_principles)
        rc = plan_texts_set(db, id, "principle", p->principles, p->n_principles);
    if (rc == 0 && p->set_foundation)
        rc = plan_texts_set(db, id, "foundation", p->foundation, p->n_foundation);
    if (rc == 0 && p->set_challenges)
        rc = plan_texts_set(db, id, "challenge", p->challenges, p->n_challenges);
    if (rc == 0 && p->set_goals)
        rc = plan_goals_set(db, id, p->goals, p->n_goals);
    if (rc == 0 && p->set_position)
        rc = edit_place(db, &edit_plan, org_id, id, p->position, fail);
    bool only_moved = !p->title && !p->kind && !p->motto && !p->summary && !p->review_cadence && !p->version &&
                      !p->published && !p->set_period && !p->code && !p->set_abolished && !p->set_vision &&
                      !p->set_principles && !p->set_foundation && !p->set_challenges && !p->set_goals &&
                      p->set_position;
    if (rc == 0)
        rc = edit_audit(db, who, &edit_plan, id, only_moved ? "move" : "update", before);
    free(before);
    return edit_finish(db, rc);
}

int store_plan_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail) {
    char *before;
    int rc = edit_begin(db, &edit_plan, id, &before);
    if (rc < 0)
        return rc;
    rc = edit_history_guard(db, ENTITY_PLAN, id, fail);
    struct db_stmt *st = db_prepare(db, "DELETE FROM measure_search WHERE plan_id = ?1");
    db_bind_int64(st, 1, id);
    if (rc == 0)
        rc = db_step_done(db, st);
    if (rc == 0)
        rc = edit_remove(db, &edit_plan, id, who, NULL);            /* the tree goes with it */
    if (rc == 0)
        rc = edit_audit(db, who, &edit_plan, id, "delete", before);
    free(before);
    return edit_finish(db, rc);
}
