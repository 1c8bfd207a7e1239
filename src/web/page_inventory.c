/* A department's workload inventory (業務棚卸し, issue 14 point 1): /departments/{id}/inventory?fy=
 * shows the department's businesses of a survey FY with their numbered steps — minutes, staff,
 * channel, what each involves — and the hours of each business (volume × minutes ÷ 60, by staff
 * type: core/workload.c), with a survey-year selector (a GET form). For its reporters, the office
 * and admins each business has an edit form (its code, name, volume, note and its steps as rows
 * with spare empty ones; a step goes by ticking Remove), a remove button, and there is a form
 * that adds a business. Every form works without JavaScript.
 *
 * An edit is the department's whole inventory of that FY applied again (store_survey_apply, as a
 * survey CSV is): the stored part with one business added, changed or removed, so the ids of
 * what stays — and the means applied to its steps — stay. A step with a means applied is never
 * deleted: the page says which means and changes nothing (409). Bad input: the page again with
 * the form's fields marked (422), nothing changed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "core/fiscal.h"
#include "core/number.h"
#include "http/authz.h"
#include "http/session.h"
#include "store/store_survey.h"
#include "store/store_workload.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "web/workload_words.h"
#include "xfer/survey_csv.h"

/* The step rows' columns: the form's fields "<prefix>-steps-<field>-N". */
enum { COL_NUMBER, COL_NAME, COL_MINUTES, COL_STAFF, COL_CHANNEL, COL_FLAG0, COL_REMOVE = COL_FLAG0 + FLAG_COUNT,
       N_COLS };

static const enum msg staff_msgs[STAFF_COUNT] = {M_WL_STAFF_REGULAR, M_WL_STAFF_FISCAL, M_WL_STAFF_OUTSOURCED};

/* What the page shows: the department, its organisation, the FY and its stored businesses. */
struct inv_view {
    int64_t dept_id, org_id;
    struct department_contact dept;
    struct org org;
    int fy;
    struct survey_part part;
    bool can_edit;
};

/* A business form sent back with its errors (or a refusal for the whole page). */
struct inv_form {
    bool active;
    int64_t business_id;                /* 0: the form that adds one */
    const char *code, *name, *volume, *note;
    const char *e_code, *e_name, *e_volume, *e_note;
    const char **cells;                 /* the step rows as typed, N_COLS each */
    size_t n_rows;
    int bad_row, bad_col;
    const char *e_rows;
    const char *refusal;                /* what the store refused (the steps with means), for the summary */
};

/* ---- texts */

/* A number as it goes back into an input: 12000, 2.5. */
static const char *plain_number(struct req *r, double v) {
    return v == floor(v) && fabs(v) < 1e15 ? arena_printf(&r->arena, "%.0f", v) : arena_printf(&r->arena, "%.15g", v);
}


static const char *prefix_of(struct req *r, int64_t business_id) {
    return business_id ? arena_printf(&r->arena, "b%lld", (long long)business_id) : "new";
}

static const char *field_id(struct req *r, const char *prefix, const char *name) {
    return arena_printf(&r->arena, "%s-%s", prefix, name);
}

/* ---- the view */

/* Reads the department and ?fy= (or the default FY) and loads the stored part; false after
 * replying. */
static bool view_load(struct req *r, int fy_asked, struct inv_view *v) {
    memset(v, 0, sizeof *v);
    if (!req_param_id(r, 0, &v->dept_id))
        return false;
    int fy = fy_asked;
    if (!fy && !page_query_fy(r, req_query(r, "fy"), &fy))
        return false;
    int rc = fy ? 0 : store_survey_default_fy(r->db, v->dept_id, &fy);
    if (rc == 0)
        rc = store_department_contact(r->db, &r->arena, v->dept_id, &v->dept);
    if (rc == 0)
        rc = store_org_by_id(r->db, &r->arena, v->dept.org_id, &v->org);
    if (rc == 0)
        rc = store_survey_part_load(r->db, &r->arena, v->dept_id, fy, &v->part, &v->org_id);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return false;
    }
    v->fy = fy;
    v->can_edit = authz_allows(r, PERM_REPORTER);
    r->cacheable = false;
    return true;
}

/* The survey-year selector: the organisation's survey years, this FY and the current one. */
static void year_form(struct req *r, const struct inv_view *v) {
    int *years;
    size_t n;
    if (store_workload_years(r->db, &r->arena, v->org_id, &years, &n) < 0)
        n = 0;
    int extra[2] = {v->fy, fy_of_date(date_today())};
    int *all = arena_alloc(&r->arena, (n + 2) * sizeof *all);
    size_t m = 0;
    for (size_t i = 0; i < n + 2; i++) {
        int y = i < n ? years[i] : extra[i - n];
        size_t j = 0;
        while (j < m && all[j] != y)
            j++;
        if (j == m)
            all[m++] = y;
    }
    for (size_t i = 1; i < m; i++)           /* ascending */
        for (size_t j = i; j > 0 && all[j - 1] > all[j]; j--) {
            int t = all[j];
            all[j] = all[j - 1];
            all[j - 1] = t;
        }
    html_printf(&r->out, "<form method=\"get\" action=\"/departments/%D/inventory\" class=\"form inline-form\">\n"
                         "<div class=\"field\"><label for=\"fy\">%s</label>\n<select id=\"fy\" name=\"fy\">\n",
                v->dept_id, tr(r, M_WL_SURVEY_FY));
    for (size_t i = 0; i < m; i++)
        html_printf(&r->out, "<option value=\"%d\"%r>%s</option>\n", all[i], all[i] == v->fy ? " selected" : "",
                    tr_fy_text(r, all[i]));
    html_printf(&r->out, "</select></div>\n%r<p><button type=\"submit\">%s</button></p>\n</form>\n",
                strcmp(r->lang, "en") == 0 ? "<input type=\"hidden\" name=\"lang\" value=\"en\">" : "", tr(r, M_WL_SHOW));
}

/* Hours by staff type in words: "正規職員 1,400、会計年度任用職員 600". */
static const char *staff_hours_text(struct req *r, const double by_staff[STAFF_COUNT]) {
    const char *sep = tr(r, M_P_COMMA);
    char *s = "";
    for (int i = 0; i < STAFF_COUNT; i++)
        if (by_staff[i] > 0)
            s = arena_printf(&r->arena, "%s%s%s %s", s, *s ? sep : "", tr(r, staff_msgs[i]), workload_figure(r, by_staff[i]));
    return s;
}

static void department_totals(struct req *r, const struct inv_view *v) {
    double total = 0, by_staff[STAFF_COUNT] = {0};
    for (size_t i = 0; i < v->part.n; i++) {
        total += workload_business_hours(&v->part.businesses[i], by_staff);     /* adds to by_staff */
    }
    html_printf(&r->out, "<dl class=\"facts\">\n<div><dt>%s%s</dt><dd><span id=\"dept-hours\">%s</span> %s</dd></div>\n",
                tr(r, M_INV_DEPT_HOURS), tr_paren(r, tr_fy_text(r, v->fy)), workload_figure(r, total), tr(r, M_WL_HOURS_YEAR));
    for (int k = 0; k < STAFF_COUNT; k++)
        html_printf(&r->out, "<div><dt>%s</dt><dd>%s</dd></div>\n", tr(r, staff_msgs[k]), workload_figure(r, by_staff[k]));
    html_printf(&r->out, "</dl>\n");
}

/* The steps of a business as a table. */
static void steps_table(struct req *r, const struct business *b) {
    const char *caption = arena_printf(&r->arena, "%s %s", b->code, b->name);
    html_table_scroll(r, caption);
    html_printf(&r->out, "<table class=\"grid inv-steps\" id=\"b%D-table\"><thead><tr><th scope=\"col\" class=\"num\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>\n",
                b->id, tr(r, M_INV_STEP_NUMBER), tr(r, M_INV_STEP_NAME), tr(r, M_INV_MINUTES), tr(r, M_WL_STAFF),
                tr(r, M_INV_CHANNEL), tr(r, M_INV_FLAGS), tr(r, M_INV_STEP_HOURS));
    for (size_t j = 0; j < b->n_steps; j++) {
        const struct step *s = &b->steps[j];
        html_printf(&r->out, "<tr><td class=\"num\">%d</td><th scope=\"row\">%s</th><td class=\"num\">%s</td><td>%s</td>"
                             "<td>%s</td><td>%s</td><td class=\"num\">%s</td></tr>\n",
                    s->number, s->name, workload_figure(r, s->minutes), tr(r, staff_msgs[s->staff]), tr(r, channel_msgs[s->channel]),
                    workload_words(r, s->flags, flag_msgs, FLAG_COUNT), workload_figure(r, workload_step_hours(b, s)));
    }
    html_printf(&r->out, "</tbody></table></div>\n");
}

/* ---- the business form */

static const struct form_column *step_columns(struct req *r) {
    struct form_option *staff = arena_alloc(&r->arena, (STAFF_COUNT + 1) * sizeof *staff);
    struct form_option *channel = arena_alloc(&r->arena, (CHANNEL_COUNT + 1) * sizeof *channel);
    staff[0] = channel[0] = (struct form_option){"", tr(r, M_MX_CHOOSE)};
    for (int i = 0; i < STAFF_COUNT; i++)
        staff[i + 1] = (struct form_option){staff_type_names[i], tr(r, staff_msgs[i])};
    for (int i = 0; i < CHANNEL_COUNT; i++)
        channel[i + 1] = (struct form_option){channel_names[i], tr(r, channel_msgs[i])};
    struct form_column *c = arena_alloc(&r->arena, N_COLS * sizeof *c);
    c[COL_NUMBER] = (struct form_column){"number", tr(r, M_INV_STEP_NUMBER), FORM_CELL_TEXT, NULL, 0, 3};
    c[COL_NAME] = (struct form_column){"name", tr(r, M_INV_STEP_NAME), FORM_CELL_TEXT, NULL, 0, 18};
    c[COL_MINUTES] = (struct form_column){"minutes", tr(r, M_INV_MINUTES), FORM_CELL_TEXT, NULL, 0, 4};
    c[COL_STAFF] = (struct form_column){"staff", tr(r, M_WL_STAFF), FORM_CELL_SELECT, staff, STAFF_COUNT + 1, 0};
    c[COL_CHANNEL] = (struct form_column){"channel", tr(r, M_INV_CHANNEL), FORM_CELL_SELECT, channel, CHANNEL_COUNT + 1, 0};
    for (int f = 0; f < FLAG_COUNT; f++)
        c[COL_FLAG0 + f] = (struct form_column){flag_names[f], tr(r, flag_msgs[f]), FORM_CELL_CHECKBOX, NULL, 0, 0};
    c[COL_REMOVE] = (struct form_column){"remove", tr(r, M_INV_REMOVE_STEP), FORM_CELL_CHECKBOX, NULL, 0, 0};
    return c;
}

/* The stored steps of b as the rows' cells. */
static const char **step_cells(struct req *r, const struct business *b) {
    const char **cells = arena_alloc(&r->arena, (b->n_steps * N_COLS + 1) * sizeof *cells);
    for (size_t j = 0; j < b->n_steps; j++) {
        const struct step *s = &b->steps[j];
        const char **row = cells + j * N_COLS;
        row[COL_NUMBER] = arena_printf(&r->arena, "%d", s->number);
        row[COL_NAME] = s->name;
        row[COL_MINUTES] = plain_number(r, s->minutes);
        row[COL_STAFF] = staff_type_names[s->staff];
        row[COL_CHANNEL] = channel_names[s->channel];
        for (int f = 0; f < FLAG_COUNT; f++)
            row[COL_FLAG0 + f] = s->flags & (1u << f) ? "1" : "";
        row[COL_REMOVE] = "";
    }
    return cells;
}

/* The form of business b (NULL: the form that adds one); e: what was sent, when it is this form. */
static void business_form(struct req *r, const struct inv_view *v, const struct business *b, const struct inv_form *e) {
    int64_t bid = b ? b->id : 0;
    const char *p = prefix_of(r, bid);
    bool mine = e && e->active && e->business_id == bid;
    html_printf(&r->out, "<form method=\"post\" action=\"/departments/%D/inventory\" class=\"form\" novalidate>\n", v->dept_id);
    html_csrf_field(r);
    html_printf(&r->out, "<input type=\"hidden\" name=\"fy\" value=\"%d\">\n", v->fy);
    if (bid)
        html_printf(&r->out, "<input type=\"hidden\" name=\"business\" value=\"%D\">\n", bid);
    form_text(r, field_id(r, p, "code"), tr(r, M_INV_CODE), mine ? e->code : b ? b->code : "", mine ? e->e_code : NULL,
              tr(r, M_INV_CODE_HINT));
    form_text(r, field_id(r, p, "name"), tr(r, M_INV_NAME), mine ? e->name : b ? b->name : "", mine ? e->e_name : NULL, NULL);
    form_text(r, field_id(r, p, "volume"), tr(r, M_INV_VOLUME), mine ? e->volume : b ? plain_number(r, b->volume) : "",
              mine ? e->e_volume : NULL, NULL);
    form_textarea(r, field_id(r, p, "note"), tr(r, M_INV_NOTE), mine ? e->note : b && b->note ? b->note : "",
                  mine ? e->e_note : NULL, NULL, 2);
    const char **cells = mine ? e->cells : b ? step_cells(r, b) : NULL;
    size_t n = mine ? e->n_rows : b ? b->n_steps : 0;
    const char *legend = b ? arena_printf(&r->arena, tr(r, M_INV_STEPS_OF), b->name) : tr(r, M_INV_STEPS);
    form_rows(r, field_id(r, p, "steps"), legend, tr(r, M_INV_EDIT_INTRO), step_columns(r), N_COLS, cells, n,
              mine ? e->bad_row : -1, mine ? e->bad_col : -1, mine ? e->e_rows : NULL);
    html_printf(&r->out, "<p><button type=\"submit\">%s</button></p>\n</form>\n", tr(r, b ? M_INV_SAVE : M_INV_ADD));
}

static void remove_form(struct req *r, const struct inv_view *v, const struct business *b) {
    html_printf(&r->out, "<form method=\"post\" action=\"/departments/%D/inventory/remove\" class=\"form\">\n", v->dept_id);
    html_csrf_field(r);
    html_printf(&r->out, "<input type=\"hidden\" name=\"fy\" value=\"%d\"><input type=\"hidden\" name=\"business\" value=\"%D\">\n"
                         "<p><button type=\"submit\" class=\"secondary\" aria-describedby=\"b%D-h\">%s</button></p>\n</form>\n",
                v->fy, b->id, b->id, tr(r, M_INV_REMOVE));
}

static void business_section(struct req *r, const struct inv_view *v, const struct business *b, const struct inv_form *e) {
    double by_staff[STAFF_COUNT] = {0};
    double hours = workload_business_hours(b, by_staff);
    html_printf(&r->out, "<section class=\"inv-business\" id=\"b%D\" aria-labelledby=\"b%D-h\">\n"
                         "<h2 id=\"b%D-h\">%s %s</h2>\n<p class=\"inv-figures\">%s%s<strong><span id=\"b%D-hours\">%s</span> "
                         "%s</strong>%s</p>\n",
                b->id, b->id, b->id, b->code, b->name, arena_printf(&r->arena, tr(r, M_INV_VOLUME_N), workload_figure(r, b->volume)), tr(r, M_P_LIST),
                b->id, workload_figure(r, hours), tr(r, M_WL_HOURS_YEAR), hours > 0 ? tr_paren(r, staff_hours_text(r, by_staff)) : "");
    steps_table(r, b);
    if (b->note && *b->note) {
        html_printf(&r->out, "<p class=\"small\">%s%s", tr(r, M_INV_NOTE), tr(r, M_P_COLON));
        html_text_lines(&r->out, b->note);
        html_printf(&r->out, "</p>\n");
    }
    if (v->can_edit) {
        bool open = e && e->active && e->business_id == b->id;
        html_printf(&r->out, "<details class=\"inv-edit\" id=\"b%D-edit\"%r><summary>%s</summary>\n", b->id,
                    open ? " open" : "", arena_printf(&r->arena, tr(r, M_INV_EDIT_OF), b->name));
        business_form(r, v, b, e);
        remove_form(r, v, b);
        html_printf(&r->out, "</details>\n");
    }
    html_printf(&r->out, "</section>\n");
}

/* A notice after a save or a removal (the redirect's ?saved=1, ?removed=1). */
static void done_notice(struct req *r) {
    enum msg m = req_query(r, "saved") ? M_INV_SAVED : req_query(r, "removed") ? M_INV_REMOVED : M_INV_SHORT;
    if (m != M_INV_SHORT)
        html_printf(&r->out, "<div class=\"notice\" role=\"status\" id=\"inventory-result\"><p>%s</p></div>\n", tr(r, m));
}

/* The page; e: a form sent back with its errors, or NULL. */
static void render(struct req *r, const struct inv_view *v, const struct inv_form *e) {
    const char *title = arena_printf(&r->arena, tr(r, M_INV_TITLE), v->dept.name);
    const char *org_href = arena_printf(&r->arena, "/orgs/%s", v->org.code);
    const char *wl_href = arena_printf(&r->arena, "/orgs/%s/workload?fy=%d", v->org.code, v->fy);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {v->org.name, org_href}, {tr(r, M_WL_SHORT), wl_href}, {title, NULL}};
    page_begin(r, title, crumbs, 4, "inventory");
    html_printf(&r->out, "<h1>%s</h1>\n", title);
    if (e && e->active)
        form_error_summary(r, e->refusal);
    else if (e && e->refusal)
        html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"error-summary\"><p>%s</p><p>%s</p></div>\n",
                    tr(r, M_INV_NOT_SAVED), e->refusal);
    done_notice(r);
    html_printf(&r->out, "<p>%s</p>\n", tr(r, M_INV_INTRO));
    year_form(r, v);
    department_totals(r, v);
    if (!v->part.n)
        html_printf(&r->out, "<p id=\"no-business\">%s</p>\n", tr(r, M_INV_NONE));
    for (size_t i = 0; i < v->part.n; i++)
        business_section(r, v, &v->part.businesses[i], e);
    if (v->can_edit) {
        html_printf(&r->out, "<section class=\"inv-business\" id=\"new\" aria-labelledby=\"new-h\"><h2 id=\"new-h\">%s</h2>\n",
                    tr(r, M_INV_ADD_TITLE));
        business_form(r, v, NULL, e);
        html_printf(&r->out, "</section>\n");
    }
    html_printf(&r->out, "<ul class=\"links\">\n<li><a href=\"%s\">%s</a></li>\n", wl_href, tr(r, M_WL_TITLE));
    if (v->can_edit)
        html_printf(&r->out, "<li><a href=\"/orgs/%s/workload/import\">%s</a></li>\n", v->org.code, tr(r, M_WL_UPLOAD));
    html_printf(&r->out, "<li><a href=\"/orgs/%s/workload/survey.csv\">%s</a></li>\n"
                         "<li><a href=\"/api/v1/departments/%D/inventory?fy=%d\">%s</a></li>\n</ul>\n",
                v->org.code, tr(r, M_WL_TEMPLATE), v->dept_id, v->fy, tr(r, M_VIEW_API));
    page_end(r);
}

/* GET /departments/{id}/inventory */
void page_inventory(struct req *r) {
    struct inv_view v;
    if (!view_load(r, 0, &v))
        return;
    render(r, &v, NULL);
}

/* ---- saving */

/* The form's FY (a hidden field); false after replying 400. */
static bool posted_fy(struct req *r, int *ret) {
    if (fy_parse(form_trimmed(r, "fy"), ret) == 0)
        return true;
    resp_error(r, 400, "bad_request", "fy " FY_INVALID, "fy");
    return false;
}

/* The business of the form (its hidden id) among the stored ones: *ret its index, -1 for the
 * form that adds one; false after replying 404 for an id that is not the part's. */
static bool posted_business(struct req *r, const struct inv_view *v, int *ret) {
    const char *s = form_trimmed(r, "business");
    *ret = -1;
    if (!*s)
        return true;
    char *end;
    long long id = strtoll(s, &end, 10);
    for (size_t i = 0; *end == '\0' && i < v->part.n; i++)
        if (v->part.businesses[i].id == id) {
            *ret = (int)i;
            return true;
        }
    resp_error(r, 404, "not_found", "no such business in this department's inventory of this year", "business");
    return false;
}

/* An amount of 0 or more as people type it; the error or NULL. */
static const char *amount_error(struct req *r, const char *s, double *ret) {
    bool too_big = false;
    if (!*s)
        return tr(r, M_ERR_REQUIRED);
    if (number_parse(s, ret, &too_big) < 0)
        return tr(r, too_big ? M_ERR_NUMBER_RANGE : M_INV_ERR_AMOUNT);
    return *ret < 0 ? tr(r, M_INV_ERR_AMOUNT) : NULL;
}

static int name_index(const char *const *names, const char *s) {
    for (int i = 0; names[i]; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

/* Marks row i, column c of the step rows bad with err (the first problem is kept). */
static void row_error(struct inv_form *e, size_t i, int c, const char *err) {
    if (e->e_rows)
        return;
    e->bad_row = (int)i;
    e->bad_col = c;
    e->e_rows = err;
}

/* One step row into s; false after marking the row. */
static bool step_read(struct req *r, const char *const *row, size_t i, struct inv_form *e, struct step *s) {
    char *end;
    long n = strtol(row[COL_NUMBER], &end, 10);
    const char *err;
    *s = (struct step){.number = (int)n, .name = (char *)row[COL_NAME]};
    if (!*row[COL_NUMBER] || *end || n < 1 || n > SURVEY_MAX_STEP)
        row_error(e, i, COL_NUMBER, *row[COL_NUMBER] ? tr(r, M_INV_ERR_STEP_NUMBER) : tr(r, M_ERR_REQUIRED));
    else if ((err = form_check(r, row[COL_NAME], &field_label, true)))
        row_error(e, i, COL_NAME, err);
    else if ((err = amount_error(r, row[COL_MINUTES], &s->minutes)))
        row_error(e, i, COL_MINUTES, err);
    else if (name_index(staff_type_names, row[COL_STAFF]) < 0)
        row_error(e, i, COL_STAFF, tr(r, M_ERR_CHOICE));
    else if (name_index(channel_names, row[COL_CHANNEL]) < 0)
        row_error(e, i, COL_CHANNEL, tr(r, M_ERR_CHOICE));
    else {
        s->staff = (enum staff_type)name_index(staff_type_names, row[COL_STAFF]);
        s->channel = (enum channel)name_index(channel_names, row[COL_CHANNEL]);
        for (int f = 0; f < FLAG_COUNT; f++)
            if (*row[COL_FLAG0 + f])
                s->flags |= 1u << f;
        return true;
    }
    return false;
}

static int by_number(const void *x, const void *y) {
    const struct step *a = x, *b = y;
    return (a->number > b->number) - (a->number < b->number);
}

/* Reads the form of business index bi (-1: a new one) into *ret; false with e's errors set. */
static bool business_read(struct req *r, const struct inv_view *v, int bi, struct inv_form *e, struct business *ret) {
    const char *p = prefix_of(r, bi >= 0 ? v->part.businesses[bi].id : 0);
    *e = (struct inv_form){.active = true, .business_id = bi >= 0 ? v->part.businesses[bi].id : 0, .bad_row = -1,
                           .bad_col = -1};
    e->code = form_trimmed(r, field_id(r, p, "code"));
    e->name = form_trimmed(r, field_id(r, p, "name"));
    e->volume = form_trimmed(r, field_id(r, p, "volume"));
    e->note = form_get(r, field_id(r, p, "note"));
    *ret = (struct business){.id = e->business_id, .department_id = v->dept_id, .survey_fy = v->fy,
                             .code = (char *)e->code, .name = (char *)e->name};
    e->e_code = form_check(r, e->code, FIELD_BUSINESS_CODE, true);
    for (size_t i = 0; !e->e_code && i < v->part.n; i++)
        if ((int)i != bi && strcmp(v->part.businesses[i].code, e->code) == 0)
            e->e_code = tr(r, M_INV_ERR_CODE_TAKEN);
    e->e_name = form_check(r, e->name, &field_label, true);
    e->e_volume = amount_error(r, e->volume, &ret->volume);
    e->e_note = form_check(r, e->note, &field_text, false);
    if (!e->e_note && *form_trimmed(r, field_id(r, p, "note")))
        ret->note = (char *)form_trimmed(r, field_id(r, p, "note"));

    /* the step rows: blank rows are left out, and so are the rows ticked Remove */
    const char **rows;
    size_t n;
    form_rows_read(r, field_id(r, p, "steps"), step_columns(r), N_COLS, &rows, &n);
    e->cells = arena_alloc(&r->arena, (n * N_COLS + 1) * sizeof *e->cells);
    ret->steps = arena_alloc(&r->arena, (n ? n : 1) * sizeof *ret->steps);
    for (size_t i = 0; i < n; i++) {
        const char **row = rows + i * N_COLS;
        if (*row[COL_REMOVE])
            continue;
        memcpy(e->cells + e->n_rows * N_COLS, row, N_COLS * sizeof *row);
        struct step *s = &ret->steps[ret->n_steps];
        if (!step_read(r, row, e->n_rows, e, s)) {
            e->n_rows++;
            continue;
        }
        for (size_t k = 0; k < ret->n_steps; k++)
            if (ret->steps[k].number == s->number)
                row_error(e, e->n_rows, COL_NUMBER, tr(r, M_INV_ERR_STEP_TWICE));
        e->n_rows++;
        ret->n_steps++;
    }
    if (e->n_rows == 0)
        row_error(e, 0, -1, tr(r, M_INV_ERR_NO_STEP));
    qsort(ret->steps, ret->n_steps, sizeof *ret->steps, by_number);
    return !e->e_code && !e->e_name && !e->e_volume && !e->e_note && !e->e_rows;
}

/* The steps the store refused to delete, as sentences of the page's language. */
static const char *conflicts_text(struct req *r, const struct survey_result *res) {
    bool ja = strcmp(r->lang, "en") != 0;
    char *s = "";
    for (size_t i = 0; i < res->n_conflicts; i++)
        s = arena_printf(&r->arena, "%s%s%s", s, i ? " " : "", survey_conflict_text(&r->arena, &res->conflicts[i], ja));
    return s;
}

/* Applies the part with business bi replaced by b (bi -1: b added; b NULL: bi removed). On
 * success redirects to the page; on a refusal shows it again (409, or 422 with e's form). */
static void apply(struct req *r, struct inv_view *v, int bi, const struct business *b, struct inv_form *e) {
    struct survey_part p = v->part;
    p.action = "edit";
    p.businesses = arena_alloc(&r->arena, (v->part.n + 1) * sizeof *p.businesses);
    p.n = 0;
    for (size_t i = 0; i < v->part.n; i++) {
        if ((int)i == bi && !b)
            continue;
        p.businesses[p.n++] = (int)i == bi ? *b : v->part.businesses[i];
    }
    if (bi < 0)
        p.businesses[p.n++] = *b;
    struct survey_result res;
    int rc = store_survey_apply(r->db, &r->arena, v->org_id, &p, 1, req_actor(r), &res);
    if (rc == KW_ECONFLICT || rc == KW_EINVAL) {
        e->refusal = rc == KW_ECONFLICT ? conflicts_text(r, &res) : tr(r, M_FORM_NOT_SAVED);
        buf_reset(&r->out);
        render(r, v, e);
        r->status = rc == KW_ECONFLICT ? 409 : 422;
        return;
    }
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    const char *anchor = "";
    struct survey_part after;
    int64_t org_id;
    if (b && store_survey_part_load(r->db, &r->arena, v->dept_id, v->fy, &after, &org_id) == 0)
        for (size_t i = 0; i < after.n; i++)
            if (strcmp(after.businesses[i].code, b->code) == 0)
                anchor = arena_printf(&r->arena, "#b%lld", (long long)after.businesses[i].id);
    resp_redirect(r, arena_printf(&r->arena, "/departments/%lld/inventory?fy=%d&%s=1%s", (long long)v->dept_id, v->fy,
                                  b ? "saved" : "removed", anchor));
}

/* POST /departments/{id}/inventory */
void page_inventory_save(struct req *r) {
    int fy, bi;
    struct inv_view v;
    if (req_parse_form(r) < 0 || !posted_fy(r, &fy) || !view_load(r, fy, &v) || !posted_business(r, &v, &bi))
        return;
    struct inv_form e;
    struct business b;
    if (!business_read(r, &v, bi, &e, &b)) {
        render(r, &v, &e);
        r->status = 422;
        return;
    }
    apply(r, &v, bi, &b, &e);
}

/* POST /departments/{id}/inventory/remove */
void page_inventory_remove(struct req *r) {
    int fy, bi;
    struct inv_view v;
    if (req_parse_form(r) < 0 || !posted_fy(r, &fy) || !view_load(r, fy, &v) || !posted_business(r, &v, &bi))
        return;
    if (bi < 0) {
        resp_error(r, 400, "bad_request", "name the business to remove", "business");
        return;
    }
    struct inv_form e = {.bad_row = -1, .bad_col = -1};
    apply(r, &v, bi, NULL, &e);
}
