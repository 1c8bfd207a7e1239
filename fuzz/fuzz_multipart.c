/* Fuzz target: multipart/form-data bodies (file uploads) read by parts_read (server/parts.c).
 *
 * The input's first line is the Content-Type header, the rest is the body. libmicrohttpd's
 * post processor takes the boundary from the Content-Type header of a live connection
 * (MHD_create_post_processor refuses a NULL connection and has no other way in), so each input
 * is sent as a real request to an in-process daemon over a socketpair: the daemon has no listen
 * socket and no threads, and MHD_run drives it from here. The request handler then does what
 * server.c does with a complete body, and checks the parts:
 *   - at most REQ_MAX_PARTS of them, whether the body was accepted or refused;
 *   - every name is present and valid UTF-8, every file name absent or valid UTF-8, and both
 *     are NUL-terminated strings;
 *   - every part's data is non-NULL with a NUL after its len bytes, and (the post processor
 *     decodes nothing) those bytes occur in the body; all parts together are no longer than it;
 *   - req_part finds, for every part's name, the first part of that name.
 * libmicrohttpd itself is not built with coverage, so libFuzzer is guided by kawaru's code only;
 * the seeds in fuzz/corpus/multipart/ give it the shape of a body. ASan reports leaks. */
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <fcntl.h>
#include <unistd.h>
#include "server/parts.h"
#include "util/utf8.h"

enum { MAX_CONTENT_TYPE = 512, MAX_BODY = 256 * 1024, MAX_ROUNDS = 10000 };

static struct MHD_Daemon *daemon_;

/* The body of the current input: the handler reads it from here rather than collecting the
 * upload a second time (libmicrohttpd delivers the bytes it was sent). */
static const char *cur_body;
static size_t cur_len;
static int handled;

static void check_parts(const struct req *r) {
    if (r->nparts < 0 || r->nparts > REQ_MAX_PARTS || (r->nparts > 0 && !r->parts))
        abort();
    size_t total = 0;
    for (int i = 0; i < r->nparts; i++) {
        const struct req_part *p = &r->parts[i];
        if (!p->name || !utf8_valid(p->name, strlen(p->name)))
            abort();
        if (p->filename && !utf8_valid(p->filename, strlen(p->filename)))
            abort();
        if (!p->data || p->data[p->len] != '\0' || p->len > r->body_len)
            abort();
        if (p->len && !memmem(r->body, r->body_len, p->data, p->len))
            abort();
        total += p->len;
        const struct req_part *first = req_part(r, p->name);
        if (!first || first > p || strcmp(first->name, p->name) != 0)
            abort();
    }
    if (total > r->body_len)
        abort();
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                               const char *version, const char *upload_data, size_t *upload_data_size,
                               void **con_cls) {
    static int first;
    if (!*con_cls) {                   /* headers only: nothing to do yet */
        *con_cls = &first;
        return MHD_YES;
    }
    if (*upload_data_size) {
        *upload_data_size = 0;
        return MHD_YES;
    }
    struct req r;
    req_init(&r, NULL, method, url);
    r.content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    if (cur_len) {
        r.body = cur_body;
        r.body_len = cur_len;
    }
    if (r.body && parts_is_multipart(r.content_type)) {
        parts_read(c, &r);
        check_parts(&r);
    }
    handled++;
    req_free(&r);
    struct MHD_Response *resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return ret;
}

static void start_daemon(void) {
    signal(SIGPIPE, SIG_IGN);
    daemon_ = MHD_start_daemon(MHD_USE_NO_LISTEN_SOCKET, 0, NULL, NULL, handler, NULL,
                               MHD_OPTION_CONNECTION_TIMEOUT, 5u, MHD_OPTION_END);
    if (!daemon_)
        abort();
}

static unsigned connections(void) {
    const union MHD_DaemonInfo *i = MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    return i ? i->num_connections : 0;
}

/* Sends req (len bytes) on a new connection and runs the daemon until it has answered and
 * closed the connection ("Connection: close"), or gave up on it. */
static void exchange(const char *req, size_t len) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
        abort();
    struct sockaddr_in peer = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (MHD_add_connection(daemon_, sv[0], (struct sockaddr *)&peer, sizeof peer) != MHD_YES)
        abort();
    fcntl(sv[1], F_SETFL, O_NONBLOCK);
    size_t sent = 0;
    bool closed = false;
    for (int round = 0; round < MAX_ROUNDS && !closed; round++) {
        if (sent < len) {
            ssize_t n = write(sv[1], req + sent, len - sent);
            if (n > 0)
                sent += (size_t)n;
        }
        MHD_run(daemon_);
        char sink[4096];
        ssize_t n;
        while ((n = read(sv[1], sink, sizeof sink)) > 0)
            ;
        closed = n == 0;
    }
    close(sv[1]);
    for (int round = 0; round < MAX_ROUNDS && connections() > 0; round++)
        MHD_run(daemon_);
    if (connections() > 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!daemon_)
        start_daemon();
    const uint8_t *nl = memchr(data, '\n', size);
    if (!nl || nl - data > MAX_CONTENT_TYPE || size - (size_t)(nl - data) - 1 > MAX_BODY)
        return -1;                             /* not kept in the corpus */
    size_t ctlen = (size_t)(nl - data);
    if (ctlen && data[ctlen - 1] == '\r')
        ctlen--;
    if (memchr(data, '\0', ctlen) || memchr(data, '\r', ctlen))
        return -1;                             /* cannot be a header value */
    cur_len = size - (size_t)(nl - data) - 1;
    char *body = malloc(cur_len + 1);          /* NUL-terminated, as server.c's buffer is */
    memcpy(body, nl + 1, cur_len);
    body[cur_len] = '\0';
    cur_body = body;

    char head[MAX_CONTENT_TYPE + 160];
    int hlen = snprintf(head, sizeof head,
                        "POST /import HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\nContent-Type: %.*s\r\n"
                        "Content-Length: %zu\r\n\r\n", (int)ctlen, (const char *)data, cur_len);
    char *req = malloc((size_t)hlen + cur_len);
    memcpy(req, head, (size_t)hlen);
    memcpy(req + hlen, body, cur_len);
    handled = 0;
    exchange(req, (size_t)hlen + cur_len);
    if (handled > 1)
        abort();
    free(req);
    free(body);
    cur_body = NULL;
    cur_len = 0;
    return 0;
}
