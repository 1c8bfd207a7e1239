/* Tables as an xlsx workbook (SPEC §3.12) through libxlsxwriter: a worksheet per table, the
 * table's title above a bold header row, both kept in view (frozen panes) with the first columns
 * the table names, an autofilter on the header, column widths, long Japanese text wrapped and
 * aligned to the top, numbers as numbers, dates as dates (yyyy/mm/dd). Text cells are written as
 * strings, which Excel and LibreOffice never evaluate as formulas. */
#ifndef KAWARU_XFER_XLSX_OUT_H
#define KAWARU_XFER_XLSX_OUT_H
#include <stddef.h>
#include "util/buf.h"
#include "xfer/sheet.h"

/* Appends the workbook of sheets (n of them; title is the document's title property) to out.
 * KW_EINVAL with *ret_problem (static text) when a cell holds more than a worksheet cell may
 * (32,767 characters); KW_EIO when the temporary file libxlsxwriter writes cannot be made. */
int xlsx_write(struct buf *out, const struct sheet *sheets, size_t n, const char *title, const char **ret_problem);

#endif
