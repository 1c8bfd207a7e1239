/* The form that edits a plan's own fields (issue 12 point 2), for the office: title, code, kind,
 * period (from FY – to FY), motto, summary, review cadence, its lists as rows — めざす姿,
 * principles, the foundation its pillars stand on, これまでの主な課題 (a title and a text each)
 * and the plan's goals (業務量 30 % 減 by 2027) — and 廃止. One store call saves it all (one
 * transaction, one audit entry); each list is replaced as a whole, as PATCH /api/v1/plans/{id}
 * replaces it. Its pillars and themes are edited on the structure page (page_structure.c). */
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "core/fiscal.h"
#include "core/number.h"
#include "http/session.h"
#include "store/store.h"
#include "util/jw.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

/* The plan's lists of titled texts, in the order the form shows them. */
enum { L_VISION, L_PRINCIPLES, L_FOUNDATION, L_CHALLENGES, N_LISTS };
static const char *const list_prefix[N_LISTS] = {"vision", "principles", "foundation", "challenges"};

/* Rows of a list as typed or stored, with the first error found in them. */
struct rows_value {
    const char **cells;
    size_t n;
    int bad_row, bad_col;
    const char *err;
};

enum { GOAL_NAME, GOAL_KIND, GOAL_VALUE, GOAL_UNIT, GOAL_FY, GOAL_DIR, GOAL_BASE_FY, GOAL_NOTE, GOAL_COLS };
enum { TT_TITLE, TT_TEXT, TT_COLS };

struct plan_form {
    const char *title, *code, *kind, *from_fy, *to_fy, *motto, *summary, *cadence;
    bool abolished;
    struct rows_value lists[N_LISTS], goals;
    /* errors */
    const char *e_title, *e_code, *e_kind, *e_from, *e_to, *e_motto, *e_summary, *e_cadence;
    const char *summary_msg;                 /* NULL: no error summary; "": the summary alone */
};

struct edit_ctx {
    struct plan_context pc;
    struct plan plan;
};

static bool load(struct req *r, struct edit_ctx *c) {
    int64_t id;
    if (!req_param_id(r, 0, &id) || !load_plan_context(r, id, &c->pc) ||
        store_plan_load(r->db, &r->arena, id, LOAD_SUMMARY, &c->plan) < 0) {
        buf_reset(&r->out);
        page_not_found(r);
        return false;
    }
    return true;
}

static void plan_list(const struct plan *p, int i, const struct titled_text **ret, size_t *ret_n) {
    switch (i) {
    case L_VISION: *ret = p->vision, *ret_n = p->n_vision; break;
    case L_PRINCIPLES: *ret = p->principles, *ret_n = p->n_principles; break;
    case L_FOUNDATION: *ret = p->foundation, *ret_n = p->n_foundation; break;
    default: *ret = p->challenges, *ret_n = p->n_challenges; break;
    }
}

static void patch_list(struct plan_patch *p, int i, const struct titled_text *v, size_t n) {
    switch (i) {
    case L_VISION: p->set_vision = true, p->vision = v, p->n_vision = n; break;
    case L_PRINCIPLES: p->set_principles = true, p->principles = v, p->n_principles = n; break;
    case L_FOUNDATION: p->set_foundation = true, p->foundation = v, p->n_foundation = n; break;
    default: p->set_challenges = true, p->challenges = v, p->n_challenges = n; break;
    }
}

static const char *list_legend(struct req *r, int i) {
    static const enum msg m[N_LISTS] = {M_VISION, M_PRINCIPLES, M_FOUNDATION, M_CHALLENGES};
    return tr(r, m[i]);
}

static const char *list_hint(struct req *r, int i) {
    static const enum msg m[N_LISTS] = {M_PE_VISION_HINT, M_PE_PRINCIPLES_HINT, M_PE_FOUNDATION_HINT,
                                        M_PE_CHALLENGES_HINT};
    return tr(r, m[i]);
}

static void titled_columns(struct req *r, struct form_column cols[TT_COLS]) {
    cols[TT_TITLE] = (struct form_column){"title", tr(r, M_PE_ROW_TITLE), FORM_CELL_TEXT, NULL, 0, 0};
    cols[TT_TEXT] = (struct form_column){"text", tr(r, M_PE_ROW_TEXT), FORM_CELL_TEXTAREA, NULL, 0, 3};
}

/* The direction select of a goal: none, increase, decrease, keep (kpi_direction_names). */
static struct form_option *direction_options(struct req *r, size_t *ret_n) {
    struct form_option *o = arena_alloc(&r->arena, 4 * sizeof *o);
    o[0] = (struct form_option){"", tr(r, M_FORM_NONE_SELECTED)};
    for (int d = DIR_INCREASE; d <= DIR_KEEP; d++)
        o[d + 1] = (struct form_option){direction_name((enum kpi_direction)d), tr_direction(r, (enum kpi_direction)d)};
    *ret_n = 4;
    return o;
}

static void goal_columns(struct req *r, struct form_column cols[GOAL_COLS]) {
    size_t n_dirs;
    const struct form_option *dirs = direction_options(r, &n_dirs);
    struct form_option *kinds = arena_alloc(&r->arena, 2 * sizeof *kinds);
    kinds[0] = (struct form_option){"", tr(r, M_PE_GOAL_KIND_PLAIN)};
    kinds[1] = (struct form_option){goal_kind_names[0], tr(r, M_PE_GOAL_KIND_WORKLOAD)};
    cols[GOAL_NAME] = (struct form_column){"name", tr(r, M_PE_GOAL_NAME), FORM_CELL_TEXT, NULL, 0, 0};
    cols[GOAL_KIND] = (struct form_column){"kind", tr(r, M_PE_GOAL_KIND), FORM_CELL_SELECT, kinds, 2, 0};
    cols[GOAL_VALUE] = (struct form_column){"value", tr(r, M_TARGET), FORM_CELL_TEXT, NULL, 0, 8};
    cols[GOAL_UNIT] = (struct form_column){"unit", tr(r, M_UNIT), FORM_CELL_TEXT, NULL, 0, 6};
    cols[GOAL_FY] = (struct form_column){"fy", tr(r, M_PE_GOAL_FY), FORM_CELL_TEXT, NULL, 0, 10};
    cols[GOAL_DIR] = (struct form_column){"direction", tr(r, M_DIRECTION), FORM_CELL_SELECT, dirs, n_dirs, 0};
    cols[GOAL_BASE_FY] = (struct form_column){"baseline_fy", tr(r, M_PE_GOAL_BASE_FY), FORM_CELL_TEXT, NULL, 0, 10};
    cols[GOAL_NOTE] = (struct form_column){"note", tr(r, M_NOTE), FORM_CELL_TEXT, NULL, 0, 0};
}

static void render(struct req *r, const struct edit_ctx *c, const struct plan_form *f) {
    const char *title = tr(r, M_PE_EDIT_PLAN);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c->pc.org_name, c->pc.org_href}, {c->pc.plan_title, c->pc.plan_href},
                             {title, NULL}};
    page_begin(r, title, crumbs, 4, NULL);
    r->cacheable = false;
    html_printf(&r->out, "<h1>%s</h1>\n<p class=\"muted\">%s", title, c->plan.title);
    if (c->plan.abolished)
        form_abolished_badge(r);
    html_printf(&r->out, "</p>\n");
    if (f->summary_msg)
        form_error_summary(r, *f->summary_msg ? f->summary_msg : NULL);
    html_printf(&r->out, "<p><a href=\"/plans/%D/structure\">%s</a></p>\n", c->plan.id, tr(r, M_PE_EDIT_STRUCTURE));
    html_printf(&r->out, "<form method=\"post\" action=\"/plans/%D/edit\" class=\"form\" novalidate>\n", c->plan.id);
    html_csrf_field(r);
    form_text(r, "title", tr(r, M_PE_PLAN_TITLE), f->title, f->e_title, NULL);
    form_text(r, "code", tr(r, M_PE_PLAN_CODE), f->code, f->e_code, tr(r, M_PE_PLAN_CODE_HINT));
    struct form_option kinds[] = {{"strategy", tr(r, M_KIND_STRATEGY)}, {"action_plan", tr(r, M_KIND_ACTION_PLAN)}};
    form_select(r, "kind", tr(r, M_KIND), kinds, 2, f->kind, f->e_kind, NULL);
    html_printf(&r->out, "<fieldset id=\"period\">\n<legend>%s</legend>\n<p class=\"hint\">%s</p>\n<div class=\"inline-form\">\n",
                tr(r, M_PERIOD), tr(r, M_PE_PERIOD_HINT));
    form_text(r, "from_fy", tr(r, M_PE_FROM_FY), f->from_fy, f->e_from, NULL);
    form_text(r, "to_fy", tr(r, M_PE_TO_FY), f->to_fy, f->e_to, NULL);
    html_printf(&r->out, "</div>\n</fieldset>\n");
    struct form_option cadences[] = {{"", tr(r, M_FORM_NONE_SELECTED)}, {"quarterly", tr(r, M_CADENCE_QUARTERLY)},
                                     {"yearly", tr(r, M_CADENCE_YEARLY)}};
    form_select(r, "review_cadence", tr(r, M_PE_CADENCE), cadences, 3, f->cadence, f->e_cadence, NULL);
    form_textarea(r, "motto", tr(r, M_PE_MOTTO), f->motto, f->e_motto, NULL, 2);
    form_textarea(r, "summary", tr(r, M_PE_SUMMARY), f->summary, f->e_summary, NULL, 5);
    struct form_column tcols[TT_COLS], gcols[GOAL_COLS];
    titled_columns(r, tcols);
    goal_columns(r, gcols);
    form_rows(r, "goals", tr(r, M_GOALS), tr(r, M_PE_GOALS_HINT), gcols, GOAL_COLS, f->goals.cells, f->goals.n,
              f->goals.bad_row, f->goals.bad_col, f->goals.err);
    for (int i = 0; i < N_LISTS; i++)
        form_rows(r, list_prefix[i], list_legend(r, i), list_hint(r, i), tcols, TT_COLS, f->lists[i].cells,
                  f->lists[i].n, f->lists[i].bad_row, f->lists[i].bad_col, f->lists[i].err);
    form_checkbox(r, "abolished", tr(r, M_PE_ABOLISH_PLAN), f->abolished, tr(r, M_FORM_ABOLISHED_HINT));
    form_buttons(r, tr(r, M_SAVE), c->pc.plan_href, c->plan.title);
    html_printf(&r->out, "</form>\n");
    form_script(r);
    page_end(r);
}

static const char *fy_text(struct req *r, int fy) { return fy ? arena_printf(&r->arena, "%d", fy) : ""; }

/* The form as the plan is now. */
static void fill(struct req *r, const struct plan *p, struct plan_form *f) {
    *f = (struct plan_form){
        .title = p->title, .code = p->code, .kind = p->kind, .from_fy = fy_text(r, p->from_fy),
        .to_fy = fy_text(r, p->to_fy), .motto = p->motto, .summary = p->summary,
        .cadence = p->review_cadence ? p->review_cadence : "", .abolished = p->abolished,
    };
    for (int i = 0; i < N_LISTS; i++) {
        const struct titled_text *v;
        size_t n;
        plan_list(p, i, &v, &n);
        struct rows_value *l = &f->lists[i];
        *l = (struct rows_value){arena_alloc(&r->arena, (n * TT_COLS + 1) * sizeof *l->cells), n, -1, -1, NULL};
        for (size_t j = 0; j < n; j++) {
            l->cells[j * TT_COLS + TT_TITLE] = v[j].title;
            l->cells[j * TT_COLS + TT_TEXT] = v[j].text;
        }
    }
    struct rows_value *g = &f->goals;
    *g = (struct rows_value){arena_alloc(&r->arena, (p->n_goals * GOAL_COLS + 1) * sizeof *g->cells), p->n_goals, -1,
                             -1, NULL};
    for (size_t j = 0; j < p->n_goals; j++) {
        const struct goal *x = &p->goals[j];
        const char **row = g->cells + j * GOAL_COLS;
        char num[48];
        json_format_number(num, sizeof num, x->target_value);
        row[GOAL_NAME] = x->name;
        row[GOAL_KIND] = x->workload ? goal_kind_names[0] : "";
        row[GOAL_BASE_FY] = fy_text(r, x->baseline_fy);
        row[GOAL_VALUE] = arena_strdup(&r->arena, num);
        row[GOAL_UNIT] = x->unit;
        row[GOAL_FY] = fy_text(r, x->target_fy);
        row[GOAL_DIR] = x->has_direction ? direction_name(x->direction) : "";
        row[GOAL_NOTE] = x->note;
    }
}

/* GET /plans/{id}/edit */
void page_plan_edit(struct req *r) {
    struct edit_ctx c;
    if (!load(r, &c))
        return;
    struct plan_form f;
    fill(r, &c.plan, &f);
    render(r, &c, &f);
}

/* Sets the first error of a list of rows. */
static void row_fail(struct rows_value *l, int row, int col, const char *err) {
    if (l->err)
        return;
    l->bad_row = row;
    l->bad_col = col;
    l->err = err;
}

/* s with each CR LF as LF (a textarea sends CR LF). */
static const char *lf(struct req *r, const char *s) {
    char *d = arena_strdup(&r->arena, s), *o = d;
    for (const char *p = s; *p; p++)
        if (!(p[0] == '\r' && p[1] == '\n'))
            *o++ = *p;
    *o = '\0';
    return d;
}

/* Reads a list of titled texts; false when a row is wrong (its error set). */
static bool read_titled(struct req *r, int i, struct rows_value *l, struct titled_text **ret) {
    struct form_column cols[TT_COLS];
    titled_columns(r, cols);
    *l = (struct rows_value){.bad_row = -1, .bad_col = -1};
    form_rows_read(r, list_prefix[i], cols, TT_COLS, &l->cells, &l->n);
    struct titled_text *v = arena_alloc(&r->arena, (l->n + 1) * sizeof *v);
    for (size_t j = 0; j < l->n; j++) {
        const char **row = l->cells + j * TT_COLS;
        const char *err;
        if (!*row[TT_TITLE])
            row_fail(l, (int)j, TT_TITLE, tr(r, M_PE_ROW_TITLE_MISSING));
        else if ((err = form_check(r, row[TT_TITLE], &field_label, true)))
            row_fail(l, (int)j, TT_TITLE, err);
        if ((err = form_check(r, row[TT_TEXT], &field_text, false)))
            row_fail(l, (int)j, TT_TEXT, err);
        v[j] = (struct titled_text){(char *)row[TT_TITLE], *row[TT_TEXT] ? (char *)row[TT_TEXT] : NULL};
    }
    *ret = v;
    return l->err == NULL;
}

/* Reads the goals; false when a row is wrong (its error set). */
static bool read_goals(struct req *r, struct rows_value *l, struct goal **ret) {
    struct form_column cols[GOAL_COLS];
    goal_columns(r, cols);
    *l = (struct rows_value){.bad_row = -1, .bad_col = -1};
    form_rows_read(r, "goals", cols, GOAL_COLS, &l->cells, &l->n);
    struct goal *v = arena_alloc(&r->arena, (l->n + 1) * sizeof *v);
    for (size_t j = 0; j < l->n; j++) {
        const char **row = l->cells + j * GOAL_COLS;
        struct goal *g = &v[j];
        int e = (int)j;
        bool too_big = false;
        const char *err;
        if (!*row[GOAL_NAME])
            row_fail(l, e, GOAL_NAME, tr(r, M_PE_GOAL_NAME_MISSING));
        else if ((err = form_check(r, row[GOAL_NAME], &field_label, true)))
            row_fail(l, e, GOAL_NAME, err);
        if (!*row[GOAL_VALUE])
            row_fail(l, e, GOAL_VALUE, tr(r, M_PE_GOAL_VALUE_MISSING));
        else if (number_parse(row[GOAL_VALUE], &g->target_value, &too_big) < 0)
            row_fail(l, e, GOAL_VALUE, tr(r, too_big ? M_ERR_NUMBER_RANGE : M_ERR_NUMBER));
        if ((err = form_check(r, row[GOAL_UNIT], &field_label, false)))
            row_fail(l, e, GOAL_UNIT, err);
        if (*row[GOAL_FY] && fy_parse(row[GOAL_FY], &g->target_fy) < 0)
            row_fail(l, e, GOAL_FY, tr(r, M_ERR_FY));
        if (*row[GOAL_DIR] && direction_parse(row[GOAL_DIR], &g->direction) < 0)
            row_fail(l, e, GOAL_DIR, tr(r, M_ERR_CHOICE));
        if (*row[GOAL_KIND] && strcmp(row[GOAL_KIND], goal_kind_names[0]) != 0)
            row_fail(l, e, GOAL_KIND, tr(r, M_ERR_CHOICE));
        if (*row[GOAL_BASE_FY] && fy_parse(row[GOAL_BASE_FY], &g->baseline_fy) < 0)
            row_fail(l, e, GOAL_BASE_FY, tr(r, M_ERR_FY));
        if ((err = form_check(r, row[GOAL_NOTE], &field_text, false)))
            row_fail(l, e, GOAL_NOTE, err);
        g->name = (char *)row[GOAL_NAME];
        g->unit = *row[GOAL_UNIT] ? (char *)row[GOAL_UNIT] : NULL;
        g->note = *row[GOAL_NOTE] ? (char *)row[GOAL_NOTE] : NULL;
        g->has_direction = *row[GOAL_DIR] != '\0';
        g->workload = *row[GOAL_KIND] != '\0';
    }
    *ret = v;
    return l->err == NULL;
}

/* Reads the plan's own fields into f and p; false when one is wrong (its error set). */
static bool read_fields(struct req *r, struct plan_form *f, struct plan_patch *p) {
    f->title = form_trimmed(r, "title");
    f->code = form_trimmed(r, "code");
    f->kind = form_get(r, "kind");
    f->from_fy = form_trimmed(r, "from_fy");
    f->to_fy = form_trimmed(r, "to_fy");
    f->cadence = form_get(r, "review_cadence");
    f->motto = lf(r, form_trimmed(r, "motto"));
    f->summary = lf(r, form_trimmed(r, "summary"));
    f->abolished = req_form(r, "abolished") != NULL;
    f->e_title = form_check(r, f->title, &field_label, true);
    if (!f->e_code) f->e_code = form_check(r, f->code, &field_label, false);
    if (!f->e_code && *f->code && !model_display_code_valid(f->code)) f->e_code = tr(r, M_FORM_CODE_SLASH);
    if (strcmp(f->kind, "strategy") != 0 && strcmp(f->kind, "action_plan") != 0) f->e_kind = tr(r, M_ERR_CHOICE);
    if (*f->cadence && strcmp(f->cadence, "quarterly") != 0 && strcmp(f->cadence, "yearly") != 0)
        f->e_cadence = tr(r, M_ERR_CHOICE);
    if (!f->e_motto) f->e_motto = form_check(r, f->motto, &field_text, false);
    if (!f->e_summary) f->e_summary = form_check(r, f->summary, &field_text, false);
    int from = 0, to = 0;
    if (*f->from_fy && fy_parse(f->from_fy, &from) < 0) f->e_from = tr(r, M_ERR_FY);
    if (*f->to_fy && fy_parse(f->to_fy, &to) < 0) f->e_to = tr(r, M_ERR_FY);
    else if (from && to && from > to) f->e_to = tr(r, M_PE_PERIOD_ORDER);
    bool ok = !(f->e_title || f->e_code || f->e_kind || f->e_cadence || f->e_motto || f->e_summary || f->e_from ||
                f->e_to);
    for (int i = 0; i < N_LISTS; i++) {
        struct titled_text *v;
        ok = read_titled(r, i, &f->lists[i], &v) && ok;
        patch_list(p, i, v, f->lists[i].n);
    }
    struct goal *goals;
    ok = read_goals(r, &f->goals, &goals) && ok;
    p->set_goals = true;
    p->goals = goals;
    p->n_goals = f->goals.n;
    p->title = f->title;
    p->code = f->code;                       /* "" clears */
    p->kind = f->kind;
    p->set_period = true;
    p->from_fy = from;
    p->to_fy = to;
    p->review_cadence = f->cadence;          /* "" clears */
    p->motto = f->motto;
    p->summary = f->summary;
    p->set_abolished = true;
    p->abolished = f->abolished;
    return ok;
}

/* POST /plans/{id}/edit */
void page_plan_update(struct req *r) {
    struct edit_ctx c;
    if (!load(r, &c))
        return;
    struct plan_form f;
    fill(r, &c.plan, &f);
    if (req_parse_form(r) < 0) {
        f.summary_msg = tr(r, M_ERR_BAD_FORM);
        render(r, &c, &f);
        r->status = 400;
        return;
    }
    struct plan_patch p = {0};
    if (!read_fields(r, &f, &p)) {
        f.summary_msg = "";
        render(r, &c, &f);
        r->status = 422;
        return;
    }
    struct edit_fail fail = {0};
    int rc = store_plan_update(r->db, c.plan.id, &p, req_actor(r), &fail);
    if (rc == KW_ECONFLICT && strcmp(fail.field, "code") == 0) {
        f.e_code = tr(r, M_FORM_CODE_TAKEN);
        f.summary_msg = "";
    } else if (rc == KW_EINVAL || rc == KW_ECONFLICT) {
        f.summary_msg = tr(r, M_FORM_NOT_SAVED);
    } else if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    if (rc < 0) {
        render(r, &c, &f);
        r->status = rc == KW_ECONFLICT ? 409 : 422;
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "/plans/%lld", (long long)c.plan.id));
}
