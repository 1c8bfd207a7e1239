/* The strings of the public site's own pages (issue 16): a plan's summary for residents
 * (page_summary.c), the ratings by quarter below a published measure sheet (page_published.c)
 * and the public comparison of versions; finding a municipality among all of Japan's (page_home.c).
 * Japanese first, English beside it, like i18n.h, which
 * joins them into MESSAGES. */
#ifndef KAWARU_WEB_I18N_PUBLIC_H
#define KAWARU_WEB_I18N_PUBLIC_H

#define PUBLIC_MESSAGES(X) \
    X(M_PS_LINK, "市民向けのまとめ", "Summary for residents") \
    X(M_PS_LINK_HINT, "施策の進み具合、改善した数値目標、最近の変更", "Progress, KPIs that improved, recent changes") \
    X(M_PS_INTRO, "公開している計画と、市が確認した四半期ごとの評価から、取組の進み具合をまとめました。", \
      "How the plan is going, from its published version and the quarterly ratings the city has confirmed.") \
    X(M_PS_MEASURES, "施策の進み具合", "How the measures are doing") \
    X(M_PS_ON_TRACK, "順調に進んでいる施策", "measures on track") \
    X(M_PS_RATED_IN, "%sの評価による", "by the ratings of %s") \
    X(M_PS_OUT_OF, "全%d件のうち", "out of %d") \
    X(M_PS_COUNT, "%d件", "%d") \
    X(M_PS_BY_RATING, "評価の内訳", "Ratings") \
    X(M_PS_UNRATED, "評価なし", "Not rated") \
    X(M_PS_NO_RATINGS_YET, "市が確認した評価は、まだありません。", "The city has not confirmed any rating yet.") \
    X(M_PS_KPIS, "数値目標の状況", "How the KPIs stand") \
    X(M_PS_KPI_GOOD, "達成した、または順調な数値目標", "KPIs achieved or on track") \
    X(M_PS_BY_STATUS, "状況の内訳", "By status") \
    X(M_PS_IMPROVED, "改善した数値目標", "KPIs that improved") \
    X(M_PS_IMPROVED_HINT, "最新の値が、その前の値（値が一つのときは基準値）よりも、目標に向かって進んだ数値目標です。", \
      "KPIs whose latest value moved toward the target from the value before it, or from the baseline when there is one value.") \
    X(M_PS_NONE_IMPROVED, "前の値より改善した数値目標は、まだありません。", "No KPI has improved on its previous value yet.") \
    X(M_PS_BEFORE, "前の値", "Before") \
    X(M_PS_AFTER, "最新の値", "Latest") \
    X(M_PS_CHANGES, "最近の変更", "What changed in the last version") \
    X(M_PS_CHANGES_FROM, "第%s版から第%s版への変更", "From version %s to version %s") \
    X(M_PS_FIRST_VERSION, "この計画の最初の公開版です。", "This is the plan's first published version.") \
    X(M_PS_ADDED, "加わった施策", "Measures added") \
    X(M_PS_REMOVED, "なくなった施策", "Measures removed") \
    X(M_PS_CHANGED, "内容が変わった施策", "Measures changed") \
    X(M_PS_OTHER_CHANGES, "そのほかの変更（数値目標、柱、テーマなど）", "Other changes, to KPIs, pillars, themes and more") \
    X(M_PS_NO_MEASURE_CHANGES, "施策の追加・削除・変更はありません。", "No measure was added, removed or changed.") \
    X(M_PS_DETAILS, "変更の詳しい内容", "All the changes in detail") \
    X(M_PS_READ_PLAN, "計画の全体を見る", "Read the whole plan") \
    X(M_PS_RATINGS, "四半期ごとの評価", "Ratings by quarter") \
    X(M_PS_RATING, "評価", "Rating") \
    X(M_PS_NO_RATINGS, "市が確認した評価は、まだありません。", "No rating confirmed by the city yet.") \
    X(M_PS_RATINGS_HINT, "市が確認した評価だけを示します。", "Only ratings the city has confirmed are shown.") \
    X(M_PS_KIND, "区分", "Kind") \
    X(M_PS_COMPARE_PREVIOUS, "前の版との違い", "Changes from the version before") \
    X(M_ORG_FIND, "名称・コードで探す", "Find by name or code") \
    X(M_ORG_FIND_HINT, "例：江津市、322075（全国地方公共団体コード、先頭の数字だけでも可）", \
      "e.g. 江津市 or 322075 (the local government code, or its first digits)") \
    X(M_ORG_PREFECTURES, "都道府県から探す", "By prefecture") \
    X(M_ORG_COUNT, "%s件", "%s") \
    X(M_ORGS_IN_PREF, "%sの自治体", "Municipalities in %s") \
    X(M_ORGS_MATCHING, "「%s」で探した自治体", "Municipalities matching “%s”") \
    X(M_ORGS_RANGE, "%s件中 %s–%s件", "%s municipalities; showing %s–%s") \
    X(M_ORGS_NONE, "該当する自治体はありません。", "No municipality matches.") \
    X(M_ORGS_CHOOSE, "%sの自治体を掲載しています。都道府県を選ぶか、名称・コードで探してください。", \
      "%s municipalities are here. Choose a prefecture, or find one by its name or code.") \
    X(M_ORGS_SEE_ALL, "すべての自治体を一覧で見る", "See every municipality in a list") \
    X(M_PAGE_PREV, "前へ", "Previous") \
    X(M_PAGE_NEXT, "次へ", "Next")

#endif
