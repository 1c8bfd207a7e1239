/* The administration page of API tokens (/admin/tokens): each organisation's tokens with their
 * visible prefix, use and state, a revoke button (a POST form) for every live one, and the form
 * that makes a new token. A new token is shown once, on the page that answers the form, with
 * the note that it cannot be shown again; the store keeps only its hash (store_token.h). */
#include <string.h>
#include "http/session.h"
#include "core/errors.h"
#include "store/store.h"
#include "store/store_token.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "web/when.h"

struct token_form {
    const char *org, *name;
    const char *err_org, *err_name;
};


static void begin(struct req *r, const char *title, bool sub_page) {
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {tr(r, M_TOK_TITLE), sub_page ? "/admin/tokens" : NULL},
                             {title, NULL}};
    page_begin(r, title, crumbs, sub_page ? 3 : 2, NULL);
}

static void org_select(struct req *r, const struct org *orgs, size_t n, const struct token_form *f) {
    html_printf(&r->out, "<div class=\"field%r\">\n<label for=\"org\">%s</label>\n<select id=\"org\" name=\"org\"%r%r>\n",
                f->err_org ? " has-error" : "", tr(r, M_TOK_ORG), f->err_org ? " aria-invalid=\"true\"" : "",
                f->err_org ? " aria-describedby=\"org-error\"" : "");
    for (size_t i = 0; i < n; i++)
        html_printf(&r->out, "<option value=\"%s\"%r>%s%s</option>\n", orgs[i].code,
                    f->org && strcmp(f->org, orgs[i].code) == 0 ? " selected" : "", orgs[i].name, tr_paren(r, orgs[i].code));
    html_printf(&r->out, "</select>\n");
    html_field_error(r, "org", f->err_org);
    html_printf(&r->out, "</div>\n");
}

static void create_form(struct req *r, const struct org *orgs, size_t n, const struct token_form *f) {
    html_printf(&r->out, "<section aria-labelledby=\"new-token\"><h2 id=\"new-token\">%s</h2>\n", tr(r, M_TOK_NEW));
    if (f->err_org || f->err_name)
        html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\"><p>%s</p></div>\n", tr(r, M_FORM_ERRORS));
    html_printf(&r->out, "<form method=\"post\" action=\"/admin/tokens\" class=\"form\" novalidate>\n");
    html_csrf_field(r);
    org_select(r, orgs, n, f);
    html_printf(&r->out, "<div class=\"field%r\">\n<label for=\"name\">%s</label>\n<p class=\"hint\" id=\"name-hint\">%s</p>\n"
                         "<input id=\"name\" name=\"name\" type=\"text\" maxlength=\"%d\" value=\"%s\" "
                         "aria-describedby=\"name-hint%r\"%r>\n",
                f->err_name ? " has-error" : "", tr(r, M_TOK_NAME), tr(r, M_TOK_NAME_HINT), TOKEN_MAX_NAME,
                f->name ? f->name : "", f->err_name ? " name-error" : "", f->err_name ? " aria-invalid=\"true\"" : "");
    html_field_error(r, "name", f->err_name);
    html_printf(&r->out, "</div>\n<p><button type=\"submit\">%s</button></p>\n</form>\n</section>\n", tr(r, M_TOK_CREATE));
}

static void token_row(struct req *r, const struct api_token *t) {
    html_printf(&r->out, "<tr><td>%s</td><td><code>%s…</code></td><td>", t->name, t->prefix);
    html_when(r, t->created_at);
    html_printf(&r->out, "</td><td>%s</td><td>", t->created_by);
    html_when(r, t->last_used_at);
    html_printf(&r->out, "</td><td>%s</td><td>", t->revoked_at ? tr(r, M_TOK_REVOKED) : tr(r, M_TOK_LIVE));
    if (!t->revoked_at) {
        html_printf(&r->out, "<form method=\"post\" action=\"/admin/tokens/%D/revoke\">", t->id);
        html_csrf_field(r);
        html_printf(&r->out, "<button type=\"submit\" class=\"secondary\" aria-label=\"%s %s\">%s</button></form>",
                    t->name, tr(r, M_TOK_REVOKE), tr(r, M_TOK_REVOKE));
    }
    html_printf(&r->out, "</td></tr>\n");
}

/* One organisation's tokens as a table (tokens are sorted by organisation code). */
static void org_tokens(struct req *r, const struct org *o, const struct api_token *v, size_t n) {
    html_printf(&r->out, "<section aria-labelledby=\"org-%s\"><h2 id=\"org-%s\">%s%s</h2>\n", o->code, o->code,
                o->name, tr_paren(r, o->code));
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i].org_id != o->id)
            continue;
        if (shown++ == 0) {
            html_table_scroll(r, arena_printf(&r->arena, "%s %s", tr(r, M_TOK_TITLE), o->name));
            html_printf(&r->out, "<table class=\"grid\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                                 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                                 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
                        tr(r, M_TOK_NAME), tr(r, M_TOK_PREFIX), tr(r, M_TOK_CREATED), tr(r, M_TOK_CREATED_BY),
                        tr(r, M_TOK_LAST_USED), tr(r, M_TOK_STATE), tr(r, M_TOK_ACTIONS));
        }
        token_row(r, &v[i]);
    }
    if (shown)
        html_printf(&r->out, "</tbody></table></div>\n");
    else
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_TOK_NONE));
    html_printf(&r->out, "</section>\n");
}

/* The list page, with the create form (and its errors, when f has any); false after replying
 * with the store's error. */
static bool render_list(struct req *r, const struct token_form *f) {
    struct org *orgs = NULL;
    struct api_token *tokens = NULL;
    size_t n_orgs = 0, n_tokens = 0;
    int rc = store_org_list(r->db, &r->arena, &orgs, &n_orgs);
    if (rc == 0)
        rc = store_token_list(r->db, &r->arena, 0, &tokens, &n_tokens);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the tokens could not be read");
        return false;
    }
    begin(r, tr(r, M_TOK_TITLE), false);
    html_printf(&r->out, "<h1>%s</h1>\n<p>%s</p>\n", tr(r, M_TOK_TITLE), tr(r, M_TOK_INTRO));
    create_form(r, orgs, n_orgs, f);
    for (size_t i = 0; i < n_orgs; i++)
        org_tokens(r, &orgs[i], tokens, n_tokens);
    page_end(r);
    return true;
}

/* GET /admin/tokens */
void page_tokens(struct req *r) {
    struct token_form f = {0};
    render_list(r, &f);
}

/* The page that shows a new token, once. */
static void render_created(struct req *r, const char *org_name, const char *name, const char *token) {
    begin(r, tr(r, M_TOK_CREATED_TITLE), true);
    html_printf(&r->out, "<h1>%s</h1>\n<div class=\"notice warn\" role=\"status\"><p>%s</p></div>\n",
                tr(r, M_TOK_CREATED_TITLE), tr(r, M_TOK_SHOW_ONCE));
    html_printf(&r->out, "<dl class=\"facts\"><div><dt>%s</dt><dd>%s</dd></div><div><dt>%s</dt><dd>%s</dd></div></dl>\n",
                tr(r, M_TOK_ORG), org_name, tr(r, M_TOK_NAME), name);
    html_printf(&r->out, "<div class=\"field form\"><label for=\"new-token-value\">%s</label>\n"
                         "<input id=\"new-token-value\" type=\"text\" readonly value=\"%s\" size=\"50\" "
                         "autocomplete=\"off\" spellcheck=\"false\"></div>\n",
                tr(r, M_TOK_VALUE), token);
    html_printf(&r->out, "<p>%s</p>\n<p><a href=\"/admin/tokens\">%s</a></p>\n", tr(r, M_TOK_USAGE), tr(r, M_TOK_BACK));
    page_end(r);
    r->status = 201;
    r->cacheable = false;
}

/* Reads and checks the form; false with the field errors set in f. */
static bool read_form(struct req *r, struct token_form *f, struct org *ret_org) {
    if (req_parse_form(r) < 0) {
        f->err_name = tr(r, M_ERR_BAD_FORM);
        return false;
    }
    f->org = req_form(r, "org");
    f->name = req_form(r, "name");
    if (!f->org || store_org_by_code(r->db, &r->arena, f->org, ret_org) < 0)
        f->err_org = tr(r, M_ERR_CHOICE);
    f->err_name = form_check(r, f->name, FIELD_LINE(TOKEN_MAX_NAME), true);
    return !f->err_org && !f->err_name;
}

static void refuse(struct req *r, const struct token_form *f) {
    if (!render_list(r, f))
        return;
    r->status = 422;
    r->cacheable = false;
}

/* POST /admin/tokens */
void page_token_create(struct req *r) {
    struct token_form f = {0};
    struct org org;
    if (!read_form(r, &f, &org)) {
        refuse(r, &f);
        return;
    }
    char token[TOKEN_BUF_SIZE];
    int64_t id;
    struct edit_fail fail = {0};
    int rc = store_token_create(r->db, org.id, f.name, req_actor(r), &id, token, &fail);
    if (rc == KW_EINVAL || rc == KW_ECONFLICT) {
        f.err_name = tr(r, rc == KW_ECONFLICT ? M_TOK_NAME_TAKEN : M_ERR_BAD_FORM);
        refuse(r, &f);
        return;
    }
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    render_created(r, org.name, f.name, token);
}

/* POST /admin/tokens/{id}/revoke */
void page_token_revoke(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id)) {
        page_not_found(r);
        return;
    }
    int rc = store_token_revoke(r->db, id, req_actor(r));
    if (rc < 0 && rc != KW_ECONFLICT)              /* revoked already: nothing to do */
        resp_store_error(r, rc, NULL, "the token could not be revoked");
    else
        resp_redirect(r, "/admin/tokens");
}
