/* What the office's pages of a plan's structure share (page_structure.c, page_pillar.c,
 * page_theme.c, page_measure_new.c): the plan with the pillar or theme of the path, the page's
 * head, places among siblings as people type them (1..n among those shown), and a store refusal
 * as the form's errors. */
#ifndef KAWARU_WEB_STRUCTURE_H
#define KAWARU_WEB_STRUCTURE_H
#include "store/store.h"
#include "web/pages.h"

/* A plan loaded for these pages, with the pillar or theme of the path. */
struct structure_ctx {
    struct plan_context pc;
    struct plan plan;
    const struct pillar *pillar;             /* the path's pillar, or the pillar of its theme */
    const struct theme *theme;               /* the path's theme, or NULL */
    const char *structure_href;
};

/* Loads the plan of the path's entity (kind ENTITY_PLAN, ENTITY_PILLAR or ENTITY_THEME) and
 * finds the entity in it; replies 404 and returns false when there is none, or when (named) it is
 * a theme without code and title, which is not edited: it only holds its pillar's measures. */
bool structure_load(struct req *r, enum entity_kind kind, bool named, struct structure_ctx *c);
/* True for a pillar that holds its measures directly (a theme without code and title): it takes
 * no themes, as a plan document's pillar holds themes or measures, not both. */
bool structure_holds_measures(const struct pillar *pi);
/* "A 市民サービスの改善・向上", "① 窓口改革", "窓口改革" (a theme without code); in the request's arena. */
const char *structure_label(struct req *r, const char *code, const char *title);
/* The page's start: breadcrumbs, title and the plan's title; title NULL: the structure page itself. */
void structure_page_head(struct req *r, const struct structure_ctx *c, const char *title);
/* Reads a position typed 1..max (full-width digits too) into *ret; NULL, or the error. Blank is
 * max when blank_last, else an error. */
const char *structure_read_position(struct req *r, const char *text, int max, bool blank_last, int *ret);
/* A store failure of a pillar's or theme's write, as the form's errors. */
void structure_fail(struct req *r, int rc, const struct edit_fail *fail, const char **e_code, const char **e_position,
                    const char **summary_msg);

/* ---- positions among the siblings shown (those with a code or title) */

/* The siblings of a pillar or a theme, for placing one among them. */
struct siblings { const int64_t *ids; const bool *hidden; size_t n; };
/* How many places self may take among the shown siblings: one more than the others (self 0: a new
 * one). */
int siblings_places(const struct siblings *s, int64_t self);
/* self's place (1-based) among the shown siblings, or 0 when it is not among them. */
int siblings_place_now(const struct siblings *s, int64_t self);
/* The position among the siblings other than self (the store's 0-based position) that makes self
 * the k-th (1-based) shown one: before the one now k-th, or right after the last shown one. */
int siblings_position(const struct siblings *s, int64_t self, int k);

#endif
