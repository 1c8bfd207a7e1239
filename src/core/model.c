/* Names of the model's enumerations, as used in the plan document and the API; the rules of
 * codes, and the addresses (keys) of measures in their plan. */
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "core/field.h"
#include "core/model.h"
#include "util/utf8.h"

const char *const kpi_direction_names[] = {"increase", "decrease", "keep", NULL};
const char *const kpi_perspective_names[] = {"citizen", "staff", NULL};
const char *const goal_kind_names[] = {"workload_reduction", NULL};
const char *const measure_status_names[] = {"planned", "active", "done", "merged", "abolished", NULL};
const char *const measure_scope_names[] = {"organization_wide", "cross_department", "department", "people_culture",
                                           NULL};
static const char *const target_states[] = {"set", "undecided", "none"};

static int lookup(const char *const *names, int n, const char *s) {
    for (int i = 0; i < n; i++)
        if (names[i] && s && strcmp(names[i], s) == 0)
            return i;
    return KW_EINVAL;
}

const char *direction_name(enum kpi_direction d) { return kpi_direction_names[d]; }
const char *target_state_name(enum kpi_target_state s) { return target_states[s]; }
const char *measure_status_name(enum measure_status s) { return measure_status_names[s]; }
const char *measure_scope_name(enum measure_scope s) { return s == SCOPE_UNSET ? NULL : measure_scope_names[s - 1]; }

int direction_parse(const char *s, enum kpi_direction *ret) {
    int i = lookup(kpi_direction_names, 3, s);
    if (i < 0) return i;
    *ret = (enum kpi_direction)i;
    return 0;
}

int measure_status_parse(const char *s, enum measure_status *ret) {
    int i = lookup(measure_status_names, 5, s);
    if (i < 0) return i;
    *ret = (enum measure_status)i;
    return 0;
}

int measure_scope_parse(const char *s, enum measure_scope *ret) {
    int i = lookup(measure_scope_names, 4, s);
    if (i < 0) return i;
    *ret = (enum measure_scope)(i + 1);
    return 0;
}

bool model_code_valid(const char *s, size_t max) {
    size_t n = strlen(s);
    if (n == 0 || n > max)
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_'))
            return false;
    }
    return true;
}

static bool space_or_control(int32_t c) {
    return c <= 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

bool model_label_code_valid(const char *s, size_t max) {
    size_t chars = 0;
    for (const char *p = s; *p;) {
        int32_t c;
        p += utf8_decode(p, &c);
        if (c == '/' || space_or_control(c) || ++chars > max)
            return false;
    }
    return chars > 0;
}

bool model_display_code_valid(const char *s) {
    return !strchr(s, '/') && field_check_str(s, &field_label, true) == FIELD_OK;
}

char *measure_path(struct arena *a, const char *pillar_code, const char *theme_code, const char *code) {
    return theme_code ? arena_printf(a, "%s/%s/%s", pillar_code, theme_code, code)
                      : arena_printf(a, "%s/%s", pillar_code, code);
}

/* A measure with the codes above it. */
struct placed { struct measure *m; const char *pillar, *theme; };

static int cmp_code(const void *x, const void *y) {
    return strcmp(((const struct placed *)x)->m->code, ((const struct placed *)y)->m->code);
}

static int cmp_key(const void *x, const void *y) {
    return strcmp(((const struct placed *)x)->m->key, ((const struct placed *)y)->m->key);
}

/* The measures of p with their pillar and theme codes, in plan order; allocated in a. */
static struct placed *placed_measures(struct arena *a, const struct plan *p, size_t *ret_n) {
    size_t n = 0;
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            n += p->pillars[i].themes[j].n_measures;
    struct placed *v = arena_alloc(a, (n ? n : 1) * sizeof *v);
    n = 0;
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++) {
            const struct theme *t = &p->pillars[i].themes[j];
            for (size_t k = 0; k < t->n_measures; k++)
                v[n++] = (struct placed){&t->measures[k], p->pillars[i].code, t->code};
        }
    *ret_n = n;
    return v;
}

struct measure **plan_measure_list(struct arena *a, const struct plan *p, size_t *ret_n) {
    size_t n;
    struct placed *v = placed_measures(a, p, &n);
    struct measure **ms = arena_alloc(a, (n ? n : 1) * sizeof *ms);
    for (size_t i = 0; i < n; i++)
        ms[i] = v[i].m;
    *ret_n = n;
    return ms;
}

int plan_keys_assign(struct arena *a, struct plan *p, const struct measure **ret_clash) {
    size_t n;
    struct placed *v = placed_measures(a, p, &n);
    qsort(v, n, sizeof *v, cmp_code);
    for (size_t i = 0; i < n; i++) {
        bool shared = (i > 0 && strcmp(v[i - 1].m->code, v[i].m->code) == 0) ||
                      (i + 1 < n && strcmp(v[i + 1].m->code, v[i].m->code) == 0);
        v[i].m->key = shared ? measure_path(a, v[i].pillar, v[i].theme, v[i].m->code) : v[i].m->code;
    }
    qsort(v, n, sizeof *v, cmp_key);
    for (size_t i = 1; i < n; i++)
        if (strcmp(v[i - 1].m->key, v[i].m->key) == 0) {
            if (ret_clash)
                *ret_clash = v[i].m;
            return KW_ECONFLICT;
        }
    return 0;
}

bool version_label_is_draft(const char *label) {
    static const char *const ends[] = {"案", "案）", "案)"};
    size_t n = label ? strlen(label) : 0;
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
        size_t e = strlen(ends[i]);
        if (n >= e && strcmp(label + n - e, ends[i]) == 0)
            return true;
    }
    return false;
}

struct measure *plan_measure_by_key(const struct plan *p, const char *key) {
    struct arena a = ARENA_INIT;
    size_t n;
    struct placed *v = placed_measures(&a, p, &n);
    struct measure *found = NULL;
    for (size_t i = 0; i < n && !found; i++)
        if ((v[i].m->key && strcmp(v[i].m->key, key) == 0) ||
            (strchr(key, '/') && strcmp(measure_path(&a, v[i].pillar, v[i].theme, v[i].m->code), key) == 0))
            found = v[i].m;
    arena_free(&a);
    return found;
}
