/* The JSON replies every /api/v1 handler shares (a reply, a list, a query's integer such as limit
 * and offset), and the OpenAPI document.
 * Each resource's handlers are in the file of its name (api_org.c, api_plan.c, …). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "core/errors.h"
#include "core/plan_check.h"
#include "store/store.h"
#include "util/embed.h"
#include "util/jw.h"
#include "xfer/plan_doc.h"

void api_reply(struct req *r, int status) {
    resp_json(r, status);
    r->cacheable = status == 200 && (strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0);
}

static void ok_json(struct req *r) { api_reply(r, 200); }

bool api_query_int(struct req *r, const char *key, long long lo, long long hi, long long dflt, long long *ret) {
    const char *s = req_query(r, key);
    *ret = dflt;
    if (!s)
        return true;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v < lo || v > hi) {
        char msg[120];
        snprintf(msg, sizeof msg, "%s must be a whole number from %lld to %lld", key, lo, hi);
        resp_error(r, 400, "bad_request", msg, key);
        return false;
    }
    *ret = v;
    return true;
}

void api_list_begin(struct req *r, struct jw *w) {
    jw_init(w, &r->out, 0);
    jw_obj_begin(w);
    jw_key(w, "items");
    jw_arr_begin(w);
}

void api_list_end(struct req *r, struct jw *w, size_t total) {
    jw_arr_end(w);
    jw_kint(w, "total", (int64_t)total);
    jw_obj_end(w);
    ok_json(r);
}

void api_page_end(struct req *r, struct jw *w, int64_t total, int64_t limit, int64_t offset) {
    jw_arr_end(w);
    jw_kint(w, "total", total);
    jw_kint(w, "limit", limit);
    jw_kint(w, "offset", offset);
    jw_obj_end(w);
    ok_json(r);
}

/* GET /api/v1/openapi.json */
void api_openapi(struct req *r) {
    const struct embedded_file *f = embed_find("src/api/openapi.json");
    if (!f) {
        resp_store_error(r, KW_ENOTFOUND, NULL, NULL);
        return;
    }
    buf_append(&r->out, (const char *)f->data, f->size);
    ok_json(r);
}
