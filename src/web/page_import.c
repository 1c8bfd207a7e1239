/* The page that imports a plan's KPI measurements from an uploaded CSV file
 * (/plans/{id}/measurements/import): the upload form with the columns it understands, every
 * problem of a refused file listed by line next to the form, and after a good file (Post,
 * Redirect, Get) how many measurements were added. The import itself is
 * xfer/measurement_csv.c, shared with the CLI and the API. */
#include <stdlib.h>
#include <string.h>
#include "http/session.h"
#include "core/errors.h"
#include "store/store.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "xfer/measurement_csv.h"

struct import_page {
    int64_t plan_id;
    struct org org;
    const char *plan_title;
};

/* The plan of the URL with its organisation; false after a 404 page. */
static bool load_plan(struct req *r, struct import_page *p) {
    struct location loc;
    struct plan_summary *plans;
    size_t n;
    if (!req_param_id(r, 0, &p->plan_id) || store_locate(r->db, ENTITY_PLAN, p->plan_id, &loc) < 0 ||
        store_org_by_id(r->db, &r->arena, loc.org_id, &p->org) < 0 ||
        store_plan_list(r->db, &r->arena, loc.org_id, &plans, &n) < 0) {
        page_not_found(r);
        return false;
    }
    p->plan_title = "";
    for (size_t i = 0; i < n; i++)
        if (plans[i].id == p->plan_id)
            p->plan_title = plans[i].draft.title;
    return true;
}

static void columns_table(struct req *r) {
    static const struct { enum msg content; const char *ja, *en; } rows[] = {
        {M_CSV_COL_MEASURE, "施策コード", "measure_code"},
        {M_CSV_COL_KPI, "指標名", "kpi"},
        {M_CSV_COL_PERIOD, "時点", "period"},
        {M_CSV_COL_VALUE, "値", "value"},
        {M_CSV_COL_NOTE, "備考", "note"},
        {M_CSV_COL_SOURCE, "出典", "source"},
    };
    html_printf(&r->out, "<section aria-labelledby=\"columns\"><h2 id=\"columns\">%s</h2>\n", tr(r, M_CSV_COLUMNS));
    html_table_scroll(r, tr(r, M_CSV_COLUMNS));
    html_printf(&r->out, "<table class=\"grid\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
                tr(r, M_CSV_COLUMN), tr(r, M_CSV_CONTENT));
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        html_printf(&r->out, "<tr><th scope=\"row\">%s%s<span lang=\"en\">%s</span></th><td>%s</td></tr>\n", rows[i].ja,
                    tr(r, M_P_SLASH), rows[i].en, tr(r, rows[i].content));
    html_printf(&r->out, "</tbody></table></div>\n");
    html_printf(&r->out, "<h3>%s</h3>\n<pre><code>施策コード,指標名,時点,値,備考\n"
                         "1-1-3,窓口の平均対応時間削減割合,2025/3/31,12.5,窓口アンケート\n</code></pre>\n</section>\n",
                tr(r, M_CSV_EXAMPLE));
}

/* The problems of a refused file, each "N行目：列：…", above the form. */
static void error_list(struct req *r, const struct mcsv_report *rep) {
    bool ja = strcmp(r->lang, "en") != 0;
    html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\" id=\"import-errors\"><p>%s</p>\n<ul>\n",
                tr(r, M_CSV_FAILED));
    for (size_t i = 0; i < rep->n_errors; i++)
        html_printf(&r->out, "<li>%s</li>\n", mcsv_error_text(&r->arena, &rep->errors[i], ja));
    if (rep->more_errors)
        html_printf(&r->out, "<li>%s</li>\n", tr(r, M_CSV_MORE_ERRORS));
    html_printf(&r->out, "</ul></div>\n");
}

/* The whole page; added > 0 after a good import, rep with errors after a refused one,
 * file_error for a form without a file. */
static void render(struct req *r, const struct import_page *p, long added, const struct mcsv_report *rep,
                   const char *file_error) {
    char *org_href = arena_printf(&r->arena, "/orgs/%s", p->org.code);
    char *plan_href = arena_printf(&r->arena, "/plans/%lld", (long long)p->plan_id);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {p->org.name, org_href}, {p->plan_title, plan_href},
                             {tr(r, M_CSV_TITLE), NULL}};
    page_begin(r, tr(r, M_CSV_TITLE), crumbs, 4, NULL);
    html_printf(&r->out, "<h1>%s</h1>\n<p>%s</p>\n", tr(r, M_CSV_TITLE), tr(r, M_CSV_INTRO));
    if (added > 0)
        html_printf(&r->out, "<div class=\"notice\" role=\"status\" id=\"import-result\"><p>%D%s</p></div>\n",
                    (int64_t)added, tr(r, M_CSV_ADDED));
    bool has_errors = rep && rep->n_errors;
    if (has_errors)
        error_list(r, rep);
    const char *err = file_error ? file_error : has_errors ? tr(r, M_CSV_FIX_FILE) : NULL;
    html_printf(&r->out, "<form method=\"post\" action=\"/plans/%D/measurements/import\" enctype=\"multipart/form-data\" "
                         "class=\"form\" novalidate>\n<div class=\"field%r\">\n<label for=\"file\">%s</label>\n"
                         "<p class=\"hint\" id=\"file-hint\">%s</p>\n"
                         "<input id=\"file\" name=\"file\" type=\"file\" accept=\".csv,text/csv\" "
                         "aria-describedby=\"file-hint%r\"%r>\n",
                p->plan_id, err ? " has-error" : "", tr(r, M_CSV_FILE), tr(r, M_CSV_FILE_HINT),
                err ? " file-error" : "", err ? " aria-invalid=\"true\"" : "");
    html_csrf_field(r);
    html_field_error(r, "file", err);
    html_printf(&r->out, "</div>\n<p><button type=\"submit\">%s</button></p>\n</form>\n", tr(r, M_CSV_SUBMIT));
    columns_table(r);
    page_end(r);
}

/* GET /plans/{id}/measurements/import */
void page_measurement_import(struct req *r) {
    struct import_page p;
    if (!load_plan(r, &p))
        return;
    const char *added = req_query(r, "added");
    render(r, &p, added ? strtol(added, NULL, 10) : 0, NULL, NULL);
}

/* The uploaded file's own name, without any folder a browser may send. */
static const char *upload_name(const struct req_part *f) {
    if (!f->filename || !*f->filename)
        return NULL;
    const char *slash = strrchr(f->filename, '/'), *back = strrchr(f->filename, '\\');
    const char *base = back > slash ? back + 1 : slash ? slash + 1 : f->filename;
    return *base ? base : NULL;
}

/* POST /plans/{id}/measurements/import */
void page_measurement_import_post(struct req *r) {
    struct import_page p;
    if (!load_plan(r, &p))
        return;
    r->cacheable = false;
    const struct req_part *f = req_part(r, "file");
    if (!f || f->len == 0) {
        render(r, &p, 0, NULL, tr(r, M_CSV_NO_FILE));
        r->status = 422;
        return;
    }
    const char *name = upload_name(f);
    const struct actor *who = req_actor(r);
    struct mcsv_options opt = {who, name ? name : "csv", name, strcmp(r->lang, "en") != 0};
    struct mcsv_report rep;
    int rc = measurement_csv_import(r->db, &r->arena, p.plan_id, f->data, f->len, &opt, &rep);
    if (rc == KW_EINVAL) {
        render(r, &p, 0, &rep, NULL);
        r->status = 422;
        r->cacheable = false;
    } else if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
    } else {
        resp_redirect(r, arena_printf(&r->arena, "/plans/%lld/measurements/import?added=%zu", (long long)p.plan_id,
                                      rep.added));
    }
}
