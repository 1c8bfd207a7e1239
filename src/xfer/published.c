/* The latest published version of a plan and its measures by code (see published.h). */
#include <string.h>
#include "core/errors.h"
#include "xfer/plan_doc.h"
#include "xfer/published.h"

int published_load(struct db *db, struct arena *a, int64_t plan_id, struct published_plan *ret) {
    struct plan_version *v;
    size_t n;
    struct doc_errors errs;
    int rc = store_versions(db, a, plan_id, &v, &n);
    if (rc < 0)
        return rc;
    if (n == 0)
        return KW_ENOTFOUND;
    if ((rc = store_version_load(db, a, v[n - 1].id, &ret->version)) < 0)
        return rc;
    if (plan_doc_parse(ret->version.snapshot, strlen(ret->version.snapshot), a, &ret->doc, &errs) < 0 ||
        ret->doc.n_plans != 1)
        return KW_EINVAL;
    ret->plan = &ret->doc.plans[0];
    return 0;
}

const struct measure *published_measure(const struct published_plan *p, const char *code) {
    for (size_t i = 0; code && i < p->plan->n_pillars; i++)
        for (size_t j = 0; j < p->plan->pillars[i].n_themes; j++)
            for (size_t k = 0; k < p->plan->pillars[i].themes[j].n_measures; k++) {
                const struct measure *m = &p->plan->pillars[i].themes[j].measures[k];
                if (m->code && strcmp(m->code, code) == 0)
                    return m;
            }
    return NULL;
}
