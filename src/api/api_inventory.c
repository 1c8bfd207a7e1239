/* /api/v1 handlers of a department's workload inventory (業務棚卸し, issue 14 point 1): GET its
 * businesses of one survey FY with their steps and hours, and PUT that replaces them — the
 * department's complete inventory of that FY, as a survey CSV gives it, applied by
 * store_survey_apply: businesses matched by code and steps by number keep their ids (and the
 * means applied to them); a step with a means applied is never deleted (409 naming it).
 *
 *   {"department":{"id","code","name"},"survey_fy":2024,"businesses":[{"id","code","name",
 *    "volume","note"?,"hours","hours_by_staff":{"regular","fiscal_year","outsourced"},
 *    "steps":[{"id","number","name","minutes","staff","channel","flags":[…]}]}]}
 *
 * PUT takes {"businesses":[…]} with the writable members only: code, name, volume, note?, steps
 * (number, name, minutes, staff, channel, flags); the read-only ones (ids, hours, department,
 * survey_fy) are refused as fields the call does not take (400), so that no one believes an id
 * renamed or moved anything. staff, channel and flags use core/workload.h's names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "api/api_input.h"
#include "core/errors.h"
#include "core/fiscal.h"
#include "http/session.h"
#include "store/store_survey.h"
#include "util/buf.h"
#include "xfer/survey_csv.h"

enum { INVENTORY_MAX_BUSINESSES = 2000 };   /* a department's businesses in one PUT */

/* The survey FY: ?fy= in any form fy_parse takes, or (when absent and allowed) the department's
 * default. False after replying 400. */
static bool survey_fy_of(struct req *r, int64_t dept_id, bool required, int *ret) {
    const char *q = req_query(r, "fy");
    if (q && *q)
        return req_fy_or_400(r, "fy", q, ret);
    if (required) {
        resp_error(r, 400, "bad_request", "fy is required: the survey year whose inventory the body replaces", "fy");
        return false;
    }
    int rc = store_survey_default_fy(r->db, dept_id, ret);
    if (rc < 0)
        resp_store_error(r, rc, NULL, NULL);
    return rc == 0;
}


static void business_write(struct jw *w, const struct business *b) {
    double by_staff[STAFF_COUNT] = {0};
    double hours = workload_business_hours(b, by_staff);
    jw_obj_begin(w);
    jw_kint(w, "id", b->id);
    jw_kstr(w, "code", b->code);
    jw_kstr(w, "name", b->name);
    jw_knum(w, "volume", b->volume);
    if (b->note && *b->note)
        jw_kstr(w, "note", b->note);
    jw_knum(w, "hours", hours);
    jw_key(w, "hours_by_staff");
    jw_obj_begin(w);
    for (int i = 0; i < STAFF_COUNT; i++)
        jw_knum(w, staff_type_names[i], by_staff[i]);
    jw_obj_end(w);
    jw_key(w, "steps");
    jw_arr_begin(w);
    for (size_t j = 0; j < b->n_steps; j++)
        workload_step_write(w, &b->steps[j]);
    jw_arr_end(w);
    jw_obj_end(w);
}

/* The department's inventory of fy as GET answers it. */
static void inventory_reply(struct req *r, int64_t dept_id, int fy, int status) {
    struct survey_part p;
    struct department_contact dc;
    int64_t org_id;
    int rc = store_department_contact(r->db, &r->arena, dept_id, &dc);
    if (rc == 0)
        rc = store_survey_part_load(r->db, &r->arena, dept_id, fy, &p, &org_id);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_key(&w, "department");
    jw_obj_begin(&w);
    jw_kint(&w, "id", dc.id);
    jw_kstr(&w, "code", dc.code);
    jw_kstr(&w, "name", dc.name);
    jw_obj_end(&w);
    jw_kint(&w, "survey_fy", fy);
    jw_key(&w, "businesses");
    jw_arr_begin(&w);
    for (size_t i = 0; i < p.n; i++)
        business_write(&w, &p.businesses[i]);
    jw_arr_end(&w);
    jw_obj_end(&w);
    api_reply(r, status);
}

/* GET /api/v1/departments/{id}/inventory */
void api_inventory_get(struct req *r) {
    int64_t id;
    int fy;
    if (!req_param_id(r, 0, &id) || !survey_fy_of(r, id, false, &fy))
        return;
    r->cacheable = false;
    inventory_reply(r, id, fy, 200);
}

/* ---- reading the PUT body */

/* A number of 0 or more. */
static bool amount(struct input *in, const char *key, double *ret) {
    if (!input_number(in, key, IN_REQUIRED, ret, NULL))
        return false;
    return *ret >= 0 || input_fail(in, key, "must be 0 or more");
}

/* The flags: names of core/workload.h, each once. */
static bool flags_read(struct input *in, unsigned *ret) {
    struct strlist l;
    bool set;
    *ret = 0;
    if (!input_strlist(in, "flags", &field_label, 0, &l, &set))
        return false;
    for (size_t i = 0; i < l.n; i++) {
        int bit = -1;
        for (int f = 0; f < FLAG_COUNT && bit < 0; f++)
            if (strcmp(flag_names[f], l.items[i]) == 0)
                bit = f;
        char item[32];
        snprintf(item, sizeof item, "flags[%zu]", i);
        if (bit < 0)
            return input_fail(in, item, "must be one of paper, seal, in_person, transcription, approval");
        if (*ret & (1u << bit))
            return input_fail(in, item, "%s is given twice", flag_names[bit]);
        *ret |= 1u << bit;
    }
    return true;
}

static int enum_index(const char *const *names, const char *s) {
    for (int i = 0; names[i]; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return 0;
}

static bool step_read(struct input *e, struct step *s) {
    int64_t number;
    const char *name, *staff, *channel;
    if (!input_int(e, "number", 1, SURVEY_MAX_STEP, IN_REQUIRED, &number, NULL) ||
        !input_label(e, "name", &field_label, IN_REQUIRED, &name) || !amount(e, "minutes", &s->minutes) ||
        !input_enum(e, "staff", staff_type_names, IN_REQUIRED, &staff) ||
        !input_enum(e, "channel", channel_names, IN_REQUIRED, &channel) || !flags_read(e, &s->flags))
        return false;
    s->number = (int)number;
    s->name = (char *)name;
    s->staff = (enum staff_type)enum_index(staff_type_names, staff);
    s->channel = (enum channel)enum_index(channel_names, channel);
    return true;
}

static int by_number(const void *x, const void *y) {
    const struct step *a = x, *b = y;
    return (a->number > b->number) - (a->number < b->number);
}

static bool business_read(struct input *e, struct business *b) {
    const char *code, *name, *note = NULL;
    json_t *arr;
    if (!input_label(e, "code", FIELD_BUSINESS_CODE, IN_REQUIRED, &code) ||
        !input_label(e, "name", &field_label, IN_REQUIRED, &name) || !amount(e, "volume", &b->volume) ||
        !input_text(e, "note", &field_text, IN_CLEARABLE, &note) ||
        !input_array(e, "steps", SURVEY_MAX_STEP, IN_REQUIRED, &arr, NULL))
        return false;
    b->code = (char *)code;
    b->name = (char *)name;
    b->note = note && *note ? (char *)note : NULL;
    b->n_steps = json_array_size(arr);
    if (b->n_steps == 0)
        return input_fail(e, "steps", "a business needs at least one step");
    b->steps = arena_alloc(&e->r->arena, b->n_steps * sizeof *b->steps);
    for (size_t j = 0; j < b->n_steps; j++) {
        struct input s;
        b->steps[j] = (struct step){0};
        if (!input_item(e, "steps", arr, j, &s) || !step_read(&s, &b->steps[j]))
            return false;
        for (size_t k = 0; k < j; k++)
            if (b->steps[k].number == b->steps[j].number) {
                char item[48];
                snprintf(item, sizeof item, "steps[%zu].number", j);
                return input_fail(e, item, "step %d is given twice (steps[%zu])", b->steps[j].number, k);
            }
    }
    qsort(b->steps, b->n_steps, sizeof *b->steps, by_number);
    return true;
}

/* The body's businesses into p; false after replying. */
static bool inventory_read(struct input *in, struct survey_part *p) {
    json_t *arr;
    if (!input_array(in, "businesses", INVENTORY_MAX_BUSINESSES, IN_REQUIRED, &arr, NULL))
        return false;
    p->n = json_array_size(arr);
    p->businesses = arena_alloc(&in->r->arena, (p->n ? p->n : 1) * sizeof *p->businesses);
    for (size_t i = 0; i < p->n; i++) {
        struct input e;
        struct business *b = &p->businesses[i];
        *b = (struct business){.department_id = p->department_id, .survey_fy = p->survey_fy};
        if (!input_item(in, "businesses", arr, i, &e) || !business_read(&e, b))
            return false;
        for (size_t k = 0; k < i; k++)
            if (strcmp(p->businesses[k].code, b->code) == 0) {
                char item[48];
                snprintf(item, sizeof item, "businesses[%zu].code", i);
                return input_fail(in, item, "business code %s is given twice (businesses[%zu])", b->code, k);
            }
    }
    return true;
}

/* 409: the steps the new inventory leaves out while means are applied to them. */
static void conflict_reply(struct req *r, const struct survey_result *res) {
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < res->n_conflicts; i++)
        buf_printf(&b, "%s%s", i ? "; " : "", survey_conflict_text(&r->arena, &res->conflicts[i], false));
    resp_error(r, 409, "conflict", buf_cstr(&b), "businesses");
    buf_free(&b);
}

/* PUT /api/v1/departments/{id}/inventory */
void api_inventory_put(struct req *r) {
    int64_t id, org_id;
    int fy;
    if (!req_param_id(r, 0, &id) || !survey_fy_of(r, id, true, &fy))
        return;
    struct survey_part stored;
    int rc = store_survey_part_load(r->db, &r->arena, id, fy, &stored, &org_id);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct survey_part p = {.department_id = id, .department_code = stored.department_code, .survey_fy = fy,
                            .action = "edit"};
    struct input in;
    if (!input_begin(r, &in))
        return;
    bool ok = inventory_read(&in, &p);
    if (!input_end(&in) || !ok)
        return;
    struct survey_result res;
    rc = store_survey_apply(r->db, &r->arena, org_id, &p, 1, req_actor(r), &res);
    if (rc == KW_ECONFLICT) {
        conflict_reply(r, &res);
        return;
    }
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    inventory_reply(r, id, fy, 200);
}
