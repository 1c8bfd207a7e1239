/* Writing the model as a kawaru-plan/1 document (see plan_doc.h). Keys come in a fixed order
 * and absent values are left out, so the output is canonical. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "core/kpi_calc.h"
#include "core/review.h"
#include "core/rollup.h"
#include "core/search.h"
#include "xfer/plan_bodies.h"
#include "xfer/plan_logic.h"
#include "xfer/plan_doc.h"

static void kstr_opt(struct jw *w, const char *key, const char *s) {
    if (s) jw_kstr(w, key, s);
}

static void strlist(struct jw *w, const char *key, const struct strlist *l, bool always) {
    if (!l->n && !always)
        return;
    jw_key(w, key);
    jw_arr_begin(w);
    for (size_t i = 0; i < l->n; i++)
        jw_str(w, l->items[i]);
    jw_arr_end(w);
}

static void period_items(struct jw *w, const char *key, const struct period_items *v, size_t n) {
    if (!n)
        return;
    jw_key(w, key);
    jw_arr_begin(w);
    for (size_t i = 0; i < n; i++) {
        jw_obj_begin(w);
        jw_kint(w, "fy", v[i].fy);
        if (v[i].quarter) jw_kint(w, "quarter", v[i].quarter);
        strlist(w, "items", &v[i].items, true);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

static void derived(struct jw *w, const struct kpi *k, kw_date today) {
    struct kpi_derived d;
    kpi_derive(k, today, &d);
    jw_key(w, "derived");
    jw_obj_begin(w);
    jw_kstr(w, "status", kpi_status_name(d.status));
    jw_key(w, "latest");
    if (d.has_latest) jw_num(w, d.latest); else jw_null(w);
    jw_key(w, "latest_period");
    if (d.has_latest) jw_str(w, d.latest_period); else jw_null(w);
    jw_key(w, "achievement");
    if (d.has_achievement) jw_num(w, d.achievement); else jw_null(w);
    jw_key(w, "expected_today");
    if (d.has_expected) jw_num(w, d.expected); else jw_null(w);
    jw_key(w, "forecast");
    if (d.has_forecast) jw_num(w, d.forecast); else jw_null(w);
    jw_obj_end(w);
}

/* A row's id, with DOC_WITH_IDS. A published version carries the ids of the working draft's
 * rows; a row the draft no longer has (and every measurement: snapshots keep no row ids) has
 * id 0, and shows none rather than a false one. */
static void id_opt(struct jw *w, int flags, int64_t id) {
    if ((flags & DOC_WITH_IDS) && id)
        jw_kint(w, "id", id);
}

void plan_doc_write_kpi(struct jw *w, const struct kpi *k, int flags, kw_date today) {
    bool members = flags & DOC_MEMBERS;
    flags &= ~DOC_MEMBERS;                       /* nested objects are whole */
    if (!members)
        jw_obj_begin(w);
    id_opt(w, flags, k->id);
    kstr_opt(w, "code", k->code);
    kstr_opt(w, "name", k->name);
    if (k->abolished)
        jw_kbool(w, "abolished", true);
    kstr_opt(w, "unit", k->unit);
    jw_kstr(w, "direction", direction_name(k->direction));
    kstr_opt(w, "perspective", k->perspective);
    if (k->has_baseline) {
        jw_key(w, "baseline");
        jw_obj_begin(w);
        jw_knum(w, "value", k->baseline_value);
        jw_kint(w, "fy", k->baseline_fy);
        jw_obj_end(w);
    }
    jw_key(w, "target");
    jw_obj_begin(w);
    if (k->target_state == TARGET_SET) {
        jw_knum(w, "value", k->target_value);
        jw_kint(w, "fy", k->target_fy);
    } else {
        jw_kstr(w, "state", target_state_name(k->target_state));
    }
    jw_obj_end(w);
    bool summary = flags & DOC_SUMMARY;
    if (!summary) {
        kstr_opt(w, "definition", k->definition);
        kstr_opt(w, "source", k->source);
    }
    if (!summary && !(flags & DOC_OWN) && (k->n_measurements || (flags & DOC_WITH_IDS))) {
        jw_key(w, "measurements");
        jw_arr_begin(w);
        for (size_t i = 0; i < k->n_measurements; i++)
            plan_doc_write_measurement(w, &k->measurements[i], flags);
        jw_arr_end(w);
    }
    if (flags & DOC_WITH_DERIVED)
        derived(w, k, today);
    if (!members)
        jw_obj_end(w);
}

void plan_doc_write_measurement(struct jw *w, const struct measurement *m, int flags) {
    jw_obj_begin(w);
    id_opt(w, flags, m->id);
    jw_kstr(w, "period", m->period);
    jw_knum(w, "value", m->value);
    kstr_opt(w, "note", m->note);
    kstr_opt(w, "source", m->source);
    if (flags & DOC_WITH_IDS) {
        kstr_opt(w, "recorded_by", m->recorded_by);
        kstr_opt(w, "recorded_at", m->recorded_at);
    }
    jw_obj_end(w);
}

static void measure_details(struct jw *w, const struct measure *m, int flags);

void plan_doc_write_search_hit(struct jw *w, const struct measure *m, unsigned matched, kw_date today) {
    jw_obj_begin(w);
    plan_doc_write_measure(w, m, DOC_WITH_IDS | DOC_WITH_DERIVED | DOC_SUMMARY | DOC_MEMBERS, today);
    if (matched) {
        jw_key(w, "matched");
        jw_arr_begin(w);
        for (int f = 0; f < SEARCH_NFIELDS; f++)
            if (matched & 1u << f)
                jw_str(w, search_field_name((enum search_field)f));
        jw_arr_end(w);
    }
    jw_obj_end(w);
}

void plan_doc_write_measure(struct jw *w, const struct measure *m, int flags, kw_date today) {
    bool members = flags & DOC_MEMBERS;
    flags &= ~DOC_MEMBERS;                       /* nested objects are whole */
    if (!members)
        jw_obj_begin(w);
    id_opt(w, flags, m->id);
    jw_kstr(w, "code", m->code);
    if ((flags & DOC_WITH_IDS) && m->key)
        jw_kstr(w, "key", m->key);              /* its address in the plan (URLs, links) */
    jw_kstr(w, "title", m->title);
    strlist(w, "departments", &m->departments, true);
    kstr_opt(w, "scope", measure_scope_name(m->scope));
    bool summary = flags & DOC_SUMMARY;
    if (!summary) {
        kstr_opt(w, "current", m->current);
        kstr_opt(w, "ideal", m->ideal);
    }
    jw_kstr(w, "status", measure_status_name(m->status));
    if (m->new_since_fy) jw_kint(w, "new_since_fy", m->new_since_fy);
    if (!summary)
        measure_details(w, m, flags);
    if (!(flags & DOC_OWN) && (m->n_kpis || (flags & DOC_WITH_IDS))) {
        jw_key(w, "kpis");
        jw_arr_begin(w);
        for (size_t i = 0; i < m->n_kpis; i++)
            plan_doc_write_kpi(w, &m->kpis[i], flags, today);
        jw_arr_end(w);
    }
    if (!members)
        jw_obj_end(w);
}

/* Reviews a document records: the confirmed ones (drafts and reports on their way through the
 * review cycle are not yet part of the plan); with ids (the API), all of them with their state. */
static bool review_shown(const struct review *rv, bool with_ids) {
    return with_ids || rv->state == REVIEW_CONFIRMED;
}

/* The parts of a measure that lists leave out. */
static void measure_details(struct jw *w, const struct measure *m, int flags) {
    bool with_ids = flags & DOC_WITH_IDS;
    size_t shown = 0;
    for (size_t i = 0; i < m->n_reviews; i++)
        shown += review_shown(&m->reviews[i], with_ids);
    strlist(w, "means", &m->means, false);
    strlist(w, "tags", &m->tags, false);
    strlist(w, "categories", &m->categories, false);
    strlist(w, "links", &m->links, false);
    period_items(w, "schedule", m->schedule, m->n_schedule);
    period_items(w, "progress", m->progress, m->n_progress);
    if (shown && !(flags & DOC_OWN)) {
        jw_key(w, "reviews");
        jw_arr_begin(w);
        for (size_t i = 0; i < m->n_reviews; i++)
            if (review_shown(&m->reviews[i], with_ids))
                plan_doc_write_review(w, &m->reviews[i], flags);
        jw_arr_end(w);
    }
}

void plan_doc_write_review(struct jw *w, const struct review *rv, int flags) {
    jw_obj_begin(w);
    jw_kint(w, "fy", rv->fy);
    jw_kint(w, "quarter", rv->quarter);
    kstr_opt(w, "rating", rv->rating);
    kstr_opt(w, "text", rv->text);
    kstr_opt(w, "issues", rv->issues);
    kstr_opt(w, "next_steps", rv->next_steps);
    kstr_opt(w, "decision", rv->decision);
    kstr_opt(w, "decision_note", rv->decision_note);
    if (flags & DOC_WITH_IDS)
        jw_kstr(w, "state", review_state_name((enum review_state)rv->state));
    jw_obj_end(w);
}

static void titled(struct jw *w, const char *key, const struct titled_text *t, size_t n) {
    if (!n)
        return;
    jw_key(w, key);
    jw_arr_begin(w);
    for (size_t i = 0; i < n; i++) {
        jw_obj_begin(w);
        jw_kstr(w, "title", t[i].title);
        kstr_opt(w, "text", t[i].text);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

void plan_doc_write_rollup(struct jw *w, const struct rollup *r, const struct rating_level *scale, size_t n_scale) {
    jw_kint(w, "measures", r->measures);
    jw_key(w, "ratings");
    jw_arr_begin(w);
    for (size_t i = 0; i < n_scale && i < ROLLUP_MAX_LEVELS; i++) {
        jw_obj_begin(w);
        jw_kstr(w, "code", scale[i].code);
        jw_kstr(w, "label", scale[i].label);
        jw_kint(w, "count", r->rated[i]);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_kint(w, "unrated", r->unrated);
    jw_kint(w, "problems", r->problems);
    jw_kint(w, "kpis", r->kpis);
    jw_key(w, "kpi_status");
    jw_obj_begin(w);
    for (int i = 0; i < ROLLUP_KPI_STATUSES; i++)
        jw_kint(w, kpi_status_name((enum kpi_status)i), r->kpi_status[i]);
    jw_obj_end(w);
    double mean;
    jw_key(w, "achievement_mean");
    if (rollup_achievement_mean(r, &mean))
        jw_num(w, round(mean * 1e4) / 1e4);
    else
        jw_null(w);
}

/* "rollup": the plan's, and each pillar's and theme's by id (core/rollup.h). */
static void rollups(struct jw *w, const struct plan *p, int flags, kw_date today) {
    size_t n_themes = 0;
    for (size_t i = 0; i < p->n_pillars; i++)
        n_themes += p->pillars[i].n_themes;
    struct rollup plan, *pillars = calloc(p->n_pillars + 1, sizeof *pillars), *themes = calloc(n_themes + 1, sizeof *themes);
    rollup_plan(p, today, &plan, pillars, themes);
    const struct rating_level *scale;
    size_t n_scale;
    rollup_scale_of(p, &scale, &n_scale);
    jw_key(w, "rollup");
    jw_obj_begin(w);
    plan_doc_write_rollup(w, &plan, scale, n_scale);
    jw_key(w, "pillars");
    jw_arr_begin(w);
    size_t t = 0;
    for (size_t i = 0; i < p->n_pillars; i++) {
        jw_obj_begin(w);
        id_opt(w, flags, p->pillars[i].id);
        plan_doc_write_rollup(w, &pillars[i], scale, n_scale);
        jw_key(w, "themes");
        jw_arr_begin(w);
        for (size_t j = 0; j < p->pillars[i].n_themes; j++, t++) {
            jw_obj_begin(w);
            id_opt(w, flags, p->pillars[i].themes[j].id);
            plan_doc_write_rollup(w, &themes[t], scale, n_scale);
            jw_obj_end(w);
        }
        jw_arr_end(w);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
    free(pillars);
    free(themes);
}

void plan_doc_write_plan(struct jw *w, const struct plan *p, int flags, kw_date today) {
    bool members = flags & DOC_MEMBERS;
    flags &= ~DOC_MEMBERS;                       /* nested objects are whole */
    if (!members)
        jw_obj_begin(w);
    if (flags & DOC_WITH_IDS) jw_kint(w, "id", p->id);
    kstr_opt(w, "code", p->code);
    jw_kstr(w, "title", p->title);
    if (p->abolished)
        jw_kbool(w, "abolished", true);
    jw_kstr(w, "kind", p->kind);
    kstr_opt(w, "motto", p->motto);
    kstr_opt(w, "summary", p->summary);
    if (p->from_fy || p->to_fy) {
        jw_key(w, "period");
        jw_obj_begin(w);
        if (p->from_fy) jw_kint(w, "from_fy", p->from_fy);
        if (p->to_fy) jw_kint(w, "to_fy", p->to_fy);
        jw_obj_end(w);
    }
    kstr_opt(w, "review_cadence", p->review_cadence);
    kstr_opt(w, "version", p->version);
    kstr_opt(w, "published", p->published);
    if (p->n_revisions) {
        jw_key(w, "revisions");
        jw_arr_begin(w);
        for (size_t i = 0; i < p->n_revisions; i++) {
            jw_obj_begin(w);
            jw_kstr(w, "version", p->revisions[i].version);
            jw_kstr(w, "date", p->revisions[i].date);
            strlist(w, "notes", &p->revisions[i].notes, true);
            jw_obj_end(w);
        }
        jw_arr_end(w);
    }
    if (p->n_rating_scale) {
        jw_key(w, "rating_scale");
        jw_arr_begin(w);
        for (size_t i = 0; i < p->n_rating_scale; i++) {
            const struct rating_level *r = &p->rating_scale[i];
            jw_obj_begin(w);
            jw_kstr(w, "code", r->code);
            jw_kstr(w, "label", r->label);
            kstr_opt(w, "color", r->color);
            jw_kbool(w, "problem", r->problem);
            jw_obj_end(w);
        }
        jw_arr_end(w);
    }
    titled(w, "vision", p->vision, p->n_vision);
    titled(w, "principles", p->principles, p->n_principles);
    titled(w, "foundation", p->foundation, p->n_foundation);
    titled(w, "challenges", p->challenges, p->n_challenges);
    if (p->n_goals) {
        jw_key(w, "goals");
        jw_arr_begin(w);
        for (size_t i = 0; i < p->n_goals; i++) {
            const struct goal *g = &p->goals[i];
            jw_obj_begin(w);
            jw_kstr(w, "name", g->name);
            if (g->workload) jw_kstr(w, "kind", goal_kind_names[0]);
            kstr_opt(w, "unit", g->unit);
            if (g->has_direction) jw_kstr(w, "direction", direction_name(g->direction));
            if (g->baseline_fy) jw_kint(w, "baseline_fy", g->baseline_fy);
            jw_key(w, "target");
            jw_obj_begin(w);
            jw_knum(w, "value", g->target_value);
            if (g->target_fy) jw_kint(w, "fy", g->target_fy);
            jw_obj_end(w);
            kstr_opt(w, "note", g->note);
            jw_obj_end(w);
        }
        jw_arr_end(w);
    }
    if (!(flags & DOC_OWN)) {
        jw_key(w, "pillars");
        jw_arr_begin(w);
        for (size_t i = 0; i < p->n_pillars; i++)
            plan_doc_write_pillar(w, &p->pillars[i], flags, today);
        jw_arr_end(w);
        plan_logic_write(w, p);                  /* after the measures it names */
    }
    if (flags & DOC_WITH_DERIVED)
        rollups(w, p, flags, today);
    if (!members)
        jw_obj_end(w);
}

void plan_doc_write_pillar(struct jw *w, const struct pillar *pi, int flags, kw_date today) {
    bool members = flags & DOC_MEMBERS;
    flags &= ~DOC_MEMBERS;                       /* nested objects are whole */
    if (!members)
        jw_obj_begin(w);
    id_opt(w, flags, pi->id);
    jw_kstr(w, "code", pi->code);
    jw_kstr(w, "title", pi->title);
    if (pi->abolished)
        jw_kbool(w, "abolished", true);
    kstr_opt(w, "summary", pi->summary);
    strlist(w, "examples", &pi->examples, false);
    if (flags & DOC_OWN) {
        /* no themes or measures */
    } else if (pi->n_themes == 1 && theme_is_implicit(&pi->themes[0])) {
        /* a plan without a theme level: the measures under the pillar (the theme's id too, with ids) */
        const struct theme *t = &pi->themes[0];
        if ((flags & DOC_WITH_IDS) && t->id)
            jw_kint(w, "theme_id", t->id);
        jw_key(w, "measures");
        jw_arr_begin(w);
        for (size_t k = 0; k < t->n_measures; k++)
            plan_doc_write_measure(w, &t->measures[k], flags, today);
        jw_arr_end(w);
    } else {
        jw_key(w, "themes");
        jw_arr_begin(w);
        for (size_t j = 0; j < pi->n_themes; j++)
            plan_doc_write_theme(w, &pi->themes[j], flags, today);
        jw_arr_end(w);
    }
    if (!members)
        jw_obj_end(w);
}

void plan_doc_write_theme(struct jw *w, const struct theme *t, int flags, kw_date today) {
    bool members = flags & DOC_MEMBERS;
    flags &= ~DOC_MEMBERS;                       /* nested objects are whole */
    if (!members)
        jw_obj_begin(w);
    id_opt(w, flags, t->id);
    kstr_opt(w, "code", t->code);
    kstr_opt(w, "title", t->title);
    if (t->abolished)
        jw_kbool(w, "abolished", true);
    if (t->n_means) {
        jw_key(w, "means");
        jw_arr_begin(w);
        for (size_t k = 0; k < t->n_means; k++) {
            jw_obj_begin(w);
            jw_kstr(w, "name", t->means[k].name);
            kstr_opt(w, "note", t->means[k].note);
            jw_obj_end(w);
        }
        jw_arr_end(w);
    }
    if (!(flags & DOC_OWN)) {
        jw_key(w, "measures");
        jw_arr_begin(w);
        for (size_t k = 0; k < t->n_measures; k++)
            plan_doc_write_measure(w, &t->measures[k], flags, today);
        jw_arr_end(w);
    }
    if (!members)
        jw_obj_end(w);
}

void plan_doc_write_org(struct jw *w, const struct org *o) {
    jw_obj_begin(w);
    jw_kstr(w, "code", o->code);
    jw_kstr(w, "name", o->name);
    kstr_opt(w, "prefecture", o->prefecture);
    if (o->population) jw_kint(w, "population", o->population);
    jw_obj_end(w);
}

void plan_doc_write_department(struct jw *w, const struct department *d) {
    jw_obj_begin(w);
    jw_kstr(w, "code", d->code);
    jw_kstr(w, "name", d->name);
    kstr_opt(w, "parent", d->parent_code);
    if (d->abolished)
        jw_kbool(w, "abolished", true);
    jw_obj_end(w);
}

void plan_doc_write(struct buf *out, const struct org_doc *doc, int indent) {
    struct jw w;
    jw_init(&w, out, indent);
    jw_obj_begin(&w);
    jw_kstr(&w, "format", PLAN_DOC_FORMAT);
    jw_key(&w, "org");
    plan_doc_write_org(&w, &doc->org);
    jw_key(&w, "departments");
    jw_arr_begin(&w);
    for (size_t i = 0; i < doc->n_departments; i++)
        plan_doc_write_department(&w, &doc->departments[i]);
    jw_arr_end(&w);
    if (doc->n_bodies) {                         /* only when present: older documents stay as they were */
        jw_key(&w, "bodies");
        plan_doc_write_bodies(&w, doc->bodies, doc->n_bodies, 0, doc->n_plans > 1);
    }
    jw_key(&w, "plans");
    jw_arr_begin(&w);
    for (size_t i = 0; i < doc->n_plans; i++)
        plan_doc_write_plan(&w, &doc->plans[i], 0, 0);
    jw_arr_end(&w);
    jw_obj_end(&w);
    buf_putc(out, '\n');
}
