/* A change list as people read it (xfer/doc_diff.h): the compare page of two versions and the
 * preview of a replacing document share it. Entities, kinds of change and fields in words, and
 * values as text: a target as 50（2026年度）, 未決定 or なし, a status as 実施中, a schedule as
 * 2024年度（令和6年度）：item、item; other JSON only where nothing better is known. */
#include <jansson.h>
#include <string.h>
#include "core/review.h"
#include "store/store.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

static const char *entity_label(struct req *r, enum diff_entity e) {
    static const enum msg names[] = {
        [DE_ORG] = M_E_ORG, [DE_DEPARTMENT] = M_E_DEPARTMENT, [DE_PLAN] = M_PLAN_WORD, [DE_PILLAR] = M_PILLAR,
        [DE_THEME] = M_THEME, [DE_MEASURE] = M_MEASURE, [DE_KPI] = M_KPIS, [DE_MEASUREMENT] = M_MEASUREMENTS,
        [DE_REVIEW] = M_REVIEWS, [DE_BODY] = M_E_BODY, [DE_MEETING] = M_E_MEETING,
    };
    return tr(r, names[e]);
}

static const char *kind_label(struct req *r, enum diff_kind k) {
    static const enum msg names[] = {M_DIFF_ADDED, M_DIFF_REMOVED, M_DIFF_MOVED, M_DIFF_CHANGED, M_DIFF_KEPT,
                                     M_DIFF_ABOLISHED, M_DIFF_REFUSED};
    return tr(r, names[k]);
}

/* The words of a field of the plan document; the name itself where none is known. */
static const char *field_label(struct req *r, const char *name) {
    static const struct { const char *name; enum msg m; } words[] = {
        {"title", M_F_TITLE}, {"name", M_F_TITLE}, {"code", M_CODE}, {"current", M_CURRENT}, {"ideal", M_IDEAL},
        {"departments", M_IN_CHARGE}, {"status", M_STATUS}, {"scope", M_SCOPE}, {"new_since_fy", M_NEW_SINCE},
        {"means", M_MEANS}, {"tags", M_F_TAGS}, {"links", M_LINKS}, {"schedule", M_SCHEDULE},
        {"progress", M_PROGRESS}, {"unit", M_UNIT}, {"direction", M_DIRECTION}, {"perspective", M_PERSPECTIVE},
        {"baseline", M_BASELINE}, {"target", M_TARGET}, {"definition", M_DEFINITION}, {"source", M_F_SOURCE},
        {"value", M_VALUE}, {"note", M_NOTE}, {"period", M_PERIOD}, {"rating", M_RATING},
        {"text", M_PROGRESS_TEXT}, {"issues", M_ISSUES}, {"next_steps", M_NEXT_STEPS}, {"decision", M_DECISION},
        {"decision_note", M_F_DECISION_NOTE}, {"summary", M_F_SUMMARY}, {"examples", M_EXAMPLES},
        {"motto", M_F_MOTTO}, {"kind", M_KIND}, {"vision", M_VISION}, {"principles", M_PRINCIPLES},
        {"foundation", M_FOUNDATION}, {"challenges", M_CHALLENGES},
        {"headcount", M_F_HEADCOUNT},
        {"goals", M_GOALS}, {"rating_scale", M_RATING_SCALE}, {"review_cadence", M_F_CADENCE},
        {"version", M_VERSION}, {"published", M_F_PUBLISHED}, {"revisions", M_REVISIONS},
        {"order", M_F_ORDER}, {"abolished", M_ST_ABOLISHED}, {"parent", M_F_PARENT},
        {"description", M_F_DESCRIPTION}, {"topics", M_TOPICS}, {"members", M_MEMBERS}, {"agenda", M_AGENDA},
        {"minutes", M_MINUTES}, {"measures", M_F_MEETING_MEASURES}, {"date", M_MEETING_DATE},
        {"prefecture", M_F_PREFECTURE}, {"population", M_F_POPULATION},
        {"logic_model", M_LE_MODEL},
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(words[i].name, name) == 0)
            return tr(r, words[i].m);
    return name;
}

static void fy_text(struct req *r, json_t *fy, char *out, size_t size) {
    out[0] = '\0';
    if (json_is_integer(fy))
        tr_fy(r, (int)json_integer_value(fy), out, size);
}

/* One value, written into r->out. */
static void value_html(struct req *r, const char *field, json_t *v);

/* A list as items separated by 、, or (objects with items, as schedules) one line each. */
static void list_html(struct req *r, const char *field, json_t *arr) {
    size_t i;
    json_t *x;
    json_array_foreach(arr, i, x) {
        json_t *items = json_object_get(x, "items");
        if (json_is_array(items)) {                  /* schedule, progress: fy (quarter): items */
            char fy[64];
            fy_text(r, json_object_get(x, "fy"), fy, sizeof fy);
            html_printf(&r->out, "<div>%s", fy);
            if (json_is_integer(json_object_get(x, "quarter")))
                html_printf(&r->out, " Q%d", (int)json_integer_value(json_object_get(x, "quarter")));
            html_printf(&r->out, "%s", tr(r, M_P_COLON));
            value_html(r, "items", items);
            html_printf(&r->out, "</div>");
            continue;
        }
        if (i)
            html_printf(&r->out, "%s", tr(r, M_P_COMMA));
        const char *label = json_string_value(json_object_get(x, "label"));
        const char *title = json_string_value(json_object_get(x, "title"));
        const char *name = json_string_value(json_object_get(x, "name"));
        const char *note = json_string_value(json_object_get(x, "note"));
        if (json_is_object(x) && (label || title || name))
            html_printf(&r->out, "%s%s", label ? label : title ? title : name, note ? tr_paren(r, note) : "");
        else
            value_html(r, field, x);
    }
    if (!json_array_size(arr))
        html_printf(&r->out, "<span class=\"muted\">%s</span>", tr(r, M_NONE_WORD));
}

/* A logic model's counts: "要素111・矢印133", and after them what was added, removed, changed. */
static void logic_counts_html(struct req *r, json_t *v) {
    int n[7];
    static const char *const keys[] = {"nodes", "edges", "nodes_added", "nodes_removed", "nodes_changed",
                                       "edges_added", "edges_removed"};
    for (int i = 0; i < 7; i++)
        n[i] = (int)json_integer_value(json_object_get(v, keys[i]));
    html_printf(&r->out, "%s", arena_printf(&r->arena, tr(r, M_LE_DIFF_COUNTS), n[0], n[1]));
    if (!json_object_get(v, "nodes_added"))
        return;
    if (n[2] || n[3] || n[4] || n[5] || n[6])
        html_printf(&r->out, "%s", arena_printf(&r->arena, tr(r, M_LE_DIFF_DETAIL), n[2], n[3], n[4], n[5], n[6]));
    else
        html_printf(&r->out, "%s", tr(r, M_LE_DIFF_ORDER));
}

static void value_html(struct req *r, const char *field, json_t *v) {
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        enum measure_status st;
        enum measure_scope sc;
        enum kpi_direction dir;
        if (strcmp(field, "status") == 0 && measure_status_parse(s, &st) == 0)
            html_printf(&r->out, "%s", tr_status(r, st));
        else if (strcmp(field, "scope") == 0 && measure_scope_parse(s, &sc) == 0)
            html_printf(&r->out, "%s", tr_scope(r, sc));
        else if (strcmp(field, "direction") == 0 && direction_parse(s, &dir) == 0)
            html_printf(&r->out, "%s", tr_direction(r, dir));
        else if (strcmp(field, "perspective") == 0)
            html_printf(&r->out, "%s", tr(r, strcmp(s, "staff") == 0 ? M_STAFF : M_CITIZEN));
        else if (strcmp(field, "kind") == 0 && (strcmp(s, "strategy") == 0 || strcmp(s, "action_plan") == 0))
            html_printf(&r->out, "%s", tr(r, strcmp(s, "strategy") == 0 ? M_KIND_STRATEGY : M_KIND_ACTION_PLAN));
        else if (strcmp(field, "decision") == 0)
            html_printf(&r->out, "%s", tr_decision(r, s));
        else
            html_printf(&r->out, "%s", s);
    } else if (json_is_boolean(v)) {
        html_printf(&r->out, "%s", tr(r, json_is_true(v) ? M_YES : M_NO));
    } else if (json_is_number(v)) {
        if (strcmp(field, "new_since_fy") == 0 || strcmp(field, "fy") == 0) {
            char fy[64];
            fy_text(r, v, fy, sizeof fy);
            html_printf(&r->out, "%s", fy);
        } else {
            html_printf(&r->out, "%F", json_number_value(v));
        }
    } else if (json_is_array(v)) {
        list_html(r, field, v);
    } else if (json_is_object(v)) {
        const char *state = json_string_value(json_object_get(v, "state"));
        json_t *num = json_object_get(v, "value");
        json_t *from = json_object_get(v, "from_fy"), *to = json_object_get(v, "to_fy");
        if (state) {
            html_printf(&r->out, "%s", tr(r, strcmp(state, "undecided") == 0 ? M_UNDECIDED : M_NONE));
        } else if (json_is_number(num)) {                /* a target or baseline */
            char fy[64];
            fy_text(r, json_object_get(v, "fy"), fy, sizeof fy);
            html_printf(&r->out, "%F%s", json_number_value(num), fy[0] ? tr_paren(r, fy) : "");
        } else if (strcmp(field, "logic_model") == 0) {  /* counts (doc_diff.c compare_logic) */
            logic_counts_html(r, v);
        } else if (from || to) {                          /* a plan's period */
            char a[64], b[64];
            fy_text(r, from, a, sizeof a);
            fy_text(r, to, b, sizeof b);
            html_printf(&r->out, "%s%s%s", a, tr(r, M_P_RANGE), b);
        } else {
            char *s = json_dumps(v, JSON_COMPACT);
            html_printf(&r->out, "<code>%s</code>", s ? s : "");
            free(s);
        }
    }
}

static void value(struct req *r, const char *field, const char *json) {
    if (!json) {
        html_printf(&r->out, "<span class=\"muted\">—</span>");
        return;
    }
    json_t *v = json_loads(json, JSON_DECODE_ANY, NULL);
    value_html(r, field, v);
    json_decref(v);
}

/* Why an entry was refused or abolished, in words. */
static void reason_html(struct req *r, const struct diff_entry *e) {
    if (e->reason == REASON_NONE)
        return;
    html_printf(&r->out, "<div class=\"note\">");
    if (e->reason == REASON_PUBLISHING) {
        html_printf(&r->out, "%s", tr(r, M_REASON_PUBLISHING));
    } else if (e->reason == REASON_HISTORY && e->history) {
        const struct history *h = e->history;
        const struct { int64_t n; enum msg m; } parts[] = {
            {h->reviews, M_H_REVIEWS}, {h->measurements, M_H_MEASUREMENTS}, {h->meetings, M_H_MEETINGS},
            {h->opinions, M_H_OPINIONS}, {h->versions, M_H_VERSIONS}, {h->periods, M_H_PERIODS},
            {h->notifications, M_H_NOTIFICATIONS}, {h->reporters, M_H_REPORTERS}, {h->contacts, M_H_CONTACTS},
        };
        html_printf(&r->out, "%s", tr(r, e->kind == DIFF_ABOLISHED ? M_REASON_ABOLISHED : M_REASON_HISTORY));
        bool first = true;
        for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
            if (parts[i].n) {
                html_printf(&r->out, "%s%s %D", tr(r, first ? M_P_OPEN : M_P_COMMA), tr(r, parts[i].m), parts[i].n);
                first = false;
            }
        html_printf(&r->out, "%s", first ? "" : tr(r, M_P_CLOSE));
    } else {
        html_printf(&r->out, "%s", e->note);
    }
    html_printf(&r->out, "</div>");
}

void html_changes(struct req *r, const struct diff_entry *d, size_t n, const char *caption) {
    html_table_scroll(r, caption);
    html_printf(&r->out, "<table class=\"grid\" id=\"diff-table\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
                tr(r, M_DIFF_WHAT), tr(r, M_DIFF_WHICH), tr(r, M_DIFF_KIND), tr(r, M_DIFF_DETAIL));
    for (size_t i = 0; i < n; i++) {
        const struct diff_entry *e = &d[i];
        const char *title = e->type == DE_KPI && !e->title[0] ? tr(r, M_KPI_UNNAMED) : e->title;
        html_printf(&r->out, "<tr class=\"diff-%s\"><td>%s</td><td><span class=\"code\">%s</span> %s</td><td>%s</td><td>",
                    diff_kind_name(e->kind), entity_label(r, e->type), e->key,
                    e->type == DE_KPI && e->title[0] ? "" : title, kind_label(r, e->kind));
        if (e->kind == DIFF_MOVED || (e->from && e->to))
            html_printf(&r->out, "%s → %s", e->from, e->to);
        for (size_t j = 0; j < e->n_fields; j++) {
            html_printf(&r->out, "<div><strong>%s</strong>%s", field_label(r, e->fields[j].name), tr(r, M_P_COLON));
            value(r, e->fields[j].name, e->fields[j].before);
            html_printf(&r->out, " → ");
            value(r, e->fields[j].name, e->fields[j].after);
            html_printf(&r->out, "</div>");
        }
        reason_html(r, e);
        html_printf(&r->out, "</td></tr>\n");
    }
    html_printf(&r->out, "</tbody></table></div>\n");
}
