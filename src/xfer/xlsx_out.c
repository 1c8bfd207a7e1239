/* Tables as an xlsx workbook (xlsx_out.h). libxlsxwriter writes to a file, so the workbook is made
 * in a temporary file and read back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "core/errors.h"
#include "xfer/xlsx_out.h"

struct formats { lxw_format *title, *header, *text, *wrap, *number, *date; };

static void make_formats(lxw_workbook *wb, struct formats *f) {
    f->title = workbook_add_format(wb);
    format_set_bold(f->title);
    format_set_font_size(f->title, 12);
    f->header = workbook_add_format(wb);
    format_set_bold(f->header);
    format_set_text_wrap(f->header);
    format_set_align(f->header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bg_color(f->header, 0xE6EEF8);
    format_set_border(f->header, LXW_BORDER_THIN);
    f->text = workbook_add_format(wb);
    format_set_align(f->text, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f->text, LXW_BORDER_THIN);
    f->wrap = workbook_add_format(wb);
    format_set_text_wrap(f->wrap);
    format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f->wrap, LXW_BORDER_THIN);
    f->number = workbook_add_format(wb);
    format_set_align(f->number, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f->number, LXW_BORDER_THIN);
    f->date = workbook_add_format(wb);
    format_set_num_format(f->date, "yyyy/mm/dd");
    format_set_align(f->date, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f->date, LXW_BORDER_THIN);
}

static lxw_error write_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const struct cell *c, bool wrap,
                            const struct formats *f) {
    switch (c->kind) {
    case CELL_TEXT:
        return worksheet_write_string(ws, row, col, c->text, wrap ? f->wrap : f->text);
    case CELL_NUMBER:
        return worksheet_write_number(ws, row, col, c->number, f->number);
    case CELL_DATE: {
        lxw_datetime dt = {0};
        if (sscanf(c->text, "%4d-%2d-%2d", &dt.year, &dt.month, &dt.day) == 3)
            return worksheet_write_datetime(ws, row, col, &dt, f->date);
        return worksheet_write_string(ws, row, col, c->text, f->text);
    }
    case CELL_EMPTY:
        break;
    }
    return worksheet_write_blank(ws, row, col, wrap ? f->wrap : f->text);
}

static lxw_error write_sheet(lxw_workbook *wb, const struct sheet *s, const struct formats *f) {
    lxw_worksheet *ws = workbook_add_worksheet(wb, s->name);
    if (!ws)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    lxw_row_t head = s->title ? 1 : 0;
    if (s->title)
        worksheet_write_string(ws, 0, 0, s->title, f->title);
    for (size_t c = 0; c < s->n_cols; c++) {
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, s->cols[c].width, NULL);
        lxw_error e = worksheet_write_string(ws, head, (lxw_col_t)c, s->cols[c].title, f->header);
        if (e)
            return e;
    }
    for (size_t r = 0; r < s->n_rows; r++)
        for (size_t c = 0; c < s->n_cols; c++) {
            lxw_error e = write_cell(ws, head + 1 + (lxw_row_t)r, (lxw_col_t)c, sheet_cell(s, r, c), s->cols[c].wrap, f);
            if (e)
                return e;
        }
    worksheet_freeze_panes(ws, head + 1, (lxw_col_t)s->freeze_cols);
    if (s->n_cols)
        worksheet_autofilter(ws, head, 0, head + (lxw_row_t)s->n_rows, (lxw_col_t)(s->n_cols - 1));
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);                   /* A4 */
    worksheet_repeat_rows(ws, head, head);
    return LXW_NO_ERROR;
}

int xlsx_write(struct buf *out, const struct sheet *sheets, size_t n, const char *title, const char **ret_problem) {
    *ret_problem = NULL;
    const char *dir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/kawaru-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return KW_EIO;
    close(fd);
    lxw_workbook *wb = workbook_new(path);
    if (!wb) {
        unlink(path);
        return KW_EIO;
    }
    lxw_doc_properties props = {.title = (char *)title, .author = (char *)"kawaru", .comments = (char *)"kawaru"};
    workbook_set_properties(wb, &props);
    struct formats f;
    make_formats(wb, &f);
    lxw_error e = LXW_NO_ERROR;
    for (size_t i = 0; i < n && !e; i++)
        e = write_sheet(wb, &sheets[i], &f);
    lxw_error closed = workbook_close(wb);        /* frees wb whatever happened */
    int rc = 0;
    if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
        *ret_problem = "a cell holds more than 32,767 characters, the most a worksheet cell may hold";
        rc = KW_EINVAL;
    } else if (e || closed) {
        *ret_problem = lxw_strerror(e ? e : closed);
        rc = KW_EIO;
    }
    FILE *fp = rc == 0 ? fopen(path, "rb") : NULL;
    if (rc == 0 && !fp)
        rc = KW_EIO;
    if (fp) {
        char chunk[65536];
        size_t got;
        while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
            buf_append(out, chunk, got);
        if (ferror(fp))
            rc = KW_EIO;
        fclose(fp);
    }
    unlink(path);
    return rc;
}
