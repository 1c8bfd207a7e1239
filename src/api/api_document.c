/* PUT /api/v1/orgs/{code}/document: an organisation as a whole plan document (issue 12). A new
 * organisation is stored whole; an existing one is merged by codes (xfer/doc_merge.h), keeping
 * every id and all history, changing the working draft only. ?dry_run=1 answers the change list
 * and writes nothing; ?prune=1 (or "prune": true in the body) keeps what has history and the
 * document lacks as abolished instead of refusing the replacement with 409. */
#include <jansson.h>
#include <string.h>
#include "api/api.h"
#include "http/session.h"
#include "core/errors.h"
#include "util/jw.h"
#include "xfer/doc_merge.h"
#include "xfer/import.h"
#include "xfer/plan_doc.h"

/* 422 (400 for text that is not JSON) with every problem of the document in details. */
static void document_errors(struct req *r, const struct doc_errors *errs) {
    struct jw w;
    buf_reset(&r->out);
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_key(&w, "error");
    jw_obj_begin(&w);
    jw_kstr(&w, "code", errs->items[0].path[0] ? "invalid" : "bad_json");
    jw_kstr(&w, "message", errs->items[0].message);
    if (errs->items[0].path[0]) jw_kstr(&w, "field", errs->items[0].path);
    jw_key(&w, "details");
    jw_arr_begin(&w);
    for (size_t i = 0; i < errs->n; i++) {
        jw_obj_begin(&w);
        jw_kstr(&w, "field", errs->items[i].path);
        jw_kstr(&w, "message", errs->items[i].message);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    jw_obj_end(&w);
    resp_json(r, errs->items[0].path[0] ? 422 : 400);
}

/* A yes/no query parameter: absent or 0/false is no, 1/true is yes; anything else is 400. */
static bool flag(struct req *r, const char *name, bool *ret) {
    const char *v = req_query(r, name);
    *ret = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    if (!v || *ret || strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
        return true;
    resp_error(r, 400, "bad_request", "must be 1 or 0 (true or false)", name);
    return false;
}

/* 409: the entries refused, each with its reason, and the whole change list. */
static void refused_reply(struct req *r, const struct merge_result *res) {
    struct jw w;
    buf_reset(&r->out);
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_key(&w, "error");
    jw_obj_begin(&w);
    jw_kstr(&w, "code", "conflict");
    char msg[200];
    snprintf(msg, sizeof msg, "%zu change%s of the document cannot be made (history would be lost, or it is publishing's "
                              "to make): nothing was written", res->refused, res->refused == 1 ? "" : "s");
    jw_kstr(&w, "message", msg);
    jw_key(&w, "details");
    jw_arr_begin(&w);
    for (size_t i = 0; i < res->n; i++) {
        const struct diff_entry *e = &res->changes[i];
        if (e->kind != DIFF_REFUSED)
            continue;
        jw_obj_begin(&w);
        jw_kstr(&w, "entity", e->entity);
        jw_kstr(&w, "key", e->key);
        jw_kstr(&w, "title", e->title);
        jw_kstr(&w, "message", e->note);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    jw_key(&w, "changes");
    diff_entries_write(&w, res->changes, res->n);
    jw_obj_end(&w);
    resp_json(r, 409);
}

/* PUT /api/v1/orgs/{code}/document */
void api_org_document_put(struct req *r) {
    struct merge_opts o = {0};
    if (!flag(r, "dry_run", &o.dry_run) || !flag(r, "prune", &o.prune))
        return;
    if (!r->body || r->body_len == 0) {
        resp_error(r, 400, "bad_request", "the request needs a kawaru-plan/1 document as its body", NULL);
        return;
    }
    struct org_doc doc;
    struct doc_errors errs;
    if (plan_doc_parse(r->body, r->body_len, &r->arena, &doc, &errs) < 0 ||
        plan_doc_check_stored(r->db, &r->arena, &doc, &errs) < 0) {
        document_errors(r, &errs);
        return;
    }
    if (strcmp(doc.org.code, r->params[0]) != 0) {
        resp_error(r, 422, "invalid", "org.code differs from the organisation in the URL", "org.code");
        return;
    }
    json_t *body = json_loadb(r->body, r->body_len, 0, NULL);       /* parsed above: it is an object */
    json_t *prune = json_object_get(body, "prune");
    if (prune && !json_is_boolean(prune)) {
        json_decref(body);
        resp_error(r, 422, "invalid", "prune must be true or false", "prune");
        return;
    }
    o.prune |= json_is_true(prune);
    json_decref(body);
    struct merge_result res;
    int rc = doc_merge(r->db, &r->arena, &doc, &o, req_actor(r), &res);
    if (rc == KW_ECONFLICT && res.refused) {
        refused_reply(r, &res);
        return;
    }
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_kstr(&w, "code", doc.org.code);
    jw_kint(&w, "plans", (int64_t)doc.n_plans);
    jw_kbool(&w, "created", res.created);
    jw_kbool(&w, "dry_run", o.dry_run);
    jw_kbool(&w, "applied", !o.dry_run);
    jw_key(&w, "changes");
    diff_entries_write(&w, res.changes, res.n);
    jw_kint(&w, "total", (int64_t)res.n);
    jw_obj_end(&w);
    resp_json(r, 200);
}

/* GET /api/v1/orgs/{code}/document */
void api_org_document(struct req *r) {
    struct org_doc doc;
    int rc = store_org_doc_load(r->db, &r->arena, r->params[0], &doc);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    plan_doc_write(&r->out, &doc, 2);
    api_reply(r, 200);
}
