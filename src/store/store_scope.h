/* The organisation a URL's resource belongs to (issue 4, SPEC §5): what the authorization of a
 * request (http/authz.c) needs to know about its target before the handler runs — the
 * organisation, and the measure or department a reporter's rights are decided by. */
#ifndef KAWARU_STORE_STORE_SCOPE_H
#define KAWARU_STORE_STORE_SCOPE_H
#include <stdint.h>
#include "store/store.h"

/* The kinds of resource a route acts on (the route table's scope column, server/routes.h). */
enum scope_kind {
    SCOPE_UNDECLARED = 0,   /* a route that forgot to say: refused, whoever asks */
    SCOPE_NONE,             /* no organisation's resource: a list, the user's own, the public's */
    SCOPE_ORG,              /* an organisation code */
    SCOPE_DEPARTMENT, SCOPE_PLAN, SCOPE_PILLAR, SCOPE_THEME, SCOPE_MEASURE, SCOPE_KPI, SCOPE_MEASUREMENT,
    SCOPE_PERIOD,
    SCOPE_PERIOD_MEASURE,   /* a review period and a measure of its organisation: two ids */
    SCOPE_VERSION, SCOPE_BODY, SCOPE_MEETING, SCOPE_FEEDBACK, SCOPE_NOTIFICATION, SCOPE_TOKEN, SCOPE_USER,
    SCOPE_MEANS,            /* a means of an organisation's catalogue (issue 14) */
    SCOPE_STEP,             /* a step of a surveyed business (issue 14 point 3) */
    SCOPE_APPLICATION,      /* a means applied to a step: a cell of the STEP3 matrix */
    SCOPE_REALLOCATION,     /* an entry of freed hours reallocated (issue 14) */
    SCOPE_NKINDS
};

/* What a resource belongs to; 0 when it does not apply (a plan has no measure). */
struct scope {
    int64_t org_id;
    int64_t measure_id;       /* a measure, and what hangs below it (KPIs, measurements, reviews) */
    int64_t department_id;    /* a department, and its inbox and notifications */
    bool unpublished_plan;    /* a plan of which no version has been published */
};

/* The scope of the resource of kind (one with a single key: not SCOPE_NONE or
 * SCOPE_PERIOD_MEASURE) named by key (an organisation code, or an id). KW_ENOTFOUND when there
 * is no such resource; KW_EINVAL for a kind without a single key. */
int store_scope(struct db *db, enum scope_kind kind, const char *key, struct scope *ret);
/* True when measure_id has one of the departments among its departments (lead or not). */
bool store_measure_in_departments(struct db *db, int64_t measure_id, const int64_t *dept_ids, size_t n);
/* Gives the pillars, themes, measures and KPIs of p — a published version of plan plan_id,
 * parsed from its snapshot — the ids of the working draft's rows that carry the same codes
 * (themes without a code: the same title; measures: the same key; KPIs: the same code, or the
 * same name in the same measure); what the draft no longer has keeps id 0. Sets p->id and
 * p->org_id. */
int store_plan_attach_ids(struct db *db, int64_t plan_id, int64_t org_id, struct plan *p);
/* The same for one published measure m of the draft's measure_id: its id and its KPIs' ids. */
int store_measure_attach_ids(struct db *db, int64_t measure_id, struct measure *m);
/* Where a measure ("measures") or a KPI ("kpis") of the draft is found in a published version:
 * its plan, its measure's key and (a KPI) its name and code. KW_ENOTFOUND when there is no
 * such row. */
struct row_key { int64_t plan_id; char *measure_key, *kpi_name, *kpi_code; };
int store_row_key(struct db *db, struct arena *a, const char *kind, int64_t id, struct row_key *ret);

#endif
