/* A plan's structure for the office (issue 12 point 2): the page that lists its pillars (柱) and
 * their themes (テーマ) with codes, 廃止 badges and measure counts, and the forms that add, change,
 * reorder and delete a pillar or a theme (a theme's pillar is a select: changing it moves the
 * theme, with its measures, to another pillar of the plan), and that add a measure to a theme
 * (code, title, lead department; then the measure's own edit page for the rest).
 *
 * A pillar whose measures sit directly under it (a plan without a theme level) holds them in one
 * theme without code and title: it is shown as holding its measures, with no theme row, and its
 * "add a measure" goes to that theme.
 *
 * Positions are typed 1..n among the pillars or the themes with a code or title; deletes are
 * refused by the store while a pillar has themes or a theme measures, and the page says so. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "core/number.h"
#include "http/session.h"
#include "store/store.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

/* A plan loaded for these pages, with the pillar or theme of the path. */
struct tree_ctx {
    struct plan_context pc;
    struct plan plan;
    const struct pillar *pillar;             /* the path's pillar, or the pillar of its theme */
    const struct theme *theme;               /* the path's theme, or NULL */
    const char *structure_href;
};

/* Loads the plan of the path's entity (kind ENTITY_PLAN, ENTITY_PILLAR or ENTITY_THEME) and
 * finds the entity in it; replies 404 and returns false when there is none, or when (named) it is
 * a theme without code and title, which is not edited: it only holds its pillar's measures. */
static bool load_any(struct req *r, enum entity_kind kind, bool named, struct tree_ctx *c) {
    int64_t id;
    struct location loc = {0};
    memset(c, 0, sizeof *c);
    bool ok = req_param_id(r, 0, &id) && store_locate(r->db, kind, id, &loc) == 0 &&
              load_plan_context(r, loc.plan_id, &c->pc) &&
              store_plan_load(r->db, &r->arena, loc.plan_id, LOAD_SUMMARY, &c->plan) == 0;
    for (size_t i = 0; ok && i < c->plan.n_pillars; i++) {
        const struct pillar *pi = &c->plan.pillars[i];
        if (kind == ENTITY_PILLAR && pi->id == id)
            c->pillar = pi;
        for (size_t j = 0; kind == ENTITY_THEME && j < pi->n_themes; j++)
            if (pi->themes[j].id == id) {
                c->pillar = pi;
                c->theme = &pi->themes[j];
            }
    }
    if (!ok || (kind == ENTITY_PILLAR && !c->pillar) ||
        (kind == ENTITY_THEME && (!c->theme || (named && theme_is_implicit(c->theme))))) {
        buf_reset(&r->out);
        page_not_found(r);
        return false;
    }
    c->structure_href = arena_printf(&r->arena, "/plans/%lld/structure", (long long)c->plan.id);
    return true;
}

static bool load(struct req *r, enum entity_kind kind, struct tree_ctx *c) { return load_any(r, kind, true, c); }

/* True for a pillar that holds its measures directly (a theme without code and title): it takes
 * no themes, as a plan document's pillar holds themes or measures, not both. */
static bool holds_measures(const struct pillar *pi) {
    for (size_t i = 0; i < pi->n_themes; i++)
        if (theme_is_implicit(&pi->themes[i]))
            return true;
    return false;
}

/* "A 市民サービスの改善・向上", "① 窓口改革", "窓口改革" (a theme without code). */
static const char *label_of(struct req *r, const char *code, const char *title) {
    return arena_printf(&r->arena, "%s%s%s", code ? code : "", code && title ? " " : "", title ? title : "");
}

/* The page's start; title NULL: the structure page itself. */
static void page_head(struct req *r, const struct tree_ctx *c, const char *title) {
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c->pc.org_name, c->pc.org_href}, {c->pc.plan_title, c->pc.plan_href},
                             {tr(r, M_PE_STRUCTURE), title ? c->structure_href : NULL}, {title, NULL}};
    if (!title)
        title = tr(r, M_PE_EDIT_STRUCTURE);
    page_begin(r, title, crumbs, crumbs[4].label ? 5 : 4, NULL);
    r->cacheable = false;
    html_printf(&r->out, "<h1>%s</h1>\n<p class=\"muted\">%s</p>\n", title, c->plan.title);
}

/* ---- positions among the siblings shown (those with a code or title) */

/* The siblings of a pillar or a theme, for placing one among them. */
struct siblings { const int64_t *ids; const bool *hidden; size_t n; };

static struct siblings pillar_siblings(struct req *r, const struct plan *p) {
    int64_t *ids = arena_alloc(&r->arena, (p->n_pillars + 1) * sizeof *ids);
    bool *hidden = arena_alloc(&r->arena, p->n_pillars + 1);   /* every pillar is shown */
    for (size_t i = 0; i < p->n_pillars; i++)
        ids[i] = p->pillars[i].id;
    return (struct siblings){ids, hidden, p->n_pillars};
}

static struct siblings theme_siblings(struct req *r, const struct pillar *pi) {
    int64_t *ids = arena_alloc(&r->arena, (pi->n_themes + 1) * sizeof *ids);
    bool *hidden = arena_alloc(&r->arena, pi->n_themes + 1);
    for (size_t i = 0; i < pi->n_themes; i++) {
        ids[i] = pi->themes[i].id;
        hidden[i] = theme_is_implicit(&pi->themes[i]);
    }
    return (struct siblings){ids, hidden, pi->n_themes};
}

/* How many places self may take among the shown siblings: one more than the others (self 0: a new
 * one). */
static int places(const struct siblings *s, int64_t self) {
    int n = 0;
    for (size_t i = 0; i < s->n; i++)
        n += !s->hidden[i] && s->ids[i] != self;
    return n + 1;
}

/* self's place (1-based) among the shown siblings, or 0 when it is not among them. */
static int place_now(const struct siblings *s, int64_t self) {
    int k = 0;
    for (size_t i = 0; i < s->n; i++)
        if (!s->hidden[i]) {
            k++;
            if (s->ids[i] == self)
                return k;
        }
    return 0;
}

/* The position among the siblings other than self (the store's 0-based position) that makes self
 * the k-th (1-based) shown one: before the one now k-th, or right after the last shown one. */
static int sibling_position(const struct siblings *s, int64_t self, int k) {
    int others = 0, seen = 0, after_last = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (s->ids[i] == self)
            continue;
        if (!s->hidden[i]) {
            if (seen == k - 1)
                return others;
            seen++;
            after_last = others + 1;
        }
        others++;
    }
    return after_last;
}

/* Reads a position typed 1..max (full-width digits too) into *ret; NULL, or the error. Blank is
 * max when blank_last, else an error. */
static const char *read_position(struct req *r, const char *text, int max, bool blank_last, int *ret) {
    double v;
    if (!*text && blank_last) {
        *ret = max;
        return NULL;
    }
    if (!*text)
        return tr(r, M_ERR_REQUIRED);
    if (number_parse(text, &v, NULL) < 0 || v != floor(v) || v < 1 || v > max)
        return arena_printf(&r->arena, tr(r, M_PE_POSITION_RANGE), max);
    *ret = (int)v;
    return NULL;
}

static void position_field(struct req *r, const char *value, const char *err, int max) {
    form_text(r, "position", tr(r, M_FORM_POSITION), value, err, arena_printf(&r->arena, tr(r, M_PE_POSITION_HINT), max));
}

/* ---- the structure page */

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
    const char *name = label_of(r, pi->code, pi->title);
    html_printf(&r->out, "<section class=\"pillar\" aria-labelledby=\"pillar-%D\">\n<h2 id=\"pillar-%D\">"
                         "<span class=\"code\">%s</span> %s", pi->id, pi->id, pi->code, pi->title);
    if (pi->abolished)
        form_abolished_badge(r);
    html_printf(&r->out, "</h2>\n");
    html_printf(&r->out, "<ul class=\"inline-list\"><li><a href=\"/pillars/%D/edit\" aria-label=\"%s\">%s</a></li>",
                pi->id, named(r, tr(r, M_PE_EDIT_PILLAR), name), tr(r, M_PE_EDIT_PILLAR));
    if (!holds_measures(pi))
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
            theme_actions(r, t, label_of(r, t->code, t->title));
            html_printf(&r->out, "</li>\n");
        }
        html_printf(&r->out, "</ul>\n");
    }
    html_printf(&r->out, "</section>\n");
}

/* GET /plans/{id}/structure */
void page_structure(struct req *r) {
    struct tree_ctx c;
    if (!load(r, ENTITY_PLAN, &c))
        return;
    page_head(r, &c, NULL);
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

/* ---- pillars */

struct pillar_form {
    const char *code, *title, *summary, *examples, *position;
    bool abolished;
    int places;                              /* positions 1..places */
    const char *e_code, *e_title, *e_summary, *e_examples, *e_position;
    const char *summary_msg;                 /* NULL: no error summary; "": the summary alone */
};

/* pi NULL: the form that adds a pillar. */
static void pillar_render(struct req *r, const struct tree_ctx *c, const struct pillar *pi, const struct pillar_form *f) {
    page_head(r, c, tr(r, pi ? M_PE_EDIT_PILLAR : M_PE_NEW_PILLAR));
    if (pi) {
        html_printf(&r->out, "<p class=\"lead\"><span class=\"code\">%s</span> %s", pi->code ? pi->code : "",
                    pi->title ? pi->title : "");
        if (pi->abolished)
            form_abolished_badge(r);
        html_printf(&r->out, "</p>\n");
    }
    if (f->summary_msg)
        form_error_summary(r, *f->summary_msg ? f->summary_msg : NULL);
    if (pi)
        html_printf(&r->out, "<form method=\"post\" action=\"/pillars/%D/edit\" class=\"form\" novalidate>\n", pi->id);
    else
        html_printf(&r->out, "<form method=\"post\" action=\"/plans/%D/pillars/new\" class=\"form\" novalidate>\n",
                    c->plan.id);
    html_csrf_field(r);
    form_text(r, "code", tr(r, M_PE_PILLAR_CODE), f->code, f->e_code, tr(r, M_PE_PILLAR_CODE_HINT));
    form_text(r, "title", tr(r, M_PE_PILLAR_NAME), f->title, f->e_title, NULL);
    form_textarea(r, "summary", tr(r, M_PE_SUMMARY), f->summary, f->e_summary, NULL, 3);
    form_textarea(r, "examples", tr(r, M_EXAMPLES), f->examples, f->e_examples, tr(r, M_FORM_LINES_HINT), 4);
    position_field(r, f->position, f->e_position, f->places);
    if (pi)
        form_checkbox(r, "abolished", tr(r, M_FORM_ABOLISHED), f->abolished, tr(r, M_FORM_ABOLISHED_HINT));
    form_buttons(r, tr(r, pi ? M_SAVE : M_ADD), c->structure_href, tr(r, M_PE_BACK_TO_STRUCTURE));
    html_printf(&r->out, "</form>\n");
    if (pi) {
        html_printf(&r->out, "<h2>%s</h2>\n<form method=\"post\" action=\"/pillars/%D/delete\">\n", tr(r, M_FORM_DELETE),
                    pi->id);
        html_csrf_field(r);
        html_printf(&r->out, "<p class=\"hint\">%s</p>\n<p><button type=\"submit\" class=\"secondary\">%s</button></p>\n"
                             "</form>\n", tr(r, M_PE_PILLAR_DELETE_HINT), tr(r, M_PE_DELETE_PILLAR));
    }
    page_end(r);
}

static void pillar_fill(struct req *r, const struct tree_ctx *c, const struct pillar *pi, struct pillar_form *f) {
    struct siblings s = pillar_siblings(r, &c->plan);
    if (!pi) {
        int n = places(&s, 0);
        *f = (struct pillar_form){.code = "", .title = "", .summary = "", .examples = "",
                                  .position = arena_printf(&r->arena, "%d", n), .places = n};
        return;
    }
    *f = (struct pillar_form){
        .code = pi->code, .title = pi->title, .summary = pi->summary, .examples = form_lines_text(r, &pi->examples),
        .position = arena_printf(&r->arena, "%d", place_now(&s, pi->id)), .abolished = pi->abolished,
        .places = places(&s, pi->id),
    };
}

/* Reads the pillar's fields; false when one is wrong (its error set). */
static bool pillar_read(struct req *r, const struct tree_ctx *c, const struct pillar *self, struct pillar_form *f,
                        struct strlist *examples, int *ret_place) {
    f->code = form_trimmed(r, "code");
    f->title = form_trimmed(r, "title");
    f->summary = form_trimmed(r, "summary");
    f->examples = form_get(r, "examples");
    f->position = form_trimmed(r, "position");
    f->abolished = req_form(r, "abolished") != NULL;
    if (!*f->code) f->e_code = tr(r, M_ERR_REQUIRED);
    else if (strlen(f->code) > MODEL_MAX_TITLE) f->e_code = tr(r, M_ERR_TOO_LONG);
    else if (!model_display_code_valid(f->code)) f->e_code = tr(r, M_FORM_CODE_SLASH);
    for (size_t i = 0; !f->e_code && i < c->plan.n_pillars; i++) {
        const struct pillar *o = &c->plan.pillars[i];
        if (o != self && o->code && strcmp(o->code, f->code) == 0)
            f->e_code = tr(r, M_FORM_CODE_TAKEN);
    }
    if (!*f->title) f->e_title = tr(r, M_ERR_REQUIRED);
    else if (strlen(f->title) > MODEL_MAX_TITLE) f->e_title = tr(r, M_ERR_TOO_LONG);
    if (strlen(f->summary) > MODEL_MAX_TEXT) f->e_summary = tr(r, M_ERR_TOO_LONG);
    form_lines(r, f->examples, examples);
    for (size_t i = 0; i < examples->n && !f->e_examples; i++)
        if (strlen(examples->items[i]) > MODEL_MAX_TEXT)
            f->e_examples = tr(r, M_ERR_TOO_LONG);
    f->e_position = read_position(r, f->position, f->places, !self, ret_place);
    return !(f->e_code || f->e_title || f->e_summary || f->e_examples || f->e_position);
}

/* A store failure of a pillar's or theme's write, as the form's errors. */
static void tree_fail(struct req *r, int rc, const struct edit_fail *fail, const char **e_code, const char **e_position,
                      const char **summary_msg) {
    *summary_msg = "";
    if (rc == KW_ECONFLICT && strcmp(fail->field, "code") == 0)
        *e_code = tr(r, M_PE_CODE_CLASH);
    else if (strcmp(fail->field, "position") == 0)
        *e_position = tr(r, M_PE_POSITION_MOVED);
    else
        *summary_msg = tr(r, M_FORM_NOT_SAVED);
}

/* GET /plans/{id}/pillars/new */
void page_pillar_new(struct req *r) {
    struct tree_ctx c;
    if (!load(r, ENTITY_PLAN, &c))
        return;
    struct pillar_form f;
    pillar_fill(r, &c, NULL, &f);
    pillar_render(r, &c, NULL, &f);
}

/* POST /plans/{id}/pillars/new */
void page_pillar_create(struct req *r) {
    struct tree_ctx c;
    if (!load(r, ENTITY_PLAN, &c))
        return;
    struct pillar_form f;
    pillar_fill(r, &c, NULL, &f);
    struct strlist examples;
    int place = 0;
    if (req_parse_form(r) < 0) {
        f.summary_msg = tr(r, M_ERR_BAD_FORM);
        pillar_render(r, &c, NULL, &f);
        r->status = 400;
        return;
    }
    if (!pillar_read(r, &c, NULL, &f, &examples, &place)) {
        f.summary_msg = "";
        pillar_render(r, &c, NULL, &f);
        r->status = 422;
        return;
    }
    struct pillar pi = {.code = (char *)f.code, .title = (char *)f.title, .summary = *f.summary ? (char *)f.summary : NULL,
                        .examples = examples};
    struct siblings s = pillar_siblings(r, &c.plan);
    struct edit_fail fail = {0};
    int64_t id = 0;
    int rc = store_pillar_create(r->db, c.plan.id, &pi, sibling_position(&s, 0, place), req_actor(r), &id, &fail);
    if (rc < 0 && rc != KW_EINVAL && rc != KW_ECONFLICT) {
        resp_store_error(r, rc, NULL, "the pillar could not be saved");
        return;
    }
    if (rc < 0) {
        tree_fail(r, rc, &fail, &f.e_code, &f.e_position, &f.summary_msg);
        pillar_render(r, &c, NULL, &f);
        r->status = rc == KW_ECONFLICT ? 409 : 422;
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "%s#pillar-%lld", c.structure_href, (long long)id));
}

/* GET /pillars/{id}/edit */
void page_pillar_edit(struct req *r) {
    struct tree_ctx c;
    if (!load(r, ENTITY_PILLAR, &c))
        return;
    struct pillar_form f;
    pillar_fill(r, &c, c.pillar, &f);
    pillar_render(r, &c, c.pillar, &f);
}

/* POST /pillars/{id}/edit */
void page_pillar_update(struct req *r) {
    struct tree_ctx c;
    if (!load(r, ENTITY_PILLAR, &c))
        return;
    struct pillar_form f;
    pillar_fill(r, &c, c.pillar, &f);
    struct siblings s = pillar_siblings(r, &c.plan);
    int was = place_now(&s, c.pillar->id), place = was;
    struct strlist examples;
    if (req_parse_form(r) < 0) {
        f.summary_msg = tr(r, M_ERR_BAD_FORM);
        pillar_render(r, &c, c.pillar, &f);
        r->status = 400;
        return;
    }
    if (!pillar_read(r, &c, c.pillar, &f, &examples, &place)) {
        f.summary_msg = "";
        pillar_render(r, &c, c.pillar, &f);
        r->status = 422;
        return;
    }
    struct pillar_patch p = {
        .code = f.code, .title = f.title, .summary = f.summary, .examples = &examples,
        .set_abolished = true, .abolished = f.abolished,
        .set_position = place != was, .position = sibling_position(&s, c.pillar->id, place),
    };
    struct edit_fail fail = {0};
    int rc = store_pillar_update(r->db, c.pillar->id, &p, req_actor(r), &fail);
    if (rc < 0 && rc != KW_EINVAL && rc != KW_ECONFLICT) {
        resp_store_error(r, rc, NULL, "the pillar could not be saved");
        return;
    }
    if (rc < 0) {
        tree_fail(r, rc, &fail, &f.e_code, &f.e_position, &f.summary_msg);
        pillar_render(r, &c, c.pillar, &f);
        r->status = rc == KW_ECONFLICT ? 409 : 422;
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "%s#pillar-%lld", c.structure_href, (long long)c.pillar->id));
}

/* POST /pillars/{id}/delete */
void page_pillar_delete(struct req *r) {
    struct tree_ctx c;
    if (!load(r, ENTITY_PILLAR, &c))
        return;
    struct edit_fail fail = {0};
    int rc = store_pillar_delete(r->db, c.pillar->id, req_actor(r), &fail);
    if (rc == KW_ECONFLICT) {
        struct pillar_form f;
        pillar_fill(r, &c, c.pillar, &f);
        f.summary_msg = tr(r, M_PE_PILLAR_HAS_THEMES);
        pillar_render(r, &c, c.pillar, &f);
        r->status = 409;
        return;
    }
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "%s?deleted=pillar", c.structure_href));
}

/* ---- themes */

struct theme_form {
    const char *code, *title, *pillar, *position;
    bool abolished;
    int places;
    const char *e_code, *e_title, *e_pillar, *e_position;
    const char *summary_msg;
};

/* The pillars a theme may belong to: its own, and those that do not hold measures directly. */
static void pillar_select(struct req *r, const struct tree_ctx *c, const struct theme_form *f) {
    struct form_option *o = arena_alloc(&r->arena, (c->plan.n_pillars + 1) * sizeof *o);
    size_t n = 0;
    for (size_t i = 0; i < c->plan.n_pillars; i++) {
        const struct pillar *pi = &c->plan.pillars[i];
        if (pi != c->pillar && holds_measures(pi))
            continue;
        const char *label = label_of(r, pi->code, pi->title);
        if (pi->abolished)
            label = arena_printf(&r->arena, tr(r, M_PE_NAMED), label, tr(r, M_FORM_ABOLISHED_BADGE));
        o[n++] = (struct form_option){arena_printf(&r->arena, "%lld", (long long)pi->id), label};
    }
    form_select(r, "pillar", tr(r, M_PE_THEME_PILLAR), o, n, f->pillar, f->e_pillar, tr(r, M_PE_THEME_PILLAR_HINT));
}

/* t NULL: the form that adds a theme to c->pillar. */
static void theme_render(struct req *r, const struct tree_ctx *c, const struct theme *t, const struct theme_form *f) {
    page_head(r, c, tr(r, t ? M_PE_EDIT_THEME : M_PE_NEW_THEME));
    html_printf(&r->out, "<p class=\"lead\">");
    if (t) {
        html_printf(&r->out, "%s", label_of(r, t->code, t->title));
        if (t->abolished)
            form_abolished_badge(r);
    } else {
        html_printf(&r->out, "%s", arena_printf(&r->arena, tr(r, M_PE_LABELLED), tr(r, M_PILLAR),
                                                label_of(r, c->pillar->code, c->pillar->title)));
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

static void theme_fill(struct req *r, const struct tree_ctx *c, const struct theme *t, struct theme_form *f) {
    struct siblings s = theme_siblings(r, c->pillar);
    if (!t) {
        int n = places(&s, 0);
        *f = (struct theme_form){.code = "", .title = "", .position = arena_printf(&r->arena, "%d", n), .places = n};
        return;
    }
    *f = (struct theme_form){
        .code = t->code, .title = t->title, .pillar = arena_printf(&r->arena, "%lld", (long long)c->pillar->id),
        .position = arena_printf(&r->arena, "%d", place_now(&s, t->id)), .abolished = t->abolished,
        .places = places(&s, t->id),
    };
}

/* The pillar of the select's value, when the theme of c may be put in it. */
static const struct pillar *pillar_by_id(const struct tree_ctx *c, const char *text) {
    char *end;
    long long id = strtoll(text, &end, 10);
    for (size_t i = 0; *text && *end == '\0' && i < c->plan.n_pillars; i++) {
        const struct pillar *pi = &c->plan.pillars[i];
        if (pi->id == id && (pi == c->pillar || !holds_measures(pi)))
            return pi;
    }
    return NULL;
}

/* Reads the theme's fields (for self, or a new theme of c->pillar); *ret_to is the pillar it is to
 * be in, *ret_place its place there (0: last, for a move that kept the position typed). */
static bool theme_read(struct req *r, const struct tree_ctx *c, const struct theme *self, struct theme_form *f,
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
    if (strlen(f->code) > MODEL_MAX_TITLE) f->e_code = tr(r, M_ERR_TOO_LONG);
    else if (*f->code && !model_display_code_valid(f->code)) f->e_code = tr(r, M_FORM_CODE_SLASH);
    for (size_t i = 0; *f->code && !f->e_code && i < to->n_themes; i++) {
        const struct theme *o = &to->themes[i];
        if (o != self && o->code && strcmp(o->code, f->code) == 0)
            f->e_code = tr(r, M_FORM_CODE_TAKEN);
    }
    if (!*f->title) f->e_title = tr(r, M_ERR_REQUIRED);
    else if (strlen(f->title) > MODEL_MAX_TITLE) f->e_title = tr(r, M_ERR_TOO_LONG);
    bool moves = to != c->pillar;
    struct siblings s = theme_siblings(r, to);
    int max = places(&s, self ? self->id : 0);
    if (moves && strcmp(f->position, was_position) == 0) {
        *ret_place = 0;                      /* moved, the position left as it was: last there */
    } else {
        f->e_position = read_position(r, f->position, max, !self || moves, ret_place);
        if (f->e_position && moves)
            f->e_position = arena_printf(&r->arena, "%s %s", f->e_position, tr(r, M_PE_POSITION_IN_NEW_PILLAR));
    }
    *ret_to = to;
    return !(f->e_code || f->e_title || f->e_pillar || f->e_position);
}

/* The answer to adding a theme to a pillar that holds its measures directly: it says why, and
 * nothing is saved. */
static bool takes_no_themes(struct req *r, const struct tree_ctx *c, int status) {
    if (!holds_measures(c->pillar))
        return false;
    page_head(r, c, tr(r, M_PE_NEW_THEME));
    html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\"><p>%s</p></div>\n<p><a href=\"%s\">%s</a></p>\n",
                tr(r, M_PE_PILLAR_TAKES_NO_THEMES), c->structure_href, tr(r, M_PE_BACK_TO_STRUCTURE));
    page_end(r);
    r->status = status;
    return true;
}

/* GET /pillars/{id}/themes/new */
void page_theme_new(struct req *r) {
    struct tree_ctx c;
    if (!load(r, ENTITY_PILLAR, &c) || takes_no_themes(r, &c, 200))
        return;
    struct theme_form f;
    theme_fill(r, &c, NULL, &f);
    theme_render(r, &c, NULL, &f);
}

/* POST /pillars/{id}/themes/new */
void page_theme_create(struct req *r) {
    struct tree_ctx c;
    if (!load(r, ENTITY_PILLAR, &c) || takes_no_themes(r, &c, 409))
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
    int rc = store_theme_create(r->db, c.pillar->id, &t, sibling_position(&s, 0, place), req_actor(r), &id, &fail);
    if (rc < 0 && rc != KW_EINVAL && rc != KW_ECONFLICT) {
        resp_store_error(r, rc, NULL, "the theme could not be saved");
        return;
    }
    if (rc < 0) {
        tree_fail(r, rc, &fail, &f.e_code, &f.e_position, &f.summary_msg);
        theme_render(r, &c, NULL, &f);
        r->status = rc == KW_ECONFLICT ? 409 : 422;
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "%s#theme-%lld", c.structure_href, (long long)id));
}

/* GET /themes/{id}/edit */
void page_theme_edit(struct req *r) {
    struct tree_ctx c;
    if (!load(r, ENTITY_THEME, &c))
        return;
    struct theme_form f;
    theme_fill(r, &c, c.theme, &f);
    theme_render(r, &c, c.theme, &f);
}

/* POST /themes/{id}/edit */
void page_theme_update(struct req *r) {
    struct tree_ctx c;
    if (!load(r, ENTITY_THEME, &c))
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
    if (moves ? place != 0 : place != place_now(&s, c.theme->id)) {
        p.set_position = true;
        p.position = sibling_position(&s, c.theme->id, place);
    }
    struct edit_fail fail = {0};
    int rc = store_theme_update(r->db, c.theme->id, &p, req_actor(r), &fail);
    if (rc < 0 && rc != KW_EINVAL && rc != KW_ECONFLICT) {
        resp_store_error(r, rc, NULL, "the theme could not be saved");
        return;
    }
    if (rc < 0) {
        tree_fail(r, rc, &fail, &f.e_code, &f.e_position, &f.summary_msg);
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
    struct tree_ctx c;
    if (!load(r, ENTITY_THEME, &c))
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

/* ---- a new measure: code, title and lead department, then the measure's edit page */

struct measure_form {
    const char *code, *title, *dept;
    const char *e_code, *e_title, *e_dept;
    const char *summary_msg;
};

static void measure_render(struct req *r, const struct tree_ctx *c, const struct department *depts, size_t n_depts,
                           const struct measure_form *f) {
    page_head(r, c, tr(r, M_ME_NEW));
    const struct pillar *pi = c->pillar;
    const struct theme *t = c->theme;
    const char *where = theme_is_implicit(t) ? label_of(r, pi->code, pi->title)
                                             : arena_printf(&r->arena, "%s ／ %s", label_of(r, pi->code, pi->title),
                                                            label_of(r, t->code, t->title));
    html_printf(&r->out, "<p class=\"lead\">%s", arena_printf(&r->arena, tr(r, M_PE_LABELLED), tr(r, M_PE_ADD_TO), where));
    html_printf(&r->out, "</p>\n<p>%s</p>\n", tr(r, M_PE_NEW_MEASURE_INTRO));
    if (f->summary_msg)
        form_error_summary(r, *f->summary_msg ? f->summary_msg : NULL);
    html_printf(&r->out, "<form method=\"post\" action=\"/themes/%D/measures/new\" class=\"form\" novalidate>\n", t->id);
    html_csrf_field(r);
    form_text(r, "code", tr(r, M_ME_CODE), f->code, f->e_code, tr(r, M_PE_MEASURE_CODE_HINT));
    form_text(r, "title", tr(r, M_MEASURE), f->title, f->e_title, NULL);
    struct form_option *o = arena_alloc(&r->arena, (n_depts + 1) * sizeof *o);
    size_t n = 0;
    o[n++] = (struct form_option){"", tr(r, M_FORM_NONE_SELECTED)};
    for (size_t i = 0; i < n_depts; i++)
        if (!depts[i].abolished)
            o[n++] = (struct form_option){depts[i].name, depts[i].name};
    form_select(r, "lead", tr(r, M_ME_LEAD), o, n, f->dept, f->e_dept, tr(r, M_PE_LEAD_HINT));
    form_buttons(r, tr(r, M_PE_ADD_AND_EDIT), c->structure_href, tr(r, M_PE_BACK_TO_STRUCTURE));
    html_printf(&r->out, "</form>\n");
    page_end(r);
}

static bool measure_load(struct req *r, struct tree_ctx *c, struct department **depts, size_t *n_depts) {
    if (!load_any(r, ENTITY_THEME, false, c))
        return false;
    int rc = store_departments(r->db, &r->arena, c->plan.org_id, depts, n_depts);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the departments could not be read");
        return false;
    }
    return true;
}

/* GET /themes/{id}/measures/new */
void page_measure_new(struct req *r) {
    struct tree_ctx c;
    struct department *depts;
    size_t n_depts;
    if (!measure_load(r, &c, &depts, &n_depts))
        return;
    struct measure_form f = {.code = "", .title = "", .dept = ""};
    measure_render(r, &c, depts, n_depts, &f);
}

/* POST /themes/{id}/measures/new */
void page_measure_create(struct req *r) {
    struct tree_ctx c;
    struct department *depts;
    size_t n_depts;
    if (!measure_load(r, &c, &depts, &n_depts))
        return;
    struct measure_form f = {.code = "", .title = "", .dept = ""};
    if (req_parse_form(r) < 0) {
        f.summary_msg = tr(r, M_ERR_BAD_FORM);
        measure_render(r, &c, depts, n_depts, &f);
        r->status = 400;
        return;
    }
    f.code = form_trimmed(r, "code");
    f.title = form_trimmed(r, "title");
    f.dept = form_get(r, "lead");
    if (!*f.code) f.e_code = tr(r, M_ERR_REQUIRED);
    else if (strlen(f.code) > MODEL_MAX_TITLE) f.e_code = tr(r, M_ERR_TOO_LONG);
    else if (!model_display_code_valid(f.code)) f.e_code = tr(r, M_FORM_CODE_SLASH);
    for (size_t i = 0; !f.e_code && i < c.theme->n_measures; i++)
        if (strcmp(c.theme->measures[i].code, f.code) == 0)
            f.e_code = tr(r, M_FORM_CODE_TAKEN);
    if (!*f.title) f.e_title = tr(r, M_ERR_REQUIRED);
    else if (strlen(f.title) > MODEL_MAX_TITLE) f.e_title = tr(r, M_ERR_TOO_LONG);
    bool known = false, any = false;
    for (size_t i = 0; i < n_depts; i++) {
        any |= !depts[i].abolished;
        known |= !depts[i].abolished && strcmp(depts[i].name, f.dept) == 0;
    }
    if (*f.dept && !known) f.e_dept = tr(r, M_ERR_CHOICE);
    else if (!*f.dept && any) f.e_dept = tr(r, M_PE_LEAD_REQUIRED);
    if (f.e_code || f.e_title || f.e_dept) {
        f.summary_msg = "";
        measure_render(r, &c, depts, n_depts, &f);
        r->status = 422;
        return;
    }
    char *lead = (char *)f.dept;
    struct measure m = {.code = (char *)f.code, .title = (char *)f.title, .status = MS_ACTIVE,
                        .departments = {*f.dept ? &lead : NULL, *f.dept ? 1 : 0}};
    struct edit_fail fail = {0};
    int64_t id = 0;
    int rc = store_measure_create(r->db, c.theme->id, &m, STORE_LAST, req_actor(r), &id, &fail);
    if (rc < 0 && rc != KW_EINVAL && rc != KW_ECONFLICT) {
        resp_store_error(r, rc, NULL, "the measure could not be saved");
        return;
    }
    if (rc < 0) {
        f.summary_msg = "";
        if (strcmp(fail.field, "code") == 0)
            f.e_code = tr(r, rc == KW_ECONFLICT ? M_PE_CODE_CLASH : M_ERR_CHOICE);
        else if (strcmp(fail.field, "departments") == 0 || strncmp(fail.field, "departments[", 12) == 0)
            f.e_dept = tr(r, M_ERR_CHOICE);
        else
            f.summary_msg = tr(r, M_FORM_NOT_SAVED);
        measure_render(r, &c, depts, n_depts, &f);
        r->status = rc == KW_ECONFLICT ? 409 : 422;
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "/measures/%lld/edit", (long long)id));
}
