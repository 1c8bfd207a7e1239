/* Fuzz target: request bodies sent to the write handlers, in-process on a database holding the
 * demo plans. The first byte of the input picks a route; the rest is the body. Whatever the
 * body, the answer is a 2xx or a 4xx with a JSON error, never a 5xx, and no transaction is left
 * open. The requests are an admin's (who may call every write), so that the handlers, not the
 * authorization, read the bodies. (The sanitizers report memory errors; libFuzzer reports the
 * abort.) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "server/routes.h"
#include "store/store_user.h"
#include "util/embed.h"
#include "xfer/import.h"

static const struct { const char *method, *path; } targets[] = {
    {"POST", "/api/v1/kpis/1/measurements"},
    {"PATCH", "/api/v1/measures/1"},
    {"PATCH", "/api/v1/kpis/1"},
    {"PUT", "/api/v1/orgs/322075/document"},
    {"POST", "/api/v1/orgs"},
    {"POST", "/api/v1/orgs/322075/departments"},
    {"POST", "/api/v1/plans/1/pillars"},
    {"POST", "/api/v1/themes/1/measures"},
    {"POST", "/api/v1/measures/1/kpis"},
    {"PATCH", "/api/v1/plans/1"},
    {"POST", "/measures/1/edit"},
    {"POST", "/kpis/1/measurements"},
};
enum { NTARGETS = sizeof targets / sizeof targets[0] };

static struct db *db;
static char path[] = "/tmp/kawaru-fuzz-XXXXXX";

static void remove_db(void) {
    db_close(db);
    char extra[sizeof path + 8];
    unlink(path);
    snprintf(extra, sizeof extra, "%s-wal", path);
    unlink(extra);
    snprintf(extra, sizeof extra, "%s-shm", path);
    unlink(extra);
}

static void open_demo(void) {
    int fd = mkstemp(path);
    if (fd < 0)
        abort();
    close(fd);
    unlink(path);
    char err[256];
    if (db_open(path, DB_CREATE, &db, err, sizeof err) < 0)
        abort();
    atexit(remove_db);
    struct import_source src[4];
    size_t n = 0;
    for (const struct embedded_file *f = embedded_files; f->name && n < 4; f++)
        if (strncmp(f->name, "data/demo/", 10) == 0)
            src[n++] = (struct import_source){f->name, (const char *)f->data, f->size};
    static const struct actor fuzz_actor = {"fuzz", "api"};
    if (import_documents(db, src, n, false, &fuzz_actor, stderr) < 0)
        abort();
}

static const struct session_user admin = {.id = 1, .org_id = 1, .login = "fuzz-admin", .display_name = "Fuzz",
                                          .role = "admin"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0)
        return 0;
    if (!db)
        open_demo();
    size_t t = data[0] % NTARGETS;
    char *body = malloc(size);
    memcpy(body, data + 1, size - 1);
    body[size - 1] = '\0';
    struct req r;
    req_init(&r, db, targets[t].method, targets[t].path);
    r.body = body;
    r.body_len = size - 1;
    r.user = &admin;
    r.csrf_token = r.csrf_header = "fuzz-csrf";
    http_handle(&r);
    if (r.status >= 500 || db_in_transaction(db)) {
        fprintf(stderr, "%s %s answered %d: %s\n", targets[t].method, targets[t].path, r.status, buf_cstr(&r.out));
        abort();
    }
    req_free(&r);
    free(body);
    return 0;
}
