/* Writing the promotion organisation's meetings through /api/v1 (issue 12 point 2): a body's
 * meetings with the measures each took up. Like api_body.c: each handler reads the whole body,
 * makes one store call (one transaction with its audit row) and replies with the meeting as it is
 * now, or 204. */
#include "http/session.h"
#include "api/api.h"
#include "api/api_input.h"
#include "core/errors.h"
#include "store/store.h"
#include "xfer/plan_bodies.h"

/* "measures": [{measure_id, note?}], the measures the meeting took up (of the organisation). */
static bool meeting_measures(struct input *in, struct meeting_patch *p) {
    json_t *arr = NULL;
    enum input_state st;
    if (!input_array(in, "measures", MODEL_MAX_LIST, IN_CLEARABLE, &arr, &st))
        return false;
    p->set_measures = st != INPUT_ABSENT;
    size_t n = json_array_size(arr);
    struct meeting_measure *v = arena_alloc(&in->r->arena, (n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        struct input e;
        const char *note = NULL;
        v[i] = (struct meeting_measure){0};
        if (!input_item(in, "measures", arr, i, &e) ||
            !input_int(&e, "measure_id", 1, INT64_MAX, IN_REQUIRED, &v[i].measure_id, NULL) ||
            !input_text(&e, "note", MODEL_MAX_TEXT, IN_CLEARABLE, &note))
            return false;
        v[i].note = note && *note ? (char *)note : NULL;
    }
    p->measures = v;
    p->n_measures = n;
    return true;
}

static bool meeting_fields(struct input *in, unsigned req, struct meeting_patch *p) {
    return input_date(in, "date", req, &p->date) && input_label(in, "title", MODEL_MAX_TITLE, req, &p->title) &&
           input_text(in, "agenda", MODEL_MAX_TEXT, IN_CLEARABLE, &p->agenda) &&
           input_text(in, "minutes", MODEL_MAX_TEXT, IN_CLEARABLE, &p->minutes) && meeting_measures(in, p);
}

/* The meeting as its body lists it, with body_id. */
static void meeting_reply(struct req *r, int64_t id, int status) {
    struct body *v;
    size_t n;
    int rc = store_bodies_load(r->db, &r->arena, r->target_org_id, 0, &v, &n);
    for (size_t i = 0; rc == 0 && i < n; i++)
        for (size_t j = 0; j < v[i].n_meetings; j++)
            if (v[i].meetings[j].id == id) {
                struct jw w;
                jw_init(&w, &r->out, 0);
                plan_doc_write_meeting(&w, &v[i].meetings[j], DOC_WITH_IDS, true);
                resp_json(r, status);
                return;
            }
    resp_store_error(r, rc < 0 ? rc : KW_ENOTFOUND, NULL, NULL);
}

/* POST /api/v1/bodies/{id}/meetings */
void api_meeting_post(struct req *r) {
    int64_t body_id;
    struct input in;
    if (!req_param_id(r, 0, &body_id) || !input_begin(r, &in))
        return;
    struct meeting_patch p = {0};
    bool ok = meeting_fields(&in, IN_REQUIRED, &p);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct meeting mt = {.date = (char *)p.date, .title = (char *)p.title,
                         .agenda = p.agenda && *p.agenda ? (char *)p.agenda : NULL,
                         .minutes = p.minutes && *p.minutes ? (char *)p.minutes : NULL,
                         .measures = (struct meeting_measure *)p.measures, .n_measures = p.n_measures};
    struct edit_fail fail = {0};
    int64_t id;
    int rc = store_meeting_create(r->db, body_id, &mt, req_actor(r), &id, &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        meeting_reply(r, id, 201);
}

/* PATCH /api/v1/meetings/{id} */
void api_meeting_patch(struct req *r) {
    int64_t id;
    struct input in;
    if (!req_param_id(r, 0, &id) || !input_begin(r, &in))
        return;
    struct meeting_patch p = {0};
    bool ok = meeting_fields(&in, 0, &p);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct edit_fail fail = {0};
    int rc = store_meeting_update(r->db, id, &p, req_actor(r), &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        meeting_reply(r, id, 200);
}

/* DELETE /api/v1/meetings/{id} */
void api_meeting_delete(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    struct edit_fail fail = {0};
    input_deleted(r, store_meeting_delete(r->db, id, req_actor(r)), &fail);
}
