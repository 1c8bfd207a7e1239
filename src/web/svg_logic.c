/* The logic model drawn as inline SVG (issue 14 point 5): seven columns under their headings,
 * each node a box holding its text wrapped to the box (by display width: a 漢字 takes two columns,
 * lines never start with closing punctuation), its target group and, per KPI, the KPI's name, its
 * latest value with unit and its status in words on a badge whose colour says it too.
 *
 * Layout: the column with the most nodes is stacked top to bottom; the columns to its right are
 * placed column by column beside the nodes they come from, then it and those to its left beside
 * the nodes they lead to, then those to its right again (each node at the mean height of its
 * neighbours, in the model's order, pushed down so that boxes never overlap). Edges run from a
 * box's right edge to the next box's left edge as cubic Béziers; an edge that skips columns
 * passes each column between two boxes; an edge back to an earlier column or within one is
 * dotted, so it still reads as a link.
 *
 * The drawing is role="img" with a title and a description that point to the outline (the
 * page's text alternative, with the same links), so it holds no links itself: a second SVG of
 * the same size lies over it with a transparent link over each box and each KPI, hidden from
 * assistive technology and out of the tab order (aria-hidden, tabindex=-1) — links for the
 * mouse; keyboard and screen-reader users meet each link once, in the outline. */
#include <stdio.h>
#include <string.h>
#include "util/utf8.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/logic_view.h"
#include "web/pages.h"

enum {
    BOX_W = 176, GUTTER = 52, MARGIN = 8, HEAD_H = 34, HEAD_GAP = 14, VGAP = 14, PAD = 6,
    FONT = 12, LINE = 16, SMALL = 11, SMALL_LINE = 15, BADGE_H = 17,
};

/* Lines of wrapped text (arena-allocated). */
struct lines { char **v; size_t n; };

struct box {
    double x, y, h;
    struct lines text, who;                 /* who: "だれに：…" */
    struct lines *kpi_names;                /* per KPI */
    double sum; int k;                      /* place_column's: the neighbours' centres, their number */
};

/* Closing punctuation and small kana, which may not begin a line (禁則): the character before
 * goes to the next line with them, or, where a line has no other place to break, they stay
 * at its end. */
static bool no_line_start(int32_t cp) {
    static const char *const closing = "、。，．,.)）」』】〕〉》］｝・：；？！ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々";
    if (cp < 0x80)
        return cp == ',' || cp == '.' || cp == ')' || cp == ':' || cp == ';' || cp == '?' || cp == '!';
    for (const char *p = closing; *p;) {
        int32_t c;
        p += utf8_decode(p, &c);
        if (c == cp)
            return true;
    }
    return false;
}

static double char_px(int32_t cp, double font) {
    int w = utf8_display_width(cp);
    return w == 2 ? font : w == 1 ? font * 0.62 : 0;
}

static void add_line(struct arena *a, struct lines *l, const char *s, size_t from, size_t to) {
    while (from < to && s[from] == ' ')
        from++;
    while (to > from && s[to - 1] == ' ')
        to--;
    if (to > from)
        l->v[l->n++] = arena_strndup(a, s + from, to - from);
}

/* s wrapped to lines of at most max_px at font size font: a line may break before or after a
 * wide character and after a space; a run of narrow characters (a word, a number) breaks only
 * when it is longer than a line. */
static struct lines wrap(struct arena *a, const char *s, double font, double max_px) {
    struct lines l = {arena_alloc(a, (strlen(s) + 1) * sizeof *l.v), 0};
    size_t start = 0, brk = 0, i = 0;
    double w = 0, w_at_brk = 0;
    bool prev_wide = false, prev_space = false;
    while (s[i]) {
        int32_t cp;
        size_t len = utf8_decode(s + i, &cp);
        if (cp == '\n') {
            add_line(a, &l, s, start, i);
            start = i + len;
            i = start;
            w = 0;
            brk = 0;
            prev_wide = prev_space = false;
            continue;
        }
        bool wide = utf8_display_width(cp) == 2, hang = no_line_start(cp);
        if (i > start && !hang && (wide || prev_wide || prev_space)) {
            brk = i;
            w_at_brk = w;
        }
        double cw = char_px(cp, font);
        if (w + cw > max_px && i > start && (brk > start || !hang)) {
            if (brk > start) {                  /* closing punctuation takes the character before it along */
                add_line(a, &l, s, start, brk);
                start = brk;
                w -= w_at_brk;
            } else {
                add_line(a, &l, s, start, i);
                start = i;
                w = 0;
            }
            brk = 0;
        }
        w += cw;
        prev_wide = wide;
        prev_space = cp == ' ' || cp == 0x3000;
        i += len;
    }
    add_line(a, &l, s, start, i);
    return l;
}

static double text_px(const char *s, double font) {
    double w = 0;
    while (*s) {
        int32_t cp;
        s += utf8_decode(s, &cp);
        w += char_px(cp, font);
    }
    return w;
}

const char *lm_no_value_words(struct req *r, const struct kpi *k) {
    if (k->target_state != TARGET_SET)
        return tr(r, M_LM_NO_VALUE);
    char n[48];
    format_number(n, sizeof n, k->target_value);
    return arena_printf(&r->arena, tr(r, M_LM_NO_VALUE_TARGET), arena_printf(&r->arena, "%s%s", n, k->unit ? k->unit : ""));
}

/* The words of a KPI's value line: "最新値 12.5%", or "最新値なし・目標 80%". */
static const char *value_words(struct req *r, const struct lm_view_kpi *k) {
    if (!k->d.has_latest)
        return lm_no_value_words(r, k->kpi);
    char n[48];
    format_number(n, sizeof n, k->d.latest);
    return arena_printf(&r->arena, "%s %s%s", tr(r, M_LATEST), n, k->kpi->unit ? k->kpi->unit : "");
}

/* Whether the status badge fits beside the value words on one line. */
static bool badge_beside(struct req *r, const struct lm_view_kpi *k) {
    double inner = BOX_W - 2 * PAD;
    return text_px(value_words(r, k), SMALL) + 8 + text_px(tr_kpi_status(r, k->d.status), SMALL) + 10 <= inner;
}

static double box_height(struct req *r, const struct lm_view_node *n, const struct box *b) {
    double h = PAD + (double)b->text.n * LINE + (double)b->who.n * SMALL_LINE;
    for (size_t j = 0; j < n->n_kpis; j++)
        h += 6 + (double)b->kpi_names[j].n * SMALL_LINE + (badge_beside(r, &n->kpis[j]) ? 1 : 2) * (BADGE_H + 3);
    return h + PAD;
}

enum place { PLACE_STACKED, PLACE_AFTER, PLACE_BEFORE };

/* Places the nodes of column c (in the model's order) one below the other (stacked), or at the
 * mean height of their neighbours in the columns before it (after) or after it (before), pushed
 * down so that none overlaps the one above. */
static void place_column(const struct lm_view *v, struct box *bx, int c, enum place how, double top) {
    bool forward = how == PLACE_AFTER;
    for (size_t i = 0; i < v->n_nodes; i++) {
        bx[i].sum = 0;
        bx[i].k = 0;
    }
    for (size_t e = 0; how != PLACE_STACKED && e < v->n_edges; e++) {   /* one pass over the edges */
        size_t other = forward ? v->edges[e].from : v->edges[e].to, self = forward ? v->edges[e].to : v->edges[e].from;
        int oc = (int)v->nodes[other].node->column;
        if ((int)v->nodes[self].node->column == c && (forward ? oc < c : oc > c)) {
            bx[self].sum += bx[other].y + bx[other].h / 2;
            bx[self].k++;
        }
    }
    double bottom = top - VGAP;
    for (size_t i = 0; i < v->n_nodes; i++) {
        if ((int)v->nodes[i].node->column != c)
            continue;
        double y = bx[i].k ? bx[i].sum / bx[i].k - bx[i].h / 2 : bottom + VGAP;
        if (y < bottom + VGAP)
            y = bottom + VGAP;
        bx[i].y = y;
        bottom = y + bx[i].h;
    }
}

/* The height inside column c between two boxes (or above the first, below the last) nearest to y:
 * where an edge that skips the column passes it. */
static double gap_near(const struct lm_view *v, const struct box *bx, int c, double y, double top) {
    double best = top - HEAD_GAP / 2.0, prev_bottom = top - HEAD_GAP;
    bool any = false;
    for (size_t i = 0; i < v->n_nodes; i++) {
        if ((int)v->nodes[i].node->column != c)
            continue;
        double g = (prev_bottom + bx[i].y) / 2;
        if (!any || (g > y ? g - y : y - g) < (best > y ? best - y : y - best))
            best = g;
        any = true;
        prev_bottom = bx[i].y + bx[i].h;
    }
    double below = prev_bottom + VGAP / 2.0;
    return (below > y ? below - y : y - below) < (best > y ? best - y : y - best) ? below : best;
}

static void num(struct req *r, double v) { buf_printf(&r->out, "%.1f", v); }

static void edge_path(struct req *r, const struct lm_view *v, const struct box *bx, const struct lm_view_edge *e, double top) {
    int c1 = (int)v->nodes[e->from].node->column, c2 = (int)v->nodes[e->to].node->column;
    const struct box *a = &bx[e->from], *b = &bx[e->to];
    double x1 = a->x + BOX_W, y1 = a->y + a->h / 2, x2 = b->x, y2 = b->y + b->h / 2;
    if (c2 <= c1) {                                   /* back, or within the column: dotted */
        double x2r = c2 == c1 ? b->x + BOX_W : x2, out = c2 == c1 ? GUTTER * 0.7 : GUTTER;
        buf_puts(&r->out, "<path class=\"lm-edge lm-edge-back\" d=\"M");
        num(r, x1); buf_puts(&r->out, ","); num(r, y1);
        buf_puts(&r->out, " C"); num(r, x1 + out); buf_puts(&r->out, ","); num(r, y1);
        buf_puts(&r->out, " "); num(r, c2 == c1 ? x2r + out : x2r - out); buf_puts(&r->out, ","); num(r, y2);
        buf_puts(&r->out, " "); num(r, x2r); buf_puts(&r->out, ","); num(r, y2);
        buf_puts(&r->out, "\" marker-end=\"url(#lm-arrow)\"/>\n");
        return;
    }
    buf_puts(&r->out, "<path class=\"lm-edge\" d=\"M");
    num(r, x1); buf_puts(&r->out, ","); num(r, y1);
    double px = x1, py = y1;
    for (int c = c1 + 1; c <= c2; c++) {
        double qx = MARGIN + c * (BOX_W + GUTTER), qy = c == c2 ? y2 : gap_near(v, bx, c, y1 + (y2 - y1) * (c - c1) / (c2 - c1), top);
        double dx = (qx - px) / 2;
        buf_puts(&r->out, " C"); num(r, px + dx); buf_puts(&r->out, ","); num(r, py);
        buf_puts(&r->out, " "); num(r, qx - dx); buf_puts(&r->out, ","); num(r, qy);
        buf_puts(&r->out, " "); num(r, qx); buf_puts(&r->out, ","); num(r, qy);
        if (c < c2) {                                 /* through the column, between its boxes */
            buf_puts(&r->out, " L"); num(r, qx + BOX_W); buf_puts(&r->out, ","); num(r, qy);
        }
        px = qx + BOX_W;
        py = qy;
    }
    buf_puts(&r->out, "\" marker-end=\"url(#lm-arrow)\"/>\n");
}

static void text_lines(struct req *r, const struct lines *l, const char *cls, double x, double y, double line) {
    for (size_t i = 0; i < l->n; i++)
        html_printf(&r->out, "<text class=\"%r\" x=\"%r\" y=\"%r\">%s</text>\n", cls, arena_printf(&r->arena, "%.1f", x),
                    arena_printf(&r->arena, "%.1f", y + (double)i * line), l->v[i]);
}

/* One KPI inside its box from y down: its name, its value and its status badge; returns the height it takes. */
/* A link of the overlay: a transparent rectangle over part of a box. */
static void hit(struct req *r, struct buf *links, const char *href, double x, double y, double w, double h) {
    html_printf(links, "<a href=\"%s\" tabindex=\"-1\"><rect class=\"lm-hit\" x=\"%r\" y=\"%r\" width=\"%r\" height=\"%r\" rx=\"4\"/></a>\n", href,
                arena_printf(&r->arena, "%.1f", x), arena_printf(&r->arena, "%.1f", y), arena_printf(&r->arena, "%.1f", w),
                arena_printf(&r->arena, "%.1f", h));
}

static double kpi_lines(struct req *r, struct buf *links, const struct lm_view_kpi *k, const struct lines *name, double x, double y) {
    double h = 6 + (double)name->n * SMALL_LINE + (badge_beside(r, k) ? 1 : 2) * (BADGE_H + 3);
    if (k->href)
        hit(r, links, k->href, x - PAD / 2.0, y + 3, BOX_W - PAD, h - 3);
    buf_printf(&r->out, "<line class=\"lm-rule\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>\n", x, x + BOX_W - 2 * PAD, y + 2, y + 2);
    y += 6;
    text_lines(r, name, "lm-kpi", x, y + SMALL, SMALL_LINE);
    y += (double)name->n * SMALL_LINE;
    const char *value = value_words(r, k), *status = tr_kpi_status(r, k->d.status);
    html_printf(&r->out, "<text class=\"lm-value\" x=\"%r\" y=\"%r\">%s</text>\n", arena_printf(&r->arena, "%.1f", x),
                arena_printf(&r->arena, "%.1f", y + SMALL + 2), value);
    double bw = text_px(status, SMALL) + 10, bx = x + BOX_W - 2 * PAD - bw, by = y + 1;
    if (!badge_beside(r, k)) {
        bx = x;
        by = y + BADGE_H + 4;
    }
    html_printf(&r->out, "<g class=\"lm-status lm-status-%r\"><rect x=\"%r\" y=\"%r\" width=\"%r\" height=\"%d\" rx=\"3\"/>"
                         "<text x=\"%r\" y=\"%r\">%s</text></g>\n",
                kpi_status_name(k->d.status), arena_printf(&r->arena, "%.1f", bx), arena_printf(&r->arena, "%.1f", by),
                arena_printf(&r->arena, "%.1f", bw), BADGE_H, arena_printf(&r->arena, "%.1f", bx + 5),
                arena_printf(&r->arena, "%.1f", by + BADGE_H - 4.5), status);
    return h;
}

static void node_box(struct req *r, struct buf *links, const struct lm_view_node *n, const struct box *b) {
    html_printf(&r->out, "<g class=\"lm-node lm-col-%r\" data-key=\"%s\">\n", lm_column_names[n->node->column], n->node->key);
    if (n->href)
        hit(r, links, n->href, b->x, b->y, BOX_W, b->h);
    buf_printf(&r->out, "<rect class=\"lm-box\" x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" rx=\"4\"/>\n", b->x, b->y, BOX_W, b->h);
    double x = b->x + PAD, y = b->y + PAD;
    text_lines(r, &b->text, "lm-text", x, y + FONT, LINE);
    y += (double)b->text.n * LINE;
    text_lines(r, &b->who, "lm-who", x, y + SMALL, SMALL_LINE);
    y += (double)b->who.n * SMALL_LINE;
    for (size_t j = 0; j < n->n_kpis; j++)
        y += kpi_lines(r, links, &n->kpis[j], &b->kpi_names[j], x, y);
    html_printf(&r->out, "</g>\n");
}

void svg_logic_model(struct req *r, const struct lm_view *v) {
    struct arena *a = &r->arena;
    struct box *bx = arena_alloc(a, (v->n_nodes + 1) * sizeof *bx);
    double inner = BOX_W - 2 * PAD, top = MARGIN + HEAD_H + HEAD_GAP;
    size_t per_column[LM_N_COLUMNS] = {0};
    for (size_t i = 0; i < v->n_nodes; i++) {
        const struct lm_view_node *n = &v->nodes[i];
        struct box *b = &bx[i];
        b->x = MARGIN + (int)n->node->column * (BOX_W + GUTTER);
        b->text = wrap(a, n->node->text ? n->node->text : "", FONT, inner);
        b->who = n->node->target_group ? wrap(a, arena_printf(a, tr(r, M_LM_FOR_WHOM_LINE), n->node->target_group), SMALL, inner)
                                       : (struct lines){NULL, 0};
        b->kpi_names = arena_alloc(a, (n->n_kpis + 1) * sizeof *b->kpi_names);
        for (size_t j = 0; j < n->n_kpis; j++)
            b->kpi_names[j] = wrap(a, tr_kpi_name(r, n->kpis[j].kpi), SMALL, inner);
        b->h = box_height(r, n, b);
        per_column[n->node->column]++;
    }
    int spine = 0;
    for (int c = 1; c < LM_N_COLUMNS; c++)
        if (per_column[c] > per_column[spine])
            spine = c;
    place_column(v, bx, spine, PLACE_STACKED, top);
    for (int c = spine + 1; c < LM_N_COLUMNS; c++)
        place_column(v, bx, c, PLACE_AFTER, top);
    for (int c = spine; c >= 0; c--)                 /* the spine too: level with what it leads to */
        place_column(v, bx, c, PLACE_BEFORE, top);
    for (int c = spine + 1; c < LM_N_COLUMNS; c++)
        place_column(v, bx, c, PLACE_AFTER, top);
    double height = top;
    for (size_t i = 0; i < v->n_nodes; i++)
        if (bx[i].y + bx[i].h > height)
            height = bx[i].y + bx[i].h;
    int w = 2 * MARGIN + LM_N_COLUMNS * BOX_W + (LM_N_COLUMNS - 1) * GUTTER, h = (int)height + MARGIN + 2;

    html_printf(&r->out, "<div class=\"table-scroll lm-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"%s\">\n", tr(r, M_LM_SCROLL));
    html_scroll_hint(r);
    html_printf(&r->out, "<div class=\"lm-canvas\">\n<svg class=\"lm-svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
                         "aria-labelledby=\"lm-title lm-desc\">\n<title id=\"lm-title\">%s</title>\n<desc id=\"lm-desc\">%s</desc>\n",
                w, h, w, h, tr(r, M_LM_FIGURE), tr(r, M_LM_FIGURE_DESC));
    buf_puts(&r->out, "<defs><marker id=\"lm-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
                      "markerHeight=\"7\" orient=\"auto\"><path class=\"lm-arrowhead\" d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>\n");
    for (int c = 0; c < LM_N_COLUMNS; c++) {
        int x = MARGIN + c * (BOX_W + GUTTER);
        buf_printf(&r->out, "<rect class=\"lm-column\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>\n", x - 6, MARGIN, BOX_W + 12,
                   h - 2 * MARGIN);
        buf_printf(&r->out, "<rect class=\"lm-head\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\"/>\n", x, MARGIN, BOX_W, HEAD_H);
        html_printf(&r->out, "<text class=\"lm-head-text\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x + BOX_W / 2,
                    MARGIN + HEAD_H / 2 + 5, tr_lm_column(r, (enum lm_column)c));
    }
    for (size_t e = 0; e < v->n_edges; e++)
        edge_path(r, v, bx, &v->edges[e], top);
    struct buf links = BUF_INIT;
    for (size_t i = 0; i < v->n_nodes; i++)
        node_box(r, &links, &v->nodes[i], &bx[i]);
    html_printf(&r->out, "</svg>\n<svg class=\"lm-links\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" aria-hidden=\"true\" "
                         "focusable=\"false\">\n", w, h, w, h);
    buf_puts(&r->out, buf_cstr(&links));
    html_printf(&r->out, "</svg>\n</div>\n</div>\n");
    buf_free(&links);
}
