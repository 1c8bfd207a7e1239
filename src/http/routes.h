/* THE route table: every URL kawaru answers, its handler and the permission it needs. */
#ifndef KAWARU_HTTP_ROUTES_H
#define KAWARU_HTTP_ROUTES_H
#include <stdbool.h>
#include "http/req.h"

typedef void (*handler_fn)(struct req *r);

/* Who may call a route. Enforcement arrives with users and sessions (SPEC §5); until then
 * every route is open, and the table already says what each one will need. */
/* PERM_VIEWER: the HQ, which reads drafts and records decisions (SPEC §5). */
enum perm { PERM_PUBLIC, PERM_VIEWER, PERM_REPORTER, PERM_OFFICE, PERM_ADMIN, PERM_INGEST };

struct route {
    const char *method;
    const char *pattern;        /* literal segments and "{name}" placeholders */
    handler_fn handler;
    enum perm perm;
    bool csrf;                  /* state-changing form: needs a CSRF token */
};

extern const struct route routes[];

/* Finds the route for method and path, filling r->params. Returns NULL and sets
 * *ret_path_known when the path exists under another method (405). */
const struct route *route_match(struct req *r, bool *ret_path_known);
/* Routes and runs a request: handler, 404, 405, and the standard headers. */
void http_handle(struct req *r);

#endif
