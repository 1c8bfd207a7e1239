/* A department's inbox (/departments/{id}/inbox, issue 3): its notifications newest first, each
 * with what it is about, when it came, its text, the link to act on it and, while unread, a
 * "mark as read" button (a POST form, so it works without JavaScript). Unread ones say so in
 * text, not only in colour. Until users exist this is the inbox of a department; a user's inbox
 * will be the notifications of the user's departments. */
#include <stdio.h>
#include <string.h>
#include "http/session.h"
#include "core/errors.h"
#include "store/store.h"
#include "web/field_words.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "web/when.h"


enum { INBOX_PAGE_LIMIT = 100 };

static void notification_item(struct req *r, const struct notification *n) {
    bool unread = !n->read_at;
    html_printf(&r->out, "<li class=\"inbox-item%r\" id=\"n-%D\" data-kind=\"%s\"><article aria-labelledby=\"n-%D-subject\">\n"
                         "<h2 id=\"n-%D-subject\"><span class=\"badge %r\">%s</span> <span lang=\"ja\">%s</span></h2>\n",
                unread ? " unread" : "", n->id, n->kind, n->id, n->id, unread ? "badge-unread" : "badge-read",
                tr(r, unread ? M_UNREAD : M_READ), n->subject);
    html_printf(&r->out, "<p class=\"muted small\">%s%s%s ", tr_notification_kind(r, n->kind), tr(r, M_P_LIST), tr(r, M_RECEIVED_AT));
    html_when(r, n->created_at);
    html_printf(&r->out, "</p>\n<p class=\"inbox-body\" lang=\"ja\">");
    html_text_lines(&r->out, n->body);
    html_printf(&r->out, "</p>\n<div class=\"button-row\">");
    if (n->link)
        html_printf(&r->out, "<a href=\"%s\" aria-describedby=\"n-%D-subject\">%s</a>", n->link, n->id, tr(r, M_OPEN_LINK));
    if (unread) {
        html_printf(&r->out, "<form method=\"post\" action=\"/notifications/%D/read\">", n->id);
        html_csrf_field(r);
        html_printf(&r->out, "<button type=\"submit\" class=\"secondary\" aria-describedby=\"n-%D-subject\">%s</button></form>",
                    n->id, tr(r, M_MARK_READ));
    }
    html_printf(&r->out, "</div>\n</article></li>\n");
}

static void inbox_facts(struct req *r, const struct department_contact *dc, const struct inbox *box) {
    html_printf(&r->out, "<dl class=\"facts\"><div><dt>%s</dt><dd>%s</dd></div><div><dt>%s</dt><dd id=\"inbox-counts\">",
                tr(r, M_CONTACT_EMAIL), dc->email ? dc->email : tr(r, M_CONTACT_EMAIL_NONE), tr(r, M_INBOX));
    html_printf(&r->out, tr(r, M_INBOX_COUNTS), box->unread, box->total);
    html_printf(&r->out, "</dd></div></dl>\n");
}

/* GET /departments/{id}/inbox */
void page_inbox(struct req *r) {
    int64_t id;
    struct department_contact dc;
    struct inbox box;
    struct org o;
    if (!req_param_id(r, 0, &id))
        return;
    int rc = store_department_contact(r->db, &r->arena, id, &dc);
    if (rc == 0)
        rc = store_org_by_id(r->db, &r->arena, dc.org_id, &o);
    if (rc == 0)
        rc = store_inbox(r->db, &r->arena, id, INBOX_PAGE_LIMIT, 0, &box);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the inbox could not be read");
        return;
    }
    char *title = arena_printf(&r->arena, "%s%s", tr(r, M_INBOX_OF), dc.name);
    char *org_href = arena_printf(&r->arena, "/orgs/%s", o.code);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {o.name, org_href}, {title, NULL}};
    page_begin(r, title, crumbs, 3, NULL);
    html_printf(&r->out, "<h1>%s</h1>\n<p class=\"muted\">%s</p>\n", title, tr(r, M_INBOX_INTRO));
    inbox_facts(r, &dc, &box);
    if (strcmp(r->lang, "en") == 0)
        html_printf(&r->out, "<p class=\"small\">%s</p>\n", tr(r, M_NOTICE_TEXT_JA));
    if (box.n == 0) {
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_INBOX_EMPTY));
    } else {
        html_printf(&r->out, "<ol class=\"inbox\" aria-label=\"%s\">\n", tr(r, M_INBOX));
        for (size_t i = 0; i < box.n; i++)
            notification_item(r, &box.items[i]);
        html_printf(&r->out, "</ol>\n");
        if (box.total > (int64_t)box.n)
            html_printf(&r->out, "<p class=\"muted\">%s</p>\n", arena_printf(&r->arena, tr(r, M_INBOX_MORE), INBOX_PAGE_LIMIT));
    }
    html_printf(&r->out, "<p><a href=\"/departments/%D/inventory\" id=\"inventory-link\">%s</a></p>\n", id, tr(r, M_INV_LINK));
    html_printf(&r->out, "<p class=\"small\"><a href=\"/api/v1/departments/%D/inbox\">%s</a></p>\n", id, tr(r, M_VIEW_API));
    page_end(r);
    r->cacheable = false;
}

/* POST /notifications/{id}/read */
void page_notification_read(struct req *r) {
    int64_t id;
    struct notification n;
    if (!req_param_id(r, 0, &id))
        return;
    int rc = store_notification_load(r->db, &r->arena, id, &n);
    if (rc == 0)
        rc = store_notification_read(r->db, id, req_actor(r));
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the notification could not be marked read");
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "/departments/%lld/inbox", (long long)n.dept_id));
}

void html_inbox_link(struct req *r, int64_t dept_id) {
    struct inbox box;
    if (store_inbox(r->db, &r->arena, dept_id, 1, 0, &box) < 0)
        return;
    html_printf(&r->out, "<p class=\"no-print\"><a href=\"/departments/%D/inbox\">%s</a>", dept_id, tr(r, M_INBOX_LINK));
    if (box.unread) {
        html_printf(&r->out, "%s", tr(r, M_P_OPEN));
        html_printf(&r->out, tr(r, M_INBOX_UNREAD_N), box.unread);
        html_printf(&r->out, "%s", tr(r, M_P_CLOSE));
    }
    html_printf(&r->out, "</p>\n");
}
