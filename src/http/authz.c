/* Authorization of a request before its handler runs (see authz.h). */
#include <string.h>
#include <strings.h>
#include "core/errors.h"
#include "http/authz.h"
#include "store/store_scope.h"
#include "store/store_user.h"
#include "web/pages.h"

static bool role_is(const struct req *r, const char *role) { return r->user && strcmp(r->user->role, role) == 0; }

/* A member of the target's organisation: an admin always, others when it is their own (a
 * path without an organisation's resource, such as /audit, stands for the user's own). */
static bool member(const struct req *r) {
    if (!r->user)
        return false;
    return role_is(r, "admin") || !r->target_org_id || r->target_org_id == r->user->org_id;
}

bool authz_member_of(const struct req *r, int64_t org_id) {
    return r->user && (role_is(r, "admin") || r->user->org_id == org_id);
}

static bool in_user_departments(const struct req *r, int64_t dept_id) {
    for (size_t i = 0; i < r->user->ndepts; i++)
        if (r->user->dept_ids[i] == dept_id)
            return true;
    return false;
}

/* A reporter's right: the target is one of its departments, or a measure one of its
 * departments carries. */
static bool reporter_owns_target(const struct req *r) {
    if (r->target_department_id)
        return in_user_departments(r, r->target_department_id);
    return r->target_measure_id &&
           store_measure_in_departments(r->db, r->target_measure_id, r->user->dept_ids, r->user->ndepts);
}

bool authz_allows(const struct req *r, enum perm perm) {
    switch (perm) {
    case PERM_PUBLIC:
    case PERM_PUBLISHED:
        return true;
    default:
        break;
    }
    if (!member(r))
        return false;
    bool office = role_is(r, "office") || role_is(r, "admin");
    switch (perm) {
    case PERM_MEMBER:
        return true;
    case PERM_DECIDE:
        return office || role_is(r, "viewer");
    case PERM_REPORTER:
    case PERM_INGEST:
        return office || (role_is(r, "reporter") && reporter_owns_target(r));
    case PERM_OFFICE:
        return office;
    case PERM_ADMIN:
        return role_is(r, "admin");
    default:
        return false;
    }
}

void authz_refuse(struct req *r) {
    bool api = req_is_api(r);
    if (!r->user) {
        if (api) {
            resp_error(r, 401, "unauthorized", "sign in first (POST /api/v1/session)", NULL);
        } else {
            page_login_required(r);
        }
    } else if (api) {
        resp_error(r, 403, "forbidden", "your role may not do this here", NULL);
    } else {
        page_forbidden(r, PAGE_FORBIDDEN_ROLE);
    }
}

/* The resource kind of a path: its first segment after "/api/v1" ("plans" in /plans/3/…), or
 * "tokens" for /admin/tokens/{id}. */
static const char *path_kind(struct req *r) {
    const char *p = r->path;
    if (strncmp(p, "/api/v1/", 8) == 0)
        p += 7;
    if (strncmp(p, "/admin/", 7) == 0)
        p += 6;
    const char *end = strchr(p + 1, '/');
    return end ? arena_strndup(&r->arena, p + 1, (size_t)(end - p - 1)) : NULL;
}

/* Fills r->target_* from the path's first parameter (and a review's measure, the second
 * parameter of /periods/{id}/measures/{mid}), and whether the path names a plan never
 * published. KW_ENOTFOUND when the resource does not exist or the measure is not of the
 * period's organisation. */
static int resolve_target(struct req *r, bool *unpublished_plan) {
    r->target_org_id = r->target_measure_id = r->target_department_id = 0;
    *unpublished_plan = false;
    const char *kind = r->nparams > 0 ? path_kind(r) : NULL;
    if (!kind || strcmp(kind, "static") == 0)
        return 0;
    struct scope s;
    int rc = store_scope(r->db, kind, r->params[0], &s);
    if (rc == KW_EINVAL)
        return 0;                       /* a path whose resource belongs to no organisation */
    if (rc < 0)
        return rc;
    if (strcmp(kind, "periods") == 0 && r->nparams > 1) {
        struct scope m;
        if ((rc = store_scope(r->db, "measures", r->params[1], &m)) < 0)
            return rc;
        if (m.org_id != s.org_id)
            return KW_ENOTFOUND;
        s.measure_id = m.measure_id;
    }
    r->target_org_id = s.org_id;
    r->target_measure_id = s.measure_id;
    r->target_department_id = s.department_id;
    *unpublished_plan = s.unpublished_plan;
    return 0;
}

static void reply_not_found(struct req *r) {
    if (req_is_api(r))
        resp_error(r, 404, "not_found", "no such resource", NULL);
    else
        page_not_found(r);
}

bool authz_passes(struct req *r, const struct route *rt) {
    r->sees_drafts = false;
    bool bearer = rt->perm == PERM_INGEST && r->authorization && strncasecmp(r->authorization, "Bearer ", 7) == 0;
    if (bearer || (!r->user && rt->perm == PERM_PUBLIC))
        return true;                    /* a Bearer call: the handler checks the API token */
    if (!r->user && rt->perm != PERM_PUBLISHED) {
        authz_refuse(r);                /* 401 before anything about the resource is told */
        return false;
    }
    /* the target is resolved on open routes too, for the handler's authz_allows */
    bool open = rt->perm == PERM_PUBLIC || rt->perm == PERM_PUBLISHED, unpublished = false;
    int rc = resolve_target(r, &unpublished);
    if (rc == KW_ENOTFOUND && role_is(r, "admin") && strcmp(rt->pattern, "/api/v1/orgs/{code}/document") == 0) {
        r->target_org_id = -1;          /* an admin's document PUT creates the organisation */
        return true;
    }
    if (rc == KW_ENOTFOUND && open) {
        r->target_org_id = -1;          /* nobody's: the handler replies 404 */
        return true;
    }
    if (rc < 0) {
        if (rc == KW_ENOTFOUND)
            reply_not_found(r);
        else
            resp_error(r, 500, "internal", "the database could not be read", NULL);
        return false;
    }
    r->sees_drafts = member(r);
    if (rt->perm == PERM_PUBLISHED && !r->sees_drafts && unpublished) {
        reply_not_found(r);             /* a plan never published is its organisation's alone */
        return false;
    }
    if (authz_allows(r, rt->perm))
        return true;
    authz_refuse(r);
    return false;
}
