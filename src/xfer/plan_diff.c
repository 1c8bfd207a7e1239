/* Comparing two versions of a plan (see plan_diff.h). Both documents are parsed with jansson;
 * each level is flattened into a list of (key, parent, object) and the lists are matched by key. */
#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "xfer/plan_diff.h"

const char *diff_kind_name(enum diff_kind k) {
    static const char *const names[] = {"added", "removed", "moved", "changed"};
    return names[k];
}

/* One entity of a version: its key, the key of its parent, its title and its JSON object. */
struct node { char *key, *parent, *title; json_t *obj; };
struct level { struct node *v; size_t n, cap; };

struct diff { struct arena *a; struct diff_entry *v; size_t n, cap; };

static void push_node(struct arena *a, struct level *l, char *key, char *parent, const char *title, json_t *obj) {
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 32;
        struct node *v = arena_alloc(a, ncap * sizeof *v);
        if (l->n)
            memcpy(v, l->v, l->n * sizeof *v);
        l->v = v;
        l->cap = ncap;
    }
    l->v[l->n++] = (struct node){key, parent, arena_strdup(a, title ? title : ""), obj};
}

static const char *str(json_t *o, const char *k) {
    return json_string_value(json_object_get(o, k));
}

/* The pillars, themes, measures and KPIs of the first plan of doc. */
static int flatten(struct arena *a, json_t *doc, json_t **ret_plan, struct level lv[4]) {
    json_t *plan = json_array_get(json_object_get(doc, "plans"), 0);
    if (!json_is_object(plan))
        return KW_EINVAL;
    *ret_plan = plan;
    size_t i, j, k, x;
    json_t *pi, *t, *m, *kpi;
    json_array_foreach(json_object_get(plan, "pillars"), i, pi) {
        char *pk = arena_strdup(a, str(pi, "code") ? str(pi, "code") : "");
        push_node(a, &lv[0], pk, NULL, str(pi, "title"), pi);
        json_array_foreach(json_object_get(pi, "themes"), j, t) {
            /* theme codes restart in each pillar (江津市: ① in every reform): key by both */
            char *tk = arena_printf(a, "%s %s", pk, str(t, "code") ? str(t, "code") : str(t, "title") ? str(t, "title") : "");
            push_node(a, &lv[1], tk, pk, str(t, "title"), t);
            json_array_foreach(json_object_get(t, "measures"), k, m) {
                char *mk = arena_strdup(a, str(m, "code") ? str(m, "code") : "");
                push_node(a, &lv[2], mk, tk, str(m, "title"), m);
                json_array_foreach(json_object_get(m, "kpis"), x, kpi)
                    push_node(a, &lv[3], arena_printf(a, "%s %s", mk, str(kpi, "name") ? str(kpi, "name") : ""), mk,
                              str(kpi, "name"), kpi);
            }
        }
    }
    return 0;
}

static struct diff_entry *add(struct diff *d, const char *entity, const struct node *n, enum diff_kind kind) {
    if (d->n == d->cap) {
        size_t ncap = d->cap ? d->cap * 2 : 16;
        struct diff_entry *v = arena_alloc(d->a, ncap * sizeof *v);
        if (d->n)
            memcpy(v, d->v, d->n * sizeof *v);
        d->v = v;
        d->cap = ncap;
    }
    struct diff_entry *e = &d->v[d->n++];
    memset(e, 0, sizeof *e);
    e->entity = entity;
    e->key = n ? n->key : arena_strdup(d->a, "");
    e->title = n ? n->title : arena_strdup(d->a, "");
    e->kind = kind;
    return e;
}

static char *json_text(struct arena *a, json_t *v) {
    if (!v)
        return NULL;
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    char *copy = arena_strdup(a, s ? s : "null");
    free(s);
    return copy;
}

/* Members that hold the next level down are compared as entities of their own; the revision
 * history grows with every version and says nothing a comparison should. */
static bool child_member(const char *key) {
    return strcmp(key, "pillars") == 0 || strcmp(key, "themes") == 0 || strcmp(key, "measures") == 0 ||
           strcmp(key, "kpis") == 0 || strcmp(key, "revisions") == 0;
}

/* The members of before and after that differ, as an entry of kind "changed" (if any). */
static void compare_fields(struct diff *d, const char *entity, const struct node *n, json_t *before, json_t *after) {
    struct diff_field fields[64];
    size_t nf = 0;
    const char *key;
    json_t *v;
    json_object_foreach(before, key, v) {
        if (child_member(key) || nf == 64)
            continue;
        json_t *w = json_object_get(after, key);
        if (!w || !json_equal(v, w))
            fields[nf++] = (struct diff_field){arena_strdup(d->a, key), json_text(d->a, v), json_text(d->a, w)};
    }
    json_object_foreach(after, key, v) {
        if (child_member(key) || nf == 64 || json_object_get(before, key))
            continue;
        fields[nf++] = (struct diff_field){arena_strdup(d->a, key), NULL, json_text(d->a, v)};
    }
    if (!nf)
        return;
    struct diff_entry *e = add(d, entity, n, DIFF_CHANGED);
    e->fields = arena_memdup(d->a, fields, nf * sizeof *fields);
    e->n_fields = nf;
}

static const struct node *find(const struct level *l, const char *key) {
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i].key, key) == 0)
            return &l->v[i];
    return NULL;
}

/* Entities are matched by key; one whose key is gone on one side and new on the other but whose
 * title is the same (a theme that moved to another pillar and was renumbered) counts as moved. */
static void compare_level(struct diff *d, const char *entity, const struct level *from, const struct level *to) {
    bool *paired = arena_alloc(d->a, (from->n + 1) * sizeof *paired);
    const struct node **was = arena_alloc(d->a, (to->n + 1) * sizeof *was);
    for (size_t i = 0; i < to->n; i++) {
        was[i] = find(from, to->v[i].key);
        if (was[i])
            paired[was[i] - from->v] = true;
    }
    for (size_t i = 0; i < to->n; i++)
        for (size_t j = 0; !was[i] && to->v[i].title[0] && j < from->n; j++)
            if (!paired[j] && !find(to, from->v[j].key) && strcmp(from->v[j].title, to->v[i].title) == 0) {
                was[i] = &from->v[j];
                paired[j] = true;
            }
    for (size_t i = 0; i < from->n; i++)
        if (!paired[i])
            add(d, entity, &from->v[i], DIFF_REMOVED);
    for (size_t i = 0; i < to->n; i++) {
        const struct node *now = &to->v[i];
        if (!was[i]) {
            add(d, entity, now, DIFF_ADDED);
            continue;
        }
        if (was[i]->parent && now->parent && strcmp(was[i]->parent, now->parent) != 0) {
            struct diff_entry *e = add(d, entity, now, DIFF_MOVED);
            e->from = was[i]->parent;
            e->to = now->parent;
        }
        compare_fields(d, entity, now, was[i]->obj, now->obj);
    }
}

int plan_diff(struct arena *a, const char *from_doc, const char *to_doc, struct diff_entry **ret, size_t *ret_n) {
    json_t *from = json_loads(from_doc, 0, NULL), *to = json_loads(to_doc, 0, NULL);
    struct level lf[4] = {{0}}, lt[4] = {{0}};
    json_t *pf, *pt;
    int rc = from && to && flatten(a, from, &pf, lf) == 0 && flatten(a, to, &pt, lt) == 0 ? 0 : KW_EINVAL;
    struct diff d = {a, NULL, 0, 0};
    if (rc == 0) {
        struct node plan = {arena_strdup(a, ""), NULL, arena_strdup(a, str(pt, "title") ? str(pt, "title") : ""), pt};
        compare_fields(&d, "plan", &plan, pf, pt);
        static const char *const entities[] = {"pillar", "theme", "measure", "kpi"};
        for (int i = 0; i < 4; i++)
            compare_level(&d, entities[i], &lf[i], &lt[i]);
    }
    json_decref(from);
    json_decref(to);
    *ret = d.v;
    *ret_n = d.n;
    return rc;
}
