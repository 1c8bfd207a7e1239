/* A plan's logic model (ロジックモデル, SPEC §2, issue 14 point 5): nodes in seven columns —
 * assumption, input, activity, output, short- and long-term outcome, impact — each with its text,
 * the group it is for (だれに・どこに) and the measures and KPIs it stands on, and edges from node
 * to node. A node is named by its key (a machine code, unique in the plan), a measure by its key
 * in the plan (core/model.h), a KPI by its measure and its code or, without one, its name. */
#ifndef KAWARU_CORE_LOGIC_MODEL_H
#define KAWARU_CORE_LOGIC_MODEL_H
#include <stddef.h>
#include <stdint.h>
#include "core/model.h"
#include "util/jw.h"

enum lm_column { LM_ASSUMPTION, LM_INPUT, LM_ACTIVITY, LM_OUTPUT, LM_OUTCOME_SHORT, LM_OUTCOME_LONG, LM_IMPACT,
                 LM_N_COLUMNS };
enum { LM_MAX_KEY = 64, LM_MAX_NODES = 1000, LM_MAX_EDGES = 5000, LM_MAX_LINKS = 100 };

/* The columns' names in the document, the API and the store, in enum order, NULL-terminated. */
extern const char *const lm_column_names[];
/* 0 with *ret set, or KW_EINVAL for an unknown name. */
int lm_column_parse(const char *s, enum lm_column *ret);

/* A KPI a node stands on: its measure's key and the KPI's code or name (ids when stored). */
struct lm_kpi_ref { char *measure, *kpi; int64_t measure_id, kpi_id; };

struct lm_node {
    int64_t id;
    char *key;
    enum lm_column column;
    char *text, *target_group;          /* target_group NULL: not stated */
    struct strlist measures;            /* keys of measures of the plan */
    int64_t *measure_ids;               /* when stored: parallel to measures */
    struct lm_kpi_ref *kpis; size_t n_kpis;
};

struct lm_edge { char *from, *to; int64_t from_id, to_id; };   /* node keys (ids when stored) */

struct logic_model {
    struct lm_node *nodes; size_t n_nodes;
    struct lm_edge *edges; size_t n_edges;
};

/* The node of lm whose key is key; NULL when none. */
const struct lm_node *lm_node_by_key(const struct logic_model *lm, const char *key);
/* The name a document gives KPI k: its code, or its name when it has none (NULL: neither). */
const char *lm_kpi_name(const struct kpi *k);
/* The KPI of m that name names: the one with that code, else the only one without a code with
 * that name; NULL when none. */
const struct kpi *lm_kpi_find(const struct measure *m, const char *name);
/* Writes lm as the plan document has it (docs/plan-format.md, canonical: members in one order,
 * target_group, measures and kpis only when set): {"nodes":[…],"edges":[…]}. The store's audit
 * rows and its check for a change write the same. */
void lm_write(struct jw *w, const struct logic_model *lm);

#endif
