/* Writing the promotion organisation's meetings through /api/v1 (issue 12 point 2): a body's
 * meetings with the measures each took up. Like api_body.c: each handler reads the whole body,
 * makes one store call (one transaction with its audit row) and replies with the meeting as it is
 * now, or 204. */
#include "http/session.h"
#include "api/api.h"
#include "api/api_entity.h"
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
            !input_text(&e, "note", &field_text, IN_CLEARABLE, &note))
            return false;
        v[i].note = note && *note ? (char *)note : NULL;
    }
    p->measures = v;
    p->n_measures = n;
    return true;
}

static bool meeting_fields(struct input *in, unsigned req, void *wp) {
    struct meeting_patch *p = wp;
    return input_date(in, "date", req, &p->date) && input_label(in, "title", &field_label, req, &p->title) &&
           input_text(in, "agenda", &field_text, IN_CLEARABLE, &p->agenda) &&
           input_text(in, "minutes", &field_text, IN_CLEARABLE, &p->minutes) && meeting_measures(in, p);
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

static int meeting_create(struct req *r, int64_t body_id, const void *wp, int64_t *ret_id, struct edit_fail *fail) {
    const struct meeting_patch *p = wp;
    struct meeting mt = {.date = (char *)p->date, .title = (char *)p->title,
                         .agenda = p->agenda && *p->agenda ? (char *)p->agenda : NULL,
                         .minutes = p->minutes && *p->minutes ? (char *)p->minutes : NULL,
                         .measures = (struct meeting_measure *)p->measures, .n_measures = p->n_measures};
    return store_meeting_create(r->db, body_id, &mt, req_actor(r), ret_id, fail);
}

static int meeting_update(struct req *r, int64_t id, const void *p, struct edit_fail *fail) {
    return store_meeting_update(r->db, id, p, req_actor(r), fail);
}

static int meeting_remove(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail) {
    (void)fail;                                         /* a meeting's delete has no field to name */
    return store_meeting_delete(db, id, who);
}

static const struct api_entity meeting_entity = {
    sizeof(struct meeting_patch), false, meeting_fields, meeting_create, meeting_update, meeting_remove, meeting_reply,
};

/* POST /api/v1/bodies/{id}/meetings */
void api_meeting_post(struct req *r) { api_entity_post(r, &meeting_entity); }

/* PATCH /api/v1/meetings/{id} */
void api_meeting_patch(struct req *r) { api_entity_patch(r, &meeting_entity); }

/* DELETE /api/v1/meetings/{id} */
void api_meeting_delete(struct req *r) { api_entity_delete(r, &meeting_entity); }
