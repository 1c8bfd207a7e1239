/* GET /api/v1/audit and GET /api/v1/measures/{id}/history: the audit log as JSON,
 * {"items":[{"id","at","actor","via","entity","entity_id","action","before","after"}],"total":N},
 * newest first, with before and after the entity's fields as stored (objects) or null. The
 * query is checked by audit_filter_parse (the same rules as the /audit page); a bad parameter
 * gives 400 naming it. Dates filter by the UTC date of "at". The replies are not cached: the
 * log is for the office (and the history for viewers), not for the public cache. */
#include <jansson.h>
#include "api/api.h"
#include "core/errors.h"
#include "store/store.h"
#include "util/jw.h"

/* A stored snapshot as a JSON value: the object itself when it parses, else its text as a
 * string (never silently dropped), or null. */
static void write_snapshot(struct jw *w, const char *key, const char *json) {
    jw_key(w, key);
    if (!json) {
        jw_null(w);
        return;
    }
    json_t *v = json_loads(json, JSON_REJECT_DUPLICATES, NULL);
    if (v)
        jw_raw(w, json);
    else
        jw_str(w, json);
    json_decref(v);
}

static void write_entry(struct jw *w, const struct audit_entry *e) {
    jw_obj_begin(w);
    jw_kint(w, "id", e->id);
    jw_kstr(w, "at", e->at);
    jw_kstr(w, "actor", e->actor);
    jw_kstr(w, "via", e->via);
    jw_kstr(w, "entity", e->entity);
    jw_key(w, "entity_id");
    if (e->entity_id)
        jw_int(w, e->entity_id);
    else
        jw_null(w);
    jw_kstr(w, "action", e->action);
    write_snapshot(w, "before", e->before_json);
    write_snapshot(w, "after", e->after_json);
    jw_obj_end(w);
}

static void reply_page(struct req *r, const struct audit_page *p) {
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_key(&w, "items");
    jw_arr_begin(&w);
    for (size_t i = 0; i < p->n; i++)
        write_entry(&w, &p->items[i]);
    jw_arr_end(&w);
    jw_kint(&w, "total", p->total);
    jw_obj_end(&w);
    resp_json(r, 200);
    r->cacheable = false;
}

/* Checks the query; replies 400 naming the bad parameter and returns false. */
static bool filter_from_query(struct req *r, const struct audit_params *p, struct audit_filter *ret) {
    const char *field, *message;
    if (audit_filter_parse(p, ret, &field, &message) < 0) {
        resp_error(r, 400, "bad_request", message, field);
        return false;
    }
    return true;
}

/* GET /api/v1/audit */
void api_audit_list(struct req *r) {
    struct audit_params p = {req_query(r, "entity"), req_query(r, "id"), req_query(r, "user"), req_query(r, "from"),
                             req_query(r, "to"), req_query(r, "limit"), req_query(r, "offset")};
    struct audit_filter f;
    if (!filter_from_query(r, &p, &f))
        return;
    struct audit_page page;
    int rc = store_audit_query(r->db, &r->arena, &f, &page);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    reply_page(r, &page);
}

/* GET /api/v1/measures/{id}/history */
void api_measure_history(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    struct audit_params p = {.limit = req_query(r, "limit"), .offset = req_query(r, "offset")};
    struct audit_filter f;
    if (!filter_from_query(r, &p, &f))
        return;
    struct audit_page page;
    int rc = store_audit_measure_history(r->db, &r->arena, id, f.limit, f.offset, &page);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    reply_page(r, &page);
}
