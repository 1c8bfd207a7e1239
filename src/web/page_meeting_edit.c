/* The office's forms of the promotion organisation's meetings (core/body.h; issue 12 point 2): a
 * meeting of a body with its date, title, agenda, minutes and the measures it took up, each with
 * what was decided; deleting one asks for confirmation first and is audited like every write.
 *
 * The checks are those of the API's writers (src/api/api_meeting.c); every save is one store call
 * (one transaction with its audit row), then a redirect to the body's page. The form works without
 * JavaScript: measure rows come with FORM_SPARE_ROWS empty rows, and assets/edit.js only adds rows
 * without a round trip. */
#include <stdio.h>
#include <stdlib.h>
#include "core/body.h"
#include "core/errors.h"
#include "http/session.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

struct mm_row { const char *measure, *note; };   /* measure: its id as text, "" for none */

struct meeting_form {
    const char *date, *title, *agenda, *minutes;
    struct mm_row *rows;
    size_t n_rows;
    const char *e_date, *e_title, *e_agenda, *e_minutes, *e_measures;
    int bad_row;                             /* the row e_measures is about, or -1 */
    const char *summary;
};

/* A measure the meeting may have taken up: one of the organisation's plans'. */
struct measure_choice { int64_t id; const char *label; size_t plan; };

struct meeting_ctx {
    struct org org;
    struct body body;                        /* the meeting's body */
    const struct meeting *mt;                /* NULL on the form that adds one */
    const char **plans;                      /* titles, for the groups of the select */
    size_t n_plans;
    struct measure_choice *choices;
    size_t n_choices;
};

/* The measures of the organisation's plans, in plan order: "key title". */
static int load_choices(struct req *r, struct meeting_ctx *c) {
    struct plan_summary *ps;
    size_t np;
    int rc = store_plan_list(r->db, &r->arena, c->org.id, &ps, &np);
    if (rc < 0)
        return rc;
    struct plan *plans = arena_alloc(&r->arena, (np ? np : 1) * sizeof *plans);
    size_t n = 0;
    for (size_t i = 0; i < np; i++) {
        if ((rc = store_plan_load(r->db, &r->arena, ps[i].id, LOAD_SUMMARY, &plans[i])) < 0)
            return rc;
        for (size_t j = 0; j < plans[i].n_pillars; j++)
            for (size_t k = 0; k < plans[i].pillars[j].n_themes; k++)
                n += plans[i].pillars[j].themes[k].n_measures;
    }
    c->plans = arena_alloc(&r->arena, (np ? np : 1) * sizeof *c->plans);
    c->choices = arena_alloc(&r->arena, (n ? n : 1) * sizeof *c->choices);
    c->n_plans = np;
    c->n_choices = 0;
    for (size_t i = 0; i < np; i++) {
        c->plans[i] = plans[i].title;
        for (size_t j = 0; j < plans[i].n_pillars; j++)
            for (size_t k = 0; k < plans[i].pillars[j].n_themes; k++) {
                const struct theme *t = &plans[i].pillars[j].themes[k];
                for (size_t l = 0; l < t->n_measures; l++) {
                    const struct measure *m = &t->measures[l];
                    c->choices[c->n_choices++] = (struct measure_choice){
                        m->id,
                        arena_printf(&r->arena, "%s %s%s", m->key ? m->key : m->code, m->title,
                                     m->status == MS_ABOLISHED
                                         ? tr_paren(r, tr(r, M_FORM_ABOLISHED_BADGE)) : ""),
                        i};
                }
            }
    }
    return 0;
}

/* The body of /bodies/{id}/meetings/new; replies and returns false when there is none. */
static bool load_new_meeting(struct req *r, struct meeting_ctx *c) {
    memset(c, 0, sizeof *c);
    int64_t id;
    if (!req_param_id(r, 0, &id) || store_body_load(r->db, &r->arena, id, &c->body, &c->org) < 0 ||
        load_choices(r, c) < 0) {
        buf_reset(&r->out);
        page_not_found(r);
        return false;
    }
    return true;
}

/* The meeting of /meetings/{id}/…, found among its organisation's (authz resolved it); the
 * measures to choose from only when choices. Replies and returns false when there is none. */
static bool load_meeting(struct req *r, struct meeting_ctx *c, bool choices) {
    memset(c, 0, sizeof *c);
    int64_t id;
    struct body *v = NULL;
    size_t n = 0;
    if (!req_param_id(r, 0, &id)) {
        buf_reset(&r->out);
        page_not_found(r);
        return false;
    }
    if (r->target_org_id > 0 && store_org_by_id(r->db, &r->arena, r->target_org_id, &c->org) == 0 &&
        store_bodies_load(r->db, &r->arena, c->org.id, 0, &v, &n) == 0)
        for (size_t i = 0; i < n && !c->mt; i++)
            for (size_t j = 0; j < v[i].n_meetings; j++)
                if (v[i].meetings[j].id == id) {
                    c->body = v[i];
                    c->mt = &v[i].meetings[j];
                }
    if (!c->mt || (choices && load_choices(r, c) < 0)) {
        page_not_found(r);
        return false;
    }
    return true;
}

static void measure_options(struct req *r, const struct meeting_ctx *c, const char *selected) {
    html_printf(&r->out, "<option value=\"\">%s</option>", tr(r, M_FORM_NONE_SELECTED));
    size_t plan = (size_t)-1;
    for (size_t i = 0; i < c->n_choices; i++) {
        const struct measure_choice *m = &c->choices[i];
        if (c->n_plans > 1 && m->plan != plan) {
            html_printf(&r->out, "%r<optgroup label=\"%s\">", plan == (size_t)-1 ? "" : "</optgroup>", c->plans[m->plan]);
            plan = m->plan;
        }
        const char *value = arena_printf(&r->arena, "%lld", (long long)m->id);
        html_printf(&r->out, "<option value=\"%s\"%r>%s</option>", value,
                    selected && strcmp(selected, value) == 0 ? " selected" : "", m->label);
    }
    if (plan != (size_t)-1)
        html_printf(&r->out, "</optgroup>");
}

static void measure_rows(struct req *r, const struct meeting_ctx *c, const struct meeting_form *f) {
    size_t rows = form_rows_shown(f->n_rows);
    const char *cols[] = {tr(r, M_MEASURE), tr(r, M_BE_DECISION)};
    form_rows_begin(r, "mm", tr(r, M_F_MEETING_MEASURES), tr(r, M_BE_MEASURES_HINT), rows, f->bad_row, f->e_measures, cols, 2);
    for (size_t i = 0; i < rows; i++) {
        const struct mm_row *m = i < f->n_rows ? &f->rows[i] : NULL;
        bool bad = f->e_measures && (int)i == f->bad_row;
        const char *inv = form_row_invalid(r, "mm", bad);
        html_printf(&r->out, "<tr%r><th scope=\"row\">%d</th><td><select name=\"mm-measure-%d\" aria-label=\"%s\"%r>",
                    bad ? " class=\"has-error\"" : "", (int)i + 1, (int)i, form_row_label(r, i, tr(r, M_MEASURE)), inv);
        measure_options(r, c, m ? m->measure : "");
        html_printf(&r->out, "</select></td><td><textarea name=\"mm-note-%d\" rows=\"2\" aria-label=\"%s\"%r>\n%s"
                             "</textarea></td></tr>\n",
                    (int)i, form_row_label(r, i, tr(r, M_BE_DECISION)), inv, m ? m->note : "");
    }
    form_rows_end(r);
    if (!c->n_choices)
        html_printf(&r->out, "<p class=\"notice\">%s</p>\n", tr(r, M_BE_NO_MEASURES));
}

static void render_meeting(struct req *r, const struct meeting_ctx *c, const struct meeting_form *f) {
    const char *org_href = arena_printf(&r->arena, "/orgs/%s", c->org.code);
    const char *bodies_href = arena_printf(&r->arena, "/orgs/%s/bodies", c->org.code);
    const char *body_href = arena_printf(&r->arena, "/bodies/%lld", (long long)c->body.id);
    const char *title = tr(r, c->mt ? M_BE_EDIT_MEETING : M_BE_NEW_MEETING);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c->org.name, org_href}, {tr(r, M_BODIES), bodies_href},
                             {c->body.name, body_href}, {title, NULL}};
    page_begin(r, title, crumbs, 5, NULL);
    r->cacheable = false;
    html_printf(&r->out, "<h1>%s <span class=\"muted small\">%s</span></h1>\n", title, c->body.name);
    if (f->summary)
        form_error_summary(r, *f->summary ? f->summary : NULL);
    if (c->mt)
        html_printf(&r->out, "<form method=\"post\" action=\"/meetings/%D/edit\" class=\"form\" novalidate>\n", c->mt->id);
    else
        html_printf(&r->out, "<form method=\"post\" action=\"/bodies/%D/meetings/new\" class=\"form\" novalidate>\n",
                    c->body.id);
    html_csrf_field(r);
    form_text(r, "date", tr(r, M_MEETING_DATE), f->date, f->e_date, tr(r, M_BE_DATE_HINT));
    form_text(r, "title", tr(r, M_MEETING_TITLE), f->title, f->e_title, NULL);
    form_textarea(r, "agenda", tr(r, M_AGENDA), f->agenda, f->e_agenda, NULL, 3);
    form_textarea(r, "minutes", tr(r, M_MINUTES), f->minutes, f->e_minutes, NULL, 8);
    measure_rows(r, c, f);
    form_buttons(r, tr(r, M_SAVE), body_href, c->body.name);
    html_printf(&r->out, "</form>\n");
    if (c->mt) {
        html_printf(&r->out, "<h2 class=\"form-part\">%s</h2>\n<form method=\"post\" action=\"/meetings/%D/delete\">\n",
                    tr(r, M_BE_DELETE_PART), c->mt->id);
        html_csrf_field(r);
        html_printf(&r->out, "<p><button type=\"submit\" class=\"secondary\">%s</button></p>\n</form>\n",
                    tr(r, M_BE_DELETE_MEETING));
    }
    form_script(r);
    page_end(r);
}

static void fill_meeting(struct req *r, const struct meeting_ctx *c, struct meeting_form *f) {
    *f = (struct meeting_form){.date = "", .title = "", .agenda = "", .minutes = "", .bad_row = -1};
    const struct meeting *mt = c->mt;
    if (!mt)
        return;
    f->date = mt->date;
    f->title = mt->title;
    f->agenda = mt->agenda ? mt->agenda : "";
    f->minutes = mt->minutes ? mt->minutes : "";
    f->rows = arena_alloc(&r->arena, (mt->n_measures ? mt->n_measures : 1) * sizeof *f->rows);
    for (size_t i = 0; i < mt->n_measures; i++)
        f->rows[i] = (struct mm_row){arena_printf(&r->arena, "%lld", (long long)mt->measures[i].measure_id),
                                     mt->measures[i].note ? mt->measures[i].note : ""};
    f->n_rows = mt->n_measures;
}

/* The measure rows typed, into f and *ret; rows with neither a measure nor a note are left out.
 * False when a row is wrong (f->e_measures and f->bad_row name the first). */
static bool read_measures(struct req *r, const struct meeting_ctx *c, struct meeting_form *f,
                          struct meeting_measure **ret) {
    int rows = form_rows_sent(r, "mm");
    f->rows = arena_alloc(&r->arena, (size_t)(rows ? rows : 1) * sizeof *f->rows);
    struct meeting_measure *v = arena_alloc(&r->arena, (size_t)(rows ? rows : 1) * sizeof *v);
    size_t n = 0;
    for (int i = 0; i < rows; i++) {
        struct mm_row m = {form_get(r, arena_printf(&r->arena, "mm-measure-%d", i)),
                           form_trimmed(r, arena_printf(&r->arena, "mm-note-%d", i))};
        if (!*m.measure && !*m.note)
            continue;
        const char *err = NULL;
        int64_t id = 0;
        if (!*m.measure) {
            err = tr(r, M_BE_ERR_NOTE_ALONE);
        } else {
            char *end;
            long long want = strtoll(m.measure, &end, 10);
            for (size_t j = 0; j < c->n_choices && !id && !*end; j++)
                if (c->choices[j].id == want)
                    id = c->choices[j].id;
            if (!id)
                err = tr(r, M_ERR_CHOICE);
            for (size_t j = 0; !err && j < n; j++)
                if (v[j].measure_id == id)
                    err = tr(r, M_BE_ERR_MEASURE_TWICE);
        }
        if (!err)
            err = form_check(r, m.note, &field_text, false);
        if (err && !f->e_measures) {
            f->e_measures = err;
            f->bad_row = (int)n;
        }
        f->rows[n] = m;
        v[n++] = (struct meeting_measure){.measure_id = id, .note = *m.note ? (char *)m.note : NULL};
    }
    f->n_rows = n;
    *ret = v;
    return !f->e_measures;
}

static bool read_meeting(struct req *r, const struct meeting_ctx *c, struct meeting_form *f, struct meeting_patch *p) {
    f->date = form_trimmed(r, "date");
    f->title = form_trimmed(r, "title");
    f->agenda = form_get(r, "agenda");
    f->minutes = form_get(r, "minutes");
    kw_date d;
    if (!*f->date) f->e_date = tr(r, M_ERR_REQUIRED);
    else if (date_parse(f->date, &d) < 0) f->e_date = tr(r, M_ERR_DATE);
    f->e_title = form_check(r, f->title, &field_label, true);
    if (!f->e_agenda) f->e_agenda = form_check(r, f->agenda, &field_text, false);
    if (!f->e_minutes) f->e_minutes = form_check(r, f->minutes, &field_text, false);
    struct meeting_measure *measures;
    bool ok = read_measures(r, c, f, &measures);
    if (!ok || f->e_date || f->e_title || f->e_agenda || f->e_minutes)
        return false;
    *p = (struct meeting_patch){.date = f->date, .title = f->title, .agenda = f->agenda, .minutes = f->minutes,
                                .set_measures = true, .measures = measures, .n_measures = f->n_rows};
    return true;
}

/* The POST of either meeting form. */
static void meeting_post(struct req *r, struct meeting_ctx *c) {
    struct meeting_form f;
    fill_meeting(r, c, &f);
    if (req_parse_form(r) < 0) {
        f.summary = tr(r, M_ERR_BAD_FORM);
        render_meeting(r, c, &f);
        r->status = 400;
        return;
    }
    struct meeting_patch p;
    if (!read_meeting(r, c, &f, &p)) {
        f.summary = "";
        render_meeting(r, c, &f);
        r->status = 422;
        return;
    }
    struct edit_fail fail = {0};
    int64_t id = c->mt ? c->mt->id : 0;
    int rc;
    if (!c->mt) {
        struct meeting mt = {.date = (char *)p.date, .title = (char *)p.title,
                             .agenda = *p.agenda ? (char *)p.agenda : NULL, .minutes = *p.minutes ? (char *)p.minutes : NULL,
                             .measures = (struct meeting_measure *)p.measures, .n_measures = p.n_measures};
        rc = store_meeting_create(r->db, c->body.id, &mt, req_actor(r), &id, &fail);
    } else {
        rc = store_meeting_update(r->db, id, &p, req_actor(r), &fail);
    }
    if (rc == KW_ENOTFOUND) {
        page_not_found(r);
        return;
    }
    if (rc == KW_EINVAL || rc == KW_ECONFLICT) {
        unsigned row;
        if (sscanf(fail.field, "measures[%u]", &row) == 1) {
            f.e_measures = tr(r, M_ERR_CHOICE);
            f.bad_row = (int)row;
            f.summary = "";
        } else {
            f.summary = tr(r, M_FORM_NOT_SAVED);
        }
        render_meeting(r, c, &f);
        r->status = 422;
        return;
    }
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "/bodies/%lld#meeting-%lld", (long long)c->body.id, (long long)id));
}

/* GET /bodies/{id}/meetings/new */
void page_meeting_new(struct req *r) {
    struct meeting_ctx c;
    if (!load_new_meeting(r, &c))
        return;
    struct meeting_form f;
    fill_meeting(r, &c, &f);
    render_meeting(r, &c, &f);
}

/* POST /bodies/{id}/meetings/new */
void page_meeting_create(struct req *r) {
    struct meeting_ctx c;
    if (load_new_meeting(r, &c))
        meeting_post(r, &c);
}

/* GET /meetings/{id}/edit */
void page_meeting_edit(struct req *r) {
    struct meeting_ctx c;
    if (!load_meeting(r, &c, true))
        return;
    struct meeting_form f;
    fill_meeting(r, &c, &f);
    render_meeting(r, &c, &f);
}

/* POST /meetings/{id}/edit */
void page_meeting_update(struct req *r) {
    struct meeting_ctx c;
    if (load_meeting(r, &c, true))
        meeting_post(r, &c);
}

/* The question before a meeting is deleted. */
static void render_meeting_delete(struct req *r, const struct meeting_ctx *c) {
    const char *org_href = arena_printf(&r->arena, "/orgs/%s", c->org.code);
    const char *bodies_href = arena_printf(&r->arena, "/orgs/%s/bodies", c->org.code);
    const char *body_href = arena_printf(&r->arena, "/bodies/%lld", (long long)c->body.id);
    const char *title = tr(r, M_BE_DELETE_MEETING);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c->org.name, org_href}, {tr(r, M_BODIES), bodies_href},
                             {c->body.name, body_href}, {title, NULL}};
    page_begin(r, title, crumbs, 5, NULL);
    r->cacheable = false;
    html_printf(&r->out, "<h1>%s</h1>\n<p><strong>%s</strong> <span class=\"muted\">%s</span></p>\n<p>%s</p>\n"
                         "<form method=\"post\" action=\"/meetings/%D/delete\">\n",
                title, c->mt->title, c->mt->date, tr(r, M_BE_DELETE_MEETING_Q), c->mt->id);
    html_csrf_field(r);
    html_printf(&r->out, "<p class=\"button-row\"><input type=\"hidden\" name=\"confirm\" value=\"1\">"
                         "<button type=\"submit\">%s</button> <a href=\"/meetings/%D/edit\">%s</a></p>\n</form>\n",
                tr(r, M_BE_DELETE_MEETING_YES), c->mt->id, tr(r, M_FORM_CANCEL));
    page_end(r);
}

/* POST /meetings/{id}/delete — without confirm=1 it asks first. */
void page_meeting_delete(struct req *r) {
    struct meeting_ctx c;
    if (!load_meeting(r, &c, false))
        return;
    if (req_parse_form(r) < 0 || !req_form(r, "confirm")) {
        render_meeting_delete(r, &c);
        return;
    }
    int rc = store_meeting_delete(r->db, c.mt->id, req_actor(r));
    if (rc == KW_ENOTFOUND) {
        page_not_found(r);
        return;
    }
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "/bodies/%lld#meetings", (long long)c.body.id));
}
