/* Tests the spreadsheet writers and readers: src/xfer/sheet.c (the table model) and
 * src/xfer/csv_out.c (CSV with a BOM or in CP932, quoting, cells that would run as formulas). */
#include "testutil.h"

#include "util/buf.h"
#include "xfer/csv.h"
#include "xfer/csv_out.h"
#include "xfer/sheet.h"

static const struct sheet_col cols[] = {
    {"番号", "code", 8, false}, {"取組", "title", 30, true}, {"値", "value", 8, false}, {"日付", "date", 10, false}};

static void sample(struct sheet *s, struct arena *a) {
    sheet_init(s, a, "一覧", "list", cols, 4);
    struct cell *row = sheet_add_row(s);
    cell_set_text(&row[0], "1-1-3");
    cell_set_text(&row[1], "書かない窓口, \"江津版\"\n二行目");
    cell_set_number(&row[2], 12.5);
    cell_set_date(&row[3], "2025-03-31");
    row = sheet_add_row(s);
    cell_set_text(&row[0], "=HYPERLINK(\"x\")");
    cell_set_text(&row[1], "-5");
    cell_set_number(&row[2], -5);
    cell_set_text(&row[3], "@SUM");
}

static void test_utf8_bom_quoting_and_formulas(void **state) {
    (void)state;
    struct arena a = ARENA_INIT;
    struct sheet s;
    sample(&s, &a);
    struct buf b = BUF_INIT;
    assert_int_equal(csv_write_sheet(&b, &s, CSV_UTF8_BOM, NULL), 0);
    assert_string_equal(buf_cstr(&b), "\xEF\xBB\xBF"
                                      "番号,取組,値,日付\r\n"
                                      "1-1-3,\"書かない窓口, \"\"江津版\"\"\n二行目\",12.5,2025-03-31\r\n"
                                      "\"'=HYPERLINK(\"\"x\"\")\",'-5,-5,'@SUM\r\n");
    buf_free(&b);
    arena_free(&a);
}

static void test_cp932_and_replacement(void **state) {
    (void)state;
    struct arena a = ARENA_INIT;
    struct sheet s;
    sheet_init(&s, &a, "一覧", "list", cols, 4);
    struct cell *row = sheet_add_row(&s);
    cell_set_text(&row[0], "窓口");
    cell_set_text(&row[1], "髙😀");       /* 髙 is in CP932 (IBM extension); the emoji is not */
    struct buf b = BUF_INIT;
    size_t replaced = 9;
    assert_int_equal(csv_write_sheet(&b, &s, CSV_CP932, &replaced), 0);
    assert_int_equal(replaced, 1);
    /* read back through the importer's decoder: the same characters, the emoji as "?" */
    const char *text;
    size_t len;
    enum csv_encoding enc;
    struct csv_error err;
    assert_int_equal(csv_to_utf8(&a, b.data, b.len, &text, &len, &enc, &err), 0);
    assert_int_equal(enc, CSV_CP932);
    assert_string_equal(text, "番号,取組,値,日付\r\n窓口,髙?,,\r\n");
    buf_free(&b);
    arena_free(&a);
}

static void test_cells_as_text(void **state) {
    (void)state;
    struct cell c;
    char num[32];
    cell_set_text(&c, "");
    assert_int_equal(c.kind, CELL_EMPTY);
    assert_string_equal(cell_as_text(&c, num, sizeof num), "");
    cell_set_number(&c, 0.1 + 0.2);
    assert_string_equal(cell_as_text(&c, num, sizeof num), "0.30000000000000004");
    cell_set_number(&c, 912);
    assert_string_equal(cell_as_text(&c, num, sizeof num), "912");
    assert_true(csv_cell_is_formula_like("+81"));
    assert_false(csv_cell_is_formula_like("81"));
    assert_false(csv_cell_is_formula_like(""));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_bom_quoting_and_formulas),
        cmocka_unit_test(test_cp932_and_replacement),
        cmocka_unit_test(test_cells_as_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
