/* A plan's logic model as two tables: its boxes by column, and its arrows (plan_sheets.h). */
#include <string.h>
#include "core/words.h"
#include "util/buf.h"
#include "xfer/plan_sheets.h"

static const struct sheet_col node_cols[] = {
    {"列", "column", 14, false},         {"キー", "key", 12, false},  {"内容", "text", 40, true},
    {"対象", "target_group", 16, true}, {"関連する取組", "measures", 20, true}, {"数値目標", "kpis", 30, true},
    {"矢印の先", "to", 20, true},
};

void plan_sheet_logic(struct sheet *s, struct arena *a, const struct plan *p) {
    sheet_init(s, a, "ロジックモデル", "logic_model", node_cols, sizeof node_cols / sizeof *node_cols);
    s->freeze_cols = 2;
    const struct logic_model *lm = p->logic_model;
    for (int col = 0; lm && col < LM_N_COLUMNS; col++)
        for (size_t i = 0; i < lm->n_nodes; i++) {
            const struct lm_node *n = &lm->nodes[i];
            if ((int)n->column != col)
                continue;
            struct cell *row = sheet_add_row(s);
            cell_set_text(&row[0], lm_column_ja(n->column));
            cell_set_text(&row[1], n->key);
            cell_set_text(&row[2], n->text);
            cell_set_text(&row[3], n->target_group);
            struct buf b = BUF_INIT;
            for (size_t k = 0; k < n->measures.n; k++)
                buf_printf(&b, "%s%s", k ? "\n" : "", n->measures.items[k]);
            cell_set_text(&row[4], arena_strdup(a, buf_cstr(&b)));
            buf_reset(&b);
            for (size_t k = 0; k < n->n_kpis; k++)
                buf_printf(&b, "%s%s：%s", k ? "\n" : "", n->kpis[k].measure, n->kpis[k].kpi);
            cell_set_text(&row[5], arena_strdup(a, buf_cstr(&b)));
            buf_reset(&b);
            for (size_t e = 0; e < lm->n_edges; e++)
                if (strcmp(lm->edges[e].from, n->key) == 0)
                    buf_printf(&b, "%s%s", b.len ? "\n" : "", lm->edges[e].to);
            cell_set_text(&row[6], arena_strdup(a, buf_cstr(&b)));
            buf_free(&b);
        }
}
