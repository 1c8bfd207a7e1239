/* The office's forms of a plan's themes (テーマ, issue 12 point 2): adding one to a pillar,
 * changing its code, title, place and 廃止, moving it with its measures to another pillar of the
 * plan (its pillar is a select), and deleting one, which the store refuses while the theme has
 * measures (the page says so). A pillar that holds its measures directly takes no themes. */
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "http/session.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/structure.h"

/* A pillar's themes, for placing one among them: a theme without code and title is not shown. */
static struct siblings theme_siblings(struct req *r, const struct pillar *pi) {
    int64_t *ids = arena_alloc(&r->arena, (pi->n_themes + 1) * sizeof *ids);
    bool *hidden = arena_alloc(&r->arena, pi->n_themes + 1);
    for (size_t i = 0; i < pi->n_themes; i++) {
        ids[i] = pi->themes[i].id;
        hidden[i] = theme_is_implicit(&pi->themes[i]);
    }
    return (struct siblings){ids, hidden, pi->n_themes};
}

struct theme_form {
    const char *code, *title, *pillar, *position;
    bool abolished;
    int places;
    const char *e_code, *e_title, *e_pillar, *e_position;
    const char *summary_msg;
};

/* The pillars a theme may belong to: its own, and those that do not hold measures directly. */
static void pillar_select(struct req *r, const struct structure_ctx *c, const struct theme_form *f) {
    struct form_option *o = arena_alloc(&r->arena, (c->plan.n_pillars + 1) * sizeof *o);
    size_t n = 0;
    for (size_t i = 0; i < c->plan.n_pillars; i++) {
        const struct pillar *pi = &c->plan.pillars[i];
        if (pi != c->pillar && structure_holds_measures(pi))
            continue;
        const char *label = structure_label(r, pi->code, pi->title);
        if (pi->abolished)
            label = arena_printf(&r->arena, tr(r, M_PE_NAMED), label, tr(r, M_FORM_ABOLISHED_BADGE));
        o[n++] = (struct form_option){arena_printf(&r->arena, "%lld", (long long)pi->id), label};
    }
    form_select(r, "pillar", tr(r, M_PE_THEME_PILLAR), o, n, f->pillar, f->e_pillar, tr(r, M_PE_THEME_PILLAR_HINT));
}

/* t NULL: the form that adds a theme to c->pillar. */
static void theme_render(struct req *r, const struct structure_ctx *c, const struct theme *t, const struct theme_form *f) {
    structure_page_head(r, c, tr(r, t ? M_PE_EDIT_THEME : M_PE_NEW_THEME));
    html_printf(&r->out, "<p class=\"lead\">");
    if (t) {
        html_printf(&r->out, "%s", structure_label(r, t->code, t->title));
        if (t->abolished)
            form_abolished_badge(r);
    } else {
        html_printf(&r->out, "%s", arena_printf(&r->arena, tr(r, M_PE_LABELLED), tr(r, M_PILLAR),
                                                structure_label(r, c->pillar->code, c->pillar->title)));
    }
    html_printf(&r->out, "</p>\n");
    if (f->summary_msg)
        form_error_summary(r, *f->summary_msg ? f->summary_msg : NULL);
    if (t)
        html_printf(&r->out, "<form method=\"post\" action=\"/themes/%D/edit\" class=\"form\" novalidate>\n", t->id);
    else
        html_printf(&r->out, "<form method=\"post\" action=\"/pillars/%D/themes/new\" class=\"form\" novalidate>\n",
                    c->pillar->id);
    html_csrf_field(r);
    form_text(r, "code", tr(r, M_PE_THEME_CODE), f->code, f->e_code, tr(r, M_PE_THEME_CODE_HINT));
    form_text(r, "title", tr(r, M_PE_THEME_NAME), f->title, f->e_title, NULL);
    if (t)
        pillar_select(r, c, f);
    form_text(r, "position", tr(r, M_FORM_POSITION), f->position, f->e_position,
              t ? arena_printf(&r->arena, tr(r, M_PE_THEME_POSITION_HINT), f->places)
                : arena_printf(&r->arena, tr(r, M_PE_POSITION_HINT), f->places));
    if (t)
        form_checkbox(r, "abolished", tr(r, M_FORM_ABOLISHED), f->abolished, tr(r, M_FORM_ABOLISHED_HINT));
    form_buttons(r, tr(r, t ? M_SAVE : M_ADD), c->structure_href, tr(r, M_PE_BACK_TO_STRUCTURE));
    html_printf(&r->out, "</form>\n");
    if (t) {
        html_printf(&r->out, "<h2>%s</h2>\n<form method=\"post\" action=\"/themes/%D/delete\">\n", tr(r, M_FORM_DELETE),
                    t->id);
        html_csrf_field(r);
        html_printf(&r->out, "<p class=\"hint\">%s</p>\n<p><button type=\"submit\" class=\"secondary\">%s</button></p>\n"
                             "</form>\n", tr(r, M_PE_THEME_DELETE_HINT), tr(r, M_PE_DELETE_THEME));
    }
    page_end(r);
}

static void theme_fill(struct req *r, const struct structure_ctx *c, const struct theme *t, struct theme_form *f) {
    struct siblings s = theme_siblings(r, c->pillar);
    if (!t) {
        int n = siblings_places(&s, 0);
        *f = (struct theme_form){.code = "", .title = "", .position = arena_printf(&r->arena, "%d", n), .places = n};
        return;
    }
    *f = (struct theme_form){
        .code = t->code, .title = t->title, .pillar = arena_printf(&r->arena, "%lld", (long long)c->pillar->id),
        .position = arena_printf(&r->arena, "%d", siblings_place_now(&s, t->id)), .abolished = t->abolished,
        .places = siblings_places(&s, t->id),
    };
}

/* The pillar of the select's value, when the theme of c may be put in it. */
static const struct pillar *pillar_by_id(const struct structure_ctx *c, const char *text) {
    char *end;
    long long id = strtoll(text, &end, 10);
    for (size_t i = 0; *text && *end == '\0' && i < c->plan.n_pillars; i++) {
        const struct pillar *pi = &c->plan.pillars[i];
        if (pi->id == id && (pi == c->pillar || !structure_holds_measures(pi)))
            return pi;
    }
    return NULL;
}

/* Reads the theme's fields (for self, or a new theme of c->pillar); *ret_to is the pillar it is to
 * be in, *ret_place its place there (0: last, for a move that kept the position typed). */
static bool theme_read(struct req *r, const struct structure_ctx *c, const struct theme *self, struct theme_form *f,
                       const struct pillar **ret_to, int *ret_place) {
    const char *was_position = f->position;
    f->code = form_trimmed(r, "code");
    f->title = form_trimmed(r, "title");
    f->position = form_trimmed(r, "position");
    f->abolished = req_form(r, "abolished") != NULL;
    const struct pillar *to = c->pillar;
    if (self) {
        f->pillar = form_get(r, "pillar");
        if (!(to = pillar_by_id(c, f->pillar))) {
            f->e_pillar = tr(r, M_ERR_CHOICE);
            to = c->pillar;
        }
    }
    if (!f->e_code) f->e_code = form_check(r, f->code, &field_label, false);
    if (!f->e_code && *f->code && !model_display_code_valid(f->code)) f->e_code = tr(r, M_FORM_CODE_SLASH);
    for (size_t i = 0; *f->code && !f->e_code && i < to->n_themes; i++) {
        const struct theme *o = &to->themes[i];
        if (o != self && o->code && strcmp(o->code, f->code) == 0)
            f->e_code = tr(r, M_FORM_CODE_TAKEN);
    }
    f->e_title = form_check(r, f->title, &field_label, true);
    bool moves = to != c->pillar;
    struct siblings s = theme_siblings(r, to);
    int max = siblings_places(&s, self ? self->id : 0);
    if (moves && strcmp(f->position, was_position) == 0) {
        *ret_place = 0;                      /* moved, the position left as it was: last there */
    } else {
        f->e_position = structure_read_position(r, f->position, max, !self || moves, ret_place);
        if (f->e_position && moves)
            f->e_position = arena_printf(&r->arena, "%s %s", f->e_position, tr(r, M_PE_POSITION_IN_NEW_PILLAR));
    }
    *ret_to = to;
    return !(f->e_code || f->e_title || f->e_pillar || f->e_position);
}

/* The answer to adding a theme to a pillar that holds its measures directly: it says why, and
 * nothing is saved. */
static bool takes_no_themes(struct req *r, const struct structure_ctx *c, int status) {
    if (!structure_holds_measures(c->pillar))
        return false;
    structure_page_head(r, c, tr(r, M_PE_NEW_THEME));
    html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\"><p>%s</p></div>\n<p><a href=\"%s\">%s</a></p>\n",
                tr(r, M_PE_PILLAR_TAKES_NO_THEMES), c->structure_href, tr(r, M_PE_BACK_TO_STRUCTURE));
    page_end(r);
    r->status = status;
    return true;
}

/* GET /pillars/{id}/themes/new */
void page_theme_new(struct req *r) {
    struct structure_ctx c;
    if (!structure_load(r, ENTITY_PILLAR, true, &c) || takes_no_themes(r, &c, 200))
        return;
    struct theme_form f;
    theme_fill(r, &c, NULL, &f);
    theme_render(r, &c, NULL, &f);
}

/* POST /pillars/{id}/themes/new */
void page_theme_create(struct req *r) {
    struct structure_ctx c;
    if (!structure_load(r, ENTITY_PILLAR, true, &c) || takes_no_themes(r, &c, 409))
        return;
    struct theme_form f;
    theme_fill(r, &c, NULL, &f);
    const struct pillar *to;
    int place = 0;
    if (req_parse_form(r) < 0) {
        f.summary_msg = tr(r, M_ERR_BAD_FORM);
        theme_render(r, &c, NULL, &f);
        r->status = 400;
        return;
    }
    if (!theme_read(r, &c, NULL, &f, &to, &place)) {
        f.summary_msg = "";
        theme_render(r, &c, NULL, &f);
        r->status = 422;
        return;
    }
    struct theme t = {.code = *f.code ? (char *)f.code : NULL, .title = (char *)f.title};
    struct siblings s = theme_siblings(r, c.pillar);
    struct edit_fail fail = {0};
    int64_t id = 0;
    int rc = store_theme_create(r->db, c.pillar->id, &t, siblings_position(&s, 0, place), req_actor(r), &id, &fail);
    if (rc < 0 && rc != KW_EINVAL && rc != KW_ECONFLICT) {
        resp_store_error(r, rc, NULL, "the theme could not be saved");
        return;
    }
    if (rc < 0) {
        structure_fail(r, rc, &fail, &f.e_code, &f.e_position, &f.summary_msg);
        theme_render(r, &c, NULL, &f);
        r->status = rc == KW_ECONFLICT ? 409 : 422;
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "%s#theme-%lld", c.structure_href, (long long)id));
}

/* GET /themes/{id}/edit */
void page_theme_edit(struct req *r) {
    struct structure_ctx c;
    if (!structure_load(r, ENTITY_THEME, true, &c))
        return;
    struct theme_form f;
    theme_fill(r, &c, c.theme, &f);
    theme_render(r, &c, c.theme, &f);
}

/* POST /themes/{id}/edit */
void page_theme_update(struct req *r) {
    struct structure_ctx c;
    if (!structure_load(r, ENTITY_THEME, true, &c))
        return;
    struct theme_form f;
    theme_fill(r, &c, c.theme, &f);
    const struct pillar *to = c.pillar;
    int place = 0;
    if (req_parse_form(r) < 0) {
        f.summary_msg = tr(r, M_ERR_BAD_FORM);
        theme_render(r, &c, c.theme, &f);
        r->status = 400;
        return;
    }
    if (!theme_read(r, &c, c.theme, &f, &to, &place)) {
        f.summary_msg = "";
        theme_render(r, &c, c.theme, &f);
        r->status = 422;
        return;
    }
    bool moves = to != c.pillar;
    struct siblings s = theme_siblings(r, to);
    struct theme_patch p = {
        .code = f.code, .title = f.title, .set_abolished = true, .abolished = f.abolished,
        .pillar_id = moves ? to->id : 0,
    };
    if (moves ? place != 0 : place != siblings_place_now(&s, c.theme->id)) {
        p.set_position = true;
        p.position = siblings_position(&s, c.theme->id, place);
    }
    struct edit_fail fail = {0};
    int rc = store_theme_update(r->db, c.theme->id, &p, req_actor(r), &fail);
    if (rc < 0 && rc != KW_EINVAL && rc != KW_ECONFLICT) {
        resp_store_error(r, rc, NULL, "the theme could not be saved");
        return;
    }
    if (rc < 0) {
        structure_fail(r, rc, &fail, &f.e_code, &f.e_position, &f.summary_msg);
        if (strcmp(fail.field, "pillar_id") == 0)
            f.e_pillar = tr(r, M_ERR_CHOICE);
        else if (moves && f.e_code)          /* the move would give two measures one path */
            f.e_pillar = f.e_code, f.e_code = NULL;
        theme_render(r, &c, c.theme, &f);
        r->status = rc == KW_ECONFLICT ? 409 : 422;
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "%s#theme-%lld", c.structure_href, (long long)c.theme->id));
}

/* POST /themes/{id}/delete */
void page_theme_delete(struct req *r) {
    struct structure_ctx c;
    if (!structure_load(r, ENTITY_THEME, true, &c))
        return;
    struct edit_fail fail = {0};
    int rc = store_theme_delete(r->db, c.theme->id, req_actor(r), &fail);
    if (rc == KW_ECONFLICT) {
        struct theme_form f;
        theme_fill(r, &c, c.theme, &f);
        f.summary_msg = tr(r, M_PE_THEME_HAS_MEASURES);
        theme_render(r, &c, c.theme, &f);
        r->status = 409;
        return;
    }
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "%s?deleted=theme", c.structure_href));
}
