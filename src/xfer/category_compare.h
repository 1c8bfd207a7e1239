/* The comparison of a shared category across organisations (SPEC §3.10, issue 16 point 6): the
 * measures the offices confirmed in it, each as it stands in its plan's latest published version
 * (a measure that version lacks, or of a plan never published, is left out), with the version's
 * label and whether it is a 案, the latest confirmed rating and each KPI's baseline, target,
 * latest value and status, and per 10,000 inhabitants where the unit counts things and the
 * organisation's population is known. One builder for the category pages and the API. */
#ifndef KAWARU_XFER_CATEGORY_COMPARE_H
#define KAWARU_XFER_CATEGORY_COMPARE_H
#include "core/category.h"
#include "core/kpi_calc.h"
#include "store/store_category.h"

struct compare_kpi {
    const struct kpi *kpi;              /* as published */
    struct kpi_derived d;               /* kpi_derive as of today */
    bool per_10k_ok;                    /* the unit counts and the population is known */
    double baseline_10k, target_10k, latest_10k;
};

struct compare_entry {
    struct org org;                     /* with its population (0: unknown) */
    int64_t plan_id;
    const char *plan_title;             /* as the published version has it */
    const char *version_label;
    bool draft;                         /* the version is a 案 (version_label_is_draft) */
    const struct measure *measure;      /* as published, with the draft's ids */
    const char *rating_code;            /* the latest confirmed review's rating, or NULL */
    const char *rating_label;           /* its label on the version's scale (the code when none has it) */
    int rating_fy, rating_quarter;
    struct compare_kpi *kpis;
    size_t n_kpis;
};

/* The entries of category_id, by organisation code, plan and measure id: limit of them from
 * offset, allocated in a, and how many there are in all. */
int category_compare(struct db *db, struct arena *a, int64_t category_id, kw_date today, int64_t limit, int64_t offset,
                     struct compare_entry **ret, size_t *ret_n, int64_t *ret_total);
/* Fills each category's measures and orgs: how many published measures the offices confirmed in
 * it, and of how many organisations (store_category_counts, kept by the process for one data
 * version). */
int category_counts(struct db *db, struct category *v, size_t n);

#endif
