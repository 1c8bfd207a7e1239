/* Writes: whole organisation documents, KPI measurements, the search index and the audit log,
 * and the inserts that the editing functions (store_edit*.c) share. Each public function is one
 * transaction: on any failure nothing is kept. */
#include <assert.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "core/kpi_calc.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "store/store_logic.h"
#include "util/json_canon.h"
#include "util/jw.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

/* Binds a snapshot in json_canon's form (SQLite's and PostgreSQL's json_object print numbers
 * and spaces differently); text that is not JSON is kept as it is. */
static void bind_snapshot(struct db_stmt *st, int i, const char *json, struct buf *b) {
    if (!json) {
        db_bind_null(st, i);
        return;
    }
    if (json_canon(b, json, strlen(json)) == 0) db_bind_textn(st, i, b->data, b->len);
    else db_bind_text(st, i, json);
}

int store_audit(struct db *db, const struct actor *who, const char *entity, int64_t entity_id,
                const char *action, const char *before_json, const char *after_json) {
    struct db_stmt *st = db_prepare(db,
        "INSERT INTO audit (actor, via, entity, entity_id, action, before_json, after_json) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    db_bind_text(st, 1, who && who->name ? who->name : "anonymous");
    db_bind_text(st, 2, who && who->via ? who->via : "cli");
    db_bind_text(st, 3, entity);
    db_bind_int_or_null(st, 4, entity_id, entity_id != 0);
    db_bind_text(st, 5, action);
    struct buf before = BUF_INIT, after = BUF_INIT;
    bind_snapshot(st, 6, before_json, &before);
    bind_snapshot(st, 7, after_json, &after);
    int rc = db_step_done(db, st);
    buf_free(&before);
    buf_free(&after);
    return rc;
}

/* The words kept for searching a measure (migration 28), NFKC-normalised and case-folded as
 * core/search.h matches them: its title, and its code, texts, means and tags, schedule items,
 * departments and KPIs' names; the measures chosen by the WHERE clause that follows. */
#define SEARCH_WORDS \
    "SELECT m.id, m.plan_id, m.title, m.code || ' ' || coalesce(m.current, '') || ' ' || coalesce(m.ideal, '') || ' ' || " \
    " coalesce((SELECT group_concat(text, ' ') FROM measure_label WHERE measure_id = m.id), '') || ' ' || " \
    " coalesce((SELECT group_concat(text, ' ') FROM measure_item WHERE measure_id = m.id), '') || ' ' || " \
    " coalesce((SELECT group_concat(d.name, ' ') FROM measure_department md " \
    "           JOIN department d ON d.id = md.department_id WHERE md.measure_id = m.id), '') || ' ' || " \
    " coalesce((SELECT group_concat(name, ' ') FROM kpi WHERE measure_id = m.id), '') " \
    "FROM measure m "

/* Writes the search rows of the measures sel reads (id, plan, title, body), several to an INSERT:
 * read first, then written, as a plan's are a few dozen. *ret_n: how many. */
static int search_write(struct db *db, struct db_stmt *sel, size_t *ret_n) {
    struct row { int64_t id, plan_id; char *title, *body; } *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(sel)) == DB_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            v = xrealloc(v, cap * sizeof *v);
        }
        v[n++] = (struct row){db_col_int64(sel, 0), db_col_int64(sel, 1), utf8_normalize(db_col_str(sel, 2)),
                              utf8_normalize(db_col_str(sel, 3))};
    }
    db_reset(sel);
    rc = step_rows_done(rc);
    static const char head[] = "INSERT INTO measure_search (measure_id, plan_id, title, body)";
    for (size_t i = 0, chunk; rc == 0 && i < n; i += chunk) {
        struct db_stmt *ins = db_rows_prepare(db, head, NULL, 4, n - i, &chunk);
        for (size_t j = 0; j < chunk; j++) {
            const struct row *e = &v[i + j];
            int p = (int)j * 4;
            db_bind_int64(ins, p + 1, e->id);
            db_bind_int64(ins, p + 2, e->plan_id);
            db_bind_text(ins, p + 3, e->title ? e->title : "");
            db_bind_text(ins, p + 4, e->body ? e->body : "");
        }
        rc = db_step_done(db, ins);
    }
    for (size_t i = 0; i < n; i++) {
        free(v[i].title);
        free(v[i].body);
    }
    free(v);
    *ret_n = n;
    return rc;
}

int search_reindex(struct db *db, int64_t measure_id) {
    struct db_stmt *del = db_prepare(db, "DELETE FROM measure_search WHERE measure_id = ?1");
    db_bind_int64(del, 1, measure_id);
    int rc = db_step_done(db, del);
    if (rc < 0)
        return rc;                                  /* KW_EBUSY too: the reply says busy */
    struct db_stmt *sel = db_prepare(db, SEARCH_WORDS "WHERE m.id = ?1");
    db_bind_int64(sel, 1, measure_id);
    size_t n;
    rc = search_write(db, sel, &n);
    return rc == 0 && n == 0 ? KW_ENOTFOUND : rc;
}

int search_reindex_plan(struct db *db, int64_t plan_id) {
    struct db_stmt *del = db_prepare(db, "DELETE FROM measure_search WHERE plan_id = ?1");
    db_bind_int64(del, 1, plan_id);
    int rc = db_step_done(db, del);
    if (rc < 0)
        return rc;
    struct db_stmt *sel = db_prepare(db, SEARCH_WORDS "WHERE m.plan_id = ?1 ORDER BY m.id");
    db_bind_int64(sel, 1, plan_id);
    size_t n;
    return search_write(db, sel, &n);
}

/* ---- whole documents */

int rows_ids(struct arena *a, struct db_stmt *st, int64_t **ret, size_t *ret_n) {
    int64_t *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, v, cap, n);
        v[n++] = db_col_int64(st, 0);
    }
    db_reset(st);
    *ret = v;
    *ret_n = n;
    return step_rows_done(rc);
}

int64_t code_id_find(const struct code_id *v, size_t n, const char *code) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].code, code) == 0)
            return v[i].id;
    return 0;
}

static const char kpi_head[] =
    "INSERT INTO kpi (measure_id, position, name, unit, direction, perspective, baseline_value, baseline_fy, "
    " target_state, target_value, target_fy, definition, source, code, abolished, m_count, m_sum_x, m_sum_xx, "
    " m_sum_y, m_sum_y_lo, m_sum_xy, m_sum_xy_lo, m_latest_value, m_latest_period, m_first_period)";
enum { KPI_COLS = 25 };

/* KPI k at position pos as parameters p + 1 to p + KPI_COLS of st (unbound: NULL, as db_prepare
 * clears them): its aggregates (kpi.m_*) with it, as the measurement trigger would have made them
 * inserting the rows in k's order (kpi_sums_compute), while the trigger is switched off for its
 * rows (migration 26). */
static void kpi_bind(struct db_stmt *st, int p, int64_t measure_id, int pos, const struct kpi *k) {
    struct kpi_sums r;
    kpi_sums_compute(k, &r);
    db_bind_int64(st, p + 1, measure_id);
    db_bind_int64(st, p + 2, pos);
    db_bind_text(st, p + 3, k->name);
    db_bind_text(st, p + 4, k->unit);
    db_bind_text(st, p + 5, direction_name(k->direction));
    db_bind_text(st, p + 6, k->perspective);
    if (k->has_baseline) {
        db_bind_double(st, p + 7, k->baseline_value);
        db_bind_int64(st, p + 8, k->baseline_fy);
    }
    db_bind_text(st, p + 9, target_state_name(k->target_state));
    if (k->target_state == TARGET_SET) {
        db_bind_double(st, p + 10, k->target_value);
        db_bind_int64(st, p + 11, k->target_fy);
    }
    db_bind_text(st, p + 12, k->definition);
    db_bind_text(st, p + 13, k->source);
    db_bind_text(st, p + 14, k->code);
    db_bind_int64(st, p + 15, k->abolished);
    db_bind_int64(st, p + 16, (int64_t)k->n_measurements);
    db_bind_double(st, p + 17, r.s.sum_x);
    db_bind_double(st, p + 18, r.s.sum_xx);
    db_bind_double(st, p + 19, r.s.sum_y);
    db_bind_double(st, p + 20, r.y_lo);
    db_bind_double(st, p + 21, r.s.sum_xy);
    db_bind_double(st, p + 22, r.xy_lo);
    if (r.s.latest_period)
        db_bind_double(st, p + 23, r.s.latest);
    db_bind_text(st, p + 24, r.s.latest_period);
    db_bind_text(st, p + 25, r.s.first_period);
}

/* k's measurements as the rows of KPI kpi_id: added to later, or inserted DB_ROWS_MAX at a time
 * with the stats trigger switched off. */
static int measurements_insert(struct db *db, int64_t kpi_id, const struct kpi *k, struct db_copy *later) {
    if (later) {
        for (size_t i = 0; i < k->n_measurements; i++) {
            const struct measurement *m = &k->measurements[i];
            db_copy_int64(later, kpi_id);
            db_copy_text(later, m->period);
            db_copy_double(later, m->value);
            db_copy_text(later, m->note);
            db_copy_text(later, m->source);
            db_copy_text(later, m->recorded_by);
            db_copy_row_end(later);
        }
        return 0;
    }
    static const char head[] = "INSERT INTO kpi_measurement (kpi_id, period, value, note, source, recorded_by)";
    bool deferred = k->n_measurements ? db_defer_kpi_stats(db, true) : true;
    int rc = 0;
    for (size_t i = 0, n; rc == 0 && i < k->n_measurements; i += n) {
        struct db_stmt *ms = db_rows_prepare(db, head, NULL, 6, k->n_measurements - i, &n);
        for (size_t j = 0; j < n; j++) {
            const struct measurement *m = &k->measurements[i + j];
            int p = (int)j * 6;
            db_bind_int64(ms, p + 1, kpi_id);
            db_bind_text(ms, p + 2, m->period);
            db_bind_double(ms, p + 3, m->value);
            db_bind_text(ms, p + 4, m->note);
            db_bind_text(ms, p + 5, m->source);
            db_bind_text(ms, p + 6, m->recorded_by);
        }
        rc = db_step_done(db, ms);
    }
    if (!deferred)
        db_defer_kpi_stats(db, false);
    return rc;
}

/* Within the caller's transaction: PostgreSQL's switch of the measurement trigger is a setting of
 * the transaction (SET LOCAL), so outside one the trigger would sum the rows on top of the
 * aggregates written. */
int kpis_insert(struct db *db, int64_t measure_id, int first_pos, const struct kpi *v, size_t n, int64_t *ret_ids,
                struct db_copy *later) {
    assert(db_in_transaction(db));
    int64_t *ids = xcalloc(n ? n : 1, sizeof *ids);
    int rc = 0;
    for (size_t i = 0, chunk; rc == 0 && i < n; i += chunk) {
        /* the ids come back by position: RETURNING's rows need not be in the VALUES' order */
        struct db_stmt *st = db_rows_prepare(db, kpi_head, "RETURNING id, position", KPI_COLS, n - i, &chunk);
        for (size_t j = 0; j < chunk; j++)
            kpi_bind(st, (int)j * KPI_COLS, measure_id, first_pos + (int)(i + j), &v[i + j]);
        size_t got = 0;
        int s;
        while ((s = db_step(st)) == DB_ROW) {
            int64_t at = db_col_int64(st, 1) - first_pos;
            if (at >= (int64_t)i && at < (int64_t)(i + chunk) && !ids[at]) {
                ids[at] = db_col_int64(st, 0);
                got++;
            }
        }
        db_reset(st);
        rc = s < 0 ? s : got == chunk ? 0 : KW_EDB;
    }
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = measurements_insert(db, ids[i], &v[i], later);
    if (rc == 0 && ret_ids)
        memcpy(ret_ids, ids, n * sizeof *ids);
    free(ids);
    return rc;
}

int kpi_insert(struct db *db, int64_t measure_id, int pos, const struct kpi *k, int64_t *ret_id, struct db_copy *later) {
    return kpis_insert(db, measure_id, pos, k, 1, ret_id, later);
}

int items_insert(struct db *db, int64_t measure_id, const char *kind, const struct period_items *v, size_t n) {
    static const char head[] = "INSERT INTO measure_item (measure_id, kind, fy, quarter, position, text)";
    size_t total = 0, left, rows = 0, chunk = 0;
    for (size_t i = 0; i < n; i++)
        total += v[i].items.n;
    left = total;
    struct db_stmt *st = NULL;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < v[i].items.n; j++) {
            if (rows == 0)                      /* the next statement: DB_ROWS_MAX rows, or those left */
                st = db_rows_prepare(db, head, NULL, 6, left, &chunk);
            int p = (int)rows * 6;
            db_bind_int64(st, p + 1, measure_id);
            db_bind_text(st, p + 2, kind);
            db_bind_int64(st, p + 3, v[i].fy);
            db_bind_int64(st, p + 4, v[i].quarter);
            db_bind_int64(st, p + 5, (int)(i * 1000 + j));
            db_bind_text(st, p + 6, v[i].items.items[j]);
            left--;
            if (++rows == chunk) {
                int rc = db_step_done(db, st);
                if (rc < 0)
                    return rc;
                rows = 0;
            }
        }
    return 0;
}

int labels_insert(struct db *db, int64_t measure_id, const char *kind, const struct strlist *l) {
    for (size_t i = 0; i < l->n; i++) {
        struct db_stmt *st = db_prepare(db,
            "INSERT INTO measure_label (measure_id, kind, position, text) VALUES (?1, ?2, ?3, ?4)");
        db_bind_int64(st, 1, measure_id);
        db_bind_text(st, 2, kind);
        db_bind_int64(st, 3, (int)i);
        db_bind_text(st, 4, l->items[i]);
        int rc = db_step_done(db, st);
        if (rc < 0)
            return rc;
    }
    return 0;
}

int measure_insert(struct db *db, int64_t plan_id, int64_t theme_id, int pos, const struct measure *m,
                   const struct code_id *depts, size_t n_depts, int64_t *ret_id, struct db_copy *later) {
    /* a measure without its key yet gets one no other can have, until plan_keys_refresh */
    static _Atomic uint64_t provisional;
    char temp_key[48];
    snprintf(temp_key, sizeof temp_key, "\x1f%llx.%llx", (unsigned long long)theme_id,
             (unsigned long long)atomic_fetch_add(&provisional, 1));
    struct db_stmt *st = db_prepare(db,
        "INSERT INTO measure (theme_id, plan_id, position, code, title, scope, current, ideal, status, "
        " new_since_fy, key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id");
    db_bind_int64(st, 1, theme_id);
    db_bind_int64(st, 2, plan_id);
    db_bind_int64(st, 3, pos);
    db_bind_text(st, 4, m->code);
    db_bind_text(st, 5, m->title);
    db_bind_text(st, 6, measure_scope_name(m->scope));
    db_bind_text(st, 7, m->current);
    db_bind_text(st, 8, m->ideal);
    db_bind_text(st, 9, measure_status_name(m->status));
    db_bind_int_or_null(st, 10, m->new_since_fy, m->new_since_fy != 0);
    db_bind_text(st, 11, m->key ? m->key : temp_key);
    int64_t id;
    int rc = db_step_id(db, st, &id);
    if (rc < 0)
        return rc;
    if ((rc = labels_insert(db, id, "means", &m->means)) < 0 || (rc = labels_insert(db, id, "tag", &m->tags)) < 0 ||
        (rc = categories_confirm(db, id, &m->categories, NULL)) < 0)     /* a new measure: none to forget */
        return rc;
    for (size_t i = 0; i < m->departments.n; i++) {
        struct db_stmt *md = db_prepare(db,
            "INSERT INTO measure_department (measure_id, department_id, position) VALUES (?1, ?2, ?3)");
        db_bind_int64(md, 1, id);
        db_bind_int64(md, 2, code_id_find(depts, n_depts, m->departments.items[i]));
        db_bind_int64(md, 3, (int)i);
        if ((rc = db_step_done(db, md)) < 0)
            return rc;
    }
    if ((rc = items_insert(db, id, "schedule", m->schedule, m->n_schedule)) < 0 ||
        (rc = items_insert(db, id, "progress", m->progress, m->n_progress)) < 0)
        return rc;
    static const char review_head[] = "INSERT INTO measure_review (measure_id, fy, quarter, rating, text, issues, "
                                      "next_steps, decision, decision_note)";
    for (size_t i = 0, n; i < m->n_reviews; i += n) {
        struct db_stmt *rv = db_rows_prepare(db, review_head, NULL, 9, m->n_reviews - i, &n);
        for (size_t j = 0; j < n; j++) {
            const struct review *r = &m->reviews[i + j];
            int p = (int)j * 9;
            db_bind_int64(rv, p + 1, id);
            db_bind_int64(rv, p + 2, r->fy);
            db_bind_int64(rv, p + 3, r->quarter);
            db_bind_text(rv, p + 4, r->rating);
            db_bind_text(rv, p + 5, r->text);
            db_bind_text(rv, p + 6, r->issues);
            db_bind_text(rv, p + 7, r->next_steps);
            db_bind_text(rv, p + 8, r->decision);
            db_bind_text(rv, p + 9, r->decision_note);
        }
        if ((rc = db_step_done(db, rv)) < 0)
            return rc;
    }
    if ((rc = kpis_insert(db, id, 0, m->kpis, m->n_kpis, NULL, later)) < 0)
        return rc;
    *ret_id = id;
    return 0;
}

/* ---- measure keys */

/* The plan's pillars, themes and measures with their codes and keys only, for plan_keys_assign. */
static int key_tree_load(struct db *db, struct arena *a, int64_t plan_id, struct plan *ret) {
    struct db_stmt *st = db_prepare(db,
        "SELECT pi.id, pi.code, t.id, t.code, m.id, m.code, m.key FROM pillar pi "
        "JOIN theme t ON t.pillar_id = pi.id JOIN measure m ON m.theme_id = t.id "
        "WHERE pi.plan_id = ?1 ORDER BY pi.position, pi.id, t.position, t.id, m.position, m.id");
    db_bind_int64(st, 1, plan_id);
    memset(ret, 0, sizeof *ret);
    ret->id = plan_id;
    size_t cap_p = 0, cap_t = 0, cap_m = 0;
    struct pillar *pi = NULL;
    struct theme *t = NULL;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (!pi || pi->id != db_col_int64(st, 0)) {
            GROW(a, ret->pillars, cap_p, ret->n_pillars);
            pi = &ret->pillars[ret->n_pillars++];
            memset(pi, 0, sizeof *pi);
            pi->id = db_col_int64(st, 0);
            pi->code = db_col_text(a, st, 1);
            t = NULL;
            cap_t = 0;
        }
        if (!t || t->id != db_col_int64(st, 2)) {
            GROW(a, pi->themes, cap_t, pi->n_themes);
            t = &pi->themes[pi->n_themes++];
            memset(t, 0, sizeof *t);
            t->id = db_col_int64(st, 2);
            t->code = db_col_text(a, st, 3);
            cap_m = 0;
        }
        GROW(a, t->measures, cap_m, t->n_measures);
        struct measure *m = &t->measures[t->n_measures++];
        memset(m, 0, sizeof *m);
        m->id = db_col_int64(st, 4);
        m->code = db_col_text(a, st, 5);
        m->key = db_col_text(a, st, 6);             /* as stored, until plan_keys_assign */
    }
    db_reset(st);
    return step_rows_done(rc);
}

static int key_set(struct db *db, int64_t id, const char *key) {
    struct db_stmt *st = db_prepare(db, "UPDATE measure SET key = ?2 WHERE id = ?1");
    db_bind_int64(st, 1, id);
    db_bind_text(st, 2, key);
    return db_step_done(db, st);
}

int plan_keys_refresh(struct db *db, int64_t plan_id, struct edit_fail *fail) {
    struct arena a = ARENA_INIT;
    struct plan p;
    const struct measure *clash = NULL;
    int rc = key_tree_load(db, &a, plan_id, &p);
    size_t n = 0;
    struct measure **v = rc == 0 ? plan_measure_list(&a, &p, &n) : NULL;
    char **stored = arena_alloc(&a, (n ? n : 1) * sizeof *stored);
    for (size_t i = 0; i < n; i++)
        stored[i] = v[i]->key;
    if (rc == 0 && plan_keys_assign(&a, &p, &clash) < 0) {
        edit_fail_set(fail, "code", "\"%.100s\" would be the path of two measures of this plan: give their themes codes",
                      clash->key);
        rc = KW_ECONFLICT;
    }
    /* two passes, so that no key is ever held by two rows (UNIQUE (plan_id, key)) */
    for (int pass = 0; pass < 2 && rc == 0; pass++)
        for (size_t i = 0; i < n && rc == 0; i++) {
            if (strcmp(stored[i], v[i]->key) == 0)
                continue;
            char temp[32];
            snprintf(temp, sizeof temp, "\x1f%lld", (long long)v[i]->id);
            rc = key_set(db, v[i]->id, pass == 0 ? temp : v[i]->key);
        }
    arena_free(&a);
    return rc;
}

static int insert_plan(struct db *db, int64_t org_id, int pos, const struct plan *p,
                       const struct code_id *depts, size_t n_depts) {
    struct db_stmt *st = db_prepare(db,
        "INSERT INTO plan (org_id, position, title, kind, motto, summary, from_fy, to_fy, review_cadence, version, "
        " published, code, abolished) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id");
    db_bind_int64(st, 1, org_id);
    db_bind_int64(st, 2, pos);
    db_bind_text(st, 3, p->title);
    db_bind_text(st, 4, p->kind);
    db_bind_text(st, 5, p->motto);
    db_bind_text(st, 6, p->summary);
    db_bind_int_or_null(st, 7, p->from_fy, p->from_fy != 0);
    db_bind_int_or_null(st, 8, p->to_fy, p->to_fy != 0);
    db_bind_text(st, 9, p->review_cadence);
    db_bind_text(st, 10, p->version);
    db_bind_text(st, 11, p->published);
    db_bind_text(st, 12, p->code);
    db_bind_int64(st, 13, p->abolished);
    int64_t plan_id;
    int rc = db_step_id(db, st, &plan_id);
    if (rc < 0 || (rc = plan_lists_insert(db, plan_id, p)) < 0)
        return rc;
    struct db_copy later;                           /* the plan's measurements, in one COPY */
    db_copy_init(&later, "kpi_measurement (kpi_id, period, value, note, source, recorded_by)");
    struct db_copy *sink = db_is_postgres(db) ? &later : NULL;

    size_t total = 0;
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            total += p->pillars[i].themes[j].n_measures;
    struct code_id *codes = calloc(total ? total : 1, sizeof *codes);
    const struct measure **ms = calloc(total ? total : 1, sizeof *ms);
    size_t nm = 0;
    for (size_t i = 0; i < p->n_pillars && rc == 0; i++) {
        const struct pillar *pi = &p->pillars[i];
        st = db_prepare(db, "INSERT INTO pillar (plan_id, position, code, title, summary, abolished) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id");
        db_bind_int64(st, 1, plan_id);
        db_bind_int64(st, 2, (int)i);
        db_bind_text(st, 3, pi->code);
        db_bind_text(st, 4, pi->title);
        db_bind_text(st, 5, pi->summary);
        db_bind_int64(st, 6, pi->abolished);
        int64_t pillar_id = 0;
        rc = db_step_id(db, st, &pillar_id);
        if (rc == 0)
            rc = pillar_examples_set(db, pillar_id, &pi->examples);
        for (size_t j = 0; j < pi->n_themes && rc == 0; j++) {
            const struct theme *t = &pi->themes[j];
            st = db_prepare(db, "INSERT INTO theme (pillar_id, position, code, title, abolished) "
                                "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id");
            db_bind_int64(st, 1, pillar_id);
            db_bind_int64(st, 2, (int)j);
            db_bind_text(st, 3, t->code);
            db_bind_text(st, 4, t->title);
            db_bind_int64(st, 5, t->abolished);
            int64_t theme_id = 0;
            rc = db_step_id(db, st, &theme_id);
            if (rc == 0)
                rc = theme_means_set(db, theme_id, t->means, t->n_means);
            for (size_t k = 0; k < t->n_measures && rc == 0; k++) {
                rc = measure_insert(db, plan_id, theme_id, (int)k, &t->measures[k], depts, n_depts, &codes[nm].id,
                                    sink);
                codes[nm].code = t->measures[k].key;          /* links name keys */
                ms[nm++] = &t->measures[k];
            }
        }
    }
    /* links refer to codes anywhere in the plan, so they go in once every measure exists */
    for (size_t i = 0; i < nm && rc == 0; i++) {
        for (size_t j = 0; j < ms[i]->links.n && rc == 0; j++) {
            st = db_prepare(db, "INSERT INTO measure_link (measure_id, position, target_id) VALUES (?1, ?2, ?3)");
            db_bind_int64(st, 1, codes[i].id);
            db_bind_int64(st, 2, (int)j);
            db_bind_int64(st, 3, code_id_find(codes, nm, ms[i]->links.items[j]));
            rc = db_step_done(db, st);
        }
    }
    if (rc == 0 && sink) {
        bool deferred = db_defer_kpi_stats(db, true);   /* the KPIs hold their aggregates already */
        rc = db_copy_send(db, sink);
        if (!deferred)
            db_defer_kpi_stats(db, false);
    }
    db_copy_free(&later);
    if (rc == 0)
        rc = search_reindex_plan(db, plan_id);      /* every measure's words, a few statements in all */
    free(codes);
    free(ms);
    return rc;
}

int store_org_doc_insert(struct db *db, const struct org_doc *doc, const struct actor *who) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    /* every measurement of a new organisation comes with its KPI (kpi_insert): the trigger is
     * switched off once for all of them */
    bool deferred = db_defer_kpi_stats(db, true);
    struct code_id *depts = calloc(doc->n_departments ? doc->n_departments : 1, sizeof *depts);
    struct db_stmt *st = db_prepare(db, "SELECT id FROM org WHERE code = ?1");
    db_bind_text(st, 1, doc->org.code);
    bool existing = db_step(st) == DB_ROW;
    db_reset(st);
    if (existing)
        rc = KW_ECONFLICT;                   /* a replacement is a merge: xfer/doc_merge.c */
    int64_t org_id = 0;
    if (rc == 0) {
        st = db_prepare(db, "INSERT INTO org (code, name, prefecture, population) VALUES (?1, ?2, ?3, ?4)");
        db_bind_text(st, 1, doc->org.code);
        db_bind_text(st, 2, doc->org.name);
        db_bind_text(st, 3, doc->org.prefecture);
        db_bind_int_or_null(st, 4, doc->org.population, doc->org.population != 0);
        rc = db_step_done(db, st);
        org_id = db_last_id(db);
    }
    for (size_t i = 0; i < doc->n_departments && rc == 0; i++) {
        st = db_prepare(db, "INSERT INTO department (org_id, position, code, name, abolished) VALUES (?1, ?2, ?3, ?4, ?5)");
        db_bind_int64(st, 1, org_id);
        db_bind_int64(st, 2, (int)i);
        db_bind_text(st, 3, doc->departments[i].code);
        db_bind_text(st, 4, doc->departments[i].name);
        db_bind_int64(st, 5, doc->departments[i].abolished);
        rc = db_step_done(db, st);
        depts[i].code = doc->departments[i].name;        /* measures name departments by name */
        depts[i].id = db_last_id(db);
    }
    for (size_t i = 0; i < doc->n_departments && rc == 0; i++) {
        if (!doc->departments[i].parent_code)
            continue;
        st = db_prepare(db,
            "UPDATE department SET parent_id = (SELECT id FROM department WHERE org_id = ?1 AND code = ?2) WHERE id = ?3");
        db_bind_int64(st, 1, org_id);
        db_bind_text(st, 2, doc->departments[i].parent_code);
        db_bind_int64(st, 3, depts[i].id);
        rc = db_step_done(db, st);
    }
    for (size_t i = 0; i < doc->n_plans && rc == 0; i++)
        rc = insert_plan(db, org_id, (int)i, &doc->plans[i], depts, doc->n_departments);
    if (rc == 0)
        rc = bodies_insert(db, org_id, doc->bodies, doc->n_bodies, depts, doc->n_departments);
    for (size_t i = 0; i < doc->n_plans && rc == 0; i++)      /* after every measure and KPI it names */
        rc = store_logic_insert(db, org_id, (int)i, doc->plans[i].logic_model);
    free(depts);
    db_defer_kpi_stats(db, deferred);
    if (rc == 0) {
        char after[128];
        snprintf(after, sizeof after, "{\"code\":\"%s\",\"plans\":%zu}", doc->org.code, doc->n_plans);
        rc = store_audit(db, who, "org", org_id, "import", NULL, after);
    }
    if (rc < 0) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db);
}

/* ---- measurements */

int store_measurement_add(struct db *db, int64_t kpi_id, const struct measurement *m,
                          const struct actor *who, int64_t *ret_id) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    struct db_stmt *st = db_prepare(db, "SELECT 1 FROM kpi WHERE id = ?1");
    db_bind_int64(st, 1, kpi_id);
    bool exists = db_step(st) == DB_ROW;
    db_reset(st);
    if (!exists) {
        db_rollback(db);
        return KW_ENOTFOUND;
    }
    st = db_prepare(db,
        "INSERT INTO kpi_measurement (kpi_id, period, value, note, source, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    db_bind_int64(st, 1, kpi_id);
    db_bind_text(st, 2, m->period);
    db_bind_double(st, 3, m->value);
    db_bind_text(st, 4, m->note);
    db_bind_text(st, 5, m->source);
    db_bind_text(st, 6, who && who->name ? who->name : NULL);
    rc = db_step_done(db, st);
    int64_t id = db_last_id(db);
    if (rc == 0) {
        struct buf b = BUF_INIT;
        struct jw w;
        jw_init(&w, &b, 0);
        jw_obj_begin(&w);
        jw_kint(&w, "kpi_id", kpi_id);
        jw_kstr(&w, "period", m->period);
        jw_knum(&w, "value", m->value);
        if (m->note) jw_kstr(&w, "note", m->note);
        if (m->source) jw_kstr(&w, "source", m->source);
        jw_obj_end(&w);
        rc = store_audit(db, who, "kpi_measurement", id, "create", NULL, buf_cstr(&b));
        buf_free(&b);
    }
    if (rc < 0) {
        db_rollback(db);
        return rc;
    }
    rc = db_commit_draft(db);           /* the public reads published values only */
    if (rc == 0 && ret_id)
        *ret_id = id;
    return rc;
}
