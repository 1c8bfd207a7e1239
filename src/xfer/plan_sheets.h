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

/* 個別業務一覧 (sheet_measures.c): one row per measure — 改革, 取組項目, 番号, 取組, 担当課, 現状,
 * 理想, a column of schedule items per fiscal year of the plan, 進捗, the KPIs (one line each),
 * and the rating of each quarter reviewed. */
void plan_sheet_measures(struct sheet *s, struct arena *a, const struct org *org, const struct plan *p);

/* 数値目標 (sheet_kpis.c): one row per KPI with its measure, unit, direction, baseline, target,
 * latest value and the figures of core/kpi_calc. */
void plan_sheet_kpis(struct sheet *s, struct arena *a, const struct org *org, const struct plan *p);

/* 実績値 (sheet_kpis.c): one row per measurement of every KPI, its date as a date. */
void plan_sheet_measurements(struct sheet *s, struct arena *a, const struct org *org, const struct plan *p);

/* 四半期評価 (sheet_measures.c): one row per quarterly review with its rating in words. */
void plan_sheet_reviews(struct sheet *s, struct arena *a, const struct org *org, const struct plan *p);

#endif
