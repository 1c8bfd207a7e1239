/* Who may do what, asked of a request whose resource the router has resolved (see authz.h). */
#include <string.h>
#include <strings.h>
#include "core/errors.h"
#include "http/authz.h"
#include "store/store_scope.h"
#include "store/store_user.h"

static bool role_is(const struct req *r, const char *role) { return r->user && strcmp(r->user->role, role) == 0; }

bool authz_is_admin(const struct req *r) { return role_is(r, "admin"); }

bool authz_member_of_target(const struct req *r) {
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

bool authz_is_reporter(const struct req *r) { return role_is(r, "reporter"); }

bool authz_reports_for(const struct req *r, int64_t dept_id) {
    return role_is(r, "reporter") && in_user_departments(r, dept_id);
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
    if (!authz_member_of_target(r))
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
    if (!r->user)
        resp_error(r, 401, "unauthorized", "sign in first (POST /api/v1/session)", NULL);
    else
        resp_error(r, 403, "forbidden", "your role may not do this here", NULL);
}
