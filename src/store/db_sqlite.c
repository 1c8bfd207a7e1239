/* The SQLite engine behind db.h (see db_engine.h): opening a file with its pragmas and
 * migrations, preparing and stepping statements, and SQLite's result codes as kawaru's errors.
 * Everything in the store that only SQLite has (pragmas, the application-defined function of
 * migration 26, the FTS5 tokenizer of old databases) is here or in search.c and db_backup.c. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "store/db_engine.h"
#include "store/search.h"
#include "util/embed.h"

int lite_fail_code(int rc) {
    rc &= 0xff;
    return rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? KW_EBUSY : KW_EDB;
}

int lite_exec(struct db *db, const char *sql, char *errbuf, size_t errsize) {
    char *msg = NULL;
    int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        if (errbuf)
            snprintf(errbuf, errsize, "%s", msg ? msg : sqlite3_errmsg(db->h));
        sqlite3_free(msg);
        return lite_fail_code(rc);
    }
    return 0;
}

int lite_prepare(struct db *db, const char *sql, struct db_stmt *st) {
    return sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->lite, NULL) == SQLITE_OK ? 0 : KW_EDB;
}

int lite_step(struct db_stmt *st) {
    int rc = sqlite3_step(st->lite);
    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE)
        return DB_DONE;
    /* a value the schema's CHECK or NOT NULL refuses is invalid input (422); a duplicate or a
     * row still referred to is a conflict with what is stored (409) */
    if (rc == SQLITE_CONSTRAINT_CHECK || rc == SQLITE_CONSTRAINT_NOTNULL)
        return KW_EINVAL;
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
        return KW_ECONFLICT;
    return lite_fail_code(rc);
}

/* True when the database's foreign keys all hold. */
static bool foreign_keys_hold(struct db *db, char *errbuf, size_t errsize) {
    struct db_stmt *st = db_prepare(db, "PRAGMA foreign_key_check");
    int rc = db_step(st);
    if (rc == DB_ROW)
        snprintf(errbuf, errsize, "a migration broke a foreign key of table %s", db_col_str(st, 0));
    db_reset(st);
    return rc == DB_DONE;
}

/* Migrations are the embedded files src/store/sql/NNN_*.sql, applied in order; the database's
 * user_version is the number of the last one applied. Each runs in its own transaction, with
 * foreign keys off so that a migration may rebuild a table the way SQLite documents (create,
 * copy, drop, rename: dropping a parent would otherwise cascade to its children); the keys are
 * checked before each commit. SQLite-only: the pragmas have no PostgreSQL counterpart. */
static int migrate_pending(struct db *db, char *errbuf, size_t errsize) {
    int current = db_schema_version(db);
    for (int n = current + 1;; n++) {
        const struct embedded_file *found = NULL;
        char prefix[32];
        snprintf(prefix, sizeof prefix, "src/store/sql/%03d_", n);
        for (const struct embedded_file *f = embedded_files; f->name; f++)
            if (strncmp(f->name, prefix, strlen(prefix)) == 0)
                found = f;
        if (!found)
            return 0;
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d;", n);
        if (lite_exec(db, "BEGIN IMMEDIATE", errbuf, errsize) < 0)
            return KW_EDB;
        if (lite_exec(db, (const char *)found->data, errbuf, errsize) < 0 ||
            !foreign_keys_hold(db, errbuf, errsize) || lite_exec(db, pragma, errbuf, errsize) < 0) {
            lite_exec(db, "ROLLBACK", NULL, 0);
            return KW_EDB;
        }
        if (lite_exec(db, "COMMIT", errbuf, errsize) < 0)
            return KW_EDB;
    }
}

static int migrate(struct db *db, char *errbuf, size_t errsize) {
    if (lite_exec(db, "PRAGMA foreign_keys = OFF", errbuf, errsize) < 0)
        return KW_EDB;
    int rc = migrate_pending(db, errbuf, errsize);
    if (lite_exec(db, "PRAGMA foreign_keys = ON", rc < 0 ? NULL : errbuf, errsize) < 0)
        rc = KW_EDB;
    return rc;
}

/* Process-wide SQLite settings, made once before the first connection: no memory statistics,
 * which would take a global mutex on every allocation of every thread. */
static void configure_sqlite(void) {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* kawaru_kpi_stats_deferred(): whether the measurement trigger leaves a KPI's aggregates to
 * the writer (migration 26; SQLite's application-defined function). */
static void stats_deferred_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    struct db *db = sqlite3_user_data(ctx);
    sqlite3_result_int(ctx, db->stats_deferred);
}

int lite_open(struct db *db, const char *path, int flags, char *errbuf, size_t errsize) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, configure_sqlite);
    int oflags = (flags & DB_READONLY) ? SQLITE_OPEN_READONLY
               : SQLITE_OPEN_READWRITE | ((flags & DB_CREATE) ? SQLITE_OPEN_CREATE : 0);
    oflags |= SQLITE_OPEN_NOMUTEX;          /* one connection per thread */
    if (sqlite3_open_v2(path, &db->h, oflags, NULL) != SQLITE_OK) {
        snprintf(errbuf, errsize, "cannot open %s: %s", path, db->h ? sqlite3_errmsg(db->h) : "out of memory");
        return KW_EDB;
    }
    /* busy timeout first: threads opening at once otherwise fail with "database is locked" */
    sqlite3_busy_timeout(db->h, db->busy_ms);
    sqlite3_extended_result_codes(db->h, 1);
    int rc = search_register(db->h);
    if (rc == 0 && sqlite3_create_function(db->h, "kawaru_kpi_stats_deferred", 0, SQLITE_UTF8, db, stats_deferred_fn,
                                           NULL, NULL) != SQLITE_OK)
        rc = KW_EDB;
    if (rc == 0)
        rc = lite_exec(db, (flags & DB_READONLY) ? "PRAGMA foreign_keys = ON; PRAGMA mmap_size = 268435456; "
                                                   "PRAGMA temp_store = MEMORY;"   /* WAL is a property of the file */
                                                 : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                                                   "PRAGMA foreign_keys = ON; PRAGMA mmap_size = 268435456; "
                                                   "PRAGMA temp_store = MEMORY;", errbuf, errsize);
    else
        snprintf(errbuf, errsize, "cannot register the search tokenizer");
    if (rc == 0 && !(flags & DB_READONLY))
        rc = migrate(db, errbuf, errsize);
    if (rc == 0) {
        /* a database made by this program has the org table; refuse anything else (not through
         * db_prepare, which aborts on a statement that fails to prepare: a file that is no
         * database, opened read-only, fails here first) */
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db->h, "SELECT count(*) FROM sqlite_master WHERE name = 'org'", -1, &st, NULL) !=
                SQLITE_OK ||
            sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) != 1) {
            snprintf(errbuf, errsize, "%s is not a kawaru database", path);
            rc = KW_EDB;
        }
        sqlite3_finalize(st);
    }
    return rc < 0 ? KW_EDB : 0;
}

void lite_close(struct db *db) {
    sqlite3_close(db->h);
    db->h = NULL;
}
