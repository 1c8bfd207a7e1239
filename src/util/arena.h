/* A bump allocator: many small allocations freed together (one per request or per load). */
#ifndef KAWARU_UTIL_ARENA_H
#define KAWARU_UTIL_ARENA_H
#include <stddef.h>
#include <stdint.h>

struct arena_chunk;
struct arena {
    struct arena_chunk *head;
    /* Which use of the arena this is: a number no other use of any arena in the process has,
     * given at the first allocation after arena_free (0 while empty). Tells one request from
     * the next when both use the same arena struct. */
    uint64_t serial;
};

#define ARENA_INIT {NULL, 0}

void *arena_alloc(struct arena *a, size_t n);          /* zeroed, 16-byte aligned */
char *arena_strdup(struct arena *a, const char *s);   /* NULL stays NULL */
char *arena_strndup(struct arena *a, const char *s, size_t n);
void *arena_memdup(struct arena *a, const void *src, size_t n);   /* a copy of n bytes */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Grows an array of elem-sized items to hold at least need items (doubling); returns the array. */
void *arena_grow(struct arena *a, void *items, size_t elem, size_t *cap, size_t need);
void arena_free(struct arena *a);

#endif
