/* Which organisation, measure and department a resource belongs to (see store_scope.h). */
#include <stdlib.h>
#include <string.h>
#include "store/store_internal.h"
#include "store/store_scope.h"

/* One query per kind of resource, ?1 = the key; each returns org_id, measure_id, department_id
 * and (plans) whether a version has been published. */
static const char *const queries[SCOPE_NKINDS] = {
    [SCOPE_ORG] = "SELECT id, 0, 0 FROM org WHERE code = ?1",
    [SCOPE_DEPARTMENT] = "SELECT org_id, 0, id FROM department WHERE id = ?1",
    [SCOPE_PLAN] = "SELECT org_id, 0, 0, EXISTS (SELECT 1 FROM plan_version v WHERE v.plan_id = plan.id) "
                   "FROM plan WHERE id = ?1",
    [SCOPE_PILLAR] = "SELECT p.org_id, 0, 0 FROM pillar x JOIN plan p ON p.id = x.plan_id WHERE x.id = ?1",
    [SCOPE_THEME] = "SELECT p.org_id, 0, 0 FROM theme t JOIN pillar x ON x.id = t.pillar_id "
                    "JOIN plan p ON p.id = x.plan_id WHERE t.id = ?1",
    [SCOPE_MEASURE] = "SELECT p.org_id, m.id, 0 FROM measure m JOIN plan p ON p.id = m.plan_id WHERE m.id = ?1",
    [SCOPE_KPI] = "SELECT p.org_id, m.id, 0 FROM kpi k JOIN measure m ON m.id = k.measure_id "
                  "JOIN plan p ON p.id = m.plan_id WHERE k.id = ?1",
    [SCOPE_MEASUREMENT] = "SELECT p.org_id, m.id, 0 FROM kpi_measurement x JOIN kpi k ON k.id = x.kpi_id "
                          "JOIN measure m ON m.id = k.measure_id JOIN plan p ON p.id = m.plan_id WHERE x.id = ?1",
    [SCOPE_PERIOD] = "SELECT p.org_id, 0, 0 FROM review_period x JOIN plan p ON p.id = x.plan_id WHERE x.id = ?1",
    [SCOPE_VERSION] = "SELECT p.org_id, 0, 0 FROM plan_version x JOIN plan p ON p.id = x.plan_id WHERE x.id = ?1",
    [SCOPE_BODY] = "SELECT org_id, 0, 0 FROM body WHERE id = ?1",
    [SCOPE_MEETING] = "SELECT b.org_id, 0, 0 FROM meeting x JOIN body b ON b.id = x.body_id WHERE x.id = ?1",
    [SCOPE_FEEDBACK] = "SELECT org_id, 0, 0 FROM feedback WHERE id = ?1",
    [SCOPE_NOTIFICATION] = "SELECT org_id, 0, department_id FROM notification WHERE id = ?1",
    [SCOPE_TOKEN] = "SELECT org_id, 0, 0 FROM api_token WHERE id = ?1",
    [SCOPE_USER] = "SELECT org_id, 0, 0 FROM users WHERE id = ?1",
    [SCOPE_MEANS] = "SELECT org_id, 0, 0 FROM means WHERE id = ?1",
    [SCOPE_STEP] = "SELECT d.org_id, 0, d.id FROM business_step s JOIN business b ON b.id = s.business_id "
                   "JOIN department d ON d.id = b.department_id WHERE s.id = ?1",
    [SCOPE_APPLICATION] = "SELECT d.org_id, 0, d.id FROM means_application x JOIN business_step s ON s.id = x.step_id "
                          "JOIN business b ON b.id = s.business_id JOIN department d ON d.id = b.department_id "
                          "WHERE x.id = ?1",
    [SCOPE_REALLOCATION] = "SELECT org_id, 0, 0 FROM reallocation WHERE id = ?1",
};

int store_scope(struct db *db, enum scope_kind kind, const char *key, struct scope *ret) {
    memset(ret, 0, sizeof *ret);
    if ((unsigned)kind >= SCOPE_NKINDS || !queries[kind])
        return KW_EINVAL;
    struct db_stmt *st = db_prepare(db, queries[kind]);
    if (kind == SCOPE_ORG) {
        db_bind_text(st, 1, key);
    } else {
        char *end;
        long long id = strtoll(key, &end, 10);
        if (*key < '1' || *key > '9' || *end) {
            db_reset(st);
            return KW_ENOTFOUND;
        }
        db_bind_int64(st, 1, id);
    }
    int rc = db_step(st);
    if (rc == DB_ROW) {
        ret->org_id = db_col_int64(st, 0);
        ret->measure_id = db_col_int64(st, 1);
        ret->department_id = db_col_int64(st, 2);
        ret->unpublished_plan = db_col_count(st) > 3 && db_col_int(st, 3) == 0;
    }
    db_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? KW_ENOTFOUND : KW_EDB;
}

bool store_measure_in_departments(struct db *db, int64_t measure_id, const int64_t *dept_ids, size_t n) {
    struct db_stmt *st = db_prepare(db, "SELECT department_id FROM measure_department WHERE measure_id = ?1");
    db_bind_int64(st, 1, measure_id);
    bool found = false;
    while (!found && db_step(st) == DB_ROW) {
        int64_t d = db_col_int64(st, 0);
        for (size_t i = 0; i < n && !found; i++)
            found = dept_ids[i] == d;
    }
    db_reset(st);
    return found;
}

/* ---- ids of a published plan */

static bool same(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* A KPI is the same as a row of the draft with that code, or (neither has one) that name. */
static bool kpi_same(const struct kpi *k, const char *code, const char *name) {
    if (k->code || code)
        return same(k->code, code);
    return k->name ? same(k->name, name) : !name;
}

int store_plan_attach_ids(struct db *db, int64_t plan_id, int64_t org_id, struct plan *p) {
    p->id = plan_id;
    p->org_id = org_id;
    struct db_stmt *st = db_prepare(db,
        "SELECT 'p', x.id, x.code, NULL, NULL FROM pillar x WHERE x.plan_id = ?1 "
        "UNION ALL SELECT 't', t.id, x.code, t.code, t.title FROM theme t JOIN pillar x ON x.id = t.pillar_id "
        "WHERE x.plan_id = ?1 "
        "UNION ALL SELECT 'm', m.id, m.key, NULL, NULL FROM measure m WHERE m.plan_id = ?1 "
        "UNION ALL SELECT 'k', k.id, m.key, k.name, k.code FROM kpi k JOIN measure m ON m.id = k.measure_id "
        "WHERE m.plan_id = ?1");
    db_bind_int64(st, 1, plan_id);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        char kind = *(const char *)db_col_str(st, 0);
        int64_t id = db_col_int64(st, 1);
        const char *c1 = (const char *)db_col_str(st, 2);
        const char *c2 = (const char *)db_col_str(st, 3);
        const char *c3 = (const char *)db_col_str(st, 4);
        for (size_t i = 0; i < p->n_pillars; i++) {
            struct pillar *pi = &p->pillars[i];
            if (kind == 'p' && same(pi->code, c1))
                pi->id = id;
            for (size_t j = 0; kind != 'p' && j < pi->n_themes; j++) {
                struct theme *t = &pi->themes[j];
                if (kind == 't' && same(pi->code, c1) && (c2 ? same(t->code, c2) : same(t->title, c3)))
                    t->id = id;
                for (size_t k = 0; kind != 't' && k < t->n_measures; k++) {
                    struct measure *m = &t->measures[k];
                    if (!same(m->key, c1))
                        continue;
                    if (kind == 'm')
                        m->id = id;
                    for (size_t l = 0; kind == 'k' && l < m->n_kpis; l++)
                        if (kpi_same(&m->kpis[l], c3, c2))
                            m->kpis[l].id = id;
                }
            }
        }
    }
    db_reset(st);
    return step_rows_done(rc);
}

int store_measure_attach_ids(struct db *db, int64_t measure_id, struct measure *m) {
    m->id = measure_id;
    struct db_stmt *st = db_prepare(db, "SELECT id, name, code FROM kpi WHERE measure_id = ?1");
    db_bind_int64(st, 1, measure_id);
    int rc;
    while ((rc = db_step(st)) == DB_ROW)
        for (size_t l = 0; l < m->n_kpis; l++)
            if (kpi_same(&m->kpis[l], (const char *)db_col_str(st, 2), (const char *)db_col_str(st, 1)))
                m->kpis[l].id = db_col_int64(st, 0);
    db_reset(st);
    return step_rows_done(rc);
}

int store_row_key(struct db *db, struct arena *a, const char *kind, int64_t id, struct row_key *ret) {
    memset(ret, 0, sizeof *ret);
    bool kpi = strcmp(kind, "kpis") == 0;
    struct db_stmt *st = db_prepare(db, kpi ? "SELECT m.plan_id, m.key, k.name, k.code FROM kpi k "
                                            "JOIN measure m ON m.id = k.measure_id WHERE k.id = ?1"
                                          : "SELECT plan_id, key, NULL, NULL FROM measure WHERE id = ?1");
    db_bind_int64(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        ret->plan_id = db_col_int64(st, 0);
        ret->measure_key = db_col_text(a, st, 1);
        ret->kpi_name = db_col_text(a, st, 2);
        ret->kpi_code = db_col_text(a, st, 3);
    }
    db_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? KW_ENOTFOUND : KW_EDB;
}
