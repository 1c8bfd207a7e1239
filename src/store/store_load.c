/* Loading organisations, plans and measures into the model (see store.h). */
#include <string.h>
#include "core/errors.h"
#include "store/json_cols.h"
#include "store/search.h"
#include "store/store.h"

#define GROW(a, arr, cap, n) ((arr) = arena_grow((a), (arr), sizeof *(arr), &(cap), (n) + 1))

static int step_rows_done(int rc) { return rc == SQLITE_DONE ? 0 : KW_EDB; }

int store_org_list(struct db *db, struct arena *a, struct org **ret, size_t *ret_n) {
    sqlite3_stmt *st = db_prepare(db, "SELECT id, code, name, prefecture, population FROM org ORDER BY code");
    struct org *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        GROW(a, v, cap, n);
        struct org *o = &v[n++];
        o->id = sqlite3_column_int64(st, 0);
        o->code = db_col_text(a, st, 1);
        o->name = db_col_text(a, st, 2);
        o->prefecture = db_col_text(a, st, 3);
        o->population = sqlite3_column_int64(st, 4);
    }
    sqlite3_reset(st);
    *ret = v;
    *ret_n = n;
    return step_rows_done(rc);
}

static int org_row(struct arena *a, sqlite3_stmt *st, struct org *ret) {
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        ret->id = sqlite3_column_int64(st, 0);
        ret->code = db_col_text(a, st, 1);
        ret->name = db_col_text(a, st, 2);
        ret->prefecture = db_col_text(a, st, 3);
        ret->population = sqlite3_column_int64(st, 4);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? KW_ENOTFOUND : KW_EDB;
}

int store_org_by_code(struct db *db, struct arena *a, const char *code, struct org *ret) {
    sqlite3_stmt *st = db_prepare(db, "SELECT id, code, name, prefecture, population FROM org WHERE code = ?1");
    db_bind_text(st, 1, code);
    return org_row(a, st, ret);
}

int store_org_by_id(struct db *db, struct arena *a, int64_t id, struct org *ret) {
    sqlite3_stmt *st = db_prepare(db, "SELECT id, code, name, prefecture, population FROM org WHERE id = ?1");
    sqlite3_bind_int64(st, 1, id);
    return org_row(a, st, ret);
}

int store_departments(struct db *db, struct arena *a, int64_t org_id, struct department **ret, size_t *ret_n) {
    sqlite3_stmt *st = db_prepare(db,
        "SELECT d.id, d.code, d.name, p.code FROM department d LEFT JOIN department p ON p.id = d.parent_id "
        "WHERE d.org_id = ?1 ORDER BY d.position");
    sqlite3_bind_int64(st, 1, org_id);
    struct department *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        GROW(a, v, cap, n);
        struct department *d = &v[n++];
        d->id = sqlite3_column_int64(st, 0);
        d->code = db_col_text(a, st, 1);
        d->name = db_col_text(a, st, 2);
        d->parent_code = db_col_text(a, st, 3);
    }
    sqlite3_reset(st);
    *ret = v;
    *ret_n = n;
    return step_rows_done(rc);
}

int store_plan_list(struct db *db, struct arena *a, int64_t org_id, struct plan_summary **ret, size_t *ret_n) {
    sqlite3_stmt *st = db_prepare(db,
        "SELECT p.id, p.title, p.kind, p.version, p.published, p.from_fy, p.to_fy, "
        " (SELECT count(*) FROM pillar WHERE plan_id = p.id), "
        " (SELECT count(*) FROM measure WHERE plan_id = p.id), "
        " (SELECT count(*) FROM kpi JOIN measure m ON m.id = kpi.measure_id WHERE m.plan_id = p.id) "
        "FROM plan p WHERE p.org_id = ?1 ORDER BY p.position");
    sqlite3_bind_int64(st, 1, org_id);
    struct plan_summary *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        GROW(a, v, cap, n);
        struct plan_summary *p = &v[n++];
        p->id = sqlite3_column_int64(st, 0);
        p->title = db_col_text(a, st, 1);
        p->kind = db_col_text(a, st, 2);
        p->version = db_col_text(a, st, 3);
        p->published = db_col_text(a, st, 4);
        p->from_fy = sqlite3_column_int(st, 5);
        p->to_fy = sqlite3_column_int(st, 6);
        p->n_pillars = sqlite3_column_int(st, 7);
        p->n_measures = sqlite3_column_int(st, 8);
        p->n_kpis = sqlite3_column_int(st, 9);
    }
    sqlite3_reset(st);
    *ret = v;
    *ret_n = n;
    return step_rows_done(rc);
}

int store_plan_org(struct db *db, int64_t plan_id, int64_t *ret_org_id) {
    sqlite3_stmt *st = db_prepare(db, "SELECT org_id FROM plan WHERE id = ?1");
    sqlite3_bind_int64(st, 1, plan_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *ret_org_id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? KW_ENOTFOUND : KW_EDB;
}

/* ---- one measure's parts */

static int load_measure_departments(struct db *db, struct arena *a, struct measure *m) {
    sqlite3_stmt *st = db_prepare(db,
        "SELECT d.name FROM measure_department md JOIN department d ON d.id = md.department_id "
        "WHERE md.measure_id = ?1 ORDER BY md.position");
    sqlite3_bind_int64(st, 1, m->id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        GROW(a, m->departments.items, cap, m->departments.n);
        m->departments.items[m->departments.n++] = db_col_text(a, st, 0);
    }
    sqlite3_reset(st);
    return step_rows_done(rc);
}

static int load_measure_links(struct db *db, struct arena *a, struct measure *m) {
    sqlite3_stmt *st = db_prepare(db,
        "SELECT t.code FROM measure_link l JOIN measure t ON t.id = l.target_id "
        "WHERE l.measure_id = ?1 ORDER BY l.position");
    sqlite3_bind_int64(st, 1, m->id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        GROW(a, m->links.items, cap, m->links.n);
        m->links.items[m->links.n++] = db_col_text(a, st, 0);
    }
    sqlite3_reset(st);
    return step_rows_done(rc);
}

/* Schedule and progress rows arrive ordered by (kind, fy, quarter, position); consecutive
 * rows of the same (fy, quarter) form one cell. */
static int load_measure_items(struct db *db, struct arena *a, struct measure *m) {
    sqlite3_stmt *st = db_prepare(db,
        "SELECT kind, fy, quarter, text FROM measure_item WHERE measure_id = ?1 "
        "ORDER BY kind DESC, fy, quarter, position");
    sqlite3_bind_int64(st, 1, m->id);
    size_t cap_s = 0, cap_p = 0, cap_item = 0;
    struct period_items *cur = NULL;
    bool cur_sched = false;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        bool sched = strcmp((const char *)sqlite3_column_text(st, 0), "schedule") == 0;
        int fy = sqlite3_column_int(st, 1), q = sqlite3_column_int(st, 2);
        if (!cur || cur_sched != sched || cur->fy != fy || cur->quarter != q) {
            struct period_items **arr = sched ? &m->schedule : &m->progress;
            size_t *n = sched ? &m->n_schedule : &m->n_progress;
            GROW(a, *arr, *(sched ? &cap_s : &cap_p), *n);
            cur = &(*arr)[(*n)++];
            cur->fy = fy;
            cur->quarter = q;
            cur_sched = sched;
            cap_item = 0;
        }
        GROW(a, cur->items.items, cap_item, cur->items.n);
        cur->items.items[cur->items.n++] = db_col_text(a, st, 3);
    }
    sqlite3_reset(st);
    return step_rows_done(rc);
}

static int load_measure_reviews(struct db *db, struct arena *a, struct measure *m) {
    sqlite3_stmt *st = db_prepare(db,
        "SELECT id, fy, quarter, rating, text FROM measure_review WHERE measure_id = ?1 ORDER BY fy, quarter");
    sqlite3_bind_int64(st, 1, m->id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        GROW(a, m->reviews, cap, m->n_reviews);
        struct review *r = &m->reviews[m->n_reviews++];
        r->id = sqlite3_column_int64(st, 0);
        r->fy = sqlite3_column_int(st, 1);
        r->quarter = sqlite3_column_int(st, 2);
        r->rating = db_col_text(a, st, 3);
        r->text = db_col_text(a, st, 4);
    }
    sqlite3_reset(st);
    return step_rows_done(rc);
}

static int load_measurements(struct db *db, struct arena *a, struct kpi *k) {
    sqlite3_stmt *st = db_prepare(db,
        "SELECT id, period, value, note, source, recorded_by, recorded_at FROM kpi_measurement "
        "WHERE kpi_id = ?1 ORDER BY period, id");
    sqlite3_bind_int64(st, 1, k->id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        GROW(a, k->measurements, cap, k->n_measurements);
        struct measurement *x = &k->measurements[k->n_measurements++];
        x->id = sqlite3_column_int64(st, 0);
        x->period = db_col_text(a, st, 1);
        x->value = sqlite3_column_double(st, 2);
        x->note = db_col_text(a, st, 3);
        x->source = db_col_text(a, st, 4);
        x->recorded_by = db_col_text(a, st, 5);
        x->recorded_at = db_col_text(a, st, 6);
    }
    sqlite3_reset(st);
    return step_rows_done(rc);
}

#define KPI_COLUMNS "id, measure_id, name, unit, direction, perspective, baseline_value, baseline_fy, " \
                    "target_state, target_value, target_fy, definition, source"

static void kpi_from_row(struct arena *a, sqlite3_stmt *st, struct kpi *k) {
    k->id = sqlite3_column_int64(st, 0);
    k->measure_id = sqlite3_column_int64(st, 1);
    k->name = db_col_text(a, st, 2);
    k->unit = db_col_text(a, st, 3);
    direction_parse((const char *)sqlite3_column_text(st, 4), &k->direction);
    k->perspective = db_col_text(a, st, 5);
    k->has_baseline = sqlite3_column_type(st, 6) != SQLITE_NULL;
    k->baseline_value = sqlite3_column_double(st, 6);
    k->baseline_fy = sqlite3_column_int(st, 7);
    const char *ts = (const char *)sqlite3_column_text(st, 8);
    k->target_state = strcmp(ts, "set") == 0 ? TARGET_SET : strcmp(ts, "undecided") == 0 ? TARGET_UNDECIDED : TARGET_NONE;
    k->target_value = sqlite3_column_double(st, 9);
    k->target_fy = sqlite3_column_int(st, 10);
    k->definition = db_col_text(a, st, 11);
    k->source = db_col_text(a, st, 12);
}

static int load_measure_kpis(struct db *db, struct arena *a, struct measure *m) {
    sqlite3_stmt *st = db_prepare(db, "SELECT " KPI_COLUMNS " FROM kpi WHERE measure_id = ?1 ORDER BY position");
    sqlite3_bind_int64(st, 1, m->id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        GROW(a, m->kpis, cap, m->n_kpis);
        kpi_from_row(a, st, &m->kpis[m->n_kpis++]);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return KW_EDB;
    for (size_t i = 0; i < m->n_kpis; i++)
        if (load_measurements(db, a, &m->kpis[i]) < 0)
            return KW_EDB;
    return 0;
}

#define MEASURE_COLUMNS "m.id, m.theme_id, m.code, m.title, m.scope, m.current, m.ideal, m.status, " \
                        "m.new_since_fy, m.means_json, m.tags_json, m.updated_at"

static void measure_from_row(struct arena *a, sqlite3_stmt *st, struct measure *m) {
    m->id = sqlite3_column_int64(st, 0);
    m->theme_id = sqlite3_column_int64(st, 1);
    m->code = db_col_text(a, st, 2);
    m->title = db_col_text(a, st, 3);
    const char *scope = (const char *)sqlite3_column_text(st, 4);
    if (!scope || measure_scope_parse(scope, &m->scope) < 0)
        m->scope = SCOPE_UNSET;
    m->current = db_col_text(a, st, 5);
    m->ideal = db_col_text(a, st, 6);
    measure_status_parse((const char *)sqlite3_column_text(st, 7), &m->status);
    m->new_since_fy = sqlite3_column_int(st, 8);
    jcol_read_strlist(a, (const char *)sqlite3_column_text(st, 9), &m->means);
    jcol_read_strlist(a, (const char *)sqlite3_column_text(st, 10), &m->tags);
    m->updated_at = db_col_text(a, st, 11);
}

static int load_measure_parts(struct db *db, struct arena *a, struct measure *m) {
    if (load_measure_departments(db, a, m) < 0 || load_measure_links(db, a, m) < 0 ||
        load_measure_items(db, a, m) < 0 || load_measure_reviews(db, a, m) < 0 ||
        load_measure_kpis(db, a, m) < 0)
        return KW_EDB;
    return 0;
}

int store_measure_load(struct db *db, struct arena *a, int64_t id, struct measure *ret, struct measure_ref *ret_ref) {
    sqlite3_stmt *st = db_prepare(db,
        "SELECT " MEASURE_COLUMNS ", m.plan_id, p.org_id, o.code, o.name, p.title, pi.code, pi.title, t.code, t.title "
        "FROM measure m JOIN theme t ON t.id = m.theme_id JOIN pillar pi ON pi.id = t.pillar_id "
        "JOIN plan p ON p.id = m.plan_id JOIN org o ON o.id = p.org_id WHERE m.id = ?1");
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc == SQLITE_DONE ? KW_ENOTFOUND : KW_EDB;
    }
    struct measure m;
    memset(&m, 0, sizeof m);
    measure_from_row(a, st, &m);
    if (ret_ref) {
        ret_ref->plan_id = sqlite3_column_int64(st, 12);
        ret_ref->org_id = sqlite3_column_int64(st, 13);
        ret_ref->org_code = db_col_text(a, st, 14);
        ret_ref->org_name = db_col_text(a, st, 15);
        ret_ref->plan_title = db_col_text(a, st, 16);
        ret_ref->pillar_code = db_col_text(a, st, 17);
        ret_ref->pillar_title = db_col_text(a, st, 18);
        ret_ref->theme_code = db_col_text(a, st, 19);
        ret_ref->theme_title = db_col_text(a, st, 20);
    }
    sqlite3_reset(st);
    if (load_measure_parts(db, a, &m) < 0)
        return KW_EDB;
    *ret = m;
    return 0;
}

int store_measure_id_by_code(struct db *db, int64_t plan_id, const char *code, int64_t *ret_id) {
    sqlite3_stmt *st = db_prepare(db, "SELECT id FROM measure WHERE plan_id = ?1 AND code = ?2");
    sqlite3_bind_int64(st, 1, plan_id);
    db_bind_text(st, 2, code);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *ret_id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? KW_ENOTFOUND : KW_EDB;
}

/* ---- the plan tree */

static int load_theme_measures(struct db *db, struct arena *a, struct theme *t) {
    sqlite3_stmt *st = db_prepare(db, "SELECT " MEASURE_COLUMNS " FROM measure m WHERE m.theme_id = ?1 ORDER BY m.position");
    sqlite3_bind_int64(st, 1, t->id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        GROW(a, t->measures, cap, t->n_measures);
        struct measure *m = &t->measures[t->n_measures++];
        memset(m, 0, sizeof *m);
        measure_from_row(a, st, m);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return KW_EDB;
    for (size_t i = 0; i < t->n_measures; i++)
        if (load_measure_parts(db, a, &t->measures[i]) < 0)
            return KW_EDB;
    return 0;
}

static int load_pillar_themes(struct db *db, struct arena *a, struct pillar *p) {
    sqlite3_stmt *st = db_prepare(db,
        "SELECT id, code, title, means_json FROM theme WHERE pillar_id = ?1 ORDER BY position");
    sqlite3_bind_int64(st, 1, p->id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        GROW(a, p->themes, cap, p->n_themes);
        struct theme *t = &p->themes[p->n_themes++];
        t->id = sqlite3_column_int64(st, 0);
        t->pillar_id = p->id;
        t->code = db_col_text(a, st, 1);
        t->title = db_col_text(a, st, 2);
        jcol_read_means(a, (const char *)sqlite3_column_text(st, 3), &t->means, &t->n_means);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return KW_EDB;
    for (size_t i = 0; i < p->n_themes; i++)
        if (load_theme_measures(db, a, &p->themes[i]) < 0)
            return KW_EDB;
    return 0;
}

int store_plan_load(struct db *db, struct arena *a, int64_t plan_id, struct plan *ret) {
    sqlite3_stmt *st = db_prepare(db,
        "SELECT id, org_id, title, kind, motto, summary, from_fy, to_fy, review_cadence, version, published, "
        "vision_json, principles_json, goals_json, revisions_json, rating_scale_json FROM plan WHERE id = ?1");
    sqlite3_bind_int64(st, 1, plan_id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc == SQLITE_DONE ? KW_ENOTFOUND : KW_EDB;
    }
    struct plan p;
    memset(&p, 0, sizeof p);
    p.id = sqlite3_column_int64(st, 0);
    p.org_id = sqlite3_column_int64(st, 1);
    p.title = db_col_text(a, st, 2);
    p.kind = db_col_text(a, st, 3);
    p.motto = db_col_text(a, st, 4);
    p.summary = db_col_text(a, st, 5);
    p.from_fy = sqlite3_column_int(st, 6);
    p.to_fy = sqlite3_column_int(st, 7);
    p.review_cadence = db_col_text(a, st, 8);
    p.version = db_col_text(a, st, 9);
    p.published = db_col_text(a, st, 10);
    jcol_read_titled(a, (const char *)sqlite3_column_text(st, 11), &p.vision, &p.n_vision);
    jcol_read_titled(a, (const char *)sqlite3_column_text(st, 12), &p.principles, &p.n_principles);
    jcol_read_goals(a, (const char *)sqlite3_column_text(st, 13), &p.goals, &p.n_goals);
    jcol_read_revisions(a, (const char *)sqlite3_column_text(st, 14), &p.revisions, &p.n_revisions);
    jcol_read_rating_scale(a, (const char *)sqlite3_column_text(st, 15), &p.rating_scale, &p.n_rating_scale);
    sqlite3_reset(st);

    st = db_prepare(db, "SELECT id, code, title, summary, examples_json FROM pillar WHERE plan_id = ?1 ORDER BY position");
    sqlite3_bind_int64(st, 1, plan_id);
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        GROW(a, p.pillars, cap, p.n_pillars);
        struct pillar *pi = &p.pillars[p.n_pillars++];
        memset(pi, 0, sizeof *pi);
        pi->id = sqlite3_column_int64(st, 0);
        pi->code = db_col_text(a, st, 1);
        pi->title = db_col_text(a, st, 2);
        pi->summary = db_col_text(a, st, 3);
        jcol_read_strlist(a, (const char *)sqlite3_column_text(st, 4), &pi->examples);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return KW_EDB;
    for (size_t i = 0; i < p.n_pillars; i++)
        if (load_pillar_themes(db, a, &p.pillars[i]) < 0)
            return KW_EDB;
    *ret = p;
    return 0;
}

int store_org_doc_load(struct db *db, struct arena *a, const char *code, struct org_doc *ret) {
    struct org_doc d;
    memset(&d, 0, sizeof d);
    int rc = store_org_by_code(db, a, code, &d.org);
    if (rc < 0)
        return rc;
    if ((rc = store_departments(db, a, d.org.id, &d.departments, &d.n_departments)) < 0)
        return rc;
    struct plan_summary *ps;
    size_t n;
    if ((rc = store_plan_list(db, a, d.org.id, &ps, &n)) < 0)
        return rc;
    d.plans = n ? arena_alloc(a, n * sizeof *d.plans) : NULL;
    for (size_t i = 0; i < n; i++)
        if ((rc = store_plan_load(db, a, ps[i].id, &d.plans[i])) < 0)
            return rc;
    d.n_plans = n;
    *ret = d;
    return 0;
}

int store_kpi_load(struct db *db, struct arena *a, int64_t id, struct kpi *ret, int64_t *ret_measure_id) {
    sqlite3_stmt *st = db_prepare(db, "SELECT " KPI_COLUMNS " FROM kpi WHERE id = ?1");
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc == SQLITE_DONE ? KW_ENOTFOUND : KW_EDB;
    }
    struct kpi k;
    memset(&k, 0, sizeof k);
    kpi_from_row(a, st, &k);
    sqlite3_reset(st);
    if (load_measurements(db, a, &k) < 0)
        return KW_EDB;
    if (ret_measure_id)
        *ret_measure_id = k.measure_id;
    *ret = k;
    return 0;
}

/* ---- search */

int store_measure_search(struct db *db, struct arena *a, int64_t plan_id, const char *q, const char *dept,
                         const char *rating, struct measure **ret, size_t *ret_n) {
    struct buf match = BUF_INIT;
    bool use_q = q && *q;
    if (use_q && search_build_match(q, &match) == 0) {
        buf_free(&match);                 /* nothing searchable: no hits */
        *ret = NULL;
        *ret_n = 0;
        return 0;
    }
    sqlite3_stmt *st = db_prepare(db,
        "SELECT " MEASURE_COLUMNS " FROM measure m "
        "JOIN theme t ON t.id = m.theme_id JOIN pillar pi ON pi.id = t.pillar_id "
        "WHERE m.plan_id = ?1 "
        " AND (?2 IS NULL OR m.id IN (SELECT rowid FROM measure_fts WHERE measure_fts MATCH ?2)) "
        " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM measure_department md JOIN department d ON d.id = md.department_id "
        "      WHERE md.measure_id = m.id AND (d.name = ?3 OR d.code = ?3))) "
        " AND (?4 IS NULL OR (SELECT r.rating FROM measure_review r WHERE r.measure_id = m.id "
        "      ORDER BY r.fy DESC, r.quarter DESC LIMIT 1) = ?4) "
        "ORDER BY pi.position, t.position, m.position");
    sqlite3_bind_int64(st, 1, plan_id);
    db_bind_text(st, 2, use_q ? buf_cstr(&match) : NULL);
    db_bind_text(st, 3, dept && *dept ? dept : NULL);
    db_bind_text(st, 4, rating && *rating ? rating : NULL);
    struct measure *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        GROW(a, v, cap, n);
        memset(&v[n], 0, sizeof v[n]);
        measure_from_row(a, st, &v[n++]);
    }
    sqlite3_reset(st);
    buf_free(&match);
    if (rc != SQLITE_DONE)
        return KW_EDB;
    for (size_t i = 0; i < n; i++)
        if (load_measure_parts(db, a, &v[i]) < 0)
            return KW_EDB;
    *ret = v;
    *ret_n = n;
    return 0;
}
