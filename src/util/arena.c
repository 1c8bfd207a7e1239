/* Bump allocator in linked chunks; arena_free releases everything at once. */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/arena.h"
#include "util/xmalloc.h"

struct arena_chunk {
    struct arena_chunk *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

enum { CHUNK_SIZE = 16 * 1024 };

static _Atomic uint64_t last_serial;

/* n bytes, not cleared */
static void *bump(struct arena *a, size_t n) {
    n = (n + 15) & ~(size_t)15;
    struct arena_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        if (!c)
            a->serial = atomic_fetch_add(&last_serial, 1) + 1;
        size_t size = n > CHUNK_SIZE ? n : CHUNK_SIZE;
        c = xmalloc(sizeof *c + size);
        c->used = 0;
        c->size = size;
        c->next = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += n;
    return p;
}

void *arena_alloc(struct arena *a, size_t n) {
    return memset(bump(a, n), 0, n);
}

char *arena_strndup(struct arena *a, const char *s, size_t n) {
    char *p = bump(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void *arena_memdup(struct arena *a, const void *src, size_t n) {
    void *p = bump(a, n);
    if (n)
        memcpy(p, src, n);
    return p;
}

char *arena_strdup(struct arena *a, const char *s) {
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...) {
    char small[256];                        /* most results fit: format once, then copy */
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    size_t len = n < 0 ? 0 : (size_t)n;
    char *p = arena_alloc(a, len + 1);
    if (len < sizeof small)
        memcpy(p, small, len);
    else
        vsnprintf(p, len + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

void *arena_grow(struct arena *a, void *items, size_t elem, size_t *cap, size_t need) {
    if (need <= *cap)
        return items;
    size_t ncap = *cap ? *cap * 2 : 8;
    while (ncap < need)
        ncap *= 2;
    char *p = bump(a, ncap * elem);
    size_t kept = items ? *cap * elem : 0;
    if (kept)
        memcpy(p, items, kept);
    memset(p + kept, 0, ncap * elem - kept);
    *cap = ncap;
    return p;
}

void arena_free(struct arena *a) {
    struct arena_chunk *c = a->head;
    while (c) {
        struct arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
    a->serial = 0;
}
