/* The plan's check findings on its page (issue 14 point 6, SPEC §3.9): what `kawaru check` says
 * of the plan, for its members — how many need action and how many are notes, then each finding
 * with the measure or the logic model's node it is about (linked), in words of the reader's language. */
#include <string.h>
#include "core/logic_model.h"
#include "core/plan_check.h"
#include "store/store_logic.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

struct view { struct req *r; const struct plan *plan; int errors, warnings; };

static void tally(const struct finding *f, void *ctx) {
    struct view *v = ctx;
    if (f->level == FINDING_ERROR)
        v->errors++;
    else
        v->warnings++;
}

static void item(const struct finding *f, void *ctx) {
    struct view *v = ctx;
    struct req *r = v->r;
    /* Japanese punctuation in Japanese, English in English */
    const char *colon = tr(r, M_P_COLON), *open = tr(r, M_P_OPEN), *close = tr(r, M_P_CLOSE);
    html_printf(&r->out, "<li><span class=\"badge %s\">%s</span> ", f->level == FINDING_ERROR ? "badge-act" : "badge-note",
                tr(r, f->level == FINDING_ERROR ? M_CHECK_ERROR : M_CHECK_WARNING));
    if (f->node)                                /* a node of the logic model, on its page */
        html_printf(&r->out, "<a href=\"/plans/%D/logic-model#lm-%d\">%s%s%s</a>", v->plan->id,
                    (int)(f->node - v->plan->logic_model->nodes) + 1, tr(r, M_P_QUOTE_OPEN), f->node->text,
                    tr(r, M_P_QUOTE_CLOSE));
    else
        html_printf(&r->out, "<a href=\"/measures/%D\">%s %s</a>", f->measure->id,
                    f->measure->key ? f->measure->key : f->measure->code, f->measure->title);
    html_printf(&r->out, "%s%s", colon, finding_message(f->kind, !(r->lang && strcmp(r->lang, "en") == 0)));
    if (f->kpi && f->kpi->name)                 /* an unnamed KPI's finding says so itself */
        html_printf(&r->out, "%s%s%s", open, f->kpi->name, close);
    if (f->kind == FIND_SCHEDULE_OUTSIDE_PERIOD) {
        char fy[64];
        tr_fy(r, f->fy, fy, sizeof fy);
        html_printf(&r->out, "%s%s%s", open, fy, close);
    }
    html_printf(&r->out, "</li>\n");
}

/* The plan with its logic model (a plan loaded for a page lacks it), and its findings counted. */
static struct view counted(struct req *r, const struct plan *plan, struct plan *with_model) {
    *with_model = *plan;
    if (!with_model->logic_model && store_logic_load(r->db, &r->arena, plan->id, &with_model->logic_model) < 0)
        with_model->logic_model = NULL;             /* the page goes on without the model's findings */
    struct view v = {r, with_model, 0, 0};
    plan_check(with_model, tally, &v);
    return v;
}

void html_plan_findings_count(struct req *r, const struct plan *plan) {
    struct plan with_model;
    struct view v = counted(r, plan, &with_model);
    html_printf(&r->out, "<p><a href=\"/plans/%D#plan-check-title\">%s</a>%s", plan->id, plan->title, tr(r, M_P_COLON));
    if (v.errors + v.warnings == 0)
        html_printf(&r->out, "%s", tr(r, M_CHECK_NONE));
    else
        html_printf(&r->out, tr(r, M_CHECK_COUNTS), v.errors, v.warnings);
    html_printf(&r->out, "</p>\n");
}

void html_plan_findings(struct req *r, const struct plan *plan) {
    struct plan with_model;
    struct view v = counted(r, plan, &with_model);
    const struct plan *p = &with_model;
    html_printf(&r->out, "<section class=\"plan-check\" aria-labelledby=\"plan-check-title\">"
                         "<h2 id=\"plan-check-title\">%s</h2>\n", tr(r, M_CHECK_TITLE));
    if (v.errors + v.warnings == 0) {
        html_printf(&r->out, "<p>%s</p></section>\n", tr(r, M_CHECK_NONE));
        return;
    }
    html_printf(&r->out, "<details><summary>");
    html_printf(&r->out, tr(r, M_CHECK_SUMMARY), v.errors, v.warnings);
    html_printf(&r->out, "</summary>\n<ul class=\"findings\">\n");
    plan_check(p, item, &v);
    html_printf(&r->out, "</ul></details></section>\n");
}
