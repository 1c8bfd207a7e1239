/* Fuzz target: the session cookie and the CSRF token checked against it (http/session.c,
 * store/store_user.c).
 *
 * A database in memory holds the demo plans, one user and one live session, made once. Each
 * input becomes a cookie token, resolved as server.c does it (session_resolve, which calls
 * store_session_lookup and derives the CSRF token), and a CSRF value given for the real
 * session (session_csrf_ok). It must hold that:
 *   - a user is found only when the token equals the real session token byte for byte, and
 *     then it is that user, with the CSRF token of that session;
 *   - an unknown token leaves the request anonymous, and an anonymous request accepts no CSRF
 *     value at all;
 *   - the real session accepts a CSRF value only when it equals its CSRF token byte for byte.
 * A random token would never come near the real one, so the first byte of the input chooses
 * how the rest is read: bit 0 set, the token is the real session token XOR the bytes (all
 * zero bytes: the real token; one byte set: a token one character off; fewer or more bytes: a
 * token cut short or run on); bit 1 does the same for the CSRF value with the real CSRF token.
 * Either string ends at its first NUL, as a cookie or form value that reaches kawaru does.
 *
 * The Cookie header itself is split by libmicrohttpd (MHD_lookup_connection_value with
 * MHD_COOKIE_KIND in server.c); kawaru has no cookie-header parser of its own, so this target
 * fuzzes the value from there on. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/errors.h"
#include "http/session.h"
#include "store/store_user.h"
#include "util/embed.h"
#include "xfer/import.h"

enum { REFRESH_SECONDS = SESSION_IDLE_SECONDS / 2 };   /* long runs outlive a session */

static struct db *db;
static int64_t user_id;
static char token[SESSION_TOKEN_BUF];
static char csrf[64];
static time_t token_made;
static const struct actor fuzz_actor = {"fuzz", "web"};

static void new_session(void) {
    token_made = time(NULL);
    if (store_session_create(db, user_id, (int64_t)token_made, &fuzz_actor, token) < 0)
        abort();
    struct req r;
    req_init(&r, db, "GET", "/");
    r.session_token = token;
    session_resolve(&r);
    if (!r.user || r.user->id != user_id || !r.csrf_token || strlen(r.csrf_token) >= sizeof csrf)
        abort();
    strcpy(csrf, r.csrf_token);
    req_free(&r);
}

static void open_db(void) {
    char err[256];
    if (db_open(":memory:", DB_CREATE, &db, err, sizeof err) < 0)
        abort();
    struct import_source src[4];
    size_t n = 0;
    for (const struct embedded_file *f = embedded_files; f->name && n < 4; f++)
        if (strncmp(f->name, "data/demo/", 10) == 0)
            src[n++] = (struct import_source){f->name, (const char *)f->data, f->size};
    if (import_documents(db, src, n, false, &fuzz_actor, stderr) < 0)
        abort();
    struct arena a = ARENA_INIT;
    struct org o;
    if (store_org_by_code(db, &a, "322075", &o) < 0)
        abort();
    const char *depts[] = {"madoguchi"};
    struct edit_fail fail = {0};
    if (store_user_add(db, o.id, "fuzzer", "江津 花子", "reporter", depts, 1, "correct horse battery", &fuzz_actor,
                       &user_id, &fail) < 0)
        abort();
    arena_free(&a);
    new_session();
}

/* bytes XOR base (base NULL: the bytes as they are), NUL-terminated; caller frees. */
static char *derive(const uint8_t *data, size_t size, const char *base) {
    size_t blen = base ? strlen(base) : 0;
    char *s = malloc(size + 1);
    for (size_t i = 0; i < size; i++)
        s[i] = (char)(data[i] ^ (i < blen ? (uint8_t)base[i] : 0));
    s[size] = '\0';
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!db)
        open_db();
    if (time(NULL) - token_made >= REFRESH_SECONDS)
        new_session();
    int mode = size ? data[0] : 0;
    const uint8_t *rest = size ? data + 1 : data;
    size_t n = size ? size - 1 : 0;
    char *given_token = derive(rest, n, mode & 1 ? token : NULL);
    char *given_csrf = derive(rest, n, mode & 2 ? csrf : NULL);

    struct req r;
    req_init(&r, db, "POST", "/measures/1/edit");
    r.session_token = given_token;
    session_resolve(&r);
    bool same = strcmp(given_token, token) == 0;
    if (same != (r.user != NULL))
        abort();
    if (r.user && (r.user->id != user_id || strcmp(r.user->login, "fuzzer") != 0 || r.user->ndepts != 1 ||
                   !r.csrf_token || strcmp(r.csrf_token, csrf) != 0))
        abort();
    if (!r.user && (r.csrf_token || session_csrf_ok(&r, given_csrf) || session_csrf_ok(&r, csrf)))
        abort();
    if (db_in_transaction(db))
        abort();
    req_free(&r);

    struct req real;                           /* the real session: only its CSRF token passes */
    req_init(&real, db, "POST", "/measures/1/edit");
    real.session_token = token;
    real.csrf_token = csrf;
    if (session_csrf_ok(&real, given_csrf) != (strcmp(given_csrf, csrf) == 0) || session_csrf_ok(&real, NULL))
        abort();
    req_free(&real);

    free(given_token);
    free(given_csrf);
    return 0;
}
