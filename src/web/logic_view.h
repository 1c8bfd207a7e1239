/* A plan's logic model as the logic model page shows it (page_logic.c builds it, svg_logic.c
 * draws it): each node with the measures and KPIs it names resolved in the plan the reader sees
 * (the working draft for members, the latest published version for everyone else), each KPI's
 * figures from kpi_derive, the links of its page, and the nodes it leads to. */
#ifndef KAWARU_WEB_LOGIC_VIEW_H
#define KAWARU_WEB_LOGIC_VIEW_H
#include "core/kpi_calc.h"
#include "core/logic_model.h"
#include "http/req.h"

struct lm_view_kpi {
    const struct kpi *kpi;
    struct kpi_derived d;
    const char *href;                   /* its KPI page, or the published sheet of its measure */
};

struct lm_view_measure {
    const struct measure *m;
    const char *href;
};

struct lm_view_node {
    const struct lm_node *node;
    const char *anchor;                 /* the id of its entry in the outline: "lm-3" */
    const char *href;                   /* the box's link: its first measure's, else its first KPI's; or NULL */
    struct lm_view_measure *measures; size_t n_measures;   /* what the plan has of those it names */
    struct lm_view_kpi *kpis; size_t n_kpis;
    size_t *next; size_t n_next;        /* indexes of the nodes it leads to, in edge order */
};

struct lm_view_edge { size_t from, to; };

/* All allocated in the request's arena. */
struct lm_view {
    struct lm_view_node *nodes; size_t n_nodes;
    struct lm_view_edge *edges; size_t n_edges;   /* only edges between nodes of the model */
};

/* The drawing (svg_logic.c): the nodes as boxes in their seven columns under their headings,
 * edges routed left to right between them, each box with its text wrapped to the box, its target
 * group and its KPIs' latest values and statuses; role="img", named and described by its title
 * and desc, which point to the outline the page puts below it. Wrapped in a labelled, focusable
 * region that scrolls sideways when the screen is narrower than the drawing. */
void svg_logic_model(struct req *r, const struct lm_view *v);

/* A KPI without a value yet, in words: "最新値なし", with its target when it has one
 * ("最新値なし・目標 80%"). svg_logic.c; the outline says the same. */
const char *lm_no_value_words(struct req *r, const struct kpi *k);

#endif
