/* Deadlines for a request's arrival. A client must send a request's headers within
 * DEADLINE_HEADERS_MS of connecting (on a kept-alive connection: of the end of its previous
 * response), and the body within DEADLINE_BODY_MS of the headers plus one second for every
 * DEADLINE_BODY_RATE bytes of body it has sent (an average of at least 16 KiB/s). Trickled
 * bytes do not move a deadline: libmicrohttpd's own timeout restarts with every byte, so without
 * this a client sending one header line every few seconds would hold its connection for ever.
 *
 * Each connection has one entry, opened when libmicrohttpd accepts the connection and closed
 * when it goes (before libmicrohttpd closes the socket). The connection's worker thread moves
 * the deadline as the request advances; the main thread's once-a-second sweep calls back for
 * every connection past its deadline (server.c shuts the socket down, and libmicrohttpd then
 * closes the connection). While a request is being answered there is no deadline. Thread-safe. */
#ifndef KAWARU_SERVER_DEADLINE_H
#define KAWARU_SERVER_DEADLINE_H
#include <stddef.h>
#include <stdint.h>

enum { DEADLINE_HEADERS_MS = 10000, DEADLINE_BODY_MS = 10000, DEADLINE_BODY_RATE = 16 * 1024 };

struct deadline;

/* Milliseconds of a monotonic clock. */
int64_t deadline_now(void);

/* A new connection on socket fd: its first request's headers are due by now + DEADLINE_HEADERS_MS.
 * Allocates; the entry is freed by deadline_close. */
struct deadline *deadline_open(int fd, int64_t now);
/* Forgets the connection (d may be NULL). */
void deadline_close(struct deadline *d);

/* The request's headers are complete at now: its body is due by now + DEADLINE_BODY_MS. */
void deadline_headers_done(struct deadline *d, int64_t now);
/* The request has sent received bytes of body so far: each DEADLINE_BODY_RATE bytes add a second. */
void deadline_body(struct deadline *d, uint64_t received);
/* The request is complete and being answered: no deadline until deadline_next. */
void deadline_clear(struct deadline *d);
/* The response has been sent at now: the next request's headers are due by now + DEADLINE_HEADERS_MS. */
void deadline_next(struct deadline *d, int64_t now);

typedef void (*deadline_cut_fn)(int fd, void *ctx);
/* Calls cut(fd, ctx) once for every connection whose deadline is before now and returns how many.
 * cut runs with the list locked, so the socket is still open (deadline_close waits for the lock,
 * and libmicrohttpd closes the socket only after it); cut must not call back into this module. */
size_t deadline_sweep(int64_t now, deadline_cut_fn cut, void *ctx);

#endif
