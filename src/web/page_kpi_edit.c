/* The office's pages for a measure's KPIs (指標; issue 12 point 2): the list in order, with each
 * KPI moved up or down by a small form; adding one; editing every field — the indicator's name
 * or 指標未設定, code, unit, direction, perspective, baseline, target (目標値 / 未決定 / なし),
 * definition, data source, 廃止; and deleting one without measurements (the store refuses one
 * with history, which is abolished instead). Each write is one store call with the checks of
 * api_kpi_post and api_kpi_patch (src/api/api_kpi.c): store_kpi_create, store_kpi_update,
 * store_kpi_delete. Every form works without JavaScript. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "core/fiscal.h"
#include "core/number.h"
#include "http/session.h"
#include "store/store.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

/* What the KPI form shows and reads back: the texts as typed, and an error per field. */
struct kpi_form {
    const char *name, *code, *unit, *direction, *perspective, *definition, *source;
    const char *base_value, *base_fy, *target, *target_value, *target_fy;   /* target: set|undecided|none */
    bool unnamed, abolished;
    const char *e_name, *e_code, *e_unit, *e_direction, *e_perspective, *e_definition, *e_source;
    const char *e_base_value, *e_base_fy, *e_target, *e_target_value, *e_target_fy;
    const char *summary;            /* not NULL: the error summary, with this line when not "" */
    bool has_history;               /* a delete was refused: point to 廃止 */
};

/* The measure and, on a KPI's pages, the KPI (kpi NULL on the measure's pages). */
struct kpi_ctx {
    struct measure m;
    struct measure_ref ref;
    struct kpi k;
    const struct kpi *kpi;
};

static const char *const target_values[] = {"set", "undecided", "none"};   /* by enum kpi_target_state */

/* Loads the measure of the path's first id; false after a 404 page. */
static bool load_measure(struct req *r, struct kpi_ctx *c) {
    int64_t id;
    memset(c, 0, sizeof *c);
    if (!req_param_id(r, 0, &id) || store_measure_load(r->db, &r->arena, id, &c->m, &c->ref) < 0) {
        buf_reset(&r->out);
        page_not_found(r);
        return false;
    }
    return true;
}

/* Loads the KPI of the path's first id and its measure; false after a 404 page. */
static bool load_kpi(struct req *r, struct kpi_ctx *c) {
    int64_t id, measure_id;
    memset(c, 0, sizeof *c);
    if (!req_param_id(r, 0, &id) || store_kpi_load(r->db, &r->arena, id, &c->k, &measure_id) < 0 ||
        store_measure_load(r->db, &r->arena, measure_id, &c->m, &c->ref) < 0) {
        buf_reset(&r->out);
        page_not_found(r);
        return false;
    }
    c->kpi = &c->k;
    return true;
}

/* The page's head: breadcrumbs to the measure (and its KPI list when last is not NULL). */
static void begin(struct req *r, const struct kpi_ctx *c, const char *title, const char *last) {
    char *org_href = arena_printf(&r->arena, "/orgs/%s", c->ref.org_code);
    char *plan_href = arena_printf(&r->arena, "/plans/%lld", (long long)c->ref.plan_id);
    char *m_href = arena_printf(&r->arena, "/measures/%lld", (long long)c->m.id);
    char *list_href = arena_printf(&r->arena, "/measures/%lld/kpis", (long long)c->m.id);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c->ref.org_name, org_href}, {c->ref.plan_title, plan_href},
                             {c->m.title, m_href}, {tr(r, M_KE_LIST_TITLE), last ? list_href : NULL}, {last, NULL}};
    page_begin(r, title, crumbs, last ? 6 : 5, NULL);
    r->cacheable = false;
}

/* A number as a form shows it: the shortest decimal (no exponent) that reads back as v, which
 * number_parse accepts. Allocated in r->arena. */
static const char *number_text(struct req *r, double v) {
    char s[64];
    for (int prec = 0; prec <= 20; prec++) {
        snprintf(s, sizeof s, "%.*f", prec, v);
        if (strtod(s, NULL) == v)
            return arena_strdup(&r->arena, s);
    }
    format_number(s, sizeof s, v);
    return arena_strdup(&r->arena, s);
}

/* ---- the list */

static void move_form(struct req *r, const struct kpi *k, bool up, bool down) {
    if (!up && !down)
        return;
    html_printf(&r->out, "<form method=\"post\" action=\"/kpis/%D/move\" class=\"button-row\">\n", k->id);
    html_csrf_field(r);
    if (up)
        html_printf(&r->out, "<button type=\"submit\" name=\"direction\" value=\"up\" class=\"secondary\" aria-label=\"%s\">%s</button>\n",
                    arena_printf(&r->arena, tr(r, M_KE_UP_LABEL), tr_kpi_name(r, k)), tr(r, M_KE_UP));
    if (down)
        html_printf(&r->out, "<button type=\"submit\" name=\"direction\" value=\"down\" class=\"secondary\" aria-label=\"%s\">%s</button>\n",
                    arena_printf(&r->arena, tr(r, M_KE_DOWN_LABEL), tr_kpi_name(r, k)), tr(r, M_KE_DOWN));
    html_printf(&r->out, "</form>\n");
}

/* The measure's KPIs in order; error: a line for the error summary, or NULL. */
static void render_list(struct req *r, const struct kpi_ctx *c, const char *error) {
    const struct measure *m = &c->m;
    begin(r, c, tr(r, M_KE_LIST_TITLE), NULL);
    html_printf(&r->out, "<h1>%s</h1>\n<p class=\"muted\">%s %s</p>\n", tr(r, M_KE_LIST_TITLE), m->code, m->title);
    if (error)
        form_error_summary(r, error);
    if (req_query(r, "deleted"))
        html_printf(&r->out, "<p class=\"notice\" role=\"status\" id=\"kpi-notice\">%s</p>\n", tr(r, M_FORM_DELETED));
    if (!m->n_kpis) {
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_NO_KPI));
    } else {
        /* three columns, without a sideways scroll: the moving buttons stay in view on a phone */
        html_printf(&r->out, "<p class=\"hint\">%s</p>\n", tr(r, M_KE_LIST_HINT));
        html_printf(&r->out, "<table class=\"grid\" id=\"kpi-list\"><thead><tr><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
                    tr(r, M_FORM_POSITION), tr(r, M_KE_NAME), tr(r, M_KE_ACTIONS));
        for (size_t i = 0; i < m->n_kpis; i++) {
            const struct kpi *k = &m->kpis[i];
            html_printf(&r->out, "<tr id=\"kpi-%D\"><td>%d</td><td><a href=\"/kpis/%D\">%s</a>", k->id, (int)i + 1, k->id,
                        tr_kpi_name(r, k));
            if (k->abolished)
                form_abolished_badge(r);
            html_printf(&r->out, "<br><span class=\"small\">%s%s",
                        arena_printf(&r->arena, tr(r, M_KE_UNIT_IS), k->unit ? k->unit : "―"), tr(r, M_KE_TARGET_IS));
            html_kpi_target(r, k);
            html_printf(&r->out, "</span></td><td><p><a href=\"/kpis/%D/edit\" aria-label=\"%s\">%s</a></p>\n", k->id,
                        arena_printf(&r->arena, tr(r, M_KE_EDIT_LABEL), tr_kpi_name(r, k)), tr(r, M_EDIT));
            move_form(r, k, i > 0, i + 1 < m->n_kpis);
            html_printf(&r->out, "</td></tr>\n");
        }
        html_printf(&r->out, "</tbody></table>\n");
    }
    html_printf(&r->out, "<p class=\"button-row\"><a class=\"button\" href=\"/measures/%D/kpis/new\">%s</a>"
                         " <a href=\"/measures/%D\">%s</a> <a href=\"/measures/%D/edit\">%s</a></p>\n",
                m->id, tr(r, M_KE_NEW), m->id, tr(r, M_KE_TO_SHEET), m->id, tr(r, M_EDIT_MEASURE));
    page_end(r);
}

/* GET /measures/{id}/kpis */
void page_kpi_list(struct req *r) {
    struct kpi_ctx c;
    if (load_measure(r, &c))
        render_list(r, &c, NULL);
}

/* POST /kpis/{id}/move */
void page_kpi_move(struct req *r) {
    struct kpi_ctx c;
    if (!load_kpi(r, &c))
        return;
    const char *dir = req_parse_form(r) < 0 ? NULL : req_form(r, "direction");
    int step = dir && strcmp(dir, "up") == 0 ? -1 : dir && strcmp(dir, "down") == 0 ? 1 : 0;
    if (!step) {
        render_list(r, &c, tr(r, M_KE_BAD_MOVE));
        r->status = 422;
        return;
    }
    int at = -1;
    for (size_t i = 0; i < c.m.n_kpis; i++)
        if (c.m.kpis[i].id == c.k.id)
            at = (int)i;
    int to = at + step;
    if (at >= 0 && to >= 0 && to < (int)c.m.n_kpis) {       /* the first up or the last down: nothing to do */
        struct kpi_patch p = {.set_position = true, .position = to};
        struct edit_fail fail = {0};
        int rc = store_kpi_update(r->db, c.k.id, &p, req_actor(r), &fail);
        if (rc == KW_ENOTFOUND) {
            buf_reset(&r->out);
            page_not_found(r);
            return;
        }
        if (rc < 0) {
            resp_store_error(r, rc, NULL, NULL);
            return;
        }
    }
    resp_redirect(r, arena_printf(&r->arena, "/measures/%lld/kpis#kpi-%lld", (long long)c.m.id, (long long)c.k.id));
}

/* ---- the form */

/* The target: a radio group, then its value and fiscal year. */
static void target_fields(struct req *r, const struct kpi_form *f) {
    static const enum msg labels[] = {M_KE_TARGET_SET, M_UNDECIDED, M_NONE};
    html_printf(&r->out, "<fieldset id=\"target\"%r>\n<legend>%s</legend>\n<p class=\"hint\" id=\"target-hint\">%s</p>\n"
                         "<div class=\"field\">\n",
                f->e_target ? " class=\"has-error\"" : "", tr(r, M_KE_TARGET_PART), tr(r, M_KE_TARGET_HINT));
    for (int i = 0; i < 3; i++)
        html_printf(&r->out, "<span class=\"choice\"><input type=\"radio\" id=\"target-%s\" name=\"target\" value=\"%s\"%r%r>"
                             "<label for=\"target-%s\">%s</label></span>\n",
                    target_values[i], target_values[i], strcmp(f->target, target_values[i]) == 0 ? " checked" : "",
                    f->e_target ? " aria-describedby=\"target-hint target-error\"" : " aria-describedby=\"target-hint\"",
                    target_values[i], tr(r, labels[i]));
    html_field_error(r, "target", f->e_target);
    html_printf(&r->out, "</div>\n");
    form_text(r, "target_value", tr(r, M_KE_TARGET_VALUE), f->target_value, f->e_target_value, tr(r, M_KE_NUMBER_HINT));
    form_text(r, "target_fy", tr(r, M_KE_TARGET_FY), f->target_fy, f->e_target_fy, tr(r, M_KE_FY_HINT));
    html_printf(&r->out, "</fieldset>\n");
}

static void render_form(struct req *r, const struct kpi_ctx *c, const struct kpi_form *f) {
    const struct kpi *k = c->kpi;
    const char *title = tr(r, k ? M_KE_EDIT : M_KE_NEW);
    begin(r, c, title, title);
    if (k) {
        html_printf(&r->out, "<h1>%s%s%s", title, tr(r, M_P_COLON), tr_kpi_name(r, k));
        if (k->abolished)
            form_abolished_badge(r);
        html_printf(&r->out, "</h1>\n");
    } else {
        html_printf(&r->out, "<h1>%s</h1>\n", title);
    }
    html_printf(&r->out, "<p class=\"muted\">%s %s</p>\n", c->m.code, c->m.title);
    if (f->has_history)
        html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"error-summary\"><p>%s</p>"
                             "<p><a href=\"#abolished\">%s</a></p></div>\n",
                    tr(r, M_FORM_HAS_HISTORY), tr(r, M_KE_GO_ABOLISH));
    else if (f->summary)
        form_error_summary(r, *f->summary ? f->summary : NULL);
    if (k)
        html_printf(&r->out, "<form method=\"post\" action=\"/kpis/%D/edit\" class=\"form\" novalidate>\n", k->id);
    else
        html_printf(&r->out, "<form method=\"post\" action=\"/measures/%D/kpis/new\" class=\"form\" novalidate>\n", c->m.id);
    html_csrf_field(r);
    form_text(r, "name", tr(r, M_KE_NAME), f->name, f->e_name, NULL);
    form_checkbox(r, "unnamed", tr(r, M_KE_UNNAMED), f->unnamed, tr(r, M_KE_UNNAMED_HINT));
    form_text(r, "code", tr(r, M_KE_CODE), f->code, f->e_code, tr(r, M_KE_CODE_HINT));
    form_text(r, "unit", tr(r, M_UNIT), f->unit, f->e_unit, tr(r, M_KE_UNIT_HINT));
    struct form_option dirs[3];
    for (int d = DIR_INCREASE; d <= DIR_KEEP; d++)
        dirs[d] = (struct form_option){direction_name((enum kpi_direction)d), tr_direction(r, (enum kpi_direction)d)};
    form_select(r, "direction", tr(r, M_DIRECTION), dirs, 3, f->direction, f->e_direction, NULL);
    struct form_option views[] = {{"", tr(r, M_FORM_NONE_SELECTED)}, {"citizen", tr(r, M_CITIZEN)}, {"staff", tr(r, M_STAFF)}};
    form_select(r, "perspective", tr(r, M_PERSPECTIVE), views, 3, f->perspective, f->e_perspective, NULL);
    html_printf(&r->out, "<fieldset id=\"baseline\">\n<legend>%s</legend>\n<p class=\"hint\">%s</p>\n",
                tr(r, M_KE_BASELINE_PART), tr(r, M_KE_BASELINE_HINT));
    form_text(r, "baseline_value", tr(r, M_KE_BASELINE_VALUE), f->base_value, f->e_base_value, tr(r, M_KE_NUMBER_HINT));
    form_text(r, "baseline_fy", tr(r, M_KE_BASELINE_FY), f->base_fy, f->e_base_fy, tr(r, M_KE_FY_HINT));
    html_printf(&r->out, "</fieldset>\n");
    target_fields(r, f);
    form_textarea(r, "definition", tr(r, M_DEFINITION), f->definition, f->e_definition, tr(r, M_KE_DEFINITION_HINT), 3);
    form_textarea(r, "source", tr(r, M_KE_SOURCE), f->source, f->e_source, tr(r, M_KE_SOURCE_HINT), 2);
    if (k)
        form_checkbox(r, "abolished", tr(r, M_FORM_ABOLISHED), f->abolished, tr(r, M_FORM_ABOLISHED_HINT));
    form_buttons(r, tr(r, k ? M_SAVE : M_ADD), arena_printf(&r->arena, "/measures/%lld/kpis", (long long)c->m.id),
                 tr(r, M_KE_TO_LIST));
    html_printf(&r->out, "</form>\n");
    if (k) {
        html_printf(&r->out, "<section aria-labelledby=\"delete\" class=\"form-part\"><h2 id=\"delete\">%s</h2>\n"
                             "<p class=\"hint\">%s</p>\n<form method=\"post\" action=\"/kpis/%D/delete\">\n",
                    tr(r, M_KE_DELETE_PART), tr(r, M_KE_DELETE_HINT), k->id);
        html_csrf_field(r);
        html_printf(&r->out, "<button type=\"submit\" class=\"secondary\">%s</button>\n</form>\n</section>\n",
                    tr(r, M_FORM_DELETE));
    }
    page_end(r);
}

/* The form as the KPI is now (k NULL: a new KPI, increasing, target undecided). */
static void fill(struct req *r, const struct kpi *k, struct kpi_form *f) {
    memset(f, 0, sizeof *f);
    if (!k) {
        *f = (struct kpi_form){.name = "", .code = "", .unit = "", .direction = direction_name(DIR_INCREASE),
                               .perspective = "", .definition = "", .source = "", .base_value = "", .base_fy = "",
                               .target = target_values[TARGET_UNDECIDED], .target_value = "", .target_fy = ""};
        return;
    }
    bool set = k->target_state == TARGET_SET;
    *f = (struct kpi_form){
        .name = k->name ? k->name : "", .unnamed = !k->name, .code = k->code ? k->code : "", .unit = k->unit ? k->unit : "",
        .direction = direction_name(k->direction), .perspective = k->perspective ? k->perspective : "",
        .definition = k->definition ? k->definition : "", .source = k->source ? k->source : "",
        .base_value = k->has_baseline ? number_text(r, k->baseline_value) : "",
        .base_fy = k->has_baseline ? arena_printf(&r->arena, "%d", k->baseline_fy) : "",
        .target = target_values[k->target_state], .target_value = set ? number_text(r, k->target_value) : "",
        .target_fy = set ? arena_printf(&r->arena, "%d", k->target_fy) : "", .abolished = k->abolished,
    };
}

/* A number field: required or not; the value into *ret. */
static void read_number(struct req *r, const char *s, bool required, double *ret, const char **err) {
    bool too_big = false;
    if (!*s) {
        if (required)
            *err = tr(r, M_ERR_REQUIRED);
    } else if (number_parse(s, ret, &too_big) < 0) {
        *err = tr(r, too_big ? M_ERR_NUMBER_RANGE : M_ERR_NUMBER);
    }
}

/* A fiscal year field as the API takes it (fy_parse: FY_MIN..FY_MAX). */
static void read_fy(struct req *r, const char *s, bool required, int *ret, const char **err) {
    if (!*s) {
        if (required)
            *err = tr(r, M_ERR_REQUIRED);
    } else if (fy_parse(s, ret) < 0) {
        *err = tr(r, M_ERR_FY);
    }
}

/* Reads every field into f and p (as api_kpi_post / api_kpi_patch read them); false when one is
 * wrong, its error set. A new KPI has no 廃止. */
static bool read_form(struct req *r, bool is_new, struct kpi_form *f, struct kpi_patch *p) {
    f->name = form_trimmed(r, "name");
    f->unnamed = *form_get(r, "unnamed");
    f->code = form_trimmed(r, "code");
    f->unit = form_trimmed(r, "unit");
    f->direction = form_get(r, "direction");
    f->perspective = form_get(r, "perspective");
    f->definition = form_trimmed(r, "definition");
    f->source = form_trimmed(r, "source");
    f->base_value = form_trimmed(r, "baseline_value");
    f->base_fy = form_trimmed(r, "baseline_fy");
    f->target = form_get(r, "target");
    f->target_value = form_trimmed(r, "target_value");
    f->target_fy = form_trimmed(r, "target_fy");
    f->abolished = !is_new && *form_get(r, "abolished");

    if (f->unnamed && *f->name) f->e_name = tr(r, M_KE_NAME_AND_UNNAMED);
    else if (!f->unnamed && !*f->name) f->e_name = tr(r, M_KE_NAME_MISSING);
    else if (!f->e_name) f->e_name = form_check(r, f->name, &field_label, false);
    if (!f->e_code) f->e_code = form_check(r, f->code, &field_label, false);
    if (!f->e_code && *f->code && !model_display_code_valid(f->code)) f->e_code = tr(r, M_FORM_CODE_SLASH);
    if (!f->e_unit) f->e_unit = form_check(r, f->unit, &field_label, false);
    if (direction_parse(f->direction, &p->direction) < 0) f->e_direction = tr(r, M_ERR_CHOICE);
    if (*f->perspective && strcmp(f->perspective, "citizen") != 0 && strcmp(f->perspective, "staff") != 0)
        f->e_perspective = tr(r, M_ERR_CHOICE);
    if (!f->e_definition) f->e_definition = form_check(r, f->definition, &field_text, false);
    if (!f->e_source) f->e_source = form_check(r, f->source, &field_text, false);

    /* the baseline: value and fiscal year both, or neither */
    read_number(r, f->base_value, false, &p->baseline_value, &f->e_base_value);
    read_fy(r, f->base_fy, false, &p->baseline_fy, &f->e_base_fy);
    if (*f->base_value && !*f->base_fy && !f->e_base_value) f->e_base_fy = tr(r, M_KE_NEED_FY);
    if (*f->base_fy && !*f->base_value && !f->e_base_fy) f->e_base_value = tr(r, M_KE_NEED_VALUE);

    /* the target: a value and its fiscal year with 目標値; what the other two leave typed is not read */
    int state = -1;
    for (int i = 0; i < 3; i++)
        if (strcmp(f->target, target_values[i]) == 0)
            state = i;
    if (state < 0)
        f->e_target = tr(r, M_ERR_CHOICE);
    if (state == TARGET_SET) {
        read_number(r, f->target_value, true, &p->target_value, &f->e_target_value);
        read_fy(r, f->target_fy, true, &p->target_fy, &f->e_target_fy);
    }
    if (f->e_name || f->e_code || f->e_unit || f->e_direction || f->e_perspective || f->e_definition || f->e_source ||
        f->e_base_value || f->e_base_fy || f->e_target || f->e_target_value || f->e_target_fy)
        return false;

    p->name = f->unnamed ? "" : f->name;          /* "": no indicator (指標未設定) */
    p->code = f->code;                            /* "": none */
    p->unit = f->unit;
    p->perspective = f->perspective;
    p->definition = f->definition;
    p->source = f->source;
    p->set_direction = true;
    p->set_baseline = true;
    p->has_baseline = *f->base_value != '\0';
    p->set_target = true;
    p->target_state = (enum kpi_target_state)state;
    p->set_abolished = !is_new;
    p->abolished = f->abolished;
    return true;
}

/* Shows the form again after a refused save: 422, or 409 for a conflict. */
static void refuse(struct req *r, const struct kpi_ctx *c, struct kpi_form *f, int status) {
    if (!f->summary)
        f->summary = "";
    buf_reset(&r->out);
    render_form(r, c, f);
    r->status = status;
}

/* The store's refusal in the form's words; false after replying with the store's error. */
static bool store_refused(struct req *r, const struct kpi_ctx *c, struct kpi_form *f, int rc, const struct edit_fail *fail) {
    if (rc == KW_ECONFLICT && strcmp(fail->field, "code") == 0) {
        f->e_code = tr(r, M_FORM_CODE_TAKEN);
    } else if (rc == KW_EINVAL || rc == KW_ECONFLICT) {
        f->summary = tr(r, M_FORM_NOT_SAVED);
    } else {
        resp_store_error(r, rc, NULL, "the KPI could not be saved");
        return false;
    }
    refuse(r, c, f, rc == KW_ECONFLICT ? 409 : 422);
    return true;
}

/* GET /measures/{id}/kpis/new */
void page_kpi_new(struct req *r) {
    struct kpi_ctx c;
    if (!load_measure(r, &c))
        return;
    struct kpi_form f;
    fill(r, NULL, &f);
    render_form(r, &c, &f);
}

/* POST /measures/{id}/kpis/new */
void page_kpi_create(struct req *r) {
    struct kpi_ctx c;
    if (!load_measure(r, &c))
        return;
    struct kpi_form f;
    fill(r, NULL, &f);
    if (req_parse_form(r) < 0) {
        f.summary = tr(r, M_ERR_BAD_FORM);
        refuse(r, &c, &f, 400);
        return;
    }
    struct kpi_patch p = {0};
    if (!read_form(r, true, &f, &p)) {
        refuse(r, &c, &f, 422);
        return;
    }
    struct kpi k = {
        .name = *p.name ? (char *)p.name : NULL, .code = *p.code ? (char *)p.code : NULL,
        .unit = (char *)p.unit, .definition = (char *)p.definition, .source = (char *)p.source,
        .direction = p.direction, .perspective = (char *)p.perspective,
        .has_baseline = p.has_baseline, .baseline_value = p.baseline_value, .baseline_fy = p.baseline_fy,
        .target_state = p.target_state, .target_value = p.target_value, .target_fy = p.target_fy,
    };
    struct edit_fail fail = {0};
    int64_t id;
    int rc = store_kpi_create(r->db, c.m.id, &k, STORE_LAST, req_actor(r), &id, &fail);
    if (rc < 0) {
        store_refused(r, &c, &f, rc, &fail);
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "/measures/%lld/kpis#kpi-%lld", (long long)c.m.id, (long long)id));
}

/* GET /kpis/{id}/edit */
void page_kpi_edit(struct req *r) {
    struct kpi_ctx c;
    if (!load_kpi(r, &c))
        return;
    struct kpi_form f;
    fill(r, c.kpi, &f);
    render_form(r, &c, &f);
}

/* POST /kpis/{id}/edit */
void page_kpi_update(struct req *r) {
    struct kpi_ctx c;
    if (!load_kpi(r, &c))
        return;
    struct kpi_form f;
    fill(r, c.kpi, &f);
    if (req_parse_form(r) < 0) {
        f.summary = tr(r, M_ERR_BAD_FORM);
        refuse(r, &c, &f, 400);
        return;
    }
    struct kpi_patch p = {0};
    if (!read_form(r, false, &f, &p)) {
        refuse(r, &c, &f, 422);
        return;
    }
    struct edit_fail fail = {0};
    int rc = store_kpi_update(r->db, c.k.id, &p, req_actor(r), &fail);
    if (rc < 0) {
        store_refused(r, &c, &f, rc, &fail);
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "/kpis/%lld", (long long)c.k.id));
}

/* POST /kpis/{id}/delete */
void page_kpi_delete(struct req *r) {
    struct kpi_ctx c;
    if (!load_kpi(r, &c))
        return;
    struct edit_fail fail = {0};
    int rc = store_kpi_delete(r->db, c.k.id, req_actor(r), &fail);
    if (rc == KW_ECONFLICT) {                     /* it has measurements: abolish it instead */
        struct kpi_form f;
        fill(r, c.kpi, &f);
        f.has_history = true;
        refuse(r, &c, &f, 409);
        return;
    }
    if (rc == KW_ENOTFOUND) {
        buf_reset(&r->out);
        page_not_found(r);
        return;
    }
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "/measures/%lld/kpis?deleted=1", (long long)c.m.id));
}
