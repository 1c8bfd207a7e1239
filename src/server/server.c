/* libmicrohttpd adapter (see server.h).
 *
 * Request flow: MHD calls access_handler several times per request. The first call only
 * allocates the connection state and returns (queuing a response on the first call would make
 * every response "Connection: close"). Upload calls append to the body, up to REQ_MAX_BODY.
 * The last call builds a struct req (splitting a multipart/form-data body into parts),
 * answers from the cache when it can, else runs http_handle() with the worker thread's own
 * database connection, and queues the response.
 * Cached responses are dropped when this process commits a change of content, or when db_watch
 * sees another process change the content (bookkeeping — sessions, sign-in attempts — keeps
 * them: store/db.h db_commit_bookkeeping).
 *
 * The walls (docs/security.md): a per-address and a total connection limit, the deadlines of
 * server/deadline.h (the main thread's once-a-second sweep shuts down connections past theirs),
 * and requests whose framing two parsers could read differently (Content-Length with
 * Transfer-Encoding, a transfer coding other than chunked) answered 400 and closed. */
#include <arpa/inet.h>
#include <malloc.h>
#include <stdarg.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "core/errors.h"
#include "server/cache.h"
#include "server/deadline.h"
#include "server/parts.h"
#include "server/proxy.h"
#include "server/routes.h"
#include "server/server.h"
#include "http/session.h"
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

/* One request's state, from its request line to its completion. */
struct conn {
    struct buf body;
    uint64_t received;             /* body bytes sent by the client, kept or not */
    bool started;                  /* the access handler has seen the headers */
    bool too_big;
    struct deadline *deadline;     /* the connection's (deadline.h) */
    char target[];                 /* the request target as sent: path and query, undecoded */
};

/* libmicrohttpd's URI log callback, called with the request line's target before anything in
 * it is decoded: the request's state starts here, keeping the raw target for the cache key. */
static void *conn_new(void *cls, const char *uri, struct MHD_Connection *c) {
    (void)cls;
    (void)c;
    if (!uri)
        uri = "";
    size_t len = strlen(uri);
    struct conn *st = xcalloc(1, sizeof *st + len + 1);
    memcpy(st->target, uri, len + 1);
    return st;
}

/* The connection's deadline entry (set by notify_connection). */
static struct deadline *conn_deadline(struct MHD_Connection *c) {
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

static void notify_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                              enum MHD_ConnectionNotificationCode code) {
    (void)cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        *socket_context = ci ? deadline_open(ci->connect_fd, deadline_now()) : NULL;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
        deadline_close(*socket_context);
        *socket_context = NULL;
    }
}

/* The sweep's cut: the worker thread sees the socket end and closes the connection. */
static void cut_connection(int fd, void *ctx) {
    (void)ctx;
    shutdown(fd, SHUT_RDWR);
}

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

struct hit { struct MHD_Connection *c; const char *if_none_match, *if_modified_since; enum MHD_Result ret; };

/* 304 Not Modified with the validators of the response it stands for. */
static enum MHD_Result queue_not_modified(struct MHD_Connection *c, const char *etag, const char *last_modified) {
    const struct kv lm = {"Last-Modified", last_modified};
    return queue(c, 304, NULL, &(struct buf)BUF_INIT, etag, &lm, last_modified ? 1 : 0);
}

static void send_cached(void *payload, const char *etag, void *ctx) {
    struct hit *h = ctx;
    const char *last_modified = MHD_get_response_header(payload, "Last-Modified");
    if (cache_not_modified(h->if_none_match, h->if_modified_since, etag, last_modified))
        h->ret = queue_not_modified(h->c, etag, last_modified);
    else
        h->ret = MHD_queue_response(h->c, 200, payload);
}

/* The path an error reply before routing is made for: "/api/" for a call of the API (a JSON
 * error), else "/" (an error page); the URL itself may be what is wrong with the request. */
static const char *error_path(const char *url) { return strncmp(url, "/api/", 5) == 0 ? "/api/" : "/"; }

static enum MHD_Result queue_error(struct MHD_Connection *c, const char *url, int status, const char *code,
                                   const char *msg) {
    struct req r;
    req_init(&r, NULL, "GET", error_path(url));
    resp_error(&r, status, code, msg, NULL);
    enum MHD_Result ret = queue(c, r.status, r.content_type_out, &r.out, NULL, NULL, 0);
    req_free(&r);
    return ret;
}

struct framing { int content_length, transfer_encoding; const char *coding; };

static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
    (void)kind;
    struct framing *f = cls;
    if (strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0) {
        f->content_length++;
    } else if (strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING) == 0) {
        f->transfer_encoding++;
        f->coding = value ? value : "";
    }
    return MHD_YES;
}

/* Why the request's body cannot be framed without doubt (RFC 9112 §6.3), or NULL. A proxy in
 * front may frame such a request otherwise than libmicrohttpd (which lets Transfer-Encoding win
 * and reads a body of an unknown coding until the connection ends), so that bytes one takes for
 * a body the other takes for the next request: request smuggling. */
static const char *framing_error(struct MHD_Connection *c) {
    struct framing f = {0, 0, NULL};
    MHD_get_connection_values(c, MHD_HEADER_KIND, count_framing, &f);
    if (f.content_length && f.transfer_encoding)
        return "the request has both Content-Length and Transfer-Encoding";
    if (f.transfer_encoding > 1 || (f.transfer_encoding && strcasecmp(f.coding, "chunked") != 0))
        return "the only transfer coding accepted is chunked";
    if (f.content_length > 1)
        return "the request has more than one Content-Length";
    return NULL;
}

/* 400 for a request whose framing is in doubt. Queued before its body is read, the response
 * makes libmicrohttpd close the connection after it, so nothing after the headers is read as
 * another request; "Connection: close" tells the client. */
static enum MHD_Result queue_framing_error(struct MHD_Connection *c, const char *url, const char *msg) {
    struct req r;
    req_init(&r, NULL, "GET", error_path(url));
    resp_error(&r, 400, "bad_request", msg, NULL);
    const struct kv closing = {"Connection", "close"};
    enum MHD_Result ret = queue(c, r.status, r.content_type_out, &r.out, NULL, &closing, 1);
    req_free(&r);
    return ret;
}

struct args_ctx { struct req *r; bool bad; };

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
    struct args_ctx *a = cls;
    if (!value)
        value = "";
    if (!utf8_valid(key, strlen(key)) || !utf8_valid(value, strlen(value)) || a->r->nquery >= REQ_MAX_QUERY) {
        a->bad = true;
        return MHD_NO;
    }
    a->r->query[a->r->nquery++] = (struct kv){key, value};
    return MHD_YES;
}

/* The session cookie, the client's address (for the sign-in rate limit; behind a trusted proxy
 * the one it forwards: proxy.h) and whether the request came over TLS or through a proxy that
 * says it did. */
static void read_client(struct MHD_Connection *c, struct req *r) {
    r->session_token = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, SESSION_COOKIE);
    r->csrf_header = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");
    r->pre_token = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, PRE_SESSION_COOKIE);
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char addr[INET6_ADDRSTRLEN] = "-";
    if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, addr, sizeof addr);
    else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, addr, sizeof addr);
    char forwarded[PROXY_ADDR_LEN];
    r->remote_addr = arena_strdup(&r->arena, proxy_client(addr, MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                                                              "X-Forwarded-For"),
                                                          forwarded));
    const char *proto = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-Proto");
    r->secure = MHD_get_connection_info(c, MHD_CONNECTION_INFO_PROTOCOL) != NULL ||
                (proto && strcasecmp(proto, "https") == 0);
}

static enum MHD_Result access_handler(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                      const char *version, const char *upload_data, size_t *upload_data_size,
                                      void **con_cls) {
    struct conn *st = *con_cls;
    if (!st)                                     /* conn_new always runs first; to be safe */
        *con_cls = st = conn_new(NULL, url, c);
    if (!st->started) {
        st->started = true;
        st->deadline = conn_deadline(c);
        deadline_headers_done(st->deadline, deadline_now());
        const char *framing = framing_error(c);
        if (framing) {
            deadline_clear(st->deadline);
            return queue_framing_error(c, url, framing);
        }
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > REQ_MAX_BODY)
            st->too_big = true;
        return MHD_YES;
    }
    if (*upload_data_size) {
        st->received += *upload_data_size;
        deadline_body(st->deadline, st->received);
        if (st->body.len + *upload_data_size > REQ_MAX_BODY)
            st->too_big = true;
        if (!st->too_big)
            buf_append(&st->body, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    deadline_clear(st->deadline);                /* the request is whole: no deadline while answering */
    if (st->too_big)
        return queue_error(c, url, 413, "too_large", "the request body is larger than 4 MiB");
    if (!utf8_valid(url, strlen(url)))
        return queue_error(c, url, 400, "bad_request", "the URL is not valid UTF-8");

    struct req r;
    req_init(&r, NULL, method, url);
    struct buf key = BUF_INIT;
    struct args_ctx args = {&r, false};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, &args);
    enum MHD_Result ret;
    if (args.bad) {
        ret = queue_error(c, url, 400, "bad_request", "the query string is malformed, not UTF-8, or too long");
        goto done;
    }
    const char *lang = req_query(&r, "lang");
    if (!lang)
        lang = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "lang");
    r.lang = lang && strcmp(lang, "en") == 0 ? "en" : "ja";
    cache_key(&key, st->target, r.lang);
    r.content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    r.if_none_match = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
    r.if_modified_since = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_MODIFIED_SINCE);
    r.authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    read_client(c, &r);

    bool is_get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    r.db = thread_db();
    if (!r.db) {
        ret = queue_error(c, url, 503, "unavailable", "the database cannot be opened");
        goto done;
    }
    /* the public's content: a draft's measurements do not change it (store/db.h) */
    uint64_t public_version = db_public_version();
    struct hit hit = {c, r.if_none_match, r.if_modified_since, MHD_NO};
    /* only anonymous requests are cached: a page with a session is personal */
    bool cache = g_cache && !db_watch_deaf();     /* deaf: another server's write would not empty it */
    if (is_get && cache && !r.session_token && cache_use(buf_cstr(&key), public_version, r.today, send_cached, &hit)) {
        ret = hit.ret;
        goto done;
    }
    if (st->body.len) {
        r.body = st->body.data;
        r.body_len = st->body.len;
    }
    if (r.body && parts_is_multipart(r.content_type) && !parts_read(c, &r)) {
        ret = queue_error(c, url, 400, "bad_request", "the multipart/form-data body cannot be read");
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
        char last_modified[40];
        if (r.last_modified) {
            cache_http_date(r.last_modified, last_modified, sizeof last_modified);
            resp_header(&r, "Last-Modified", arena_strdup(&r.arena, last_modified));
        }
        if (cache_not_modified(r.if_none_match, r.if_modified_since, etag, r.last_modified ? last_modified : NULL)) {
            ret = queue_not_modified(c, etag, r.last_modified ? last_modified : NULL);
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
        if (cache && db_public_version() == public_version)
            cache_put(buf_cstr(&key), public_version, r.today, etag, resp, body_len + 512);
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
    /* a kept-alive connection's next request is due from now */
    deadline_next(st && st->started ? st->deadline : conn_deadline(c), deadline_now());
    if (st) {
        buf_free(&st->body);
        free(st);
        *con_cls = NULL;
    }
}

/* libmicrohttpd's messages, at most LOG_PER_MINUTE a minute: under attack it writes one for
 * every connection it refuses ("Server reached connection limit"). */
enum { LOG_PER_MINUTE = 10 };
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static time_t log_minute;
static unsigned log_count, log_dropped;

static void mhd_log(void *cls, const char *fmt, va_list ap) {
    (void)cls;
    time_t now = time(NULL);
    pthread_mutex_lock(&log_lock);
    if (now - log_minute >= 60) {
        log_minute = now;
        log_count = 0;
    }
    if (log_count++ < LOG_PER_MINUTE) {
        fputs("kawaru: libmicrohttpd: ", stderr);
        vfprintf(stderr, fmt, ap);
    } else {
        log_dropped++;
    }
    pthread_mutex_unlock(&log_lock);
}

/* How many of libmicrohttpd's messages were not shown since the last call. */
static unsigned mhd_log_dropped(void) {
    pthread_mutex_lock(&log_lock);
    unsigned n = log_dropped;
    log_dropped = 0;
    pthread_mutex_unlock(&log_lock);
    return n;
}

/* The connection limits: the file descriptor limit raised to its hard limit, the total within
 * it (less a reserve for the database, its WAL and the watch), the per-address cap from
 * KAWARU_CONNECTIONS_PER_ADDRESS or the default, at most a quarter of the total. */
static void connection_limits(unsigned *ret_total, unsigned *ret_per_address) {
    struct rlimit rl;
    rlim_t fds = 1024;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        if (rl.rlim_cur < rl.rlim_max) {
            rlim_t want = rl.rlim_max == RLIM_INFINITY ? 65536 : rl.rlim_max;
            struct rlimit raised = {want, rl.rlim_max};
            if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
                rl.rlim_cur = want;
        }
        fds = rl.rlim_cur == RLIM_INFINITY ? 65536 : rl.rlim_cur;
    }
    unsigned total = SERVER_MAX_CONNECTIONS;
    if (fds < (rlim_t)total + 128)
        total = fds > 256 ? (unsigned)(fds - 128) : 128;
    unsigned per_address = SERVER_CONNECTIONS_PER_ADDRESS;
    const char *env = getenv("KAWARU_CONNECTIONS_PER_ADDRESS");
    if (env && *env) {
        char *end;
        unsigned long v = strtoul(env, &end, 10);
        if (*end || v > total)
            fprintf(stderr, "kawaru serve: KAWARU_CONNECTIONS_PER_ADDRESS wants a number from 0 to %u; using %u\n",
                    total, per_address);
        else
            per_address = (unsigned)v;
    }
    if (per_address > total / 4)
        per_address = total / 4;
    *ret_total = total;
    *ret_per_address = per_address;
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
    if (proxy_trust(cfg->trusted_proxies, err, sizeof err) < 0) {
        fprintf(stderr, "kawaru serve: --trusted-proxy: %s\n", err);
        return KW_EINVAL;
    }
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
    unsigned max_connections, per_address;
    connection_limits(&max_connections, &per_address);
    /* Slow clients take no thread (epoll): they take connections, which the limits bound, and
     * the deadlines end. The idle timeout is the deadlines' length, so that a kept-alive
     * connection is closed for being idle before its next request's deadline could cut a request
     * sent whole. */
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, ntohs(addr.sin_port), NULL, NULL,
        access_handler, NULL,
        MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,    /* first, as libmicrohttpd asks */
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_URI_LOG_CALLBACK, conn_new, NULL,
        MHD_OPTION_NOTIFY_COMPLETED, request_completed, NULL,
        MHD_OPTION_NOTIFY_CONNECTION, notify_connection, NULL,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVER_IDLE_TIMEOUT_S,
        MHD_OPTION_CONNECTION_LIMIT, max_connections,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_address,
        MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "kawaru serve: cannot listen on %s\n", cfg->listen);
        cache_shutdown();
        return KW_EIO;
    }
    printf("kawaru: serving %s on http://%s/ (%u threads%s)\n", cfg->db_path, cfg->listen, threads, g_cache ? "" : ", no cache");
    fflush(stdout);
    /* wait for SIGINT or SIGTERM; meanwhile, once a second, end the read transactions of idle
     * connections so that checkpoints are not held back, and cut the connections whose request
     * is late (reported once a minute) */
    const struct timespec tick = {1, 0};
    size_t cut = 0;
    time_t next_report = time(NULL) + 60;
    while (sigtimedwait(&set, NULL, &tick) < 0) {
        pthread_mutex_lock(&dbs_lock);
        for (size_t i = 0; i < ndbs; i++)
            db_release_idle_read(dbs[i], 1000);
        pthread_mutex_unlock(&dbs_lock);
        cut += deadline_sweep(deadline_now(), cut_connection, NULL);
        if (time(NULL) >= next_report) {
            unsigned dropped = mhd_log_dropped();
            if (cut)
                fprintf(stderr, "kawaru: closed %zu connections in the last minute that sent their request too slowly\n", cut);
            if (dropped)
                fprintf(stderr, "kawaru: %u more messages of libmicrohttpd in the last minute not shown\n", dropped);
            cut = 0;
            next_report = time(NULL) + 60;
        }
        if (cfg->tick)
            cfg->tick(cfg->tick_arg);
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
