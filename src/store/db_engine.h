/* Inside the database layer (db.c and the engines db_sqlite.c, db_pg.c; nothing else includes
 * this): the connection and statement structs, and what db.c asks of the engine a connection
 * was opened with. db.c keeps what both engines share: the statement cache, transactions and
 * the process's data versions. */
#ifndef KAWARU_STORE_DB_ENGINE_H
#define KAWARU_STORE_DB_ENGINE_H
#include <pthread.h>
#include <sqlite3.h>
#include "store/db.h"

struct pg_conn;
struct pg_stmt;

/* PostgreSQL: how a write transaction begins — with the writers' lock (one advisory lock of the
 * transaction, the same for every server of one database), so that writes are one at a time as
 * in SQLite and what a write read stays true until it commits. Migrations take it too. */
#define PG_BEGIN_WRITE "BEGIN; SELECT pg_advisory_xact_lock(1801)"

/* A prepared statement of either engine: exactly one of lite and pg is set. */
struct db_stmt {
    struct db *db;
    sqlite3_stmt *lite;
    struct pg_stmt *pg;
};

struct stmt_slot { const char *sql; struct db_stmt *st; };

struct db {
    sqlite3 *h;                 /* SQLite's connection, or NULL */
    struct pg_conn *pg;         /* PostgreSQL's, or NULL */
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

/* How long a connection waits for another's write (db.c: $KAWARU_BUSY_MS or the defaults). */
int db_busy_timeout_ms(int flags);
/* A new connection struct (engine fields unset) and its release after the engine's close. */
struct db *db_alloc(void);
void db_free(struct db *db);
/* The statement cache's finalisation of every statement (before the engine closes). */
void db_cache_clear(struct db *db);

/* ---- SQLite (db_sqlite.c) */
int lite_open(struct db *db, const char *path, int flags, char *errbuf, size_t errsize);
void lite_close(struct db *db);
int lite_prepare(struct db *db, const char *sql, struct db_stmt *st);
int lite_step(struct db_stmt *st);
int lite_exec(struct db *db, const char *sql, char *errbuf, size_t errsize);
/* KW_EBUSY for "another connection holds the lock", else KW_EDB. */
int lite_fail_code(int rc);

/* ---- PostgreSQL (db_pg.c) */
bool pg_is_uri(const char *path);
/* The database a URI names (libpq's default, the user's name, when it names none), with any '/'
 * as '_', into buf: for file names (db_server_dbname). */
void pg_dbname(const char *uri, char *buf, size_t size);
/* The program's SQL with ?N as $N (outside quoted text and identifiers), and the highest N;
 * malloc'd. */
char *pg_translate(const char *sql, int *ret_nparams);
int pg_open(struct db *db, const char *uri, int flags, char *errbuf, size_t errsize);
void pg_close(struct db *db);
int pg_prepare(struct db *db, const char *sql, struct db_stmt *st);
void pg_finalize(struct pg_stmt *st);
int pg_step(struct db_stmt *st);
void pg_reset(struct pg_stmt *st);
void pg_clear_bindings(struct pg_stmt *st);
int pg_exec(struct db *db, const char *sql, char *errbuf, size_t errsize);
bool pg_idle(struct db *db);
const char *pg_errmsg(struct db *db);
int64_t pg_last_id(struct db *db);
int pg_changes(struct db *db);
int pg_schema_version(struct db *db);
int pg_listen(struct db *db);
int pg_notified(struct db *db);
/* kawaru migrate's statements (db_migrate.c), made at run time from the schema's quoted names and
 * run outside the statement cache: text parameters; the first column of the first row as a number
 * into ret_value (may be NULL; 0 when there is none). 0 or KW_* with pg_errmsg. */
int pg_exec_params(struct db *db, const char *sql, int nparams, const char *const *params, int64_t *ret_value);
/* COPY … FROM STDIN in text format: begun by its statement, fed data, ended — abort_reason NULL
 * to finish, else the COPY fails with that message. pg_copy_end's error names in ret_line the line
 * of the data PostgreSQL refused (1-based; 0 when it names none). */
int pg_copy_begin(struct db *db, const char *sql);
int pg_copy_put(struct db *db, const char *data, size_t n);
int pg_copy_end(struct db *db, const char *abort_reason, long long *ret_line);
/* Text into a COPY field, escaped as PostgreSQL's COPY TO escapes it: backslash, and backspace,
 * form feed, newline, carriage return, tab and vertical tab by their letters (db_copy.c). */
void copy_escape(struct buf *out, const unsigned char *p, size_t n);
/* COPY … TO STDOUT in text format: begun by its statement; pg_copy_get puts each row's line (with
 * its newline) into out: 1 while there is one, 0 at the end, or KW_EDB. */
struct buf;
int pg_copy_out_begin(struct db *db, const char *sql);
int pg_copy_get(struct db *db, struct buf *out);
/* PostgreSQL's type ids (pg_type.oid) of the values bound. */
enum { PG_BOOL = 16, PG_BYTEA = 17, PG_INT8 = 20, PG_TEXT = 25, PG_FLOAT8 = 701 };
/* Binds a value as text (bytea as bytes), or NULL; type is what it was bound as (PG_*). */
void pg_bind(struct pg_stmt *st, int i, const char *text, size_t n, unsigned type);
bool pg_col_null(struct pg_stmt *st, int i);
const char *pg_col(struct pg_stmt *st, int i);
size_t pg_col_bytes(struct pg_stmt *st, int i);
const void *pg_col_blob(struct pg_stmt *st, int i, size_t *n);
int pg_col_count(struct pg_stmt *st);

/* ---- kawaru migrate (db_migrate.c) */
/* What a PostgreSQL column takes, by its type (pg_type.oid): COPY's text of it. */
enum mig_kind { MIG_TEXT, MIG_INT, MIG_REAL, MIG_BYTEA, MIG_BOOL };
enum mig_kind migrate_kind_of(unsigned pg_type);
/* One value as SQLite holds it: its storage class (SQLITE_NULL, _INTEGER, _FLOAT, _TEXT, _BLOB),
 * the number, and the bytes of text or a blob (of a number too, as SQLite writes it, where text or
 * bytes are wanted). */
struct mig_value { int type; int64_t i; double d; const unsigned char *p; size_t n; };
/* Appends v as a field of COPY's text format for a column of kind: \N for NULL; an integer; a
 * double in 17 digits (the same double read back; NaN, Infinity); a whole double in an integer
 * column as that integer; 0 and 1 as a boolean; text checked as UTF-8 without NUL, with backslash,
 * tab, newline and carriage return escaped; bytes (of a blob or of text) as bytea's \x hex. A
 * value the column cannot take — text in a number's column, a fraction in an integer's, text
 * that is not UTF-8 or holds NUL — is KW_EINVAL with the reason (a static string) in ret_why,
 * and out may hold part of the field. */
struct buf;
int migrate_copy_field(struct buf *out, enum mig_kind kind, const struct mig_value *v, const char **ret_why);
/* The other way (kawaru backup of PostgreSQL): one line of COPY's text format (its newline may end
 * it) split at its tabs into at most nfields fields, each unescaped in place (\b \f \n \r \t \v,
 * \ooo octal, \xhh hex, a backslash before anything else: that character); ret_null[i] for \N.
 * The number of fields, or KW_EINVAL (more than nfields, a backslash ending the line). */
int migrate_copy_split(char *line, size_t n, char **ret_field, size_t *ret_len, bool *ret_null, size_t nfields);
/* A field of a column of kind as the value SQLite keeps: an integer, a double (strtod of float8out's
 * shortest digits: the same double), a boolean as 0 or 1, bytea's \x hex as a blob (decoded in
 * place: ret points into p), text as it is; NULL. KW_EINVAL with the reason when it is not one. */
int migrate_copy_value(enum mig_kind kind, char *p, size_t n, bool null, struct mig_value *ret, const char **ret_why);
/* A new SQLite file at path (empty, or not there) made by db_open and filled with every row of the
 * PostgreSQL database uri, read in one REPEATABLE READ snapshot, then compared with it row by
 * row; journal mode DELETE, closed. ret_rows (may be NULL): the rows copied. 0, or KW_* with err;
 * the caller removes the file on failure. */
int migrate_pg_to_file(const char *uri, const char *path, long long *ret_rows, char *err, size_t errsize);

#endif
