/* Tests the workbook writer and reader (src/xfer/xlsx_out.c, src/xfer/xlsx_in.c) and the measure
 * list read into a plan (src/xfer/measure_list_in.c, src/xfer/sheet_measures.c): what is written
 * reads back cell for cell; a demo plan's list applied to itself changes nothing; rows add and
 * change measures, a further KPI's row below its measure, themes found by title where they have
 * no code; problems name their rows. */
#include "testutil.h"

#include "core/fiscal.h"
#include "xfer/measure_list_in.h"
#include "xfer/plan_sheets.h"
#include "xfer/sheet.h"
#include "xfer/xlsx_in.h"
#include "xfer/xlsx_out.h"

static const struct sheet_col cols[] = {{"番号", "code", 8, false}, {"取組", "title", 30, true}, {"値", "value", 8, false},
                                        {"日付", "date", 10, false}};

static void test_xlsx_round_trip(void **state) {
    (void)state;
    struct arena a = ARENA_INIT;
    struct sheet s;
    sheet_init(&s, &a, "一覧", "list", cols, 4);
    s.title = "江津市　一覧";
    s.freeze_cols = 2;
    struct cell *row = sheet_add_row(&s);
    cell_set_text(&row[0], "1-1-3");
    cell_set_text(&row[1], "書かない窓口 & <江津版>\n二行目");
    cell_set_number(&row[2], 12.5);
    cell_set_date(&row[3], "2025-03-31");
    row = sheet_add_row(&s);                  /* a row with an empty cell in the middle */
    cell_set_text(&row[0], "=1+1");
    cell_set_number(&row[3], -0.25);
    struct buf b = BUF_INIT;
    const char *problem;
    assert_int_equal(xlsx_write(&b, &s, 1, "test", &problem), 0);
    struct sheet *v;
    size_t n;
    assert_int_equal(xlsx_read(&a, b.data, b.len, &v, &n, &problem), 0);
    assert_int_equal(n, 1);
    assert_string_equal(v[0].name, "一覧");
    assert_int_equal(v[0].n_rows, 4);         /* the title, the header and two rows */
    char num[32];
    assert_string_equal(cell_as_text(sheet_cell(&v[0], 0, 0), num, sizeof num), "江津市　一覧");
    assert_string_equal(cell_as_text(sheet_cell(&v[0], 1, 3), num, sizeof num), "日付");
    assert_string_equal(cell_as_text(sheet_cell(&v[0], 2, 1), num, sizeof num), "書かない窓口 & <江津版>\n二行目");
    assert_int_equal(sheet_cell(&v[0], 2, 2)->kind, CELL_NUMBER);
    assert_double_near(sheet_cell(&v[0], 2, 2)->number, 12.5, 1e-12);
    /* a date is the day number Excel keeps: 2025-03-31 is day 45747 */
    assert_double_near(sheet_cell(&v[0], 2, 3)->number, 45747, 1e-9);
    assert_string_equal(cell_as_text(sheet_cell(&v[0], 3, 0), num, sizeof num), "=1+1");
    assert_int_equal(sheet_cell(&v[0], 3, 0)->kind, CELL_TEXT);
    assert_int_equal(sheet_cell(&v[0], 3, 1)->kind, CELL_EMPTY);
    assert_double_near(sheet_cell(&v[0], 3, 3)->number, -0.25, 1e-12);
    buf_free(&b);
    arena_free(&a);
}

static void test_xlsx_refuses_what_is_not_a_workbook(void **state) {
    (void)state;
    struct arena a = ARENA_INIT;
    struct sheet *v;
    size_t n;
    const char *problem;
    assert_int_equal(xlsx_read(&a, "番号,取組\n", 14, &v, &n, &problem), KW_EINVAL);
    assert_string_equal(problem, "not an xlsx workbook (not a zip file)");
    static const char truncated[] = "PK\x03\x04garbage that is not a zip";
    assert_int_equal(xlsx_read(&a, truncated, sizeof truncated - 1, &v, &n, &problem), KW_EINVAL);
    assert_non_null(strstr(problem, "not an xlsx workbook"));
    arena_free(&a);
}

/* A workbook another program wrote (the fuzz corpus's seed): rich text runs joined and their
 * phonetic guide left out, an inline string, a number, a boolean as 1. */
static void test_xlsx_reads_what_others_write(void **state) {
    (void)state;
    struct arena a = ARENA_INIT;
    size_t len;
    char *data = tu_read_source("fuzz/corpus/xlsx/minimal.xlsx", &len);
    struct sheet *v;
    size_t n;
    const char *problem;
    assert_int_equal(xlsx_read(&a, data, len, &v, &n, &problem), 0);
    assert_int_equal(n, 1);
    assert_string_equal(v[0].name, "個別業務一覧");
    char num[32];
    assert_string_equal(cell_as_text(sheet_cell(&v[0], 1, 0), num, sizeof num), "1-1-3");
    assert_string_equal(cell_as_text(sheet_cell(&v[0], 1, 1), num, sizeof num), "書かない窓口");
    assert_string_equal(cell_as_text(sheet_cell(&v[0], 1, 2), num, sizeof num), "12.5");
    assert_string_equal(cell_as_text(sheet_cell(&v[0], 1, 3), num, sizeof num), "1");
    assert_true(measure_list_is(&v[0]));
    free(data);
    arena_free(&a);
}

/* The demo organisation's document and the measure list of its plan. */
static struct plan *load(struct tu_demo *d, struct arena *a, const char *code, struct org_doc *doc, struct sheet *s) {
    assert_int_equal(store_org_doc_load(d->db, a, code, doc), 0);
    plan_sheet_measures(s, a, &doc->org, &doc->plans[0]);
    return &doc->plans[0];
}

/* The list as a workbook and back: what a reader gets from a file. */
static const struct sheet *through_xlsx(struct arena *a, const struct sheet *s) {
    struct buf b = BUF_INIT;
    const char *problem;
    assert_int_equal(xlsx_write(&b, s, 1, "t", &problem), 0);
    struct sheet *v;
    size_t n;
    assert_int_equal(xlsx_read(a, b.data, b.len, &v, &n, &problem), 0);
    buf_free(&b);
    return measure_list_find(v, n);
}

static struct measure *find_measure(struct plan *p, const char *code) {
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            for (size_t k = 0; k < p->pillars[i].themes[j].n_measures; k++)
                if (strcmp(p->pillars[i].themes[j].measures[k].code, code) == 0)
                    return &p->pillars[i].themes[j].measures[k];
    return NULL;
}

static void test_list_applied_to_itself_is_the_same_plan(void **state) {
    struct tu_demo *d = *state;
    const char *orgs[] = {"322075", "122319"};   /* themes with codes, and without */
    for (size_t o = 0; o < 2; o++) {
        struct arena a = ARENA_INIT;
        struct org_doc doc;
        struct sheet s;
        struct plan *p = load(d, &a, orgs[o], &doc, &s);
        const struct sheet *read = through_xlsx(&a, &s);
        assert_non_null(read);
        assert_ptr_equal(measure_list_plan(&doc, read), p);
        struct buf before = BUF_INIT, after = BUF_INIT;
        plan_doc_write(&before, &doc, 0);
        struct ml_result res;
        assert_int_equal(measure_list_apply(&a, &doc, p, read, true, &res), 0);
        assert_int_equal(res.n_problems, 0);
        plan_doc_write(&after, &doc, 0);
        assert_string_equal(buf_cstr(&after), buf_cstr(&before));
        buf_free(&before);
        buf_free(&after);
        arena_free(&a);
    }
}

/* A list typed by hand: only some columns, in another order, with a title row above. */
static void hand_list(struct sheet *s, struct arena *a, const char *const *rows, size_t n_rows, size_t n_cols) {
    sheet_init(s, a, "Sheet1", "Sheet1", arena_alloc(a, n_cols * sizeof(struct sheet_col)), n_cols);
    for (size_t r = 0; r < n_rows; r++) {
        struct cell *row = sheet_add_row(s);
        for (size_t c = 0; c < n_cols; c++)
            cell_set_text(&row[c], rows[r * n_cols + c]);
    }
}

static void test_rows_add_and_change(void **state) {
    struct tu_demo *d = *state;
    struct arena a = ARENA_INIT;
    struct org_doc doc;
    assert_int_equal(store_org_doc_load(d->db, &a, "322075", &doc), 0);
    struct plan *p = &doc.plans[0];
    struct measure *m = find_measure(p, "1-1-3");
    size_t kpis_before = m->n_kpis, schedule_before = m->n_schedule;
    int64_t id = m->id;
    enum { W = 11 };
    static const char *const rows[] = {
        "個別業務一覧", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        "取組", "番号", "改革番号", "取組項目番号", "スケジュール 令和7年度", "数値目標", "基準値", "基準年度", "目標値",
        "目標年度", "メモ",
        "書かない窓口（改）", "1-1-3", "1", "①", "○検討\n【第2四半期】\n・実証", "窓口の平均対応時間削減割合", "0", "R6",
        "50", "令和9年度", "x",
        "書かない窓口（改）", "1-1-3", "1", "①", NULL, "記入件数", "1,200", "２０２４年度", "なし", NULL, NULL,
        "新しい取組", "1-1-9", "1", "①", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    };
    struct sheet s;
    hand_list(&s, &a, rows, sizeof rows / sizeof *rows / W, W);
    struct ml_result res;
    assert_int_equal(measure_list_apply(&a, &doc, p, &s, false, &res), 0);
    assert_int_equal(res.rows, 3);
    assert_int_equal(res.n_not_read, 1);
    assert_string_equal(res.not_read[0], "メモ");
    m = find_measure(p, "1-1-3");
    assert_int_equal(m->id, id);
    assert_string_equal(m->title, "書かない窓口（改）");
    assert_int_equal(m->n_kpis, kpis_before + 1);
    assert_string_equal(m->kpis[kpis_before].name, "記入件数");
    assert_true(m->kpis[kpis_before].has_baseline);
    assert_double_near(m->kpis[kpis_before].baseline_value, 1200, 0);
    assert_int_equal(m->kpis[kpis_before].target_state, TARGET_NONE);
    /* years as people write them (core/fiscal.h fy_parse) */
    assert_int_equal(m->kpis[kpis_before].baseline_fy, 2024);
    assert_int_equal(m->kpis[0].baseline_fy, 2024);
    assert_int_equal(m->kpis[0].target_fy, 2027);
    /* 2025's items replaced (the year's, then the second quarter's), the other years kept */
    size_t n2025 = 0;
    for (size_t i = 0; i < m->n_schedule; i++)
        if (m->schedule[i].fy == 2025) {
            n2025++;
            assert_string_equal(m->schedule[i].items.items[0], m->schedule[i].quarter == 2 ? "実証" : "検討");
        }
    assert_int_equal(n2025, 2);
    assert_int_equal(m->n_schedule, schedule_before + 1);
    struct measure *added = find_measure(p, "1-1-9");
    assert_non_null(added);
    assert_string_equal(added->title, "新しい取組");
    assert_int_equal(added->id, 0);
    arena_free(&a);
}

static void test_problems_name_their_rows(void **state) {
    struct tu_demo *d = *state;
    struct arena a = ARENA_INIT;
    struct org_doc doc;
    assert_int_equal(store_org_doc_load(d->db, &a, "322075", &doc), 0);
    enum { W = 6 };
    static const char *const rows[] = {
        "改革番号", "番号", "取組", "進捗", "基準値", "基準年度",
        "1", "1-1-3", "書かない窓口", "先進地視察", "12", "来年度",
        "7", "7-1", "新しい改革の取組", NULL, NULL, NULL,
        "1", "1-2-1", NULL, "【2023年度】\n○視察", NULL, NULL,
        "1", "1-1-1", "x", NULL, NULL, NULL,
        "1", "1-1-3", "書かない窓口", NULL, NULL, NULL,
    };
    struct sheet s;
    hand_list(&s, &a, rows, sizeof rows / sizeof *rows / W, W);
    struct ml_result res;
    assert_int_equal(measure_list_apply(&a, &doc, &doc.plans[0], &s, false, &res), KW_EINVAL);
    const char *want[][2] = {
        {"2", "progress items go under a year's heading such as 【2024年度】: 先進地視察"},
        {"2", "must be a fiscal year (1900-2200) such as 2024, 2024年度, 令和6年度 or R6, not 来年度"},
        {"3", "no pillar 7 in the plan: give its title under 改革 to add it"},
        {"4", "this cell is empty"},
        {"6", "the same measure is on row 2 too (a measure's further KPIs go on the rows right below it)"},
    };
    assert_int_equal(res.n_problems, sizeof want / sizeof *want);
    for (size_t i = 0; i < res.n_problems; i++) {
        assert_int_equal(res.problems[i].row, atoi(want[i][0]));
        assert_string_equal(res.problems[i].message, want[i][1]);
    }
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xlsx_round_trip),
        cmocka_unit_test(test_xlsx_refuses_what_is_not_a_workbook),
        cmocka_unit_test(test_xlsx_reads_what_others_write),
        cmocka_unit_test_setup_teardown(test_list_applied_to_itself_is_the_same_plan, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_rows_add_and_change, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_problems_name_their_rows, tu_demo_setup, tu_demo_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
