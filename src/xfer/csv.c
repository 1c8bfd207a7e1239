/* CSV input: the encoding step (UTF-8, UTF-8 with BOM, CP932), then the records of RFC 4180 from
 * libcsv, fed one line at a time so that every record knows its line (see csv.h). */
#include <csv.h>                        /* libcsv */
#include <iconv.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "util/utf8.h"
#include "util/xmalloc.h"
#include "xfer/csv.h"

const char *csv_encoding_name(enum csv_encoding e) {
    switch (e) {
    case CSV_UTF8_BOM: return "utf-8-bom";
    case CSV_CP932: return "cp932";
    default: return "utf-8";
    }
}

static int fail(struct csv_error *err, int line, enum csv_problem problem, unsigned detail) {
    *err = (struct csv_error){line, problem, detail};
    return KW_EINVAL;
}

void csv_error_format(const struct csv_error *err, bool japanese, char *dst, size_t size) {
    static const char *const text[][2] = {
        [CSV_E_UTF16] = {"UTF-16のファイルは読めません。UTF-8かCP932（Shift_JIS）のCSVで保存してください。",
                         "the file is UTF-16; save it as UTF-8 or CP932 (Shift_JIS) CSV"},
        [CSV_E_NUL] = {"NULバイトを含んでいます。CSVのテキストファイルではありません。",
                       "the file holds a NUL byte; it is not a CSV text file"},
        [CSV_E_BAD_BOM] = {"UTF-8のBOMで始まりますが、UTF-8として読めない文字があります。",
                           "the file starts with a UTF-8 byte order mark but is not valid UTF-8"},
        [CSV_E_NO_CP932] = {"UTF-8ではなく、このシステムではCP932（Shift_JIS）から変換できません。",
                            "the file is not UTF-8, and this system cannot convert CP932 (Shift_JIS)"},
        [CSV_E_ENCODING] = {"UTF-8でもCP932（Shift_JIS）でもありません（読めないバイト 0x%02X）。",
                            "the file is neither UTF-8 nor CP932 (Shift_JIS): byte 0x%02X cannot be read"},
        [CSV_E_UNTERMINATED] = {"この行で始まる引用符（\"）の項目が閉じていません。",
                                "a quoted field that starts on this line has no closing quote"},
        [CSV_E_AFTER_QUOTE] = {"閉じ引用符の後に文字があります。項目内の引用符は \"\" と2つ重ねてください。",
                               "text after a closing quote; a quote inside a quoted field must be doubled (\"\")"},
        [CSV_E_STRAY_QUOTE] = {"引用符で囲まれていない項目に引用符（\"）があります。項目を引用符で囲み、中の引用符は2つ重ねてください。",
                               "a quote inside a field that is not quoted; quote the field and double the quote (\"\")"},
        [CSV_E_TOO_MANY_FIELDS] = {"1行の項目が%u個を超えています。", "more than %u fields in one record"},
        [CSV_E_TOO_MANY_RECORDS] = {"行数が%u行を超えています。", "more than %u records"},
    };
    const char *fmt = text[err->problem][japanese ? 0 : 1];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(dst, size, fmt, err->detail);
#pragma GCC diagnostic pop
}

/* ---- encoding */

/* The 1-based line of byte offset off (lines end with LF; CP932 never uses 0x0A in a
 * two-byte character). */
static int line_at(const char *data, size_t off) {
    int line = 1;
    for (size_t i = 0; i < off; i++)
        line += data[i] == '\n';
    return line;
}

/* The offset of the first byte that is not valid UTF-8 (len when there is none). */
static size_t first_invalid_utf8(const char *data, size_t len) {
    size_t i = 0;
    while (i < len) {
        size_t n = utf8_valid_prefix((const unsigned char *)data + i, len - i);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

/* Converts CP932 bytes to UTF-8 in a. KW_EINVAL with *ret_bad at the first byte that is not
 * CP932; KW_EIO when the system has no CP932 converter. */
static int cp932_to_utf8(struct arena *a, const char *data, size_t len, char **ret, size_t *ret_len, size_t *ret_bad) {
    iconv_t cd = iconv_open("UTF-8", "CP932");
    if (cd == (iconv_t)-1)
        return KW_EIO;
    size_t cap = len * 3 + 4;              /* one CP932 byte gives at most three UTF-8 bytes */
    char *out = xmalloc(cap), *o = out, *in = (char *)data;
    size_t in_left = len, out_left = cap;
    int rc = 0;
    if (iconv(cd, &in, &in_left, &o, &out_left) == (size_t)-1 ||
        iconv(cd, NULL, NULL, &o, &out_left) == (size_t)-1) {
        *ret_bad = (size_t)(in - data);
        rc = KW_EINVAL;
    }
    iconv_close(cd);
    if (rc == 0) {
        *ret_len = (size_t)(o - out);
        *ret = arena_strndup(a, out, *ret_len);
    }
    free(out);
    return rc;
}

int csv_to_utf8(struct arena *a, const char *data, size_t len, const char **ret_text, size_t *ret_len,
                enum csv_encoding *ret_encoding, struct csv_error *err) {
    const unsigned char *u = (const unsigned char *)data;
    if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff)))
        return fail(err, 0, CSV_E_UTF16, 0);
    enum csv_encoding enc = CSV_UTF8;
    if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
        data += 3;
        len -= 3;
        enc = CSV_UTF8_BOM;
    }
    const char *nul = memchr(data, '\0', len);
    if (nul)
        return fail(err, line_at(data, (size_t)(nul - data)), CSV_E_NUL, 0);
    size_t bad = first_invalid_utf8(data, len);
    if (bad == len) {
        *ret_text = arena_strndup(a, data, len);
        *ret_len = len;
        *ret_encoding = enc;
        return 0;
    }
    if (enc == CSV_UTF8_BOM)
        return fail(err, line_at(data, bad), CSV_E_BAD_BOM, 0);
    char *text;
    size_t text_len, bad_cp932 = 0;
    int rc = cp932_to_utf8(a, data, len, &text, &text_len, &bad_cp932);
    if (rc == KW_EIO)
        return fail(err, 0, CSV_E_NO_CP932, 0);
    if (rc < 0 || !utf8_valid(text, text_len) || memchr(text, '\0', text_len)) {
        /* name the byte where the reading that got further (most likely the file's) stopped */
        if (bad_cp932 > bad)
            bad = bad_cp932;
        return fail(err, line_at(data, bad), CSV_E_ENCODING, (unsigned)(unsigned char)data[bad < len ? bad : 0]);
    }
    *ret_text = text;
    *ret_len = text_len;
    *ret_encoding = CSV_CP932;
    return 0;
}

/* ---- records */

struct reader {
    struct arena *a;
    int line;                   /* of the line being fed to libcsv */
    bool between_rows;          /* no byte of the next record fed yet */
    int row_line, field_line;   /* where the current record and field start */
    char **fields;
    size_t n_fields, cap_fields;
    struct csv_record *v;
    size_t n, cap;
    int rc;
    struct csv_error *err;
};

/* libcsv: a field ended, at a comma or a line break of the line being fed. Line breaks inside a
 * quoted field come as they were (CRLF, LF or CR) and are kept as "\n". */
static void on_field(void *data, size_t len, void *arg) {
    struct reader *r = arg;
    r->field_line = r->line;                /* the next field starts after this comma */
    if (r->rc < 0)
        return;
    if (r->n_fields >= CSV_MAX_FIELDS) {
        r->rc = fail(r->err, r->line, CSV_E_TOO_MANY_FIELDS, CSV_MAX_FIELDS);
        return;
    }
    const char *s = data;
    char *f = arena_alloc(r->a, len + 1), *o = f;
    for (size_t i = 0; i < len; i++) {
        *o++ = s[i] == '\r' ? '\n' : s[i];
        i += s[i] == '\r' && i + 1 < len && s[i + 1] == '\n';
    }
    *o = '\0';
    r->fields = arena_grow(r->a, r->fields, sizeof *r->fields, &r->cap_fields, r->n_fields + 1);
    r->fields[r->n_fields++] = f;
}

/* libcsv: a record ended, at a line break or the end of the text. A record of one empty field
 * is a blank line and skipped (libcsv skips empty lines itself, but not a line of ""). */
static void on_row(int c, void *arg) {
    struct reader *r = arg;
    struct csv_record rec = {r->row_line, r->n_fields, r->fields};
    r->between_rows = true;
    r->fields = NULL;
    r->n_fields = r->cap_fields = 0;
    if (r->rc < 0 || (rec.n == 1 && rec.fields[0][0] == '\0'))
        return;
    if (r->n >= CSV_MAX_RECORDS) {
        r->rc = fail(r->err, rec.line, CSV_E_TOO_MANY_RECORDS, CSV_MAX_RECORDS);
        return;
    }
    r->v = arena_grow(r->a, r->v, sizeof *r->v, &r->cap, r->n + 1);
    r->v[r->n++] = rec;
}

static int no_space(unsigned char c) { return 0; }     /* spaces and tabs are data */

/* The text goes to libcsv one line at a time (up to and including its CRLF, LF or CR), so the
 * line of each callback is known; a record starts at the first line after the previous one
 * that is not empty, a field at the start of its record or after a comma. */
int csv_read_records(struct arena *a, const char *text, size_t len, struct csv_record **ret, size_t *ret_n,
                     struct csv_error *err) {
    struct reader r = {.a = a, .line = 1, .between_rows = true, .err = err};
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        abort();
    csv_set_space_func(&p, no_space);
    csv_set_realloc_func(&p, xrealloc);                 /* out of memory aborts */
    csv_set_blk_size(&p, 4096);
    for (size_t pos = 0, end; pos < len && r.rc == 0; pos = end) {
        for (end = pos; end < len && text[end] != '\n' && text[end] != '\r'; end++)
            ;
        bool has_break = end < len;
        if (has_break)
            end += text[end] == '\r' && end + 1 < len && text[end + 1] == '\n' ? 2 : 1;
        if (r.between_rows && text[pos] != '\n' && text[pos] != '\r') {
            r.between_rows = false;
            r.row_line = r.field_line = r.line;
        }
        size_t done = csv_parse(&p, text + pos, end - pos, on_field, on_row, &r);
        if (done < end - pos && r.rc == 0)      /* strict mode: CSV_EPARSE at text[pos + done] */
            r.rc = fail(err, r.line, text[pos + done] == '"' ? CSV_E_STRAY_QUOTE : CSV_E_AFTER_QUOTE, 0);
        r.line += has_break;
    }
    if (r.rc == 0 && csv_fini(&p, on_field, on_row, &r) != 0)
        r.rc = fail(err, r.field_line, CSV_E_UNTERMINATED, 0);
    csv_free(&p);
    if (r.rc < 0)
        return r.rc;
    *ret = r.v;
    *ret_n = r.n;
    return 0;
}
