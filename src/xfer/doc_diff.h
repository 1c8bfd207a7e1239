/* Comparing two states of an organisation's plans (issues 3 and 12): two versions of a plan (the
 * compare page and API), or the stored organisation and a document replacing it (the merge of
 * xfer/doc_merge.c, whose change list this is). Entities are matched by their codes: departments
 * and bodies by code; plans by code, else by title (a lone plan on each side is the same plan
 * renamed); pillars by code; themes by code, else by title (one that moved to another pillar of
 * the plan, keeping its code or title, counts as moved); measures by code within their matched
 * theme, else (moved) by a code or title the plan has once; KPIs by code, else by name within
 * their measure; measurements by period; reviews by fiscal year and quarter; meetings by date and
 * title, else by a date their body has one meeting on. What matched is compared field by field as the plan document writes it, e.g. a KPI's
 * target from {"state":"undecided"} to {"value":50,"fy":2026}; values are compact JSON texts. A
 * plan's logic model, replaced as a whole, is one field of its plan, "logic_model", whose values
 * count its nodes and edges and (after) those added, removed and changed. */
#ifndef KAWARU_XFER_DOC_DIFF_H
#define KAWARU_XFER_DOC_DIFF_H
#include <stdbool.h>
#include <stddef.h>
#include "core/model.h"
#include "util/arena.h"

/* DIFF_KEPT (merges only): history (a measurement, a confirmed review, a meeting) the document
 * lacks, which stays as it is. DIFF_ABOLISHED and DIFF_REFUSED are the merge's verdicts on a
 * removal (kept as 廃止, or refused because history would go) and on a change it may not make. */
enum diff_kind { DIFF_ADDED, DIFF_REMOVED, DIFF_MOVED, DIFF_CHANGED, DIFF_KEPT, DIFF_ABOLISHED, DIFF_REFUSED };

enum diff_entity {
    DE_ORG, DE_DEPARTMENT, DE_PLAN, DE_PILLAR, DE_THEME, DE_MEASURE, DE_KPI, DE_MEASUREMENT, DE_REVIEW, DE_BODY,
    DE_MEETING,
};

struct diff_field { char *name, *before, *after; };       /* before/after NULL: absent */

/* Why the merge refused or abolished an entry: history a removal would lose (history says
 * which), a change only publishing makes, or a refusal of the store (note says it). */
enum diff_reason { REASON_NONE, REASON_HISTORY, REASON_PUBLISHING, REASON_STORE };
struct history;

struct diff_entry {
    enum diff_entity type;
    const char *entity;                 /* its name: "plan", "pillar", "measure", "kpi", ... */
    char *key;                          /* code, path or title; a KPI "<measure key> <name>" */
    char *title;
    enum diff_kind kind;
    char *from, *to;                    /* moved: the parent before and after (its key) */
    struct diff_field *fields;          /* changed: the fields that differ */
    size_t n_fields;
    /* the entity as stored (NULL when added) and as the document has it (NULL when removed or
     * kept), and its parent in the document (a struct of the level above; NULL at the top) */
    const void *was, *now, *now_parent;
    enum diff_reason reason;            /* the merge's reason for a refusal or an abolition, */
    const struct history *history;      /* with REASON_HISTORY the history (store.h), */
    char *note;                         /* and in English words (the API's message) */
};

/* Compares two organisations, from (as stored: with ids) to to (a document): every level of
 * both, with kept history (DIFF_KEPT) where to lacks measurements, confirmed reviews or
 * meetings from has; already abolished entities to lacks are left out. Entries are allocated in
 * a, level by level (departments, plans, pillars, themes, measures, KPIs, measurements, reviews,
 * bodies, meetings), removals first within a level. */
int doc_diff(struct arena *a, const struct org_doc *from, const struct org_doc *to, struct diff_entry **ret,
             size_t *ret_n);
/* Every pair doc_diff matched, changed or not: an entity of to and the stored one it is. */
struct diff_pair { enum diff_entity type; const void *now, *was; };
int doc_diff_pairs(struct arena *a, const struct org_doc *from, const struct org_doc *to, struct diff_entry **ret,
                   size_t *ret_n, struct diff_pair **ret_pairs, size_t *ret_np);
/* Compares the first plan of two kawaru-plan/1 documents (two versions). KW_EINVAL when a text
 * is not such a document. */
int plan_diff(struct arena *a, const char *from_doc, const char *to_doc, struct diff_entry **ret, size_t *ret_n);
const char *diff_kind_name(enum diff_kind k);     /* "added", "removed", "moved", "changed", ... */
/* The entries as a JSON array of {entity, kind, key, title, moved_from?, moved_to?, fields?, note?}
 * (the compare API and the document merge's reply). */
struct jw;
void diff_entries_write(struct jw *w, const struct diff_entry *v, size_t n);

#endif
