/* The office's forms of a plan's pillars (柱, issue 12 point 2): adding one, changing its code,
 * title, summary, examples, place among the pillars and 廃止, and deleting one, which the store
 * refuses while the pillar has themes (the page says so). Positions are typed 1..n. */
#include <string.h>
#include "core/errors.h"
#include "http/session.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/structure.h"

/* The plan's pillars, for placing one among them: every pillar is shown. */
static struct siblings pillar_siblings(struct req *r, const struct plan *p) {
    int64_t *ids = arena_alloc(&r->arena, (p->n_pillars + 1) * sizeof *ids);
    bool *hidden = arena_alloc(&r->arena, p->n_pillars + 1);   /* every pillar is shown */
    for (size_t i = 0; i < p->n_pillars; i++)
        ids[i] = p->pillars[i].id;
    return (struct siblings){ids, hidden, p->n_pillars};
}

/* The position field of the pillar forms: 1..max. */
static void position_field(struct req *r, const char *value, const char *err, int max) {
    form_text(r, "position", tr(r, M_FORM_POSITION), value, err, arena_printf(&r->arena, tr(r, M_PE_POSITION_HINT), max));
}

struct pillar_form {
    const char *code, *title, *summary, *examples, *position;
    bool abolished;
    int places;                              /* positions 1..places */
    const char *e_code, *e_title, *e_summary, *e_examples, *e_position;
    const char *summary_msg;                 /* NULL: no error summary; "": the summary alone */
};

/* pi NULL: the form that adds a pillar. */
static void pillar_render(struct req *r, const struct structure_ctx *c, const struct pillar *pi, const struct pillar_form *f) {
    structure_page_head(r, c, tr(r, pi ? M_PE_EDIT_PILLAR : M_PE_NEW_PILLAR));
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

static void pillar_fill(struct req *r, const struct structure_ctx *c, const struct pillar *pi, struct pillar_form *f) {
    struct siblings s = pillar_siblings(r, &c->plan);
    if (!pi) {
        int n = siblings_places(&s, 0);
        *f = (struct pillar_form){.code = "", .title = "", .summary = "", .examples = "",
                                  .position = arena_printf(&r->arena, "%d", n), .places = n};
        return;
    }
    *f = (struct pillar_form){
        .code = pi->code, .title = pi->title, .summary = pi->summary, .examples = form_lines_text(r, &pi->examples),
        .position = arena_printf(&r->arena, "%d", siblings_place_now(&s, pi->id)), .abolished = pi->abolished,
        .places = siblings_places(&s, pi->id),
    };
}

/* Reads the pillar's fields; false when one is wrong (its error set). */
static bool pillar_read(struct req *r, const struct structure_ctx *c, const struct pillar *self, struct pillar_form *f,
                        struct strlist *examples, int *ret_place) {
    f->code = form_trimmed(r, "code");
    f->title = form_trimmed(r, "title");
    f->summary = form_trimmed(r, "summary");
    f->examples = form_get(r, "examples");
    f->position = form_trimmed(r, "position");
    f->abolished = req_form(r, "abolished") != NULL;
    f->e_code = form_check(r, f->code, &field_label, true);
    if (!f->e_code && !model_display_code_valid(f->code)) f->e_code = tr(r, M_FORM_CODE_SLASH);
    for (size_t i = 0; !f->e_code && i < c->plan.n_pillars; i++) {
        const struct pillar *o = &c->plan.pillars[i];
        if (o != self && o->code && strcmp(o->code, f->code) == 0)
            f->e_code = tr(r, M_FORM_CODE_TAKEN);
    }
    f->e_title = form_check(r, f->title, &field_label, true);
    if (!f->e_summary) f->e_summary = form_check(r, f->summary, &field_text, false);
    form_lines(r, f->examples, examples);
    f->e_examples = form_check_list(r, examples, &field_item);
    f->e_position = structure_read_position(r, f->position, f->places, !self, ret_place);
    return !(f->e_code || f->e_title || f->e_summary || f->e_examples || f->e_position);
}

/* GET /plans/{id}/pillars/new */
void page_pillar_new(struct req *r) {
    struct structure_ctx c;
    if (!structure_load(r, ENTITY_PLAN, true, &c))
        return;
    struct pillar_form f;
    pillar_fill(r, &c, NULL, &f);
    pillar_render(r, &c, NULL, &f);
}

/* POST /plans/{id}/pillars/new */
void page_pillar_create(struct req *r) {
    struct structure_ctx c;
    if (!structure_load(r, ENTITY_PLAN, true, &c))
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
    int rc = store_pillar_create(r->db, c.plan.id, &pi, siblings_position(&s, 0, place), req_actor(r), &id, &fail);
    if (rc < 0 && rc != KW_EINVAL && rc != KW_ECONFLICT) {
        resp_store_error(r, rc, NULL, "the pillar could not be saved");
        return;
    }
    if (rc < 0) {
        structure_fail(r, rc, &fail, &f.e_code, &f.e_position, &f.summary_msg);
        pillar_render(r, &c, NULL, &f);
        r->status = rc == KW_ECONFLICT ? 409 : 422;
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "%s#pillar-%lld", c.structure_href, (long long)id));
}

/* GET /pillars/{id}/edit */
void page_pillar_edit(struct req *r) {
    struct structure_ctx c;
    if (!structure_load(r, ENTITY_PILLAR, true, &c))
        return;
    struct pillar_form f;
    pillar_fill(r, &c, c.pillar, &f);
    pillar_render(r, &c, c.pillar, &f);
}

/* POST /pillars/{id}/edit */
void page_pillar_update(struct req *r) {
    struct structure_ctx c;
    if (!structure_load(r, ENTITY_PILLAR, true, &c))
        return;
    struct pillar_form f;
    pillar_fill(r, &c, c.pillar, &f);
    struct siblings s = pillar_siblings(r, &c.plan);
    int was = siblings_place_now(&s, c.pillar->id), place = was;
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
        .set_position = place != was, .position = siblings_position(&s, c.pillar->id, place),
    };
    struct edit_fail fail = {0};
    int rc = store_pillar_update(r->db, c.pillar->id, &p, req_actor(r), &fail);
    if (rc < 0 && rc != KW_EINVAL && rc != KW_ECONFLICT) {
        resp_store_error(r, rc, NULL, "the pillar could not be saved");
        return;
    }
    if (rc < 0) {
        structure_fail(r, rc, &fail, &f.e_code, &f.e_position, &f.summary_msg);
        pillar_render(r, &c, c.pillar, &f);
        r->status = rc == KW_ECONFLICT ? 409 : 422;
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "%s#pillar-%lld", c.structure_href, (long long)c.pillar->id));
}

/* POST /pillars/{id}/delete */
void page_pillar_delete(struct req *r) {
    struct structure_ctx c;
    if (!structure_load(r, ENTITY_PILLAR, true, &c))
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
