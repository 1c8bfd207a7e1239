/* The published version of a plan (issue 3): the plan overview and each measure sheet as the
 * latest published version's snapshot holds them, not the working draft. This is what the
 * public and the HQ read; the office edits the draft and publishes (page_version.c). */
#include <string.h>
#include "core/errors.h"
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

/* The latest version of the plan in the URL; false (after a 404 page) when there is none. */
static bool load(struct req *r, struct published *pub) {
    int64_t plan_id;
    if (!req_param_id(r, 0, &plan_id) || published_load(r->db, &r->arena, plan_id, &pub->pp) < 0) {
        buf_reset(&r->out);
        page_not_found(r);
        return false;
    }
    pub->plan = pub->pp.plan;
    pub->base = arena_printf(&r->arena, "/plans/%lld/published/measures/", (long long)plan_id);
    return true;
}

static void version_notice(struct req *r, const struct published *pub, int64_t plan_id) {
    html_printf(&r->out, "<p class=\"notice\">%s：%s（%s）　<a href=\"/plans/%D/versions\">%s</a></p>\n",
                tr(r, M_PUBLISHED_VERSION), pub->pp.version.label, pub->pp.version.date, plan_id, tr(r, M_REVISIONS));
}

void page_plan_published(struct req *r) {
    struct published pub;
    if (!load(r, &pub))
        return;
    const struct plan *p = pub.plan;
    char *org_href = arena_printf(&r->arena, "/orgs/%s", pub.pp.doc.org.code);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {pub.pp.doc.org.name, org_href}, {p->title, NULL}};
    page_begin(r, p->title, crumbs, 3, NULL);
    html_plan_header(r, p);
    version_notice(r, &pub, pub.pp.version.plan_id);
    html_search_form(r, pub.pp.version.plan_id, NULL);
    html_plan_body(r, p, pub.base);
    page_end(r);
}

void page_measure_published(struct req *r) { page_measure_published_form(r, NULL); }

/* The sheet with the citizen feedback section below it (page_feedback.c); f holds what was
 * typed and the errors of a refused opinion, or NULL. */
void page_measure_published_form(struct req *r, const struct feedback_form *f) {
    struct published pub;
    if (!load(r, &pub))
        return;
    const char *code = r->nparams > 1 ? r->params[1] : NULL;
    const struct plan *p = pub.plan;
    for (size_t i = 0; code && i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            for (size_t k = 0; k < p->pillars[i].themes[j].n_measures; k++) {
                const struct measure *m = &p->pillars[i].themes[j].measures[k];
                if (strcmp(m->code, code) != 0)
                    continue;
                const struct theme *t = &p->pillars[i].themes[j];
                struct measure_ref ref = {.plan_id = pub.pp.version.plan_id, .org_code = pub.pp.doc.org.code,
                                          .org_name = pub.pp.doc.org.name, .plan_title = p->title,
                                          .pillar_code = p->pillars[i].code, .pillar_title = p->pillars[i].title,
                                          .theme_code = t->code, .theme_title = t->title};
                char *plan_href = arena_printf(&r->arena, "/plans/%lld/published", (long long)pub.pp.version.plan_id);
                struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {p->title, plan_href}, {m->title, NULL}};
                page_begin(r, m->title, crumbs, 3, "sheet-page");
                version_notice(r, &pub, pub.pp.version.plan_id);
                html_measure_sheet(r, m, &ref, pub.base);
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
        if (key.measure_code) {
            buf_puts(&to, "/measures/");
            url_escape(&to, key.measure_code);
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
