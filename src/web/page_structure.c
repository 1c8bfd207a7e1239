/* A plan's structure for the office (issue 12 point 2): the page that lists its pillars (柱) and
 * their themes (テーマ) with codes, 廃止 badges and measure counts, with links to the forms that
 * add, change, reorder, move and delete them (page_pillar.c, page_theme.c) and that add a measure
 * to a theme (page_measure_new.c); what those pages share is in structure.c.
 *
 * A pillar whose measures sit directly under it (a plan without a theme level) holds them in one
 * theme without code and title: it is shown as holding its measures, with no theme row, and its
 * "add a measure" goes to that theme. */
#include <string.h>
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/structure.h"

/* A link's accessible name: its text, then what it acts on ("編集（① 窓口改革）"), so that links of
 * the same text differ for a screen reader and the name still starts with the words shown. */
static const char *named(struct req *r, const char *text, const char *what) {
    return arena_printf(&r->arena, tr(r, M_PE_NAMED), text, what);
}

static void theme_actions(struct req *r, const struct theme *t, const char *name) {
    html_printf(&r->out, "<ul class=\"inline-list\"><li><a href=\"/themes/%D/edit\" aria-label=\"%s\">%s</a></li>"
                         "<li><a href=\"/themes/%D/measures/new\" aria-label=\"%s\">%s</a></li></ul>",
                t->id, named(r, tr(r, M_EDIT), name), tr(r, M_EDIT), t->id, named(r, tr(r, M_ME_NEW), name),
                tr(r, M_ME_NEW));
}

/* Measures held directly by a pillar: its theme without code and title. */
static void direct_measures(struct req *r, const struct theme *t, const char *pillar_name) {
    html_printf(&r->out, "<p id=\"theme-%D\" data-measures=\"%d\">%s <span class=\"muted small\">%s</span></p>\n"
                         "<ul class=\"inline-list\"><li><a href=\"/themes/%D/measures/new\" aria-label=\"%s\">%s</a></li></ul>\n",
                t->id, (int)t->n_measures, tr(r, M_PE_DIRECT_NOTE),
                arena_printf(&r->arena, tr(r, M_PE_MEASURES_N), (int)t->n_measures), t->id,
                named(r, tr(r, M_ME_NEW), pillar_name), tr(r, M_ME_NEW));
}

static void pillar_section(struct req *r, const struct pillar *pi) {
    const char *name = structure_label(r, pi->code, pi->title);
    html_printf(&r->out, "<section class=\"pillar\" aria-labelledby=\"pillar-%D\">\n<h2 id=\"pillar-%D\">"
                         "<span class=\"code\">%s</span> %s", pi->id, pi->id, pi->code, pi->title);
    if (pi->abolished)
        form_abolished_badge(r);
    html_printf(&r->out, "</h2>\n");
    html_printf(&r->out, "<ul class=\"inline-list\"><li><a href=\"/pillars/%D/edit\" aria-label=\"%s\">%s</a></li>",
                pi->id, named(r, tr(r, M_PE_EDIT_PILLAR), name), tr(r, M_PE_EDIT_PILLAR));
    if (!structure_holds_measures(pi))
        html_printf(&r->out, "<li><a href=\"/pillars/%D/themes/new\" aria-label=\"%s\">%s</a></li>", pi->id,
                    named(r, tr(r, M_PE_NEW_THEME), name), tr(r, M_PE_NEW_THEME));
    html_printf(&r->out, "</ul>\n");
    size_t shown = 0;
    for (size_t j = 0; j < pi->n_themes; j++) {
        if (theme_is_implicit(&pi->themes[j]))
            direct_measures(r, &pi->themes[j], name);
        else
            shown++;
    }
    if (pi->n_themes == 0)
        html_printf(&r->out, "<p class=\"muted\">%s</p>\n", tr(r, M_PE_NO_THEMES));
    if (shown) {                             /* a list, not a table: it reads on a phone */
        html_printf(&r->out, "<ul class=\"plain\" aria-label=\"%s\">\n", named(r, tr(r, M_THEME), name));
        for (size_t j = 0; j < pi->n_themes; j++) {
            const struct theme *t = &pi->themes[j];
            if (theme_is_implicit(t))
                continue;
            html_printf(&r->out, "<li id=\"theme-%D\" data-measures=\"%d\"><span class=\"code\">%s</span> %s", t->id,
                        (int)t->n_measures, t->code ? t->code : "", t->title ? t->title : "");
            if (t->abolished)
                form_abolished_badge(r);
            html_printf(&r->out, " <span class=\"muted small\">%s</span>",
                        arena_printf(&r->arena, tr(r, M_PE_MEASURES_N), (int)t->n_measures));
            theme_actions(r, t, structure_label(r, t->code, t->title));
            html_printf(&r->out, "</li>\n");
        }
        html_printf(&r->out, "</ul>\n");
    }
    html_printf(&r->out, "</section>\n");
}

/* GET /plans/{id}/structure */
void page_structure(struct req *r) {
    struct structure_ctx c;
    if (!structure_load(r, ENTITY_PLAN, true, &c))
        return;
    structure_page_head(r, &c, NULL);
    const char *done = req_query(r, "deleted");
    if (done && strcmp(done, "pillar") == 0)
        html_printf(&r->out, "<p class=\"notice\" role=\"status\">%s</p>\n", tr(r, M_PE_PILLAR_DELETED));
    else if (done && strcmp(done, "theme") == 0)
        html_printf(&r->out, "<p class=\"notice\" role=\"status\">%s</p>\n", tr(r, M_PE_THEME_DELETED));
    html_printf(&r->out, "<p>%s</p>\n<ul class=\"inline-list\"><li><a href=\"/plans/%D/pillars/new\">%s</a></li>"
                         "<li><a href=\"/plans/%D/edit\">%s</a></li><li><a href=\"%s\">%s</a></li></ul>\n",
                tr(r, M_PE_STRUCTURE_INTRO), c.plan.id, tr(r, M_PE_NEW_PILLAR), c.plan.id, tr(r, M_PE_EDIT_PLAN),
                c.pc.plan_href, tr(r, M_PE_BACK_TO_PLAN));
    if (c.plan.n_pillars == 0)
        html_printf(&r->out, "<p class=\"muted\">%s</p>\n", tr(r, M_PE_NO_PILLARS));
    for (size_t i = 0; i < c.plan.n_pillars; i++)
        pillar_section(r, &c.plan.pillars[i]);
    page_end(r);
}
