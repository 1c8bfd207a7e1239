/* The administration page of users (/admin/users, admin only): every organisation's users with
 * their role, departments and state; the form that adds a user with a first password (which the
 * person changes with `kawaru user passwd` or is told by the administrator); a button that
 * disables a user and ends its sessions. Passwords are never shown; the store keeps only their
 * Argon2id hash (store_user.h). */
#include <string.h>
#include "core/errors.h"
#include "http/session.h"
#include "store/store.h"
#include "store/store_user.h"
#include "web/field_words.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "util/utf8.h"
#include "web/pages.h"

struct user_form {
    const char *org, *login, *name, *role;
    const char *depts[USER_MAX_DEPTS];      /* department codes of org */
    size_t ndepts;
    const char *err_org, *err_login, *err_name, *err_role, *err_depts, *err_password;
};

static const char *const roles[] = {"admin", "office", "reporter", "viewer"};

/* A text or password input of at most max bytes that the browser does not fill in. */
static void input(struct req *r, const char *id, const char *label, const char *type, const char *value, int max,
                  const char *hint, const char *err) {
    html_input_field(r, id, label, type, value, err, hint,
                     arena_printf(&r->arena, " maxlength=\"%d\" autocomplete=\"off\"", max));
}

static bool chosen_dept(const struct user_form *f, const char *org, const char *code) {
    if (!f->org || strcmp(f->org, org) != 0)
        return false;
    for (size_t i = 0; i < f->ndepts; i++)
        if (strcmp(f->depts[i], code) == 0)
            return true;
    return false;
}

static void create_form(struct req *r, const struct org *orgs, size_t n, const struct user_form *f) {
    html_printf(&r->out, "<section aria-labelledby=\"new-user\"><h2 id=\"new-user\">%s</h2>\n", tr(r, M_USR_NEW));
    if (f->err_org || f->err_login || f->err_name || f->err_role || f->err_depts || f->err_password)
        html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\"><p>%s</p></div>\n", tr(r, M_FORM_ERRORS));
    html_printf(&r->out, "<form method=\"post\" action=\"/admin/users\" class=\"form\" novalidate>\n");
    html_csrf_field(r);
    html_printf(&r->out, "<div class=\"field%r\"><label for=\"org\">%s</label>\n<select id=\"org\" name=\"org\"%r>\n",
                f->err_org ? " has-error" : "", tr(r, M_TOK_ORG), f->err_org ? " aria-invalid=\"true\" aria-describedby=\"org-error\"" : "");
    for (size_t i = 0; i < n; i++)
        html_printf(&r->out, "<option value=\"%s\"%r>%s%s</option>\n", orgs[i].code,
                    f->org && strcmp(f->org, orgs[i].code) == 0 ? " selected" : "", orgs[i].name, tr_paren(r, orgs[i].code));
    html_printf(&r->out, "</select>\n");
    html_field_error(r, "org", f->err_org);
    html_printf(&r->out, "</div>\n");
    input(r, "login", tr(r, M_LOGIN_ID), "text", f->login, USER_LOGIN_MAX, tr(r, M_USR_LOGIN_HINT), f->err_login);
    input(r, "name", tr(r, M_USR_NAME), "text", f->name, USER_NAME_MAX, NULL, f->err_name);
    html_printf(&r->out, "<fieldset class=\"field%r\"%r><legend>%s</legend>\n", f->err_role ? " has-error" : "",
                f->err_role ? " aria-describedby=\"role-error\"" : "", tr(r, M_USR_ROLE));
    for (size_t i = 0; i < 4; i++)
        html_printf(&r->out, "<div class=\"choice\"><input type=\"radio\" id=\"role-%s\" name=\"role\" value=\"%s\"%r>"
                             "<label for=\"role-%s\">%s</label></div>\n",
                    roles[i], roles[i], f->role && strcmp(f->role, roles[i]) == 0 ? " checked" : "", roles[i],
                    tr_role(r, roles[i]));
    html_field_error(r, "role", f->err_role);
    html_printf(&r->out, "</fieldset>\n");
    /* the departments of every organisation, grouped; those of another organisation than the
     * one chosen above are refused */
    html_printf(&r->out, "<div class=\"field%r\"><label for=\"depts\">%s</label>\n<p class=\"hint\" id=\"depts-hint\">%s</p>\n"
                         "<select id=\"depts\" name=\"dept\" multiple size=\"8\" aria-describedby=\"depts-hint%r\"%r>\n",
                f->err_depts ? " has-error" : "", tr(r, M_USR_DEPTS), tr(r, M_USR_DEPTS_HINT),
                f->err_depts ? " depts-error" : "", f->err_depts ? " aria-invalid=\"true\"" : "");
    for (size_t i = 0; i < n; i++) {
        struct department *d = NULL;
        size_t nd = 0;
        if (store_departments(r->db, &r->arena, orgs[i].id, &d, &nd) < 0 || nd == 0)
            continue;
        html_printf(&r->out, "<optgroup label=\"%s\">\n", orgs[i].name);
        for (size_t j = 0; j < nd; j++)
            html_printf(&r->out, "<option value=\"%s:%s\"%r>%s</option>\n", orgs[i].code, d[j].code,
                        chosen_dept(f, orgs[i].code, d[j].code) ? " selected" : "", d[j].name);
        html_printf(&r->out, "</optgroup>\n");
    }
    html_printf(&r->out, "</select>\n");
    html_field_error(r, "depts", f->err_depts);
    html_printf(&r->out, "</div>\n");
    input(r, "password", tr(r, M_USR_PASSWORD), "password", NULL, USER_PASSWORD_MAX, tr(r, M_USR_PASSWORD_HINT),
          f->err_password);
    html_printf(&r->out, "<p><button type=\"submit\">%s</button></p>\n</form>\n</section>\n", tr(r, M_USR_CREATE));
}

/* The names of a user's departments ("code1,code2") as the organisation calls them, separated
 * by 、; a code the organisation no longer has is shown as it is. */
static void dept_names(struct req *r, const char *codes, const struct department *d, size_t nd) {
    if (!codes || !*codes) {
        html_printf(&r->out, "—");
        return;
    }
    for (const char *c = codes; *c;) {
        size_t len = strcspn(c, ",");
        const char *name = NULL;
        for (size_t i = 0; i < nd && !name; i++)
            if (strlen(d[i].code) == len && strncmp(d[i].code, c, len) == 0)
                name = d[i].name;
        html_printf(&r->out, "%s%s", c == codes ? "" : tr(r, M_P_COMMA), name ? name : arena_strndup(&r->arena, c, len));
        c += len + (c[len] == ',');
    }
}

static void user_row(struct req *r, const struct user_row *u, const struct department *d, size_t nd) {
    html_printf(&r->out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>", u->login, u->display_name, tr_role(r, u->role));
    dept_names(r, u->dept_codes, d, nd);
    html_printf(&r->out, "</td><td>%s</td><td>", u->disabled ? tr(r, M_USR_DISABLED) : tr(r, M_TOK_LIVE));
    if (!u->disabled && !(r->user && strcmp(r->user->login, u->login) == 0)) {
        html_printf(&r->out, "<form method=\"post\" action=\"/admin/users/%D/disable\">", u->id);
        html_csrf_field(r);
        html_printf(&r->out, "<button type=\"submit\" class=\"secondary\" aria-label=\"%s %s\">%s</button></form>",
                    u->login, tr(r, M_USR_DISABLE), tr(r, M_USR_DISABLE));
    }
    html_printf(&r->out, "</td></tr>\n");
}

static void org_users(struct req *r, const struct org *o, const struct user_row *v, size_t n) {
    html_printf(&r->out, "<section aria-labelledby=\"org-%s\"><h2 id=\"org-%s\">%s%s</h2>\n", o->code, o->code,
                o->name, tr_paren(r, o->code));
    size_t shown = 0, nd = 0;
    struct department *d = NULL;
    if (store_departments(r->db, &r->arena, o->id, &d, &nd) < 0)
        nd = 0;                                   /* not read: the codes */
    for (size_t i = 0; i < n; i++) {
        if (v[i].org_id != o->id)
            continue;
        if (shown++ == 0) {
            html_table_scroll(r, arena_printf(&r->arena, "%s %s", tr(r, M_USR_TITLE), o->name));
            html_printf(&r->out, "<table class=\"grid\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                                 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                                 "<th scope=\"col\">%s</th></tr></thead><tbody>\n",
                        tr(r, M_LOGIN_ID), tr(r, M_USR_NAME), tr(r, M_USR_ROLE), tr(r, M_USR_DEPTS), tr(r, M_TOK_STATE),
                        tr(r, M_TOK_ACTIONS));
        }
        user_row(r, &v[i], d, nd);
    }
    if (shown)
        html_printf(&r->out, "</tbody></table></div>\n");
    else
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_USR_NONE));
    html_printf(&r->out, "</section>\n");
}

static void render(struct req *r, const struct user_form *f, int status, const char *done) {
    struct org *orgs = NULL;
    struct user_row *users = NULL;
    size_t n_orgs = 0, n_users = 0;
    int rc = store_org_list(r->db, &r->arena, &orgs, &n_orgs);
    if (rc == 0)
        rc = store_user_list(r->db, &r->arena, 0, &users, &n_users);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the users could not be read");
        return;
    }
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {tr(r, M_USR_TITLE), NULL}};
    page_begin(r, tr(r, M_USR_TITLE), crumbs, 2, NULL);
    html_printf(&r->out, "<h1>%s</h1>\n<p>%s</p>\n", tr(r, M_USR_TITLE), tr(r, M_USR_INTRO));
    if (done)
        html_printf(&r->out, "<div class=\"notice\" role=\"status\"><p>%s</p></div>\n", done);
    for (size_t i = 0; i < n_orgs; i++)
        org_users(r, &orgs[i], users, n_users);
    create_form(r, orgs, n_orgs, f);
    page_end(r);
    r->status = status;
    r->cacheable = false;
}

/* GET /admin/users */
void page_users(struct req *r) {
    struct user_form f = {0};
    const char *done = req_query(r, "added") ? tr(r, M_USR_ADDED) : req_query(r, "disabled") ? tr(r, M_USR_DISABLED_NOTE) : NULL;
    render(r, &f, 200, done);
}

/* Reads and checks the form; false with the field errors set in f. */
static bool read_form(struct req *r, struct user_form *f, struct org *org, const char **password) {
    if (req_parse_form(r) < 0) {
        f->err_login = tr(r, M_ERR_BAD_FORM);
        return false;
    }
    f->org = req_form(r, "org");
    f->login = req_form(r, "login");
    f->name = req_form(r, "name");
    f->role = req_form(r, "role");
    *password = req_form(r, "password");
    if (!f->org || store_org_by_code(r->db, &r->arena, f->org, org) < 0)
        f->err_org = tr(r, M_ERR_CHOICE);
    if (!f->login || !user_login_valid(f->login))
        f->err_login = tr(r, M_USR_LOGIN_HINT);
    f->err_name = form_check(r, f->name, FIELD_LINE(USER_NAME_MAX), true);
    if (!f->role || !user_role_valid(f->role))
        f->err_role = tr(r, M_ERR_CHOICE);
    size_t plen = *password ? strlen(*password) : 0;
    if (plen < USER_PASSWORD_MIN || plen > USER_PASSWORD_MAX)
        f->err_password = tr(r, M_USR_PASSWORD_HINT);
    for (int i = 0; i < r->nform; i++) {
        if (strcmp(r->form[i].key, "dept") != 0)
            continue;
        const char *colon = strchr(r->form[i].value, ':');
        if (f->ndepts == USER_MAX_DEPTS || !colon || !f->org || strncmp(r->form[i].value, f->org, strlen(f->org)) != 0 ||
            (size_t)(colon - r->form[i].value) != strlen(f->org)) {
            f->err_depts = tr(r, M_USR_DEPTS_OTHER_ORG);
            continue;
        }
        f->depts[f->ndepts++] = colon + 1;
    }
    if (!f->err_role && strcmp(f->role, "reporter") == 0 && f->ndepts == 0 && !f->err_depts)
        f->err_depts = tr(r, M_USR_DEPTS_REQUIRED);
    return !f->err_org && !f->err_login && !f->err_name && !f->err_role && !f->err_depts && !f->err_password;
}

/* POST /admin/users */
void page_user_create(struct req *r) {
    struct user_form f = {0};
    struct org org;
    const char *password = NULL;
    if (!read_form(r, &f, &org, &password)) {
        render(r, &f, 422, NULL);
        return;
    }
    int64_t id;
    struct edit_fail fail = {0};
    int rc = store_user_add(r->db, org.id, f.login, f.name, f.role, f.depts, f.ndepts, password, req_actor(r), &id, &fail);
    if (rc == KW_ECONFLICT || rc == KW_EINVAL || rc == KW_ENOTFOUND) {
        if (rc == KW_ECONFLICT)
            f.err_login = tr(r, M_USR_LOGIN_TAKEN);
        else if (strcmp(fail.field, "department") == 0 || rc == KW_ENOTFOUND)
            f.err_depts = tr(r, M_USR_DEPTS_OTHER_ORG);
        else if (strcmp(fail.field, "password") == 0)
            f.err_password = tr(r, M_USR_PASSWORD_HINT);
        else if (strcmp(fail.field, "name") == 0)
            f.err_name = tr(r, M_ERR_BAD_FORM);
        else
            f.err_login = tr(r, M_ERR_BAD_FORM);
        render(r, &f, rc == KW_ECONFLICT ? 409 : 422, NULL);
        return;
    }
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    resp_redirect(r, "/admin/users?added=1");
}

/* POST /admin/users/{id}/disable */
void page_user_disable(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id)) {
        page_not_found(r);
        return;
    }
    struct user_row *users = NULL;
    size_t n = 0;
    const char *login = NULL;
    int rc = store_user_list(r->db, &r->arena, 0, &users, &n);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (users[i].id == id)
            login = users[i].login;
    if (rc == 0 && !login)
        rc = KW_ENOTFOUND;
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the user could not be read");
        return;
    }
    if (r->user && strcmp(r->user->login, login) == 0) {     /* the last admin must not lock everyone out */
        struct user_form f = {0};
        render(r, &f, 409, tr(r, M_USR_NOT_SELF));
        return;
    }
    rc = store_user_disable(r->db, login, req_actor(r));
    if (rc < 0 && rc != KW_ECONFLICT)             /* disabled already: nothing to do */
        resp_store_error(r, rc, NULL, "the user could not be disabled");
    else
        resp_redirect(r, "/admin/users?disabled=1");
}
