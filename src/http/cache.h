/* Rendered GET responses kept in memory, valid while the data version (bumped by every
 * committed write) and the date are unchanged: unchanged data is served without SQLite.
 * Thread-safe; entries are copied in and out. */
#ifndef KAWARU_HTTP_CACHE_H
#define KAWARU_HTTP_CACHE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/fiscal.h"
#include "util/buf.h"

struct cached {
    int status;
    char content_type[64];
    char etag[48];
    struct buf body;           /* caller frees with buf_free */
};

void cache_init(size_t max_entries, size_t max_bytes);
void cache_shutdown(void);
/* Copies the entry for key into ret when it is still valid. */
bool cache_get(const char *key, uint64_t version, kw_date today, struct cached *ret);
void cache_put(const char *key, uint64_t version, kw_date today, const char *content_type,
               const char *etag, const char *body, size_t len);
/* The ETag for a response produced at version: "<boot id>-<version>-<date>". */
void cache_etag(uint64_t version, kw_date today, char *dst, size_t size);

#endif
