/* The plan document kawaru-plan/1 (SPEC §4.3): parsing and validating it into the model, and
 * writing the model back out. Export -> import -> export yields the same bytes. */
#ifndef KAWARU_XFER_PLAN_DOC_H
#define KAWARU_XFER_PLAN_DOC_H
#include <stdbool.h>
#include "core/fiscal.h"
#include "core/model.h"
#include "util/arena.h"
#include "util/jw.h"
#include "xfer/json_in.h"

#define PLAN_DOC_FORMAT "kawaru-plan/1"

/* Parses and validates text as a whole document. On success fills ret (allocated in a) and
 * returns 0; otherwise KW_EINVAL with errs filled, and ret untouched. */
int plan_doc_parse(const char *text, size_t len, struct arena *a, struct org_doc *ret, struct doc_errors *errs);
/* One measure object as plan_doc_write_measure writes it, from a stored version (its departments
 * and ratings were checked when the version was stored, and are not again); KW_EINVAL when it
 * is not one. */
int plan_doc_parse_measure(const char *text, size_t len, struct arena *a, struct measure *ret);

enum plan_doc_flags {
    DOC_WITH_IDS = 1,        /* API: every pillar, theme, measure and KPI carries its id */
    DOC_WITH_DERIVED = 2,    /* API: KPIs carry achievement, status, forecast */
    DOC_MEMBERS = 8,         /* write the members only, into an object the caller opened (so it
                                can add its own members, e.g. where the entity sits) */
    DOC_SUMMARY = 4,         /* API lists: a measure without its texts, schedule, progress,
                                means, links and reviews; a KPI without its measurements */
    DOC_OWN = 16,            /* an entity's own members only, without the entities below it (a
                                plan's pillars, a pillar's themes or measures, a theme's measures,
                                a measure's KPIs and reviews, a KPI's measurements, a body's
                                meetings): what comparing two documents compares field by field */
};

/* Writes a whole document (export: pretty, no ids). */
void plan_doc_write(struct buf *out, const struct org_doc *doc, int indent);
/* Writes one plan object; flags from plan_doc_flags; today for derived figures. */
void plan_doc_write_plan(struct jw *w, const struct plan *p, int flags, kw_date today);
void plan_doc_write_pillar(struct jw *w, const struct pillar *pi, int flags, kw_date today);
void plan_doc_write_theme(struct jw *w, const struct theme *t, int flags, kw_date today);
void plan_doc_write_measure(struct jw *w, const struct measure *m, int flags, kw_date today);
void plan_doc_write_kpi(struct jw *w, const struct kpi *k, int flags, kw_date today);
/* A search result: the measure's summary object (ids, derived figures) with "matched", the names
 * of the fields (core/search.h search_field_name) whose bits matched holds; without a query
 * (matched 0) the summary alone. */
void plan_doc_write_search_hit(struct jw *w, const struct measure *m, unsigned matched, kw_date today);
/* The objects of the document's other entities, as plan_doc_write writes them. */
void plan_doc_write_org(struct jw *w, const struct org *o);
void plan_doc_write_department(struct jw *w, const struct department *d);
void plan_doc_write_measurement(struct jw *w, const struct measurement *m, int flags);
void plan_doc_write_review(struct jw *w, const struct review *rv, int flags);
/* The members of a roll-up (core/rollup.h) into an object the caller opened: measures, ratings
 * on the scale with their labels, unrated, problems, KPIs by status, mean achievement. */
struct rollup;
void plan_doc_write_rollup(struct jw *w, const struct rollup *r, const struct rating_level *scale, size_t n_scale);

#endif
