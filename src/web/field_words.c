/* Fields, entities, actions and values in words: the one table of field labels (a key of a
 * plan document or of an audit snapshot → its label), the words of the audit's entities and
 * actions, and the writer of a value and of a list's change that the compare page, the import
 * preview (diff_view.c), the audit log and a measure's history (page_audit.c) share. What no
 * table knows is named by a generic word, never by its code; values are never shown as JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/review.h"
#include "store/store_category.h"
#include "util/xmalloc.h"
#include "web/field_words.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "web/when.h"

struct word { const char *code; enum msg m; };

static const struct word *find(const struct word *v, size_t n, const char *code) {
    for (size_t i = 0; code && i < n; i++)
        if (strcmp(v[i].code, code) == 0)
            return &v[i];
    return NULL;
}
#define FIND(table, code) find(table, sizeof table / sizeof *table, code)

/* ---- entities, actions and other codes */

static const struct word entities[] = {
    {"org", M_E_ORG}, {"department", M_E_DEPARTMENT}, {"plan", M_E_PLAN}, {"pillar", M_PILLAR}, {"theme", M_THEME},
    {"measure", M_MEASURE}, {"kpi", M_E_KPI}, {"kpi_measurement", M_E_MEASUREMENT}, {"measure_review", M_E_REVIEW},
    {"review_period", M_E_PERIOD}, {"api_token", M_E_TOKEN}, {"plan_version", M_E_VERSION},
    {"notification", M_E_NOTIFICATION}, {"reminder", M_E_REMINDER}, {"feedback", M_E_FEEDBACK}, {"means", M_MEANS},
    {"means_application", M_E_APPLICATION}, {"reallocation", M_E_REALLOCATION}, {"survey", M_E_SURVEY},
    {"body", M_E_BODY}, {"meeting", M_E_MEETING}, {"user", M_USER}, {"logic_model", M_LE_MODEL},
    {"rating_scale", M_RATING_SCALE}, {"installation", M_E_INSTALLATION},
};

const char *tr_entity(const struct req *r, const char *entity) {
    const struct word *w = FIND(entities, entity);
    return tr(r, w ? w->m : M_E_OTHER);
}

const char *tr_action(const struct req *r, const char *action) {
    static const struct word actions[] = {
        {"create", M_A_CREATE}, {"update", M_A_UPDATE}, {"move", M_A_MOVE}, {"delete", M_A_DELETE},
        {"import", M_A_IMPORT}, {"replace", M_A_REPLACE}, {"save", M_A_SAVE}, {"submit", M_A_SUBMIT},
        {"send_back", M_A_SEND_BACK}, {"confirm", M_A_CONFIRM}, {"decide", M_A_DECIDE}, {"close", M_A_CLOSE},
        {"revoke", M_A_REVOKE}, {"publish", M_A_PUBLISH}, {"read", M_A_READ}, {"reject", M_A_REJECT},
        {"mail_sent", M_A_MAIL_SENT}, {"mail_failed", M_A_MAIL_FAILED}, {"login", M_A_LOGIN},
        {"login_failed", M_A_LOGIN_FAILED}, {"login_address", M_A_LOGIN_ADDRESS}, {"logout", M_A_LOGOUT},
        {"password", M_A_PASSWORD}, {"disable", M_A_DISABLE}, {"migrate", M_A_MIGRATE},
        {"restore", M_A_RESTORE},
    };
    const struct word *w = FIND(actions, action);
    return tr(r, w ? w->m : M_A_OTHER);
}

const char *tr_notification_kind(const struct req *r, const char *kind) {
    static const struct word kinds[] = {
        {"period_opened", M_NK_PERIOD_OPENED}, {"reminder_before", M_NK_REMINDER_BEFORE},
        {"reminder_after", M_NK_REMINDER_AFTER}, {"sent_back", M_NK_SENT_BACK},
        {"before", M_NK_REMINDER_BEFORE}, {"after", M_NK_REMINDER_AFTER},         /* a reminder's */
    };
    const struct word *w = FIND(kinds, kind);
    return w ? tr(r, w->m) : kind;
}

const char *tr_role(const struct req *r, const char *role) {
    static const struct word roles[] = {
        {"admin", M_ROLE_ADMIN}, {"office", M_ROLE_OFFICE}, {"reporter", M_ROLE_REPORTER}, {"viewer", M_ROLE_VIEWER},
    };
    const struct word *w = FIND(roles, role);
    return w ? tr(r, w->m) : role;
}

const char *tr_via(const struct req *r, const char *via) {
    static const struct word vias[] = {
        {"web", M_VIA_WEB}, {"api", M_VIA_API}, {"cli", M_VIA_CLI}, {"server", M_VIA_SERVER},
    };
    const struct word *w = FIND(vias, via);
    return tr(r, w ? w->m : M_VIA_OTHER);
}

const char *tr_feedback_state(const struct req *r, const char *state) {
    static const struct word states[] = {
        {"pending", M_FEEDBACK_PENDING}, {"published", M_FEEDBACK_PUBLISHED}, {"rejected", M_FEEDBACK_REJECTED},
    };
    const struct word *w = FIND(states, state);
    return w ? tr(r, w->m) : state;
}

/* ---- fields */

static const struct word fields[] = {
    /* the plan document (xfer/plan_export.c) */
    {"title", M_F_TITLE}, {"name", M_F_TITLE}, {"code", M_CODE}, {"current", M_CURRENT}, {"ideal", M_IDEAL},
    {"departments", M_IN_CHARGE}, {"status", M_STATUS}, {"scope", M_SCOPE}, {"new_since_fy", M_NEW_SINCE},
    {"means", M_MEANS}, {"tags", M_F_TAGS}, {"categories", M_CAT_TITLE}, {"rejected_categories", M_CAT_REJECTED_FIELD}, {"links", M_LINKS}, {"schedule", M_SCHEDULE},
    {"progress", M_PROGRESS}, {"unit", M_UNIT}, {"direction", M_DIRECTION}, {"perspective", M_PERSPECTIVE},
    {"baseline", M_BASELINE}, {"target", M_TARGET}, {"definition", M_DEFINITION}, {"source", M_F_SOURCE},
    {"value", M_VALUE}, {"note", M_NOTE}, {"period", M_F_PERIOD}, {"rating", M_RATING},
    {"text", M_PROGRESS_TEXT}, {"issues", M_ISSUES}, {"next_steps", M_NEXT_STEPS}, {"decision", M_DECISION},
    {"decision_note", M_F_DECISION_NOTE}, {"summary", M_F_SUMMARY}, {"examples", M_EXAMPLES},
    {"motto", M_F_MOTTO}, {"kind", M_KIND}, {"vision", M_VISION}, {"principles", M_PRINCIPLES},
    {"foundation", M_FOUNDATION}, {"challenges", M_CHALLENGES}, {"headcount", M_F_HEADCOUNT},
    {"goals", M_GOALS}, {"rating_scale", M_RATING_SCALE}, {"review_cadence", M_F_CADENCE},
    {"version", M_VERSION}, {"published", M_F_PUBLISHED}, {"revisions", M_REVISIONS},
    {"order", M_F_ORDER}, {"abolished", M_ST_ABOLISHED}, {"parent", M_F_PARENT},
    {"description", M_F_DESCRIPTION}, {"topics", M_TOPICS}, {"members", M_MEMBERS}, {"agenda", M_AGENDA},
    {"minutes", M_MINUTES}, {"measures", M_F_MEETING_MEASURES}, {"date", M_F_DATE},
    {"prefecture", M_F_PREFECTURE}, {"population", M_F_POPULATION}, {"logic_model", M_LE_MODEL},
    {"measurements", M_MEASUREMENTS}, {"reviews", M_REVIEWS}, {"kpis", M_KPIS}, {"items", M_F_ITEMS},
    {"fy", M_F_FY}, {"quarter", M_QUARTER}, {"from_fy", M_F_FROM_FY}, {"to_fy", M_F_TO_FY},
    {"role", M_ROLE}, {"post", M_F_POST}, {"label", M_F_VERSION_LABEL}, {"color", M_F_COLOR},
    {"problem", M_F_PROBLEM}, {"levels", M_F_LEVELS},
    /* the rows the audit log keeps (store_*.c snapshots) */
    {"id", M_ENTITY_ID}, {"position", M_F_POSITION}, {"baseline_value", M_BASELINE}, {"baseline_fy", M_F_BASELINE_FY},
    {"target_value", M_TARGET}, {"target_fy", M_F_TARGET_FY}, {"target_state", M_F_TARGET_STATE},
    {"state", M_STATE}, {"office_comment", M_F_OFFICE_COMMENT}, {"notes", M_F_NOTES}, {"deadline", M_DEADLINE},
    {"created_at", M_F_CREATED_AT}, {"updated_at", M_F_UPDATED_AT}, {"opened_at", M_F_OPENED_AT},
    {"opened_by", M_F_OPENED_BY}, {"closed_at", M_F_CLOSED_AT}, {"closed_by", M_F_CLOSED_BY},
    {"submitted_at", M_SUBMITTED_AT}, {"confirmed_at", M_CONFIRMED_AT}, {"decided_at", M_F_DECIDED_AT},
    {"read_at", M_F_READ_AT}, {"recorded_at", M_F_RECORDED_AT}, {"recorded_by", M_F_RECORDED_BY},
    {"moderated_at", M_F_MODERATED_AT}, {"moderated_by", M_F_MODERATED_BY}, {"answered_at", M_F_ANSWERED_AT},
    {"answered_by", M_F_ANSWERED_BY}, {"answer", M_F_ANSWER}, {"revoked_at", M_F_REVOKED},
    {"last_used_at", M_TOK_LAST_USED}, {"subject", M_F_SUBJECT}, {"body", M_F_BODY}, {"link", M_F_LINK},
    {"email", M_F_EMAIL}, {"login", M_LOGIN_ID}, {"display_name", M_F_DISPLAY_NAME}, {"disabled", M_F_DISABLED},
    {"revoked", M_F_REVOKED}, {"prefix", M_F_PREFIX}, {"measure_code", M_F_MEASURE_CODE}, {"plans", M_F_PLANS},
    {"changes", M_F_CHANGES}, {"nodes", M_F_NODES}, {"edges", M_F_EDGES}, {"flags", M_F_FLAGS},
    {"channels", M_F_CHANNELS}, {"reduction", M_F_REDUCTION}, {"hours", M_RA_HOURS}, {"service", M_RA_SERVICE},
    {"rows", M_F_ROWS}, {"mail_status", M_F_MAIL_STATUS}, {"via", M_F_VIA}, {"encoding", M_F_ENCODING},
    {"file", M_F_FILE}, {"mail_to", M_F_MAIL_TO}, {"mail_error", M_F_MAIL_ERROR}, {"mail_attempts", M_F_MAIL_ATTEMPTS},
    {"mailed_at", M_F_MAILED_AT}, {"planned_fy", M_F_PLANNED_FY}, {"survey_fy", M_WL_SURVEY_FY},
    {"businesses", M_F_BUSINESSES},
    /* an installation's: kawaru migrate (cmd_migrate.c) and a whole restore (cmd_backup.c) */
    {"from", M_F_FROM}, {"schema", M_F_SCHEMA}, {"tables", M_F_TABLES}, {"organisations", M_F_ORGANISATIONS},
    {"counts", M_F_COUNTS}, {"backup", M_F_BACKUP}, {"backup_last_audit_id", M_F_BACKUP_LAST_AUDIT},
    {"backup_last_audit_at", M_F_BACKUP_LAST_AT}, {"kept_as", M_F_KEPT_AS},
};

const char *tr_field(struct req *r, const char *key) {
    const struct word *w = FIND(fields, key);
    if (w)
        return tr(r, w->m);
    size_t n = key ? strlen(key) : 0;
    if (n > 3 && strcmp(key + n - 3, "_id") == 0) {          /* plan_id: the plan's number */
        char entity[64];
        snprintf(entity, sizeof entity, "%.*s", (int)(n - 3), key);
        static const struct word others[] = {{"period", M_E_PERIOD}, {"step", M_MX_STEP}};
        const struct word *e = FIND(entities, entity);
        if (!e)
            e = FIND(others, entity);
        if (e)
            return arena_printf(&r->arena, tr(r, M_F_ID), tr(r, e->m));
    }
    return tr(r, M_F_OTHER);
}

/* ---- values */

static bool is_fy_key(const char *key) {
    static const char *const keys[] = {"fy", "new_since_fy", "from_fy", "to_fy", "baseline_fy", "target_fy",
                                       "planned_fy", "survey_fy"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (strcmp(keys[i], key) == 0)
            return true;
    return false;
}

static bool is_yes_no_key(const char *key) {
    return strcmp(key, "abolished") == 0 || strcmp(key, "disabled") == 0 || strcmp(key, "revoked") == 0 ||
           strcmp(key, "problem") == 0;
}

/* A text value: a code of key in words, a timestamp in Japan time, else the text itself. */
static void string_html(const struct field_words *w, const char *key, const char *s) {
    struct req *r = w->r;
    char when[64];
    enum measure_status st;
    enum measure_scope sc;
    enum kpi_direction dir;
    enum review_state rs;
    const char *word = NULL;
    if (when_format(s, r->lang && strcmp(r->lang, "en") == 0, when, sizeof when)) {
        html_when(r, s);
        return;
    }
    if (strcmp(key, "status") == 0 || strcmp(key, "state") == 0) {
        if (measure_status_parse(s, &st) == 0)
            word = tr_status(r, st);
        else if (review_state_parse(s, &rs) == 0)
            word = tr_review_state(r, rs);
        else if (strcmp(s, "open") == 0 || strcmp(s, "closed") == 0)
            word = tr(r, strcmp(s, "open") == 0 ? M_PERIOD_OPEN : M_PERIOD_CLOSED);
        else
            word = tr_feedback_state(r, s);
    } else if (strcmp(key, "scope") == 0 && measure_scope_parse(s, &sc) == 0) {
        word = tr_scope(r, sc);
    } else if (strcmp(key, "direction") == 0 && direction_parse(s, &dir) == 0) {
        word = tr_direction(r, dir);
    } else if (strcmp(key, "perspective") == 0 && (strcmp(s, "staff") == 0 || strcmp(s, "citizen") == 0)) {
        word = tr(r, strcmp(s, "staff") == 0 ? M_STAFF : M_CITIZEN);
    } else if (strcmp(key, "kind") == 0) {
        if (strcmp(s, "strategy") == 0 || strcmp(s, "action_plan") == 0)
            word = tr(r, strcmp(s, "strategy") == 0 ? M_KIND_STRATEGY : M_KIND_ACTION_PLAN);
        else if (*tr_body_kind(r, s))
            word = tr_body_kind(r, s);
        else
            word = tr_notification_kind(r, s);
    } else if (strcmp(key, "decision") == 0) {
        word = tr_decision(r, s);
    } else if (strcmp(key, "rating") == 0) {
        word = review_scale_label(w->scale, w->n_scale, s);
    } else if (strcmp(key, "role") == 0) {
        word = tr_role(r, s);
    } else if (strcmp(key, "via") == 0) {
        word = tr_via(r, s);
    } else if (strcmp(key, "mail_status") == 0) {
        static const struct word mail[] = {
            {"none", M_MAIL_NONE}, {"pending", M_MAIL_PENDING}, {"sending", M_MAIL_SENDING}, {"sent", M_MAIL_SENT},
            {"failed", M_MAIL_FAILED},
        };
        const struct word *m = FIND(mail, s);
        word = m ? tr(r, m->m) : s;
    } else if (strcmp(key, "target_state") == 0) {
        word = strcmp(s, "undecided") == 0 ? tr(r, M_UNDECIDED) : strcmp(s, "none") == 0 ? tr(r, M_NONE) : s;
    } else if (strcmp(key, "departments") == 0 || strcmp(key, "parent") == 0) {
        for (size_t i = 0; i < w->n_depts && !word; i++)
            if (strcmp(w->depts[i].code, s) == 0)
                word = w->depts[i].name;
    } else if ((strcmp(key, "categories") == 0 || strcmp(key, "rejected_categories") == 0) && r->db) {
        struct category c;
        if (store_category_by_code(r->db, &r->arena, s, &c) == 0)
            word = strcmp(r->lang, "en") == 0 ? c.title_en : c.title;
    }
    if (word)
        html_printf(&r->out, "%s", word);
    else
        html_text_lines(&r->out, s);
}

/* "2024年度（令和6年度）" for a fiscal year, or "" for none. */
static const char *fy_text(struct req *r, json_t *fy) {
    return json_is_integer(fy) ? tr_fy_text(r, (int)json_integer_value(fy)) : "";
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

/* An object no rule above knows: "label：value、label：value", its fiscal year and quarter
 * first ("2025年度（令和7年度） Q3："), nulls left out. */
static void pairs_html(const struct field_words *w, json_t *v) {
    struct req *r = w->r;
    json_t *fy = json_object_get(v, "fy"), *q = json_object_get(v, "quarter");
    bool head = json_is_integer(fy);
    if (head) {
        html_printf(&r->out, "%s", fy_text(r, fy));
        if (json_is_integer(q))
            html_printf(&r->out, " Q%d", (int)json_integer_value(q));
        html_printf(&r->out, "%s", tr(r, M_P_COLON));
    }
    json_t *text = json_object_get(v, "text");
    if (head && json_is_string(text) && json_object_size(v) <= 3) {   /* a schedule's item */
        html_printf(&r->out, "%s", json_string_value(text));
        return;
    }
    const char *key;
    json_t *x;
    int n = 0;
    json_object_foreach(v, key, x) {
        if (json_is_null(x) || (head && (strcmp(key, "fy") == 0 || strcmp(key, "quarter") == 0)))
            continue;
        html_printf(&r->out, "%s%s%s", n++ ? tr(r, M_P_COMMA) : "", tr_field(r, key), tr(r, M_P_COLON));
        html_field_value(w, key, x);
    }
}

/* One item of a list. */
static void item_html(const struct field_words *w, const char *key, json_t *x) {
    struct req *r = w->r;
    const char *label = json_string_value(json_object_get(x, "label"));
    const char *title = json_string_value(json_object_get(x, "title"));
    const char *name = json_string_value(json_object_get(x, "name"));
    const char *note = json_string_value(json_object_get(x, "note"));
    if (json_is_object(x) && (label || title || name))
        html_printf(&r->out, "%s%s", label ? label : title ? title : name, note ? tr_paren(r, note) : "");
    else if (json_is_object(x) && !json_object_get(x, "value") && !json_object_get(x, "state"))
        pairs_html(w, x);
    else
        html_field_value(w, key, x);
}

/* The items of a list, those grouped by year ({"fy":…, "items":[…]}) as one item each. The
 * result is a new array (caller decrefs). */
static json_t *flatten(json_t *arr) {
    json_t *out = json_array();
    size_t i, j;
    json_t *x, *item;
    json_array_foreach(arr, i, x) {
        json_t *items = json_object_get(x, "items");
        if (!json_is_array(items)) {
            json_array_append(out, x);
            continue;
        }
        json_array_foreach(items, j, item) {
            json_t *one = json_object();
            json_object_set(one, "fy", json_object_get(x, "fy"));
            if (json_is_integer(json_object_get(x, "quarter")))
                json_object_set(one, "quarter", json_object_get(x, "quarter"));
            json_object_set(one, "text", item);
            json_array_append_new(out, one);
        }
    }
    return out;
}

static void list_html(const struct field_words *w, const char *key, json_t *arr) {
    json_t *flat = flatten(arr);
    size_t i;
    json_t *x;
    json_array_foreach(flat, i, x) {
        if (i)
            html_printf(&w->r->out, "%s", tr(w->r, M_P_COMMA));
        item_html(w, key, x);
    }
    if (!json_array_size(flat))
        html_printf(&w->r->out, "%s", tr(w->r, M_NONE_WORD));
    json_decref(flat);
}

/* The rows of each table a migration copied: the tables are the database's own, so they are
 * named as the database names them, folded under a summary in words. */
static void table_counts_html(struct req *r, json_t *v) {
    const char *table;
    json_t *rows;
    html_printf(&r->out, "<details><summary>%s</summary><ul class=\"table-counts\">",
                arena_printf(&r->arena, tr(r, M_F_COUNTS_SUMMARY), (int)json_object_size(v)));
    json_object_foreach(v, table, rows)
        html_printf(&r->out, "<li><code>%s</code> %D</li>", table, (int64_t)json_integer_value(rows));
    html_printf(&r->out, "</ul></details>");
}

void html_field_value(const struct field_words *w, const char *key, json_t *v) {
    struct req *r = w->r;
    if (!v || json_is_null(v)) {
        html_printf(&r->out, "<span class=\"muted\">—</span>");
    } else if (json_is_string(v)) {
        string_html(w, key, json_string_value(v));
    } else if (json_is_boolean(v) || (json_is_integer(v) && is_yes_no_key(key))) {
        html_printf(&r->out, "%s", tr(r, json_is_true(v) || json_integer_value(v) ? M_YES : M_NO));
    } else if (json_is_integer(v) && is_fy_key(key)) {
        html_printf(&r->out, "%s", fy_text(r, v));
    } else if (json_is_number(v)) {
        html_printf(&r->out, "%F", json_number_value(v));
    } else if (json_is_array(v)) {
        list_html(w, key, v);
    } else if (json_is_object(v)) {
        const char *state = json_string_value(json_object_get(v, "state"));
        json_t *num = json_object_get(v, "value");
        json_t *from = json_object_get(v, "from_fy"), *to = json_object_get(v, "to_fy");
        if (state && json_object_size(v) == 1) {          /* a target: 未決定 or なし */
            html_printf(&r->out, "%s", tr(r, strcmp(state, "undecided") == 0 ? M_UNDECIDED : M_NONE));
        } else if (json_is_number(num) && json_object_size(v) <= 2) {   /* a target or baseline */
            const char *fy = fy_text(r, json_object_get(v, "fy"));
            html_printf(&r->out, "%F%s", json_number_value(num), *fy ? tr_paren(r, fy) : "");
        } else if (strcmp(key, "counts") == 0) {         /* a migration's rows by table (cmd_migrate.c) */
            table_counts_html(r, v);
        } else if (strcmp(key, "logic_model") == 0) {    /* counts (doc_diff.c compare_logic) */
            logic_counts_html(r, v);
        } else if ((from || to) && json_object_size(v) == 2) {           /* a plan's period */
            html_printf(&r->out, "%s%s%s", fy_text(r, from), tr(r, M_P_RANGE), fy_text(r, to));
        } else {
            pairs_html(w, v);
        }
    }
}

/* ---- a list's change */

bool field_is_list(json_t *before, json_t *after) {
    return (json_is_array(before) || json_is_array(after)) && (!before || json_is_null(before) || json_is_array(before)) &&
           (!after || json_is_null(after) || json_is_array(after));
}

/* The items of a that b does not have, counting repeats (caller decrefs). */
static json_t *minus(json_t *a, json_t *b) {
    size_t nb = json_array_size(b);
    bool *used = xcalloc(nb ? nb : 1, sizeof *used);
    json_t *out = json_array();
    size_t i, j;
    json_t *x;
    json_array_foreach(a, i, x) {
        for (j = 0; j < nb; j++)
            if (!used[j] && json_equal(x, json_array_get(b, j)))
                break;
        if (j < nb)
            used[j] = true;
        else
            json_array_append(out, x);
    }
    free(used);
    return out;
}

static void items_line(const struct field_words *w, const char *key, enum msg head, json_t *items) {
    html_printf(&w->r->out, "<div class=\"diff-items\">%s", tr(w->r, head));
    size_t i;
    json_t *x;
    json_array_foreach(items, i, x) {
        if (i)
            html_printf(&w->r->out, "%s", tr(w->r, M_P_COMMA));
        item_html(w, key, x);
    }
    html_printf(&w->r->out, "</div>");
}

void html_list_change(const struct field_words *w, const char *key, json_t *before, json_t *after) {
    json_t *a = flatten(json_is_array(before) ? before : NULL), *b = flatten(json_is_array(after) ? after : NULL);
    json_t *added = minus(b, a), *removed = minus(a, b);
    if (json_array_size(added))
        items_line(w, key, M_ADDED_ITEMS, added);
    if (json_array_size(removed))
        items_line(w, key, M_REMOVED_ITEMS, removed);
    if (!json_array_size(added) && !json_array_size(removed))
        html_printf(&w->r->out, "<div>%s</div>", tr(w->r, json_equal(a, b) ? M_NO_FIELD_CHANGED : M_LIST_SAME));
    json_decref(added);
    json_decref(removed);
    json_decref(a);
    json_decref(b);
}
