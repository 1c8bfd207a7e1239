/* The router's gate (issue 4, issue 13; SPEC §5): before a route's handler runs, the resource
 * the route declares (its scope) is resolved from the path into r->target_* and
 * r->sees_drafts, and the route's permission is decided (http/authz.h). A route that declares
 * no resource, or one its path cannot name, is refused. */
#ifndef KAWARU_SERVER_GATE_H
#define KAWARU_SERVER_GATE_H
#include <stdbool.h>
#include "server/routes.h"

/* True when the handler may run; otherwise the reply is written: 401 (not signed in: a JSON
 * error, or the sign-in page), 403 (signed in without the right, or a route without a
 * declared resource), or 404 (no such resource). */
bool authz_passes(struct req *r, const struct route *rt);

#endif
