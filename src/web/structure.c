/* What the office's pages of a plan's structure share (structure.h): loading the plan with the
 * path's pillar or theme, the page's head, places among siblings, store refusals as form errors. */
#include <math.h>
#include <string.h>
#include "core/errors.h"
#include "core/number.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/structure.h"

bool structure_load(struct req *r, enum entity_kind kind, bool named, struct structure_ctx *c) {
    int64_t id;
    struct location loc = {0};
    memset(c, 0, sizeof *c);
    bool ok = req_param_id(r, 0, &id) && store_locate(r->db, kind, id, &loc) == 0 &&
              load_plan_context(r, loc.plan_id, &c->pc) &&
              store_plan_load(r->db, &r->arena, loc.plan_id, LOAD_SUMMARY, &c->plan) == 0;
    for (size_t i = 0; ok && i < c->plan.n_pillars; i++) {
        const struct pillar *pi = &c->plan.pillars[i];
        if (kind == ENTITY_PILLAR && pi->id == id)
            c->pillar = pi;
        for (size_t j = 0; kind == ENTITY_THEME && j < pi->n_themes; j++)
            if (pi->themes[j].id == id) {
                c->pillar = pi;
                c->theme = &pi->themes[j];
            }
    }
    if (!ok || (kind == ENTITY_PILLAR && !c->pillar) ||
        (kind == ENTITY_THEME && (!c->theme || (named && theme_is_implicit(c->theme))))) {
        buf_reset(&r->out);
        page_not_found(r);
        return false;
    }
    c->structure_href = arena_printf(&r->arena, "/plans/%lld/structure", (long long)c->plan.id);
    return true;
}

bool structure_holds_measures(const struct pillar *pi) {
    for (size_t i = 0; i < pi->n_themes; i++)
        if (theme_is_implicit(&pi->themes[i]))
            return true;
    return false;
}

const char *structure_label(struct req *r, const char *code, const char *title) {
    return arena_printf(&r->arena, "%s%s%s", code ? code : "", code && title ? " " : "", title ? title : "");
}

void structure_page_head(struct req *r, const struct structure_ctx *c, const char *title) {
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c->pc.org_name, c->pc.org_href}, {c->pc.plan_title, c->pc.plan_href},
                             {tr(r, M_PE_STRUCTURE), title ? c->structure_href : NULL}, {title, NULL}};
    if (!title)
        title = tr(r, M_PE_EDIT_STRUCTURE);
    page_begin(r, title, crumbs, crumbs[4].label ? 5 : 4, NULL);
    r->cacheable = false;
    html_printf(&r->out, "<h1>%s</h1>\n<p class=\"muted\">%s</p>\n", title, c->plan.title);
}

int siblings_places(const struct siblings *s, int64_t self) {
    int n = 0;
    for (size_t i = 0; i < s->n; i++)
        n += !s->hidden[i] && s->ids[i] != self;
    return n + 1;
}

int siblings_place_now(const struct siblings *s, int64_t self) {
    int k = 0;
    for (size_t i = 0; i < s->n; i++)
        if (!s->hidden[i]) {
            k++;
            if (s->ids[i] == self)
                return k;
        }
    return 0;
}

int siblings_position(const struct siblings *s, int64_t self, int k) {
    int others = 0, seen = 0, after_last = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (s->ids[i] == self)
            continue;
        if (!s->hidden[i]) {
            if (seen == k - 1)
                return others;
            seen++;
            after_last = others + 1;
        }
        others++;
    }
    return after_last;
}

const char *structure_read_position(struct req *r, const char *text, int max, bool blank_last, int *ret) {
    double v;
    if (!*text && blank_last) {
        *ret = max;
        return NULL;
    }
    if (!*text)
        return tr(r, M_ERR_REQUIRED);
    if (number_parse(text, &v, NULL) < 0 || v != floor(v) || v < 1 || v > max)
        return arena_printf(&r->arena, tr(r, M_PE_POSITION_RANGE), max);
    *ret = (int)v;
    return NULL;
}

void structure_fail(struct req *r, int rc, const struct edit_fail *fail, const char **e_code, const char **e_position,
                    const char **summary_msg) {
    *summary_msg = "";
    if (rc == KW_ECONFLICT && strcmp(fail->field, "code") == 0)
        *e_code = tr(r, M_PE_CODE_CLASH);
    else if (strcmp(fail->field, "position") == 0)
        *e_position = tr(r, M_PE_POSITION_MOVED);
    else
        *summary_msg = tr(r, M_FORM_NOT_SAVED);
}
