/* The STEP3 matrix page (issue 14 point 3; the seed's figure of 江津市): the businesses of a survey
 * FY as column groups of their numbered steps (業務A: ①②③ …, each step with its hours), the
 * means applied as rows (each with the hours it saves), and in a cell the applied means' expected
 * reduction and status in words. Members read it, narrowed by department, means and measure
 * (a GET form). The office applies a means to a step with the form below the table, and changes
 * or removes each application with the forms of the list under it — plain forms with the CSRF
 * field, answered 303 back to the matrix, or 422 with the page again and the field marked. The
 * writes are store_matrix.c's, the same as the API's (src/api/api_matrix.c). Wide tables scroll
 * inside their region at 375 px; the print stylesheet drops the forms (.no-print). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "core/fiscal.h"
#include "core/number.h"
#include "http/authz.h"
#include "http/session.h"
#include "store/store_matrix.h"
#include "store/store_scope.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "web/workload_words.h"

/* The view: the organisation, the survey FY and the filters, as the query gives them. */
struct mx_view {
    struct org org;
    int fy, *years;
    size_t n_years;
    struct matrix_filter f;
    const char *dept;                   /* the department's code, or NULL */
};

/* A form that failed: which one (app_id 0: the apply form), the values typed and the errors. */
struct mx_form {
    int64_t app_id;
    const char *step, *means, *measure, *reduction, *planned_fy, *status;
    const char *e_step, *e_means, *e_measure, *e_reduction, *e_fy, *e_status;
};

static const enum msg status_words[] = {M_MX_PLANNED, M_MX_IN_PROGRESS, M_MX_DONE};   /* by enum application_status */

/* A step's number as the seed's figure writes it: ① … ⑳, then (21). */
static const char *step_mark(struct req *r, int n) {
    if (n >= 1 && n <= 20) {
        unsigned c = 0x2460u + (unsigned)(n - 1);
        return arena_printf(&r->arena, "%c%c%c", 0xE0 | (c >> 12), 0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F));
    }
    return arena_printf(&r->arena, "(%d)", n);
}

static const char *id_text(struct req *r, int64_t id) {
    return id ? arena_printf(&r->arena, "%lld", (long long)id) : "";
}

/* The view's query, for links and redirects: "?fy=…&dept=…". */
static const char *view_query(struct req *r, const struct mx_view *v) {
    struct buf b = BUF_INIT;
    html_printf(&b, "?fy=%d", v->fy);
    if (v->dept) html_printf(&b, "&dept=%u", v->dept);
    if (v->f.means_id) html_printf(&b, "&means=%D", v->f.means_id);
    if (v->f.measure_id) html_printf(&b, "&measure=%D", v->f.measure_id);
    const char *s = arena_strdup(&r->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* Reads the view from the query (a page) or from the form's view-* fields (a write), for the
 * organisation org_id. False after an error page (400 for a filter that names nothing of it). */
static bool view_read(struct req *r, int64_t org_id, bool from_form, struct mx_view *v) {
    memset(v, 0, sizeof *v);
    int rc = store_org_by_id(r->db, &r->arena, org_id, &v->org);
    if (rc == 0)
        rc = store_matrix_default_fy(r->db, &r->arena, org_id, &v->fy, &v->years, &v->n_years);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return false;
    }
    const char *fy = from_form ? req_form(r, "view-fy") : req_query(r, "fy");
    const char *dept = from_form ? req_form(r, "view-dept") : req_query(r, "dept");
    const char *means = from_form ? req_form(r, "view-means") : req_query(r, "means");
    const char *measure = from_form ? req_form(r, "view-measure") : req_query(r, "measure");
    if (!page_query_fy(r, fy, &v->fy))
        return false;
    v->f.means_id = form_id(means);
    v->f.measure_id = form_id(measure);
    v->dept = dept && *dept ? dept : NULL;
    return true;
}

/* The filters' ids checked against the loaded matrix, and the department's code resolved
 * (loading again narrowed to it). False after a 400 page. */
static bool view_resolve(struct req *r, struct mx_view *v, struct matrix *m) {
    int rc = store_matrix_load(r->db, &r->arena, v->org.id, v->fy, &v->f, m);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return false;
    }
    bool ok = true;
    if (v->dept) {
        ok = false;
        for (size_t i = 0; i < m->n_departments; i++)
            if (strcmp(m->departments[i].code, v->dept) == 0) {
                v->f.department_id = m->departments[i].id;
                ok = true;
            }
    }
    bool means_ok = !v->f.means_id, measure_ok = !v->f.measure_id;
    for (size_t i = 0; i < m->n_means; i++)
        means_ok = means_ok || m->means[i].id == v->f.means_id;
    for (size_t i = 0; i < m->n_measures; i++)
        measure_ok = measure_ok || m->measures[i].id == v->f.measure_id;
    if (!ok || !means_ok || !measure_ok) {
        resp_error(r, 400, "bad_request", tr(r, M_MX_ERR_MEASURE), !ok ? "dept" : !means_ok ? "means" : "measure");
        return false;
    }
    if (v->f.department_id && (rc = store_matrix_load(r->db, &r->arena, v->org.id, v->fy, &v->f, m)) < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return false;
    }
    return true;
}

static const struct department *department_of(const struct matrix *m, int64_t id) {
    for (size_t i = 0; i < m->n_departments; i++)
        if (m->departments[i].id == id)
            return &m->departments[i];
    return NULL;
}

static const struct means *means_of(const struct matrix *m, int64_t id) {
    for (size_t i = 0; i < m->n_means; i++)
        if (m->means[i].id == id)
            return &m->means[i];
    return NULL;
}

/* The step of id among the shown businesses, and its business. */
static const struct step *step_of(const struct matrix *m, int64_t id, const struct business **ret_b) {
    for (size_t i = 0; i < m->w.n; i++)
        for (size_t j = 0; j < m->w.businesses[i].n_steps; j++)
            if (m->w.businesses[i].steps[j].id == id) {
                *ret_b = &m->w.businesses[i];
                return &m->w.businesses[i].steps[j];
            }
    return NULL;
}

static const struct means_application *app_at(const struct matrix *m, int64_t step_id, int64_t means_id) {
    for (size_t i = 0; i < m->w.n_apps; i++)
        if (m->w.apps[i].step_id == step_id && m->w.apps[i].means_id == means_id)
            return &m->w.apps[i];
    return NULL;
}

/* "業務名 ① 手順名": how a step is named in choices and headings. */
static const char *step_label(struct req *r, const struct business *b, const struct step *s) {
    return arena_printf(&r->arena, "%s %s %s", b->name, step_mark(r, s->number), s->name);
}

/* ---- the parts of the page */

static void filters(struct req *r, const struct mx_view *v, const struct matrix *m) {
    html_printf(&r->out, "<form method=\"get\" action=\"/orgs/%u/workload/matrix\" class=\"no-print\" id=\"matrix-filter\">\n"
                         "<div role=\"group\" aria-labelledby=\"matrix-filter-title\"><h2 id=\"matrix-filter-title\">%s</h2>\n",
                v->org.code, tr(r, M_MX_FILTER_LEGEND));
    struct form_option *o = arena_alloc(&r->arena, (v->n_years + 1) * sizeof *o);
    for (size_t i = 0; i < v->n_years; i++) {
        char fy[64];
        tr_fy(r, v->years[i], fy, sizeof fy);
        o[i] = (struct form_option){id_text(r, v->years[i]), arena_strdup(&r->arena, fy)};
    }
    if (v->n_years)
        form_select(r, "fy", tr(r, M_MX_FY), o, v->n_years, id_text(r, v->fy), NULL, NULL);
    o = arena_alloc(&r->arena, (m->n_departments + 1) * sizeof *o);
    o[0] = (struct form_option){"", tr(r, M_MX_ALL)};
    for (size_t i = 0; i < m->n_departments; i++)
        o[i + 1] = (struct form_option){m->departments[i].code, m->departments[i].name};
    form_select(r, "dept", tr(r, M_MX_DEPT), o, m->n_departments + 1, v->dept, NULL, NULL);
    o = arena_alloc(&r->arena, (m->n_means + 1) * sizeof *o);
    o[0] = (struct form_option){"", tr(r, M_MX_ALL)};
    for (size_t i = 0; i < m->n_means; i++)
        o[i + 1] = (struct form_option){id_text(r, m->means[i].id), m->means[i].name};
    form_select(r, "means", tr(r, M_MX_MEANS), o, m->n_means + 1, id_text(r, v->f.means_id), NULL, NULL);
    o = arena_alloc(&r->arena, (m->n_measures + 1) * sizeof *o);
    o[0] = (struct form_option){"", tr(r, M_MX_ALL)};
    for (size_t i = 0; i < m->n_measures; i++)
        o[i + 1] = (struct form_option){id_text(r, m->measures[i].id),
                                        arena_printf(&r->arena, "%s %s", m->measures[i].key, m->measures[i].title)};
    form_select(r, "measure", tr(r, M_MX_MEASURE), o, m->n_measures + 1, id_text(r, v->f.measure_id), NULL, NULL);
    html_printf(&r->out, "<button type=\"submit\" class=\"secondary\">%s</button>\n</div>\n</form>\n",
                tr(r, M_MX_FILTER));
}

static void figures(struct req *r, const struct matrix *m) {
    const struct workload_totals *t = &m->totals;
    char pct[64];
    format_number(pct, sizeof pct, workload_reduction_percent(t->baseline, t->projected));
    html_printf(&r->out, "<dl class=\"facts\" id=\"matrix-figures\"><div><dt>%s</dt><dd id=\"matrix-baseline\">%s</dd></div>"
                         "<div><dt>%s</dt><dd id=\"matrix-projected\">%s</dd></div>"
                         "<div><dt>%s</dt><dd>%s%%</dd></div></dl>\n",
                tr(r, M_MX_BASELINE), workload_hours_unit(r, t->baseline), tr(r, M_MX_PROJECTED), workload_hours_unit(r, t->projected),
                tr(r, M_MX_REDUCTION_PCT), pct);
}

/* A means not applied is a row of its own, as the seed's STEP3 figure looks for them, when the
 * view is not narrowed to a means or a measure and the means fits one of the steps shown. */
static bool candidate_row(const struct mx_view *v, const struct matrix *m, const struct means *mn) {
    if (v->f.means_id || v->f.measure_id)
        return false;
    for (size_t i = 0; i < m->w.n; i++)
        for (size_t j = 0; j < m->w.businesses[i].n_steps; j++)
            if (workload_means_fits(mn, &m->w.businesses[i].steps[j]))
                return true;
    return false;
}

static void table(struct req *r, const struct mx_view *v, const struct matrix *m, bool office) {
    html_table_scroll(r, tr(r, M_MX_TABLE));
    html_printf(&r->out, "<table class=\"grid matrix\" id=\"matrix\"><caption>%s</caption>\n<col>", tr(r, M_MX_CAPTION));
    for (size_t i = 0; i < m->w.n; i++)
        html_printf(&r->out, "<colgroup span=\"%d\"></colgroup>", (int)m->w.businesses[i].n_steps);
    html_printf(&r->out, "<col>\n<thead><tr><th scope=\"col\" rowspan=\"2\">%s</th>", tr(r, M_MX_MEANS));
    for (size_t i = 0; i < m->w.n; i++) {
        const struct business *b = &m->w.businesses[i];
        const struct department *d = department_of(m, b->department_id);
        html_printf(&r->out, "<th scope=\"colgroup\" colspan=\"%d\" id=\"business-%D\">%s<br><span class=\"small\">%s%s%s</span></th>",
                    (int)b->n_steps, b->id, b->name, d ? d->name : "", tr(r, M_P_LIST),
                    arena_printf(&r->arena, tr(r, M_MX_PER_YEAR), workload_hours_unit(r, workload_business_hours(b, NULL))));
    }
    html_printf(&r->out, "<th scope=\"col\" rowspan=\"2\">%s</th></tr>\n<tr>", tr(r, M_MX_SAVED));
    for (size_t i = 0; i < m->w.n; i++) {
        const struct business *b = &m->w.businesses[i];
        for (size_t j = 0; j < b->n_steps; j++)
            html_printf(&r->out, "<th scope=\"col\" id=\"step-%D\">%s %s<br><span class=\"small step-hours\">%s</span></th>",
                        b->steps[j].id, step_mark(r, b->steps[j].number), b->steps[j].name,
                        workload_hours_unit(r, workload_step_hours(b, &b->steps[j])));
    }
    html_printf(&r->out, "</tr></thead>\n<tbody>\n");
    for (size_t k = 0; k < m->n_means; k++) {
        if (!m->means_shown[k] && !candidate_row(v, m, &m->means[k]))
            continue;
        const struct means *mn = &m->means[k];
        html_printf(&r->out, "<tr id=\"means-%D\"><th scope=\"row\">%s</th>", mn->id, mn->name);
        for (size_t i = 0; i < m->w.n; i++) {
            const struct business *b = &m->w.businesses[i];
            for (size_t j = 0; j < b->n_steps; j++) {
                const struct means_application *x = app_at(m, b->steps[j].id, mn->id);
                if (!x && !v->f.measure_id && workload_means_fits(mn, &b->steps[j])) {    /* a candidate, as STEP3 looks for them */
                    const char *what = arena_printf(&r->arena, "%s%s%s", mn->name, tr(r, M_P_LIST), step_label(r, b, &b->steps[j]));
                    if (office)
                        html_printf(&r->out, "<td class=\"candidate\"><a href=\"%s&amp;new-step=%D&amp;new-means=%D#apply\" "
                                             "aria-label=\"%s\">%s</a></td>", view_query(r, v), b->steps[j].id, mn->id,
                                    arena_printf(&r->arena, tr(r, M_MX_CANDIDATE_LABEL), what), tr(r, M_MX_CANDIDATE));
                    else
                        html_printf(&r->out, "<td class=\"candidate\">%s</td>", tr(r, M_MX_CANDIDATE));
                    continue;
                }
                if (!x) {
                    html_printf(&r->out, "<td></td>");
                    continue;
                }
                html_printf(&r->out, "<td class=\"applied\" id=\"cell-%D\"><strong>%F%%</strong> "
                                     "<span class=\"badge application-%s\">%s</span>",
                            x->id, x->reduction, application_status_names[x->status], tr(r, status_words[x->status]));
                if (office)
                    html_printf(&r->out, "<br><a class=\"no-print\" href=\"#app-%D\" aria-label=\"%s\">%s</a>", x->id,
                                arena_printf(&r->arena, tr(r, M_MX_CHANGE_LABEL),
                                             arena_printf(&r->arena, "%s%s%s", mn->name, tr(r, M_P_LIST), step_label(r, b, &b->steps[j]))),
                                tr(r, M_MX_CHANGE_LINK));
                html_printf(&r->out, "</td>");
            }
        }
        html_printf(&r->out, "<td class=\"saved\">%s</td></tr>\n", workload_hours_unit(r, m->means_saved[k]));
    }
    html_printf(&r->out, "</tbody></table></div>\n<p class=\"small\" id=\"matrix-candidates\">%s</p>\n",
                tr(r, M_MX_CANDIDATE_NOTE));
}

/* The choices of a measure: none, then the organisation's measures. */
struct form_option *org_measure_options(struct req *r, const struct matrix_measure *v, size_t n) {
    struct form_option *o = arena_alloc(&r->arena, (n + 1) * sizeof *o);
    o[0] = (struct form_option){"", tr(r, M_MX_NO_MEASURE)};
    for (size_t i = 0; i < n; i++)
        o[i + 1] = (struct form_option){id_text(r, v[i].id), arena_printf(&r->arena, "%s %s", v[i].key, v[i].title)};
    return o;
}

static struct form_option *status_options(struct req *r) {
    struct form_option *o = arena_alloc(&r->arena, 3 * sizeof *o);
    for (int i = 0; i < 3; i++)
        o[i] = (struct form_option){application_status_names[i], tr(r, status_words[i])};
    return o;
}

/* The hidden fields that bring a write back to the view. */
static void view_fields(struct req *r, const struct mx_view *v) {
    html_csrf_field(r);
    html_printf(&r->out, "<input type=\"hidden\" name=\"view-fy\" value=\"%d\">", v->fy);
    if (v->dept) html_printf(&r->out, "<input type=\"hidden\" name=\"view-dept\" value=\"%s\">", v->dept);
    if (v->f.means_id) html_printf(&r->out, "<input type=\"hidden\" name=\"view-means\" value=\"%D\">", v->f.means_id);
    if (v->f.measure_id) html_printf(&r->out, "<input type=\"hidden\" name=\"view-measure\" value=\"%D\">", v->f.measure_id);
    html_printf(&r->out, "\n");
}

/* The field's id in the form of application app_id, or (app_id 0) of the apply form: "new-…",
 * apart from the filter form's fields of the same names. */
static const char *fid(struct req *r, int64_t app_id, const char *name) {
    return app_id ? arena_printf(&r->arena, "app-%lld-%s", (long long)app_id, name) : arena_printf(&r->arena, "new-%s", name);
}

/* The fields an application has: reduction, measure, planned FY, status. */
static void app_fields(struct req *r, const struct matrix *m, int64_t app_id, const struct mx_form *e,
                       const char *reduction, const char *measure, const char *fy, const char *status) {
    form_text(r, fid(r, app_id, "reduction"), tr(r, M_MX_REDUCTION), e ? e->reduction : reduction,
              e ? e->e_reduction : NULL, app_id ? NULL : tr(r, M_MX_REDUCTION_HINT));
    form_select(r, fid(r, app_id, "measure"), tr(r, M_MX_MEASURE), org_measure_options(r, m->measures, m->n_measures),
                m->n_measures + 1, e ? e->measure : measure, e ? e->e_measure : NULL, NULL);
    form_text(r, fid(r, app_id, "planned_fy"), tr(r, M_MX_PLANNED_FY), e ? e->planned_fy : fy, e ? e->e_fy : NULL,
              tr(r, M_MX_PLANNED_FY_HINT));
    form_select(r, fid(r, app_id, "status"), tr(r, M_STATUS), status_options(r), 3, e ? e->status : status,
                e ? e->e_status : NULL, NULL);
}

static void apply_form(struct req *r, const struct mx_view *v, const struct matrix *m, const struct mx_form *e) {
    if (e && e->app_id)
        e = NULL;
    size_t n = 1;
    for (size_t i = 0; i < m->w.n; i++)
        n += m->w.businesses[i].n_steps;
    struct form_option *steps = arena_alloc(&r->arena, n * sizeof *steps);
    steps[0] = (struct form_option){"", tr(r, M_MX_CHOOSE)};
    n = 1;
    for (size_t i = 0; i < m->w.n; i++)
        for (size_t j = 0; j < m->w.businesses[i].n_steps; j++)
            steps[n++] = (struct form_option){id_text(r, m->w.businesses[i].steps[j].id),
                                              step_label(r, &m->w.businesses[i], &m->w.businesses[i].steps[j])};
    struct form_option *means = arena_alloc(&r->arena, (m->n_means + 1) * sizeof *means);
    means[0] = (struct form_option){"", tr(r, M_MX_CHOOSE)};
    for (size_t i = 0; i < m->n_means; i++) {
        char pct[64];
        format_number(pct, sizeof pct, m->means[i].reduction);
        means[i + 1] = (struct form_option){id_text(r, m->means[i].id),
                                            arena_printf(&r->arena, "%s%s", m->means[i].name, tr_paren(r, arena_printf(&r->arena, "%s%%", pct)))};
    }
    html_printf(&r->out, "<section class=\"form-part no-print\" id=\"apply\"><h2>%s</h2>\n", tr(r, M_MX_APPLY_TITLE));
    if (e)
        form_error_summary(r, NULL);
    html_printf(&r->out, "<form method=\"post\" action=\"/orgs/%u/workload/matrix\" novalidate>\n", v->org.code);
    view_fields(r, v);
    /* a candidate cell's link chooses its step and means (?new-step=&new-means=) */
    form_select(r, "new-step", tr(r, M_MX_STEP), steps, n, e ? e->step : req_query(r, "new-step"), e ? e->e_step : NULL, NULL);
    form_select(r, "new-means", tr(r, M_MX_MEANS), means, m->n_means + 1, e ? e->means : req_query(r, "new-means"),
                e ? e->e_means : NULL, NULL);
    app_fields(r, m, 0, e, "", id_text(r, v->f.measure_id), "", "planned");
    html_printf(&r->out, "<p><button type=\"submit\">%s</button></p>\n</form>\n</section>\n", tr(r, M_MX_APPLY));
}

static void app_list(struct req *r, const struct mx_view *v, const struct matrix *m, const struct mx_form *e) {
    if (!m->w.n_apps)
        return;
    html_printf(&r->out, "<section class=\"form-part no-print\" id=\"applications\"><h2>%s</h2>\n", tr(r, M_MX_LIST_TITLE));
    for (size_t i = 0; i < m->w.n_apps; i++) {
        const struct means_application *x = &m->w.apps[i];
        const struct business *b = NULL;
        const struct step *s = step_of(m, x->step_id, &b);
        const struct means *mn = means_of(m, x->means_id);
        if (!s || !mn)
            continue;
        const struct mx_form *fe = e && e->app_id == x->id ? e : NULL;
        html_printf(&r->out, "<section id=\"app-%D\"><h3>%s%s%s</h3>\n", x->id, mn->name, tr(r, M_P_LIST), step_label(r, b, s));
        if (fe)
            form_error_summary(r, NULL);
        html_printf(&r->out, "<form method=\"post\" action=\"/applications/%D/edit\" novalidate>\n", x->id);
        view_fields(r, v);
        char red[64];
        format_number(red, sizeof red, x->reduction);
        app_fields(r, m, x->id, fe, arena_strdup(&r->arena, red), id_text(r, x->measure_id),
                   x->planned_fy ? id_text(r, x->planned_fy) : "", application_status_names[x->status]);
        html_printf(&r->out, "<p><button type=\"submit\">%s</button></p>\n</form>\n", tr(r, M_MX_SAVE));
        html_printf(&r->out, "<form method=\"post\" action=\"/applications/%D/delete\">\n", x->id);
        view_fields(r, v);
        html_printf(&r->out, "<p><button type=\"submit\" class=\"secondary\" aria-label=\"%s\">%s</button></p>\n</form>\n</section>\n",
                    arena_printf(&r->arena, "%s%s%s%s%s", tr(r, M_MX_REMOVE), tr(r, M_P_COLON), mn->name, tr(r, M_P_LIST),
                                 step_label(r, b, s)),
                    tr(r, M_MX_REMOVE));
    }
    html_printf(&r->out, "</section>\n");
}

/* The whole page; e: the form that failed, or NULL. */
static void render(struct req *r, const struct mx_view *v, const struct matrix *m, const struct mx_form *e) {
    char *org_href = arena_printf(&r->arena, "/orgs/%s", v->org.code);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {v->org.name, org_href}, {tr(r, M_MX_TITLE), NULL}};
    page_begin(r, tr(r, M_MX_TITLE), crumbs, 3, NULL);
    r->cacheable = false;
    bool office = authz_allows(r, PERM_OFFICE);
    html_printf(&r->out, "<h1>%s</h1>\n<p>%s</p>\n", tr(r, M_MX_TITLE), tr(r, M_MX_INTRO));
    html_printf(&r->out, "<p class=\"no-print button-row\"><a href=\"/orgs/%u/workload\">%s</a>"
                         " <a href=\"/orgs/%u/workload/survey.csv\">%s</a> <a href=\"/orgs/%u/workload/means\">%s</a></p>\n",
                v->org.code, tr(r, M_MX_TO_WORKLOAD), v->org.code, tr(r, M_MX_TEMPLATE), v->org.code, tr(r, M_MN_TITLE));
    if (req_query(r, "updated"))
        html_printf(&r->out, "<p class=\"notice\" role=\"status\">%s</p>\n", tr(r, M_MX_UPDATED));
    if (!v->n_years) {
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_MX_NO_SURVEY));
        page_end(r);
        return;
    }
    filters(r, v, m);
    figures(r, m);
    if (!m->w.n)
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_MX_NO_BUSINESS));
    else {
        if (!m->w.n_apps)               /* the steps are columns all the same, with the candidates */
            html_printf(&r->out, "<p>%s</p>\n", tr(r, M_MX_NO_APPLIED));
        table(r, v, m, office);
        if (office) {
            apply_form(r, v, m, e);
            app_list(r, v, m, e);
        }
    }
    page_end(r);
}

/* GET /orgs/{code}/workload/matrix */
void page_matrix(struct req *r) {
    struct mx_view v;
    struct matrix m;
    if (view_read(r, r->target_org_id, false, &v) && view_resolve(r, &v, &m))
        render(r, &v, &m, NULL);
}

/* ---- the writes */

/* Reads the fields of an application's form into p and e (the values typed, an error per
 * field): false when one is wrong. */
static bool app_read(struct req *r, int64_t app_id, struct application_patch *p, struct mx_form *e) {
    e->reduction = form_trimmed(r, fid(r, app_id, "reduction"));
    e->measure = form_trimmed(r, fid(r, app_id, "measure"));
    e->planned_fy = form_trimmed(r, fid(r, app_id, "planned_fy"));
    e->status = form_trimmed(r, fid(r, app_id, "status"));
    bool ok = true;
    p->set_reduction = *e->reduction != '\0' || app_id;
    if (p->set_reduction && (number_parse(e->reduction, &p->reduction, NULL) < 0 || p->reduction < 0 || p->reduction > 100))
        e->e_reduction = tr(r, M_MX_ERR_REDUCTION), ok = false;
    p->set_measure = true;
    p->measure_id = form_id(e->measure);
    if (*e->measure && !p->measure_id)
        e->e_measure = tr(r, M_MX_ERR_MEASURE), ok = false;
    p->set_planned_fy = true;
    if (*e->planned_fy && fy_parse(e->planned_fy, &p->planned_fy) < 0)
        e->e_fy = tr(r, M_ERR_FY), ok = false;
    p->set_status = false;
    for (int i = 0; application_status_names[i]; i++)
        if (strcmp(e->status, application_status_names[i]) == 0)
            p->set_status = true, p->status = (enum application_status)i;
    if (!p->set_status)
        e->e_status = tr(r, M_MX_ERR_STATUS), ok = false;
    return ok;
}

/* A store refusal as the form's error; false when it is none of the form's fields. */
static bool store_refusal(struct req *r, int rc, const struct edit_fail *fail, struct mx_form *e) {
    if (rc == KW_ECONFLICT && strcmp(fail->field, "means_id") == 0)
        e->e_means = tr(r, M_MX_ERR_TWICE);
    else if (rc == KW_EINVAL && strcmp(fail->field, "means_id") == 0)
        e->e_means = tr(r, M_MX_ERR_MEANS);
    else if (rc == KW_EINVAL && strcmp(fail->field, "measure_id") == 0)
        e->e_measure = tr(r, M_MX_ERR_MEASURE);
    else if (rc == KW_EINVAL && strcmp(fail->field, "reduction") == 0)
        e->e_reduction = tr(r, M_MX_ERR_REDUCTION);
    else if (rc == KW_ENOTFOUND && !e->app_id)
        e->e_step = tr(r, M_MX_ERR_STEP);
    else
        return false;
    return true;
}

/* The page again with the form's errors: 422. */
static void refuse(struct req *r, struct mx_view *v, const struct mx_form *e) {
    struct matrix m;
    if (!view_resolve(r, v, &m))
        return;
    buf_reset(&r->out);
    render(r, v, &m, e);
    r->status = 422;
}

static void back(struct req *r, const struct mx_view *v, int64_t app_id) {
    resp_redirect(r, arena_printf(&r->arena, "/orgs/%s/workload/matrix%s&updated=1#%s", v->org.code, view_query(r, v),
                                  app_id ? arena_printf(&r->arena, "app-%lld", (long long)app_id) : "matrix"));
}

/* POST /orgs/{code}/workload/matrix */
void page_matrix_apply(struct req *r) {
    struct mx_view v;
    if (req_parse_form(r) < 0 || !view_read(r, r->target_org_id, true, &v))
        return;
    struct mx_form e = {0};
    struct application_patch p = {0};
    e.step = form_trimmed(r, "new-step");
    e.means = form_trimmed(r, "new-means");
    bool ok = app_read(r, 0, &p, &e);
    int64_t step_id = form_id(e.step);
    struct scope s;
    if (!step_id || store_scope(r->db, SCOPE_STEP, e.step, &s) < 0 || s.org_id != v.org.id)
        e.e_step = tr(r, M_MX_ERR_STEP), ok = false;
    p.means_id = form_id(e.means);
    if (!p.means_id)
        e.e_means = tr(r, M_MX_ERR_MEANS), ok = false;
    if (!ok) {
        refuse(r, &v, &e);
        return;
    }
    struct edit_fail fail = {0};
    int64_t id = 0;
    int rc = store_application_create(r->db, step_id, &p, req_actor(r), &id, &fail);
    if (rc < 0 && store_refusal(r, rc, &fail, &e))
        refuse(r, &v, &e);
    else if (rc < 0)
        resp_store_error(r, rc, NULL, NULL);
    else
        back(r, &v, 0);
}

/* POST /applications/{id}/edit */
void page_matrix_change(struct req *r) {
    int64_t id;
    struct mx_view v;
    if (!req_param_id(r, 0, &id) || req_parse_form(r) < 0 || !view_read(r, r->target_org_id, true, &v))
        return;
    struct mx_form e = {.app_id = id};
    struct application_patch p = {0};
    if (!app_read(r, id, &p, &e)) {
        refuse(r, &v, &e);
        return;
    }
    struct edit_fail fail = {0};
    int rc = store_application_update(r->db, id, &p, req_actor(r), &fail);
    if (rc < 0 && store_refusal(r, rc, &fail, &e))
        refuse(r, &v, &e);
    else if (rc < 0)
        resp_store_error(r, rc, NULL, NULL);
    else
        back(r, &v, id);
}

/* POST /applications/{id}/delete */
void page_matrix_remove(struct req *r) {
    int64_t id;
    struct mx_view v;
    if (!req_param_id(r, 0, &id) || req_parse_form(r) < 0 || !view_read(r, r->target_org_id, true, &v))
        return;
    struct edit_fail fail = {0};
    int rc = store_application_delete(r->db, id, req_actor(r), &fail);
    if (rc < 0)
        resp_store_error(r, rc, NULL, NULL);
    else
        back(r, &v, 0);
}
