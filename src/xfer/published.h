/* The latest published version of a plan, parsed back into the model, and one measure of it by
 * key: what the public reads, for the pages and the API of citizen feedback. */
#ifndef KAWARU_XFER_PUBLISHED_H
#define KAWARU_XFER_PUBLISHED_H
#include "core/body.h"
#include "store/store.h"

struct published_plan {
    struct plan_version version;
    struct org_doc doc;
    const struct plan *plan;             /* the one plan of doc */
};

/* The latest version of plan_id, parsed (once per server thread: xfer/version_cache.h, so what
 * it returns must not be changed; a's request may rely on it to its end); KW_ENOTFOUND when the
 * plan has none (or no such plan), KW_EDB or KW_EINVAL when it cannot be read. */
int published_load(struct db *db, struct arena *a, int64_t plan_id, struct published_plan *ret);
/* Version id read and parsed into a, past the thread's cache (for a version being stored). */
int published_version_parse(struct db *db, struct arena *a, int64_t id, struct published_plan *ret);
/* published_load, with the ids of the working draft's rows of the same codes given to the
 * published plan's pillars, themes, measures and KPIs (store_plan_attach_ids), which are
 * copied into a for that. */
int published_load_with_ids(struct db *db, struct arena *a, int64_t plan_id, struct published_plan *ret);
/* Rewrites the measures the meetings of bodies v[0..n) took up as the public may see them: the
 * plan's title and the measure's title as the plan's latest published version has them, and
 * only the code (measure_id 0, no title) of a measure that version lacks; no plan title either
 * when the plan has no published version. Each plan's version is read once. */
int published_meeting_measures(struct db *db, struct arena *a, struct body *v, size_t n);
/* The measure of the published plan whose key (its code, or its path where the plan's codes
 * repeat) or full path is key, or NULL; ret_ref (may be NULL) is where it sits, with the
 * organisation as the version names it. */
const struct measure *published_measure(const struct published_plan *p, const char *key, struct measure_ref *ret_ref);
/* The measures of pp (whose ids are the draft's: store_plan_attach_ids) that the draft's search
 * finds for q, dept and rating (each may be NULL) and whose published text also holds every
 * word of q, in plan order, allocated in a; with ret_matched, where each matched in its published
 * text (bits 1 << core/search.h search_field, as store_measure_search gives them). KW_EINVAL when
 * q is not valid UTF-8. */
int published_search(struct db *db, struct arena *a, const struct published_plan *pp, const char *q, const char *dept,
                     const char *rating, const struct measure ***ret, size_t *ret_n, unsigned **ret_matched);

#endif
