/* Reading an xlsx workbook (SPEC §3.12): the zip container through libzip, its XML through expat.
 * Every worksheet becomes a sheet (xfer/sheet.h) of its cells as they stand, the header and any
 * title rows included (columns untitled): shared and inline strings as text (rich text runs
 * joined, phonetic guides left out), numbers as numbers, booleans as 1 or 0, a formula's cached
 * value as the value; a date is the number Excel stores. Bounded: at most XLSX_MAX_ROWS rows and
 * XLSX_MAX_COLS columns and XLSX_MAX_CELLS cells a sheet (from the first row and column to the last
 * cell), XLSX_MAX_INFLATED bytes of XML once inflated. */
#ifndef KAWARU_XFER_XLSX_IN_H
#define KAWARU_XFER_XLSX_IN_H
#include <stddef.h>
#include "xfer/sheet.h"

enum { XLSX_MAX_ROWS = 100000, XLSX_MAX_COLS = 512, XLSX_MAX_CELLS = 1 << 21, XLSX_MAX_SHEETS = 64,
       XLSX_MAX_INFLATED = 128 << 20 };

/* True when data starts like a zip file (an xlsx workbook is one). */
bool xlsx_looks_like(const char *data, size_t len);

/* The worksheets of the workbook in data, in the workbook's order, allocated in a. KW_EINVAL
 * with *ret_problem (static English text) when data is not an xlsx workbook or breaks a bound. */
int xlsx_read(struct arena *a, const char *data, size_t len, struct sheet **ret, size_t *ret_n,
              const char **ret_problem);

#endif
