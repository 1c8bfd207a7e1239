/* A table as CSV (csv_out.h). The text is built in UTF-8, then converted as a whole. */
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include "core/errors.h"
#include "util/utf8.h"
#include "xfer/csv_out.h"

bool csv_cell_is_formula_like(const char *text) {
    return text && text[0] && strchr("=+-@\t\r", text[0]);
}

static void put_field(struct buf *b, const char *text, bool text_cell) {
    bool quote = strpbrk(text, ",\"\r\n") != NULL;
    if (quote)
        buf_putc(b, '"');
    if (text_cell && csv_cell_is_formula_like(text))
        buf_putc(b, '\'');
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            buf_putc(b, '"');
        buf_putc(b, *p);
    }
    if (quote)
        buf_putc(b, '"');
}

static void put_utf8(struct buf *b, const struct sheet *s) {
    for (size_t c = 0; c < s->n_cols; c++) {
        if (c)
            buf_putc(b, ',');
        put_field(b, s->cols[c].title, true);
    }
    buf_puts(b, "\r\n");
    char num[32];
    for (size_t r = 0; r < s->n_rows; r++) {
        for (size_t c = 0; c < s->n_cols; c++) {
            const struct cell *cell = sheet_cell(s, r, c);
            if (c)
                buf_putc(b, ',');
            put_field(b, cell_as_text(cell, num, sizeof num), cell->kind == CELL_TEXT);
        }
        buf_puts(b, "\r\n");
    }
}

/* UTF-8 text to CP932, a character at a time where iconv refuses one. */
static int to_cp932(struct buf *out, const char *text, size_t len, size_t *replaced) {
    iconv_t cd = iconv_open("CP932", "UTF-8");
    if (cd == (iconv_t)-1)
        return KW_EIO;
    char *in = (char *)text;
    size_t left = len;
    while (left > 0) {
        buf_reserve(out, left * 2 + 16);
        char *o = out->data + out->len;
        size_t room = out->cap - out->len - 1;
        size_t before = room;
        size_t rc = iconv(cd, &in, &left, &o, &room);
        out->len += before - room;
        if (rc != (size_t)-1)
            break;
        if (errno == E2BIG)
            continue;
        /* EILSEQ (a character CP932 lacks) or EINVAL: one character becomes "?" */
        int32_t cp;
        size_t skip = utf8_decode(in, &cp);
        if (skip == 0 || skip > left)
            skip = 1;
        in += skip;
        left -= skip;
        buf_putc(out, '?');
        (*replaced)++;
    }
    iconv_close(cd);
    out->data[out->len] = '\0';
    return 0;
}

int csv_write_sheet(struct buf *out, const struct sheet *s, enum csv_encoding enc, size_t *ret_replaced) {
    size_t replaced = 0;
    int rc = 0;
    if (enc == CSV_CP932) {
        struct buf u = BUF_INIT;
        put_utf8(&u, s);
        rc = to_cp932(out, u.data ? u.data : "", u.len, &replaced);
        buf_free(&u);
    } else {
        if (enc == CSV_UTF8_BOM)
            buf_puts(out, "\xEF\xBB\xBF");
        put_utf8(out, s);
    }
    if (ret_replaced)
        *ret_replaced = replaced;
    return rc;
}
