/* The logic model's names and look-ups (see logic_model.h): no I/O. */
#include "core/logic_model.h"
#include <string.h>
#include "core/errors.h"

const char *const lm_column_names[] = {"assumption", "input", "activity", "output", "outcome_short",
                                       "outcome_long", "impact", NULL};

int lm_column_parse(const char *s, enum lm_column *ret) {
    for (int i = 0; s && lm_column_names[i]; i++)
        if (strcmp(lm_column_names[i], s) == 0) {
            *ret = (enum lm_column)i;
            return 0;
        }
    return KW_EINVAL;
}

const struct lm_node *lm_node_by_key(const struct logic_model *lm, const char *key) {
    for (size_t i = 0; lm && key && i < lm->n_nodes; i++)
        if (lm->nodes[i].key && strcmp(lm->nodes[i].key, key) == 0)
            return &lm->nodes[i];
    return NULL;
}

const char *lm_kpi_name(const struct kpi *k) {
    return k->code ? k->code : k->name;
}

const struct kpi *lm_kpi_find(const struct measure *m, const char *name) {
    for (size_t i = 0; name && i < m->n_kpis; i++)
        if (m->kpis[i].code && strcmp(m->kpis[i].code, name) == 0)
            return &m->kpis[i];
    for (size_t i = 0; name && i < m->n_kpis; i++)
        if (!m->kpis[i].code && m->kpis[i].name && strcmp(m->kpis[i].name, name) == 0)
            return &m->kpis[i];
    return NULL;
}

void lm_write(struct jw *w, const struct logic_model *lm) {
    jw_obj_begin(w);
    jw_key(w, "nodes");
    jw_arr_begin(w);
    for (size_t i = 0; i < lm->n_nodes; i++) {
        const struct lm_node *n = &lm->nodes[i];
        jw_obj_begin(w);
        jw_kstr(w, "key", n->key);
        jw_kstr(w, "column", lm_column_names[n->column]);
        jw_kstr(w, "text", n->text);
        if (n->target_group)
            jw_kstr(w, "target_group", n->target_group);
        if (n->measures.n) {
            jw_key(w, "measures");
            jw_arr_begin(w);
            for (size_t j = 0; j < n->measures.n; j++)
                jw_str(w, n->measures.items[j]);
            jw_arr_end(w);
        }
        if (n->n_kpis) {
            jw_key(w, "kpis");
            jw_arr_begin(w);
            for (size_t j = 0; j < n->n_kpis; j++) {
                jw_obj_begin(w);
                jw_kstr(w, "measure", n->kpis[j].measure);
                jw_kstr(w, "kpi", n->kpis[j].kpi);
                jw_obj_end(w);
            }
            jw_arr_end(w);
        }
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_key(w, "edges");
    jw_arr_begin(w);
    for (size_t i = 0; i < lm->n_edges; i++) {
        jw_obj_begin(w);
        jw_kstr(w, "from", lm->edges[i].from);
        jw_kstr(w, "to", lm->edges[i].to);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
}
