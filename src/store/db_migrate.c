/* Copying a kawaru database between the engines, both ways. kawaru migrate's engine half (db.h,
 * docs/postgresql.md "Moving from SQLite"), and a whole restore into PostgreSQL
 * (DB_MIGRATE_REPLACE, docs/backup.md): a SQLite database copied into a PostgreSQL one, every table in one PostgreSQL transaction, from one
 * snapshot of the file (a read transaction held from the first row to the last, so a server may
 * go on writing the file meanwhile: nothing it commits after the snapshot is copied).
 *
 * How (the record of its prototype, scripts/sqlite-to-pg.py, which this replaced, carried over):
 * - Tables parents first (their foreign keys, from SQLite's schema), so each key is checked as
 *   its row arrives; a column that refers to its own table (department.parent_id) is copied NULL
 *   and set afterwards with one UPDATE.
 * - Rows through COPY … FROM STDIN in text format, in rowid order; each value converted by the
 *   type of its PostgreSQL column (migrate_copy_field: integers, doubles that read back as the
 *   same double, text checked as UTF-8 without NUL, bytea in hex).
 * - The KPI aggregates (kpi.m_*) are copied as SQLite holds them: the measurement insert trigger
 *   is switched off for the transaction (db_defer_kpi_stats: SET LOCAL kawaru.kpi_stats_deferred),
 *   or it would add every measurement a second time.
 * - Rows the PostgreSQL schema seeds (content_version, category) are replaced by the file's.
 * - Each identity sequence is set past the highest id of its table and its sqlite_sequence counter
 *   (AUTOINCREMENT never hands out an id of a deleted row again; neither may PostgreSQL).
 * Not copied: sqlite_sequence, sqlite_stat*, virtual tables and their shadow tables (FTS5).
 *
 * What only SQLite has — sqlite_master, PRAGMA table_info and foreign_key_list, sqlite_sequence —
 * is read in one place, read_schema(). Table and column names come from the file's schema and are
 * quoted wherever they are put into SQL; values are always bound or streamed, never formatted
 * into a statement. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "store/db_engine.h"
#include "util/clock.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

enum { FLUSH_BYTES = 1 << 20 };

/* Rows the PostgreSQL schema inserts itself (sql/pg/030), replaced by the file's. */
static const char *const seeded[] = {"content_version", "category"};

struct mcol {
    char *name;
    enum mig_kind kind;
    bool selfref;                   /* a foreign key to its own table */
    int pk;                         /* its place in the primary key (1-based), or 0 */
};

struct mtable {
    char *name;
    struct mcol *cols;
    size_t ncols;
    char **parents;                 /* the tables its foreign keys refer to */
    size_t nparents;
    bool rowid;                     /* an ordinary table (not WITHOUT ROWID) */
    bool autoinc;                   /* SQLite's AUTOINCREMENT: its counter in sqlite_sequence */
    int id_col;                     /* its one-column INTEGER PRIMARY KEY, or -1 */
    int64_t seq;                    /* its sqlite_sequence counter (0: none) */
    long long target_rows;          /* what the target held before the copy */
    int state;                      /* parents_first: 0 unvisited, 1 on the path, 2 placed */
};

struct db_migration {
    struct db *src, *dst;
    struct mtable *t;
    size_t nt;
    size_t *order;                  /* indexes into t, parents first */
    struct db_migrate_table *report;
    bool src_read;                  /* the source's read transaction is open */
    bool replace;                   /* DB_MIGRATE_REPLACE: the target's rows are replaced */
    bool pg_read;                   /* backup: PostgreSQL's snapshot transaction is open */
    int64_t live_version[2];        /* replace: the target's content counters before (version, public) */
};

/* ---- values: SQLite's as PostgreSQL's COPY text */

enum mig_kind migrate_kind_of(unsigned pg_type) {
    switch (pg_type) {
    case 20: case 21: case 23:                  /* int8, int2, int4 */
        return MIG_INT;
    case 700: case 701: case 1700:              /* float4, float8, numeric */
        return MIG_REAL;
    case PG_BYTEA:
        return MIG_BYTEA;
    case PG_BOOL:
        return MIG_BOOL;
    default:                                    /* text, varchar, json …: their text input */
        return MIG_TEXT;
    }
}

/* Whether the decimal digits[0..n) × 10^(exp - n + 1), with d's sign, reads back as d. */
static bool reads_back(double d, const char *digits, int n, int exp) {
    char t[48];
    snprintf(t, sizeof t, "%s%.*se%d", d < 0 ? "-" : "", n, digits, exp - n + 1);
    return strtod(t, NULL) == d;
}

/* The shortest decimal that reads back as d (d finite, not 0): its digits (no trailing zeros) and
 * the decimal exponent of the first. Of n digits there are two candidates, the decimals either
 * side of d; the nearer is printf's, the other one unit of the last digit away. The nearer is
 * taken when both read back (what Ryu, PostgreSQL's float8out, does). */
static int shortest(double d, char digits[24], int *ret_exp) {
    for (int n = 1; n <= 17; n++) {
        char e[40];
        snprintf(e, sizeof e, "%.*e", n - 1, fabs(d));
        int k = 0;
        const char *p = e;
        for (; *p && *p != 'e'; p++)
            if (*p >= '0' && *p <= '9')
                digits[k++] = *p;
        int exp = atoi(p + 1);
        if (reads_back(d, digits, n, exp)) {
            *ret_exp = exp;
            return n;
        }
        /* the other neighbour: one unit of the last digit toward d */
        bool up = strtod(e, NULL) < fabs(d);
        char o[24];
        memcpy(o, digits, (size_t)n);
        int i = n - 1;
        if (up) {
            while (i >= 0 && o[i] == '9')
                o[i--] = '0';
            if (i < 0) {                        /* 9.99 → 10.0: one digit more in front */
                memmove(o + 1, o, (size_t)n - 1);
                o[0] = '1';
                exp++;
            } else {
                o[i]++;
            }
        } else {
            while (i >= 0 && o[i] == '0')
                o[i--] = '9';
            o[i]--;                             /* o[0] >= 1: the first digit of a decimal */
            if (o[0] == '0') {                  /* 1.00 → 0.999: a digit less in front */
                memmove(o, o + 1, (size_t)n - 1);
                o[n - 1] = '9';
                exp--;
            }
        }
        if (reads_back(d, o, n, exp)) {
            memcpy(digits, o, (size_t)n);
            *ret_exp = exp;
            return n;
        }
    }
    snprintf(digits, 24, "%.16e", fabs(d));    /* never reached: 17 digits always read back */
    *ret_exp = 0;
    return 1;
}

/* A double as PostgreSQL writes it (float8out, PostgreSQL 12 and later): the shortest digits that
 * read back as the same double, fixed when the decimal exponent is from -4 to 14, else
 * d.ddde±XX; so that the copy's text and the target's own COPY TO agree (db_migrate_verify). */
static void put_double(struct buf *out, double d) {
    if (isnan(d)) {
        buf_puts(out, "NaN");
        return;
    }
    if (isinf(d)) {
        buf_puts(out, d > 0 ? "Infinity" : "-Infinity");
        return;
    }
    if (d == 0) {
        buf_puts(out, signbit(d) ? "-0" : "0");
        return;
    }
    char digits[24];
    int exp;
    int nd = shortest(d, digits, &exp);
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    if (d < 0)
        buf_putc(out, '-');
    if (exp < -4 || exp >= 15) {
        buf_putc(out, digits[0]);
        if (nd > 1) {
            buf_putc(out, '.');
            buf_append(out, digits + 1, (size_t)nd - 1);
        }
        buf_printf(out, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    } else if (exp < 0) {
        buf_puts(out, "0.");
        for (int i = -1; i > exp; i--)
            buf_putc(out, '0');
        buf_append(out, digits, (size_t)nd);
    } else {
        for (int i = 0; i <= exp || i < nd; i++) {
            if (i == exp + 1)
                buf_putc(out, '.');
            buf_putc(out, i < nd ? digits[i] : '0');
        }
    }
}

int migrate_copy_field(struct buf *out, enum mig_kind kind, const struct mig_value *v, const char **ret_why) {
    static const char hex[] = "0123456789abcdef";
    switch (v->type) {
    case SQLITE_NULL:
        buf_puts(out, "\\N");
        return 0;
    case SQLITE_INTEGER:
        if (kind == MIG_BOOL && (v->i == 0 || v->i == 1)) {
            buf_putc(out, v->i ? 't' : 'f');
            return 0;
        }
        if (kind == MIG_INT || kind == MIG_REAL) {
            buf_printf(out, "%" PRId64, v->i);
            return 0;
        }
        break;
    case SQLITE_FLOAT:
        if (kind == MIG_REAL) {
            put_double(out, v->d);
            return 0;
        }
        /* SQLite's affinity keeps a whole REAL in an INTEGER column as 1.0 only when it is not
         * exact as an integer; a whole one within range is that integer */
        if (kind == MIG_INT && v->d == floor(v->d) && fabs(v->d) < 9.2e18) {
            buf_printf(out, "%" PRId64, (int64_t)v->d);
            return 0;
        }
        if (kind == MIG_INT) {
            *ret_why = "a number with a fraction in an integer column";
            return KW_EINVAL;
        }
        break;
    case SQLITE_TEXT:
    case SQLITE_BLOB:
        break;
    default:
        *ret_why = "a value of an unknown storage class";
        return KW_EINVAL;
    }
    /* text, a blob, or a number held where text or bytes are wanted: its bytes (for a number,
     * SQLite's own text of it, as a reader of that column got it) */
    if (kind == MIG_BYTEA) {
        buf_puts(out, "\\\\x");
        buf_reserve(out, 2 * v->n);
        for (size_t i = 0; i < v->n; i++) {
            out->data[out->len++] = hex[v->p[i] >> 4];
            out->data[out->len++] = hex[v->p[i] & 15];
        }
        out->data[out->len] = '\0';
        return 0;
    }
    if (kind != MIG_TEXT) {
        *ret_why = kind == MIG_BOOL ? "not 0 or 1 in a boolean column" : "text or bytes in a numeric column";
        return KW_EINVAL;
    }
    if (v->n && memchr(v->p, '\0', v->n)) {
        *ret_why = "text with a NUL character, which PostgreSQL's text cannot hold";
        return KW_EINVAL;
    }
    if (!utf8_valid((const char *)v->p, v->n)) {
        *ret_why = "text that is not UTF-8";
        return KW_EINVAL;
    }
    copy_escape(out, v->p, v->n);
    return 0;
}

/* ---- names */

/* name as a quoted identifier, appended: "a""b" */
static void put_ident(struct buf *b, const char *name) {
    buf_putc(b, '"');
    for (const char *p = name; *p; p++) {
        if (*p == '"')
            buf_putc(b, '"');
        buf_putc(b, *p);
    }
    buf_putc(b, '"');
}

static const char *quoted(struct buf *b, const char *name) {
    buf_reset(b);
    put_ident(b, name);
    return buf_cstr(b);
}

static bool is_seeded(const char *name) {
    for (size_t i = 0; i < sizeof seeded / sizeof *seeded; i++)
        if (strcmp(seeded[i], name) == 0)
            return true;
    return false;
}

static int failf(char *err, size_t errsize, int rc, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int failf(char *err, size_t errsize, int rc, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errsize, fmt, ap);
    va_end(ap);
    return rc;
}

/* ---- the file's schema: the one place that reads SQLite's own catalogue */

static int64_t lite_int(sqlite3 *h, const char *sql, const char *param) {
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (param)
        sqlite3_bind_text(st, 1, param, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The tables to copy, with their columns (names only: kinds come from PostgreSQL), their parents,
 * their INTEGER PRIMARY KEY and their sqlite_sequence counter. SQLite-only: sqlite_master and the
 * table-valued PRAGMA functions table_info and foreign_key_list. Virtual tables (FTS5) and their
 * shadow tables, sqlite_sequence and sqlite_stat* are left out. */
static int read_schema(struct db_migration *m, char *err, size_t errsize) {
    sqlite3 *h = db_handle(m->src);
    sqlite3_stmt *tabs, *cols, *fks;
    const char *tabs_sql =
        "SELECT t.name, t.sql LIKE '%WITHOUT ROWID%', upper(t.sql) LIKE '%AUTOINCREMENT%' FROM sqlite_master t WHERE t.type = 'table' "
        "AND t.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND upper(t.sql) NOT LIKE 'CREATE VIRTUAL TABLE%' "
        "AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.type = 'table' "
        "                AND upper(v.sql) LIKE 'CREATE VIRTUAL TABLE%' AND substr(t.name, 1, length(v.name) + 1) = v.name || '_') "
        "ORDER BY t.name";
    if (sqlite3_prepare_v2(h, tabs_sql, -1, &tabs, NULL) != SQLITE_OK)
        return failf(err, errsize, KW_EDB, "cannot read the file's schema: %s", sqlite3_errmsg(h));
    cols = fks = NULL;
    if (sqlite3_prepare_v2(h, "SELECT name, pk, upper(type) FROM pragma_table_info(?1) ORDER BY cid", -1, &cols, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(h, "SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?1)", -1, &fks, NULL) != SQLITE_OK) {
        sqlite3_finalize(tabs);
        sqlite3_finalize(cols);
        return failf(err, errsize, KW_EDB, "cannot read the file's schema: %s", sqlite3_errmsg(h));
    }
    bool has_seq = lite_int(h, "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence'", NULL) == 1;
    size_t cap = 0;
    int rc = 0;
    while (rc == 0 && sqlite3_step(tabs) == SQLITE_ROW) {
        if (m->nt == cap)
            m->t = xrealloc(m->t, (cap = cap ? 2 * cap : 64) * sizeof *m->t);
        struct mtable *t = &m->t[m->nt++];
        memset(t, 0, sizeof *t);
        t->name = xstrdup((const char *)sqlite3_column_text(tabs, 0));
        t->rowid = sqlite3_column_int(tabs, 1) == 0;
        t->autoinc = sqlite3_column_int(tabs, 2) != 0;
        t->id_col = -1;
        sqlite3_reset(cols);
        sqlite3_bind_text(cols, 1, t->name, -1, SQLITE_STATIC);
        int npk = 0, ipk = -1;
        while (sqlite3_step(cols) == SQLITE_ROW) {
            t->cols = xrealloc(t->cols, (t->ncols + 1) * sizeof *t->cols);
            t->cols[t->ncols] = (struct mcol){xstrdup((const char *)sqlite3_column_text(cols, 0)), MIG_TEXT, false,
                                              sqlite3_column_int(cols, 1)};
            if (sqlite3_column_int(cols, 1) > 0) {
                npk++;
                const char *type = (const char *)sqlite3_column_text(cols, 2);
                if (type && strcmp(type, "INTEGER") == 0)
                    ipk = (int)t->ncols;
            }
            t->ncols++;
        }
        if (npk == 1 && ipk >= 0)
            t->id_col = ipk;
        sqlite3_reset(fks);
        sqlite3_bind_text(fks, 1, t->name, -1, SQLITE_STATIC);
        while (sqlite3_step(fks) == SQLITE_ROW) {
            const char *parent = (const char *)sqlite3_column_text(fks, 0), *from = (const char *)sqlite3_column_text(fks, 1);
            if (strcmp(parent, t->name) == 0) {
                for (size_t i = 0; i < t->ncols; i++)
                    if (strcmp(t->cols[i].name, from) == 0)
                        t->cols[i].selfref = true;
                continue;
            }
            t->parents = xrealloc(t->parents, (t->nparents + 1) * sizeof *t->parents);
            t->parents[t->nparents++] = xstrdup(parent);
        }
        bool selfref = false;
        for (size_t i = 0; i < t->ncols; i++)
            selfref |= t->cols[i].selfref;
        if (selfref && t->id_col < 0)
            rc = failf(err, errsize, KW_EINVAL, "table %s refers to itself but has no INTEGER PRIMARY KEY", t->name);
        if (has_seq) {
            int64_t seq = lite_int(h, "SELECT seq FROM sqlite_sequence WHERE name = ?1", t->name);
            t->seq = seq > 0 ? seq : 0;
        }
    }
    sqlite3_finalize(tabs);
    sqlite3_finalize(cols);
    sqlite3_finalize(fks);
    if (rc == 0 && m->nt == 0)
        rc = failf(err, errsize, KW_EINVAL, "the file has no tables");
    return rc;
}

/* ---- order */

static struct mtable *find_table(struct db_migration *m, const char *name) {
    for (size_t i = 0; i < m->nt; i++)
        if (strcmp(m->t[i].name, name) == 0)
            return &m->t[i];
    return NULL;
}

static int visit(struct db_migration *m, struct mtable *t, size_t *n, char *err, size_t errsize) {
    if (t->state == 2)
        return 0;
    if (t->state == 1)
        return failf(err, errsize, KW_EINVAL, "the foreign keys form a cycle through table %s", t->name);
    t->state = 1;
    for (size_t i = 0; i < t->nparents; i++) {
        struct mtable *p = find_table(m, t->parents[i]);
        int rc = p ? visit(m, p, n, err, errsize) : 0;
        if (rc < 0)
            return rc;
    }
    t->state = 2;
    m->order[(*n)++] = (size_t)(t - m->t);
    return 0;
}

/* m->order: every table after the tables its foreign keys refer to (by name otherwise). */
static int parents_first(struct db_migration *m, char *err, size_t errsize) {
    m->order = xcalloc(m->nt, sizeof *m->order);
    size_t n = 0;
    for (size_t i = 0; i < m->nt; i++) {
        int rc = visit(m, &m->t[i], &n, err, errsize);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* ---- the target */

/* Each table's columns as PostgreSQL has them (their kinds), and what the table holds already.
 * A table or column of the file that the target lacks would be lost: an error. */
static int read_target(struct db_migration *m, char *err, size_t errsize) {
    struct buf q = BUF_INIT, sql = BUF_INIT;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < m->nt; i++) {
        struct mtable *t = &m->t[i];
        struct db_stmt *st = db_prepare(m->dst, "SELECT a.attname, a.atttypid FROM pg_attribute a "
                                                "WHERE a.attrelid = to_regclass(?1) AND a.attnum > 0 AND NOT a.attisdropped");
        db_bind_text(st, 1, quoted(&q, t->name));
        bool any = false;
        bool *found = xcalloc(t->ncols + 1, sizeof *found);
        int step;
        while ((step = db_step(st)) == DB_ROW) {
            any = true;
            for (size_t c = 0; c < t->ncols; c++)
                if (strcmp(t->cols[c].name, db_col_str(st, 0)) == 0) {
                    t->cols[c].kind = migrate_kind_of((unsigned)db_col_int64(st, 1));
                    found[c] = true;
                }
        }
        db_reset(st);
        if (step != DB_DONE)
            rc = failf(err, errsize, KW_EDB, "cannot read the PostgreSQL schema: %s", db_errmsg(m->dst));
        else if (!any)
            rc = failf(err, errsize, KW_EINVAL, "table %s of the file is not in the PostgreSQL schema", t->name);
        for (size_t c = 0; rc == 0 && c < t->ncols; c++)
            if (!found[c])
                rc = failf(err, errsize, KW_EINVAL, "column %s.%s of the file is not in the PostgreSQL schema",
                           t->name, t->cols[c].name);
        free(found);
        buf_reset(&sql);
        buf_puts(&sql, "SELECT count(*) FROM ");
        put_ident(&sql, t->name);
        int64_t n = 0;
        if (rc == 0 && (rc = pg_exec_params(m->dst, buf_cstr(&sql), 0, NULL, &n)) < 0)
            rc = failf(err, errsize, rc, "cannot count table %s in PostgreSQL: %s", t->name, db_errmsg(m->dst));
        t->target_rows = n;
    }
    buf_free(&q);
    buf_free(&sql);
    return rc;
}

/* A target that holds anything besides the rows its schema seeds is refused, naming them. */
static int target_empty(struct db_migration *m, char *err, size_t errsize) {
    struct buf held = BUF_INIT;
    int tables = 0;
    const struct mtable *org = find_table(m, "org");
    for (size_t i = 0; i <= m->nt; i++) {
        const struct mtable *t = i == 0 ? org : &m->t[i - 1];      /* its organisations first */
        if (!t || (i > 0 && t == org) || t->target_rows == 0 || is_seeded(t->name))
            continue;
        if (tables++ < 5)
            buf_printf(&held, "%s%s %lld row%s", tables > 1 ? ", " : "", t->name, t->target_rows,
                       t->target_rows == 1 ? "" : "s");
    }
    if (tables > 5)
        buf_printf(&held, " and %d more tables", tables - 5);
    int rc = 0;
    if (tables)
        rc = failf(err, errsize, KW_ECONFLICT,
                   "the PostgreSQL database already holds data (%s); kawaru migrate moves an installation into an "
                   "empty database only", buf_cstr(&held));
    buf_free(&held);
    return rc;
}

/* A replacement (DB_MIGRATE_REPLACE): every table of the schema emptied in the transaction, its
 * identities started again. The audit log's guard against TRUNCATE is switched off for this one
 * statement, in the same transaction (ALTER TABLE is transactional): a whole restore puts back
 * the backup's audit log, as a SQLite restore puts back its file, and the log being replaced is
 * in the backup the restore keeps first. No CASCADE: a table that refers to ours and that the
 * file does not know is an error, not a silent loss. */
static int truncate_all(struct db_migration *m, char *err, size_t errsize) {
    struct buf sql = BUF_INIT;
    buf_puts(&sql, "ALTER TABLE audit DISABLE TRIGGER audit_no_truncate; TRUNCATE ");
    for (size_t i = 0; i < m->nt; i++) {
        buf_puts(&sql, i ? ", " : "");
        put_ident(&sql, m->t[i].name);
        m->t[i].target_rows = 0;
    }
    buf_puts(&sql, " RESTART IDENTITY; ALTER TABLE audit ENABLE TRIGGER audit_no_truncate");
    int rc = pg_exec(m->dst, buf_cstr(&sql), NULL, 0);
    if (rc < 0)
        rc = failf(err, errsize, rc, "cannot empty the PostgreSQL database's tables: %s", db_errmsg(m->dst));
    buf_free(&sql);
    return rc;
}

/* ---- copying one table */

struct id_list { int64_t *v; size_t n, cap; };

static void ids_push(struct id_list *l, int64_t id) {
    if (l->n == l->cap)
        l->v = xrealloc(l->v, (l->cap = l->cap ? 2 * l->cap : 1024) * sizeof *l->v);
    l->v[l->n++] = id;
}

/* "row id 12" of the nth row copied (1-based), or "row 12" of a table without an id. */
static void row_name(char *buf, size_t size, const struct mtable *t, const struct id_list *ids, long long nth) {
    if (t->id_col >= 0 && nth >= 1 && (size_t)nth <= ids->n)
        snprintf(buf, size, "row id %" PRId64, ids->v[nth - 1]);
    else if (nth >= 1)
        snprintf(buf, size, "row %lld (in rowid order)", nth);
    else
        snprintf(buf, size, "a row");
}

/* The columns that refer to their own table, set after the copy: one UPDATE per column from two
 * arrays bound as parameters (the ids, and the values). */
static int set_selfrefs(struct db_migration *m, const struct mtable *t, size_t col, const struct buf *ids,
                        const struct buf *vals, char *err, size_t errsize) {
    struct buf sql = BUF_INIT;
    buf_puts(&sql, "UPDATE ");
    put_ident(&sql, t->name);
    buf_puts(&sql, " AS t SET ");
    put_ident(&sql, t->cols[col].name);
    buf_puts(&sql, " = v.value FROM unnest($1::bigint[], $2::bigint[]) AS v(id, value) WHERE t.");
    put_ident(&sql, t->cols[t->id_col].name);
    buf_puts(&sql, " = v.id");
    const char *params[2] = {buf_cstr(ids), buf_cstr(vals)};
    int rc = pg_exec_params(m->dst, buf_cstr(&sql), 2, params, NULL);
    if (rc < 0)
        rc = failf(err, errsize, rc, "table %s, column %s (set after its rows): %s", t->name, t->cols[col].name,
                   db_errmsg(m->dst));
    buf_free(&sql);
    return rc;
}

/* The identity sequence of t's id (if PostgreSQL's column has one) set past top: the next id is
 * top + 1, or 1 for an empty table that never had a row. */
static int set_sequence(struct db_migration *m, const struct mtable *t, int64_t top, char *err, size_t errsize) {
    struct buf q = BUF_INIT;
    /* PostgreSQL only: its catalogue's function; the name is parsed as SQL (quoted), the column's is not */
    struct db_stmt *st = db_prepare(m->dst, "SELECT setval(s::regclass, greatest(?3::bigint, 1), ?3::bigint > 0) "
                                            "FROM pg_get_serial_sequence(?1, ?2) AS s WHERE s IS NOT NULL");
    db_bind_text(st, 1, quoted(&q, t->name));
    db_bind_text(st, 2, t->cols[t->id_col].name);
    db_bind_int64(st, 3, top);
    int rc = db_step_done(m->dst, st);
    if (rc < 0)
        rc = failf(err, errsize, rc, "table %s: its id sequence could not be set: %s", t->name, db_errmsg(m->dst));
    buf_free(&q);
    return rc;
}

/* Column c of the row st stands on, for a column of kind. */
static void read_value(sqlite3_stmt *st, int c, enum mig_kind kind, struct mig_value *v) {
    *v = (struct mig_value){sqlite3_column_type(st, c), 0, 0, NULL, 0};
    if (v->type == SQLITE_INTEGER)
        v->i = sqlite3_column_int64(st, c);
    else if (v->type == SQLITE_FLOAT)
        v->d = sqlite3_column_double(st, c);
    if (v->type == SQLITE_BLOB) {
        v->p = sqlite3_column_blob(st, c);
        v->n = (size_t)sqlite3_column_bytes(st, c);
    } else if (v->type != SQLITE_NULL && (v->type == SQLITE_TEXT || kind == MIG_TEXT || kind == MIG_BYTEA)) {
        v->p = sqlite3_column_text(st, c);      /* a number's too, as SQLite writes it */
        v->n = (size_t)sqlite3_column_bytes(st, c);
    }
}

static int copy_table(struct db_migration *m, struct mtable *t, long long *ret_rows, char *err, size_t errsize) {
    sqlite3 *h = db_handle(m->src);
    struct buf sel = BUF_INIT, copy = BUF_INIT, out = BUF_INIT;
    buf_puts(&sel, "SELECT ");
    buf_puts(&copy, "COPY ");
    put_ident(&copy, t->name);
    buf_puts(&copy, " (");
    size_t nself = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        if (c)
            buf_puts(&sel, ", "), buf_puts(&copy, ", ");
        put_ident(&sel, t->cols[c].name);
        put_ident(&copy, t->cols[c].name);
        nself += t->cols[c].selfref;
    }
    buf_puts(&sel, " FROM ");
    put_ident(&sel, t->name);
    if (t->rowid)
        buf_puts(&sel, " ORDER BY rowid");
    buf_puts(&copy, ") FROM STDIN");
    struct buf *self_ids = xcalloc(nself + 1, sizeof *self_ids), *self_vals = xcalloc(nself + 1, sizeof *self_vals);
    struct id_list ids = {0};
    sqlite3_stmt *st = NULL;
    long long rows = 0;
    int64_t top = 0;
    int rc = 0;
    if (sqlite3_prepare_v2(h, buf_cstr(&sel), -1, &st, NULL) != SQLITE_OK)
        rc = failf(err, errsize, KW_EDB, "table %s: cannot read it: %s", t->name, sqlite3_errmsg(h));
    if (rc == 0 && (rc = pg_copy_begin(m->dst, buf_cstr(&copy))) < 0)
        rc = failf(err, errsize, rc, "table %s: %s", t->name, db_errmsg(m->dst));
    bool copying = rc == 0;
    int s = SQLITE_DONE;
    while (rc == 0 && (s = sqlite3_step(st)) == SQLITE_ROW) {
        rows++;
        int64_t id = t->id_col >= 0 ? sqlite3_column_int64(st, t->id_col) : 0;
        if (t->id_col >= 0) {
            ids_push(&ids, id);
            if (id > top)
                top = id;
        }
        size_t k = 0;
        for (size_t c = 0; rc == 0 && c < t->ncols; c++) {
            if (c)
                buf_putc(&out, '\t');
            struct mig_value v;
            read_value(st, (int)c, t->cols[c].kind, &v);
            if (t->cols[c].selfref && v.type != SQLITE_NULL) {
                /* set afterwards, when every row it may refer to is there */
                if (v.type != SQLITE_INTEGER) {
                    char rn[64];
                    row_name(rn, sizeof rn, t, &ids, rows);
                    rc = failf(err, errsize, KW_EINVAL, "table %s, %s, column %s: not an id", t->name, rn,
                               t->cols[c].name);
                    break;
                }
                buf_printf(&self_ids[k], "%s%" PRId64, self_ids[k].len ? "," : "{", id);
                buf_printf(&self_vals[k], "%s%" PRId64, self_vals[k].len ? "," : "{", v.i);
                k++;
                buf_puts(&out, "\\N");
                continue;
            }
            if (t->cols[c].selfref)
                k++;
            const char *why = NULL;
            if (migrate_copy_field(&out, t->cols[c].kind, &v, &why) < 0) {
                char rn[64];
                row_name(rn, sizeof rn, t, &ids, rows);
                rc = failf(err, errsize, KW_EINVAL, "table %s, %s, column %s: %s", t->name, rn, t->cols[c].name, why);
            }
        }
        buf_putc(&out, '\n');
        if (rc == 0 && out.len >= FLUSH_BYTES) {
            if ((rc = pg_copy_put(m->dst, out.data, out.len)) < 0)
                rc = failf(err, errsize, rc, "table %s: %s", t->name, db_errmsg(m->dst));
            buf_reset(&out);
        }
    }
    if (rc == 0 && s != SQLITE_DONE)
        rc = failf(err, errsize, KW_EDB, "table %s: cannot read it: %s", t->name, sqlite3_errmsg(h));
    if (rc == 0 && out.len && (rc = pg_copy_put(m->dst, out.data, out.len)) < 0)
        rc = failf(err, errsize, rc, "table %s: %s", t->name, db_errmsg(m->dst));
    if (copying) {
        long long line = 0;
        int end = pg_copy_end(m->dst, rc == 0 ? NULL : "kawaru migrate stopped", &line);
        if (rc == 0 && end < 0) {
            char rn[64];
            row_name(rn, sizeof rn, t, &ids, line);
            rc = failf(err, errsize, end, "table %s, %s: %s", t->name, rn, db_errmsg(m->dst));
        }
    }
    for (size_t c = 0, k = 0; rc == 0 && c < t->ncols; c++)
        if (t->cols[c].selfref) {
            if (self_ids[k].len) {
                buf_putc(&self_ids[k], '}');
                buf_putc(&self_vals[k], '}');
                rc = set_selfrefs(m, t, c, &self_ids[k], &self_vals[k], err, errsize);
            }
            k++;
        }
    if (rc == 0 && t->id_col >= 0)
        rc = set_sequence(m, t, t->seq > top ? t->seq : top, err, errsize);
    sqlite3_finalize(st);
    for (size_t k = 0; k <= nself; k++)
        buf_free(&self_ids[k]), buf_free(&self_vals[k]);
    free(self_ids);
    free(self_vals);
    free(ids.v);
    buf_free(&sel);
    buf_free(&copy);
    buf_free(&out);
    if (rc == 0)
        *ret_rows = rows;
    return rc;
}

/* ---- the calls of db.h */

static void migration_free(struct db_migration *m) {
    if (!m)
        return;
    for (size_t i = 0; i < m->nt; i++) {
        for (size_t c = 0; c < m->t[i].ncols; c++)
            free(m->t[i].cols[c].name);
        for (size_t p = 0; p < m->t[i].nparents; p++)
            free(m->t[i].parents[p]);
        free(m->t[i].cols);
        free(m->t[i].parents);
        free(m->t[i].name);
    }
    free(m->t);
    free(m->order);
    free(m->report);
    free(m);
}

int db_migrate_begin(const char *from, const char *to, int flags, struct db_migration **ret, char *err,
                     size_t errsize) {
    if (db_is_server(from))
        return failf(err, errsize, KW_EINVAL, "--from names a database server; it must be a SQLite database file");
    if (!db_is_server(to))
        return failf(err, errsize, KW_EINVAL, "--to must be a PostgreSQL database (postgresql://…)");
    struct db_migration *m = xcalloc(1, sizeof *m);
    m->replace = (flags & DB_MIGRATE_REPLACE) != 0;
    char why[512];
    /* the file as every command opens it: one made by an older kawaru is brought up to date first */
    int rc = db_open(from, DB_READONLY | DB_PATIENT, &m->src, why, sizeof why);
    if (rc < 0)
        rc = failf(err, errsize, KW_EINVAL, "%s", why);
    int version = rc == 0 ? db_schema_version(m->src) : 0;
    if (rc == 0 && version > db_latest_migration())
        rc = failf(err, errsize, KW_EINVAL,
                   "%s was made by a newer kawaru (its migrations reach %d; this kawaru knows up to %d): migrate it "
                   "with that version or a later one", from, version, db_latest_migration());
    /* one snapshot of the file for the whole copy and its checks */
    if (rc == 0 && (lite_exec(m->src, "BEGIN", why, sizeof why) < 0 ||
                    lite_int(db_handle(m->src), "SELECT count(*) FROM sqlite_master", NULL) < 0))
        rc = failf(err, errsize, KW_EDB, "cannot read %s: %s", from, sqlite3_errmsg(db_handle(m->src)));
    m->src_read = rc == 0;
    if (rc == 0)
        rc = read_schema(m, err, errsize);
    if (rc == 0)
        rc = parents_first(m, err, errsize);
    /* the target's schema made (or brought up to date) by db_open, as for any command */
    if (rc == 0 && db_open(to, DB_PATIENT, &m->dst, why, sizeof why) < 0)
        rc = failf(err, errsize, KW_EDB, "%s", why);
    if (rc == 0 && db_schema_version(m->dst) != version)
        rc = failf(err, errsize, KW_EINVAL, "the file is at schema version %d and the PostgreSQL database at %d",
                   version, db_schema_version(m->dst));
    /* the writers' lock from here to the commit: no server writes into the target meanwhile */
    if (rc == 0 && (rc = db_begin(m->dst)) < 0)
        rc = failf(err, errsize, rc, "cannot begin the PostgreSQL transaction: %s", db_errmsg(m->dst));
    if (rc == 0)
        rc = read_target(m, err, errsize);
    if (rc == 0 && !m->replace)
        rc = target_empty(m, err, errsize);
    if (rc == 0 && m->replace) {
        struct db_stmt *st = db_prepare(m->dst, "SELECT version, public FROM content_version WHERE id = 1");
        if (db_step(st) == DB_ROW)
            m->live_version[0] = db_col_int64(st, 0), m->live_version[1] = db_col_int64(st, 1);
        db_reset(st);
    }
    if (rc < 0) {
        db_migrate_end(m, false);
        return rc;
    }
    db_defer_kpi_stats(m->dst, true);       /* the aggregates are copied, not summed again */
    *ret = m;
    return 0;
}

int db_migrate_copy(struct db_migration *m, void (*progress)(const char *table, long long rows, double s, void *arg),
                    void *arg, char *err, size_t errsize) {
    struct buf sql = BUF_INIT;
    int rc = 0;
    if (m->replace)
        rc = truncate_all(m, err, errsize);
    /* the schema's seeded rows, children first, so the file's take their place */
    for (size_t i = m->nt; rc == 0 && i-- > 0;) {
        const struct mtable *t = &m->t[m->order[i]];
        if (!is_seeded(t->name) || t->target_rows == 0)
            continue;
        buf_reset(&sql);
        buf_puts(&sql, "DELETE FROM ");
        put_ident(&sql, t->name);
        if ((rc = pg_exec_params(m->dst, buf_cstr(&sql), 0, NULL, NULL)) < 0)
            rc = failf(err, errsize, rc, "table %s: its seeded rows could not be replaced: %s", t->name,
                       db_errmsg(m->dst));
    }
    buf_free(&sql);
    for (size_t i = 0; rc == 0 && i < m->nt; i++) {
        double t0 = clock_s();
        long long rows = 0;
        struct mtable *t = &m->t[m->order[i]];
        rc = copy_table(m, t, &rows, err, errsize);
        if (rc == 0 && progress)
            progress(t->name, rows, clock_s() - t0, arg);
    }
    return rc;
}

/* The columns of t, quoted, and its rows' order: its primary key (all its columns when it has
 * none), the same on both engines — PostgreSQL's text compared by bytes as SQLite's BINARY, NULL
 * first as in SQLite. */
static void select_ordered(struct buf *sql, const struct mtable *t, bool pg) {
    buf_puts(sql, "SELECT ");
    bool has_pk = false;
    for (size_t c = 0; c < t->ncols; c++) {
        buf_puts(sql, c ? ", " : "");
        put_ident(sql, t->cols[c].name);
        has_pk |= t->cols[c].pk > 0;
    }
    buf_puts(sql, " FROM ");
    put_ident(sql, t->name);
    buf_puts(sql, " ORDER BY ");
    for (int k = has_pk ? 1 : 0, first = 1; k <= (int)t->ncols; k++) {
        bool any = false;
        for (size_t c = 0; c < t->ncols; c++) {
            if (has_pk ? t->cols[c].pk != k : (size_t)k != c + 1)
                continue;
            buf_puts(sql, first ? "" : ", ");
            first = 0;
            any = true;
            put_ident(sql, t->cols[c].name);
            if (pg)
                buf_puts(sql, t->cols[c].kind == MIG_TEXT ? " COLLATE \"C\" NULLS FIRST" : " NULLS FIRST");
        }
        if (has_pk && !any)
            break;
    }
}

/* Every row of t read from both sides in the same order and compared as COPY's text: the file's
 * written as the copy writes it, PostgreSQL's by its own COPY TO. The first row that differs into
 * r (differ_at, 1-based, and both sides' lines), or differ_at 0. */
static int compare_rows(struct db_migration *m, const struct mtable *t, struct db_migrate_table *r, char *err,
                        size_t errsize) {
    sqlite3 *h = db_handle(m->src);
    struct buf sel = BUF_INIT, copy = BUF_INIT, mine = BUF_INIT, theirs = BUF_INIT;
    select_ordered(&sel, t, false);
    buf_puts(&copy, "COPY (");
    select_ordered(&copy, t, true);
    buf_puts(&copy, ") TO STDOUT");
    sqlite3_stmt *st = NULL;
    long long rows = 0, differ = 0;
    int rc = 0, got = 0;
    if (sqlite3_prepare_v2(h, buf_cstr(&sel), -1, &st, NULL) != SQLITE_OK)
        rc = failf(err, errsize, KW_EDB, "table %s: cannot read it: %s", t->name, sqlite3_errmsg(h));
    if (rc == 0 && (rc = pg_copy_out_begin(m->dst, buf_cstr(&copy))) < 0)
        rc = failf(err, errsize, rc, "table %s: %s", t->name, db_errmsg(m->dst));
    bool reading = rc == 0;
    int s = SQLITE_DONE;
    while (rc == 0 && (s = sqlite3_step(st)) == SQLITE_ROW) {
        rows++;
        buf_reset(&mine);
        for (size_t c = 0; c < t->ncols; c++) {
            struct mig_value v;
            const char *why;
            read_value(st, (int)c, t->cols[c].kind, &v);
            if (c)
                buf_putc(&mine, '\t');
            if (migrate_copy_field(&mine, t->cols[c].kind, &v, &why) < 0)
                buf_puts(&mine, "?");           /* refused by the copy already */
        }
        buf_putc(&mine, '\n');
        got = differ ? got : pg_copy_get(m->dst, &theirs);
        if (got < 0)
            rc = failf(err, errsize, got, "table %s: %s", t->name, db_errmsg(m->dst));
        else if (!differ && (got == 0 || theirs.len != mine.len || memcmp(theirs.data, mine.data, mine.len) != 0)) {
            differ = rows;
            snprintf(r->mine, sizeof r->mine, "%s", buf_cstr(&mine));
            snprintf(r->theirs, sizeof r->theirs, "%s", got ? buf_cstr(&theirs) : "(no row)");
        }
    }
    if (rc == 0 && s != SQLITE_DONE)
        rc = failf(err, errsize, KW_EDB, "table %s: cannot read it: %s", t->name, sqlite3_errmsg(h));
    /* the rest of PostgreSQL's rows: one more than the file's is a difference too */
    while (reading && (got = pg_copy_get(m->dst, &theirs)) > 0)
        if (rc == 0 && !differ)
            differ = rows + 1;
    if (rc == 0 && got < 0)
        rc = failf(err, errsize, got, "table %s: %s", t->name, db_errmsg(m->dst));
    sqlite3_finalize(st);
    buf_free(&sel);
    buf_free(&copy);
    buf_free(&mine);
    buf_free(&theirs);
    r->differ_at = differ;
    return rc;
}

int db_migrate_verify(struct db_migration *m, const struct db_migrate_table **ret, size_t *ret_n, char *err,
                      size_t errsize) {
    struct buf sql = BUF_INIT;
    free(m->report);
    m->report = xcalloc(m->nt, sizeof *m->report);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < m->nt; i++) {
        const struct mtable *t = &m->t[i];
        struct db_migrate_table *r = &m->report[i];
        buf_reset(&sql);
        buf_puts(&sql, "SELECT count(*) FROM ");
        put_ident(&sql, t->name);
        int64_t n = 0;
        r->name = t->name;
        r->rows = lite_int(db_handle(m->src), buf_cstr(&sql), NULL);
        if (r->rows < 0)
            rc = failf(err, errsize, KW_EDB, "cannot count table %s in the file", t->name);
        else if ((rc = pg_exec_params(m->dst, buf_cstr(&sql), 0, NULL, &n)) < 0)
            rc = failf(err, errsize, rc, "cannot count table %s in PostgreSQL: %s", t->name, db_errmsg(m->dst));
        r->target_rows = n;
        if (rc == 0)
            rc = compare_rows(m, t, r, err, errsize);
    }
    buf_free(&sql);
    if (rc == 0) {
        *ret = m->report;
        *ret_n = m->nt;
    }
    return rc;
}

struct db *db_migrate_source(struct db_migration *m) { return m->src; }
struct db *db_migrate_target(struct db_migration *m) { return m->dst; }

int db_migrate_end(struct db_migration *m, bool commit) {
    if (!m)
        return 0;
    int rc = 0;
    if (m->dst && db_in_transaction(m->dst) && commit && m->replace) {
        /* the content counters past the replaced database's, whatever the backup's were: so
         * that every server's watcher sees them move at the commit and empties its caches */
        struct db_stmt *st = db_prepare(m->dst, "UPDATE content_version SET version = greatest(version, ?1), "
                                                "public = greatest(public, ?2) WHERE id = 1");
        db_bind_int64(st, 1, m->live_version[0]);
        db_bind_int64(st, 2, m->live_version[1]);
        rc = db_step_done(m->dst, st);
    }
    if (m->dst && db_in_transaction(m->dst)) {
        if (commit && rc == 0)
            rc = db_commit(m->dst);
        else
            db_rollback(m->dst);
    }
    if (m->src_read)
        lite_exec(m->src, "ROLLBACK", NULL, 0);      /* a read transaction: nothing to keep */
    db_close(m->dst);
    db_close(m->src);
    migration_free(m);
    return rc;
}

/* ---- the other way: a PostgreSQL database into a new SQLite file (kawaru backup, db_backup.c)
 *
 * The file is made by db_open at this program's migrations, and its own schema — read by
 * read_schema, as the migration reads the file it copies — names the tables, their columns and
 * their order; PostgreSQL's columns give each value's kind (read_target). Every table is read in
 * one REPEATABLE READ, READ ONLY transaction of PostgreSQL, so the file is one moment of the
 * database while servers go on writing it, with COPY … TO STDOUT in the key's order; each line is
 * split and unescaped (migrate_copy_split), each field made the value SQLite keeps
 * (migrate_copy_value: an integer, a double read back exactly, 0 or 1 for a boolean, bytea's hex
 * as a blob, text) and bound to one INSERT per table in one SQLite transaction. The KPI
 * aggregates are copied as they are (the file's measurement trigger deferred), AUTOINCREMENT's
 * counters are set past PostgreSQL's sequences, and then db_migrate_verify compares both sides,
 * still in the snapshot: the rows counted and every value as COPY's text. */

int migrate_copy_split(char *line, size_t n, char **ret_field, size_t *ret_len, bool *ret_null, size_t nfields) {
    if (n && line[n - 1] == '\n')
        n--;
    size_t k = 0, i = 0;
    for (;;) {
        if (k == nfields)
            return KW_EINVAL;                   /* more fields than columns */
        size_t start = i, out = i;
        /* \N alone is NULL (as the field is written, before unescaping) */
        ret_null[k] = i + 1 < n && line[i] == '\\' && line[i + 1] == 'N' && (i + 2 == n || line[i + 2] == '\t');
        if (ret_null[k])
            i += 2, out = i;
        while (i < n && line[i] != '\t') {
            char c = line[i++];
            if (c != '\\') {
                line[out++] = c;
                continue;
            }
            if (i == n)
                return KW_EINVAL;               /* a backslash at the end of the line */
            c = line[i++];
            switch (c) {
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            case 'v': c = '\v'; break;
            case 'x':
                if (i < n && isxdigit((unsigned char)line[i])) {
                    int v = 0;
                    for (int d = 0; d < 2 && i < n && isxdigit((unsigned char)line[i]); d++, i++)
                        v = v * 16 + (isdigit((unsigned char)line[i]) ? line[i] - '0' : (line[i] | 32) - 'a' + 10);
                    c = (char)v;
                }
                break;
            default:
                if (c >= '0' && c <= '7') {
                    int v = c - '0';
                    for (int d = 1; d < 3 && i < n && line[i] >= '0' && line[i] <= '7'; d++, i++)
                        v = v * 8 + (line[i] - '0');
                    c = (char)v;
                }
                break;                          /* anything else stands for itself: \\ and \N's N */
            }
            line[out++] = c;
        }
        ret_field[k] = line + start;
        ret_len[k] = ret_null[k] ? 0 : out - start;
        k++;
        if (i >= n)
            return (int)k;
        i++;                                    /* the tab */
    }
}

static int hexval(char c) {
    return c >= '0' && c <= '9' ? c - '0' : (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10 : -1;
}

int migrate_copy_value(enum mig_kind kind, char *p, size_t n, bool null, struct mig_value *ret, const char **ret_why) {
    *ret = (struct mig_value){SQLITE_NULL, 0, 0, NULL, 0};
    if (null)
        return 0;
    char num[64], *end;
    if ((kind == MIG_INT || kind == MIG_REAL) && (n == 0 || n >= sizeof num)) {
        *ret_why = "not a number";
        return KW_EINVAL;
    }
    switch (kind) {
    case MIG_INT:
        memcpy(num, p, n);
        num[n] = '\0';
        errno = 0;
        ret->i = strtoll(num, &end, 10);
        if (*end || errno) {
            *ret_why = "not an integer";
            return KW_EINVAL;
        }
        ret->type = SQLITE_INTEGER;
        return 0;
    case MIG_REAL:
        memcpy(num, p, n);
        num[n] = '\0';
        ret->d = strtod(num, &end);             /* the shortest digits of float8out read back exactly */
        if (*end) {
            *ret_why = "not a number";
            return KW_EINVAL;
        }
        ret->type = SQLITE_FLOAT;
        return 0;
    case MIG_BOOL:
        if (n != 1 || (*p != 't' && *p != 'f')) {
            *ret_why = "not a boolean";
            return KW_EINVAL;
        }
        ret->type = SQLITE_INTEGER;
        ret->i = *p == 't';
        return 0;
    case MIG_BYTEA:
        if (n < 2 || p[0] != '\\' || p[1] != 'x' || n % 2) {
            *ret_why = "not bytea's hex";
            return KW_EINVAL;
        }
        for (size_t i = 2; i < n; i += 2) {
            int hi = hexval(p[i]), lo = hexval(p[i + 1]);
            if (hi < 0 || lo < 0) {
                *ret_why = "not bytea's hex";
                return KW_EINVAL;
            }
            p[i / 2 - 1] = (char)(hi * 16 + lo);
        }
        *ret = (struct mig_value){SQLITE_BLOB, 0, 0, (const unsigned char *)p, n / 2 - 1};
        return 0;
    case MIG_TEXT:
        break;
    }
    *ret = (struct mig_value){SQLITE_TEXT, 0, 0, (const unsigned char *)p, n};
    return 0;
}

static int bind_value(sqlite3_stmt *st, int i, const struct mig_value *v) {
    switch (v->type) {
    case SQLITE_INTEGER: return sqlite3_bind_int64(st, i, v->i);
    case SQLITE_FLOAT: return sqlite3_bind_double(st, i, v->d);
    case SQLITE_TEXT: return sqlite3_bind_text(st, i, (const char *)v->p, (int)v->n, SQLITE_STATIC);
    case SQLITE_BLOB: return sqlite3_bind_blob(st, i, v->p, (int)v->n, SQLITE_STATIC);
    default: return sqlite3_bind_null(st, i);
    }
}

/* Every table of PostgreSQL's schema is one the file has (but its own record of migrations):
 * a table this program does not know would not be in the backup. */
static int pg_tables_known(struct db_migration *m, char *err, size_t errsize) {
    struct db_stmt *st = db_prepare(m->dst, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                                            "AND tablename <> 'schema_migration' ORDER BY tablename");
    int step, rc = 0;
    while ((step = db_step(st)) == DB_ROW)
        if (rc == 0 && !find_table(m, db_col_str(st, 0)))
            rc = failf(err, errsize, KW_EINVAL, "table %s of the PostgreSQL database is not in this kawaru's schema: "
                                                "back it up with the kawaru that serves it", db_col_str(st, 0));
    db_reset(st);
    if (rc == 0 && step != DB_DONE)
        rc = failf(err, errsize, KW_EDB, "cannot read the PostgreSQL schema: %s", db_errmsg(m->dst));
    return rc;
}

/* The rows db_open put into the new file (the schema's seeded rows), children first. */
static int empty_file(struct db_migration *m, char *err, size_t errsize) {
    sqlite3 *h = db_handle(m->src);
    struct buf sql = BUF_INIT;
    int rc = 0;
    for (size_t i = m->nt; rc == 0 && i-- > 0;) {
        const struct mtable *t = &m->t[m->order[i]];
        buf_reset(&sql);
        buf_puts(&sql, "DELETE FROM ");
        put_ident(&sql, t->name);
        if (sqlite3_exec(h, buf_cstr(&sql), NULL, NULL, NULL) != SQLITE_OK)
            rc = failf(err, errsize, KW_EDB, "table %s of the new file: %s", t->name, sqlite3_errmsg(h));
    }
    if (rc == 0 && lite_int(h, "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence'", NULL) == 1 &&
        sqlite3_exec(h, "DELETE FROM sqlite_sequence", NULL, NULL, NULL) != SQLITE_OK)
        rc = failf(err, errsize, KW_EDB, "the new file: %s", sqlite3_errmsg(h));
    buf_free(&sql);
    return rc;
}

/* One table from PostgreSQL's COPY TO into the file's INSERT, row by row. */
static int copy_out_table(struct db_migration *m, const struct mtable *t, char *err, size_t errsize) {
    sqlite3 *h = db_handle(m->src);
    struct buf copy = BUF_INIT, ins = BUF_INIT, line = BUF_INIT;
    buf_puts(&copy, "COPY (");
    select_ordered(&copy, t, true);
    buf_puts(&copy, ") TO STDOUT");
    buf_puts(&ins, "INSERT INTO ");
    put_ident(&ins, t->name);
    buf_puts(&ins, " (");
    for (size_t c = 0; c < t->ncols; c++) {
        buf_puts(&ins, c ? ", " : "");
        put_ident(&ins, t->cols[c].name);
    }
    buf_puts(&ins, ") VALUES (");
    for (size_t c = 0; c < t->ncols; c++)
        buf_printf(&ins, "%s?%zu", c ? ", " : "", c + 1);
    buf_puts(&ins, ")");
    char **f = xcalloc(t->ncols + 1, sizeof *f);
    size_t *len = xcalloc(t->ncols + 1, sizeof *len);
    bool *null = xcalloc(t->ncols + 1, sizeof *null);
    sqlite3_stmt *st = NULL;
    long long rows = 0;
    int rc = 0, got = 0;
    if (sqlite3_prepare_v2(h, buf_cstr(&ins), -1, &st, NULL) != SQLITE_OK)
        rc = failf(err, errsize, KW_EDB, "table %s of the new file: %s", t->name, sqlite3_errmsg(h));
    if (rc == 0 && (rc = pg_copy_out_begin(m->dst, buf_cstr(&copy))) < 0)
        rc = failf(err, errsize, rc, "table %s: %s", t->name, db_errmsg(m->dst));
    bool reading = rc == 0;
    while (reading && (got = pg_copy_get(m->dst, &line)) > 0) {
        if (rc < 0)
            continue;                           /* drained, so the connection stays usable */
        rows++;
        int nf = migrate_copy_split(line.data, line.len, f, len, null, t->ncols + 1);
        if (nf != (int)t->ncols) {
            rc = failf(err, errsize, KW_EDB, "table %s, row %lld: %d fields for %zu columns", t->name, rows, nf,
                       t->ncols);
            continue;
        }
        for (size_t c = 0; rc == 0 && c < t->ncols; c++) {
            struct mig_value v;
            const char *why = NULL;
            if (migrate_copy_value(t->cols[c].kind, f[c], len[c], null[c], &v, &why) < 0)
                rc = failf(err, errsize, KW_EDB, "table %s, row %lld, column %s: %s", t->name, rows, t->cols[c].name,
                           why);
            else
                bind_value(st, (int)c + 1, &v);
        }
        if (rc == 0 && sqlite3_step(st) != SQLITE_DONE)
            rc = failf(err, errsize, KW_EDB, "table %s, row %lld: the new file refused it: %s", t->name, rows,
                       sqlite3_errmsg(h));
        sqlite3_reset(st);
    }
    if (rc == 0 && got < 0)
        rc = failf(err, errsize, got, "table %s: %s", t->name, db_errmsg(m->dst));
    sqlite3_finalize(st);
    free(f);
    free(len);
    free(null);
    buf_free(&copy);
    buf_free(&ins);
    buf_free(&line);
    return rc;
}

/* AUTOINCREMENT's counters of the file past what PostgreSQL's sequences handed out, so that no id
 * of a row deleted before the backup is given again after a restore of it. */
static int set_file_sequences(struct db_migration *m, char *err, size_t errsize) {
    sqlite3 *h = db_handle(m->src);
    struct buf q = BUF_INIT;
    sqlite3_stmt *up = NULL, *in = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(h, "UPDATE sqlite_sequence SET seq = max(seq, ?2) WHERE name = ?1", -1, &up, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(h, "INSERT INTO sqlite_sequence (name, seq) VALUES (?1, ?2)", -1, &in, NULL) != SQLITE_OK)
        rc = failf(err, errsize, KW_EDB, "the new file's counters: %s", sqlite3_errmsg(h));
    for (size_t i = 0; rc == 0 && i < m->nt; i++) {
        const struct mtable *t = &m->t[i];
        if (!t->autoinc || t->id_col < 0)
            continue;
        /* PostgreSQL only: its catalogue's functions (NULL before the sequence's first id) */
        struct db_stmt *st = db_prepare(m->dst, "SELECT coalesce(pg_sequence_last_value(s::regclass), 0) "
                                                "FROM pg_get_serial_sequence(?1, ?2) AS s WHERE s IS NOT NULL");
        db_bind_text(st, 1, quoted(&q, t->name));
        db_bind_text(st, 2, t->cols[t->id_col].name);
        int step = db_step(st);
        int64_t last = step == DB_ROW ? db_col_int64(st, 0) : 0;
        db_reset(st);
        if (step != DB_ROW && step != DB_DONE) {
            rc = failf(err, errsize, KW_EDB, "table %s: its id sequence: %s", t->name, db_errmsg(m->dst));
            break;
        }
        if (last <= 0)
            continue;
        sqlite3_bind_text(up, 1, t->name, -1, SQLITE_STATIC);
        sqlite3_bind_int64(up, 2, last);
        int s = sqlite3_step(up);
        sqlite3_reset(up);
        if (s == SQLITE_DONE && sqlite3_changes(h) == 0) {
            sqlite3_bind_text(in, 1, t->name, -1, SQLITE_STATIC);
            sqlite3_bind_int64(in, 2, last);
            s = sqlite3_step(in);
            sqlite3_reset(in);
        }
        if (s != SQLITE_DONE)
            rc = failf(err, errsize, KW_EDB, "table %s: its counter in the new file: %s", t->name, sqlite3_errmsg(h));
    }
    sqlite3_finalize(up);
    sqlite3_finalize(in);
    buf_free(&q);
    return rc;
}

/* Both sides compared in the snapshot: the rows of every table and their values. */
static int file_same(struct db_migration *m, char *err, size_t errsize) {
    const struct db_migrate_table *v;
    size_t n;
    int rc = db_migrate_verify(m, &v, &n, err, errsize);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (v[i].rows != v[i].target_rows)
            rc = failf(err, errsize, KW_EDB, "table %s: %lld rows in PostgreSQL, %lld in the copy", v[i].name,
                       v[i].target_rows, v[i].rows);
        else if (v[i].differ_at)
            rc = failf(err, errsize, KW_EDB, "table %s: the copy's row %lld differs from PostgreSQL's: %s / %s",
                       v[i].name, v[i].differ_at, v[i].mine, v[i].theirs);
    }
    return rc;
}

int migrate_pg_to_file(const char *uri, const char *path, long long *ret_rows, char *err, size_t errsize) {
    struct db_migration *m = xcalloc(1, sizeof *m);
    char why[512];
    int rc = 0;
    if (db_open(path, DB_CREATE, &m->src, why, sizeof why) < 0)
        rc = failf(err, errsize, KW_EIO, "%s", why);
    sqlite3 *h = m->src ? db_handle(m->src) : NULL;
    if (rc == 0)
        rc = read_schema(m, err, errsize);
    if (rc == 0)
        rc = parents_first(m, err, errsize);
    /* read only: no migration, so not the writers' lock either (a whole restore holds it while it
     * keeps a backup); an older schema is brought up to date first, as every command does */
    if (rc == 0 && db_open(uri, DB_READONLY | DB_PATIENT, &m->dst, why, sizeof why) < 0)
        rc = failf(err, errsize, KW_EDB, "%s", why);
    if (rc == 0 && db_schema_version(m->dst) < db_schema_version(m->src)) {
        db_close(m->dst);
        m->dst = NULL;
        if (db_open(uri, DB_PATIENT, &m->dst, why, sizeof why) < 0)
            rc = failf(err, errsize, KW_EDB, "%s", why);
    }
    if (rc == 0 && db_schema_version(m->dst) != db_schema_version(m->src))
        rc = failf(err, errsize, KW_EINVAL,
                   "the PostgreSQL database is at migration %d and this kawaru at %d: back it up with the kawaru "
                   "that serves it", db_schema_version(m->dst), db_schema_version(m->src));
    /* the snapshot: every table read from one moment of the database */
    if (rc == 0 && (rc = pg_exec(m->dst, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; "
                                         "SET LOCAL extra_float_digits = 1; SET LOCAL bytea_output = 'hex'",
                                 NULL, 0)) < 0)
        rc = failf(err, errsize, rc, "cannot begin the snapshot: %s", db_errmsg(m->dst));
    m->pg_read = rc == 0;
    if (rc == 0)
        rc = read_target(m, err, errsize);
    if (rc == 0)
        rc = pg_tables_known(m, err, errsize);
    /* the file: one transaction, its keys unchecked until the end (department refers to itself) */
    if (rc == 0 && sqlite3_exec(h, "PRAGMA foreign_keys = OFF; BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        rc = failf(err, errsize, KW_EIO, "%s: %s", path, sqlite3_errmsg(h));
    db_defer_kpi_stats(m->src, true);           /* the aggregates are copied, not summed again */
    if (rc == 0)
        rc = empty_file(m, err, errsize);
    for (size_t i = 0; rc == 0 && i < m->nt; i++)
        rc = copy_out_table(m, &m->t[m->order[i]], err, errsize);
    if (rc == 0)
        rc = set_file_sequences(m, err, errsize);
    if (rc == 0 && sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        rc = failf(err, errsize, KW_EIO, "%s: %s", path, sqlite3_errmsg(h));
    db_defer_kpi_stats(m->src, false);
    if (rc == 0 && lite_int(h, "SELECT count(*) FROM pragma_foreign_key_check", NULL) != 0)
        rc = failf(err, errsize, KW_EDB, "the copy's foreign keys do not hold");
    if (rc == 0)
        rc = file_same(m, err, errsize);
    long long rows = 0;
    for (size_t i = 0; rc == 0 && i < m->nt; i++)
        rows += m->report[i].rows;
    /* a file of its own: no -wal beside it */
    if (rc == 0 && sqlite3_exec(h, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = DELETE", NULL, NULL, NULL) !=
                       SQLITE_OK)
        rc = failf(err, errsize, KW_EIO, "%s: %s", path, sqlite3_errmsg(h));
    if (h && !sqlite3_get_autocommit(h))
        sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
    if (m->pg_read)
        pg_exec(m->dst, "ROLLBACK", NULL, 0);   /* read only: nothing to keep */
    db_close(m->dst);
    db_close(m->src);
    migration_free(m);
    if (rc == 0 && ret_rows)
        *ret_rows = rows;
    return rc;
}
