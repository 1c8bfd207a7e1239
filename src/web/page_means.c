/* The organisation's catalogue of means (手段, issue 14 point 2): /orgs/{code}/workload/means
 * shows members each means with its default expected reduction, the channels and step flags it
 * applies to in words, its note and how many steps it is applied to. The office edits each means
 * by its form (name, reduction 0–100, channels and flags as checkbox groups, note), deletes one
 * that no step uses, and adds one — plain forms with the CSRF field, answered 303 back to the
 * page with a notice; bad input: the page again with the field marked (422), nothing changed; a
 * delete of a means applied to a step: the page again saying so (409). The writes are
 * store_means.c's, the same as the API's (src/api/api_means.c). */
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "core/number.h"
#include "http/authz.h"
#include "http/session.h"
#include "store/store_means.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "web/workload_words.h"

/* The catalogue as the page shows it. */
struct means_ctx {
    struct org org;
    struct means *m;
    size_t n;
    int64_t *applied;                   /* steps each means is applied to, by index */
    const char *href;                   /* /orgs/{code}/workload/means */
};

/* A form sent back with its errors (id 0: the form that adds one), or a refused delete. */
struct means_form {
    int64_t id;
    const char *name, *reduction, *note;
    unsigned channels, flags;
    const char *e_name, *e_reduction, *e_note;
    const char *refusal;                /* a refused delete, in words */
};

static const char *prefix_of(struct req *r, int64_t id) {
    return id ? arena_printf(&r->arena, "m%lld", (long long)id) : "new";
}

static const char *fid(struct req *r, int64_t id, const char *field) {
    return arena_printf(&r->arena, "%s-%s", prefix_of(r, id), field);
}

static const char *pct_text(struct req *r, double v) {
    char s[48];
    format_number(s, sizeof s, v);
    return arena_strdup(&r->arena, s);
}

/* Loads the organisation org_id's catalogue; false after replying. */
static bool load(struct req *r, int64_t org_id, struct means_ctx *c) {
    memset(c, 0, sizeof *c);
    int rc = store_org_by_id(r->db, &r->arena, org_id, &c->org);
    if (rc == 0)
        rc = store_means_list(r->db, &r->arena, org_id, &c->m, &c->n);
    if (rc == 0)
        rc = store_means_applied(r->db, &r->arena, org_id, c->m, c->n, &c->applied);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the means could not be read");
        return false;
    }
    c->href = arena_printf(&r->arena, "/orgs/%s/workload/means", c->org.code);
    r->cacheable = false;
    return true;
}

static int index_of(const struct means_ctx *c, int64_t id) {
    for (size_t i = 0; i < c->n; i++)
        if (c->m[i].id == id)
            return (int)i;
    return -1;
}

/* ---- the page */

/* The channels or flags a means applies to, in words; "すべて" when it names none of either. */
static const char *bits_cell(struct req *r, const struct means *m, unsigned bits, const enum msg *msgs, int n) {
    if (!m->channels && !m->flags)
        return tr(r, M_MN_ANY);
    return *workload_words(r, bits, msgs, n) ? workload_words(r, bits, msgs, n) : "—";
}

static void table(struct req *r, const struct means_ctx *c) {
    html_table_scroll(r, tr(r, M_MN_TITLE));
    html_printf(&r->out, "<table class=\"grid\" id=\"means-table\"><thead><tr><th scope=\"col\">%s</th>"
                         "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>\n",
                tr(r, M_MX_MEANS), tr(r, M_MN_REDUCTION), tr(r, M_MN_CHANNELS), tr(r, M_MN_FLAGS), tr(r, M_INV_NOTE),
                tr(r, M_MN_APPLIED));
    for (size_t i = 0; i < c->n; i++) {
        const struct means *m = &c->m[i];
        html_printf(&r->out, "<tr id=\"row-%D\"><th scope=\"row\">%s</th><td class=\"num\">%s%%</td><td>%s</td><td>%s</td>"
                             "<td>%s</td><td class=\"num\">%d</td></tr>\n",
                    m->id, m->name, pct_text(r, m->reduction), bits_cell(r, m, m->channels, channel_msgs, CHANNEL_COUNT),
                    bits_cell(r, m, m->flags, flag_msgs, FLAG_COUNT), m->note ? m->note : "", (int)c->applied[i]);
    }
    html_printf(&r->out, "</tbody></table>\n</div>\n");
}

/* A group of checkboxes "<prefix>-<what>-<name>" in a fieldset. */
static void checks(struct req *r, int64_t id, const char *what, const char *legend, const char *const *names,
                   const enum msg *msgs, int n, unsigned bits) {
    html_printf(&r->out, "<fieldset class=\"field means-checks\"><legend>%s</legend>\n", legend);
    for (int i = 0; i < n; i++)
        form_checkbox(r, fid(r, id, arena_printf(&r->arena, "%s-%s", what, names[i])), tr(r, msgs[i]),
                      bits & (1u << i), NULL);
    html_printf(&r->out, "</fieldset>\n");
}

/* The fields of a means' form; f: as typed (with errors), or the means as stored. */
static void fields(struct req *r, int64_t id, const struct means_form *f) {
    form_text(r, fid(r, id, "name"), tr(r, M_MN_NAME), f->name, f->e_name, NULL);
    form_text(r, fid(r, id, "reduction"), tr(r, M_MX_REDUCTION), f->reduction, f->e_reduction, tr(r, M_MN_REDUCTION_HINT));
    checks(r, id, "ch", tr(r, M_MN_CHANNELS), channel_names, channel_msgs, CHANNEL_COUNT, f->channels);
    checks(r, id, "flag", tr(r, M_MN_FLAGS), flag_names, flag_msgs, FLAG_COUNT, f->flags);
    html_printf(&r->out, "<p class=\"hint\">%s</p>\n", tr(r, M_MN_BITS_HINT));
    form_textarea(r, fid(r, id, "note"), tr(r, M_INV_NOTE), f->note, f->e_note, NULL, 2);
}

static void stored_form(struct req *r, const struct means *m, struct means_form *ret) {
    *ret = (struct means_form){.id = m->id, .name = m->name, .reduction = pct_text(r, m->reduction),
                               .note = m->note ? m->note : "", .channels = m->channels, .flags = m->flags};
}

/* A means' edit and delete forms behind a summary, open when e (a failed form or a refused
 * delete) is its. */
static void edit_section(struct req *r, const struct means_ctx *c, size_t i, const struct means_form *e) {
    const struct means *m = &c->m[i];
    struct means_form stored;
    stored_form(r, m, &stored);
    const struct means_form *f = e && e->id == m->id && !e->refusal ? e : &stored;
    html_printf(&r->out, "<details class=\"inv-edit no-print\" id=\"means-%D\"%r><summary id=\"means-%D-h\">%s</summary>\n",
                m->id, e && e->id == m->id ? " open" : "", m->id, arena_printf(&r->arena, tr(r, M_INV_EDIT_OF), m->name));
    html_printf(&r->out, "<form method=\"post\" action=\"/means/%D/edit\" class=\"form\" novalidate>\n", m->id);
    html_csrf_field(r);
    fields(r, m->id, f);
    html_printf(&r->out, "<p><button type=\"submit\">%s</button></p>\n</form>\n", tr(r, M_MN_SAVE));
    html_printf(&r->out, "<form method=\"post\" action=\"/means/%D/delete\" class=\"form\">\n", m->id);
    html_csrf_field(r);
    html_printf(&r->out, "<p><button type=\"submit\" class=\"secondary\" aria-describedby=\"means-%D-h\">%s</button></p>\n"
                         "</form>\n</details>\n",
                m->id, tr(r, M_MN_DELETE));
}

/* The notice of what the last POST did (?added=ID, ?saved=ID, ?deleted=1). */
static void done_notice(struct req *r, const struct means_ctx *c) {
    const char *added = req_query(r, "added"), *saved = req_query(r, "saved");
    const char *which = added ? added : saved;
    int i = which ? index_of(c, strtoll(which, NULL, 10)) : -1;
    if (i >= 0) {
        html_printf(&r->out, "<p class=\"notice\" role=\"status\" id=\"means-done\">");
        html_printf(&r->out, tr(r, added ? M_MN_ADDED : M_MN_SAVED), c->m[i].name);
        html_printf(&r->out, "</p>\n");
    } else if (req_query(r, "deleted")) {
        html_printf(&r->out, "<p class=\"notice\" role=\"status\" id=\"means-done\">%s</p>\n", tr(r, M_FORM_DELETED));
    }
}

/* The whole page; e: the form that failed (or a refused delete), or NULL. */
static void render(struct req *r, const struct means_ctx *c, const struct means_form *e) {
    char *org_href = arena_printf(&r->arena, "/orgs/%s", c->org.code);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {c->org.name, org_href}, {tr(r, M_MN_TITLE), NULL}};
    page_begin(r, tr(r, M_MN_TITLE), crumbs, 3, NULL);
    bool office = authz_allows(r, PERM_OFFICE);
    html_printf(&r->out, "<h1>%s</h1>\n<p class=\"muted\">%s</p>\n<p>%s</p>\n", tr(r, M_MN_TITLE), c->org.name,
                tr(r, M_MN_INTRO));
    html_printf(&r->out, "<p class=\"no-print button-row\"><a href=\"/orgs/%u/workload\">%s</a>"
                         " <a href=\"/orgs/%u/workload/matrix\">%s</a></p>\n",
                c->org.code, tr(r, M_MX_TO_WORKLOAD), c->org.code, tr(r, M_WL_MATRIX));
    if (e)
        form_error_summary(r, e->refusal ? e->refusal : NULL);
    done_notice(r, c);
    if (c->n)
        table(r, c);
    else
        html_printf(&r->out, "<p id=\"no-means\">%s</p>\n", tr(r, M_MN_NONE));
    if (office) {
        if (c->n)
            html_printf(&r->out, "<h2 class=\"form-part no-print\">%s</h2>\n", tr(r, M_MN_EDIT_TITLE));
        for (size_t i = 0; i < c->n; i++)
            edit_section(r, c, i, e);
        struct means_form blank = {.name = "", .reduction = "", .note = ""};
        const struct means_form *f = e && e->id == 0 ? e : &blank;
        html_printf(&r->out, "<section class=\"no-print\" id=\"add\" aria-labelledby=\"add-h\">\n"
                             "<h2 class=\"form-part\" id=\"add-h\">%s</h2>\n"
                             "<form method=\"post\" action=\"%s\" class=\"form\" novalidate>\n",
                    tr(r, M_MN_ADD_TITLE), c->href);
        html_csrf_field(r);
        fields(r, 0, f);
        html_printf(&r->out, "<p><button type=\"submit\">%s</button></p>\n</form>\n</section>\n", tr(r, M_MN_ADD));
    }
    page_end(r);
}

/* GET /orgs/{code}/workload/means */
void page_means(struct req *r) {
    struct means_ctx c;
    if (load(r, r->target_org_id, &c))
        render(r, &c, NULL);
}

/* ---- the writes */

/* Reads the form of means id (0: the add form) into f and p; false when a field is wrong. */
static bool read_form(struct req *r, int64_t id, struct means_form *f, struct means_patch *p) {
    f->id = id;
    f->name = form_trimmed(r, fid(r, id, "name"));
    f->reduction = form_trimmed(r, fid(r, id, "reduction"));
    f->note = form_trimmed(r, fid(r, id, "note"));
    for (int i = 0; i < CHANNEL_COUNT; i++)
        if (*form_get(r, fid(r, id, arena_printf(&r->arena, "ch-%s", channel_names[i]))))
            f->channels |= 1u << i;
    for (int i = 0; i < FLAG_COUNT; i++)
        if (*form_get(r, fid(r, id, arena_printf(&r->arena, "flag-%s", flag_names[i]))))
            f->flags |= 1u << i;
    f->e_name = form_check(r, f->name, &field_label, true);
    f->e_note = form_check(r, f->note, &field_text, false);
    if (!*f->reduction)
        f->e_reduction = tr(r, M_ERR_REQUIRED);
    else if (number_parse(f->reduction, &p->reduction, NULL) < 0 || p->reduction < 0 || p->reduction > 100)
        f->e_reduction = tr(r, M_MX_ERR_REDUCTION);
    p->name = f->name;
    p->note = f->note;
    p->channels = f->channels;
    p->flags = f->flags;
    p->set_reduction = p->set_channels = p->set_flags = true;
    return !f->e_name && !f->e_reduction && !f->e_note;
}

/* Puts the store's refusal at its field; false when it names none of the form's. */
static bool store_refusal(struct req *r, int rc, const struct edit_fail *fail, struct means_form *f) {
    if (rc == KW_ECONFLICT && strcmp(fail->field, "name") == 0)
        f->e_name = tr(r, M_MN_NAME_TAKEN);
    else if (rc == KW_EINVAL && strcmp(fail->field, "reduction") == 0)
        f->e_reduction = tr(r, M_MX_ERR_REDUCTION);
    else if (rc == KW_EINVAL && strcmp(fail->field, "name") == 0)
        f->e_name = tr(r, M_ERR_REQUIRED);
    else
        return false;
    return true;
}

/* Answers a write: 303 to the page with its notice, the page again with the form marked (422,
 * 409 for a name in use), or the store's error. */
static void answer(struct req *r, const struct means_ctx *c, int rc, const struct edit_fail *fail, struct means_form *f,
                   const char *done) {
    if (rc == 0) {
        resp_redirect(r, arena_printf(&r->arena, "%s?%s#means-done", c->href, done));
        return;
    }
    if (rc != KW_EINVAL && rc != KW_ECONFLICT) {
        resp_store_error(r, rc, NULL, "the means could not be saved");
        return;
    }
    if (fail && !store_refusal(r, rc, fail, f))
        f->e_name = tr(r, M_FORM_NOT_SAVED);
    render(r, c, f);
    r->status = rc == KW_ECONFLICT ? 409 : 422;
}

/* POST /orgs/{code}/workload/means */
void page_means_add(struct req *r) {
    struct means_ctx c;
    if (req_parse_form(r) < 0 || !load(r, r->target_org_id, &c))
        return;
    struct means_form f = {0};
    struct means_patch p = {0};
    if (!read_form(r, 0, &f, &p)) {
        answer(r, &c, KW_EINVAL, NULL, &f, NULL);
        return;
    }
    struct means m = {.name = (char *)p.name, .note = *p.note ? (char *)p.note : NULL, .reduction = p.reduction,
                      .channels = p.channels, .flags = p.flags};
    struct edit_fail fail = {0};
    int64_t id = 0;
    int rc = store_means_create(r->db, c.org.id, &m, STORE_LAST, req_actor(r), &id, &fail);
    answer(r, &c, rc, &fail, &f, arena_printf(&r->arena, "added=%lld", (long long)id));
}

/* POST /means/{id}/edit */
void page_means_edit(struct req *r) {
    int64_t id;
    struct means_ctx c;
    if (!req_param_id(r, 0, &id) || req_parse_form(r) < 0 || !load(r, r->target_org_id, &c))
        return;
    struct means_form f = {0};
    struct means_patch p = {0};
    if (!read_form(r, id, &f, &p)) {
        answer(r, &c, KW_EINVAL, NULL, &f, NULL);
        return;
    }
    struct edit_fail fail = {0};
    int rc = store_means_update(r->db, id, &p, req_actor(r), &fail);
    answer(r, &c, rc, &fail, &f, arena_printf(&r->arena, "saved=%lld", (long long)id));
}

/* POST /means/{id}/delete */
void page_means_delete(struct req *r) {
    int64_t id;
    struct means_ctx c;
    if (!req_param_id(r, 0, &id) || req_parse_form(r) < 0 || !load(r, r->target_org_id, &c))
        return;
    struct edit_fail fail = {0};
    int rc = store_means_delete(r->db, id, req_actor(r), &fail);
    if (rc == 0) {
        resp_redirect(r, arena_printf(&r->arena, "%s?deleted=1#means-done", c.href));
        return;
    }
    int i = index_of(&c, id);
    if (rc != KW_ECONFLICT || i < 0) {
        resp_store_error(r, rc, NULL, "the means could not be deleted");
        return;
    }
    struct means_form f = {.id = id};
    f.refusal = arena_printf(&r->arena, tr(r, M_MN_IN_USE), c.m[i].name, (int)c.applied[i]);
    render(r, &c, &f);
    r->status = 409;
}
