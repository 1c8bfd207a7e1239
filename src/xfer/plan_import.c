/* Parsing and validating a kawaru-plan/1 document into the model (see plan_doc.h).
 *
 * The whole document is checked before anything is returned; every problem is reported with
 * the JSON path of the field, by the document reader of xfer/json_in.h, whose field rules and
 * messages are the API's too. Limits on sizes keep a hostile document from using much memory. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include "core/category.h"
#include "core/review.h"
#include "core/errors.h"
#include "core/orgcode.h"
#include "util/utf8.h"
#include "xfer/plan_bodies.h"
#include "xfer/plan_doc.h"
#include "xfer/plan_logic.h"

/* True when s is one of the NULL-terminated names (core/model.h's lists). */
static bool name_known(const char *const *names, const char *s) {
    for (size_t i = 0; names[i]; i++)
        if (strcmp(names[i], s) == 0)
            return true;
    return false;
}

/* ---- entities */

struct plan_scope {             /* what a plan's parts are checked against */
    const struct org_doc *doc;  /* NULL with plan: a stored version's measure, checked when stored */
    const struct plan *plan;
};

static bool known_department(const struct org_doc *doc, const char *name) {
    for (size_t i = 0; i < doc->n_departments; i++)
        if (doc->departments[i].name && strcmp(doc->departments[i].name, name) == 0)
            return true;
    return false;
}

static void parse_period_items(struct doc_reader *c, json_t *o, const char *key, struct period_items **ret, size_t *ret_n) {
    *ret = NULL;
    *ret_n = 0;
    json_t *arr = doc_array(c, o, key, false);
    if (!arr)
        return;
    size_t n = json_array_size(arr);
    *ret = n ? arena_alloc(c->a, n * sizeof **ret) : NULL;
    size_t old = doc_push_key(c, key);
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(arr, i);
        size_t o2 = doc_push_index(c, i);
        if (doc_elem_object(c, e)) {
            struct period_items *pi = &(*ret)[*ret_n];
            doc_fy(c, e, "fy", true, &pi->fy);
            doc_int(c, e, "quarter", false, 1, 4, &pi->quarter);
            json_t *items = json_object_get(e, "items");
            if (!items || json_is_null(items))
                doc_err(c, "items", "is required");
            else
                doc_strlist(c, e, "items", &field_item, true, &pi->items);
            for (size_t j = 0; j < *ret_n; j++)
                if ((*ret)[j].fy == pi->fy && (*ret)[j].quarter == pi->quarter)
                    doc_err(c, "fy", "%d%s appears twice in %s", pi->fy, pi->quarter ? " (quarter)" : "", key);
            (*ret_n)++;
        }
        doc_pop(c, o2);
    }
    doc_pop(c, old);
}

static void parse_kpi(struct doc_reader *c, json_t *o, struct kpi *k) {
    k->code = doc_code(c, o, "code", false);
    /* absent or null: the source names no indicator yet; a name given is a label (as in the API) */
    json_t *name;
    bool named = json_in_member(o, "name", &name) == JSON_IN_SET;
    k->name = named ? doc_text(c, o, "name", &field_label, true) : NULL;
    k->abolished = doc_flag(c, o, "abolished");
    k->unit = doc_text(c, o, "unit", &field_label, false);
    k->definition = doc_text(c, o, "definition", &field_text, false);
    k->source = doc_text(c, o, "source", &field_text, false);
    char *dir = doc_text(c, o, "direction", &field_label, false);
    k->direction = DIR_INCREASE;
    if (dir && direction_parse(dir, &k->direction) < 0)
        doc_err(c, "direction", "must be one of increase, decrease, keep");
    k->perspective = doc_text(c, o, "perspective", &field_label, false);
    if (k->perspective && !name_known(kpi_perspective_names, k->perspective))
        doc_err(c, "perspective", "must be one of citizen, staff");
    json_t *b = doc_object(c, o, "baseline", false);
    if (b) {
        size_t old = doc_push_key(c, "baseline");
        bool okv = doc_number(c, b, "value", true, &k->baseline_value);
        bool okf = doc_fy(c, b, "fy", true, &k->baseline_fy);
        k->has_baseline = okv && okf;
        doc_pop(c, old);
    }
    json_t *t = doc_object(c, o, "target", true);
    if (t) {
        size_t old = doc_push_key(c, "target");
        char *state = doc_text(c, t, "state", &field_label, false);
        if (state) {
            if (strcmp(state, "undecided") == 0) k->target_state = TARGET_UNDECIDED;
            else if (strcmp(state, "none") == 0) k->target_state = TARGET_NONE;
            else doc_err(c, "state", "must be undecided or none");
            if (json_object_get(t, "value"))
                doc_err(c, "value", "must be absent when state is given");
        } else {
            k->target_state = TARGET_SET;
            doc_number(c, t, "value", true, &k->target_value);
            doc_fy(c, t, "fy", true, &k->target_fy);
        }
        doc_pop(c, old);
    }
    json_t *arr = doc_array(c, o, "measurements", false);
    size_t n = json_array_size(arr);
    k->measurements = n ? arena_alloc(c->a, n * sizeof *k->measurements) : NULL;
    size_t old = doc_push_key(c, "measurements");
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(arr, i);
        size_t o2 = doc_push_index(c, i);
        if (doc_elem_object(c, e)) {
            struct measurement *m = &k->measurements[k->n_measurements++];
            m->period = doc_date(c, e, "period", true);
            doc_number(c, e, "value", true, &m->value);
            m->note = doc_text(c, e, "note", &field_note, false);
            m->source = doc_text(c, e, "source", &field_source, false);
        }
        doc_pop(c, o2);
    }
    doc_pop(c, old);
}

static void parse_measure(struct doc_reader *c, json_t *o, const struct plan_scope *ps, struct measure *m) {
    m->code = doc_code(c, o, "code", true);
    m->title = doc_text(c, o, "title", &field_label, true);
    m->current = doc_text(c, o, "current", &field_text, false);
    m->ideal = doc_text(c, o, "ideal", &field_text, false);
    char *scope = doc_text(c, o, "scope", &field_label, false);
    if (scope && measure_scope_parse(scope, &m->scope) < 0)
        doc_err(c, "scope", "must be one of organization_wide, cross_department, department, people_culture");
    char *status = doc_text(c, o, "status", &field_label, false);
    m->status = MS_ACTIVE;
    if (status && measure_status_parse(status, &m->status) < 0)
        doc_err(c, "status", "must be one of planned, active, done, merged, abolished");
    doc_fy(c, o, "new_since_fy", false, &m->new_since_fy);
    doc_strlist(c, o, "departments", &field_label, false, &m->departments);
    size_t old = doc_push_key(c, "departments");
    for (size_t i = 0; i < m->departments.n; i++) {
        size_t o2 = doc_push_index(c, i);
        if (ps->doc && !known_department(ps->doc, m->departments.items[i]))
            doc_err(c, NULL, "names an unknown department \"%s\" (add it to departments)", m->departments.items[i]);
        for (size_t j = 0; j < i; j++)
            if (strcmp(m->departments.items[i], m->departments.items[j]) == 0)
                doc_err(c, NULL, "names \"%s\" twice", m->departments.items[i]);
        doc_pop(c, o2);
    }
    doc_pop(c, old);
    doc_strlist(c, o, "means", &field_item, false, &m->means);
    doc_strlist(c, o, "tags", &field_item, false, &m->tags);
    doc_strlist(c, o, "categories", &field_label, false, &m->categories);
    old = doc_push_key(c, "categories");
    for (size_t i = 0; i < m->categories.n; i++) {
        size_t o2 = doc_push_index(c, i);
        if (!category_code_valid(m->categories.items[i]))
            doc_err(c, NULL, "must be a category's code (a-z, 0-9 and _, as GET /api/v1/categories lists them)");
        for (size_t j = 0; j < i; j++)
            if (strcmp(m->categories.items[i], m->categories.items[j]) == 0)
                doc_err(c, NULL, "names \"%s\" twice", m->categories.items[i]);
        doc_pop(c, o2);
    }
    doc_pop(c, old);
    doc_strlist(c, o, "links", &field_label, false, &m->links);
    parse_period_items(c, o, "schedule", &m->schedule, &m->n_schedule);
    parse_period_items(c, o, "progress", &m->progress, &m->n_progress);

    json_t *arr = doc_array(c, o, "reviews", false);
    size_t n = json_array_size(arr);
    m->reviews = n ? arena_alloc(c->a, n * sizeof *m->reviews) : NULL;
    old = doc_push_key(c, "reviews");
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(arr, i);
        size_t o2 = doc_push_index(c, i);
        if (doc_elem_object(c, e)) {
            struct review *r = &m->reviews[m->n_reviews];
            doc_fy(c, e, "fy", true, &r->fy);
            doc_int(c, e, "quarter", true, 1, 4, &r->quarter);
            r->rating = doc_text(c, e, "rating", &field_label, false);
            r->text = doc_text(c, e, "text", &field_text, false);
            r->issues = doc_text(c, e, "issues", &field_text, false);
            r->next_steps = doc_text(c, e, "next_steps", &field_text, false);
            r->decision = doc_text(c, e, "decision", &field_label, false);
            r->decision_note = doc_text(c, e, "decision_note", &field_text, false);
            r->state = REVIEW_CONFIRMED;
            if (r->decision && !review_decision_known(r->decision))
                doc_err(c, "decision", "must be one of continue, revise, expand, reduce, merge, abolish, complete");
            if (r->rating && ps->plan) {
                /* a plan without a scale of its own uses the default one */
                const struct rating_level *scale = ps->plan->n_rating_scale ? ps->plan->rating_scale : review_default_scale;
                size_t n_scale = ps->plan->n_rating_scale ? ps->plan->n_rating_scale : review_default_scale_n;
                bool known = false;
                for (size_t j = 0; j < n_scale; j++)
                    known |= scale[j].code && strcmp(scale[j].code, r->rating) == 0;
                if (!known)
                    doc_err(c, "rating", "\"%s\" is not a code of the plan's rating_scale", r->rating);
            }
            for (size_t j = 0; j < m->n_reviews; j++)
                if (m->reviews[j].fy == r->fy && m->reviews[j].quarter == r->quarter)
                    doc_err(c, "quarter", "FY %d Q%d is reviewed twice", r->fy, r->quarter);
            m->n_reviews++;
        }
        doc_pop(c, o2);
    }
    doc_pop(c, old);

    arr = doc_array(c, o, "kpis", false);
    n = json_array_size(arr);
    m->kpis = n ? arena_alloc(c->a, n * sizeof *m->kpis) : NULL;
    old = doc_push_key(c, "kpis");
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(arr, i);
        size_t o2 = doc_push_index(c, i);
        if (doc_elem_object(c, e)) {
            struct kpi *k = &m->kpis[m->n_kpis++];
            parse_kpi(c, e, k);
            /* a replacing document finds a KPI again by its code, or by its name */
            for (size_t j = 0; j + 1 < m->n_kpis; j++) {
                const struct kpi *other = &m->kpis[j];
                if (k->code && other->code && strcmp(k->code, other->code) == 0)
                    doc_err(c, "code", "\"%s\" is the code of another KPI of this measure", k->code);
                else if (!k->code && !other->code && strcmp(k->name ? k->name : "", other->name ? other->name : "") == 0)
                    doc_err(c, "name", "another KPI of this measure has the same name (give them codes to tell them apart)");
            }
        }
        doc_pop(c, o2);
    }
    doc_pop(c, old);
}

static void parse_titled(struct doc_reader *c, json_t *o, const char *key, struct titled_text **ret, size_t *ret_n) {
    json_t *arr = doc_array(c, o, key, false);
    size_t n = json_array_size(arr);
    *ret = n ? arena_alloc(c->a, n * sizeof **ret) : NULL;
    *ret_n = 0;
    size_t old = doc_push_key(c, key);
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(arr, i);
        size_t o2 = doc_push_index(c, i);
        if (doc_elem_object(c, e)) {
            (*ret)[*ret_n].title = doc_text(c, e, "title", &field_label, true);
            (*ret)[*ret_n].text = doc_text(c, e, "text", &field_text, false);
            (*ret_n)++;
        }
        doc_pop(c, o2);
    }
    doc_pop(c, old);
}

static void parse_plan_meta(struct doc_reader *c, json_t *o, struct plan *p) {
    p->code = doc_code(c, o, "code", false);
    p->abolished = doc_flag(c, o, "abolished");
    json_t *title = json_object_get(o, "title");
    if (!title || json_is_null(title) || (json_is_string(title) && utf8_is_blank(json_string_value(title))))
        doc_err(c, "title", "is missing: every plan needs its title (e.g. \"行政改革実行戦略\")");
    else
        p->title = doc_text(c, o, "title", &field_label, true);
    p->kind = doc_text(c, o, "kind", &field_label, true);
    if (p->kind && strcmp(p->kind, "strategy") != 0 && strcmp(p->kind, "action_plan") != 0)
        doc_err(c, "kind", "must be strategy or action_plan");
    p->motto = doc_text(c, o, "motto", &field_text, false);
    p->summary = doc_text(c, o, "summary", &field_text, false);
    p->review_cadence = doc_text(c, o, "review_cadence", &field_label, false);
    if (p->review_cadence && strcmp(p->review_cadence, "quarterly") != 0 && strcmp(p->review_cadence, "yearly") != 0)
        doc_err(c, "review_cadence", "must be quarterly or yearly");
    p->version = doc_text(c, o, "version", &field_label, false);
    p->published = doc_date(c, o, "published", false);
    json_t *period = doc_object(c, o, "period", false);
    if (period) {
        size_t old = doc_push_key(c, "period");
        doc_fy(c, period, "from_fy", false, &p->from_fy);
        doc_fy(c, period, "to_fy", false, &p->to_fy);
        if (p->from_fy && p->to_fy && p->from_fy > p->to_fy)
            doc_err(c, "to_fy", "must not be before from_fy");
        doc_pop(c, old);
    }
    parse_titled(c, o, "vision", &p->vision, &p->n_vision);
    parse_titled(c, o, "principles", &p->principles, &p->n_principles);
    parse_titled(c, o, "foundation", &p->foundation, &p->n_foundation);
    parse_titled(c, o, "challenges", &p->challenges, &p->n_challenges);

    json_t *arr = doc_array(c, o, "revisions", false);
    size_t n = json_array_size(arr);
    p->revisions = n ? arena_alloc(c->a, n * sizeof *p->revisions) : NULL;
    size_t old = doc_push_key(c, "revisions");
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(arr, i);
        size_t o2 = doc_push_index(c, i);
        if (doc_elem_object(c, e)) {
            struct revision *r = &p->revisions[p->n_revisions++];
            r->version = doc_text(c, e, "version", &field_label, true);
            r->date = doc_date(c, e, "date", true);
            doc_strlist(c, e, "notes", &field_item, false, &r->notes);
        }
        doc_pop(c, o2);
    }
    doc_pop(c, old);

    arr = doc_array(c, o, "rating_scale", false);
    n = json_array_size(arr);
    p->rating_scale = n ? arena_alloc(c->a, n * sizeof *p->rating_scale) : NULL;
    old = doc_push_key(c, "rating_scale");
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(arr, i);
        size_t o2 = doc_push_index(c, i);
        if (doc_elem_object(c, e)) {
            struct rating_level *r = &p->rating_scale[p->n_rating_scale];
            r->code = doc_text(c, e, "code", &field_label, true);
            r->label = doc_text(c, e, "label", &field_label, true);
            r->color = doc_text(c, e, "color", FIELD_LINE(7), false);
            json_t *pr = json_object_get(e, "problem");
            if (pr && !json_is_boolean(pr))
                doc_err(c, "problem", "must be true or false");
            r->problem = json_is_true(pr);
            if (r->code && !model_label_code_valid(r->code, MODEL_MAX_RATING_CODE))
                doc_err(c, "code", "must be 1-%d characters without spaces or \"/\" (such as A, S, ◎, 1 or 順調)",
                    MODEL_MAX_RATING_CODE);
            if (r->color && (strlen(r->color) != 7 || r->color[0] != '#' ||
                             strspn(r->color + 1, "0123456789abcdefABCDEF") != 6))
                doc_err(c, "color", "must be a colour like #1a7f37");
            for (size_t j = 0; r->code && j < p->n_rating_scale; j++)
                if (p->rating_scale[j].code && strcmp(p->rating_scale[j].code, r->code) == 0)
                    doc_err(c, "code", "\"%s\" appears twice", r->code);
            p->n_rating_scale++;
        }
        doc_pop(c, o2);
    }
    doc_pop(c, old);

    arr = doc_array(c, o, "goals", false);
    n = json_array_size(arr);
    p->goals = n ? arena_alloc(c->a, n * sizeof *p->goals) : NULL;
    old = doc_push_key(c, "goals");
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(arr, i);
        size_t o2 = doc_push_index(c, i);
        if (doc_elem_object(c, e)) {
            struct goal *g = &p->goals[p->n_goals++];
            g->name = doc_text(c, e, "name", &field_label, true);
            g->unit = doc_text(c, e, "unit", &field_label, false);
            g->note = doc_text(c, e, "note", &field_text, false);
            g->workload = doc_enum(c, e, "kind", goal_kind_names, false) != NULL;
            doc_fy(c, e, "baseline_fy", false, &g->baseline_fy);
            char *dir = doc_text(c, e, "direction", &field_label, false);
            if (dir) {
                g->has_direction = direction_parse(dir, &g->direction) == 0;
                if (!g->has_direction)
                    doc_err(c, "direction", "must be one of increase, decrease, keep");
            }
            json_t *t = doc_object(c, e, "target", true);
            if (t) {
                size_t o3 = doc_push_key(c, "target");
                doc_number(c, t, "value", true, &g->target_value);
                doc_fy(c, t, "fy", false, &g->target_fy);
                doc_pop(c, o3);
            }
        }
        doc_pop(c, o2);
    }
    doc_pop(c, old);
}

/* A theme's (or a theme-less pillar's) measures into t. */
static void parse_measures(struct doc_reader *c, json_t *measures, const struct plan_scope *ps, struct theme *t) {
    size_t nm = json_array_size(measures);
    t->measures = nm ? arena_alloc(c->a, nm * sizeof *t->measures) : NULL;
    size_t old = doc_push_key(c, "measures");
    for (size_t k = 0; k < nm; k++) {
        json_t *mo = json_array_get(measures, k);
        size_t o2 = doc_push_index(c, k);
        if (doc_elem_object(c, mo)) {
            struct measure *m = &t->measures[t->n_measures++];
            parse_measure(c, mo, ps, m);
            for (size_t x = 0; m->code && x + 1 < t->n_measures; x++)
                if (t->measures[x].code && strcmp(t->measures[x].code, m->code) == 0)
                    doc_err(c, "code", "\"%s\" is the code of another measure of this %s", m->code,
                        theme_is_implicit(t) ? "pillar" : "theme");
        }
        doc_pop(c, o2);
    }
    doc_pop(c, old);
}

static void parse_theme(struct doc_reader *c, json_t *to, const struct plan_scope *ps, struct theme *t) {
    t->code = doc_code(c, to, "code", false);
    t->title = doc_text(c, to, "title", &field_label, true);
    t->abolished = doc_flag(c, to, "abolished");
    json_t *means = doc_array(c, to, "means", false);
    size_t nme = json_array_size(means);
    t->means = nme ? arena_alloc(c->a, nme * sizeof *t->means) : NULL;
    size_t old = doc_push_key(c, "means");
    for (size_t k = 0; k < nme; k++) {
        json_t *me = json_array_get(means, k);
        size_t o2 = doc_push_index(c, k);
        if (doc_elem_object(c, me)) {
            t->means[t->n_means].name = doc_text(c, me, "name", &field_label, true);
            t->means[t->n_means].note = doc_text(c, me, "note", &field_text, false);
            t->n_means++;
        }
        doc_pop(c, o2);
    }
    doc_pop(c, old);
    json_t *measures = doc_array(c, to, "measures", true);
    if (measures)
        parse_measures(c, measures, ps, t);
}

/* A pillar holds themes, or (a plan without a theme level) its measures directly, which are kept
 * in one theme without code and title. */
static void parse_pillar(struct doc_reader *c, json_t *po, const struct plan_scope *ps, struct pillar *pi) {
    pi->code = doc_code(c, po, "code", true);
    pi->title = doc_text(c, po, "title", &field_label, true);
    pi->summary = doc_text(c, po, "summary", &field_text, false);
    pi->abolished = doc_flag(c, po, "abolished");
    doc_strlist(c, po, "examples", &field_item, false, &pi->examples);
    bool has_themes = json_object_get(po, "themes") && !json_is_null(json_object_get(po, "themes"));
    bool has_measures = json_object_get(po, "measures") && !json_is_null(json_object_get(po, "measures"));
    if (has_themes && has_measures) {
        doc_err(c, "measures", "must be absent when the pillar has themes (a pillar holds themes or measures)");
        return;
    }
    if (has_measures) {
        json_t *measures = doc_array(c, po, "measures", true);
        pi->themes = arena_alloc(c->a, sizeof *pi->themes);
        pi->n_themes = 1;
        if (measures)
            parse_measures(c, measures, ps, &pi->themes[0]);
        return;
    }
    json_t *themes = doc_array(c, po, "themes", false);
    if (!themes) {
        if (!has_themes)
            doc_err(c, "themes", "is required (or measures, for a plan without themes)");
        return;
    }
    size_t nt = json_array_size(themes);
    pi->themes = nt ? arena_alloc(c->a, nt * sizeof *pi->themes) : NULL;
    size_t old = doc_push_key(c, "themes");
    for (size_t j = 0; j < nt; j++) {
        json_t *to = json_array_get(themes, j);
        size_t o2 = doc_push_index(c, j);
        if (doc_elem_object(c, to)) {
            struct theme *t = &pi->themes[pi->n_themes++];
            parse_theme(c, to, ps, t);
            for (size_t x = 0; t->code && x + 1 < pi->n_themes; x++)
                if (pi->themes[x].code && strcmp(pi->themes[x].code, t->code) == 0)
                    doc_err(c, "code", "\"%s\" is the code of another theme of this pillar", t->code);
        }
        doc_pop(c, o2);
    }
    doc_pop(c, old);
}

static void parse_plan(struct doc_reader *c, json_t *o, const struct org_doc *doc, struct plan *p) {
    parse_plan_meta(c, o, p);
    struct plan_scope ps = {doc, p};
    json_t *pillars = doc_array(c, o, "pillars", true);
    size_t np = json_array_size(pillars);
    p->pillars = np ? arena_alloc(c->a, np * sizeof *p->pillars) : NULL;
    size_t old = doc_push_key(c, "pillars");
    for (size_t i = 0; i < np; i++) {
        json_t *po = json_array_get(pillars, i);
        size_t o2 = doc_push_index(c, i);
        if (doc_elem_object(c, po)) {
            struct pillar *pi = &p->pillars[p->n_pillars++];
            parse_pillar(c, po, &ps, pi);
            for (size_t x = 0; pi->code && x + 1 < p->n_pillars; x++)
                if (p->pillars[x].code && strcmp(p->pillars[x].code, pi->code) == 0)
                    doc_err(c, "code", "\"%s\" is the code of another pillar of this plan", pi->code);
        }
        doc_pop(c, o2);
    }
    doc_pop(c, old);
}

/* The JSON path of a measure of p, for an error message. */
static void measure_at(const struct plan *p, const struct measure *m, char *out, size_t size) {
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++) {
            const struct theme *t = &p->pillars[i].themes[j];
            if (m >= t->measures && m < t->measures + t->n_measures) {
                if (theme_is_implicit(t))
                    snprintf(out, size, "pillars[%zu].measures[%zu]", i, (size_t)(m - t->measures));
                else
                    snprintf(out, size, "pillars[%zu].themes[%zu].measures[%zu]", i, j, (size_t)(m - t->measures));
                return;
            }
        }
    snprintf(out, size, "pillars");
}

/* Every measure's key (its address: the code, or the path where codes repeat) is unique in the
 * plan; links name the keys of other measures of the plan. Runs only on a plan without other
 * errors: codes are then all there. */
static void check_codes(struct doc_reader *c, struct plan *p) {
    const struct measure *clash = NULL;
    char at[96];
    if (plan_keys_assign(c->a, p, &clash) < 0) {
        measure_at(p, clash, at, sizeof at);
        size_t old = doc_push_key(c, at);
        doc_err(c, "code", "\"%s\" is the path of another measure of this plan (give the themes of this pillar codes)",
            clash->key);
        doc_pop(c, old);
        return;
    }
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++) {
            const struct theme *t = &p->pillars[i].themes[j];
            for (size_t k = 0; k < t->n_measures; k++) {
                const struct measure *m = &t->measures[k];
                measure_at(p, m, at, sizeof at);
                size_t old = doc_push_key(c, at);
                for (size_t l = 0; l < m->links.n; l++) {
                    char key[32];
                    snprintf(key, sizeof key, "links[%zu]", l);
                    const struct measure *target = plan_measure_by_key(p, m->links.items[l]);
                    bool twice = false;
                    for (size_t x = 0; x < l; x++)
                        twice |= target && plan_measure_by_key(p, m->links.items[x]) == target;
                    if (twice)
                        doc_err(c, key, "\"%s\" is listed twice", m->links.items[l]);
                    else if (!target || target == m)
                        doc_err(c, key, "\"%s\" is not the code or path of another measure of this plan",
                            m->links.items[l]);
                    else
                        m->links.items[l] = target->key;       /* a full path becomes the key */
                }
                doc_pop(c, old);
            }
        }
}

/* True when following parents from department i comes back to i. */
static bool department_in_cycle(const struct org_doc *d, size_t i) {
    size_t at = i;
    for (size_t steps = 0; steps <= d->n_departments; steps++) {
        const char *parent = d->departments[at].parent_code;
        size_t next = d->n_departments;
        for (size_t j = 0; parent && j < d->n_departments; j++)
            if (d->departments[j].code && strcmp(d->departments[j].code, parent) == 0)
                next = j;
        if (next == d->n_departments)
            return false;
        if (next == i)
            return true;
        at = next;
    }
    return false;
}

static void parse_doc(struct doc_reader *c, json_t *root, struct org_doc *d) {
    json_t *fmt = json_object_get(root, "format");
    if (!json_is_string(fmt) || strcmp(json_string_value(fmt), PLAN_DOC_FORMAT) != 0) {
        doc_err(c, "format", "must be \"%s\"", PLAN_DOC_FORMAT);
        return;                                /* not our document: say only that */
    }
    json_t *org = doc_object(c, root, "org", true);
    if (org) {
        size_t old = doc_push_key(c, "org");
        d->org.code = doc_text(c, org, "code", &field_label, true);
        d->org.name = doc_text(c, org, "name", &field_label, true);
        d->org.prefecture = doc_text(c, org, "prefecture", &field_label, false);
        if (d->org.code && !orgcode_valid(d->org.code)) {
            if (strlen(d->org.code) == 6 && strspn(d->org.code, "0123456789") == 6)
                doc_err(c, "code", "\"%s\" has a wrong check digit (expected %.5s%d)", d->org.code, d->org.code,
                    orgcode_check_digit(d->org.code));
            else
                doc_err(c, "code", "must be a 6-digit local government code");
        }
        json_t *pop_v = json_object_get(org, "population");
        if (pop_v && !json_is_null(pop_v)) {
            if (!json_is_integer(pop_v) || json_integer_value(pop_v) < 0)
                doc_err(c, "population", "must be a non-negative integer");
            else
                d->org.population = json_integer_value(pop_v);
        }
        doc_pop(c, old);
    }
    json_t *depts = doc_array(c, root, "departments", false);
    size_t nd = json_array_size(depts);
    d->departments = nd ? arena_alloc(c->a, nd * sizeof *d->departments) : NULL;
    size_t old = doc_push_key(c, "departments");
    for (size_t i = 0; i < nd; i++) {
        json_t *e = json_array_get(depts, i);
        size_t o2 = doc_push_index(c, i);
        if (doc_elem_object(c, e)) {
            struct department *dp = &d->departments[d->n_departments];
            dp->code = doc_text(c, e, "code", &field_label, true);
            dp->name = doc_text(c, e, "name", &field_label, true);
            dp->parent_code = doc_text(c, e, "parent", &field_label, false);
            dp->abolished = doc_flag(c, e, "abolished");
            if (dp->code && !model_code_valid(dp->code, MODEL_MAX_DEPT_CODE))
                doc_err(c, "code", "must be 1-64 characters of a-z, 0-9, - and _");
            for (size_t j = 0; j < d->n_departments; j++) {
                if (dp->code && d->departments[j].code && strcmp(dp->code, d->departments[j].code) == 0)
                    doc_err(c, "code", "\"%s\" appears twice", dp->code);
                if (dp->name && d->departments[j].name && strcmp(dp->name, d->departments[j].name) == 0)
                    doc_err(c, "name", "\"%s\" appears twice", dp->name);
            }
            d->n_departments++;
        }
        doc_pop(c, o2);
    }
    for (size_t i = 0; i < d->n_departments; i++) {
        const char *parent = d->departments[i].parent_code;
        if (!parent)
            continue;
        bool found = false;
        for (size_t j = 0; j < d->n_departments; j++)
            found |= j != i && d->departments[j].code && strcmp(d->departments[j].code, parent) == 0;
        if (!found) {
            size_t o2 = doc_push_index(c, i);
            doc_err(c, "parent", "\"%s\" is not the code of another department", parent);
            doc_pop(c, o2);
        } else if (department_in_cycle(d, i)) {
            size_t o2 = doc_push_index(c, i);
            doc_err(c, "parent", "\"%s\" makes the departments their own parents", parent);
            doc_pop(c, o2);
        }
    }
    doc_pop(c, old);
    json_t *plans = doc_array(c, root, "plans", true);
    size_t np = json_array_size(plans);
    if (plans && np == 0)
        doc_err(c, "plans", "must hold at least one plan");
    d->plans = np ? arena_alloc(c->a, np * sizeof *d->plans) : NULL;
    bool *plan_ok = arena_alloc(c->a, (np ? np : 1) * sizeof *plan_ok);  /* no errors of its own */
    old = doc_push_key(c, "plans");
    for (size_t i = 0; i < np; i++) {
        json_t *e = json_array_get(plans, i);
        size_t o2 = doc_push_index(c, i);
        if (doc_elem_object(c, e)) {
            struct plan *p = &d->plans[d->n_plans];
            size_t before = c->errs->total;
            parse_plan(c, e, d, p);
            for (size_t j = 0; j < d->n_plans; j++) {
                if (p->code && d->plans[j].code && strcmp(d->plans[j].code, p->code) == 0)
                    doc_err(c, "code", "\"%s\" is the code of another plan of this organisation", p->code);
                if (p->title && d->plans[j].title && strcmp(d->plans[j].title, p->title) == 0)
                    doc_err(c, "title", "\"%s\" is the title of another plan of this organisation", p->title);
            }
            if (c->errs->total == before)
                check_codes(c, p);
            plan_ok[d->n_plans++] = c->errs->total == before;
            plan_logic_parse(c, e, p, plan_ok[d->n_plans - 1]);   /* after the keys: it names measures */
        }
        doc_pop(c, o2);
    }
    doc_pop(c, old);
    plan_doc_parse_bodies(c->a, root, d, plan_ok, c->errs);   /* after plans: meetings name measures */
}

int plan_doc_parse_measure(const char *text, size_t len, struct arena *a, struct measure *ret) {
    struct doc_errors errs = {0};
    struct doc_reader c = {.a = a, .errs = &errs};
    char msg[JSON_IN_MSG];
    json_t *root = json_in_parse(text, len, "the measure", msg, sizeof msg);
    if (!root || !json_is_object(root)) {
        json_decref(root);
        return KW_EINVAL;
    }
    const struct plan_scope stored = {NULL, NULL};
    memset(ret, 0, sizeof *ret);
    parse_measure(&c, root, &stored, ret);
    json_decref(root);
    return errs.total ? KW_EINVAL : 0;
}

int plan_doc_parse(const char *text, size_t len, struct arena *a, struct org_doc *ret, struct doc_errors *errs) {
    memset(errs, 0, sizeof *errs);
    struct doc_reader c = {.a = a, .errs = errs};
    char msg[JSON_IN_MSG];
    json_t *root = json_in_parse(text, len, "the document", msg, sizeof msg);
    if (!root) {
        doc_err(&c, NULL, "%s", msg);
        return KW_EINVAL;
    }
    if (!json_is_object(root)) {
        doc_err(&c, NULL, "the document must be a JSON object");
        json_decref(root);
        return KW_EINVAL;
    }
    struct org_doc d;
    memset(&d, 0, sizeof d);
    parse_doc(&c, root, &d);
    json_decref(root);
    if (errs->total)
        return KW_EINVAL;
    *ret = d;
    return 0;
}
