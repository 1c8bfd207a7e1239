/* The HTTP server: libmicrohttpd in epoll mode with a thread pool, one SQLite connection per
 * pool thread, the response cache, and the standard security headers. */
#ifndef KAWARU_SERVER_SERVER_H
#define KAWARU_SERVER_SERVER_H

/* Limits on clients (docs/security.md, "Slow and many clients"). At most SERVER_MAX_CONNECTIONS
 * open connections (fewer when the file descriptor limit is lower), of which one client address
 * holds at most SERVER_CONNECTIONS_PER_ADDRESS (a quarter of the total at most; the environment
 * variable KAWARU_CONNECTIONS_PER_ADDRESS sets another number, 0 for none: behind a reverse
 * proxy every client has the proxy's address). A connection silent for SERVER_IDLE_TIMEOUT_S
 * seconds is closed; a request must also arrive within the deadlines of server/deadline.h, which
 * trickled bytes do not extend. */
enum { SERVER_MAX_CONNECTIONS = 4096, SERVER_CONNECTIONS_PER_ADDRESS = 128, SERVER_IDLE_TIMEOUT_S = 10 };

struct server_config {
    const char *db_path;
    const char *listen;        /* "127.0.0.1:8080" */
    int threads;               /* 0: one per core */
    int no_cache;              /* serve every GET from SQLite (for benchmarks) */
    const char *trusted_proxies; /* comma-separated addresses whose X-Forwarded-For is read (proxy.h), or NULL */
    /* called once a second by the main thread while serving (the caller's own periodic work,
     * such as `kawaru serve`'s reminder sweep), or NULL */
    void (*tick)(void *arg);
    void *tick_arg;
};

/* Runs until SIGINT or SIGTERM; returns 0, or a negative KW_E* code if it cannot start. */
int server_run(const struct server_config *cfg);

#endif
