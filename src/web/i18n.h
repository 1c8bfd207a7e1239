/* Every user-interface string, in Japanese and English side by side (CONVENTIONS 12).
 * Pages call tr(r, M_X); the language comes from ?lang=en or the "lang" cookie. */
#ifndef KAWARU_WEB_I18N_H
#define KAWARU_WEB_I18N_H
#include "core/kpi_calc.h"
#include "core/model.h"
#include "http/req.h"

#define MESSAGES(X) \
    X(M_SITE_NAME, "kawaru（変わる）", "kawaru") \
    X(M_TAGLINE, "行政改革・DXの実行管理", "Administrative reform and DX, planned and tracked") \
    X(M_SKIP, "本文へ移動", "Skip to content") \
    X(M_HOME, "ホーム", "Home") \
    X(M_OTHER_LANG, "English", "日本語") \
    X(M_OTHER_LANG_CODE, "en", "ja") \
    X(M_MAIN_NAV, "メインメニュー", "Main menu") \
    X(M_BREADCRUMB, "現在の位置", "You are here") \
    X(M_ORGS, "自治体", "Municipalities") \
    X(M_ORGS_INTRO, "計画・施策・数値目標を自治体ごとに見られます。", "Plans, measures and KPIs by municipality.") \
    X(M_PLANS, "計画", "Plans") \
    X(M_DEPARTMENTS, "部署", "Departments") \
    X(M_MEASURES, "施策", "Measures") \
    X(M_KPIS, "数値目標（KPI）", "KPIs") \
    X(M_VERSION, "版", "Version") \
    X(M_PUBLISHED, "発行日", "Published") \
    X(M_PERIOD, "計画期間", "Period") \
    X(M_KIND, "種別", "Kind") \
    X(M_TABLE_PREFIX, "表：", "Table: ") \
    X(M_CADENCE, "見直し", "Review") \
    X(M_KIND_STRATEGY, "戦略", "Strategy") \
    X(M_KIND_ACTION_PLAN, "アクションプラン", "Action plan") \
    X(M_CADENCE_QUARTERLY, "四半期ごとに見直し", "Reviewed every quarter") \
    X(M_CADENCE_YEARLY, "年度ごとに見直し", "Reviewed every year") \
    X(M_VISION, "めざす姿", "Vision") \
    X(M_PRINCIPLES, "行動指針", "Principles") \
    X(M_GOALS, "計画の目標", "Plan goals") \
    X(M_REVISIONS, "改訂履歴", "Revision history") \
    X(M_REVISION_NOTES, "改訂内容", "Changes") \
    X(M_SEARCH, "検索", "Search") \
    X(M_SEARCH_LABEL, "施策を検索（例：窓口、AI）", "Search measures (e.g. 窓口, AI)") \
    X(M_SEARCH_RESULTS, "検索結果", "Search results") \
    X(M_RESULTS_COUNT, "件", " found") \
    X(M_NO_RESULTS, "該当する施策はありません。", "No measures match.") \
    X(M_CODE, "番号", "No.") \
    X(M_MEASURE, "施策", "Measure") \
    X(M_STATUS, "状況", "Status") \
    X(M_LEAD_DEPT, "担当課", "Lead department") \
    X(M_IN_CHARGE, "担当", "In charge") \
    X(M_KPI_STATUS, "KPIの状況", "KPI status") \
    X(M_CURRENT, "現状", "Current state") \
    X(M_IDEAL, "理想", "Ideal") \
    X(M_SCHEDULE, "スケジュール", "Schedule") \
    X(M_PROGRESS, "進捗", "Progress") \
    X(M_SCHEDULE_GRID, "年度別スケジュールと進捗", "Schedule and progress by fiscal year") \
    X(M_FY, "年度", "Fiscal year") \
    X(M_BASELINE, "基準値", "Baseline") \
    X(M_TARGET, "目標値", "Target") \
    X(M_LATEST, "最新値", "Latest") \
    X(M_ACHIEVEMENT, "達成度", "Achievement") \
    X(M_EXPECTED, "現時点の期待値", "Expected today") \
    X(M_FORECAST, "目標年度末の予測", "Forecast at the target date") \
    X(M_UNDECIDED, "未決定", "Undecided") \
    X(M_NONE, "なし", "None") \
    X(M_NO_KPI, "数値目標は設定されていません。", "No KPI is set.") \
    X(M_MEASUREMENTS, "実績値", "Measurements") \
    X(M_NO_MEASUREMENTS, "実績値はまだありません。", "No measurements yet.") \
    X(M_DATE, "基準日", "Date") \
    X(M_VALUE, "値", "Value") \
    X(M_NOTE, "備考", "Note") \
    X(M_ADD_MEASUREMENT, "実績値を追加", "Add a measurement") \
    X(M_DATE_HINT, "値が示す日付（例：年度末 2025-03-31）", "The date the value refers to (e.g. 2025-03-31)") \
    X(M_SAVE, "保存する", "Save") \
    X(M_ADD, "追加する", "Add") \
    X(M_EDIT, "編集", "Edit") \
    X(M_EDIT_MEASURE, "施策を編集", "Edit measure") \
    X(M_NEW_SINCE, "新規の開始年度", "New since (FY)") \
    X(M_NEW_SINCE_HINT, "例：2024、令和6年度、R6。空欄なら新規ではありません。", "e.g. 2024, 令和6年度, R6. Leave empty if not new.") \
    X(M_NEW_BADGE, "新規", "New") \
    X(M_MEANS, "手段", "Means") \
    X(M_LINKS, "施策連携", "Linked measures") \
    X(M_SCOPE, "実施の範囲", "Scope") \
    X(M_EXAMPLES, "施策例", "Examples") \
    X(M_DIRECTION, "方向", "Direction") \
    X(M_DIR_INCREASE, "増やす", "Increase") \
    X(M_DIR_DECREASE, "減らす", "Decrease") \
    X(M_DIR_KEEP, "維持する", "Keep") \
    X(M_PERSPECTIVE, "視点", "Perspective") \
    X(M_CITIZEN, "住民目線", "Citizens' view") \
    X(M_STAFF, "職員目線", "Staff view") \
    X(M_ST_PLANNED, "計画中", "Planned") \
    X(M_ST_ACTIVE, "実施中", "Active") \
    X(M_ST_DONE, "完了", "Done") \
    X(M_ST_MERGED, "統合", "Merged") \
    X(M_ST_ABOLISHED, "廃止", "Abolished") \
    X(M_SC_ORG_WIDE, "全庁的に実施", "Organisation-wide") \
    X(M_SC_CROSS, "関係部署で協力して実施", "Across departments") \
    X(M_SC_DEPT, "個別の部署ごとに実施", "Within a department") \
    X(M_SC_PEOPLE, "人材育成・組織風土改革", "People and culture") \
    X(M_KS_NO_DATA, "データなし", "No data") \
    X(M_KS_ON_TRACK, "順調", "On track") \
    X(M_KS_AT_RISK, "要注意", "At risk") \
    X(M_KS_OFF_TRACK, "遅れ", "Off track") \
    X(M_KS_ACHIEVED, "達成", "Achieved") \
    X(M_CHART, "推移グラフ", "Chart") \
    X(M_CHART_DESC, "基準値から目標値への直線（目標線）、実績値、予測を示します。同じ数値を下の表に示します。", \
      "The straight line from baseline to target, the measurements and the forecast. The table below holds the same figures.") \
    X(M_TARGET_LINE, "目標線", "Target line") \
    X(M_FORECAST_LINE, "予測", "Forecast") \
    X(M_NOT_FOUND, "ページが見つかりません", "Page not found") \
    X(M_NOT_FOUND_TEXT, "お探しのページは見つかりませんでした。", "The page you are looking for does not exist.") \
    X(M_FORM_ERRORS, "入力内容を確認してください。", "Please check the fields marked below.") \
    X(M_ERR_REQUIRED, "入力してください。", "This field is required.") \
    X(M_ERR_DATE, "日付を YYYY-MM-DD の形で入力してください（例：2025-03-31）。", "Enter a date as YYYY-MM-DD (e.g. 2025-03-31).") \
    X(M_ERR_NUMBER, "数値を入力してください（例：12.5）。", "Enter a number (e.g. 12.5).") \
    X(M_ERR_FY, "年度を入力してください（例：2024、令和6年度、R6）。", "Enter a fiscal year (e.g. 2024, 令和6年度, R6).") \
    X(M_ERR_TOO_LONG, "長すぎます。", "This is too long.") \
    X(M_ERR_CHOICE, "一覧から選んでください。", "Choose one of the options.") \
    X(M_ERR_BAD_FORM, "送信された内容を読み取れませんでした。", "The form could not be read.") \
    X(M_SAVED, "保存しました。", "Saved.") \
    X(M_PRINT_HINT, "A4横向きで印刷できます。", "Prints on A4 landscape.") \
    X(M_MEASURE_COUNT, "施策数", "Measures") \
    X(M_KPI_COUNT, "KPI数", "KPIs") \
    X(M_VIEW_API, "このデータをJSONで取得", "This data as JSON") \
    X(M_UNIT, "単位", "Unit") \
    X(M_DEFINITION, "定義", "Definition") \
    X(M_KPI_OF, "の数値目標", ": KPI") \
    X(M_THEME, "テーマ", "Theme") \
    X(M_PILLAR, "柱", "Pillar") \
    X(M_FOOTER, "kawaru — 変わり続ける市役所のために", "kawaru — for a city hall that keeps changing")

enum msg {
#define X(id, ja, en) id,
    MESSAGES(X)
#undef X
    M_COUNT
};

const char *tr(const struct req *r, enum msg m);
const char *tr_status(const struct req *r, enum measure_status s);
const char *tr_scope(const struct req *r, enum measure_scope s);
const char *tr_kpi_status(const struct req *r, enum kpi_status s);
const char *tr_direction(const struct req *r, enum kpi_direction d);
/* "2024年度（令和6年度）" in Japanese, "FY2024 (Reiwa 6)" in English. */
void tr_fy(const struct req *r, int fy, char *dst, size_t size);

#endif
