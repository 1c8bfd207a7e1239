/* Comparing two versions of a plan (issue 3): given two kawaru-plan/1 documents holding the
 * plan, what was added, removed or moved (pillars by code, themes by code or title, measures by
 * code, KPIs by measure and name), and field by field what changed (e.g. a KPI's target from
 * {"state":"undecided"} to {"value":50,"fy":2026}). Values are compact JSON texts. */
#ifndef KAWARU_XFER_PLAN_DIFF_H
#define KAWARU_XFER_PLAN_DIFF_H
#include <stddef.h>
#include "util/arena.h"

enum diff_kind { DIFF_ADDED, DIFF_REMOVED, DIFF_MOVED, DIFF_CHANGED };

struct diff_field { char *name, *before, *after; };       /* before/after NULL: absent */

struct diff_entry {
    const char *entity;                 /* "plan", "pillar", "theme", "measure", "kpi" */
    char *key;                          /* code, or title; a KPI: "<measure code> <name>" */
    char *title;
    enum diff_kind kind;
    char *from, *to;                    /* moved: the parent before and after (code or title) */
    struct diff_field *fields;          /* changed: the fields that differ */
    size_t n_fields;
};

/* Compares the first plan of each document. KW_EINVAL when a text is not such a document. A
 * measure both moved and changed gives one entry of each kind. */
int plan_diff(struct arena *a, const char *from_doc, const char *to_doc, struct diff_entry **ret, size_t *ret_n);
const char *diff_kind_name(enum diff_kind k);             /* "added", "removed", "moved", "changed" */

#endif
