/* Writing a table as CSV for spreadsheets (SPEC §3.12): RFC 4180 (CRLF, fields quoted when they
 * hold a comma, a quote or a line break), UTF-8 with a byte order mark by default so that Excel
 * reads Japanese right, or CP932 (Shift_JIS) on request through iconv. A text cell that begins
 * with =, +, -, @, a tab or a carriage return is written with a leading apostrophe so that no
 * spreadsheet runs it as a formula; xfer/measure_list_in takes the apostrophe off again. */
#ifndef KAWARU_XFER_CSV_OUT_H
#define KAWARU_XFER_CSV_OUT_H
#include <stdbool.h>
#include <stddef.h>
#include "util/buf.h"
#include "xfer/csv.h"
#include "xfer/sheet.h"

/* True when a spreadsheet would read text as the start of a formula. */
bool csv_cell_is_formula_like(const char *text);

/* Appends the sheet (its header row, then its rows) to out in enc (CSV_UTF8_BOM, CSV_UTF8 or
 * CSV_CP932). A character CP932 does not have is written as "?"; *ret_replaced (if not NULL)
 * counts them. KW_EIO when iconv has no CP932 converter. */
int csv_write_sheet(struct buf *out, const struct sheet *s, enum csv_encoding enc, size_t *ret_replaced);

#endif
