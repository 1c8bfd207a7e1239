/* The form that sets a plan's rating scale (issue 3): a row per level (code, label, colour,
 * whether it counts as a problem) with two empty rows to add levels, and two presets: the
 * default Japanese scale and letter grades A–D. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/session.h"
#include "core/errors.h"
#include "core/review.h"
#include "store/store.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

enum { SPARE_ROWS = 2 };

static void render(struct req *r, const struct plan_context *c, const struct rating_level *v, size_t n,
                   bool is_default, size_t bad_row, const char *error) {
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c->org_name, c->org_href}, {c->plan_title, c->plan_href},
                             {tr(r, M_RATING_SCALE), NULL}};
    page_begin(r, tr(r, M_RATING_SCALE), crumbs, 4, NULL);
    html_printf(&r->out, "<h1>%s</h1>\n<p class=\"muted\">%s</p>\n<p>%s</p>\n", tr(r, M_RATING_SCALE), c->plan_title,
                tr(r, M_RATING_SCALE_HINT));
    if (is_default)
        html_printf(&r->out, "<p class=\"notice\">%s</p>\n", tr(r, M_RATING_SCALE_DEFAULT));
    if (error)
        html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\"><p>%s</p></div>\n", error);
    html_printf(&r->out, "<form method=\"post\" action=\"/plans/%D/rating-scale\" novalidate>\n", c->plan_id);
    html_csrf_field(r);
    html_table_scroll(r, tr(r, M_RATING_SCALE));
    html_printf(&r->out, "<table class=\"grid\" id=\"scale-table\"><thead><tr><th scope=\"col\">#</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
                tr(r, M_LEVEL_CODE), tr(r, M_LEVEL_LABEL), tr(r, M_LEVEL_COLOR), tr(r, M_LEVEL_PROBLEM));
    for (size_t i = 0; i < n + SPARE_ROWS; i++) {
        const struct rating_level *l = i < n ? &v[i] : NULL;
        bool bad = error && i == bad_row;
        html_printf(&r->out, "<tr%r><th scope=\"row\">%d</th>"
                             "<td><input type=\"text\" name=\"code-%d\" value=\"%s\" aria-label=\"%s %d\"%r></td>"
                             "<td><input type=\"text\" name=\"label-%d\" value=\"%s\" aria-label=\"%s %d\"></td>"
                             "<td><input type=\"text\" name=\"color-%d\" value=\"%s\" aria-label=\"%s %d\" placeholder=\"#197a4b\"></td>"
                             "<td><input type=\"checkbox\" name=\"problem-%d\" value=\"1\" aria-label=\"%s %d\"%r></td></tr>\n",
                    bad ? " class=\"has-error\"" : "", (int)i + 1, (int)i, l ? l->code : "", tr(r, M_LEVEL_CODE), (int)i + 1,
                    bad ? " aria-invalid=\"true\"" : "", (int)i, l ? l->label : "", tr(r, M_LEVEL_LABEL), (int)i + 1, (int)i,
                    l && l->color ? l->color : "", tr(r, M_LEVEL_COLOR), (int)i + 1, (int)i, tr(r, M_LEVEL_PROBLEM),
                    (int)i + 1, l && l->problem ? " checked" : "");
    }
    html_printf(&r->out, "</tbody></table></div>\n<p class=\"hint\">%s</p>\n"
                         "<p class=\"button-row\"><button type=\"submit\" name=\"action\" value=\"save\">%s</button>"
                         "<button type=\"submit\" name=\"action\" value=\"letters\" class=\"secondary\">%s</button>"
                         "<button type=\"submit\" name=\"action\" value=\"default\" class=\"secondary\">%s</button></p>\n</form>\n",
                tr(r, M_RATING_SCALE_ROWS_HINT), tr(r, M_SAVE), tr(r, M_USE_LETTERS), tr(r, M_USE_DEFAULT));
    page_end(r);
    r->cacheable = false;
}

static bool load(struct req *r, struct plan_context *c) {
    int64_t id;
    if (!req_param_id(r, 0, &id) || !load_plan_context(r, id, c)) {
        buf_reset(&r->out);
        page_not_found(r);
        return false;
    }
    return true;
}

/* GET /plans/{id}/rating-scale */
void page_scale(struct req *r) {
    struct plan_context c;
    struct rating_level *v;
    size_t n;
    if (!load(r, &c))
        return;
    int rc = store_rating_scale(r->db, &r->arena, c.plan_id, &v, &n);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the rating scale could not be read");
        return;
    }
    render(r, &c, v, n, v == review_default_scale, 0, NULL);
}

/* The rows typed: blank rows (no code and no label) are left out. */
static size_t read_rows(struct req *r, struct rating_level *v, size_t max) {
    size_t n = 0;
    for (size_t i = 0; i < max; i++) {
        const char *code = req_form(r, arena_printf(&r->arena, "code-%d", (int)i));
        const char *label = req_form(r, arena_printf(&r->arena, "label-%d", (int)i));
        if ((!code || !*code) && (!label || !*label))
            continue;
        const char *color = req_form(r, arena_printf(&r->arena, "color-%d", (int)i));
        v[n].code = (char *)(code ? code : "");
        v[n].label = (char *)(label ? label : "");
        v[n].color = color && *color ? (char *)color : NULL;
        v[n].problem = req_form(r, arena_printf(&r->arena, "problem-%d", (int)i)) != NULL;
        n++;
    }
    return n;
}

/* POST /plans/{id}/rating-scale */
void page_scale_post(struct req *r) {
    struct plan_context c;
    if (!load(r, &c))
        return;
    const char *action = req_parse_form(r) == 0 ? req_form(r, "action") : NULL;
    size_t max = REVIEW_MAX_LEVELS + SPARE_ROWS;
    struct rating_level *v = arena_alloc(&r->arena, max * sizeof *v);
    size_t n = 0;
    const char *error = NULL;
    size_t bad = 0;
    if (!action) {
        error = tr(r, M_ERR_BAD_FORM);
    } else if (strcmp(action, "letters") == 0) {
        memcpy(v, review_letter_scale, review_letter_scale_n * sizeof *v);
        n = review_letter_scale_n;
    } else if (strcmp(action, "default") == 0) {
        n = 0;                                         /* the plan goes back to the default scale */
    } else {
        n = read_rows(r, v, max);
        static const enum msg messages[] = {M_SAVED, M_ERR_TOO_LONG, M_ERR_LEVEL_CODE, M_ERR_LEVEL_DUPLICATE,
                                            M_ERR_REQUIRED, M_ERR_LEVEL_COLOR};
        enum scale_problem p = review_scale_check(v, n, &bad);
        if (p != SCALE_OK)
            error = tr(r, messages[p]);
    }
    struct edit_fail fail = {0};
    int rc = error ? KW_EINVAL : store_rating_scale_set(r->db, c.plan_id, v, n, req_actor(r), &fail);
    if (rc == KW_ECONFLICT)
        error = arena_printf(&r->arena, "%s%s%s", tr(r, M_ERR_LEVEL_IN_USE), tr(r, M_P_COLON), fail.value);
    if (rc < 0 && !error) {
        resp_store_error(r, rc, NULL, "the rating scale could not be saved");
        return;
    }
    if (rc < 0) {
        render(r, &c, v, n, false, bad, error);
        r->status = rc == KW_ECONFLICT ? 409 : 422;
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "/plans/%lld/rating-scale", (long long)c.plan_id));
}
