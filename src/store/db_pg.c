/* The PostgreSQL engine behind db.h (see db_engine.h), over libpq: a connection per struct db,
 * statements prepared once per connection (the program's ?N parameters as $N), parameters and
 * results as text (bytea as binary parameters), PostgreSQL's SQLSTATEs as kawaru's errors, and
 * the migrations of src/store/sql/pg/: a new database gets the lowest-numbered file (the schema
 * as SQLite's migrations leave it), then every later one, as SQLite's are applied. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "store/db_engine.h"
#include "util/buf.h"
#include "util/embed.h"
#include "util/xmalloc.h"

struct pg_conn {
    PGconn *c;
    int next_name;              /* statements are named s1, s2 … on this connection */
    int changes;                /* rows of the last INSERT, UPDATE or DELETE */
    char err[512];              /* the last error's message */
    char state[6];              /* and its SQLSTATE ("" when it had none) */
};

struct pg_stmt {
    struct db *db;
    char name[16];
    char *text;                 /* the SQL while it waits for its parameters' types, else NULL */
    int refused;                /* the parameter ($N) the last refusal of text named, 0: none */
    int nparams;
    char **vals;                /* nparams values (NULL: SQL NULL), owned */
    int *lens, *fmts;
    Oid *types;                 /* the type each was bound as (0: NULL) */
    PGresult *res;              /* the result being stepped through, or NULL before the first step */
    int row;
    struct pg_blob *blobs;      /* the bytea columns of this row read so far, decoded, valid */
    int nblobs, blobs_cap;      /* until the next step or reset, as SQLite's blobs are */
};

/* A bytea column of the current row, decoded (PQunescapeBytea). */
struct pg_blob { int col; size_t len; unsigned char *p; };

static void blobs_free(struct pg_stmt *ps) {
    for (int i = 0; i < ps->nblobs; i++)
        PQfreemem(ps->blobs[i].p);
    ps->nblobs = 0;
}

bool pg_is_uri(const char *path) {
    return strncmp(path, "postgresql://", 13) == 0 || strncmp(path, "postgres://", 11) == 0;
}

const char *pg_errmsg(struct db *db) { return db->pg->err; }
int pg_changes(struct db *db) { return db->pg->changes; }
bool pg_idle(struct db *db) { return PQtransactionStatus(db->pg->c) == PQTRANS_IDLE; }

/* libpq's messages end with a line break: taken off, so that they fit in a line of kawaru's. */
static void trim_end(char *s) {
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
        s[--n] = '\0';
}

static void note_error(struct pg_conn *pc, const PGresult *res) {
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    snprintf(pc->state, sizeof pc->state, "%s", state ? state : "");
    const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(pc->c);
    snprintf(pc->err, sizeof pc->err, "%s", msg && *msg ? msg : "PostgreSQL error");
    trim_end(pc->err);
}

/* A failed result as kawaru's error: a CHECK or NOT NULL is invalid input, any other integrity
 * constraint a conflict, a lock not had in time (lock_timeout) or a serialisation failure busy. */
static int fail_code(const PGresult *res) {
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    if (!state)
        return KW_EDB;
    if (strcmp(state, "23514") == 0 || strcmp(state, "23502") == 0)
        return KW_EINVAL;
    if (strncmp(state, "23", 2) == 0)
        return KW_ECONFLICT;
    if (strcmp(state, "55P03") == 0 || strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0)
        return KW_EBUSY;
    return KW_EDB;
}

/* Checks a finished result: 0 (its rows' count noted for db_changes) or the error, noted. */
static int result_check(struct pg_conn *pc, PGresult *res) {
    ExecStatusType s = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) {
        const char *n = PQcmdTuples(res);
        if (n && *n)
            pc->changes = atoi(n);
        return 0;
    }
    note_error(pc, res);
    return fail_code(res);
}

int pg_exec(struct db *db, const char *sql, char *errbuf, size_t errsize) {
    PGresult *res = PQexec(db->pg->c, sql);
    int rc = result_check(db->pg, res);
    PQclear(res);
    if (rc < 0 && errbuf)
        snprintf(errbuf, errsize, "%s", db->pg->err);
    return rc;
}

/* The first row's first column of sql as a number, or fallback (no row, NULL, an error). */
static int64_t query_int(struct db *db, const char *sql, int64_t fallback) {
    PGresult *res = PQexec(db->pg->c, sql);
    int64_t v = fallback;
    if (result_check(db->pg, res) == 0 && PQntuples(res) > 0 && !PQgetisnull(res, 0, 0))
        v = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return v;
}

/* The id the last INSERT of this connection gave its row: the identity columns' sequence. */
int64_t pg_last_id(struct db *db) { return query_int(db, "SELECT lastval()", 0); }

int pg_schema_version(struct db *db) {
    if (query_int(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'schema_migration' "
                      "AND schemaname = current_schema()", 0) == 0)
        return 0;
    return (int)query_int(db, "SELECT max(version) FROM schema_migration", 0);
}

char *pg_translate(const char *sql, int *ret_nparams) {
    struct buf b = {0};
    int max = 0;
    char quote = 0;
    for (const char *p = sql; *p; p++) {
        if (quote) {
            if (*p == quote)
                quote = 0;
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
        } else if (*p == '?' && p[1] >= '0' && p[1] <= '9') {
            int n = (int)strtol(p + 1, NULL, 10);
            if (n > max)
                max = n;
            buf_putc(&b, '$');
            continue;
        }
        buf_putc(&b, *p);
    }
    *ret_nparams = max;
    return buf_steal(&b);
}

/* Prepares ps->text as ps->name with the given parameter types (NULL: PostgreSQL infers them). */
static int prepare_as(struct pg_stmt *ps, const Oid *types) {
    /* a failed prepare inside a transaction would abort it: try it under a savepoint there */
    bool in_tx = PQtransactionStatus(ps->db->pg->c) == PQTRANS_INTRANS;
    if (in_tx)
        pg_exec(ps->db, "SAVEPOINT kawaru_prepare", NULL, 0);
    PGresult *res = PQprepare(ps->db->pg->c, ps->name, ps->text, ps->nparams, types);
    if (in_tx)
        pg_exec(ps->db, PQresultStatus(res) == PGRES_COMMAND_OK ? "RELEASE SAVEPOINT kawaru_prepare"
                                                                : "ROLLBACK TO SAVEPOINT kawaru_prepare", NULL, 0);
    int rc = result_check(ps->db->pg, res);
    const char *state = rc < 0 ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    bool untyped = state && (strcmp(state, "42P08") == 0 ||         /* ambiguous_parameter */
                             strcmp(state, "42P18") == 0 ||         /* indeterminate_datatype */
                             strcmp(state, "42725") == 0);          /* ambiguous_function (operator) */
    if (untyped) {
        /* the parameter the message names ("… parameter $2", in any language of the server's);
         * an ambiguous operator names none */
        const char *named = strcmp(state, "42725") != 0 ? strchr(ps->db->pg->err, '$') : NULL;
        ps->refused = named ? atoi(named + 1) : 0;
    }
    PQclear(res);
    return untyped ? 1 : rc;
}

/* PostgreSQL types a parameter from where the statement uses it. Where it cannot (one only
 * tested `?1 IS NULL`, or two added: `?3 - ?4`), SQLite took any value: the statement is then
 * prepared at its first step, with the types its values were bound as where needed
 * (prepare_typed). */
int pg_prepare(struct db *db, const char *sql, struct db_stmt *st) {
    struct pg_stmt *ps = xcalloc(1, sizeof *ps);
    ps->db = db;
    snprintf(ps->name, sizeof ps->name, "s%d", ++db->pg->next_name);
    ps->text = pg_translate(sql, &ps->nparams);
    int rc = prepare_as(ps, NULL);
    if (rc < 0) {
        free(ps->text);
        free(ps);
        return rc;
    }
    if (rc == 0) {
        free(ps->text);
        ps->text = NULL;
    }
    ps->vals = xcalloc((size_t)ps->nparams + 1, sizeof *ps->vals);
    ps->lens = xcalloc((size_t)ps->nparams + 1, sizeof *ps->lens);
    ps->fmts = xcalloc((size_t)ps->nparams + 1, sizeof *ps->fmts);
    ps->types = xcalloc((size_t)ps->nparams + 1, sizeof *ps->types);
    st->pg = ps;
    return 0;
}

/* The deferred prepare of a statement whose parameters PostgreSQL could not type: the parameter
 * each refusal names gets the type of its value, and the statement is tried again, so that every
 * parameter PostgreSQL can type from the statement keeps its own type (a bigint bound where a
 * boolean is tested, a text where a number is compared); an ambiguous operator (`?3 - ?4`) types
 * every parameter left. A NULL has no type of its own: text, then bigint when text is refused
 * (`?2 IS NULL OR entity_id = ?2`). */
static int prepare_typed(struct pg_stmt *ps) {
    static const Oid null_types[] = {PG_TEXT, PG_INT8, PG_FLOAT8};
    Oid *types = xcalloc((size_t)ps->nparams + 1, sizeof *types);
    int rc = 1, last_null = -1, tried_null = 0;
    /* each round types one parameter more (or every one left), from the last refusal: the
     * first was pg_prepare's */
    for (int round = 0; rc == 1 && round <= ps->nparams; round++) {
        int n = ps->refused;
        if (n < 1 || n > ps->nparams || types[n - 1])
            n = 0;                      /* none named, or one typed already: every one left */
        for (int i = 0; i < ps->nparams; i++)
            if (!types[i] && (n == 0 || i == n - 1)) {
                types[i] = ps->types[i] ? ps->types[i] : PG_TEXT;
                if (!ps->types[i])
                    last_null = i, tried_null = 0;
            }
        rc = prepare_as(ps, types);
        while (rc == KW_EDB && last_null >= 0 && tried_null + 1 < 3 &&
               strcmp(ps->db->pg->state, "42883") == 0) {   /* undefined_function: no such operator */
            types[last_null] = null_types[++tried_null];      /* the NULL typed last: its next type */
            rc = prepare_as(ps, types);
        }
    }
    free(types);
    if (rc != 0) {
        fprintf(stderr, "kawaru: bad SQL: %s\n  in: %s\n", ps->db->pg->err, ps->text);
        return rc < 0 ? rc : KW_EDB;
    }
    free(ps->text);
    ps->text = NULL;
    return 0;
}

void pg_reset(struct pg_stmt *ps) {
    PQclear(ps->res);
    ps->res = NULL;
    blobs_free(ps);
}

void pg_clear_bindings(struct pg_stmt *ps) {
    for (int i = 0; i < ps->nparams; i++) {
        free(ps->vals[i]);
        ps->vals[i] = NULL;
        ps->types[i] = 0;
    }
}

void pg_finalize(struct pg_stmt *ps) {
    pg_reset(ps);
    pg_clear_bindings(ps);
    free(ps->vals);
    free(ps->lens);
    free(ps->fmts);
    free(ps->types);
    free(ps->text);
    free(ps->blobs);
    free(ps);
}

void pg_bind(struct pg_stmt *ps, int i, const char *text, size_t n, unsigned type) {
    if (i < 1 || i > ps->nparams)
        return;                                 /* as SQLite: a parameter the SQL lacks */
    if (ps->res)                                /* a statement bound again after its rows */
        pg_reset(ps);
    free(ps->vals[i - 1]);
    ps->vals[i - 1] = NULL;
    if (text) {
        char *v = xmalloc(n + 1);
        memcpy(v, text, n);
        v[n] = '\0';
        ps->vals[i - 1] = v;
    }
    ps->lens[i - 1] = (int)n;
    ps->fmts[i - 1] = type == PG_BYTEA;
    ps->types[i - 1] = text ? type : 0;
}

int pg_step(struct db_stmt *st) {
    struct pg_stmt *ps = st->pg;
    if (!ps->res) {
        int rc = ps->text ? prepare_typed(ps) : 0;
        if (rc < 0)
            return rc;
        ps->res = PQexecPrepared(ps->db->pg->c, ps->name, ps->nparams, (const char *const *)ps->vals, ps->lens,
                                 ps->fmts, 0);
        rc = result_check(ps->db->pg, ps->res);
        if (rc < 0) {
            pg_reset(ps);
            return rc;
        }
        ps->row = -1;
    }
    blobs_free(ps);
    if (PQresultStatus(ps->res) != PGRES_TUPLES_OK || ++ps->row >= PQntuples(ps->res))
        return DB_DONE;
    return DB_ROW;
}

static bool has_row(const struct pg_stmt *ps, int i) {
    return ps->res && ps->row >= 0 && ps->row < PQntuples(ps->res) && i >= 0 && i < PQnfields(ps->res);
}

bool pg_col_null(struct pg_stmt *ps, int i) { return !has_row(ps, i) || PQgetisnull(ps->res, ps->row, i); }

/* A column's text; booleans (a comparison, EXISTS) read as SQLite gives them: 1 and 0. */
const char *pg_col(struct pg_stmt *ps, int i) {
    if (pg_col_null(ps, i))
        return NULL;
    const char *v = PQgetvalue(ps->res, ps->row, i);
    if (PQftype(ps->res, i) == PG_BOOL)
        return *v == 't' ? "1" : "0";
    return v;
}

size_t pg_col_bytes(struct pg_stmt *ps, int i) {
    if (pg_col_null(ps, i))
        return 0;
    if (PQftype(ps->res, i) == PG_BYTEA) {
        size_t n = 0;
        pg_col_blob(ps, i, &n);
        return n;
    }
    return strlen(pg_col(ps, i));
}

/* A bytea column decoded, kept until the row changes: asked again (db_col_bytes after
 * db_col_blob), or after another bytea column of the row, it gives the same buffer — decoding
 * anew would free the one the caller holds. */
const void *pg_col_blob(struct pg_stmt *ps, int i, size_t *n) {
    *n = 0;
    if (pg_col_null(ps, i))
        return NULL;
    for (int k = 0; k < ps->nblobs; k++)
        if (ps->blobs[k].col == i) {
            *n = ps->blobs[k].len;
            return ps->blobs[k].p;
        }
    if (ps->nblobs == ps->blobs_cap) {
        ps->blobs_cap = ps->blobs_cap ? ps->blobs_cap * 2 : 2;
        ps->blobs = xrealloc(ps->blobs, (size_t)ps->blobs_cap * sizeof *ps->blobs);
    }
    struct pg_blob *b = &ps->blobs[ps->nblobs++];
    b->col = i;
    b->p = PQunescapeBytea((const unsigned char *)PQgetvalue(ps->res, ps->row, i), &b->len);
    *n = b->p ? b->len : 0;
    return b->p;
}

int pg_col_count(struct pg_stmt *ps) {
    return ps->res ? PQnfields(ps->res) : 0;
}

/* The embedded migration numbered n of src/store/sql/pg/, or NULL; with n 0, the lowest. */
static const struct embedded_file *migration(int n, int *ret_n) {
    const struct embedded_file *best = NULL;
    int best_n = 0;
    for (const struct embedded_file *f = embedded_files; f->name; f++) {
        int k;
        if (sscanf(f->name, "src/store/sql/pg/%d_", &k) != 1 || (n && k != n) || (!n && best && k >= best_n))
            continue;
        best = f;
        best_n = k;
    }
    *ret_n = best_n;
    return best;
}

/* Applies the pending migrations, each in a transaction that holds the writers' lock, so that
 * servers started together migrate once. */
static int migrate(struct db *db, char *errbuf, size_t errsize) {
    for (;;) {
        if (pg_exec(db, PG_BEGIN_WRITE, errbuf, errsize) < 0)
            return KW_EDB;
        int current = pg_schema_version(db), n;
        const struct embedded_file *f = migration(current ? current + 1 : 0, &n);
        if (!f) {
            pg_exec(db, "COMMIT", NULL, 0);
            return 0;
        }
        char mark[160];
        snprintf(mark, sizeof mark,
                 "INSERT INTO schema_migration (version, applied_at) VALUES (%d, "
                 "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')) ON CONFLICT DO NOTHING", n);
        if (pg_exec(db, (const char *)f->data, errbuf, errsize) < 0 || pg_exec(db, mark, errbuf, errsize) < 0 ||
            pg_exec(db, "COMMIT", errbuf, errsize) < 0) {
            pg_exec(db, "ROLLBACK", NULL, 0);
            return KW_EDB;
        }
    }
}

void pg_dbname(const char *uri, char *buf, size_t size) {
    PQconninfoOption *opts = PQconninfoParse(uri, NULL);
    const char *name = NULL, *user = NULL;
    for (PQconninfoOption *o = opts; o && o->keyword; o++) {
        if (strcmp(o->keyword, "dbname") == 0 && o->val && *o->val)
            name = o->val;
        else if (strcmp(o->keyword, "user") == 0 && o->val && *o->val)
            user = o->val;
    }
    snprintf(buf, size, "%s", name ? name : user ? user : "postgresql");   /* libpq's default: the user's */
    for (char *p = buf; *p; p++)
        if (*p == '/')
            *p = '_';
    PQconninfoFree(opts);
}

int pg_open(struct db *db, const char *uri, int flags, char *errbuf, size_t errsize) {
    db->pg = xcalloc(1, sizeof *db->pg);
    db->pg->c = PQconnectdb(uri);
    if (PQstatus(db->pg->c) != CONNECTION_OK) {
        snprintf(errbuf, errsize, "cannot connect to PostgreSQL: %s", PQerrorMessage(db->pg->c));
        trim_end(errbuf);
        return KW_EDB;
    }
    /* a write waits busy_ms for another's lock at most, as SQLite's busy timeout; text in UTF-8 */
    char set[160];
    snprintf(set, sizeof set, "SET lock_timeout = %d; SET client_encoding = 'UTF8'; SET client_min_messages = warning",
             db->busy_ms);
    int rc = pg_exec(db, set, errbuf, errsize);
    if (rc == 0 && !(flags & DB_READONLY))
        rc = migrate(db, errbuf, errsize);
    if (rc == 0 && query_int(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'org' "
                                 "AND schemaname = current_schema()", 0) != 1) {
        snprintf(errbuf, errsize, "the PostgreSQL database is not a kawaru database");
        rc = KW_EDB;
    }
    return rc < 0 ? KW_EDB : 0;
}

/* ---- kawaru migrate (db_migrate.c): statements built at run time from the schema's names, and
 * COPY … FROM STDIN. Not through the statement cache, which is keyed by the address of a literal. */

int pg_exec_params(struct db *db, const char *sql, int nparams, const char *const *params, int64_t *ret_value) {
    PGresult *res = PQexecParams(db->pg->c, sql, nparams, NULL, params, NULL, NULL, 0);
    int rc = result_check(db->pg, res);
    if (rc == 0 && ret_value)
        *ret_value = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) > 0 && PQnfields(res) > 0 &&
                     !PQgetisnull(res, 0, 0) ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : 0;
    PQclear(res);
    return rc;
}

/* Runs a COPY statement; 0 once the server waits in the state want (PGRES_COPY_IN for FROM
 * STDIN, PGRES_COPY_OUT for TO STDOUT), else KW_EDB (a statement that is not that COPY too). */
static int copy_begin(struct db *db, const char *sql, ExecStatusType want) {
    PGresult *res = PQexec(db->pg->c, sql);
    int rc = 0;
    if (PQresultStatus(res) != want && (rc = result_check(db->pg, res)) == 0)
        rc = KW_EDB;
    PQclear(res);
    return rc;
}

int pg_copy_begin(struct db *db, const char *sql) {
    return copy_begin(db, sql, PGRES_COPY_IN);
}

int pg_copy_put(struct db *db, const char *data, size_t n) {
    /* a blocking connection: 1 once libpq took the data (it sends as its buffer fills) */
    while (n > 0) {
        int part = n > (1u << 30) ? 1 << 30 : (int)n;
        if (PQputCopyData(db->pg->c, data, part) != 1) {
            note_error(db->pg, NULL);
            return KW_EDB;
        }
        data += part;
        n -= (size_t)part;
    }
    return 0;
}

/* The line of the COPY's data that PostgreSQL's context names ("COPY t, line 12, column c: …", in
 * the server's language): the first number after the table's name, or 0. */
static long long copy_line(const PGresult *res) {
    const char *ctx = res ? PQresultErrorField(res, PG_DIAG_CONTEXT) : NULL;
    const char *p = ctx ? strstr(ctx, "COPY ") : NULL;
    if (!p)
        return 0;
    p += 5;
    while (*p && *p != ',' && *p != ' ')
        p++;                                    /* the table's name */
    while (*p && (*p < '0' || *p > '9') && *p != '\n')
        p++;
    return *p >= '0' && *p <= '9' ? strtoll(p, NULL, 10) : 0;
}

int pg_copy_end(struct db *db, const char *abort_reason, long long *ret_line) {
    *ret_line = 0;
    if (PQputCopyEnd(db->pg->c, abort_reason) != 1) {
        note_error(db->pg, NULL);
        return KW_EDB;
    }
    int rc = 0;
    for (PGresult *res; (res = PQgetResult(db->pg->c)) != NULL; PQclear(res))
        if (rc == 0 && (rc = result_check(db->pg, res)) < 0)
            *ret_line = copy_line(res);
    return rc;
}

/* COPY … TO STDOUT: begun by its statement; then each row's line (text format, with its newline)
 * into out, 1 while there is one, 0 at the end, or KW_EDB. */
int pg_copy_out_begin(struct db *db, const char *sql) {
    return copy_begin(db, sql, PGRES_COPY_OUT);
}

int pg_copy_get(struct db *db, struct buf *out) {
    char *line = NULL;
    int n = PQgetCopyData(db->pg->c, &line, 0);
    if (n >= 0) {
        buf_reset(out);
        buf_append(out, line, (size_t)n);
        PQfreemem(line);
        return 1;
    }
    int rc = n == -1 ? 0 : KW_EDB;
    if (n == -2)
        note_error(db->pg, NULL);
    for (PGresult *res; (res = PQgetResult(db->pg->c)) != NULL; PQclear(res))
        if (rc == 0)
            rc = result_check(db->pg, res);
    return rc;
}

/* Other connections' content commits (commit_outer's NOTIFY kawaru_content): LISTEN on this
 * connection (named, so that pg_stat_activity shows it), its socket to poll, and the
 * notifications drained. */
int pg_listen(struct db *db) {
    return pg_exec(db, "SET application_name = 'kawaru watch'; LISTEN kawaru_content", NULL, 0) < 0
               ? KW_EDB
               : PQsocket(db->pg->c);
}

int pg_notified(struct db *db) {
    if (!PQconsumeInput(db->pg->c) || PQstatus(db->pg->c) != CONNECTION_OK)
        return KW_EIO;                          /* the connection is gone */
    int n = 0;
    for (PGnotify *note; (note = PQnotifies(db->pg->c)) != NULL; n++)
        PQfreemem(note);
    return n;
}

void pg_close(struct db *db) {
    PQfinish(db->pg->c);
    free(db->pg);
    db->pg = NULL;
}
