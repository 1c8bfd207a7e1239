/* What the review-cycle pages share: names of states and decisions in the reader's language,
 * the state badge, the departments in charge of a measure, the period's label and the
 * breadcrumbs down to a plan. */
#include <stdio.h>
#include <string.h>
#include "store/store.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/markdown.h"
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
        html_printf(&r->out, "%s", tr(r, M_NO_DEPT_REPORTER));
        return;
    }
    for (size_t i = 0; i < n; i++)
        html_printf(&r->out, "%s%s%r", i ? tr(r, M_P_COMMA) : "", names[i], i == 0 && n > 1 ? tr(r, M_LEAD_MARK) : "");
}

const char *tr_days_late(struct req *r, int days, enum review_state s) {
    if (days < 0)
        return "";
    const char *n = arena_printf(&r->arena, tr(r, days == 1 ? M_ONE_DAY : M_N_DAYS), days);
    bool submitted = s == REVIEW_SUBMITTED || s == REVIEW_CONFIRMED;
    return arena_printf(&r->arena, tr(r, submitted ? M_DAYS_LATE : M_NOT_SUBMITTED), n);
}

void html_late_as_closed(struct req *r, const struct review_period *p) {
    kw_date closed = p->closed ? review_stamp_day(p->closed_at) : REVIEW_NO_DAY;
    if (closed != REVIEW_NO_DAY)
        html_printf(&r->out, "<p class=\"small\" id=\"late-as-closed\">%s</p>\n",
                    arena_printf(&r->arena, tr(r, M_LATE_AS_CLOSED), tr_date(r, closed)));
}

void html_review_texts(struct req *r, const struct review *rv, int level) {
    static const enum msg heads[] = {M_PROGRESS_TEXT, M_ISSUES, M_NEXT_STEPS};
    const char *texts[] = {rv->text, rv->issues, rv->next_steps};
    for (int i = 0; i < 3; i++) {
        if (!texts[i] && i > 0)
            continue;
        html_printf(&r->out, "<h%d>%s</h%d>\n<div class=\"rendered\">", level, tr(r, heads[i]), level);
        markdown_html(&r->out, texts[i]);
        html_printf(&r->out, "</div>\n");
    }
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
            struct plan_face f = plan_summary_face(&plans[i], r->sees_drafts);
            ret->plan_title = f.title;
            ret->plan_version = f.version;
            ret->org_href = arena_printf(&r->arena, "/orgs/%s", o.code);
            ret->plan_href = arena_printf(&r->arena, r->sees_drafts ? "/plans/%lld" : "/plans/%lld/published",
                                          (long long)plan_id);
            ret->periods_href = arena_printf(&r->arena, "/plans/%lld/periods", (long long)plan_id);
            return true;
        }
    return false;
}
