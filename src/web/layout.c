/* The page frame shared by every page: head, header with navigation and language switch,
 * breadcrumbs, main landmark and footer; and the links between the pages of a long list. */
#include <string.h>
#include "core/fiscal.h"
#include "store/store.h"
#include "store/store_user.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

/* This page in the other language: the same path and query, with lang switched. */
static const char *other_language_href(struct req *r) {
    struct buf b = BUF_INIT;
    url_escape_path(&b, r->path);
    for (int i = 0; i < r->nquery; i++) {
        if (strcmp(r->query[i].key, "lang") == 0)
            continue;
        buf_putc(&b, b.len && strchr(b.data, '?') ? '&' : '?');
        url_escape(&b, r->query[i].key);
        buf_putc(&b, '=');
        url_escape(&b, r->query[i].value);
    }
    buf_puts(&b, strchr(buf_cstr(&b), '?') ? "&lang=" : "?lang=");
    buf_puts(&b, tr(r, M_OTHER_LANG_CODE));
    char *s = arena_strdup(&r->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static const char *session_user_name(const struct req *r) { return r->user->display_name; }

/* The signed-in user's name and a sign-out button, or a sign-in link back to this page. */
static void account_links(struct req *r) {
    if (r->user && strcmp(r->user->role, "admin") == 0)
        html_printf(&r->out, "<li><a href=\"/admin/users\">%s</a></li><li><a href=\"/admin/tokens\">%s</a></li>"
                             "<li><a href=\"/audit\">%s</a></li>\n",
                    tr(r, M_USR_TITLE), tr(r, M_TOK_TITLE), tr(r, M_AUDIT_LINK));
    if (r->user) {
        html_printf(&r->out, "<li><span class=\"user-name\">%s%s</span></li>\n"
                             "<li><form method=\"post\" action=\"/logout\">",
                    tr(r, M_SIGNED_IN_AS), session_user_name(r));
        html_csrf_field(r);
        html_printf(&r->out, "<button type=\"submit\" class=\"secondary\">%s</button></form></li>\n", tr(r, M_LOGOUT));
    } else if (strcmp(r->path, "/login") == 0) {
        html_printf(&r->out, "<li><a href=\"/login\" aria-current=\"page\">%s</a></li>\n", tr(r, M_LOGIN));
    } else {
        html_printf(&r->out, "<li><a href=\"/login?next=%u\">%s</a></li>\n", r->path, tr(r, M_LOGIN));
    }
}

void html_csrf_field(struct req *r) {
    if (r->user && r->csrf_token)
        html_printf(&r->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->csrf_token);
}

void page_begin(struct req *r, const char *title, const struct crumb *crumbs, int ncrumbs, const char *body_class) {
    const char *lang_q = req_query(r, "lang");
    if (lang_q) {
        /* remember an explicit choice; such responses are personal, so not cached */
        resp_header(r, "Set-Cookie", strcmp(r->lang, "en") == 0 ? "lang=en; Path=/; SameSite=Lax; Max-Age=31536000"
                                                                  : "lang=ja; Path=/; SameSite=Lax; Max-Age=31536000");
    }
    html_printf(&r->out,
        "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>%s | %s</title>\n"
        "<link rel=\"stylesheet\" href=\"/static/tokens.css\">\n"
        "<link rel=\"stylesheet\" href=\"/static/app.css\">\n"
        "</head>\n<body%r%s%r>\n"
        "<a class=\"skip\" href=\"#main\">%s</a>\n"
        "<header class=\"site-header\">\n<div class=\"wrap\">\n"
        "<a class=\"brand\" href=\"/\">%s</a> <span class=\"tagline\">%s</span>\n"
        "<nav aria-label=\"%s\"><ul>\n<li><a href=\"/\">%s</a></li>\n"
        "<li><a href=\"%s\" lang=\"%s\">%s</a></li>\n",
        r->lang, title, tr(r, M_SITE_NAME), body_class ? " class=\"" : "", body_class, body_class ? "\"" : "",
        tr(r, M_SKIP), tr(r, M_SITE_NAME), tr(r, M_TAGLINE), tr(r, M_MAIN_NAV), tr(r, M_HOME),
        other_language_href(r), tr(r, M_OTHER_LANG_CODE), tr(r, M_OTHER_LANG));
    account_links(r);
    html_printf(&r->out, "</ul></nav>\n</div>\n</header>\n");
    html_printf(&r->out, "<main id=\"main\" class=\"wrap\">\n");
    if (ncrumbs > 0) {
        html_printf(&r->out, "<nav class=\"crumbs\" aria-label=\"%s\"><ol>\n", tr(r, M_BREADCRUMB));
        for (int i = 0; i < ncrumbs; i++) {
            if (crumbs[i].href)
                html_printf(&r->out, "<li><a href=\"%s\">%s</a></li>\n", crumbs[i].href, crumbs[i].label);
            else
                html_printf(&r->out, "<li><span aria-current=\"page\">%s</span></li>\n", crumbs[i].label);
        }
        html_printf(&r->out, "</ol></nav>\n");
    }
    resp_html(r, 200);
    r->cacheable = lang_q == NULL;
}

void page_end(struct req *r) {
    html_printf(&r->out, "</main>\n<footer class=\"site-footer\"><div class=\"wrap\">%s</div></footer>\n</body>\n</html>\n",
                tr(r, M_FOOTER));
}

void html_print_running(struct req *r, const char *org_name, const char *plan_title, const char *what) {
    const char *date = arena_printf(&r->arena, tr(r, M_WL_CREATED), tr_date(r, date_today()));
    html_printf(&r->out, "<div class=\"print-running\" aria-hidden=\"true\"><span>%s%s%s%s%s</span><span>%s</span></div>\n",
                org_name, plan_title ? tr(r, M_P_SPACE) : "", plan_title ? plan_title : "", what ? tr(r, M_P_SPACE) : "",
                what ? what : "", date);
}

void html_print_header(struct req *r, const char *org_name, const char *plan_title, const char *title, const char *version) {
    const char *date = arena_printf(&r->arena, tr(r, M_WL_CREATED), tr_date(r, date_today()));
    html_print_running(r, org_name, plan_title,             /* on screen the heading below says it */
                       version ? arena_printf(&r->arena, "%s%s%s", version, tr(r, M_P_SPACE), title) : title);
    html_printf(&r->out, "<p class=\"sheet-context\" id=\"print-context\">%s%s%s</p>\n<h1>%s</h1>\n", org_name,
                plan_title ? tr(r, M_P_SPACE) : "", plan_title ? plan_title : "", title);
    html_printf(&r->out, "<p class=\"small\" id=\"print-date\">%s</p>\n", date);
}

void html_kpi_badge(struct req *r, enum kpi_status s) {
    html_printf(&r->out, "<span class=\"badge badge-%s\">%s</span>", kpi_status_name(s), tr_kpi_status(r, s));
}

void html_kpi_target(struct req *r, const struct kpi *k) {
    if (k->target_state == TARGET_UNDECIDED) {
        html_printf(&r->out, "<span class=\"muted\">%s</span>", tr(r, M_UNDECIDED));
    } else if (k->target_state == TARGET_NONE) {
        html_printf(&r->out, "<span class=\"muted\">%s</span>", tr(r, M_NONE));
    } else {
        char fy[64];
        tr_fy(r, k->target_fy, fy, sizeof fy);
        html_printf(&r->out, "%F%s%s <span class=\"muted\">%s</span>", k->target_value,
                    k->unit && strcmp(k->unit, "%") != 0 ? " " : "", k->unit ? k->unit : "", tr_paren(r, fy));
    }
}

void html_table_scroll(struct req *r, const char *label) {
    html_printf(&r->out, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"%s%s\">",
                tr(r, M_TABLE_PREFIX), label);
    html_scroll_hint(r);
}

void html_scroll_hint(struct req *r) {
    html_printf(&r->out, "<p class=\"scroll-hint\" aria-hidden=\"true\">%s</p>", tr(r, M_SCROLL_HINT));
}

void html_field_error(struct req *r, const char *id, const char *message) {
    if (message)
        html_printf(&r->out, "<p class=\"field-error\" id=\"%s-error\">%s</p>\n", id, message);
}

void html_input_field(struct req *r, const char *id, const char *label, const char *type, const char *value,
                  const char *err, const char *hint, const char *extra) {
    html_printf(&r->out, "<div class=\"field%r\">\n<label for=\"%s\">%s</label>\n", err ? " has-error" : "", id, label);
    if (hint)
        html_printf(&r->out, "<p class=\"hint\" id=\"%s-hint\">%s</p>\n", id, hint);
    html_printf(&r->out, "<input id=\"%s\" name=\"%s\" type=\"%s\" value=\"%s\"%r", id, id, type, value ? value : "", extra);
    if (hint || err)
        html_printf(&r->out, " aria-describedby=\"%r%r%r\"", hint ? arena_printf(&r->arena, "%s-hint", id) : "",
                    hint && err ? " " : "", err ? arena_printf(&r->arena, "%s-error", id) : "");
    html_printf(&r->out, "%r>\n", err ? " aria-invalid=\"true\"" : "");
    html_field_error(r, id, err);
    html_printf(&r->out, "</div>\n");
}

void html_pager(struct req *r, const char *href, int64_t offset, size_t n, int64_t total, int64_t step,
                const char *prev_label, const char *next_label) {
    bool prev = offset > 0, next = offset + (int64_t)n < total && n > 0;
    if (!prev && !next)
        return;
    int64_t last = total > 0 ? (total - 1) / step * step : 0;     /* the last page's first row */
    int64_t before = offset > total ? last : offset > step ? offset - step : 0;
    const char *sep = strchr(href, '?') ? "&amp;" : "?";
    html_printf(&r->out, "<nav class=\"pager no-print\" aria-label=\"%s\"><p>", tr(r, M_PAGES));
    if (prev)
        html_printf(&r->out, "<a rel=\"prev\" href=\"%s%roffset=%D\">← %s</a> ", href, sep, before, prev_label);
    if (next)
        html_printf(&r->out, "<a rel=\"next\" href=\"%s%roffset=%D\">%s →</a>", href, sep, offset + (int64_t)n,
                    next_label);
    html_printf(&r->out, "</p></nav>\n");
}

void html_prefecture_nav(struct req *r, const char *base, const struct prefecture *p, size_t n, const char *current) {
    if (!n)
        return;
    html_printf(&r->out, "<nav class=\"prefectures\" aria-labelledby=\"prefs\">\n<h2 id=\"prefs\">%s</h2>\n"
                         "<ul class=\"pref-list\">\n", tr(r, M_ORG_PREFECTURES));
    for (size_t i = 0; i < n; i++) {
        bool here = current && strcmp(current, p[i].name) == 0;
        char count[48];
        format_grouped(count, sizeof count, (double)p[i].orgs);
        html_printf(&r->out, "<li><a href=\"%s?prefecture=%u\"%r>%s<span class=\"muted\">%s</span></a></li>\n", base,
                    p[i].name, here ? " aria-current=\"page\"" : "", p[i].name,
                    tr_paren(r, arena_printf(&r->arena, tr(r, M_ORG_COUNT), count)));
    }
    html_printf(&r->out, "</ul>\n</nav>\n");
}
