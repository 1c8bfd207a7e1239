/* The HTTP server: libmicrohttpd in epoll mode with a thread pool, one SQLite connection per
 * pool thread, the response cache, and the standard security headers. */
#ifndef KAWARU_HTTP_SERVER_H
#define KAWARU_HTTP_SERVER_H

struct server_config {
    const char *db_path;
    const char *listen;        /* "127.0.0.1:8080" */
    int threads;               /* 0: one per core */
    int no_cache;              /* serve every GET from SQLite (for benchmarks) */
};

/* Runs until SIGINT or SIGTERM; returns 0, or a negative KW_E* code if it cannot start. */
int server_run(const struct server_config *cfg);

#endif
