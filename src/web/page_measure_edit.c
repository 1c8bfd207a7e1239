/* The form that edits a measure (issue 12 points 2 and 3): for the office every field — code,
 * title, theme (a move within the plan), the departments in charge in order with the lead first,
 * scope, 理想, status, 新規 since, means, tags, links — and for the office and the measure's
 * departments its content: 現状 and the schedule and progress per fiscal year and quarter.
 * A reporter sees only the content; a POST of another field by a reporter is refused (403) as
 * the API refuses it. One store call saves it all (one transaction, one audit entry). */
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "core/fiscal.h"
#include "http/authz.h"
#include "http/session.h"
#include "store/store.h"
#include "util/utf8.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

/* What the form shows and reads back; NULL members are not shown (content-only form). */
struct measure_form {
    const char *code, *title, *theme, *scope, *ideal, *status, *new_since, *means, *tags, *links, *current;
    const char **depts;                      /* n_depts names, "" for an empty select */
    size_t n_depts;
    const struct period_items *schedule, *progress;
    size_t n_schedule, n_progress;
    /* errors */
    const char *e_code, *e_title, *e_theme, *e_status, *e_new_since, *e_links, *e_depts, *e_ideal, *e_current;
    const char *e_schedule, *e_progress, *summary;
    int bad_schedule, bad_progress;
};

struct edit_ctx {
    struct measure m;
    struct measure_ref ref;
    struct plan plan;                        /* its pillars and themes, for the theme select */
    struct department *depts;
    size_t n_depts;
    bool office;                             /* may change the office's fields */
};

static bool load(struct req *r, struct edit_ctx *c) {
    int64_t id;
    if (!req_param_id(r, 0, &id) || store_measure_load(r->db, &r->arena, id, &c->m, &c->ref) < 0 ||
        store_plan_load(r->db, &r->arena, c->ref.plan_id, LOAD_SUMMARY, &c->plan) < 0 ||
        store_departments(r->db, &r->arena, c->ref.org_id, &c->depts, &c->n_depts) < 0) {
        buf_reset(&r->out);
        page_not_found(r);
        return false;
    }
    c->office = authz_allows(r, PERM_OFFICE);
    return true;
}

static void theme_select(struct req *r, const struct edit_ctx *c, const struct measure_form *f) {
    size_t n = 0;
    for (size_t i = 0; i < c->plan.n_pillars; i++)
        n += c->plan.pillars[i].n_themes;
    struct form_option *o = arena_alloc(&r->arena, (n ? n : 1) * sizeof *o);
    n = 0;
    for (size_t i = 0; i < c->plan.n_pillars; i++) {
        const struct pillar *pi = &c->plan.pillars[i];
        for (size_t j = 0; j < pi->n_themes; j++) {
            const struct theme *t = &pi->themes[j];
            o[n].value = arena_printf(&r->arena, "%lld", (long long)t->id);
            o[n++].label = t->title ? arena_printf(&r->arena, "%s %s%s%s %s", pi->code, pi->title, tr(r, M_P_SLASH), t->code ? t->code : "", t->title)
                                    : arena_printf(&r->arena, "%s %s", pi->code, pi->title);
        }
    }
    form_select(r, "theme", tr(r, M_ME_THEME), o, n, f->theme, f->e_theme, NULL);
}

/* The departments in charge: one select per place, the stored ones and two more. */
static void department_selects(struct req *r, const struct edit_ctx *c, const struct measure_form *f) {
    struct form_option *o = arena_alloc(&r->arena, (c->n_depts + 1) * sizeof *o);
    size_t n = 0;
    o[n++] = (struct form_option){"", tr(r, M_FORM_NONE_SELECTED)};
    for (size_t i = 0; i < c->n_depts; i++) {
        bool chosen = false;                 /* an abolished department is offered only where chosen */
        for (size_t j = 0; j < f->n_depts; j++)
            chosen |= strcmp(f->depts[j], c->depts[i].name) == 0;
        if (!c->depts[i].abolished || chosen)
            o[n++] = (struct form_option){c->depts[i].name, c->depts[i].name};
    }
    size_t rows = form_rows_shown(f->n_depts);
    html_printf(&r->out, "<fieldset id=\"depts\"%r>\n<legend>%s</legend>\n<p class=\"hint\" id=\"depts-hint\">%s</p>\n"
                         "<input type=\"hidden\" name=\"dept-rows\" value=\"%d\">\n",
                f->e_depts ? " class=\"has-error\"" : "", tr(r, M_ME_DEPTS), tr(r, M_ME_DEPTS_HINT), (int)rows);
    html_field_error(r, "depts", f->e_depts);
    for (size_t i = 0; i < rows; i++) {
        const char *id = arena_printf(&r->arena, "dept-%d", (int)i);
        const char *label = i == 0 ? tr(r, M_ME_LEAD) : arena_printf(&r->arena, tr(r, M_ME_DEPT_N), (int)i + 1);
        form_select(r, id, label, o, n, i < f->n_depts ? f->depts[i] : "", NULL, NULL);
    }
    html_printf(&r->out, "</fieldset>\n");
}

static void render(struct req *r, const struct edit_ctx *c, const struct measure_form *f) {
    const struct measure *m = &c->m;
    char *org_href = arena_printf(&r->arena, "/orgs/%s", c->ref.org_code);
    char *plan_href = arena_printf(&r->arena, "/plans/%lld", (long long)c->ref.plan_id);
    char *m_href = arena_printf(&r->arena, "/measures/%lld", (long long)m->id);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c->ref.org_name, org_href}, {c->ref.plan_title, plan_href},
                             {m->title, m_href}, {tr(r, M_EDIT), NULL}};
    page_begin(r, tr(r, M_EDIT_MEASURE), crumbs, 5, NULL);
    r->cacheable = false;
    html_printf(&r->out, "<h1>%s%s%s %s</h1>\n", tr(r, M_EDIT_MEASURE), tr(r, M_P_COLON), m->code, m->title);
    if (f->summary)
        form_error_summary(r, *f->summary ? f->summary : NULL);
    html_printf(&r->out, "<form method=\"post\" action=\"/measures/%D/edit\" class=\"form\" novalidate>\n", m->id);
    html_csrf_field(r);
    if (c->office) {
        html_printf(&r->out, "<h2>%s</h2>\n", tr(r, M_ME_OFFICE_PART));
        form_text(r, "code", tr(r, M_ME_CODE), f->code, f->e_code, NULL);
        form_text(r, "title", tr(r, M_MEASURE), f->title, f->e_title, NULL);
        theme_select(r, c, f);
        department_selects(r, c, f);
        struct form_option scopes[5] = {{"", tr(r, M_FORM_NONE_SELECTED)}};
        for (int s = SCOPE_ORG_WIDE; s <= SCOPE_PEOPLE; s++)
            scopes[s] = (struct form_option){measure_scope_name((enum measure_scope)s), tr_scope(r, (enum measure_scope)s)};
        form_select(r, "scope", tr(r, M_SCOPE), scopes, 5, f->scope, NULL, NULL);
        form_textarea(r, "ideal", tr(r, M_IDEAL), f->ideal, f->e_ideal, NULL, 4);
        struct form_option st[5];
        for (int s = MS_PLANNED; s <= MS_ABOLISHED; s++)
            st[s] = (struct form_option){measure_status_name((enum measure_status)s), tr_status(r, (enum measure_status)s)};
        form_select(r, "status", tr(r, M_STATUS), st, 5, f->status, f->e_status, NULL);
        form_text(r, "new_since", tr(r, M_NEW_SINCE), f->new_since, f->e_new_since, tr(r, M_NEW_SINCE_HINT));
        form_textarea(r, "means", tr(r, M_MEANS), f->means, NULL, tr(r, M_ME_MEANS_HINT), 3);
        form_textarea(r, "tags", tr(r, M_ME_TAGS), f->tags, NULL, tr(r, M_FORM_LINES_HINT), 2);
        form_textarea(r, "links", tr(r, M_LINKS), f->links, f->e_links, tr(r, M_ME_LINKS_HINT), 2);
        html_printf(&r->out, "<h2 class=\"form-part\">%s</h2>\n", tr(r, M_ME_CONTENT_PART));
    } else {
        html_printf(&r->out, "<p class=\"notice\">%s</p>\n", tr(r, M_ME_REPORTER_NOTE));
    }
    form_textarea(r, "current", tr(r, M_CURRENT), f->current, f->e_current, NULL, 4);
    form_period_rows(r, "schedule", tr(r, M_SCHEDULE), f->schedule, f->n_schedule, f->bad_schedule, f->e_schedule);
    form_period_rows(r, "progress", tr(r, M_PROGRESS), f->progress, f->n_progress, f->bad_progress, f->e_progress);
    form_buttons(r, tr(r, M_SAVE), m_href, m->title);
    html_printf(&r->out, "</form>\n");
    if (c->office) {
        html_printf(&r->out, "<p><a href=\"/measures/%D/kpis\">%s</a></p>\n", m->id, tr(r, M_ME_KPIS_EDIT));
        html_measure_category_section(r, m);
    }
    form_script(r);
    page_end(r);
}

/* The form as the measure is now. */
static void fill(struct req *r, const struct edit_ctx *c, struct measure_form *f) {
    const struct measure *m = &c->m;
    *f = (struct measure_form){
        .code = m->code, .title = m->title, .theme = arena_printf(&r->arena, "%lld", (long long)m->theme_id),
        .scope = m->scope ? measure_scope_name(m->scope) : "", .ideal = m->ideal, .status = measure_status_name(m->status),
        .new_since = m->new_since_fy ? arena_printf(&r->arena, "%d", m->new_since_fy) : "",
        .means = form_lines_text(r, &m->means), .tags = form_lines_text(r, &m->tags),
        .links = form_lines_text(r, &m->links), .current = m->current,
        .depts = (const char **)m->departments.items, .n_depts = m->departments.n,
        .schedule = m->schedule, .n_schedule = m->n_schedule, .progress = m->progress, .n_progress = m->n_progress,
        .bad_schedule = -1, .bad_progress = -1,
    };
}

/* GET /measures/{id}/edit */
void page_measure_edit(struct req *r) {
    struct edit_ctx c;
    if (!load(r, &c))
        return;
    struct measure_form f;
    fill(r, &c, &f);
    render(r, &c, &f);
}

/* The office's fields a form may carry (a reporter's POST with one of them is refused). */
static const char *const office_fields[] = {"code", "title", "theme", "dept-rows", "scope", "ideal", "status",
                                            "new_since", "means", "tags", "links", NULL};

/* Reads the office's fields into f and p; false when one is wrong (its error set). */
static bool read_office(struct req *r, const struct edit_ctx *c, struct measure_form *f, struct measure_patch *p,
                        struct strlist *depts, struct strlist *means, struct strlist *tags, struct strlist *links) {
    f->code = form_trimmed(r, "code");
    f->title = form_trimmed(r, "title");
    f->theme = form_get(r, "theme");
    f->scope = form_get(r, "scope");
    f->ideal = form_get(r, "ideal");
    f->status = form_get(r, "status");
    f->new_since = form_trimmed(r, "new_since");
    f->means = form_get(r, "means");
    f->tags = form_get(r, "tags");
    f->links = form_get(r, "links");
    int rows = form_rows_sent(r, "dept");
    f->depts = arena_alloc(&r->arena, (size_t)(rows ? rows : 1) * sizeof *f->depts);
    f->n_depts = 0;
    memset(depts, 0, sizeof *depts);
    depts->items = arena_alloc(&r->arena, (size_t)(rows ? rows : 1) * sizeof *depts->items);
    for (int i = 0; i < rows; i++) {
        const char *d = form_get(r, arena_printf(&r->arena, "dept-%d", i));
        if (!*d)
            continue;
        for (size_t j = 0; j < depts->n && !f->e_depts; j++)
            if (strcmp(depts->items[j], d) == 0)
                f->e_depts = tr(r, M_ME_DUPLICATE_DEPT);
        f->depts[f->n_depts++] = d;
        depts->items[depts->n++] = (char *)d;
    }
    f->e_code = form_check(r, f->code, &field_label, true);
    if (!f->e_code && !model_display_code_valid(f->code)) f->e_code = tr(r, M_FORM_CODE_SLASH);
    f->e_title = form_check(r, f->title, &field_label, true);
    if (!f->e_ideal) f->e_ideal = form_check(r, f->ideal, &field_text, false);
    enum measure_status st;
    if (measure_status_parse(f->status, &st) < 0) f->e_status = tr(r, M_ERR_CHOICE);
    enum measure_scope sc = SCOPE_UNSET;
    if (*f->scope && measure_scope_parse(f->scope, &sc) < 0) f->scope = "";
    int fy = 0;
    if (*f->new_since && fy_parse(f->new_since, &fy) < 0) f->e_new_since = tr(r, M_ERR_FY);
    char *end;
    long long theme = strtoll(f->theme, &end, 10);
    bool theme_ok = false;
    for (size_t i = 0; i < c->plan.n_pillars; i++)
        for (size_t j = 0; j < c->plan.pillars[i].n_themes; j++)
            theme_ok |= c->plan.pillars[i].themes[j].id == theme && *end == '\0';
    if (!theme_ok) f->e_theme = tr(r, M_ERR_CHOICE);
    form_lines(r, f->means, means);
    form_lines(r, f->tags, tags);
    form_lines(r, f->links, links);
    for (size_t i = 0; i < links->n && !f->e_links; i++) {
        int64_t lid;
        if (store_measure_id_by_key(r->db, c->ref.plan_id, links->items[i], &lid) < 0 || lid == c->m.id)
            f->e_links = arena_printf(&r->arena, "%s%s", tr(r, M_ME_LINK_UNKNOWN), links->items[i]);
    }
    if (f->e_code || f->e_title || f->e_theme || f->e_status || f->e_new_since || f->e_links || f->e_depts || f->e_ideal)
        return false;
    p->code = f->code;
    p->title = f->title;
    if (theme != c->m.theme_id)
        p->theme_id = theme;
    p->set_scope = true;
    p->scope = f->scope;
    p->ideal = f->ideal;
    p->status = f->status;
    p->set_new_since = true;
    p->new_since_fy = fy;
    p->departments = depts;
    p->means = means;
    p->tags = tags;
    p->links = links;
    return true;
}

/* POST /measures/{id}/edit */
void page_measure_update(struct req *r) {
    struct edit_ctx c;
    if (!load(r, &c))
        return;
    struct measure_form f;
    fill(r, &c, &f);
    if (req_parse_form(r) < 0) {
        f.summary = tr(r, M_ERR_BAD_FORM);
        render(r, &c, &f);
        r->status = 400;
        return;
    }
    if (!c.office)
        for (size_t i = 0; office_fields[i]; i++)
            if (req_form(r, office_fields[i])) {
                buf_reset(&r->out);
                page_forbidden(r, PAGE_FORBIDDEN_ROLE);
                return;
            }
    struct measure_patch p = {0};
    struct strlist depts, means, tags, links;
    bool ok = !c.office || read_office(r, &c, &f, &p, &depts, &means, &tags, &links);
    f.current = form_get(r, "current");
    if ((f.e_current = form_check(r, f.current, &field_text, false)))
        ok = false;
    struct period_items *schedule, *progress;
    ok = form_period_read(r, "schedule", &schedule, &f.n_schedule, &f.bad_schedule, &f.e_schedule) && ok;
    ok = form_period_read(r, "progress", &progress, &f.n_progress, &f.bad_progress, &f.e_progress) && ok;
    f.schedule = schedule;
    f.progress = progress;
    if (!ok) {
        f.summary = "";
        render(r, &c, &f);
        r->status = 422;
        return;
    }
    p.current = f.current;
    p.set_schedule = p.set_progress = true;
    p.schedule = schedule;
    p.n_schedule = f.n_schedule;
    p.progress = progress;
    p.n_progress = f.n_progress;
    struct edit_fail fail = {0};
    int rc = store_measure_edit(r->db, c.m.id, &p, req_actor(r), &fail);
    if (rc == KW_ECONFLICT && strcmp(fail.field, "code") == 0) {
        f.e_code = tr(r, M_FORM_CODE_TAKEN);
    } else if (rc == KW_EINVAL || rc == KW_ECONFLICT) {
        f.summary = tr(r, M_FORM_NOT_SAVED);
    } else if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    if (rc < 0) {
        if (!f.summary)
            f.summary = "";
        render(r, &c, &f);
        r->status = rc == KW_ECONFLICT ? 409 : 422;
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "/measures/%lld", (long long)c.m.id));
}
