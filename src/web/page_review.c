/* One measure's quarterly report: the department's form (rating, what was done in Markdown,
 * issues, next steps, KPI values at the quarter's end; save a draft or submit), the office's
 * check (confirm, or send back with a comment), and the HQ's decision. One POST URL takes
 * every step; the "action" field says which. */
#include <stdlib.h>
#include <string.h>
#include "http/authz.h"
#include "http/session.h"
#include "core/errors.h"
#include "core/number.h"
#include "store/store.h"
#include "web/field_words.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/markdown.h"
#include "web/pages.h"
#include "web/when.h"


/* What the form shows: the values typed (or stored) and an error per field. */
struct review_form {
    const char *rating, *text, *issues, *next_steps, *comment, *decision, *decision_note;
    const char **kpi_values;                 /* per KPI of the measure, as typed */
    const char *err_rating, *err_text, *err_kpi, *err_comment, *err_decision, *err_top;
    bool from_previous;                      /* text filled in from last quarter's report */
};

struct review_page {
    struct review_period p;
    struct plan_context c;
    struct measure m;
    struct measure_ref ref;
    struct review rv, prev;
    struct rating_level *scale;
    size_t n_scale;
};

static bool load(struct req *r, struct review_page *pg) {
    int64_t id, measure_id;
    if (!req_param_id(r, 0, &id) || !req_param_id(r, 1, &measure_id) ||
        store_period_load(r->db, &r->arena, id, &pg->p) < 0 || !load_plan_context(r, pg->p.plan_id, &pg->c) ||
        store_review_get(r->db, &r->arena, &pg->p, measure_id, &pg->rv, &pg->prev) < 0 ||
        store_measure_load(r->db, &r->arena, measure_id, &pg->m, &pg->ref) < 0 ||
        store_rating_scale(r->db, &r->arena, pg->p.plan_id, &pg->scale, &pg->n_scale) < 0) {
        buf_reset(&r->out);
        page_not_found(r);
        return false;
    }
    return true;
}


/* The value of a KPI measured at the quarter's last day, as text for the form. */
static const char *kpi_value_now(struct req *r, const struct kpi *k, const char *period) {
    for (size_t i = k->n_measurements; i-- > 0;)
        if (strcmp(k->measurements[i].period, period) == 0) {
            char n[48];
            format_number(n, sizeof n, k->measurements[i].value);
            return arena_strdup(&r->arena, n);
        }
    return "";
}

static void textarea(struct req *r, const char *id, const char *label, const char *value, const char *err,
                     const char *hint, int rows) {
    html_printf(&r->out, "<div class=\"field%r\"><label for=\"%s\">%s</label>\n", err ? " has-error" : "", id, label);
    if (hint)
        html_printf(&r->out, "<p class=\"hint\" id=\"%s-hint\">%s</p>\n", id, hint);
    html_printf(&r->out, "<textarea id=\"%s\" name=\"%s\" rows=\"%d\"", id, id, rows);
    if (hint || err)
        html_printf(&r->out, " aria-describedby=\"%r%r%r\"", hint ? arena_printf(&r->arena, "%s-hint", id) : "",
                    hint && err ? " " : "", err ? arena_printf(&r->arena, "%s-error", id) : "");
    html_printf(&r->out, "%r>%s</textarea>\n", err ? " aria-invalid=\"true\"" : "", value);
    html_field_error(r, id, err);
    html_printf(&r->out, "</div>\n");
}

static void report_form(struct req *r, const struct review_page *pg, const struct review_form *f) {
    html_printf(&r->out, "<form method=\"post\" action=\"/periods/%D/measures/%D\" class=\"form\" novalidate>\n",
                pg->p.id, pg->m.id);
    html_csrf_field(r);
    if (f->from_previous)
        html_printf(&r->out, "<p class=\"notice\">%s</p>\n", tr(r, M_PREVIOUS_HINT));
    html_printf(&r->out, "<fieldset%r><legend>%s</legend>\n", f->err_rating ? " class=\"has-error\"" : "", tr(r, M_RATING));
    for (size_t i = 0; i < pg->n_scale; i++)
        html_printf(&r->out, "<label class=\"choice\"><input type=\"radio\" name=\"rating\" value=\"%s\"%r> %r</label>\n",
                    pg->scale[i].code, f->rating && strcmp(f->rating, pg->scale[i].code) == 0 ? " checked" : "",
                    tr_rating_html(r, pg->scale[i].label));
    html_field_error(r, "rating", f->err_rating);
    html_printf(&r->out, "</fieldset>\n");
    textarea(r, "text", tr(r, M_PROGRESS_TEXT), f->text, f->err_text, tr(r, M_MARKDOWN_HINT), 8);
    textarea(r, "issues", tr(r, M_ISSUES), f->issues, NULL, NULL, 4);
    textarea(r, "next_steps", tr(r, M_NEXT_STEPS), f->next_steps, NULL, NULL, 4);
    html_review_kpis(r, &pg->m, &pg->p, f->kpi_values, f->err_kpi);
    html_printf(&r->out, "<p class=\"button-row\"><button type=\"submit\" name=\"action\" value=\"save\" class=\"secondary\">%s</button>"
                         "<button type=\"submit\" name=\"action\" value=\"submit\">%s</button></p>\n</form>\n",
                tr(r, M_SAVE_DRAFT), tr(r, M_SUBMIT));
}

static void report_view(struct req *r, const struct review_page *pg) {
    const struct review *rv = &pg->rv;
    html_printf(&r->out, "<dl class=\"facts\"><div><dt>%s</dt><dd>%r</dd></div>", tr(r, M_RATING),
                rv->rating ? tr_rating_html(r, review_scale_label(pg->scale, pg->n_scale, rv->rating)) : "—");
    if (rv->submitted_at) {
        html_printf(&r->out, "<div><dt>%s</dt><dd>", tr(r, M_SUBMITTED_AT));
        html_when(r, rv->submitted_at);
        html_printf(&r->out, "</dd></div>");
    }
    if (rv->confirmed_at) {
        html_printf(&r->out, "<div><dt>%s</dt><dd>", tr(r, M_CONFIRMED_AT));
        html_when(r, rv->confirmed_at);
        html_printf(&r->out, "</dd></div>");
    }
    html_printf(&r->out, "</dl>\n");
    html_review_texts(r, rv, 3);
    html_review_kpis(r, &pg->m, &pg->p, NULL, NULL);
}

static void office_check(struct req *r, const struct review_page *pg, const struct review_form *f) {
    enum review_state s = (enum review_state)pg->rv.state;
    bool confirm = review_step_allowed(s, STEP_CONFIRM, NULL), back = review_step_allowed(s, STEP_SEND_BACK, NULL);
    if (!confirm && !back)
        return;
    html_printf(&r->out, "<section aria-labelledby=\"office\" class=\"no-print\"><h2 id=\"office\">%s</h2>\n",
                tr(r, M_OFFICE_CHECK));
    if (confirm) {
        html_printf(&r->out, "<form method=\"post\" action=\"/periods/%D/measures/%D\"><input type=\"hidden\" name=\"action\" "
                             "value=\"confirm\">", pg->p.id, pg->m.id);
        html_csrf_field(r);
        html_printf(&r->out, "<p><button type=\"submit\">%s</button></p></form>\n", tr(r, M_CONFIRM));
    }
    html_printf(&r->out, "<form method=\"post\" action=\"/periods/%D/measures/%D\" class=\"form\" novalidate>"
                         "<input type=\"hidden\" name=\"action\" value=\"send_back\">\n", pg->p.id, pg->m.id);
    html_csrf_field(r);
    textarea(r, "comment", tr(r, M_COMMENT), f->comment, f->err_comment, tr(r, M_SEND_BACK_HINT), 3);
    html_printf(&r->out, "<p><button type=\"submit\" class=\"secondary\">%s</button></p></form>\n</section>\n",
                tr(r, M_SEND_BACK));
}

static void hq_decision(struct req *r, const struct review_page *pg, const struct review_form *f) {
    if (pg->rv.decision)
        html_printf(&r->out, "<p><strong>%s%s</strong>%s%s%s</p>\n", tr(r, M_DECISION), tr(r, M_P_COLON), tr_decision(r, pg->rv.decision),
                    pg->rv.decision_note ? tr(r, M_P_SPACE) : "", pg->rv.decision_note ? pg->rv.decision_note : "");
    if (!review_step_allowed((enum review_state)pg->rv.state, STEP_DECIDE, NULL))
        return;
    html_printf(&r->out, "<section aria-labelledby=\"hq\" class=\"no-print\"><h2 id=\"hq\">%s</h2>\n"
                         "<form method=\"post\" action=\"/periods/%D/measures/%D\" class=\"form\" novalidate>"
                         "<input type=\"hidden\" name=\"action\" value=\"decide\">\n",
                tr(r, M_HQ_DECISION), pg->p.id, pg->m.id);
    html_csrf_field(r);
    html_printf(&r->out, "<div class=\"field%r\"><label for=\"decision\">%s</label><select id=\"decision\" name=\"decision\"%r>",
                f->err_decision ? " has-error" : "", tr(r, M_DECISION), f->err_decision ? " aria-describedby=\"decision-error\"" : "");
    const char *current = f->decision ? f->decision : pg->rv.decision;
    for (size_t i = 0; review_decisions[i]; i++)
        html_printf(&r->out, "<option value=\"%s\"%r>%s</option>", review_decisions[i],
                    current && strcmp(current, review_decisions[i]) == 0 ? " selected" : "",
                    tr_decision(r, review_decisions[i]));
    html_printf(&r->out, "</select>");
    html_field_error(r, "decision", f->err_decision);
    html_printf(&r->out, "</div>\n");
    textarea(r, "decision_note", tr(r, M_DECISION_NOTE), f->decision_note, NULL, NULL, 2);
    html_printf(&r->out, "<p><button type=\"submit\">%s</button></p></form>\n</section>\n", tr(r, M_RECORD));
}

static void render(struct req *r, const struct review_page *pg, const struct review_form *f, const char *done) {
    enum review_state s = (enum review_state)pg->rv.state;
    kw_date deadline = 0;
    date_parse(pg->p.deadline, &deadline);
    char *label = period_label(r, pg->p.fy, pg->p.quarter);
    char *period_href = arena_printf(&r->arena, "/periods/%lld", (long long)pg->p.id);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {pg->c.plan_title, pg->c.plan_href},
                             {tr(r, M_REVIEWS), pg->c.periods_href}, {label, period_href}, {pg->m.title, NULL}};
    page_begin(r, pg->m.title, crumbs, 5, NULL);
    html_printf(&r->out, "<p class=\"sheet-context\">%s %s</p>\n<h1><span class=\"code\">%s</span> %s</h1>\n",
                tr(r, M_REVIEWS), label, pg->m.code, pg->m.title);
    html_printf(&r->out, "<dl class=\"facts\"><div><dt>%s</dt><dd>", tr(r, M_DEPARTMENT));
    html_departments_in_charge(r, pg->m.departments.items, pg->m.departments.n);
    html_printf(&r->out, "</dd></div><div><dt>%s</dt><dd>", tr(r, M_DEADLINE));
    html_date(r, pg->p.deadline);
    html_printf(&r->out, "</dd></div><div><dt>%s</dt><dd>", tr(r, M_STATE));
    html_review_badge(r, s, !pg->p.closed && review_is_late(s, deadline, r->today));
    html_printf(&r->out, "</dd></div></dl>\n<p class=\"small\"><a href=\"/measures/%D\">%s</a></p>\n", pg->m.id,
                tr(r, M_MEASURE_SHEET));
    if (done)
        html_printf(&r->out, "<p class=\"notice\" role=\"status\">%s</p>\n", done);
    if (f->err_top)
        html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\"><p>%s</p></div>\n", f->err_top);
    else if (f->err_rating || f->err_text || f->err_kpi || f->err_comment || f->err_decision)
        html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\"><p>%s</p></div>\n", tr(r, M_FORM_ERRORS));
    if (pg->p.closed)
        html_printf(&r->out, "<p class=\"notice\">%s</p>\n", tr(r, M_CLOSED_NOTE));
    if (s == REVIEW_SENT_BACK && pg->rv.office_comment)
        html_printf(&r->out, "<div class=\"notice warn\"><p><strong>%s</strong></p><p>%s</p></div>\n",
                    tr(r, M_OFFICE_COMMENT), pg->rv.office_comment);
    html_printf(&r->out, "<section aria-labelledby=\"report\"><h2 id=\"report\">%s</h2>\n", tr(r, M_REPORT));
    /* each form only for those who may send it (the same rules as page_review_post) */
    if (!pg->p.closed && review_step_allowed(s, STEP_SUBMIT, NULL) &&
        authz_allows(r, review_step_perms[STEP_SUBMIT]))
        report_form(r, pg, f);
    else if (s != REVIEW_MISSING)
        report_view(r, pg);
    else
        html_printf(&r->out, "<p>%s</p>\n", tr_review_state(r, s));
    html_printf(&r->out, "</section>\n");
    html_review_schedule(r, &pg->m, pg->p.fy);
    if (pg->prev.state != REVIEW_MISSING && pg->prev.text) {
        const struct review *pv = &pg->prev;
        html_printf(&r->out, "<details class=\"previous-report\"><summary>%s%s%r</summary>\n", tr(r, M_PREVIOUS_QUARTER),
                    tr(r, M_P_COLON), pv->rating ? tr_rating_html(r, review_scale_label(pg->scale, pg->n_scale, pv->rating)) : tr(r, M_UNRATED));
        html_review_texts(r, pv, 3);
        html_printf(&r->out, "</details>\n");
    }
    if (!pg->p.closed) {
        if (authz_allows(r, review_step_perms[STEP_CONFIRM]))
            office_check(r, pg, f);
        if (authz_allows(r, review_step_perms[STEP_DECIDE]))
            hq_decision(r, pg, f);
        else if (pg->rv.decision)
            html_printf(&r->out, "<p><strong>%s%s</strong>%s</p>\n", tr(r, M_DECISION), tr(r, M_P_COLON), tr_decision(r, pg->rv.decision));
    } else if (pg->rv.decision) {
        html_printf(&r->out, "<p><strong>%s%s</strong>%s</p>\n", tr(r, M_DECISION), tr(r, M_P_COLON), tr_decision(r, pg->rv.decision));
    }
    page_end(r);
    r->cacheable = false;
}

/* The form as stored: the report, or last quarter's as the starting point, and the KPI values
 * already recorded at the quarter's end. */
static void form_from_store(struct req *r, const struct review_page *pg, struct review_form *f) {
    const struct review *src = &pg->rv;
    if (pg->rv.state == REVIEW_MISSING && pg->prev.state != REVIEW_MISSING) {
        src = &pg->prev;
        f->from_previous = true;
    }
    f->rating = src->rating;
    f->text = src->text ? src->text : "";
    f->issues = src->issues ? src->issues : "";
    f->next_steps = src->next_steps ? src->next_steps : "";
    f->comment = "";
    f->decision_note = pg->rv.decision_note ? pg->rv.decision_note : "";
    char period[16];
    date_format(quarter_end(pg->p.fy, pg->p.quarter), period, sizeof period);
    f->kpi_values = arena_alloc(&r->arena, (pg->m.n_kpis + 1) * sizeof *f->kpi_values);
    for (size_t i = 0; i < pg->m.n_kpis; i++)
        f->kpi_values[i] = kpi_value_now(r, &pg->m.kpis[i], period);
}

/* GET /periods/{id}/measures/{mid} */
void page_review(struct req *r) {
    struct review_page pg;
    if (!load(r, &pg))
        return;
    struct review_form f = {0};
    form_from_store(r, &pg, &f);
    const char *done = req_query(r, "done");
    static const enum msg said[REVIEW_NSTEPS] = {
        [STEP_SAVE] = M_REPORT_SAVED, [STEP_SUBMIT] = M_REPORT_SUBMITTED, [STEP_SEND_BACK] = M_DONE_SENT_BACK,
        [STEP_CONFIRM] = M_DONE_CONFIRMED, [STEP_DECIDE] = M_DONE_DECIDED,
    };
    int step = done ? review_step_parse(done) : -1;
    render(r, &pg, &f, step >= 0 ? tr(r, said[step]) : NULL);
}

static const char *or_empty(const char *s) { return s ? s : ""; }

/* Reads the posted fields of the report into f and in; false on a value the store never sees
 * (a KPI value that is not a number). */
static bool read_report(struct req *r, const struct review_page *pg, struct review_form *f, struct review_input *in) {
    f->rating = req_form(r, "rating");
    f->text = or_empty(req_form(r, "text"));
    f->issues = or_empty(req_form(r, "issues"));
    f->next_steps = or_empty(req_form(r, "next_steps"));
    in->rating = f->rating;
    in->text = f->text;
    in->issues = f->issues;
    in->next_steps = f->next_steps;
    struct review_kpi_value *v = arena_alloc(&r->arena, (pg->m.n_kpis + 1) * sizeof *v);
    bool ok = true;
    for (size_t i = 0; i < pg->m.n_kpis; i++) {
        const struct kpi *k = &pg->m.kpis[i];
        const char *typed = or_empty(req_form(r, arena_printf(&r->arena, "kpi-%lld", (long long)k->id)));
        f->kpi_values[i] = typed;
        if (!*typed)
            continue;
        struct review_kpi_value *x = &v[in->n_values];
        x->kpi_id = k->id;
        bool too_big = false;
        if (number_parse(typed, &x->value, &too_big) < 0) {
            ok = false;
            f->err_kpi = tr(r, too_big ? M_ERR_NUMBER_RANGE : M_ERR_NUMBER);
        }
        in->n_values++;
    }
    in->values = v;
    return ok;
}

/* The field of a store refusal, shown where it belongs. */
static void show_failure(struct req *r, int rc, const struct edit_fail *fail, struct review_form *f) {
    const char *field = fail->field;
    if (rc == KW_ECONFLICT)
        f->err_top = strcmp(field, "period") == 0 ? tr(r, M_CLOSED_NOTE) : tr(r, M_ERR_STATE);
    else if (strcmp(field, "rating") == 0)
        f->err_rating = tr(r, M_ERR_CHOICE);
    else if (strcmp(field, "text") == 0)
        f->err_text = tr(r, M_ERR_REQUIRED);
    else if (strcmp(field, "comment") == 0)
        f->err_comment = tr(r, M_ERR_REQUIRED);
    else if (strcmp(field, "decision") == 0)
        f->err_decision = tr(r, M_ERR_CHOICE);
    else if (strcmp(field, "kpi_values") == 0)
        f->err_kpi = tr(r, M_ERR_NUMBER);
    else
        f->err_top = tr(r, M_ERR_TOO_LONG);
}

/* POST /periods/{id}/measures/{mid} */
void page_review_post(struct req *r) {
    struct review_page pg;
    if (!load(r, &pg))
        return;
    struct review_form f = {0};
    form_from_store(r, &pg, &f);
    f.from_previous = false;
    struct review_input in = {0};
    const char *action = req_parse_form(r) == 0 ? req_form(r, "action") : NULL;
    int step = review_step_parse(action);
    /* one form, several actions: each is authorised as its own API route is */
    if (step >= 0 && !authz_allows(r, review_step_perms[step])) {
        authz_refuse(r);
        return;
    }
    bool ok = step >= 0;
    if (!ok)
        f.err_top = tr(r, M_ERR_BAD_FORM);
    else if (step == STEP_SAVE || step == STEP_SUBMIT)
        ok = read_report(r, &pg, &f, &in);
    else if (step == STEP_SEND_BACK)
        in.comment = f.comment = or_empty(req_form(r, "comment"));
    else if (step == STEP_DECIDE) {
        in.decision = f.decision = req_form(r, "decision");
        in.decision_note = f.decision_note = or_empty(req_form(r, "decision_note"));
    }
    struct edit_fail fail = {0};
    int rc = ok ? store_review_step(r->db, pg.p.id, pg.m.id, step, &in, req_actor(r), &fail) : KW_EINVAL;
    if (rc < 0 && rc != KW_EINVAL && rc != KW_ECONFLICT) {
        resp_store_error(r, rc, NULL, "the report could not be saved");
        return;
    }
    if (rc < 0) {
        if (ok)
            show_failure(r, rc, &fail, &f);
        render(r, &pg, &f, NULL);
        r->status = rc == KW_ECONFLICT ? 409 : 422;
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "/periods/%lld/measures/%lld?done=%s", (long long)pg.p.id,
                                  (long long)pg.m.id, review_step_names[step]));
}
