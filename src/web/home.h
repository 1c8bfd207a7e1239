/* The home page of a signed-in member of an organisation: what each role does next (issue 15).
 * page_home.c calls the one of the user's role; each is in its own file. What they share —
 * the review periods to show, the deadline in words — is in page_home.c. */
#ifndef KAWARU_WEB_HOME_H
#define KAWARU_WEB_HOME_H
#include "http/req.h"
#include "store/store.h"

/* A plan's review period with what each measure owes in it. */
struct home_period {
    const struct plan_summary *plan;
    struct review_period p;
    struct period_line *lines;
    size_t n;
};
/* The open periods of the organisation's plans, newest first; with latest_closed, a plan without
 * an open period gives its latest closed one instead. False after replying with the store's error. */
bool home_periods(struct req *r, int64_t org_id, bool latest_closed, struct home_period **ret, size_t *ret_n);
/* "締切 2026年1月14日（あと3日）" / "…（5日超過）" for an open period; the date alone when closed. */
void html_deadline(struct req *r, const struct review_period *p);
/* The heading of a period's section: the plan's title and the quarter, linked to the period. */
void html_home_period_title(struct req *r, const struct home_period *hp);
/* What closes a home: the organisation's plans, its page and the list of every organisation. */
void html_home_footer(struct req *r, const struct org *o);

/* A reporter's work this quarter: what its departments owe, what was sent back, its inboxes (home_work.c). */
void home_work(struct req *r, const struct org *o);
/* The office's desk: late reports by department, reports to confirm, opinions to moderate, the plans'
 * check findings (home_desk.c). */
void home_desk(struct req *r, const struct org *o);
/* The HQ's dashboard: the roll-up by pillar, decisions requested, KPIs off track, the workload goal
 * (home_dashboard.c). */
void home_dashboard(struct req *r, const struct org *o);

#endif
