/* Deadlines for a request's arrival (see deadline.h): a list of the open connections under a
 * mutex, each with its deadline in an atomic, so that a worker thread moves a deadline without
 * taking the lock (once or twice a request) and only opening and closing a connection, and the
 * sweep, lock the list. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>
#include "server/deadline.h"
#include "util/xmalloc.h"

struct deadline {
    struct deadline *prev, *next;
    int fd;
    _Atomic int64_t due;             /* monotonic ms; 0: none */
    int64_t body_from;               /* when the headers were complete (the worker's own) */
};

static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;
static struct deadline *list;

int64_t deadline_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct deadline *deadline_open(int fd, int64_t now) {
    struct deadline *d = xcalloc(1, sizeof *d);
    d->fd = fd;
    atomic_store_explicit(&d->due, now + DEADLINE_HEADERS_MS, memory_order_relaxed);
    pthread_mutex_lock(&list_lock);
    d->next = list;
    if (list)
        list->prev = d;
    list = d;
    pthread_mutex_unlock(&list_lock);
    return d;
}

void deadline_close(struct deadline *d) {
    if (!d)
        return;
    pthread_mutex_lock(&list_lock);
    if (d->prev)
        d->prev->next = d->next;
    else
        list = d->next;
    if (d->next)
        d->next->prev = d->prev;
    pthread_mutex_unlock(&list_lock);
    free(d);
}

void deadline_headers_done(struct deadline *d, int64_t now) {
    if (!d)
        return;
    d->body_from = now;
    atomic_store_explicit(&d->due, now + DEADLINE_BODY_MS, memory_order_relaxed);
}

void deadline_body(struct deadline *d, uint64_t received) {
    if (!d)
        return;
    if (received > (uint64_t)1 << 40)
        received = (uint64_t)1 << 40;
    int64_t extra = (int64_t)(received * 1000 / DEADLINE_BODY_RATE);     /* in ms */
    atomic_store_explicit(&d->due, d->body_from + DEADLINE_BODY_MS + extra, memory_order_relaxed);
}

void deadline_clear(struct deadline *d) {
    if (d)
        atomic_store_explicit(&d->due, 0, memory_order_relaxed);
}

void deadline_next(struct deadline *d, int64_t now) {
    if (d)
        atomic_store_explicit(&d->due, now + DEADLINE_HEADERS_MS, memory_order_relaxed);
}

size_t deadline_sweep(int64_t now, deadline_cut_fn cut, void *ctx) {
    size_t n = 0;
    pthread_mutex_lock(&list_lock);
    for (struct deadline *d = list; d; d = d->next) {
        int64_t due = atomic_load_explicit(&d->due, memory_order_relaxed);
        /* cut once: a worker that moved the deadline meanwhile wins */
        if (due && due < now && atomic_compare_exchange_strong(&d->due, &due, 0)) {
            cut(d->fd, ctx);
            n++;
        }
    }
    pthread_mutex_unlock(&list_lock);
    return n;
}
