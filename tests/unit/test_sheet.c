/* Tests the spreadsheet writers and readers: src/xfer/sheet.c (the table model),
 * src/xfer/csv_out.c (CSV with a BOM or in CP932, quoting, cells that would run as formulas),
 * src/xfer/sheet_json.c (a table as JSON) and src/xfer/sheet_kpis.c (the KPI and measurement
 * tables of a plan). */
#include "testutil.h"

#include "util/buf.h"
#include "util/jw.h"
#include "xfer/csv.h"
#include "xfer/csv_out.h"
#include "xfer/plan_sheets.h"
#include "xfer/sheet.h"
#include "xfer/sheet_json.h"

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

static void test_json_rows_keyed_by_columns(void **state) {
    (void)state;
    struct arena a = ARENA_INIT;
    struct sheet s;
    sample(&s, &a);
    struct cell *row = sheet_add_row(&s);         /* a row of empty cells but one */
    cell_set_number(&row[2], 0.5);
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    jw_obj_begin(&w);
    jw_key(&w, "columns");
    sheet_json_columns(&w, &s);
    jw_key(&w, "items");
    sheet_json_rows(&w, &s);
    jw_obj_end(&w);
    assert_string_equal(buf_cstr(&b),
                        "{\"columns\":[{\"key\":\"code\",\"title\":\"番号\"},{\"key\":\"title\",\"title\":\"取組\"},"
                        "{\"key\":\"value\",\"title\":\"値\"},{\"key\":\"date\",\"title\":\"日付\"}],"
                        "\"items\":[{\"code\":\"1-1-3\",\"title\":\"書かない窓口, \\\"江津版\\\"\\n二行目\",\"value\":12.5,"
                        "\"date\":\"2025-03-31\"},"
                        "{\"code\":\"=HYPERLINK(\\\"x\\\")\",\"title\":\"-5\",\"value\":-5,\"date\":\"@SUM\"},"
                        "{\"code\":null,\"title\":null,\"value\":0.5,\"date\":null}]}");
    buf_free(&b);
    arena_free(&a);
}

/* A plan of one measure with three KPIs: achieved (measured), target 未決定, target なし. */
struct kpi_plan {
    struct org org;
    struct plan p;
    struct pillar pl;
    struct theme t;
    struct measure m;
    struct kpi k[3];
    struct measurement v[2];
};

static void kpi_plan(struct kpi_plan *f) {
    memset(f, 0, sizeof *f);
    f->org = (struct org){.code = "322075", .name = "江津市", .prefecture = "島根県"};
    f->v[0] = (struct measurement){.period = "2024-03-31", .value = 40, .note = "年度末", .source = "窓口集計"};
    f->v[1] = (struct measurement){.period = "2025-03-31", .value = 120};
    f->k[0] = (struct kpi){.name = "申請のオンライン化率", .unit = "%", .direction = DIR_INCREASE, .perspective = "citizen",
                           .has_baseline = true, .baseline_value = 0, .baseline_fy = 2023, .target_state = TARGET_SET,
                           .target_value = 100, .target_fy = 2026, .measurements = f->v, .n_measurements = 2};
    f->k[1] = (struct kpi){.name = "待ち時間", .unit = "分", .direction = DIR_DECREASE, .target_state = TARGET_UNDECIDED};
    f->k[2] = (struct kpi){.name = NULL, .direction = DIR_KEEP, .perspective = "staff", .target_state = TARGET_NONE};
    f->m = (struct measure){.code = "1-1-3", .key = "1-1-3", .title = "=1+1", .kpis = f->k, .n_kpis = 3};
    f->t = (struct theme){.title = "窓口改革", .measures = &f->m, .n_measures = 1};
    f->pl = (struct pillar){.title = "市民サービスの改革", .themes = &f->t, .n_themes = 1};
    f->p = (struct plan){.title = "アクションプラン", .pillars = &f->pl, .n_pillars = 1};
}

static void test_kpi_sheet(void **state) {
    (void)state;
    struct arena a = ARENA_INIT;
    struct kpi_plan f;
    kpi_plan(&f);
    struct sheet s;
    plan_sheet_kpis(&s, &a, &f.org, &f.p);
    assert_string_equal(s.name, "数値目標");
    assert_string_equal(s.file, "kpis");
    assert_int_equal(s.n_rows, 3);
    struct buf b = BUF_INIT;
    assert_int_equal(csv_write_sheet(&b, &s, CSV_UTF8, NULL), 0);
    assert_string_equal(buf_cstr(&b),
                        "全国地方公共団体コード,都道府県名,市区町村名,計画名,改革,取組項目,番号,取組,指標名,単位,方向,視点,"
                        "基準値,基準年度,目標値,目標年度,最新値,最新値の時点,達成率（%）,状況\r\n"
                        "322075,島根県,江津市,アクションプラン,市民サービスの改革,窓口改革,1-1-3,'=1+1,申請のオンライン化率,%,"
                        "増やす,住民目線,0,2023,100,2026,120,2025-03-31,120,達成\r\n"
                        "322075,島根県,江津市,アクションプラン,市民サービスの改革,窓口改革,1-1-3,'=1+1,待ち時間,分,減らす,,,,"
                        "未決定,,,,,目標未決定\r\n"
                        "322075,島根県,江津市,アクションプラン,市民サービスの改革,窓口改革,1-1-3,'=1+1,,,維持する,職員目線,"
                        ",,なし,,,,,目標なし\r\n");
    /* the figures are kpi_derive's: numbers and a date, not text */
    assert_int_equal(sheet_cell(&s, 0, 16)->kind, CELL_NUMBER);
    assert_int_equal(sheet_cell(&s, 0, 17)->kind, CELL_DATE);
    assert_int_equal(sheet_cell(&s, 1, 14)->kind, CELL_TEXT);
    buf_free(&b);
    arena_free(&a);
}

static void test_measurement_sheet(void **state) {
    (void)state;
    struct arena a = ARENA_INIT;
    struct kpi_plan f;
    kpi_plan(&f);
    struct sheet s;
    plan_sheet_measurements(&s, &a, &f.org, &f.p);
    assert_string_equal(s.name, "実績値");
    assert_int_equal(s.n_rows, 2);
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    sheet_json_rows(&w, &s);
    assert_string_equal(buf_cstr(&b),
                        "[{\"org_code\":\"322075\",\"prefecture\":\"島根県\",\"municipality\":\"江津市\",\"plan\":\"アクションプラン\","
                        "\"measure_code\":\"1-1-3\",\"measure\":\"=1+1\",\"kpi\":\"申請のオンライン化率\",\"unit\":\"%\","
                        "\"date\":\"2024-03-31\",\"value\":40,\"note\":\"年度末\",\"source\":\"窓口集計\"},"
                        "{\"org_code\":\"322075\",\"prefecture\":\"島根県\",\"municipality\":\"江津市\",\"plan\":\"アクションプラン\","
                        "\"measure_code\":\"1-1-3\",\"measure\":\"=1+1\",\"kpi\":\"申請のオンライン化率\",\"unit\":\"%\","
                        "\"date\":\"2025-03-31\",\"value\":120,\"note\":null,\"source\":null}]");
    assert_int_equal(sheet_cell(&s, 0, 8)->kind, CELL_DATE);
    buf_free(&b);
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_bom_quoting_and_formulas),
        cmocka_unit_test(test_cp932_and_replacement),
        cmocka_unit_test(test_cells_as_text),
        cmocka_unit_test(test_json_rows_keyed_by_columns),
        cmocka_unit_test(test_kpi_sheet),
        cmocka_unit_test(test_measurement_sheet),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
