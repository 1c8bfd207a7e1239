/* The upload of a workload survey (業務量調査の取込み, issue 14 point 1):
 * /orgs/{code}/workload/import, for the office and admins, and for reporters, who import their
 * own departments' surveys: a reporter's file that has rows of any other department is refused
 * whole (403, naming where those rows start), nothing changed. A multipart form with the CSV
 * file; the import is xfer/survey_csv.c's, as for `kawaru import --survey`: every row checked
 * first, all or nothing in one transaction with its audit entries. A refused file is listed
 * problem by problem with its line, in the page's language; a good one redirects (303) to the
 * workload page with what was imported. */
#include <string.h>
#include "core/errors.h"
#include "http/authz.h"
#include "http/session.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "xfer/survey_csv.h"

/* The office's, an admin's or a reporter's (who imports its own departments' surveys) right to
 * the page; false after replying 403. */
static bool may_import(struct req *r) {
    if (authz_allows(r, PERM_OFFICE) || authz_is_reporter(r))
        return true;
    authz_refuse(r);
    return false;
}

/* The problems of a refused file above the form: its errors, or the steps it would delete
 * while a means is applied to them. */
static void error_list(struct req *r, const struct survey_file *f, const struct survey_result *res, bool foreign) {
    bool ja = strcmp(r->lang, "en") != 0;
    html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\" id=\"import-errors\"><p>%s</p>\n<ul>\n",
                tr(r, foreign ? M_INV_UPLOAD_REFUSED : M_WL_IMPORT_FAILED));
    for (size_t i = 0; foreign && i < f->n_parts; i++)
        if (!authz_reports_for(r, f->parts[i].department_id))
            html_printf(&r->out, "<li>%s</li>\n",
                        arena_printf(&r->arena, tr(r, M_INV_NOT_YOURS), f->part_lines[i], f->parts[i].department_code,
                                     tr_fy_text(r, f->parts[i].survey_fy)));
    for (size_t i = 0; i < f->n_errors; i++)
        html_printf(&r->out, "<li>%s</li>\n", survey_error_text(&r->arena, &f->errors[i], ja));
    if (f->more_errors)
        html_printf(&r->out, "<li>%s</li>\n", tr(r, M_CSV_MORE_ERRORS));
    for (size_t i = 0; i < res->n_conflicts; i++)
        html_printf(&r->out, "<li>%s</li>\n", survey_conflict_text(&r->arena, &res->conflicts[i], ja));
    html_printf(&r->out, "</ul></div>\n");
}

/* For a reporter: which departments' surveys it may import. */
static void reporter_note(struct req *r, const struct org *o) {
    struct department *d;
    size_t n;
    if (!authz_is_reporter(r) || store_departments(r->db, &r->arena, o->id, &d, &n) < 0)
        return;
    const char *names = "";
    for (size_t i = 0; i < n; i++)
        if (authz_reports_for(r, d[i].id))
            names = arena_printf(&r->arena, "%s%s%s", names, *names ? tr(r, M_P_COMMA) : "", d[i].name);
    html_printf(&r->out, "<p id=\"reporter-note\">%s</p>\n", arena_printf(&r->arena, tr(r, M_INV_UPLOAD_OWN), names));
}

/* The page; f and res after a refused file (foreign: a reporter's, for rows of departments not
 * its own), file_error for a post without a file. */
static void render(struct req *r, const struct org *o, const struct survey_file *f, const struct survey_result *res,
                   const char *file_error, bool foreign) {
    char *org_href = arena_printf(&r->arena, "/orgs/%s", o->code);
    char *wl_href = arena_printf(&r->arena, "/orgs/%s/workload", o->code);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {o->name, org_href}, {tr(r, M_WL_SHORT), wl_href},
                             {tr(r, M_WL_IMPORT_TITLE), NULL}};
    page_begin(r, tr(r, M_WL_IMPORT_TITLE), crumbs, 4, NULL);
    html_printf(&r->out, "<h1>%s</h1>\n<p>%s</p>\n", tr(r, M_WL_IMPORT_TITLE), tr(r, M_WL_IMPORT_INTRO));
    reporter_note(r, o);
    bool has_errors = f && (f->n_errors || (res && res->n_conflicts) || foreign);
    if (has_errors)
        error_list(r, f, res, foreign);
    const char *err = file_error ? file_error : has_errors ? tr(r, M_WL_FIX_FILE) : NULL;
    html_printf(&r->out, "<form method=\"post\" action=\"/orgs/%s/workload/import\" enctype=\"multipart/form-data\" "
                         "class=\"form\" novalidate>\n<div class=\"field%r\">\n<label for=\"file\">%s</label>\n"
                         "<p class=\"hint\" id=\"file-hint\">%s</p>\n"
                         "<input id=\"file\" name=\"file\" type=\"file\" accept=\".csv,text/csv\" "
                         "aria-describedby=\"file-hint%r\"%r>\n",
                o->code, err ? " has-error" : "", tr(r, M_WL_FILE), tr(r, M_WL_FILE_HINT), err ? " file-error" : "",
                err ? " aria-invalid=\"true\"" : "");
    html_csrf_field(r);
    html_field_error(r, "file", err);
    html_printf(&r->out, "</div>\n<p><button type=\"submit\">%s</button></p>\n</form>\n", tr(r, M_WL_IMPORT_SUBMIT));
    html_printf(&r->out, "<p><a href=\"/orgs/%s/workload/survey.csv\">%s</a></p>\n", o->code, tr(r, M_WL_TEMPLATE));
    html_printf(&r->out, "<section aria-labelledby=\"example\"><h2 id=\"example\">%s</h2>\n", tr(r, M_WL_EXAMPLE));
    html_table_scroll(r, tr(r, M_WL_EXAMPLE));
    html_printf(&r->out, "<pre><code>"
                         "課コード,調査年度,業務コード,業務名,年間件数,手順番号,手順名,所要時間（分）,担い手,経路,紙,押印,対面,転記,決裁,備考\n"
                         "madoguchi,令和6年度,A01,住民票の写しの交付,\"12,000\",1,申請書の受付,5,正規職員,窓口,○,,○,,,\n"
                         "madoguchi,令和6年度,A01,住民票の写しの交付,\"12,000\",2,システム入力,3,会計年度任用職員,庁内,,,,○,,\n"
                         "</code></pre></div></section>\n");
    page_end(r);
}

/* GET /orgs/{code}/workload/import */
void page_workload_import(struct req *r) {
    struct org o;
    int rc = store_org_by_code(r->db, &r->arena, r->params[0], &o);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    r->cacheable = false;
    if (may_import(r))
        render(r, &o, NULL, NULL, NULL, false);
}

/* POST /orgs/{code}/workload/import */
void page_workload_import_post(struct req *r) {
    struct org o;
    int rc = store_org_by_code(r->db, &r->arena, r->params[0], &o);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    r->cacheable = false;
    if (!may_import(r))
        return;
    const struct req_part *f = req_part(r, "file");
    if (!f || f->len == 0) {
        render(r, &o, NULL, NULL, tr(r, M_WL_NO_FILE), false);
        r->status = 422;
        return;
    }
    struct survey_file file = {0};
    struct survey_result res = {0};
    rc = survey_csv_parse(r->db, &r->arena, o.id, f->data, f->len, strcmp(r->lang, "en") != 0, &file);
    bool others = false;        /* a reporter's file with rows of departments not its own */
    for (size_t i = 0; rc == 0 && !authz_allows(r, PERM_OFFICE) && i < file.n_parts; i++)
        others |= !authz_reports_for(r, file.parts[i].department_id);
    if (others) {
        render(r, &o, &file, &res, NULL, true);
        r->status = 403;
        return;
    }
    if (rc == 0)
        rc = store_survey_apply(r->db, &r->arena, o.id, file.parts, file.n_parts, req_actor(r), &res);
    if (rc == KW_EINVAL || rc == KW_ECONFLICT) {
        render(r, &o, &file, &res, NULL, false);
        r->status = rc == KW_EINVAL ? 422 : 409;
    } else if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
    } else {
        resp_redirect(r, arena_printf(&r->arena, "/orgs/%s/workload?fy=%d&imported=1&departments=%zu&businesses=%zu&steps=%zu",
                                      o.code, file.n_parts ? file.parts[0].survey_fy : 0, res.departments, res.businesses,
                                      res.steps));
    }
}
