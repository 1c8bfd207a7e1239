/* An organisation's open data built from its published plans (open_data.h). */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/errors.h"
#include "util/buf.h"
#include "xfer/open_data.h"
#include "xfer/plan_sheets.h"

const char *const open_data_names[OD_N_TABLES] = {"measures", "kpis", "measurements"};
const char *const open_data_titles[OD_N_TABLES] = {"取組一覧", "数値目標", "実績値"};

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

/* ---- the measures (取組一覧): one row per published measure */

static const char *const status_words[] = {"計画中", "実施中", "完了", "統合", "廃止"};

static const struct sheet_col measure_cols[] = {
    {"全国地方公共団体コード", "org_code", 12, false},
    {"都道府県名", "prefecture", 10, false},
    {"市区町村名", "municipality", 12, false},
    {"計画名", "plan", 30, true},
    {"改革", "pillar", 24, true},
    {"取組項目", "theme", 24, true},
    {"番号", "measure_code", 8, false},
    {"取組", "measure", 30, true},
    {"担当課", "departments", 20, true},
    {"状況", "status", 8, false},
    {"現状", "current", 40, true},
    {"理想", "ideal", 40, true},
    {"URL", "url", 40, false},
};
enum { MEASURE_N_COLS = sizeof measure_cols / sizeof measure_cols[0] };

static const char *joined(struct arena *a, const struct strlist *l) {
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            buf_puts(&b, "、");
        buf_puts(&b, l->items[i]);
    }
    const char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static void open_data_measures(struct sheet *s, struct arena *a, const struct org *org,
                               const struct published_plan *pp, const char *base) {
    const struct plan *p = pp->plan;
    for (size_t pi = 0; pi < p->n_pillars; pi++) {
        const struct pillar *pl = &p->pillars[pi];
        for (size_t ti = 0; ti < pl->n_themes; ti++) {
            const struct theme *t = &pl->themes[ti];
            for (size_t mi = 0; mi < t->n_measures; mi++) {
                const struct measure *m = &t->measures[mi];
                struct cell *c = sheet_add_row(s);
                cell_set_text(c++, org->code);
                cell_set_text(c++, org->prefecture);
                cell_set_text(c++, org->name);
                cell_set_text(c++, p->title);
                cell_set_text(c++, pl->title);
                cell_set_text(c++, t->title);
                cell_set_text(c++, m->code);
                cell_set_text(c++, m->title);
                cell_set_text(c++, joined(a, &m->departments));
                cell_set_text(c++, status_words[m->status]);
                cell_set_text(c++, m->current);
                cell_set_text(c++, m->ideal);
                cell_set_text(c, arena_printf(a, "%s/plans/%lld/published/measures/%s", base,
                                              (long long)pp->version.plan_id, m->key));
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
        sheet_init(ret, a, "取組一覧", "measures", measure_cols, MEASURE_N_COLS);
        for (size_t i = 0; i < od->n_plans; i++)
            open_data_measures(ret, a, &od->org, &od->plans[i], base);
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

int open_data_catalogue(struct db *db, struct arena *a, struct open_data_entry **ret, size_t *ret_n) {
    struct org *orgs;
    size_t n;
    int rc = store_org_list(db, a, &orgs, &n);
    if (rc < 0)
        return rc;
    *ret = arena_alloc(a, (n ? n : 1) * sizeof **ret);
    *ret_n = 0;
    for (size_t i = 0; i < n; i++) {
        struct open_data_entry *e = &(*ret)[*ret_n];
        rc = open_data_load(db, a, &orgs[i], &e->od);
        if (rc < 0)
            return rc;
        if (!e->od.n_plans)
            continue;
        for (int t = 0; t < OD_N_TABLES; t++) {
            struct sheet s;
            open_data_sheet(&e->od, a, (enum open_data_table)t, "", &s);
            e->rows[t] = s.n_rows;
        }
        (*ret_n)++;
    }
    return 0;
}

const char *open_data_base_url(struct arena *a) {
    const char *base = getenv("KAWARU_BASE_URL");
    if (!base || !*base || strpbrk(base, " \t\r\n\"<>"))
        return "";
    size_t n = strlen(base);
    return arena_strndup(a, base, base[n - 1] == '/' ? n - 1 : n);
}
