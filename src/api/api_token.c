/* The API token of an ingestion request (see api_token.h). */
#include <string.h>
#include <strings.h>
#include "http/session.h"
#include "api/api_input.h"
#include "api/api_token.h"
#include "store/store_token.h"

static void reply_unauthorized(struct req *r, const char *message) {
    resp_error(r, 401, "unauthorized", message, NULL);
    resp_header(r, "WWW-Authenticate", "Bearer realm=\"kawaru\", error=\"invalid_token\"");
}

/* The token of "Bearer <token>" (scheme case-insensitive), or NULL. */
static const char *bearer_token(const char *header) {
    if (strncasecmp(header, "Bearer ", 7) != 0)
        return NULL;
    const char *t = header + 7;
    while (*t == ' ')
        t++;
    return *t ? t : NULL;
}

bool api_ingest_caller(struct req *r, struct ingest_caller *ret) {
    memset(ret, 0, sizeof *ret);
    ret->actor = *req_actor(r);
    if (!r->authorization)
        return true;
    const char *token = bearer_token(r->authorization);
    if (!token) {
        reply_unauthorized(r, "the Authorization header must be \"Bearer\" and an API token");
        return false;
    }
    struct api_token t;
    if (store_token_verify(r->db, &r->arena, token, &t) < 0) {
        reply_unauthorized(r, "the API token is unknown or revoked");
        return false;
    }
    ret->has_token = true;
    ret->token_id = t.id;
    ret->org_id = t.org_id;
    ret->token_name = t.name;
    ret->actor = (struct actor){arena_printf(&r->arena, "token:%s", t.name), "api"};
    return true;
}

bool api_ingest_allows(struct req *r, const struct ingest_caller *c, int64_t org_id) {
    if (!c->has_token || c->org_id == org_id)
        return true;
    resp_error(r, 403, "forbidden", "the API token belongs to another organisation", NULL);
    return false;
}
