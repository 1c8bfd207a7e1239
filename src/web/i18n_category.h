/* The strings of the shared categories (共通カテゴリ, page_category.c): the comparison across
 * municipalities and the office's page that confirms a measure's categories. Japanese first,
 * English beside it, like i18n.h, which joins them into MESSAGES. */
#ifndef KAWARU_WEB_I18N_CATEGORY_H
#define KAWARU_WEB_I18N_CATEGORY_H

#define CATEGORY_MESSAGES(X) \
    X(M_CAT_TITLE, "共通カテゴリ", "Shared categories") \
    X(M_CAT_INTRO, "国の自治体DX推進計画の重点取組事項と手段の標準カタログで、各自治体が公開している施策を比べられます。先進地視察の下調べにもお使いください。", \
      "Compare the measures municipalities have published, by the priorities of the national DX plan for local government and by the standard means, for instance before a study visit.") \
    X(M_CAT_KIND_DX, "自治体DX推進計画の重点取組事項", "Priorities of the national DX plan for local government") \
    X(M_CAT_KIND_MEANS, "手段", "Means") \
    X(M_CAT_COUNT, "%d施策・%d団体", "%d measures in %d municipalities") \
    X(M_CAT_LINK, "共通カテゴリで自治体の取組を比べる", "Compare municipalities' measures by shared category") \
    X(M_CAT_COMPARE_INTRO, "各自治体の事務局がこのカテゴリとした施策を、公開されている計画の内容で並べています。評価は確認済みの四半期報告のものです。", \
      "The measures each municipality's office put in this category, as their published plans state them. Ratings are those of confirmed quarterly reports.") \
    X(M_CAT_NONE, "このカテゴリの公開されている施策はまだありません。", "No published measure is in this category yet.") \
    X(M_CAT_PAGE_EMPTY, "このページに施策はありません。最初のページからご覧ください。", "There are no measures on this page; start from the first page.") \
    X(M_CAT_RANGE, "全%D件のうち %D〜%D件目", "%D measures; showing %D–%D") \
    X(M_CAT_PREV, "前の施策", "Previous measures") \
    X(M_CAT_NEXT, "次の施策", "Next measures") \
    X(M_CAT_DRAFT_BADGE, "案（パブリックコメント用）", "Draft for public comment") \
    X(M_CAT_NO_RATING, "評価はまだありません", "Not rated yet") \
    X(M_CAT_PER_10K, "1万人あたり", "Per 10,000 inhabitants") \
    X(M_CAT_POP_USED, "人口%s人で計算", "population used: %s") \
    X(M_CAT_NOT_COMPARABLE, "人口あたりにしない単位です", "not a count: not put per inhabitant") \
    X(M_CAT_NO_POPULATION, "人口が登録されていません", "the population is not recorded") \
    X(M_CAT_SHEET, "施策の公開ページ", "Published measure sheet") \
    X(M_CAT_EDIT_TITLE, "共通カテゴリの確認", "Confirm shared categories") \
    X(M_CAT_EDIT_LINK, "共通カテゴリを確認", "Confirm shared categories") \
    X(M_CAT_EDIT_INTRO, "共通カテゴリで、他の自治体の同じ取組と比べられるようになります。比較には公開版にある施策だけが載ります。", \
      "Shared categories let this measure be compared with other municipalities' measures. The comparison shows only measures of the published version.") \
    X(M_CAT_SUGGESTED, "提案", "Suggested") \
    X(M_CAT_SUGGESTED_HINT, "施策の手段と文言から提案しています。当てはまるものは確定し、当てはまらないものは却下してください。却下したものは再び提案しません。", \
      "Suggested from the measure's means and words. Confirm those that fit and reject the others; a rejected category is not suggested again.") \
    X(M_CAT_CONFIRMED, "確定したカテゴリ", "Confirmed") \
    X(M_CAT_REJECTED, "却下したカテゴリ", "Rejected") \
    X(M_CAT_CONFIRM, "確定", "Confirm") \
    X(M_CAT_REJECT, "却下", "Reject") \
    X(M_CAT_REMOVE, "外す", "Remove") \
    X(M_CAT_UNREJECT, "却下を取り消す", "Undo") \
    X(M_CAT_CONFIRM_LABEL, "%sを確定", "Confirm %s") \
    X(M_CAT_REJECT_LABEL, "%sを却下", "Reject %s") \
    X(M_CAT_REMOVE_LABEL, "%sを外す", "Remove %s") \
    X(M_CAT_UNREJECT_LABEL, "%sの却下を取り消す", "Undo the rejection of %s") \
    X(M_CAT_NONE_CONFIRMED, "確定したカテゴリはまだありません。", "No category is confirmed yet.") \
    X(M_CAT_NONE_SUGGESTED, "提案はありません。", "Nothing to suggest.") \
    X(M_CAT_ADD, "カテゴリを追加", "Add a category") \
    X(M_CAT_ADD_FIELD, "カテゴリ", "Category") \
    X(M_CAT_ADD_BUTTON, "追加して確定", "Add and confirm") \
    X(M_CAT_BAD, "カテゴリを選んでください。", "Please choose a category.") \
    X(M_CAT_SAVED, "共通カテゴリを記録しました。", "The shared categories have been recorded.") \
    X(M_CAT_REJECTED_FIELD, "却下した共通カテゴリ", "Rejected shared categories") \
    X(M_CAT_PLAN_TITLE, "施策の共通カテゴリ（一括確認）", "Shared categories of the measures") \
    X(M_CAT_PLAN_HINT, "提案のうち当てはまるものにチェックを入れ、まとめて確定します。却下は各施策のページで行います。", \
      "Tick the suggestions that fit and confirm them at once. Rejecting is done on each measure's page.") \
    X(M_CAT_CONFIRM_CHECKED, "チェックしたカテゴリを確定", "Confirm the ticked categories") \
    X(M_CAT_NONE_CHECKED, "確定するカテゴリにチェックを入れてください。", "Please tick the categories to confirm.") \
    X(M_CAT_PLAN_LINK, "共通カテゴリを一括確認", "Confirm shared categories")

#endif
