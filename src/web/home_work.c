/* A reporter's home, 「今期の作業」: for each open quarter of its organisation's plans, the
 * measures its departments are in charge of — as the lead or sharing the measure — with what
 * each still owes, the deadline, the reports sent back with the office's comment first; then
 * its departments' inboxes. Each row leads to the report form. */
#include <string.h>
#include "core/review.h"
#include "store/store_user.h"
#include "web/home.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

/* Whether one of the user's departments is in charge of l's measure. */
static bool mine(const struct req *r, const struct period_line *l) {
    for (size_t i = 0; i < r->user->ndepts; i++)
        if (period_line_in_charge(l, r->user->dept_ids[i]))
            return true;
    return false;
}

/* What the row's link says: the next thing to do with the report. */
static enum msg next_step(enum review_state s) {
    switch (s) {
    case REVIEW_MISSING:
        return M_HOME_WRITE;
    case REVIEW_DRAFT:
        return M_HOME_CONTINUE;
    case REVIEW_SENT_BACK:
        return M_HOME_REWRITE;
    default:
        return M_HOME_VIEW;
    }
}

static void period_work(struct req *r, const struct home_period *hp) {
    kw_date deadline = 0;
    date_parse(hp->p.deadline, &deadline);
    int owed = 0, shown = 0;
    for (size_t i = 0; i < hp->n; i++)
        if (mine(r, &hp->lines[i])) {
            shown++;
            owed += review_step_allowed((enum review_state)hp->lines[i].review.state, STEP_SUBMIT, NULL);
        }
    if (!shown)
        return;
    html_printf(&r->out, "<section class=\"home-period\">\n");
    html_home_period_title(r, hp);
    if (owed)
        html_printf(&r->out, "<p><strong>%s</strong></p>\n", arena_printf(&r->arena, tr(r, M_HOME_OWED), owed));
    else
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_HOME_ALL_DONE));
    html_printf(&r->out, "<ul class=\"work-list\">\n");
    /* the reports sent back first, then the others in plan order */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < hp->n; i++) {
            const struct period_line *l = &hp->lines[i];
            enum review_state s = (enum review_state)l->review.state;
            if (!mine(r, l) || (pass == 0) != (s == REVIEW_SENT_BACK))
                continue;
            html_printf(&r->out, "<li class=\"work-item\"><p><span class=\"code\">%s</span> %s</p>\n<p>", l->code, l->title);
            html_review_badge(r, s, !hp->p.closed && review_is_late(s, deadline, r->today));
            html_printf(&r->out, " <span class=\"muted small\">");
            html_departments_in_charge(r, l->dept_names, l->n_depts);
            html_printf(&r->out, "</span></p>\n");
            if (s == REVIEW_SENT_BACK && l->review.office_comment)
                html_printf(&r->out, "<p class=\"notice warn\"><strong>%s</strong>%s%s</p>\n", tr(r, M_OFFICE_COMMENT),
                            tr(r, M_P_COLON), l->review.office_comment);
            html_printf(&r->out, "<p><a href=\"/periods/%D/measures/%D\">%s</a></p></li>\n", hp->p.id,
                        l->measure_id, tr(r, next_step(s)));
        }
    html_printf(&r->out, "</ul>\n</section>\n");
}

void home_work(struct req *r, const struct org *o) {
    struct home_period *hp;
    size_t n;
    struct department *depts;
    size_t nd;
    if (!home_periods(r, o->id, false, &hp, &n))
        return;
    if (store_departments(r->db, &r->arena, o->id, &depts, &nd) < 0)
        nd = 0;
    page_begin(r, tr(r, M_HOME_WORK), NULL, 0, NULL);
    html_printf(&r->out, "<h1>%s</h1>\n<p class=\"muted\">%s", tr(r, M_HOME_WORK), o->name);
    const char *sep = tr(r, M_P_COLON);
    for (size_t i = 0; i < nd; i++)
        for (size_t j = 0; j < r->user->ndepts; j++)
            if (depts[i].id == r->user->dept_ids[j]) {
                html_printf(&r->out, "%s%s", sep, depts[i].name);
                sep = tr(r, M_P_COMMA);
            }
    html_printf(&r->out, "</p>\n<p class=\"lead\">%s</p>\n", tr(r, M_HOME_WORK_INTRO));
    size_t before = r->out.len;
    for (size_t i = 0; i < n; i++)
        period_work(r, &hp[i]);
    if (r->out.len == before)
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_HOME_NO_OPEN));
    if (r->user->ndepts) {
        html_printf(&r->out, "<section aria-labelledby=\"home-inbox\"><h2 id=\"home-inbox\">%s</h2>\n", tr(r, M_HOME_INBOXES));
        for (size_t j = 0; j < r->user->ndepts; j++)
            html_inbox_link(r, r->user->dept_ids[j]);
        html_printf(&r->out, "</section>\n");
    }
    html_home_footer(r, o);
    page_end(r);
}
