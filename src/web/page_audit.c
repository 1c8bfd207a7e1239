/* The audit log as pages: /audit (the office's view of every write, filtered by entity, id, user
 * and dates with a plain GET form) and /measures/{id}/history (one measure with its KPIs,
 * measurements and reviews). Each entry shows when (Japan time, web/when.c), who, what, and only
 * the fields that changed, before and after, in words (web/field_words.c: labels, states, ratings
 * on the plan's scale, departments by name; a list as the items added and removed, never JSON);
 * a created or deleted entity is shown whole. The filter's
 * rules are audit_filter_parse's, the same as the API's; its dates are read in Japan time. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "store/store.h"
#include "store/store_scope.h"
#include "web/field_words.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "web/when.h"

/* ---- before and after */

/* A snapshot as a JSON object (caller decrefs), or NULL when there is none or it is not one. */
static json_t *snapshot_object(const char *json) {
    json_t *v = json ? json_loads(json, 0, NULL) : NULL;
    if (v && !json_is_object(v)) {
        json_decref(v);
        v = NULL;
    }
    return v;
}

/* What a page's entries are read with: the rating scale of the plan of the last review shown and
 * the departments of the last organisation, each read again only when it changes. */
struct scales {
    int64_t measure_id, plan_id;      /* the last measure asked about and its plan */
    struct rating_level *scale;
    size_t n;
    int64_t org_id;                   /* the organisation of depts */
    struct department *depts;
    size_t n_depts;
};

struct diff { struct req *r; struct scales *scales; struct field_words w; int rows; };

/* The organisation an entry belongs to: its snapshot's org_id, or a measure's. 0 if unknown. */
static int64_t org_of(struct diff *d, const struct audit_entry *e, json_t *snap) {
    json_t *org = json_object_get(snap, "org_id");
    if (json_is_integer(org))
        return json_integer_value(org);
    struct scope sc;
    if (strcmp(e->entity, "measure") == 0 && e->entity_id &&
        store_scope(d->r->db, SCOPE_MEASURE, arena_printf(&d->r->arena, "%lld", (long long)e->entity_id), &sc) == 0)
        return sc.org_id;
    return 0;
}

/* Sets d->w's scale (for a review snapshot's rating: the plan of its measure) and departments
 * (for codes of departments: those of the entry's organisation). */
static void words_of(struct diff *d, const struct audit_entry *e, json_t *before, json_t *after) {
    json_t *snap = after ? after : before;
    struct scales *s = d->scales;
    json_t *m = json_object_get(snap, "measure_id");
    if (json_is_integer(m) && json_object_get(snap, "rating") && json_integer_value(m) != s->measure_id) {
        struct row_key k;
        s->measure_id = json_integer_value(m);
        if (store_row_key(d->r->db, &d->r->arena, "measures", s->measure_id, &k) == 0 && k.plan_id != s->plan_id) {
            s->plan_id = k.plan_id;
            if (store_rating_scale(d->r->db, &d->r->arena, k.plan_id, &s->scale, &s->n) < 0)
                s->n = 0;
        }
    }
    if (json_object_get(snap, "departments") || json_object_get(snap, "parent")) {
        int64_t org_id = org_of(d, e, snap);
        if (org_id && org_id != s->org_id) {
            s->org_id = org_id;
            if (store_departments(d->r->db, &d->r->arena, org_id, &s->depts, &s->n_depts) < 0)
                s->n_depts = 0;
        }
        if (org_id == s->org_id) {
            d->w.depts = s->depts;
            d->w.n_depts = s->n_depts;
        }
    }
    if (json_object_get(snap, "rating")) {
        d->w.scale = s->scale;
        d->w.n_scale = s->n;
    }
}

/* One field's row: its label, and its value before and after; a list's change (the items
 * added and removed) across both columns. */
static void change_row(struct diff *d, const char *key, json_t *before, json_t *after) {
    struct req *r = d->r;
    if (d->rows++ == 0)
        html_printf(&r->out, "<table class=\"grid diff\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th></tr></thead><tbody>", tr(r, M_FIELD), tr(r, M_BEFORE), tr(r, M_AFTER));
    html_printf(&r->out, "<tr><th scope=\"row\">%s</th>", tr_field(r, key));
    if (field_is_list(before, after) && before && after) {
        html_printf(&r->out, "<td colspan=\"2\">");
        html_list_change(&d->w, key, before, after);
    } else {
        html_printf(&r->out, "<td>");
        html_field_value(&d->w, key, before);
        html_printf(&r->out, "</td><td>");
        html_field_value(&d->w, key, after);
    }
    html_printf(&r->out, "</td></tr>");
}

/* The fields of an entry: those whose values differ, or every one of a created or deleted
 * entity (one side missing). Keys in the order of the snapshot after, then those only before. */
static void changes_cell(struct req *r, struct scales *scales, const struct audit_entry *e) {
    json_t *before = snapshot_object(e->before_json), *after = snapshot_object(e->after_json);
    struct diff d = {r, scales, {r, NULL, 0, NULL, 0}, 0};
    if ((e->before_json && !before) || (e->after_json && !after)) {     /* not objects: the entity's value */
        json_t *b = e->before_json ? json_loads(e->before_json, JSON_DECODE_ANY, NULL) : NULL;
        json_t *a = e->after_json ? json_loads(e->after_json, JSON_DECODE_ANY, NULL) : NULL;
        change_row(&d, e->entity, b, a);
        html_printf(&r->out, "</tbody></table>");
        json_decref(b);
        json_decref(a);
    } else {
        bool whole = !before || !after;
        words_of(&d, e, before, after);
        const char *key;
        json_t *v;
        json_object_foreach(after, key, v) {
            json_t *old = before ? json_object_get(before, key) : NULL;
            if (whole || !json_equal(old, v))
                change_row(&d, key, old, v);
        }
        json_object_foreach(before, key, v)
            if (!after || !json_object_get(after, key))
                change_row(&d, key, v, NULL);
        if (d.rows)
            html_printf(&r->out, "</tbody></table>");
        else
            html_printf(&r->out, "<span class=\"muted\">%s</span>", tr(r, M_NO_FIELD_CHANGED));
    }
    json_decref(before);
    json_decref(after);
}

/* ---- the table and its pages */

static void entries_table(struct req *r, const struct audit_page *p, const char *caption) {
    struct scales scales = {0};
    html_table_scroll(r, caption);
    html_printf(&r->out, "<table class=\"grid audit\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
                tr(r, M_TIME_JST), tr(r, M_USER), tr(r, M_ENTITY), tr(r, M_ACTION), tr(r, M_CHANGES));
    for (size_t i = 0; i < p->n; i++) {
        const struct audit_entry *e = &p->items[i];
        html_printf(&r->out, "<tr><td>");
        html_when(r, e->at);
        html_printf(&r->out, "</td><td>%s <span class=\"muted small\">%s</span></td><td>%s", e->actor,
                    tr_paren(r, tr_via(r, e->via)), tr_entity(r, e->entity));
        if (e->entity_id)
            html_printf(&r->out, " <span class=\"muted\">#%D</span>", e->entity_id);
        html_printf(&r->out, "</td><td>%s</td><td>", tr_action(r, e->action));
        changes_cell(r, &scales, e);
        html_printf(&r->out, "</td></tr>\n");
    }
    html_printf(&r->out, "</tbody></table></div>\n");
}

/* "N entries; showing a–b", the table, and links to newer and older pages: href is the page's
 * address with its filters, to which "offset=" is added. */
static void entries_section(struct req *r, const struct audit_page *p, int64_t offset, const char *href,
                            const char *caption) {
    if (!p->n) {
        html_printf(&r->out, "<p role=\"status\">%s</p>\n", tr(r, M_NO_ENTRIES));
    } else {
        html_printf(&r->out, "<p role=\"status\">");
        html_printf(&r->out, tr(r, M_ENTRIES_RANGE), p->total, offset + 1, offset + (int64_t)p->n);
        html_printf(&r->out, "</p>\n");
        entries_table(r, p, caption);
    }
    html_pager(r, href, offset, p->n, p->total, AUDIT_LIMIT_DEFAULT, tr(r, M_NEWER), tr(r, M_OLDER));
}

/* ---- /audit */

struct audit_form {
    struct audit_params p;
    const char *err_field;            /* the parameter audit_filter_parse blamed, or NULL */
};

static const char *form_error(struct req *r, const struct audit_form *f, const char *field) {
    static const struct { const char *field; enum msg m; } messages[] = {
        {"entity", M_ERR_CHOICE}, {"id", M_ERR_ID}, {"user", M_ERR_TOO_LONG}, {"from", M_ERR_DATE}, {"to", M_ERR_DATE},
    };
    if (!f->err_field || strcmp(f->err_field, field) != 0)
        return NULL;
    for (size_t i = 0; i < sizeof messages / sizeof *messages; i++)
        if (strcmp(messages[i].field, field) == 0)
            return tr(r, messages[i].m);
    return NULL;
}

/* An input of the filter form: id "audit-<name>", described by its hint and its error. */
static void input_field(struct req *r, const struct audit_form *f, const char *name, const char *label,
                        const char *type, const char *value, const char *hint_id, const char *extra) {
    const char *err = form_error(r, f, name);
    html_printf(&r->out, "<div class=\"field%r\">\n<label for=\"audit-%s\">%s</label>\n", err ? " has-error" : "", name, label);
    html_printf(&r->out, "<input id=\"audit-%s\" name=\"%s\" type=\"%s\" value=\"%s\"%r", name, name, type,
                value ? value : "", extra);
    if (hint_id || err)
        html_printf(&r->out, " aria-describedby=\"%s%r%r\"", hint_id ? hint_id : "", hint_id && err ? " " : "",
                    err ? arena_printf(&r->arena, "audit-%s-error", name) : "");
    html_printf(&r->out, "%r>\n", err ? " aria-invalid=\"true\"" : "");
    html_field_error(r, arena_printf(&r->arena, "audit-%s", name), err);
    html_printf(&r->out, "</div>\n");
}

static void entity_select(struct req *r, const struct audit_form *f) {
    char **names = NULL;
    size_t n = 0;
    store_audit_entities(r->db, &r->arena, &names, &n);       /* on failure: only "all" */
    const char *current = f->p.entity ? f->p.entity : "";
    const char *err = form_error(r, f, "entity");
    html_printf(&r->out, "<div class=\"field%r\">\n<label for=\"audit-entity\">%s</label>\n"
                         "<select id=\"audit-entity\" name=\"entity\"%r>\n<option value=\"\">%s</option>\n",
                err ? " has-error" : "", tr(r, M_ENTITY),
                err ? " aria-describedby=\"audit-entity-error\" aria-invalid=\"true\"" : "", tr(r, M_ALL));
    bool listed = !*current;
    for (size_t i = 0; i < n; i++) {
        bool selected = strcmp(names[i], current) == 0;
        listed |= selected;
        html_printf(&r->out, "<option value=\"%s\"%r>%s</option>\n", names[i], selected ? " selected" : "",
                    tr_entity(r, names[i]));
    }
    if (!listed)                                              /* asked for, but not in the log */
        html_printf(&r->out, "<option value=\"%s\" selected>%s</option>\n", current, tr_entity(r, current));
    html_printf(&r->out, "</select>\n");
    html_field_error(r, "audit-entity", err);
    html_printf(&r->out, "</div>\n");
}

static void filter_form(struct req *r, const struct audit_form *f) {
    html_printf(&r->out, "<section aria-labelledby=\"filter\" class=\"no-print\"><h2 id=\"filter\">%s</h2>\n", tr(r, M_FILTER));
    if (f->err_field)
        html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\"><p>%s</p></div>\n", tr(r, M_FORM_ERRORS));
    html_printf(&r->out, "<p class=\"hint\" id=\"audit-dates-hint\">%s</p>\n"
                         "<form method=\"get\" action=\"/audit\" class=\"form inline-form\">\n", tr(r, M_DATES_HINT));
    entity_select(r, f);
    input_field(r, f, "id", tr(r, M_ENTITY_ID), "text", f->p.id, NULL, " inputmode=\"numeric\"");
    input_field(r, f, "user", tr(r, M_USER), "text", f->p.user, NULL, "");
    input_field(r, f, "from", tr(r, M_FROM_DATE), "date", f->p.from, "audit-dates-hint", "");
    input_field(r, f, "to", tr(r, M_TO_DATE), "date", f->p.to, "audit-dates-hint", "");
    html_printf(&r->out, "<p><button type=\"submit\">%s</button></p>\n</form>\n</section>\n", tr(r, M_FILTER_APPLY));
}

/* "/audit?entity=kpi&from=2025-04-01": the page with the filters that are set. */
static const char *filter_href(struct req *r, const struct audit_params *p) {
    const char *keys[] = {"entity", "id", "user", "from", "to"};
    const char *values[] = {p->entity, p->id, p->user, p->from, p->to};
    struct buf b = BUF_INIT;
    buf_puts(&b, "/audit");
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        if (!values[i] || !*values[i])
            continue;
        buf_putc(&b, b.len > 6 ? '&' : '?');
        buf_puts(&b, keys[i]);
        buf_putc(&b, '=');
        url_escape(&b, values[i]);
    }
    char *s = arena_strdup(&r->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* GET /audit */
void page_audit(struct req *r) {
    struct audit_form f = {.p = {req_query(r, "entity"), req_query(r, "id"), req_query(r, "user"), req_query(r, "from"),
                                 req_query(r, "to"), NULL, req_query(r, "offset")}};
    struct audit_filter filter = {0};
    const char *message;
    struct audit_page page = {0};
    int rc = audit_filter_parse(&f.p, &filter, &f.err_field, &message);
    if (rc == 0) {
        filter.utc_offset_minutes = WHEN_UTC_OFFSET;
        rc = store_audit_query(r->db, &r->arena, &filter, &page);
        if (rc < 0 && rc != KW_EINVAL) {
            resp_store_error(r, rc, NULL, "the audit log could not be read");
            return;
        }
    }
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {tr(r, M_AUDIT), NULL}};
    page_begin(r, tr(r, M_AUDIT), crumbs, 2, NULL);
    r->cacheable = false;                   /* the office's view: never shared through the cache */
    html_printf(&r->out, "<h1>%s</h1>\n<p>%s</p>\n", tr(r, M_AUDIT), tr(r, M_AUDIT_INTRO));
    filter_form(r, &f);
    if (rc == 0)
        entries_section(r, &page, filter.offset, filter_href(r, &f.p), tr(r, M_AUDIT));
    else
        r->status = 400;
    html_printf(&r->out, "<p class=\"small\"><a href=\"%s\">%s</a></p>\n",
                arena_printf(&r->arena, "/api/v1%s", filter_href(r, &f.p)), tr(r, M_VIEW_API));
    page_end(r);
}

/* ---- /measures/{id}/history */

/* GET /measures/{id}/history */
void page_measure_history(struct req *r) {
    int64_t id;
    struct measure m;
    struct measure_ref ref;
    if (!req_param_id(r, 0, &id) || store_measure_load(r->db, &r->arena, id, &m, &ref) < 0) {
        buf_reset(&r->out);
        page_not_found(r);
        return;
    }
    struct audit_params p = {.offset = req_query(r, "offset")};
    struct audit_filter filter = {0};
    const char *field, *message;
    if (audit_filter_parse(&p, &filter, &field, &message) < 0)
        filter.offset = 0;                  /* a bad page number: the first page */
    struct audit_page page;
    int rc = store_audit_measure_history(r->db, &r->arena, id, 0, filter.offset, &page);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the history could not be read");
        return;
    }
    char *org_href = arena_printf(&r->arena, "/orgs/%s", ref.org_code);
    char *plan_href = arena_printf(&r->arena, "/plans/%lld", (long long)ref.plan_id);
    char *m_href = arena_printf(&r->arena, "/measures/%lld", (long long)id);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {ref.org_name, org_href}, {ref.plan_title, plan_href},
                             {m.title, m_href}, {tr(r, M_HISTORY), NULL}};
    page_begin(r, arena_printf(&r->arena, "%s%s %s", tr(r, M_HISTORY_TITLE), m.code, m.title), crumbs, 5, NULL);
    r->cacheable = false;
    html_printf(&r->out, "<h1>%s<span class=\"code\">%s</span> %s</h1>\n<p>%s</p>\n", tr(r, M_HISTORY_TITLE), m.code,
                m.title, tr(r, M_HISTORY_INTRO));
    entries_section(r, &page, filter.offset, arena_printf(&r->arena, "/measures/%lld/history", (long long)id),
                    tr(r, M_HISTORY));
    html_printf(&r->out, "<p class=\"small\"><a href=\"%s\">%s %s</a>%s<a href=\"/api/v1/measures/%D/history\">%s</a></p>\n",
                m_href, m.code, m.title, tr(r, M_P_SLASH), id, tr(r, M_VIEW_API));
    page_end(r);
}
