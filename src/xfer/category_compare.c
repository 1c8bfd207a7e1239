/* The comparison of a shared category across organisations, from published versions (see
 * category_compare.h): the measures as their versions were indexed when stored (migration 27),
 * a page of them at a time. */
#include <pthread.h>
#include <string.h>
#include "core/errors.h"
#include "core/review.h"
#include "store/db.h"
#include "store/store_scope.h"
#include "xfer/plan_doc.h"
#include "xfer/category_compare.h"

/* The process's memo of the counts, valid for one data version (store/db.h): counting reads every
 * confirmed tag of every organisation (0.2 s at 1,741 organisations), and the counts change only
 * with the content. One for all threads, so that a change costs one count, not one per thread
 * (each thread's own memo made the first request of every thread after a write slow). */
enum { COUNT_MEMO_MAX = 64 };
static pthread_mutex_t memo_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    bool valid;
    uint64_t version;
    size_t n;
    int64_t id[COUNT_MEMO_MAX];
    int measures[COUNT_MEMO_MAX], orgs[COUNT_MEMO_MAX];
} memo;

/* Under memo_lock. */
static bool memo_fits(const struct category *v, size_t n, uint64_t version) {
    if (!memo.valid || memo.version != version || memo.n != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (memo.id[i] != v[i].id)
            return false;
    return true;
}

int category_counts(struct db *db, struct category *v, size_t n) {
    uint64_t version = db_data_version();     /* read first: a write meanwhile makes the memo old */
    pthread_mutex_lock(&memo_lock);
    bool hit = memo_fits(v, n, version);
    for (size_t i = 0; hit && i < n; i++)
        v[i].measures = memo.measures[i], v[i].orgs = memo.orgs[i];
    pthread_mutex_unlock(&memo_lock);
    if (hit)
        return 0;
    int rc = store_category_counts(db, v, n);   /* outside the lock: the store has its own */
    pthread_mutex_lock(&memo_lock);
    if (rc == 0 && n <= COUNT_MEMO_MAX && (!memo.valid || memo.version <= version)) {
        memo.valid = true;
        memo.version = version;
        memo.n = n;
        for (size_t i = 0; i < n; i++)
            memo.id[i] = v[i].id, memo.measures[i] = v[i].measures, memo.orgs[i] = v[i].orgs;
    }
    pthread_mutex_unlock(&memo_lock);
    return rc;
}

static void fill_entry(struct arena *a, struct compare_entry *e, const struct category_published *t,
                       const struct measure *m, kw_date today) {
    *e = (struct compare_entry){.org = t->org, .plan_id = t->plan_id, .plan_title = t->plan_title,
                                .version_label = t->version_label, .measure = m};
    e->draft = version_label_is_draft(e->version_label);
    const struct review *rv = review_latest_rated(m);
    if (rv) {
        e->rating_code = rv->rating;
        e->rating_label = t->rating_label ? t->rating_label : rv->rating;
        e->rating_fy = rv->fy;
        e->rating_quarter = rv->quarter;
    }
    e->kpis = m->n_kpis ? arena_alloc(a, m->n_kpis * sizeof *e->kpis) : NULL;
    for (size_t i = 0; i < m->n_kpis; i++) {
        const struct kpi *k = &m->kpis[i];
        if (k->abolished)
            continue;
        struct compare_kpi *ck = &e->kpis[e->n_kpis++];
        *ck = (struct compare_kpi){.kpi = k};
        kpi_derive(k, today, &ck->d);
        ck->per_10k_ok = t->org.population > 0 && category_unit_is_count(k->unit);
        if (ck->per_10k_ok) {
            ck->baseline_10k = category_per_10k(k->baseline_value, t->org.population);
            ck->target_10k = category_per_10k(k->target_value, t->org.population);
            ck->latest_10k = category_per_10k(ck->d.latest, t->org.population);
        }
    }
}

int category_compare(struct db *db, struct arena *a, int64_t category_id, kw_date today, int64_t limit, int64_t offset,
                     struct compare_entry **ret, size_t *ret_n, int64_t *ret_total) {
    struct category_published *rows;
    struct category *all;
    size_t n, nall;
    int rc = store_category_list(db, a, &all, &nall);   /* the total is the category's count */
    if (rc == 0)
        rc = category_counts(db, all, nall);
    *ret_total = 0;
    for (size_t i = 0; rc == 0 && i < nall; i++)
        if (all[i].id == category_id)
            *ret_total = all[i].measures;
    if (rc == 0)
        rc = store_category_published(db, a, category_id, limit, offset, &rows, &n);
    if (rc < 0)
        return rc;
    struct compare_entry *v = arena_alloc(a, (n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        struct measure *m = arena_alloc(a, sizeof *m);
        if (plan_doc_parse_measure(rows[i].measure, strlen(rows[i].measure), a, m) < 0)
            return KW_EDB;                       /* written by version_index: never */
        m->key = rows[i].key;
        if ((rc = store_measure_attach_ids(db, rows[i].measure_id, m)) < 0)
            return rc;
        fill_entry(a, &v[i], &rows[i], m, today);
    }
    *ret = v;
    *ret_n = n;
    return 0;
}
