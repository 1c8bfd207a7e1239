/* Fuzz target: the xlsx reader (xfer/xlsx_in.c: libzip, expat). Any bytes are either refused
 * with a reason or read into sheets within the reader's bounds whose text cells are valid UTF-8;
 * the sheets then go through the measure list's header search and the CSV writer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "xfer/csv_out.h"
#include "xfer/measure_list_in.h"
#include "xfer/xlsx_in.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct arena a = ARENA_INIT;
    struct sheet *v;
    size_t n;
    const char *problem;
    int rc = xlsx_read(&a, (const char *)data, size, &v, &n, &problem);
    if (rc < 0 && (rc != KW_EINVAL || !problem))
        abort();
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (v[i].n_rows > XLSX_MAX_ROWS || v[i].n_cols > XLSX_MAX_COLS || v[i].n_rows * v[i].n_cols > XLSX_MAX_CELLS)
            abort();
        for (size_t r = 0; r < v[i].n_rows; r++)
            for (size_t c = 0; c < v[i].n_cols; c++) {
                const struct cell *cell = sheet_cell(&v[i], r, c);
                if (cell->kind == CELL_TEXT && !utf8_valid(cell->text, strlen(cell->text)))
                    abort();
            }
        (void)measure_list_is(&v[i]);
        struct buf b = BUF_INIT;
        v[i].cols = arena_alloc(&a, v[i].n_cols * sizeof *v[i].cols + 1);   /* untitled columns */
        for (size_t c = 0; c < v[i].n_cols; c++)
            ((struct sheet_col *)v[i].cols)[c].title = "";
        csv_write_sheet(&b, &v[i], CSV_UTF8, NULL);
        buf_free(&b);
    }
    arena_free(&a);
    return 0;
}
