/* Parsed published versions kept by each server thread (see version_cache.h). */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "util/xmalloc.h"
#include "xfer/version_cache.h"

struct kept {
    bool used;
    int64_t id;
    char *published_at;                 /* in arena */
    struct arena arena;                 /* everything of this entry */
    struct published_plan pp;
    uint64_t user;                      /* the serial of the request arena that used it last */
    uint64_t tick;                      /* when it was used last, for dropping the oldest */
};

struct kept_set {
    struct kept entries[VERSION_CACHE_SIZE];
    uint64_t tick;
};

static pthread_key_t set_key;
static pthread_once_t set_once = PTHREAD_ONCE_INIT;

static void set_free(void *p) {
    struct kept_set *s = p;
    for (size_t i = 0; i < VERSION_CACHE_SIZE; i++)
        arena_free(&s->entries[i].arena);
    free(s);
}

static void set_key_make(void) {
    if (pthread_key_create(&set_key, set_free) != 0)
        abort();
}

static struct kept_set *thread_set(void) {
    pthread_once(&set_once, set_key_make);
    struct kept_set *s = pthread_getspecific(set_key);
    if (!s) {
        s = xcalloc(1, sizeof *s);
        pthread_setspecific(set_key, s);
    }
    return s;
}

/* The entry to parse into: a free one, else the least recently used one that the request of
 * arena a has not used; NULL when the request holds them all. */
static struct kept *room(struct kept_set *s, const struct arena *a) {
    uint64_t user = a->serial;
    struct kept *victim = NULL;
    for (size_t i = 0; i < VERSION_CACHE_SIZE; i++) {
        struct kept *e = &s->entries[i];
        if (!e->used)
            return e;
        if (e->user != user && (!victim || e->tick < victim->tick))
            victim = e;
    }
    return victim;
}

int version_cache_load(struct db *db, struct arena *a, int64_t id, const char *published_at, version_parse_fn parse,
                       struct published_plan *ret) {
    struct kept_set *s = thread_set();
    if (!a->serial)
        (void)arena_alloc(a, 1);            /* gives the request's arena its serial */
    s->tick++;
    for (size_t i = 0; i < VERSION_CACHE_SIZE; i++) {
        struct kept *e = &s->entries[i];
        if (e->used && e->id == id && strcmp(e->published_at, published_at) == 0) {
            e->user = a->serial;
            e->tick = s->tick;
            *ret = e->pp;
            return 0;
        }
    }
    struct kept *e = room(s, a);
    if (!e)
        return parse(db, a, id, ret);
    arena_free(&e->arena);
    memset(e, 0, sizeof *e);
    int rc = parse(db, &e->arena, id, &e->pp);
    if (rc < 0) {
        arena_free(&e->arena);
        memset(e, 0, sizeof *e);
        return rc;
    }
    e->published_at = arena_strdup(&e->arena, published_at);
    e->used = true;
    e->id = id;
    e->user = a->serial;
    e->tick = s->tick;
    *ret = e->pp;
    return 0;
}
