/* /api/v1 reads of the promotion organisation (core/body.h): an organisation's bodies with
 * their members, topics and meetings, and its meeting calendar of a fiscal year. */
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "core/body.h"
#include "core/errors.h"
#include "core/fiscal.h"
#include "store/store.h"
#include "xfer/plan_bodies.h"
#include "xfer/published.h"

static void ok(struct req *r) {
    resp_json(r, 200);
    r->cacheable = true;
}

/* Loads the organisation of the path and its bodies, whose meetings name measures as the
 * working draft has them for its members and as the published versions have them for everyone
 * else; replies and returns false on failure. */
static bool org_bodies(struct req *r, struct org *o, struct body **v, size_t *n) {
    int rc = store_org_by_code(r->db, &r->arena, r->params[0], o);
    if (rc == 0)
        rc = store_bodies_load(r->db, &r->arena, o->id, 0, v, n);
    if (rc == 0 && !r->sees_drafts)
        rc = published_meeting_measures(r->db, &r->arena, *v, *n);
    if (rc < 0)
        resp_store_error(r, rc, NULL, NULL);
    return rc == 0;
}

/* GET /api/v1/orgs/{code}/bodies */
void api_org_bodies(struct req *r) {
    struct org o;
    struct body *v;
    size_t n;
    if (!org_bodies(r, &o, &v, &n))
        return;
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_key(&w, "items");
    plan_doc_write_bodies(&w, v, n, DOC_WITH_IDS, true);
    jw_kint(&w, "total", (int64_t)n);
    jw_obj_end(&w);
    ok(r);
}

/* GET /api/v1/orgs/{code}/meetings */
void api_org_meetings(struct req *r) {
    int fy = 0;
    if (!req_fy_or_400(r, "fy", req_query(r, "fy"), &fy))
        return;
    struct org o;
    struct body *v;
    size_t n;
    if (!org_bodies(r, &o, &v, &n))
        return;
    struct meeting_ref *refs;
    size_t nr = meeting_calendar(v, n, fy, &refs);
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    if (fy) jw_kint(&w, "fy", fy);
    jw_key(&w, "items");
    jw_arr_begin(&w);
    for (size_t i = 0; i < nr; i++) {
        const struct body *b = refs[i].body;
        jw_obj_begin(&w);
        jw_key(&w, "body");
        jw_obj_begin(&w);
        jw_kint(&w, "id", b->id);
        jw_kstr(&w, "code", b->code);
        jw_kstr(&w, "name", b->name);
        jw_kstr(&w, "kind", b->kind);
        jw_obj_end(&w);
        jw_key(&w, "meeting");
        plan_doc_write_meeting(&w, refs[i].meeting, DOC_WITH_IDS, true);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_kint(&w, "total", (int64_t)nr);
    jw_obj_end(&w);
    free(refs);
    ok(r);
}
