/* The strings of the open data catalogue (page_open_data.c) and its links from the
 * organisations' pages. Japanese first, English beside it, like i18n.h, which joins them into
 * MESSAGES. */
#ifndef KAWARU_WEB_I18N_OPEN_DATA_H
#define KAWARU_WEB_I18N_OPEN_DATA_H

#define OPEN_DATA_MESSAGES(X) \
    X(M_OD_TITLE, "オープンデータ", "Open data") \
    X(M_OD_INTRO, "各自治体が公表した計画の取組・数値目標・実績値を、CSV と JSON のファイルで自由にお使いいただけます。載せるのは公表された版だけで、作業中の下書きは含みません。", \
      "The measures, KPIs and measurements of the plans each organisation has published, as CSV and JSON files that anyone may use. Only published versions are included, never a working draft.") \
    X(M_OD_LICENSE_H, "ライセンスと出典の書き方", "Licence and how to cite") \
    X(M_OD_LICENSE, "クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）", "Creative Commons Attribution 4.0 International (CC BY 4.0)") \
    X(M_OD_LICENSE_LEAD, "どのファイルも次のライセンスで提供します：", "Every file is provided under this licence: ") \
    X(M_OD_CITE, "利用するときは、出典としてその自治体の名前を示してください。例：「出典：江津市『数値目標』（CC BY 4.0）」。データを加工したときは、加工したことも示してください。", \
      "When you use the data, name the organisation as the source, for example: \"Source: Gotsu City, KPIs (CC BY 4.0)\". If you change the data, say that you changed it.") \
    X(M_OD_ORG_LICENSE, "%s。出典：%s", "%s. Attribution: %s") \
    X(M_OD_FORMATS, "CSV は Excel でそのまま開ける UTF-8（BOM 付き）で、Shift_JIS の版もあります。JSON は列ごとの名前（key）を持ち、数値は数値、日付は YYYY-MM-DD、空欄は null です。各ファイルのアドレスは変わりません。", \
      "CSV is UTF-8 with a byte order mark, which Excel opens as it is; a Shift_JIS version is there too. JSON names each column by its key: numbers are numbers, dates YYYY-MM-DD, empty cells null. The address of each file does not change.") \
    X(M_OD_NONE, "公表された計画のある自治体はまだありません。", "No organisation has published a plan yet.") \
    X(M_OD_RANGE, "全%D団体のうち %D〜%D団体目", "%D organisations; showing %D–%D") \
    X(M_OD_UPDATED, "最終更新", "Last updated") \
    X(M_OD_ROWS, "%d件", "%d rows") \
    X(M_OD_T_MEASURES, "個別業務一覧", "Measures") \
    X(M_OD_T_KPIS, "数値目標", "KPIs") \
    X(M_OD_T_MEASUREMENTS, "実績値", "Measurements") \
    X(M_OD_CSV_SJIS, "CSV（Shift_JIS）", "CSV (Shift_JIS)") \
    X(M_OD_API, "このページの一覧を JSON で（GET /api/v1/open-data）", "This list as JSON (GET /api/v1/open-data)") \
    X(M_OD_ORG_LINK, "この自治体の取組・数値目標・実績値を CSV と JSON で", "This organisation's measures, KPIs and measurements as CSV and JSON")

#endif
