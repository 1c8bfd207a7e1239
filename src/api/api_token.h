/* Who is calling an ingestion endpoint (POST /api/v1/kpis/{id}/measurements and
 * POST /api/v1/plans/{id}/measurements.csv): an API token given as "Authorization: Bearer
 * kwt_...", or nobody. Until users and sessions exist (SPEC §5), a request without a token is
 * let through as before; a request with a token must carry a live token of the organisation
 * it writes to. */
#ifndef KAWARU_API_API_TOKEN_H
#define KAWARU_API_API_TOKEN_H
#include <stdbool.h>
#include <stdint.h>
#include "http/req.h"
#include "store/store.h"

struct ingest_caller {
    bool has_token;
    int64_t token_id, org_id;         /* the token's, when has_token */
    const char *token_name;
    struct actor actor;               /* {"token:<name>", "api"}, or the anonymous api actor */
};

/* Reads the Authorization header into *ret. Returns false after replying 401 (with
 * WWW-Authenticate) when the header is there but is not a live Bearer token. */
bool api_ingest_caller(struct req *r, struct ingest_caller *ret);
/* True when the caller may write to organisation org_id: no token, or a token of that
 * organisation; else replies 403 and returns false. */
bool api_ingest_allows(struct req *r, const struct ingest_caller *c, int64_t org_id);

#endif
