/* Loading measures with their parts (departments, means and tags, links, schedule and progress,
 * reviews, KPIs, measurements), and searching them. Parts are read with one query per table for
 * a whole plan and attached to their measures by id, so a plan of 50 measures costs the same
 * handful of statements as one measure. */
#include <stdlib.h>
#include <string.h>
#include "core/review.h"
#include "core/search.h"
#include "store/store_internal.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

/* ---- measures by id */

struct by_id { int64_t id; struct measure *m; };

static int cmp_by_id(const void *x, const void *y) {
    int64_t a = ((const struct by_id *)x)->id, b = ((const struct by_id *)y)->id;
    return (a > b) - (a < b);
}

static struct measure *find(const struct by_id *idx, size_t n, int64_t id) {
    struct by_id key = {id, NULL};
    const struct by_id *hit = bsearch(&key, idx, n, sizeof *idx, cmp_by_id);
    return hit ? hit->m : NULL;
}

/* Rows come ordered by measure id (the index order, so SQLite need not sort); each loader tracks the measure of the current run of rows
 * and the capacity of the list it appends to. */
struct run { struct measure *m; int64_t id; size_t cap; };

static struct measure *run_for(struct run *r, const struct by_id *idx, size_t n, int64_t id) {
    if (r->id != id || !r->m) {
        r->id = id;
        r->m = find(idx, n, id);
        r->cap = 0;
    }
    return r->m;
}

/* Every part query comes in two texts: for all measures of plan ?1, or for the one measure ?2.
 * PART_SQL(select_and_joins, order) declares them; part_stmt picks one and binds it. */
#define PART_SQL_INIT(body, order) {body " WHERE m.plan_id = ?1 ORDER BY " order, \
                                    body " WHERE m.id = ?2 ORDER BY " order}
#define PART_SQL(body, order) static const char *const sql[2] = PART_SQL_INIT(body, order)

static struct db_stmt *part_stmt(struct db *db, const char *const sql[2], int64_t plan_id, int64_t only_id) {
    struct db_stmt *st = db_prepare(db, sql[only_id != 0]);
    if (only_id)
        db_bind_int64(st, 2, only_id);
    else
        db_bind_int64(st, 1, plan_id);
    return st;
}

/* Lists of strings attached to a measure. Each query yields (measure id, list name, position,
 * text) in list order; one loader fills them all. Lists show only departments; a full load
 * reads departments, means and tags, links and confirmed categories in one statement whose arms SQLite merges in
 * index order (no sort). */
static const char *const departments_sql[2] = PART_SQL_INIT(
    "SELECT md.measure_id, 'departments', md.position, d.name FROM measure m "
    "JOIN measure_department md ON md.measure_id = m.id JOIN department d ON d.id = md.department_id",
    "m.id, md.position");

#define ALL_LISTS_SQL(where) \
    "SELECT md.measure_id, 'departments', md.position, d.name FROM measure m " \
    "JOIN measure_department md ON md.measure_id = m.id JOIN department d ON d.id = md.department_id WHERE " where \
    " UNION ALL SELECT l.measure_id, l.kind, l.position, l.text FROM measure m " \
    "JOIN measure_label l ON l.measure_id = m.id WHERE " where \
    " UNION ALL SELECT l.measure_id, 'links', l.position, t.key FROM measure m " \
    "JOIN measure_link l ON l.measure_id = m.id JOIN measure t ON t.id = l.target_id WHERE " where \
    " UNION ALL SELECT mc.measure_id, 'categories', c.position, c.code FROM measure m " \
    "JOIN measure_category mc ON mc.measure_id = m.id JOIN category c ON c.id = mc.category_id " \
    "WHERE mc.state = 'confirmed' AND " where \
    " ORDER BY 1, 2, 3"
static const char *const all_lists_sql[2] = {ALL_LISTS_SQL("m.plan_id = ?1"), ALL_LISTS_SQL("m.id = ?2")};
#undef ALL_LISTS_SQL

static struct strlist *list_named(struct measure *m, const char *name) {
    switch (name[0]) {
    case 'c': return &m->categories;
    case 'd': return &m->departments;
    case 'l': return &m->links;
    case 'm': return &m->means;
    default: return &m->tags;               /* "tag" */
    }
}

static int load_lists(struct db *db, struct arena *a, const char *const sql[2], int64_t plan_id, int64_t only_id,
                      const struct by_id *idx, size_t n) {
    struct db_stmt *st = part_stmt(db, sql, plan_id, only_id);
    struct run r = {0};
    char cur_name = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t id = db_col_int64(st, 0);
        const char *name = (const char *)db_col_str(st, 1);
        if (id != r.id || name[0] != cur_name) {
            r.m = NULL;                      /* a new list: restart its capacity */
            cur_name = name[0];
        }
        struct measure *m = run_for(&r, idx, n, id);
        if (!m)
            continue;
        struct strlist *l = list_named(m, name);
        GROW(a, l->items, r.cap, l->n);
        l->items[l->n++] = db_col_text(a, st, 3);
    }
    db_reset(st);
    return step_rows_done(rc);
}

/* Schedule and progress rows arrive ordered by (measure, kind, fy, quarter, position);
 * consecutive rows of the same (kind, fy, quarter) form one cell of the grid. */
static int load_items(struct db *db, struct arena *a, int64_t plan_id, int64_t only_id,
                      const struct by_id *idx, size_t n) {
    PART_SQL("SELECT i.measure_id, i.kind, i.fy, i.quarter, i.text FROM measure m "
             "JOIN measure_item i ON i.measure_id = m.id", "m.id, i.kind, i.fy, i.quarter, i.position");
    struct db_stmt *st = part_stmt(db, sql, plan_id, only_id);
    struct run r = {0};
    size_t cap_s = 0, cap_p = 0, cap_item = 0;
    struct period_items *cur = NULL;
    bool cur_sched = false;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t id = db_col_int64(st, 0);
        if (id != r.id) {
            cap_s = cap_p = 0;
            cur = NULL;
        }
        struct measure *m = run_for(&r, idx, n, id);
        if (!m)
            continue;
        bool sched = strcmp((const char *)db_col_str(st, 1), "schedule") == 0;
        int fy = db_col_int(st, 2), q = db_col_int(st, 3);
        if (!cur || cur_sched != sched || cur->fy != fy || cur->quarter != q) {
            struct period_items **arr = sched ? &m->schedule : &m->progress;
            size_t *cnt = sched ? &m->n_schedule : &m->n_progress;
            GROW(a, *arr, *(sched ? &cap_s : &cap_p), *cnt);
            cur = &(*arr)[(*cnt)++];
            memset(cur, 0, sizeof *cur);
            cur->fy = fy;
            cur->quarter = q;
            cur_sched = sched;
            cap_item = 0;
        }
        GROW(a, cur->items.items, cap_item, cur->items.n);
        cur->items.items[cur->items.n++] = db_col_text(a, st, 4);
    }
    db_reset(st);
    return step_rows_done(rc);
}

static int load_reviews(struct db *db, struct arena *a, int64_t plan_id, int64_t only_id,
                        const struct by_id *idx, size_t n) {
    PART_SQL("SELECT r.measure_id, " REVIEW_COLUMNS " FROM measure m "
             "JOIN measure_review r ON r.measure_id = m.id", "m.id, r.fy, r.quarter");
    struct db_stmt *st = part_stmt(db, sql, plan_id, only_id);
    struct run r = {0};
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct measure *m = run_for(&r, idx, n, db_col_int64(st, 0));
        if (!m)
            continue;
        GROW(a, m->reviews, r.cap, m->n_reviews);
        review_from_row(a, st, 1, &m->reviews[m->n_reviews++]);
    }
    db_reset(st);
    return step_rows_done(rc);
}

void review_from_row(struct arena *a, struct db_stmt *st, int c, struct review *rv) {
    memset(rv, 0, sizeof *rv);
    rv->id = db_col_int64(st, c + 0);
    rv->fy = db_col_int(st, c + 1);
    rv->quarter = db_col_int(st, c + 2);
    rv->rating = db_col_text(a, st, c + 3);
    rv->text = db_col_text(a, st, c + 4);
    rv->issues = db_col_text(a, st, c + 5);
    rv->next_steps = db_col_text(a, st, c + 6);
    enum review_state state = REVIEW_CONFIRMED;
    review_state_parse((const char *)db_col_str(st, c + 7), &state);
    rv->state = state;
    rv->office_comment = db_col_text(a, st, c + 8);
    rv->decision = db_col_text(a, st, c + 9);
    rv->decision_note = db_col_text(a, st, c + 10);
    rv->submitted_by = db_col_text(a, st, c + 11);
    rv->submitted_at = db_col_text(a, st, c + 12);
    rv->confirmed_by = db_col_text(a, st, c + 13);
    rv->confirmed_at = db_col_text(a, st, c + 14);
    rv->decided_by = db_col_text(a, st, c + 15);
    rv->decided_at = db_col_text(a, st, c + 16);
    rv->updated_at = db_col_text(a, st, c + 17);
}

void kpi_from_row(struct arena *a, struct db_stmt *st, int c, struct kpi *k) {
    memset(k, 0, sizeof *k);
    k->id = db_col_int64(st, c + 0);
    k->measure_id = db_col_int64(st, c + 1);
    k->name = db_col_text(a, st, c + 2);
    k->unit = db_col_text(a, st, c + 3);
    direction_parse((const char *)db_col_str(st, c + 4), &k->direction);
    k->perspective = db_col_text(a, st, c + 5);
    k->has_baseline = !db_col_null(st, c + 6);
    k->baseline_value = db_col_double(st, c + 6);
    k->baseline_fy = db_col_int(st, c + 7);
    const char *ts = (const char *)db_col_str(st, c + 8);
    k->target_state = strcmp(ts, "set") == 0 ? TARGET_SET : strcmp(ts, "undecided") == 0 ? TARGET_UNDECIDED : TARGET_NONE;
    k->target_value = db_col_double(st, c + 9);
    k->target_fy = db_col_int(st, c + 10);
    k->has_stats = true;
    k->stats.n = db_col_int(st, c + 11);
    k->stats.sum_x = db_col_double(st, c + 12);
    k->stats.sum_y = db_col_double(st, c + 13);
    k->stats.sum_xx = db_col_double(st, c + 14);
    k->stats.sum_xy = db_col_double(st, c + 15);
    k->stats.latest = db_col_double(st, c + 16);
    k->stats.latest_period = db_col_text(a, st, c + 17);
    k->stats.first_period = db_col_text(a, st, c + 18);
    k->code = db_col_text(a, st, c + 19);
    k->abolished = db_col_int(st, c + 20) != 0;
    if (db_col_count(st) > c + 22) {    /* KPI_SUMMARY_COLUMNS stop before these */
        k->definition = db_col_text(a, st, c + 21);
        k->source = db_col_text(a, st, c + 22);
    }
}

static void measurement_from_row(struct arena *a, struct db_stmt *st, int c, struct measurement *x) {
    x->id = db_col_int64(st, c + 0);
    x->period = db_col_text(a, st, c + 1);
    x->value = db_col_double(st, c + 2);
    x->note = db_col_text(a, st, c + 3);
    x->source = db_col_text(a, st, c + 4);
    x->recorded_by = db_col_text(a, st, c + 5);
    x->recorded_at = db_col_text(a, st, c + 6);
}

/* Summaries leave out the KPI's definition and source. */
static int load_kpis(struct db *db, struct arena *a, int64_t plan_id, int64_t only_id, bool summary,
                     const struct by_id *idx, size_t n) {
    static const char *const full_sql[2] =
        PART_SQL_INIT("SELECT " KPI_COLUMNS " FROM measure m JOIN kpi k ON k.measure_id = m.id", "m.id, k.position");
    static const char *const summary_sql[2] =
        PART_SQL_INIT("SELECT " KPI_SUMMARY_COLUMNS " FROM measure m JOIN kpi k ON k.measure_id = m.id", "m.id, k.position");
    struct db_stmt *st = part_stmt(db, summary ? summary_sql : full_sql, plan_id, only_id);
    struct run r = {0};
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct measure *m = run_for(&r, idx, n, db_col_int64(st, 1));
        if (!m)
            continue;
        GROW(a, m->kpis, r.cap, m->n_kpis);
        kpi_from_row(a, st, 0, &m->kpis[m->n_kpis++]);
    }
    db_reset(st);
    return step_rows_done(rc);
}

/* Measurements of the KPIs loaded by load_kpis; with until, only those of periods up to it. */
static int load_measurements(struct db *db, struct arena *a, int64_t plan_id, int64_t only_id, const char *until,
                             const struct by_id *idx, size_t n) {
    PART_SQL("SELECT k.measure_id, x.kpi_id, x.id, x.period, x.value, x.note, x.source, x.recorded_by, x.recorded_at "
             "FROM measure m JOIN kpi k ON k.measure_id = m.id "
             "JOIN kpi_measurement x ON x.kpi_id = k.id AND (?3 IS NULL OR x.period <= ?3)",
             "m.id, k.position, x.period, x.id");
    struct db_stmt *st = part_stmt(db, sql, plan_id, only_id);
    db_bind_text(st, 3, until);
    struct run r = {0};
    int rc;
    struct kpi *cur = NULL;
    size_t cap = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t kpi_id = db_col_int64(st, 1);
        if (!cur || cur->id != kpi_id) {
            struct measure *m = run_for(&r, idx, n, db_col_int64(st, 0));
            cur = NULL;
            cap = 0;
            for (size_t i = 0; m && i < m->n_kpis && !cur; i++)
                if (m->kpis[i].id == kpi_id)
                    cur = &m->kpis[i];
            if (!cur)
                continue;
        }
        GROW(a, cur->measurements, cap, cur->n_measurements);
        measurement_from_row(a, st, 2, &cur->measurements[cur->n_measurements++]);
    }
    db_reset(st);
    return step_rows_done(rc);
}

/* The measures of set by id, for find(). */
static struct by_id *index_by_id(struct arena *a, struct measure **set, size_t n) {
    struct by_id *idx = arena_alloc(a, (n ? n : 1) * sizeof *idx);
    for (size_t i = 0; i < n; i++)
        idx[i] = (struct by_id){set[i]->id, set[i]};
    bool sorted = true;                        /* plan order is often id order already */
    for (size_t i = 1; i < n && sorted; i++)
        sorted = idx[i - 1].id < idx[i].id;
    if (!sorted)
        qsort(idx, n, sizeof *idx, cmp_by_id);
    return idx;
}

int measure_parts_load(struct db *db, struct arena *a, int64_t plan_id, int64_t only_id,
                       enum load_depth depth, struct measure **set, size_t n) {
    if (n == 0)
        return 0;
    struct by_id *idx = index_by_id(a, set, n);
    bool summary = depth == LOAD_SUMMARY;
    /* summaries need no measurement rows: the derived figures come from the KPIs' aggregates */
    if (load_lists(db, a, summary ? departments_sql : all_lists_sql, plan_id, only_id, idx, n) < 0 ||
        load_kpis(db, a, plan_id, only_id, summary, idx, n) < 0 ||
        (!summary && load_measurements(db, a, plan_id, only_id, NULL, idx, n) < 0))
        return KW_EDB;
    if (depth == LOAD_FULL &&
        (load_items(db, a, plan_id, only_id, idx, n) < 0 || load_reviews(db, a, plan_id, only_id, idx, n) < 0))
        return KW_EDB;
    return 0;
}

int plan_measurements_until(struct db *db, struct arena *a, struct plan *p, const char *until) {
    size_t n;
    struct measure **set = plan_measure_list(a, p, &n);
    bool later = false;                        /* a KPI measured after until? */
    for (size_t i = 0; i < n && !later; i++)
        for (size_t x = 0; x < set[i]->n_kpis && !later; x++) {
            const struct kpi *k = &set[i]->kpis[x];
            later = !k->has_stats || (k->stats.latest_period && strcmp(k->stats.latest_period, until) > 0);
        }
    if (!later)                                /* the aggregates are those of until already */
        return 0;
    for (size_t i = 0; i < n; i++)
        for (size_t x = 0; x < set[i]->n_kpis; x++) {
            struct kpi *k = &set[i]->kpis[x];
            k->has_stats = false;              /* they sum every measurement: kpi_derive sums these */
            k->measurements = NULL;
            k->n_measurements = 0;
        }
    return n ? load_measurements(db, a, p->id, 0, until, index_by_id(a, set, n), n) : 0;
}

int kpi_measurements_load(struct db *db, struct arena *a, struct kpi *k) {
    struct db_stmt *st = db_prepare(db,
        "SELECT id, period, value, note, source, recorded_by, recorded_at FROM kpi_measurement "
        "WHERE kpi_id = ?1 ORDER BY period, id");
    db_bind_int64(st, 1, k->id);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, k->measurements, cap, k->n_measurements);
        measurement_from_row(a, st, 0, &k->measurements[k->n_measurements++]);
    }
    db_reset(st);
    return step_rows_done(rc);
}

/* ---- measure rows */

#define MEASURE_COLUMNS "m.id, m.theme_id, m.code, m.title, m.scope, m.current, m.ideal, m.status, " \
                        "m.new_since_fy, m.updated_at, m.key"
/* The same columns for summaries, without the long texts. */
#define MEASURE_SUMMARY_COLUMNS "m.id, m.theme_id, m.code, m.title, m.scope, NULL, NULL, m.status, " \
                                "m.new_since_fy, NULL, m.key"
enum { MEASURE_NCOLUMNS = 11 };

static void measure_from_row(struct arena *a, struct db_stmt *st, struct measure *m) {
    memset(m, 0, sizeof *m);
    m->id = db_col_int64(st, 0);
    m->theme_id = db_col_int64(st, 1);
    m->code = db_col_text(a, st, 2);
    m->title = db_col_text(a, st, 3);
    const char *scope = (const char *)db_col_str(st, 4);
    if (!scope || measure_scope_parse(scope, &m->scope) < 0)
        m->scope = SCOPE_UNSET;
    m->current = db_col_text(a, st, 5);
    m->ideal = db_col_text(a, st, 6);
    measure_status_parse((const char *)db_col_str(st, 7), &m->status);
    m->new_since_fy = db_col_int(st, 8);
    m->updated_at = db_col_text(a, st, 9);
    m->key = db_col_text(a, st, 10);
}

/* Plan order is (pillar position, theme position, measure position). The themes' part of it is
 * taken from a loaded plan's tree, or read once per plan from two covering indexes (pillar_plan,
 * theme_pillar); the measure queries return the measure's position after its columns, and the
 * rows are sorted here: 50 rows sort in C for a fraction of what SQLite's sorter costs, and no
 * measure row needs a theme or pillar lookup. */
struct theme_key { int64_t id; uint64_t key; };
struct plan_order { uint64_t key; size_t index; };

static int cmp_theme_key(const void *x, const void *y) {
    int64_t a = ((const struct theme_key *)x)->id, b = ((const struct theme_key *)y)->id;
    return (a > b) - (a < b);
}

static int cmp_plan_order(const void *x, const void *y) {
    uint64_t a = ((const struct plan_order *)x)->key, b = ((const struct plan_order *)y)->key;
    return (a > b) - (a < b);
}

/* The plan's themes by id, each with the high bits of its measures' order keys. */
static int theme_keys_load(struct db *db, struct arena *a, int64_t plan_id, struct theme_key **ret, size_t *ret_n) {
    struct db_stmt *st = db_prepare(db, "SELECT t.id, pi.position, t.position FROM pillar pi "
                                      "JOIN theme t ON t.pillar_id = pi.id WHERE pi.plan_id = ?1");
    db_bind_int64(st, 1, plan_id);
    struct theme_key *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, v, cap, n);
        v[n].id = db_col_int64(st, 0);
        v[n].key = (uint64_t)db_col_int(st, 1) << 42 | (uint64_t)db_col_int(st, 2) << 21;
        n++;
    }
    db_reset(st);
    if (n > 1)
        qsort(v, n, sizeof *v, cmp_theme_key);
    *ret = v;
    *ret_n = n;
    return step_rows_done(rc);
}

static uint64_t theme_key_of(const struct theme_key *keys, size_t n, int64_t theme_id) {
    struct theme_key probe = {theme_id, 0};
    const struct theme_key *hit = bsearch(&probe, keys, n, sizeof *keys, cmp_theme_key);
    return hit ? hit->key : UINT64_MAX << 42;       /* cannot happen: a measure's theme is in its plan */
}

static bool in_order(const struct plan_order *order, size_t n) {
    for (size_t i = 1; i < n; i++)
        if (order[i - 1].key > order[i].key)
            return false;
    return true;
}

/* The same for a plan whose pillars and themes are loaded (in position order): no query. */
static struct theme_key *theme_keys_of(struct arena *a, const struct plan *p, size_t *ret_n) {
    size_t n = 0;
    for (size_t i = 0; i < p->n_pillars; i++)
        n += p->pillars[i].n_themes;
    struct theme_key *v = arena_alloc(a, (n ? n : 1) * sizeof *v);
    n = 0;
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            v[n++] = (struct theme_key){p->pillars[i].themes[j].id, (uint64_t)i << 42 | (uint64_t)j << 21};
    if (n > 1)
        qsort(v, n, sizeof *v, cmp_theme_key);
    *ret_n = n;
    return v;
}

/* Steps st (measure columns, then m.position) and returns its measures in plan order, given the
 * keys of the plan's themes. */
static int measures_in_plan_order(struct arena *a, struct db_stmt *st, const struct theme_key *keys, size_t nkeys,
                                  struct measure **ret, size_t *ret_n, size_t *ret_cap) {
    struct measure *v = NULL;
    struct plan_order *order = NULL;
    size_t n = 0, cap = 0, cap_order = 0;
    uint64_t theme_key = 0;
    int64_t theme_id = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, v, cap, n);
        GROW(a, order, cap_order, n);
        measure_from_row(a, st, &v[n]);
        if (n == 0 || v[n].theme_id != theme_id) {   /* a plan's measures come in runs of one theme */
            theme_id = v[n].theme_id;
            theme_key = theme_key_of(keys, nkeys, theme_id);
        }
        order[n].key = theme_key | (uint64_t)db_col_int(st, MEASURE_NCOLUMNS);
        order[n].index = n;
        n++;
    }
    db_reset(st);
    if (rc != DB_DONE)
        return KW_EDB;
    if (n > 1 && !in_order(order, n)) {
        qsort(order, n, sizeof *order, cmp_plan_order);
        struct measure *sorted = arena_alloc(a, n * sizeof *sorted);
        for (size_t i = 0; i < n; i++)
            sorted[i] = v[order[i].index];
        v = sorted;
        cap = n;
    }
    *ret = v;
    *ret_n = n;
    if (ret_cap)
        *ret_cap = cap;
    return 0;
}

int measures_query(struct db *db, struct arena *a, const struct plan *p, enum load_depth depth,
                   struct measure **v, size_t *n, size_t *cap) {
#define PLAN_MEASURES_SQL(columns) "SELECT " columns ", m.position FROM measure m WHERE m.plan_id = ?1"
    static const char full_sql[] = PLAN_MEASURES_SQL(MEASURE_COLUMNS);
    static const char summary_sql[] = PLAN_MEASURES_SQL(MEASURE_SUMMARY_COLUMNS);
#undef PLAN_MEASURES_SQL
    struct db_stmt *st = db_prepare(db, depth == LOAD_SUMMARY ? summary_sql : full_sql);
    db_bind_int64(st, 1, p->id);
    size_t nkeys;
    struct theme_key *keys = theme_keys_of(a, p, &nkeys);
    return measures_in_plan_order(a, st, keys, nkeys, v, n, cap);
}

int store_measure_load(struct db *db, struct arena *a, int64_t id, struct measure *ret, struct measure_ref *ret_ref) {
    struct db_stmt *st = db_prepare(db,
        "SELECT " MEASURE_COLUMNS ", m.plan_id, p.org_id, o.code, o.name, p.title, pi.code, pi.title, t.code, t.title "
        "FROM measure m JOIN theme t ON t.id = m.theme_id JOIN pillar pi ON pi.id = t.pillar_id "
        "JOIN plan p ON p.id = m.plan_id JOIN org o ON o.id = p.org_id WHERE m.id = ?1");
    db_bind_int64(st, 1, id);
    int rc = db_step(st);
    if (rc != DB_ROW) {
        db_reset(st);
        return rc == DB_DONE ? KW_ENOTFOUND : KW_EDB;
    }
    struct measure *m = arena_alloc(a, sizeof *m);
    measure_from_row(a, st, m);
    struct measure_ref ref;
    int c = MEASURE_NCOLUMNS;
    ref.plan_id = db_col_int64(st, c);
    ref.org_id = db_col_int64(st, c + 1);
    ref.org_code = db_col_text(a, st, c + 2);
    ref.org_name = db_col_text(a, st, c + 3);
    ref.plan_title = db_col_text(a, st, c + 4);
    ref.pillar_code = db_col_text(a, st, c + 5);
    ref.pillar_title = db_col_text(a, st, c + 6);
    ref.theme_code = db_col_text(a, st, c + 7);
    ref.theme_title = db_col_text(a, st, c + 8);
    db_reset(st);
    if (measure_parts_load(db, a, ref.plan_id, id, LOAD_FULL, &m, 1) < 0)
        return KW_EDB;
    *ret = *m;
    if (ret_ref)
        *ret_ref = ref;
    return 0;
}

int store_measure_id_by_key(struct db *db, int64_t plan_id, const char *key, int64_t *ret_id) {
    /* the key as stored, or the full path "pillar/theme/code" ("pillar/code": no theme code) */
    struct db_stmt *st = db_prepare(db,
        "SELECT m.id FROM measure m WHERE m.plan_id = ?1 AND m.key = ?2 "
        "UNION ALL SELECT m.id FROM measure m JOIN theme t ON t.id = m.theme_id JOIN pillar pi ON pi.id = t.pillar_id "
        "WHERE m.plan_id = ?1 AND ?2 LIKE '%/%' AND "
        " pi.code || '/' || coalesce(t.code || '/', '') || m.code = ?2 LIMIT 1");
    db_bind_int64(st, 1, plan_id);
    db_bind_text(st, 2, key);
    int rc = db_step(st);
    if (rc == DB_ROW)
        *ret_id = db_col_int64(st, 0);
    db_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? KW_ENOTFOUND : KW_EDB;
}

/* A measure whose words hold every word of a query, and the fields that held them. */
struct search_hit { int64_t id; unsigned fields; };

/* plan_id's measures whose words hold every word of q (core/search.h): their title, their other
 * words, their theme's and their pillar's titles; by ascending id. */
static int search_hits(struct db *db, struct arena *a, int64_t plan_id, const struct search_query *q,
                       struct search_hit **ret, size_t *ret_n) {
    struct db_stmt *st = db_prepare(db,
        "SELECT s.measure_id, s.title, s.body, coalesce(t.title, ''), coalesce(pi.title, '') "
        "FROM measure_search s JOIN measure m ON m.id = s.measure_id JOIN theme t ON t.id = m.theme_id "
        "JOIN pillar pi ON pi.id = t.pillar_id WHERE s.plan_id = ?1 ORDER BY s.measure_id");
    db_bind_int64(st, 1, plan_id);
    struct search_hit *v = NULL;
    size_t n = 0, cap = 0;
    char *theme = NULL, *pillar = NULL, *theme_raw = NULL, *pillar_raw = NULL;   /* normalised once a run */
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *t = (const char *)db_col_str(st, 3), *p = (const char *)db_col_str(st, 4);
        if (!theme_raw || strcmp(theme_raw, t) != 0) {
            free(theme), free(theme_raw);
            theme = utf8_normalize(t), theme_raw = xstrdup(t);
        }
        if (!pillar_raw || strcmp(pillar_raw, p) != 0) {
            free(pillar), free(pillar_raw);
            pillar = utf8_normalize(p), pillar_raw = xstrdup(p);
        }
        const char *fields[SEARCH_NFIELDS] = {[SEARCH_TITLE] = (const char *)db_col_str(st, 1),
                                              [SEARCH_TEXT] = (const char *)db_col_str(st, 2),
                                              [SEARCH_THEME] = theme, [SEARCH_PILLAR] = pillar};
        unsigned held;
        if (search_match(q, fields, SEARCH_NFIELDS, &held)) {
            GROW(a, v, cap, n);
            v[n++] = (struct search_hit){db_col_int64(st, 0), held};
        }
    }
    db_reset(st);
    free(theme), free(theme_raw), free(pillar), free(pillar_raw);
    *ret = v;
    *ret_n = n;
    return step_rows_done(rc);
}

static int cmp_hit(const void *x, const void *y) {
    int64_t a = ((const struct search_hit *)x)->id, b = ((const struct search_hit *)y)->id;
    return (a > b) - (a < b);
}

int store_measure_search(struct db *db, struct arena *a, int64_t plan_id, const char *q, const char *dept,
                         const char *rating, enum load_depth depth, struct measure **ret, size_t *ret_n,
                         unsigned **ret_matched) {
    *ret = NULL;
    *ret_n = 0;
    if (ret_matched)
        *ret_matched = NULL;
    struct search_query query;
    struct search_hit *hits = NULL;
    size_t nhits = 0;
    bool use_q = q && *q;
    int rc = 0;
    if (use_q) {
        bool searchable = search_query_init(&query, q);
        if (searchable)
            rc = search_hits(db, a, plan_id, &query, &hits, &nhits);
        search_query_free(&query);
        if (rc < 0 || nhits == 0)
            return rc;                    /* nothing searchable or nothing found: no hits */
    }
#define SEARCH_SQL(columns) \
        "SELECT " columns ", m.position FROM measure m " \
        "WHERE m.plan_id = ?1 " \
        " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM measure_department md JOIN department d ON d.id = md.department_id " \
        "      WHERE md.measure_id = m.id AND (d.name = ?2 OR d.code = ?2))) " \
        " AND (?3 IS NULL OR (SELECT r.rating FROM measure_review r WHERE r.measure_id = m.id " \
        "      ORDER BY r.fy DESC, r.quarter DESC LIMIT 1) = ?3) "
    static const char *const sql[2] = {SEARCH_SQL(MEASURE_COLUMNS), SEARCH_SQL(MEASURE_SUMMARY_COLUMNS)};
#undef SEARCH_SQL
    struct db_stmt *st = db_prepare(db, sql[depth == LOAD_SUMMARY]);
    db_bind_int64(st, 1, plan_id);
    db_bind_text(st, 2, dept && *dept ? dept : NULL);
    db_bind_text(st, 3, rating && *rating ? rating : NULL);
    struct measure *v = NULL;
    size_t n = 0;
    struct theme_key *keys;
    size_t nkeys;
    rc = theme_keys_load(db, a, plan_id, &keys, &nkeys);
    if (rc == 0)
        rc = measures_in_plan_order(a, st, keys, nkeys, &v, &n, NULL);
    else
        db_reset(st);
    if (rc < 0)
        return rc;
    size_t kept = 0;                      /* the words' hits, in plan order */
    unsigned *matched = arena_alloc(a, (n ? n : 1) * sizeof *matched);
    for (size_t i = 0; i < n; i++) {
        struct search_hit key = {v[i].id, 0};
        const struct search_hit *hit = use_q ? bsearch(&key, hits, nhits, sizeof *hits, cmp_hit) : NULL;
        if (use_q && !hit)
            continue;
        matched[kept] = hit ? hit->fields : 0;
        v[kept++] = v[i];
    }
    n = kept;
    struct measure **set = arena_alloc(a, (n ? n : 1) * sizeof *set);
    for (size_t i = 0; i < n; i++)
        set[i] = &v[i];
    if (measure_parts_load(db, a, plan_id, 0, depth, set, n) < 0)
        return KW_EDB;
    *ret = v;
    *ret_n = n;
    if (ret_matched)
        *ret_matched = matched;
    return 0;
}
