/* Helpers shared by the unit tests: temporary directories, reading files of the source tree,
 * a database with the demo plans imported, and a tolerance assertion for doubles. Header-only
 * (static functions), so every test executable stays a single .c file. */
#ifndef KAWARU_TESTS_UNIT_TESTUTIL_H
#define KAWARU_TESTS_UNIT_TESTUTIL_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>           /* the tests look at SQLite databases directly */
#include <unistd.h>

#include "core/errors.h"
#include "store/db.h"
#include "store/search.h"
#include "store/store.h"
#include "util/embed.h"
#include "xfer/import.h"

/* Fails unless |a - b| <= eps (cmocka 1.1's assert_float_equal works on floats only). */
#define assert_double_near(a, b, eps)                                                         \
    do {                                                                                      \
        double tu_a_ = (a), tu_b_ = (b);                                                      \
        if (!(fabs(tu_a_ - tu_b_) <= (eps)))                                                  \
            fail_msg("%s = %.17g, expected %s = %.17g (within %g)", #a, tu_a_, #b, tu_b_,     \
                     (double)(eps));                                                          \
    } while (0)

/* A path under the source root (KAWARU_SOURCE_DIR, set by CTest); malloc'd, caller frees. */
static inline char *tu_source_path(const char *rel) {
    const char *root = getenv("KAWARU_SOURCE_DIR");
    if (!root || !*root)
        root = ".";
    size_t n = strlen(root) + strlen(rel) + 2;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", root, rel);
    return p;
}

/* The whole file as a NUL-terminated malloc'd string (caller frees); fails the test if absent. */
static inline char *tu_read_file(const char *path, size_t *ret_len) {
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s (is KAWARU_SOURCE_DIR set?)", path);
    struct buf b = BUF_INIT;
    char tmp[8192];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        buf_append(&b, tmp, n);
    fclose(f);
    if (ret_len)
        *ret_len = b.len;
    return buf_steal(&b);
}

/* A source-tree file, e.g. "data/demo/322075.json" (caller frees). */
static inline char *tu_read_source(const char *rel, size_t *ret_len) {
    char *path = tu_source_path(rel);
    char *text = tu_read_file(path, ret_len);
    free(path);
    return text;
}

/* A fresh directory under $TMPDIR or /tmp; malloc'd path, remove it with tu_rmtree. */
static inline char *tu_mkdtemp(void) {
    const char *tmp = getenv("TMPDIR");
    char tmpl[512];
    snprintf(tmpl, sizeof tmpl, "%s/kawaru-unit-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    char *dir = mkdtemp(tmpl);
    assert_non_null(dir);
    return strdup(dir);
}

static inline int tu_rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw) {
    (void)sb; (void)flag; (void)ftw;
    return remove(path);
}

/* Removes dir and everything under it, then frees dir. NULL is fine. */
static inline void tu_rmtree(char *dir) {
    if (!dir)
        return;
    nftw(dir, tu_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(dir);
}

/* A database in dir (created, migrated); fails the test on error. */
static inline struct db *tu_open_db(const char *dir) {
    char path[600], err[256] = "";
    snprintf(path, sizeof path, "%s/kawaru.db", dir);
    struct db *db = NULL;
    int rc = db_open(path, DB_CREATE, &db, err, sizeof err);
    if (rc != 0)
        fail_msg("db_open(%s): %s", path, err);
    return db;
}

static const struct actor tu_actor = {"unit-test", "cli"};

/* Imports source-tree plan documents (relative paths) in one import_documents call;
 * returns its result. */
static inline int tu_import_files(struct db *db, const char *const *rel, size_t n, bool replace) {
    struct import_source src[8];
    char *texts[8];
    assert_true(n <= 8);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        texts[i] = tu_read_source(rel[i], &len);
        src[i] = (struct import_source){rel[i], texts[i], len};
    }
    int rc = import_documents(db, src, n, replace, &tu_actor, stderr);
    for (size_t i = 0; i < n; i++)
        free(texts[i]);
    return rc;
}

static const char *const tu_demo_files[] = {"data/demo/322075.json", "data/demo/122319.json"};

/* A temporary database holding both demo organisations. */
struct tu_demo {
    char *dir;
    struct db *db;
};

static inline void tu_demo_open(struct tu_demo *d) {
    d->dir = tu_mkdtemp();
    d->db = tu_open_db(d->dir);
    assert_int_equal(tu_import_files(d->db, tu_demo_files, 2, false), 0);
}

static inline void tu_demo_close(struct tu_demo *d) {
    db_close(d->db);
    tu_rmtree(d->dir);
    d->db = NULL;
    d->dir = NULL;
}

/* cmocka setup/teardown that put a struct tu_demo in *state. */
static inline int tu_demo_setup(void **state) {
    struct tu_demo *d = calloc(1, sizeof *d);
    tu_demo_open(d);
    *state = d;
    return 0;
}

static inline int tu_demo_teardown(void **state) {
    struct tu_demo *d = *state;
    tu_demo_close(d);
    free(d);
    return 0;
}

/* A raw connection to a new database file dir/name in the schema of migration last: the
 * embedded migrations 1 to last run in order (for tests of what a later migration does to the
 * data of an earlier schema). The caller closes it. */
static inline sqlite3 *tu_schema_at(const char *dir, const char *name, int last) {
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
    assert_int_equal(search_register(raw), 0);             /* the schema's search tokenizer */
    for (int n = 1; n <= last; n++) {
        char prefix[32];
        snprintf(prefix, sizeof prefix, "src/store/sql/%03d_", n);
        const struct embedded_file *found = NULL;
        for (const struct embedded_file *f = embedded_files; f->name; f++)
            if (strncmp(f->name, prefix, strlen(prefix)) == 0)
                found = f;
        assert_non_null(found);
        char *msg = NULL;
        if (sqlite3_exec(raw, (const char *)found->data, NULL, NULL, &msg) != SQLITE_OK)
            fail_msg("migration %d: %s", n, msg);
    }
    return raw;
}

/* A single integer from SQL run directly on the connection (for checks behind the store). */
static inline int64_t tu_sql_int(struct db *db, const char *sql) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("bad test SQL: %s: %s", sql, sqlite3_errmsg(db_handle(db)));
    int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

/* The id of the plan of organisation code (its first plan); fails the test if absent. */
static inline int64_t tu_plan_id(struct db *db, const char *code) {
    struct arena a = ARENA_INIT;
    struct org o;
    assert_int_equal(store_org_by_code(db, &a, code, &o), 0);
    struct plan_summary *ps;
    size_t n;
    assert_int_equal(store_plan_list(db, &a, o.id, &ps, &n), 0);
    assert_true(n >= 1);
    int64_t id = ps[0].id;
    arena_free(&a);
    return id;
}

#endif
