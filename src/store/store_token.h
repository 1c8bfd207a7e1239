/* API tokens scoped to KPI ingestion (SPEC §5): made from the CLI or the admin page, stored
 * hashed, revocable. A token is "kwt_" and 32 random bytes in URL-safe base64 (47 characters);
 * it is handed to the caller once when made, and only its BLAKE2b-256 hash and its first
 * TOKEN_PREFIX_LEN characters are kept. A token lets another system add measurements to the
 * KPIs of its own organisation and nothing else. Every write is one transaction with an audit
 * row that never holds the token or its hash. */
#ifndef KAWARU_STORE_STORE_TOKEN_H
#define KAWARU_STORE_STORE_TOKEN_H
#include <stdbool.h>
#include <stdint.h>
#include "store/store.h"

#define TOKEN_MARK "kwt_"
enum {
    TOKEN_RANDOM_BYTES = 32,
    TOKEN_TEXT_LEN = 4 + 43,           /* "kwt_" + base64url(32 bytes) without padding */
    TOKEN_BUF_SIZE = TOKEN_TEXT_LEN + 1,
    TOKEN_PREFIX_LEN = 12,             /* "kwt_" + 8 characters, shown in lists */
    TOKEN_MAX_NAME = 100,              /* bytes */
};

struct api_token {
    int64_t id, org_id;
    char *org_code, *org_name;
    char *name, *prefix, *created_at, *created_by;
    char *revoked_at, *last_used_at;   /* NULL: not revoked, never used */
};

/* Makes a token for organisation org_id named name (1-100 bytes of UTF-8, no control
 * characters, unique among the organisation's live tokens). Writes the token text into
 * ret_token (TOKEN_BUF_SIZE bytes) and its id into ret_id. Errors: KW_ENOTFOUND (no such
 * organisation), KW_EINVAL (a bad name) and KW_ECONFLICT (a live token of that name) with a
 * message in *fail when fail is not NULL; KW_EDB. */
int store_token_create(struct db *db, int64_t org_id, const char *name, const struct actor *who,
                       int64_t *ret_id, char *ret_token, struct edit_fail *fail);
/* The tokens of organisation org_id (0: of every organisation), by organisation code and id,
 * revoked ones included; allocated in a. */
int store_token_list(struct db *db, struct arena *a, int64_t org_id, struct api_token **ret, size_t *ret_n);
/* Revokes token id from now on. KW_ENOTFOUND when there is no such token, KW_ECONFLICT when
 * it was revoked already (nothing changes then). */
int store_token_revoke(struct db *db, int64_t id, const struct actor *who);
/* The live token whose text is token, allocated in a. KW_ENOTFOUND for a malformed, unknown
 * or revoked token (the caller answers all three alike). Reads only. */
int store_token_verify(struct db *db, struct arena *a, const char *token, struct api_token *ret);
/* Records that token id was used now (joins the caller's transaction when there is one). */
int store_token_touch(struct db *db, int64_t id);

#endif
