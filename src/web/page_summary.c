/* A plan's summary for residents (issue 16): from the latest published version and the ratings
 * the office confirmed, in plain words and big figures — how many measures are on track (by the
 * ratings of the latest confirmed quarter, core/rollup) and how its KPIs stand (kpi_derive),
 * which KPIs improved on their previous value (core/kpi_calc kpi_change), and what the last
 * version changed (xfer/doc_diff's comparison of the last two versions, and its notes). */
#include <string.h>
#include "core/errors.h"
#include "core/review.h"
#include "core/rollup.h"
#include "store/store.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "xfer/doc_diff.h"
#include "xfer/published.h"

static const struct measure *measure_by_id(const struct plan *p, int64_t id) {
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            for (size_t k = 0; k < p->pillars[i].themes[j].n_measures; k++)
                if (p->pillars[i].themes[j].measures[k].id == id)
                    return &p->pillars[i].themes[j].measures[k];
    return NULL;
}

/* Each measure of p (a copy the request owns, from published_load_with_ids) given only its public
 * review of the latest quarter any measure has one for, so that the roll-up counts that quarter's
 * ratings; that quarter in *ret_fy, *ret_q (0 when there is none). The draft's reviews are read
 * once for the whole plan; a measure the draft lacks keeps the version's (confirmed) reviews. */
static int latest_quarter_only(struct req *r, struct plan *p, int *ret_fy, int *ret_q) {
    struct plan draft;
    int rc = store_plan_load(r->db, &r->arena, p->id, LOAD_FULL, &draft);
    if (rc < 0)
        return rc;
    int fy = 0, q = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < p->n_pillars; i++)
            for (size_t j = 0; j < p->pillars[i].n_themes; j++)
                for (size_t k = 0; k < p->pillars[i].themes[j].n_measures; k++) {
                    struct measure *m = &p->pillars[i].themes[j].measures[k];
                    const struct review *v = m->reviews;
                    size_t n = m->n_reviews;
                    const struct measure *dm = m->id ? measure_by_id(&draft, m->id) : NULL;
                    if (dm) {
                        v = dm->reviews;
                        n = dm->n_reviews;
                    }
                    const struct review *found = NULL;
                    for (size_t x = 0; x < n; x++) {
                        if (!v[x].rating || !review_is_public(&v[x]) || m->status == MS_ABOLISHED)
                            continue;
                        if (pass == 0 && (v[x].fy > fy || (v[x].fy == fy && v[x].quarter > q))) {
                            fy = v[x].fy;
                            q = v[x].quarter;
                        }
                        if (pass == 1 && v[x].fy == fy && v[x].quarter == q)
                            found = &v[x];
                    }
                    if (pass == 0)
                        continue;
                    m->latest_rating = NULL;
                    m->n_reviews = 0;
                    if (found) {
                        struct review *one = arena_memdup(&r->arena, found, sizeof *found);
                        one->state = REVIEW_CONFIRMED;
                        m->reviews = one;
                        m->n_reviews = 1;
                    }
                }
    *ret_fy = fy;
    *ret_q = q;
    return 0;
}

/* A big figure: the number, "out of N", and what it counts. */
static void figure(struct req *r, int value, int total, const char *label, const char *note) {
    html_printf(&r->out, "<div class=\"ps-figure\"><p class=\"ps-number\">%d</p><p class=\"ps-label\">%s%s%s</p>", value,
                arena_printf(&r->arena, tr(r, M_PS_OUT_OF), total), tr(r, M_P_SPACE), label);
    if (note)
        html_printf(&r->out, "<p class=\"small muted\">%s</p>", note);
    html_printf(&r->out, "</div>\n");
}

static void measures_section(struct req *r, const struct plan *p, const struct rollup *ru, int fy, int q) {
    const struct rating_level *scale;
    size_t n_scale;
    rollup_scale_of(p, &scale, &n_scale);
    html_printf(&r->out, "<section aria-labelledby=\"ps-measures\" class=\"ps-section\"><h2 id=\"ps-measures\">%s</h2>\n",
                tr(r, M_PS_MEASURES));
    if (!q) {
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_PS_NO_RATINGS_YET));
    } else {
        int rated = 0;
        for (size_t i = 0; i < n_scale && i < ROLLUP_MAX_LEVELS; i++)
            rated += ru->rated[i];
        figure(r, rated - ru->problems, ru->measures, tr(r, M_PS_ON_TRACK),
               arena_printf(&r->arena, tr(r, M_PS_RATED_IN), period_label(r, fy, q)));
        html_printf(&r->out, "<h3>%s</h3>\n<ul class=\"ps-counts\">\n", tr(r, M_PS_BY_RATING));
        for (size_t i = 0; i < n_scale && i < ROLLUP_MAX_LEVELS; i++)
            html_printf(&r->out, "<li><span>%r</span> <strong>%s</strong></li>\n", tr_rating_html(r, scale[i].label),
                        arena_printf(&r->arena, tr(r, M_PS_COUNT), ru->rated[i]));
        html_printf(&r->out, "<li><span>%s</span> <strong>%s</strong></li>\n</ul>\n", tr(r, M_PS_UNRATED),
                    arena_printf(&r->arena, tr(r, M_PS_COUNT), ru->unrated));
    }
    html_printf(&r->out, "</section>\n");
    html_printf(&r->out, "<section aria-labelledby=\"ps-kpis\" class=\"ps-section\"><h2 id=\"ps-kpis\">%s</h2>\n", tr(r, M_PS_KPIS));
    figure(r, ru->kpi_status[KPI_ACHIEVED] + ru->kpi_status[KPI_ON_TRACK], ru->kpis, tr(r, M_PS_KPI_GOOD), NULL);
    html_printf(&r->out, "<h3>%s</h3>\n<ul class=\"ps-counts\">\n", tr(r, M_PS_BY_STATUS));
    static const enum kpi_status order[] = {KPI_ACHIEVED, KPI_ON_TRACK, KPI_AT_RISK, KPI_OFF_TRACK, KPI_NO_DATA, KPI_UNDECIDED, KPI_NO_TARGET};
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        if (!ru->kpi_status[order[i]])
            continue;
        html_printf(&r->out, "<li>");
        html_kpi_badge(r, order[i]);
        html_printf(&r->out, " <strong>%s</strong></li>\n", arena_printf(&r->arena, tr(r, M_PS_COUNT), ru->kpi_status[order[i]]));
    }
    html_printf(&r->out, "</ul>\n</section>\n");
}

static void value_html(struct req *r, double v, const char *unit, const char *when) {
    char n[48];
    format_number(n, sizeof n, v);
    html_printf(&r->out, "<strong>%s%s</strong> <span class=\"muted\">%s</span>", n, unit ? unit : "", tr_paren(r, when));
}

static void improved_section(struct req *r, const struct plan *p) {
    html_printf(&r->out, "<section aria-labelledby=\"ps-improved\" class=\"ps-section\"><h2 id=\"ps-improved\">%s</h2>\n"
                         "<p class=\"small\">%s</p>\n",
                tr(r, M_PS_IMPROVED), tr(r, M_PS_IMPROVED_HINT));
    size_t shown = 0;
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            for (size_t k = 0; k < p->pillars[i].themes[j].n_measures; k++) {
                const struct measure *m = &p->pillars[i].themes[j].measures[k];
                for (size_t x = 0; m->status != MS_ABOLISHED && x < m->n_kpis; x++) {
                    const struct kpi *kp = &m->kpis[x];
                    struct kpi_change c;
                    if (kp->abolished || !kpi_change(kp, &c) || !c.improved)
                        continue;
                    if (shown++ == 0)
                        html_printf(&r->out, "<ul class=\"ps-improved\">\n");
                    html_printf(&r->out, "<li><p class=\"ps-kpi\">");
                    if (kp->id)
                        html_printf(&r->out, "<a href=\"/kpis/%D\">%s</a>", kp->id, tr_kpi_name(r, kp));
                    else
                        html_printf(&r->out, "%s", tr_kpi_name(r, kp));
                    html_printf(&r->out, "</p><p class=\"small muted\">%s</p><p>%s%s", m->title, tr(r, M_PS_BEFORE), tr(r, M_P_COLON));
                    value_html(r, c.before, kp->unit, c.before_period ? c.before_period : tr(r, M_BASELINE));
                    html_printf(&r->out, " → %s%s", tr(r, M_PS_AFTER), tr(r, M_P_COLON));
                    value_html(r, c.after, kp->unit, c.after_period);
                    html_printf(&r->out, "</p></li>\n");
                }
            }
    if (shown)
        html_printf(&r->out, "</ul>\n");
    else
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_PS_NONE_IMPROVED));
    html_printf(&r->out, "</section>\n");
}

static void title_list(struct req *r, const struct diff_entry *d, size_t n, enum msg heading, bool (*which)(enum diff_kind)) {
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += d[i].type == DE_MEASURE && which(d[i].kind);
    if (!count)
        return;
    html_printf(&r->out, "<h3>%s%s</h3>\n<ul>\n", tr(r, heading), tr_paren(r, arena_printf(&r->arena, tr(r, M_PS_COUNT), (int)count)));
    for (size_t i = 0; i < n; i++)
        if (d[i].type == DE_MEASURE && which(d[i].kind))
            html_printf(&r->out, "<li>%s</li>\n", d[i].title ? d[i].title : d[i].key);
    html_printf(&r->out, "</ul>\n");
}

static bool is_added(enum diff_kind k) { return k == DIFF_ADDED; }
static bool is_removed(enum diff_kind k) { return k == DIFF_REMOVED; }
static bool is_changed(enum diff_kind k) { return k == DIFF_CHANGED || k == DIFF_MOVED; }

static void changes_section(struct req *r, const struct plan *p, int64_t plan_id) {
    struct plan_version *v;
    size_t n;
    if (store_versions(r->db, &r->arena, plan_id, &v, &n) < 0 || n == 0)
        return;
    html_printf(&r->out, "<section aria-labelledby=\"ps-changes\" class=\"ps-section\"><h2 id=\"ps-changes\">%s</h2>\n",
                tr(r, M_PS_CHANGES));
    struct plan_version from, to;
    struct diff_entry *d = NULL;
    size_t nd = 0;
    if (n < 2) {
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_PS_FIRST_VERSION));
    } else if (store_version_load(r->db, &r->arena, v[n - 2].id, &from) == 0 &&
               store_version_load(r->db, &r->arena, v[n - 1].id, &to) == 0 &&
               plan_diff(&r->arena, from.snapshot, to.snapshot, &d, &nd) == 0) {
        html_printf(&r->out, "<p class=\"lead\">%s</p>\n",
                    arena_printf(&r->arena, tr(r, M_PS_CHANGES_FROM), from.label, to.label));
        size_t measures = 0, others = 0;
        for (size_t i = 0; i < nd; i++) {
            if (d[i].type == DE_MEASURE && (is_added(d[i].kind) || is_removed(d[i].kind) || is_changed(d[i].kind)))
                measures++;
            else if (d[i].type != DE_MEASURE)
                others++;
        }
        if (!measures)
            html_printf(&r->out, "<p>%s</p>\n", tr(r, M_PS_NO_MEASURE_CHANGES));
        title_list(r, d, nd, M_PS_ADDED, is_added);
        title_list(r, d, nd, M_PS_REMOVED, is_removed);
        title_list(r, d, nd, M_PS_CHANGED, is_changed);
        if (others)
            html_printf(&r->out, "<p>%s%s%s</p>\n", tr(r, M_PS_OTHER_CHANGES), tr(r, M_P_COLON),
                        arena_printf(&r->arena, tr(r, M_PS_COUNT), (int)others));
    }
    for (size_t i = 0; i < p->n_revisions; i++) {               /* the notes of the latest version */
        const struct revision *rev = &p->revisions[i];
        if (strcmp(rev->version, v[n - 1].label) != 0 || !rev->notes.n)
            continue;
        html_printf(&r->out, "<h3>%s</h3>\n<ul>\n", tr(r, M_REVISION_NOTES));
        for (size_t j = 0; j < rev->notes.n; j++)
            html_printf(&r->out, "<li>%s</li>\n", rev->notes.items[j]);
        html_printf(&r->out, "</ul>\n");
    }
    html_printf(&r->out, "<ul class=\"inline-list no-print\">");
    if (n >= 2)
        html_printf(&r->out, "<li><a href=\"/plans/%D/compare?from=%D&amp;to=%D\">%s</a></li>", plan_id, v[n - 2].id, v[n - 1].id,
                    tr(r, M_PS_DETAILS));
    html_printf(&r->out, "<li><a href=\"/plans/%D/versions\">%s</a></li></ul>\n</section>\n", plan_id, tr(r, M_REVISIONS));
}

/* GET /plans/{id}/summary */
void page_plan_summary(struct req *r) {
    int64_t plan_id;
    struct published_plan pp;
    if (!req_param_id(r, 0, &plan_id) || published_load_with_ids(r->db, &r->arena, plan_id, &pp) < 0) {
        buf_reset(&r->out);
        page_not_found(r);
        return;
    }
    struct plan *p = (struct plan *)pp.plan;                   /* the request's own copy */
    p->id = plan_id;
    int fy = 0, q = 0;
    if (latest_quarter_only(r, p, &fy, &q) < 0) {
        buf_reset(&r->out);
        page_not_found(r);
        return;
    }
    struct rollup ru;
    rollup_plan_total(p, r->today, &ru);
    char *org_href = arena_printf(&r->arena, "/orgs/%s", pp.doc.org.code);
    char *plan_href = arena_printf(&r->arena, "/plans/%lld/published", (long long)plan_id);
    const char *version = arena_printf(&r->arena, "%s%s%s%s", tr(r, M_PUBLISHED_VERSION), tr(r, M_P_SPACE), pp.version.label,
                                       tr_paren(r, pp.version.date));
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {pp.doc.org.name, org_href}, {p->title, plan_href}, {tr(r, M_PS_LINK), NULL}};
    page_begin(r, arena_printf(&r->arena, "%s%s%s", tr(r, M_PS_LINK), tr(r, M_P_SPACE), p->title), crumbs, 4, "summary-page");
    html_print_running(r, pp.doc.org.name, p->title, version);
    html_printf(&r->out, "<p class=\"sheet-context\">%s</p>\n<h1>%s<span class=\"ps-sub\">%s</span></h1>\n"
                         "<p class=\"lead\">%s</p>\n<p class=\"small muted\">%s</p>\n",
                pp.doc.org.name, p->title, tr(r, M_PS_LINK), tr(r, M_PS_INTRO), version);
    measures_section(r, p, &ru, fy, q);
    improved_section(r, p);
    changes_section(r, p, plan_id);
    html_printf(&r->out, "<p><a class=\"button\" href=\"%s\">%s</a></p>\n", plan_href, tr(r, M_PS_READ_PLAN));
    page_end(r);
}
