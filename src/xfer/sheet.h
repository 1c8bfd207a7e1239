/* A table to hand out as a spreadsheet (SPEC §3.12): named columns with their widths, rows of
 * cells that are text, numbers or dates. One model, written by xfer/xlsx_out (a workbook) and
 * xfer/csv_out (CSV), read back by xfer/xlsx_in and xfer/measure_list_in; xfer/plan_sheets
 * builds kawaru's tables in it. All memory is the caller's arena. */
#ifndef KAWARU_XFER_SHEET_H
#define KAWARU_XFER_SHEET_H
#include <stdbool.h>
#include <stddef.h>
#include "util/arena.h"

enum cell_kind { CELL_EMPTY, CELL_TEXT, CELL_NUMBER, CELL_DATE };

struct cell {
    enum cell_kind kind;
    const char *text;                   /* CELL_TEXT; CELL_DATE as YYYY-MM-DD */
    double number;                      /* CELL_NUMBER */
};

struct sheet_col {
    const char *title;                  /* the header cell */
    const char *key;                    /* the column's ASCII name: a JSON key of open data */
    double width;                       /* in characters of a Latin font (Excel's unit) */
    bool wrap;                          /* long Japanese text: wrapped in its cell */
};

struct sheet {
    struct arena *a;
    const char *name;                   /* the tab's name (at most 31 characters): 個別業務一覧 */
    const char *file;                   /* the table's name in a CSV file's name: measures */
    const char *title;                  /* a line above the header in a workbook, or NULL */
    size_t freeze_cols;                 /* columns kept in view when scrolling right */
    const struct sheet_col *cols;
    size_t n_cols;
    struct cell *cells;                 /* row-major, n_cols cells a row, without the header */
    int *lines;                         /* a CSV file's line of each row, or NULL (row n is line n + 1) */
    size_t n_rows, cap_rows;
};

void sheet_init(struct sheet *s, struct arena *a, const char *name, const char *file, const struct sheet_col *cols,
                size_t n_cols);
/* Appends a row of empty cells and returns its first cell. */
struct cell *sheet_add_row(struct sheet *s);
static inline struct cell *sheet_cell(const struct sheet *s, size_t row, size_t col) {
    return &s->cells[row * s->n_cols + col];
}
/* Setting a cell: a NULL or empty text leaves it empty. */
void cell_set_text(struct cell *c, const char *text);
void cell_set_number(struct cell *c, double v);
void cell_set_date(struct cell *c, const char *ymd);

/* The cell as text: a number as JSON writes it ("12.5"), a date as YYYY-MM-DD, empty as "".
 * dst has at least 32 bytes; the returned pointer is dst or the cell's own text. */
const char *cell_as_text(const struct cell *c, char *dst, size_t size);

#endif
