/* THE route table: every URL kawaru answers, its handler and the permission it needs. */
#ifndef KAWARU_HTTP_ROUTES_H
#define KAWARU_HTTP_ROUTES_H
#include <stdbool.h>
#include "http/req.h"

typedef void (*handler_fn)(struct req *r);

/* Who may call a route (SPEC §5), checked by http/authz.c before the handler runs. "Member"
 * means a signed-in user of the organisation the path's resource belongs to; an admin is a
 * member of every organisation. */
enum perm {
    PERM_PUBLIC,      /* anyone: no organisation's drafts behind it */
    PERM_PUBLISHED,   /* anyone: members read the working draft, others the published version */
    PERM_MEMBER,      /* members of any role: read drafts */
    PERM_DECIDE,      /* viewer (the HQ), office, admin: record decisions */
    PERM_REPORTER,    /* a reporter of the measure's or department's own department, office, admin */
    PERM_OFFICE,      /* office (事務局) of the organisation, admin */
    PERM_ADMIN,       /* admin */
    PERM_INGEST,      /* a Bearer API token of the organisation, or as PERM_REPORTER */
};

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
