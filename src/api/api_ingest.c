/* POST /api/v1/plans/{id}/measurements.csv: KPI measurements of a plan from a CSV file sent as
 * the raw body (UTF-8, UTF-8 with BOM or CP932; columns in xfer/measurement_csv.h). All or
 * nothing: 201 {"imported": N, "encoding": "..."}, or 422 with every problem and its line in
 * error.details. An API token of the plan's organisation may be used (api_token.h). */
#include <string.h>
#include <strings.h>
#include "api/api.h"
#include "api/api_token.h"
#include "core/errors.h"
#include "store/store_token.h"
#include "util/jw.h"
#include "xfer/measurement_csv.h"

/* Bodies that are plainly not a CSV file: a form or JSON. */
static bool not_csv(const char *content_type) {
    static const char *const refused[] = {"multipart/", "application/x-www-form-urlencoded", "application/json"};
    for (size_t i = 0; content_type && i < sizeof refused / sizeof *refused; i++)
        if (strncasecmp(content_type, refused[i], strlen(refused[i])) == 0)
            return true;
    return false;
}

/* 422 {"error":{"code":"invalid","message":<the first problem>,"details":[{line, column, message}]}} */
static void reply_csv_errors(struct req *r, const struct mcsv_report *rep, bool japanese) {
    buf_reset(&r->out);
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_key(&w, "error");
    jw_obj_begin(&w);
    jw_kstr(&w, "code", "invalid");
    jw_kstr(&w, "message", mcsv_error_text(&r->arena, &rep->errors[0], japanese));
    jw_key(&w, "details");
    jw_arr_begin(&w);
    for (size_t i = 0; i < rep->n_errors; i++) {
        const struct mcsv_error *e = &rep->errors[i];
        jw_obj_begin(&w);
        jw_kint(&w, "line", e->line);
        if (e->column)
            jw_kstr(&w, "column", e->column);
        jw_kstr(&w, "message", e->message);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_kbool(&w, "truncated", rep->more_errors);
    jw_obj_end(&w);
    jw_obj_end(&w);
    resp_json(r, 422);
    r->cacheable = false;
}

static void reply_imported(struct req *r, const struct mcsv_report *rep) {
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_kint(&w, "imported", (int64_t)rep->added);
    jw_kstr(&w, "encoding", csv_encoding_name(rep->encoding));
    jw_obj_end(&w);
    resp_json(r, 201);
}

/* POST /api/v1/plans/{id}/measurements.csv */
void api_measurements_csv_post(struct req *r) {
    int64_t plan_id;
    struct ingest_caller caller;
    struct location loc;
    if (!req_param_id(r, 0, &plan_id) || !api_ingest_caller(r, &caller))
        return;
    int rc = store_locate(r->db, ENTITY_PLAN, plan_id, &loc);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    if (!api_ingest_allows(r, &caller, loc.org_id))
        return;
    if (!r->body || r->body_len == 0) {
        resp_error(r, 400, "bad_request", "the request needs the CSV file as its body (Content-Type: text/csv)", NULL);
        return;
    }
    if (not_csv(r->content_type)) {
        resp_error(r, 415, "unsupported_media_type", "send the CSV file itself as the body, with Content-Type: text/csv", NULL);
        return;
    }
    const char *lang = req_query(r, "lang");
    bool japanese = lang && strcmp(lang, "ja") == 0;      /* the API speaks English unless asked */
    struct mcsv_options opt = {&caller.actor, caller.has_token ? caller.token_name : "csv", NULL, japanese};
    struct mcsv_report rep;
    rc = caller.has_token ? db_begin(r->db) : 0;          /* a token's last use goes with the import */
    if (rc == 0 && caller.has_token)
        rc = store_token_touch(r->db, caller.token_id);
    if (rc == 0)
        rc = measurement_csv_import(r->db, &r->arena, plan_id, r->body, r->body_len, &opt, &rep);
    if (rc == 0 && caller.has_token)
        rc = db_commit_draft(r->db);                      /* the draft's measurements alone (db.h) */
    if (rc < 0 && db_in_transaction(r->db))
        db_rollback(r->db);
    if (rc == KW_EINVAL)
        reply_csv_errors(r, &rep, japanese);
    else if (rc < 0)
        resp_store_error(r, rc, NULL, NULL);
    else
        reply_imported(r, &rep);
}
