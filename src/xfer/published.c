/* The latest published version of a plan and its measures by key (see published.h). */
#include <stdlib.h>
#include <string.h>
#include "util/buf.h"
#include "util/utf8.h"
#include "core/errors.h"
#include "core/search.h"
#include "store/store_scope.h"
#include "xfer/plan_doc.h"
#include "xfer/published.h"
#include "xfer/version_cache.h"

/* Reads version id and parses its snapshot into a (a version_parse_fn). */
int published_version_parse(struct db *db, struct arena *a, int64_t id, struct published_plan *ret) {
    struct doc_errors errs;
    int rc = store_version_load(db, a, id, &ret->version);
    if (rc < 0)
        return rc;
    if (plan_doc_parse(ret->version.snapshot, strlen(ret->version.snapshot), a, &ret->doc, &errs) < 0 ||
        ret->doc.n_plans != 1)
        return KW_EINVAL;
    ret->plan = &ret->doc.plans[0];
    return 0;
}

/* Copies into a the arrays of p's pillars, themes, measures and KPIs, which hold the ids
 * store_plan_attach_ids gives them, so that the version kept by the thread stays as parsed;
 * texts and the other lists are the kept version's. */
static void own_tree(struct arena *a, struct published_plan *pp) {
    struct plan *p = arena_memdup(a, pp->plan, sizeof *p);
    p->pillars = arena_memdup(a, p->pillars, p->n_pillars * sizeof *p->pillars);
    for (size_t i = 0; i < p->n_pillars; i++) {
        struct pillar *pi = &p->pillars[i];
        pi->themes = arena_memdup(a, pi->themes, pi->n_themes * sizeof *pi->themes);
        for (size_t j = 0; j < pi->n_themes; j++) {
            struct theme *t = &pi->themes[j];
            t->measures = arena_memdup(a, t->measures, t->n_measures * sizeof *t->measures);
            for (size_t k = 0; k < t->n_measures; k++)
                t->measures[k].kpis = arena_memdup(a, t->measures[k].kpis, t->measures[k].n_kpis * sizeof *t->measures[k].kpis);
        }
    }
    pp->doc.plans = p;
    pp->plan = p;
}

int published_load(struct db *db, struct arena *a, int64_t plan_id, struct published_plan *ret) {
    struct plan_version *v;
    size_t n;
    int rc = store_versions(db, a, plan_id, &v, &n);
    if (rc < 0)
        return rc;
    if (n == 0)
        return KW_ENOTFOUND;
    return version_cache_load(db, a, v[n - 1].id, v[n - 1].published_at, published_version_parse, ret);
}

int published_load_with_ids(struct db *db, struct arena *a, int64_t plan_id, struct published_plan *ret) {
    int64_t org_id;
    int rc = store_plan_org(db, plan_id, &org_id);
    if (rc == 0) rc = published_load(db, a, plan_id, ret);
    if (rc == 0) own_tree(a, ret);
    if (rc == 0) rc = store_plan_attach_ids(db, plan_id, org_id, &ret->doc.plans[0]);
    return rc;
}

const struct measure *published_measure(const struct published_plan *pp, const char *key, struct measure_ref *ret_ref) {
    const struct measure *found = key ? plan_measure_by_key(pp->plan, key) : NULL;
    const struct plan *p = pp->plan;
    for (size_t i = 0; found && ret_ref && i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++) {
            const struct theme *t = &p->pillars[i].themes[j];
            if (found >= t->measures && found < t->measures + t->n_measures)
                *ret_ref = (struct measure_ref){
                    .plan_id = pp->version.plan_id, .org_id = p->org_id, .org_code = pp->doc.org.code,
                    .org_name = pp->doc.org.name, .plan_title = p->title, .pillar_code = p->pillars[i].code,
                    .pillar_title = p->pillars[i].title, .theme_code = t->code, .theme_title = t->title};
        }
    return found;
}

/* A plan's latest version as published_meeting_measures read it: rc 0, or KW_ENOTFOUND when
 * the plan has none. */
struct loaded_version {
    int64_t plan_id;
    int rc;
    struct published_plan pp;
};

static struct loaded_version *version_of(struct db *db, struct arena *a, int64_t plan_id, struct loaded_version **v,
                                         size_t *n, size_t *cap) {
    for (size_t i = 0; i < *n; i++)
        if ((*v)[i].plan_id == plan_id)
            return &(*v)[i];
    *v = arena_grow(a, *v, sizeof **v, cap, *n + 1);
    struct loaded_version *l = &(*v)[(*n)++];
    l->plan_id = plan_id;
    l->rc = published_load(db, a, plan_id, &l->pp);
    return l;
}

int published_meeting_measures(struct db *db, struct arena *a, struct body *v, size_t n) {
    struct loaded_version *loaded = NULL;
    size_t nloaded = 0, cap = 0;
    for (size_t b = 0; b < n; b++)
        for (size_t i = 0; i < v[b].n_meetings; i++)
            for (size_t j = 0; j < v[b].meetings[i].n_measures; j++) {
                struct meeting_measure *mm = &v[b].meetings[i].measures[j];
                struct loaded_version *l = version_of(db, a, mm->plan_id, &loaded, &nloaded, &cap);
                if (l->rc < 0 && l->rc != KW_ENOTFOUND)
                    return l->rc;
                const struct measure *m = l->rc == 0 ? published_measure(&l->pp, mm->code, NULL) : NULL;
                mm->plan = l->rc == 0 ? l->pp.plan->title : NULL;
                mm->title = m ? m->title : NULL;
                if (!m)
                    mm->measure_id = 0;
            }
    return 0;
}

/* The searchable words of a published measure besides its title (SEARCH_TEXT), NFKC and case
 * folded (malloc'd): what the search index holds of a draft measure, less its schedule items. */
static char *measure_text(const struct measure *m) {
    struct buf b = BUF_INIT;
    buf_printf(&b, "%s %s %s", m->code, m->current ? m->current : "", m->ideal ? m->ideal : "");
    const struct strlist *lists[] = {&m->means, &m->tags, &m->departments};
    for (size_t i = 0; i < 3; i++)
        for (size_t j = 0; j < lists[i]->n; j++)
            buf_printf(&b, " %s", lists[i]->items[j]);
    for (size_t i = 0; i < m->n_kpis; i++)
        if (m->kpis[i].name)
            buf_printf(&b, " %s", m->kpis[i].name);
    char *norm = utf8_normalize(buf_cstr(&b));
    buf_free(&b);
    return norm;
}

int published_search(struct db *db, struct arena *a, const struct published_plan *pp, const char *q, const char *dept,
                     const char *rating, const struct measure ***ret, size_t *ret_n, unsigned **ret_matched) {
    /* the draft's search applies the department and rating filters; a measure must also hold
     * the query's words in its published text, so that no word only the draft has finds it.
     * A measure the draft no longer has (id 0) cannot be filtered by the draft: it is listed
     * when no department or rating is asked for and the words are in its text. */
    const struct plan *p = pp->plan;
    struct measure *hits = NULL;
    size_t nhits = 0, n = 0, cap = 0;
    int rc = store_measure_search(db, a, p->id, q, dept, rating, LOAD_SUMMARY, &hits, &nhits, NULL);
    if (rc < 0)
        return rc;
    struct search_query sq;
    bool use_q = q && *q;
    if (use_q && !search_query_init(&sq, q)) {
        search_query_free(&sq);               /* nothing searchable: no hits, as in the draft */
        *ret = NULL;
        *ret_n = 0;
        if (ret_matched)
            *ret_matched = NULL;
        return 0;
    }
    const struct measure **v = NULL;
    unsigned *matched = NULL;
    size_t cap_matched = 0;
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++) {
            /* the same fields as the draft's search (core/search.h): the measure's words, its
             * theme's and its pillar's titles, as published */
            char *theme = use_q ? utf8_normalize(p->pillars[i].themes[j].title ? p->pillars[i].themes[j].title : "") : NULL;
            char *pillar = use_q ? utf8_normalize(p->pillars[i].title ? p->pillars[i].title : "") : NULL;
            for (size_t k = 0; k < p->pillars[i].themes[j].n_measures; k++) {
                const struct measure *m = &p->pillars[i].themes[j].measures[k];
                bool hit = !m->id && !(dept && *dept) && !(rating && *rating);
                for (size_t h = 0; h < nhits && !hit; h++)
                    hit = m->id && hits[h].id == m->id;
                unsigned held = 0;
                if (hit && use_q) {
                    char *title = utf8_normalize(m->title ? m->title : ""), *text = measure_text(m);
                    const char *fields[SEARCH_NFIELDS] = {[SEARCH_TITLE] = title, [SEARCH_TEXT] = text,
                                                          [SEARCH_THEME] = theme, [SEARCH_PILLAR] = pillar};
                    hit = search_match(&sq, fields, SEARCH_NFIELDS, &held);
                    free(title);
                    free(text);
                }
                if (!hit)
                    continue;
                v = arena_grow(a, v, sizeof *v, &cap, n + 1);
                matched = arena_grow(a, matched, sizeof *matched, &cap_matched, n + 1);
                matched[n] = held;
                v[n++] = m;
            }
            free(theme);
            free(pillar);
        }
    if (use_q)
        search_query_free(&sq);
    *ret = v;
    *ret_n = n;
    if (ret_matched)
        *ret_matched = matched;
    return 0;
}
