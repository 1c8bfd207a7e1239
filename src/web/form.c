/* The form kit of the editing pages (see form.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/fiscal.h"
#include "util/utf8.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"

void form_error_summary(struct req *r, const char *detail) {
    html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"error-summary\"><p>%s</p>",
                tr(r, M_FORM_ERRORS));
    if (detail)
        html_printf(&r->out, "<p>%s</p>", detail);
    html_printf(&r->out, "</div>\n");
}

/* The opening of a field: its label, its hint, and the attributes that tie them to the control. */
static const char *field_begin(struct req *r, const char *id, const char *label, const char *err, const char *hint) {
    html_printf(&r->out, "<div class=\"field%r\">\n<label for=\"%s\">%s</label>\n", err ? " has-error" : "", id, label);
    if (hint)
        html_printf(&r->out, "<p class=\"hint\" id=\"%s-hint\">%s</p>\n", id, hint);
    if (!hint && !err)
        return "";
    struct buf b = BUF_INIT;
    html_printf(&b, " aria-describedby=\"");
    if (hint)
        html_printf(&b, "%s-hint", id);
    if (err)
        html_printf(&b, "%r%s-error", hint ? " " : "", id);
    html_printf(&b, "\"%r", err ? " aria-invalid=\"true\"" : "");
    const char *s = arena_strdup(&r->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static void field_end(struct req *r, const char *id, const char *err) {
    html_field_error(r, id, err);
    html_printf(&r->out, "</div>\n");
}

void form_text(struct req *r, const char *id, const char *label, const char *value, const char *err, const char *hint) {
    const char *attrs = field_begin(r, id, label, err, hint);
    html_printf(&r->out, "<input id=\"%s\" name=\"%s\" type=\"text\" value=\"%s\"%r>\n", id, id, value ? value : "", attrs);
    field_end(r, id, err);
}

void form_textarea(struct req *r, const char *id, const char *label, const char *value, const char *err,
                   const char *hint, int rows) {
    const char *attrs = field_begin(r, id, label, err, hint);
    /* a newline right after <textarea> is dropped by the parser: write one so a value that
     * starts with a newline keeps it */
    html_printf(&r->out, "<textarea id=\"%s\" name=\"%s\" rows=\"%d\"%r>\n%s</textarea>\n", id, id, rows, attrs,
                value ? value : "");
    field_end(r, id, err);
}

void form_select(struct req *r, const char *id, const char *label, const struct form_option *opts, size_t n,
                 const char *selected, const char *err, const char *hint) {
    const char *attrs = field_begin(r, id, label, err, hint);
    html_printf(&r->out, "<select id=\"%s\" name=\"%s\"%r>\n", id, id, attrs);
    for (size_t i = 0; i < n; i++)
        html_printf(&r->out, "<option value=\"%s\"%r>%s</option>\n", opts[i].value,
                    selected && strcmp(selected, opts[i].value) == 0 ? " selected" : "", opts[i].label);
    html_printf(&r->out, "</select>\n");
    field_end(r, id, err);
}

void form_checkbox(struct req *r, const char *id, const char *label, bool checked, const char *hint) {
    html_printf(&r->out, "<div class=\"field checkbox\">\n<input id=\"%s\" name=\"%s\" type=\"checkbox\" value=\"1\"%r%r>"
                         "\n<label for=\"%s\">%s</label>\n",
                id, id, checked ? " checked" : "", hint ? arena_printf(&r->arena, " aria-describedby=\"%s-hint\"", id) : "",
                id, label);
    if (hint)
        html_printf(&r->out, "<p class=\"hint\" id=\"%s-hint\">%s</p>\n", id, hint);
    html_printf(&r->out, "</div>\n");
}

void form_buttons(struct req *r, const char *submit, const char *back_href, const char *back_label) {
    html_printf(&r->out, "<p class=\"button-row\"><button type=\"submit\">%s</button>", submit);
    if (back_href)
        html_printf(&r->out, " <a href=\"%s\">%s</a>", back_href, back_label ? back_label : tr(r, M_FORM_CANCEL));
    html_printf(&r->out, "</p>\n");
}

void form_script(struct req *r) {
    html_printf(&r->out, "<script src=\"/static/edit.js\" defer></script>\n");
}

void form_abolished_badge(struct req *r) {
    html_printf(&r->out, " <span class=\"badge badge-abolished\">%s</span>", tr(r, M_FORM_ABOLISHED_BADGE));
}

/* ---- reading */

const char *form_check(struct req *r, const char *value, const struct field_rule *rule, bool required) {
    switch (field_check_str(value ? value : "", rule, required)) {
    case FIELD_OK: return NULL;
    case FIELD_BLANK: return tr(r, M_ERR_REQUIRED);
    case FIELD_TOO_LONG: return arena_printf(&r->arena, tr(r, M_ERR_TOO_LONG_N), rule->max);
    case FIELD_CONTROL: return tr(r, rule->lines ? M_ERR_CONTROL : M_ERR_CONTROL_LINE);
    case FIELD_BAD_UTF8: return tr(r, M_ERR_ENCODING);
    }
    return tr(r, M_ERR_BAD_FORM);
}

const char *form_check_list(struct req *r, const struct strlist *l, const struct field_rule *rule) {
    if (l->n > MODEL_MAX_LIST)
        return tr(r, M_ERR_TOO_LONG);
    for (size_t i = 0; i < l->n; i++) {
        const char *err = form_check(r, l->items[i], rule, true);
        if (err)
            return err;
    }
    return NULL;
}

const char *form_get(struct req *r, const char *name) {
    const char *v = req_form(r, name);
    return v ? v : "";
}

/* s[0..len) without blanks (ASCII whitespace, U+3000) at either end. */
static const char *trim(struct req *r, const char *s, size_t len) {
    static const char ideo[] = "\xe3\x80\x80";          /* U+3000 IDEOGRAPHIC SPACE */
    for (;;) {
        if (len && strchr(" \t\r\n\f\v", *s) && *s)
            s++, len--;
        else if (len >= 3 && memcmp(s, ideo, 3) == 0)
            s += 3, len -= 3;
        else
            break;
    }
    for (;;) {
        if (len && strchr(" \t\r\n\f\v", s[len - 1]) && s[len - 1])
            len--;
        else if (len >= 3 && memcmp(s + len - 3, ideo, 3) == 0)
            len -= 3;
        else
            break;
    }
    return arena_strndup(&r->arena, s, len);
}

int64_t form_id(const char *s) {
    if (!s || *s < '1' || *s > '9')
        return 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    return *end ? 0 : v;
}

const char *form_trimmed(struct req *r, const char *name) {
    const char *v = form_get(r, name);
    return trim(r, v, strlen(v));
}

void form_lines(struct req *r, const char *text, struct strlist *ret) {
    memset(ret, 0, sizeof *ret);
    size_t cap = 0;
    for (const char *p = text ? text : ""; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        const char *line = trim(r, p, len);
        if (*line) {
            if (ret->n == cap) {
                cap = cap ? 2 * cap : 8;
                char **items = arena_alloc(&r->arena, cap * sizeof *items);
                if (ret->n)
                    memcpy(items, ret->items, ret->n * sizeof *items);
                ret->items = items;
            }
            ret->items[ret->n++] = (char *)line;
        }
        p += len + (nl ? 1 : 0);
    }
}

const char *form_lines_text(struct req *r, const struct strlist *l) {
    struct buf b = BUF_INIT;
    for (size_t i = 0; l && i < l->n; i++) {
        buf_puts(&b, l->items[i]);
        buf_putc(&b, '\n');
    }
    const char *s = arena_strdup(&r->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* ---- the frame every table of rows shares */

int form_rows_sent(struct req *r, const char *prefix) {
    int rows = atoi(form_get(r, arena_printf(&r->arena, "%s-rows", prefix)));
    return rows < 0 || rows > FORM_MAX_ROWS ? 0 : rows;
}

size_t form_rows_shown(size_t n) {
    return n + FORM_SPARE_ROWS > FORM_MAX_ROWS ? FORM_MAX_ROWS : n + FORM_SPARE_ROWS;
}

const char *form_row_label(struct req *r, size_t row, const char *label) {
    return arena_printf(&r->arena, "%s %s", arena_printf(&r->arena, tr(r, M_FORM_ROW_N), (int)row + 1), label);
}

const char *form_row_invalid(struct req *r, const char *prefix, bool bad) {
    return bad ? arena_printf(&r->arena, " aria-invalid=\"true\" aria-describedby=\"%s-error\"", prefix) : "";
}

void form_rows_begin(struct req *r, const char *prefix, const char *legend, const char *hint, size_t rows, int bad_row,
                     const char *err, const char *const *heads, size_t n_heads) {
    html_printf(&r->out, "<fieldset class=\"rows\" id=\"%s\" data-rows=\"%s\">\n<legend>%s</legend>\n"
                         "<p class=\"hint\" id=\"%s-hint\">%s%r%s</p>\n"
                         "<input type=\"hidden\" name=\"%s-rows\" value=\"%d\">\n",
                prefix, prefix, legend, prefix, hint ? hint : "", hint ? " " : "", tr(r, M_FORM_ROWS_HINT), prefix,
                (int)rows);
    if (err && bad_row >= 0)
        html_printf(&r->out, "<p class=\"field-error\" id=\"%s-error\">%s %s</p>\n", prefix,
                    arena_printf(&r->arena, tr(r, M_FORM_ROW_N), bad_row + 1), err);
    html_table_scroll(r, legend);
    html_printf(&r->out, "<table class=\"grid rows-table\"><thead><tr><th scope=\"col\">#</th>");
    for (size_t i = 0; i < n_heads; i++)
        html_printf(&r->out, "<th scope=\"col\">%s</th>", heads[i]);
    html_printf(&r->out, "</tr></thead><tbody>\n");
}

void form_rows_end(struct req *r) {
    html_printf(&r->out, "</tbody></table></div>\n</fieldset>\n");
}

/* ---- rows of fiscal year, quarter and items */

static void quarter_options(struct req *r, int selected) {
    html_printf(&r->out, "<option value=\"0\"%r>%s</option>", selected == 0 ? " selected" : "", tr(r, M_FORM_WHOLE_YEAR));
    for (int q = 1; q <= 4; q++)
        html_printf(&r->out, "<option value=\"%d\"%r>%r</option>", q, selected == q ? " selected" : "",
                    arena_printf(&r->arena, tr(r, M_FORM_QUARTER_N), q));
}

void form_period_rows(struct req *r, const char *prefix, const char *legend, const struct period_items *v, size_t n,
                      int bad_row, const char *err) {
    size_t rows = form_rows_shown(n);
    const char *heads[] = {tr(r, M_FY), tr(r, M_QUARTER), tr(r, M_FORM_ITEMS)};
    form_rows_begin(r, prefix, legend, tr(r, M_FORM_LINES_HINT), rows, bad_row, err, heads, 3);
    for (size_t i = 0; i < rows; i++) {
        const struct period_items *p = i < n ? &v[i] : NULL;
        bool bad = err && (int)i == bad_row;
        const char *invalid = form_row_invalid(r, prefix, bad);
        html_printf(&r->out, "<tr%r><th scope=\"row\">%d</th>"
                             "<td><input type=\"text\" inputmode=\"numeric\" size=\"10\" name=\"%s-fy-%d\" value=\"%r\" "
                             "aria-label=\"%s\"%r></td>"
                             "<td><select name=\"%s-q-%d\" aria-label=\"%s\">",
                    bad ? " class=\"has-error\"" : "", (int)i + 1, prefix, (int)i,
                    p && p->fy ? arena_printf(&r->arena, "%d", p->fy) : "", form_row_label(r, i, tr(r, M_FY)), invalid,
                    prefix, (int)i, form_row_label(r, i, tr(r, M_QUARTER)));
        quarter_options(r, p ? p->quarter : 0);
        html_printf(&r->out, "</select></td><td><textarea name=\"%s-items-%d\" rows=\"%d\" aria-label=\"%s\"%r>\n%s"
                             "</textarea></td></tr>\n",
                    prefix, (int)i, p && p->items.n > 2 ? (int)p->items.n + 1 : 3,
                    form_row_label(r, i, tr(r, M_FORM_ITEMS)), invalid, p ? form_lines_text(r, &p->items) : "");
    }
    form_rows_end(r);
}

bool form_period_read(struct req *r, const char *prefix, struct period_items **ret, size_t *ret_n, int *ret_bad_row,
                      const char **ret_err) {
    int rows = form_rows_sent(r, prefix);
    struct period_items *v = arena_alloc(&r->arena, (size_t)(rows ? rows : 1) * sizeof *v);
    size_t n = 0;
    *ret_bad_row = -1;
    *ret_err = NULL;
    for (int i = 0; i < rows; i++) {
        const char *fy_text = form_trimmed(r, arena_printf(&r->arena, "%s-fy-%d", prefix, i));
        int q = atoi(form_get(r, arena_printf(&r->arena, "%s-q-%d", prefix, i)));
        struct period_items p = {.quarter = q >= 1 && q <= 4 ? q : 0};
        form_lines(r, form_get(r, arena_printf(&r->arena, "%s-items-%d", prefix, i)), &p.items);
        if (p.items.n == 0)
            continue;                                   /* an empty row, or a year emptied: removed */
        const char *err = NULL;
        if (!*fy_text)
            err = tr(r, M_FORM_ITEMS_WITHOUT_FY);
        else if (fy_parse(fy_text, &p.fy) < 0)
            err = tr(r, M_ERR_FY);
        for (size_t j = 0; !err && j < n; j++)
            if (v[j].fy == p.fy && v[j].quarter == p.quarter)
                err = tr(r, M_FORM_DUPLICATE_PERIOD);
        if (!err)
            err = form_check_list(r, &p.items, &field_item);
        if (err && !*ret_err) {
            *ret_err = err;
            *ret_bad_row = (int)n;                      /* its place when the form is shown again */
        }
        v[n++] = p;
    }
    *ret = v;
    *ret_n = n;
    return *ret_err == NULL;
}

/* ---- repeating rows of plain fields */

void form_rows(struct req *r, const char *prefix, const char *legend, const char *hint, const struct form_column *cols,
               size_t n_cols, const char *const *cells, size_t n, int bad_row, int bad_col, const char *err) {
    size_t rows = form_rows_shown(n);
    const char **heads = arena_alloc(&r->arena, (n_cols ? n_cols : 1) * sizeof *heads);
    for (size_t c = 0; c < n_cols; c++)
        heads[c] = cols[c].label;
    form_rows_begin(r, prefix, legend, hint, rows, bad_row, err, heads, n_cols);
    const char *invalid = form_row_invalid(r, prefix, true);
    for (size_t i = 0; i < rows; i++) {
        bool bad = err && (int)i == bad_row;
        html_printf(&r->out, "<tr%r><th scope=\"row\">%d</th>", bad ? " class=\"has-error\"" : "", (int)i + 1);
        for (size_t c = 0; c < n_cols; c++) {
            const struct form_column *col = &cols[c];
            const char *v = i < n && cells[i * n_cols + c] ? cells[i * n_cols + c] : "";
            const char *name = arena_printf(&r->arena, "%s-%s-%d", prefix, col->field, (int)i);
            const char *label = form_row_label(r, i, col->label);
            const char *attrs = bad && (bad_col < 0 || (size_t)bad_col == c) ? invalid : "";
            html_printf(&r->out, "<td>");
            switch (col->kind) {
            case FORM_CELL_TEXT:
                html_printf(&r->out, "<input type=\"text\" name=\"%s\" value=\"%s\" aria-label=\"%s\"%r%r>", name, v,
                            label, col->size ? arena_printf(&r->arena, " size=\"%d\"", col->size) : "", attrs);
                break;
            case FORM_CELL_TEXTAREA:
                html_printf(&r->out, "<textarea name=\"%s\" rows=\"%d\" aria-label=\"%s\"%r>\n%s</textarea>", name,
                            col->size ? col->size : 2, label, attrs, v);
                break;
            case FORM_CELL_SELECT:
                html_printf(&r->out, "<select name=\"%s\" aria-label=\"%s\"%r>", name, label, attrs);
                for (size_t o = 0; o < col->n_opts; o++)
                    html_printf(&r->out, "<option value=\"%s\"%r>%s</option>", col->opts[o].value,
                                strcmp(v, col->opts[o].value) == 0 ? " selected" : "", col->opts[o].label);
                html_printf(&r->out, "</select>");
                break;
            case FORM_CELL_CHECKBOX:
                html_printf(&r->out, "<input type=\"checkbox\" name=\"%s\" value=\"1\" aria-label=\"%s\"%r%r>", name,
                            label, *v ? " checked" : "", attrs);
                break;
            }
            html_printf(&r->out, "</td>");
        }
        html_printf(&r->out, "</tr>\n");
    }
    form_rows_end(r);
}

/* s with each CR LF as LF, in r->arena. */
static const char *lf_only(struct req *r, const char *s) {
    if (!strchr(s, '\r'))
        return s;
    char *d = arena_strdup(&r->arena, s), *o = d;
    for (const char *p = s; *p; p++)
        if (!(p[0] == '\r' && p[1] == '\n'))
            *o++ = *p;
    *o = '\0';
    return d;
}

void form_rows_read(struct req *r, const char *prefix, const struct form_column *cols, size_t n_cols,
                    const char ***ret, size_t *ret_n) {
    int rows = form_rows_sent(r, prefix);
    const char **v = arena_alloc(&r->arena, ((size_t)rows * n_cols + 1) * sizeof *v);
    size_t n = 0;
    for (int i = 0; i < rows; i++) {
        const char **row = v + n * n_cols;
        bool blank = true;
        for (size_t c = 0; c < n_cols; c++) {
            row[c] = form_trimmed(r, arena_printf(&r->arena, "%s-%s-%d", prefix, cols[c].field, i));
            if (cols[c].kind == FORM_CELL_TEXTAREA)
                row[c] = lf_only(r, row[c]);
            blank &= !*row[c];
        }
        if (!blank)
            n++;
    }
    *ret = v;
    *ret_n = n;
}
