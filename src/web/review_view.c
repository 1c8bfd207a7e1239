/* What the review-cycle pages share: names of states and decisions in the reader's language,
 * the state badge, the departments in charge of a measure, the period's label and the
 * breadcrumbs down to a plan. */
#include <stdio.h>
#include <string.h>
#include "store/store.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

const char *tr_review_state(const struct req *r, enum review_state s) {
    static const enum msg names[REVIEW_NSTATES] = {M_RS_MISSING, M_RS_DRAFT, M_RS_SUBMITTED, M_RS_SENT_BACK,
                                                   M_RS_CONFIRMED};
    return tr(r, names[s]);
}

const char *tr_decision(const struct req *r, const char *code) {
    static const enum msg names[] = {M_D_CONTINUE, M_D_REVISE, M_D_EXPAND, M_D_REDUCE, M_D_MERGE, M_D_ABOLISH,
                                     M_D_COMPLETE};
    for (size_t i = 0; code && review_decisions[i]; i++)
        if (strcmp(code, review_decisions[i]) == 0)
            return tr(r, names[i]);
    return code;
}

void html_review_badge(struct req *r, enum review_state s, bool late) {
    html_printf(&r->out, "<span class=\"badge review-%s\">%s</span>", review_state_name(s), tr_review_state(r, s));
    if (late)
        html_printf(&r->out, " <span class=\"badge review-late\">%s</span>", tr(r, M_LATE));
}

void html_departments_in_charge(struct req *r, char *const *names, size_t n) {
    if (!n) {
        html_printf(&r->out, "%s", tr(r, M_ORG_WIDE_REPORTER));
        return;
    }
    for (size_t i = 0; i < n; i++)
        html_printf(&r->out, "%s%s%r", i ? tr(r, M_LIST_SEP) : "", names[i], i == 0 && n > 1 ? tr(r, M_LEAD_MARK) : "");
}

char *period_label(struct req *r, int fy, int quarter) {
    char fy_text[64];
    tr_fy(r, fy, fy_text, sizeof fy_text);
    return strcmp(r->lang, "en") == 0 ? arena_printf(&r->arena, "%s Q%d", fy_text, quarter)
                                      : arena_printf(&r->arena, "%s 第%d四半期", fy_text, quarter);
}

bool load_plan_context(struct req *r, int64_t plan_id, struct plan_context *ret) {
    int64_t org_id;
    struct org o;
    struct plan_summary *plans;
    size_t n;
    if (store_plan_org(r->db, plan_id, &org_id) < 0 || store_org_by_id(r->db, &r->arena, org_id, &o) < 0 ||
        store_plan_list(r->db, &r->arena, org_id, &plans, &n) < 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (plans[i].id == plan_id) {
            ret->plan_id = plan_id;
            ret->org_id = org_id;
            ret->org_code = o.code;
            ret->org_name = o.name;
            ret->plan_title = plan_summary_face(&plans[i], r->sees_drafts).title;
            ret->org_href = arena_printf(&r->arena, "/orgs/%s", o.code);
            ret->plan_href = arena_printf(&r->arena, r->sees_drafts ? "/plans/%lld" : "/plans/%lld/published",
                                          (long long)plan_id);
            ret->periods_href = arena_printf(&r->arena, "/plans/%lld/periods", (long long)plan_id);
            return true;
        }
    return false;
}
