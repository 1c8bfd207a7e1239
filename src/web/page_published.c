/* The published version of a plan (issue 3): the plan overview and each measure sheet as the
 * latest published version's snapshot holds them, not the working draft. This is what the
 * public and the HQ read; the office edits the draft and publishes (page_version.c). Below a
 * sheet, its ratings by quarter once the office confirmed them (issue 16). */
#include <string.h>
#include "core/errors.h"
#include "core/review.h"
#include "core/rollup.h"
#include "store/store.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "store/store_scope.h"
#include "xfer/published.h"

struct published {
    struct published_plan pp;               /* the latest version, parsed (xfer/published.c) */
    const struct plan *plan;
    char *base;                             /* /plans/{id}/published/measures/ */
};

/* The latest version of the plan in the URL (with the draft's ids: with_ids); false (after a
 * 404 page) when there is none. */
static bool load(struct req *r, struct published *pub, bool with_ids) {
    int64_t plan_id;
    if (!req_param_id(r, 0, &plan_id) ||
        (with_ids ? published_load_with_ids : published_load)(r->db, &r->arena, plan_id, &pub->pp) < 0) {
        buf_reset(&r->out);
        page_not_found(r);
        return false;
    }
    pub->plan = pub->pp.plan;
    pub->base = arena_printf(&r->arena, "/plans/%lld/published/measures/", (long long)plan_id);
    return true;
}

static void version_notice(struct req *r, const struct published *pub, int64_t plan_id) {
    html_printf(&r->out, "<p class=\"notice no-print\">%s%s%s%s%s<a href=\"/plans/%D/versions\">%s</a></p>\n",
                tr(r, M_PUBLISHED_VERSION), tr(r, M_P_COLON), pub->pp.version.label, tr_paren(r, pub->pp.version.date),
                tr(r, M_P_SPACE), plan_id, tr(r, M_REVISIONS));
}

/* GET /plans/{id}/published */
void page_plan_published(struct req *r) {
    struct published pub;
    if (!load(r, &pub, false))
        return;
    const struct plan *p = pub.plan;
    char *org_href = arena_printf(&r->arena, "/orgs/%s", pub.pp.doc.org.code);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {pub.pp.doc.org.name, org_href}, {p->title, NULL}};
    page_begin(r, p->title, crumbs, 3, "plan-page");
    html_print_running(r, pub.pp.doc.org.name, p->title,
                       arena_printf(&r->arena, "%s%s%s", tr(r, M_PUBLISHED_VERSION), tr(r, M_P_SPACE), pub.pp.version.label));
    html_plan_header(r, p);
    version_notice(r, &pub, pub.pp.version.plan_id);
    html_printf(&r->out, "<p class=\"no-print\"><a class=\"button\" href=\"/plans/%D/summary\">%s</a></p>\n"
                         "<ul class=\"inline-list no-print\"><li><a href=\"/plans/%D/logic-model\">%s</a></li>"
                         "<li><a href=\"/plans/%D/versions\">%s</a></li></ul>\n",
                pub.pp.version.plan_id, tr(r, M_PS_LINK), pub.pp.version.plan_id, tr(r, M_LM_TITLE), pub.pp.version.plan_id,
                tr(r, M_REVISIONS));
    html_search_form(r, pub.pp.version.plan_id, NULL);
    html_plan_body(r, p, pub.base);
    page_end(r);
}

int published_reviews(struct req *r, const struct measure *m, const struct review ***ret, size_t *ret_n) {
    const struct review *v = m->reviews;     /* a measure the draft no longer has: as published */
    size_t n = m->n_reviews;
    struct measure draft;
    if (m->id) {
        int rc = store_measure_load(r->db, &r->arena, m->id, &draft, NULL);
        if (rc < 0)
            return rc;
        v = draft.reviews;
        n = draft.n_reviews;
    }
    const struct review **out = arena_alloc(&r->arena, (n + 1) * sizeof *out);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i].rating && review_is_public(&v[i]))
            out[k++] = &v[i];
    *ret = out;
    *ret_n = k;
    return 0;
}

/* The measure's ratings by quarter on the plan's scale, newest first: confirmed or decided ones. */
static void ratings_section(struct req *r, const struct plan *p, const struct measure *m) {
    const struct review **v;
    size_t n;
    if (published_reviews(r, m, &v, &n) < 0)
        return;
    const struct rating_level *scale;
    size_t n_scale;
    rollup_scale_of(p, &scale, &n_scale);
    html_printf(&r->out, "<section aria-labelledby=\"ratings\" class=\"public-ratings\"><h2 id=\"ratings\">%s</h2>\n",
                tr(r, M_PS_RATINGS));
    if (!n) {
        html_printf(&r->out, "<p class=\"ratings-none\">%s</p></section>\n", tr(r, M_PS_NO_RATINGS));
        return;
    }
    html_printf(&r->out, "<p class=\"small\">%s</p>\n", tr(r, M_PS_RATINGS_HINT));
    html_table_scroll(r, tr(r, M_PS_RATINGS));
    html_printf(&r->out, "<table class=\"grid\" id=\"ratings-table\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th></tr></thead><tbody>\n",
                tr(r, M_QUARTER), tr(r, M_PS_RATING), tr(r, M_DECISION));
    for (size_t i = n; i-- > 0;) {
        const struct review *rv = v[i];
        html_printf(&r->out, "<tr><th scope=\"row\">%s</th><td>%r</td><td>%s</td></tr>\n", period_label(r, rv->fy, rv->quarter),
                    tr_rating_html(r, review_scale_label(scale, n_scale, rv->rating)),
                    rv->decision ? tr_decision(r, rv->decision) : "-");
    }
    html_printf(&r->out, "</tbody></table></div></section>\n");
}

/* GET /plans/{id}/published/measures/{key*} */
void page_measure_published(struct req *r) { page_measure_published_form(r, NULL); }

/* The sheet with the citizen feedback section below it (page_feedback.c); f holds what was
 * typed and the errors of a refused opinion, or NULL. */
void page_measure_published_form(struct req *r, const struct feedback_form *f) {
    struct published pub;
    if (!load(r, &pub, true))
        return;
    const char *key = r->nparams > 1 ? r->params[1] : NULL;
    struct measure_ref ref;
    const struct measure *m = published_measure(&pub.pp, key, &ref);
    if (m) {
        char *plan_href = arena_printf(&r->arena, "/plans/%lld/published", (long long)pub.pp.version.plan_id);
        struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {pub.plan->title, plan_href}, {m->title, NULL}};
        page_begin(r, m->title, crumbs, 3, "sheet-page");
        version_notice(r, &pub, pub.pp.version.plan_id);
        html_measure_sheet(r, m, &ref, pub.base,
                           arena_printf(&r->arena, "%s%s%s", tr(r, M_PUBLISHED_VERSION), tr(r, M_P_SPACE), pub.pp.version.label));
        ratings_section(r, pub.plan, m);
        html_feedback_section(r, pub.pp.version.plan_id, m, f);
        page_end(r);
        return;
    }
    buf_reset(&r->out);
    page_not_found(r);
}

bool page_published_instead(struct req *r, const char *kind) {
    if (r->sees_drafts)
        return false;
    int64_t id, org_id;
    if (!req_param_id(r, 0, &id)) {
        buf_reset(&r->out);
        page_not_found(r);
        return true;
    }
    struct buf to = BUF_INIT;
    struct row_key key = {.plan_id = id};
    int rc = strcmp(kind, "plans") == 0 ? store_plan_org(r->db, id, &org_id)
                                        : store_row_key(r->db, &r->arena, kind, id, &key);
    if (rc == 0) {
        buf_printf(&to, "/plans/%lld/published", (long long)key.plan_id);
        if (key.measure_key) {
            buf_puts(&to, "/measures/");
            url_escape_path(&to, key.measure_key);
        }
        resp_redirect(r, arena_strdup(&r->arena, buf_cstr(&to)));
        r->cacheable = false;
    } else {
        buf_reset(&r->out);
        page_not_found(r);
    }
    buf_free(&to);
    return true;
}
