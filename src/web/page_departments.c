/* The office's pages for an organisation's departments (部署, issue 12 point 2): the list as a
 * tree (each 部 with its 課 under it, their codes, contact e-mails, 廃止 badges and how many
 * measures each is in charge of) with a form to add one; the form that edits one department
 * (code, name, parent, contact e-mail, order among its siblings, 廃止); and deleting one, which
 * the store refuses while a measure names it or it has history — then the page says why in
 * words and offers 廃止 instead.
 *
 * Positions: the store keeps one order for all of an organisation's departments; the tree shows
 * each department's children in that order, so "the n-th under its parent" is turned here into
 * the place in the organisation's order just before the parent's present n-th child. */
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "core/notice.h"
#include "http/session.h"
#include "store/store.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

/* An organisation's departments as the pages need them. */
struct dept_ctx {
    struct org org;
    struct department *d;                 /* in the organisation's order */
    size_t n;
    int *parent;                          /* the index of each one's parent, -1: top-level */
    struct department_usage *use;         /* by index, like d (NULL members when unread) */
    const char *list_href;                /* /orgs/{code}/departments */
};

/* What a form shows and reads back, with its errors; summary NULL: no summary, "": only the
 * summary's heading. */
struct dept_form {
    const char *code, *name, *parent, *email, *position;
    bool abolished;
    const char *e_code, *e_name, *e_parent, *e_email, *e_position, *summary;
};

/* Why a delete was refused: the measures that name the department, and its history. */
struct delete_refusal {
    int64_t measures;
    struct history h;
};

static int index_of_code(const struct dept_ctx *c, const char *code) {
    for (size_t i = 0; code && i < c->n; i++)
        if (strcmp(c->d[i].code, code) == 0)
            return (int)i;
    return -1;
}

static int index_of_id(const struct dept_ctx *c, int64_t id) {
    for (size_t i = 0; i < c->n; i++)
        if (c->d[i].id == id)
            return (int)i;
    return -1;
}

/* Reads the organisation's departments, their parents and usage; 0 or the store's KW_E*. */
static int load_departments(struct req *r, struct dept_ctx *c) {
    struct department_usage *u;
    size_t nu;
    int rc = store_departments(r->db, &r->arena, c->org.id, &c->d, &c->n);
    if (rc == 0)
        rc = store_department_usage(r->db, &r->arena, c->org.id, &u, &nu);
    if (rc < 0)
        return rc;
    c->parent = arena_alloc(&r->arena, (c->n ? c->n : 1) * sizeof *c->parent);
    c->use = arena_alloc(&r->arena, (c->n ? c->n : 1) * sizeof *c->use);
    for (size_t i = 0; i < c->n; i++) {
        c->parent[i] = index_of_code(c, c->d[i].parent_code);
        c->use[i] = (struct department_usage){.id = c->d[i].id};
        for (size_t j = 0; j < nu; j++)
            if (u[j].id == c->d[i].id)
                c->use[i] = u[j];
    }
    c->list_href = arena_printf(&r->arena, "/orgs/%s/departments", c->org.code);
    return 0;
}

/* The organisation of the path's {code}; replies (404, the store's error) and returns false
 * when it fails. */
static bool load_org(struct req *r, struct dept_ctx *c) {
    memset(c, 0, sizeof *c);
    int rc = store_org_by_code(r->db, &r->arena, r->params[0], &c->org);
    if (rc == 0)
        rc = load_departments(r, c);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the departments could not be read");
        return false;
    }
    return true;
}

/* The path's department {id} with its organisation; *ret_self its index. */
static bool load_dept(struct req *r, struct dept_ctx *c, int *ret_self) {
    memset(c, 0, sizeof *c);
    int64_t id;
    struct location loc;
    if (!req_param_id(r, 0, &id))
        return false;
    int rc = store_locate(r->db, ENTITY_DEPARTMENT, id, &loc);
    if (rc == 0)
        rc = store_org_by_id(r->db, &r->arena, loc.org_id, &c->org);
    if (rc == 0)
        rc = load_departments(r, c);
    if (rc == 0 && (*ret_self = index_of_id(c, id)) < 0)
        rc = KW_ENOTFOUND;
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the department could not be read");
        return false;
    }
    return true;
}

/* ---- the tree */

static void visit(const struct dept_ctx *c, int i, int dep, int *order, int *depth, bool *seen, size_t *n) {
    seen[i] = true;
    order[*n] = i;
    depth[(*n)++] = dep;
    for (size_t j = 0; j < c->n; j++)
        if (!seen[j] && c->parent[j] == i)
            visit(c, (int)j, dep + 1, order, depth, seen, n);
}

/* The departments in tree order (each followed by those under it, in the organisation's
 * order), with their depths; allocated in r->arena. A department its parents never reach
 * (stored data with a cycle) is listed at the top level. */
static size_t tree_order(struct req *r, const struct dept_ctx *c, int **ret_order, int **ret_depth) {
    size_t size = c->n ? c->n : 1, n = 0;
    int *order = arena_alloc(&r->arena, size * sizeof *order);
    int *depth = arena_alloc(&r->arena, size * sizeof *depth);
    bool *seen = arena_alloc(&r->arena, size * sizeof *seen);
    memset(seen, 0, size * sizeof *seen);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < c->n; i++)
            if (!seen[i] && (pass == 1 || c->parent[i] < 0))
                visit(c, (int)i, 0, order, depth, seen, &n);
    *ret_order = order;
    *ret_depth = depth;
    return n;
}

/* "総務部 ／ 総務課": the department's name after its parents' (bounded against a cycle). */
static const char *path_label(struct req *r, const struct dept_ctx *c, int i) {
    const char *s = c->d[i].name;
    for (int p = c->parent[i], steps = 0; p >= 0 && steps < 8; p = c->parent[p], steps++)
        s = arena_printf(&r->arena, "%s%s%s", c->d[p].name, tr(r, M_P_SLASH), s);
    if (c->d[i].abolished)
        s = arena_printf(&r->arena, "%s%s", s, tr_paren(r, tr(r, M_FORM_ABOLISHED_BADGE)));
    return s;
}

static void tree_item(struct req *r, const struct dept_ctx *c, int i) {
    const struct department *d = &c->d[i];
    html_printf(&r->out, "<li id=\"dept-%D\"><a href=\"/departments/%D/edit\">%s</a>", d->id, d->id, d->name);
    if (d->abolished)
        form_abolished_badge(r);
    html_printf(&r->out, " <span class=\"small muted\"><span class=\"code\">%s</span>", d->code);
    if (c->use[i].email)
        html_printf(&r->out, "%s%s", tr(r, M_P_LIST), c->use[i].email);
    html_printf(&r->out, "%s", tr(r, M_P_LIST));
    html_printf(&r->out, tr(r, M_DE_MEASURES_N), c->use[i].measures);
    html_printf(&r->out, "</span>");
}

static void tree(struct req *r, const struct dept_ctx *c) {
    int *order, *depth;
    size_t n = tree_order(r, c, &order, &depth);
    html_printf(&r->out, "<ul class=\"plain dept-tree\" id=\"dept-tree\">\n");
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && depth[k] > depth[k - 1])
            html_printf(&r->out, "\n<ul>\n");
        else if (k > 0) {
            html_printf(&r->out, "</li>\n");
            for (int up = depth[k - 1]; up > depth[k]; up--)
                html_printf(&r->out, "</ul></li>\n");
        }
        tree_item(r, c, order[k]);
    }
    if (n) {
        html_printf(&r->out, "</li>\n");
        for (int up = depth[n - 1]; up > 0; up--)
            html_printf(&r->out, "</ul></li>\n");
    }
    html_printf(&r->out, "</ul>\n");
}

/* The parent select: "none", then the departments in tree order but self and (unless chosen)
 * the abolished ones. self -1: none left out. */
static void parent_select(struct req *r, const struct dept_ctx *c, int self, const struct dept_form *f) {
    int *order, *depth;
    size_t n = tree_order(r, c, &order, &depth);
    struct form_option *o = arena_alloc(&r->arena, (n + 1) * sizeof *o);
    size_t k = 0;
    o[k++] = (struct form_option){"", tr(r, M_DE_PARENT_NONE)};
    for (size_t j = 0; j < n; j++) {
        const struct department *d = &c->d[order[j]];
        if (order[j] == self || (d->abolished && !(f->parent && strcmp(f->parent, d->code) == 0)))
            continue;
        o[k++] = (struct form_option){d->code, path_label(r, c, order[j])};
    }
    form_select(r, "parent", tr(r, M_DE_PARENT), o, k, f->parent, f->e_parent, tr(r, M_DE_PARENT_HINT));
}

/* ---- the list and the form that adds one */

/* The notice of what the last POST did (?added=ID, ?saved=ID, ?deleted=1). */
static void done_notice(struct req *r, const struct dept_ctx *c) {
    const char *added = req_query(r, "added"), *saved = req_query(r, "saved");
    const char *which = added ? added : saved;
    if (which) {
        int i = index_of_id(c, strtoll(which, NULL, 10));
        if (i >= 0) {
            html_printf(&r->out, "<p class=\"notice\" role=\"status\" id=\"dept-done\">");
            html_printf(&r->out, tr(r, added ? M_DE_ADDED : M_DE_SAVED), c->d[i].name);
            html_printf(&r->out, "</p>\n");
        }
    } else if (req_query(r, "deleted")) {
        html_printf(&r->out, "<p class=\"notice\" role=\"status\" id=\"dept-done\">%s</p>\n", tr(r, M_FORM_DELETED));
    }
}

static void render_list(struct req *r, const struct dept_ctx *c, const struct dept_form *f) {
    char *org_href = arena_printf(&r->arena, "/orgs/%s", c->org.code);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c->org.name, org_href}, {tr(r, M_DEPARTMENTS), NULL}};
    page_begin(r, tr(r, M_DE_TITLE), crumbs, 3, NULL);
    r->cacheable = false;
    html_printf(&r->out, "<h1>%s</h1>\n<p class=\"muted\">%s</p>\n", tr(r, M_DE_TITLE), c->org.name);
    if (f->summary)
        form_error_summary(r, *f->summary ? f->summary : NULL);
    done_notice(r, c);
    html_printf(&r->out, "<p>%s</p>\n", tr(r, M_DE_INTRO));
    if (c->n)
        tree(r, c);
    else
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_DE_NONE));
    html_printf(&r->out, "<h2 class=\"form-part\" id=\"add\">%s</h2>\n"
                         "<form method=\"post\" action=\"%s\" class=\"form\" novalidate>\n",
                tr(r, M_DE_ADD), c->list_href);
    html_csrf_field(r);
    form_text(r, "code", tr(r, M_DE_CODE), f->code, f->e_code, tr(r, M_FORM_MACHINE_CODE));
    form_text(r, "name", tr(r, M_DE_NAME), f->name, f->e_name, tr(r, M_DE_NAME_HINT));
    parent_select(r, c, -1, f);
    form_buttons(r, tr(r, M_ADD), NULL, NULL);
    html_printf(&r->out, "</form>\n");
    page_end(r);
}

/* GET /orgs/{code}/departments */
void page_departments(struct req *r) {
    struct dept_ctx c;
    if (!load_org(r, &c))
        return;
    struct dept_form f = {.code = "", .name = "", .parent = ""};
    render_list(r, &c, &f);
}

/* Checks the fields both forms have: code, name and parent (a department of the organisation,
 * or "" for none). Returns false when one is wrong, its error set. */
static bool read_common(struct req *r, const struct dept_ctx *c, struct dept_form *f) {
    f->code = form_trimmed(r, "code");
    f->name = form_trimmed(r, "name");
    f->parent = form_get(r, "parent");
    if (!*f->code) f->e_code = tr(r, M_ERR_REQUIRED);
    else if (!model_code_valid(f->code, MODEL_MAX_DEPT_CODE)) f->e_code = tr(r, M_DE_CODE_BAD);
    f->e_name = form_check(r, f->name, &field_label, true);
    if (*f->parent && index_of_code(c, f->parent) < 0) f->e_parent = tr(r, M_ERR_CHOICE);
    return !f->e_code && !f->e_name && !f->e_parent;
}

/* Puts a store's refusal at its field; false when it names no field the form has. */
static bool store_fail_to_form(struct req *r, const struct dept_ctx *c, int rc, const struct edit_fail *fail,
                               struct dept_form *f) {
    if (rc == KW_ECONFLICT && strcmp(fail->field, "code") == 0)
        f->e_code = tr(r, M_FORM_CODE_TAKEN);
    else if (rc == KW_ECONFLICT && strcmp(fail->field, "name") == 0)
        f->e_name = tr(r, M_DE_NAME_TAKEN);
    else if (rc == KW_EINVAL && strcmp(fail->field, "parent") == 0) {
        int p = index_of_code(c, f->parent);
        f->e_parent = p < 0 ? tr(r, M_ERR_CHOICE) : arena_printf(&r->arena, tr(r, M_DE_PARENT_CYCLE), c->d[p].name);
    } else if (rc == KW_EINVAL && strcmp(fail->field, "email") == 0)
        f->e_email = tr(r, M_DE_EMAIL_BAD);
    else if (rc == KW_EINVAL && strcmp(fail->field, "position") == 0)
        f->e_position = tr(r, M_DE_POSITION_BAD);
    else
        return false;
    return true;
}

/* POST /orgs/{code}/departments */
void page_department_add(struct req *r) {
    struct dept_ctx c;
    if (!load_org(r, &c))
        return;
    struct dept_form f = {.code = "", .name = "", .parent = ""};
    if (req_parse_form(r) < 0) {
        f.summary = tr(r, M_ERR_BAD_FORM);
        render_list(r, &c, &f);
        r->status = 400;
        return;
    }
    int rc = KW_EINVAL;
    struct edit_fail fail = {0};
    int64_t id = 0;
    if (read_common(r, &c, &f)) {
        struct department d = {.code = (char *)f.code, .name = (char *)f.name,
                               .parent_code = *f.parent ? (char *)f.parent : NULL};
        rc = store_department_create(r->db, c.org.id, &d, STORE_LAST, req_actor(r), &id, &fail);
        if (rc == 0) {
            resp_redirect(r, arena_printf(&r->arena, "%s?added=%lld", c.list_href, (long long)id));
            return;
        }
        if (rc != KW_EINVAL && rc != KW_ECONFLICT) {
            resp_store_error(r, rc, NULL, "the department could not be added");
            return;
        }
        if (!store_fail_to_form(r, &c, rc, &fail, &f))
            f.summary = tr(r, M_FORM_NOT_SAVED);
    }
    if (!f.summary)
        f.summary = "";
    render_list(r, &c, &f);
    r->status = rc == KW_ECONFLICT ? 409 : 422;
}

/* ---- one department */

/* The 0-based place of department i among the departments under the same parent. */
static int sibling_index(const struct dept_ctx *c, int i) {
    int k = 0;
    for (int j = 0; j < i; j++)
        k += c->parent[j] == c->parent[i];
    return k;
}

/* The place in the organisation's order (0-based, self left out) that makes self the k-th
 * (0-based; past the end: last) under parent (an index, -1: top level); -1 when self has no
 * siblings there, so that its place does not matter. */
static int org_position(const struct dept_ctx *c, int self, int parent, int k) {
    int last = -1, seen = 0, at = 0;
    for (size_t j = 0; j < c->n; j++) {
        if ((int)j == self)
            continue;
        if (c->parent[j] == parent) {
            if (seen++ == k)
                return at;
            last = at;
        }
        at++;
    }
    return last < 0 ? -1 : last + 1;
}

static void delete_refusal_html(struct req *r, const struct dept_ctx *c, int self, const struct delete_refusal *why) {
    const struct department *d = &c->d[self];
    html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"delete-refused\">"
                         "<p>%s</p>\n<p>%s</p>\n<ul>\n",
                tr(r, history_any(&why->h) ? M_FORM_HAS_HISTORY : M_DE_IN_USE), tr(r, M_DE_WHY));
    const struct { int64_t n; enum msg m; } parts[] = {
        {why->measures, M_DE_WHY_MEASURES}, {why->h.notifications, M_DE_WHY_NOTIFICATIONS},
        {why->h.reporters, M_DE_WHY_REPORTERS},
    };
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        if (parts[i].n) {
            html_printf(&r->out, "<li>");
            html_printf(&r->out, tr(r, parts[i].m), parts[i].n);
            html_printf(&r->out, "</li>\n");
        }
    if (why->h.contacts)
        html_printf(&r->out, "<li>%s</li>\n", tr(r, M_DE_WHY_CONTACT));
    html_printf(&r->out, "</ul>\n");
    if (d->abolished) {
        html_printf(&r->out, "<p>%s</p></div>\n", tr(r, M_DE_ALREADY_ABOLISHED));
        return;
    }
    html_printf(&r->out, "<p>%s</p></div>\n<form method=\"post\" action=\"/departments/%D/edit\" id=\"abolish-form\">\n",
                tr(r, M_DE_ABOLISH_NOTE), d->id);
    html_csrf_field(r);
    html_printf(&r->out, "<input type=\"hidden\" name=\"action\" value=\"abolish\">\n"
                         "<p class=\"button-row\"><button type=\"submit\">%s</button></p>\n</form>\n",
                tr(r, M_FORM_ABOLISHED));
}

static void render_edit(struct req *r, const struct dept_ctx *c, int self, const struct dept_form *f,
                        const struct delete_refusal *refused) {
    const struct department *d = &c->d[self];
    char *org_href = arena_printf(&r->arena, "/orgs/%s", c->org.code);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c->org.name, org_href}, {tr(r, M_DEPARTMENTS), c->list_href},
                             {d->name, NULL}};
    page_begin(r, arena_printf(&r->arena, "%s%s", tr(r, M_DE_EDIT_TITLE), d->name), crumbs, 4, NULL);
    r->cacheable = false;
    html_printf(&r->out, "<h1>%s%s", tr(r, M_DE_EDIT_TITLE), d->name);
    if (d->abolished)
        form_abolished_badge(r);
    html_printf(&r->out, "</h1>\n<p class=\"muted\">%s%s", c->org.name, tr(r, M_P_LIST));
    html_printf(&r->out, tr(r, M_DE_MEASURES_N), c->use[self].measures);
    html_printf(&r->out, "</p>\n");
    if (refused)
        delete_refusal_html(r, c, self, refused);
    if (f->summary)
        form_error_summary(r, *f->summary ? f->summary : NULL);
    html_printf(&r->out, "<form method=\"post\" action=\"/departments/%D/edit\" class=\"form\" novalidate>\n", d->id);
    html_csrf_field(r);
    form_text(r, "code", tr(r, M_DE_CODE), f->code, f->e_code, tr(r, M_FORM_MACHINE_CODE));
    form_text(r, "name", tr(r, M_DE_NAME), f->name, f->e_name, NULL);
    parent_select(r, c, self, f);
    form_text(r, "email", tr(r, M_CONTACT_EMAIL), f->email, f->e_email, tr(r, M_DE_EMAIL_HINT));
    form_text(r, "position", tr(r, M_FORM_POSITION), f->position, f->e_position, tr(r, M_DE_POSITION_HINT));
    form_checkbox(r, "abolished", tr(r, M_FORM_ABOLISHED), f->abolished, tr(r, M_DE_ABOLISHED_HINT));
    form_buttons(r, tr(r, M_SAVE), c->list_href, tr(r, M_DE_BACK));
    html_printf(&r->out, "</form>\n");
    html_printf(&r->out, "<h2 class=\"form-part\">%s</h2>\n<p class=\"hint\">%s</p>\n"
                         "<form method=\"post\" action=\"/departments/%D/delete\" id=\"delete-form\">\n",
                tr(r, M_DE_DELETE_HEAD), tr(r, M_DE_DELETE_HINT), d->id);
    html_csrf_field(r);
    html_printf(&r->out, "<p class=\"button-row\"><button type=\"submit\" class=\"secondary\">%s</button></p>\n</form>\n",
                tr(r, M_DE_DELETE));
    page_end(r);
}

/* The form as the department is now. */
static void fill(struct req *r, const struct dept_ctx *c, int self, struct dept_form *f) {
    const struct department *d = &c->d[self];
    *f = (struct dept_form){
        .code = d->code, .name = d->name, .parent = d->parent_code ? d->parent_code : "",
        .email = c->use[self].email ? c->use[self].email : "",
        .position = arena_printf(&r->arena, "%d", sibling_index(c, self) + 1), .abolished = d->abolished,
    };
}

/* GET /departments/{id}/edit */
void page_department_edit(struct req *r) {
    struct dept_ctx c;
    int self;
    if (!load_dept(r, &c, &self))
        return;
    struct dept_form f;
    fill(r, &c, self, &f);
    render_edit(r, &c, self, &f, NULL);
}

/* Reads the edit form into f and p; false when a field is wrong (its error set). */
static bool read_edit(struct req *r, const struct dept_ctx *c, int self, struct dept_form *f,
                      struct department_patch *p, const char **email) {
    bool ok = read_common(r, c, f);
    f->email = form_trimmed(r, "email");
    f->position = form_trimmed(r, "position");
    f->abolished = req_form(r, "abolished") != NULL;
    if (*f->email && (strlen(f->email) > NOTICE_MAX_EMAIL || !notice_email_valid(f->email)))
        f->e_email = tr(r, M_DE_EMAIL_BAD);
    long k = 0;
    if (*f->position) {
        char *end;
        k = strtol(f->position, &end, 10);
        if (*end || k < 1 || strspn(f->position, "0123456789") != strlen(f->position))
            f->e_position = tr(r, M_DE_POSITION_BAD);
    }
    if (!ok || f->e_email || f->e_position)
        return false;
    *p = (struct department_patch){.code = f->code, .name = f->name, .parent = f->parent,
                                   .set_abolished = true, .abolished = f->abolished};
    int parent = index_of_code(c, f->parent);      /* -1: top level */
    int was = sibling_index(c, self);
    if (*f->position) {
        /* the stored number left as it was under a new parent: last there */
        if (parent != c->parent[self] && k == was + 1)
            k = (long)c->n + 1;
        if (k > (long)c->n + 1)
            k = (long)c->n + 1;
        int at = org_position(c, self, parent, (int)k - 1);
        if (at >= 0 && at != self) {
            p->set_position = true;
            p->position = at;
        }
    }
    const char *stored = c->use[self].email ? c->use[self].email : "";
    *email = strcmp(stored, f->email) != 0 ? f->email : NULL;   /* NULL: unchanged */
    return true;
}

/* POST /departments/{id}/edit (action=abolish: only 廃止, from a refused delete) */
void page_department_update(struct req *r) {
    struct dept_ctx c;
    int self;
    if (!load_dept(r, &c, &self))
        return;
    const struct department *d = &c.d[self];
    struct dept_form f;
    fill(r, &c, self, &f);
    if (req_parse_form(r) < 0) {
        f.summary = tr(r, M_ERR_BAD_FORM);
        render_edit(r, &c, self, &f, NULL);
        r->status = 400;
        return;
    }
    struct department_patch p = {0};
    const char *email = NULL;
    struct edit_fail fail = {0};
    int rc;
    const char *action = req_form(r, "action");
    if (action && strcmp(action, "abolish") == 0) {
        p = (struct department_patch){.set_abolished = true, .abolished = true};
        rc = store_department_update(r->db, d->id, &p, req_actor(r), &fail);
    } else if (!read_edit(r, &c, self, &f, &p, &email)) {
        f.summary = "";
        render_edit(r, &c, self, &f, NULL);
        r->status = 422;
        return;
    } else {
        rc = store_department_patch(r->db, d->id, &p, email, req_actor(r), &fail);
    }
    if (rc == 0) {
        resp_redirect(r, arena_printf(&r->arena, "%s?saved=%lld", c.list_href, (long long)d->id));
        return;
    }
    if (rc != KW_EINVAL && rc != KW_ECONFLICT) {
        resp_store_error(r, rc, NULL, "the department could not be saved");
        return;
    }
    if (!store_fail_to_form(r, &c, rc, &fail, &f))
        f.summary = tr(r, M_FORM_NOT_SAVED);
    if (!f.summary)
        f.summary = "";
    render_edit(r, &c, self, &f, NULL);
    r->status = rc == KW_ECONFLICT ? 409 : 422;
}

/* POST /departments/{id}/delete */
void page_department_delete(struct req *r) {
    struct dept_ctx c;
    int self;
    if (!load_dept(r, &c, &self))
        return;
    struct edit_fail fail = {0};
    int rc = store_department_delete(r->db, c.d[self].id, req_actor(r), &fail);
    if (rc == 0) {
        resp_redirect(r, arena_printf(&r->arena, "%s?deleted=1", c.list_href));
        return;
    }
    struct delete_refusal why = {.measures = c.use[self].measures};
    if (rc == KW_ECONFLICT)
        rc = store_history(r->db, ENTITY_DEPARTMENT, c.d[self].id, &why.h);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the department could not be deleted");
        return;
    }
    struct dept_form f;
    fill(r, &c, self, &f);
    render_edit(r, &c, self, &f, &why);
    r->status = 409;
}
