/* CSV import of KPI measurements (see measurement_csv.h): the header's columns, each row read
 * and checked against the plan, every error collected with its line, then one transaction. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core/errors.h"
#include "core/field.h"
#include "core/fiscal.h"
#include "core/number.h"
#include "store/store_ingest.h"
#include "util/buf.h"
#include "util/jw.h"
#include "xfer/csv_cells.h"
#include "xfer/measurement_csv.h"

enum column { COL_MEASURE, COL_KPI, COL_KPI_ID, COL_PERIOD, COL_VALUE, COL_NOTE, COL_SOURCE, COL_COUNT };

/* The names a header may give each column (compared after trimming, ASCII case-insensitive). */
static const char *const column_names[COL_COUNT][2] = {
    [COL_MEASURE] = {"施策コード", "measure_code"},
    [COL_KPI] = {"指標名", "kpi"},
    [COL_KPI_ID] = {"指標ID", "kpi_id"},
    [COL_PERIOD] = {"時点", "period"},
    [COL_VALUE] = {"値", "value"},
    [COL_NOTE] = {"備考", "note"},
    [COL_SOURCE] = {"出典", "source"},
};

/* Messages in Japanese and English; each takes at most one %s. */
enum mcsv_msg {
    MM_EMPTY, MM_NO_ROWS, MM_TOO_MANY_ROWS, MM_UNKNOWN_COLUMN, MM_DUPLICATE_COLUMN, MM_MISSING_COLUMN,
    MM_NEED_KPI, MM_TOO_MANY_FIELDS, MM_REQUIRED, MM_NO_MEASURE, MM_NO_KPI, MM_BAD_KPI_ID, MM_KPI_NOT_IN_PLAN,
    MM_KPI_OTHER_MEASURE, MM_BAD_DATE, MM_BAD_NUMBER, MM_NUMBER_RANGE, MM_TOO_LONG, MM_CONTROL, MM_CONTROL_LINE,
};

static const char *const messages[][2] = {
    [MM_EMPTY] = {"ファイルが空です。", "the file is empty"},
    [MM_NO_ROWS] = {"見出し行の後に実績値の行がありません。", "there are no measurement rows after the header"},
    [MM_TOO_MANY_ROWS] = {"1つのファイルで取り込めるのは%s行までです。", "at most %s rows can be imported from one file"},
    [MM_UNKNOWN_COLUMN] = {"知らない列名です（使える列名：施策コード、指標名、指標ID、時点、値、備考、出典）。",
                           "unknown column (known columns: measure_code, kpi, kpi_id, period, value, note, source)"},
    [MM_DUPLICATE_COLUMN] = {"同じ列が2回あります。", "this column appears twice"},
    [MM_MISSING_COLUMN] = {"この列がありません。", "this column is missing"},
    [MM_NEED_KPI] = {"指標名と施策コードの列、または指標IDの列が必要です。",
                     "needs the columns kpi and measure_code, or a kpi_id column"},
    [MM_TOO_MANY_FIELDS] = {"見出しより項目が多い行です（%s個）。", "the line has more fields than the header (%s)"},
    [MM_REQUIRED] = {"入力がありません。", "this field is empty"},
    [MM_NO_MEASURE] = {"この計画に施策コード「%s」の施策はありません。", "no measure with code %s in this plan"},
    [MM_NO_KPI] = {"この施策に「%s」という指標はありません。", "the measure has no KPI named %s"},
    [MM_BAD_KPI_ID] = {"指標IDは正の整数で入力してください（「%s」）。", "not a KPI id (a positive integer): %s"},
    [MM_KPI_NOT_IN_PLAN] = {"この計画に指標ID %s の指標はありません。", "no KPI with id %s in this plan"},
    [MM_KPI_OTHER_MEASURE] = {"指標ID %s はこの施策の指標ではありません。", "KPI %s is not a KPI of this measure"},
    [MM_BAD_DATE] = {"日付を 2025-03-31 または 2025/3/31 の形で入力してください（「%s」）。",
                     "not a date like 2025-03-31 or 2025/3/31: %s"},
    [MM_BAD_NUMBER] = {"数値ではありません（「%s」）。半角・全角の数字、「1,234」「約11.0」の形で入力できます。",
                       "not a number: %s (digits, also full-width, like 1,234 or 約11.0)"},
    [MM_NUMBER_RANGE] = {"値が大きすぎます（「%s」）。±1e15（1000兆）までです。", "too large: %s (at most ±1e15)"},
    [MM_TOO_LONG] = {"長すぎます（%s文字まで）。", "too long (at most %s characters)"},
    [MM_CONTROL] = {"制御文字は入力できません（改行とタブは使えます）。",
                    "control characters are not allowed (line breaks and tabs are)"},
    [MM_CONTROL_LINE] = {"改行・タブなどの制御文字を含めずに1行で入力してください。",
                         "must be one line without line breaks, tabs or other control characters"},
};

struct import {
    struct db *db;
    struct arena *a;
    int64_t plan_id;
    const struct mcsv_options *opt;
    struct mcsv_report *report;
    size_t cap_errors;
    int col[COL_COUNT];                /* field index of each column, -1 when absent */
    const char *header[CSV_MAX_FIELDS];   /* the header's names as written, trimmed */
    size_t n_header;
};

/* ---- errors */

static void add_error(struct import *im, int line, const char *column, enum mcsv_msg m, const char *arg) {
    struct mcsv_report *r = im->report;
    if (r->n_errors >= MCSV_MAX_ERRORS) {
        r->more_errors = true;
        return;
    }
    const char *fmt = messages[m][im->opt->japanese ? 0 : 1];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    char *msg = arena_printf(im->a, fmt, arg ? arg : "");
#pragma GCC diagnostic pop
    r->errors = arena_grow(im->a, r->errors, sizeof *r->errors, &im->cap_errors, r->n_errors + 1);
    r->errors[r->n_errors++] = (struct mcsv_error){line, column, msg};
}

static void add_csv_error(struct import *im, const struct csv_error *e) {
    char msg[300];
    csv_error_format(e, im->opt->japanese, msg, sizeof msg);
    struct mcsv_report *r = im->report;
    r->errors = arena_grow(im->a, r->errors, sizeof *r->errors, &im->cap_errors, r->n_errors + 1);
    r->errors[r->n_errors++] = (struct mcsv_error){e->line, NULL, arena_strdup(im->a, msg)};
}

const char *mcsv_error_text(struct arena *a, const struct mcsv_error *e, bool japanese) {
    return csv_problem_text(a, e->line, e->column, e->message, japanese);
}

/* ---- text helpers */

/* Full-width digits and the signs used in numbers and dates (＋－．，／ and U+2212 minus) as
 * ASCII; other characters are kept. The result is never longer than s. */
static void ascii_digits(const char *s, char *out, size_t size) {
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && n + 1 < size;) {
        if (p[0] == 0xef && p[1] == 0xbc && p[2] >= 0x8b && p[2] <= 0x99) {      /* U+FF0B..U+FF19 */
            out[n++] = (char)('+' + (p[2] - 0x8b));
            p += 3;
        } else if (p[0] == 0xe2 && p[1] == 0x88 && p[2] == 0x92) {                 /* U+2212 */
            out[n++] = '-';
            p += 3;
        } else {
            out[n++] = (char)*p++;
        }
    }
    out[n] = '\0';
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* "2025-03-31", "2025/3/31", "2025-3-1" (also in full-width digits) as YYYY-MM-DD in a. */
static const char *parse_period(struct arena *a, const char *s) {
    char t[32];
    ascii_digits(s, t, sizeof t);
    int y, m, d, end = 0;
    char sep1, sep2;
    if (strlen(t) > 10 || sscanf(t, "%4d%c%2d%c%2d%n", &y, &sep1, &m, &sep2, &d, &end) != 5 || t[end] != '\0' ||
        sep1 != sep2 || (sep1 != '-' && sep1 != '/') || !is_digit(t[0]) || !is_digit(t[3]) || t[4] != sep1)
        return NULL;
    for (const char *p = t; *p; p++)
        if (!is_digit(*p) && *p != sep1)
            return NULL;
    char iso[16];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
    kw_date date;
    return date_parse(iso, &date) == 0 ? arena_strdup(a, iso) : NULL;
}

/* ---- the header */

/* The column a header name stands for, or COL_COUNT. */
static enum column column_of(const char *name) {
    for (int c = 0; c < COL_COUNT; c++)
        if (strcmp(name, column_names[c][0]) == 0 || strcasecmp(name, column_names[c][1]) == 0)
            return (enum column)c;
    return COL_COUNT;
}

/* "値/value": how an error names a column that is missing. */
static const char *both_names(struct import *im, enum column c) {
    return arena_printf(im->a, "%s/%s", column_names[c][0], column_names[c][1]);
}

static void require_column(struct import *im, int line, enum column c) {
    if (im->col[c] < 0)
        add_error(im, line, both_names(im, c), MM_MISSING_COLUMN, NULL);
}

/* Reads the header record into im->col; errors are added to the report. */
static void read_header(struct import *im, const struct csv_record *h) {
    for (int c = 0; c < COL_COUNT; c++)
        im->col[c] = -1;
    im->n_header = h->n;
    for (size_t i = 0; i < h->n; i++) {
        const char *name = im->header[i] = csv_cell_trim(im->a, h->fields[i]);
        enum column c = column_of(name);
        if (c == COL_COUNT)
            add_error(im, h->line, csv_cell_quote(im->a, name), MM_UNKNOWN_COLUMN, NULL);
        else if (im->col[c] >= 0)
            add_error(im, h->line, name, MM_DUPLICATE_COLUMN, NULL);
        else
            im->col[c] = (int)i;
    }
    require_column(im, h->line, COL_PERIOD);
    require_column(im, h->line, COL_VALUE);
    if (im->col[COL_KPI_ID] < 0 && (im->col[COL_KPI] < 0 || im->col[COL_MEASURE] < 0)) {
        if (im->col[COL_KPI] >= 0 || im->col[COL_MEASURE] >= 0) {
            require_column(im, h->line, COL_MEASURE);
            require_column(im, h->line, COL_KPI);
        } else {
            add_error(im, h->line, NULL, MM_NEED_KPI, NULL);
        }
    }
}

/* ---- rows */

/* The trimmed field of column c in record r ("" when the column or the field is absent). */
static const char *field(struct import *im, const struct csv_record *r, enum column c) {
    int i = im->col[c];
    return i >= 0 && (size_t)i < r->n ? csv_cell_trim(im->a, r->fields[i]) : "";
}

static const char *column_label(struct import *im, enum column c) { return im->header[im->col[c]]; }

/* The KPI a row names by kpi_id; 0 after adding an error. */
static int64_t kpi_by_id(struct import *im, const struct csv_record *r, const char *text, int64_t measure_id) {
    char *end;
    long long id = *text >= '1' && *text <= '9' && strlen(text) <= 15 ? strtoll(text, &end, 10) : 0;
    if (id <= 0 || *end != '\0') {
        add_error(im, r->line, column_label(im, COL_KPI_ID), MM_BAD_KPI_ID, csv_cell_quote(im->a, text));
        return 0;
    }
    struct location loc;
    if (store_locate(im->db, ENTITY_KPI, id, &loc) < 0 || loc.plan_id != im->plan_id) {
        add_error(im, r->line, column_label(im, COL_KPI_ID), MM_KPI_NOT_IN_PLAN, text);
        return 0;
    }
    if (measure_id && loc.measure_id != measure_id) {
        add_error(im, r->line, column_label(im, COL_KPI_ID), MM_KPI_OTHER_MEASURE, text);
        return 0;
    }
    return id;
}

/* The measure a row names by code (0 when the column is absent or the field empty and not
 * required, or after adding an error). */
static int64_t measure_of(struct import *im, const struct csv_record *r, bool required) {
    if (im->col[COL_MEASURE] < 0)
        return 0;
    const char *code = field(im, r, COL_MEASURE);
    int64_t id = 0;
    if (!*code) {
        if (required)
            add_error(im, r->line, column_label(im, COL_MEASURE), MM_REQUIRED, NULL);
    } else if (store_measure_id_by_key(im->db, im->plan_id, code, &id) < 0) {
        add_error(im, r->line, column_label(im, COL_MEASURE), MM_NO_MEASURE, csv_cell_quote(im->a, code));
        id = 0;
    }
    return id;
}

/* The KPI of a row: by kpi_id when that field is filled, else by name within the measure. */
static int64_t kpi_of(struct import *im, const struct csv_record *r) {
    const char *id_text = im->col[COL_KPI_ID] >= 0 ? field(im, r, COL_KPI_ID) : "";
    bool by_id = *id_text != '\0' || im->col[COL_KPI] < 0;
    int64_t measure_id = measure_of(im, r, !by_id);
    if (by_id) {
        if (!*id_text) {
            add_error(im, r->line, column_label(im, COL_KPI_ID), MM_REQUIRED, NULL);
            return 0;
        }
        return kpi_by_id(im, r, id_text, measure_id);
    }
    const char *name = field(im, r, COL_KPI);
    int64_t id = 0;
    if (!*name)
        add_error(im, r->line, column_label(im, COL_KPI), MM_REQUIRED, NULL);
    else if (measure_id && store_kpi_id_by_name(im->db, measure_id, name, &id) < 0)
        add_error(im, r->line, column_label(im, COL_KPI), MM_NO_KPI, csv_cell_quote(im->a, name));
    return id;
}

/* An optional text column under rule (core/field.h, as the API and forms check it); NULL when
 * empty. The file was checked for UTF-8 as a whole. */
static char *optional_text(struct import *im, const struct csv_record *r, enum column c,
                           const struct field_rule *rule) {
    if (im->col[c] < 0)
        return NULL;
    char *s = (char *)field(im, r, c);
    switch (field_check_str(s, rule, false)) {
    case FIELD_OK:
    case FIELD_BLANK:
        return *s ? s : NULL;
    case FIELD_TOO_LONG:
        add_error(im, r->line, column_label(im, c), MM_TOO_LONG, arena_printf(im->a, "%u", rule->max));
        return NULL;
    case FIELD_CONTROL:
    case FIELD_BAD_UTF8:
        add_error(im, r->line, column_label(im, c), rule->lines ? MM_CONTROL : MM_CONTROL_LINE, NULL);
        return NULL;
    }
    return NULL;
}

/* Reads one data row into *out; problems are added to the report. */
static void read_row(struct import *im, const struct csv_record *r, struct measurement_for *out) {
    if (r->n > im->n_header) {
        add_error(im, r->line, NULL, MM_TOO_MANY_FIELDS, arena_printf(im->a, "%zu", r->n));
        return;
    }
    out->kpi_id = kpi_of(im, r);
    const char *period = field(im, r, COL_PERIOD);
    if (!*period)
        add_error(im, r->line, column_label(im, COL_PERIOD), MM_REQUIRED, NULL);
    else if (!(out->m.period = (char *)parse_period(im->a, period)))
        add_error(im, r->line, column_label(im, COL_PERIOD), MM_BAD_DATE, csv_cell_quote(im->a, period));
    const char *value = field(im, r, COL_VALUE);
    bool too_big = false;
    if (!*value)
        add_error(im, r->line, column_label(im, COL_VALUE), MM_REQUIRED, NULL);
    else if (number_parse(value, &out->m.value, &too_big) < 0)
        add_error(im, r->line, column_label(im, COL_VALUE), too_big ? MM_NUMBER_RANGE : MM_BAD_NUMBER,
                  csv_cell_quote(im->a, value));
    out->m.note = optional_text(im, r, COL_NOTE, &field_note);
    out->m.source = optional_text(im, r, COL_SOURCE, &field_source);
    if (!out->m.source && im->opt->default_source)
        out->m.source = arena_strndup(im->a, im->opt->default_source, strnlen(im->opt->default_source, MODEL_MAX_SOURCE));
}

/* ---- the import */

/* The text of the file as records, or KW_EINVAL with the problem in the report. */
static int read_records(struct import *im, const char *data, size_t len, struct csv_record **ret, size_t *ret_n) {
    const char *text;
    size_t text_len;
    struct csv_error e;
    if (csv_to_utf8(im->a, data, len, &text, &text_len, &im->report->encoding, &e) < 0 ||
        csv_read_records(im->a, text, text_len, ret, ret_n, &e) < 0) {
        add_csv_error(im, &e);
        return KW_EINVAL;
    }
    if (*ret_n == 0) {
        add_error(im, 0, NULL, MM_EMPTY, NULL);
        return KW_EINVAL;
    }
    return 0;
}

/* The audit row of the whole import (each measurement has its own as well). */
static int audit_import(struct import *im, size_t n) {
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    jw_obj_begin(&w);
    jw_kint(&w, "measurements", (int64_t)n);
    jw_kstr(&w, "encoding", csv_encoding_name(im->report->encoding));
    if (im->opt->file_name)
        jw_kstr(&w, "file", im->opt->file_name);
    jw_obj_end(&w);
    int rc = store_audit(im->db, im->opt->who, "plan", im->plan_id, "import", NULL, buf_cstr(&b));
    buf_free(&b);
    return rc;
}

/* Inside the write transaction: checks every row, then writes them all. */
static int validate_and_write(struct import *im, const struct csv_record *recs, size_t n) {
    struct location loc;
    int rc = store_locate(im->db, ENTITY_PLAN, im->plan_id, &loc);
    if (rc < 0)
        return rc;
    size_t rows = n - 1;
    struct measurement_for *items = arena_alloc(im->a, rows * sizeof *items);
    for (size_t i = 0; i < rows; i++)
        read_row(im, &recs[i + 1], &items[i]);
    if (im->report->n_errors)
        return KW_EINVAL;
    if ((rc = store_measurements_add(im->db, items, rows, im->opt->who, NULL)) < 0 || (rc = audit_import(im, rows)) < 0)
        return rc;
    im->report->added = rows;
    return 0;
}

int measurement_csv_import(struct db *db, struct arena *a, int64_t plan_id, const char *data, size_t len,
                           const struct mcsv_options *opt, struct mcsv_report *ret) {
    memset(ret, 0, sizeof *ret);
    struct import im = {.db = db, .a = a, .plan_id = plan_id, .opt = opt, .report = ret};
    struct csv_record *recs;
    size_t n;
    if (read_records(&im, data, len, &recs, &n) < 0)
        return KW_EINVAL;
    read_header(&im, &recs[0]);
    if (n == 1)
        add_error(&im, recs[0].line, NULL, MM_NO_ROWS, NULL);
    else if (n - 1 > MCSV_MAX_ROWS)
        add_error(&im, recs[MCSV_MAX_ROWS + 1].line, NULL, MM_TOO_MANY_ROWS, arena_printf(a, "%d", MCSV_MAX_ROWS));
    if (ret->n_errors)
        return KW_EINVAL;
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    rc = validate_and_write(&im, recs, n);
    if (rc < 0) {
        db_rollback(db);
        return rc;
    }
    rc = db_commit_draft(db);             /* the draft's measurements alone: the public's cache stays (db.h) */
    if (rc < 0)
        ret->added = 0;
    return rc;
}
