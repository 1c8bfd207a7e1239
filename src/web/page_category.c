/* The shared categories (共通カテゴリ, SPEC §3.10, issue 16 point 6): the list of categories with
 * how many published measures of how many municipalities each has; one category compared across
 * municipalities — each measure as its plan's latest published version states it (a 案 marked as
 * such), its latest confirmed rating, its KPIs with baseline, target, latest value, status and,
 * where the unit counts and the population is known, per 10,000 inhabitants
 * (xfer/category_compare.h) —; the categories on a published measure sheet; and the office's page
 * that confirms, rejects and adds a measure's categories, each a POST form with one audited write
 * (store_measure_category_set). */
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "http/session.h"
#include "store/store_category.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "xfer/category_compare.h"

enum { CATEGORY_PAGE = 50 };          /* measures on a page of a comparison */

static const char *category_title(struct req *r, const struct category *c) {
    return strcmp(r->lang, "en") == 0 ? c->title_en : c->title;
}

static enum msg kind_heading(const char *kind) {
    return strcmp(kind, "dx_priority") == 0 ? M_CAT_KIND_DX : M_CAT_KIND_MEANS;
}

/* ---- the list */

/* GET /categories */
void page_category_list(struct req *r) {
    struct category *v;
    size_t n;
    int rc = store_category_list(r->db, &r->arena, &v, &n);
    if (rc == 0)
        rc = category_counts(r->db, v, n);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the categories could not be read");
        return;
    }
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {tr(r, M_CAT_TITLE), NULL}};
    page_begin(r, tr(r, M_CAT_TITLE), crumbs, 2, NULL);
    html_printf(&r->out, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", tr(r, M_CAT_TITLE), tr(r, M_CAT_INTRO));
    const char *kinds[] = {"dx_priority", "means"};
    for (size_t k = 0; k < 2; k++) {
        html_printf(&r->out, "<section aria-labelledby=\"kind-%s\">\n<h2 id=\"kind-%s\">%s</h2>\n<ul class=\"category-list\">\n",
                    kinds[k], kinds[k], tr(r, kind_heading(kinds[k])));
        for (size_t i = 0; i < n; i++) {
            if (strcmp(v[i].kind, kinds[k]) != 0)
                continue;
            html_printf(&r->out, "<li><a href=\"/categories/%u\">%s</a> <span class=\"muted\">%s</span></li>\n", v[i].code,
                        category_title(r, &v[i]), arena_printf(&r->arena, tr(r, M_CAT_COUNT), v[i].measures, v[i].orgs));
        }
        html_printf(&r->out, "</ul>\n</section>\n");
    }
    page_end(r);
}

/* ---- one category across municipalities */

/* A KPI figure with its unit, and beside it per 10,000 inhabitants when comparable. */
static void figure(struct req *r, double v, const char *unit, bool per, double v10k) {
    html_printf(&r->out, "%F%s", v, unit ? unit : "");
    if (per)
        html_printf(&r->out, " <span class=\"muted\">%s</span>",
                    tr_paren(r, arena_printf(&r->arena, "%s %s%s", tr(r, M_CAT_PER_10K),
                                             arena_printf(&r->arena, "%.2f", v10k), unit ? unit : "")));
}

static void compare_kpi(struct req *r, const struct compare_entry *e, const struct compare_kpi *ck) {
    const struct kpi *k = ck->kpi;
    html_printf(&r->out, "<li><p class=\"kpi-name\"><strong>%s</strong>", tr_kpi_name(r, k));
    if (k->unit)
        html_printf(&r->out, " <span class=\"muted\">%s</span>",
                    tr_paren(r, arena_printf(&r->arena, "%s%s%s", tr(r, M_UNIT), tr(r, M_P_COLON), k->unit)));
    html_printf(&r->out, " ");
    html_kpi_badge(r, ck->d.status);
    html_printf(&r->out, "</p>\n<dl class=\"facts\">\n<div><dt>%s</dt><dd>", tr(r, M_BASELINE));
    if (k->has_baseline) {
        figure(r, k->baseline_value, k->unit, ck->per_10k_ok, ck->baseline_10k);
        html_printf(&r->out, " <span class=\"muted\">%s</span>", tr_paren(r, tr_fy_text(r, k->baseline_fy)));
    } else {
        html_printf(&r->out, "-");
    }
    html_printf(&r->out, "</dd></div>\n<div><dt>%s</dt><dd>", tr(r, M_TARGET));
    html_kpi_target(r, k);
    if (k->target_state == TARGET_SET && ck->per_10k_ok)
        html_printf(&r->out, " <span class=\"muted\">%s</span>",
                    tr_paren(r, arena_printf(&r->arena, "%s %s%s", tr(r, M_CAT_PER_10K),
                                             arena_printf(&r->arena, "%.2f", ck->target_10k), k->unit)));
    html_printf(&r->out, "</dd></div>\n<div><dt>%s</dt><dd>", tr(r, M_LATEST));
    if (ck->d.has_latest) {
        figure(r, ck->d.latest, k->unit, ck->per_10k_ok, ck->latest_10k);
        kw_date d;
        html_printf(&r->out, " <span class=\"muted\">%s</span>",
                    tr_paren(r, date_parse(ck->d.latest_period, &d) == 0 ? tr_date(r, d) : ck->d.latest_period));
    } else {
        html_printf(&r->out, "-");
    }
    html_printf(&r->out, "</dd></div>\n</dl>\n");
    if (ck->per_10k_ok) {
        char pop[32];
        format_grouped(pop, sizeof pop, (double)e->org.population);
        html_printf(&r->out, "<p class=\"small muted\">%s%s%s</p>\n", tr(r, M_CAT_PER_10K), tr(r, M_P_COLON),
                    arena_printf(&r->arena, tr(r, M_CAT_POP_USED), pop));
    }
    html_printf(&r->out, "</li>\n");
}

static void compare_card(struct req *r, const struct compare_entry *e, size_t i) {
    const struct measure *m = e->measure;
    html_printf(&r->out, "<section class=\"card compare-card\" aria-labelledby=\"entry-%d\">\n"
                         "<p class=\"small\"><strong>%s</strong> <span class=\"muted\">%s</span></p>\n"
                         "<h2 id=\"entry-%d\"><a href=\"/plans/%D/published/measures/%k\">%s %s</a></h2>\n",
                (int)i, e->org.name, e->org.prefecture ? e->org.prefecture : "", (int)i, e->plan_id, m->key, m->code,
                m->title);
    html_printf(&r->out, "<p>%s <span class=\"muted\">%s%s%s</span>", e->plan_title, tr(r, M_VERSION),
                tr(r, M_P_COLON), e->version_label);
    if (e->draft)
        html_printf(&r->out, " <span class=\"badge badge-note\">%s</span>", tr(r, M_CAT_DRAFT_BADGE));
    html_printf(&r->out, "</p>\n<p><strong>%s%s</strong>", tr(r, M_RATING), tr(r, M_P_COLON));
    if (e->rating_code)
        html_printf(&r->out, "%r <span class=\"muted\">%s</span>",
                    tr_rating_html(r, e->rating_label),
                    tr_paren(r, period_label(r, e->rating_fy, e->rating_quarter)));
    else
        html_printf(&r->out, "%s", tr(r, M_CAT_NO_RATING));
    html_printf(&r->out, "</p>\n");
    if (!e->n_kpis) {
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_NO_KPI));
    } else {
        html_printf(&r->out, "<h3 class=\"small\">%s</h3>\n<ul class=\"compare-kpis\">\n", tr(r, M_KPIS));
        for (size_t k = 0; k < e->n_kpis; k++)
            compare_kpi(r, e, &e->kpis[k]);
        html_printf(&r->out, "</ul>\n");
    }
    html_printf(&r->out, "</section>\n");
}

/* GET /categories/{code} */
void page_category(struct req *r) {
    struct category c;
    struct compare_entry *v;
    size_t n;
    int64_t total = 0, offset = form_id(req_query(r, "offset"));   /* a bad one: the first page */
    int rc = store_category_by_code(r->db, &r->arena, r->params[0], &c);
    if (rc == KW_ENOTFOUND) {
        page_not_found(r);
        return;
    }
    if (rc == 0)
        rc = category_compare(r->db, &r->arena, c.id, r->today, CATEGORY_PAGE, offset, &v, &n, &total);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the category could not be read");
        return;
    }
    const char *title = category_title(r, &c);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {tr(r, M_CAT_TITLE), "/categories"}, {title, NULL}};
    page_begin(r, title, crumbs, 3, NULL);
    html_printf(&r->out, "<h1>%s</h1>\n<p class=\"muted\">%s</p>\n<p class=\"lead\">%s</p>\n", title,
                tr(r, kind_heading(c.kind)), tr(r, M_CAT_COMPARE_INTRO));
    if (!n) {
        html_printf(&r->out, "<p>%s</p>\n", tr(r, total ? M_CAT_PAGE_EMPTY : M_CAT_NONE));
    } else {
        html_printf(&r->out, "<p role=\"status\">");
        html_printf(&r->out, tr(r, M_CAT_RANGE), total, offset + 1, offset + (int64_t)n);
        html_printf(&r->out, "</p>\n<div class=\"cards compare\">\n");
        for (size_t i = 0; i < n; i++)
            compare_card(r, &v[i], i);
        html_printf(&r->out, "</div>\n");
    }
    html_pager(r, arena_printf(&r->arena, "/categories/%s", c.code), offset, n, total, CATEGORY_PAGE, tr(r, M_CAT_PREV),
               tr(r, M_CAT_NEXT));
    page_end(r);
}

/* ---- on a measure sheet */

void html_measure_categories(struct req *r, const struct measure *m) {
    struct category *all;
    size_t n;
    if (!m->categories.n || store_category_list(r->db, &r->arena, &all, &n) < 0)
        return;
    html_printf(&r->out, "<div><dt>%s</dt><dd>", tr(r, M_CAT_TITLE));
    size_t shown = 0;
    for (size_t i = 0; i < m->categories.n; i++)
        for (size_t j = 0; j < n; j++)
            if (strcmp(all[j].code, m->categories.items[i]) == 0)
                html_printf(&r->out, "%r<a class=\"tag\" href=\"/categories/%u\">%s</a>", shown++ ? " " : "", all[j].code,
                            category_title(r, &all[j]));
    html_printf(&r->out, "</dd></div>\n");
}

/* ---- the office's page of a measure's categories */

struct cat_ctx {
    struct measure m;
    struct measure_ref ref;
    struct measure_categories mc;
};

static bool load(struct req *r, struct cat_ctx *c) {
    int64_t id;
    memset(c, 0, sizeof *c);
    if (!req_param_id(r, 0, &id) || store_measure_load(r->db, &r->arena, id, &c->m, &c->ref) < 0) {
        buf_reset(&r->out);
        page_not_found(r);
        return false;
    }
    int rc = store_measure_categories(r->db, &r->arena, &c->m, &c->mc);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the categories could not be read");
        return false;
    }
    return true;
}

/* One button's form: action on the category code. */
static void action_form(struct req *r, int64_t id, const struct category *c, const char *action, enum msg button,
                        enum msg label, bool secondary) {
    html_printf(&r->out, "<form method=\"post\" action=\"/measures/%D/categories\" class=\"inline-form\">", id);
    html_csrf_field(r);
    html_printf(&r->out, "<input type=\"hidden\" name=\"code\" value=\"%s\">"
                         "<button type=\"submit\" name=\"action\" value=\"%s\"%r aria-label=\"%s\">%s</button></form>\n",
                c->code, action, secondary ? " class=\"secondary\"" : "",
                arena_printf(&r->arena, tr(r, label), category_title(r, c)), tr(r, button));
}

/* One list of categories with its buttons: kind 0 confirmed (remove), 1 suggested (confirm,
 * reject), 2 rejected (undo); under a heading of level h. */
static void category_rows(struct req *r, int64_t measure_id, const char *id, int h, enum msg heading,
                          const struct category *const *v, size_t n, enum msg none, int kind) {
    html_printf(&r->out, "<section aria-labelledby=\"%s\">\n<h%d id=\"%s\">%s</h%d>\n", id, h, id, tr(r, heading), h);
    if (kind == 1)
        html_printf(&r->out, "<p class=\"hint\">%s</p>\n", tr(r, M_CAT_SUGGESTED_HINT));
    if (!n) {
        html_printf(&r->out, "<p>%s</p>\n</section>\n", tr(r, none));
        return;
    }
    html_printf(&r->out, "<ul class=\"category-rows\">\n");
    for (size_t i = 0; i < n; i++) {
        html_printf(&r->out, "<li><span>%s <span class=\"muted small\">%s</span></span> <span class=\"button-row\">",
                    category_title(r, v[i]), tr_paren(r, tr(r, kind_heading(v[i]->kind))));
        if (kind == 0) {
            action_form(r, measure_id, v[i], "remove", M_CAT_REMOVE, M_CAT_REMOVE_LABEL, true);
        } else if (kind == 1) {
            action_form(r, measure_id, v[i], "confirm", M_CAT_CONFIRM, M_CAT_CONFIRM_LABEL, false);
            action_form(r, measure_id, v[i], "reject", M_CAT_REJECT, M_CAT_REJECT_LABEL, true);
        } else {
            action_form(r, measure_id, v[i], "unreject", M_CAT_UNREJECT, M_CAT_UNREJECT_LABEL, true);
        }
        html_printf(&r->out, "</span></li>\n");
    }
    html_printf(&r->out, "</ul>\n</section>\n");
}

/* The suggested, confirmed and rejected categories with their buttons, headings of level h. */
static void decisions(struct req *r, int64_t measure_id, const struct measure_categories *mc, int h) {
    category_rows(r, measure_id, "cat-suggested", h, M_CAT_SUGGESTED, mc->suggested, mc->n_suggested,
                  M_CAT_NONE_SUGGESTED, 1);
    category_rows(r, measure_id, "cat-confirmed", h, M_CAT_CONFIRMED, mc->confirmed, mc->n_confirmed,
                  M_CAT_NONE_CONFIRMED, 0);
    if (mc->n_rejected)
        category_rows(r, measure_id, "cat-rejected", h, M_CAT_REJECTED, mc->rejected, mc->n_rejected,
                      M_CAT_NONE_SUGGESTED, 2);
}

void html_measure_category_section(struct req *r, const struct measure *m) {
    struct measure_categories mc;
    if (store_measure_categories(r->db, &r->arena, m, &mc) < 0)
        return;
    html_printf(&r->out, "<section class=\"category-section\" aria-labelledby=\"categories\">\n<h2 id=\"categories\">%s</h2>\n"
                         "<p>%s</p>\n", tr(r, M_CAT_TITLE), tr(r, M_CAT_EDIT_INTRO));
    decisions(r, m->id, &mc, 3);
    html_printf(&r->out, "<p><a href=\"/measures/%D/categories#add\">%s</a></p>\n</section>\n", m->id, tr(r, M_CAT_ADD));
}

static void render(struct req *r, const struct cat_ctx *c, const char *error) {
    const struct measure *m = &c->m;
    char *org_href = arena_printf(&r->arena, "/orgs/%s", c->ref.org_code);
    char *plan_href = arena_printf(&r->arena, "/plans/%lld", (long long)c->ref.plan_id);
    char *m_href = arena_printf(&r->arena, "/measures/%lld", (long long)m->id);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c->ref.org_name, org_href}, {c->ref.plan_title, plan_href},
                             {m->title, m_href}, {tr(r, M_CAT_EDIT_TITLE), NULL}};
    page_begin(r, tr(r, M_CAT_EDIT_TITLE), crumbs, 5, NULL);
    r->cacheable = false;
    html_printf(&r->out, "<h1>%s</h1>\n<p class=\"muted\">%s %s</p>\n", tr(r, M_CAT_EDIT_TITLE), m->code, m->title);
    if (error)
        form_error_summary(r, error);
    if (req_query(r, "saved"))
        html_printf(&r->out, "<p class=\"notice\" role=\"status\">%s</p>\n", tr(r, M_CAT_SAVED));
    html_printf(&r->out, "<p>%s</p>\n", tr(r, M_CAT_EDIT_INTRO));
    const struct measure_categories *mc = &c->mc;
    decisions(r, m->id, mc, 2);
    /* adding any category not confirmed yet */
    struct form_option *opts = arena_alloc(&r->arena, (mc->n_all + 1) * sizeof *opts);
    size_t n = 0;
    opts[n++] = (struct form_option){"", "-"};
    for (size_t i = 0; i < mc->n_all; i++) {
        bool confirmed = false;
        for (size_t j = 0; j < mc->n_confirmed && !confirmed; j++)
            confirmed = mc->confirmed[j] == &mc->all[i];
        if (!confirmed)
            opts[n++] = (struct form_option){mc->all[i].code, category_title(r, &mc->all[i])};
    }
    html_printf(&r->out, "<section aria-labelledby=\"add\">\n<h2 id=\"add\">%s</h2>\n"
                         "<form method=\"post\" action=\"/measures/%D/categories\">\n", tr(r, M_CAT_ADD), m->id);
    html_csrf_field(r);
    form_select(r, "code", tr(r, M_CAT_ADD_FIELD), opts, n, NULL, error ? tr(r, M_CAT_BAD) : NULL, NULL);
    html_printf(&r->out, "<p class=\"button-row\"><button type=\"submit\" name=\"action\" value=\"confirm\">%s</button></p>\n"
                         "</form>\n</section>\n", tr(r, M_CAT_ADD_BUTTON));
    html_printf(&r->out, "<p class=\"button-row\"><a href=\"/measures/%D\">%s</a> <a href=\"/measures/%D/edit\">%s</a></p>\n",
                m->id, tr(r, M_KE_TO_SHEET), m->id, tr(r, M_EDIT_MEASURE));
    page_end(r);
}

/* GET /measures/{id}/categories */
void page_measure_category_edit(struct req *r) {
    struct cat_ctx c;
    if (load(r, &c))
        render(r, &c, NULL);
}

/* POST /measures/{id}/categories */
void page_measure_category_post(struct req *r) {
    struct cat_ctx c;
    if (!load(r, &c))
        return;
    const char *code = req_parse_form(r) < 0 ? NULL : req_form(r, "code");
    const char *action = req_form(r, "action");
    static const struct { const char *action, *state; } actions[] = {
        {"confirm", "confirmed"}, {"reject", "rejected"}, {"remove", NULL}, {"unreject", NULL}};
    int a = -1;
    for (int i = 0; action && i < 4 && a < 0; i++)
        if (strcmp(action, actions[i].action) == 0)
            a = i;
    struct edit_fail fail = {0};
    int rc = a < 0 || !code || !category_code_valid(code) ? KW_EINVAL
             : store_measure_category_set(r->db, c.m.id, code, actions[a].state, req_actor(r), &fail);
    if (rc == KW_EINVAL) {
        render(r, &c, tr(r, M_CAT_BAD));
        r->status = 422;
        return;
    }
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "/measures/%lld/categories?saved=1", (long long)c.m.id));
}

/* ---- the office's list of a plan: many suggestions confirmed at once */

struct plan_cats {
    struct plan plan;
    struct measure **ms;
    size_t n;
    struct measure_categories *mc;     /* mc[i] of ms[i] */
};

static bool load_plan(struct req *r, struct plan_cats *c) {
    int64_t id;
    memset(c, 0, sizeof *c);
    if (!req_param_id(r, 0, &id) || store_plan_load(r->db, &r->arena, id, LOAD_FULL, &c->plan) < 0) {
        buf_reset(&r->out);
        page_not_found(r);
        return false;
    }
    c->ms = plan_measure_list(&r->arena, &c->plan, &c->n);
    c->mc = arena_alloc(&r->arena, (c->n ? c->n : 1) * sizeof *c->mc);
    for (size_t i = 0; i < c->n; i++) {
        int rc = store_measure_categories(r->db, &r->arena, c->ms[i], &c->mc[i]);
        if (rc < 0) {
            resp_store_error(r, rc, NULL, "the categories could not be read");
            return false;
        }
    }
    return true;
}

static void render_plan(struct req *r, const struct plan_cats *c, const char *error) {
    struct org o;
    const char *org_name = store_org_by_id(r->db, &r->arena, c->plan.org_id, &o) == 0 ? o.name : "";
    char *org_href = arena_printf(&r->arena, "/orgs/%s", o.code ? o.code : "");
    char *plan_href = arena_printf(&r->arena, "/plans/%lld", (long long)c->plan.id);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {org_name, org_href}, {c->plan.title, plan_href},
                             {tr(r, M_CAT_PLAN_TITLE), NULL}};
    page_begin(r, tr(r, M_CAT_PLAN_TITLE), crumbs, 4, NULL);
    r->cacheable = false;
    html_printf(&r->out, "<h1>%s</h1>\n<p class=\"muted\">%s</p>\n", tr(r, M_CAT_PLAN_TITLE), c->plan.title);
    if (error)
        form_error_summary(r, error);
    if (req_query(r, "saved"))
        html_printf(&r->out, "<p class=\"notice\" role=\"status\">%s</p>\n", tr(r, M_CAT_SAVED));
    html_printf(&r->out, "<p>%s</p>\n<p class=\"hint\">%s</p>\n", tr(r, M_CAT_EDIT_INTRO), tr(r, M_CAT_PLAN_HINT));
    size_t with = 0;
    for (size_t i = 0; i < c->n; i++)
        with += c->mc[i].n_suggested > 0;
    if (!with) {
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_CAT_NONE_SUGGESTED));
    } else {
        html_printf(&r->out, "<form method=\"post\" action=\"/plans/%D/categories\">\n", c->plan.id);
        html_csrf_field(r);
        for (size_t i = 0; i < c->n; i++) {
            const struct measure *m = c->ms[i];
            const struct measure_categories *mc = &c->mc[i];
            if (!mc->n_suggested)
                continue;
            html_printf(&r->out, "<fieldset class=\"category-measure\">\n<legend><a href=\"/measures/%D/categories\">%s %s</a></legend>\n",
                        m->id, m->code, m->title);
            if (mc->n_confirmed) {
                html_printf(&r->out, "<p class=\"small\">%s%s", tr(r, M_CAT_CONFIRMED), tr(r, M_P_COLON));
                for (size_t j = 0; j < mc->n_confirmed; j++)
                    html_printf(&r->out, "%s%s", j ? tr(r, M_P_COMMA) : "", category_title(r, mc->confirmed[j]));
                html_printf(&r->out, "</p>\n");
            }
            for (size_t j = 0; j < mc->n_suggested; j++)
                html_printf(&r->out, "<div class=\"field checkbox\">\n<input id=\"c-%D-%s\" name=\"confirm\" type=\"checkbox\" "
                                     "value=\"%D:%s\">\n<label for=\"c-%D-%s\">%s</label>\n</div>\n",
                            m->id, mc->suggested[j]->code, m->id, mc->suggested[j]->code, m->id, mc->suggested[j]->code,
                            category_title(r, mc->suggested[j]));
            html_printf(&r->out, "</fieldset>\n");
        }
        html_printf(&r->out, "<p class=\"button-row\"><button type=\"submit\">%s</button></p>\n</form>\n",
                    tr(r, M_CAT_CONFIRM_CHECKED));
    }
    html_printf(&r->out, "<p><a href=\"/plans/%D\">%s</a></p>\n", c->plan.id, c->plan.title);
    page_end(r);
}

/* GET /plans/{id}/categories */
void page_plan_category_list(struct req *r) {
    struct plan_cats c;
    if (load_plan(r, &c))
        render_plan(r, &c, NULL);
}

/* POST /plans/{id}/categories */
void page_plan_category_confirm(struct req *r) {
    struct plan_cats c;
    if (!load_plan(r, &c))
        return;
    bool ok = req_parse_form(r) == 0;
    size_t n = 0;
    int64_t *ids = arena_alloc(&r->arena, (size_t)(r->nform + 1) * sizeof *ids);
    char **codes = arena_alloc(&r->arena, (size_t)(r->nform + 1) * sizeof *codes);
    for (int i = 0; ok && i < r->nform; i++) {
        if (strcmp(r->form[i].key, "confirm") != 0)
            continue;
        const char *v = r->form[i].value, *colon = strchr(v, ':');
        char *end = NULL;
        long long id = colon ? strtoll(v, &end, 10) : 0;
        ok = colon && end == colon && id > 0 && category_code_valid(colon + 1);
        if (ok) {
            ids[n] = id;
            codes[n++] = (char *)colon + 1;
        }
    }
    if (!ok || !n) {
        render_plan(r, &c, tr(r, M_CAT_NONE_CHECKED));
        r->status = 422;
        return;
    }
    struct edit_fail fail = {0};
    int rc = store_plan_categories_confirm(r->db, c.plan.id, ids, codes, n, req_actor(r), &fail);
    if (rc == KW_EINVAL) {
        render_plan(r, &c, tr(r, M_CAT_BAD));
        r->status = 422;
        return;
    }
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "/plans/%lld/categories?saved=1", (long long)c.plan.id));
}
