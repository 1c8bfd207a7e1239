/* Comparing two states of an organisation's plans (see doc_diff.h).
 *
 * Each side is flattened into levels of nodes (departments, plans, pillars, themes, measures,
 * KPIs, measurements, reviews, bodies, meetings), each node knowing its parent on its side and
 * the key it is matched by within that parent. Matching runs top-down, so a child is matched
 * only under its parent's match; themes and measures that found none are then matched across
 * parents of the same plan (moves). Matched nodes are compared as the plan document writes them
 * (plan_doc_write_* with DOC_OWN, then jansson, member by member), and a parent whose matched
 * children come in another order gets a field "order". A plan's logic model is compared apart
 * (compare_logic): a field "logic_model" with its counts. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/body.h"
#include "core/errors.h"
#include "core/logic_model.h"
#include "core/review.h"
#include "xfer/doc_diff.h"
#include "xfer/plan_bodies.h"
#include "xfer/plan_doc.h"

const char *diff_kind_name(enum diff_kind k) {
    static const char *const names[] = {"added", "removed", "moved", "changed", "kept", "abolished", "refused"};
    return names[k];
}

static const char *const entity_names[] = {"org", "department", "plan", "pillar", "theme", "measure", "kpi",
                                           "measurement", "review", "body", "meeting"};

/* The levels, in the order entries are listed; each level's parents are on the level named. */
enum level_id { L_DEPT, L_PLAN, L_PILLAR, L_THEME, L_MEASURE, L_KPI, L_MEASUREMENT, L_REVIEW, L_BODY, L_MEETING,
                N_LEVELS };
static const enum diff_entity level_entity[N_LEVELS] = {DE_DEPARTMENT, DE_PLAN, DE_PILLAR, DE_THEME, DE_MEASURE,
                                                        DE_KPI, DE_MEASUREMENT, DE_REVIEW, DE_BODY, DE_MEETING};
static const int parent_level[N_LEVELS] = {-1, -1, L_PLAN, L_PILLAR, L_THEME, L_MEASURE, L_KPI, L_MEASURE, -1, L_BODY};

struct node {
    const void *e;              /* the entity */
    int parent;                 /* index in the parent level on the same side; -1 at the top */
    int plan;                   /* index of its plan (levels from pillars to measures); -1 */
    char *key;                  /* what it is matched by within its parent */
    char *label, *title;        /* what the change list shows */
    int match;                  /* index on the other side; -1 */
    bool abolished;             /* already abolished: a document that lacks it removes nothing */
};

struct level { struct node *v; size_t n, cap; };
struct side { struct level lv[N_LEVELS]; const struct org_doc *doc; };

struct differ {
    struct arena *a;
    struct side from, to;
    bool merge;                 /* a document against the store (else two versions) */
    struct diff_entry *v;
    size_t n, cap;
};

static int push(struct differ *d, struct side *s, enum level_id l, const void *e, int parent, int plan, char *key,
                char *label, const char *title, bool abolished) {
    struct level *lv = &s->lv[l];
    lv->v = arena_grow(d->a, lv->v, sizeof *lv->v, &lv->cap, lv->n + 1);
    lv->v[lv->n] = (struct node){e, parent, plan, key, label, arena_strdup(d->a, title ? title : ""), -1, abolished};
    return (int)lv->n++;
}

/* ---- flattening one side */

static void flatten_plan(struct differ *d, struct side *s, const struct plan *p) {
    struct arena *a = d->a;
    int pl = push(d, s, L_PLAN, p, -1, -1, NULL, arena_strdup(a, p->code ? p->code : p->title), p->title, p->abolished);
    for (size_t i = 0; i < p->n_pillars; i++) {
        const struct pillar *pi = &p->pillars[i];
        int pn = push(d, s, L_PILLAR, pi, pl, pl, arena_strdup(a, pi->code), arena_strdup(a, pi->code), pi->title,
                      pi->abolished);
        for (size_t j = 0; j < pi->n_themes; j++) {
            const struct theme *t = &pi->themes[j];
            bool implicit = theme_is_implicit(t);
            char *key = implicit ? arena_strdup(a, "") : t->code ? arena_printf(a, "c %s", t->code)
                                                                : arena_printf(a, "t %s", t->title);
            char *label = implicit ? arena_strdup(a, pi->code)
                                   : arena_printf(a, "%s %s", pi->code, t->code ? t->code : t->title);
            int tn = push(d, s, L_THEME, t, pn, pl, key, label, t->title, t->abolished);
            for (size_t k = 0; k < t->n_measures; k++) {
                const struct measure *m = &t->measures[k];
                const char *mkey = m->key ? m->key : m->code;
                int mn = push(d, s, L_MEASURE, m, tn, pl, arena_strdup(a, m->code), arena_strdup(a, mkey), m->title,
                              m->status == MS_ABOLISHED);
                for (size_t x = 0; x < m->n_kpis; x++) {
                    const struct kpi *kp = &m->kpis[x];
                    char *kkey = kp->code ? arena_printf(a, "c %s", kp->code)
                                          : arena_printf(a, "n %s", kp->name ? kp->name : "");
                    int kn = push(d, s, L_KPI, kp, mn, pl, kkey,
                                  arena_printf(a, "%s %s", mkey, kp->code ? kp->code : kp->name ? kp->name : ""),
                                  kp->name, kp->abolished);
                    for (size_t y = 0; y < kp->n_measurements; y++) {
                        const struct measurement *me = &kp->measurements[y];
                        int nth = 0;                 /* values of one period: matched in their order */
                        for (size_t z = 0; z < y; z++)
                            nth += strcmp(kp->measurements[z].period, me->period) == 0;
                        push(d, s, L_MEASUREMENT, me, kn, pl, arena_printf(a, "%s #%d", me->period, nth),
                             arena_printf(a, "%s %s", mkey, me->period), kp->name, false);
                    }
                }
                for (size_t x = 0; x < m->n_reviews; x++) {
                    const struct review *rv = &m->reviews[x];
                    if (rv->state != REVIEW_CONFIRMED)
                        continue;               /* on its way through the cycle: not the plan's yet */
                    push(d, s, L_REVIEW, rv, mn, pl, arena_printf(a, "%d %d", rv->fy, rv->quarter),
                         arena_printf(a, "%s %d Q%d", mkey, rv->fy, rv->quarter), m->title, false);
                }
            }
        }
    }
}

static void flatten(struct differ *d, struct side *s, const struct org_doc *doc, bool plans_only) {
    s->doc = doc;
    if (!plans_only)
        for (size_t i = 0; i < doc->n_departments; i++) {
            const struct department *dp = &doc->departments[i];
            push(d, s, L_DEPT, dp, -1, -1, arena_strdup(d->a, dp->code), arena_strdup(d->a, dp->code), dp->name,
                 dp->abolished);
        }
    for (size_t i = 0; i < doc->n_plans && (!plans_only || i == 0); i++)
        flatten_plan(d, s, &doc->plans[i]);
    if (plans_only)
        return;
    for (size_t i = 0; i < doc->n_bodies; i++) {
        const struct body *b = &doc->bodies[i];
        int bn = push(d, s, L_BODY, b, -1, -1, arena_strdup(d->a, b->code), arena_strdup(d->a, b->code), b->name,
                      b->abolished);
        for (size_t j = 0; j < b->n_meetings; j++) {
            const struct meeting *mt = &b->meetings[j];
            push(d, s, L_MEETING, mt, bn, -1, arena_printf(d->a, "%s %s", mt->date, mt->title),
                 arena_printf(d->a, "%s %s", b->code, mt->date), mt->title, false);
        }
    }
}

/* ---- matching */

static void pair(struct node *f, int fi, struct node *t, int ti) {
    f->match = ti;
    t->match = fi;
}

/* Nodes of level l matched by key under matched parents (or at the top). */
static void match_by_key(struct differ *d, enum level_id l) {
    struct level *F = &d->from.lv[l], *T = &d->to.lv[l];
    int pl = parent_level[l];
    for (size_t i = 0; i < T->n; i++) {
        struct node *t = &T->v[i];
        int want = pl < 0 ? -1 : d->to.lv[pl].v[t->parent].match;
        if (pl >= 0 && want < 0)
            continue;
        for (size_t j = 0; j < F->n; j++) {
            struct node *f = &F->v[j];
            if (f->match < 0 && f->parent == want && strcmp(f->key, t->key) == 0) {
                pair(f, (int)j, t, (int)i);
                break;
            }
        }
    }
}

/* Plans: by code where both have one, else by title; a lone unmatched plan on each side is the
 * same plan renamed. */
static void match_plans(struct differ *d) {
    struct level *F = &d->from.lv[L_PLAN], *T = &d->to.lv[L_PLAN];
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < T->n; i++) {
            const struct plan *tp = T->v[i].e;
            for (size_t j = 0; j < F->n && T->v[i].match < 0; j++) {
                const struct plan *fp = F->v[j].e;
                bool same = pass == 0 ? tp->code && fp->code && strcmp(tp->code, fp->code) == 0
                                      : !(tp->code && fp->code) && strcmp(tp->title, fp->title) == 0;
                if (F->v[j].match < 0 && same)
                    pair(&F->v[j], (int)j, &T->v[i], (int)i);
            }
        }
    int fi = -1, ti = -1, nf = 0, nt = 0;
    for (size_t j = 0; j < F->n; j++)
        if (F->v[j].match < 0 && !F->v[j].abolished) { fi = (int)j; nf++; }
    for (size_t i = 0; i < T->n; i++)
        if (T->v[i].match < 0) { ti = (int)i; nt++; }
    if (nf == 1 && nt == 1)
        pair(&F->v[fi], fi, &T->v[ti], ti);
}

/* How many unmatched nodes of lv in plan pl have this text (by get). */
typedef const char *(*text_of_fn)(const struct node *n);
static int count_unmatched(const struct level *lv, int plan, text_of_fn get, const char *text) {
    int c = 0;
    for (size_t i = 0; i < lv->n; i++)
        if (lv->v[i].match < 0 && lv->v[i].plan == plan && get(&lv->v[i]) && strcmp(get(&lv->v[i]), text) == 0)
            c++;
    return c;
}

/* Themes and measures that found no match under their parent: matched with an unmatched one of
 * the same plan that has the same text (get), when that text is the only one of its kind on
 * both sides: a move to another pillar or theme. */
static void match_moves(struct differ *d, enum level_id l, text_of_fn get) {
    struct level *F = &d->from.lv[l], *T = &d->to.lv[l];
    for (size_t i = 0; i < T->n; i++) {
        struct node *t = &T->v[i];
        const char *text = get(t);
        int plan = d->to.lv[L_PLAN].v[t->plan].match;
        if (t->match >= 0 || !text || !*text || plan < 0 || count_unmatched(T, t->plan, get, text) != 1 ||
            count_unmatched(F, plan, get, text) != 1)
            continue;
        for (size_t j = 0; j < F->n; j++)
            if (F->v[j].match < 0 && F->v[j].plan == plan && get(&F->v[j]) && strcmp(get(&F->v[j]), text) == 0) {
                pair(&F->v[j], (int)j, t, (int)i);
                break;
            }
    }
}

/* Meetings that found no match by date and title: matched by date alone when each side has one
 * unmatched meeting of that date in the body (its title was corrected). */
static void match_meetings_by_date(struct differ *d) {
    struct level *F = &d->from.lv[L_MEETING], *T = &d->to.lv[L_MEETING];
    for (size_t i = 0; i < T->n; i++) {
        struct node *t = &T->v[i];
        int body = d->to.lv[L_BODY].v[t->parent].match;
        const char *date = ((const struct meeting *)t->e)->date;
        if (t->match >= 0 || body < 0)
            continue;
        int found = -1, nf = 0, nt = 0;
        for (size_t j = 0; j < F->n; j++)
            if (F->v[j].match < 0 && F->v[j].parent == body && strcmp(((const struct meeting *)F->v[j].e)->date, date) == 0) {
                found = (int)j;
                nf++;
            }
        for (size_t j = 0; j < T->n; j++)
            nt += T->v[j].match < 0 && T->v[j].parent == t->parent &&
                  strcmp(((const struct meeting *)T->v[j].e)->date, date) == 0;
        if (nf == 1 && nt == 1)
            pair(&F->v[found], found, t, (int)i);
    }
}

static const char *theme_title(const struct node *n) { return ((const struct theme *)n->e)->title; }
static const char *measure_code(const struct node *n) { return ((const struct measure *)n->e)->code; }
static const char *measure_title(const struct node *n) { return ((const struct measure *)n->e)->title; }

static void match_all(struct differ *d) {
    match_by_key(d, L_DEPT);
    match_plans(d);
    match_by_key(d, L_PILLAR);
    match_by_key(d, L_THEME);
    match_moves(d, L_THEME, theme_title);
    match_by_key(d, L_MEASURE);
    match_moves(d, L_MEASURE, measure_code);
    match_moves(d, L_MEASURE, measure_title);
    for (enum level_id l = L_KPI; l < N_LEVELS; l++)
        match_by_key(d, l);
    match_meetings_by_date(d);
}

/* ---- entries */

static struct diff_entry *add(struct differ *d, enum level_id l, enum diff_kind kind, const struct node *n) {
    d->v = arena_grow(d->a, d->v, sizeof *d->v, &d->cap, d->n + 1);
    struct diff_entry *e = &d->v[d->n++];
    memset(e, 0, sizeof *e);
    e->type = level_entity[l];
    e->entity = entity_names[e->type];
    e->key = n->label;
    e->title = n->title;
    e->kind = kind;
    return e;
}

/* The entity as the plan document writes it (its own members), parsed back with jansson. */
static json_t *as_json(enum diff_entity type, const void *e) {
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    switch (type) {
    case DE_ORG: plan_doc_write_org(&w, e); break;
    case DE_DEPARTMENT: plan_doc_write_department(&w, e); break;
    case DE_PLAN: plan_doc_write_plan(&w, e, DOC_OWN, 0); break;
    case DE_PILLAR: plan_doc_write_pillar(&w, e, DOC_OWN, 0); break;
    case DE_THEME: plan_doc_write_theme(&w, e, DOC_OWN, 0); break;
    case DE_MEASURE: plan_doc_write_measure(&w, e, DOC_OWN, 0); break;
    case DE_KPI: plan_doc_write_kpi(&w, e, DOC_OWN, 0); break;
    case DE_MEASUREMENT: plan_doc_write_measurement(&w, e, 0); break;
    case DE_REVIEW: plan_doc_write_review(&w, e, 0); break;
    case DE_BODY: plan_doc_write_body(&w, e, DOC_OWN, true); break;
    case DE_MEETING: plan_doc_write_meeting(&w, e, 0, true); break;
    }
    json_t *v = json_loadb(b.data, b.len, 0, NULL);
    buf_free(&b);
    return v;
}

static char *json_text(struct arena *a, json_t *v) {
    if (!v)
        return NULL;
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    char *copy = arena_strdup(a, s ? s : "null");
    free(s);
    return copy;
}

struct fields { struct diff_field *v; size_t n, cap; };

static void field_add(struct differ *d, struct fields *f, const char *name, char *before, char *after) {
    f->v = arena_grow(d->a, f->v, sizeof *f->v, &f->cap, f->n + 1);
    f->v[f->n++] = (struct diff_field){arena_strdup(d->a, name), before, after};
}

/* The members of was and now that differ. Two versions say nothing by their revision history,
 * which grows with every version. */
static void compare_members(struct differ *d, enum diff_entity type, const void *was, const void *now,
                            struct fields *f) {
    json_t *before = as_json(type, was), *after = as_json(type, now);
    const char *key;
    json_t *v;
    json_object_foreach(before, key, v) {
        if (!d->merge && strcmp(key, "revisions") == 0)
            continue;
        json_t *w = json_object_get(after, key);
        if (!w || !json_equal(v, w))
            field_add(d, f, key, json_text(d->a, v), json_text(d->a, w));
    }
    json_object_foreach(after, key, v) {
        if ((!d->merge && strcmp(key, "revisions") == 0) || json_object_get(before, key))
            continue;
        field_add(d, f, key, NULL, json_text(d->a, v));
    }
    json_decref(before);
    json_decref(after);
}

/* "order": the labels of a matched parent's matched children of level cl, as stored and as the
 * document has them, when the two orders differ. */
static void compare_order(struct differ *d, enum level_id cl, int from_parent, int to_parent, struct fields *f) {
    const struct level *F = &d->from.lv[cl], *T = &d->to.lv[cl];
    json_t *was = json_array(), *now = json_array();
    for (size_t i = 0; i < F->n; i++)
        if (F->v[i].parent == from_parent && F->v[i].match >= 0 && T->v[F->v[i].match].parent == to_parent)
            json_array_append_new(was, json_string(F->v[i].label));
    for (size_t i = 0; i < T->n; i++)             /* by their stored labels: keys may change */
        if (T->v[i].parent == to_parent && T->v[i].match >= 0 && F->v[T->v[i].match].parent == from_parent)
            json_array_append_new(now, json_string(F->v[T->v[i].match].label));
    if (!json_equal(was, now))
        field_add(d, f, "order", json_text(d->a, was), json_text(d->a, now));
    json_decref(was);
    json_decref(now);
}

/* Whether two nodes of a logic model (of the same key) say the same. */
static bool lm_node_same(const struct lm_node *x, const struct lm_node *y) {
    bool same = x->column == y->column && strcmp(x->text, y->text) == 0 &&
                (x->target_group && y->target_group ? strcmp(x->target_group, y->target_group) == 0
                                                    : x->target_group == y->target_group) &&
                x->measures.n == y->measures.n && x->n_kpis == y->n_kpis;
    for (size_t i = 0; same && i < x->measures.n; i++)
        same = strcmp(x->measures.items[i], y->measures.items[i]) == 0;
    for (size_t i = 0; same && i < x->n_kpis; i++)
        same = strcmp(x->kpis[i].measure, y->kpis[i].measure) == 0 && strcmp(x->kpis[i].kpi, y->kpis[i].kpi) == 0;
    return same;
}

static bool lm_has_edge(const struct logic_model *lm, const struct lm_edge *e) {
    for (size_t i = 0; lm && i < lm->n_edges; i++)
        if (strcmp(lm->edges[i].from, e->from) == 0 && strcmp(lm->edges[i].to, e->to) == 0)
            return true;
    return false;
}

/* "logic_model": a plan's logic model, when the two differ — in a merge only when the document
 * has one (it replaces the stored one as a whole; a document without one keeps it). The values
 * are counts, not the models: {"nodes","edges"} before, and after also how many nodes were
 * added, removed and changed and how many edges added and removed, nodes matched by key. */
static void compare_logic(struct differ *d, const struct plan *was, const struct plan *now, struct fields *f) {
    const struct logic_model *x = was->logic_model, *y = now->logic_model;
    if (d->merge && !y)
        return;
    size_t nx = x ? x->n_nodes : 0, ny = y ? y->n_nodes : 0, ex = x ? x->n_edges : 0, ey = y ? y->n_edges : 0;
    size_t added = 0, removed = 0, changed = 0, e_added = 0, e_removed = 0;
    for (size_t i = 0; i < ny; i++) {
        const struct lm_node *o = x ? lm_node_by_key(x, y->nodes[i].key) : NULL;
        if (!o)
            added++;
        else if (!lm_node_same(o, &y->nodes[i]))
            changed++;
    }
    for (size_t i = 0; i < nx; i++)
        removed += !y || !lm_node_by_key(y, x->nodes[i].key);
    for (size_t i = 0; i < ey; i++)
        e_added += !lm_has_edge(x, &y->edges[i]);
    for (size_t i = 0; i < ex; i++)
        e_removed += !lm_has_edge(y, &x->edges[i]);
    bool order = false;                          /* the same nodes and edges in another order */
    for (size_t i = 0; !order && nx == ny && i < nx; i++)
        order = strcmp(x->nodes[i].key, y->nodes[i].key) != 0;
    for (size_t i = 0; !order && ex == ey && i < ex; i++)
        order = strcmp(x->edges[i].from, y->edges[i].from) != 0 || strcmp(x->edges[i].to, y->edges[i].to) != 0;
    if (!added && !removed && !changed && !e_added && !e_removed && !order)
        return;
    char before[64], after[256];
    snprintf(before, sizeof before, "{\"nodes\":%zu,\"edges\":%zu}", nx, ex);
    snprintf(after, sizeof after,
             "{\"nodes\":%zu,\"edges\":%zu,\"nodes_added\":%zu,\"nodes_removed\":%zu,\"nodes_changed\":%zu,"
             "\"edges_added\":%zu,\"edges_removed\":%zu}", ny, ey, added, removed, changed, e_added, e_removed);
    field_add(d, f, "logic_model", arena_strdup(d->a, before), arena_strdup(d->a, after));
}

/* The levels whose order a node of level l holds (at most two: a pillar's themes or measures are
 * one level). */
static const int child_levels[N_LEVELS][2] = {
    [L_DEPT] = {-1, -1}, [L_PLAN] = {L_PILLAR, -1}, [L_PILLAR] = {L_THEME, -1}, [L_THEME] = {L_MEASURE, -1},
    [L_MEASURE] = {L_KPI, -1}, [L_KPI] = {-1, -1}, [L_MEASUREMENT] = {-1, -1}, [L_REVIEW] = {-1, -1},
    [L_BODY] = {-1, -1}, [L_MEETING] = {-1, -1},
};

static void emit_level(struct differ *d, enum level_id l) {
    const struct level *F = &d->from.lv[l], *T = &d->to.lv[l];
    int pl = parent_level[l];
    bool history = l == L_MEASUREMENT || l == L_REVIEW || l == L_MEETING;
    for (size_t i = 0; i < F->n; i++) {
        const struct node *f = &F->v[i];
        if (f->match >= 0 || (d->merge && f->abolished))
            continue;
        struct diff_entry *e = add(d, l, d->merge && history ? DIFF_KEPT : DIFF_REMOVED, f);
        e->was = f->e;
    }
    for (size_t i = 0; i < T->n; i++) {
        const struct node *t = &T->v[i];
        const void *parent = pl >= 0 ? d->to.lv[pl].v[t->parent].e : NULL;
        if (t->match < 0) {
            struct diff_entry *e = add(d, l, DIFF_ADDED, t);
            e->now = t->e;
            e->now_parent = parent;
            continue;
        }
        const struct node *f = &F->v[t->match];
        if (pl >= 0 && d->to.lv[pl].v[t->parent].match != f->parent) {
            struct diff_entry *e = add(d, l, DIFF_MOVED, t);
            e->from = d->from.lv[pl].v[f->parent].label;
            e->to = d->to.lv[pl].v[t->parent].label;
            e->was = f->e;
            e->now = t->e;
            e->now_parent = parent;
        }
        struct fields fs = {0};
        compare_members(d, level_entity[l], f->e, t->e, &fs);
        if (l == L_PLAN)
            compare_logic(d, f->e, t->e, &fs);
        for (int c = 0; c < 2; c++)
            if (child_levels[l][c] >= 0)
                compare_order(d, (enum level_id)child_levels[l][c], t->match, (int)i, &fs);
        if (fs.n) {
            struct diff_entry *e = add(d, l, DIFF_CHANGED, t);
            e->fields = fs.v;
            e->n_fields = fs.n;
            e->was = f->e;
            e->now = t->e;
            e->now_parent = parent;
        }
    }
}

/* The organisation's own fields, and the order of its departments, plans and bodies. */
static void emit_org(struct differ *d) {
    struct fields fs = {0};
    compare_members(d, DE_ORG, &d->from.doc->org, &d->to.doc->org, &fs);
    static const enum level_id tops[] = {L_DEPT, L_PLAN, L_BODY};
    for (size_t i = 0; i < 3; i++)
        compare_order(d, tops[i], -1, -1, &fs);
    if (!fs.n)
        return;
    struct node org = {.label = d->to.doc->org.code, .title = d->to.doc->org.name};
    struct diff_entry *e = add(d, L_DEPT, DIFF_CHANGED, &org);
    e->type = DE_ORG;
    e->entity = entity_names[DE_ORG];
    e->fields = fs.v;
    e->n_fields = fs.n;
    e->was = &d->from.doc->org;
    e->now = &d->to.doc->org;
}

int doc_diff_pairs(struct arena *a, const struct org_doc *from, const struct org_doc *to, struct diff_entry **ret,
                   size_t *ret_n, struct diff_pair **ret_pairs, size_t *ret_np) {
    struct differ d = {.a = a, .merge = true};
    flatten(&d, &d.from, from, false);
    flatten(&d, &d.to, to, false);
    match_all(&d);
    emit_org(&d);
    for (enum level_id l = 0; l < N_LEVELS; l++)
        emit_level(&d, l);
    *ret = d.v;
    *ret_n = d.n;
    if (ret_pairs) {
        size_t n = 0, cap = 0;
        struct diff_pair *v = NULL;
        for (enum level_id l = 0; l < N_LEVELS; l++)
            for (size_t i = 0; i < d.to.lv[l].n; i++)
                if (d.to.lv[l].v[i].match >= 0) {
                    v = arena_grow(a, v, sizeof *v, &cap, n + 1);
                    v[n++] = (struct diff_pair){level_entity[l], d.to.lv[l].v[i].e,
                                                d.from.lv[l].v[d.to.lv[l].v[i].match].e};
                }
        *ret_pairs = v;
        *ret_np = n;
    }
    return 0;
}

int doc_diff(struct arena *a, const struct org_doc *from, const struct org_doc *to, struct diff_entry **ret,
             size_t *ret_n) {
    return doc_diff_pairs(a, from, to, ret, ret_n, NULL, NULL);
}

int plan_diff(struct arena *a, const char *from_doc, const char *to_doc, struct diff_entry **ret, size_t *ret_n) {
    struct org_doc from, to;
    struct doc_errors errs;
    if (plan_doc_parse(from_doc, strlen(from_doc), a, &from, &errs) < 0 || from.n_plans == 0 ||
        plan_doc_parse(to_doc, strlen(to_doc), a, &to, &errs) < 0 || to.n_plans == 0)
        return KW_EINVAL;
    struct differ d = {.a = a, .merge = false};
    flatten(&d, &d.from, &from, true);
    flatten(&d, &d.to, &to, true);
    /* two versions of one plan: the plans are the same whatever their titles */
    pair(&d.from.lv[L_PLAN].v[0], 0, &d.to.lv[L_PLAN].v[0], 0);
    match_all(&d);
    for (enum level_id l = L_PLAN; l <= L_REVIEW; l++)
        emit_level(&d, l);
    *ret = d.v;
    *ret_n = d.n;
    return 0;
}

void diff_entries_write(struct jw *w, const struct diff_entry *v, size_t n) {
    jw_arr_begin(w);
    for (size_t i = 0; i < n; i++) {
        const struct diff_entry *e = &v[i];
        jw_obj_begin(w);
        jw_kstr(w, "entity", e->entity);
        jw_kstr(w, "kind", diff_kind_name(e->kind));
        jw_kstr(w, "key", e->key);
        jw_kstr(w, "title", e->title);
        if (e->kind == DIFF_MOVED || (e->from && e->to)) {
            jw_kstr(w, "moved_from", e->from);
            jw_kstr(w, "moved_to", e->to);
        }
        if (e->n_fields) {
            jw_key(w, "fields");
            jw_arr_begin(w);
            for (size_t j = 0; j < e->n_fields; j++) {
                jw_obj_begin(w);
                jw_kstr(w, "name", e->fields[j].name);
                jw_key(w, "before");
                if (e->fields[j].before) jw_raw(w, e->fields[j].before); else jw_null(w);
                jw_key(w, "after");
                if (e->fields[j].after) jw_raw(w, e->fields[j].after); else jw_null(w);
                jw_obj_end(w);
            }
            jw_arr_end(w);
        }
        if (e->note)
            jw_kstr(w, "note", e->note);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}
