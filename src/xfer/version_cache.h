/* Parsed published versions, kept by each server thread.
 *
 * A published version never changes once stored, and parsing its snapshot (a whole plan
 * document) is most of the work of every page and call that shows the public a plan: about
 * 10 M instructions for a plan of 50 measures, where the rest of its measure list costs 2 M.
 * Each thread keeps the last VERSION_CACHE_SIZE versions it parsed, keyed by the version's id
 * and the time it was stored (ids are never reused: AUTOINCREMENT), and frees them when the
 * thread ends. Nothing is shared between threads. */
#ifndef KAWARU_XFER_VERSION_CACHE_H
#define KAWARU_XFER_VERSION_CACHE_H
#include <stdint.h>
#include "xfer/published.h"

enum { VERSION_CACHE_SIZE = 8 };

/* Reads and parses version id into the arena given, filling ret; < 0 on failure. */
typedef int (*version_parse_fn)(struct db *db, struct arena *a, int64_t id, struct published_plan *ret);

/* Version id (stored at published_at) as this thread keeps it, parsed by parse when it is not
 * kept yet; 0, or < 0 on failure. The result points into the thread's cache, which callers
 * must not change, and stays valid for the rest of the request whose arena is a: an entry is
 * not dropped for another while the same arena asks (when every entry is held so, the version
 * is parsed into a instead). */
int version_cache_load(struct db *db, struct arena *a, int64_t id, const char *published_at, version_parse_fn parse,
                       struct published_plan *ret);

#endif
