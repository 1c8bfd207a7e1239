/* The office's forms of the promotion organisation's bodies (推進体制, core/body.h; issue 12
 * point 2): a body's code, name, kind, description, headcount, topics (one per line), members as
 * rows (name or post, role, post, department), its place among the organisation's bodies and 廃止;
 * a body without meetings can be deleted, one with meetings (history) is abolished instead. Its
 * meetings' forms: page_meeting_edit.c.
 *
 * The checks are those of the API's writers (src/api/api_body.c); every save is one store call
 * (one transaction with its audit row), then a redirect to the body's page. The forms work
 * without JavaScript: member rows come with FORM_SPARE_ROWS empty rows, and assets/edit.js only
 * adds rows without a round trip. */
#include <stdio.h>
#include <stdlib.h>
#include "core/body.h"
#include "core/errors.h"
#include "http/session.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

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
                        d->abolished ? tr_paren(r, tr(r, M_FORM_ABOLISHED_BADGE)) : "");
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
        html_printf(&r->out, "<h1>%s%s%s", title, tr(r, M_P_COLON), c->body.name);
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
        else if (!(err = form_check(r, m.name, &field_label, true)) && !(err = form_check(r, m.role, &field_label, true)) &&
                 !(err = form_check(r, m.post, &field_label, false)) && *m.dept && !dept_known(c, m.dept))
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
    f->e_name = form_check(r, f->name, &field_label, true);
    if (!body_kind_valid(f->kind)) f->e_kind = tr(r, M_ERR_CHOICE);
    if (!f->e_description) f->e_description = form_check(r, f->description, &field_text, false);
    long headcount = 0;
    if (*f->headcount) {                     /* empty: not stated */
        char *end;
        headcount = strtol(f->headcount, &end, 10);
        if (*end || headcount < 1 || headcount > BODY_MAX_HEADCOUNT || !(*f->headcount >= '0' && *f->headcount <= '9'))
            f->e_headcount = arena_printf(&r->arena, tr(r, M_BE_ERR_HEADCOUNT), BODY_MAX_HEADCOUNT);
    }
    form_lines(r, f->topics, topics);
    f->e_topics = form_check_list(r, topics, &field_label);
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
    html_printf(&r->out, "<h1>%s%s%s", title, tr(r, M_P_COLON), c->body.name);
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
