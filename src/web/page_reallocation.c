/* Freed hours reallocated to new services (業務量削減で創出した時間の振り向け先, issue 14 point 4):
 * the workload page's section — the hours the means free (projected, and realised when a later
 * survey exists) beside the hours recorded as reallocated, and the table of the entries (FY, hours,
 * the new service, the measure behind it, a note) — and, for the office, the forms that add an
 * entry and change or delete each one: plain forms with the CSRF field, answered 303 back to the
 * workload page with a notice, or 422 with the page again and the field marked, nothing changed.
 * The figures are report/workload_summary.c's (the API's too); the writes store_reallocation.c's,
 * the same as the API's (src/api/api_reallocation.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "core/fiscal.h"
#include "core/number.h"
#include "http/authz.h"
#include "http/session.h"
#include "report/workload_summary.h"
#include "store/store_matrix.h"
#include "store/store_reallocation.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "web/workload_words.h"

/* A form that failed: which one (id 0: the add form), the values typed and an error per field. */
struct reallocation_form {
    int64_t id;
    const char *fy, *hours, *service, *measure, *note;
    const char *e_fy, *e_hours, *e_service, *e_measure, *e_note;
};

/* The field's id in the form of entry id, or (id 0) of the add form: "ra-new-…", apart from the
 * page's survey-year selector. */
static const char *fid(struct req *r, int64_t id, const char *name) {
    return id ? arena_printf(&r->arena, "ra-%lld-%s", (long long)id, name) : arena_printf(&r->arena, "ra-new-%s", name);
}

static const struct matrix_measure *measure_of(const struct matrix_measure *v, size_t n, int64_t id) {
    for (size_t i = 0; i < n; i++)
        if (v[i].id == id)
            return &v[i];
    return NULL;
}

/* "令和7年度・子育て相談窓口の拡充": how an entry is named in headings and buttons. */
static const char *entry_label(struct req *r, const struct reallocation *x) {
    return arena_printf(&r->arena, "%s%s%s", tr_fy_text(r, x->fy), tr(r, M_P_LIST), x->service);
}

/* Freed against reallocated hours. */
static void figures(struct req *r, const struct workload_summary *s) {
    html_printf(&r->out, "<dl class=\"facts wl-facts\" id=\"reallocation-figures\">\n"
                         "<div><dt>%s</dt><dd id=\"freed-projected\">%s</dd></div>\n",
                tr(r, M_RA_FREED_PROJECTED), workload_hours_unit(r, s->totals.baseline - s->totals.projected));
    if (s->realised_fy)
        html_printf(&r->out, "<div><dt>%s</dt><dd id=\"freed-realised\">%s<br>%s</dd></div>\n", tr(r, M_RA_FREED_REALISED),
                    workload_hours_unit(r, s->totals.baseline - s->realised_hours),
                    arena_printf(&r->arena, tr(r, M_WL_LATER_SURVEY), tr_fy_text(r, s->realised_fy)));
    html_printf(&r->out, "<div><dt>%s</dt><dd id=\"reallocated-hours\">%s</dd></div>\n</dl>\n", tr(r, M_RA_REALLOCATED),
                workload_hours_unit(r, s->reallocated_hours));
}

static void table(struct req *r, const struct workload_summary *s, const struct matrix_measure *ms, size_t n_ms) {
    html_table_scroll(r, tr(r, M_RA_TITLE));
    html_printf(&r->out, "<table class=\"grid\" id=\"reallocations-table\"><thead><tr><th scope=\"col\">%s</th>"
                         "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th></tr></thead><tbody>\n",
                tr(r, M_RA_FY), tr(r, M_RA_HOURS), tr(r, M_RA_SERVICE), tr(r, M_MEASURE), tr(r, M_RA_NOTE));
    for (size_t i = 0; i < s->n_reallocations; i++) {
        const struct reallocation *x = &s->reallocations[i];
        const struct matrix_measure *m = measure_of(ms, n_ms, x->measure_id);
        html_printf(&r->out, "<tr id=\"reallocation-%D\"><td>%s</td><td class=\"num\">%s</td><th scope=\"row\">%s</th><td>",
                    x->id, tr_fy_text(r, x->fy), workload_hours_unit(r, x->hours), x->service);
        if (m)
            html_printf(&r->out, "<a href=\"/measures/%D\">%s %s</a>", m->id, m->key, m->title);
        html_printf(&r->out, "</td><td>%s</td></tr>\n", x->note);
    }
    html_printf(&r->out, "</tbody><tfoot><tr><th scope=\"row\">%s</th><td class=\"num\">%s</td><td colspan=\"3\"></td></tr></tfoot>"
                         "</table></div>\n",
                tr(r, M_WL_TOTAL), workload_hours_unit(r, s->reallocated_hours));
}

/* The fields of an entry, with the values given (or those typed, e). */
static void fields(struct req *r, int64_t id, const struct reallocation_form *e, const struct matrix_measure *ms,
                   size_t n_ms, const char *fy, const char *hours, const char *service, const char *measure,
                   const char *note) {
    form_text(r, fid(r, id, "fy"), tr(r, M_RA_FY), e ? e->fy : fy, e ? e->e_fy : NULL, tr(r, M_RA_FY_HINT));
    form_text(r, fid(r, id, "hours"), tr(r, M_RA_HOURS), e ? e->hours : hours, e ? e->e_hours : NULL,
              tr(r, M_RA_HOURS_HINT));
    form_text(r, fid(r, id, "service"), tr(r, M_RA_SERVICE), e ? e->service : service, e ? e->e_service : NULL, NULL);
    form_select(r, fid(r, id, "measure"), tr(r, M_MEASURE), org_measure_options(r, ms, n_ms), n_ms + 1,
                e ? e->measure : measure, e ? e->e_measure : NULL, NULL);
    form_textarea(r, fid(r, id, "note"), tr(r, M_RA_NOTE), e ? e->note : note, e ? e->e_note : NULL, NULL, 2);
}

/* The hidden fields of every form: the CSRF token and the survey year shown. */
static void view_fields(struct req *r, const struct workload_summary *s) {
    html_csrf_field(r);
    html_printf(&r->out, "<input type=\"hidden\" name=\"view-fy\" value=\"%d\">\n", s->survey_fy);
}

static void office_forms(struct req *r, const struct org *o, const struct workload_summary *s,
                         const struct reallocation_form *e, const struct matrix_measure *ms, size_t n_ms) {
    const struct reallocation_form *fe = e && !e->id ? e : NULL;
    html_printf(&r->out, "<section class=\"form-part no-print\" id=\"reallocation-add\"><h3>%s</h3>\n", tr(r, M_RA_ADD_TITLE));
    if (fe)
        form_error_summary(r, NULL);
    html_printf(&r->out, "<form method=\"post\" action=\"/orgs/%u/workload/reallocations\" novalidate>\n", o->code);
    view_fields(r, s);
    fields(r, 0, fe, ms, n_ms, "", "", "", "", "");
    html_printf(&r->out, "<p><button type=\"submit\">%s</button></p>\n</form>\n</section>\n", tr(r, M_RA_ADD));
    if (!s->n_reallocations)
        return;
    html_printf(&r->out, "<section class=\"form-part no-print\" id=\"reallocation-list\"><h3>%s</h3>\n", tr(r, M_RA_LIST_TITLE));
    for (size_t i = 0; i < s->n_reallocations; i++) {
        const struct reallocation *x = &s->reallocations[i];
        fe = e && e->id == x->id ? e : NULL;
        const char *label = entry_label(r, x);
        html_printf(&r->out, "<section id=\"reallocation-edit-%D\"><h4>%s</h4>\n", x->id, label);
        if (fe)
            form_error_summary(r, NULL);
        html_printf(&r->out, "<form method=\"post\" action=\"/reallocations/%D/edit\" novalidate>\n", x->id);
        view_fields(r, s);
        fields(r, x->id, fe, ms, n_ms, arena_printf(&r->arena, "%d", x->fy), arena_printf(&r->arena, "%.10g", x->hours),
               x->service, x->measure_id ? arena_printf(&r->arena, "%lld", (long long)x->measure_id) : "",
               x->note ? x->note : "");
        html_printf(&r->out, "<p><button type=\"submit\">%s</button></p>\n</form>\n", tr(r, M_MX_SAVE));
        html_printf(&r->out, "<form method=\"post\" action=\"/reallocations/%D/delete\">\n", x->id);
        view_fields(r, s);
        html_printf(&r->out, "<p><button type=\"submit\" class=\"secondary\" aria-label=\"%s\">%s</button></p>\n</form>\n</section>\n",
                    arena_printf(&r->arena, "%s%s%s", tr(r, M_RA_DELETE), tr(r, M_P_COLON), label), tr(r, M_RA_DELETE));
    }
    html_printf(&r->out, "</section>\n");
}

void html_reallocations(struct req *r, const struct org *o, const struct workload_summary *s,
                        const struct reallocation_form *e) {
    struct matrix_measure *ms = NULL;
    size_t n_ms = 0;
    if (store_matrix_measures(r->db, &r->arena, o->id, &ms, &n_ms) < 0)
        n_ms = 0;                       /* the entries show without their measure's title */
    html_printf(&r->out, "<section aria-labelledby=\"reallocations\"><h2 id=\"reallocations\">%s</h2>\n<p>%s</p>\n",
                tr(r, M_RA_TITLE), tr(r, M_RA_INTRO));
    const char *done = req_query(r, "reallocation");
    if (done && (strcmp(done, "saved") == 0 || strcmp(done, "deleted") == 0))
        html_printf(&r->out, "<div class=\"notice\" role=\"status\" id=\"reallocation-notice\"><p>%s</p></div>\n",
                    tr(r, strcmp(done, "saved") == 0 ? M_RA_SAVED : M_RA_DELETED));
    figures(r, s);
    if (s->n_reallocations)
        table(r, s, ms, n_ms);
    else
        html_printf(&r->out, "<p id=\"no-reallocations\">%s</p>\n", tr(r, M_RA_NONE));
    if (authz_allows(r, PERM_OFFICE))
        office_forms(r, o, s, e, ms, n_ms);
    html_printf(&r->out, "</section>\n");
}

/* ---- the writes */

/* Reads the fields of entry id's form (0: the add form) into p and e: false when one is wrong. */
static bool entry_read(struct req *r, int64_t id, struct reallocation_patch *p, struct reallocation_form *e) {
    e->id = id;
    e->fy = form_trimmed(r, fid(r, id, "fy"));
    e->hours = form_trimmed(r, fid(r, id, "hours"));
    e->service = form_trimmed(r, fid(r, id, "service"));
    e->measure = form_trimmed(r, fid(r, id, "measure"));
    e->note = form_trimmed(r, fid(r, id, "note"));
    bool ok = true;
    p->set_fy = p->set_hours = p->set_measure = true;
    if (fy_parse(e->fy, &p->fy) < 0)
        e->e_fy = tr(r, M_ERR_FY), ok = false;
    if (number_parse(e->hours, &p->hours, NULL) < 0 || p->hours < 0)
        e->e_hours = tr(r, M_RA_ERR_HOURS), ok = false;
    if ((e->e_service = form_check(r, e->service, &field_label, true)))
        ok = false;
    if ((e->e_note = form_check(r, e->note, &field_text, false)))
        ok = false;
    p->measure_id = form_id(e->measure);
    if (*e->measure && !p->measure_id)
        e->e_measure = tr(r, M_MX_ERR_MEASURE), ok = false;
    p->service = e->service;
    p->note = e->note;
    return ok;
}

/* A store refusal as the form's error; false when it is none of the form's fields. */
static bool store_refusal(struct req *r, int rc, const struct edit_fail *fail, struct reallocation_form *e) {
    if (rc != KW_EINVAL || !fail->field[0])
        return false;
    if (strcmp(fail->field, "measure_id") == 0)
        e->e_measure = tr(r, M_MX_ERR_MEASURE);
    else if (strcmp(fail->field, "hours") == 0)
        e->e_hours = tr(r, M_RA_ERR_HOURS);
    else
        return false;
    return true;
}

/* The organisation of the request and the survey year the form came from; false after an error page. */
static bool view_read(struct req *r, struct org *o, int *fy) {
    *fy = 0;
    int rc = store_org_by_id(r->db, &r->arena, r->target_org_id, o);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return false;
    }
    const char *v = form_trimmed(r, "view-fy");
    if (*v && fy_parse(v, fy) < 0)
        *fy = 0;
    return true;
}

/* The workload page again with the form's errors: 422. */
static void refuse(struct req *r, const struct org *o, int fy, const struct reallocation_form *e) {
    buf_reset(&r->out);
    workload_render(r, o, fy, e);
    r->status = 422;
}

static void back(struct req *r, const struct org *o, int fy, const char *done) {
    resp_redirect(r, fy ? arena_printf(&r->arena, "/orgs/%s/workload?fy=%d&reallocation=%s#reallocations", o->code, fy, done)
                        : arena_printf(&r->arena, "/orgs/%s/workload?reallocation=%s#reallocations", o->code, done));
}

/* A write's answer: back with the notice, the form again for a refusal of its fields, else the error. */
static void answer(struct req *r, int rc, const struct edit_fail *fail, const struct org *o, int fy,
                   struct reallocation_form *e, const char *done) {
    if (rc < 0 && store_refusal(r, rc, fail, e))
        refuse(r, o, fy, e);
    else if (rc < 0)
        resp_store_error(r, rc, NULL, NULL);
    else
        back(r, o, fy, done);
}

/* POST /orgs/{code}/workload/reallocations */
void page_reallocation_create(struct req *r) {
    struct org o;
    int fy;
    if (req_parse_form(r) < 0 || !view_read(r, &o, &fy))
        return;
    struct reallocation_form e = {0};
    struct reallocation_patch p = {0};
    if (!entry_read(r, 0, &p, &e)) {
        refuse(r, &o, fy, &e);
        return;
    }
    struct edit_fail fail = {0};
    int64_t id = 0;
    int rc = store_reallocation_create(r->db, o.id, &p, req_actor(r), &id, &fail);
    answer(r, rc, &fail, &o, fy, &e, "saved");
}

/* POST /reallocations/{id}/edit */
void page_reallocation_update(struct req *r) {
    int64_t id;
    struct org o;
    int fy;
    if (!req_param_id(r, 0, &id) || req_parse_form(r) < 0 || !view_read(r, &o, &fy))
        return;
    struct reallocation_form e = {0};
    struct reallocation_patch p = {0};
    if (!entry_read(r, id, &p, &e)) {
        refuse(r, &o, fy, &e);
        return;
    }
    struct edit_fail fail = {0};
    int rc = store_reallocation_update(r->db, id, &p, req_actor(r), &fail);
    answer(r, rc, &fail, &o, fy, &e, "saved");
}

/* POST /reallocations/{id}/delete */
void page_reallocation_delete(struct req *r) {
    int64_t id;
    struct org o;
    int fy;
    if (!req_param_id(r, 0, &id) || req_parse_form(r) < 0 || !view_read(r, &o, &fy))
        return;
    struct edit_fail fail = {0};
    int rc = store_reallocation_delete(r->db, id, req_actor(r), &fail);
    if (rc < 0)
        resp_store_error(r, rc, NULL, NULL);
    else
        back(r, &o, fy, "deleted");
}
