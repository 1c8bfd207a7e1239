/* THE route table: every URL kawaru answers, its handler and the permission it needs. */
#ifndef KAWARU_SERVER_ROUTES_H
#define KAWARU_SERVER_ROUTES_H
#include <stdbool.h>
#include "core/perm.h"
#include "http/req.h"
#include "store/store_scope.h"

typedef void (*handler_fn)(struct req *r);

/* A route declares the resource it acts on (scope): authorization resolves that resource from
 * the path's parameters and nothing else. A route whose scope is SCOPE_UNDECLARED is refused
 * (403) whoever asks, and tests/api/authz_matrix.test.js fails on it. */
struct route {
    const char *method;
    const char *pattern;        /* literal segments and "{name}" placeholders */
    enum scope_kind scope;      /* the resource of the first placeholder (SCOPE_NONE: none) */
    handler_fn handler;
    enum perm perm;             /* who may call it (core/perm.h) */
    bool csrf;                  /* state-changing form: needs a CSRF token */
};

extern const struct route routes[];

/* Finds the route for method and path, filling r->params. Returns NULL and sets
 * *ret_path_known when the path exists under another method (405). */
const struct route *route_match(struct req *r, bool *ret_path_known);
/* Routes and runs a request: handler, 404, 405, and the standard headers. */
void http_handle(struct req *r);

#endif
