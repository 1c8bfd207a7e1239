/* Helpers shared by the unit tests: temporary directories, reading files of the source tree,
 * a test database (SQLite, or PostgreSQL when $KAWARU_TEST_PG names a server) with or without the
 * demo plans, the tests' own SQL through db.h on either engine, and a tolerance assertion for
 * doubles. Header-only (static functions), so every test executable stays a single .c file. */
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
#include <libpq-fe.h>          /* the tests make and drop their PostgreSQL databases */
#include <sqlite3.h>           /* the SQLite-only tests make old schemas directly */
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

/* ---- The test database: a SQLite file in the test's directory, or with $KAWARU_TEST_PG (a
 * PostgreSQL server's URI without a database, e.g. postgresql://kawaru@127.0.0.1:5433, as
 * scripts/pg.sh starts one) a database of its own on that server, named after the directory.
 * A fresh one is a copy (CREATE DATABASE … TEMPLATE, a tenth of a second) of a template made once,
 * by the process or for the whole run (tu_pg_template): one migrated and empty, one with the demo
 * plans imported; migrating and importing for every test would cost about a second each. The
 * databases are dropped by tu_close_db; those this process made and left (a test that only removed
 * its directory, its own templates) when it exits. */

/* The PostgreSQL server of the tests, or NULL: SQLite. */
static inline const char *tu_pg(void) {
    const char *s = getenv("KAWARU_TEST_PG");
    return s && *s ? s : NULL;
}

enum { TU_PG_MAX = 256 };

/* The connection to the server's maintenance database and the databases made, to drop. */
static struct {
    PGconn *admin;
    char *made[TU_PG_MAX];
    char tpl_empty[64], tpl_demo[64];
} tu_pgs;

static inline void tu_pg_drop_all(void);

/* Runs one command of the maintenance database (names made here, never a user's value); an
 * error's message into err (may be NULL). Returns whether it succeeded. */
static inline bool tu_pg_try(const char *sql, char *err, size_t errsize) {
    if (!tu_pgs.admin) {
        char uri[512];
        snprintf(uri, sizeof uri, "%s/postgres", tu_pg());
        tu_pgs.admin = PQconnectdb(uri);
        atexit(tu_pg_drop_all);
    }
    PGresult *res = PQexec(tu_pgs.admin, sql);
    bool ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;
    if (!ok && err)
        snprintf(err, errsize, "%s", PQerrorMessage(tu_pgs.admin));
    PQclear(res);
    return ok;
}

static inline void tu_pg_admin(const char *sql) {
    char err[512];
    if (!tu_pg_try(sql, err, sizeof err))
        fail_msg("%s: %s", sql, err);
}

/* At exit: every database made and not dropped yet, then the connection. */
static inline void tu_pg_drop_all(void) {
    for (size_t i = 0; i < TU_PG_MAX; i++)
        if (tu_pgs.made[i]) {
            char sql[400];
            snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", tu_pgs.made[i]);
            tu_pg_try(sql, NULL, 0);
            free(tu_pgs.made[i]);
            tu_pgs.made[i] = NULL;
        }
    PQfinish(tu_pgs.admin);
    tu_pgs.admin = NULL;
}

/* Makes database name, a copy of template; noted for tu_pg_drop_all when drop. */
static inline void tu_pg_create(const char *name, const char *template, bool drop) {
    char sql[400];
    if (strcmp(template, "template0") == 0)     /* bytewise text, as SQLite compares it */
        snprintf(sql, sizeof sql, "CREATE DATABASE \"%s\" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'", name);
    else
        snprintf(sql, sizeof sql, "CREATE DATABASE \"%s\" TEMPLATE \"%s\" STRATEGY FILE_COPY", name, template);
    tu_pg_admin(sql);
    if (!drop)
        return;
    size_t i = 0;
    while (i < TU_PG_MAX && tu_pgs.made[i])
        i++;
    assert_true(i < TU_PG_MAX);
    tu_pgs.made[i] = strdup(name);
}

/* Drops database name if this process made it. */
static inline void tu_pg_drop(const char *name) {
    for (size_t i = 0; i < TU_PG_MAX; i++)
        if (tu_pgs.made[i] && strcmp(tu_pgs.made[i], name) == 0) {
            char sql[400];
            snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", name);
            tu_pg_admin(sql);
            free(tu_pgs.made[i]);
            tu_pgs.made[i] = NULL;
        }
}

/* The name of the PostgreSQL database of dir: the process and the unique part of the directory's
 * name (tu_mkdtemp's XXXXXX; the name is quoted, so its case is kept). */
static inline void tu_pg_name(const char *dir, char *buf, size_t size) {
    const char *unique = strrchr(dir, '-');
    snprintf(buf, size, "kawaru_unit_%ld_%s", (long)getpid(), unique ? unique + 1 : dir);
}

/* The address of the database of dir, for db_open: dir/kawaru.db, or the PostgreSQL URI. */
static inline void tu_db_path(const char *dir, char *buf, size_t size) {
    if (!tu_pg()) {
        snprintf(buf, size, "%s/kawaru.db", dir);
        return;
    }
    char name[128];
    tu_pg_name(dir, name, sizeof name);
    snprintf(buf, size, "%s/%s", tu_pg(), name);
}

/* Opens the database at path (created and migrated); fails the test on error. */
static inline struct db *tu_db_open_path(const char *path) {
    char err[256] = "";
    struct db *db = NULL;
    if (db_open(path, DB_CREATE, &db, err, sizeof err) != 0)
        fail_msg("db_open(%s): %s", path, err);
    return db;
}

/* Whether database name exists on the server. */
static inline bool tu_pg_exists(const char *name) {
    const char *params[1] = {name};
    PGresult *res = PQexecParams(tu_pgs.admin, "SELECT 1 FROM pg_database WHERE datname = $1", 1, NULL, params,
                                 NULL, NULL, 0);
    bool found = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
    PQclear(res);
    return found;
}

/* The name of a template database (demo: with the demo plans), made at first use. Each process
 * makes its own, dropped at exit; or, with $KAWARU_TEST_PG_TEMPLATES (a name for the templates of
 * one build on one server, as scripts/test.sh gives), every process of the run copies the same
 * ones, which the first to need them makes (under a lock of the server) and nobody drops. */
static inline const char *tu_pg_template(bool demo) {
    char *name = demo ? tu_pgs.tpl_demo : tu_pgs.tpl_empty;
    if (name[0])
        return name;
    const char *run = getenv("KAWARU_TEST_PG_TEMPLATES");
    bool shared = run && *run;
    char made[64], path[600];
    if (shared)
        snprintf(made, sizeof made, "%.40s_%s", run, demo ? "demo" : "empty");
    else
        snprintf(made, sizeof made, "kawaru_unit_%ld_%s", (long)getpid(), demo ? "demo" : "empty");
    if (shared)
        tu_pg_admin("SELECT pg_advisory_lock(1802)");    /* the store's writers take 1801 */
    if (!shared || !tu_pg_exists(made)) {
        tu_pg_create(made, demo ? tu_pg_template(false) : "template0", !shared);
        snprintf(path, sizeof path, "%s/%s", tu_pg(), made);
        struct db *db = tu_db_open_path(path);
        if (demo)
            assert_int_equal(tu_import_files(db, tu_demo_files, 2, false), 0);
        db_close(db);                   /* a template has no connection while it is copied */
    }
    if (shared)
        tu_pg_admin("SELECT pg_advisory_unlock(1802)");
    snprintf(name, 64, "%s", made);
    return name;
}

/* The database of dir, new: on SQLite a file, created and migrated; on PostgreSQL a copy of a
 * template (demo: with the demo plans imported). Fails the test on error. */
static inline struct db *tu_db_new(const char *dir, bool demo) {
    char path[600];
    tu_db_path(dir, path, sizeof path);
    if (!tu_pg()) {
        struct db *db = tu_db_open_path(path);
        if (demo)
            assert_int_equal(tu_import_files(db, tu_demo_files, 2, false), 0);
        return db;
    }
    char name[128];
    tu_pg_name(dir, name, sizeof name);
    tu_pg_create(name, tu_pg_template(demo), true);
    struct db *db = tu_db_open_path(path);
    /* as an import's commit would: the process's counters and caches move to this database */
    db_content_check(db);
    db_bump_data_version();
    return db;
}

/* A new database in dir (created, migrated, empty); fails the test on error. */
static inline struct db *tu_open_db(const char *dir) { return tu_db_new(dir, false); }

/* Another connection to the database of dir (made by tu_open_db or tu_demo_open); the caller
 * closes it. */
static inline struct db *tu_open_again(const char *dir) {
    char path[600];
    tu_db_path(dir, path, sizeof path);
    return tu_db_open_path(path);
}

/* Closes db, drops its PostgreSQL database, and removes dir (tu_rmtree: dir is freed). */
static inline void tu_close_db(struct db *db, char *dir) {
    db_close(db);
    if (tu_pg() && dir) {
        char name[128];
        tu_pg_name(dir, name, sizeof name);
        tu_pg_drop(name);
    }
    tu_rmtree(dir);
}

/* A temporary database holding both demo organisations. */
struct tu_demo {
    char *dir;
    struct db *db;
};

static inline void tu_demo_open(struct tu_demo *d) {
    d->dir = tu_mkdtemp();
    d->db = tu_db_new(d->dir, true);
}

static inline void tu_demo_close(struct tu_demo *d) {
    tu_close_db(d->db, d->dir);
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

/* The SQL text sql at an address of its own for the rest of the process: db_prepare caches a
 * statement by the address of its text, and the tests often build theirs in a buffer. */
static inline const char *tu_sql_text(const char *sql) {
    static char **texts;
    static size_t n, cap;
    for (size_t i = 0; i < n; i++)
        if (strcmp(texts[i], sql) == 0)
            return texts[i];
    if (n == cap) {
        cap = cap ? cap * 2 : 64;
        texts = realloc(texts, cap * sizeof *texts);
        assert_non_null(texts);
    }
    return texts[n++] = strdup(sql);
}

/* A statement of the test's own SQL (checks behind the store), through db.h on either engine;
 * written once for both: parameters ?1, ?2 …, functions both have. */
static inline struct db_stmt *tu_sql(struct db *db, const char *sql) { return db_prepare(db, tu_sql_text(sql)); }

/* A single integer from SQL (-1 when there is no row); fails the test on an error. */
static inline int64_t tu_sql_int(struct db *db, const char *sql) {
    struct db_stmt *st = tu_sql(db, sql);
    int rc = db_step(st);
    if (rc < 0)
        fail_msg("test SQL failed: %s: %s", sql, db_errmsg(db));
    int64_t v = rc == DB_ROW ? db_col_int64(st, 0) : -1;
    db_reset(st);
    return v;
}

/* The first column of the first row of sql as a malloc'd string ("" for NULL or no row). */
static inline char *tu_sql_str(struct db *db, const char *sql) {
    struct db_stmt *st = tu_sql(db, sql);
    int rc = db_step(st);
    if (rc < 0)
        fail_msg("test SQL failed: %s: %s", sql, db_errmsg(db));
    const char *v = rc == DB_ROW ? db_col_str(st, 0) : NULL;
    char *s = strdup(v ? v : "");
    db_reset(st);
    return s;
}

/* Runs sql (statements without parameters); fails the test on an error. */
static inline void tu_sql_exec(struct db *db, const char *sql) {
    if (db_exec(db, sql) != 0)
        fail_msg("test SQL failed: %s: %s", sql, db_errmsg(db));
}

/* Whether an audit snapshot (before or after) holds text; compared in lower case when lower. */
static inline bool tu_audit_holds(struct db *db, const char *text, bool lower) {
    struct db_stmt *st = tu_sql(db, "SELECT coalesce(after_json, '') || coalesce(before_json, ''), "
                                    "lower(coalesce(after_json, '') || coalesce(before_json, '')) FROM audit");
    bool found = false;
    while (db_step(st) == DB_ROW)
        found |= strstr(db_col_str(st, lower ? 1 : 0), text) != NULL;
    db_reset(st);
    return found;
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
