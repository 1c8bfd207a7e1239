/* Authorization (issue 4, SPEC §5): who may call a route, decided from the route table's
 * permission, the signed-in user (r->user) and the organisation, measure or department the
 * path's resource belongs to. Runs before every handler; handlers that hold several actions
 * behind one route (the review form) ask authz_allows for the one they are about to do. */
#ifndef KAWARU_HTTP_AUTHZ_H
#define KAWARU_HTTP_AUTHZ_H
#include <stdbool.h>
#include "http/routes.h"

/* Resolves the path's resource into r->target_* and r->sees_drafts and decides. True when the
 * handler may run; otherwise the reply is written: 401 (not signed in: a JSON error, or the
 * sign-in page), 403 (signed in without the right), or 404 (no such resource). */
bool authz_passes(struct req *r, const struct route *rt);
/* True when r's user holds perm over the resource resolved by authz_passes. */
bool authz_allows(const struct req *r, enum perm perm);
/* True when r's user reads the drafts of organisation org_id: one of its users, or an admin. */
bool authz_member_of(const struct req *r, int64_t org_id);
/* Replies 403 for a signed-in user without the right, or 401 for an anonymous request. */
void authz_refuse(struct req *r);

#endif
