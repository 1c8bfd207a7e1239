/* The office's forms for the promotion organisation (推進体制, core/body.h; issue 12 point 2).
 * A body: its code, name, kind, description, headcount, topics (one per line), members as rows
 * (name or post, role, post, department), its place among the organisation's bodies and 廃止; a body
 * without meetings can be deleted, one with meetings (history) is abolished instead. A meeting:
 * its date, title, agenda, minutes and the measures it took up, each with what was decided;
 * deleting one asks for confirmation first and is audited like every write.
 *
 * The checks are those of the API's writers (src/api/api_body_write.c); every save is one store
 * call (one transaction with its audit row), then a redirect to the body's page. The forms work
 * without JavaScript: member and measure rows come with FORM_SPARE_ROWS empty rows, and
 * assets/edit.js only adds rows without a round trip. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/body.h"
#include "core/errors.h"
#include "core/fiscal.h"
#include "http/session.h"
#include "store/store.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

/* ==== bodies ==== */

struct member_row { const char *name, *role, *post, *dept; };

/* What the body form shows and reads back. */
struct body_form {
    const char *code, *name, *kind, *description, *headcount, *topics, *position;
    bool abolished;
    struct member_row *members;
    size_t n_members;
    const char *e_code, *e_name, *e_kind, *e_description, *e_headcount, *e_topics, *e_position, *e_members;
    int bad_member;                          /* the row e_members is about, or -1 */
    const char *summary;                     /* not NULL: the error summary ("" for no line of its own) */
};

struct body_ctx {
    struct org org;
    struct body body;                        /* the stored body; id 0 on the form that adds one */
    size_t n_bodies, index;                  /* the organisation's bodies, this one's place among them */
    struct department *depts;
    size_t n_depts;
};

/* The organisation's bodies (their count, and the place of c->body) and departments. */
static int load_org_parts(struct req *r, struct body_ctx *c) {
    struct body *v;
    size_t n;
    int rc = store_bodies_load(r->db, &r->arena, c->org.id, 0, &v, &n);
    if (rc == 0)
        rc = store_departments(r->db, &r->arena, c->org.id, &c->depts, &c->n_depts);
    c->n_bodies = n;
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (v[i].id == c->body.id)
            c->index = i;
    return rc;
}

/* The organisation of /orgs/{code}/bodies/new; replies and returns false when there is none. */
static bool load_new_body(struct req *r, struct body_ctx *c) {
    memset(c, 0, sizeof *c);
    if (store_org_by_code(r->db, &r->arena, r->params[0], &c->org) < 0 || load_org_parts(r, c) < 0) {
        page_not_found(r);
        return false;
    }
    return true;
}

/* The body of /bodies/{id}/…; replies and returns false when there is none. */
static bool load_body(struct req *r, struct body_ctx *c) {
    memset(c, 0, sizeof *c);
    int64_t id;
    if (!req_param_id(r, 0, &id) || store_body_load(r->db, &r->arena, id, &c->body, &c->org) < 0 ||
        load_org_parts(r, c) < 0) {
        buf_reset(&r->out);
        page_not_found(r);
        return false;
    }
    return true;
}

static bool dept_known(const struct body_ctx *c, const char *name) {
    for (size_t i = 0; i < c->n_depts; i++)
        if (strcmp(c->depts[i].name, name) == 0)
            return true;
    return false;
}

/* The department select of a member row: the organisation's departments by name; an abolished
 * one only where it is chosen already. */
static void dept_options(struct req *r, const struct body_ctx *c, const char *selected) {
    html_printf(&r->out, "<option value=\"\">%s</option>", tr(r, M_FORM_NONE_SELECTED));
    for (size_t i = 0; i < c->n_depts; i++) {
        const struct department *d = &c->depts[i];
        bool chosen = selected && strcmp(selected, d->name) == 0;
        if (!d->abolished || chosen)
            html_printf(&r->out, "<option value=\"%s\"%r>%s%r</option>", d->name, chosen ? " selected" : "", d->name,
                        d->abolished ? arena_printf(&r->arena, "（%s）", tr(r, M_FORM_ABOLISHED_BADGE)) : "");
    }
}

static void member_rows(struct req *r, const struct body_ctx *c, const struct body_form *f) {
    size_t rows = form_rows_shown(f->n_members);
    const char *cols[] = {tr(r, M_MEMBER_NAME), tr(r, M_ROLE), tr(r, M_POST), tr(r, M_MEMBER_DEPT)};
    form_rows_begin(r, "member", tr(r, M_MEMBERS), tr(r, M_BE_MEMBERS_HINT), rows, f->bad_member, f->e_members, cols, 4);
    for (size_t i = 0; i < rows; i++) {
        const struct member_row *m = i < f->n_members ? &f->members[i] : NULL;
        bool bad = f->e_members && (int)i == f->bad_member;
        const char *inv = form_row_invalid(r, "member", bad);
        html_printf(&r->out, "<tr%r><th scope=\"row\">%d</th>"
                             "<td><input type=\"text\" name=\"member-name-%d\" value=\"%s\" aria-label=\"%s\"%r></td>"
                             "<td><input type=\"text\" name=\"member-role-%d\" value=\"%s\" aria-label=\"%s\"%r></td>"
                             "<td><input type=\"text\" name=\"member-post-%d\" value=\"%s\" aria-label=\"%s\"%r></td>"
                             "<td><select name=\"member-dept-%d\" aria-label=\"%s\"%r>",
                    bad ? " class=\"has-error\"" : "", (int)i + 1, (int)i, m ? m->name : "",
                    form_row_label(r, i, tr(r, M_MEMBER_NAME)), inv, (int)i, m ? m->role : "",
                    form_row_label(r, i, tr(r, M_ROLE)), inv, (int)i, m ? m->post : "", form_row_label(r, i, tr(r, M_POST)),
                    inv, (int)i, form_row_label(r, i, tr(r, M_MEMBER_DEPT)), inv);
        dept_options(r, c, m ? m->dept : "");
        html_printf(&r->out, "</select></td></tr>\n");
    }
    form_rows_end(r);
}

static void render_body(struct req *r, const struct body_ctx *c, const struct body_form *f) {
    bool is_new = c->body.id == 0;
    const char *org_href = arena_printf(&r->arena, "/orgs/%s", c->org.code);
    const char *bodies_href = arena_printf(&r->arena, "/orgs/%s/bodies", c->org.code);
    const char *body_href = arena_printf(&r->arena, "/bodies/%lld", (long long)c->body.id);
    const char *title = tr(r, is_new ? M_BE_NEW_BODY : M_BE_EDIT_BODY);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c->org.name, org_href}, {tr(r, M_BODIES), bodies_href},
                             {is_new ? title : c->body.name, is_new ? NULL : body_href}, {title, NULL}};
    page_begin(r, title, crumbs, is_new ? 4 : 5, NULL);
    r->cacheable = false;
    if (is_new) {
        html_printf(&r->out, "<h1>%s <span class=\"muted small\">%s</span></h1>\n", title, c->org.name);
    } else {
        html_printf(&r->out, "<h1>%s：%s", title, c->body.name);
        if (c->body.abolished)
            form_abolished_badge(r);
        html_printf(&r->out, "</h1>\n");
    }
    if (f->summary)
        form_error_summary(r, *f->summary ? f->summary : NULL);
    if (is_new)
        html_printf(&r->out, "<form method=\"post\" action=\"/orgs/%s/bodies/new\" class=\"form\" novalidate>\n", c->org.code);
    else
        html_printf(&r->out, "<form method=\"post\" action=\"/bodies/%D/edit\" class=\"form\" novalidate>\n", c->body.id);
    html_csrf_field(r);
    form_text(r, "name", tr(r, M_BE_NAME), f->name, f->e_name, NULL);
    struct form_option kinds[6];
    size_t nk = 0;
    if (is_new)
        kinds[nk++] = (struct form_option){"", tr(r, M_BE_KIND_CHOOSE)};
    for (size_t i = 0; body_kind_names[i] && nk < 6; i++)
        kinds[nk++] = (struct form_option){body_kind_names[i], tr_body_kind(r, body_kind_names[i])};
    form_select(r, "kind", tr(r, M_KIND), kinds, nk, f->kind, f->e_kind, NULL);
    form_text(r, "code", tr(r, M_BE_CODE), f->code, f->e_code, tr(r, M_FORM_MACHINE_CODE));
    form_textarea(r, "description", tr(r, M_F_DESCRIPTION), f->description, f->e_description, NULL, 3);
    form_text(r, "headcount", tr(r, M_F_HEADCOUNT), f->headcount, f->e_headcount, tr(r, M_BE_HEADCOUNT_HINT));
    form_textarea(r, "topics", tr(r, M_TOPICS), f->topics, f->e_topics, tr(r, M_BE_TOPICS_HINT), 3);
    member_rows(r, c, f);
    if (!is_new)
        form_text(r, "position", tr(r, M_FORM_POSITION), f->position, f->e_position,
                  arena_printf(&r->arena, tr(r, M_BE_POSITION_HINT), (int)c->n_bodies));
    form_checkbox(r, "abolished", tr(r, M_FORM_ABOLISHED), f->abolished, tr(r, M_FORM_ABOLISHED_HINT));
    form_buttons(r, tr(r, M_SAVE), is_new ? bodies_href : body_href, is_new ? tr(r, M_BODIES) : c->body.name);
    html_printf(&r->out, "</form>\n");
    if (!is_new) {
        html_printf(&r->out, "<h2 class=\"form-part\">%s</h2>\n<form method=\"post\" action=\"/bodies/%D/delete\">\n",
                    tr(r, M_BE_DELETE_PART), c->body.id);
        html_csrf_field(r);
        html_printf(&r->out, "<p><button type=\"submit\" class=\"secondary\">%s</button></p>\n</form>\n",
                    tr(r, M_BE_DELETE_BODY));
    }
    form_script(r);
    page_end(r);
}

/* The form as the body is now (an empty one for a new body). */
static void fill_body(struct req *r, const struct body_ctx *c, struct body_form *f) {
    const struct body *b = &c->body;
    *f = (struct body_form){.bad_member = -1};
    if (!b->id) {
        f->code = f->name = f->kind = f->description = f->headcount = f->topics = "";
        return;
    }
    f->code = b->code;
    f->name = b->name;
    f->kind = b->kind;
    f->description = b->description ? b->description : "";
    f->headcount = b->headcount ? arena_printf(&r->arena, "%d", b->headcount) : "";
    f->topics = form_lines_text(r, &b->topics);
    f->position = arena_printf(&r->arena, "%d", (int)c->index + 1);
    f->abolished = b->abolished;
    f->members = arena_alloc(&r->arena, (b->n_members ? b->n_members : 1) * sizeof *f->members);
    for (size_t i = 0; i < b->n_members; i++) {
        const struct body_member *m = &b->members[i];
        f->members[i] = (struct member_row){m->name, m->role, m->post ? m->post : "", m->department ? m->department : ""};
    }
    f->n_members = b->n_members;
}

/* The member rows typed, into f (to show again) and *ret (to store); empty rows are left out.
 * False when a row is wrong (f->e_members and f->bad_member name the first). */
static bool read_members(struct req *r, const struct body_ctx *c, struct body_form *f, struct body_member **ret) {
    int rows = form_rows_sent(r, "member");
    f->members = arena_alloc(&r->arena, (size_t)(rows ? rows : 1) * sizeof *f->members);
    struct body_member *v = arena_alloc(&r->arena, (size_t)(rows ? rows : 1) * sizeof *v);
    size_t n = 0;
    for (int i = 0; i < rows; i++) {
        struct member_row m = {form_trimmed(r, arena_printf(&r->arena, "member-name-%d", i)),
                               form_trimmed(r, arena_printf(&r->arena, "member-role-%d", i)),
                               form_trimmed(r, arena_printf(&r->arena, "member-post-%d", i)),
                               form_get(r, arena_printf(&r->arena, "member-dept-%d", i))};
        if (!*m.name && !*m.role && !*m.post && !*m.dept)
            continue;
        const char *err = NULL;
        if (!*m.name)
            err = tr(r, M_BE_ERR_MEMBER_NAME);
        else if (!*m.role)
            err = tr(r, M_BE_ERR_MEMBER_ROLE);
        else if (strlen(m.name) > MODEL_MAX_TITLE || strlen(m.role) > MODEL_MAX_TITLE || strlen(m.post) > MODEL_MAX_TITLE)
            err = tr(r, M_ERR_TOO_LONG);
        else if (*m.dept && !dept_known(c, m.dept))
            err = tr(r, M_BE_ERR_DEPT);
        if (err && !f->e_members) {
            f->e_members = err;
            f->bad_member = (int)n;
        }
        f->members[n] = m;
        v[n++] = (struct body_member){.name = (char *)m.name, .role = (char *)m.role,
                                      .post = *m.post ? (char *)m.post : NULL, .department = *m.dept ? (char *)m.dept : NULL};
    }
    f->n_members = n;
    *ret = v;
    return !f->e_members;
}

/* Reads and checks the body form into f and p; false when a field is wrong (its error set). */
static bool read_body(struct req *r, const struct body_ctx *c, struct body_form *f, struct body_patch *p,
                      struct strlist *topics) {
    f->code = form_trimmed(r, "code");
    f->name = form_trimmed(r, "name");
    f->kind = form_get(r, "kind");
    f->description = form_get(r, "description");
    f->headcount = form_trimmed(r, "headcount");
    f->topics = form_get(r, "topics");
    f->abolished = req_form(r, "abolished") != NULL;
    if (!*f->code) f->e_code = tr(r, M_ERR_REQUIRED);
    else if (!model_code_valid(f->code, MODEL_MAX_DEPT_CODE)) f->e_code = tr(r, M_FORM_MACHINE_CODE);
    if (!*f->name) f->e_name = tr(r, M_ERR_REQUIRED);
    else if (strlen(f->name) > MODEL_MAX_TITLE) f->e_name = tr(r, M_ERR_TOO_LONG);
    if (!body_kind_valid(f->kind)) f->e_kind = tr(r, M_ERR_CHOICE);
    if (strlen(f->description) > MODEL_MAX_TEXT) f->e_description = tr(r, M_ERR_TOO_LONG);
    long headcount = 0;
    if (*f->headcount) {                     /* empty: not stated */
        char *end;
        headcount = strtol(f->headcount, &end, 10);
        if (*end || headcount < 1 || headcount > BODY_MAX_HEADCOUNT || !(*f->headcount >= '0' && *f->headcount <= '9'))
            f->e_headcount = arena_printf(&r->arena, tr(r, M_BE_ERR_HEADCOUNT), BODY_MAX_HEADCOUNT);
    }
    form_lines(r, f->topics, topics);
    for (size_t i = 0; i < topics->n && !f->e_topics; i++)
        if (strlen(topics->items[i]) > MODEL_MAX_TITLE)
            f->e_topics = tr(r, M_ERR_TOO_LONG);
    if (topics->n > MODEL_MAX_LIST) f->e_topics = tr(r, M_ERR_TOO_LONG);
    struct body_member *members;
    bool ok = read_members(r, c, f, &members);
    int position = 0;
    if (c->body.id) {
        f->position = form_trimmed(r, "position");
        char *end;
        long v = strtol(f->position, &end, 10);
        if (!*f->position || *end || v < 1 || v > (long)c->n_bodies)
            f->e_position = arena_printf(&r->arena, tr(r, M_BE_ERR_POSITION), (int)c->n_bodies);
        else
            position = (int)v - 1;
    }
    if (!ok || f->e_code || f->e_name || f->e_kind || f->e_description || f->e_headcount || f->e_topics || f->e_position)
        return false;
    *p = (struct body_patch){.code = f->code, .name = f->name, .kind = f->kind, .description = f->description,
                             .set_abolished = true, .abolished = f->abolished,
                             .set_headcount = true, .headcount = (int)headcount, .topics = topics,
                             .set_members = true, .members = members, .n_members = f->n_members};
    if (c->body.id && (size_t)position != c->index) {
        p->set_position = true;
        p->position = position;
    }
    return true;
}

/* Maps a refusal of the store onto the form; false for a failure that is not the input's. */
static bool body_store_fail(struct req *r, const struct body_ctx *c, int rc, const struct edit_fail *fail,
                            struct body_form *f) {
    unsigned row;
    if (rc != KW_EINVAL && rc != KW_ECONFLICT)
        return false;
    f->summary = "";
    if (rc == KW_ECONFLICT && strcmp(fail->field, "code") == 0) {
        f->e_code = tr(r, M_FORM_CODE_TAKEN);
    } else if (sscanf(fail->field, "members[%u]", &row) == 1) {
        f->e_members = tr(r, M_BE_ERR_DEPT);
        f->bad_member = (int)row;
    } else if (strcmp(fail->field, "position") == 0) {
        f->e_position = arena_printf(&r->arena, tr(r, M_BE_ERR_POSITION), (int)c->n_bodies);
    } else {
        f->summary = tr(r, M_FORM_NOT_SAVED);
    }
    return true;
}

/* The POST of either body form: read, check, store, redirect; or the form again with errors. */
static void body_post(struct req *r, struct body_ctx *c) {
    struct body_form f;
    fill_body(r, c, &f);
    if (req_parse_form(r) < 0) {
        f.summary = tr(r, M_ERR_BAD_FORM);
        render_body(r, c, &f);
        r->status = 400;
        return;
    }
    struct body_patch p;
    struct strlist topics;
    if (!read_body(r, c, &f, &p, &topics)) {
        f.summary = "";
        render_body(r, c, &f);
        r->status = 422;
        return;
    }
    struct edit_fail fail = {0};
    int64_t id = c->body.id;
    int rc;
    if (!id) {
        struct body b = {.code = (char *)p.code, .name = (char *)p.name, .kind = (char *)p.kind,
                         .description = *p.description ? (char *)p.description : NULL, .abolished = p.abolished,
                         .headcount = p.headcount, .topics = topics, .members = (struct body_member *)p.members, .n_members = p.n_members};
        rc = store_body_create(r->db, c->org.id, &b, STORE_LAST, req_actor(r), &id, &fail);
    } else {
        rc = store_body_update(r->db, id, &p, req_actor(r), &fail);
    }
    if (rc < 0) {
        if (!body_store_fail(r, c, rc, &fail, &f)) {
            resp_store_error(r, rc, NULL, "the body could not be saved");
            return;
        }
        render_body(r, c, &f);
        r->status = rc == KW_ECONFLICT ? 409 : 422;
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "/bodies/%lld", (long long)id));
}

/* GET /orgs/{code}/bodies/new */
void page_body_new(struct req *r) {
    struct body_ctx c;
    if (!load_new_body(r, &c))
        return;
    struct body_form f;
    fill_body(r, &c, &f);
    render_body(r, &c, &f);
}

/* POST /orgs/{code}/bodies/new */
void page_body_create(struct req *r) {
    struct body_ctx c;
    if (load_new_body(r, &c))
        body_post(r, &c);
}

/* GET /bodies/{id}/edit */
void page_body_edit(struct req *r) {
    struct body_ctx c;
    if (!load_body(r, &c))
        return;
    struct body_form f;
    fill_body(r, &c, &f);
    render_body(r, &c, &f);
}

/* POST /bodies/{id}/edit */
void page_body_update(struct req *r) {
    struct body_ctx c;
    if (load_body(r, &c))
        body_post(r, &c);
}

/* The delete step of a body: the question with its confirming button, or, for a body with
 * meetings (history), the refusal in words with the offer to abolish it instead. */
static void render_body_delete(struct req *r, const struct body_ctx *c, bool refused) {
    const char *org_href = arena_printf(&r->arena, "/orgs/%s", c->org.code);
    const char *bodies_href = arena_printf(&r->arena, "/orgs/%s/bodies", c->org.code);
    const char *body_href = arena_printf(&r->arena, "/bodies/%lld", (long long)c->body.id);
    const char *title = tr(r, M_BE_DELETE_BODY);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c->org.name, org_href}, {tr(r, M_BODIES), bodies_href},
                             {c->body.name, body_href}, {title, NULL}};
    page_begin(r, title, crumbs, 5, NULL);
    r->cacheable = false;
    html_printf(&r->out, "<h1>%s：%s", title, c->body.name);
    if (c->body.abolished)
        form_abolished_badge(r);
    html_printf(&r->out, "</h1>\n");
    html_printf(&r->out, "<form method=\"post\" action=\"/bodies/%D/delete\">\n", c->body.id);
    html_csrf_field(r);
    if (refused) {
        html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\" id=\"delete-refused\"><p>%s</p><p>%s</p></div>\n",
                    tr(r, M_FORM_HAS_HISTORY),
                    arena_printf(&r->arena, tr(r, M_BE_BODY_MEETINGS_N), (int)c->body.n_meetings));
        if (c->body.abolished)
            html_printf(&r->out, "<p>%s</p>\n<p class=\"button-row\">", tr(r, M_BE_ALREADY_ABOLISHED));
        else
            html_printf(&r->out, "<p class=\"hint\">%s</p>\n<p class=\"button-row\"><input type=\"hidden\" name=\"abolish\" "
                                 "value=\"1\"><button type=\"submit\">%s</button>",
                        tr(r, M_FORM_ABOLISHED_HINT), tr(r, M_BE_ABOLISH_INSTEAD));
    } else {
        html_printf(&r->out, "<p>%s</p>\n<p class=\"button-row\"><input type=\"hidden\" name=\"confirm\" value=\"1\">"
                             "<button type=\"submit\">%s</button>",
                    tr(r, M_BE_DELETE_BODY_Q), tr(r, M_BE_DELETE_BODY_YES));
    }
    html_printf(&r->out, " <a href=\"/bodies/%D/edit\">%s</a></p>\n</form>\n", c->body.id, tr(r, M_FORM_CANCEL));
    page_end(r);
}

/* POST /bodies/{id}/delete — without confirm=1 it asks; a body with meetings is refused and
 * abolish=1 abolishes it instead. */
void page_body_delete(struct req *r) {
    struct body_ctx c;
    if (!load_body(r, &c))
        return;
    if (req_parse_form(r) < 0) {
        render_body_delete(r, &c, c.body.n_meetings > 0);
        r->status = 400;
        return;
    }
    struct edit_fail fail = {0};
    int rc;
    if (req_form(r, "abolish")) {
        struct body_patch p = {.set_abolished = true, .abolished = true};
        rc = store_body_update(r->db, c.body.id, &p, req_actor(r), &fail);
        if (rc < 0) {
            resp_store_error(r, rc, NULL, NULL);
            return;
        }
        resp_redirect(r, arena_printf(&r->arena, "/bodies/%lld", (long long)c.body.id));
        return;
    }
    if (c.body.n_meetings > 0 || !req_form(r, "confirm")) {
        render_body_delete(r, &c, c.body.n_meetings > 0);
        if (c.body.n_meetings > 0)
            r->status = 409;
        return;
    }
    rc = store_body_delete(r->db, c.body.id, req_actor(r), &fail);
    if (rc == KW_ECONFLICT) {                /* history the page did not know of */
        render_body_delete(r, &c, true);
        r->status = 409;
        return;
    }
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "/orgs/%s/bodies", c.org.code));
}

/* ==== meetings ==== */

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
                                         ? arena_printf(&r->arena, "（%s）", tr(r, M_FORM_ABOLISHED_BADGE)) : ""),
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
        if (!err && strlen(m.note) > MODEL_MAX_TEXT)
            err = tr(r, M_ERR_TOO_LONG);
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
    if (!*f->title) f->e_title = tr(r, M_ERR_REQUIRED);
    else if (strlen(f->title) > MODEL_MAX_TITLE) f->e_title = tr(r, M_ERR_TOO_LONG);
    if (strlen(f->agenda) > MODEL_MAX_TEXT) f->e_agenda = tr(r, M_ERR_TOO_LONG);
    if (strlen(f->minutes) > MODEL_MAX_TEXT) f->e_minutes = tr(r, M_ERR_TOO_LONG);
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
