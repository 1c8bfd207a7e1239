/* kawaru's tables as spreadsheets (SPEC §3.11–3.12): what `kawaru export --format xlsx|csv`, the
 * plan page's download and the open data hand out, each built from a loaded plan into a sheet
 * (xfer/sheet.h). Pass the plan as the store loads it with its measurements and reviews (the
 * working draft) or as a published version holds it (xfer/published.h). Every table starts with
 * the organisation's columns of the 自治体標準オープンデータセット where one row may stand alone
 * (全国地方公共団体コード, 都道府県名, 市区町村名) — except the measure list, laid out like the
 * plans' 個別業務一覧 so that it reads back (xfer/measure_list_in). */
#ifndef KAWARU_XFER_PLAN_SHEETS_H
#define KAWARU_XFER_PLAN_SHEETS_H
#include "core/model.h"
#include "xfer/sheet.h"

/* 個別業務一覧 (sheet_measures.c): one row per measure — 改革, 取組項目, 番号, 取組, 担当課, 状態,
 * 現状, 理想, a column of schedule items per fiscal year ("スケジュール 2024年度"), 進捗, its first
 * KPI, and the rating of each quarter reviewed ("評価 2025年度第3四半期"); a measure's further KPIs
 * on rows of their own below it that repeat its codes and title. A cell of items writes each as a
 * line beginning with ○, under a line 【第2四半期】 (schedule) or 【2024年度】 (progress) where the
 * items belong to a quarter or a year. The KPI columns from ML_KPI_LATEST on, and the ratings, are
 * kawaru's own figures: they are not read back. */
enum measure_list_col {
    ML_PILLAR_CODE, ML_PILLAR, ML_THEME_CODE, ML_THEME, ML_CODE, ML_TITLE, ML_DEPARTMENTS, ML_STATUS, ML_CURRENT,
    ML_IDEAL, ML_FIXED_HEAD,                                    /* then one column per FY */
};
enum measure_list_tail {                                        /* after the FY columns */
    ML_PROGRESS, ML_KPI, ML_KPI_UNIT, ML_KPI_DIRECTION, ML_KPI_BASELINE, ML_KPI_BASELINE_FY, ML_KPI_TARGET,
    ML_KPI_TARGET_FY, ML_KPI_LATEST, ML_KPI_LATEST_PERIOD, ML_KPI_STATUS, ML_FIXED_TAIL,   /* then the ratings */
};
extern const struct sheet_col measure_list_head[ML_FIXED_HEAD], measure_list_tail[ML_FIXED_TAIL];
#define ML_SHEET_NAME "個別業務一覧"
#define ML_SCHEDULE_PREFIX "スケジュール "
#define ML_RATING_PREFIX "評価 "
#define ML_ITEM_MARK "○"
void plan_sheet_measures(struct sheet *s, struct arena *a, const struct org *org, const struct plan *p);

/* 数値目標 (sheet_kpis.c): one row per KPI with its measure, unit, direction, baseline, target,
 * latest value and the figures of core/kpi_calc. */
void plan_sheet_kpis(struct sheet *s, struct arena *a, const struct org *org, const struct plan *p);

/* 実績値 (sheet_kpis.c): one row per measurement of every KPI, its date as a date. */
void plan_sheet_measurements(struct sheet *s, struct arena *a, const struct org *org, const struct plan *p);

/* 四半期評価 (sheet_measures.c): one row per quarterly review with its rating in words. */
void plan_sheet_reviews(struct sheet *s, struct arena *a, const struct org *org, const struct plan *p);

/* ロジックモデル (sheet_logic.c): one row per box, column by column, with the boxes its arrows go to. */
void plan_sheet_logic(struct sheet *s, struct arena *a, const struct plan *p);

#endif
