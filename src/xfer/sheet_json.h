/* A sheet (xfer/sheet.h) as JSON, the open data's form of a table: its columns as
 * [{"key","title"}] and its rows as objects keyed by the columns' ASCII keys — numbers as
 * numbers, dates as "YYYY-MM-DD", text as strings, empty cells as null. */
#ifndef KAWARU_XFER_SHEET_JSON_H
#define KAWARU_XFER_SHEET_JSON_H
#include "util/jw.h"
#include "xfer/sheet.h"

/* Writes the array of the columns as one value. */
void sheet_json_columns(struct jw *w, const struct sheet *s);
/* Writes the array of the rows as one value. */
void sheet_json_rows(struct jw *w, const struct sheet *s);

#endif
