/* The tables of a plan's KPIs (数値目標) and their measurements (実績値) as sheets (plan_sheets.h):
 * one row per KPI with the figures of core/kpi_calc, one row per measurement, each row starting
 * with the organisation's columns of the 自治体標準オープンデータセット. */
#include <math.h>
#include "core/kpi_calc.h"
#include "core/words.h"
#include "xfer/plan_sheets.h"

enum { ORG_COLS = 3 };
#define ORG_COLUMNS                                                                                                   \
    {"全国地方公共団体コード", "org_code", 12, false}, {"都道府県名", "prefecture", 10, false},                   \
        {"市区町村名", "municipality", 12, false}

static const struct sheet_col kpi_cols[] = {
    ORG_COLUMNS,
    {"計画名", "plan", 30, true},
    {"改革", "pillar", 24, true},
    {"取組項目", "theme", 24, true},
    {"番号", "measure_code", 8, false},
    {"取組", "measure", 30, true},
    {"指標名", "kpi", 30, true},
    {"単位", "unit", 8, false},
    {"方向", "direction", 6, false},
    {"視点", "perspective", 10, false},
    {"基準値", "baseline", 10, false},
    {"基準年度", "baseline_fy", 8, false},
    {"目標値", "target", 10, false},
    {"目標年度", "target_fy", 8, false},
    {"最新値", "latest", 10, false},
    {"最新値の時点", "latest_date", 12, false},
    {"達成率（%）", "achievement", 10, false},
    {"状況", "status", 10, false},
};
enum { KPI_N_COLS = sizeof kpi_cols / sizeof kpi_cols[0] };

static const struct sheet_col measurement_cols[] = {
    ORG_COLUMNS,
    {"計画名", "plan", 30, true},
    {"番号", "measure_code", 8, false},
    {"取組", "measure", 30, true},
    {"指標名", "kpi", 30, true},
    {"単位", "unit", 8, false},
    {"時点", "date", 12, false},
    {"値", "value", 10, false},
    {"備考", "note", 30, true},
    {"出典", "source", 20, true},
};
enum { MEASUREMENT_N_COLS = sizeof measurement_cols / sizeof measurement_cols[0] };

static void org_cells(struct cell *row, const struct org *org) {
    cell_set_text(&row[0], org->code);
    cell_set_text(&row[1], org->prefecture);
    cell_set_text(&row[2], org->name);
}


void plan_sheet_kpis(struct sheet *s, struct arena *a, const struct org *org, const struct plan *p) {
    sheet_init(s, a, "数値目標", "kpis", kpi_cols, KPI_N_COLS);
    kw_date today = date_today();
    for (size_t pi = 0; pi < p->n_pillars; pi++) {
        const struct pillar *pl = &p->pillars[pi];
        for (size_t ti = 0; ti < pl->n_themes; ti++) {
            const struct theme *t = &pl->themes[ti];
            for (size_t mi = 0; mi < t->n_measures; mi++) {
                const struct measure *m = &t->measures[mi];
                for (size_t ki = 0; ki < m->n_kpis; ki++) {
                    const struct kpi *k = &m->kpis[ki];
                    struct kpi_derived d;
                    kpi_derive(k, today, &d);
                    struct cell *row = sheet_add_row(s);
                    org_cells(row, org);
                    struct cell *c = row + ORG_COLS;
                    cell_set_text(c++, p->title);
                    cell_set_text(c++, pl->title);
                    cell_set_text(c++, t->title);
                    cell_set_text(c++, m->code);
                    cell_set_text(c++, m->title);
                    cell_set_text(c++, k->name);
                    cell_set_text(c++, k->unit);
                    cell_set_text(c++, direction_ja(k->direction));
                    cell_set_text(c++, perspective_ja(k->perspective));
                    if (k->has_baseline)
                        cell_set_number(c, k->baseline_value);
                    c++;
                    if (k->has_baseline && k->baseline_fy)
                        cell_set_number(c, k->baseline_fy);
                    c++;
                    if (k->target_state == TARGET_SET) {
                        cell_set_number(c++, k->target_value);
                        if (k->target_fy)
                            cell_set_number(c, k->target_fy);
                        c++;
                    } else {
                        cell_set_text(c++, k->target_state == TARGET_UNDECIDED ? W_UNDECIDED : W_NONE);
                        c++;
                    }
                    if (d.has_latest) {
                        cell_set_number(c++, d.latest);
                        cell_set_date(c++, arena_strdup(a, d.latest_period));
                    } else {
                        c += 2;
                    }
                    if (d.has_achievement)
                        cell_set_number(c, round(d.achievement * 1000.0) / 10.0);
                    c++;
                    cell_set_text(c, kpi_status_ja(d.status));
                }
            }
        }
    }
}

void plan_sheet_measurements(struct sheet *s, struct arena *a, const struct org *org, const struct plan *p) {
    sheet_init(s, a, "実績値", "measurements", measurement_cols, MEASUREMENT_N_COLS);
    for (size_t pi = 0; pi < p->n_pillars; pi++) {
        const struct pillar *pl = &p->pillars[pi];
        for (size_t ti = 0; ti < pl->n_themes; ti++) {
            const struct theme *t = &pl->themes[ti];
            for (size_t mi = 0; mi < t->n_measures; mi++) {
                const struct measure *m = &t->measures[mi];
                for (size_t ki = 0; ki < m->n_kpis; ki++) {
                    const struct kpi *k = &m->kpis[ki];
                    for (size_t i = 0; i < k->n_measurements; i++) {
                        const struct measurement *v = &k->measurements[i];
                        struct cell *row = sheet_add_row(s);
                        org_cells(row, org);
                        struct cell *c = row + ORG_COLS;
                        cell_set_text(c++, p->title);
                        cell_set_text(c++, m->code);
                        cell_set_text(c++, m->title);
                        cell_set_text(c++, k->name);
                        cell_set_text(c++, k->unit);
                        cell_set_date(c++, v->period);
                        cell_set_number(c++, v->value);
                        cell_set_text(c++, v->note);
                        cell_set_text(c, v->source);
                    }
                }
            }
        }
    }
}
