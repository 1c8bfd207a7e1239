/* libmicrohttpd adapter (see server.h).
 *
 * Request flow: MHD calls access_handler several times per request. The first call only
 * allocates the connection state and returns (queuing a response on the first call would make
 * every response "Connection: close"). Upload calls append to the body, up to REQ_MAX_BODY.
 * The last call builds a struct req (splitting a multipart/form-data body into parts),
 * answers from the cache when it can, else runs http_handle() with the worker thread's own
 * database connection, and queues the response.
 * Cached responses are dropped when this process commits, or when db_watch sees another
 * process write to the database. */
#include <arpa/inet.h>
#include <malloc.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "core/errors.h"
#include "http/cache.h"
#include "http/parts.h"
#include "http/routes.h"
#include "http/server.h"
#include "http/session.h"
#include "notify/remind.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

static const char *g_db_path;
static bool g_cache = true;

/* Every connection opened by a pool thread, closed at shutdown. */
static pthread_mutex_t dbs_lock = PTHREAD_MUTEX_INITIALIZER;
static struct db **dbs;
static size_t ndbs;
static _Thread_local struct db *tls_db;

static struct db *thread_db(void) {
    if (tls_db)
        return tls_db;
    char err[512];
    if (db_open(g_db_path, 0, &tls_db, err, sizeof err) < 0) {
        fprintf(stderr, "kawaru: %s\n", err);
        return NULL;
    }
    pthread_mutex_lock(&dbs_lock);
    dbs = xrealloc(dbs, (ndbs + 1) * sizeof *dbs);
    dbs[ndbs++] = tls_db;
    pthread_mutex_unlock(&dbs_lock);
    return tls_db;
}

struct conn {
    struct buf body;
    bool too_big;
};

static void add_standard_headers(struct MHD_Response *resp) {
    MHD_add_response_header(resp, "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
}

/* A complete response: body, content type, caching headers, security headers. The response
 * takes body's bytes over (body is left empty): libmicrohttpd frees them with the response, so
 * a page is never copied once more on its way out. */
static struct MHD_Response *make_response(const char *ctype, struct buf *body, const char *etag,
                                          const struct kv *headers, int nheaders) {
    size_t len = body->len;
    struct MHD_Response *resp = len ? MHD_create_response_from_buffer(len, body->data, MHD_RESPMEM_MUST_FREE)
                                    : MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (!resp)
        return NULL;
    if (len)
        *body = (struct buf)BUF_INIT;
    if (ctype)
        MHD_add_response_header(resp, "Content-Type", ctype);
    if (etag) {
        MHD_add_response_header(resp, "ETag", etag);
        MHD_add_response_header(resp, "Cache-Control", "no-cache");
    } else {
        MHD_add_response_header(resp, "Cache-Control", "no-store");
    }
    for (int i = 0; i < nheaders; i++)
        MHD_add_response_header(resp, headers[i].key, headers[i].value);
    add_standard_headers(resp);
    return resp;
}

static enum MHD_Result queue(struct MHD_Connection *c, int status, const char *ctype, struct buf *body,
                             const char *etag, const struct kv *headers, int nheaders) {
    struct MHD_Response *resp = make_response(ctype, body, etag, headers, nheaders);
    if (!resp)
        return MHD_NO;
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* Cached entries are finished responses: libmicrohttpd counts their references, so one
 * response is queued on many connections, from any thread, without copying. */
static void destroy_cached(void *payload) { MHD_destroy_response(payload); }

struct hit { struct MHD_Connection *c; const char *if_none_match; enum MHD_Result ret; };

static void send_cached(void *payload, const char *etag, void *ctx) {
    struct hit *h = ctx;
    if (h->if_none_match && strcmp(h->if_none_match, etag) == 0)
        h->ret = queue(h->c, 304, NULL, &(struct buf)BUF_INIT, etag, NULL, 0);
    else
        h->ret = MHD_queue_response(h->c, 200, payload);
}

static enum MHD_Result queue_error(struct MHD_Connection *c, int status, const char *code, const char *msg) {
    struct req r;
    req_init(&r, NULL, "GET", "/");
    resp_error(&r, status, code, msg, NULL);
    enum MHD_Result ret = queue(c, r.status, r.content_type_out, &r.out, NULL, NULL, 0);
    req_free(&r);
    return ret;
}

struct args_ctx { struct req *r; struct buf *key; bool bad; };

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
    struct args_ctx *a = cls;
    if (!value)
        value = "";
    if (!utf8_valid(key, strlen(key)) || !utf8_valid(value, strlen(value)) || a->r->nquery >= REQ_MAX_QUERY) {
        a->bad = true;
        return MHD_NO;
    }
    a->r->query[a->r->nquery++] = (struct kv){key, value};
    buf_putc(a->key, a->r->nquery == 1 ? '?' : '&');
    buf_puts(a->key, key);
    buf_putc(a->key, '=');
    buf_puts(a->key, value);
    return MHD_YES;
}

/* The session cookie, the client's address (for the sign-in rate limit) and whether the
 * request came over TLS or through a proxy that says it did. */
static void read_client(struct MHD_Connection *c, struct req *r) {
    r->session_token = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, SESSION_COOKIE);
    r->csrf_header = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char addr[INET6_ADDRSTRLEN] = "-";
    if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, addr, sizeof addr);
    else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, addr, sizeof addr);
    r->remote_addr = arena_strdup(&r->arena, addr);
    const char *proto = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-Proto");
    r->secure = MHD_get_connection_info(c, MHD_CONNECTION_INFO_PROTOCOL) != NULL ||
                (proto && strcasecmp(proto, "https") == 0);
}

static enum MHD_Result access_handler(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                      const char *version, const char *upload_data, size_t *upload_data_size,
                                      void **con_cls) {
    struct conn *st = *con_cls;
    if (!st) {
        st = xcalloc(1, sizeof *st);
        *con_cls = st;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > REQ_MAX_BODY)
            st->too_big = true;
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (st->body.len + *upload_data_size > REQ_MAX_BODY)
            st->too_big = true;
        if (!st->too_big)
            buf_append(&st->body, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (st->too_big)
        return queue_error(c, 413, "too_large", "the request body is larger than 4 MiB");
    if (!utf8_valid(url, strlen(url)))
        return queue_error(c, 400, "bad_request", "the URL is not valid UTF-8");

    struct req r;
    req_init(&r, NULL, method, url);
    struct buf key = BUF_INIT;
    buf_puts(&key, url);
    struct args_ctx args = {&r, &key, false};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, &args);
    enum MHD_Result ret;
    if (args.bad) {
        ret = queue_error(c, 400, "bad_request", "the query string is malformed, not UTF-8, or too long");
        goto done;
    }
    const char *lang = req_query(&r, "lang");
    if (!lang)
        lang = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "lang");
    r.lang = lang && strcmp(lang, "en") == 0 ? "en" : "ja";
    buf_puts(&key, r.lang[0] == 'e' ? "#en" : "#ja");
    r.content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    r.if_none_match = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
    r.authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    read_client(c, &r);

    bool is_get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    r.db = thread_db();
    if (!r.db) {
        ret = queue_error(c, 503, "unavailable", "the database cannot be opened");
        goto done;
    }
    uint64_t data_version = db_data_version();
    struct hit hit = {c, r.if_none_match, MHD_NO};
    /* only anonymous requests are cached: a page with a session is personal */
    if (is_get && g_cache && !r.session_token && cache_use(buf_cstr(&key), data_version, r.today, send_cached, &hit)) {
        ret = hit.ret;
        goto done;
    }
    if (st->body.len) {
        r.body = st->body.data;
        r.body_len = st->body.len;
    }
    if (r.body && parts_is_multipart(r.content_type) && !parts_read(c, &r)) {
        ret = queue_error(c, 400, "bad_request", "the multipart/form-data body cannot be read");
        goto done;
    }
    db_lock(r.db);
    session_resolve(&r);
    http_handle(&r);
    if (db_in_transaction(r.db)) {                 /* a handler that forgot: never leak a lock */
        fprintf(stderr, "kawaru: %s %s left a transaction open\n", method, url);
        db_rollback(r.db);
    }
    db_unlock(r.db);
    if (r.session_token)
        r.cacheable = false;
    if (is_get && r.cacheable && r.status == 200) {
        char etag[48];
        cache_etag(r.content_type_out, buf_cstr(&r.out), r.out.len, etag, sizeof etag);
        if (r.if_none_match && strcmp(r.if_none_match, etag) == 0) {
            ret = queue(c, 304, NULL, &(struct buf)BUF_INIT, etag, NULL, 0);
            goto done;
        }
        size_t body_len = r.out.len;
        struct MHD_Response *resp = make_response(r.content_type_out, &r.out, etag, r.headers, r.nheaders);
        if (!resp) {
            ret = MHD_NO;
            goto done;
        }
        ret = MHD_queue_response(c, 200, resp);
        /* only cache what was built from the version we started with */
        if (g_cache && db_data_version() == data_version)
            cache_put(buf_cstr(&key), data_version, r.today, etag, resp, body_len + 512);
        else
            MHD_destroy_response(resp);
        goto done;
    }
    ret = queue(c, r.status, r.content_type_out, &r.out, NULL, r.headers, r.nheaders);
done:
    buf_free(&key);
    req_free(&r);
    return ret;
}

static void request_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode t) {
    struct conn *st = *con_cls;
    if (st) {
        buf_free(&st->body);
        free(st);
        *con_cls = NULL;
    }
}

static int parse_listen(const char *listen, struct sockaddr_in *ret) {
    const char *colon = strrchr(listen, ':');
    if (!colon)
        return KW_EINVAL;
    char host[64];
    size_t hlen = (size_t)(colon - listen);
    if (hlen == 0 || hlen >= sizeof host)
        return KW_EINVAL;
    memcpy(host, listen, hlen);
    host[hlen] = '\0';
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port <= 0 || port > 65535)
        return KW_EINVAL;
    memset(ret, 0, sizeof *ret);
    ret->sin_family = AF_INET;
    ret->sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, strcmp(host, "localhost") == 0 ? "127.0.0.1" : host, &ret->sin_addr) != 1)
        return KW_EINVAL;
    return 0;
}

int server_run(const struct server_config *cfg) {
    struct sockaddr_in addr;
    if (parse_listen(cfg->listen, &addr) < 0) {
        fprintf(stderr, "kawaru serve: --listen wants HOST:PORT with an IPv4 address, e.g. 127.0.0.1:8080\n");
        return KW_EINVAL;
    }
    /* open once now, so a bad path fails at start and migrations run before any request */
    char err[512];
    struct db *probe;
    if (db_open(cfg->db_path, 0, &probe, err, sizeof err) < 0) {
        fprintf(stderr, "kawaru serve: %s\n", err);
        return KW_EDB;
    }
    db_close(probe);
    g_db_path = cfg->db_path;
    g_cache = !cfg->no_cache;
    /* Keep freed memory instead of giving it back after every request: glibc otherwise trims
     * each thread's heap and grows it again on the next request, and the unmapping flushes
     * the other cores' TLBs (seen with perf as a few percent of every uncached request). */
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
    mallopt(M_TOP_PAD, 4 * 1024 * 1024);
    cache_init(4096, 64 * 1024 * 1024, destroy_cached);
    db_watch_start(cfg->db_path);

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);      /* the pool threads inherit the mask */
    signal(SIGPIPE, SIG_IGN);

    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = cfg->threads > 0 ? (unsigned)cfg->threads : (unsigned)(cores > 0 ? cores : 2);
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, ntohs(addr.sin_port), NULL, NULL,
        access_handler, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_NOTIFY_COMPLETED, request_completed, NULL,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
        MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "kawaru serve: cannot listen on %s\n", cfg->listen);
        cache_shutdown();
        return KW_EIO;
    }
    printf("kawaru: serving %s on http://%s/ (%u threads%s)\n", cfg->db_path, cfg->listen, threads, g_cache ? "" : ", no cache");
    fflush(stdout);
    /* wait for SIGINT or SIGTERM; meanwhile, once a second, end the read transactions of idle
     * connections so that checkpoints are not held back */
    const struct timespec tick = {1, 0};
    time_t next_remind = 0;                      /* the reminder sweep, hourly (notify/remind.h) */
    while (sigtimedwait(&set, NULL, &tick) < 0) {
        pthread_mutex_lock(&dbs_lock);
        for (size_t i = 0; i < ndbs; i++)
            db_release_idle_read(dbs[i], 1000);
        pthread_mutex_unlock(&dbs_lock);
        remind_tick(g_db_path, &next_remind);
    }
    MHD_stop_daemon(d);
    pthread_mutex_lock(&dbs_lock);
    for (size_t i = 0; i < ndbs; i++)
        db_close(dbs[i]);
    free(dbs);
    dbs = NULL;
    ndbs = 0;
    pthread_mutex_unlock(&dbs_lock);
    db_watch_stop();
    cache_shutdown();
    printf("kawaru: stopped\n");
    return 0;
}
