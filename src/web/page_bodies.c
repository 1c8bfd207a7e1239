/* The promotion organisation's pages (core/body.h): an organisation's bodies with their members
 * and topics (/orgs/{code}/bodies), its meeting calendar of a fiscal year by month in fiscal
 * order (/orgs/{code}/meetings?fy=), and one body with its meetings (/bodies/{id}). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/body.h"
#include "core/errors.h"
#include "core/fiscal.h"
#include "http/authz.h"
#include "store/store.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "xfer/published.h"

static enum msg kind_msg(const char *kind) {
    static const struct { const char *kind; enum msg m; } kinds[] = {
        {"headquarters", M_BK_HEADQUARTERS}, {"audit_board", M_BK_AUDIT_BOARD}, {"committee", M_BK_COMMITTEE},
        {"working_group", M_BK_WORKING_GROUP}, {"leaders", M_BK_LEADERS}};
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (strcmp(kinds[i].kind, kind) == 0)
            return kinds[i].m;
    return M_NONE;
}

const char *tr_body_kind(const struct req *r, const char *kind) {
    enum msg m = kind ? kind_msg(kind) : M_NONE;
    return m == M_NONE ? "" : tr(r, m);
}

static void topics_html(struct req *r, const struct body *b) {
    if (!b->topics.n)
        return;
    html_printf(&r->out, "<p><strong>%s</strong>%s", tr(r, M_TOPICS), tr(r, M_P_COLON));
    for (size_t i = 0; i < b->topics.n; i++)
        html_printf(&r->out, "%s<span class=\"tag\">%s</span>", i ? tr(r, M_P_COMMA) : "", b->topics.items[i]);
    html_printf(&r->out, "</p>\n");
}

static void members_html(struct req *r, const struct body *b) {
    if (b->headcount)                       /* its size as counted, members listed or not */
        html_printf(&r->out, "<p class=\"headcount\">%s%s%r</p>\n", tr(r, M_F_HEADCOUNT), tr(r, M_P_COLON),
                    arena_printf(&r->arena, tr(r, M_HEADCOUNT_N), b->headcount));
    if (!b->n_members)
        return;
    html_table_scroll(r, arena_printf(&r->arena, "%s %s", tr(r, M_MEMBERS), b->name));
    html_printf(&r->out, "<table class=\"grid\"><caption>%s%s%s</caption><thead><tr><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
                tr(r, M_MEMBERS), tr(r, M_P_COLON), b->name, tr(r, M_MEMBER_NAME), tr(r, M_ROLE), tr(r, M_POST), tr(r, M_MEMBER_DEPT));
    for (size_t i = 0; i < b->n_members; i++) {
        const struct body_member *m = &b->members[i];
        html_printf(&r->out, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td>%s</td></tr>\n", m->name, m->role,
                    m->post, m->department);
    }
    html_printf(&r->out, "</tbody></table></div>\n");
}

/* The measures a meeting took up. Members see the working draft's measures; everyone else the
 * published version's (title and sheet), and a measure the published version lacks only by
 * its code, so that no draft's wording shows here (published_meeting_measures). */
static void measures_html(struct req *r, const struct meeting *mt) {
    for (size_t i = 0; i < mt->n_measures; i++) {
        const struct meeting_measure *mm = &mt->measures[i];
        if (i)
            html_printf(&r->out, "<br>");
        if (r->sees_drafts)
            html_printf(&r->out, "<a href=\"/measures/%D\">%s %s</a>", mm->measure_id, mm->code, mm->title);
        else if (mm->measure_id)
            html_printf(&r->out, "<a href=\"/plans/%D/published/measures/%k\">%s %s</a>", mm->plan_id, mm->code,
                        mm->code, mm->title);
        else
            html_printf(&r->out, "%s", mm->code);
        if (mm->note)
            html_printf(&r->out, " <span class=\"muted small\">%s</span>", tr_paren(r, mm->note));
    }
}

/* Loads the organisation of the path and its bodies, their meetings' measures as the reader may
 * see them; replies and returns false on failure. */
static bool load_org_bodies(struct req *r, struct org *o, struct body **v, size_t *n) {
    int rc = store_org_by_code(r->db, &r->arena, r->params[0], o);
    if (rc == 0)
        rc = store_bodies_load(r->db, &r->arena, o->id, 0, v, n);
    if (rc == 0 && !r->sees_drafts)
        rc = published_meeting_measures(r->db, &r->arena, *v, *n);
    if (rc < 0)
        resp_store_error(r, rc, NULL, "the organisation's bodies could not be read");
    return rc == 0;
}

/* GET /orgs/{code}/bodies */
void page_org_bodies(struct req *r) {
    struct org o;
    struct body *v;
    size_t n;
    if (!load_org_bodies(r, &o, &v, &n))
        return;
    char org_href[32];
    snprintf(org_href, sizeof org_href, "/orgs/%s", o.code);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {o.name, org_href}, {tr(r, M_BODIES), NULL}};
    page_begin(r, tr(r, M_BODIES), crumbs, 3, NULL);
    html_printf(&r->out, "<h1>%s <span class=\"muted small\">%s</span></h1>\n", tr(r, M_BODIES), o.name);
    html_printf(&r->out, "<p><a href=\"/orgs/%s/meetings\">%s</a></p>\n", o.code, tr(r, M_MEETING_CALENDAR));
    bool office = authz_allows(r, PERM_OFFICE);
    if (office)
        html_printf(&r->out, "<p><a href=\"/orgs/%s/bodies/new\">%s</a></p>\n", o.code, tr(r, M_BE_ADD_BODY));
    if (!n)
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_NO_BODIES));
    for (size_t i = 0; i < n; i++) {
        const struct body *b = &v[i];
        html_printf(&r->out, "<section class=\"body\" aria-labelledby=\"body-%D\">\n<h2 id=\"body-%D\">"
                             "<a href=\"/bodies/%D\">%s</a> <span class=\"muted small\">%s</span>",
                    b->id, b->id, b->id, b->name, tr(r, kind_msg(b->kind)));
        if (b->abolished)
            form_abolished_badge(r);
        html_printf(&r->out, "</h2>\n");
        if (office)
            html_printf(&r->out, "<p><a href=\"/bodies/%D/edit\" aria-describedby=\"body-%D\">%s</a></p>\n", b->id, b->id,
                        tr(r, M_EDIT));
        if (b->description)
            html_printf(&r->out, "<p>%s</p>\n", b->description);
        topics_html(r, b);
        members_html(r, b);
        html_printf(&r->out, "</section>\n");
    }
    page_end(r);
}

static void month_label(struct req *r, const char *date, char *dst, size_t size) {
    static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
                                         "August", "September", "October", "November", "December"};
    int y = atoi(date), m = atoi(date + 5);
    if (m < 1 || m > 12)
        m = 1;
    if (strcmp(tr(r, M_OTHER_LANG_CODE), "ja") == 0)       /* the page is in English */
        snprintf(dst, size, "%s %d", months[m - 1], y);
    else
        snprintf(dst, size, "%d年%d月", y, m);
}

/* The fiscal year asked for, or the one of the latest meeting (today's when there is none). */
static bool calendar_fy(struct req *r, const struct body *v, size_t n, int *ret) {
    const char *q = req_query(r, "fy");
    if (q && *q)
        return page_query_fy(r, q, ret);
    const char *latest = NULL;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < v[i].n_meetings; j++)
            if (!latest || strcmp(v[i].meetings[j].date, latest) > 0)
                latest = v[i].meetings[j].date;
    kw_date d;
    *ret = fy_of_date(latest && date_parse(latest, &d) == 0 ? d : date_today());
    return true;
}

static void calendar_table(struct req *r, const struct meeting_ref *refs, size_t from, size_t to, const char *month) {
    html_table_scroll(r, month);
    html_printf(&r->out, "<table class=\"grid\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
                month, tr(r, M_MEETING_DATE), tr(r, M_BODY), tr(r, M_MEETING_TITLE), tr(r, M_LINKED_MEASURES));
    for (size_t i = from; i < to; i++) {
        const struct meeting *mt = refs[i].meeting;
        html_printf(&r->out, "<tr><td class=\"date\">%s</td><td><a href=\"/bodies/%D\">%s</a></td><th scope=\"row\">%s", mt->date,
                    refs[i].body->id, refs[i].body->name, mt->title);
        if (mt->agenda)
            html_printf(&r->out, "<br><span class=\"small\">%s%s%s</span>", tr(r, M_AGENDA), tr(r, M_P_COLON), mt->agenda);
        html_printf(&r->out, "</th><td>");
        measures_html(r, mt);
        html_printf(&r->out, "</td></tr>\n");
    }
    html_printf(&r->out, "</tbody></table></div>\n");
}

/* GET /orgs/{code}/meetings */
void page_org_meetings(struct req *r) {
    struct org o;
    struct body *v;
    size_t n;
    int fy;
    if (!load_org_bodies(r, &o, &v, &n) || !calendar_fy(r, v, n, &fy))
        return;
    struct meeting_ref *refs;
    size_t nr = meeting_calendar(v, n, fy, &refs);
    char org_href[32], fy_text[64], title[160];
    snprintf(org_href, sizeof org_href, "/orgs/%s", o.code);
    tr_fy(r, fy, fy_text, sizeof fy_text);
    snprintf(title, sizeof title, "%s %s", tr(r, M_MEETING_CALENDAR), fy_text);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {o.name, org_href}, {title, NULL}};
    page_begin(r, title, crumbs, 3, NULL);
    html_printf(&r->out, "<h1>%s <span class=\"muted small\">%s</span></h1>\n", title, o.name);
    html_printf(&r->out, "<p><a href=\"/orgs/%s/meetings?fy=%d\">%s</a>%s<a href=\"/orgs/%s/meetings?fy=%d\">%s</a>%s"
                         "<a href=\"/orgs/%s/bodies\">%s</a></p>\n",
                o.code, fy - 1, tr(r, M_PREV_FY), tr(r, M_P_LINKS), o.code, fy + 1, tr(r, M_NEXT_FY), tr(r, M_P_LINKS), o.code,
                tr(r, M_BODIES));
    if (!nr)
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_NO_MEETINGS));
    for (size_t i = 0; i < nr;) {                       /* one table per month, April to March */
        size_t j = i;
        while (j < nr && strncmp(refs[j].meeting->date, refs[i].meeting->date, 7) == 0)
            j++;
        char month[48];
        month_label(r, refs[i].meeting->date, month, sizeof month);
        html_printf(&r->out, "<h2>%s</h2>\n", month);
        calendar_table(r, refs, i, j, month);
        i = j;
    }
    free(refs);
    page_end(r);
}

static void meeting_html(struct req *r, const struct meeting *mt, bool office) {
    html_printf(&r->out, "<li class=\"meeting\"><h3 id=\"meeting-%D\">%s <span class=\"muted small\">%s</span></h3>\n",
                mt->id, mt->title, mt->date);
    if (office)
        html_printf(&r->out, "<p><a href=\"/meetings/%D/edit\" aria-describedby=\"meeting-%D\">%s</a></p>\n", mt->id,
                    mt->id, tr(r, M_EDIT));
    if (mt->agenda)
        html_printf(&r->out, "<p><strong>%s</strong>%s%s</p>\n", tr(r, M_AGENDA), tr(r, M_P_COLON), mt->agenda);
    if (mt->minutes) {
        html_printf(&r->out, "<p><strong>%s</strong>%s", tr(r, M_MINUTES), tr(r, M_P_COLON));
        html_text_lines(&r->out, mt->minutes);
        html_printf(&r->out, "</p>\n");
    }
    if (mt->n_measures) {
        html_printf(&r->out, "<p><strong>%s</strong>%s", tr(r, M_LINKED_MEASURES), tr(r, M_P_COLON));
        measures_html(r, mt);
        html_printf(&r->out, "</p>\n");
    }
    html_printf(&r->out, "</li>\n");
}

/* GET /bodies/{id} */
void page_body(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    struct body b;
    struct org o;
    int rc = store_body_load(r->db, &r->arena, id, &b, &o);
    if (rc == 0 && !r->sees_drafts)
        rc = published_meeting_measures(r->db, &r->arena, &b, 1);
    if (rc == KW_ENOTFOUND) {
        page_not_found(r);
        return;
    }
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    char org_href[32], bodies_href[48];
    snprintf(org_href, sizeof org_href, "/orgs/%s", o.code);
    snprintf(bodies_href, sizeof bodies_href, "/orgs/%s/bodies", o.code);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {o.name, org_href}, {tr(r, M_BODIES), bodies_href}, {b.name, NULL}};
    page_begin(r, b.name, crumbs, 4, NULL);
    html_printf(&r->out, "<h1>%s <span class=\"muted small\">%s</span>", b.name, tr(r, kind_msg(b.kind)));
    if (b.abolished)
        form_abolished_badge(r);
    html_printf(&r->out, "</h1>\n");
    bool office = authz_allows(r, PERM_OFFICE);
    if (office)
        html_printf(&r->out, "<p><a href=\"/bodies/%D/edit\">%s</a>%s<a href=\"/bodies/%D/meetings/new\">%s</a></p>\n",
                    b.id, tr(r, M_EDIT), tr(r, M_P_LINKS), b.id, tr(r, M_BE_NEW_MEETING));
    if (b.description)
        html_printf(&r->out, "<p>%s</p>\n", b.description);
    topics_html(r, &b);
    members_html(r, &b);
    html_printf(&r->out, "<h2 id=\"meetings\">%s</h2>\n", tr(r, M_MEETINGS));
    if (!b.n_meetings)
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_NO_MEETINGS));
    else {
        struct meeting_ref *refs;                       /* by date, whatever order they were added in */
        size_t n = meeting_calendar(&b, 1, 0, &refs);
        html_printf(&r->out, "<ul class=\"meetings\">\n");
        for (size_t i = 0; i < n; i++)
            meeting_html(r, refs[i].meeting, office);
        html_printf(&r->out, "</ul>\n");
        free(refs);
    }
    page_end(r);
}
