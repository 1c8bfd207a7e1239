/* A plan's working draft as spreadsheets, for its organisation's members (SPEC §3.12): the
 * workbook (個別業務一覧 and the other tables, xfer/workbook.h) and one table as CSV, in UTF-8 with
 * a byte order mark or in Shift_JIS (?encoding=cp932). What the public may download is the open
 * data of the published version. */
#include <string.h>
#include "core/errors.h"
#include "http/authz.h"
#include "store/store.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "xfer/csv_out.h"
#include "xfer/workbook.h"

struct export {
    struct org_doc doc;
    const struct plan *plan;
    struct sheet *tables;
    size_t n;
};

/* The plan of the URL with its organisation's document and tables; false after an error reply. */
static bool load(struct req *r, struct export *x) {
    int64_t plan_id, org_id;
    struct org o;
    int rc = req_param_id(r, 0, &plan_id) ? store_plan_org(r->db, plan_id, &org_id) : KW_ENOTFOUND;
    if (rc == 0)
        rc = store_org_by_id(r->db, &r->arena, org_id, &o);
    if (rc == 0)
        rc = store_org_doc_load(r->db, &r->arena, o.code, &x->doc);
    x->plan = NULL;
    for (size_t i = 0; rc == 0 && i < x->doc.n_plans; i++)
        if (x->doc.plans[i].id == plan_id)
            x->plan = &x->doc.plans[i];
    if (rc == 0 && !x->plan)
        rc = KW_ENOTFOUND;
    if (rc == 0)
        rc = workbook_tables(r->db, &r->arena, &x->doc, x->plan, &x->tables, &x->n);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the plan could not be read");
        return false;
    }
    r->cacheable = false;                   /* the working draft: members only, never kept */
    return true;
}

/* attachment; a plain ASCII name and the Japanese one (RFC 6266 / 5987). */
static void attachment(struct req *r, const struct export *x, const char *what, const char *ext) {
    struct buf b = BUF_INIT;
    buf_printf(&b, "attachment; filename=\"kawaru-%s-plan%lld-%s.%s\"; filename*=UTF-8''", x->doc.org.code,
               (long long)x->plan->id, what, ext);
    url_escape_path(&b, arena_printf(&r->arena, "%s_%s.%s", x->doc.org.name, x->plan->title, ext));
    resp_header(r, "Content-Disposition", arena_strdup(&r->arena, buf_cstr(&b)));
    buf_free(&b);
}

/* GET /plans/{id}/export.xlsx */
void page_plan_export_xlsx(struct req *r) {
    struct export x;
    if (!load(r, &x))
        return;
    const char *problem;
    if (workbook_xlsx(&r->out, &r->arena, x.tables, x.n, &x.doc.org, x.plan, &problem) < 0) {
        buf_reset(&r->out);
        resp_error(r, 500, "export_failed", problem ? problem : "the workbook could not be written", NULL);
        return;
    }
    r->content_type_out = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    attachment(r, &x, "measures", "xlsx");
    r->status = 200;
}

/* GET /plans/{id}/export.csv */
void page_plan_export_csv(struct req *r) {
    const char *table = req_query(r, "table"), *encoding = req_query(r, "encoding");
    bool cp932 = encoding && strcmp(encoding, "cp932") == 0;
    if (encoding && !cp932 && strcmp(encoding, "utf-8") != 0) {
        resp_error(r, 400, "bad_encoding", "encoding must be utf-8 or cp932", "encoding");
        return;
    }
    struct export x;
    if (!load(r, &x))
        return;
    const struct sheet *s = workbook_table(x.tables, x.n, table ? table : "measures");
    if (!s) {
        resp_error(r, 404, "not_found",
                   arena_printf(&r->arena, "no table '%s'; the tables are %s", table, workbook_table_names(&r->arena, x.tables, x.n)),
                   "table");
        return;
    }
    if (csv_write_sheet(&r->out, s, cp932 ? CSV_CP932 : CSV_UTF8_BOM, NULL) < 0) {
        buf_reset(&r->out);
        resp_error(r, 500, "export_failed", "this system cannot write Shift_JIS", NULL);
        return;
    }
    r->content_type_out = cp932 ? "text/csv; charset=shift_jis" : "text/csv; charset=utf-8";
    attachment(r, &x, s->file, "csv");
    r->status = 200;
}

void html_plan_downloads(struct req *r, const struct plan *p, const char *org_code) {
    html_printf(&r->out, "<section class=\"no-print\" aria-labelledby=\"downloads\"><h2 id=\"downloads\">%s</h2>\n"
                         "<ul class=\"inline-list\"><li><a href=\"/plans/%D/export.xlsx\" download>%s</a></li>"
                         "<li><a href=\"/plans/%D/export.csv\" download>%s</a></li>"
                         "<li><a href=\"/plans/%D/export.csv?encoding=cp932\" download>%s</a></li>",
                tr(r, M_XL_SECTION), p->id, tr(r, M_XL_WORKBOOK), p->id, tr(r, M_XL_CSV), p->id, tr(r, M_XL_CSV_SJIS));
    if (authz_allows(r, PERM_OFFICE))
        html_printf(&r->out, "<li><a href=\"/orgs/%s/document/import\">%s</a></li>", org_code, tr(r, M_XL_IMPORT));
    html_printf(&r->out, "</ul>\n<p class=\"hint\">%s</p></section>\n", tr(r, M_XL_WORKBOOK_HINT));
}
