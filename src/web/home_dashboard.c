/* The HQ's home, 「推進本部ダッシュボード」 (a viewer: the 推進本部 reads drafts and decides): the
 * organisation's workload goal, and for each plan the roll-up by pillar and, from its latest
 * quarter's HQ pack (report/hq_pack.c), the measures asking for a decision — each linked to the
 * decision form — and the KPIs behind their targets. */
#include "core/rollup.h"
#include "report/hq_pack.h"
#include "web/home.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

enum { DASHBOARD_KPIS = 8 };               /* the worst KPIs listed; the pack has them all */

static void decisions(struct req *r, const struct hq_pack *pk) {
    html_printf(&r->out, "<h3>%s</h3>\n", tr(r, M_HOME_DECISIONS));
    size_t asked = 0;
    for (size_t i = 0; i < pk->n_decisions; i++) {
        const struct period_line *l = pk->decisions[i].line;
        if (!pk->decisions[i].problem || l->review.decision)
            continue;
        if (asked++ == 0)
            html_printf(&r->out, "<ul class=\"work-list\">\n");
        html_printf(&r->out, "<li class=\"work-item\"><p><span class=\"code\">%s</span> %s</p><p>%s%s%r <span class=\"muted small\">",
                    l->code, l->title, tr(r, M_RATING), tr(r, M_P_COLON), tr_rating_html(r, hq_pack_rating_label(pk, l->review.rating)));
        html_departments_in_charge(r, l->dept_names, l->n_depts);
        html_printf(&r->out, "</span></p><p><a href=\"/periods/%D/measures/%D#hq\">%s</a></p></li>\n",
                    pk->period.id, l->measure_id, tr(r, M_HOME_DECIDE));
    }
    if (asked)
        html_printf(&r->out, "</ul>\n");
    else
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_HOME_NO_DECISIONS));
}

static void kpis_off(struct req *r, const struct hq_pack *pk) {
    html_printf(&r->out, "<h3>%s</h3>\n", tr(r, M_HOME_KPIS_OFF));
    if (!pk->n_kpis) {
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_HOME_NO_KPIS_OFF));
        return;
    }
    html_printf(&r->out, "<ul>\n");
    for (size_t i = 0; i < pk->n_kpis && i < DASHBOARD_KPIS; i++) {
        const struct pack_kpi *k = &pk->kpis[i];
        html_printf(&r->out, "<li>");
        html_kpi_badge(r, k->d.status);
        html_printf(&r->out, " <a href=\"/kpis/%D\">%s</a> <span class=\"muted small\">%s %s</span></li>\n", k->kpi->id,
                    tr_kpi_name(r, k->kpi), k->measure->code, k->measure->title);
    }
    if (pk->n_kpis > DASHBOARD_KPIS)
        html_printf(&r->out, "<li><a href=\"/periods/%D/pack#kpis\">%s</a></li>\n", pk->period.id,
                    arena_printf(&r->arena, tr(r, M_HOME_MORE), (int)(pk->n_kpis - DASHBOARD_KPIS)));
    html_printf(&r->out, "</ul>\n");
}

static void plan_section(struct req *r, const struct plan_summary *ps, const struct home_period *hp, size_t n) {
    struct plan p;
    if (store_plan_load(r->db, &r->arena, ps->id, LOAD_SUMMARY, &p) < 0)
        return;
    html_printf(&r->out, "<section class=\"home-plan\" aria-labelledby=\"plan-%D\"><h2 id=\"plan-%D\"><a href=\"/plans/%D\">%s</a></h2>\n",
                p.id, p.id, p.id, p.title);
    struct rollup plan_ru, *pillar_ru = arena_alloc(&r->arena, (p.n_pillars + 1) * sizeof *pillar_ru);
    size_t n_themes = 0;
    for (size_t i = 0; i < p.n_pillars; i++)
        n_themes += p.pillars[i].n_themes;
    struct rollup *theme_ru = arena_alloc(&r->arena, (n_themes + 1) * sizeof *theme_ru);
    rollup_plan(&p, r->today, &plan_ru, pillar_ru, theme_ru);
    html_rollup_overview(r, &p, &plan_ru, pillar_ru, false);
    for (size_t i = 0; i < n; i++) {
        struct hq_pack pk;
        if (hp[i].plan->id != ps->id || hq_pack_build(r->db, &r->arena, hp[i].p.id, r->today, &pk) < 0)
            continue;
        html_printf(&r->out, "<section class=\"home-period\">\n");
        html_home_period_title(r, &hp[i]);
        html_printf(&r->out, "<p><a href=\"/periods/%D/pack\">%s</a></p>\n", hp[i].p.id, tr(r, M_PACK));
        decisions(r, &pk);
        kpis_off(r, &pk);
        html_printf(&r->out, "</section>\n");
    }
    html_printf(&r->out, "</section>\n");
}

void home_dashboard(struct req *r, const struct org *o) {
    struct home_period *hp;
    size_t n;
    struct plan_summary *plans;
    size_t np;
    if (!home_periods(r, o->id, true, &hp, &n))
        return;
    if (store_plan_list(r->db, &r->arena, o->id, &plans, &np) < 0)
        np = 0;
    page_begin(r, tr(r, M_HOME_DASHBOARD), NULL, 0, NULL);
    html_printf(&r->out, "<h1>%s</h1>\n<p class=\"muted\">%s</p>\n<p class=\"lead\">%s</p>\n", tr(r, M_HOME_DASHBOARD), o->name,
                tr(r, M_HOME_DASHBOARD_INTRO));
    html_workload_progress(r, o->id, o->code);      /* the 業務量削減 goal, when a plan has one */
    for (size_t i = 0; i < np; i++)
        plan_section(r, &plans[i], hp, n);
    html_home_footer(r, o);
    page_end(r);
}
