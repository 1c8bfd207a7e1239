/* Loading organisations (all of them, or a page found by prefecture and name or code, and the
 * prefectures with their counts), departments and plan trees into the model (see store.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "store/store_logic.h"
#include "util/utf8.h"


void org_from_row(struct arena *a, struct db_stmt *st, int col, struct org *o) {
    o->id = db_col_int64(st, col);
    o->code = db_col_text(a, st, col + 1);
    o->name = db_col_text(a, st, col + 2);
    o->prefecture = db_col_text(a, st, col + 3);
    o->population = db_col_int64(st, col + 4);
}

int store_org_list(struct db *db, struct arena *a, struct org **ret, size_t *ret_n) {
    struct db_stmt *st = db_prepare(db, "SELECT id, code, name, prefecture, population FROM org ORDER BY code");
    struct org *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, v, cap, n);
        org_from_row(a, st, 0, &v[n++]);
    }
    db_reset(st);
    *ret = v;
    *ret_n = n;
    return step_rows_done(rc);
}

/* The search text as a LIKE pattern: NFKC-normalised and trimmed, "!" escaping the pattern's
 * own characters, with % before (a part of the name) or not (the start of the code) and after;
 * NULL when there is nothing to search for. */
static char *org_pattern(struct arena *a, const char *q, bool anywhere) {
    if (!q || utf8_is_blank(q))
        return NULL;
    char *norm = utf8_normalize(q);
    if (!norm)
        return NULL;
    const char *s = norm, *e = norm + strlen(norm);
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    char *p = arena_alloc(a, (size_t)(e - s) * 2 + 3), *o = p;
    if (anywhere)
        *o++ = '%';
    for (; s < e; s++) {
        if (*s == '%' || *s == '_' || *s == '!')
            *o++ = '!';
        *o++ = *s;
    }
    *o++ = '%';
    *o = 0;
    free(norm);
    return p;
}

#define ORG_FIND_WHERE \
    "WHERE (?1 IS NULL OR prefecture = ?1) AND (?2 IS NULL OR name LIKE ?2 ESCAPE '!' OR code LIKE ?3 ESCAPE '!')"

static void org_find_bind(struct db_stmt *st, const char *prefecture, const char *name_like, const char *code_like) {
    db_bind_text(st, 1, prefecture);
    db_bind_text(st, 2, name_like);
    db_bind_text(st, 3, code_like);
}

int store_org_find(struct db *db, struct arena *a, const struct org_query *f, struct org_page *ret) {
    const char *pref = f->prefecture && *f->prefecture ? f->prefecture : NULL;
    const char *name_like = org_pattern(a, f->q, true), *code_like = name_like ? org_pattern(a, f->q, false) : NULL;
    struct org_page page = {0};
    struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM org " ORG_FIND_WHERE);
    org_find_bind(st, pref, name_like, code_like);
    int rc = db_step(st);
    if (rc == DB_ROW)
        page.total = db_col_int64(st, 0);
    db_reset(st);
    if (rc != DB_ROW)
        return KW_EDB;
    st = db_prepare(db, "SELECT id, code, name, prefecture, population FROM org " ORG_FIND_WHERE
                        " ORDER BY code LIMIT ?4 OFFSET ?5");
    org_find_bind(st, pref, name_like, code_like);
    db_bind_int64(st, 4, f->limit > 0 ? f->limit : 1);
    db_bind_int64(st, 5, f->offset > 0 ? f->offset : 0);
    size_t cap = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, page.items, cap, page.n);
        org_from_row(a, st, 0, &page.items[page.n++]);
    }
    db_reset(st);
    *ret = page;
    return step_rows_done(rc);
}

int store_prefectures(struct db *db, struct arena *a, struct prefecture **ret, size_t *ret_n) {
    struct db_stmt *st = db_prepare(db,
        "SELECT prefecture, min(code), count(*) FROM org WHERE prefecture IS NOT NULL AND prefecture <> '' "
        "GROUP BY prefecture ORDER BY min(code), prefecture");
    struct prefecture *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, v, cap, n);
        struct prefecture *p = &v[n++];
        p->name = db_col_text(a, st, 0);
        const char *code = db_col_str(st, 1);
        snprintf(p->code, sizeof p->code, "%.2s", code ? code : "");
        p->orgs = db_col_int64(st, 2);
    }
    db_reset(st);
    *ret = v;
    *ret_n = n;
    return step_rows_done(rc);
}

static int org_row(struct arena *a, struct db_stmt *st, struct org *ret) {
    int rc = db_step(st);
    if (rc == DB_ROW)
        org_from_row(a, st, 0, ret);
    db_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? KW_ENOTFOUND : KW_EDB;
}

int store_org_by_code(struct db *db, struct arena *a, const char *code, struct org *ret) {
    struct db_stmt *st = db_prepare(db, "SELECT id, code, name, prefecture, population FROM org WHERE code = ?1");
    db_bind_text(st, 1, code);
    return org_row(a, st, ret);
}

int store_org_by_id(struct db *db, struct arena *a, int64_t id, struct org *ret) {
    struct db_stmt *st = db_prepare(db, "SELECT id, code, name, prefecture, population FROM org WHERE id = ?1");
    db_bind_int64(st, 1, id);
    return org_row(a, st, ret);
}

int store_departments(struct db *db, struct arena *a, int64_t org_id, struct department **ret, size_t *ret_n) {
    struct db_stmt *st = db_prepare(db,
        "SELECT d.id, d.code, d.name, p.code, d.abolished FROM department d LEFT JOIN department p ON p.id = d.parent_id "
        "WHERE d.org_id = ?1 ORDER BY d.position");
    db_bind_int64(st, 1, org_id);
    struct department *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, v, cap, n);
        struct department *d = &v[n++];
        d->id = db_col_int64(st, 0);
        d->code = db_col_text(a, st, 1);
        d->name = db_col_text(a, st, 2);
        d->parent_code = db_col_text(a, st, 3);
        d->abolished = db_col_int(st, 4) != 0;
    }
    db_reset(st);
    *ret = v;
    *ret_n = n;
    return step_rows_done(rc);
}

/* Title, kind, version, date, from and to FY, read from column col on. */
static struct plan_face face_from_row(struct arena *a, struct db_stmt *st, int col) {
    return (struct plan_face){
        .title = db_col_text(a, st, col), .kind = db_col_text(a, st, col + 1), .version = db_col_text(a, st, col + 2),
        .published = db_col_text(a, st, col + 3), .from_fy = db_col_int(st, col + 4),
        .to_fy = db_col_int(st, col + 5),
    };
}

int store_plan_list(struct db *db, struct arena *a, int64_t org_id, struct plan_summary **ret, size_t *ret_n) {
    struct db_stmt *st = db_prepare(db,
        "SELECT p.id, p.title, p.kind, p.version, p.published, p.from_fy, p.to_fy, "
        " (SELECT count(*) FROM pillar WHERE plan_id = p.id), "
        " (SELECT count(*) FROM measure WHERE plan_id = p.id), "
        " (SELECT count(*) FROM kpi JOIN measure m ON m.id = kpi.measure_id WHERE m.plan_id = p.id), "
        " v.id IS NOT NULL, coalesce(v.title, ''), coalesce(v.kind, ''), v.label, v.date, v.from_fy, v.to_fy "
        "FROM plan p LEFT JOIN plan_version v ON v.id = (SELECT max(id) FROM plan_version WHERE plan_id = p.id) "
        "WHERE p.org_id = ?1 ORDER BY p.position");
    db_bind_int64(st, 1, org_id);
    struct plan_summary *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, v, cap, n);
        struct plan_summary *p = &v[n++];
        p->id = db_col_int64(st, 0);
        p->draft = face_from_row(a, st, 1);
        p->n_pillars = db_col_int(st, 7);
        p->n_measures = db_col_int(st, 8);
        p->n_kpis = db_col_int(st, 9);
        p->has_version = db_col_int(st, 10) != 0;
        p->latest = face_from_row(a, st, 11);
    }
    db_reset(st);
    *ret = v;
    *ret_n = n;
    return step_rows_done(rc);
}

struct plan_face plan_summary_face(const struct plan_summary *p, bool drafts) {
    return drafts ? p->draft : p->latest;
}

int store_plan_org(struct db *db, int64_t plan_id, int64_t *ret_org_id) {
    struct db_stmt *st = db_prepare(db, "SELECT org_id FROM plan WHERE id = ?1");
    db_bind_int64(st, 1, plan_id);
    int rc = db_step(st);
    if (rc == DB_ROW)
        *ret_org_id = db_col_int64(st, 0);
    db_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? KW_ENOTFOUND : KW_EDB;
}

/* ---- the plan tree: one query per level, then the measures' parts in bulk */

static struct theme *find_theme(struct plan *p, int64_t id) {
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            if (p->pillars[i].themes[j].id == id)
                return &p->pillars[i].themes[j];
    return NULL;
}

static int load_themes(struct db *db, struct arena *a, struct plan *p) {
    struct db_stmt *st = db_prepare(db,
        "SELECT t.id, t.pillar_id, t.code, t.title, t.abolished FROM theme t JOIN pillar pi ON pi.id = t.pillar_id "
        "WHERE pi.plan_id = ?1 ORDER BY pi.position, t.position");
    db_bind_int64(st, 1, p->id);
    size_t cap = 0;
    struct pillar *cur = NULL;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t pillar_id = db_col_int64(st, 1);
        if (!cur || cur->id != pillar_id) {
            cur = NULL;
            for (size_t i = 0; i < p->n_pillars && !cur; i++)
                if (p->pillars[i].id == pillar_id)
                    cur = &p->pillars[i];
            cap = 0;
            if (!cur)
                continue;
        }
        GROW(a, cur->themes, cap, cur->n_themes);
        struct theme *t = &cur->themes[cur->n_themes++];
        memset(t, 0, sizeof *t);
        t->id = db_col_int64(st, 0);
        t->pillar_id = pillar_id;
        t->code = db_col_text(a, st, 2);
        t->title = db_col_text(a, st, 3);
        t->abolished = db_col_int(st, 4) != 0;
    }
    db_reset(st);
    return step_rows_done(rc);
}

/* Measures in plan order, placed into their themes; then every measure's parts. */
static int load_plan_measures(struct db *db, struct arena *a, struct plan *p, enum load_depth depth) {
    struct measure *all = NULL;
    size_t n = 0, cap = 0;
    int rc = measures_query(db, a, p, depth, &all, &n, &cap);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < n; i++) {
        struct theme *t = find_theme(p, all[i].theme_id);
        if (t)
            t->n_measures++;
    }
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++) {
            struct theme *t = &p->pillars[i].themes[j];
            t->measures = t->n_measures ? arena_alloc(a, t->n_measures * sizeof *t->measures) : NULL;
            t->n_measures = 0;
        }
    struct measure **set = arena_alloc(a, (n ? n : 1) * sizeof *set);
    size_t nset = 0;
    for (size_t i = 0; i < n; i++) {
        struct theme *t = find_theme(p, all[i].theme_id);
        if (!t)
            continue;
        t->measures[t->n_measures] = all[i];
        set[nset++] = &t->measures[t->n_measures++];
    }
    return measure_parts_load(db, a, p->id, 0, depth, set, nset);
}

/* Without their reviews, a summary's measures still carry their latest rating for the roll-up
 * (of quarter fy/quarter or before; fy 0: of any): rows come in (measure, fy, quarter) order, so
 * the last row of a measure is its latest. */
static int load_latest_ratings(struct db *db, struct arena *a, struct plan *p, int fy, int quarter) {
    struct db_stmt *st = db_prepare(db,
        "SELECT r.measure_id, r.rating FROM measure m JOIN measure_review r ON r.measure_id = m.id "
        "WHERE m.plan_id = ?1 AND r.rating IS NOT NULL AND r.state IN ('submitted', 'confirmed') "
        " AND (?2 = 0 OR r.fy < ?2 OR (r.fy = ?2 AND r.quarter <= ?3)) "
        "ORDER BY m.id, r.fy, r.quarter");
    db_bind_int64(st, 1, p->id);
    db_bind_int64(st, 2, fy);
    db_bind_int64(st, 3, quarter);
    int rc;
    struct measure *m = NULL;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t id = db_col_int64(st, 0);
        if (!m || m->id != id) {
            m = NULL;
            for (size_t i = 0; i < p->n_pillars && !m; i++)
                for (size_t j = 0; j < p->pillars[i].n_themes && !m; j++)
                    for (size_t k = 0; k < p->pillars[i].themes[j].n_measures && !m; k++)
                        if (p->pillars[i].themes[j].measures[k].id == id)
                            m = &p->pillars[i].themes[j].measures[k];
        }
        if (m)
            m->latest_rating = db_col_text(a, st, 1);
    }
    db_reset(st);
    return step_rows_done(rc);
}

int store_plan_load(struct db *db, struct arena *a, int64_t plan_id, enum load_depth depth, struct plan *ret) {
    struct db_stmt *st = db_prepare(db,
        "SELECT id, org_id, title, kind, motto, summary, from_fy, to_fy, review_cadence, version, published, code, "
        " abolished FROM plan WHERE id = ?1");
    db_bind_int64(st, 1, plan_id);
    int rc = db_step(st);
    if (rc != DB_ROW) {
        db_reset(st);
        return rc == DB_DONE ? KW_ENOTFOUND : KW_EDB;
    }
    struct plan p;
    memset(&p, 0, sizeof p);
    p.id = db_col_int64(st, 0);
    p.org_id = db_col_int64(st, 1);
    p.title = db_col_text(a, st, 2);
    p.kind = db_col_text(a, st, 3);
    p.motto = db_col_text(a, st, 4);
    p.summary = db_col_text(a, st, 5);
    p.from_fy = db_col_int(st, 6);
    p.to_fy = db_col_int(st, 7);
    p.review_cadence = db_col_text(a, st, 8);
    p.version = db_col_text(a, st, 9);
    p.published = db_col_text(a, st, 10);
    p.code = db_col_text(a, st, 11);
    p.abolished = db_col_int(st, 12) != 0;
    db_reset(st);
    if (plan_lists_load(db, a, &p) < 0)
        return KW_EDB;

    st = db_prepare(db, "SELECT id, code, title, summary, abolished FROM pillar WHERE plan_id = ?1 ORDER BY position");
    db_bind_int64(st, 1, plan_id);
    size_t cap = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, p.pillars, cap, p.n_pillars);
        struct pillar *pi = &p.pillars[p.n_pillars++];
        memset(pi, 0, sizeof *pi);
        pi->id = db_col_int64(st, 0);
        pi->code = db_col_text(a, st, 1);
        pi->title = db_col_text(a, st, 2);
        pi->summary = db_col_text(a, st, 3);
        pi->abolished = db_col_int(st, 4) != 0;
    }
    db_reset(st);
    if (rc != DB_DONE)
        return KW_EDB;
    if (load_themes(db, a, &p) < 0 || outline_lists_load(db, a, &p) < 0 || load_plan_measures(db, a, &p, depth) < 0 ||
        (depth == LOAD_SUMMARY && load_latest_ratings(db, a, &p, 0, 0) < 0))
        return KW_EDB;
    if (depth == LOAD_FULL && store_logic_load(db, a, plan_id, &p.logic_model) < 0)   /* migration 023 */
        return KW_EDB;
    *ret = p;
    return 0;
}

int store_plan_as_of(struct db *db, struct arena *a, struct plan *p, int fy, int quarter) {
    char until[16];
    date_format(quarter_end(fy, quarter), until, sizeof until);
    size_t n;
    struct measure **set = plan_measure_list(a, p, &n);
    for (size_t i = 0; i < n; i++)
        set[i]->latest_rating = NULL;
    return load_latest_ratings(db, a, p, fy, quarter) < 0 || plan_measurements_until(db, a, p, until) < 0 ? KW_EDB : 0;
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
        if ((rc = store_plan_load(db, a, ps[i].id, LOAD_FULL, &d.plans[i])) < 0)
            return rc;
    d.n_plans = n;
    if ((rc = store_bodies_load(db, a, d.org.id, 0, &d.bodies, &d.n_bodies)) < 0)
        return rc;
    *ret = d;
    return 0;
}

int store_kpi_load(struct db *db, struct arena *a, int64_t id, struct kpi *ret, int64_t *ret_measure_id) {
    struct db_stmt *st = db_prepare(db, "SELECT " KPI_COLUMNS " FROM kpi k WHERE k.id = ?1");
    db_bind_int64(st, 1, id);
    int rc = db_step(st);
    if (rc != DB_ROW) {
        db_reset(st);
        return rc == DB_DONE ? KW_ENOTFOUND : KW_EDB;
    }
    struct kpi k;
    memset(&k, 0, sizeof k);
    kpi_from_row(a, st, 0, &k);
    db_reset(st);
    if (kpi_measurements_load(db, a, &k) < 0)
        return KW_EDB;
    if (ret_measure_id)
        *ret_measure_id = k.measure_id;
    *ret = k;
    return 0;
}
