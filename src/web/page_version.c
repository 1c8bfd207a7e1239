/* Plan versions on pages (issue 3): the revision history (改訂履歴) with the versions that have
 * a snapshot, the form that publishes the working draft as a new version, and the comparison of
 * any two versions (or a version and the working draft), field by field. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "http/authz.h"
#include "http/session.h"
#include "core/errors.h"
#include "store/store.h"
#include "util/utf8.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "xfer/doc_diff.h"
#include "xfer/published.h"
#include "xfer/versions.h"


/* The plan as the reader may see it: the working draft for its members, the latest published
 * version (its revision history and version) for everyone else. */
static int load_plan_as_seen(struct req *r, int64_t id, struct plan *p) {
    if (r->sees_drafts)
        return store_plan_load(r->db, &r->arena, id, LOAD_SUMMARY, p);
    struct published_plan pp;
    int rc = published_load(r->db, &r->arena, id, &pp);
    if (rc == 0) {
        *p = *pp.plan;
        p->id = id;
    }
    return rc;
}

static bool load(struct req *r, struct plan_context *c, struct plan *p, struct plan_version **v, size_t *n) {
    int64_t id;
    if (!req_param_id(r, 0, &id) || !load_plan_context(r, id, c) || load_plan_as_seen(r, id, p) < 0 ||
        store_versions(r->db, &r->arena, id, v, n) < 0) {
        buf_reset(&r->out);
        page_not_found(r);
        return false;
    }
    return true;
}

static const struct plan_version *version_labelled(const struct plan_version *v, size_t n, const char *label) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].label, label) == 0)
            return &v[i];
    return NULL;
}

struct publish_form { const char *label, *date, *notes, *err_label, *err_date; };

/* The revision history; members also see which versions can be compared with the draft. */
static void history(struct req *r, const struct plan *p, const struct plan_version *v, size_t n) {
    bool compare = authz_allows(r, PERM_MEMBER);
    html_printf(&r->out, "<section aria-labelledby=\"history\"><h2 id=\"history\">%s</h2>\n", tr(r, M_REVISIONS));
    html_table_scroll(r, tr(r, M_REVISIONS));
    html_printf(&r->out, "<table class=\"grid\" id=\"history-table\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
                tr(r, M_VERSION), tr(r, M_PUBLISHED), tr(r, M_REVISION_NOTES), tr(r, M_PS_COMPARE_PREVIOUS));
    if (compare)
        html_printf(&r->out, "<th scope=\"col\">%s</th>", tr(r, M_SNAPSHOT));
    html_printf(&r->out, "</tr></thead><tbody>\n");
    for (size_t i = 0; i < p->n_revisions; i++) {
        const struct revision *rev = &p->revisions[i];
        const struct plan_version *snap = version_labelled(v, n, rev->version);
        html_printf(&r->out, "<tr><th scope=\"row\">%s</th><td class=\"date\">%s</td><td><ul class=\"plain\">", rev->version, rev->date);
        for (size_t j = 0; j < rev->notes.n; j++)
            html_printf(&r->out, "<li>%s</li>", rev->notes.items[j]);
        html_printf(&r->out, "</ul></td><td>");
        const struct plan_version *before = snap && snap > v ? snap - 1 : NULL;   /* versions are oldest first */
        if (before)
            html_printf(&r->out, "<a href=\"/plans/%D/compare?from=%D&amp;to=%D\">%s%s</a>", p->id, before->id, snap->id,
                        tr(r, M_PS_COMPARE_PREVIOUS), tr_paren(r, before->label));
        else
            html_printf(&r->out, "-");
        html_printf(&r->out, "</td>");
        if (!compare) {
            html_printf(&r->out, "</tr>\n");
            continue;
        }
        html_printf(&r->out, "<td>");
        if (snap)
            html_printf(&r->out, "<a href=\"/plans/%D/compare?from=%D&amp;to=draft\">%s</a>", p->id, snap->id,
                        tr(r, M_COMPARE_WITH_DRAFT));
        else
            html_printf(&r->out, "<span class=\"muted\">%s</span>", tr(r, M_NO_SNAPSHOT));
        html_printf(&r->out, "</td></tr>\n");
    }
    html_printf(&r->out, "</tbody></table></div></section>\n");
}

static void compare_form(struct req *r, const struct plan *p, const struct plan_version *v, size_t n) {
    if (n == 0)
        return;
    html_printf(&r->out, "<section aria-labelledby=\"compare\" class=\"no-print\"><h2 id=\"compare\">%s</h2>\n"
                         "<form method=\"get\" action=\"/plans/%D/compare\" class=\"form inline-form\">\n",
                tr(r, M_COMPARE), p->id);
    static const char *const sides[] = {"from", "to"};
    static const enum msg labels[] = {M_COMPARE_FROM, M_COMPARE_TO};
    for (int s = 0; s < 2; s++) {
        html_printf(&r->out, "<div class=\"field\"><label for=\"%s\">%s</label><select id=\"%s\" name=\"%s\">", sides[s],
                    tr(r, labels[s]), sides[s], sides[s]);
        for (size_t i = 0; i < n; i++)
            html_printf(&r->out, "<option value=\"%D\"%r>%s%s</option>", v[i].id,
                        s == 0 && i + 1 == n ? " selected" : "", v[i].label, tr_paren(r, v[i].date));
        html_printf(&r->out, "<option value=\"draft\"%r>%s</option></select></div>\n", s == 1 ? " selected" : "",
                    tr(r, M_DRAFT));
    }
    html_printf(&r->out, "<p><button type=\"submit\">%s</button></p></form></section>\n", tr(r, M_COMPARE));
}

static void publish_form(struct req *r, const struct plan *p, const struct publish_form *f) {
    html_printf(&r->out, "<section aria-labelledby=\"publish\" class=\"no-print\"><h2 id=\"publish\">%s</h2>\n<p>%s</p>\n",
                tr(r, M_PUBLISH), tr(r, M_PUBLISH_HINT));
    if (f->err_label || f->err_date)
        html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\"><p>%s</p></div>\n", tr(r, M_FORM_ERRORS));
    html_printf(&r->out, "<form method=\"post\" action=\"/plans/%D/versions\" class=\"form\" novalidate>\n"
                         "<div class=\"field%r\"><label for=\"label\">%s</label><input id=\"label\" name=\"label\" type=\"text\" "
                         "value=\"%s\"%r%r>",
                p->id, f->err_label ? " has-error" : "", tr(r, M_VERSION), f->label,
                f->err_label ? " aria-describedby=\"label-error\"" : "", f->err_label ? " aria-invalid=\"true\"" : "");
    html_csrf_field(r);
    html_field_error(r, "label", f->err_label);
    html_printf(&r->out, "</div>\n<div class=\"field%r\"><label for=\"date\">%s</label><input id=\"date\" name=\"date\" "
                         "type=\"date\" value=\"%s\"%r%r>",
                f->err_date ? " has-error" : "", tr(r, M_PUBLISHED), f->date,
                f->err_date ? " aria-describedby=\"date-error\"" : "", f->err_date ? " aria-invalid=\"true\"" : "");
    html_field_error(r, "date", f->err_date);
    html_printf(&r->out, "</div>\n<div class=\"field\"><label for=\"notes\">%s</label><p class=\"hint\" id=\"notes-hint\">%s</p>"
                         "<textarea id=\"notes\" name=\"notes\" rows=\"4\" aria-describedby=\"notes-hint\">%s</textarea></div>\n"
                         "<p><button type=\"submit\">%s</button></p></form></section>\n",
                tr(r, M_REVISION_NOTES), tr(r, M_NOTES_HINT), f->notes, tr(r, M_PUBLISH));
}

static void versions_page(struct req *r, const struct plan_context *c, const struct plan *p, const struct plan_version *v,
                          size_t n, const struct publish_form *f) {
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c->org_name, c->org_href}, {c->plan_title, c->plan_href},
                             {tr(r, M_REVISIONS), NULL}};
    page_begin(r, tr(r, M_REVISIONS), crumbs, 4, NULL);
    html_printf(&r->out, "<h1>%s</h1>\n<p class=\"muted\">%s</p>\n", tr(r, M_REVISIONS), c->plan_title);
    if (p->version)
        html_printf(&r->out, "<dl class=\"facts\"><div><dt>%s</dt><dd>%s</dd></div><div><dt>%s</dt><dd>%s</dd></div></dl>\n",
                    tr(r, M_CURRENT_VERSION), p->version, tr(r, M_PUBLISHED), p->published ? p->published : "—");
    if (n)
        html_printf(&r->out, "<p><a href=\"/plans/%D/published\">%s</a></p>\n", p->id, tr(r, M_SEE_PUBLISHED));
    history(r, p, v, n);
    if (authz_allows(r, PERM_MEMBER))
        compare_form(r, p, v, n);
    if (authz_allows(r, PERM_OFFICE))
        publish_form(r, p, f);
    html_printf(&r->out, "<p class=\"small\"><a href=\"/api/v1/plans/%D/versions\">%s</a></p>\n", p->id, tr(r, M_VIEW_API));
    page_end(r);
    r->cacheable = false;
}

/* GET /plans/{id}/versions */
void page_versions(struct req *r) {
    struct plan_context c;
    struct plan p;
    struct plan_version *v;
    size_t n;
    if (!load(r, &c, &p, &v, &n))
        return;
    char today[16];
    date_format(r->today, today, sizeof today);
    struct publish_form f = {"", arena_strdup(&r->arena, today), "", NULL, NULL};
    versions_page(r, &c, &p, v, n, &f);
}

/* Notes typed one per line; blank lines are left out. */
static struct strlist split_lines(struct req *r, const char *text) {
    struct strlist l = {arena_alloc(&r->arena, (strlen(text) / 2 + 2) * sizeof(char *)), 0};
    const char *p = text;
    while (*p) {
        size_t len = strcspn(p, "\r\n");
        char *line = arena_strndup(&r->arena, p, len);
        if (*line && !utf8_is_blank(line))
            l.items[l.n++] = line;
        p += len;
        p += strspn(p, "\r\n");
    }
    return l;
}

/* POST /plans/{id}/versions */
void page_version_publish(struct req *r) {
    struct plan_context c;
    struct plan p;
    struct plan_version *v;
    size_t n;
    if (!load(r, &c, &p, &v, &n))
        return;
    struct publish_form f = {"", "", "", NULL, NULL};
    kw_date d;
    if (req_parse_form(r) < 0) {
        f.err_label = tr(r, M_ERR_BAD_FORM);
    } else {
        f.label = req_form(r, "label") ? req_form(r, "label") : "";
        f.date = req_form(r, "date") ? req_form(r, "date") : "";
        f.notes = req_form(r, "notes") ? req_form(r, "notes") : "";
    }
    if (!f.err_label) f.err_label = form_check(r, f.label, FIELD_LINE(32), true);
    if (!*f.date) f.err_date = tr(r, M_ERR_REQUIRED);
    else if (date_parse(f.date, &d) < 0) f.err_date = tr(r, M_ERR_DATE);
    struct edit_fail fail = {0};
    struct strlist notes = split_lines(r, f.notes);
    int rc = f.err_label || f.err_date ? KW_EINVAL : version_publish(r->db, p.id, f.label, f.date, &notes, req_actor(r), NULL, &fail);
    if (rc == KW_ECONFLICT)
        f.err_label = tr(r, M_ERR_VERSION_EXISTS);
    if (rc < 0 && rc != KW_EINVAL && rc != KW_ECONFLICT) {
        resp_store_error(r, rc, NULL, "the version could not be published");
        return;
    }
    if (rc < 0) {
        versions_page(r, &c, &p, v, n, &f);
        r->status = 422;
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "/plans/%lld/versions", (long long)p.id));
}
