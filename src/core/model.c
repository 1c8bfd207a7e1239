/* Names of the model's enumerations, as used in the plan document and the API. */
#include <string.h>
#include "core/errors.h"
#include "core/model.h"

static const char *const directions[] = {"increase", "decrease", "keep"};
static const char *const target_states[] = {"set", "undecided", "none"};
static const char *const statuses[] = {"planned", "active", "done", "merged", "abolished"};
static const char *const scopes[] = {NULL, "organization_wide", "cross_department", "department",
                                     "people_culture"};

static int lookup(const char *const *names, int n, const char *s) {
    for (int i = 0; i < n; i++)
        if (names[i] && s && strcmp(names[i], s) == 0)
            return i;
    return KW_EINVAL;
}

const char *direction_name(enum kpi_direction d) { return directions[d]; }
const char *target_state_name(enum kpi_target_state s) { return target_states[s]; }
const char *measure_status_name(enum measure_status s) { return statuses[s]; }
const char *measure_scope_name(enum measure_scope s) { return scopes[s]; }

int direction_parse(const char *s, enum kpi_direction *ret) {
    int i = lookup(directions, 3, s);
    if (i < 0) return i;
    *ret = (enum kpi_direction)i;
    return 0;
}

int measure_status_parse(const char *s, enum measure_status *ret) {
    int i = lookup(statuses, 5, s);
    if (i < 0) return i;
    *ret = (enum measure_status)i;
    return 0;
}

int measure_scope_parse(const char *s, enum measure_scope *ret) {
    int i = lookup(scopes, 5, s);
    if (i < 0) return i;
    *ret = (enum measure_scope)i;
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
