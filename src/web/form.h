/* The form kit of the editing pages (issue 12 point 2): fields with their label, hint and error
 * tied together for screen readers (デジタル庁デザインシステム: label above, hint under it, the
 * error after the field, aria-describedby and aria-invalid), lists typed one item per line, and
 * repeating rows (a schedule's fiscal years, a body's members) with spare empty rows, so that
 * every form works without JavaScript; assets/edit.js only adds rows without a round trip.
 *
 * Every value is escaped; labels and hints are the page's own text (tr()). A field's name is its
 * id. Reading: form_* readers take the parsed form (req_parse_form) and allocate in r->arena. */
#ifndef KAWARU_WEB_FORM_H
#define KAWARU_WEB_FORM_H
#include <stdbool.h>
#include <stdint.h>
#include "core/field.h"
#include "core/model.h"
#include "http/req.h"

struct form_option { const char *value, *label; };

/* The alert at the top of a form that failed: "入力内容を確認してください。" and, when not NULL,
 * a line of its own (e.g. what the store refused). */
void form_error_summary(struct req *r, const char *detail);
/* <input type="text">. */
void form_text(struct req *r, const char *id, const char *label, const char *value, const char *err, const char *hint);
/* <textarea> of rows lines. */
void form_textarea(struct req *r, const char *id, const char *label, const char *value, const char *err,
                   const char *hint, int rows);
/* <select> of the options; selected NULL or unmatched selects none (the first option shows). */
void form_select(struct req *r, const char *id, const char *label, const struct form_option *opts, size_t n,
                 const char *selected, const char *err, const char *hint);
/* <input type="checkbox" value="1">. */
void form_checkbox(struct req *r, const char *id, const char *label, bool checked, const char *hint);
/* The submit button and a link back. */
void form_buttons(struct req *r, const char *submit, const char *back_href, const char *back_label);
/* The script that adds rows without a round trip (assets/edit.js); once per page, before
 * page_end. */
void form_script(struct req *r);
/* The 廃止 badge after an abolished entity's name. */
void form_abolished_badge(struct req *r);

/* What is wrong with value under rule (core/field.h, the rule the API and documents check too),
 * in the request's language, or NULL: required and empty, too long (naming the limit in
 * characters), a control character, not UTF-8. */
const char *form_check(struct req *r, const char *value, const struct field_rule *rule, bool required);
/* The same for every item of a list (form_lines): the first problem, or NULL. */
const char *form_check_list(struct req *r, const struct strlist *l, const struct field_rule *rule);

/* The field's value, or "" when absent. */
const char *form_get(struct req *r, const char *name);
/* The field's value with whitespace (U+3000 too) trimmed at both ends; "" when absent. */
const char *form_trimmed(struct req *r, const char *name);
/* An id as a form or query field gives it ("12"): 0 when empty or not an id. */
int64_t form_id(const char *s);
/* The non-blank lines of text, each trimmed (CR LF and LF both end a line). */
void form_lines(struct req *r, const char *text, struct strlist *ret);
/* The items of l, one per line: what a textarea of form_lines shows. */
const char *form_lines_text(struct req *r, const struct strlist *l);

/* ---- the frame of every table of rows (the period rows, form_rows and the pages' own rows)
 *
 * A fieldset data-rows="<prefix>" (assets/edit.js adds rows to it) holding a hidden
 * "<prefix>-rows" with the count and a table whose first column numbers the rows. The stored
 * rows are shown, then FORM_SPARE_ROWS empty ones, FORM_MAX_ROWS at most. */
enum { FORM_SPARE_ROWS = 2, FORM_MAX_ROWS = 200 };
/* How many rows to show for n stored ones. */
size_t form_rows_shown(size_t n);
/* How many rows the form says it sent ("<prefix>-rows"), 0 when that is not a count. */
int form_rows_sent(struct req *r, const char *prefix);
/* Opens the fieldset and the table's head. hint: under the legend (the rows hint follows it), or
 * NULL; bad_row (0-based, or -1) with err: the error above the table, naming the row. */
void form_rows_begin(struct req *r, const char *prefix, const char *legend, const char *hint, size_t rows, int bad_row,
                     const char *err, const char *const *heads, size_t n_heads);
void form_rows_end(struct req *r);
/* "3行目 <label>", the accessible name of a cell of the 0-based row. */
const char *form_row_label(struct req *r, size_t row, const char *label);
/* The attributes of a field in a bad row (invalid, described by the error), or "". */
const char *form_row_invalid(struct req *r, const char *prefix, bool bad);

/* ---- a schedule or progress: rows of fiscal year, quarter and items (one per line)
 *
 * The rows are named "<prefix>-fy-N", "<prefix>-q-N" and "<prefix>-items-N"; "<prefix>-rows"
 * holds their count. The stored rows are shown, then FORM_SPARE_ROWS empty ones. */
/* bad_row: the 0-based row an error names (with err), or -1. */
void form_period_rows(struct req *r, const char *prefix, const char *legend, const struct period_items *v, size_t n,
                      int bad_row, const char *err);
/* Reads the rows back: empty rows are left out. On a bad row returns false with *ret_bad_row
 * and *ret_err (a message of the request's language); *ret and *ret_n hold what was typed, to
 * show the form again. */
bool form_period_read(struct req *r, const char *prefix, struct period_items **ret, size_t *ret_n, int *ret_bad_row,
                      const char **ret_err);

/* ---- repeating rows of plain fields (a plan's goals and titled texts, …)
 *
 * Named like the period rows: "<prefix>-<field>-N" and the count "<prefix>-rows"; the rows given,
 * then FORM_SPARE_ROWS empty ones, in a fieldset data-rows="<prefix>" that assets/edit.js extends. */
/* FORM_CELL_CHECKBOX: value="1", read back as "1" when ticked and "" when not. */
enum form_cell_kind { FORM_CELL_TEXT, FORM_CELL_TEXTAREA, FORM_CELL_SELECT, FORM_CELL_CHECKBOX };
struct form_column {
    const char *field, *label;          /* field: the middle of the name; label: the column head */
    enum form_cell_kind kind;
    const struct form_option *opts;     /* FORM_CELL_SELECT: its options, the first with value "" */
    size_t n_opts;
    int size;                           /* TEXT: the size attribute (0: none); TEXTAREA: rows (0: 2) */
};
/* cells: n rows of n_cols values, row after row (NULL shows empty). hint: under the legend (the
 * rows hint follows it), or NULL. bad_row (0-based, or -1) with err: the error shown above the
 * table, naming the row, and set on its field bad_col (or on the whole row when bad_col is -1). */
void form_rows(struct req *r, const char *prefix, const char *legend, const char *hint, const struct form_column *cols,
               size_t n_cols, const char *const *cells, size_t n, int bad_row, int bad_col, const char *err);
/* Reads the rows back, leaving out rows whose every field is blank: *ret holds *ret_n rows of
 * n_cols values each, row after row, trimmed (a textarea keeps its inner lines, with CR LF as LF);
 * never NULL. */
void form_rows_read(struct req *r, const char *prefix, const struct form_column *cols, size_t n_cols,
                    const char ***ret, size_t *ret_n);

#endif
