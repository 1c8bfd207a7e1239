/* Rows sent to one table in a single COPY on PostgreSQL (see db.h, struct db_copy): the text of
 * COPY's text format, escaped as PostgreSQL's own COPY TO escapes it, collected row by row and
 * sent in one statement. kawaru migrate writes its fields with the same escaping. */
#include <stdio.h>
#include <string.h>
#include "core/errors.h"
#include "store/db_engine.h"
#include "util/buf.h"

void copy_escape(struct buf *out, const unsigned char *p, size_t n) {
    buf_reserve(out, n);
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        char e = 0;
        switch (p[i]) {
        case '\\': e = '\\'; break;
        case '\b': e = 'b'; break;
        case '\f': e = 'f'; break;
        case '\n': e = 'n'; break;
        case '\r': e = 'r'; break;
        case '\t': e = 't'; break;
        case '\v': e = 'v'; break;
        }
        if (!e)
            continue;
        buf_append(out, (const char *)p + run, i - run);
        buf_putc(out, '\\');
        buf_putc(out, e);
        run = i + 1;
    }
    buf_append(out, (const char *)p + run, n - run);
}

void db_copy_init(struct db_copy *c, const char *into) {
    *c = (struct db_copy){.into = into, .text = BUF_INIT};
}

/* The tab before every field of a row but its first. */
static void field_start(struct db_copy *c) {
    if (c->fields++)
        buf_putc(&c->text, '\t');
}

void db_copy_text(struct db_copy *c, const char *s) {
    field_start(c);
    if (s)
        copy_escape(&c->text, (const unsigned char *)s, strlen(s));
    else
        buf_puts(&c->text, "\\N");
}

void db_copy_int64(struct db_copy *c, int64_t v) {
    field_start(c);
    char t[24];
    int n = snprintf(t, sizeof t, "%lld", (long long)v);
    buf_append(&c->text, t, (size_t)n);
}

void db_copy_double(struct db_copy *c, double v) {
    field_start(c);
    char t[32];
    int n = snprintf(t, sizeof t, "%.17g", v);           /* reads back as v, as db_bind_double's */
    buf_append(&c->text, t, (size_t)n);
}

void db_copy_row_end(struct db_copy *c) {
    buf_putc(&c->text, '\n');
    c->fields = 0;
    c->rows++;
}

int db_copy_send(struct db *db, struct db_copy *c) {
    if (!c->rows)
        return 0;
    if (!db_is_postgres(db))
        return KW_EINVAL;                       /* SQLite's writers insert as they go */
    char sql[256];
    snprintf(sql, sizeof sql, "COPY %s FROM STDIN", c->into);
    long long line;
    int rc = pg_copy_begin(db, sql);
    if (rc == 0)
        rc = pg_copy_put(db, c->text.data, c->text.len);
    int end = pg_copy_end(db, rc == 0 ? NULL : "kawaru could not send the rows", &line);
    buf_reset(&c->text);
    c->rows = 0;
    return rc < 0 ? rc : end;
}

void db_copy_free(struct db_copy *c) {
    buf_free(&c->text);
    c->rows = c->fields = 0;
}
