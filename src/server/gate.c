/* The router's gate (see gate.h): the resource a route declares, resolved from the path, and
 * the route's permission decided before its handler runs. */
#include <string.h>
#include <strings.h>
#include "core/errors.h"
#include "http/authz.h"
#include "server/gate.h"
#include "store/store_scope.h"

/* How many of the path's parameters name a resource of kind. */
static int scope_params(enum scope_kind kind) {
    return kind == SCOPE_NONE ? 0 : kind == SCOPE_PERIOD_MEASURE ? 2 : 1;
}

/* Fills r->target_* from the resource the route declares (its scope, resolved from the path's
 * first parameter; a review's measure from the second), and whether it is a plan never
 * published. KW_ENOTFOUND when the resource does not exist or the measure is not of the
 * period's organisation. */
static int resolve_target(struct req *r, const struct route *rt, bool *unpublished_plan) {
    r->target_org_id = r->target_measure_id = r->target_department_id = 0;
    *unpublished_plan = false;
    if (rt->scope == SCOPE_NONE)
        return 0;
    struct scope s;
    int rc = store_scope(r->db, rt->scope == SCOPE_PERIOD_MEASURE ? SCOPE_PERIOD : rt->scope, r->params[0], &s);
    if (rc < 0)
        return rc;
    if (rt->scope == SCOPE_PERIOD_MEASURE) {
        struct scope m;
        if ((rc = store_scope(r->db, SCOPE_MEASURE, r->params[1], &m)) < 0)
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

static void reply_not_found(struct req *r) { resp_error(r, 404, "not_found", "no such resource", NULL); }

/* Fails closed: a route that does not say what it acts on (or says what its path cannot name)
 * is nobody's to call. */
static bool refuse_undeclared(struct req *r) {
    resp_error(r, 403, "forbidden", "this route declares no resource", NULL);
    return false;
}

bool authz_passes(struct req *r, const struct route *rt) {
    r->sees_drafts = false;
    if (rt->scope == SCOPE_UNDECLARED || r->nparams < scope_params(rt->scope))
        return refuse_undeclared(r);    /* the table's mistake: its pattern cannot name that resource */
    bool bearer = rt->perm == PERM_INGEST && r->authorization && strncasecmp(r->authorization, "Bearer ", 7) == 0;
    if (bearer || (!r->user && rt->perm == PERM_PUBLIC))
        return true;                    /* a Bearer call: the handler checks the API token */
    if (!r->user && rt->perm != PERM_PUBLISHED) {
        authz_refuse(r);                /* 401 before anything about the resource is told */
        return false;
    }
    /* the target is resolved on open routes too, for the handler's authz_allows */
    bool open = rt->perm == PERM_PUBLIC || rt->perm == PERM_PUBLISHED, unpublished = false;
    int rc = resolve_target(r, rt, &unpublished);
    if (rc == KW_ENOTFOUND && authz_is_admin(r) && strcmp(rt->pattern, "/api/v1/orgs/{code}/document") == 0) {
        r->target_org_id = -1;          /* an admin's document PUT creates the organisation */
        return true;
    }
    if (rc == KW_ENOTFOUND && open) {
        r->target_org_id = -1;          /* nobody's: the handler replies 404 */
        return true;
    }
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return false;
    }
    r->sees_drafts = authz_member_of_target(r);
    if (rt->perm == PERM_PUBLISHED && !r->sees_drafts && unpublished) {
        reply_not_found(r);             /* a plan never published is its organisation's alone */
        return false;
    }
    if (authz_allows(r, rt->perm))
        return true;
    authz_refuse(r);
    return false;
}
