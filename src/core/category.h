/* Shared categories (共通カテゴリ, SPEC §3.10): the 重点取組事項 of the national 自治体DX推進計画
 * and the means of the standard catalogue, which measures of every organisation are tagged with
 * so that they can be compared across organisations. The rule that suggests a measure's
 * categories from its means and words, the check of a category code, and which KPI units are
 * counts that a comparison may put per 10,000 inhabitants. No I/O: the categories themselves are
 * rows (migration 024, store/store_category.h). */
#ifndef KAWARU_CORE_CATEGORY_H
#define KAWARU_CORE_CATEGORY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/model.h"

struct category {
    int64_t id;
    char *code, *kind, *title, *title_en;    /* kind: "dx_priority" or "means" */
    int measures, orgs;                     /* published measures tagged with it, their organisations */
};

enum { CATEGORY_CODE_MAX = 64, CATEGORY_SUGGEST_MAX = 16 };

/* True when code could be a category's code: 1–64 of a–z, 0–9 and _. */
bool category_code_valid(const char *code);
/* The codes of the categories that m's means (the standard catalogue's names), title, 現状 and
 * 理想 point to, each once, in the order of the rules; at most max of them in ret. Returns how
 * many. Words are compared after NFKC and case folding (ＡＩ is AI), and a Latin keyword such as
 * AI only as a word of its own (not inside "mail"). */
size_t category_suggest(const struct measure *m, const char **ret, size_t max);
/* True when a KPI in this unit counts things (件, 人, 回, 枚, 台, 箇所 …), so that its values
 * may be compared per 10,000 inhabitants; false for ratios (%, 割), times and scores, and NULL. */
bool category_unit_is_count(const char *unit);
/* value per 10,000 of population (population > 0). */
double category_per_10k(double value, int64_t population);

#endif
