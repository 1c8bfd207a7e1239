/* SQLite connection: pragmas, migrations, statement cache and transactions (see db.h). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/errors.h"
#include "store/db.h"
#include "store/search.h"
#include "util/arena.h"
#include "util/embed.h"
#include "util/xmalloc.h"

struct stmt_slot { const char *sql; sqlite3_stmt *st; };

struct db {
    sqlite3 *h;
    struct stmt_slot *slots;
    size_t nslots, used;
    int tx_depth;
    const char *tx_where;
    bool tx_content;        /* a db_commit (at any depth) made this transaction a content change */
    bool tx_public;         /* ... one the public may read: a db_commit, not only db_commit_draft */
    bool stats_deferred;    /* kawaru_kpi_stats_deferred() for the measurement trigger (db_defer_kpi_stats) */
    int busy_ms;            /* how long it waits for another connection's write lock */
    /* The read transaction kept open between requests (see db_read_begin), the write version
     * it was begun at, and when a request last used it. `use` is held by the thread using the
     * connection; db_release_idle_read takes it from another thread. */
    bool read_held;
    uint64_t read_version;
    struct timespec read_used;
    pthread_mutex_t use;
};

/* Two process-wide counters (db.h):
 * - data_version: content changed. Each thread's memo of resolved sessions (http/session_cache.c)
 *   and of the categories' counts are valid for one data version.
 * - public_version: content the public may read changed: every content change but those of a
 *   working draft alone (db_commit_draft: a KPI's measurements). Cached responses, which are the
 *   public's (server/cache.c), are valid for one public version, so that a stream of ingested
 *   values does not empty them; the public reads published versions, which such a write leaves
 *   alone.
 * - write_version: anything was committed, content or bookkeeping, here or (seen by db_watch)
 *   by another process. A kept read transaction (db_read_begin) is valid for one write version,
 *   so a signed-in page, which is never cached, reads every commit at once (an audit row of a
 *   failed sign-in, a session just made), and a busy thread's snapshot never holds checkpoints
 *   back for long.
 * A content change bumps both, write_version first: a request that read the new data version
 * then finds its kept snapshot out of date too.
 * content_seen and public_seen are the values of the database's content counters (table
 * content_version, migrations 20 and 30: every content change, and those the public may read)
 * that this process last wrote or read: db_content_check bumps the data version
 * only for another one, so this process's own commits are not counted twice by the watcher.
 * "Another", not "a higher": a check that read an older value just before a commit of ours
 * costs one bump too many at worst, and a test process with several databases never misses
 * one. Equal means nothing is missed: either the watcher bumped for that value already, or this
 * process committed it and bumped after every commit before it. */
static _Atomic uint64_t data_version = 1;
static _Atomic uint64_t public_version = 1;
static _Atomic uint64_t write_version = 1;
static _Atomic int64_t content_seen = 0;
static _Atomic int64_t public_seen = 0;

uint64_t db_data_version(void) { return atomic_load(&data_version); }
uint64_t db_public_version(void) { return atomic_load(&public_version); }

void db_note_write(void) { atomic_fetch_add(&write_version, 1); }

/* A content change the public may read: public_version before data_version, so that a reader
 * of the new data version finds the public version new as well. */
void db_bump_data_version(void) {
    db_note_write();
    atomic_fetch_add(&public_version, 1);
    atomic_fetch_add(&data_version, 1);
}

/* A change of a working draft only (db_commit_draft). */
static void bump_draft_version(void) {
    db_note_write();
    atomic_fetch_add(&data_version, 1);
}

sqlite3 *db_handle(struct db *db) { return db->h; }
const char *db_errmsg(struct db *db) { return sqlite3_errmsg(db->h); }
int64_t db_last_id(struct db *db) { return sqlite3_last_insert_rowid(db->h); }
bool db_in_transaction(struct db *db) { return db->tx_depth > 0; }

/* KW_EBUSY for SQLite's "another connection holds the lock" (after the busy timeout), which
 * every caller passes up to resp_store_error (503); else KW_EDB. */
static int fail_code(int rc) {
    rc &= 0xff;
    return rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? KW_EBUSY : KW_EDB;
}

static int exec(struct db *db, const char *sql, char *errbuf, size_t errsize) {
    char *msg = NULL;
    int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        if (errbuf)
            snprintf(errbuf, errsize, "%s", msg ? msg : sqlite3_errmsg(db->h));
        sqlite3_free(msg);
        return fail_code(rc);
    }
    return 0;
}

int db_schema_version(struct db *db) {
    sqlite3_stmt *st = db_prepare(db, "PRAGMA user_version");
    int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_reset(st);
    return v;
}

/* True when the database's foreign keys all hold. */
static bool foreign_keys_hold(struct db *db, char *errbuf, size_t errsize) {
    sqlite3_stmt *st = db_prepare(db, "PRAGMA foreign_key_check");
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(errbuf, errsize, "a migration broke a foreign key of table %s", sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    return rc == SQLITE_DONE;
}

/* Migrations are the embedded files src/store/sql/NNN_*.sql, applied in order; the database's
 * user_version is the number of the last one applied. Each runs in its own transaction, with
 * foreign keys off so that a migration may rebuild a table the way SQLite documents (create,
 * copy, drop, rename: dropping a parent would otherwise cascade to its children); the keys are
 * checked before each commit. SQLite-only: the pragmas have no PostgreSQL counterpart. */
static int migrate_pending(struct db *db, char *errbuf, size_t errsize);

static int migrate(struct db *db, char *errbuf, size_t errsize) {
    if (exec(db, "PRAGMA foreign_keys = OFF", errbuf, errsize) < 0)
        return KW_EDB;
    int rc = migrate_pending(db, errbuf, errsize);
    if (exec(db, "PRAGMA foreign_keys = ON", rc < 0 ? NULL : errbuf, errsize) < 0)
        rc = KW_EDB;
    return rc;
}

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
        if (exec(db, "BEGIN IMMEDIATE", errbuf, errsize) < 0)
            return KW_EDB;
        if (exec(db, (const char *)found->data, errbuf, errsize) < 0 ||
            !foreign_keys_hold(db, errbuf, errsize) || exec(db, pragma, errbuf, errsize) < 0) {
            exec(db, "ROLLBACK", NULL, 0);
            return KW_EDB;
        }
        if (exec(db, "COMMIT", errbuf, errsize) < 0)
            return KW_EDB;
    }
}

/* The number of the newest embedded migration. */
int db_latest_migration(void) {
    int latest = 0;
    for (const struct embedded_file *f = embedded_files; f->name; f++) {
        int n;
        if (sscanf(f->name, "src/store/sql/%d_", &n) == 1 && n > latest)
            latest = n;
    }
    return latest;
}

/* How long a connection waits for another's write to end before a write gives up with
 * KW_EBUSY: $KAWARU_BUSY_MS milliseconds (0..600000), else DB_BUSY_MS; a command run by hand
 * (DB_PATIENT) waits at least DB_PATIENT_MS, so that it outlasts any write of the server. */
static int busy_timeout_ms(int flags) {
    int ms = DB_BUSY_MS;
    const char *s = getenv("KAWARU_BUSY_MS");
    if (s && *s) {
        char *end;
        long v = strtol(s, &end, 10);
        if (*end == '\0' && v >= 0 && v <= 600000)
            ms = (int)v;
    }
    return (flags & DB_PATIENT) && ms < DB_PATIENT_MS ? DB_PATIENT_MS : ms;
}

/* Process-wide SQLite settings, made once before the first connection: no memory statistics,
 * which would take a global mutex on every allocation of every thread. */
static void configure_sqlite(void) {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* kawaru_kpi_stats_deferred(): whether the measurement trigger leaves a KPI's aggregates to
 * the writer (migration 26; SQLite's application-defined function, this file being the one
 * place that knows the connection). */
static void stats_deferred_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    struct db *db = sqlite3_user_data(ctx);
    sqlite3_result_int(ctx, db->stats_deferred);
}

void db_defer_kpi_stats(struct db *db, bool on) { db->stats_deferred = on; }

int db_open(const char *path, int flags, struct db **ret_db, char *errbuf, size_t errsize) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, configure_sqlite);
    struct db *db = xcalloc(1, sizeof *db);
    pthread_mutex_init(&db->use, NULL);
    int oflags = (flags & DB_READONLY) ? SQLITE_OPEN_READONLY
               : SQLITE_OPEN_READWRITE | ((flags & DB_CREATE) ? SQLITE_OPEN_CREATE : 0);
    oflags |= SQLITE_OPEN_NOMUTEX;          /* one connection per thread */
    if (sqlite3_open_v2(path, &db->h, oflags, NULL) != SQLITE_OK) {
        snprintf(errbuf, errsize, "cannot open %s: %s", path, db->h ? sqlite3_errmsg(db->h) : "out of memory");
        db_close(db);
        return KW_EDB;
    }
    /* busy timeout first: threads opening at once otherwise fail with "database is locked" */
    db->busy_ms = busy_timeout_ms(flags);
    sqlite3_busy_timeout(db->h, db->busy_ms);
    sqlite3_extended_result_codes(db->h, 1);
    int rc = search_register(db->h);
    if (rc == 0 && sqlite3_create_function(db->h, "kawaru_kpi_stats_deferred", 0, SQLITE_UTF8, db, stats_deferred_fn,
                                           NULL, NULL) != SQLITE_OK)
        rc = KW_EDB;
    if (rc == 0)
        rc = exec(db, (flags & DB_READONLY) ? "PRAGMA foreign_keys = ON; PRAGMA mmap_size = 268435456; "
                                              "PRAGMA temp_store = MEMORY;"   /* WAL is a property of the file */
                                            : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                                              "PRAGMA foreign_keys = ON; PRAGMA mmap_size = 268435456; "
                                              "PRAGMA temp_store = MEMORY;", errbuf, errsize);
    else
        snprintf(errbuf, errsize, "cannot register the search tokenizer");
    if (rc == 0 && !(flags & DB_READONLY))
        rc = migrate(db, errbuf, errsize);
    if (rc == 0 && (flags & DB_READONLY) && db_schema_version(db) < db_latest_migration()) {
        /* made by an older kawaru: bring it up to date once, then read it as asked */
        db_close(db);
        struct db *rw;
        if (db_open(path, flags & DB_PATIENT, &rw, errbuf, errsize) < 0)
            return KW_EDB;
        int reached = db_schema_version(rw);
        db_close(rw);
        if (reached < db_latest_migration()) {      /* a gap in the numbers: never loop on it */
            snprintf(errbuf, errsize, "%s: the migrations stop at %d, before %d", path, reached, db_latest_migration());
            return KW_EDB;
        }
        return db_open(path, flags, ret_db, errbuf, errsize);
    }
    if (rc == 0) {
        /* a database made by this program has the org table; refuse anything else */
        sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM sqlite_master WHERE name = 'org'");
        if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) != 1) {
            snprintf(errbuf, errsize, "%s is not a kawaru database", path);
            rc = KW_EDB;
        }
        sqlite3_reset(st);
    }
    if (rc < 0) {
        db_close(db);
        return KW_EDB;
    }
    *ret_db = db;
    return 0;
}

void db_close(struct db *db) {
    if (!db)
        return;
    if (db->h)
        db_read_release(db);
    for (size_t i = 0; i < db->nslots; i++)
        if (db->slots[i].st)
            sqlite3_finalize(db->slots[i].st);
    free(db->slots);
    sqlite3_close(db->h);
    pthread_mutex_destroy(&db->use);
    free(db);
}

static size_t slot_index(const char *sql, size_t nslots) {
    uintptr_t h = (uintptr_t)sql;
    h ^= h >> 17;
    h *= 0x9e3779b97f4a7c15ull;
    return (size_t)(h >> 7) & (nslots - 1);
}

static void cache_grow(struct db *db) {
    struct stmt_slot *old = db->slots;
    size_t oldn = db->nslots;
    db->nslots = oldn ? oldn * 2 : 128;
    db->slots = xcalloc(db->nslots, sizeof *db->slots);
    for (size_t i = 0; i < oldn; i++)
        if (old[i].sql) {
            size_t j = slot_index(old[i].sql, db->nslots);
            while (db->slots[j].sql)
                j = (j + 1) & (db->nslots - 1);
            db->slots[j] = old[i];
        }
    free(old);
}

sqlite3_stmt *db_prepare(struct db *db, const char *sql) {
    if (db->used * 2 >= db->nslots)
        cache_grow(db);
    size_t j = slot_index(sql, db->nslots);
    while (db->slots[j].sql && db->slots[j].sql != sql)
        j = (j + 1) & (db->nslots - 1);
    if (db->slots[j].sql) {
        sqlite3_stmt *st = db->slots[j].st;
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        return st;
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "kawaru: bad SQL: %s\n  in: %s\n", sqlite3_errmsg(db->h), sql);
        abort();
    }
    db->slots[j].sql = sql;
    db->slots[j].st = st;
    db->used++;
    return st;
}

int db_read_begin(struct db *db) {
    if (db->tx_depth > 0)
        return 0;
    uint64_t version = atomic_load(&write_version);
    if (db->read_held) {
        if (db->read_version == version)
            return 0;                           /* nothing was written since: same snapshot */
        db_read_release(db);
    }
    if (!sqlite3_get_autocommit(db->h))
        return 0;
    int rc = db_step_done(db, db_prepare(db, "BEGIN DEFERRED"));
    if (rc == 0) {
        db->read_held = true;
        db->read_version = version;             /* the snapshot is taken later: never older */
    }
    return rc;
}

void db_read_end(struct db *db) {
    if (db->read_held)
        clock_gettime(CLOCK_MONOTONIC_COARSE, &db->read_used);
}

void db_read_release(struct db *db) {
    if (!db->read_held)
        return;
    db->read_held = false;
    if (db->tx_depth == 0 && !sqlite3_get_autocommit(db->h))
        db_step_done(db, db_prepare(db, "COMMIT"));
}

void db_lock(struct db *db) { pthread_mutex_lock(&db->use); }
void db_unlock(struct db *db) { pthread_mutex_unlock(&db->use); }

void db_release_idle_read(struct db *db, int idle_ms) {
    if (pthread_mutex_trylock(&db->use) != 0)
        return;                                 /* in use by a request right now */
    if (db->read_held) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
        long long ms = (now.tv_sec - db->read_used.tv_sec) * 1000LL + (now.tv_nsec - db->read_used.tv_nsec) / 1000000;
        if (ms >= idle_ms)
            db_read_release(db);
    }
    pthread_mutex_unlock(&db->use);
}

int db_begin_at(struct db *db, const char *where) {
    if (db->tx_depth == 0)
        db_read_release(db);                    /* write from the newest data, not a kept snapshot */
    if (db->tx_depth++ > 0)
        return 0;                               /* nested: joins the outer transaction */
    db->tx_where = where;
    db->tx_content = db->tx_public = false;
    int rc = exec(db, "BEGIN IMMEDIATE", NULL, 0);
    if (rc < 0) {
        if (rc == KW_EBUSY)
            fprintf(stderr, "kawaru: the database stayed locked by another writer for %d ms (at %s)\n",
                    db->busy_ms, where);
        else
            fprintf(stderr, "kawaru: BEGIN failed at %s: %s\n", where, sqlite3_errmsg(db->h));
        db->tx_depth = 0;
        return rc;
    }
    return 0;
}

/* Ends the outermost transaction: a content change first adds one to the database's content
 * counter (in the transaction, so another process's watcher sees the number move exactly when
 * the change is visible), then COMMIT and the process's counters. */
static int commit_outer(struct db *db) {
    int64_t counter = 0, pub = 0;
    int rc = 0;
    if (db->tx_content) {
        sqlite3_stmt *st = db_prepare(db, "UPDATE content_version SET version = version + 1, public = public + ?1 "
                                          "WHERE id = 1 RETURNING version, public");
        sqlite3_bind_int(st, 1, db->tx_public);
        int step = sqlite3_step(st);
        if (step == SQLITE_ROW)
            counter = sqlite3_column_int64(st, 0), pub = sqlite3_column_int64(st, 1);
        sqlite3_reset(st);
        if (step != SQLITE_ROW) {
            fprintf(stderr, "kawaru: cannot count a content change (begun at %s): %s\n", db->tx_where,
                    sqlite3_errmsg(db->h));
            rc = step == SQLITE_DONE ? KW_EDB : fail_code(step);
        }
    }
    if (rc == 0 && (rc = exec(db, "COMMIT", NULL, 0)) < 0)
        fprintf(stderr, "kawaru: COMMIT failed (begun at %s): %s\n", db->tx_where, sqlite3_errmsg(db->h));
    if (rc < 0) {
        exec(db, "ROLLBACK", NULL, 0);
        return rc;
    }
    if (db->tx_content) {
        atomic_store(&public_seen, pub);
        atomic_store(&content_seen, counter);
        if (db->tx_public)
            db_bump_data_version();
        else
            bump_draft_version();
    } else {
        db_note_write();
    }
    return 0;
}

int db_commit(struct db *db) {
    if (db->tx_depth <= 0)
        return KW_EDB;
    db->tx_content = db->tx_public = true;
    if (--db->tx_depth > 0)
        return 0;
    return commit_outer(db);
}

int db_commit_draft(struct db *db) {
    if (db->tx_depth <= 0)
        return KW_EDB;
    db->tx_content = true;
    if (--db->tx_depth > 0)
        return 0;
    return commit_outer(db);
}

/* Bookkeeping is written to be read by the store itself (the next sign-in's limits, a
 * session's idle expiry) and by signed-in pages, which are never cached: no anonymous response
 * and no resolved session changes with it. Bumping the data version for it would empty the
 * response cache and every thread's session memo once a minute per signed-in user (each
 * session's last-seen time) and at every sign-in attempt; so it commits quietly, and leaves the
 * content counter alone for the other processes' watchers too. Kept read transactions still
 * end (db_note_write), so the next read on any thread sees it. Joined by a content change
 * (db_commit at any depth), the transaction counts as content. */
int db_commit_bookkeeping(struct db *db) {
    if (db->tx_depth <= 0)
        return KW_EDB;
    if (--db->tx_depth > 0)
        return 0;
    return commit_outer(db);
}

int db_content_check(struct db *db) {
    sqlite3_stmt *st = db_prepare(db, "SELECT version, public FROM content_version WHERE id = 1");
    int step = sqlite3_step(st);
    int64_t v = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    int64_t p = step == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
    sqlite3_reset(st);
    if (step != SQLITE_ROW) {
        db_bump_data_version();                 /* cannot tell: the safe side */
        return step == SQLITE_DONE ? KW_EDB : fail_code(step);
    }
    bool public_moved = atomic_exchange(&public_seen, p) != p;
    if (atomic_exchange(&content_seen, v) != v || public_moved) {
        if (public_moved)
            db_bump_data_version();
        else
            bump_draft_version();               /* a draft's change alone: the public's cache stays */
    }
    return 0;
}

void db_rollback(struct db *db) {
    if (db->tx_depth <= 0)
        return;
    db->tx_depth = 0;
    db->tx_content = db->tx_public = false;
    exec(db, "ROLLBACK", NULL, 0);
}

int db_step_done(struct db *db, sqlite3_stmt *st) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return 0;
    /* a value the schema's CHECK or NOT NULL refuses is invalid input (422); a duplicate or a
     * row still referred to is a conflict with what is stored (409) */
    if (rc == SQLITE_CONSTRAINT_CHECK || rc == SQLITE_CONSTRAINT_NOTNULL)
        return KW_EINVAL;
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
        return KW_ECONFLICT;
    fprintf(stderr, "kawaru: SQL error: %s\n", sqlite3_errmsg(db->h));
    return fail_code(rc);
}

void db_bind_text(sqlite3_stmt *st, int i, const char *s) {
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

void db_bind_int_or_null(sqlite3_stmt *st, int i, int64_t v, bool present) {
    if (present)
        sqlite3_bind_int64(st, i, v);
    else
        sqlite3_bind_null(st, i);
}

char *db_col_text(struct arena *a, sqlite3_stmt *st, int i) {
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? arena_strndup(a, (const char *)s, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}
