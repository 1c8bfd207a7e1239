/* Writing /api/v1 handlers: KPI measurements (one or a batch), measure fields, and whole
 * organisation documents. Input is parsed with jansson and fully validated before any write. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "api/api.h"
#include "core/errors.h"
#include "store/store.h"
#include "util/jw.h"
#include "util/utf8.h"
#include "xfer/import.h"

static const struct actor api_actor = {"api", "api"};

enum { MAX_BATCH = 1000, MAX_NOTE = 2000 };

/* Parses the body as a JSON object/array; replies 400 and returns NULL when it is not JSON. */
static json_t *body_json(struct req *r) {
    if (!r->body || r->body_len == 0) {
        resp_error(r, 400, "bad_request", "the request needs a JSON body", NULL);
        return NULL;
    }
    json_error_t e;
    json_t *v = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &e);
    if (!v) {
        char msg[300];
        snprintf(msg, sizeof msg, "the body is not valid JSON (line %d, column %d: %s)", e.line, e.column, e.text);
        resp_error(r, 400, "bad_json", msg, NULL);
    }
    return v;
}

static bool opt_text(struct req *r, json_t *o, const char *key, const char *field_prefix, size_t max,
                     const char **ret) {
    json_t *v = json_object_get(o, key);
    *ret = NULL;
    if (!v || json_is_null(v))
        return true;
    char field[64];
    snprintf(field, sizeof field, "%s%s", field_prefix, key);
    if (!json_is_string(v) || json_string_length(v) > max || memchr(json_string_value(v), 0, json_string_length(v))) {
        char msg[96];
        snprintf(msg, sizeof msg, "%s must be a string of at most %zu bytes", key, max);
        resp_error(r, 422, "invalid", msg, field);
        return false;
    }
    *ret = arena_strndup(&r->arena, json_string_value(v), json_string_length(v));
    return true;
}

/* One measurement object -> m; replies 422 naming the field on error. */
static bool parse_measurement(struct req *r, json_t *o, const char *prefix, struct measurement *m) {
    char field[64];
    if (!json_is_object(o)) {
        resp_error(r, 422, "invalid", "a measurement must be an object", prefix[0] ? prefix : NULL);
        return false;
    }
    json_t *value = json_object_get(o, "value");
    if (!json_is_number(value) || !isfinite(json_number_value(value))) {
        snprintf(field, sizeof field, "%svalue", prefix);
        resp_error(r, 422, "invalid", "value must be a number", field);
        return false;
    }
    m->value = json_number_value(value);
    json_t *period = json_object_get(o, "period");
    kw_date d;
    if (!json_is_string(period) || date_parse(json_string_value(period), &d) < 0) {
        snprintf(field, sizeof field, "%speriod", prefix);
        resp_error(r, 422, "invalid", "period must be a date YYYY-MM-DD", field);
        return false;
    }
    m->period = arena_strdup(&r->arena, json_string_value(period));
    return opt_text(r, o, "note", prefix, MAX_NOTE, (const char **)&m->note) &&
           opt_text(r, o, "source", prefix, 200, (const char **)&m->source);
}

void api_measurement_post(struct req *r) {
    int64_t kpi_id;
    if (!req_param_id(r, 0, &kpi_id))
        return;
    json_t *body = body_json(r);
    if (!body)
        return;
    json_t *batch = json_is_object(body) ? json_object_get(body, "measurements") : NULL;
    size_t n = batch ? json_array_size(batch) : 1;
    if (batch && (!json_is_array(batch) || n == 0 || n > MAX_BATCH)) {
        resp_error(r, 422, "invalid", "measurements must be an array of 1 to 1000 measurements", "measurements");
        json_decref(body);
        return;
    }
    struct measurement *ms = arena_alloc(&r->arena, n * sizeof *ms);
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        char prefix[40] = "";
        if (batch)
            snprintf(prefix, sizeof prefix, "measurements[%zu].", i);
        ok = parse_measurement(r, batch ? json_array_get(batch, i) : body, prefix, &ms[i]);
    }
    json_decref(body);
    if (!ok)
        return;
    int64_t *ids = arena_alloc(&r->arena, n * sizeof *ids);
    int rc = db_begin(r->db);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = store_measurement_add(r->db, kpi_id, &ms[i], &api_actor, &ids[i]);
    if (rc < 0) {
        db_rollback(r->db);
        api_fail(r, rc);
        return;
    }
    if ((rc = db_commit(r->db)) < 0) {
        api_fail(r, rc);
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_key(&w, "items");
    jw_arr_begin(&w);
    for (size_t i = 0; i < n; i++) {
        jw_obj_begin(&w);
        jw_kint(&w, "id", ids[i]);
        jw_kstr(&w, "period", ms[i].period);
        jw_knum(&w, "value", ms[i].value);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_kint(&w, "total", (int64_t)n);
    jw_obj_end(&w);
    resp_json(r, 201);
}

void api_measure_patch(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    json_t *body = body_json(r);
    if (!body)
        return;
    struct measure_patch p = {0};
    bool ok = json_is_object(body);
    if (!ok)
        resp_error(r, 422, "invalid", "the body must be a JSON object", NULL);
    ok = ok && opt_text(r, body, "title", "", 500, &p.title) && opt_text(r, body, "current", "", 20000, &p.current) &&
         opt_text(r, body, "ideal", "", 20000, &p.ideal) && opt_text(r, body, "status", "", 20, &p.status);
    enum measure_status ms;
    if (ok && p.title && utf8_is_blank(p.title)) {
        resp_error(r, 422, "invalid", "title must not be empty", "title");
        ok = false;
    }
    if (ok && p.status && measure_status_parse(p.status, &ms) < 0) {
        resp_error(r, 422, "invalid", "status must be one of planned, active, done, merged, abolished", "status");
        ok = false;
    }
    json_t *ns = ok ? json_object_get(body, "new_since_fy") : NULL;
    if (ok && ns) {
        p.set_new_since = true;
        if (json_is_null(ns)) {
            p.new_since_fy = 0;
        } else if (json_is_integer(ns) && json_integer_value(ns) >= 1900 && json_integer_value(ns) <= 2200) {
            p.new_since_fy = (int)json_integer_value(ns);
        } else {
            resp_error(r, 422, "invalid", "new_since_fy must be a fiscal year (1900-2200) or null", "new_since_fy");
            ok = false;
        }
    }
    json_decref(body);
    if (!ok)
        return;
    int rc = store_measure_update(r->db, id, &p, &api_actor);
    if (rc < 0) {
        api_fail(r, rc);
        return;
    }
    api_measure_get(r);
    r->cacheable = false;
}

void api_org_document_put(struct req *r) {
    if (!r->body || r->body_len == 0) {
        resp_error(r, 400, "bad_request", "the request needs a kawaru-plan/1 document as its body", NULL);
        return;
    }
    struct org_doc doc;
    struct doc_errors errs;
    if (plan_doc_parse(r->body, r->body_len, &r->arena, &doc, &errs) < 0) {
        struct jw w;
        buf_reset(&r->out);
        jw_init(&w, &r->out, 0);
        jw_obj_begin(&w);
        jw_key(&w, "error");
        jw_obj_begin(&w);
        jw_kstr(&w, "code", errs.items[0].path[0] ? "invalid" : "bad_json");
        jw_kstr(&w, "message", errs.items[0].message);
        if (errs.items[0].path[0]) jw_kstr(&w, "field", errs.items[0].path);
        jw_key(&w, "details");
        jw_arr_begin(&w);
        for (size_t i = 0; i < errs.n; i++) {
            jw_obj_begin(&w);
            jw_kstr(&w, "field", errs.items[i].path);
            jw_kstr(&w, "message", errs.items[i].message);
            jw_obj_end(&w);
        }
        jw_arr_end(&w);
        jw_obj_end(&w);
        jw_obj_end(&w);
        resp_json(r, errs.items[0].path[0] ? 422 : 400);
        return;
    }
    if (strcmp(doc.org.code, r->params[0]) != 0) {
        resp_error(r, 422, "invalid", "org.code differs from the organisation in the URL", "org.code");
        return;
    }
    int rc = store_org_doc_insert(r->db, &doc, true, &api_actor);
    if (rc < 0) {
        api_fail(r, rc);
        return;
    }
    buf_printf(&r->out, "{\"code\":\"%s\",\"plans\":%zu}", doc.org.code, doc.n_plans);
    resp_json(r, 200);
}
