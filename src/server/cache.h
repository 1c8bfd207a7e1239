/* Rendered GET responses kept in memory, valid while the data version (bumped by every
 * committed write) and the date are unchanged: unchanged data is served without running a
 * query. Entries hold an opaque payload (the server keeps ready-to-send responses there) that
 * the cache destroys when the entry goes. Thread-safe. */
#ifndef KAWARU_SERVER_CACHE_H
#define KAWARU_SERVER_CACHE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/fiscal.h"
#include "util/buf.h"

typedef void (*cache_destroy_fn)(void *payload);
typedef void (*cache_use_fn)(void *payload, const char *etag, void *ctx);

/* Writes into dst the key of a response: the request target exactly as the client sent it (path
 * and query undecoded) and the language. Decoded, "?q=A%26dept%3DB" (one parameter) and
 * "?q=A&dept=B" (two) would read alike, and one could store what the other is served. */
void cache_key(struct buf *dst, const char *target, const char *lang);

void cache_init(size_t max_entries, size_t max_bytes, cache_destroy_fn destroy);
void cache_shutdown(void);
/* When key has an entry made at version on today, calls use() with its payload and ETag while
 * the entry is held (use must not call back into the cache) and returns true. */
bool cache_use(const char *key, uint64_t version, kw_date today, cache_use_fn use, void *ctx);
/* Stores payload (of about bytes bytes) for key; the cache owns it from now on and destroys it
 * at once if it cannot keep it. */
void cache_put(const char *key, uint64_t version, kw_date today, const char *etag, void *payload, size_t bytes);
/* The ETag of a response: a 64-bit FNV-1a hash of its content type and body, in quotes. It
 * depends on the bytes only, so a response rebuilt after an unrelated write (or a restart)
 * keeps its ETag and clients still get 304. */
void cache_etag(const char *content_type, const char *body, size_t len, char *dst, size_t size);
/* t (seconds since 1970) as an HTTP-date, "Sat, 05 Dec 2026 08:00:00 GMT" (RFC 9110 §5.6.7),
 * into dst (at least 30 bytes): a response's Last-Modified. */
void cache_http_date(int64_t t, char *dst, size_t size);
/* Whether a GET may be answered 304 Not Modified: when the client sent If-None-Match, its
 * match with etag alone decides; otherwise an If-Modified-Since not earlier than the response's
 * Last-Modified (last_modified, an HTTP-date; NULL when the response has none) does. */
bool cache_not_modified(const char *if_none_match, const char *if_modified_since, const char *etag,
                        const char *last_modified);

#endif
