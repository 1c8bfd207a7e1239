/* The first form of a new measure, for the office (issue 12 point 2): its code, title and lead
 * department in a theme of the plan's structure; then the measure's own edit page
 * (page_measure_edit.c) for the rest. A pillar that holds its measures directly adds them to its
 * theme without code and title. */
#include <string.h>
#include "core/errors.h"
#include "http/session.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/structure.h"

struct measure_form {
    const char *code, *title, *dept;
    const char *e_code, *e_title, *e_dept;
    const char *summary_msg;
};

static void measure_render(struct req *r, const struct structure_ctx *c, const struct department *depts, size_t n_depts,
                           const struct measure_form *f) {
    structure_page_head(r, c, tr(r, M_ME_NEW));
    const struct pillar *pi = c->pillar;
    const struct theme *t = c->theme;
    const char *where = theme_is_implicit(t) ? structure_label(r, pi->code, pi->title)
                                             : arena_printf(&r->arena, "%s%s%s", structure_label(r, pi->code, pi->title), tr(r, M_P_SLASH),
                                                            structure_label(r, t->code, t->title));
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

static bool measure_load(struct req *r, struct structure_ctx *c, struct department **depts, size_t *n_depts) {
    if (!structure_load(r, ENTITY_THEME, false, c))
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
    struct structure_ctx c;
    struct department *depts;
    size_t n_depts;
    if (!measure_load(r, &c, &depts, &n_depts))
        return;
    struct measure_form f = {.code = "", .title = "", .dept = ""};
    measure_render(r, &c, depts, n_depts, &f);
}

/* POST /themes/{id}/measures/new */
void page_measure_create(struct req *r) {
    struct structure_ctx c;
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
    f.e_code = form_check(r, f.code, &field_label, true);
    if (!f.e_code && !model_display_code_valid(f.code)) f.e_code = tr(r, M_FORM_CODE_SLASH);
    for (size_t i = 0; !f.e_code && i < c.theme->n_measures; i++)
        if (strcmp(c.theme->measures[i].code, f.code) == 0)
            f.e_code = tr(r, M_FORM_CODE_TAKEN);
    f.e_title = form_check(r, f.title, &field_label, true);
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
