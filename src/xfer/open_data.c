/* An organisation's open data built from its published plans (open_data.h). */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/errors.h"
#include "util/buf.h"
#include "xfer/open_data.h"
#include "xfer/plan_sheets.h"

const char *const open_data_names[OD_N_TABLES] = {"measures", "kpis", "measurements"};
const char *const open_data_titles[OD_N_TABLES] = {ML_SHEET_NAME, "数値目標", "実績値"};

/* "YYYY-MM-DDTHH:MM:SSZ" in seconds since 1970; 0 when it is not such a time. */
static int64_t utc_seconds(const char *iso) {
    struct tm tm = {0};
    const char *end = iso ? strptime(iso, "%Y-%m-%dT%H:%M:%SZ", &tm) : NULL;
    return end && !*end ? (int64_t)timegm(&tm) : 0;
}

int open_data_load(struct db *db, struct arena *a, const struct org *org, struct open_data *ret) {
    *ret = (struct open_data){.org = *org};
    struct plan_summary *plans;
    size_t n;
    int rc = store_plan_list(db, a, org->id, &plans, &n);
    if (rc < 0)
        return rc;
    ret->plans = arena_alloc(a, (n ? n : 1) * sizeof *ret->plans);
    for (size_t i = 0; i < n; i++) {
        if (!plans[i].has_version)
            continue;
        struct published_plan *pp = &ret->plans[ret->n_plans];
        rc = published_load(db, a, plans[i].id, pp);
        if (rc == KW_ENOTFOUND)
            continue;
        if (rc < 0)
            return rc;
        ret->n_plans++;
        const char *at = pp->version.published_at;
        if (at && (!ret->updated || strcmp(at, ret->updated) > 0))
            ret->updated = at;
    }
    ret->updated_time = utc_seconds(ret->updated);
    return 0;
}

/* ---- the measures: the 個別業務一覧 of each plan (plan_sheet_measures), each row preceded by the
 * organisation's columns and the plan's title and followed by the address of its measure's
 * published sheet; the plans' columns (their fiscal years and rated quarters differ) joined by key */

static const struct sheet_col measure_pre[] = {
    {"全国地方公共団体コード", "org_code", 12, false},
    {"都道府県名", "prefecture", 10, false},
    {"市区町村名", "municipality", 12, false},
    {"計画名", "plan", 30, true},
};
enum { PRE = sizeof measure_pre / sizeof measure_pre[0] };
static const struct sheet_col measure_url = {"URL", "url", 40, false};

/* The index of key among cols[0..n), or n. */
static size_t col_of(const struct sheet_col *cols, size_t n, const char *key) {
    size_t i = 0;
    while (i < n && strcmp(cols[i].key, key) != 0)
        i++;
    return i;
}

static void measures_table(const struct open_data *od, struct arena *a, const char *base, struct sheet *ret) {
    struct sheet *one = arena_alloc(a, (od->n_plans ? od->n_plans : 1) * sizeof *one);
    size_t cap = PRE + 1;
    for (size_t i = 0; i < od->n_plans; i++) {
        plan_sheet_measures(&one[i], a, &od->org, od->plans[i].plan);
        cap += one[i].n_cols;
    }
    struct sheet_col *cols = arena_alloc(a, cap * sizeof *cols);
    memcpy(cols, measure_pre, sizeof measure_pre);
    size_t n = PRE;
    for (size_t i = 0; i < od->n_plans; i++)
        for (size_t c = 0; c < one[i].n_cols; c++)
            if (col_of(cols, n, one[i].cols[c].key) == n)
                cols[n++] = one[i].cols[c];
    cols[n++] = measure_url;
    sheet_init(ret, a, ML_SHEET_NAME, "measures", cols, n);
    for (size_t i = 0; i < od->n_plans; i++) {
        const struct published_plan *pp = &od->plans[i];
        size_t *at = arena_alloc(a, (one[i].n_cols ? one[i].n_cols : 1) * sizeof *at);
        for (size_t c = 0; c < one[i].n_cols; c++)
            at[c] = col_of(cols, n, one[i].cols[c].key);
        size_t src = 0;                   /* the rows follow the measures: one per KPI, at least one */
        for (size_t pi = 0; pi < pp->plan->n_pillars; pi++) {
            const struct pillar *pl = &pp->plan->pillars[pi];
            for (size_t ti = 0; ti < pl->n_themes; ti++)
                for (size_t mi = 0; mi < pl->themes[ti].n_measures; mi++) {
                    const struct measure *m = &pl->themes[ti].measures[mi];
                    const char *url = arena_printf(a, "%s/plans/%lld/published/measures/%s", base,
                                                   (long long)pp->version.plan_id, m->key);
                    for (size_t r = 0; r < (m->n_kpis ? m->n_kpis : 1) && src < one[i].n_rows; r++, src++) {
                        struct cell *row = sheet_add_row(ret);
                        cell_set_text(&row[0], od->org.code);
                        cell_set_text(&row[1], od->org.prefecture);
                        cell_set_text(&row[2], od->org.name);
                        cell_set_text(&row[3], pp->plan->title);
                        for (size_t c = 0; c < one[i].n_cols; c++)
                            row[at[c]] = *sheet_cell(&one[i], src, c);
                        cell_set_text(&row[n - 1], url);
                    }
                }
        }
    }
}

/* Appends src's rows to dst (the same columns). */
static void append_rows(struct sheet *dst, const struct sheet *src) {
    for (size_t r = 0; r < src->n_rows; r++)
        memcpy(sheet_add_row(dst), sheet_cell(src, r, 0), dst->n_cols * sizeof(struct cell));
}

void open_data_sheet(const struct open_data *od, struct arena *a, enum open_data_table t, const char *base,
                     struct sheet *ret) {
    if (t == OD_MEASURES) {
        measures_table(od, a, base, ret);
        return;
    }
    void (*build)(struct sheet *, struct arena *, const struct org *, const struct plan *) =
        t == OD_KPIS ? plan_sheet_kpis : plan_sheet_measurements;
    struct plan empty = {0};
    build(ret, a, &od->org, &empty);                 /* the columns, without rows */
    for (size_t i = 0; i < od->n_plans; i++) {
        struct sheet one;
        build(&one, a, &od->org, od->plans[i].plan);
        append_rows(ret, &one);
    }
}

int open_data_table_of(const char *name, size_t len) {
    for (int t = 0; t < OD_N_TABLES; t++)
        if (strlen(open_data_names[t]) == len && memcmp(open_data_names[t], name, len) == 0)
            return t;
    return -1;
}

void open_data_plan_rows(const struct plan *p, int64_t rows[OD_N_TABLES]) {
    rows[OD_MEASURES] = rows[OD_KPIS] = rows[OD_MEASUREMENTS] = 0;
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            for (size_t k = 0; k < p->pillars[i].themes[j].n_measures; k++) {
                const struct measure *m = &p->pillars[i].themes[j].measures[k];
                rows[OD_MEASURES] += m->n_kpis ? (int64_t)m->n_kpis : 1;
                rows[OD_KPIS] += (int64_t)m->n_kpis;
                for (size_t x = 0; x < m->n_kpis; x++)
                    rows[OD_MEASUREMENTS] += (int64_t)m->kpis[x].n_measurements;
            }
}

/* Counts the rows of org's published plans from their snapshots (versions without counts). */
static int count_from_snapshots(struct db *db, struct arena *a, const struct org *org, size_t rows[OD_N_TABLES]) {
    struct open_data od;
    int rc = open_data_load(db, a, org, &od);
    for (int t = 0; rc == 0 && t < OD_N_TABLES; t++) {
        struct sheet s;
        open_data_sheet(&od, a, (enum open_data_table)t, "", &s);
        rows[t] = s.n_rows;
    }
    return rc;
}

int open_data_catalogue(struct db *db, struct arena *a, const char *prefecture, int64_t limit, int64_t offset,
                        struct open_data_entry **ret, size_t *ret_n, int64_t *ret_total) {
    struct published_org *v;
    size_t n;
    int rc = store_published_orgs(db, a, prefecture, limit, offset, &v, &n, ret_total);
    if (rc < 0)
        return rc;
    *ret = arena_alloc(a, (n ? n : 1) * sizeof **ret);
    for (size_t i = 0; i < n; i++) {
        struct open_data_entry *e = &(*ret)[i];
        *e = (struct open_data_entry){.org = v[i].org, .updated = v[i].updated, .updated_time = utc_seconds(v[i].updated)};
        for (int t = 0; t < OD_N_TABLES; t++)
            e->rows[t] = (size_t)v[i].rows[t];
        if (!v[i].counted && (rc = count_from_snapshots(db, a, &v[i].org, e->rows)) < 0)
            return rc;
    }
    *ret_n = n;
    return 0;
}

const char *open_data_base_url(struct arena *a) {
    const char *base = getenv("KAWARU_BASE_URL");
    if (!base || !*base || strpbrk(base, " \t\r\n\"<>"))
        return "";
    size_t n = strlen(base);
    return arena_strndup(a, base, base[n - 1] == '/' ? n - 1 : n);
}
