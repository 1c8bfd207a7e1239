/* Pages of the review cycle above a single report: a plan's review periods with the form that
 * opens one (the office), a period's state by department and by measure with who is late and
 * the button that closes it, and a department's own list of what it owes ("my work"). */
#include <stdlib.h>
#include <string.h>
#include "http/authz.h"
#include "http/session.h"
#include "core/errors.h"
#include "report/period_tally.h"
#include "store/store.h"
#include "web/field_words.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "web/when.h"


static void not_found(struct req *r) {
    buf_reset(&r->out);
    page_not_found(r);
}

/* ---- a plan's periods */

struct open_form { const char *fy, *quarter, *deadline, *err_fy, *err_quarter, *err_deadline; };

static void open_form(struct req *r, const struct plan_context *c, const struct open_form *f) {
    html_printf(&r->out, "<section aria-labelledby=\"open\" class=\"no-print\"><h2 id=\"open\">%s</h2>\n", tr(r, M_OPEN_PERIOD));
    if (f->err_fy || f->err_quarter || f->err_deadline)
        html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\"><p>%s</p></div>\n", tr(r, M_FORM_ERRORS));
    html_printf(&r->out, "<form method=\"post\" action=\"%s\" class=\"form inline-form\" novalidate>\n", c->periods_href);
    html_csrf_field(r);
    html_printf(&r->out, "<div class=\"field%r\"><label for=\"fy\">%s</label><p class=\"hint\" id=\"fy-hint\">%s</p>"
                         "<input id=\"fy\" name=\"fy\" type=\"text\" value=\"%s\" aria-describedby=\"fy-hint%r\"%r>",
                f->err_fy ? " has-error" : "", tr(r, M_FY), tr(r, M_ERR_FY), f->fy, f->err_fy ? " fy-error" : "",
                f->err_fy ? " aria-invalid=\"true\"" : "");
    html_field_error(r, "fy", f->err_fy);
    html_printf(&r->out, "</div>\n<div class=\"field%r\"><label for=\"quarter\">%s</label><select id=\"quarter\" name=\"quarter\"%r>",
                f->err_quarter ? " has-error" : "", tr(r, M_QUARTER), f->err_quarter ? " aria-describedby=\"quarter-error\"" : "");
    for (int q = 1; q <= 4; q++)
        html_printf(&r->out, "<option value=\"%d\"%r>Q%d</option>", q,
                    f->quarter && atoi(f->quarter) == q ? " selected" : "", q);
    html_printf(&r->out, "</select>");
    html_field_error(r, "quarter", f->err_quarter);
    html_printf(&r->out, "</div>\n<div class=\"field%r\"><label for=\"deadline\">%s</label>"
                         "<input id=\"deadline\" name=\"deadline\" type=\"date\" value=\"%s\"%r%r>",
                f->err_deadline ? " has-error" : "", tr(r, M_DEADLINE), f->deadline,
                f->err_deadline ? " aria-describedby=\"deadline-error\"" : "", f->err_deadline ? " aria-invalid=\"true\"" : "");
    html_field_error(r, "deadline", f->err_deadline);
    html_printf(&r->out, "</div>\n<p><button type=\"submit\">%s</button></p>\n</form>\n</section>\n", tr(r, M_OPEN_PERIOD));
}

/* The plan's periods with the form that opens one; false after replying with the store's error. */
static bool periods_page(struct req *r, const struct plan_context *c, const struct open_form *f) {
    struct review_period *v;
    size_t n;
    int rc = store_periods(r->db, &r->arena, c->plan_id, &v, &n);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the periods could not be read");
        return false;
    }
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c->org_name, c->org_href}, {c->plan_title, c->plan_href},
                             {tr(r, M_REVIEWS), NULL}};
    page_begin(r, tr(r, M_REVIEWS), crumbs, 4, NULL);
    html_printf(&r->out, "<h1>%s</h1>\n<p class=\"muted\">%s</p>\n<p class=\"no-print\"><a href=\"/plans/%D/rating-scale\">%s</a></p>\n",
                tr(r, M_REVIEWS), c->plan_title, c->plan_id, tr(r, M_RATING_SCALE));
    if (n == 0) {
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_NO_PERIODS));
    } else {
        html_table_scroll(r, tr(r, M_REVIEWS));
        html_printf(&r->out, "<table class=\"grid\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th></tr></thead><tbody>\n",
                    tr(r, M_QUARTER), tr(r, M_DEADLINE), tr(r, M_STATE));
        for (size_t i = 0; i < n; i++) {
            html_printf(&r->out, "<tr><td><a href=\"/periods/%D\">%s</a></td><td class=\"date\">", v[i].id,
                        period_label(r, v[i].fy, v[i].quarter));
            html_date(r, v[i].deadline);
            html_printf(&r->out, "</td><td>%s</td></tr>\n", tr(r, v[i].closed ? M_PERIOD_CLOSED : M_PERIOD_OPEN));
        }
        html_printf(&r->out, "</tbody></table></div>\n");
    }
    if (authz_allows(r, PERM_OFFICE))
        open_form(r, c, f);
    page_end(r);
    return true;
}

static bool load_plan(struct req *r, struct plan_context *c) {
    int64_t plan_id;
    if (!req_param_id(r, 0, &plan_id) || !load_plan_context(r, plan_id, c)) {
        not_found(r);
        return false;
    }
    return true;
}

/* GET /plans/{id}/periods */
void page_periods(struct req *r) {
    struct plan_context c;
    if (!load_plan(r, &c))
        return;
    /* the form proposes the quarter that ends next and a deadline two weeks after it */
    int fy = fy_of_date(r->today), q = 1;
    while (quarter_end(fy, q) < r->today && q < 4)
        q++;
    char deadline[16];
    date_format(quarter_end(fy, q) + 14, deadline, sizeof deadline);
    struct open_form f = {arena_printf(&r->arena, "%d", fy), arena_printf(&r->arena, "%d", q),
                          arena_strdup(&r->arena, deadline), NULL, NULL, NULL};
    periods_page(r, &c, &f);
    r->cacheable = false;
}

/* The question before a period whose deadline has passed is opened: the values carried in a
 * form with confirm=1, or back to the form to change the deadline. */
static void open_question(struct req *r, const struct plan_context *c, const struct open_form *f, kw_date deadline) {
    const char *title = arena_printf(&r->arena, tr(r, M_OPEN_PAST_Q), tr_date(r, deadline));
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c->org_name, c->org_href}, {c->plan_title, c->plan_href},
                             {tr(r, M_REVIEWS), c->periods_href}, {tr(r, M_OPEN_PERIOD), NULL}};
    page_begin(r, title, crumbs, 5, NULL);
    r->cacheable = false;
    html_printf(&r->out, "<h1>%s</h1>\n<p>%s %s</p>\n<p>%s</p>\n<form method=\"post\" action=\"%s\">\n", title,
                c->plan_title, period_label(r, atoi(f->fy), atoi(f->quarter)), tr(r, M_OPEN_PAST_NOTE), c->periods_href);
    html_csrf_field(r);
    html_printf(&r->out, "<input type=\"hidden\" name=\"fy\" value=\"%s\"><input type=\"hidden\" name=\"quarter\" value=\"%s\">"
                         "<input type=\"hidden\" name=\"deadline\" value=\"%s\"><input type=\"hidden\" name=\"confirm\" value=\"1\">"
                         "<p class=\"button-row\"><button type=\"submit\">%s</button> <a href=\"%s\">%s</a></p>\n</form>\n",
                f->fy, f->quarter, f->deadline, tr(r, M_OPEN_PAST_YES), c->periods_href, tr(r, M_OPEN_PAST_BACK));
    page_end(r);
}

/* POST /plans/{id}/periods — a deadline already past (Japan time) is asked about first. */
void page_period_open(struct req *r) {
    struct plan_context c;
    if (!load_plan(r, &c))
        return;
    struct open_form f = {0};
    int fy = 0, quarter = 0;
    kw_date d;
    if (req_parse_form(r) < 0) {
        f.err_fy = tr(r, M_ERR_BAD_FORM);
    } else {
        f.fy = req_form(r, "fy");
        f.quarter = req_form(r, "quarter");
        f.deadline = req_form(r, "deadline");
    }
    if (!f.err_fy && (!f.fy || fy_parse(f.fy, &fy) < 0)) f.err_fy = tr(r, M_ERR_FY);
    if (!f.quarter || (quarter = atoi(f.quarter)) < 1 || quarter > 4) f.err_quarter = tr(r, M_ERR_CHOICE);
    if (!f.deadline || !*f.deadline) f.err_deadline = tr(r, M_ERR_REQUIRED);
    else if (date_parse(f.deadline, &d) < 0) f.err_deadline = tr(r, M_ERR_DATE);
    if (!f.err_fy && !f.err_quarter && !f.err_deadline && d < r->today && !req_form(r, "confirm")) {
        f.fy = arena_printf(&r->arena, "%d", fy);        /* as parsed: 令和7年度 is 2025 */
        open_question(r, &c, &f, d);
        return;
    }
    int64_t id = 0;
    struct edit_fail fail = {0};
    int rc = f.err_fy || f.err_quarter || f.err_deadline ? KW_EINVAL
                                                          : store_period_open(r->db, c.plan_id, fy, quarter, f.deadline,
                                                                              req_actor(r), &id, &fail);
    if (rc == KW_ECONFLICT)
        f.err_quarter = tr(r, M_ERR_PERIOD_EXISTS);
    if (rc < 0 && rc != KW_EINVAL && rc != KW_ECONFLICT) {
        resp_store_error(r, rc, NULL, "the period could not be opened");
        return;
    }
    if (rc < 0) {
        if (periods_page(r, &c, &f)) {
            r->status = 422;
            r->cacheable = false;
        }
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "/periods/%lld", (long long)id));
}

/* ---- one period */

static bool load_period(struct req *r, struct review_period *p, struct plan_context *c) {
    int64_t id;
    if (!req_param_id(r, 0, &id) || store_period_load(r->db, &r->arena, id, p) < 0 || !load_plan_context(r, p->plan_id, c)) {
        not_found(r);
        return false;
    }
    return true;
}

static void tally_cells(struct req *r, const struct review_tally *t) {
    for (int s = 0; s < REVIEW_NSTATES; s++)
        html_printf(&r->out, "<td>%d</td>", t->n[s]);
    html_printf(&r->out, "<td>%r%d%r</td>", t->late ? "<strong>" : "", t->late, t->late ? "</strong>" : "");
}

static void tally_head(struct req *r, enum msg first) {
    html_printf(&r->out, "<thead><tr><th scope=\"col\">%s</th>", tr(r, first));
    for (int s = 0; s < REVIEW_NSTATES; s++)
        html_printf(&r->out, "<th scope=\"col\">%s</th>", tr_review_state(r, (enum review_state)s));
    html_printf(&r->out, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n", tr(r, M_LATE),
                tr(r, M_MOST_LATE));
}

/* The most days late of a department's (or all) late reviews, and how many were never submitted. */
static void most_late_cell(struct req *r, int days, int unsubmitted) {
    html_printf(&r->out, "<td>");
    html_printf(&r->out, "%s", tr_days_late(r, days, REVIEW_SUBMITTED));     /* "3日遅れ" */
    if (unsubmitted)
        html_printf(&r->out, "%s", arena_printf(&r->arena, tr(r, M_UNSUBMITTED_N), unsubmitted));
    html_printf(&r->out, "</td>");
}

static void by_department(struct req *r, const struct review_period *p, const struct period_line *lines, size_t n) {
    struct dept_tally *depts;
    size_t nd;
    struct review_tally all;
    period_tally(&r->arena, p, lines, n, r->today, &depts, &nd, &all);
    html_printf(&r->out, "<section aria-labelledby=\"by-dept\"><h2 id=\"by-dept\">%s</h2>\n", tr(r, M_BY_DEPARTMENT));
    html_table_scroll(r, tr(r, M_BY_DEPARTMENT));
    html_printf(&r->out, "<table class=\"grid\" id=\"department-table\">");
    tally_head(r, M_DEPARTMENT);
    int most = -1, unsubmitted = 0;
    for (size_t i = 0; i < nd; i++) {
        html_printf(&r->out, "<tr><th scope=\"row\"><a href=\"/periods/%D/work?dept=%D\">%s</a></th>", p->id,
                    depts[i].dept_id, depts[i].dept_name ? depts[i].dept_name : tr(r, M_NO_DEPT_REPORTER));
        tally_cells(r, &depts[i].tally);
        most_late_cell(r, depts[i].most_days_late, depts[i].unsubmitted_late);
        html_printf(&r->out, "</tr>\n");
        most = depts[i].most_days_late > most ? depts[i].most_days_late : most;
        unsubmitted += depts[i].unsubmitted_late;
    }
    html_printf(&r->out, "<tr><th scope=\"row\">%s</th>", tr(r, M_TOTAL));
    tally_cells(r, &all);
    most_late_cell(r, most, unsubmitted);
    html_printf(&r->out, "</tr>\n</tbody></table></div></section>\n");
}

/* The table of measures; dept_id 0 shows all of them. */
static void measure_table(struct req *r, const struct review_period *p, const struct period_line *lines, size_t n,
                          int64_t dept_id, const char *caption) {
    struct rating_level *scale = NULL;            /* ratings in the words of the plan's scale */
    size_t n_scale = 0;
    if (store_rating_scale(r->db, &r->arena, p->plan_id, &scale, &n_scale) < 0)
        n_scale = 0;
    html_table_scroll(r, caption);
    html_printf(&r->out, "<table class=\"grid measures\" id=\"measure-table\"><thead><tr><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
                tr(r, M_CODE), tr(r, M_MEASURE), tr(r, M_DEPARTMENT), tr(r, M_STATE), tr(r, M_HOW_LATE), tr(r, M_RATING),
                tr(r, M_KPIS_DUE), tr(r, M_DECISION));
    for (size_t i = 0; i < n; i++) {
        const struct period_line *l = &lines[i];
        if (dept_id && !period_line_in_charge(l, dept_id))
            continue;
        enum review_state s = (enum review_state)l->review.state;
        html_printf(&r->out, "<tr data-measure=\"%s\"><td class=\"code\">%s</td><td><a href=\"/periods/%D/measures/%D\">%s</a></td>"
                             "<td>", l->code, l->code, p->id, l->measure_id, l->title);
        html_departments_in_charge(r, l->dept_names, l->n_depts);
        html_printf(&r->out, "</td><td>");
        int days = period_line_days_late(p, l, r->today);
        html_review_badge(r, s, days >= 0);
        html_printf(&r->out, "</td><td>%s</td><td>%r</td><td>%d</td><td>%s</td></tr>\n", tr_days_late(r, days, s),
                    l->review.rating ? tr_rating_html(r, review_scale_label(scale, n_scale, l->review.rating)) : "", l->kpis_due,
                    l->review.decision ? tr_decision(r, l->review.decision) : "");
    }
    html_printf(&r->out, "</tbody></table></div>\n");
}

static void period_facts(struct req *r, const struct review_period *p) {
    html_printf(&r->out, "<dl class=\"facts\"><div><dt>%s</dt><dd>", tr(r, M_DEADLINE));
    html_date(r, p->deadline);
    html_printf(&r->out, "</dd></div><div><dt>%s</dt><dd>%s</dd></div></dl>\n", tr(r, M_STATE),
                tr(r, p->closed ? M_PERIOD_CLOSED : M_PERIOD_OPEN));
    if (p->closed)
        html_printf(&r->out, "<p class=\"notice\">%s</p>\n", tr(r, M_CLOSED_NOTE));
    html_late_as_closed(r, p);
}

/* GET /periods/{id} */
void page_period(struct req *r) {
    struct review_period p;
    struct plan_context c;
    if (!load_period(r, &p, &c))
        return;
    struct period_line *lines;
    size_t n;
    int rc = store_period_lines(r->db, &r->arena, &p, &lines, &n);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the period could not be read");
        return;
    }
    char *title = period_label(r, p.fy, p.quarter);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c.org_name, c.org_href}, {c.plan_title, c.plan_href},
                             {tr(r, M_REVIEWS), c.periods_href}, {title, NULL}};
    page_begin(r, title, crumbs, 5, NULL);
    html_printf(&r->out, "<h1>%s %s</h1>\n", tr(r, M_REVIEWS), title);
    period_facts(r, &p);
    html_printf(&r->out, "<p class=\"no-print\"><a href=\"/periods/%D/pack\">%s</a></p>\n", p.id, tr(r, M_PACK));
    by_department(r, &p, lines, n);
    html_printf(&r->out, "<section aria-labelledby=\"by-measure\"><h2 id=\"by-measure\">%s</h2>\n", tr(r, M_BY_MEASURE));
    measure_table(r, &p, lines, n, 0, tr(r, M_BY_MEASURE));
    html_printf(&r->out, "</section>\n");
    if (!p.closed && authz_allows(r, PERM_OFFICE)) {
        html_printf(&r->out, "<form method=\"post\" action=\"/periods/%D/close\" class=\"actions no-print\">", p.id);
        html_csrf_field(r);
        html_printf(&r->out, "<button type=\"submit\" class=\"secondary\">%s</button></form>\n", tr(r, M_CLOSE_PERIOD));
    }
    html_printf(&r->out, "<p class=\"small\"><a href=\"/api/v1/periods/%D\">%s</a></p>\n", p.id, tr(r, M_VIEW_API));
    page_end(r);
    r->cacheable = false;
}

/* The question before a period is closed: what is still owed, with the confirming button. */
static void close_question(struct req *r, const struct review_period *p, const struct plan_context *c) {
    struct period_line *lines;
    size_t n, nd;
    struct dept_tally *depts;
    struct review_tally all;
    int rc = store_period_lines(r->db, &r->arena, p, &lines, &n);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the period could not be read");
        return;
    }
    period_tally(&r->arena, p, lines, n, r->today, &depts, &nd, &all);
    int unsubmitted = all.n[REVIEW_MISSING] + all.n[REVIEW_DRAFT] + all.n[REVIEW_SENT_BACK], late_unsubmitted = 0;
    for (size_t i = 0; i < nd; i++)
        late_unsubmitted += depts[i].unsubmitted_late;
    char *label = period_label(r, p->fy, p->quarter);
    char *period_href = arena_printf(&r->arena, "/periods/%lld", (long long)p->id);
    const char *title = arena_printf(&r->arena, tr(r, M_CLOSE_Q), label);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c->org_name, c->org_href}, {c->plan_title, c->plan_href},
                             {tr(r, M_REVIEWS), c->periods_href}, {label, period_href}, {tr(r, M_CLOSE_PERIOD), NULL}};
    page_begin(r, title, crumbs, 6, NULL);
    r->cacheable = false;
    html_printf(&r->out, "<h1>%s</h1>\n<p id=\"close-counts\">%s</p>\n<p>%s</p>\n"
                         "<form method=\"post\" action=\"/periods/%D/close\">\n",
                title, arena_printf(&r->arena, tr(r, M_CLOSE_Q_COUNTS), unsubmitted, late_unsubmitted, all.n[REVIEW_SUBMITTED]),
                tr(r, M_CLOSE_Q_NOTE), p->id);
    html_csrf_field(r);
    html_printf(&r->out, "<p class=\"button-row\"><input type=\"hidden\" name=\"confirm\" value=\"1\">"
                         "<button type=\"submit\">%s</button> <a href=\"%s\">%s</a></p>\n</form>\n",
                tr(r, M_CLOSE_YES), period_href, tr(r, M_FORM_CANCEL));
    page_end(r);
}

/* POST /periods/{id}/close — without confirm=1 it asks first. */
void page_period_close(struct req *r) {
    struct review_period p;
    struct plan_context c;
    struct edit_fail fail = {0};
    if (!load_period(r, &p, &c))
        return;
    if (!p.closed && (req_parse_form(r) < 0 || !req_form(r, "confirm"))) {
        close_question(r, &p, &c);
        return;
    }
    int rc = p.closed ? 0 : store_period_close(r->db, p.id, req_actor(r), &fail);
    if (rc < 0 && rc != KW_ECONFLICT) {               /* closed already: show it as it is */
        resp_store_error(r, rc, NULL, "the period could not be closed");
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "/periods/%lld", (long long)p.id));
}

/* ---- a department's work in a period */

/* GET /periods/{id}/work */
void page_work(struct req *r) {
    struct review_period p;
    struct plan_context c;
    if (!load_period(r, &p, &c))
        return;
    struct period_line *lines;
    size_t n;
    struct department *depts;
    size_t nd;
    int rc = store_period_lines(r->db, &r->arena, &p, &lines, &n);
    if (rc == 0)
        rc = store_departments(r->db, &r->arena, c.org_id, &depts, &nd);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the period could not be read");
        return;
    }
    const char *dept_q = req_query(r, "dept");
    int64_t dept_id = dept_q ? strtoll(dept_q, NULL, 10) : 0;
    const char *dept_name = NULL;
    for (size_t i = 0; i < nd; i++)
        if (depts[i].id == dept_id)
            dept_name = depts[i].name;
    char *label = period_label(r, p.fy, p.quarter);
    char *period_href = arena_printf(&r->arena, "/periods/%lld", (long long)p.id);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c.plan_title, c.plan_href}, {tr(r, M_REVIEWS), c.periods_href},
                             {label, period_href}, {tr(r, M_MY_WORK), NULL}};
    page_begin(r, tr(r, M_MY_WORK), crumbs, 5, NULL);
    html_printf(&r->out, "<h1>%s%r%s</h1>\n<p class=\"muted\">%s %s</p>\n", tr(r, M_MY_WORK), dept_name ? tr(r, M_P_COLON) : "",
                dept_name ? dept_name : "", tr(r, M_REVIEWS), label);
    period_facts(r, &p);
    html_printf(&r->out, "<form method=\"get\" action=\"/periods/%D/work\" class=\"search\"><label for=\"dept\">%s</label>"
                         "<select id=\"dept\" name=\"dept\">", p.id, tr(r, M_CHOOSE_DEPT));
    for (size_t i = 0; i < nd; i++)
        html_printf(&r->out, "<option value=\"%D\"%r>%s</option>", depts[i].id, depts[i].id == dept_id ? " selected" : "",
                    depts[i].name);
    html_printf(&r->out, "</select><button type=\"submit\">%s</button></form>\n", tr(r, M_SHOW));
    if (dept_name) {
        html_inbox_link(r, dept_id);                   /* the department's notifications */
        size_t owed = 0;
        for (size_t i = 0; i < n; i++)
            owed += period_line_in_charge(&lines[i], dept_id);
        if (owed)
            measure_table(r, &p, lines, n, dept_id, tr(r, M_MY_WORK));
        else
            html_printf(&r->out, "<p>%s</p>\n", tr(r, M_NOTHING_OWED));
    }
    page_end(r);
    r->cacheable = false;
}
