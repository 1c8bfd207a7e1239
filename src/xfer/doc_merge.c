/* Replacing an organisation by a plan document, keeping ids and history (see doc_merge.h).
 *
 * The change list comes from doc_diff. Removals are judged first (store_history): deleted when
 * nothing hangs off them, else refused or, with prune, abolished. Then the list is applied level
 * by level, top-down, each entry through the store's editing function of its entity (each writes
 * its own audit row and joins this transaction): an added entity creates its own row only (its
 * children are entries of their own, below it), a changed one is patched with the fields that
 * differ; links, which may name measures added later, follow the measures; removals run
 * bottom-up; last, parents whose children came in another order are renumbered. A store refusal
 * met on the way (a rating level still in use, a quarter under review) marks its entry refused
 * and undoes everything. */
#include <stdio.h>
#include <string.h>
#include "core/body.h"
#include "core/errors.h"
#include "store/store_ingest.h"
#include "store/store_logic.h"
#include "xfer/doc_merge.h"
#include "xfer/versions.h"

/* ---- ids of the document's entities: the stored ones they matched, or the rows made for them */

struct id_of { const void *now; int64_t id; };

struct merge {
    struct db *db;
    struct arena *a;
    const struct org_doc *doc;
    const struct actor *who;
    bool prune, keep_removed;
    int64_t org_id;
    struct id_of *ids;
    size_t n_ids, cap_ids;
    struct diff_entry *v;
    size_t n;
    size_t refused;
};

static void id_set(struct merge *m, const void *now, int64_t id) {
    m->ids = arena_grow(m->a, m->ids, sizeof *m->ids, &m->cap_ids, m->n_ids + 1);
    m->ids[m->n_ids++] = (struct id_of){now, id};
}

static int64_t id_get(const struct merge *m, const void *now) {
    for (size_t i = m->n_ids; i-- > 0;)
        if (m->ids[i].now == now)
            return m->ids[i].id;
    return 0;
}

/* The id of a stored entity (the struct it was loaded into). */
static int64_t stored_id(enum diff_entity type, const void *was) {
    switch (type) {
    case DE_ORG: return ((const struct org *)was)->id;
    case DE_DEPARTMENT: return ((const struct department *)was)->id;
    case DE_PLAN: return ((const struct plan *)was)->id;
    case DE_PILLAR: return ((const struct pillar *)was)->id;
    case DE_THEME: return ((const struct theme *)was)->id;
    case DE_MEASURE: return ((const struct measure *)was)->id;
    case DE_KPI: return ((const struct kpi *)was)->id;
    case DE_MEASUREMENT: return ((const struct measurement *)was)->id;
    case DE_REVIEW: return ((const struct review *)was)->id;
    case DE_BODY: return ((const struct body *)was)->id;
    case DE_MEETING: return ((const struct meeting *)was)->id;
    }
    return 0;
}

static bool has_field(const struct diff_entry *e, const char *name) {
    for (size_t i = 0; i < e->n_fields; i++)
        if (strcmp(e->fields[i].name, name) == 0)
            return true;
    return false;
}

static int refuse(struct merge *m, struct diff_entry *e, enum diff_reason reason, const char *why) {
    e->kind = DIFF_REFUSED;
    e->reason = reason;
    e->note = arena_strdup(m->a, why);
    m->refused++;
    return KW_ECONFLICT;
}

/* A store function's failure on entry e: refusals (conflicts, values the data does not allow)
 * mark the entry; the transaction is gone either way. */
static int failed(struct merge *m, struct diff_entry *e, int rc, const struct edit_fail *fail) {
    if (rc == KW_ECONFLICT || rc == KW_EINVAL)
        return refuse(m, e, REASON_STORE, fail->message[0] ? fail->message : kw_strerror(rc));
    return rc;
}

/* ---- removals: judged before anything is written */

static enum entity_kind history_kind(enum diff_entity t) {
    switch (t) {
    case DE_DEPARTMENT: return ENTITY_DEPARTMENT;
    case DE_PLAN: return ENTITY_PLAN;
    case DE_PILLAR: return ENTITY_PILLAR;
    case DE_THEME: return ENTITY_THEME;
    case DE_KPI: return ENTITY_KPI;
    case DE_BODY: return ENTITY_BODY;
    default: return ENTITY_MEASURE;
    }
}

/* Each removal: deleted (it stays DIFF_REMOVED), abolished (prune) or refused, by its history —
 * or with keep_removed kept as it is (DIFF_KEPT); a change of what publishing owns is refused. */
static int judge(struct merge *m) {
    for (size_t i = 0; i < m->n; i++) {
        struct diff_entry *e = &m->v[i];
        if (e->kind == DIFF_CHANGED && e->type == DE_PLAN &&
            (has_field(e, "version") || has_field(e, "published") || has_field(e, "revisions")))
            refuse(m, e, REASON_PUBLISHING, "a plan's version, date and revision history change only by publishing it (改訂履歴: "
                         "POST /api/v1/plans/{id}/versions); the working draft is replaced without them");
        if (e->kind != DIFF_REMOVED)
            continue;
        if (m->keep_removed) {
            e->kind = DIFF_KEPT;
            e->note = "kept: the document lacks it, and this merge removes nothing";
            continue;
        }
        struct history *h = arena_alloc(m->a, sizeof *h);
        int rc = store_history(m->db, history_kind(e->type), stored_id(e->type, e->was), h);
        if (rc < 0)
            return rc;
        if (!history_any(h))
            continue;
        char what[300], why[512];
        history_describe(h, what, sizeof what);
        e->history = h;
        if (m->prune) {
            e->kind = DIFF_ABOLISHED;
            e->reason = REASON_HISTORY;
            e->note = arena_printf(m->a, "kept as abolished (廃止) with its history: %s", what);
        } else {
            snprintf(why, sizeof why, "it has history that removing it would lose (%s): keep it in the document, or "
                                      "replace with prune to keep it as abolished (廃止)", what);
            refuse(m, e, REASON_HISTORY, why);
        }
    }
    return 0;
}

/* ---- additions and changes, level by level */

static int64_t parent_id(const struct merge *m, const struct diff_entry *e) { return id_get(m, e->now_parent); }

static int apply_department(struct merge *m, struct diff_entry *e) {
    const struct department *d = e->now;
    struct edit_fail fail = {0};
    int rc = 0;
    if (e->kind == DIFF_ADDED) {
        struct department copy = *d;
        copy.parent_code = NULL;                  /* set below, once every department exists */
        int64_t id;
        rc = store_department_create(m->db, m->org_id, &copy, STORE_LAST, m->who, &id, &fail);
        if (rc == 0)
            id_set(m, d, id);
    } else if (e->kind == DIFF_CHANGED) {
        struct department_patch p = {
            .name = has_field(e, "name") ? d->name : NULL,
            .set_abolished = has_field(e, "abolished"), .abolished = d->abolished,
        };
        if (p.name || p.set_abolished)
            rc = store_department_update(m->db, stored_id(e->type, e->was), &p, m->who, &fail);
    }
    return rc < 0 ? failed(m, e, rc, &fail) : 0;
}

/* Parents of departments, once all of them exist. */
static int apply_department_parent(struct merge *m, struct diff_entry *e) {
    const struct department *d = e->now;
    if (!(e->kind == DIFF_ADDED ? d->parent_code != NULL : e->kind == DIFF_CHANGED && has_field(e, "parent")))
        return 0;
    struct department_patch p = {.parent = d->parent_code ? d->parent_code : ""};
    struct edit_fail fail = {0};
    int64_t id = e->kind == DIFF_ADDED ? id_get(m, d) : stored_id(e->type, e->was);
    int rc = store_department_update(m->db, id, &p, m->who, &fail);
    return rc < 0 ? failed(m, e, rc, &fail) : 0;
}

static int apply_plan(struct merge *m, struct diff_entry *e) {
    const struct plan *p = e->now;
    struct edit_fail fail = {0};
    int64_t id = e->was ? stored_id(e->type, e->was) : 0;
    int rc = 0;
    if (e->kind == DIFF_ADDED) {               /* with its lists; nothing is published by a merge */
        rc = store_plan_create(m->db, m->org_id, p, STORE_LAST, m->who, &id, &fail);
        if (rc == 0)
            id_set(m, p, id);
        return rc < 0 ? failed(m, e, rc, &fail) : 0;
    }
    bool added = false;
    if (rc == 0 && e->kind == DIFF_CHANGED) {
        struct plan_patch pp = {
            .set_vision = added ? p->n_vision > 0 : has_field(e, "vision"), .vision = p->vision, .n_vision = p->n_vision,
            .set_principles = added ? p->n_principles > 0 : has_field(e, "principles"), .principles = p->principles,
            .n_principles = p->n_principles,
            .set_foundation = has_field(e, "foundation"), .foundation = p->foundation, .n_foundation = p->n_foundation,
            .set_challenges = has_field(e, "challenges"), .challenges = p->challenges,
            .n_challenges = p->n_challenges,
            .set_goals = added ? p->n_goals > 0 : has_field(e, "goals"), .goals = p->goals, .n_goals = p->n_goals,
        };
        if (!added) {
            pp.title = has_field(e, "title") ? p->title : NULL;
            pp.kind = has_field(e, "kind") ? p->kind : NULL;
            pp.motto = has_field(e, "motto") ? (p->motto ? p->motto : "") : NULL;
            pp.summary = has_field(e, "summary") ? (p->summary ? p->summary : "") : NULL;
            pp.review_cadence = has_field(e, "review_cadence") ? (p->review_cadence ? p->review_cadence : "") : NULL;
            pp.code = has_field(e, "code") ? (p->code ? p->code : "") : NULL;
            pp.set_period = has_field(e, "period");
            pp.from_fy = p->from_fy;
            pp.to_fy = p->to_fy;
            pp.set_abolished = has_field(e, "abolished");
            pp.abolished = p->abolished;
        }
        if (pp.title || pp.kind || pp.motto || pp.summary || pp.review_cadence || pp.code || pp.set_period ||
            pp.set_abolished || pp.set_vision || pp.set_principles || pp.set_foundation || pp.set_challenges ||
            pp.set_goals)
            rc = store_plan_update(m->db, id, &pp, m->who, &fail);
        if (rc == 0 && (added ? p->n_rating_scale > 0 : has_field(e, "rating_scale")))
            rc = store_rating_scale_set(m->db, id, p->rating_scale, p->n_rating_scale, m->who, &fail);
    }
    return rc < 0 ? failed(m, e, rc, &fail) : 0;
}

static int apply_pillar(struct merge *m, struct diff_entry *e) {
    const struct pillar *p = e->now;
    struct edit_fail fail = {0};
    int rc = 0;
    if (e->kind == DIFF_ADDED) {
        int64_t id;
        rc = store_pillar_create(m->db, parent_id(m, e), p, STORE_LAST, m->who, &id, &fail);
        if (rc == 0)
            id_set(m, p, id);
    } else if (e->kind == DIFF_CHANGED) {
        struct pillar_patch pp = {
            .code = has_field(e, "code") ? p->code : NULL, .title = has_field(e, "title") ? p->title : NULL,
            .summary = has_field(e, "summary") ? (p->summary ? p->summary : "") : NULL,
            .examples = has_field(e, "examples") ? &p->examples : NULL,
            .set_abolished = has_field(e, "abolished"), .abolished = p->abolished,
        };
        if (pp.code || pp.title || pp.summary || pp.examples || pp.set_abolished)
            rc = store_pillar_update(m->db, stored_id(e->type, e->was), &pp, m->who, &fail);
    }
    return rc < 0 ? failed(m, e, rc, &fail) : 0;
}

static int apply_theme(struct merge *m, struct diff_entry *e) {
    const struct theme *t = e->now;
    struct edit_fail fail = {0};
    int rc = 0;
    if (e->kind == DIFF_ADDED) {
        int64_t id;
        rc = store_theme_create(m->db, parent_id(m, e), t, STORE_LAST, m->who, &id, &fail);
        if (rc == 0)
            id_set(m, t, id);
    } else if (e->kind == DIFF_MOVED) {
        struct theme_patch tp = {.pillar_id = parent_id(m, e)};
        rc = store_theme_update(m->db, stored_id(e->type, e->was), &tp, m->who, &fail);
    } else if (e->kind == DIFF_CHANGED) {
        struct theme_patch tp = {
            .code = has_field(e, "code") ? (t->code ? t->code : "") : NULL,
            .title = has_field(e, "title") ? t->title : NULL,
            .set_means = has_field(e, "means"), .means = t->means, .n_means = t->n_means,
            .set_abolished = has_field(e, "abolished"), .abolished = t->abolished,
        };
        if (tp.code || tp.title || tp.set_means || tp.set_abolished)
            rc = store_theme_update(m->db, stored_id(e->type, e->was), &tp, m->who, &fail);
    }
    return rc < 0 ? failed(m, e, rc, &fail) : 0;
}

static int apply_measure(struct merge *m, struct diff_entry *e) {
    const struct measure *me = e->now;
    struct edit_fail fail = {0};
    int rc = 0;
    if (e->kind == DIFF_ADDED) {
        struct measure own = *me;                 /* its KPIs and reviews are entries of their own */
        own.kpis = NULL;
        own.n_kpis = 0;
        own.reviews = NULL;
        own.n_reviews = 0;
        own.links = (struct strlist){0};          /* links follow, once every measure exists */
        own.key = NULL;
        int64_t id;
        rc = store_measure_create(m->db, parent_id(m, e), &own, STORE_LAST, m->who, &id, &fail);
        if (rc == 0)
            id_set(m, me, id);
    } else if (e->kind == DIFF_MOVED) {
        struct measure_patch p = {.theme_id = parent_id(m, e)};
        rc = store_measure_edit(m->db, stored_id(e->type, e->was), &p, m->who, &fail);
    } else if (e->kind == DIFF_CHANGED) {
        struct measure_patch p = {
            .title = has_field(e, "title") ? me->title : NULL,
            .code = has_field(e, "code") ? me->code : NULL,
            .current = has_field(e, "current") ? (me->current ? me->current : "") : NULL,
            .ideal = has_field(e, "ideal") ? (me->ideal ? me->ideal : "") : NULL,
            .status = has_field(e, "status") ? measure_status_name(me->status) : NULL,
            .set_new_since = has_field(e, "new_since_fy"), .new_since_fy = me->new_since_fy,
            .set_scope = has_field(e, "scope"), .scope = measure_scope_name(me->scope),
            .departments = has_field(e, "departments") ? &me->departments : NULL,
            .means = has_field(e, "means") ? &me->means : NULL,
            .tags = has_field(e, "tags") ? &me->tags : NULL,
            .categories = has_field(e, "categories") ? &me->categories : NULL,
            .set_schedule = has_field(e, "schedule"), .schedule = me->schedule, .n_schedule = me->n_schedule,
            .set_progress = has_field(e, "progress"), .progress = me->progress, .n_progress = me->n_progress,
        };
        if (p.title || p.code || p.current || p.ideal || p.status || p.set_new_since || p.set_scope || p.departments ||
            p.means || p.tags || p.categories || p.set_schedule || p.set_progress)
            rc = store_measure_edit(m->db, stored_id(e->type, e->was), &p, m->who, &fail);
    }
    return rc < 0 ? failed(m, e, rc, &fail) : 0;
}

/* Links of added measures and changed links, once every measure exists. */
static int apply_measure_links(struct merge *m, struct diff_entry *e) {
    const struct measure *me = e->now;
    if (!(e->kind == DIFF_ADDED ? me->links.n > 0 : e->kind == DIFF_CHANGED && has_field(e, "links")))
        return 0;
    struct measure_patch p = {.links = &me->links};
    struct edit_fail fail = {0};
    int64_t id = e->kind == DIFF_ADDED ? id_get(m, me) : stored_id(e->type, e->was);
    int rc = store_measure_edit(m->db, id, &p, m->who, &fail);
    return rc < 0 ? failed(m, e, rc, &fail) : 0;
}

static int apply_kpi(struct merge *m, struct diff_entry *e) {
    const struct kpi *k = e->now;
    struct edit_fail fail = {0};
    int rc = 0;
    if (e->kind == DIFF_ADDED) {
        struct kpi own = *k;                      /* its measurements are entries of their own */
        own.measurements = NULL;
        own.n_measurements = 0;
        int64_t id;
        rc = store_kpi_create(m->db, parent_id(m, e), &own, STORE_LAST, m->who, &id, &fail);
        if (rc == 0)
            id_set(m, k, id);
    } else if (e->kind == DIFF_CHANGED) {
        struct kpi_patch p = {
            .code = has_field(e, "code") ? (k->code ? k->code : "") : NULL,
            .name = has_field(e, "name") ? (k->name ? k->name : "") : NULL,
            .unit = has_field(e, "unit") ? (k->unit ? k->unit : "") : NULL,
            .perspective = has_field(e, "perspective") ? (k->perspective ? k->perspective : "") : NULL,
            .definition = has_field(e, "definition") ? (k->definition ? k->definition : "") : NULL,
            .source = has_field(e, "source") ? (k->source ? k->source : "") : NULL,
            .set_direction = has_field(e, "direction"), .direction = k->direction,
            .set_baseline = has_field(e, "baseline"), .has_baseline = k->has_baseline,
            .baseline_value = k->baseline_value, .baseline_fy = k->baseline_fy,
            .set_target = has_field(e, "target"), .target_state = k->target_state,
            .target_value = k->target_value, .target_fy = k->target_fy,
            .set_abolished = has_field(e, "abolished"), .abolished = k->abolished,
        };
        rc = store_kpi_update(m->db, stored_id(e->type, e->was), &p, m->who, &fail);
    }
    return rc < 0 ? failed(m, e, rc, &fail) : 0;
}

static int apply_measurement(struct merge *m, struct diff_entry *e) {
    const struct measurement *x = e->now;
    struct edit_fail fail = {0};
    int rc = 0;
    if (e->kind == DIFF_ADDED) {
        int64_t id;
        rc = store_measurement_add(m->db, parent_id(m, e), x, m->who, &id);
    } else if (e->kind == DIFF_CHANGED) {
        struct measurement_patch p = {
            .set_value = true, .value = x->value, .note = x->note ? x->note : "", .source = x->source ? x->source : "",
        };
        rc = store_measurement_update(m->db, stored_id(e->type, e->was), &p, m->who);
    }
    return rc < 0 ? failed(m, e, rc, &fail) : 0;
}

static int apply_review(struct merge *m, struct diff_entry *e) {
    if (e->kind != DIFF_ADDED && e->kind != DIFF_CHANGED)
        return 0;
    struct edit_fail fail = {0};
    int rc = store_review_record(m->db, parent_id(m, e), e->now, m->who, &fail);
    return rc < 0 ? failed(m, e, rc, &fail) : 0;
}

/* The id of the measure a meeting names (plan title, key) in the organisation now. */
static int meeting_measures(struct merge *m, const struct meeting *mt, struct meeting_measure **ret) {
    struct meeting_measure *v = arena_alloc(m->a, (mt->n_measures + 1) * sizeof *v);
    for (size_t i = 0; i < mt->n_measures; i++) {
        v[i] = mt->measures[i];
        int64_t plan = 0;
        for (size_t j = 0; j < m->doc->n_plans && !plan; j++)
            if (!mt->measures[i].plan || strcmp(m->doc->plans[j].title, mt->measures[i].plan) == 0)
                plan = id_get(m, &m->doc->plans[j]);
        if (!plan || store_measure_id_by_key(m->db, plan, mt->measures[i].code, &v[i].measure_id) < 0)
            return KW_EINVAL;
    }
    *ret = v;
    return 0;
}

static int apply_body(struct merge *m, struct diff_entry *e) {
    const struct body *b = e->now;
    struct edit_fail fail = {0};
    int rc = 0;
    if (e->kind == DIFF_ADDED) {
        int64_t id;
        rc = store_body_create(m->db, m->org_id, b, STORE_LAST, m->who, &id, &fail);
        if (rc == 0)
            id_set(m, b, id);
    } else if (e->kind == DIFF_CHANGED) {
        struct body_patch p = {
            .name = has_field(e, "name") ? b->name : NULL, .kind = has_field(e, "kind") ? b->kind : NULL,
            .description = has_field(e, "description") ? (b->description ? b->description : "") : NULL,
            .set_abolished = has_field(e, "abolished"), .abolished = b->abolished,
            .topics = has_field(e, "topics") ? &b->topics : NULL,
            .set_members = has_field(e, "members"), .members = b->members, .n_members = b->n_members,
        };
        rc = store_body_update(m->db, stored_id(e->type, e->was), &p, m->who, &fail);
    }
    return rc < 0 ? failed(m, e, rc, &fail) : 0;
}

static int apply_meeting(struct merge *m, struct diff_entry *e) {
    const struct meeting *mt = e->now;
    struct edit_fail fail = {0};
    struct meeting_measure *mm = NULL;
    int rc = 0;
    if (e->kind == DIFF_ADDED || (e->kind == DIFF_CHANGED && has_field(e, "measures")))
        if (meeting_measures(m, mt, &mm) < 0)
            return refuse(m, e, REASON_STORE, "names a measure the organisation does not have");
    if (e->kind == DIFF_ADDED) {
        struct meeting copy = *mt;
        copy.measures = mm;
        int64_t id;
        rc = store_meeting_create(m->db, parent_id(m, e), &copy, m->who, &id, &fail);
    } else if (e->kind == DIFF_CHANGED) {
        struct meeting_patch p = {
            .title = has_field(e, "title") ? mt->title : NULL,
            .agenda = has_field(e, "agenda") ? (mt->agenda ? mt->agenda : "") : NULL,
            .minutes = has_field(e, "minutes") ? (mt->minutes ? mt->minutes : "") : NULL,
            .set_measures = has_field(e, "measures"), .measures = mm, .n_measures = mt->n_measures,
        };
        rc = store_meeting_update(m->db, stored_id(e->type, e->was), &p, m->who, &fail);
    }
    return rc < 0 ? failed(m, e, rc, &fail) : 0;
}

/* ---- removals, bottom-up */

/* True while a measure names department id. */
static bool department_still_named(struct merge *m, int64_t id) { return store_department_in_use(m->db, id); }

static int apply_removal(struct merge *m, struct diff_entry *e) {
    if (e->kind != DIFF_REMOVED && e->kind != DIFF_ABOLISHED)
        return 0;
    bool abolish = e->kind == DIFF_ABOLISHED;
    int64_t id = stored_id(e->type, e->was);
    struct edit_fail fail = {0};
    int rc = 0;
    switch (e->type) {
    case DE_KPI: {
        struct kpi_patch p = {.set_abolished = true, .abolished = true};
        rc = abolish ? store_kpi_update(m->db, id, &p, m->who, &fail) : store_kpi_delete(m->db, id, m->who, &fail);
        break;
    }
    case DE_MEASURE: {
        struct measure_patch p = {.status = "abolished"};
        rc = abolish ? store_measure_edit(m->db, id, &p, m->who, &fail) : store_measure_delete(m->db, id, m->who, &fail);
        break;
    }
    case DE_THEME: {
        struct theme_patch p = {.set_abolished = true, .abolished = true};
        rc = abolish ? store_theme_update(m->db, id, &p, m->who, &fail) : store_theme_delete(m->db, id, m->who, &fail);
        break;
    }
    case DE_PILLAR: {
        struct pillar_patch p = {.set_abolished = true, .abolished = true};
        rc = abolish ? store_pillar_update(m->db, id, &p, m->who, &fail) : store_pillar_delete(m->db, id, m->who, &fail);
        break;
    }
    case DE_PLAN: {
        struct plan_patch p = {.set_abolished = true, .abolished = true};
        rc = abolish ? store_plan_update(m->db, id, &p, m->who, &fail) : store_plan_delete(m->db, id, m->who, &fail);
        break;
    }
    case DE_BODY: {
        struct body_patch p = {.set_abolished = true, .abolished = true};
        rc = abolish ? store_body_update(m->db, id, &p, m->who, &fail) : store_body_delete(m->db, id, m->who, &fail);
        break;
    }
    case DE_DEPARTMENT: {
        struct department_patch p = {.set_abolished = true, .abolished = true};
        if (!abolish && m->prune && department_still_named(m, id)) {   /* by a measure kept as abolished */
            abolish = true;
            e->kind = DIFF_ABOLISHED;
            e->reason = REASON_STORE;
            e->note = arena_strdup(m->a, "kept as abolished (廃止): measures kept as abolished name it");
        }
        rc = abolish ? store_department_update(m->db, id, &p, m->who, &fail)
                     : store_department_delete(m->db, id, m->who, &fail);
        break;
    }
    default:
        break;                                    /* history: kept */
    }
    return rc < 0 ? failed(m, e, rc, &fail) : 0;
}

/* ---- order */

/* Puts entity id (of kind) at position pos among its siblings, when it is not there already. */
static int place(struct merge *m, enum entity_kind kind, int64_t id, int pos) {
    int now = 0;
    int rc = store_position(m->db, kind, id, &now);
    if (rc < 0 || now == pos)
        return rc;
    struct edit_fail fail = {0};
    switch (kind) {
    case ENTITY_DEPARTMENT: {
        struct department_patch p = {.set_position = true, .position = pos};
        return store_department_update(m->db, id, &p, m->who, &fail);
    }
    case ENTITY_PLAN: {
        struct plan_patch p = {.set_position = true, .position = pos};
        return store_plan_update(m->db, id, &p, m->who, &fail);
    }
    case ENTITY_PILLAR: {
        struct pillar_patch p = {.set_position = true, .position = pos};
        return store_pillar_update(m->db, id, &p, m->who, &fail);
    }
    case ENTITY_THEME: {
        struct theme_patch p = {.set_position = true, .position = pos};
        return store_theme_update(m->db, id, &p, m->who, &fail);
    }
    case ENTITY_MEASURE: {
        struct measure_patch p = {.set_position = true, .position = pos};
        return store_measure_edit(m->db, id, &p, m->who, &fail);
    }
    case ENTITY_KPI: {
        struct kpi_patch p = {.set_position = true, .position = pos};
        return store_kpi_update(m->db, id, &p, m->who, &fail);
    }
    case ENTITY_BODY: {
        struct body_patch p = {.set_position = true, .position = pos};
        return store_body_update(m->db, id, &p, m->who, &fail);
    }
    case ENTITY_MEASUREMENT:
        break;                          /* measurements are in date order */
    }
    return 0;
}

/* Every entity of the document at its place among its siblings, in order, so that each one
 * placed pushes the rest after it: after additions (which came last) and moves, the stored order
 * is the document's. Only what is out of place is written (and audited as a move). */
static int apply_order(struct merge *m) {
    const struct org_doc *d = m->doc;
    int rc = 0;
    for (size_t i = 0; i < d->n_departments && rc == 0; i++)
        rc = place(m, ENTITY_DEPARTMENT, id_get(m, &d->departments[i]), (int)i);
    for (size_t i = 0; i < d->n_bodies && rc == 0; i++)
        rc = place(m, ENTITY_BODY, id_get(m, &d->bodies[i]), (int)i);
    for (size_t p = 0; p < d->n_plans && rc == 0; p++) {
        const struct plan *pl = &d->plans[p];
        rc = place(m, ENTITY_PLAN, id_get(m, pl), (int)p);
        for (size_t i = 0; i < pl->n_pillars && rc == 0; i++) {
            const struct pillar *pi = &pl->pillars[i];
            rc = place(m, ENTITY_PILLAR, id_get(m, pi), (int)i);
            for (size_t j = 0; j < pi->n_themes && rc == 0; j++) {
                const struct theme *t = &pi->themes[j];
                rc = place(m, ENTITY_THEME, id_get(m, t), (int)j);
                for (size_t k = 0; k < t->n_measures && rc == 0; k++) {
                    const struct measure *me = &t->measures[k];
                    rc = place(m, ENTITY_MEASURE, id_get(m, me), (int)k);
                    for (size_t x = 0; x < me->n_kpis && rc == 0; x++)
                        rc = place(m, ENTITY_KPI, id_get(m, &me->kpis[x]), (int)x);
                }
            }
        }
    }
    return rc;
}

/* ---- the whole */

typedef int (*apply_fn)(struct merge *m, struct diff_entry *e);

/* Runs fn on the entries of type, in list order (backwards: bottom-up removals need no order
 * within a level). Stops at the first failure. */
static int each(struct merge *m, enum diff_entity type, apply_fn fn) {
    for (size_t i = 0; i < m->n; i++)
        if (m->v[i].type == type) {
            int rc = fn(m, &m->v[i]);
            if (rc < 0)
                return rc;
        }
    return 0;
}

static int apply(struct merge *m) {
    const struct org_doc *d = m->doc;
    int rc = 0;
    for (size_t i = 0; i < m->n && rc == 0; i++) {
        struct diff_entry *e = &m->v[i];
        if (e->type == DE_ORG) {
            struct org_patch p = {
                .name = has_field(e, "name") ? d->org.name : NULL,
                .prefecture = has_field(e, "prefecture") ? (d->org.prefecture ? d->org.prefecture : "") : NULL,
                .set_population = has_field(e, "population"), .population = d->org.population,
            };
            struct edit_fail fail = {0};
            if (p.name || p.prefecture || p.set_population)
                rc = store_org_update(m->db, m->org_id, &p, m->who, &fail);
            if (rc < 0)
                rc = failed(m, e, rc, &fail);
        }
    }
    static const struct { enum diff_entity type; apply_fn fn; } steps[] = {
        {DE_DEPARTMENT, apply_department}, {DE_DEPARTMENT, apply_department_parent}, {DE_PLAN, apply_plan},
        {DE_PILLAR, apply_pillar}, {DE_THEME, apply_theme}, {DE_MEASURE, apply_measure},
        {DE_MEASURE, apply_measure_links}, {DE_KPI, apply_kpi}, {DE_MEASUREMENT, apply_measurement},
        {DE_REVIEW, apply_review}, {DE_BODY, apply_body}, {DE_MEETING, apply_meeting},
        /* removals, bottom-up: a parent is empty (or keeps abolished children) when its turn comes */
        {DE_MEETING, apply_removal}, {DE_BODY, apply_removal}, {DE_KPI, apply_removal},
        {DE_MEASURE, apply_removal}, {DE_THEME, apply_removal}, {DE_PILLAR, apply_removal},
        {DE_PLAN, apply_removal}, {DE_DEPARTMENT, apply_removal},
    };
    for (size_t i = 0; i < sizeof steps / sizeof *steps && rc == 0; i++)
        rc = each(m, steps[i].type, steps[i].fn);
    if (rc == 0)
        rc = apply_order(m);
    for (size_t i = 0; i < d->n_plans && rc == 0; i++)    /* a logic model is replaced as a whole */
        if (d->plans[i].logic_model) {
            struct edit_fail fail = {0};
            rc = store_logic_set(m->db, id_get(m, &d->plans[i]), d->plans[i].logic_model, m->who, &fail);
        }
    return rc;
}

/* The ids of the document's entities that are stored already. */
static void ids_of_pairs(struct merge *m, const struct diff_pair *v, size_t n) {
    for (size_t i = 0; i < n; i++)
        id_set(m, v[i].now, stored_id(v[i].type, v[i].was));
}

int doc_merge(struct db *db, struct arena *a, const struct org_doc *doc, const struct merge_opts *o,
              const struct actor *who, struct merge_result *ret) {
    memset(ret, 0, sizeof *ret);
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    struct org stored_org;
    rc = store_org_by_code(db, a, doc->org.code, &stored_org);
    if (rc == KW_ENOTFOUND) {                     /* a new organisation: imported whole */
        ret->created = true;
        rc = version_store_document(db, doc, who);
        if (rc == 0 && o->dry_run)
            db_rollback(db);
        else if (rc == 0)
            rc = db_commit(db);
        else
            db_rollback(db);
        return rc;
    }
    struct org_doc stored;
    struct merge m = {.db = db, .a = a, .doc = doc, .who = who, .prune = o->prune, .keep_removed = o->keep_removed,
                     .org_id = stored_org.id};
    struct diff_pair *pairs = NULL;
    size_t np = 0;
    if (rc == 0)
        rc = store_org_doc_load(db, a, doc->org.code, &stored);
    if (rc == 0)
        rc = doc_diff_pairs(a, &stored, doc, &m.v, &m.n, &pairs, &np);
    if (rc == 0) {
        id_set(&m, &doc->org, stored_org.id);
        ids_of_pairs(&m, pairs, np);
        rc = judge(&m);
    }
    if (rc == 0 && m.refused == 0)
        rc = apply(&m);
    if (rc == 0 && m.refused == 0) {
        char after[160];
        snprintf(after, sizeof after, "{\"code\":\"%s\",\"changes\":%zu}", doc->org.code, m.n);
        rc = store_audit(db, who, "org", stored_org.id, "replace", NULL, after);
    }
    ret->changes = m.v;
    ret->n = m.n;
    ret->refused = m.refused;
    if (rc == 0 && m.refused)
        rc = KW_ECONFLICT;
    if (rc < 0 || o->dry_run) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db);
}
