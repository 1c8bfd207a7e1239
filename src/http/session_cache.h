/* A per-thread memo of resolved sessions, so that a signed-in user's requests do not each run
 * the session queries and two BLAKE2b hashes.
 *
 * An entry holds what session_resolve found for one cookie token: the user, the session's
 * CSRF token and its absolute end. It is used only while the data version is the one it was
 * found at (every committed content write bumps it, in this process or, through db_watch, in
 * another: a sign-out, a disabled user or a changed role all end the entry; bookkeeping such as
 * a session's last-seen time does not, store/db.h), for at most
 * SESSION_TOUCH_SECONDS (so that last_seen is still written about once a minute), and never
 * past the session's end. Tokens are compared in constant time. */
#ifndef KAWARU_HTTP_SESSION_CACHE_H
#define KAWARU_HTTP_SESSION_CACHE_H
#include <stdbool.h>
#include <stdint.h>
#include "store/store_user.h"

struct arena;

enum { SESSION_CACHE_SLOTS = 16 };

/* The entry of token found at version, still good at now: copies its user into a (strings and
 * department ids in a) and returns true with *ret_csrf set (in a). */
bool session_cache_get(const char *token, uint64_t version, int64_t now, struct arena *a,
                       struct session_user *ret_user, const char **ret_csrf);
/* Remembers the session of token, found at version and time now. A user with more departments
 * than USER_MAX_DEPTS, or names longer than their limits, is not remembered. */
void session_cache_put(const char *token, uint64_t version, int64_t now, const struct session_user *u,
                       const char *csrf);
/* Forgets every entry of this thread. */
void session_cache_clear(void);

#endif
