/* Reading CSV files as people save them from spreadsheets (SPEC §3.12): first the bytes are
 * brought to UTF-8 (a UTF-8 byte order mark is dropped, valid UTF-8 is taken as it is, anything
 * else is converted from CP932 / Shift_JIS with iconv, or refused), then split into records by
 * RFC 4180 with libcsv: fields separated by commas, records by CRLF, LF or CR; a field in double
 * quotes may hold commas, line breaks and doubled quotes (""). libcsv runs in strict mode (a
 * stray quote is refused) and keeps spaces as data. Every record remembers the line it starts
 * on, so that errors can name it. */
#ifndef KAWARU_XFER_CSV_H
#define KAWARU_XFER_CSV_H
#include <stdbool.h>
#include <stddef.h>
#include "util/arena.h"

enum csv_encoding { CSV_UTF8, CSV_UTF8_BOM, CSV_CP932 };

/* Limits (CONVENTIONS 9); the body limit of 4 MiB bounds the rest. */
enum { CSV_MAX_RECORDS = 100000, CSV_MAX_FIELDS = 256 };

/* "utf-8", "utf-8-bom" or "cp932". */
const char *csv_encoding_name(enum csv_encoding e);

/* What went wrong, and on which line (1-based; 0 when the whole input is meant). */
enum csv_problem {
    CSV_E_UTF16,               /* the file is UTF-16 */
    CSV_E_NUL,                 /* a NUL byte: not a text file */
    CSV_E_BAD_BOM,             /* a UTF-8 byte order mark, then bytes that are not UTF-8 */
    CSV_E_NO_CP932,            /* not UTF-8, and iconv has no CP932 converter */
    CSV_E_ENCODING,            /* neither UTF-8 nor CP932; detail is the first bad byte */
    CSV_E_UNTERMINATED,        /* a quoted field without its closing quote */
    CSV_E_AFTER_QUOTE,         /* text after a closing quote */
    CSV_E_STRAY_QUOTE,         /* a quote inside a field that is not quoted */
    CSV_E_TOO_MANY_FIELDS,     /* more than CSV_MAX_FIELDS in a record */
    CSV_E_TOO_MANY_RECORDS,    /* more than CSV_MAX_RECORDS */
};
struct csv_error { int line; enum csv_problem problem; unsigned detail; };

/* The error as a sentence, in Japanese or English, without its line number. */
void csv_error_format(const struct csv_error *err, bool japanese, char *dst, size_t size);

/* The text of data (len bytes) in UTF-8, NUL-terminated and allocated in a, with its length
 * and the encoding it was found in. KW_EINVAL with *err filled when the bytes are neither
 * UTF-8 nor CP932, are UTF-16, or hold a NUL byte. */
int csv_to_utf8(struct arena *a, const char *data, size_t len, const char **ret_text, size_t *ret_len,
                enum csv_encoding *ret_encoding, struct csv_error *err);

struct csv_record {
    int line;              /* where the record starts */
    size_t n;              /* number of fields, at least 1 */
    char **fields;         /* NUL-terminated; line breaks inside quoted fields become "\n" */
};

/* Splits UTF-8 text (len bytes, no NUL) into records, allocated in a. Blank lines are skipped.
 * KW_EINVAL with *err filled for an unterminated quoted field, a quote inside an unquoted
 * field, text after a closing quote, or more than CSV_MAX_RECORDS records or CSV_MAX_FIELDS
 * fields in a record. */
int csv_read_records(struct arena *a, const char *text, size_t len, struct csv_record **ret, size_t *ret_n,
                     struct csv_error *err);

#endif
