/* Reading the model's lists of objects from /api/v1 request bodies (api_input.h): a measure's
 * schedule and progress per fiscal year and quarter, a plan's titled texts (めざす姿,
 * principles) and its goals (業務量30%減). Each list is replaced as a whole; null clears it. */
#include <string.h>
#include "api/api_input.h"
#include "core/model.h"

bool input_period_items(struct input *in, const char *key, struct period_items **ret, size_t *ret_n, bool *ret_set) {
    json_t *arr = NULL;
    enum input_state st;
    if (!input_array(in, key, MODEL_MAX_LIST, IN_CLEARABLE, &arr, &st))
        return false;
    *ret_set = st != INPUT_ABSENT;
    size_t n = json_array_size(arr);
    struct period_items *v = arena_alloc(&in->r->arena, (n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        struct input e;
        int64_t quarter = 0;
        bool items_set;
        v[i] = (struct period_items){0};
        if (!input_item(in, key, arr, i, &e) || !input_fy(&e, "fy", IN_REQUIRED, &v[i].fy, NULL) ||
            !input_int(&e, "quarter", 1, 4, IN_CLEARABLE, &quarter, NULL) ||
            !input_strlist(&e, "items", &field_item, IN_REQUIRED, &v[i].items, &items_set))
            return false;
        v[i].quarter = (int)quarter;
        if (v[i].items.n == 0)
            return input_fail(&e, "items", "must hold at least one item (leave the year out instead)");
        for (size_t j = 0; j < i; j++)
            if (v[j].fy == v[i].fy && v[j].quarter == v[i].quarter) {
                if (v[i].quarter)
                    return input_fail(&e, "quarter", "FY%d Q%d appears twice in %s", v[i].fy, v[i].quarter, key);
                return input_fail(&e, "fy", "FY%d appears twice in %s", v[i].fy, key);
            }
    }
    *ret = v;
    *ret_n = n;
    return true;
}

bool input_titled(struct input *in, const char *key, struct titled_text **ret, size_t *ret_n, bool *ret_set) {
    json_t *arr = NULL;
    enum input_state st;
    if (!input_array(in, key, MODEL_MAX_LIST, IN_CLEARABLE, &arr, &st))
        return false;
    *ret_set = st != INPUT_ABSENT;
    size_t n = json_array_size(arr);
    struct titled_text *v = arena_alloc(&in->r->arena, (n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        struct input e;
        const char *title = NULL, *text = NULL;
        if (!input_item(in, key, arr, i, &e) || !input_label(&e, "title", &field_label, IN_REQUIRED, &title) ||
            !input_text(&e, "text", &field_text, IN_CLEARABLE, &text))
            return false;
        v[i] = (struct titled_text){(char *)title, text && *text ? (char *)text : NULL};
    }
    *ret = v;
    *ret_n = n;
    return true;
}

bool input_goals(struct input *in, const char *key, struct goal **ret, size_t *ret_n, bool *ret_set) {
    json_t *arr = NULL;
    enum input_state st;
    if (!input_array(in, key, MODEL_MAX_LIST, IN_CLEARABLE, &arr, &st))
        return false;
    *ret_set = st != INPUT_ABSENT;
    size_t n = json_array_size(arr);
    struct goal *v = arena_alloc(&in->r->arena, (n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        struct input e, target;
        const char *name = NULL, *unit = NULL, *note = NULL, *dir = NULL, *kind = NULL;
        v[i] = (struct goal){0};
        if (!input_item(in, key, arr, i, &e) || !input_label(&e, "name", &field_label, IN_REQUIRED, &name) ||
            !input_enum(&e, "kind", goal_kind_names, IN_CLEARABLE, &kind) ||
            !input_fy(&e, "baseline_fy", IN_CLEARABLE, &v[i].baseline_fy, NULL) ||
            !input_text(&e, "unit", &field_label, IN_CLEARABLE, &unit) ||
            !input_text(&e, "note", &field_text, IN_CLEARABLE, &note) ||
            !input_enum(&e, "direction", kpi_direction_names, IN_CLEARABLE, &dir) ||
            !input_object(&e, "target", IN_REQUIRED, &target, NULL) ||
            !input_number(&target, "value", IN_REQUIRED, &v[i].target_value, NULL) ||
            !input_fy(&target, "fy", IN_CLEARABLE, &v[i].target_fy, NULL))
            return false;
        v[i].name = (char *)name;
        v[i].unit = unit && *unit ? (char *)unit : NULL;
        v[i].note = note && *note ? (char *)note : NULL;
        v[i].has_direction = dir && *dir && direction_parse(dir, &v[i].direction) == 0;
        v[i].workload = kind && *kind;
    }
    *ret = v;
    *ret_n = n;
    return true;
}
