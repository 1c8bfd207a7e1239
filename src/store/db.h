/* The only door to SQLite: opening (pragmas, migrations, the search tokenizer), a cache of
 * prepared statements per connection, transactions, and small typed helpers.
 *
 * One struct db per thread: the server opens one per worker thread (SPEC §5). Statements are
 * cached by the address of their SQL text, so call sites pass string literals. */
#ifndef KAWARU_STORE_DB_H
#define KAWARU_STORE_DB_H
#include <stdbool.h>
#include <stdint.h>
#include <sqlite3.h>

struct db;

/* DB_PATIENT: a command run by hand, which waits DB_PATIENT_MS for the server's writes instead of
 * the server's DB_BUSY_MS (or $KAWARU_BUSY_MS). */
enum db_open_flags { DB_CREATE = 1, DB_READONLY = 2, DB_PATIENT = 4 };
enum { DB_BUSY_MS = 5000, DB_PATIENT_MS = 30000 };

/* Opens path (creating it with DB_CREATE), applies pragmas and pending migrations.
 * Returns 0 or KW_EDB with a message in errbuf. */
int db_open(const char *path, int flags, struct db **ret_db, char *errbuf, size_t errsize);
void db_close(struct db *db);
/* While on, rows inserted into kpi_measurement leave their KPI's aggregates (kpi.m_*) alone: the
 * writer of a new KPI's rows sets them once, from all of them (kpi_insert, store_write.c). */
void db_defer_kpi_stats(struct db *db, bool on);               /* NULL is fine */
sqlite3 *db_handle(struct db *db);
int db_schema_version(struct db *db);

/* A cached prepared statement for sql (a string literal), reset and with bindings cleared.
 * Aborts on a malformed statement: SQL text is part of the program. */
sqlite3_stmt *db_prepare(struct db *db, const char *sql);

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
 * transaction. */
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
int db_step_done(struct db *db, sqlite3_stmt *st);
int64_t db_last_id(struct db *db);
const char *db_errmsg(struct db *db);

/* Binds text, or NULL when s is NULL. */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
void db_bind_int_or_null(sqlite3_stmt *st, int i, int64_t v, bool present);
/* Column text copied into arena (NULL stays NULL). */
struct arena;
char *db_col_text(struct arena *a, sqlite3_stmt *st, int i);

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
 * bookkeeping or a checkpoint. */
int db_watch_start(const char *path);
void db_watch_stop(void);

#endif
