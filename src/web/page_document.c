/* The page that replaces an organisation's plans by a plan document (/orgs/{code}/document/import,
 * issue 12): the office uploads a kawaru-plan/1 file, sees what would change — added, changed field
 * by field, moved, removed, history kept, and what is refused and why — and applies it with a
 * button. Both steps post the same form; the preview carries the document on to the apply. The
 * merge is xfer/doc_merge.c, as for the API and `kawaru import --replace`. A measure list in the
 * 個別業務一覧 layout (xlsx or CSV) is uploaded here too: xfer/sheet_import.h makes it the
 * organisation's document with its rows applied, and that document is previewed and applied. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "http/session.h"
#include "store/store.h"
#include "web/field_words.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "xfer/doc_merge.h"
#include "xfer/import.h"
#include "xfer/plan_doc.h"
#include "xfer/sheet_import.h"
#include "web/form.h"

/* The organisation of the URL; false after a 404 page. */
static bool load_org(struct req *r, struct org *o) {
    if (r->nparams < 1 || store_org_by_code(r->db, &r->arena, r->params[0], o) < 0) {
        page_not_found(r);
        return false;
    }
    return true;
}

static void begin(struct req *r, const struct org *o) {
    char *org_href = arena_printf(&r->arena, "/orgs/%s", o->code);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {o->name, org_href}, {tr(r, M_DOC_TITLE), NULL}};
    page_begin(r, tr(r, M_DOC_TITLE), crumbs, 3, NULL);
    r->cacheable = false;
    html_printf(&r->out, "<h1>%s</h1>\n<p>%s</p>\n", tr(r, M_DOC_TITLE), tr(r, M_DOC_INTRO));
}

/* The choice of the plan a measure list is for, when the organisation has several. */
static void plan_choice(struct req *r, const struct org *o) {
    struct plan_summary *plans;
    size_t n;
    if (store_plan_list(r->db, &r->arena, o->id, &plans, &n) < 0 || n < 2)
        return;
    struct form_option *opts = arena_alloc(&r->arena, (n + 1) * sizeof *opts);
    opts[0] = (struct form_option){"", tr(r, M_XL_PLAN_FROM_FILE)};
    for (size_t i = 0; i < n; i++)
        opts[i + 1] = (struct form_option){arena_printf(&r->arena, "%lld", (long long)plans[i].id), plans[i].draft.title};
    const struct req_part *chosen = req_part(r, "plan");
    form_select(r, "plan", tr(r, M_XL_PLAN), opts, n + 1,
                chosen ? arena_strndup(&r->arena, chosen->data, chosen->len) : NULL, NULL, NULL);
}

/* The upload form; err marks the file field. */
static void upload_form(struct req *r, const struct org *o, const char *err) {
    html_printf(&r->out, "<form method=\"post\" action=\"/orgs/%s/document/import\" enctype=\"multipart/form-data\" "
                         "class=\"form\" novalidate>\n<div class=\"field%r\">\n<label for=\"file\">%s</label>\n"
                         "<p class=\"hint\" id=\"file-hint\">%s %s <a href=\"/api/v1/orgs/%s/document\" download>%s</a></p>\n"
                         "<input id=\"file\" name=\"file\" type=\"file\" accept=\".json,.xlsx,.csv,application/json,text/csv,"
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\" "
                         "aria-describedby=\"file-hint%r\"%r>\n",
                o->code, err ? " has-error" : "", tr(r, M_XL_FILE), tr(r, M_DOC_FILE_HINT), tr(r, M_XL_FILE_HINT), o->code,
                tr(r, M_DOC_DOWNLOAD), err ? " file-error" : "", err ? " aria-invalid=\"true\"" : "");
    html_field_error(r, "file", err);
    html_printf(&r->out, "</div>\n");
    plan_choice(r, o);
    html_csrf_field(r);
    html_printf(&r->out, "<div class=\"field\"><label class=\"check\"><input type=\"checkbox\" name=\"prune\" value=\"1\"> %s"
                         "</label></div>\n<p><button type=\"submit\">%s</button></p>\n</form>\n",
                tr(r, M_DOC_PRUNE), tr(r, M_DOC_PREVIEW));
}

/* GET /orgs/{code}/document/import */
void page_document_import(struct req *r) {
    struct org o;
    if (!load_org(r, &o))
        return;
    begin(r, &o);
    const char *applied = req_query(r, "applied");
    if (applied)
        html_printf(&r->out, "<div class=\"notice\" role=\"status\" id=\"import-result\"><p>%s%s</p></div>\n", applied,
                    tr(r, M_DOC_APPLIED));
    upload_form(r, &o, NULL);
    page_end(r);
}

/* The problems of a document that is not valid, by path. */
static void document_errors(struct req *r, const struct doc_errors *errs) {
    html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\" id=\"import-errors\"><p>%s</p>\n<ul>\n",
                tr(r, M_DOC_INVALID));
    for (size_t i = 0; i < errs->n; i++)
        html_printf(&r->out, "<li><code>%s</code> %s</li>\n", errs->items[i].path, errs->items[i].message);
    html_printf(&r->out, "</ul></div>\n");
}

/* The text of the posted document: the uploaded file, or the one the preview carried on. */
static const struct req_part *posted_document(struct req *r) {
    const struct req_part *f = req_part(r, "file");
    if (f && f->len)
        return f;
    f = req_part(r, "document");
    return f && f->len ? f : NULL;
}

/* The preview: the change list and, unless something is refused, the button that applies it. */
static void preview(struct req *r, const struct org *o, const struct req_part *text, bool prune,
                    const struct merge_result *res) {
    if (res->created)
        html_printf(&r->out, "<p id=\"import-summary\">%s</p>\n", tr(r, M_DOC_NEW_ORG));
    else if (res->n == 0)
        html_printf(&r->out, "<p id=\"import-summary\">%s</p>\n", tr(r, M_DIFF_NONE));
    else
        html_printf(&r->out, "<p id=\"import-summary\">%D%s</p>\n", (int64_t)res->n, tr(r, M_DOC_CHANGES));
    if (res->refused)
        html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\"><p>%D%s</p></div>\n", (int64_t)res->refused,
                    tr(r, M_DOC_REFUSED));
    if (res->n)
        html_changes(r, res->changes, res->n, &(struct field_words){.r = r}, tr(r, M_DOC_TITLE));
    html_printf(&r->out, "<form method=\"post\" action=\"/orgs/%s/document/import\" enctype=\"multipart/form-data\" "
                         "class=\"form\">\n<input type=\"hidden\" name=\"document\" value=\"", o->code);
    struct buf doc = BUF_INIT;                    /* the part's bytes as one string */
    buf_append(&doc, text->data, text->len);
    html_escape(&r->out, buf_cstr(&doc));
    buf_free(&doc);
    html_printf(&r->out, "\">\n");
    html_csrf_field(r);
    html_printf(&r->out, "<div class=\"field\"><label class=\"check\"><input type=\"checkbox\" name=\"prune\" value=\"1\"%r>"
                         " %s</label></div>\n<p>", prune ? " checked" : "", tr(r, M_DOC_PRUNE));
    if (!res->refused && (res->n || res->created))
        html_printf(&r->out, "<button type=\"submit\" name=\"apply\" value=\"1\">%s</button> ", tr(r, M_DOC_APPLY));
    html_printf(&r->out, "<button type=\"submit\" class=\"secondary\">%s</button></p>\n</form>\n", tr(r, M_DOC_PREVIEW));
}

/* A measure list's problems: the file's, and each row's with its number. */
static void sheet_errors(struct req *r, const struct sheet_import *si) {
    bool ja = strcmp(r->lang, "en") != 0;
    html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\" id=\"import-errors\"><p>%s</p>\n<ul>\n",
                sheet_import_problem_text(&r->arena, si, ja));
    for (size_t i = 0; i < si->result.n_problems; i++)
        html_printf(&r->out, "<li>%s</li>\n", measure_list_problem_text(&r->arena, &si->result.problems[i], ja));
    html_printf(&r->out, "</ul></div>\n");
}

/* What a measure list's rows came to: how many were read and the columns left unread. */
static void sheet_notes(struct req *r, const struct sheet_import *si) {
    html_printf(&r->out, "<p id=\"sheet-rows\">%D%s</p>\n", (int64_t)si->result.rows, tr(r, M_XL_ROWS));
    if (!si->result.n_not_read)
        return;
    html_printf(&r->out, "<p id=\"sheet-not-read\">%s", tr(r, M_XL_NOT_READ));
    for (size_t i = 0; i < si->result.n_not_read; i++)
        html_printf(&r->out, "%r%s", i ? tr(r, M_P_COMMA) : "", si->result.not_read[i]);
    html_printf(&r->out, "</p>\n");
}

/* An uploaded file that is not a JSON document: a measure list. */
static bool is_sheet(const struct req_part *f) {
    size_t i = 0;
    if (f->len >= 3 && memcmp(f->data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < f->len && (f->data[i] == ' ' || f->data[i] == '\n' || f->data[i] == '\r' || f->data[i] == '\t'))
        i++;
    return i < f->len && f->data[i] != '{';
}

/* POST /orgs/{code}/document/import */
void page_document_import_post(struct req *r) {
    struct org o;
    if (!load_org(r, &o))
        return;
    const struct req_part *text = posted_document(r);
    const struct req_part *apply = req_part(r, "apply"), *prune_part = req_part(r, "prune");
    struct merge_opts opts = {.prune = prune_part && prune_part->len, .dry_run = !(apply && apply->len)};
    begin(r, &o);
    if (!text) {
        upload_form(r, &o, tr(r, M_DOC_NO_FILE));
        page_end(r);
        r->status = 422;
        return;
    }
    struct org_doc doc;
    struct sheet_import si = {0};
    struct req_part generated;                    /* the document a measure list came to */
    bool sheet = text == req_part(r, "file") && is_sheet(text);
    if (sheet) {                                  /* a measure list: the document with its rows */
        const struct req_part *plan = req_part(r, "plan");
        int64_t plan_id = plan && plan->len ? strtoll(arena_strndup(&r->arena, plan->data, plan->len), NULL, 10) : 0;
        int rc = sheet_import_prepare(r->db, &r->arena, text->data, text->len, o.code, plan_id,
                                      strcmp(r->lang, "en") != 0, &si);
        if (rc == KW_EINVAL) {
            sheet_errors(r, &si);
            upload_form(r, &o, tr(r, M_DOC_FIX_FILE));
            page_end(r);
            r->status = 422;
            return;
        }
        if (rc < 0) {
            resp_store_error(r, rc, NULL, "the measure list could not be read");
            return;
        }
        struct buf json = BUF_INIT;             /* checked below as any document is */
        plan_doc_write(&json, &si.doc, 0);
        generated = (struct req_part){.name = "document", .data = arena_memdup(&r->arena, json.data, json.len + 1),
                                      .len = json.len};
        text = &generated;
        buf_free(&json);
        sheet_notes(r, &si);
    }
    struct doc_errors errs;
    if (plan_doc_parse(text->data, text->len, &r->arena, &doc, &errs) < 0 || strcmp(doc.org.code, o.code) != 0 ||
        plan_doc_check_stored(r->db, &r->arena, &doc, &errs) < 0) {
        if (strcmp(errs.items[0].message, "") == 0 || errs.total == 0) {
            snprintf(errs.items[0].path, sizeof errs.items[0].path, "org.code");
            snprintf(errs.items[0].message, sizeof errs.items[0].message, "%s", tr(r, M_DOC_OTHER_ORG));
            errs.n = errs.total = 1;
        }
        document_errors(r, &errs);
        upload_form(r, &o, tr(r, M_DOC_FIX_FILE));
        page_end(r);
        r->status = 422;
        return;
    }
    struct merge_result res;
    int rc = doc_merge(r->db, &r->arena, &doc, &opts, req_actor(r), &res);
    if (rc < 0 && rc != KW_ECONFLICT) {
        resp_store_error(r, rc, NULL, "the document could not be merged");
        return;
    }
    if (rc == 0 && !opts.dry_run) {
        buf_reset(&r->out);
        resp_redirect(r, arena_printf(&r->arena, "/orgs/%s/document/import?applied=%zu", o.code, res.n));
        return;
    }
    preview(r, &o, text, opts.prune, &res);
    page_end(r);
    if (rc == KW_ECONFLICT)
        r->status = 409;
}
