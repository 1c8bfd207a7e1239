/* The database layer's shared half (see db.h and db_engine.h): opening either engine, the cache
 * of prepared statements, statements bound and stepped, transactions and read transactions, and
 * the process's data versions. The engines themselves are db_sqlite.c and db_pg.c. */
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/errors.h"
#include "store/db_engine.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/embed.h"
#include "util/xmalloc.h"

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

struct sqlite3 *db_handle(struct db *db) { return db->h; }
const char *db_errmsg(struct db *db) { return db->pg ? pg_errmsg(db) : sqlite3_errmsg(db->h); }
int64_t db_last_id(struct db *db) { return db->pg ? pg_last_id(db) : sqlite3_last_insert_rowid(db->h); }
int db_changes(struct db *db) { return db->pg ? pg_changes(db) : sqlite3_changes(db->h); }
bool db_in_transaction(struct db *db) { return db->tx_depth > 0; }

static int exec(struct db *db, const char *sql, char *errbuf, size_t errsize) {
    return db->pg ? pg_exec(db, sql, errbuf, errsize) : lite_exec(db, sql, errbuf, errsize);
}

int db_exec(struct db *db, const char *sql) {
    char err[256];
    int rc = exec(db, sql, err, sizeof err);
    if (rc < 0)
        fprintf(stderr, "kawaru: SQL error: %s\n", err);
    return rc;
}

/* No connection is in a transaction of its own (neither a write nor a kept read). */
static bool engine_idle(struct db *db) { return db->pg ? pg_idle(db) : sqlite3_get_autocommit(db->h); }

int db_schema_version(struct db *db) {
    if (db->pg)
        return pg_schema_version(db);
    struct db_stmt *st = db_prepare(db, "PRAGMA user_version");
    int v = db_step(st) == DB_ROW ? db_col_int(st, 0) : -1;
    db_reset(st);
    return v;
}

/* The number of the newest embedded migration (the engines' migrations are numbered alike). */
int db_latest_migration(void) {
    int latest = 0;
    for (const struct embedded_file *f = embedded_files; f->name; f++) {
        int n;
        if ((sscanf(f->name, "src/store/sql/%d_", &n) == 1 || sscanf(f->name, "src/store/sql/pg/%d_", &n) == 1) &&
            n > latest)
            latest = n;
    }
    return latest;
}

/* How long a connection waits for another's write to end before a write gives up with
 * KW_EBUSY: $KAWARU_BUSY_MS milliseconds (0..600000), else DB_BUSY_MS; a command run by hand
 * (DB_PATIENT) waits at least DB_PATIENT_MS, so that it outlasts any write of the server. */
int db_busy_timeout_ms(int flags) {
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

bool db_defer_kpi_stats(struct db *db, bool on) {
    if (!db)
        return false;
    bool was = db->stats_deferred;
    db->stats_deferred = on;
    /* PostgreSQL's trigger reads it from a setting of the transaction (the schema's
     * kawaru_kpi_stats_deferred()): sent only when it changes (a round trip) */
    if (db->pg && db->tx_depth > 0 && on != was)
        exec(db, on ? "SET LOCAL kawaru.kpi_stats_deferred = 'on'" : "SET LOCAL kawaru.kpi_stats_deferred = 'off'",
             NULL, 0);
    return was;
}

bool db_is_server(const char *path) { return pg_is_uri(path); }
bool db_is_postgres(struct db *db) { return db->pg != NULL; }
void db_server_dbname(const char *uri, char *buf, size_t size) { pg_dbname(uri, buf, size); }
int db_listen(struct db *db) { return db->pg ? pg_listen(db) : KW_EDB; }
int db_notified(struct db *db) { return db->pg ? pg_notified(db) : 0; }

/* A database's address is a path (SQLite) or a postgresql:// URI. */
static int engine_open(struct db *db, const char *path, int flags, char *errbuf, size_t errsize) {
    return pg_is_uri(path) ? pg_open(db, path, flags, errbuf, errsize) : lite_open(db, path, flags, errbuf, errsize);
}

int db_open(const char *path, int flags, struct db **ret_db, char *errbuf, size_t errsize) {
    struct db *db = xcalloc(1, sizeof *db);
    pthread_mutex_init(&db->use, NULL);
    db->busy_ms = db_busy_timeout_ms(flags);
    if (engine_open(db, path, flags, errbuf, errsize) < 0) {
        db_close(db);
        return KW_EDB;
    }
    if ((flags & DB_READONLY) && db_schema_version(db) < db_latest_migration()) {
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
    *ret_db = db;
    return 0;
}

void db_close(struct db *db) {
    if (!db)
        return;
    if (db->h || db->pg)
        db_read_release(db);
    for (size_t i = 0; i < db->nslots; i++) {
        struct db_stmt *st = db->slots[i].st;
        if (st) {
            if (st->lite)
                sqlite3_finalize(st->lite);
            if (st->pg)
                pg_finalize(st->pg);
            free(st);
        }
    }
    free(db->slots);
    if (db->pg)
        pg_close(db);
    if (db->h)
        lite_close(db);
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

/* $KAWARU_SQL_LOG names a file to which each statement's text is appended the first time a
 * connection prepares it: the statements a run used, to check them against the other engine. */
static void sql_log(const char *sql) {
    static FILE *log;
    static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
    static bool tried;
    pthread_mutex_lock(&mu);
    if (!tried) {
        tried = true;
        const char *path = getenv("KAWARU_SQL_LOG");
        if (path && *path)
            log = fopen(path, "a");
    }
    if (log) {
        fprintf(log, "%s\n\f\n", sql);
        fflush(log);
    }
    pthread_mutex_unlock(&mu);
}

struct db_stmt *db_prepare(struct db *db, const char *sql) {
    if (db->used * 2 >= db->nslots)
        cache_grow(db);
    size_t j = slot_index(sql, db->nslots);
    while (db->slots[j].sql && db->slots[j].sql != sql)
        j = (j + 1) & (db->nslots - 1);
    if (db->slots[j].sql) {
        struct db_stmt *st = db->slots[j].st;
        db_reset(st);
        if (st->lite)
            sqlite3_clear_bindings(st->lite);
        else
            pg_clear_bindings(st->pg);
        return st;
    }
    sql_log(sql);
    struct db_stmt *st = xcalloc(1, sizeof *st);
    st->db = db;
    if ((db->pg ? pg_prepare(db, sql, st) : lite_prepare(db, sql, st)) < 0) {
        fprintf(stderr, "kawaru: bad SQL: %s\n  in: %s\n", db_errmsg(db), sql);
        abort();
    }
    db->slots[j].sql = sql;
    db->slots[j].st = st;
    db->used++;
    return st;
}

int db_read_begin(struct db *db) {
    /* PostgreSQL: each statement reads committed data on its own; a transaction kept open
     * between requests would only hold its locks (and another server's writes are not seen
     * by write_version) */
    if (db->tx_depth > 0 || db->pg)
        return 0;
    uint64_t version = atomic_load(&write_version);
    if (db->read_held) {
        if (db->read_version == version)
            return 0;                           /* nothing was written since: same snapshot */
        db_read_release(db);
    }
    if (!engine_idle(db))
        return 0;
    int rc = db_step_done(db, db_prepare(db, "BEGIN"));
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
    if (db->tx_depth == 0 && !engine_idle(db))
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
    db->stats_deferred = false;                 /* as PostgreSQL's SET LOCAL of the one before */
    /* SQLite: the write lock at once; PostgreSQL: the same, one writer at a time, as a lock of
     * the transaction (released by COMMIT or ROLLBACK), so that what a write read stays true */
    int rc = exec(db, db->pg ? PG_BEGIN_WRITE : "BEGIN IMMEDIATE", NULL, 0);
    if (rc < 0) {
        if (rc == KW_EBUSY)
            fprintf(stderr, "kawaru: the database stayed locked by another writer for %d ms (at %s)\n",
                    db->busy_ms, where);
        else
            fprintf(stderr, "kawaru: BEGIN failed at %s: %s\n", where, db_errmsg(db));
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
        struct db_stmt *st = db_prepare(db, "UPDATE content_version SET version = version + 1, public = public + ?1 "
                                          "WHERE id = 1 RETURNING version, public");
        db_bind_int64(st, 1, db->tx_public);
        int step = db_step(st);
        if (step == DB_ROW)
            counter = db_col_int64(st, 0), pub = db_col_int64(st, 1);
        db_reset(st);
        if (step != DB_ROW) {
            fprintf(stderr, "kawaru: cannot count a content change (begun at %s): %s\n", db->tx_where,
                    db_errmsg(db));
            rc = step == DB_DONE ? KW_EDB : step;
        }
    }
    /* PostgreSQL: the other servers' watchers hear of it when it commits (db_listen) */
    if (rc == 0 && db->tx_content && db->pg)
        rc = exec(db, "NOTIFY kawaru_content", NULL, 0);
    if (rc == 0 && (rc = exec(db, "COMMIT", NULL, 0)) < 0)
        fprintf(stderr, "kawaru: COMMIT failed (begun at %s): %s\n", db->tx_where, db_errmsg(db));
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
    struct db_stmt *st = db_prepare(db, "SELECT version, public FROM content_version WHERE id = 1");
    int step = db_step(st);
    int64_t v = step == DB_ROW ? db_col_int64(st, 0) : 0;
    int64_t p = step == DB_ROW ? db_col_int64(st, 1) : 0;
    db_reset(st);
    if (step != SQLITE_ROW) {
        db_bump_data_version();                 /* cannot tell: the safe side */
        return step == DB_DONE ? KW_EDB : step;
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

int db_step_done(struct db *db, struct db_stmt *st) {
    int rc = db_step(st);
    db_reset(st);
    if (rc == DB_DONE || rc == DB_ROW)
        return 0;
    if (rc != KW_EINVAL && rc != KW_ECONFLICT)
        fprintf(stderr, "kawaru: SQL error: %s\n", db_errmsg(db));
    return rc;
}

static struct {
    const char *head, *tail;
    char *sql[DB_ROWS_MAX + 1];
} rows_sql[DB_ROWS_HEADS];
static pthread_mutex_t rows_lock = PTHREAD_MUTEX_INITIALIZER;

const char *db_rows_sql(const char *head, const char *tail, int ncols, size_t n) {
    assert(n >= 1 && n <= DB_ROWS_MAX && ncols >= 1);
    pthread_mutex_lock(&rows_lock);
    size_t i = 0;
    while (i < DB_ROWS_HEADS && rows_sql[i].head && rows_sql[i].head != head)
        i++;
    assert(i < DB_ROWS_HEADS);                  /* a few inserts use it: raise DB_ROWS_HEADS */
    assert(!rows_sql[i].head || rows_sql[i].tail == tail);     /* a head has one tail */
    rows_sql[i].head = head;
    rows_sql[i].tail = tail;
    if (!rows_sql[i].sql[n]) {
        struct buf b = BUF_INIT;
        buf_printf(&b, "%s VALUES ", head);
        for (size_t r = 0; r < n; r++)
            for (int k = 0; k < ncols; k++)
                buf_printf(&b, "%s?%zu%s", k ? ", " : r ? ", (" : "(", r * (size_t)ncols + (size_t)k + 1,
                           k == ncols - 1 ? ")" : "");
        if (tail)
            buf_printf(&b, " %s", tail);
        rows_sql[i].sql[n] = buf_steal(&b);
    }
    const char *sql = rows_sql[i].sql[n];
    pthread_mutex_unlock(&rows_lock);
    return sql;
}

struct db_stmt *db_rows_prepare(struct db *db, const char *head, const char *tail, int ncols, size_t left,
                                size_t *ret_n) {
    *ret_n = left < DB_ROWS_MAX ? left : DB_ROWS_MAX;
    return db_prepare(db, db_rows_sql(head, tail, ncols, *ret_n));
}

int db_step_id(struct db *db, struct db_stmt *st, int64_t *ret_id) {
    int rc = db_step(st);
    *ret_id = rc == DB_ROW ? db_col_int64(st, 0) : 0;
    db_reset(st);
    if (rc == DB_ROW)
        return 0;
    if (rc == DB_DONE)
        return KW_EDB;                          /* RETURNING gave no row: not an INSERT that inserted */
    if (rc != KW_EINVAL && rc != KW_ECONFLICT)
        fprintf(stderr, "kawaru: SQL error: %s\n", db_errmsg(db));
    return rc;
}

/* ---- statements: each call goes to the statement's engine */

int db_step(struct db_stmt *st) { return st->lite ? lite_step(st) : pg_step(st); }

void db_reset(struct db_stmt *st) {
    if (st->lite)
        sqlite3_reset(st->lite);
    else
        pg_reset(st->pg);
}

void db_bind_int64(struct db_stmt *st, int i, int64_t v) {
    if (st->lite) {
        sqlite3_bind_int64(st->lite, i, v);
    } else {
        char buf[24];
        int n = snprintf(buf, sizeof buf, "%lld", (long long)v);
        pg_bind(st->pg, i, buf, (size_t)n, PG_INT8);
    }
}

/* PostgreSQL gets the shortest text that reads back as the same double ("%.17g"). */
void db_bind_double(struct db_stmt *st, int i, double v) {
    if (st->lite) {
        sqlite3_bind_double(st->lite, i, v);
    } else {
        char buf[32];
        int n = snprintf(buf, sizeof buf, "%.17g", v);
        pg_bind(st->pg, i, buf, (size_t)n, PG_FLOAT8);
    }
}

void db_bind_null(struct db_stmt *st, int i) {
    if (st->lite)
        sqlite3_bind_null(st->lite, i);
    else
        pg_bind(st->pg, i, NULL, 0, 0);
}

void db_bind_textn(struct db_stmt *st, int i, const char *s, size_t n) {
    if (!s)
        db_bind_null(st, i);
    else if (st->lite)
        sqlite3_bind_text(st->lite, i, s, (int)n, SQLITE_TRANSIENT);
    else
        pg_bind(st->pg, i, s, n, PG_TEXT);
}

void db_bind_text(struct db_stmt *st, int i, const char *s) { db_bind_textn(st, i, s, s ? strlen(s) : 0); }

void db_bind_blob(struct db_stmt *st, int i, const void *p, size_t n) {
    if (st->lite)
        sqlite3_bind_blob(st->lite, i, p, (int)n, SQLITE_TRANSIENT);
    else
        pg_bind(st->pg, i, p, n, PG_BYTEA);
}

void db_bind_int_or_null(struct db_stmt *st, int i, int64_t v, bool present) {
    if (present)
        db_bind_int64(st, i, v);
    else
        db_bind_null(st, i);
}

const char *db_col_str(struct db_stmt *st, int i) {
    return st->lite ? (const char *)sqlite3_column_text(st->lite, i) : pg_col(st->pg, i);
}

int64_t db_col_int64(struct db_stmt *st, int i) {
    if (st->lite)
        return sqlite3_column_int64(st->lite, i);
    const char *s = pg_col(st->pg, i);
    return s ? strtoll(s, NULL, 10) : 0;
}

int db_col_int(struct db_stmt *st, int i) { return (int)db_col_int64(st, i); }

double db_col_double(struct db_stmt *st, int i) {
    if (st->lite)
        return sqlite3_column_double(st->lite, i);
    const char *s = pg_col(st->pg, i);
    return s ? strtod(s, NULL) : 0;
}

bool db_col_null(struct db_stmt *st, int i) {
    return st->lite ? sqlite3_column_type(st->lite, i) == SQLITE_NULL : pg_col_null(st->pg, i);
}

size_t db_col_bytes(struct db_stmt *st, int i) {
    return st->lite ? (size_t)sqlite3_column_bytes(st->lite, i) : pg_col_bytes(st->pg, i);
}

const void *db_col_blob(struct db_stmt *st, int i) {
    size_t n;
    return st->lite ? sqlite3_column_blob(st->lite, i) : pg_col_blob(st->pg, i, &n);
}

int db_col_count(struct db_stmt *st) { return st->lite ? sqlite3_column_count(st->lite) : pg_col_count(st->pg); }

char *db_col_text(struct arena *a, struct db_stmt *st, int i) {
    const char *s = db_col_str(st, i);
    return s ? arena_strndup(a, s, db_col_bytes(st, i)) : NULL;
}
