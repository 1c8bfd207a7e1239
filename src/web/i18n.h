/* Every user-interface string, in Japanese and English side by side (CONVENTIONS 12).
 * Pages call tr(r, M_X); the language comes from ?lang=en or the "lang" cookie. */
#ifndef KAWARU_WEB_I18N_H
#define KAWARU_WEB_I18N_H
#include "core/fiscal.h"
#include "core/kpi_calc.h"
#include "core/logic_model.h"
#include "core/model.h"
#include "core/words.h"
#include "http/req.h"
#include "web/i18n_category.h"
#include "web/i18n_edit.h"
#include "web/i18n_logic.h"
#include "web/i18n_open_data.h"
#include "web/i18n_public.h"

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
    X(M_BODIES, "推進体制", "Promotion organisation") \
    X(M_MEETINGS, "会議", "Meetings") \
    X(M_MEETING_CALENDAR, "会議予定", "Meeting calendar") \
    X(M_MEMBERS, "メンバー", "Members") \
    X(M_MEMBER_NAME, "氏名・職", "Name or post") \
    X(M_ROLE, "役割", "Role") \
    X(M_POST, "役職", "Post") \
    X(M_MEMBER_DEPT, "所属", "Department") \
    X(M_TOPICS, "検討事項", "Topics") \
    X(M_MEETING_DATE, "開催日", "Date") \
    X(M_BODY, "会議体", "Body") \
    X(M_MEETING_TITLE, "会議名", "Meeting") \
    X(M_AGENDA, "議題", "Agenda") \
    X(M_MINUTES, "議事録", "Minutes") \
    X(M_LINKED_MEASURES, "関連する施策", "Measures taken up") \
    X(M_NO_MEETINGS, "会議の記録はありません。", "No meetings are recorded.") \
    X(M_NO_BODIES, "推進体制は登録されていません。", "No bodies are recorded.") \
    X(M_PREV_FY, "前年度", "Previous year") \
    X(M_NEXT_FY, "次年度", "Next year") \
    X(M_BK_HEADQUARTERS, "推進本部", "Headquarters") \
    X(M_BK_AUDIT_BOARD, "監事会", "Audit board") \
    X(M_BK_COMMITTEE, "委員会", "Committee") \
    X(M_BK_WORKING_GROUP, "ワーキンググループ", "Working group") \
    X(M_BK_LEADERS, "推進リーダー", "Leaders") \
    X(M_MEASURES, "施策", "Measures") \
    X(M_KPIS, "数値目標（KPI）", "KPIs") \
    X(M_VERSION, "版", "Version") \
    X(M_PUBLISHED, "発行日", "Published") \
    X(M_PERIOD, "計画期間", "Period") \
    X(M_KIND, "種別", "Kind") \
    X(M_TABLE_PREFIX, "表：", "Table: ") \
    /* punctuation between translated words: full-width in Japanese, ASCII with spaces in English */ \
    X(M_P_COLON, "：", ": ") \
    X(M_P_LIST, "・", ", ") \
    X(M_P_COMMA, "、", ", ") \
    X(M_P_LINKS, "・", " · ") \
    X(M_P_OPEN, "（", " (") \
    X(M_P_CLOSE, "）", ")") \
    X(M_P_SPACE, "　", " ") \
    X(M_P_SLASH, " ／ ", " / ") \
    X(M_P_RANGE, "〜", "–") \
    X(M_P_QUOTE_OPEN, "「", "“") \
    X(M_P_QUOTE_CLOSE, "」", "”") \
    X(M_ORG_LABEL, "", "organisation's label") \
    X(M_SINCE_FY, "%s〜", "since %s") \
    /* rating words of the default and letter scales, and others organisations commonly use */ \
    X(M_RL_ON_TRACK, "順調", "On track") \
    X(M_RL_MOSTLY, "概ね順調", "Mostly on track") \
    X(M_RL_SLIGHTLY, "やや遅れ", "Slightly delayed") \
    X(M_RL_DELAYED, "遅れ", "Delayed") \
    X(M_RL_SERIOUSLY, "大幅な遅れ", "Seriously delayed") \
    X(M_RL_DONE, "完了", "Completed") \
    X(M_RL_NOT_STARTED, "未着手", "Not started") \
    X(M_RL_A, "A（順調）", "A (On track)") \
    X(M_RL_B, "B（概ね順調）", "B (Mostly on track)") \
    X(M_RL_C, "C（遅れ）", "C (Delayed)") \
    X(M_RL_D, "D（大幅な遅れ）", "D (Seriously delayed)") \
    X(M_SCROLL_HINT, "横にスクロールできます", "Scroll sideways") \
    X(M_CADENCE, "見直し", "Review") \
    X(M_KIND_STRATEGY, "戦略", "Strategy") \
    X(M_KIND_ACTION_PLAN, "アクションプラン", "Action plan") \
    X(M_CADENCE_QUARTERLY, "四半期ごとに見直し", "Reviewed every quarter") \
    X(M_CADENCE_YEARLY, "年度ごとに見直し", "Reviewed every year") \
    X(M_VISION, "めざす姿", "Vision") \
    X(M_PRINCIPLES, "行動指針", "Principles") \
    X(M_FOUNDATION, "施策の土台", "Foundation") \
    X(M_F_HEADCOUNT, "人数", "Headcount") \
    X(M_HEADCOUNT_N, "%d名", "%d people") \
    X(M_CHALLENGES, "これまでの主な課題", "Problems so far") \
    X(M_MAIN_MEASURES, "主な施策の全体像", "The measures by how they are carried out") \
    X(M_MEASURE_LINKAGE, "施策連携", "Linked") \
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
    X(M_UNDECIDED, W_UNDECIDED, "Undecided") \
    X(M_NONE, W_NONE, "None") \
    X(M_NO_KPI, "数値目標は設定されていません。", "No KPI is set.") \
    X(M_MEASUREMENTS, "実績値", "Measurements") \
    X(M_NO_MEASUREMENTS, "実績値はまだありません。", "No measurements yet.") \
    X(M_KPI_REFERENCES, "基準値・目標値・予測", "Baseline, target and forecast") \
    X(M_KPI_AT, "時点", "As of") \
    X(M_KPI_BASELINE_ABOUT, "%s当初の値（目標線の始点）", "The value at the start of %s (where the target line starts)") \
    X(M_KPI_TARGET_ABOUT, "%s末に目指す値（目標線の終点）", "The value aimed at by the end of %s (where the target line ends)") \
    X(M_KPI_FORECAST_ABOUT, "実績値の傾向から見込んだ目標年度末の値", "The value the measurements' trend points to at the target date") \
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
    X(M_DIR_INCREASE, W_DIR_INCREASE, "Increase") \
    X(M_DIR_DECREASE, W_DIR_DECREASE, "Decrease") \
    X(M_DIR_KEEP, W_DIR_KEEP, "Keep") \
    X(M_PERSPECTIVE, "視点", "Perspective") \
    X(M_CITIZEN, W_CITIZEN, "Citizens' view") \
    X(M_STAFF, W_STAFF, "Staff view") \
    X(M_ST_PLANNED, W_ST_PLANNED, "Planned") \
    X(M_ST_ACTIVE, W_ST_ACTIVE, "Active") \
    X(M_ST_DONE, W_ST_DONE, "Done") \
    X(M_ST_MERGED, W_ST_MERGED, "Merged") \
    X(M_ST_ABOLISHED, W_ST_ABOLISHED, "Abolished") \
    X(M_SC_ORG_WIDE, "全庁的に実施", "Organisation-wide") \
    X(M_SC_CROSS, "関係部署で協力して実施", "Across departments") \
    X(M_SC_DEPT, "個別の部署ごとに実施", "Within a department") \
    X(M_SC_PEOPLE, "人材育成・組織風土改革", "People and culture") \
    X(M_KS_NO_DATA, W_KS_NO_DATA, "No data") \
    X(M_KS_ON_TRACK, W_KS_ON_TRACK, "On track") \
    X(M_KS_AT_RISK, W_KS_AT_RISK, "At risk") \
    X(M_KS_OFF_TRACK, W_KS_OFF_TRACK, "Off track") \
    X(M_KS_ACHIEVED, W_KS_ACHIEVED, "Achieved") \
    X(M_KS_UNDECIDED, W_KS_UNDECIDED, "Target undecided") \
    X(M_KPI_UNNAMED, "指標未設定", "Indicator not set") \
    X(M_KS_NO_TARGET, W_KS_NO_TARGET, "No target") \
    X(M_CHART, "推移グラフ", "Chart") \
    X(M_CHART_DESC, "基準値から目標値への直線（目標線）、実績値、予測を示します。同じ数値を下の表に示します。", \
      "The straight line from baseline to target, the measurements and the forecast. The table below holds the same figures.") \
    X(M_TARGET_LINE, "目標線", "Target line") \
    X(M_FORECAST_LINE, "予測", "Forecast") \
    X(M_NOT_FOUND, "ページが見つかりません", "Page not found") \
    X(M_NOT_FOUND_TEXT, "お探しのページは見つかりませんでした。", "The page you are looking for does not exist.") \
    X(M_FORBIDDEN, "送信を受け付けられません", "This form cannot be accepted") \
    X(M_CSRF_TEXT, "フォームの確認用の値が一致しませんでした。ページを読み込み直してから、もう一度送信してください。", \
      "The form's check value did not match. Reload the page and send the form again.") \
    X(M_NO_RIGHT, "権限がありません", "Not permitted") \
    X(M_ERROR_PAGE, "エラーが発生しました", "Something went wrong") \
    X(M_ERROR_PAGE_TEXT, "処理を完了できませんでした。入力した内容は保存されていません。しばらくしてからもう一度お試しください。", "The request could not be completed and nothing was saved. Please try again in a while.") \
    X(M_BUSY_PAGE, "ただいま混み合っています", "The system is busy") \
    X(M_BUSY_PAGE_TEXT, "他の更新が終わるのを待っています。内容は保存されていません。少し待ってから、もう一度送信してください。", "Another change is being saved, and yours was not. Please wait a moment and send it again.") \
    X(M_BAD_REQUEST_PAGE, "リクエストを処理できません", "The request cannot be processed") \
    X(M_BAD_REQUEST_PAGE_TEXT, "送信された内容を読み取れませんでした。ページを開き直してからもう一度お試しください。", "What was sent could not be read. Please open the page again and retry.") \
    X(M_CONFLICT_PAGE, "ほかの内容と矛盾します", "This conflicts with what is stored") \
    X(M_CONFLICT_PAGE_TEXT, "保存されている内容と合わないため、変更しませんでした。ページを開き直して最新の内容を確認してください。", "Nothing was changed because it conflicts with what is stored. Open the page again to see the latest.") \
    X(M_METHOD_PAGE, "この操作はできません", "This action is not available here") \
    X(M_NO_RIGHT_TEXT, "このページまたは操作は、あなたの役割では利用できません。必要な場合は事務局にお問い合わせください。", \
      "Your role does not allow this page or action. Ask the reform office if you need it.") \
    X(M_USR_TITLE, "ユーザー管理", "Users") \
    X(M_USR_INTRO, "kawaru を使う職員のアカウントです。役割によって、できることが決まります：管理者（すべて）、事務局（自治体のすべて）、担当課（自分の課の施策・報告・KPI）、閲覧（本部：下書きの閲覧と判断の記録）。", \
      "The accounts of the staff who use kawaru. The role decides what each may do: admin (everything), office (everything in its municipality), reporter (its own departments' measures, reports and KPIs), viewer (the HQ: reads drafts and records decisions).") \
    X(M_USR_NEW, "ユーザーを追加", "Add a user") \
    X(M_USR_NAME, "氏名（表示名）", "Display name") \
    X(M_USR_ROLE, "役割", "Role") \
    X(M_USR_DEPTS, "担当課", "Departments") \
    X(M_USR_DEPTS_HINT, "担当課の役割では必須です。Ctrl（Macでは⌘）キーを押しながら複数選べます。", \
      "Required for a reporter. Hold Ctrl (⌘ on a Mac) to choose several.") \
    X(M_USR_DEPTS_OTHER_ORG, "選んだ自治体の課を選んでください。", "Choose departments of the municipality chosen above.") \
    X(M_USR_DEPTS_REQUIRED, "担当課の役割には、課を1つ以上選んでください。", "A reporter needs at least one department.") \
    X(M_USR_LOGIN_HINT, "半角英小文字・数字・「.」「_」「-」で3〜64文字。", "3-64 characters of a-z, 0-9, \".\", \"_\" and \"-\".") \
    X(M_USR_LOGIN_TAKEN, "このログインIDは使われています。", "This login is taken.") \
    X(M_USR_PASSWORD, "初期パスワード", "First password") \
    X(M_USR_PASSWORD_HINT, "8文字以上。本人に安全な方法で伝えてください。", "At least 8 characters. Tell it to the person in a safe way.") \
    X(M_USR_CREATE, "追加する", "Add") \
    X(M_USR_NONE, "ユーザーはいません。", "No users.") \
    X(M_USR_DISABLE, "無効にする", "Disable") \
    X(M_USR_DISABLED, "無効", "Disabled") \
    X(M_USR_ADDED, "ユーザーを追加しました。", "The user was added.") \
    X(M_USR_DISABLED_NOTE, "ユーザーを無効にし、そのログインを終了しました。", "The user was disabled and signed out.") \
    X(M_USR_NOT_SELF, "自分自身は無効にできません。別の管理者に依頼してください。", "You cannot disable yourself; ask another admin.") \
    X(M_ROLE_ADMIN, "管理者", "Admin") \
    X(M_ROLE_OFFICE, "事務局", "Reform office") \
    X(M_ROLE_REPORTER, "担当課", "Reporter") \
    X(M_ROLE_VIEWER, "閲覧（本部）", "Viewer (HQ)") \
    X(M_AUDIT_LINK, "監査ログ", "Audit log") \
    X(M_NO_PUBLISHED_PLAN, "公開されている計画はまだありません。", "No plan has been published yet.") \
    X(M_LOGIN_REQUIRED, "このページを見るにはログインしてください。", "Sign in to see this page.") \
    X(M_FORM_ERRORS, "入力内容を確認してください。", "Please check the fields marked below.") \
    X(M_ERR_REQUIRED, "入力してください。", "This field is required.") \
    X(M_ERR_DATE, "日付を YYYY-MM-DD の形で入力してください（例：2025-03-31）。", "Enter a date as YYYY-MM-DD (e.g. 2025-03-31).") \
    X(M_ERR_NUMBER, "数値を入力してください（例：12.5、１２．５、約11.0）。", "Enter a number (e.g. 12.5 in half- or full-width digits, or 約11.0).") \
    X(M_ERR_NUMBER_RANGE, "値が大きすぎます。±1e15（1000兆）までです。", "The value is too large: at most ±1e15.") \
    X(M_ERR_FY, FY_INVALID_JA "。", "Enter a fiscal year such as " FY_FORMS ".") \
    X(M_ERR_TOO_LONG, "長すぎます。", "This is too long.") \
    X(M_ERR_TOO_LONG_N, "%u文字以内で入力してください。", "Enter at most %u characters.") \
    X(M_ERR_CONTROL_LINE, "改行・タブなどの制御文字を含めずに1行で入力してください。", "Enter one line without line breaks, tabs or other control characters.") \
    X(M_ERR_CONTROL, "制御文字は入力できません（改行とタブは使えます）。", "Control characters are not allowed (line breaks and tabs are).") \
    X(M_ERR_ENCODING, "文字を読み取れませんでした（UTF-8ではありません）。", "The text could not be read (it is not UTF-8).") \
    X(M_ERR_CHOICE, "一覧から選んでください。", "Choose one of the options.") \
    X(M_ERR_BAD_FORM, "送信された内容を読み取れませんでした。", "The form could not be read.") \
    X(M_SAVED, "保存しました。", "Saved.") \
    X(M_PRINT_HINT, "A4横向きで印刷できます。", "Prints on A4 landscape.") \
    X(M_MEASURE_COUNT, "施策数", "Measures") \
    X(M_KPI_COUNT, "KPI数", "KPIs") \
    X(M_VIEW_API, "このデータをJSONで取得", "This data as JSON") \
    X(M_CHECK_TITLE, "計画の点検", "Plan check") \
    X(M_CHECK_COUNTS, "要対応 %d件・注意 %d件", "%d to act on, %d notes") \
    X(M_CHECK_SUMMARY, "要対応 %d件・注意 %d件（開いて一覧を見る）", "%d to act on, %d notes (open for the list)") \
    X(M_CHECK_ERROR, "要対応", "Act on") \
    X(M_CHECK_WARNING, "注意", "Note") \
    X(M_CHECK_NONE, "点検で見つかった問題はありません。", "The check found nothing to act on.") \
    X(M_CSV_TITLE, "実績値のCSV取込", "Import measurements from CSV") \
    X(M_CSV_INTRO, "CSVファイルから、この計画の数値目標（KPI）の実績値をまとめて追加します。すべての行に誤りがないときだけ取り込みます。", \
      "Add measurements to this plan's KPIs from a CSV file. Nothing is imported unless every line is correct.") \
    X(M_CSV_FILE, "CSVファイル", "CSV file") \
    X(M_CSV_FILE_HINT, "UTF-8（BOM付きも可）またはShift_JIS（CP932）。1行目に列名を書きます。", \
      "UTF-8 (with or without BOM) or Shift_JIS (CP932). The first line names the columns.") \
    X(M_CSV_SUBMIT, "取り込む", "Import") \
    X(M_CSV_ADDED, "件の実績値を追加しました。", " measurements were added.") \
    X(M_CSV_FAILED, "取り込めませんでした。何も追加していません。次の誤りを直して、もう一度取り込んでください。", \
      "Nothing was imported. Correct these problems and import the file again.") \
    X(M_CSV_FIX_FILE, "ファイルの内容を直してください。", "Correct the file.") \
    X(M_CSV_NO_FILE, "CSVファイルを選んでください。", "Choose a CSV file.") \
    X(M_CSV_MORE_ERRORS, "ほかにも誤りがあります。", "There are more problems.") \
    X(M_CSV_COLUMNS, "列", "Columns") \
    X(M_CSV_COLUMN, "列名（日本語／英語）", "Column (Japanese / English)") \
    X(M_CSV_CONTENT, "内容", "Content") \
    X(M_CSV_COL_MEASURE, "施策の番号（例：1-1-3）", "The measure's number (e.g. 1-1-3)") \
    X(M_CSV_COL_KPI, "その施策の数値目標の名前（代わりに指標ID／kpi_id の列でも可）", \
      "The name of one of the measure's KPIs (or a kpi_id column instead)") \
    X(M_CSV_COL_PERIOD, "値が示す日付（2025-03-31 または 2025/3/31）", "The date the value refers to (2025-03-31 or 2025/3/31)") \
    X(M_CSV_COL_VALUE, "数値（例：12.5、1,234）", "A number (e.g. 12.5, 1,234)") \
    X(M_CSV_COL_NOTE, "任意", "Optional") \
    X(M_CSV_COL_SOURCE, "任意。空欄ならファイル名", "Optional; the file's name when empty") \
    X(M_CSV_EXAMPLE, "例", "Example") \
    X(M_CSV_LINK, "実績値をCSVから取り込む", "Import measurements from CSV") \
    X(M_TOK_TITLE, "APIトークン", "API tokens") \
    X(M_TOK_INTRO, "ほかのシステムが数値目標（KPI）の実績値を送るためのトークンです。トークンは自治体ごとに発行し、その自治体のKPIにだけ実績値を追加できます。", \
      "Tokens let other systems send KPI measurements. Each belongs to one municipality and can only add measurements to that municipality's KPIs.") \
    X(M_TOK_NEW, "新しいトークン", "New token") \
    X(M_TOK_ORG, "自治体", "Municipality") \
    X(M_TOK_NAME, "名前", "Name") \
    X(M_TOK_NAME_HINT, "使うシステムがわかる名前。実績値の記録者として残ります（例：窓口システム）。", \
      "A name that tells which system uses it; it is recorded with every measurement (e.g. counter system).") \
    X(M_TOK_CREATE, "トークンを発行する", "Create token") \
    X(M_TOK_PREFIX, "先頭の文字", "Starts with") \
    X(M_TOK_CREATED, "発行日時", "Created") \
    X(M_TOK_CREATED_BY, "発行者", "Created by") \
    X(M_TOK_LAST_USED, "最終利用", "Last used") \
    X(M_TOK_STATE, "状態", "State") \
    X(M_TOK_LIVE, "有効", "Active") \
    X(M_TOK_REVOKED, "失効", "Revoked") \
    X(M_TOK_REVOKE, "失効させる", "Revoke") \
    X(M_TOK_ACTIONS, "操作", "Actions") \
    X(M_TOK_NONE, "トークンはありません。", "No tokens.") \
    X(M_TOK_CREATED_TITLE, "APIトークンを発行しました", "API token created") \
    X(M_TOK_VALUE, "トークン", "Token") \
    X(M_TOK_SHOW_ONCE, "このトークンを表示するのは今だけです。あとから表示することはできません。今すぐ安全な場所に保管してください。", \
      "This token is shown only now and cannot be shown again. Store it somewhere safe now.") \
    X(M_TOK_USAGE, "使い方：POST /api/v1/kpis/{id}/measurements に、ヘッダー「Authorization: Bearer トークン」を付けて送ります。", \
      "Use: send POST /api/v1/kpis/{id}/measurements with the header \"Authorization: Bearer TOKEN\".") \
    X(M_TOK_BACK, "APIトークンの一覧へ戻る", "Back to the API tokens") \
    X(M_TOK_NAME_TAKEN, "この名前の有効なトークンがすでにあります。", "There is an active token of this name already.") \
    X(M_UNIT, "単位", "Unit") \
    X(M_DEFINITION, "定義", "Definition") \
    X(M_KPI_OF, "の数値目標", ": KPI") \
    X(M_THEME, "テーマ", "Theme") \
    X(M_SEARCH_MATCHED, "一致した箇所", "Matched in") \
    X(M_SEARCH_IN_TITLE, "施策名", "Measure title") \
    X(M_SEARCH_IN_TEXT, "施策の内容（現状・理想・手段・担当課・KPIなど）", "Measure details (current state, ideal, means, departments, KPIs…)") \
    X(M_SEARCH_IN_THEME, "テーマ名", "Theme title") \
    X(M_SEARCH_IN_PILLAR, "柱の名前", "Pillar title") \
    X(M_PILLAR, "柱", "Pillar") \
    X(M_AUDIT, "変更記録（監査ログ）", "Audit log") \
    X(M_AUDIT_INTRO, "すべての変更を、だれが・いつ・何を・変更前と変更後の値とともに記録しています。この記録は変更も削除もできません。", \
      "Every change is recorded: who, when, what, and the values before and after. Nobody can change or delete this record.") \
    X(M_HISTORY, "変更履歴", "History") \
    X(M_HISTORY_TITLE, "変更履歴：", "History: ") \
    X(M_HISTORY_INTRO, "この施策と、その数値目標（KPI）・実績値・四半期見直しの変更です。新しいものから順に示します。", \
      "Changes to this measure and to its KPIs, measurements and quarterly reviews, newest first.") \
    X(M_VIEW_HISTORY, "この施策の変更履歴", "History of this measure") \
    X(M_FILTER, "絞り込み", "Filter") \
    X(M_FILTER_APPLY, "絞り込む", "Apply") \
    X(M_ALL, "すべて", "All") \
    X(M_ENTITY, "対象", "Entity") \
    X(M_ENTITY_ID, "対象のID", "Entity ID") \
    X(M_USER, "利用者", "User") \
    X(M_FROM_DATE, "開始日", "From") \
    X(M_TO_DATE, "終了日", "To") \
    X(M_DATES_HINT, "日本時間の日付を YYYY-MM-DD の形で入力します（例：2025-04-01）。両端の日を含みます。", \
      "Dates in Japan time as YYYY-MM-DD (e.g. 2025-04-01); both days are included.") \
    X(M_ERR_ID, "正の整数を入力してください（例：26）。", "Enter a positive whole number (e.g. 26).") \
    X(M_TIME_JST, "日時（日本時間）", "Time (Japan)") \
    X(M_ACTION, "操作", "Action") \
    X(M_CHANGES, "変更内容", "Changes") \
    X(M_FIELD, "項目", "Field") \
    X(M_BEFORE, "変更前", "Before") \
    X(M_AFTER, "変更後", "After") \
    X(M_NO_FIELD_CHANGED, "項目の変更はありません。", "No field changed.") \
    X(M_NO_ENTRIES, "該当する記録はありません。", "No entries match.") \
    X(M_ENTRIES_RANGE, "全%D件のうち %D〜%D件目", "%D entries; showing %D–%D") \
    X(M_PAGES, "ページ送り", "Pages") \
    X(M_NEWER, "新しい記録", "Newer entries") \
    X(M_OLDER, "古い記録", "Older entries") \
    X(M_E_ORG, "自治体", "Municipality") \
    X(M_E_DEPARTMENT, "部署", "Department") \
    X(M_E_PLAN, "計画", "Plan") \
    X(M_E_KPI, "数値目標（KPI）", "KPI") \
    X(M_E_MEASUREMENT, "実績値", "Measurement") \
    X(M_E_REVIEW, "四半期見直し", "Quarterly review") \
    X(M_E_PERIOD, "見直し期間", "Review period") \
    X(M_E_TOKEN, "APIトークン", "API token") \
    X(M_A_CREATE, "作成", "Created") \
    X(M_A_UPDATE, "変更", "Changed") \
    X(M_A_MOVE, "移動", "Moved") \
    X(M_A_DELETE, "削除", "Deleted") \
    X(M_A_IMPORT, "取込み", "Imported") \
    X(M_A_REPLACE, "取込み（置換）", "Replaced by an import") \
    X(M_A_SAVE, "下書き保存", "Draft saved") \
    X(M_A_SUBMIT, "提出", "Submitted") \
    X(M_A_SEND_BACK, "差戻し", "Sent back") \
    X(M_A_CONFIRM, "確認", "Confirmed") \
    X(M_A_DECIDE, "本部の判断", "HQ decision") \
    X(M_A_CLOSE, "締切", "Closed") \
    X(M_A_REVOKE, "失効", "Revoked") \
    X(M_A_PUBLISH, "公開", "Published") \
    X(M_A_READ, "既読", "Marked as read") \
    X(M_A_REJECT, "非公開", "Rejected") \
    X(M_A_MAIL_SENT, "メール送信", "E-mail sent") \
    X(M_A_MAIL_FAILED, "メール送信の失敗", "E-mail failed") \
    X(M_A_LOGIN, "ログイン", "Signed in") \
    X(M_A_LOGIN_FAILED, "ログインの失敗", "Sign-in failed") \
    X(M_A_LOGIN_ADDRESS, "ログイン（新しい接続元）", "Signed in from a new address") \
    X(M_A_LOGOUT, "ログアウト", "Signed out") \
    X(M_A_PASSWORD, "パスワード変更", "Password changed") \
    X(M_A_DISABLE, "利用停止", "Disabled") \
    X(M_A_MIGRATE, "PostgreSQLへの移行", "Moved to PostgreSQL") \
    X(M_A_RESTORE, "バックアップからの復元", "Restored from a backup") \
    X(M_A_OTHER, "その他の操作", "Other action") \
    X(M_E_VERSION, "計画の版", "Plan version") \
    X(M_E_NOTIFICATION, "通知", "Notification") \
    X(M_E_REMINDER, "督促", "Reminder") \
    X(M_E_FEEDBACK, "ご意見", "Opinion") \
    X(M_E_APPLICATION, "手段の適用", "Means applied to a step") \
    X(M_E_REALLOCATION, "削減時間の振り向け", "Reallocation of freed hours") \
    X(M_E_SURVEY, "業務量調査", "Workload survey") \
    X(M_E_INSTALLATION, "システム全体", "Installation") \
    X(M_E_OTHER, "その他の記録", "Other record") \
    X(M_F_OTHER, "その他の項目", "Other field") \
    X(M_F_ID, "%s（番号）", "%s (number)") \
    X(M_F_FY, "年度", "Fiscal year") \
    X(M_F_ITEMS, "項目", "Items") \
    X(M_F_POSITION, "並び順", "Position") \
    X(M_F_FROM_FY, "計画期間の始まり", "First fiscal year") \
    X(M_F_TO_FY, "計画期間の終わり", "Last fiscal year") \
    X(M_F_BASELINE_FY, "基準値の年度", "Baseline year") \
    X(M_F_TARGET_FY, "目標値の年度", "Target year") \
    X(M_F_TARGET_STATE, "目標値の状態", "Target state") \
    X(M_F_VERSION_LABEL, "版", "Version") \
    X(M_F_NOTES, "改訂内容", "Notes") \
    X(M_F_OFFICE_COMMENT, "事務局のコメント", "Office's comment") \
    X(M_F_CREATED_AT, "作成日時", "Created") \
    X(M_F_UPDATED_AT, "更新日時", "Updated") \
    X(M_F_OPENED_AT, "開始日時", "Opened") \
    X(M_F_OPENED_BY, "開始した人", "Opened by") \
    X(M_F_CLOSED_AT, "締切日時", "Closed") \
    X(M_F_CLOSED_BY, "締め切った人", "Closed by") \
    X(M_F_DECIDED_AT, "判断日時", "Decided") \
    X(M_F_READ_AT, "既読日時", "Read") \
    X(M_F_RECORDED_AT, "記録日時", "Recorded") \
    X(M_F_RECORDED_BY, "記録した人", "Recorded by") \
    X(M_F_MODERATED_AT, "確認日時", "Moderated") \
    X(M_F_MODERATED_BY, "確認した人", "Moderated by") \
    X(M_F_ANSWERED_AT, "回答日時", "Answered") \
    X(M_F_ANSWERED_BY, "回答した人", "Answered by") \
    X(M_F_ANSWER, "回答", "Answer") \
    X(M_F_SUBJECT, "件名", "Subject") \
    X(M_F_BODY, "本文", "Text") \
    X(M_F_LINK, "リンク", "Link") \
    X(M_F_EMAIL, "連絡先メールアドレス", "Contact e-mail") \
    X(M_F_DISPLAY_NAME, "表示名", "Display name") \
    X(M_F_DISABLED, "利用停止", "Disabled") \
    X(M_F_REVOKED, "失効", "Revoked") \
    X(M_F_PREFIX, "先頭の文字", "Prefix") \
    X(M_F_TOKEN_SCOPE, "権限", "Scope") \
    X(M_F_MEASURE_CODE, "施策の番号", "Measure code") \
    X(M_F_PLANS, "計画の数", "Plans") \
    X(M_F_CHANGES, "変更の数", "Changes") \
    X(M_F_NODES, "要素", "Elements") \
    X(M_F_EDGES, "矢印", "Arrows") \
    X(M_F_FLAGS, "手段の区分", "Kinds of means") \
    X(M_F_CHANNELS, "対象の経路", "Channels") \
    X(M_F_REDUCTION, "削減率", "Reduction") \
    X(M_F_ROWS, "行数", "Rows") \
    X(M_F_FROM, "移行元", "Moved from") \
    X(M_F_SCHEMA, "データベースの版（マイグレーション番号）", "Database schema (migration)") \
    X(M_F_TABLES, "表の数", "Tables") \
    X(M_F_ORGANISATIONS, "自治体の数", "Organisations") \
    X(M_F_COUNTS, "表ごとの行数", "Rows by table") \
    X(M_F_COUNTS_SUMMARY, "%d表の内訳を見る", "See the %d tables") \
    X(M_F_BACKUP, "バックアップ", "Backup") \
    X(M_F_BACKUP_LAST_AUDIT, "バックアップの最後の変更記録（番号）", "Backup's last audit entry (number)") \
    X(M_F_BACKUP_LAST_AT, "バックアップの最後の変更日時", "Backup's last change") \
    X(M_F_KEPT_AS, "置き換えたデータベースの保存先", "Replaced database kept as") \
    X(M_F_LEVELS, "段階", "Levels") \
    X(M_F_COLOR, "色", "Colour") \
    X(M_F_PROBLEM, "課題あり", "A problem") \
    X(M_F_POST, "役職", "Post") \
    X(M_F_MAIL_STATUS, "メールの状態", "E-mail status") \
    X(M_F_VIA, "経路", "Via") \
    X(M_F_ENCODING, "文字コード", "Encoding") \
    X(M_F_FILE, "ファイル", "File") \
    X(M_F_MAIL_TO, "メールの送信先", "E-mail to") \
    X(M_F_MAIL_ERROR, "メール送信のエラー", "E-mail error") \
    X(M_F_MAIL_ATTEMPTS, "メール送信の試行回数", "E-mail attempts") \
    X(M_F_MAILED_AT, "メール送信日時", "E-mailed") \
    X(M_F_PLANNED_FY, "適用する年度", "Fiscal year planned") \
    X(M_F_BUSINESSES, "業務", "Businesses") \
    X(M_MAIL_NONE, "送信しない", "not sent") \
    X(M_MAIL_PENDING, "送信待ち", "waiting") \
    X(M_MAIL_SENDING, "送信中", "sending") \
    X(M_MAIL_SENT, "送信済み", "sent") \
    X(M_MAIL_FAILED, "送信失敗", "failed") \
    X(M_VIA_WEB, "画面", "web") \
    X(M_VIA_API, "API", "API") \
    X(M_VIA_CLI, "コマンド", "command line") \
    X(M_VIA_SERVER, "サーバーの自動処理", "server, automatic") \
    X(M_VIA_OTHER, "その他", "other") \
    X(M_F_DATE, "日付", "Date") \
    X(M_F_PERIOD, "期間", "Period") \
    X(M_ADDED_ITEMS, "追加：", "Added: ") \
    X(M_REMOVED_ITEMS, "削除：", "Removed: ") \
    X(M_LIST_SAME, "項目の内容は同じで、並びだけが変わりました。", "The same items in another order.") \
    X(M_REVIEWS, "四半期見直し", "Quarterly reviews") \
    X(M_OPEN_PERIOD, "見直しを開始する", "Open a review period") \
    X(M_QUARTER, "四半期", "Quarter") \
    X(M_DEADLINE, "提出期限", "Deadline") \
    X(M_PERIOD_OPEN, "受付中", "Open") \
    X(M_PERIOD_CLOSED, "締切済み", "Closed") \
    X(M_CLOSE_PERIOD, "この期間を締め切る", "Close this period") \
    X(M_CLOSED_NOTE, "この期間は締め切られています。内容は変更できません。", "This period is closed: nothing in it can change.") \
    X(M_NO_PERIODS, "まだ見直し期間はありません。", "No review period has been opened yet.") \
    X(M_RS_MISSING, "未着手", "Not started") \
    X(M_RS_DRAFT, "作成中", "Draft") \
    X(M_RS_SUBMITTED, "提出済み", "Submitted") \
    X(M_RS_SENT_BACK, "差戻し", "Sent back") \
    X(M_RS_CONFIRMED, "確認済み", "Confirmed") \
    X(M_LATE, "期限超過", "Late") \
    X(M_BY_DEPARTMENT, "課ごとの状況", "By department") \
    X(M_BY_MEASURE, "施策ごとの状況", "By measure") \
    X(M_DEPARTMENT, "担当課", "Department") \
    X(M_RATING, "評価", "Rating") \
    X(M_DECISION, "本部の判断", "HQ decision") \
    X(M_KPIS_DUE, "未入力のKPI", "KPI values due") \
    X(M_MY_WORK, "課の作業", "My department's work") \
    X(M_CHOOSE_DEPT, "担当課", "Department") \
    X(M_SHOW, "表示する", "Show") \
    X(M_REPORT_PREVIOUS_VALUE, "前回値", "Previous value") \
    X(M_REPORT_EXPECTED, "四半期末の期待値", "Expected at the quarter's end") \
    X(M_REPORT_VALUE, "今期の値", "This quarter's value") \
    X(M_REPORT_VALUE_OF, "%sの今期の値", "This quarter's value of %s") \
    X(M_REPORT_KPIS_AT, "数値目標（%s時点）", "KPIs as of %s") \
    X(M_REPORT_SCHEDULE, "%sのスケジュール", "Schedule for %s") \
    X(M_DONE_CONFIRMED, "報告を確認しました。", "The report was confirmed.") \
    X(M_DONE_SENT_BACK, "報告を差し戻しました。担当課の受信箱に知らせました。", \
      "The report was sent back; the departments in charge were told in their inboxes.") \
    X(M_DONE_DECIDED, "本部の判断を記録しました。", "The HQ's decision was recorded.") \
    X(M_DAYS_LEFT, "（あと%d日）", " (%d days left)") \
    X(M_DAYS_OVER, "（%d日超過）", " (%d days overdue)") \
    X(M_ALL_ORGS, "すべての自治体", "All municipalities") \
    X(M_HOME_WORK, "今期の作業", "This quarter's work") \
    X(M_HOME_WORK_INTRO, "担当する施策の四半期報告です。数値目標の値を入れ、取組内容を書いて提出してください。", \
      "The quarterly reports of the measures in your charge: enter the KPI values, write what was done and submit.") \
    X(M_HOME_NO_OPEN, "いま受け付けている四半期はありません。", "No quarter is open for reports now.") \
    X(M_HOME_OWED, "未提出 %d件", "%d to submit") \
    X(M_HOME_ALL_DONE, "この四半期の報告はすべて提出済みです。", "Every report of this quarter has been submitted.") \
    X(M_HOME_SENT_BACK, "差し戻された報告", "Reports sent back") \
    X(M_HOME_WRITE, "報告を書く", "Write the report") \
    X(M_HOME_CONTINUE, "続きを書く", "Continue the report") \
    X(M_HOME_REWRITE, "直して再提出", "Revise and resubmit") \
    X(M_HOME_VIEW, "見る", "View") \
    X(M_HOME_INBOXES, "お知らせ", "Notifications") \
    X(M_HOME_DESK, "事務局の作業", "The office's desk") \
    X(M_HOME_DESK_INTRO, "四半期見直しの進み具合と、事務局がすることです。", "How the quarterly review stands and what the office has to do.") \
    X(M_HOME_TO_CONFIRM, "確認待ちの報告", "Reports waiting for confirmation") \
    X(M_HOME_NONE_TO_CONFIRM, "確認待ちの報告はありません。", "No report is waiting for confirmation.") \
    X(M_HOME_LATE_DEPTS, "期限を過ぎた課", "Departments past the deadline") \
    X(M_HOME_NONE_LATE, "期限を過ぎた報告はありません。", "No report is past its deadline.") \
    X(M_HOME_LATE_N, "%d件", "%d") \
    X(M_HOME_OPINIONS, "掲載を待つ市民の意見", "Citizens' opinions waiting for moderation") \
    X(M_HOME_OPINIONS_N, "%d件の意見が確認を待っています。", "%d opinions are waiting for moderation.") \
    X(M_HOME_NO_OPINIONS, "確認を待つ意見はありません。", "No opinion is waiting for moderation.") \
    X(M_HOME_OPEN_QUARTER, "四半期を開く", "Open a quarter") \
    X(M_HOME_FINDINGS, "計画の点検", "Checks of the plans") \
    X(M_HOME_DASHBOARD, "推進本部ダッシュボード", "HQ dashboard") \
    X(M_HOME_DASHBOARD_INTRO, "計画の進み具合と、本部の判断を求められている施策です。", \
      "How the plans are progressing, and the measures that ask for the HQ's decision.") \
    X(M_HOME_DECISIONS, "判断を求められている施策", "Measures asking for a decision") \
    X(M_HOME_NO_DECISIONS, "判断を求められている施策はありません。", "No measure is asking for a decision.") \
    X(M_HOME_DECIDE, "判断する", "Decide") \
    X(M_HOME_KPIS_OFF, "遅れている数値目標", "KPIs behind their targets") \
    X(M_HOME_NO_KPIS_OFF, "遅れている数値目標はありません。", "No KPI is behind its target.") \
    X(M_HOME_MORE, "ほか%d件", "and %d more") \
    X(M_NO_DEPT_REPORTER, "担当課なし（事務局が報告）", "No department in charge (the office reports)") \
    X(M_LEAD_MARK, "（主担当）", " (lead)") \
    X(M_NOTHING_OWED, "この課が報告する施策はありません。", "This department has no measure to report.") \
    X(M_REPORT, "報告する", "Report") \
    X(M_PROGRESS_TEXT, "取組内容・進捗", "What was done") \
    X(M_MARKDOWN_HINT, "Markdown で書けます（**太字**、行頭の「- 」で箇条書き）。", "You may use Markdown (**bold**, lines starting with \"- \" for lists).") \
    X(M_ISSUES, "課題", "Issues") \
    X(M_NEXT_STEPS, "次の取組", "Next steps") \
    X(M_KPI_VALUES, "KPIの実績値", "KPI values") \
    X(M_KPI_VALUES_HINT, "四半期末時点の値を入力します。空欄のものは記録しません。", "Values at the end of the quarter; blank ones are not recorded.") \
    X(M_PREVIOUS_HINT, "前四半期の報告を下書きとして入れています。", "Last quarter's report has been filled in as a starting point.") \
    X(M_SAVE_DRAFT, "下書き保存", "Save draft") \
    X(M_SUBMIT, "提出する", "Submit") \
    X(M_OFFICE_COMMENT, "事務局からのコメント", "Comment from the office") \
    X(M_OFFICE_CHECK, "事務局の確認", "Office check") \
    X(M_CONFIRM, "確認する", "Confirm") \
    X(M_SEND_BACK, "差し戻す", "Send back") \
    X(M_COMMENT, "コメント", "Comment") \
    X(M_SEND_BACK_HINT, "差し戻す理由を書いてください。", "Say what needs to change.") \
    X(M_HQ_DECISION, "本部の判断を記録する", "Record the HQ decision") \
    X(M_DECISION_NOTE, "判断の補足", "Note") \
    X(M_RECORD, "記録する", "Record") \
    X(M_D_CONTINUE, W_D_CONTINUE, "Continue") \
    X(M_D_REVISE, W_D_REVISE, "Revise") \
    X(M_D_EXPAND, W_D_EXPAND, "Expand") \
    X(M_D_REDUCE, W_D_REDUCE, "Reduce") \
    X(M_D_MERGE, W_D_MERGE, "Merge") \
    X(M_D_ABOLISH, W_D_ABOLISH, "Abolish") \
    X(M_D_COMPLETE, W_D_COMPLETE, "Complete") \
    X(M_SUBMITTED_AT, "提出日時", "Submitted") \
    X(M_CONFIRMED_AT, "確認日時", "Confirmed") \
    X(M_TOTAL, "合計", "Total") \
    X(M_STATE, "状態", "State") \
    X(M_ERR_STATE, "この報告は今の状態では変更できません。", "This report cannot be changed in its present state.") \
    X(M_ERR_PERIOD_EXISTS, "この四半期の見直しはすでに開始されています。", "This quarter's review has been opened already.") \
    X(M_REPORT_SAVED, "下書きを保存しました。", "The draft has been saved.") \
    X(M_REPORT_SUBMITTED, "提出しました。事務局が確認します。", "Submitted. The office will check it.") \
    X(M_PREVIOUS_QUARTER, "前四半期の報告", "Last quarter's report") \
    X(M_ROLLUP, "進捗の概況", "Progress at a glance") \
    X(M_ROLLUP_HINT, "各施策の直近の評価と、KPIの状況を柱ごとに集計しています。", "Each measure's latest rating and its KPIs' status, counted by pillar.") \
    X(M_UNRATED, "未評価", "Not rated") \
    X(M_ACHIEVEMENT_MEAN, "平均達成率", "Mean achievement") \
    X(M_LATEST_RATING, "直近の評価", "Latest rating") \
    X(M_PACK, "本部会議資料", "HQ meeting pack") \
    X(M_PACK_PRINT_HINT, "A4縦で印刷できます。ブラウザの印刷機能（Ctrl+P／⌘+P）でも印刷でき、各ページに市名・会議名・ページ番号が入ります。", "Prints on A4 portrait: use the button or the browser's print command (Ctrl+P / ⌘+P). Every page shows the city, the meeting and its page number.") \
    X(M_PACK_NONE, "該当はありません。", "None.") \
    X(M_PACK_CHANGES, "前四半期から評価が変わった施策", "Ratings changed since the quarter before") \
    X(M_PACK_FROM, "前四半期", "Before") \
    X(M_PACK_TO, "今四半期", "Now") \
    X(M_PACK_KPIS, "要注意・遅れのKPI", "KPIs at risk or off track") \
    X(M_PACK_UNREPORTED, "報告のない施策", "Measures without a report") \
    X(M_PACK_DECISIONS, "判断を求める施策・判断済みの施策", "Decisions requested and recorded") \
    X(M_PACK_REQUESTED, "判断を求める", "Decision requested") \
    X(M_PACK_DECISIONS_HINT, "課題のある評価、遅れのKPI、または判断の記録がある施策です。", "Measures rated on a problem level, with a KPI off track, or with a decision recorded.") \
    X(M_PACK_TITLE, "%s 推進本部会議資料", "HQ meeting pack, %s") \
    X(M_PACK_WHY_RATING, "課題のある評価", "Rated as a problem") \
    X(M_PACK_WHY_KPI, "遅れのKPIあり", "A KPI off track") \
    X(M_PACK_NO_REPORT, "この期間の報告はまだありません。", "No report for this period yet.") \
    X(M_PRINT, "印刷する", "Print") \
    X(M_N_DAYS, "%d日", "%d days") \
    X(M_ONE_DAY, "%d日", "%d day") \
    X(M_DAYS_LATE, "%s遅れ", "%s late") \
    X(M_NOT_SUBMITTED, "未提出（締切から%s）", "Not submitted (%s after the deadline)") \
    X(M_HOW_LATE, "遅れ", "How late") \
    X(M_MOST_LATE, "最大の遅れ", "Most late") \
    X(M_UNSUBMITTED_N, "（うち未提出 %d件）", " (%d not submitted)") \
    X(M_PACK_AS_OF, "KPIの数値・状況と評価は、四半期末（%s）時点のものです。", "KPI figures, statuses and ratings are as of the quarter's end (%s).") \
    X(M_LATE_AS_CLOSED, "締め切った日（%s）の時点で判定しています。", "Lateness as of the day the period was closed (%s).") \
    X(M_CLOSE_Q, "%sを締め切りますか？", "Close %s?") \
    X(M_CLOSE_Q_COUNTS, "未提出 %d件（うち期限超過 %d件）、提出済みで未確認 %d件があります。", "%d reports not submitted (%d of them late) and %d submitted but not confirmed.") \
    X(M_CLOSE_Q_NOTE, "締め切ると、この期間の報告・確認・判断は変更できなくなります。期限超過の記録は残ります。", "Once closed, no report, check or decision in this period can change. The record of who was late stays.") \
    X(M_CLOSE_YES, "締め切る", "Close the period") \
    X(M_OPEN_PAST_Q, "締切日 %s は過ぎています。このまま開きますか？", "The deadline %s has passed. Open the period anyway?") \
    X(M_OPEN_PAST_NOTE, "開くと各担当課に通知され、まだ報告のない施策はすぐに期限超過になります。", "The departments are notified when it opens, and every measure without a report is late at once.") \
    X(M_OPEN_PAST_YES, "このまま開く", "Open it anyway") \
    X(M_OPEN_PAST_BACK, "締切日を直す", "Change the deadline") \
    X(M_RATING_SCALE, "評価の段階", "Rating scale") \
    X(M_RATING_SCALE_HINT, "四半期見直しで各施策を評価する段階です。上から順に並べます。", "The levels each measure is rated on in the quarterly review, best first.") \
    X(M_RATING_SCALE_DEFAULT, "この計画は標準の段階（順調・概ね順調・遅れ・大幅な遅れ・完了）を使っています。", "This plan uses the default scale (on track, mostly on track, delayed, seriously delayed, done).") \
    X(M_RATING_SCALE_ROWS_HINT, "段階を増やすには空いている行に記入します。記号と名称を空にした行は削除されます。", "Fill in an empty row to add a level; a row whose code and label are empty is removed.") \
    X(M_LEVEL_CODE, "記号", "Code") \
    X(M_LEVEL_LABEL, "名称", "Label") \
    X(M_LEVEL_COLOR, "色", "Colour") \
    X(M_LEVEL_PROBLEM, "課題あり", "Counts as a problem") \
    X(M_USE_LETTERS, "A〜Dの4段階にする", "Use letter grades A–D") \
    X(M_USE_DEFAULT, "標準の段階に戻す", "Go back to the default scale") \
    X(M_ERR_LEVEL_CODE, "記号は空白と「/」を含まない16文字までです（例：A、S、◎、1、順調）。", "A code is up to 16 characters without spaces or \"/\" (such as A, S, ◎, 1 or 順調).") \
    X(M_ERR_LEVEL_DUPLICATE, "同じ記号が二つあります。", "Two levels have the same code.") \
    X(M_ERR_LEVEL_COLOR, "色は #197a4b の形で入力してください。", "Enter a colour like #197a4b.") \
    X(M_ERR_LEVEL_IN_USE, "すでに評価に使われている段階は削除できません", "A level that already rates reviews cannot be removed") \
    X(M_SNAPSHOT, "版の内容", "Snapshot") \
    X(M_COMPARE_WITH_DRAFT, "作業中の内容と比べる", "Compare with the working draft") \
    X(M_NO_SNAPSHOT, "記録なし（kawaru導入前の版）", "Not recorded (before kawaru)") \
    X(M_COMPARE, "版の比較", "Compare versions") \
    X(M_COMPARE_FROM, "比較元", "From") \
    X(M_COMPARE_TO, "比較先", "To") \
    X(M_DRAFT, "作業中の内容（未発行）", "Working draft (not published)") \
    X(M_PUBLISH, "新しい版を発行する", "Publish a new version") \
    X(M_PUBLISH_HINT, "作業中の内容をそのまま記録し、改訂履歴に加えます。公開されるのは発行された版です。", "Records the working draft as it is and adds it to the revision history. What is published is the version.") \
    X(M_NOTES_HINT, "1行に1項目を書きます。", "One change per line.") \
    X(M_CURRENT_VERSION, "現在の版", "Current version") \
    X(M_ERR_VERSION_EXISTS, "この版はすでに発行されています。", "This version has been published already.") \
    X(M_PLAN_WORD, "計画", "Plan") \
    X(M_DIFF_WHAT, "対象", "What") \
    X(M_DIFF_WHICH, "番号・名称", "Which") \
    X(M_DIFF_KIND, "変更", "Change") \
    X(M_DIFF_DETAIL, "内容", "Detail") \
    X(M_DIFF_ADDED, "追加", "Added") \
    X(M_DIFF_REMOVED, "削除", "Removed") \
    X(M_DIFF_MOVED, "移動", "Moved") \
    X(M_DIFF_CHANGED, "変更", "Changed") \
    X(M_DIFF_NONE, "違いはありません。", "No differences.") \
    X(M_DIFF_KEPT, "保持（履歴）", "Kept (history)") \
    X(M_DOC_TITLE, "計画文書の取り込み（置き換え）", "Replace the plans by a document") \
    X(M_DOC_INTRO, "kawaru-plan/1 の計画文書で、この団体の計画の作業中の内容を置き換えます。番号で対応づけ、一致するものは ID と履歴（実績値・四半期見直し・発行した版・意見など）を保ったまま更新します。取り込む前に変更内容を確認できます。公開は「改訂履歴」で別に行います。", "Replaces the working draft of this organisation's plans by a kawaru-plan/1 document. Entities are matched by their codes: what matches is updated and keeps its id and its history (measurements, reviews, published versions, opinions and so on). You see the changes before they are made. Publishing stays a separate step (改訂履歴).") \
    X(M_DOC_FILE, "計画文書（JSON）", "Plan document (JSON)") \
    X(M_DOC_FILE_HINT, "現在の内容を書き出して編集し、ここから取り込めます。", "Download the current document, edit it and upload it here.") \
    X(M_DOC_DOWNLOAD, "現在の文書をダウンロード", "Download the current document") \
    X(M_DOC_PRUNE, "履歴のあるもので文書にないものは、削除せず廃止として残す", "Keep what has history but is not in the document as abolished instead of refusing") \
    X(M_DOC_PREVIEW, "変更内容を確認する", "Preview the changes") \
    X(M_DOC_APPLY, "この内容で置き換える", "Replace with these changes") \
    X(M_DOC_APPLIED, "件の変更を反映しました。", " changes were made.") \
    X(M_DOC_CHANGES, "件の変更があります。内容を確認してから置き換えてください。", " changes. Check them before you replace.") \
    X(M_DOC_REFUSED, "件は変更できないため、このままでは置き換えられません。理由は表の中にあります。", " of them cannot be made, so the document cannot replace the plans as it is: the table says why.") \
    X(M_DOC_NEW_ORG, "この団体はまだ登録されていません。文書全体を新しく取り込みます。", "The organisation is new: the whole document will be imported.") \
    X(M_DOC_NO_FILE, "取り込む文書ファイルを選んでください。", "Choose the document file to import.") \
    X(M_DOC_INVALID, "文書に問題があるため取り込めません。", "The document cannot be imported; it has problems:") \
    X(M_DOC_FIX_FILE, "問題を直したファイルを選び直してください。", "Choose the file again once the problems are fixed.") \
    X(M_DOC_OTHER_ORG, "別の団体の文書です。", "The document is of another organisation.") \
    X(M_DOC_LINK, "計画文書の取り込み", "Import a plan document") \
    X(M_XL_SECTION, "表計算ソフトで使う", "Spreadsheets") \
    X(M_XL_WORKBOOK, "個別業務一覧（Excel形式・xlsx）", "Measure list (Excel workbook, xlsx)") \
    X(M_XL_WORKBOOK_HINT, "個別業務一覧のほか、数値目標・実績値・四半期評価・業務棚卸し・ロジックモデルのシートがあります。", "With sheets of the KPIs, their measurements, the quarterly reviews, the workload inventory and the logic model.") \
    X(M_XL_CSV, "個別業務一覧（CSV・UTF-8）", "Measure list (CSV, UTF-8)") \
    X(M_XL_CSV_SJIS, "個別業務一覧（CSV・Shift_JIS）", "Measure list (CSV, Shift_JIS)") \
    X(M_XL_IMPORT, "個別業務一覧を取り込む", "Import a measure list") \
    X(M_XL_FILE, "計画文書（JSON）または個別業務一覧（xlsx・CSV）", "Plan document (JSON) or measure list (xlsx or CSV)") \
    X(M_XL_FILE_HINT, "個別業務一覧は、書き出したものと同じ列の並びで読み込みます。行にある取組を追加・変更し、行にない取組はそのまま残します。", "A measure list is read in the columns it is exported in: the measures on its rows are added or changed, and those not on it are left as they are.") \
    X(M_XL_PLAN, "計画", "Plan") \
    X(M_XL_PLAN_FROM_FILE, "ファイルの表題から判断する", "As the file's title says") \
    X(M_XL_NOT_READ, "読み込まない列（kawaruが計算・記録する値など）：", "Columns not read (figures kawaru computes or records, and others): ") \
    X(M_XL_ROWS, "行を読み込みました。", " rows read.") \
    X(M_DIFF_ABOLISHED, "廃止として保持", "Kept as abolished") \
    X(M_DIFF_REFUSED, "変更できません", "Refused") \
    X(M_E_BODY, "会議体", "Body") \
    X(M_E_MEETING, "会議", "Meeting") \
    X(M_F_TITLE, "名称", "Name") \
    X(M_F_TAGS, "タグ", "Tags") \
    X(M_F_SOURCE, "出典", "Source") \
    X(M_F_DECISION_NOTE, "判断の補足", "Decision note") \
    X(M_F_SUMMARY, "概要", "Summary") \
    X(M_F_MOTTO, "副題", "Motto") \
    X(M_F_CADENCE, "見直しの周期", "Review cadence") \
    X(M_F_PUBLISHED, "発行日", "Published") \
    X(M_F_ORDER, "並び順", "Order") \
    X(M_F_PARENT, "所属する部", "Parent") \
    X(M_F_DESCRIPTION, "説明", "Description") \
    X(M_F_MEETING_MEASURES, "取り上げた施策", "Measures taken up") \
    X(M_F_PREFECTURE, "都道府県", "Prefecture") \
    X(M_F_POPULATION, "人口", "Population") \
    X(M_NONE_WORD, "なし", "none") \
    X(M_YES, "はい", "Yes") \
    X(M_NO, "いいえ", "No") \
    X(M_REASON_PUBLISHING, "版・発行日・改訂履歴は「改訂履歴」で版を発行して変わります。文書の置き換えでは変えられません。", "A plan's version, date and revision history change by publishing a version (改訂履歴), not by replacing the document.") \
    X(M_REASON_HISTORY, "履歴があるため削除できません。文書に残すか、「履歴のあるものは廃止として残す」を選んでください", "It has history that removing it would lose: keep it in the document, or choose to keep what has history as abolished") \
    X(M_REASON_ABOLISHED, "履歴とともに廃止として残します", "Kept as abolished with its history") \
    X(M_H_REVIEWS, "四半期見直し", "reviews") \
    X(M_H_MEASUREMENTS, "実績値", "measurements") \
    X(M_H_MEETINGS, "会議", "meetings") \
    X(M_H_OPINIONS, "意見", "opinions") \
    X(M_H_VERSIONS, "発行した版", "published versions") \
    X(M_H_PERIODS, "見直しの四半期", "review quarters") \
    X(M_H_NOTIFICATIONS, "お知らせ", "notifications") \
    X(M_H_REPORTERS, "報告担当者", "reporters") \
    X(M_H_CONTACTS, "連絡先メール", "contact e-mail") \
    X(M_PUBLISHED_VERSION, "公開版", "Published version") \
    X(M_SEE_PUBLISHED, "公開版を見る", "See the published version") \
    X(M_MEASURE_SHEET, "施策シートを見る", "See the measure sheet") \
    X(M_INBOX, "受信箱", "Inbox") \
    X(M_INBOX_OF, "受信箱：", "Inbox: ") \
    X(M_INBOX_INTRO, "この課あてのお知らせです（見直しの開始、提出期限の前後のお知らせ、差戻し）。新しいものから順に示します。", \
      "Notifications to this department (review periods opened, reminders before and after deadlines, reports sent back), newest first.") \
    X(M_INBOX_COUNTS, "未読 %D件／全 %D件", "%D unread of %D") \
    X(M_INBOX_EMPTY, "お知らせはありません。", "No notifications.") \
    X(M_INBOX_MORE, "古いお知らせは表示していません（最新%d件を表示）。", "Older notifications are not shown (the latest %d are).") \
    X(M_INBOX_LINK, "この課の受信箱", "This department's inbox") \
    X(M_INBOX_UNREAD_N, "未読 %D件", "%D unread") \
    X(M_UNREAD, "未読", "Unread") \
    X(M_READ, "既読", "Read") \
    X(M_MARK_READ, "既読にする", "Mark as read") \
    X(M_RECEIVED_AT, "受信日時", "Received") \
    X(M_OPEN_LINK, "開く", "Open") \
    X(M_CONTACT_EMAIL, "メール通知先", "E-mail for reminders") \
    X(M_CONTACT_EMAIL_NONE, "未設定（受信箱にのみ届きます）", "None (notifications reach this inbox only)") \
    X(M_NK_PERIOD_OPENED, "見直しの開始", "Review opened") \
    X(M_NK_REMINDER_BEFORE, "提出期限前のお知らせ", "Reminder before the deadline") \
    X(M_NK_REMINDER_AFTER, "提出期限超過のお知らせ", "Reminder after the deadline") \
    X(M_NK_SENT_BACK, "差戻し", "Sent back") \
    X(M_NOTICE_TEXT_JA, "お知らせの本文は日本語です。", "Notifications are written in Japanese.") \
    X(M_LOGIN, "ログイン", "Sign in") \
    X(M_LOGOUT, "ログアウト", "Sign out") \
    X(M_LOGIN_ID, "ログインID", "Login") \
    X(M_PASSWORD, "パスワード", "Password") \
    X(M_LOGIN_INTRO, "職員用のアカウントでログインします。公開されている計画はログインしなくても見られます。", \
      "Sign in with your staff account. Published plans can be read without signing in.") \
    X(M_LOGIN_WRONG, "ログインIDまたはパスワードが違います。", "The login or password is wrong.") \
    X(M_LOGIN_LOCKED, "ログインの失敗が続いたため、15分間はログインできません。時間をおいてお試しください。", \
      "Too many failed sign-ins: signing in is refused for 15 minutes. Please try again later.") \
    X(M_LOGIN_BUSY, "ただいまログインが混み合っています。少し待ってからもう一度お試しください。", \
      "Too many sign-ins at once. Please wait a moment and try again.") \
    X(M_LOGIN_ID_REQUIRED, "ログインIDを入力してください。", "Enter your login.") \
    X(M_PASSWORD_REQUIRED, "パスワードを入力してください。", "Enter your password.") \
    X(M_SIGNED_IN_AS, "ログイン中：", "Signed in as ") \
    X(M_FEEDBACK, "ご意見", "Opinions") \
    X(M_FEEDBACK_RECEIVED, "寄せられたご意見", "Opinions received") \
    X(M_FEEDBACK_NONE, "公開されているご意見はまだありません。", "No opinions have been published yet.") \
    X(M_FEEDBACK_FORM, "ご意見をお寄せください", "Send us your opinion") \
    X(M_FEEDBACK_NOTE, "お寄せいただいたご意見は、事務局が内容を確認してから公開します。公開しないこともあります。個人情報は書かないでください。", \
      "Opinions are published only after the office has checked them, and some may not be published. Please do not write personal information.") \
    X(M_FEEDBACK_LIMITS, "ご意見は2000字以内、お名前は100字以内（任意）です。同じ接続元からは1時間に5件までお送りいただけます。", \
      "Opinions may be up to 2,000 characters and names (optional) up to 100. At most 5 opinions an hour are taken from one connection.") \
    X(M_FEEDBACK_TEXT, "ご意見（必須）", "Your opinion (required)") \
    X(M_FEEDBACK_NAME, "お名前（任意）", "Your name (optional)") \
    X(M_FEEDBACK_NAME_HINT, "公開するときに表示します。空欄のときは「匿名」と表示します。", "Shown with the opinion; left empty, it shows as “Anonymous”.") \
    X(M_FEEDBACK_SEND, "送信する", "Send") \
    X(M_FEEDBACK_THANKS, "ご意見ありがとうございました。事務局が確認したあと、このページに公開します。", \
      "Thank you for your opinion. It will appear on this page once the office has checked it.") \
    X(M_FEEDBACK_ANONYMOUS, "匿名", "Anonymous") \
    X(M_FEEDBACK_ANSWER, "事務局からの回答", "The office's answer") \
    X(M_FEEDBACK_RATE, "短い時間に多くのご意見が送られたため、受け付けられませんでした。時間をおいてお試しください。", \
      "Too many opinions were sent in a short time, so yours was not accepted. Please try again later.") \
    X(M_FEEDBACK_ERR_TEXT_LONG, "2000字以内で入力してください。", "Please use at most 2,000 characters.") \
    X(M_FEEDBACK_ERR_NAME_LONG, "100字以内で、改行を入れずに入力してください。", "Please use at most 100 characters, on one line.") \
    X(M_FEEDBACK_ERR_CONTROL, "使えない文字（制御文字）が含まれています。", "This holds characters that cannot be used (control characters).") \
    X(M_FEEDBACK_QUEUE, "ご意見の確認", "Opinions to moderate") \
    X(M_FEEDBACK_QUEUE_INTRO, "公開中の施策に寄せられたご意見です。未確認のものが先に並びます。公開すると施策の公開ページに回答とともに表示されます。", \
      "Opinions sent on published measures, pending ones first. Published opinions appear on the measure's public page with their answers.") \
    X(M_FEEDBACK_COUNTS, "施策ごとの件数", "Counts per measure") \
    X(M_FEEDBACK_PENDING, "未確認", "Pending") \
    X(M_FEEDBACK_PUBLISHED, "公開", "Published") \
    X(M_FEEDBACK_REJECTED, "非公開", "Rejected") \
    X(M_FEEDBACK_PUBLISH, "公開する", "Publish") \
    X(M_FEEDBACK_REJECT, "公開しない", "Reject") \
    X(M_FEEDBACK_ANSWER_FIELD, "回答（任意）", "Answer (optional)") \
    X(M_FEEDBACK_ANSWER_HINT, "公開するご意見と一緒に表示します。空欄のときは、これまでの回答を変えません。", \
      "Shown with the published opinion; left empty, the answer it has is kept.") \
    X(M_FEEDBACK_MODERATED, "ご意見の扱いを記録しました。", "The decision has been recorded.") \
    X(M_FEEDBACK_QUEUE_EMPTY, "ご意見はまだありません。", "No opinions yet.") \
    X(M_FEEDBACK_SENT_AT, "受付日時", "Received") \
    X(M_FEEDBACK_NAME_COL, "お名前", "Name") \
    X(M_FOOTER, "kawaru — 変わり続ける市役所のために", "kawaru — for a city hall that keeps changing") \
    EDIT_MESSAGES(X) \
    LOGIC_MESSAGES(X) \
    OPEN_DATA_MESSAGES(X) \
    PUBLIC_MESSAGES(X) \
    CATEGORY_MESSAGES(X)

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
/* A KPI's name, or 指標未設定 for one whose source states a target without naming it. */
const char *tr_kpi_name(const struct req *r, const struct kpi *k);
const char *tr_direction(const struct req *r, enum kpi_direction d);
/* A logic model's column heading: 前提条件 … インパクト / Assumption … Impact. */
const char *tr_lm_column(const struct req *r, enum lm_column c);
/* "2024年度（令和6年度）" in Japanese, "FY2024 (Reiwa 6)" in English. */
void tr_fy(const struct req *r, int fy, char *dst, size_t size);
/* The same, allocated in r->arena. */
const char *tr_fy_text(struct req *r, int fy);
/* A date in words: "2026年1月14日" / "14 Jan 2026", in the request's arena. */
const char *tr_date(struct req *r, kw_date d);
/* inner in brackets after a word: "（inner）" in Japanese, " (inner)" in English (M_P_OPEN,
 * M_P_CLOSE); allocated in r->arena, plain text (print it with %s). */
const char *tr_paren(struct req *r, const char *inner);
/* A rating level's label (the plan's scale is the organisation's own words) as HTML for %r, in
 * r->arena: the label itself in Japanese; in English the English word of a label the message
 * table knows (順調 → On track, the default and letter scales and a few common words), else the
 * Japanese label as lang="ja" with the note "(organisation's label)". */
const char *tr_rating_html(struct req *r, const char *label);

#endif
