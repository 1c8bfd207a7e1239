/* The only door to the database engines (SQLite, embedded; PostgreSQL, for shared installations):
 * opening (settings, migrations), a cache of prepared statements per connection, statements,
 * transactions, and small typed helpers. Nothing outside src/store/db*.c names an engine.
 *
 * One struct db per thread: the server opens one per worker thread (SPEC §5). Statements are
 * cached by the address of their SQL text, so call sites pass string literals. SQL is written
 * once for both engines: parameters ?1, ?2 … (numbered, without gaps). */
#ifndef KAWARU_STORE_DB_H
#define KAWARU_STORE_DB_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "util/buf.h"

struct db;
struct db_stmt;
struct sqlite3;

/* DB_PATIENT: a command run by hand, which waits DB_PATIENT_MS for the server's writes instead of
 * the server's DB_BUSY_MS (or $KAWARU_BUSY_MS). */
enum db_open_flags { DB_CREATE = 1, DB_READONLY = 2, DB_PATIENT = 4 };
enum { DB_BUSY_MS = 5000, DB_PATIENT_MS = 30000 };

/* Opens path (creating it with DB_CREATE), applies pragmas and pending migrations.
 * Returns 0 or KW_EDB with a message in errbuf. */
int db_open(const char *path, int flags, struct db **ret_db, char *errbuf, size_t errsize);
void db_close(struct db *db);
/* Whether path names a database server's database (postgresql://…) rather than a file. */
bool db_is_server(const char *path);
/* The name of the database a server's URI names, fit for a file's name (a whole restore's kept
 * backup, <name>.before-restore-TIME.db). */
void db_server_dbname(const char *uri, char *buf, size_t size);
/* Whether db is PostgreSQL: for the few statements written for each engine (each says why). */
bool db_is_postgres(struct db *db);
/* While on, rows inserted into kpi_measurement leave their KPI's aggregates (kpi.m_*) alone: the
 * writer of a new KPI's rows sets them once, from all of them (kpi_insert, store_write.c). Returns
 * what it was, for the caller to put back; within a transaction, which ends it. */
bool db_defer_kpi_stats(struct db *db, bool on);               /* NULL is fine */
/* SQLite's own connection, for the SQLite-only tests and tools; NULL on PostgreSQL. */
struct sqlite3 *db_handle(struct db *db);
int db_schema_version(struct db *db);

/* A cached prepared statement for sql (a string literal), reset and with bindings cleared.
 * Aborts on a malformed statement: SQL text is part of the program. */
struct db_stmt *db_prepare(struct db *db, const char *sql);

/* Statements: bind parameters (1-based), then step: DB_ROW while there is a row, then DB_DONE;
 * or a negative KW_* error: KW_EINVAL (a CHECK or NOT NULL refused a value), KW_ECONFLICT
 * (another constraint), KW_EBUSY (another connection held the lock too long), KW_EDB.
 * db_reset ends a statement early (and is harmless after DB_DONE). Columns are 0-based; text is
 * valid until the next step or reset. */
enum { DB_ROW = 100, DB_DONE = 101 };
int db_step(struct db_stmt *st);
void db_reset(struct db_stmt *st);
void db_bind_int64(struct db_stmt *st, int i, int64_t v);
void db_bind_double(struct db_stmt *st, int i, double v);
void db_bind_null(struct db_stmt *st, int i);
/* Binds text, or NULL when s is NULL; db_bind_textn its first n bytes. */
void db_bind_text(struct db_stmt *st, int i, const char *s);
void db_bind_textn(struct db_stmt *st, int i, const char *s, size_t n);
void db_bind_blob(struct db_stmt *st, int i, const void *p, size_t n);
void db_bind_int_or_null(struct db_stmt *st, int i, int64_t v, bool present);
int64_t db_col_int64(struct db_stmt *st, int i);
int db_col_int(struct db_stmt *st, int i);
double db_col_double(struct db_stmt *st, int i);
bool db_col_null(struct db_stmt *st, int i);
const char *db_col_str(struct db_stmt *st, int i);          /* NULL for NULL */
size_t db_col_bytes(struct db_stmt *st, int i);
const void *db_col_blob(struct db_stmt *st, int i);
int db_col_count(struct db_stmt *st);
/* Column text copied into arena (NULL stays NULL). */
struct arena;
char *db_col_text(struct arena *a, struct db_stmt *st, int i);
/* Runs sql (one or more statements, no parameters) outside the statement cache: 0 or KW_*. */
int db_exec(struct db *db, const char *sql);
/* Rows changed by the last INSERT, UPDATE or DELETE of this connection. */
int db_changes(struct db *db);

/* Transactions: db_begin opens an IMMEDIATE transaction (the caller is a writer); end with
 * db_commit or db_rollback. where is __FILE__:__LINE__ for the log on failure. KW_EBUSY when
 * another connection held the write lock for longer than this one waits (the busy timeout). */
#define db_begin(db) db_begin_at((db), __FILE__ ":" DB_STR(__LINE__))
#define DB_STR(x) DB_STR2(x)
#define DB_STR2(x) #x
int db_begin_at(struct db *db, const char *where);
/* Commits a content change: adds one to the database's content counter (table content_version)
 * in the transaction, then bumps the data version. */
int db_commit(struct db *db);
/* Commits bookkeeping — a session's last-seen time, a session made at sign-in, the counters of
 * sign-in attempts and the addresses a user signed in from — which no anonymous response and no
 * resolved session shows: the data version and the content counter stay, so thousands of
 * signed-in users do not empty the caches (db.c says more). Only the kept read transactions
 * end. A transaction that a db_commit joined is content all the same. */
int db_commit_bookkeeping(struct db *db);
/* Commits a change of a working draft that no anonymous response reads — a KPI's measurements,
 * which the public reads only as a version published them: the data version moves, the public
 * version (db_public_version, the response cache's) does not. Joined by a db_commit at any
 * depth, the transaction counts as public. */
int db_commit_draft(struct db *db);
void db_rollback(struct db *db);
bool db_in_transaction(struct db *db);

/* The read transaction of a request: one WAL read lock instead of one per statement, and one
 * consistent snapshot for the whole page. The transaction is kept open after the request and
 * reused by the next one while nothing was committed, because taking and dropping the
 * WAL read lock costs system calls and a mutex shared by all threads (about a fifth of an
 * uncached single-measure request). A commit of any kind (db_note_write) or db_release_idle_read
 * ends it, so an idle connection does not hold back checkpoints. Does nothing inside a write
 * transaction, nor on PostgreSQL (each statement reads what is committed). */
int db_read_begin(struct db *db);
void db_read_end(struct db *db);
void db_read_release(struct db *db);
/* The thread serving a request holds its connection's lock; db_release_idle_read(db, ms),
 * called from another thread, ends a kept read transaction unused for ms milliseconds unless
 * the connection is busy. */
void db_lock(struct db *db);
void db_unlock(struct db *db);
void db_release_idle_read(struct db *db, int idle_ms);

/* Runs a statement to completion; returns 0 or KW_EDB / KW_ECONFLICT (constraint) / KW_EBUSY. */
int db_step_done(struct db *db, struct db_stmt *st);
/* db_step_done for an INSERT … RETURNING id: the new row's id in *ret_id (one round trip on
 * PostgreSQL, where db_last_id is another). */
int db_step_id(struct db *db, struct db_stmt *st, int64_t *ret_id);
int64_t db_last_id(struct db *db);
/* Many rows in one INSERT, a round trip on PostgreSQL instead of one per row: the text
 * "head VALUES (?1, …, ?ncols), (…) tail" of n rows (1 ≤ n ≤ DB_ROWS_MAX), the k-th column of the
 * r-th row (both from 0) being parameter r * ncols + k + 1. head is a literal ("INSERT INTO t (a,
 * b)"), tail one too or NULL ("RETURNING id, b": neither engine promises RETURNING's rows in the
 * order of the VALUES, so return a column that tells them apart); each text is made once and
 * kept, as the statement cache knows a statement by its address. */
enum { DB_ROWS_MAX = 32, DB_ROWS_HEADS = 16 };
const char *db_rows_sql(const char *head, const char *tail, int ncols, size_t n);
/* The statement of the next rows of a multi-row INSERT: as many of left as one takes, *ret_n. */
struct db_stmt *db_rows_prepare(struct db *db, const char *head, const char *tail, int ncols, size_t left,
                                size_t *ret_n);
/* Rows for one table sent in a single COPY … FROM STDIN on PostgreSQL (db_copy.c): for thousands
 * of rows written together, as an import's measurements of a plan — one statement where INSERTs
 * of DB_ROWS_MAX rows are dozens. into is a literal, the table and its columns ("t (a, b)"); the
 * fields of each row in that order, then db_copy_row_end; db_copy_send sends what was collected
 * (nothing: 0) and empties it. PostgreSQL only: on SQLite a row inserted is as cheap, and
 * db_copy_send refuses (KW_EINVAL). */
struct db_copy { const char *into; struct buf text; size_t rows; int fields; };
void db_copy_init(struct db_copy *c, const char *into);
void db_copy_text(struct db_copy *c, const char *s);            /* NULL: NULL */
void db_copy_int64(struct db_copy *c, int64_t v);
void db_copy_double(struct db_copy *c, double v);
void db_copy_row_end(struct db_copy *c);
int db_copy_send(struct db *db, struct db_copy *c);
void db_copy_free(struct db_copy *c);
const char *db_errmsg(struct db *db);


/* The data version: a process-wide counter bumped by every committed content change, in this
 * process (db_commit) or in another (db_watch); cached responses and the threads' memos of
 * resolved sessions are valid for one data version, so that unchanged data is served without
 * touching SQLite. Bookkeeping (db_commit_bookkeeping) does not bump it. db_bump_data_version
 * also counts as a write (db_note_write). */
uint64_t db_data_version(void);
/* The public version: bumped by content changes the public may read (all but db_commit_draft's);
 * the response cache is valid for one. */
uint64_t db_public_version(void);
void db_bump_data_version(void);
/* Something was committed that is not content: ends the kept read transactions only. */
void db_note_write(void);
/* For the watcher: reads the content counter with db (a connection of its own, outside any
 * transaction) and bumps the data version when it is not the value this process last wrote or
 * read. Bumps it too, and returns KW_EDB or KW_EBUSY, when the counter cannot be read. */
int db_content_check(struct db *db);
/* Watches the database file at path (db_watch.c): when the database or its -wal file changes,
 * the kept read transactions end, and the data version is bumped when the content counter
 * moved, e.g. after `kawaru import` into the database of a running server — not after
 * bookkeeping or a checkpoint. A PostgreSQL database is watched by its notifications
 * (db_listen): another server's or a command's content commit is seen the same way. */
int db_watch_start(const char *path);
/* PostgreSQL: every content commit notifies (NOTIFY kawaru_content); db_listen makes db (a
 * connection of its own) listen and returns the descriptor to poll, or KW_EDB (SQLite too);
 * db_notified drains what arrived: how many notifications, or KW_EIO when the connection is lost. */
int db_listen(struct db *db);
int db_notified(struct db *db);
/* True while a PostgreSQL server's watcher does not listen (its connection lost, or not yet
 * made): other servers' writes are not heard, so no cached response or session memo may be used. */
bool db_watch_deaf(void);
void db_watch_stop(void);

/* ---- Backups (db_backup.c): the engine's own copy and restore behind a few calls, so that
 * another engine (PostgreSQL) can bring its own. */
struct db_backup_info {
    long long bytes;            /* the file's size */
    int schema;                 /* its migrations (the newest applied) */
    long long orgs, measures;
    long long last_audit_id;    /* the newest audit row: how recent the data is (0: none) */
    char last_audit_at[40];     /* its time as stored, "" when none */
    double seconds;             /* how long the copy took (db_backup) */
};
enum db_backup_flags { DB_BACKUP_FORCE = 1, DB_BACKUP_NO_CHECK = 2 /* quick_check instead */ };
/* The newest migration this program knows. */
int db_latest_migration(void);
/* A consistent copy of the database at src_path (which may be served and written meanwhile) into
 * dest_path: written to dest_path.tmp in steps from one snapshot, checked (integrity_check,
 * or quick_check with DB_BACKUP_NO_CHECK) and renamed. An existing dest_path is refused
 * (KW_ECONFLICT) unless DB_BACKUP_FORCE; a source that is not a kawaru database is KW_EINVAL.
 * Returns 0 with ret describing the snapshot copied, or KW_* with a message in err. */
int db_backup(const char *src_path, const char *dest_path, int flags, struct db_backup_info *ret, char *err,
              size_t errsize);
/* Checks that path is a kawaru database this program can read — its tables, its migrations no
 * newer than db_latest_migration(), quick_check (full integrity_check when full) — without
 * changing it; ret describes it. KW_EINVAL (not one, or too new, or damaged) or KW_EIO. */
int db_backup_check(const char *path, bool full, struct db_backup_info *ret, char *err, size_t errsize);
/* Replaces the database at db_path by the backup at backup_path (checked first), after keeping
 * the current one as kept_path; then brings it up to this program's migrations. KW_EBUSY when
 * a server holds db_path (db_serving_claim). */
int db_restore(const char *backup_path, const char *db_path, const char *kept_path, struct db_backup_info *ret,
               char *err, size_t errsize);
/* The server's claim on db_path for as long as it runs (a shared flock on the file, held by a
 * descriptor never closed): a restore sees it and refuses. Returns the descriptor, or KW_EBUSY
 * while a restore replaces the database, KW_EIO. */
int db_serving_claim(const char *db_path, char *err, size_t errsize);
/* Scheduled backups are named kawaru-YYYYMMDDTHHMMSSZ.db (UTC): the name of time t into buf. */
void db_backup_name(time_t t, char *buf, size_t size);
bool db_backup_is_ours(const char *name);
/* The time in the name of the newest scheduled backup in dir, or 0 when there is none. */
time_t db_backup_newest(const char *dir);
/* The retention rule: of names, those of our naming beyond the newest keep (which sort last);
 * their indexes into ret_idx (room for n), their number returned. Other names are never chosen. */
size_t db_backup_expired(const char *const *names, size_t n, size_t keep, size_t *ret_idx);
/* Deletes in dir the scheduled backups beyond the newest keep, and leftover .tmp files of our
 * naming (a copy cut short); each deleted name is passed to log. The number deleted, or KW_EIO. */
int db_backup_prune(const char *dir, size_t keep, void (*log)(const char *name, void *arg), void *arg);

/* ---- Moving to PostgreSQL (db_migrate.c; kawaru migrate, docs/postgresql.md): a SQLite database
 * copied whole into an empty PostgreSQL one in one transaction of the target. */
struct db_migration;
struct db_migrate_table {
    const char *name;
    long long rows, target_rows;        /* counted in the file, in PostgreSQL */
    long long differ_at;                /* the first row (in key order, 1-based) whose values differ, or 0 */
    char mine[240], theirs[240];        /* that row as COPY's text from each side (cut short) */
};
/* Opens the SQLite file from (read-only; one made by an older kawaru is brought up to this
 * program's migrations first, as every command's open does) in one read transaction, so that the
 * copy is one moment of it while a server goes on writing; opens the PostgreSQL database to with
 * db_open (which makes its schema), begins its transaction (the writers' lock, held to the end)
 * and checks it: the same schema version, every table and column of the file in it, and no data
 * besides the rows its schema seeds — or, with DB_MIGRATE_REPLACE (a whole restore), holding
 * anything: db_migrate_copy then empties every table first (TRUNCATE … RESTART IDENTITY, in the
 * transaction) and db_migrate_end's commit moves the content counters past the replaced
 * database's, so that every server empties its caches. KW_EINVAL (not a kawaru SQLite file, too new, schemas
 * differ), KW_ECONFLICT (the target holds data), KW_EDB, with a message in err; nothing changed. */
enum db_migrate_flags { DB_MIGRATE_REPLACE = 1 };
int db_migrate_begin(const char *from, const char *to, int flags, struct db_migration **ret, char *err,
                     size_t errsize);
/* Copies every table, parents first (the KPI aggregates as they are, the seeded rows replaced,
 * the identity sequences set past the highest ids); progress (may be NULL) is told of each table
 * copied. On failure err names the table and the row; db_migrate_end(m, false) then leaves the
 * target as it was. */
int db_migrate_copy(struct db_migration *m, void (*progress)(const char *table, long long rows, double s, void *arg),
                    void *arg, char *err, size_t errsize);
/* Every table checked on both sides, inside the target's transaction: its rows counted, and
 * every row's values compared (in the order of its primary key, as COPY's text: the file's as
 * the copy writes them, PostgreSQL's as it writes them back). The array is owned by m. */
int db_migrate_verify(struct db_migration *m, const struct db_migrate_table **ret, size_t *ret_n, char *err,
                      size_t errsize);
/* The two connections, for reading both sides (the target's inside its transaction; a write
 * joins it). */
struct db *db_migrate_source(struct db_migration *m);
struct db *db_migrate_target(struct db_migration *m);
/* Commits the target's transaction (a content change) or rolls it back, and closes both; m is
 * freed. NULL is fine. The commit's result. */
int db_migrate_end(struct db_migration *m, bool commit);

#endif
