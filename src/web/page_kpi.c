/* A KPI's page: its figures, the chart with the same figures as a table, and the form that adds
 * a measurement (errors shown next to the field), which page_measurement.c receives. Those who
 * do not read the organisation's drafts (the public) get the KPI as the plan's latest published
 * version has it, at the same address, without the form. */
#include <string.h>
#include "http/authz.h"
#include "core/errors.h"
#include "core/number.h"
#include "store/store.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "store/store_scope.h"
#include "xfer/published.h"

static void fact(struct req *r, enum msg label, const char *value_html) {
    html_printf(&r->out, "<div><dt>%s</dt><dd>%r</dd></div>\n", tr(r, label), value_html);
}

static char *num_unit(struct req *r, double v, const char *unit) {
    char n[48];
    format_number(n, sizeof n, v);
    struct buf b = BUF_INIT;
    html_printf(&b, "%s%s", n, unit ? unit : "");
    char *s = arena_strdup(&r->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static void figures(struct req *r, const struct kpi *k, const struct kpi_derived *d) {
    html_printf(&r->out, "<dl class=\"facts\">\n");
    if (k->unit) {
        struct buf b = BUF_INIT;
        html_printf(&b, "%s", k->unit);
        fact(r, M_UNIT, arena_strdup(&r->arena, buf_cstr(&b)));
        buf_free(&b);
    }
    fact(r, M_DIRECTION, tr_direction(r, k->direction));
    if (k->perspective)
        fact(r, M_PERSPECTIVE, tr(r, strcmp(k->perspective, "citizen") == 0 ? M_CITIZEN : M_STAFF));
    if (k->has_baseline) {
        char fy[64];
        tr_fy(r, k->baseline_fy, fy, sizeof fy);
        fact(r, M_BASELINE, arena_printf(&r->arena, "%s%s", num_unit(r, k->baseline_value, k->unit), tr_paren(r, fy)));
    }
    size_t mark = r->out.len;
    html_kpi_target(r, k);
    char *target = arena_strdup(&r->arena, r->out.data + mark);
    r->out.len = mark;
    r->out.data[mark] = '\0';
    fact(r, M_TARGET, target);
    if (d->has_latest)
        fact(r, M_LATEST, arena_printf(&r->arena, "%s%s", num_unit(r, d->latest, k->unit), tr_paren(r, d->latest_period)));
    if (d->has_achievement)
        fact(r, M_ACHIEVEMENT, num_unit(r, d->achievement * 100, "%"));
    if (d->has_expected)
        fact(r, M_EXPECTED, num_unit(r, d->expected, k->unit));
    if (d->has_forecast)
        fact(r, M_FORECAST, num_unit(r, d->forecast, k->unit));
    mark = r->out.len;
    html_kpi_badge(r, d->status);
    char *badge = arena_strdup(&r->arena, r->out.data + mark);
    r->out.len = mark;
    r->out.data[mark] = '\0';
    fact(r, M_STATUS, badge);
    html_printf(&r->out, "</dl>\n");
    if (k->definition)
        html_printf(&r->out, "<p><strong>%s%s</strong>%s</p>\n", tr(r, M_DEFINITION), tr(r, M_P_COLON), k->definition);
}

/* The measurements alone, under their heading: the chart's points as a table. */
static void measurement_table(struct req *r, const struct kpi *k) {
    html_printf(&r->out, "<section aria-labelledby=\"measurements\"><h2 id=\"measurements\">%s</h2>\n", tr(r, M_MEASUREMENTS));
    if (!k->n_measurements) {
        html_printf(&r->out, "<p>%s</p></section>\n", tr(r, M_NO_MEASUREMENTS));
        return;
    }
    html_table_scroll(r, tr(r, M_MEASUREMENTS));
    html_printf(&r->out, "<table class=\"grid\" id=\"measurement-table\"><thead><tr><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
                tr(r, M_DATE), tr(r, M_VALUE), tr(r, M_NOTE));
    for (size_t i = 0; i < k->n_measurements; i++)
        html_printf(&r->out, "<tr class=\"row-actual\"><td class=\"date\">%s</td><td>%F</td><td>%s</td></tr>\n",
                    k->measurements[i].period, k->measurements[i].value, k->measurements[i].note ? k->measurements[i].note : "");
    html_printf(&r->out, "</tbody></table></div></section>\n");
}

static void reference_row(struct req *r, const char *cls, enum msg kind, kw_date day, double v, const char *about) {
    char date[16];
    date_format(day, date, sizeof date);
    html_printf(&r->out, "<tr class=\"%s\"><th scope=\"row\">%s</th><td class=\"date\">%s</td><td>%F</td><td>%s</td></tr>\n",
                cls, tr(r, kind), date, v, about);
}

/* The values the chart draws as lines, apart from the measurements and named as its legend names
 * them: the target line from the baseline (the start of its fiscal year) to the target (the end
 * of its), and the forecast at the target date. */
static void reference_table(struct req *r, const struct kpi *k, const struct kpi_derived *d) {
    bool target = k->target_state == TARGET_SET;
    if (!k->has_baseline && !target)
        return;
    html_printf(&r->out, "<section aria-labelledby=\"references\"><h2 id=\"references\">%s</h2>\n", tr(r, M_KPI_REFERENCES));
    html_table_scroll(r, tr(r, M_KPI_REFERENCES));
    html_printf(&r->out, "<table class=\"grid\" id=\"reference-table\"><thead><tr><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
                tr(r, M_PS_KIND), tr(r, M_KPI_AT), tr(r, M_VALUE), tr(r, M_NOTE));
    if (k->has_baseline)
        reference_row(r, "row-baseline", M_BASELINE, kpi_baseline_date(k->baseline_fy), k->baseline_value,
                      arena_printf(&r->arena, tr(r, M_KPI_BASELINE_ABOUT), tr_fy_text(r, k->baseline_fy)));
    if (target) {
        reference_row(r, "row-target", M_TARGET, kpi_target_date(k->target_fy), k->target_value,
                      arena_printf(&r->arena, tr(r, M_KPI_TARGET_ABOUT), tr_fy_text(r, k->target_fy)));
        if (d->has_forecast)
            reference_row(r, "row-forecast", M_FORECAST_LINE, kpi_target_date(k->target_fy), d->forecast,
                          tr(r, M_KPI_FORECAST_ABOUT));
    }
    html_printf(&r->out, "</tbody></table></div></section>\n");
}

void kpi_page_render(struct req *r, const struct kpi *k, const struct measure_ref *ref, const struct measure *m,
                     const struct measurement_form *f, bool has_errors, const char *version) {
    struct kpi_derived d;
    kpi_derive(k, r->today, &d);
    char *org_href = arena_printf(&r->arena, "/orgs/%s", ref->org_code);
    char *plan_href, *m_href;
    if (version) {                              /* the published version's pages */
        struct buf b = BUF_INIT;
        buf_printf(&b, "/plans/%lld/published/measures/", (long long)ref->plan_id);
        url_escape_path(&b, m->key ? m->key : m->code);
        m_href = arena_strdup(&r->arena, buf_cstr(&b));
        buf_free(&b);
        plan_href = arena_printf(&r->arena, "/plans/%lld/published", (long long)ref->plan_id);
    } else {
        plan_href = arena_printf(&r->arena, "/plans/%lld", (long long)ref->plan_id);
        m_href = arena_printf(&r->arena, "/measures/%lld", (long long)m->id);
    }
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {ref->org_name, org_href}, {ref->plan_title, plan_href},
                             {m->title, m_href}, {tr_kpi_name(r, k), NULL}};
    page_begin(r, tr_kpi_name(r, k), crumbs, 5, NULL);
    html_print_running(r, ref->org_name, ref->plan_title, version ? version : tr(r, M_DRAFT));
    html_printf(&r->out, "<h1>%s", tr_kpi_name(r, k));
    if (k->abolished)
        form_abolished_badge(r);
    html_printf(&r->out, "</h1>\n<p class=\"muted\"><a href=\"%s\">%s %s</a></p>\n", m_href, m->code, m->title);
    if (version)
        html_printf(&r->out, "<p class=\"notice\">%s</p>\n", version);
    if (authz_allows(r, PERM_OFFICE))
        html_printf(&r->out, "<p class=\"no-print\"><a href=\"/kpis/%D/edit\">%s</a></p>\n", k->id, tr(r, M_EDIT));
    figures(r, k, &d);
    html_printf(&r->out, "<section aria-labelledby=\"chart\"><h2 id=\"chart\">%s</h2>\n", tr(r, M_CHART));
    svg_kpi_chart(r, k, &d);
    html_printf(&r->out, "</section>\n");
    measurement_table(r, k);
    reference_table(r, k, &d);
    if (version || !authz_allows(r, PERM_REPORTER)) {   /* the form only for those who may send it */
        html_printf(&r->out, "<p class=\"small\"><a href=\"/api/v1/kpis/%D\">%s</a></p>\n", k->id, tr(r, M_VIEW_API));
        page_end(r);
        return;
    }
    html_printf(&r->out, "<section aria-labelledby=\"add\" class=\"no-print\"><h2 id=\"add\">%s</h2>\n", tr(r, M_ADD_MEASUREMENT));
    if (has_errors)
        html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\"><p>%s</p></div>\n", tr(r, M_FORM_ERRORS));
    html_printf(&r->out, "<form method=\"post\" action=\"/kpis/%D/measurements\" class=\"form inline-form\" novalidate>\n", k->id);
    html_csrf_field(r);
    html_input_field(r, "period", tr(r, M_DATE), "date", f->period, f->err_period, tr(r, M_DATE_HINT), "");
    html_input_field(r, "value", tr(r, M_VALUE), "text", f->value, f->err_value, NULL, " inputmode=\"decimal\"");
    html_input_field(r, "note", tr(r, M_NOTE), "text", f->note, f->err_note, NULL, "");
    html_printf(&r->out, "<p><button type=\"submit\">%s</button></p>\n</form>\n</section>\n", tr(r, M_ADD));
    html_printf(&r->out, "<p class=\"small\"><a href=\"/api/v1/kpis/%D\">%s</a></p>\n", k->id, tr(r, M_VIEW_API));
    page_end(r);
}

bool kpi_page_load(struct req *r, struct kpi *k, struct measure *m, struct measure_ref *ref) {
    int64_t id, measure_id;
    if (!req_param_id(r, 0, &id) || store_kpi_load(r->db, &r->arena, id, k, &measure_id) < 0 ||
        store_measure_load(r->db, &r->arena, measure_id, m, ref) < 0) {
        buf_reset(&r->out);
        page_not_found(r);
        return false;
    }
    return true;
}

/* The KPI of the path as the latest published version of its plan has it (the draft's id is
 * given to the published KPI of the same code or name); a 404 page when that version lacks it. */
static void kpi_published(struct req *r) {
    int64_t id;
    struct row_key key;
    struct published_plan pp;
    const struct measure *m = NULL;
    struct measure_ref ref;
    if (req_param_id(r, 0, &id) && store_row_key(r->db, &r->arena, "kpis", id, &key) == 0 && key.measure_key &&
        published_load_with_ids(r->db, &r->arena, key.plan_id, &pp) == 0)
        m = published_measure(&pp, key.measure_key, &ref);
    for (size_t i = 0; m && i < m->n_kpis; i++) {
        if (m->kpis[i].id != id)
            continue;
        struct measurement_form f = {0};
        kpi_page_render(r, &m->kpis[i], &ref, m, &f, false,
                        arena_printf(&r->arena, "%s%s%s%s", tr(r, M_PUBLISHED_VERSION), tr(r, M_P_SPACE), pp.version.label,
                                     tr_paren(r, pp.version.date)));
        return;
    }
    buf_reset(&r->out);
    page_not_found(r);
}

/* GET /kpis/{id} */
void page_kpi(struct req *r) {
    if (!r->sees_drafts) {
        kpi_published(r);
        return;
    }
    struct kpi k;
    struct measure m;
    struct measure_ref ref;
    if (!kpi_page_load(r, &k, &m, &ref))
        return;
    struct measurement_form f = {0};
    kpi_page_render(r, &k, &ref, &m, &f, false, NULL);
}
