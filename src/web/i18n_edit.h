/* The strings of the editing pages (issue 12 point 2), one X-macro list per page, joined into
 * MESSAGES by i18n.h. Japanese first, English beside it, like i18n.h. */
#ifndef KAWARU_WEB_I18N_EDIT_H
#define KAWARU_WEB_I18N_EDIT_H

/* What every editing page shares: the form kit (form.c), 廃止, orders and rows. */
#define MSG_FORM(X) \
    X(M_FORM_ADD_ROW, "行を追加", "Add a row") \
    X(M_FORM_ROWS_HINT, "空の行は無視します。行を追加するには、保存してから空の行に入力するか、「行を追加」を押してください。", \
      "Empty rows are left out. To add more rows, save and fill the empty rows that follow, or press “Add a row”.") \
    X(M_FORM_LINES_HINT, "1行に1項目を書きます。並べ替えは行の順序を入れ替えます。", \
      "One item per line; reorder the lines to reorder the items.") \
    X(M_FORM_WHOLE_YEAR, "通年", "Whole year") \
    X(M_FORM_QUARTER_N, "第%d四半期", "Q%d") \
    X(M_FORM_ITEMS, "項目（1行に1つ）", "Items (one per line)") \
    X(M_FORM_ROW_N, "%d行目", "Row %d") \
    X(M_FORM_DUPLICATE_PERIOD, "同じ年度・四半期の行が二つあります。一つにまとめてください。", \
      "Two rows have the same fiscal year and quarter: merge them.") \
    X(M_FORM_ITEMS_WITHOUT_FY, "年度を入力してください（項目がある行には年度が必要です）。", \
      "Enter the fiscal year of a row that has items.") \
    X(M_FORM_POSITION, "順序", "Order") \
    X(M_FORM_POSITION_HINT, "1 が先頭です。", "1 is first.") \
    X(M_FORM_ABOLISHED, "廃止する", "Abolish") \
    X(M_FORM_ABOLISHED_HINT, "廃止しても削除はしません。履歴（実績値・見直し・意見など）とともに残り、集計からは外れます。", \
      "Abolishing deletes nothing: it stays with its history (values, reviews, opinions) and leaves the roll-ups.") \
    X(M_FORM_ABOLISHED_BADGE, "廃止", "Abolished") \
    X(M_FORM_CANCEL, "戻る", "Back") \
    X(M_FORM_DELETE, "削除する", "Delete") \
    X(M_FORM_DELETED, "削除しました。", "Deleted.") \
    X(M_FORM_HAS_HISTORY, "履歴があるため削除できません。代わりに廃止してください。", \
      "It has history, so it cannot be deleted: abolish it instead.") \
    X(M_FORM_CODE_TAKEN, "この番号はすでに使われています。", "This code is in use already.") \
    X(M_FORM_CODE_SLASH, "番号に「/」は使えません。", "A code cannot contain “/”.") \
    X(M_FORM_MACHINE_CODE, "半角英小文字・数字・「-」「_」で64文字までです（例：madoguchi）。", \
      "Up to 64 characters of a-z, 0-9, - and _ (e.g. madoguchi).") \
    X(M_FORM_NOT_SAVED, "保存できませんでした。", "It could not be saved.") \
    X(M_FORM_ONLY_OFFICE, "この項目は事務局が変更します。", "The office changes this field.") \
    X(M_FORM_NONE_SELECTED, "（選択なし）", "(none)")

/* The measure edit page (page_measure_edit.c). */
#define MSG_MEASURE_EDIT(X) \
    X(M_ME_CODE, "施策番号", "Code") \
    X(M_ME_THEME, "施策の柱・テーマ", "Pillar and theme") \
    X(M_ME_DEPTS, "担当課", "Departments in charge") \
    X(M_ME_DEPTS_HINT, "上から順に並べます。1番目が主担当課です。", "In order; the first is the lead.") \
    X(M_ME_DEPT_N, "担当課 %d", "Department %d") \
    X(M_ME_LEAD, "主担当課", "Lead department") \
    X(M_ME_DUPLICATE_DEPT, "同じ課が二度選ばれています。", "A department is chosen twice.") \
    X(M_ME_MEANS_HINT, "1行に1つ（例：AI-OCR、RPA）。", "One per line (e.g. AI-OCR, RPA).") \
    X(M_ME_TAGS, "タグ", "Tags") \
    X(M_ME_LINKS_HINT, "連携する施策の番号を1行に1つ（例：1-1-2）。", "Codes of linked measures, one per line (e.g. 1-1-2).") \
    X(M_ME_LINK_UNKNOWN, "この計画にない施策番号があります：", "A code that is not a measure of this plan: ") \
    X(M_ME_OFFICE_PART, "計画の構成と約束（事務局）", "Structure and commitments (office)") \
    X(M_ME_CONTENT_PART, "取組の内容（担当課）", "Content (department)") \
    X(M_ME_REPORTER_NOTE, "担当課は、現状・スケジュール・進捗を更新できます。名称・番号・担当課・状況・指標の定義と目標は事務局が変更します。", \
      "A department updates the current state, schedule and progress. Title, code, departments, status and KPI definitions and targets are changed by the office.") \
    X(M_ME_KPIS_EDIT, "指標を編集", "Edit KPIs") \
    X(M_ME_NEW, "施策を追加", "Add a measure")

/* KPI pages (page_kpi_edit.c). */
#define MSG_KPI_EDIT(X) \
    X(M_KE_LIST_TITLE, "指標の編集", "Edit KPIs") \
    X(M_KE_LIST_HINT, "この順序で施策シートに表示されます。「上へ」「下へ」で並べ替えます。", \
      "The measure sheet shows the KPIs in this order; reorder them with “Up” and “Down”.") \
    X(M_KE_NEW, "指標を追加", "Add a KPI") \
    X(M_KE_EDIT, "指標を編集", "Edit KPI") \
    X(M_KE_NAME, "指標名", "Indicator") \
    X(M_KE_UNNAMED, "指標名なし（指標未設定）", "No indicator name (indicator not set)") \
    X(M_KE_UNNAMED_HINT, "計画で指標がまだ定められていないときに選びます。指標名は空にします。", \
      "Choose this while the plan has not set the indicator yet, and leave the name empty.") \
    X(M_KE_NAME_MISSING, "指標名を入力するか、「指標名なし（指標未設定）」を選んでください。", \
      "Enter the indicator, or choose “No indicator name”.") \
    X(M_KE_NAME_AND_UNNAMED, "「指標名なし」を選んだときは、指標名を空にしてください。", \
      "Leave the name empty when you choose “No indicator name”.") \
    X(M_KE_CODE, "指標番号（任意）", "Code (optional)") \
    X(M_KE_CODE_HINT, "施策の中で指標を見分ける記号です。指標名を変えても同じ指標と分かります（例：K1）。", \
      "Tells the KPI apart within the measure, also after a rename (e.g. K1).") \
    X(M_KE_UNIT_HINT, "例：%、件、時間", "E.g. %, cases, hours") \
    X(M_KE_BASELINE_PART, "基準（任意）", "Baseline (optional)") \
    X(M_KE_BASELINE_HINT, "基準値と基準年度は、両方入力するか両方空にします。", \
      "Enter both the baseline value and its fiscal year, or neither.") \
    X(M_KE_BASELINE_FY, "基準年度", "Baseline fiscal year") \
    X(M_KE_NEED_VALUE, "基準年度を入力したときは、基準値も入力してください。", \
      "Enter the baseline value too, or clear its fiscal year.") \
    X(M_KE_NEED_FY, "基準値を入力したときは、基準年度も入力してください（例：2024、令和6年度、R6）。", \
      "Enter the baseline's fiscal year too (e.g. 2024, 令和6年度, R6), or clear the value.") \
    X(M_KE_TARGET_PART, "目標", "Target") \
    X(M_KE_TARGET_SET, "目標値を定める", "Set a target value") \
    X(M_KE_TARGET_HINT, "「目標値を定める」を選んだときは、目標値と目標年度を入力します。", \
      "With “Set a target value”, enter the value and its fiscal year.") \
    X(M_KE_TARGET_FY, "目標年度", "Target fiscal year") \
    X(M_KE_NUMBER_HINT, "例：50、１２．５、約11.0", "E.g. 50, 12.5 in half- or full-width digits, or 約11.0") \
    X(M_KE_FY_HINT, "例：2026、令和8年度、R8", "E.g. 2026, 令和8年度, R8") \
    X(M_KE_DEFINITION_HINT, "何を、どのように数えるか。", "What is counted, and how.") \
    X(M_KE_SOURCE, "データの出所", "Data source") \
    X(M_KE_SOURCE_HINT, "値をどこから取るか（例：窓口受付システムの月次集計）。", \
      "Where the values come from (e.g. the counter system's monthly totals).") \
    X(M_KE_DELETE_PART, "指標を削除", "Delete the KPI") \
    X(M_KE_DELETE_HINT, "実績値のない指標だけを削除できます。実績値がある指標は、削除せずに廃止します。", \
      "Only a KPI without values can be deleted; one with values is abolished instead.") \
    X(M_KE_GO_ABOLISH, "「廃止する」に印を付けて保存する", "Tick “Abolish” and save") \
    X(M_KE_ACTIONS, "操作", "Actions") \
    X(M_KE_UP, "上へ", "Up") \
    X(M_KE_DOWN, "下へ", "Down") \
    X(M_KE_UP_LABEL, "上へ：%s", "Up: %s") \
    X(M_KE_DOWN_LABEL, "下へ：%s", "Down: %s") \
    X(M_KE_EDIT_LABEL, "編集：%s", "Edit: %s") \
    X(M_KE_BAD_MOVE, "並べ替えの向きが分かりませんでした。", "The direction of the move was not understood.") \
    X(M_KE_TO_SHEET, "施策シートに戻る", "Back to the measure sheet") \
    X(M_KE_TO_LIST, "指標の一覧に戻る", "Back to the KPI list") \
    X(M_KE_BASELINE_VALUE, "基準値", "Baseline value") \
    X(M_KE_TARGET_VALUE, "目標値", "Target value") \
    X(M_KE_UNIT_IS, "単位：%s", "Unit: %s") \
    X(M_KE_TARGET_IS, "　目標値：", " · Target: ")

/* The plan, its pillars and themes (page_plan_edit.c). */
#define MSG_PLAN_EDIT(X) \
    X(M_PE_EDIT_PLAN, "計画を編集", "Edit plan") \
    X(M_PE_EDIT_STRUCTURE, "構成（柱・テーマ）を編集", "Edit structure (pillars and themes)") \
    X(M_PE_STRUCTURE, "構成（柱・テーマ）", "Structure") \
    X(M_PE_PLAN_TITLE, "計画の名称", "Title") \
    X(M_PE_PLAN_CODE, "計画の記号（任意）", "Code (optional)") \
    X(M_PE_PLAN_CODE_HINT, "名称を変えても同じ計画とわかるための短い記号です（例：dx2024）。「/」は使えません。", \
      "A short code that finds the plan again after a rename (e.g. dx2024); no “/”.") \
    X(M_PE_PERIOD_HINT, "例：2024、令和6年度、R6。空欄にもできます。", "e.g. 2024, 令和6年度, R6. Either may be left empty.") \
    X(M_PE_FROM_FY, "開始年度", "First fiscal year") \
    X(M_PE_TO_FY, "終了年度", "Last fiscal year") \
    X(M_PE_PERIOD_ORDER, "終了年度は開始年度と同じか、それより後にしてください。", \
      "The last fiscal year cannot be before the first.") \
    X(M_PE_CADENCE, "見直しの周期", "Review cadence") \
    X(M_PE_MOTTO, "スローガン", "Motto") \
    X(M_PE_SUMMARY, "概要", "Summary") \
    X(M_PE_VISION_HINT, "計画がめざす姿を、見出しと説明で書きます。", "What the plan aims at: a heading and a text each.") \
    X(M_PE_PRINCIPLES_HINT, "職員の行動指針を、見出しと説明で書きます。", "The principles staff act on: a heading and a text each.") \
    X(M_PE_FOUNDATION_HINT, "柱を支える土台（例：「変わり続ける」ことが当たり前の風土の醸成）。", \
      "What the pillars stand on (e.g. a culture where change is normal).") \
    X(M_PE_CHALLENGES_HINT, "計画が答える、これまでの主な課題。", "The problems the plan answers.") \
    X(M_PE_ROW_TITLE, "見出し", "Heading") \
    X(M_PE_ROW_TEXT, "説明", "Text") \
    X(M_PE_ROW_TITLE_MISSING, "見出しを入力してください（説明だけの行は保存できません）。", \
      "Enter a heading: a row cannot hold a text alone.") \
    X(M_PE_GOALS_HINT, "例：業務量 30 ％ 減少（2027年度）。", "e.g. workload: 30 %, decrease, by FY2027.") \
    X(M_PE_GOAL_NAME, "目標", "Goal") \
    X(M_PE_GOAL_FY, "目標年度", "Target year") \
    X(M_PE_GOAL_KIND, "種類", "Kind") \
    X(M_PE_GOAL_KIND_PLAIN, "一般", "General") \
    X(M_PE_GOAL_KIND_WORKLOAD, "業務量削減（業務棚卸しで測る）", "Workload reduction (measured by the inventory)") \
    X(M_PE_GOAL_BASE_FY, "基準の調査年度", "Baseline survey year") \
    X(M_PE_GOAL_NAME_MISSING, "目標の名前を入力してください。", "Enter the goal's name.") \
    X(M_PE_GOAL_VALUE_MISSING, "目標値を入力してください。", "Enter the target value.") \
    X(M_PE_ABOLISH_PLAN, "この計画を廃止する", "Abolish this plan") \
    X(M_PE_STRUCTURE_INTRO, "柱とテーマの番号・名称・順序を変更し、施策を追加します。施策の内容は各施策の編集画面で変更します。", \
      "Change the codes, titles and order of the pillars and themes, and add measures. A measure's content is edited on its own page.") \
    X(M_PE_BACK_TO_PLAN, "計画に戻る", "Back to the plan") \
    X(M_PE_BACK_TO_STRUCTURE, "構成に戻る", "Back to the structure") \
    X(M_PE_NO_PILLARS, "柱はまだありません。", "No pillars yet.") \
    X(M_PE_NO_THEMES, "テーマはまだありません。", "No themes yet.") \
    X(M_PE_MEASURES_N, "（施策 %d件）", "(measures: %d)") \
    X(M_PE_NAMED, "%s（%s）", "%s (%s)") \
    X(M_PE_LABELLED, "%s：%s", "%s: %s") \
    X(M_PE_DIRECT_NOTE, "テーマを設けず、柱の下に直接施策を置いています。", "This pillar holds its measures directly, without themes.") \
    X(M_PE_NEW_PILLAR, "柱を追加", "Add a pillar") \
    X(M_PE_EDIT_PILLAR, "柱を編集", "Edit pillar") \
    X(M_PE_PILLAR_CODE, "柱の番号", "Pillar code") \
    X(M_PE_PILLAR_CODE_HINT, "例：1、A、Ⅰ。「/」は使えません。", "e.g. 1, A, Ⅰ; no “/”.") \
    X(M_PE_PILLAR_NAME, "柱の名称", "Pillar title") \
    X(M_PE_POSITION_HINT, "1 が先頭、%d が最後です。", "1 is first, %d is last.") \
    X(M_PE_POSITION_RANGE, "1 から %d までの整数を入力してください。", "Enter a whole number from 1 to %d.") \
    X(M_PE_POSITION_MOVED, "この順序には置けませんでした。ページを読み込み直して、もう一度お試しください。", \
      "It could not be put in this place: reload the page and try again.") \
    X(M_PE_POSITION_IN_NEW_PILLAR, "（移した先の柱での順序です）", "(its place in the new pillar)") \
    X(M_PE_CODE_CLASH, "この番号にすると、ほかの施策と番号だけでは区別できなくなります。別の番号にするか、テーマに番号を付けてください。", \
      "With this code two measures would have the same address: choose another code, or give the themes codes.") \
    X(M_PE_DELETE_PILLAR, "この柱を削除する", "Delete this pillar") \
    X(M_PE_PILLAR_DELETE_HINT, "テーマのない柱だけを削除できます。テーマがあるときは、先にテーマを削除するかほかの柱へ移すか、削除せずに廃止してください。", \
      "Only a pillar without themes can be deleted. Delete its themes or move them to another pillar first, or abolish the pillar instead.") \
    X(M_PE_PILLAR_HAS_THEMES, "この柱にはテーマがあるため、削除できません。先にテーマを削除するかほかの柱へ移してください。残す場合は廃止してください。", \
      "This pillar has themes, so it cannot be deleted. Delete its themes or move them to another pillar first, or abolish it instead.") \
    X(M_PE_PILLAR_DELETED, "柱を削除しました。", "The pillar was deleted.") \
    X(M_PE_NEW_THEME, "テーマを追加", "Add a theme") \
    X(M_PE_PILLAR_TAKES_NO_THEMES, "この柱はテーマを設けず、施策を直接置いています。テーマは追加できません。施策は構成の画面の「施策を追加」から加えてください。", \
      "This pillar holds its measures directly, without themes, so no theme can be added. Add measures with “Add a measure” on the structure page.") \
    X(M_PE_EDIT_THEME, "テーマを編集", "Edit theme") \
    X(M_PE_THEME_CODE, "テーマの番号（任意）", "Theme code (optional)") \
    X(M_PE_THEME_CODE_HINT, "例：①、(1)。「/」は使えません。", "e.g. ①, (1); no “/”.") \
    X(M_PE_THEME_NAME, "テーマの名称", "Theme title") \
    X(M_PE_THEME_PILLAR, "属する柱", "Pillar") \
    X(M_PE_THEME_PILLAR_HINT, "ほかの柱を選ぶと、テーマを施策ごとその柱へ移します。", \
      "Choosing another pillar moves the theme there, with its measures.") \
    X(M_PE_THEME_POSITION_HINT, "1 が先頭、%d が最後です。柱を変えて順序をそのままにすると、移した先の最後に置きます。", \
      "1 is first, %d is last. A theme moved to another pillar with its order left as it was goes last there.") \
    X(M_PE_DELETE_THEME, "このテーマを削除する", "Delete this theme") \
    X(M_PE_THEME_DELETE_HINT, "施策のないテーマだけを削除できます。施策があるときは、先に施策をほかのテーマへ移すか、削除せずに廃止してください。", \
      "Only a theme without measures can be deleted. Move its measures to another theme first, or abolish the theme instead.") \
    X(M_PE_THEME_HAS_MEASURES, "このテーマには施策があるため、削除できません。先に施策をほかのテーマへ移してください。残す場合は廃止してください。", \
      "This theme has measures, so it cannot be deleted. Move its measures to another theme first, or abolish it instead.") \
    X(M_PE_THEME_DELETED, "テーマを削除しました。", "The theme was deleted.") \
    X(M_PE_ADD_TO, "追加先", "Adding to") \
    X(M_PE_NEW_MEASURE_INTRO, "番号・名称・主担当課を入れて追加すると、続けてほかの項目を入力する編集画面に進みます。", \
      "Enter the code, title and lead department; the measure's edit page for the rest follows.") \
    X(M_PE_MEASURE_CODE_HINT, "例：1-1-3。テーマの中で重ならない番号にします。「/」は使えません。", \
      "e.g. 1-1-3: unique within the theme; no “/”.") \
    X(M_PE_LEAD_HINT, "ほかの担当課は、追加したあとの編集画面で加えます。", "Add other departments on the edit page that follows.") \
    X(M_PE_LEAD_REQUIRED, "主担当課を選んでください。", "Choose the lead department.") \
    X(M_PE_ADD_AND_EDIT, "追加して続きを入力する", "Add and go on")

/* Departments (page_departments.c). */
#define MSG_DEPT_EDIT(X) \
    X(M_DE_TITLE, "部署の編集", "Edit departments") \
    X(M_DE_EDIT_LINK, "部署を編集", "Edit departments") \
    X(M_DE_INTRO, "部と課の一覧です。課は属する部の下に示します。部署名を押すと、名称・コード・上位の部署・メール通知先・順序を変えたり、廃止したりできます。", \
      "The divisions (部) with their sections (課) under them. Choose a department's name to change its name, code, parent, e-mail or order, or to abolish it.") \
    X(M_DE_NONE, "部署はまだありません。", "No departments yet.") \
    X(M_DE_ADD, "部署を追加", "Add a department") \
    X(M_DE_CODE, "部署コード", "Department code") \
    X(M_DE_CODE_BAD, "半角英小文字・数字・「-」「_」だけで、64文字までにしてください。", \
      "Use only a-z, 0-9, - and _, up to 64 characters.") \
    X(M_DE_NAME, "名称", "Name") \
    X(M_DE_NAME_HINT, "例：市民課、総務部", "E.g. 市民課, 総務部") \
    X(M_DE_NAME_TAKEN, "この名称の部署はすでにあります。", "A department of this name exists already.") \
    X(M_DE_PARENT, "上位の部署", "Parent department") \
    X(M_DE_PARENT_HINT, "課であれば、属する部を選びます。部であれば「なし」のままにします。", \
      "For a section (課), choose its division (部); leave a division at “none”.") \
    X(M_DE_PARENT_NONE, "（なし：最上位の部署）", "(none: a top-level department)") \
    X(M_DE_PARENT_CYCLE, "「%s」はこの部署自身か、その下にある部署なので、上位の部署にはできません。", \
      "“%s” is this department or one below it, so it cannot be its parent.") \
    X(M_DE_EMAIL_HINT, "見直しの開始や提出期限のお知らせを、受信箱のほかにこのアドレスへも送ります（例：shimin@city.example.lg.jp）。空にすると受信箱にだけ届きます。", \
      "Review openings and deadline reminders are also sent to this address, besides the inbox (e.g. shimin@city.example.lg.jp). Leave it empty for the inbox only.") \
    X(M_DE_EMAIL_BAD, "メールアドレスの形で入力してください（例：name@example.jp）。", \
      "Enter an e-mail address (e.g. name@example.jp).") \
    X(M_DE_POSITION_HINT, "同じ上位の部署の中での順序です。1 が先頭です。上位の部署を変えて順序をそのままにすると、移った先の最後になります。", \
      "The order among the departments of the same parent; 1 is first. When the parent changes and this is left as it is, the department goes last.") \
    X(M_DE_POSITION_BAD, "1 以上の整数を入力してください。", "Enter a whole number of 1 or more.") \
    X(M_DE_ABOLISHED_HINT, "廃止しても削除はしません。担当課としての記録やお知らせの履歴とともに残り、施策の担当課を選ぶ一覧には出なくなります。", \
      "Abolishing deletes nothing: it stays with its measures and notifications, and is no longer offered as a department in charge.") \
    X(M_DE_MEASURES_N, "担当施策 %D件", "%D measures in charge") \
    X(M_DE_EDIT_TITLE, "部署の編集：", "Edit department: ") \
    X(M_DE_ADDED, "「%s」を追加しました。", "“%s” was added.") \
    X(M_DE_SAVED, "「%s」を保存しました。", "“%s” was saved.") \
    X(M_DE_BACK, "部署の一覧へ戻る", "Back to the departments") \
    X(M_DE_DELETE_HEAD, "部署の削除", "Deleting the department") \
    X(M_DE_DELETE_HINT, "施策の担当課になっておらず、お知らせ・報告担当者・メール通知先のない部署だけを削除できます。その下の部署は最上位の部署になります。", \
      "Only a department that no measure names and that has no notifications, reporters or e-mail can be deleted. Departments under it become top-level ones.") \
    X(M_DE_DELETE, "この部署を削除する", "Delete this department") \
    X(M_DE_IN_USE, "施策の担当課になっているため削除できません。代わりに廃止してください。", \
      "Measures name it as a department in charge, so it cannot be deleted: abolish it instead.") \
    X(M_DE_WHY, "削除できない理由：", "Why:") \
    X(M_DE_WHY_MEASURES, "担当課にしている施策 %D件", "%D measures name it as a department in charge") \
    X(M_DE_WHY_NOTIFICATIONS, "受信箱のお知らせ %D件", "%D notifications in its inbox") \
    X(M_DE_WHY_REPORTERS, "この部署の報告担当者 %D人", "%D reporters of this department") \
    X(M_DE_WHY_CONTACT, "メール通知先の設定", "its e-mail for reminders") \
    X(M_DE_ABOLISH_NOTE, "廃止すれば、履歴はそのまま残ります。", "Abolished, it keeps all of this.") \
    X(M_DE_ALREADY_ABOLISHED, "この部署はすでに廃止されています。", "This department is abolished already.")

/* Bodies, members, topics and meetings (page_body_edit.c, page_meeting_edit.c). */
#define MSG_BODY_EDIT(X) \
    X(M_BE_ADD_BODY, "推進体制に追加", "Add to the organisation") \
    X(M_BE_NEW_BODY, "会議体を追加", "Add a body") \
    X(M_BE_EDIT_BODY, "会議体を編集", "Edit the body") \
    X(M_BE_CODE, "コード", "Code") \
    X(M_BE_NAME, "名称", "Name") \
    X(M_BE_KIND_CHOOSE, "（選んでください）", "(choose one)") \
    X(M_BE_HEADCOUNT_HINT, "メンバーを一人ずつ書かなくても入れられます。空欄は「記載なし」です。", \
      "Stated whether or not the members are listed one by one; leave it empty when not stated.") \
    X(M_BE_ERR_HEADCOUNT, "1 から %d までの整数を入力してください（例：28）。", "Enter a whole number from 1 to %d (e.g. 28).") \
    X(M_BE_TOPICS_HINT, "1行に1つ（例：窓口のデジタル化）。", "One per line (e.g. digital counters).") \
    X(M_BE_MEMBERS_HINT, "氏名・職と役割は必須です（例：市長／本部長）。所属は任意です。", \
      "Name or post and role are required (e.g. Mayor / Chair). The department is optional.") \
    X(M_BE_ERR_MEMBER_NAME, "氏名・職を入力してください。", "Enter the member's name or post.") \
    X(M_BE_ERR_MEMBER_ROLE, "役割を入力してください（例：委員長、委員）。", "Enter the member's role (e.g. Chair, Member).") \
    X(M_BE_ERR_DEPT, "この所属はこの団体の部署にありません。一覧から選んでください。", \
      "That department is not one of this organisation's: choose one of the list.") \
    X(M_BE_POSITION_HINT, "推進体制の中での順序です。1 が先頭です（1〜%d）。", "Its place in the list: 1 is first (1 to %d).") \
    X(M_BE_ERR_POSITION, "1 から %d までの数を入力してください。", "Enter a number from 1 to %d.") \
    X(M_BE_DELETE_PART, "削除", "Delete") \
    X(M_BE_DELETE_BODY, "この会議体を削除する", "Delete this body") \
    X(M_BE_DELETE_BODY_Q, "この会議体を削除しますか。メンバーと検討事項も削除され、元に戻せません。", \
      "Delete this body? Its members and topics go with it; this cannot be undone.") \
    X(M_BE_DELETE_BODY_YES, "削除する（元に戻せません）", "Delete (cannot be undone)") \
    X(M_BE_BODY_MEETINGS_N, "この会議体には会議の記録が %d件 あります。", "Meetings recorded for this body: %d.") \
    X(M_BE_ABOLISH_INSTEAD, "廃止する（記録は残ります）", "Abolish it (the records stay)") \
    X(M_BE_ALREADY_ABOLISHED, "この会議体はすでに廃止されています。", "This body has been abolished already.") \
    X(M_BE_NEW_MEETING, "会議を追加", "Add a meeting") \
    X(M_BE_EDIT_MEETING, "会議を編集", "Edit the meeting") \
    X(M_BE_DATE_HINT, "YYYY-MM-DD の形で入力します（例：2025-05-20）。", "As YYYY-MM-DD (e.g. 2025-05-20).") \
    X(M_BE_MEASURES_HINT, "会議で取り上げた施策を選び、決定したことや補足を書きます。", \
      "Choose each measure the meeting took up and write what was decided.") \
    X(M_BE_DECISION, "決定事項・補足", "Decision or note") \
    X(M_BE_ERR_MEASURE_TWICE, "同じ施策が二度選ばれています。", "A measure is chosen twice.") \
    X(M_BE_ERR_NOTE_ALONE, "決定事項・補足を書いた行では施策を選んでください。", "Choose the measure of a row that has a note.") \
    X(M_BE_NO_MEASURES, "この団体の計画にはまだ施策がありません。", "This organisation's plans have no measures yet.") \
    X(M_BE_DELETE_MEETING, "この会議を削除する", "Delete this meeting") \
    X(M_BE_DELETE_MEETING_Q, "この会議の記録を削除しますか。取り上げた施策の記録も削除され、元に戻せません（削除したことは監査ログに残ります）。", \
      "Delete this meeting's record? The measures it took up go with it; this cannot be undone (the audit log keeps the deletion).") \
    X(M_BE_DELETE_MEETING_YES, "会議を削除する（元に戻せません）", "Delete the meeting (cannot be undone)")

/* The workload page and the survey upload (page_workload.c, page_workload_import.c, svg_pareto.c). */
#define MSG_WORKLOAD(X) \
    X(M_WL_TITLE, "業務量の削減（業務棚卸し）", "Workload reduction (inventory)") \
    X(M_WL_SHORT, "業務量", "Workload") \
    X(M_WL_INTRO, "業務量調査（業務棚卸し）の時間数と、施策で適用する手段による削減の見込み・実績を、計画の業務量削減目標と比べます。", \
      "The hours of the workload survey, and the reduction the means applied by measures are expected to bring and have brought, against the plan's workload-reduction goal.") \
    X(M_WL_CREATED, "作成日（日本時間）：%s", "Date (Japan time): %s") \
    X(M_WL_SURVEY_FY, "調査年度", "Survey year") \
    X(M_WL_SHOW, "表示", "Show") \
    X(M_WL_IMPORTED, "業務量調査を取り込みました。", "The survey was imported.") \
    X(M_WL_IMPORTED_COUNTS, "課：%d、業務：%d件、手順：%d件", "Departments: %d, businesses: %d, steps: %d") \
    X(M_WL_NO_SURVEY, "この団体には、まだ業務量調査（業務棚卸し）がありません。", "This organisation has no workload survey yet.") \
    X(M_WL_NO_SURVEY_FY, "この年度の業務量調査はありません。", "There is no workload survey of this year.") \
    X(M_WL_SURVEY_IS_OFFICE, "業務量調査は事務局が各課とともに行います。調査票（CSV）に各課の業務と手順、年間件数、所要時間を記入し、取込みページから取り込むと、ここに時間数と削減の進み具合が表示されます。", \
      "The survey is the office's to make with each department: fill in the survey form (CSV) with each department's businesses and steps, yearly volumes and minutes, and upload it on the import page; the hours and the progress toward the goal then show here.") \
    X(M_WL_TEMPLATE, "調査票（CSV）をダウンロード", "Download the survey form (CSV)") \
    X(M_WL_UPLOAD, "業務量調査を取り込む", "Import a survey") \
    X(M_WL_MATRIX, "業務×手段の表（STEP3）", "Businesses × means (STEP3)") \
    X(M_WL_GOAL, "業務量削減の目標", "Workload-reduction goal") \
    X(M_WL_NO_GOAL, "計画に業務量削減の目標がありません。", "No plan of this organisation has a workload-reduction goal.") \
    X(M_WL_GOAL_TEXT, "業務量を %s%% 削減", "Reduce the workload by %s%%") \
    X(M_WL_BY_FY, "（%sまで）", " (by %s)") \
    X(M_WL_BASELINE, "基準の業務量", "Baseline hours") \
    X(M_WL_PROJECTED, "手段適用後の見込み", "Projected after the means") \
    X(M_WL_REALISED, "実績", "Realised") \
    X(M_WL_HOURS_YEAR, "時間／年", "hours a year") \
    X(M_WL_HOURS, "時間", "Hours") \
    X(M_WL_UNIT, "単位：時間／年", "In hours a year.") \
    X(M_WL_REDUCTION, "削減率", "Reduction") \
    X(M_WL_REDUCTION_OF_GOAL, "%1$s%% 削減（目標 %3$s%% の %2$s%%）", "%1$s%% less (%2$s%% of the %3$s%% goal)") \
    X(M_WL_REDUCTION_ALONE, "%s%% 削減", "%s%% less") \
    X(M_WL_NO_LATER, "後の年度の調査がまだないため、実績はありません。", "No later survey yet, so nothing is realised.") \
    X(M_WL_LATER_SURVEY, "%sの調査による", "from the survey of %s") \
    X(M_WL_PROGRESS, "目標に対する進み具合", "Progress toward the goal") \
    X(M_WL_GOAL_LINE, "目標", "Goal") \
    X(M_WL_BY_DEPT, "部署別", "By department") \
    X(M_WL_BY_MEANS, "手段別", "By means") \
    X(M_WL_BY_MEASURE, "施策別", "By measure") \
    X(M_WL_BY_STAFF, "担い手別", "By staff type") \
    X(M_WL_STAFF, "担い手", "Staff") \
    X(M_WL_SHARE, "割合", "Share") \
    X(M_WL_APPLIED_HOURS, "適用した手順の時間", "Hours of the steps applied to") \
    X(M_WL_SAVED_HOURS, "削減見込みの時間", "Hours taken off") \
    X(M_WL_NO_MEANS, "まだ手段を適用した手順はありません。", "No means is applied to a step yet.") \
    X(M_WL_NO_MEASURE, "（施策の指定なし）", "(no measure named)") \
    X(M_WL_UNKNOWN, "（不明）", "(unknown)") \
    X(M_WL_TOTAL, "合計", "Total") \
    X(M_WL_STAFF_REGULAR, "正規職員", "Regular staff") \
    X(M_WL_STAFF_FISCAL, "会計年度任用職員", "Fiscal-year staff") \
    X(M_WL_STAFF_OUTSOURCED, "委託", "Outsourced") \
    X(M_WL_PARETO, "業務別の時間（パレート図）", "Hours by business (Pareto chart)") \
    X(M_WL_PARETO_DESC, "業務を時間の多い順に並べた棒グラフと、累積割合の折れ線です。同じ内容を下の表に示します。", \
      "Businesses as bars, most hours first, with the cumulative share as a line; the table below holds the same figures.") \
    X(M_WL_PARETO_TOP, "グラフには上位 %d 業務を示します。表にはすべての業務があります。", "The chart shows the top %d businesses; the table has them all.") \
    X(M_WL_RANK, "順位", "Rank") \
    X(M_WL_BUSINESS, "業務", "Business") \
    X(M_WL_CUMULATIVE, "累積割合", "Cumulative share") \
    X(M_WL_API, "この数値をJSONで取得", "These figures as JSON") \
    X(M_WL_IMPORT_TITLE, "業務量調査の取込み", "Import a workload survey") \
    X(M_WL_IMPORT_INTRO, "業務量調査（業務棚卸し）のCSVファイルを取り込みます。ファイルに含まれる課と調査年度ごとに、その課のその年度の調査をファイルの内容で置き換えます。ファイルに誤りが一つでもあれば、何も取り込みません。", \
      "Imports a workload survey CSV file. For each department and survey year the file names, the file replaces that department's survey of that year. If the file has a single problem, nothing is imported.") \
    X(M_WL_FILE, "調査票のCSVファイル", "Survey CSV file") \
    X(M_WL_FILE_HINT, "UTF-8（BOM付きも可）またはShift_JISのCSV。1行に1手順を書きます。列は調査票のとおりです。", \
      "A CSV file in UTF-8 (with or without BOM) or Shift_JIS, one row per step, with the survey form's columns.") \
    X(M_WL_IMPORT_SUBMIT, "取り込む", "Import") \
    X(M_WL_IMPORT_FAILED, "取り込めませんでした。何も変更していません。次の誤りを直して、もう一度取り込んでください。", \
      "The file was not imported and nothing changed. Correct these problems and import it again.") \
    X(M_WL_NO_FILE, "CSVファイルを選んでください。", "Choose a CSV file.") \
    X(M_WL_FIX_FILE, "ファイルの内容を直してください。", "Correct the file.") \
    X(M_WL_EXAMPLE, "記入例", "Example")

/* The STEP3 matrix of means applied to steps (page_matrix.c, issue 14 point 3). */
#define MSG_MATRIX(X) \
    X(M_MX_TITLE, "業務×手段マトリクス（STEP3）", "Business × means matrix (STEP3)") \
    X(M_MX_INTRO, "列は業務とその手順（①②③…）、行は手段です。セルには適用した手段の削減見込みと状況を示します。", \
      "Columns are businesses and their numbered steps (①②③…), rows are means; a cell shows an applied means' expected reduction and status.") \
    X(M_MX_TO_WORKLOAD, "業務量と削減目標の進み具合", "Workload and progress toward the goal") \
    X(M_MX_TEMPLATE, "業務量調査票（CSV）", "Survey template (CSV)") \
    X(M_MX_FY, "調査年度", "Survey year") \
    X(M_MX_DEPT, "部署", "Department") \
    X(M_MX_MEANS, "手段", "Means") \
    X(M_MX_MEASURE, "施策", "Measure") \
    X(M_MX_ALL, "すべて", "All") \
    X(M_MX_FILTER, "絞り込む", "Filter") \
    X(M_MX_FILTER_LEGEND, "表示する範囲", "What to show") \
    X(M_MX_NO_SURVEY, "この団体にはまだ業務量調査がありません。調査票（CSV）に記入して取り込んでください。", \
      "This organisation has no workload survey yet: fill in the survey template (CSV) and import it.") \
    X(M_MX_NO_BUSINESS, "この条件に合う業務はありません。", "No business matches these filters.") \
    X(M_MX_NO_APPLIED, "この条件で適用されている手段はまだありません。", "No means is applied under these filters yet.") \
    X(M_MX_BASELINE, "調査時の業務量", "Hours surveyed") \
    X(M_MX_PROJECTED, "手段適用後の見込み", "Hours projected") \
    X(M_MX_REDUCTION_PCT, "削減見込み", "Expected reduction") \
    X(M_MX_HOURS, "%s時間", "%s h") \
    X(M_MX_PER_YEAR, "年%s", "%s a year") \
    X(M_MX_SAVED, "削減時間（年）", "Hours saved a year") \
    X(M_MX_CAPTION, "業務（列）の手順ごとに適用した手段（行）", "Means (rows) applied to each step of the businesses (columns)") \
    X(M_MX_TABLE, "業務×手段マトリクス", "business × means matrix") \
    X(M_MX_PLANNED, "予定", "Planned") \
    X(M_MX_IN_PROGRESS, "実施中", "In progress") \
    X(M_MX_DONE, "完了", "Done") \
    X(M_MX_CHANGE_LINK, "変更", "Change") \
    X(M_MX_CHANGE_LABEL, "%sの変更", "Change %s") \
    X(M_MX_CANDIDATE, "候補", "candidate") \
    X(M_MX_CANDIDATE_LABEL, "候補：%sを適用する", "candidate: apply %s") \
    X(M_MX_CANDIDATE_NOTE, "「候補」は、手順の経路（窓口・電話など）や紙・押印などの特徴に合う、まだ適用していない手段です。", "A “candidate” is a means not yet applied that fits the step's channel (counter, phone …) or its features (paper, seal …).") \
    X(M_MX_STEP, "手順", "Step") \
    X(M_MX_REDUCTION, "削減見込み（%）", "Expected reduction (%)") \
    X(M_MX_REDUCTION_HINT, "0〜100 の数です。空欄のときは手段の標準値を使います。", "A number from 0 to 100; empty: the means' default.") \
    X(M_MX_PLANNED_FY, "実施予定年度", "Planned fiscal year") \
    X(M_MX_PLANNED_FY_HINT, "例：2025、令和7年度。未定なら空欄にします。", "E.g. 2025 or 令和7年度; leave it empty when not yet planned.") \
    X(M_MX_NO_MEASURE, "施策なし（未定）", "No measure (yet)") \
    X(M_MX_CHOOSE, "選んでください", "Choose one") \
    X(M_MX_APPLY_TITLE, "手段を手順に適用する", "Apply a means to a step") \
    X(M_MX_APPLY, "適用する", "Apply") \
    X(M_MX_LIST_TITLE, "適用した手段の一覧", "The means applied") \
    X(M_MX_SAVE, "変更を保存する", "Save the changes") \
    X(M_MX_REMOVE, "適用を取り消す", "Remove the application") \
    X(M_MX_UPDATED, "マトリクスを更新しました。", "The matrix is updated.") \
    X(M_MX_ERR_STEP, "この団体の業務の手順を選んでください。", "Choose a step of this organisation's businesses.") \
    X(M_MX_ERR_MEANS, "この団体の手段の一覧から選んでください。", "Choose a means of this organisation's catalogue.") \
    X(M_MX_ERR_MEASURE, "この団体の施策から選んでください。", "Choose one of this organisation's measures.") \
    X(M_MX_ERR_REDUCTION, "0 から 100 までの数を入力してください。", "Enter a number from 0 to 100.") \
    X(M_MX_ERR_STATUS, "状況を選んでください。", "Choose a status.") \
    X(M_MX_ERR_TWICE, "この手段はこの手順にすでに適用されています。下の一覧で変更してください。", \
      "This means is applied to this step already: change it in the list below.") \
    X(M_MX_PRINT_NOTE, "この表は印刷できます（A4横）。", "This table prints on A4 landscape.")

/* A department's workload inventory and its forms (page_inventory.c, issue 14 point 1); a
 * reporter's upload of its own department's survey (page_workload_import.c). */
#define MSG_INVENTORY(X) \
    X(M_INV_SHORT, "業務棚卸し", "Workload inventory") \
    X(M_INV_TITLE, "業務棚卸し（%s）", "Workload inventory: %s") \
    X(M_INV_INTRO, "この課の業務と手順、年間件数、所要時間です。時間は 年間件数 × 所要時間（分） ÷ 60 で、担い手ごとにも示します。", \
      "This department's businesses with their steps, yearly volume and minutes. Hours are volume × minutes ÷ 60, also by staff type.") \
    X(M_INV_EDIT_INTRO, "手順を削除するには、その行の「削除」にチェックを入れて保存します。手順番号を変えた手順は新しい手順になります。", \
      "To remove a step, tick Remove on its row and save. A step whose number changes becomes a new step.") \
    X(M_INV_NONE, "この年度の業務はまだ登録されていません。", "No business is recorded for this year yet.") \
    X(M_INV_DEPT_HOURS, "この課の業務量", "This department's hours") \
    X(M_INV_CODE, "業務コード", "Business code") \
    X(M_INV_CODE_HINT, "課の中で業務を区別する記号です（例：A01）。調査票（CSV）の業務コードと同じです。", \
      "Tells the department's businesses apart (e.g. A01); the business_code of the survey CSV.") \
    X(M_INV_NAME, "業務名", "Business") \
    X(M_INV_VOLUME, "年間件数", "Cases a year") \
    X(M_INV_VOLUME_N, "年間件数 %s件", "%s cases a year") \
    X(M_INV_NOTE, "備考", "Note") \
    X(M_INV_STEPS, "手順", "Steps") \
    X(M_INV_STEPS_OF, "「%s」の手順", "Steps of %s") \
    X(M_INV_STEP_NUMBER, "手順番号", "Step") \
    X(M_INV_STEP_NAME, "手順名", "Step name") \
    X(M_INV_MINUTES, "所要時間（分）", "Minutes") \
    X(M_INV_CHANNEL, "経路", "Channel") \
    X(M_INV_CH_COUNTER, "窓口", "Counter") \
    X(M_INV_CH_PHONE, "電話", "Phone") \
    X(M_INV_CH_MAIL, "郵送", "Mail") \
    X(M_INV_CH_ONLINE, "オンライン", "Online") \
    X(M_INV_CH_INTERNAL, "庁内", "Internal") \
    X(M_INV_FLAG_PAPER, "紙", "Paper") \
    X(M_INV_FLAG_SEAL, "押印", "Seal") \
    X(M_INV_FLAG_IN_PERSON, "対面", "In person") \
    X(M_INV_FLAG_TRANSCRIPTION, "転記", "Transcription") \
    X(M_INV_FLAG_APPROVAL, "決裁", "Approval") \
    X(M_INV_FLAGS, "手順の内容", "Involves") \
    X(M_INV_REMOVE_STEP, "削除", "Remove") \
    X(M_INV_STEP_HOURS, "時間／年", "Hours a year") \
    X(M_INV_EDIT_OF, "「%s」を編集", "Edit %s") \
    X(M_INV_SAVE, "業務を保存する", "Save the business") \
    X(M_INV_ADD_TITLE, "業務を追加", "Add a business") \
    X(M_INV_ADD, "業務を追加する", "Add the business") \
    X(M_INV_REMOVE, "この業務を削除する", "Remove this business") \
    X(M_INV_SAVED, "業務を保存しました。", "The business is saved.") \
    X(M_INV_REMOVED, "業務を削除しました。", "The business is removed.") \
    X(M_INV_NOT_SAVED, "保存できませんでした。何も変更していません。", "Nothing was changed.") \
    X(M_INV_ERR_CODE_TAKEN, "この年度のこの課には、同じ業務コードの業務がすでにあります。", \
      "Another business of this department and year has this code.") \
    X(M_INV_ERR_AMOUNT, "0以上の数値を入力してください（例：12000、12,000、2.5）。", "Enter a number of 0 or more (e.g. 12000, 12,000, 2.5).") \
    X(M_INV_ERR_STEP_NUMBER, "手順番号は1から999までの整数で入力してください。", "A step number is a whole number from 1 to 999.") \
    X(M_INV_ERR_STEP_TWICE, "同じ手順番号の行が二つあります。", "Two rows have the same step number.") \
    X(M_INV_ERR_NO_STEP, "手順を1つ以上入力してください。", "Enter at least one step.") \
    X(M_INV_LINK, "この課の業務棚卸し（業務と手順）", "This department's workload inventory") \
    X(M_INV_UPLOAD_OWN, "報告担当者は、自分の担当課（%s）の調査だけを取り込めます。", \
      "As a reporter you can import the survey of your own department (%s) only.") \
    X(M_INV_NOT_YOURS, "%d行目から：課「%s」（%s）はあなたの担当課ではありません。", \
      "from line %d: department %s (%s) is not one of yours") \
    X(M_INV_UPLOAD_REFUSED, "取り込めませんでした。何も変更していません。ファイルに担当課ではない課の行があります。", \
      "Nothing was imported: the file has rows of departments that are not yours.")

/* The logic model's editor (page_logic_edit.c), and a change of a plan's logic model in a change
 * list (diff_view.c). */
#define MSG_LOGIC_EDIT(X) \
    X(M_LE_MODEL, "ロジックモデル", "Logic model") \
    X(M_LE_TITLE, "ロジックモデルの編集", "Edit the logic model") \
    X(M_LE_INTRO, "前提条件からインパクトまでの7つの列に要素を置き、原因から結果へ矢印でつなぎます。要素には施策とKPIを結びつけられます。", \
      "Place elements in the seven columns from assumptions to impact and join cause to effect with arrows; an element can stand on measures and KPIs.") \
    X(M_LE_TO_VIEW, "ロジックモデルを見る", "View the logic model") \
    X(M_LE_LABELLED, "%s：%s", "%s: %s") \
    X(M_LE_COLUMN, "列", "Column") \
    X(M_LE_TEXT, "内容", "Text") \
    X(M_LE_TARGET, "だれに・どこに", "For whom, where") \
    X(M_LE_TARGET_HINT, "対象となる人や地域です（例：市民・事業者）。なければ空欄にします。", \
      "The people or places it is for (e.g. citizens and businesses); leave it empty when none.") \
    X(M_LE_LINKS, "施策・KPI", "Measures and KPIs") \
    X(M_LE_ACTIONS, "操作", "Actions") \
    X(M_LE_MEASURES, "結びつける施策", "Measures it stands on") \
    X(M_LE_KPIS, "結びつけるKPI", "KPIs it stands on") \
    X(M_LE_CHOSEN, "（%d件選択）", " (%d chosen)") \
    X(M_LE_NO_MEASURE, "この計画には施策がありません。", "This plan has no measure.") \
    X(M_LE_NO_KPI, "この計画にはKPIがありません。", "This plan has no KPI.") \
    X(M_LE_COLUMN_EMPTY, "この列の要素はありません。", "No element in this column.") \
    X(M_LE_COUNT, "%d件", "%d") \
    X(M_LE_ADD_NODE, "要素を追加する", "Add an element") \
    X(M_LE_EDIT_NODE, "要素の編集", "Edit an element") \
    X(M_LE_EDIT_LABEL, "「%s」を編集", "Edit “%s”") \
    X(M_LE_DELETE_LABEL, "削除する（矢印も削除）：%s", "Delete (with its arrows): %s") \
    X(M_LE_DELETE_HINT, "要素を削除すると、その要素から出る矢印と入る矢印も削除されます。", \
      "Deleting an element deletes the arrows from it and to it too.") \
    X(M_LE_DELETE_N, "この要素を削除すると、つながる矢印%d本も削除されます。", "Deleting this element deletes its %d arrows too.") \
    X(M_LE_DELETE_PART, "要素の削除", "Delete the element") \
    X(M_LE_DELETE, "削除する（矢印も削除）", "Delete (with its arrows)") \
    X(M_LE_EDGES, "矢印（つながり）", "Arrows") \
    X(M_LE_EDGES_HINT, "矢印は原因から結果へ、ふつうは左の列から右の列へ引きます。", \
      "An arrow goes from cause to effect, usually from a column to one on its right.") \
    X(M_LE_NO_EDGES, "矢印はまだありません。", "No arrow yet.") \
    X(M_LE_FROM, "矢印の元（原因）", "From (cause)") \
    X(M_LE_TO, "矢印の先（結果）", "To (effect)") \
    X(M_LE_ADD_EDGE, "矢印を追加する", "Add an arrow") \
    X(M_LE_DELETE_EDGE, "矢印を削除", "Delete the arrow") \
    X(M_LE_DELETE_EDGE_LABEL, "矢印を削除：%s → %s", "Delete the arrow: %s → %s") \
    X(M_LE_CHOOSE, "選んでください", "Choose one") \
    X(M_LE_ERR_COLUMN, "列を選んでください。", "Choose a column.") \
    X(M_LE_ERR_NODE, "この計画の要素から選んでください。", "Choose an element of this plan.") \
    X(M_LE_ERR_SAME, "別の要素を選んでください（同じ要素どうしはつなげません）。", \
      "Choose another element: an element cannot point to itself.") \
    X(M_LE_ERR_TWICE, "この矢印はすでにあります。", "This arrow exists already.") \
    X(M_LE_ERR_NO_EDGE, "その矢印はありません（すでに削除されています）。", "There is no such arrow (it was deleted already).") \
    X(M_LE_ERR_MEASURE, "この計画の施策から選んでください。", "Choose measures of this plan.") \
    X(M_LE_ERR_KPI, "この計画のKPIから選んでください。", "Choose KPIs of this plan.") \
    X(M_LE_ERR_LINKS, "施策は%d件、KPIは%d件までです。", "At most %d measures and %d KPIs.") \
    X(M_LE_ERR_FULL, "要素は%d個、矢印は%d本までです。", "At most %d elements and %d arrows.") \
    X(M_LE_SAVED, "ロジックモデルを保存しました。", "The logic model is saved.") \
    X(M_LE_TO_EDITOR, "編集画面に戻る", "Back to the editor") \
    X(M_LE_DIFF_COUNTS, "要素%d・矢印%d", "%d elements, %d arrows") \
    X(M_LE_DIFF_DETAIL, "（要素の追加%d・削除%d・変更%d、矢印の追加%d・削除%d）", \
      " (elements: %d added, %d removed, %d changed; arrows: %d added, %d removed)") \
    X(M_LE_DIFF_ORDER, "（並び順の変更）", " (order changed)")

/* The catalogue of means (page_means.c). */
#define MSG_MEANS(X) \
    X(M_MN_TITLE, "手段の一覧", "Catalogue of means") \
    X(M_MN_INTRO, "業務量を減らす手段（オンライン申請・電子決裁・RPA など）と、その標準の削減見込み、対象とする手順の経路と内容です。マトリクスで手順に適用するときの候補と標準値になります。", \
      "The means that cut hours (online applications, e-approval, RPA …) with their default expected reduction and the steps' channels and features they fit: the matrix offers them for those steps with that reduction.") \
    X(M_MN_NONE, "手段はまだ登録されていません。", "No means is recorded yet.") \
    X(M_MN_NAME, "手段名", "Name") \
    X(M_MN_REDUCTION, "標準の削減見込み", "Default reduction") \
    X(M_MN_REDUCTION_HINT, "0〜100 の数です。マトリクスで手順に適用するときの標準値です。", \
      "A number from 0 to 100: the reduction the matrix uses when the means is applied to a step.") \
    X(M_MN_CHANNELS, "対象の経路", "Channels") \
    X(M_MN_FLAGS, "対象の手順の内容", "Step features") \
    X(M_MN_BITS_HINT, "経路と手順の内容のどちらも選ばないと、すべての手順が候補になります。", \
      "With no channel and no feature ticked, the means fits every step.") \
    X(M_MN_ANY, "すべての手順", "Every step") \
    X(M_MN_APPLIED, "適用している手順", "Steps applied to") \
    X(M_MN_EDIT_TITLE, "手段を編集", "Edit the means") \
    X(M_MN_SAVE, "手段を保存する", "Save the means") \
    X(M_MN_DELETE, "この手段を削除する", "Delete this means") \
    X(M_MN_ADD_TITLE, "手段を追加", "Add a means") \
    X(M_MN_ADD, "手段を追加する", "Add the means") \
    X(M_MN_ADDED, "「%s」を追加しました。", "%s is added.") \
    X(M_MN_SAVED, "「%s」を保存しました。", "%s is saved.") \
    X(M_MN_NAME_TAKEN, "この名前の手段はすでにあります。", "A means of this name exists already.") \
    X(M_MN_IN_USE, "「%s」は %d 件の手順に適用されているため削除できません。先にマトリクスで適用を外してください。", \
      "%s is applied to %d step(s), so it cannot be deleted: remove it from the matrix first.")
#define MSG_REALLOCATION(X) \
    X(M_RA_TITLE, "削減した時間の振り向け先", "Where the freed hours went") \
    X(M_RA_INTRO, "業務量の削減で生まれた時間を、どの新しいサービスに振り向けたかの記録です。", \
      "The records of the new services the hours freed by the workload reduction went to.") \
    X(M_RA_FREED_PROJECTED, "削減見込みの時間", "Hours freed (projected)") \
    X(M_RA_FREED_REALISED, "削減できた時間（実績）", "Hours freed (realised)") \
    X(M_RA_REALLOCATED, "振り向けた時間", "Hours reallocated") \
    X(M_RA_NONE, "振り向け先はまだ記録されていません。", "No reallocation is recorded yet.") \
    X(M_RA_FY, "年度", "Fiscal year") \
    X(M_RA_HOURS, "時間（年間）", "Hours a year") \
    X(M_RA_SERVICE, "振り向け先の新しいサービス", "The new service") \
    X(M_RA_NOTE, "備考", "Note") \
    X(M_RA_FY_HINT, "例：令和7年度、R7、2025", "E.g. 2025, R7 or 令和7年度") \
    X(M_RA_HOURS_HINT, "0以上の時間数。小数も使えます（例：120.5）。", "0 or more hours; decimals are fine (e.g. 120.5).") \
    X(M_RA_ADD_TITLE, "振り向け先を記録する", "Record where freed hours went") \
    X(M_RA_ADD, "記録する", "Record") \
    X(M_RA_LIST_TITLE, "記録の変更・削除", "Change or delete a record") \
    X(M_RA_DELETE, "この記録を削除する", "Delete this record") \
    X(M_RA_ERR_HOURS, "時間は0以上の数で入力してください。", "Enter the hours as a number of 0 or more.") \
    X(M_RA_SAVED, "振り向け先の記録を保存しました。", "The record is saved.") \
    X(M_RA_DELETED, "振り向け先の記録を削除しました。", "The record is deleted.")

#define EDIT_MESSAGES(X) MSG_FORM(X) MSG_MEASURE_EDIT(X) MSG_KPI_EDIT(X) MSG_PLAN_EDIT(X) MSG_DEPT_EDIT(X) MSG_BODY_EDIT(X) MSG_MATRIX(X) MSG_WORKLOAD(X) \
    MSG_INVENTORY(X) \
    MSG_LOGIC_EDIT(X) \
    MSG_MEANS(X) \
    MSG_REALLOCATION(X)

#endif
