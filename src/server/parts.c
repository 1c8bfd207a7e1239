/* The parts of a multipart/form-data request (file uploads, see parts.h): parts_read splits
 * the body with libmicrohttpd's post processor when server.c has it all; tests fill r->parts
 * themselves, and fuzz/fuzz_multipart.c feeds bodies through a real libmicrohttpd connection. */
#include <microhttpd.h>
#include <string.h>
#include <strings.h>
#include "server/parts.h"
#include "util/utf8.h"

bool parts_is_multipart(const char *content_type) {
    return content_type && strncasecmp(content_type, "multipart/form-data", 19) == 0;
}

/* Each part's bytes are gathered in data[i] until the body is done, then copied into the
 * request's arena with a NUL after them. */
struct parts_ctx {
    struct req *r;
    struct buf data[REQ_MAX_PARTS];
    bool bad;
};

/* The post processor's iterator: called with off == 0 for the first piece of each part. */
static enum MHD_Result collect_part(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                                    const char *content_type, const char *transfer_encoding, const char *data,
                                    uint64_t off, size_t size) {
    struct parts_ctx *p = cls;
    struct req *r = p->r;
    if (off == 0) {                            /* the first piece of a new part */
        if (r->nparts >= REQ_MAX_PARTS || !key || !utf8_valid(key, strlen(key)) ||
            (filename && !utf8_valid(filename, strlen(filename)))) {
            p->bad = true;
            return MHD_NO;
        }
        r->parts[r->nparts++] = (struct req_part){arena_strdup(&r->arena, key), arena_strdup(&r->arena, filename),
                                                  arena_strdup(&r->arena, content_type), NULL, 0};
    }
    if (r->nparts == 0) {
        p->bad = true;
        return MHD_NO;
    }
    buf_append(&p->data[r->nparts - 1], data, size);
    return MHD_YES;
}

/* libmicrohttpd's post processor (0.9.75, and upstream postprocessor.c too) leaks the boundary of a
 * nested multipart/mixed part when another one follows: PP_PerformCheckMultipart strdups it
 * over the previous one without freeing that. Parts with an empty nested body reach no
 * iterator call, so a 4 MiB body from anyone, signed in or not, leaked about 2 MiB per
 * request (found by fuzz/fuzz_multipart.c). kawaru takes no nested parts, so a body that
 * could open one is refused before the post processor sees it. A part opens one when a
 * header line of it holds "Content-type: " (any case, anywhere in the line) followed by a
 * value starting with "multipart/mixed" (any case); looking for that text anywhere in the
 * body refuses a little more than needed (a file that quotes it), never less. */
static bool may_nest(const char *body, size_t len) {
    static const char needle[] = "content-type: multipart/mixed";
    const size_t n = sizeof needle - 1;
    for (size_t i = 0; i + n <= len; i++)
        if ((body[i] | 0x20) == 'c' && strncasecmp(body + i, needle, n) == 0)
            return true;
    return false;
}

bool parts_read(struct MHD_Connection *c, struct req *r) {
    struct parts_ctx p = {.r = r};
    r->parts = arena_alloc(&r->arena, REQ_MAX_PARTS * sizeof *r->parts);
    r->nparts = 0;
    if (may_nest(r->body, r->body_len))
        return false;
    struct MHD_PostProcessor *pp = MHD_create_post_processor(c, 32 * 1024, collect_part, &p);
    bool ok = pp && MHD_post_process(pp, r->body, r->body_len) == MHD_YES;
    if (pp && MHD_destroy_post_processor(pp) != MHD_YES)
        ok = false;
    for (int i = 0; i < REQ_MAX_PARTS; i++) {
        if (i < r->nparts) {
            r->parts[i].data = arena_strndup(&r->arena, buf_cstr(&p.data[i]), p.data[i].len);
            r->parts[i].len = p.data[i].len;
        }
        buf_free(&p.data[i]);
    }
    return ok && !p.bad;
}
