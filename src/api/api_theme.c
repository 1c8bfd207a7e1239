/* /api/v1 handlers of themes: creating one in a pillar, changing it (title, code, means, order,
 * moving it to another pillar, 廃止), deleting one without history. */
#include <string.h>
#include "api/api.h"
#include "api/api_entity.h"
#include "core/errors.h"
#include "core/notice.h"
#include "core/orgcode.h"
#include "core/plan_check.h"
#include "http/session.h"
#include "store/store.h"
#include "util/jw.h"
#include "util/utf8.h"
#include "xfer/plan_doc.h"

/* "means": [{name, note?}], the means (手段) the theme applies. */
static bool theme_means(struct input *in, struct theme_patch *p) {
    json_t *arr = NULL;
    enum input_state st;
    if (!input_array(in, "means", MODEL_MAX_LIST, IN_CLEARABLE, &arr, &st))
        return false;
    p->set_means = st != INPUT_ABSENT;
    size_t n = json_array_size(arr);
    struct means_entry *v = arena_alloc(&in->r->arena, (n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        struct input e;
        const char *name = NULL, *note = NULL;
        if (!input_item(in, "means", arr, i, &e) || !input_label(&e, "name", &field_label, IN_REQUIRED, &name) ||
            !input_text(&e, "note", &field_text, IN_CLEARABLE, &note))
            return false;
        v[i] = (struct means_entry){(char *)name, note && *note ? (char *)note : NULL};
    }
    p->means = v;
    p->n_means = n;
    return true;
}

static bool theme_fields(struct input *in, unsigned req, void *wp) {
    struct theme_patch *p = wp;
    /* a theme's code is optional: blank (or null) clears it; a PATCH may move it to another pillar */
    return input_code(in, "code", IN_CLEARABLE, &p->code) && input_label(in, "title", &field_label, req, &p->title) &&
           theme_means(in, p) && input_abolished(in, &p->set_abolished, &p->abolished) &&
           input_position(in, &p->set_position, &p->position) && (req || input_id(in, "pillar_id", &p->pillar_id));
}

/* The theme as GET /api/v1/plans/{id} shows it, with its plan_id and pillar_id. */
static void theme_reply(struct req *r, int64_t id, int status) {
    struct location loc;
    struct plan p;
    int rc = store_locate(r->db, ENTITY_THEME, id, &loc);
    if (rc == 0)
        rc = store_plan_load(r->db, &r->arena, loc.plan_id, LOAD_FULL, &p);
    for (size_t i = 0; rc == 0 && i < p.n_pillars; i++)
        for (size_t j = 0; j < p.pillars[i].n_themes; j++)
            if (p.pillars[i].themes[j].id == id) {
                struct jw w;
                jw_init(&w, &r->out, 0);
                jw_obj_begin(&w);
                jw_kint(&w, "plan_id", loc.plan_id);
                jw_kint(&w, "pillar_id", loc.pillar_id);
                plan_doc_write_theme(&w, &p.pillars[i].themes[j], DOC_WITH_IDS | DOC_WITH_DERIVED | DOC_MEMBERS,
                                     r->today);
                jw_obj_end(&w);
                resp_json(r, status);
                return;
            }
    resp_store_error(r, rc < 0 ? rc : KW_ENOTFOUND, NULL, NULL);
}

static int theme_create(struct req *r, int64_t pillar_id, const void *wp, int64_t *ret_id, struct edit_fail *fail) {
    const struct theme_patch *p = wp;
    struct theme t = {.code = (char *)p->code, .title = (char *)p->title, .means = (struct means_entry *)p->means,
                      .n_means = p->n_means, .abolished = p->abolished};
    return store_theme_create(r->db, pillar_id, &t, p->position, req_actor(r), ret_id, fail);
}

static int theme_update(struct req *r, int64_t id, const void *p, struct edit_fail *fail) {
    return store_theme_update(r->db, id, p, req_actor(r), fail);
}

static const struct api_entity theme_entity = {
    sizeof(struct theme_patch), false, theme_fields, theme_create, theme_update, store_theme_delete, theme_reply,
};

/* POST /api/v1/pillars/{id}/themes */
void api_theme_post(struct req *r) { api_entity_post(r, &theme_entity); }

/* PATCH /api/v1/themes/{id} */
void api_theme_patch(struct req *r) { api_entity_patch(r, &theme_entity); }

/* DELETE /api/v1/themes/{id} */
void api_theme_delete(struct req *r) { api_entity_delete(r, &theme_entity); }
