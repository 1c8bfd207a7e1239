/* Tests src/xfer/csv.c (encodings, RFC 4180 records, line numbers of errors) and
 * src/xfer/measurement_csv.c (the measurement import: columns, every error with its line,
 * all or nothing). */
#include "testutil.h"

#include "xfer/csv.h"
#include "xfer/measurement_csv.h"

/* ---- helpers */

struct parsed {
    struct arena a;
    struct csv_record *recs;
    size_t n;
    struct csv_error err;
    int rc;
};

static void parse(struct parsed *p, const char *text) {
    memset(p, 0, sizeof *p);
    p->rc = csv_read_records(&p->a, text, strlen(text), &p->recs, &p->n, &p->err);
}

static void assert_fields(const struct csv_record *r, int line, size_t n, const char *const *want) {
    assert_int_equal(r->line, line);
    assert_int_equal(r->n, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(r->fields[i], want[i]);
}

static const char *decode(struct arena *a, const char *data, size_t len, enum csv_encoding *enc, struct csv_error *err,
                          int *rc) {
    const char *text = NULL;
    size_t text_len = 0;
    *rc = csv_to_utf8(a, data, len, &text, &text_len, enc, err);
    if (*rc == 0)
        assert_int_equal(strlen(text), text_len);
    return text;
}

/* ---- records */

static void test_plain_fields_and_line_endings(void **state) {
    struct parsed p;
    parse(&p, "a,b,c\r\n1,2,3\n4,5,6\r7,8,9");        /* CRLF, LF, CR and none at the end */
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.n, 4);
    assert_fields(&p.recs[0], 1, 3, (const char *[]){"a", "b", "c"});
    assert_fields(&p.recs[1], 2, 3, (const char *[]){"1", "2", "3"});
    assert_fields(&p.recs[2], 3, 3, (const char *[]){"4", "5", "6"});
    assert_fields(&p.recs[3], 4, 3, (const char *[]){"7", "8", "9"});
    arena_free(&p.a);
}

static void test_quotes_commas_and_doubled_quotes(void **state) {
    struct parsed p;
    parse(&p, "\"a,b\",\"say \"\"hi\"\"\",\"\",plain,\n");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.n, 1);
    assert_fields(&p.recs[0], 1, 5, (const char *[]){"a,b", "say \"hi\"", "", "plain", ""});
    arena_free(&p.a);
}

static void test_embedded_newlines_keep_line_numbers(void **state) {
    struct parsed p;
    /* the quoted field spans lines 2-4 (CRLF inside becomes "\n"); the next record is line 5 */
    parse(&p, "h1,h2\r\n\"one\r\ntwo\nthree\",x\r\nnext,y\r\n");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.n, 3);
    assert_fields(&p.recs[1], 2, 2, (const char *[]){"one\ntwo\nthree", "x"});
    assert_fields(&p.recs[2], 5, 2, (const char *[]){"next", "y"});
    arena_free(&p.a);
}

static void test_lines_after_quoted_multiline_fields(void **state) {
    struct parsed p;
    /* line 1: header; lines 2-5: one record whose two quoted fields hold a CR, a LF and a blank
     * line; lines 6-7 blank (CRLF, CR); line 8: the next record; a quoted field of one line */
    parse(&p, "h1,h2\n\"a\rb\",\"c\n\nd\"\r\n\r\n\rnext,\"e\"\"\"\n");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.n, 3);
    assert_fields(&p.recs[1], 2, 2, (const char *[]){"a\nb", "c\n\nd"});
    assert_fields(&p.recs[2], 8, 2, (const char *[]){"next", "e\""});
    arena_free(&p.a);

    /* errors after a multi-line field name the line of the error, or where the open field starts */
    parse(&p, "\"a\nb\",c\nd,e\"\n");
    assert_int_equal(p.rc, KW_EINVAL);
    assert_int_equal(p.err.problem, CSV_E_STRAY_QUOTE);
    assert_int_equal(p.err.line, 3);
    arena_free(&p.a);
    parse(&p, "x\n\"a\nb\",\"c\n\nd\n");
    assert_int_equal(p.rc, KW_EINVAL);
    assert_int_equal(p.err.problem, CSV_E_UNTERMINATED);
    assert_int_equal(p.err.line, 3);                  /* not 2, where its record starts */
    arena_free(&p.a);
    /* spaces and tabs are data, also around quoted fields */
    parse(&p, " a\t, b \n");
    assert_int_equal(p.rc, 0);
    assert_fields(&p.recs[0], 1, 2, (const char *[]){" a\t", " b "});
    arena_free(&p.a);
    parse(&p, "\"a\" ,b\n");
    assert_int_equal(p.err.problem, CSV_E_AFTER_QUOTE);
    arena_free(&p.a);
}

static void test_blank_lines_are_skipped(void **state) {
    struct parsed p;
    parse(&p, "\n\na\n\n\nb\n\n");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.n, 2);
    assert_fields(&p.recs[0], 3, 1, (const char *[]){"a"});
    assert_fields(&p.recs[1], 6, 1, (const char *[]){"b"});
    arena_free(&p.a);
}

static void test_quote_errors_name_their_line(void **state) {
    struct parsed p;
    parse(&p, "a,b\n1,2\n3,\"open\nstill open\n");
    assert_int_equal(p.rc, KW_EINVAL);
    assert_int_equal(p.err.problem, CSV_E_UNTERMINATED);
    assert_int_equal(p.err.line, 3);                  /* where the quoted field starts */
    arena_free(&p.a);

    parse(&p, "a,b\n1,ab\"c\n");
    assert_int_equal(p.rc, KW_EINVAL);
    assert_int_equal(p.err.problem, CSV_E_STRAY_QUOTE);
    assert_int_equal(p.err.line, 2);
    arena_free(&p.a);

    parse(&p, "a,b\n\n\"x\"y,1\n");
    assert_int_equal(p.rc, KW_EINVAL);
    assert_int_equal(p.err.problem, CSV_E_AFTER_QUOTE);
    assert_int_equal(p.err.line, 3);
    char msg[300];
    csv_error_format(&p.err, false, msg, sizeof msg);
    assert_non_null(strstr(msg, "closing quote"));
    csv_error_format(&p.err, true, msg, sizeof msg);
    assert_non_null(strstr(msg, "閉じ引用符"));
    arena_free(&p.a);
}

static void test_too_many_fields(void **state) {
    struct buf b = BUF_INIT;
    for (int i = 0; i <= CSV_MAX_FIELDS; i++)
        buf_puts(&b, i ? ",x" : "x");
    struct parsed p;
    parse(&p, buf_cstr(&b));
    assert_int_equal(p.rc, KW_EINVAL);
    assert_int_equal(p.err.problem, CSV_E_TOO_MANY_FIELDS);
    arena_free(&p.a);
    buf_free(&b);
}

static void test_too_many_records(void **state) {
    struct buf b = BUF_INIT;
    buf_puts(&b, "\"a\nb\"\n");                       /* lines 1-2 */
    for (int i = 1; i <= CSV_MAX_RECORDS; i++)
        buf_puts(&b, "x\n");
    struct parsed p;
    parse(&p, buf_cstr(&b));
    assert_int_equal(p.rc, KW_EINVAL);
    assert_int_equal(p.err.problem, CSV_E_TOO_MANY_RECORDS);
    assert_int_equal(p.err.line, CSV_MAX_RECORDS + 2);
    arena_free(&p.a);
    buf_free(&b);
}

/* ---- encodings */

static void test_utf8_is_taken_as_it_is(void **state) {
    struct arena a = ARENA_INIT;
    enum csv_encoding enc;
    struct csv_error err;
    int rc;
    const char *t = decode(&a, "指標,値\n", strlen("指標,値\n"), &enc, &err, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(enc, CSV_UTF8);
    assert_string_equal(t, "指標,値\n");
    assert_string_equal(csv_encoding_name(enc), "utf-8");
    arena_free(&a);
}

static void test_utf8_bom_is_stripped(void **state) {
    struct arena a = ARENA_INIT;
    enum csv_encoding enc;
    struct csv_error err;
    int rc;
    const char data[] = "\xef\xbb\xbf指標,値\n";
    const char *t = decode(&a, data, sizeof data - 1, &enc, &err, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(enc, CSV_UTF8_BOM);
    assert_string_equal(t, "指標,値\n");               /* no BOM in the first header name */
    arena_free(&a);
}

static void test_cp932_is_converted(void **state) {
    struct arena a = ARENA_INIT;
    enum csv_encoding enc;
    struct csv_error err;
    int rc;
    /* "指標,値\r\n窓口,ｱ\r\n" in Shift_JIS (CP932): 指 8E77, 標 9557, 値 926C, 窓 918B, 口 8CFB,
     * half-width katakana ｱ B1 */
    const char data[] = "\x8e\x77\x95\x57,\x92\x6c\r\n\x91\x8b\x8c\xfb,\xb1\r\n";
    const char *t = decode(&a, data, sizeof data - 1, &enc, &err, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(enc, CSV_CP932);
    assert_string_equal(t, "指標,値\r\n窓口,ｱ\r\n");
    assert_string_equal(csv_encoding_name(enc), "cp932");
    arena_free(&a);
}

static void test_bad_encodings_are_refused(void **state) {
    struct arena a = ARENA_INIT;
    enum csv_encoding enc;
    struct csv_error err;
    int rc;
    decode(&a, "\xff\xfe" "a\0,\0", 6, &enc, &err, &rc);                 /* UTF-16 */
    assert_int_equal(rc, KW_EINVAL);
    assert_int_equal(err.problem, CSV_E_UTF16);
    decode(&a, "a,b\nc\xff,d\n", 9, &enc, &err, &rc);                     /* 0xFF is not CP932 either */
    assert_int_equal(rc, KW_EINVAL);
    assert_int_equal(err.problem, CSV_E_ENCODING);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.detail, 0xff);
    const char utf8_then_bad[] = "指標,値\n窓口,1\nx\xff,2\n";             /* UTF-8 but for line 3 */
    decode(&a, utf8_then_bad, sizeof utf8_then_bad - 1, &enc, &err, &rc);
    assert_int_equal(rc, KW_EINVAL);
    assert_int_equal(err.problem, CSV_E_ENCODING);
    assert_int_equal(err.line, 3);                      /* where UTF-8 stopped, not where CP932 did */
    decode(&a, "\xef\xbb\xbf" "a\n\x8e\x77\n", 8, &enc, &err, &rc);       /* a BOM, then Shift_JIS */
    assert_int_equal(rc, KW_EINVAL);
    assert_int_equal(err.problem, CSV_E_BAD_BOM);
    assert_int_equal(err.line, 2);
    decode(&a, "a,b\n1,\0\n", 8, &enc, &err, &rc);                        /* a NUL byte */
    assert_int_equal(rc, KW_EINVAL);
    assert_int_equal(err.problem, CSV_E_NUL);
    assert_int_equal(err.line, 2);
    arena_free(&a);
}

/* ---- the measurement import */

static const struct actor csv_actor = {"unit-test", "cli"};

static int64_t measurements_of_kpi(struct db *db, int64_t kpi_id) {
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM kpi_measurement WHERE kpi_id = %lld", (long long)kpi_id);
    return tu_sql_int(db, sql);
}

/* The id of the KPI of Gotsu's 1-1-3 書かない窓口. */
static int64_t madoguchi_kpi(struct db *db, int64_t plan_id) {
    int64_t measure_id = 0, kpi_id = 0;
    assert_int_equal(store_measure_id_by_key(db, plan_id, "1-1-3", &measure_id), 0);
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT id FROM kpi WHERE measure_id = %lld AND name = '窓口の平均対応時間削減割合'",
             (long long)measure_id);
    kpi_id = tu_sql_int(db, sql);
    assert_true(kpi_id > 0);
    return kpi_id;
}

static int import_text(struct db *db, struct arena *a, int64_t plan_id, const char *data, size_t len, bool ja,
                       struct mcsv_report *rep) {
    struct mcsv_options opt = {&csv_actor, "test.csv", "test.csv", ja};
    return measurement_csv_import(db, a, plan_id, data, len, &opt, rep);
}

static void test_import_good_file(void **state) {
    struct tu_demo *d = *state;
    int64_t plan = tu_plan_id(d->db, "322075"), kpi = madoguchi_kpi(d->db, plan);
    int64_t before = measurements_of_kpi(d->db, kpi), audit = tu_sql_int(d->db, "SELECT count(*) FROM audit");
    /* English headers in another order, a kpi_id row, full-width digits, thousands commas */
    char data[512];
    snprintf(data, sizeof data,
             "value,period,kpi,measure_code,note,kpi_id\r\n"
             "12.5,2025/3/31,窓口の平均対応時間削減割合,1-1-3,\"窓口, アンケート\",\r\n"
             "\"1,234.5\",２０２５－０６－３０,,,,%lld\r\n", (long long)kpi);
    struct arena a = ARENA_INIT;
    struct mcsv_report rep;
    assert_int_equal(import_text(d->db, &a, plan, data, strlen(data), false, &rep), 0);
    assert_int_equal(rep.added, 2);
    assert_int_equal(rep.n_errors, 0);
    assert_int_equal(measurements_of_kpi(d->db, kpi), before + 2);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM kpi_measurement WHERE period = '2025-03-31' AND value = 12.5 "
                                       "AND note = '窓口, アンケート' AND source = 'test.csv' AND recorded_by = 'unit-test'"), 1);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM kpi_measurement WHERE period = '2025-06-30' AND value = 1234.5"), 1);
    /* one audit row per measurement and one for the import */
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM audit"), audit + 3);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM audit WHERE entity = 'plan' AND action = 'import'"), 1);
    arena_free(&a);
}

static void test_import_japanese_headers_in_cp932(void **state) {
    struct tu_demo *d = *state;
    int64_t plan = tu_plan_id(d->db, "322075"), kpi = madoguchi_kpi(d->db, plan);
    int64_t before = measurements_of_kpi(d->db, kpi);
    /* "施策コード,指標名,時点,値,出典\r\n1-1-3,窓口の平均対応時間削減割合,2025-09-30,20,窓口\r\n" in CP932 */
    const char data[] =
        "\x8e\x7b\x8d\xf4\x83\x52\x81\x5b\x83\x68,\x8e\x77\x95\x57\x96\xbc,\x8e\x9e\x93\x5f,\x92\x6c,\x8f\x6f\x93\x54\r\n"
        "1-1-3,\x91\x8b\x8c\xfb\x82\xcc\x95\xbd\x8b\xcf\x91\xce\x89\x9e\x8e\x9e\x8a\xd4\x8d\xed\x8c\xb8\x8a\x84\x8d\x87,"
        "2025-09-30,20,\x91\x8b\x8c\xfb\r\n";
    struct arena a = ARENA_INIT;
    struct mcsv_report rep;
    int rc = import_text(d->db, &a, plan, data, sizeof data - 1, false, &rep);
    if (rc != 0)
        fail_msg("import failed: %s", rep.n_errors ? mcsv_error_text(&a, &rep.errors[0], false) : "?");
    assert_int_equal(rep.encoding, CSV_CP932);
    assert_int_equal(rep.added, 1);
    assert_int_equal(measurements_of_kpi(d->db, kpi), before + 1);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM kpi_measurement WHERE period = '2025-09-30' AND source = '窓口'"), 1);
    arena_free(&a);
}

static void test_import_bad_file_writes_nothing(void **state) {
    struct tu_demo *d = *state;
    int64_t plan = tu_plan_id(d->db, "322075");
    int64_t rows = tu_sql_int(d->db, "SELECT count(*) FROM kpi_measurement");
    int64_t audit = tu_sql_int(d->db, "SELECT count(*) FROM audit");
    const char *data =
        "施策コード,指標名,時点,値\n"
        "1-1-3,窓口の平均対応時間削減割合,2025-03-31,1\n"      /* good, but the file is refused */
        "1-1-3,窓口の平均対応時間削減割合,2025-02-30,abc\n"    /* line 3: date and value */
        "9-9-9,何か,2025-03-31,1\n"                            /* line 4: measure */
        "1-1-3,ない指標,2025-03-31,1\n"                        /* line 5: KPI */
        "1-1-3,窓口の平均対応時間削減割合,,\n"                 /* line 6: two empty fields */
        "1-1-3,窓口の平均対応時間削減割合,2025-03-31,1,extra\n";   /* line 7: too many fields */
    struct arena a = ARENA_INIT;
    struct mcsv_report rep;
    assert_int_equal(import_text(d->db, &a, plan, data, strlen(data), false, &rep), KW_EINVAL);
    assert_int_equal(rep.added, 0);
    assert_int_equal(rep.n_errors, 7);
    const struct { int line; const char *column; const char *text; } want[] = {
        {3, "時点", "line 3: 時点: not a date like 2025-03-31 or 2025/3/31: 2025-02-30"},
        {3, "値", "line 3: 値: not a number: abc (digits, also full-width, like 1,234 or 約11.0)"},
        {4, "施策コード", "line 4: 施策コード: no measure with code 9-9-9 in this plan"},
        {5, "指標名", "line 5: 指標名: the measure has no KPI named ない指標"},
        {6, "時点", "line 6: 時点: this field is empty"},
        {6, "値", "line 6: 値: this field is empty"},
        {7, NULL, "line 7: the line has more fields than the header (5)"},
    };
    for (size_t i = 0; i < rep.n_errors; i++) {
        assert_int_equal(rep.errors[i].line, want[i].line);
        if (want[i].column)
            assert_string_equal(rep.errors[i].column, want[i].column);
        else
            assert_null(rep.errors[i].column);
        assert_string_equal(mcsv_error_text(&a, &rep.errors[i], false), want[i].text);
    }
    /* the same file with messages in Japanese */
    assert_int_equal(import_text(d->db, &a, plan, data, strlen(data), true, &rep), KW_EINVAL);
    assert_int_equal(rep.n_errors, 7);
    assert_string_equal(mcsv_error_text(&a, &rep.errors[1], true), "3行目：値：数値ではありません（「abc」）。半角・全角の数字、「1,234」「約11.0」の形で入力できます。");
    assert_string_equal(mcsv_error_text(&a, &rep.errors[6], true), "7行目：見出しより項目が多い行です（5個）。");
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM kpi_measurement"), rows);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM audit"), audit);
    arena_free(&a);
}

static void test_import_header_problems(void **state) {
    struct tu_demo *d = *state;
    int64_t plan = tu_plan_id(d->db, "322075");
    struct arena a = ARENA_INIT;
    struct mcsv_report rep;
    const char *data = "施策コード,指標名,日付,値,値\n1-1-3,x,2025-03-31,1,1\n";
    assert_int_equal(import_text(d->db, &a, plan, data, strlen(data), false, &rep), KW_EINVAL);
    assert_int_equal(rep.n_errors, 3);
    assert_string_equal(mcsv_error_text(&a, &rep.errors[0], false),
                        "line 1: 日付: unknown column (known columns: measure_code, kpi, kpi_id, period, value, note, source)");
    assert_string_equal(mcsv_error_text(&a, &rep.errors[1], false), "line 1: 値: this column appears twice");
    assert_string_equal(mcsv_error_text(&a, &rep.errors[2], false), "line 1: 時点/period: this column is missing");

    data = "period,value\n2025-03-31,1\n";
    assert_int_equal(import_text(d->db, &a, plan, data, strlen(data), false, &rep), KW_EINVAL);
    assert_string_equal(mcsv_error_text(&a, &rep.errors[0], false),
                        "line 1: needs the columns kpi and measure_code, or a kpi_id column");

    data = "\n\n";
    assert_int_equal(import_text(d->db, &a, plan, data, strlen(data), false, &rep), KW_EINVAL);
    assert_string_equal(mcsv_error_text(&a, &rep.errors[0], false), "the file is empty");

    data = "kpi_id,period,value\n";
    assert_int_equal(import_text(d->db, &a, plan, data, strlen(data), false, &rep), KW_EINVAL);
    assert_string_equal(mcsv_error_text(&a, &rep.errors[0], false), "line 1: there are no measurement rows after the header");

    data = "a,\"b\n";
    assert_int_equal(import_text(d->db, &a, plan, data, strlen(data), true, &rep), KW_EINVAL);
    assert_int_equal(rep.errors[0].line, 1);
    assert_non_null(strstr(mcsv_error_text(&a, &rep.errors[0], true), "1行目："));
    arena_free(&a);
}

static void test_import_kpi_of_another_plan(void **state) {
    struct tu_demo *d = *state;
    int64_t gotsu = tu_plan_id(d->db, "322075"), inzai = tu_plan_id(d->db, "122319");
    int64_t kpi = madoguchi_kpi(d->db, gotsu);
    char data[128];
    snprintf(data, sizeof data, "kpi_id,period,value\n%lld,2025-03-31,1\nabc,2025-03-31,1\n", (long long)kpi);
    struct arena a = ARENA_INIT;
    struct mcsv_report rep;
    assert_int_equal(import_text(d->db, &a, inzai, data, strlen(data), false, &rep), KW_EINVAL);
    assert_int_equal(rep.n_errors, 2);
    assert_int_equal(rep.errors[0].line, 2);
    assert_string_equal(rep.errors[0].column, "kpi_id");
    assert_int_equal(rep.errors[1].line, 3);
    assert_int_equal(import_text(d->db, &a, 999999, data, strlen(data), false, &rep), KW_ENOTFOUND);
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_fields_and_line_endings),
        cmocka_unit_test(test_quotes_commas_and_doubled_quotes),
        cmocka_unit_test(test_embedded_newlines_keep_line_numbers),
        cmocka_unit_test(test_lines_after_quoted_multiline_fields),
        cmocka_unit_test(test_blank_lines_are_skipped),
        cmocka_unit_test(test_quote_errors_name_their_line),
        cmocka_unit_test(test_too_many_fields),
        cmocka_unit_test(test_too_many_records),
        cmocka_unit_test(test_utf8_is_taken_as_it_is),
        cmocka_unit_test(test_utf8_bom_is_stripped),
        cmocka_unit_test(test_cp932_is_converted),
        cmocka_unit_test(test_bad_encodings_are_refused),
        cmocka_unit_test_setup_teardown(test_import_good_file, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_import_japanese_headers_in_cp932, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_import_bad_file_writes_nothing, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_import_header_problems, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_import_kpi_of_another_plan, tu_demo_setup, tu_demo_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
