/* Authorization (issue 4, SPEC §5): who may do what, decided from a permission (core/perm.h),
 * the signed-in user (r->user) and the organisation, measure or department of the resource the
 * router resolved before the handler ran (server/gate.h). Handlers that hold several actions
 * behind one route (the review form) ask authz_allows for the one they are about to do. */
#ifndef KAWARU_HTTP_AUTHZ_H
#define KAWARU_HTTP_AUTHZ_H
#include <stdbool.h>
#include <stdint.h>
#include "core/perm.h"
#include "http/req.h"

/* True when r's user holds perm over the resource resolved for r. */
bool authz_allows(const struct req *r, enum perm perm);
/* True when r's user reads the drafts of organisation org_id: one of its users, or an admin. */
bool authz_member_of(const struct req *r, int64_t org_id);
/* True when r's user is a member of the resolved resource's organisation: an admin always,
 * others when it is their own (a path without an organisation's resource, such as /audit,
 * stands for the user's own). */
bool authz_member_of_target(const struct req *r);
bool authz_is_admin(const struct req *r);
/* True when r's user is a reporter (of any department), and when it reports for dept_id. Routes
 * of PERM_MEMBER whose resource holds several departments' rows (a survey file) ask these. */
bool authz_is_reporter(const struct req *r);
bool authz_reports_for(const struct req *r, int64_t dept_id);
/* Replies 403 for a signed-in user without the right, or 401 for an anonymous request. */
void authz_refuse(struct req *r);

#endif
