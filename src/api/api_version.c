/* /api/v1 for plan versions (版): list a plan's versions with its revision history, publish the
 * working draft as a version, read a version's snapshot, and compare two versions (or a
 * version and the working draft). */
#include <stdlib.h>
#include <string.h>
#include "http/session.h"
#include "api/api.h"
#include "api/api_input.h"
#include "core/errors.h"
#include "store/store.h"
#include "xfer/doc_diff.h"
#include "xfer/versions.h"

static bool plan_id_of(struct req *r, int64_t *ret) {
    int64_t org_id;
    if (!req_param_id(r, 0, ret) || store_plan_org(r->db, *ret, &org_id) < 0) {
        resp_store_error(r, KW_ENOTFOUND, NULL, NULL);
        return false;
    }
    return true;
}

static void write_version(struct jw *w, const struct plan_version *v) {
    jw_kint(w, "id", v->id);
    jw_kint(w, "plan_id", v->plan_id);
    jw_kstr(w, "label", v->label);
    jw_kstr(w, "date", v->date);
    jw_key(w, "notes");
    jw_raw(w, v->notes_json);                  /* stored as a JSON array written by kawaru */
    if (v->published_by) jw_kstr(w, "published_by", v->published_by);
    jw_kstr(w, "published_at", v->published_at);
}

/* GET /api/v1/plans/{id}/versions */
void api_versions_list(struct req *r) {
    int64_t plan_id;
    struct plan_version *v;
    size_t n;
    if (!plan_id_of(r, &plan_id))
        return;
    if (store_versions(r->db, &r->arena, plan_id, &v, &n) < 0) {
        resp_store_error(r, KW_EDB, NULL, NULL);
        return;
    }
    struct jw w;
    api_list_begin(r, &w);
    for (size_t i = 0; i < n; i++) {
        jw_obj_begin(&w);
        write_version(&w, &v[i]);
        jw_obj_end(&w);
    }
    api_list_end(r, &w, n);
}

static void version_reply(struct req *r, int64_t id, int status) {
    struct plan_version v;
    int rc = store_version_load(r->db, &r->arena, id, &v);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    write_version(&w, &v);
    jw_key(&w, "document");
    jw_raw(&w, v.snapshot);                    /* a kawaru-plan/1 document written by kawaru */
    jw_obj_end(&w);
    resp_json(r, status);
    r->cacheable = status == 200;              /* a version never changes; a new one bumps the data version */
}

/* GET /api/v1/versions/{id} */
void api_version_get(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id)) {
        resp_store_error(r, KW_ENOTFOUND, NULL, NULL);
        return;
    }
    version_reply(r, id, 200);
}

/* The latest published version of the plan, with its snapshot: what the public reads. */
/* GET /api/v1/plans/{id}/published */
void api_plan_published(struct req *r) {
    int64_t plan_id;
    struct plan_version *v;
    size_t n;
    if (!plan_id_of(r, &plan_id))
        return;
    if (store_versions(r->db, &r->arena, plan_id, &v, &n) < 0) {
        resp_store_error(r, KW_EDB, NULL, NULL);
        return;
    }
    if (n == 0) {
        resp_error(r, 404, "not_found", "this plan has not been published yet", NULL);
        return;
    }
    version_reply(r, v[n - 1].id, 200);
}

/* POST /api/v1/plans/{id}/versions */
void api_version_post(struct req *r) {
    int64_t plan_id;
    if (!plan_id_of(r, &plan_id))
        return;
    struct input in;
    if (!input_begin(r, &in))
        return;
    const char *label = NULL, *date = NULL;
    struct strlist notes = {0};
    bool set;
    bool ok = input_label(&in, "label", FIELD_LINE(32), IN_REQUIRED, &label) && input_date(&in, "date", 0, &date) &&
              input_strlist(&in, "notes", &field_item, 0, &notes, &set);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    char today[16];
    date_format(r->today, today, sizeof today);
    struct edit_fail fail = {0};
    int64_t id = 0;
    int rc = version_publish(r->db, plan_id, label, date && *date ? date : today, &notes, req_actor(r), &id, &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        version_reply(r, id, 201);
}

/* The document of "from" or "to": a version id, or "draft" for the plan as it is now. */
static int side(struct req *r, int64_t plan_id, const char *which, struct plan_version *ret) {
    memset(ret, 0, sizeof *ret);
    if (!which || !*which)
        return KW_EINVAL;
    if (strcmp(which, "draft") == 0) {
        struct buf doc = BUF_INIT;
        int rc = version_document(r->db, plan_id, &doc);
        ret->label = "draft";
        ret->snapshot = arena_strdup(&r->arena, buf_cstr(&doc));
        buf_free(&doc);
        return rc;
    }
    char *end;
    long long id = strtoll(which, &end, 10);
    if (*end || id <= 0)
        return KW_EINVAL;
    int rc = store_version_load(r->db, &r->arena, id, ret);
    return rc == 0 && ret->plan_id != plan_id ? KW_ENOTFOUND : rc;
}

/* GET /api/v1/plans/{id}/compare */
void api_plan_compare(struct req *r) {
    int64_t plan_id;
    if (!plan_id_of(r, &plan_id))
        return;
    struct plan_version from, to;
    const char *which[2] = {req_query(r, "from"), req_query(r, "to")};
    int rc = side(r, plan_id, which[0], &from);
    if (rc == KW_EINVAL) {
        resp_error(r, 400, "bad_request", "from must be a version id of this plan or \"draft\"", "from");
        return;
    }
    if (rc == 0 && (rc = side(r, plan_id, which[1], &to)) == KW_EINVAL) {
        resp_error(r, 400, "bad_request", "to must be a version id of this plan or \"draft\"", "to");
        return;
    }
    struct diff_entry *d;
    size_t n;
    if (rc == 0)
        rc = plan_diff(&r->arena, from.snapshot, to.snapshot, &d, &n);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_kstr(&w, "from", from.label);
    jw_kstr(&w, "to", to.label);
    jw_key(&w, "changes");
    diff_entries_write(&w, d, n);
    jw_kint(&w, "total", (int64_t)n);
    jw_obj_end(&w);
    resp_json(r, 200);
}
