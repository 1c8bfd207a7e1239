/* /api/v1 handlers of an organisation's catalogue of means (手段, issue 14 point 2): the list, and
 * adding, changing and deleting a means (one applied to a step cannot be deleted). A means is
 * {"id","name","note","reduction","channels":[…],"flags":[…]} with the names of core/workload.h:
 * the channels and step flags it applies to, its default expected reduction in %. */
#include <string.h>
#include "api/api.h"
#include "api/api_entity.h"
#include "core/errors.h"
#include "http/session.h"
#include "store/store_means.h"
#include "store/store_scope.h"
#include "util/buf.h"


static void means_write(struct jw *w, const struct means *m) {
    jw_obj_begin(w);
    jw_kint(w, "id", m->id);
    jw_kstr(w, "name", m->name);
    if (m->note) jw_kstr(w, "note", m->note);
    jw_knum(w, "reduction", m->reduction);
    workload_bits_write(w, "channels", channel_names, m->channels);
    workload_bits_write(w, "flags", flag_names, m->flags);
    jw_obj_end(w);
}

static void means_write_entry(struct jw *w, const void *m) { means_write(w, m); }

static int means_list(struct db *db, struct arena *a, int64_t org_id, void **ret, size_t *ret_n) {
    struct means *v;
    int rc = store_means_list(db, a, org_id, &v, ret_n);
    *ret = v;
    return rc;
}

static const struct api_org_list means_list_kind = {SCOPE_MEANS, sizeof(struct means), offsetof(struct means, id),
                                                    means_list, means_write_entry};

/* GET /api/v1/orgs/{code}/means */
void api_org_means(struct req *r) { api_org_list_get(r, &means_list_kind); }

/* The means as GET lists it. */
static void means_reply(struct req *r, int64_t id, int status) { api_org_list_reply(r, &means_list_kind, id, status); }

/* A list of names (channels or flags) as bits: false after replying 422 naming the entry. */
static bool read_bits(struct input *in, const char *key, const char *const *names, bool *ret_set, unsigned *ret) {
    struct strlist l;
    if (!input_strlist(in, key, &field_label, IN_CLEARABLE, &l, ret_set))
        return false;
    *ret = 0;
    for (size_t i = 0; i < l.n; i++) {
        int bit = -1;
        for (int j = 0; names[j] && bit < 0; j++)
            if (strcmp(names[j], l.items[i]) == 0)
                bit = j;
        if (bit < 0) {
            char item[64];
            snprintf(item, sizeof item, "%s[%zu]", key, i);
            struct buf b = BUF_INIT;
            for (int j = 0; names[j]; j++)
                buf_printf(&b, "%s%s", j ? ", " : "", names[j]);
            bool ok = input_fail(in, item, "must be one of %s", buf_cstr(&b));
            buf_free(&b);
            return ok;
        }
        *ret |= 1u << bit;
    }
    return true;
}

static bool means_fields(struct input *in, unsigned req, void *wp) {
    struct means_patch *p = wp;
    enum input_state rs = INPUT_ABSENT;
    if (!(input_label(in, "name", &field_label, req, &p->name) &&
          input_text(in, "note", &field_text, IN_CLEARABLE, &p->note) &&
          input_number(in, "reduction", req, &p->reduction, &rs) &&
          read_bits(in, "channels", channel_names, &p->set_channels, &p->channels) &&
          read_bits(in, "flags", flag_names, &p->set_flags, &p->flags) &&
          input_position(in, &p->set_position, &p->position)))
        return false;
    p->set_reduction = rs == INPUT_SET;
    return true;
}

static int means_create(struct req *r, int64_t org_id, const void *wp, int64_t *ret_id, struct edit_fail *fail) {
    const struct means_patch *p = wp;
    struct means m = {.name = (char *)p->name, .note = (char *)p->note, .reduction = p->reduction,
                      .channels = p->channels, .flags = p->flags};
    return store_means_create(r->db, org_id, &m, p->position, req_actor(r), ret_id, fail);
}

static int means_update(struct req *r, int64_t id, const void *p, struct edit_fail *fail) {
    return store_means_update(r->db, id, p, req_actor(r), fail);
}

static const struct api_entity means_entity = {
    sizeof(struct means_patch), true, means_fields, means_create, means_update, store_means_delete, means_reply,
};

/* POST /api/v1/orgs/{code}/means */
void api_means_post(struct req *r) { api_entity_post(r, &means_entity); }

/* PATCH /api/v1/means/{id} */
void api_means_patch(struct req *r) { api_entity_patch(r, &means_entity); }

/* DELETE /api/v1/means/{id} */
void api_means_delete(struct req *r) { api_entity_delete(r, &means_entity); }
