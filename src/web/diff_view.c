/* A change list as people read it (xfer/doc_diff.h): the compare page of two versions and the
 * preview of a replacing document share it. Entities and kinds of change in words; fields and
 * values through field_words.c (the audit log's words too): a target as 50（2026年度）, 未決定 or
 * なし, a status as 実施中, a list as the items added and removed, never JSON. */
#include <jansson.h>
#include <string.h>
#include "core/review.h"
#include "store/store.h"
#include "web/field_words.h"
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

/* One field's change: a list as the items added and removed, any other value before → after. */
static void field_change(const struct field_words *w, const struct diff_field *f) {
    struct req *r = w->r;
    json_t *before = f->before ? json_loads(f->before, JSON_DECODE_ANY, NULL) : NULL;
    json_t *after = f->after ? json_loads(f->after, JSON_DECODE_ANY, NULL) : NULL;
    html_printf(&r->out, "<div><strong>%s</strong>%s", tr_field(r, f->name), tr(r, M_P_COLON));
    if (field_is_list(before, after)) {
        html_list_change(w, f->name, before, after);
    } else {
        html_field_value(w, f->name, before);
        html_printf(&r->out, " → ");
        html_field_value(w, f->name, after);
    }
    html_printf(&r->out, "</div>");
    json_decref(before);
    json_decref(after);
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

void html_changes(struct req *r, const struct diff_entry *d, size_t n, const struct field_words *w,
                  const char *caption) {
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
        for (size_t j = 0; j < e->n_fields; j++)
            field_change(w, &e->fields[j]);
        reason_html(r, e);
        html_printf(&r->out, "</td></tr>\n");
    }
    html_printf(&r->out, "</tbody></table></div>\n");
}
