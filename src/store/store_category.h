/* Shared categories in the store (migration 024, core/category.h): the list, one by code, the
 * measures of published plans the office tagged with one, a measure's confirmed and rejected
 * categories, and the office's confirming, rejecting and removing one, each one transaction with
 * the measure's audit row. */
#ifndef KAWARU_STORE_STORE_CATEGORY_H
#define KAWARU_STORE_STORE_CATEGORY_H
#include "core/category.h"
#include "store/store.h"

/* Every category in its order (measures and orgs 0), allocated in a. */
int store_category_list(struct db *db, struct arena *a, struct category **ret, size_t *ret_n);
/* The category of code; KW_ENOTFOUND when there is none. */
int store_category_by_code(struct db *db, struct arena *a, const char *code, struct category *ret);

/* A measure the office confirmed in a category, as the latest published version of its plan
 * has it (a measure that version lacks is none): the version's label and plan title, the measure
 * object as the version's document has it (JSON) and the label of its latest rating (NULL: none). */
struct category_published {
    int64_t category_id, measure_id, plan_id;
    struct org org;
    char *key, *version_label, *plan_title, *measure, *rating_label;
};
/* Those of category_id, by organisation code, plan and measure id: limit of them from offset
 * (how many there are in all: store_category_counts). One query, whatever the number of
 * organisations. */
int store_category_published(struct db *db, struct arena *a, int64_t category_id, int64_t limit, int64_t offset,
                             struct category_published **ret, size_t *ret_n);
/* Sets each category's measures and orgs: how many such measures, of how many organisations. */
int store_category_counts(struct db *db, struct category *v, size_t n);

/* A measure's categories the office decided on: state "confirmed" or "rejected". */
struct measure_category { char *code; const char *state; };
int store_measure_category_states(struct db *db, struct arena *a, int64_t measure_id, struct measure_category **ret,
                                  size_t *ret_n);
/* Sets the measure's category code to state "confirmed" or "rejected", or forgets it (state
 * NULL: a confirmed category removed, a rejection taken back), with the measure's audit row
 * (update) in one transaction. KW_ENOTFOUND for no such measure, KW_EINVAL (fail naming
 * "category") for an unknown code. */
int store_measure_category_set(struct db *db, int64_t measure_id, const char *code, const char *state,
                               const struct actor *who, struct edit_fail *fail);

/* Confirms many categories of a plan's measures at once (the office's list of a plan): codes[i]
 * of measure_ids[i], in one transaction with an audit row each; KW_EINVAL (fail naming
 * "measure" or "categories") for a measure of another plan or an unknown code, nothing written. */
int store_plan_categories_confirm(struct db *db, int64_t plan_id, const int64_t *measure_ids, char *const *codes,
                                  size_t n, const struct actor *who, struct edit_fail *fail);
/* A measure's categories as the office decides on them: those it confirmed and rejected, and
 * those core/category's rule suggests for m (loaded with its means) that it has decided on
 * neither way; each in the categories' order, pointing into all (every category). */
struct measure_categories {
    struct category *all;
    size_t n_all;
    const struct category **confirmed, **rejected, **suggested;
    size_t n_confirmed, n_rejected, n_suggested;
};
int store_measure_categories(struct db *db, struct arena *a, const struct measure *m, struct measure_categories *ret);

#endif
