/* Fuzz target: the CSV reader (xfer/csv.c). Any bytes are either refused with an error that
 * names a line within the input, or decoded to UTF-8 and split into records whose lines rise
 * and whose fields are valid UTF-8; the records written out again (every field quoted) must
 * parse to the same fields. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "xfer/csv.h"

/* The records as RFC 4180 text with every field quoted and quotes doubled. */
static void write_records(struct buf *b, const struct csv_record *v, size_t n) {
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < v[i].n; j++) {
            buf_puts(b, j ? ",\"" : "\"");
            for (const char *p = v[i].fields[j]; *p; p++)
                buf_puts(b, *p == '"' ? "\"\"" : (char[]){*p, '\0'});
            buf_putc(b, '"');
        }
        buf_puts(b, "\r\n");
    }
}

static void check_records(const struct csv_record *v, size_t n, int max_line) {
    int last = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i].n < 1 || v[i].line <= last || v[i].line > max_line)
            abort();
        last = v[i].line;
        for (size_t j = 0; j < v[i].n; j++)
            if (!utf8_valid(v[i].fields[j], strlen(v[i].fields[j])))
                abort();
    }
}

static bool same_records(const struct csv_record *a, size_t na, const struct csv_record *b, size_t nb) {
    if (na != nb)
        return false;
    for (size_t i = 0; i < na; i++) {
        if (a[i].n != b[i].n)
            return false;
        for (size_t j = 0; j < a[i].n; j++)
            if (strcmp(a[i].fields[j], b[i].fields[j]) != 0)
                return false;
    }
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct arena a = ARENA_INIT;
    const char *text;
    size_t len, n, n2;
    enum csv_encoding enc;
    struct csv_error err;
    struct csv_record *v, *v2;
    int max_line = 1;
    for (size_t i = 0; i < size; i++)
        max_line += data[i] == '\n' || data[i] == '\r';
    if (csv_to_utf8(&a, (const char *)data, size, &text, &len, &enc, &err) < 0) {
        if (err.line < 0 || err.line > max_line)
            abort();
    } else if (!utf8_valid(text, len) || memchr(text, '\0', len)) {
        abort();
    } else if (csv_read_records(&a, text, len, &v, &n, &err) < 0) {
        if (err.line < 1)
            abort();
    } else {
        check_records(v, n, (int)len + 1);
        struct buf b = BUF_INIT;
        write_records(&b, v, n);
        /* a record of one empty field is a blank line, which the reader skips */
        size_t kept = 0;
        for (size_t i = 0; i < n; i++)
            if (!(v[i].n == 1 && v[i].fields[0][0] == '\0'))
                v[kept++] = v[i];
        if (csv_read_records(&a, buf_cstr(&b), b.len, &v2, &n2, &err) < 0 || !same_records(v, kept, v2, n2))
            abort();
        buf_free(&b);
    }
    arena_free(&a);
    return 0;
}
