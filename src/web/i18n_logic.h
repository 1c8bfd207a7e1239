/* The strings of the logic model page (page_logic.c, svg_logic.c): its seven columns' headings,
 * the outline and the words around the drawing. Japanese first, English beside it, like i18n.h,
 * which joins them into MESSAGES. */
#ifndef KAWARU_WEB_I18N_LOGIC_H
#define KAWARU_WEB_I18N_LOGIC_H

#define LOGIC_MESSAGES(X) \
    X(M_LM_TITLE, "ロジックモデル", "Logic model") \
    X(M_LM_COL_ASSUMPTION, W_LM_COL_ASSUMPTION, "Assumption") \
    X(M_LM_COL_INPUT, W_LM_COL_INPUT, "Input") \
    X(M_LM_COL_ACTIVITY, W_LM_COL_ACTIVITY, "Activity") \
    X(M_LM_COL_OUTPUT, W_LM_COL_OUTPUT, "Output") \
    X(M_LM_COL_OUTCOME_SHORT, W_LM_COL_OUTCOME_SHORT, "Short-term outcome") \
    X(M_LM_COL_OUTCOME_LONG, W_LM_COL_OUTCOME_LONG, "Long-term outcome") \
    X(M_LM_COL_IMPACT, W_LM_COL_IMPACT, "Impact") \
    X(M_LM_INTRO, "施策が、前提条件とインプットから、活動とアウトプットを経て、アウトカムとインパクトにつながる道筋です。項目には、だれに・どこに向けたものかと、数値目標（KPI）の最新値と状況を示します。", \
      "How the measures lead from assumptions and inputs, through activities and outputs, to outcomes and impact. Each item says whom it is for, and its KPIs' latest values and status.") \
    X(M_LM_COUNTS, "項目 %d件・つながり %d件", "%d items, %d links") \
    X(M_LM_FIGURE, "ロジックモデルの図", "Logic model diagram") \
    X(M_LM_FIGURE_DESC, "同じ内容を、図の下の「ロジックモデルの一覧」に文章で示しています。", \
      "The outline below the diagram says the same in text.") \
    X(M_LM_SCROLL, "ロジックモデルの図（横にスクロールできます）", "Logic model diagram (scrolls sideways)") \
    X(M_LM_SKIP, "図をとばして一覧へ", "Skip the diagram to the outline") \
    X(M_LM_OUTLINE, "ロジックモデルの一覧", "Logic model outline") \
    X(M_LM_FOR_WHOM, "だれに・どこに", "For whom") \
    X(M_LM_FOR_WHOM_LINE, "だれに・どこに：%s", "For whom: %s") \
    X(M_LM_LEADS_TO, "つながる先", "Leads to") \
    X(M_LM_NO_VALUE, "最新値なし", "No value yet") \
    X(M_LM_NO_VALUE_TARGET, "最新値なし・目標 %s", "No value yet · target %s") \
    X(M_LM_PAREN, "（%s）", " (%s)") \
    X(M_LM_EMPTY_COLUMN, "この列の項目はありません。", "This column has no items.") \
    X(M_LM_NONE, "この計画には、まだロジックモデルがありません。", "This plan has no logic model yet.") \
    X(M_LM_NONE_OFFICE, "ロジックモデルは事務局が編集ページで作ります。", "The office builds it on its editing page.") \
    X(M_LM_EDIT, "ロジックモデルを編集", "Edit the logic model") \
    X(M_LM_BACK_EDGE, "点線の矢印は、前の列または同じ列に戻るつながりです。", \
      "A dotted arrow is a link back to an earlier column or within a column.")

#endif
