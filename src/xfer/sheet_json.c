/* A sheet as JSON (sheet_json.h). */
#include "xfer/sheet_json.h"

void sheet_json_columns(struct jw *w, const struct sheet *s) {
    jw_arr_begin(w);
    for (size_t c = 0; c < s->n_cols; c++) {
        jw_obj_begin(w);
        jw_kstr(w, "key", s->cols[c].key);
        jw_kstr(w, "title", s->cols[c].title);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

void sheet_json_rows(struct jw *w, const struct sheet *s) {
    jw_arr_begin(w);
    for (size_t r = 0; r < s->n_rows; r++) {
        jw_obj_begin(w);
        for (size_t c = 0; c < s->n_cols; c++) {
            const struct cell *cell = sheet_cell(s, r, c);
            jw_key(w, s->cols[c].key);
            switch (cell->kind) {
            case CELL_TEXT:
            case CELL_DATE:
                jw_str(w, cell->text);
                break;
            case CELL_NUMBER:
                jw_num(w, cell->number);
                break;
            case CELL_EMPTY:
                jw_null(w);
                break;
            }
        }
        jw_obj_end(w);
    }
    jw_arr_end(w);
}
