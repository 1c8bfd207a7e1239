/* What the CSV imports (measurement_csv, survey_csv, measure_list_in) share once a file is
 * records: a cell trimmed of the spaces people leave around values, a value cut short to be
 * quoted in a message, the text of a problem with its line and column ("line 3: 値: …" /
 * "3行目：値：…"), and the message of a cell that is not a fiscal year. */
#ifndef KAWARU_XFER_CSV_CELLS_H
#define KAWARU_XFER_CSV_CELLS_H
#include <stdbool.h>
#include "core/fiscal.h"
#include "util/arena.h"

/* A cell that is not a fiscal year, in Japanese and English (core/fiscal.h's one wording), with
 * the cell's text quoted for %s: "line 2: 調査年度: must be a fiscal year (1900-2200) such as
 * 2024, 2024年度, 令和6年度 or R6, not 来年度". */
#define CSV_BAD_FY_JA FY_INVALID_JA "（「%s」）。"
#define CSV_BAD_FY_EN FY_INVALID ", not %s"

/* s without leading and trailing spaces, tabs and ideographic spaces (U+3000), in a. */
char *csv_cell_trim(struct arena *a, const char *s);

/* s (valid UTF-8) for a message: cut to 40 bytes on a character boundary, with "…" when cut;
 * s itself when it is short enough, else allocated in a. */
const char *csv_cell_quote(struct arena *a, const char *s);

/* "line 3: column: message", "line 3: message" (column NULL) or "message" (line 0: the whole
 * file); in Japanese "3行目：column：message". Allocated in a (or message itself). */
const char *csv_problem_text(struct arena *a, int line, const char *column, const char *message, bool japanese);

#endif
