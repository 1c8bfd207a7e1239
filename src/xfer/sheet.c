/* The spreadsheet table model (sheet.h): rows of cells in the caller's arena. */
#include <string.h>
#include "util/jw.h"
#include "xfer/sheet.h"

void sheet_init(struct sheet *s, struct arena *a, const char *name, const char *file, const struct sheet_col *cols,
                size_t n_cols) {
    *s = (struct sheet){.a = a, .name = name, .file = file, .cols = cols, .n_cols = n_cols};
}

struct cell *sheet_add_row(struct sheet *s) {
    size_t cap_cells = s->cap_rows * s->n_cols;
    s->cells = arena_grow(s->a, s->cells, sizeof *s->cells, &cap_cells, (s->n_rows + 1) * s->n_cols);
    s->cap_rows = s->n_cols ? cap_cells / s->n_cols : 0;
    struct cell *row = &s->cells[s->n_rows++ * s->n_cols];
    memset(row, 0, s->n_cols * sizeof *row);
    return row;
}

void cell_set_text(struct cell *c, const char *text) {
    *c = text && *text ? (struct cell){.kind = CELL_TEXT, .text = text} : (struct cell){.kind = CELL_EMPTY};
}

void cell_set_number(struct cell *c, double v) { *c = (struct cell){.kind = CELL_NUMBER, .number = v}; }

void cell_set_date(struct cell *c, const char *ymd) {
    *c = ymd && *ymd ? (struct cell){.kind = CELL_DATE, .text = ymd} : (struct cell){.kind = CELL_EMPTY};
}

const char *cell_as_text(const struct cell *c, char *dst, size_t size) {
    switch (c->kind) {
    case CELL_TEXT:
    case CELL_DATE:
        return c->text;
    case CELL_NUMBER:
        json_format_number(dst, size, c->number);
        return dst;
    case CELL_EMPTY:
        break;
    }
    return "";
}
