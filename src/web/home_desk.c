/* The office's home, 「事務局の作業」: for each open quarter how the reports stand, the departments
 * past the deadline with how many reports each owes, and the reports waiting for the office's
 * confirmation (each linked to its confirmation view); then the citizens' opinions waiting for
 * moderation and each plan's check findings. */
#include "core/review.h"
#include "report/period_tally.h"
#include "store/store_feedback.h"
#include "web/home.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

/* How many reports are in each state, in one line. */
static void states_line(struct req *r, const struct review_tally *t) {
    html_printf(&r->out, "<ul class=\"inline-list state-counts\">");
    for (int s = 0; s < REVIEW_NSTATES; s++)
        html_printf(&r->out, "<li>%s %d</li>", tr_review_state(r, (enum review_state)s), t->n[s]);
    html_printf(&r->out, "</ul>\n");
}

static void period_desk(struct req *r, const struct home_period *hp) {
    struct dept_tally *depts;
    size_t nd;
    struct review_tally all;
    period_tally(&r->arena, &hp->p, hp->lines, hp->n, r->today, &depts, &nd, &all);
    html_printf(&r->out, "<section class=\"home-period\">\n");
    html_home_period_title(r, hp);
    states_line(r, &all);
    html_printf(&r->out, "<h3>%s</h3>\n", tr(r, M_HOME_LATE_DEPTS));
    if (!all.late) {
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_HOME_NONE_LATE));
    } else {
        html_printf(&r->out, "<ul>\n");
        for (size_t i = 0; i < nd; i++)
            if (depts[i].tally.late)
                html_printf(&r->out, "<li><a href=\"/periods/%D/work?dept=%D\">%s</a>%s%s</li>\n", hp->p.id, depts[i].dept_id,
                            depts[i].dept_name ? depts[i].dept_name : tr(r, M_NO_DEPT_REPORTER), tr(r, M_P_COLON),
                            arena_printf(&r->arena, tr(r, M_HOME_LATE_N), depts[i].tally.late));
        html_printf(&r->out, "</ul>\n");
    }
    html_printf(&r->out, "<h3>%s</h3>\n", tr(r, M_HOME_TO_CONFIRM));
    if (!all.n[REVIEW_SUBMITTED]) {
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_HOME_NONE_TO_CONFIRM));
    } else {
        html_printf(&r->out, "<ul class=\"work-list\">\n");
        for (size_t i = 0; i < hp->n; i++) {
            const struct period_line *l = &hp->lines[i];
            if (l->review.state != REVIEW_SUBMITTED)
                continue;
            html_printf(&r->out, "<li class=\"work-item\"><p><span class=\"code\">%s</span> %s <span class=\"muted small\">", l->code,
                        l->title);
            html_departments_in_charge(r, l->dept_names, l->n_depts);
            html_printf(&r->out, "</span></p><p><a href=\"/periods/%D/measures/%D#office\">%s</a></p></li>\n",
                        hp->p.id, l->measure_id, tr(r, M_CONFIRM));
        }
        html_printf(&r->out, "</ul>\n");
    }
    html_printf(&r->out, "</section>\n");
}

void home_desk(struct req *r, const struct org *o) {
    struct home_period *hp;
    size_t n;
    struct plan_summary *plans;
    size_t np;
    struct feedback_row *opinions;
    size_t nop;
    if (!home_periods(r, o->id, false, &hp, &n))
        return;
    if (store_plan_list(r->db, &r->arena, o->id, &plans, &np) < 0)
        np = 0;
    if (store_feedback_queue(r->db, &r->arena, o->id, "pending", &opinions, &nop) < 0)
        nop = 0;
    page_begin(r, tr(r, M_HOME_DESK), NULL, 0, NULL);
    html_printf(&r->out, "<h1>%s</h1>\n<p class=\"muted\">%s</p>\n<p class=\"lead\">%s</p>\n", tr(r, M_HOME_DESK), o->name,
                tr(r, M_HOME_DESK_INTRO));
    for (size_t i = 0; i < n; i++)
        period_desk(r, &hp[i]);
    if (!n) {
        html_printf(&r->out, "<p>%s</p>\n<ul>\n", tr(r, M_HOME_NO_OPEN));
        for (size_t i = 0; i < np; i++)
            html_printf(&r->out, "<li><a href=\"/plans/%D/periods\">%s</a>%s%s</li>\n", plans[i].id, tr(r, M_HOME_OPEN_QUARTER),
                        tr(r, M_P_COLON), plans[i].draft.title);
        html_printf(&r->out, "</ul>\n");
    }
    html_printf(&r->out, "<section aria-labelledby=\"home-opinions\"><h2 id=\"home-opinions\">%s</h2>\n<p>",
                tr(r, M_HOME_OPINIONS));
    if (nop)
        html_printf(&r->out, "<a href=\"/orgs/%s/feedback\">%s</a>", o->code,
                    arena_printf(&r->arena, tr(r, M_HOME_OPINIONS_N), (int)nop));
    else
        html_printf(&r->out, "%s", tr(r, M_HOME_NO_OPINIONS));
    html_printf(&r->out, "</p></section>\n<section aria-labelledby=\"home-findings\"><h2 id=\"home-findings\">%s</h2>\n",
                tr(r, M_HOME_FINDINGS));
    for (size_t i = 0; i < np; i++) {
        struct plan p;
        if (store_plan_load(r->db, &r->arena, plans[i].id, LOAD_SUMMARY, &p) == 0)
            html_plan_findings_count(r, &p);
    }
    html_printf(&r->out, "</section>\n");
    html_home_footer(r, o);
    page_end(r);
}
