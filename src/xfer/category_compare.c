/* The comparison of a shared category across organisations, from published versions (see
 * category_compare.h). */
#include <string.h>
#include "core/errors.h"
#include "core/rollup.h"
#include "xfer/category_compare.h"

/* The published plans the tags name, each loaded once with the draft's ids. */
struct loaded { int64_t plan_id; int rc; struct published_plan pp; };

static struct loaded *plan_of(struct db *db, struct arena *a, int64_t plan_id, struct loaded **v, size_t *n,
                              size_t *cap) {
    for (size_t i = 0; i < *n; i++)
        if ((*v)[i].plan_id == plan_id)
            return &(*v)[i];
    *v = arena_grow(a, *v, sizeof **v, cap, *n + 1);
    struct loaded *l = &(*v)[(*n)++];
    l->plan_id = plan_id;
    l->rc = published_load_with_ids(db, a, plan_id, &l->pp);
    return l;
}

/* The measure of the published plan that carries the draft's id, or NULL (the version lacks it). */
static const struct measure *measure_with_id(const struct plan *p, int64_t id) {
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            for (size_t k = 0; k < p->pillars[i].themes[j].n_measures; k++)
                if (p->pillars[i].themes[j].measures[k].id == id)
                    return &p->pillars[i].themes[j].measures[k];
    return NULL;
}

static void fill_entry(struct arena *a, struct compare_entry *e, const struct category_tag *t,
                       const struct published_plan *pp, const struct measure *m, kw_date today);

/* The tags of category_id (0: all) whose measure the latest published version of its plan has;
 * with the published plan and measure of each when ret is not NULL. */
static int published_tags(struct db *db, struct arena *a, int64_t category_id, kw_date today,
                          struct category_tag **ret_tags, struct compare_entry **ret, size_t *ret_n) {
    struct category_tag *tags;
    size_t n, kept = 0, nloaded = 0, cap = 0;
    struct loaded *loaded = NULL;
    int rc = store_category_tags(db, a, category_id, &tags, &n);
    if (rc < 0)
        return rc;
    struct compare_entry *v = ret ? arena_alloc(a, (n ? n : 1) * sizeof *v) : NULL;
    for (size_t i = 0; i < n; i++) {
        /* the entry keeps what the version cache or a holds, never a pointer into loaded */
        struct loaded *l = plan_of(db, a, tags[i].plan_id, &loaded, &nloaded, &cap);
        if (l->rc < 0 && l->rc != KW_ENOTFOUND)
            return l->rc;
        const struct measure *m = l->rc == 0 ? measure_with_id(l->pp.plan, tags[i].measure_id) : NULL;
        if (!m)
            continue;
        if (v)
            fill_entry(a, &v[kept], &tags[i], &l->pp, m, today);
        tags[kept++] = tags[i];
    }
    *ret_tags = tags;
    if (ret)
        *ret = v;
    *ret_n = kept;
    return 0;
}

int category_counts(struct db *db, struct arena *a, struct category *v, size_t n) {
    struct category_tag *tags;
    size_t nt;
    int rc = published_tags(db, a, 0, 0, &tags, NULL, &nt);
    if (rc < 0)
        return rc;
    for (size_t c = 0; c < n; c++) {
        v[c].measures = v[c].orgs = 0;
        int64_t last_org = 0;
        for (size_t i = 0; i < nt; i++)          /* by organisation code: an organisation's tags are together */
            if (tags[i].category_id == v[c].id) {
                v[c].measures++;
                v[c].orgs += tags[i].org.id != last_org;
                last_org = tags[i].org.id;
            }
    }
    return 0;
}

/* The latest confirmed review with a rating (a published version holds only confirmed ones). */
static const struct review *latest_review(const struct measure *m) {
    const struct review *best = NULL;
    for (size_t i = 0; i < m->n_reviews; i++) {
        const struct review *rv = &m->reviews[i];
        if (rv->rating && (!best || rv->fy > best->fy || (rv->fy == best->fy && rv->quarter > best->quarter)))
            best = rv;
    }
    return best;
}

static void fill_entry(struct arena *a, struct compare_entry *e, const struct category_tag *t,
                       const struct published_plan *pp, const struct measure *m, kw_date today) {
    *e = (struct compare_entry){.org = t->org, .plan_id = t->plan_id, .plan = pp->plan,
                                .version_label = pp->version.label, .measure = m};
    e->draft = version_label_is_draft(e->version_label);
    const struct review *rv = latest_review(m);
    if (rv) {
        e->rating_code = rv->rating;
        e->rating_fy = rv->fy;
        e->rating_quarter = rv->quarter;
        for (size_t i = 0; i < pp->plan->n_rating_scale; i++)
            if (strcmp(pp->plan->rating_scale[i].code, rv->rating) == 0)
                e->rating = &pp->plan->rating_scale[i];
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

int category_compare(struct db *db, struct arena *a, int64_t category_id, kw_date today, struct compare_entry **ret,
                     size_t *ret_n) {
    struct category_tag *tags;
    return published_tags(db, a, category_id, today, &tags, ret, ret_n);
}
