/* /api/v1 handlers of plans: reading one (the working draft, or the published version), its
 * measures with search and filters, its check findings, its latest published version's snapshot
 * and the comparison of two of its versions (or a version and the working draft); creating one,
 * changing it, deleting it. */
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "api/api_entity.h"
#include "core/errors.h"
#include "core/notice.h"
#include "core/orgcode.h"
#include "core/logic_model.h"
#include "core/plan_check.h"
#include "http/session.h"
#include "store/store.h"
#include "util/jw.h"
#include "util/utf8.h"
#include "xfer/doc_diff.h"
#include "xfer/plan_doc.h"
#include "xfer/versions.h"

static const char *const plan_kinds[] = {"strategy", "action_plan", NULL};
static const char *const cadences[] = {"quarterly", "yearly", NULL};

bool api_plan_id(struct req *r, int64_t *ret) {
    int64_t org_id;
    if (!req_param_id(r, 0, ret))
        return false;
    int rc = store_plan_org(r->db, *ret, &org_id);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return false;
    }
    return true;
}

/* GET /api/v1/plans/{id} */
void api_plan_get(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    if (r->sees_drafts)
        api_plan_reply(r, id, 200);
    else
        api_published_plan(r, id);
}

void api_plan_reply(struct req *r, int64_t id, int status) {
    struct plan p;
    struct org o;
    int rc = store_plan_load(r->db, &r->arena, id, LOAD_FULL, &p);
    if (rc == 0) rc = store_org_by_id(r->db, &r->arena, p.org_id, &o);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    api_plan_write(r, &p, &o, status);
}

void api_plan_write(struct req *r, const struct plan *pp, const struct org *o, int status) {
    const struct plan p = *pp;
    /* the plan object of §4.3 with ids and derived figures, the organisation it belongs to first */
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_key(&w, "org");
    jw_obj_begin(&w);
    api_org_write(&w, o);
    jw_obj_end(&w);
    plan_doc_write_plan(&w, &p, DOC_WITH_IDS | DOC_WITH_DERIVED | DOC_MEMBERS, r->today);
    jw_obj_end(&w);
    api_reply(r, status);
}

/* GET /api/v1/plans/{id}/measures */
void api_plan_measures(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    if (!r->sees_drafts) {
        api_published_measures(r, id);
        return;
    }
    int64_t org_id;
    int rc = store_plan_org(r->db, id, &org_id);
    struct measure *ms = NULL;
    size_t n = 0;
    unsigned *matched = NULL;
    if (rc == 0)
        rc = store_measure_search(r->db, &r->arena, id, req_query(r, "q"), req_query(r, "dept"),
                                  req_query(r, "rating"), LOAD_SUMMARY, &ms, &n, &matched);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    api_list_begin(r, &w);
    for (size_t i = 0; i < n; i++)
        plan_doc_write_search_hit(&w, &ms[i], matched[i], r->today);
    api_list_end(r, &w, n);
}

struct findings_ctx { struct jw *w; };

static void write_finding(const struct finding *f, void *vctx) {
    struct jw *w = ((struct findings_ctx *)vctx)->w;
    jw_obj_begin(w);
    jw_kstr(w, "level", f->level == FINDING_ERROR ? "error" : "warning");
    jw_kstr(w, "kind", finding_kind_name(f->kind));
    if (f->node) {                      /* a node of the logic model */
        jw_kint(w, "node_id", f->node->id);
        jw_kstr(w, "node_key", f->node->key);
        jw_kstr(w, "node_text", f->node->text);
        jw_kstr(w, "node_column", lm_column_names[f->node->column]);
    } else {
        jw_kint(w, "measure_id", f->measure->id);
        jw_kstr(w, "measure_code", f->measure->code);
        jw_kstr(w, "measure_title", f->measure->title);
    }
    if (f->kpi) {
        jw_kint(w, "kpi_id", f->kpi->id);
        jw_kstr(w, "kpi_name", f->kpi->name);
    }
    if (f->fy) jw_kint(w, "fy", f->fy);
    jw_obj_end(w);
}

/* GET /api/v1/plans/{id}/check */
void api_plan_check(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    struct plan p;
    int rc = store_plan_load(r->db, &r->arena, id, LOAD_FULL, &p);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_key(&w, "items");
    jw_arr_begin(&w);
    struct findings_ctx c = {&w};
    int errors = plan_check(&p, write_finding, &c);
    jw_arr_end(&w);
    jw_kint(&w, "errors", errors);
    jw_obj_end(&w);
    api_reply(r, 200);
}

/* The latest published version of the plan, with its snapshot: what the public reads. */
/* GET /api/v1/plans/{id}/published */
void api_plan_published(struct req *r) {
    int64_t plan_id;
    struct plan_version *v;
    size_t n;
    if (!api_plan_id(r, &plan_id))
        return;
    int rc = store_versions(r->db, &r->arena, plan_id, &v, &n);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    if (n == 0) {
        resp_error(r, 404, "not_found", "this plan has not been published yet", NULL);
        return;
    }
    api_version_reply(r, v[n - 1].id, 200);
}

/* The document of "from" or "to": a version id, or "draft" for the plan as it is now — which
 * only its members read (KW_ENOTFOUND for the public, who compare published versions). */
static int side(struct req *r, int64_t plan_id, const char *which, struct plan_version *ret) {
    memset(ret, 0, sizeof *ret);
    if (!which || !*which)
        return KW_EINVAL;
    if (strcmp(which, "draft") == 0) {
        if (!r->sees_drafts)
            return KW_ENOTFOUND;
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
    if (!api_plan_id(r, &plan_id))
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

static bool plan_fields(struct input *in, unsigned req, void *wp) {
    struct plan_patch *p = wp;
    struct input period;
    enum input_state ps;
    struct titled_text *vision = NULL, *principles = NULL, *foundation = NULL, *challenges = NULL;
    struct goal *goals = NULL;
    if (!(input_label(in, "title", &field_label, req, &p->title) &&
          input_code(in, "code", IN_CLEARABLE, &p->code) &&
          input_abolished(in, &p->set_abolished, &p->abolished) &&
          input_titled(in, "vision", &vision, &p->n_vision, &p->set_vision) &&
          input_titled(in, "principles", &principles, &p->n_principles, &p->set_principles) &&
          input_titled(in, "foundation", &foundation, &p->n_foundation, &p->set_foundation) &&
          input_titled(in, "challenges", &challenges, &p->n_challenges, &p->set_challenges) &&
          input_goals(in, "goals", &goals, &p->n_goals, &p->set_goals) &&
          input_enum(in, "kind", plan_kinds, req, &p->kind) &&
          input_text(in, "motto", &field_text, IN_CLEARABLE, &p->motto) &&
          input_text(in, "summary", &field_text, IN_CLEARABLE, &p->summary) &&
          input_enum(in, "review_cadence", cadences, IN_CLEARABLE, &p->review_cadence) &&
          input_text(in, "version", &field_label, IN_CLEARABLE, &p->version) &&
          input_date(in, "published", IN_CLEARABLE, &p->published) &&
          input_object(in, "period", IN_CLEARABLE, &period, &ps) &&
          input_position(in, &p->set_position, &p->position)))
        return false;
    p->vision = vision;
    p->principles = principles;
    p->foundation = foundation;
    p->challenges = challenges;
    p->goals = goals;
    p->set_period = ps != INPUT_ABSENT;                 /* the period is replaced as a whole */
    if (ps != INPUT_SET)
        return true;
    if (!input_fy(&period, "from_fy", IN_CLEARABLE, &p->from_fy, NULL) ||
        !input_fy(&period, "to_fy", IN_CLEARABLE, &p->to_fy, NULL))
        return false;
    if (p->from_fy && p->to_fy && p->from_fy > p->to_fy)
        return input_fail(&period, "to_fy", "must not be before from_fy");
    return true;
}

static int plan_create(struct req *r, int64_t org_id, const void *wp, int64_t *ret_id, struct edit_fail *fail) {
    const struct plan_patch *p = wp;
    struct plan plan = {
        .title = (char *)p->title, .kind = (char *)p->kind, .motto = (char *)p->motto, .summary = (char *)p->summary,
        .review_cadence = (char *)p->review_cadence, .version = (char *)p->version, .published = (char *)p->published,
        .from_fy = p->from_fy, .to_fy = p->to_fy, .code = p->code && *p->code ? (char *)p->code : NULL,
        .abolished = p->abolished, .vision = (struct titled_text *)p->vision, .n_vision = p->n_vision,
        .principles = (struct titled_text *)p->principles, .n_principles = p->n_principles,
        .foundation = (struct titled_text *)p->foundation, .n_foundation = p->n_foundation,
        .challenges = (struct titled_text *)p->challenges, .n_challenges = p->n_challenges,
        .goals = (struct goal *)p->goals, .n_goals = p->n_goals,
    };
    return store_plan_create(r->db, org_id, &plan, p->position, req_actor(r), ret_id, fail);
}

static int plan_update(struct req *r, int64_t id, const void *p, struct edit_fail *fail) {
    return store_plan_update(r->db, id, p, req_actor(r), fail);
}

static const struct api_entity plan_entity = {
    sizeof(struct plan_patch), true, plan_fields, plan_create, plan_update, store_plan_delete, api_plan_reply,
};

/* POST /api/v1/orgs/{code}/plans */
void api_plan_post(struct req *r) { api_entity_post(r, &plan_entity); }

/* PATCH /api/v1/plans/{id} */
void api_plan_patch(struct req *r) { api_entity_patch(r, &plan_entity); }

/* DELETE /api/v1/plans/{id} */
void api_plan_delete(struct req *r) { api_entity_delete(r, &plan_entity); }
