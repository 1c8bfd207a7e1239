/* Writing the plan structure through /api/v1: organisations, departments, plans, pillars and
 * themes: create, change, reorder, move a theme to another pillar, delete. Each handler reads
 * the whole body (api_input.h), makes one store call (one transaction with its audit row), and
 * replies with the entity as it is now, or 204 after a delete. */
#include <string.h>
#include "http/session.h"
#include "api/api.h"
#include "api/api_input.h"
#include "core/errors.h"
#include "core/notice.h"
#include "core/orgcode.h"
#include "store/store.h"
#include "util/utf8.h"
#include "xfer/plan_doc.h"

enum { MAX_POPULATION = 1000000000 };

static const char *const plan_kinds[] = {"strategy", "action_plan", NULL};
static const char *const cadences[] = {"quarterly", "yearly", NULL};

/* ---- organisations */

static bool org_code_ok(struct input *in, const char *code) {
    if (orgcode_valid(code))
        return true;
    if (strlen(code) == 6 && strspn(code, "0123456789") == 6)
        return input_fail(in, "code", "\"%s\" has a wrong check digit (expected %.5s%d)", code, code,
                          orgcode_check_digit(code));
    return input_fail(in, "code", "must be a 6-digit local government code (全国地方公共団体コード)");
}

static bool org_fields(struct input *in, unsigned req, struct org_patch *p) {
    enum input_state st;
    if (!(input_label(in, "name", MODEL_MAX_TITLE, req, &p->name) &&
          input_text(in, "prefecture", MODEL_MAX_TITLE, IN_CLEARABLE, &p->prefecture) &&
          input_int(in, "population", 0, MAX_POPULATION, IN_CLEARABLE, &p->population, &st)))
        return false;
    p->set_population = st != INPUT_ABSENT;
    return true;
}

/* POST /api/v1/orgs */
void api_org_post(struct req *r) {
    struct input in;
    if (!input_begin(r, &in))
        return;
    const char *code = NULL;
    struct org_patch p = {0};
    bool ok = input_label(&in, "code", MODEL_MAX_TITLE, IN_REQUIRED, &code) && org_code_ok(&in, code) &&
              org_fields(&in, IN_REQUIRED, &p);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct org o = {.code = (char *)code, .name = (char *)p.name, .prefecture = (char *)p.prefecture,
                    .population = p.population};
    struct edit_fail fail = {0};
    int rc = store_org_create(r->db, &o, req_actor(r), NULL, &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        api_org_reply(r, code, 201);
}

/* PATCH /api/v1/orgs/{code} */
void api_org_patch(struct req *r) {
    struct org o;
    int rc = store_org_by_code(r->db, &r->arena, r->params[0], &o);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct input in;
    if (!input_begin(r, &in))
        return;
    struct org_patch p = {0};
    bool ok = org_fields(&in, 0, &p);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct edit_fail fail = {0};
    if ((rc = store_org_update(r->db, o.id, &p, req_actor(r), &fail)) < 0)
        input_store_fail(r, rc, &fail);
    else
        api_org_reply(r, o.code, 200);
}

/* ---- departments */

static bool department_fields(struct input *in, unsigned req, struct department_patch *p) {
    if (!input_label(in, "code", MODEL_MAX_DEPT_CODE, req, &p->code))
        return false;
    if (p->code && !model_code_valid(p->code, MODEL_MAX_DEPT_CODE))
        return input_fail(in, "code", "must be 1-%d characters of a-z, 0-9, - and _", MODEL_MAX_DEPT_CODE);
    return input_label(in, "name", MODEL_MAX_TITLE, req, &p->name) &&
           input_text(in, "parent", MODEL_MAX_DEPT_CODE, IN_CLEARABLE, &p->parent) &&
           input_abolished(in, &p->set_abolished, &p->abolished) &&
           input_position(in, &p->set_position, &p->position);
}

static void department_reply(struct req *r, int64_t id, int status) {
    struct location loc;
    struct department *d = NULL;
    size_t n = 0;
    int rc = store_locate(r->db, ENTITY_DEPARTMENT, id, &loc);
    if (rc == 0)
        rc = store_departments(r->db, &r->arena, loc.org_id, &d, &n);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (d[i].id == id) {
            struct jw w;
            jw_init(&w, &r->out, 0);
            api_department_write(&w, &d[i]);
            resp_json(r, status);
            return;
        }
    resp_store_error(r, rc < 0 ? rc : KW_ENOTFOUND, NULL, NULL);
}

/* POST /api/v1/orgs/{code}/departments */
void api_department_post(struct req *r) {
    struct org o;
    int rc = store_org_by_code(r->db, &r->arena, r->params[0], &o);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct input in;
    if (!input_begin(r, &in))
        return;
    struct department_patch p = {0};
    bool ok = department_fields(&in, IN_REQUIRED, &p);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct department d = {.code = (char *)p.code, .name = (char *)p.name, .parent_code = (char *)p.parent,
                           .abolished = p.abolished};
    struct edit_fail fail = {0};
    int64_t id;
    rc = store_department_create(r->db, o.id, &d, p.position, req_actor(r), &id, &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        department_reply(r, id, 201);
}

/* PATCH /api/v1/departments/{id} */
void api_department_patch(struct req *r) {
    int64_t id;
    struct input in;
    if (!req_param_id(r, 0, &id) || !input_begin(r, &in))
        return;
    struct department_patch p = {0};
    const char *email = NULL;                             /* the contact e-mail for reminders */
    bool ok = department_fields(&in, 0, &p) && input_text(&in, "email", NOTICE_MAX_EMAIL, IN_CLEARABLE, &email);
    if (ok && email && *email && !notice_email_valid(email))
        ok = input_fail(&in, "email", "must be an e-mail address like name@example.jp (\"\" or null clears it)");
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct edit_fail fail = {0};
    int rc = store_department_patch(r->db, id, &p, email, req_actor(r), &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        department_reply(r, id, 200);
}

/* DELETE /api/v1/departments/{id} */
void api_department_delete(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    struct edit_fail fail = {0};
    input_deleted(r, store_department_delete(r->db, id, req_actor(r), &fail), &fail);
}

/* ---- plans */

static bool plan_fields(struct input *in, unsigned req, struct plan_patch *p) {
    struct input period;
    enum input_state ps;
    struct titled_text *vision = NULL, *principles = NULL, *foundation = NULL, *challenges = NULL;
    struct goal *goals = NULL;
    if (!(input_label(in, "title", MODEL_MAX_TITLE, req, &p->title) &&
          input_code(in, "code", IN_CLEARABLE, &p->code) &&
          input_abolished(in, &p->set_abolished, &p->abolished) &&
          input_titled(in, "vision", &vision, &p->n_vision, &p->set_vision) &&
          input_titled(in, "principles", &principles, &p->n_principles, &p->set_principles) &&
          input_titled(in, "foundation", &foundation, &p->n_foundation, &p->set_foundation) &&
          input_titled(in, "challenges", &challenges, &p->n_challenges, &p->set_challenges) &&
          input_goals(in, "goals", &goals, &p->n_goals, &p->set_goals) &&
          input_enum(in, "kind", plan_kinds, req, &p->kind) &&
          input_text(in, "motto", MODEL_MAX_TEXT, IN_CLEARABLE, &p->motto) &&
          input_text(in, "summary", MODEL_MAX_TEXT, IN_CLEARABLE, &p->summary) &&
          input_enum(in, "review_cadence", cadences, IN_CLEARABLE, &p->review_cadence) &&
          input_text(in, "version", MODEL_MAX_TITLE, IN_CLEARABLE, &p->version) &&
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

/* POST /api/v1/orgs/{code}/plans */
void api_plan_post(struct req *r) {
    struct org o;
    int rc = store_org_by_code(r->db, &r->arena, r->params[0], &o);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct input in;
    if (!input_begin(r, &in))
        return;
    struct plan_patch p = {0};
    bool ok = plan_fields(&in, IN_REQUIRED, &p);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct plan plan = {
        .title = (char *)p.title, .kind = (char *)p.kind, .motto = (char *)p.motto, .summary = (char *)p.summary,
        .review_cadence = (char *)p.review_cadence, .version = (char *)p.version, .published = (char *)p.published,
        .from_fy = p.from_fy, .to_fy = p.to_fy, .code = p.code && *p.code ? (char *)p.code : NULL,
        .abolished = p.abolished, .vision = (struct titled_text *)p.vision, .n_vision = p.n_vision,
        .principles = (struct titled_text *)p.principles, .n_principles = p.n_principles,
        .foundation = (struct titled_text *)p.foundation, .n_foundation = p.n_foundation,
        .challenges = (struct titled_text *)p.challenges, .n_challenges = p.n_challenges,
        .goals = (struct goal *)p.goals, .n_goals = p.n_goals,
    };
    struct edit_fail fail = {0};
    int64_t id;
    rc = store_plan_create(r->db, o.id, &plan, p.position, req_actor(r), &id, &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        api_plan_reply(r, id, 201);
}

/* PATCH /api/v1/plans/{id} */
void api_plan_patch(struct req *r) {
    int64_t id;
    struct input in;
    if (!req_param_id(r, 0, &id) || !input_begin(r, &in))
        return;
    struct plan_patch p = {0};
    bool ok = plan_fields(&in, 0, &p);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct edit_fail fail = {0};
    int rc = store_plan_update(r->db, id, &p, req_actor(r), &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        api_plan_reply(r, id, 200);
}

/* DELETE /api/v1/plans/{id} */
void api_plan_delete(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    struct edit_fail fail = {0};
    input_deleted(r, store_plan_delete(r->db, id, req_actor(r), &fail), &fail);
}

/* ---- pillars */

static bool pillar_fields(struct input *in, unsigned req, struct pillar_patch *p, struct strlist *examples) {
    bool set_examples;
    if (!(input_code(in, "code", req, &p->code) &&
          input_label(in, "title", MODEL_MAX_TITLE, req, &p->title) &&
          input_text(in, "summary", MODEL_MAX_TEXT, IN_CLEARABLE, &p->summary) &&
          input_strlist(in, "examples", MODEL_MAX_TEXT, IN_CLEARABLE, examples, &set_examples) &&
          input_abolished(in, &p->set_abolished, &p->abolished) &&
          input_position(in, &p->set_position, &p->position)))
        return false;
    p->examples = set_examples ? examples : NULL;
    return true;
}

/* The pillar as GET /api/v1/plans/{id} shows it, with its plan_id. */
static void pillar_reply(struct req *r, int64_t id, int status) {
    struct location loc;
    struct plan p;
    int rc = store_locate(r->db, ENTITY_PILLAR, id, &loc);
    if (rc == 0)
        rc = store_plan_load(r->db, &r->arena, loc.plan_id, LOAD_FULL, &p);
    for (size_t i = 0; rc == 0 && i < p.n_pillars; i++)
        if (p.pillars[i].id == id) {
            struct jw w;
            jw_init(&w, &r->out, 0);
            jw_obj_begin(&w);
            jw_kint(&w, "plan_id", loc.plan_id);
            plan_doc_write_pillar(&w, &p.pillars[i], DOC_WITH_IDS | DOC_WITH_DERIVED | DOC_MEMBERS, r->today);
            jw_obj_end(&w);
            resp_json(r, status);
            return;
        }
    resp_store_error(r, rc < 0 ? rc : KW_ENOTFOUND, NULL, NULL);
}

/* POST /api/v1/plans/{id}/pillars */
void api_pillar_post(struct req *r) {
    int64_t plan_id;
    struct input in;
    if (!req_param_id(r, 0, &plan_id) || !input_begin(r, &in))
        return;
    struct pillar_patch p = {0};
    struct strlist examples;
    bool ok = pillar_fields(&in, IN_REQUIRED, &p, &examples);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct pillar pi = {.code = (char *)p.code, .title = (char *)p.title, .summary = (char *)p.summary,
                        .abolished = p.abolished};
    if (p.examples)
        pi.examples = examples;
    struct edit_fail fail = {0};
    int64_t id;
    int rc = store_pillar_create(r->db, plan_id, &pi, p.position, req_actor(r), &id,
                                 &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        pillar_reply(r, id, 201);
}

/* PATCH /api/v1/pillars/{id} */
void api_pillar_patch(struct req *r) {
    int64_t id;
    struct input in;
    if (!req_param_id(r, 0, &id) || !input_begin(r, &in))
        return;
    struct pillar_patch p = {0};
    struct strlist examples;
    bool ok = pillar_fields(&in, 0, &p, &examples);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct edit_fail fail = {0};
    int rc = store_pillar_update(r->db, id, &p, req_actor(r), &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        pillar_reply(r, id, 200);
}

/* DELETE /api/v1/pillars/{id} */
void api_pillar_delete(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    struct edit_fail fail = {0};
    input_deleted(r, store_pillar_delete(r->db, id, req_actor(r), &fail), &fail);
}

/* ---- themes */

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
        if (!input_item(in, "means", arr, i, &e) || !input_label(&e, "name", MODEL_MAX_TITLE, IN_REQUIRED, &name) ||
            !input_text(&e, "note", MODEL_MAX_TEXT, IN_CLEARABLE, &note))
            return false;
        v[i] = (struct means_entry){(char *)name, note && *note ? (char *)note : NULL};
    }
    p->means = v;
    p->n_means = n;
    return true;
}

static bool theme_fields(struct input *in, unsigned req, struct theme_patch *p) {
    if (!(input_code(in, "code", IN_CLEARABLE, &p->code) &&
          input_label(in, "title", MODEL_MAX_TITLE, req, &p->title) && theme_means(in, p) &&
          input_abolished(in, &p->set_abolished, &p->abolished) &&
          input_position(in, &p->set_position, &p->position)))
        return false;
    if (p->code && utf8_is_blank(p->code))
        p->code = "";                                   /* a theme's code is optional: blank clears it */
    return true;
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

/* POST /api/v1/pillars/{id}/themes */
void api_theme_post(struct req *r) {
    int64_t pillar_id;
    struct input in;
    if (!req_param_id(r, 0, &pillar_id) || !input_begin(r, &in))
        return;
    struct theme_patch p = {0};
    bool ok = theme_fields(&in, IN_REQUIRED, &p);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct theme t = {.code = (char *)p.code, .title = (char *)p.title, .means = (struct means_entry *)p.means,
                      .n_means = p.n_means, .abolished = p.abolished};
    struct edit_fail fail = {0};
    int64_t id;
    int rc = store_theme_create(r->db, pillar_id, &t, p.position, req_actor(r), &id,
                                &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        theme_reply(r, id, 201);
}

/* PATCH /api/v1/themes/{id} */
void api_theme_patch(struct req *r) {
    int64_t id;
    struct input in;
    if (!req_param_id(r, 0, &id) || !input_begin(r, &in))
        return;
    struct theme_patch p = {0};
    bool ok = theme_fields(&in, 0, &p) && input_id(&in, "pillar_id", &p.pillar_id);
    ok = input_end(&in) && ok;
    if (!ok)
        return;
    struct edit_fail fail = {0};
    int rc = store_theme_update(r->db, id, &p, req_actor(r), &fail);
    if (rc < 0)
        input_store_fail(r, rc, &fail);
    else
        theme_reply(r, id, 200);
}

/* DELETE /api/v1/themes/{id} */
void api_theme_delete(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    struct edit_fail fail = {0};
    input_deleted(r, store_theme_delete(r->db, id, req_actor(r), &fail), &fail);
}
