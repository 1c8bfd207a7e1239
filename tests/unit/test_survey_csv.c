/* Tests src/xfer/survey_csv.c and src/store/store_survey.c: the survey CSV of the workload
 * inventory read in each encoding (UTF-8, with a BOM, CP932 converted here with iconv), its
 * header in Japanese or English in any order, every rule of a row with its line and column
 * (departments, FY forms, numbers, step numbers, staff, channel, flags, text rules), business
 * columns that disagree, all or nothing; then the import into the demo database: ids kept by a
 * second import, removals, positions in the file's order, the refusal to delete a step that
 * has a means applied, and one audit entry per department and FY. */
#include <iconv.h>
#include <stdlib.h>
#include "testutil.h"

#include "store/store_survey.h"
#include "store/store_workload.h"
#include "xfer/survey_csv.h"

static const struct actor survey_actor = {"unit-test", "cli"};

#define HEADER "課コード,調査年度,業務コード,業務名,年間件数,手順番号,手順名,所要時間（分）,担い手,経路,紙,押印,対面,転記,決裁,備考\r\n"

/* 窓口担当課 (madoguchi) and 税務課 (zeimu) of 江津市: three businesses, six steps. */
static const char good_csv[] = HEADER
    "madoguchi,令和6年度,A01,住民票の写しの交付,\"12,000\",1,申請書の受付,5,正規職員,窓口,○,,○,,,窓口で受付\r\n"
    "madoguchi,2024,A01,住民票の写しの交付,１２０００,2,システム入力,3,会計年度任用職員,庁内,,,,〇,,\r\n"
    "madoguchi,R6,A01,住民票の写しの交付,12000,3,交付,2,正規職員,窓口,○,,○,,,\r\n"
    "madoguchi,2024年度,A02,転入届,1500,1,受付,15,regular,counter,1,1,1,0,0,\r\n"
    "madoguchi,2024,A02,転入届,1500,2,決裁,5,regular,internal,,,,,yes,\r\n"
    "zeimu,2024,B01,固定資産税の証明,3000,1,受付,4,委託,郵送,はい,true,いいえ,no,x,\r\n";

static int64_t gotsu(struct db *db) {
    struct arena a = ARENA_INIT;
    struct org o;
    assert_int_equal(store_org_by_code(db, &a, "322075", &o), 0);
    arena_free(&a);
    return o.id;
}

static int parse(struct db *db, struct arena *a, const char *csv, size_t len, bool ja, struct survey_file *f) {
    return survey_csv_parse(db, a, gotsu(db), csv, len, ja, f);
}

static int import(struct db *db, struct arena *a, const char *csv, struct survey_file *f, struct survey_result *res) {
    return survey_csv_import(db, a, gotsu(db), csv, strlen(csv), false, &survey_actor, f, res);
}

/* The texts of all errors, one a line, for the failure message and for searching. */
static const char *all_errors(struct arena *a, const struct survey_file *f, bool ja) {
    const char *s = "";
    for (size_t i = 0; i < f->n_errors; i++)
        s = arena_printf(a, "%s%s\n", s, survey_error_text(a, &f->errors[i], ja));
    return s;
}

/* Fails unless the file was refused with an error whose text (English) holds want. */
static void assert_error(struct db *db, const char *csv, const char *want) {
    struct arena a = ARENA_INIT;
    struct survey_file f;
    assert_int_equal(parse(db, &a, csv, strlen(csv), false, &f), KW_EINVAL);
    const char *all = all_errors(&a, &f, false);
    if (!strstr(all, want))
        fail_msg("no error \"%s\" among:\n%s", want, all);
    arena_free(&a);
}

/* Fails unless the file parses. */
static void assert_parses(struct db *db, const char *csv, struct arena *a, struct survey_file *f) {
    if (parse(db, a, csv, strlen(csv), false, f) != 0)
        fail_msg("refused:\n%s", all_errors(a, f, false));
}

static int64_t count(struct db *db, const char *sql) { return tu_sql_int(db, sql); }

/* CP932 bytes of UTF-8 text (malloc'd), converted with iconv as a spreadsheet would save it. */
static char *to_cp932(const char *utf8, size_t *ret_len) {
    iconv_t cd = iconv_open("CP932", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t in_left = strlen(utf8), out_size = in_left * 2 + 1, out_left = out_size;
    char *out = malloc(out_size), *in = (char *)utf8, *o = out;
    assert_true(iconv(cd, &in, &in_left, &o, &out_left) != (size_t)-1);
    iconv_close(cd);
    *ret_len = out_size - out_left;
    return out;
}

/* ---- reading */

static void test_good_file_is_read_into_departments_businesses_and_steps(void **state) {
    struct tu_demo *d = *state;
    struct arena a = ARENA_INIT;
    struct survey_file f;
    assert_parses(d->db, good_csv, &a, &f);
    assert_int_equal(f.encoding, CSV_UTF8);
    assert_int_equal(f.n_parts, 2);                 /* 2024, 令和6年度, R6, 2024年度 are one FY */
    assert_string_equal(f.parts[0].department_code, "madoguchi");
    assert_int_equal(f.parts[0].survey_fy, 2024);
    assert_int_equal(f.parts[0].n, 2);
    assert_int_equal(f.n_businesses, 3);
    assert_int_equal(f.n_steps, 6);
    const struct business *b = &f.parts[0].businesses[0];
    assert_string_equal(b->code, "A01");
    assert_double_near(b->volume, 12000, 0);        /* "12,000", １２０００ and 12000 agree */
    assert_string_equal(b->note, "窓口で受付");      /* given on one row only */
    assert_int_equal(b->n_steps, 3);
    assert_int_equal(b->steps[1].staff, STAFF_FISCAL_YEAR);
    assert_int_equal(b->steps[1].channel, CHANNEL_INTERNAL);
    assert_int_equal(b->steps[1].flags, FLAG_TRANSCRIPTION);
    assert_int_equal(b->steps[0].flags, FLAG_PAPER | FLAG_IN_PERSON);
    const struct business *z = &f.parts[1].businesses[0];
    assert_int_equal(z->steps[0].staff, STAFF_OUTSOURCED);
    assert_int_equal(z->steps[0].channel, CHANNEL_MAIL);
    assert_int_equal(z->steps[0].flags, FLAG_PAPER | FLAG_SEAL | FLAG_APPROVAL);
    assert_null(z->note);
    arena_free(&a);
}

static void test_bom_english_headers_in_another_order(void **state) {
    struct tu_demo *d = *state;
    const char csv[] = "\xef\xbb\xbf" "STEP,step_name,Minutes,staff,channel,paper,seal,in_person,transcription,approval,"
                       "department,survey_fy,business_code,business,volume\n"
                       "2,確認,1.5,outsourced,online,,,,,,somu,R6,S1,文書収受,400\n"
                       "1,受付,3,regular,phone,,,,,,somu,R6,S1,文書収受,400\n";
    struct arena a = ARENA_INIT;
    struct survey_file f;
    assert_parses(d->db, csv, &a, &f);
    assert_int_equal(f.encoding, CSV_UTF8_BOM);
    const struct business *b = &f.parts[0].businesses[0];
    assert_int_equal(b->n_steps, 2);
    assert_int_equal(b->steps[0].number, 1);        /* in number order, whatever the file's */
    assert_int_equal(b->steps[0].channel, CHANNEL_PHONE);
    assert_double_near(b->steps[1].minutes, 1.5, 0);
    assert_int_equal(b->steps[1].channel, CHANNEL_ONLINE);
    /* half-width parentheses in 所要時間(分) are the same column */
    const char half[] = "課コード,調査年度,業務コード,業務名,年間件数,手順番号,手順名,所要時間(分),担い手,経路,紙,押印,対面,転記,決裁\n"
                        "somu,2024,S1,文書収受,400,1,受付,3,正規職員,窓口,,,,,\n";
    assert_parses(d->db, half, &a, &f);
    assert_double_near(f.parts[0].businesses[0].steps[0].minutes, 3, 0);
    arena_free(&a);
}

static void test_cp932_file_is_converted(void **state) {
    struct tu_demo *d = *state;
    size_t len;
    char *bytes = to_cp932(good_csv, &len);
    struct arena a = ARENA_INIT;
    struct survey_file f;
    if (parse(d->db, &a, bytes, len, false, &f) != 0)
        fail_msg("refused:\n%s", all_errors(&a, &f, false));
    assert_int_equal(f.encoding, CSV_CP932);
    assert_int_equal(f.n_steps, 6);
    assert_string_equal(f.parts[0].businesses[0].name, "住民票の写しの交付");
    free(bytes);
    arena_free(&a);
}

static void test_cp932_file_with_an_error_is_refused_whole(void **state) {
    struct tu_demo *d = *state;
    const char csv[] = HEADER
        "madoguchi,2024,A01,住民票の写しの交付,12000,1,受付,5,正規職員,窓口,○,,,,,\r\n"
        "madoguchi,2024,A01,住民票の写しの交付,12000,2,入力,３分,正規職員,庁内,,,,,,\r\n"
        "zeimu,2024,B01,固定資産税の証明,3000,1,受付,4,委託,郵送,,,,,,\r\n";
    size_t len;
    char *bytes = to_cp932(csv, &len);
    struct arena a = ARENA_INIT;
    struct survey_file f;
    struct survey_result res;
    int rc = survey_csv_import(d->db, &a, gotsu(d->db), bytes, len, true, &survey_actor, &f, &res);
    assert_int_equal(rc, KW_EINVAL);
    assert_int_equal(f.encoding, CSV_CP932);
    assert_int_equal(f.n_errors, 1);
    assert_string_equal(survey_error_text(&a, &f.errors[0], true),
                        "3行目：所要時間（分）：数値ではありません（「３分」）。半角・全角の数字、「1,234」の形で入力できます。");
    assert_int_equal(count(d->db, "SELECT count(*) FROM business"), 0);     /* the good rows neither */
    assert_int_equal(count(d->db, "SELECT count(*) FROM audit WHERE entity = 'survey'"), 0);
    free(bytes);
    arena_free(&a);
}

static void test_encoding_and_record_errors(void **state) {
    struct tu_demo *d = *state;
    assert_error(d->db, HEADER "madoguchi,2024,A01,\"住民票,12000,1,受付,5,正規職員,窓口,,,,,,\r\n", "line 2:");
    assert_error(d->db, "", "the file is empty");
    assert_error(d->db, HEADER, "line 1: there are no step rows after the header");
    assert_error(d->db, HEADER ",,,,,,,,,,,,,,,\r\n", "there are no step rows");   /* blank rows are no rows */
    assert_error(d->db, HEADER "madoguchi,2024,A01,住民票,1,1,受付,5,正規職員,窓口,,,,,,,extra\r\n",
                 "line 2: the line has more fields than the header (17)");
}

static void test_header_rules(void **state) {
    struct tu_demo *d = *state;
    const char *row = "madoguchi,2024,A01,住民票,1,1,受付,5,正規職員,窓口,,,,,,\r\n";
    struct arena a = ARENA_INIT;
    assert_error(d->db, arena_printf(&a, "%s%s", "課コード,調査年度,業務コード,業務名,年間件数,手順番号,手順名,所要時間（分）,"
                                                "担い手,経路,紙,押印,対面,転記,決裁,備考,担当者\r\n", row),
                 "line 1: 担当者: unknown column");
    assert_error(d->db, arena_printf(&a, "%s%s", "課コード,調査年度,業務コード,業務名,年間件数,手順番号,手順名,所要時間（分）,"
                                                "担い手,経路,紙,押印,対面,転記,決裁,department\r\n", row),
                 "line 1: department: this column appears twice");
    assert_error(d->db, arena_printf(&a, "%s%s", "課コード,調査年度,業務コード,業務名,年間件数,手順番号,手順名,所要時間（分）,"
                                                "担い手,経路,紙,押印,対面,転記\r\n", row),
                 "line 1: 決裁/approval: this column is missing");
    arena_free(&a);
}

static void test_department_must_be_the_organisations(void **state) {
    struct tu_demo *d = *state;
    /* a department of 印西市 is not one of 江津市's */
    struct arena a = ARENA_INIT;
    struct org inzai;
    assert_int_equal(store_org_by_code(d->db, &a, "122319", &inzai), 0);
    struct edit_fail fail = {0};
    int64_t id;
    struct department dep = {.code = "inzai-kikaku", .name = "企画政策課"};
    assert_int_equal(store_department_create(d->db, inzai.id, &dep, STORE_LAST, &survey_actor, &id, &fail), 0);
    assert_error(d->db, HEADER "inzai-kikaku,2024,A01,住民票,1,1,受付,5,正規職員,窓口,,,,,,\r\n",
                 "line 2: 課コード: no department with code inzai-kikaku in this organisation");
    assert_error(d->db, HEADER ",2024,A01,住民票,1,1,受付,5,正規職員,窓口,,,,,,\r\n", "line 2: 課コード: this field is empty");
    /* the store refuses it too, should a caller skip the reading */
    struct business b = {.code = "A01", .name = "住民票", .volume = 1,
                         .steps = &(struct step){.number = 1, .name = "受付", .minutes = 5}, .n_steps = 1};
    struct survey_part p = {.department_id = id, .department_code = "inzai-kikaku", .survey_fy = 2024,
                            .businesses = &b, .n = 1};
    struct survey_result res;
    assert_int_equal(store_survey_apply(d->db, &a, gotsu(d->db), &p, 1, &survey_actor, &res), KW_EINVAL);
    assert_int_equal(count(d->db, "SELECT count(*) FROM business"), 0);
    arena_free(&a);
}

static void test_fiscal_year_forms(void **state) {
    struct tu_demo *d = *state;
    const char *forms[] = {"2024", "2024年度", "令和6年度", "R6", "r6", "２０２４"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        struct arena a = ARENA_INIT;
        struct survey_file f;
        assert_parses(d->db, arena_printf(&a, HEADER "somu,%s,S1,文書収受,1,1,受付,5,正規職員,窓口,,,,,,\r\n", forms[i]),
                      &a, &f);
        assert_int_equal(f.parts[0].survey_fy, 2024);
        arena_free(&a);
    }
    assert_error(d->db, HEADER "somu,令和,S1,文書収受,1,1,受付,5,正規職員,窓口,,,,,,\r\n",
                 "line 2: 調査年度: must be a fiscal year (1900-2200) such as 2024, 2024年度, 令和6年度 or R6, not 令和");
    assert_error(d->db, HEADER "somu,1800,S1,文書収受,1,1,受付,5,正規職員,窓口,,,,,,\r\n", "調査年度: must be a fiscal year");
    assert_error(d->db, HEADER "somu,,S1,文書収受,1,1,受付,5,正規職員,窓口,,,,,,\r\n", "調査年度: this field is empty");
}

static void test_numbers(void **state) {
    struct tu_demo *d = *state;
    assert_error(d->db, HEADER "somu,2024,S1,文書収受,-1,1,受付,5,正規職員,窓口,,,,,,\r\n",
                 "line 2: 年間件数: must be 0 or more: -1");
    assert_error(d->db, HEADER "somu,2024,S1,文書収受,たくさん,1,受付,5,正規職員,窓口,,,,,,\r\n", "年間件数: not a number: たくさん");
    assert_error(d->db, HEADER "somu,2024,S1,文書収受,1e3,1,受付,5,正規職員,窓口,,,,,,\r\n", "年間件数: not a number: 1e3");
    assert_error(d->db, HEADER "somu,2024,S1,文書収受,2e15,1,受付,5,正規職員,窓口,,,,,,\r\n", "年間件数: not a number");
    assert_error(d->db, HEADER "somu,2024,S1,文書収受,1,1,受付,-5,正規職員,窓口,,,,,,\r\n",
                 "line 2: 所要時間（分）: must be 0 or more: -5");
    assert_error(d->db, HEADER "somu,2024,S1,文書収受,1,1,受付,,正規職員,窓口,,,,,,\r\n", "所要時間（分）: this field is empty");
    /* 0 is a value: a business not done this year, a step that takes no time */
    struct arena a = ARENA_INIT;
    struct survey_file f;
    assert_parses(d->db, HEADER "somu,2024,S1,文書収受,0,1,受付,0,正規職員,窓口,,,,,,\r\n", &a, &f);
    arena_free(&a);
}

static void test_step_rules(void **state) {
    struct tu_demo *d = *state;
    const char *bad[] = {"0", "1.5", "1000", "一", "-1"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct arena a = ARENA_INIT;
        assert_error(d->db, arena_printf(&a, HEADER "somu,2024,S1,文書収受,1,%s,受付,5,正規職員,窓口,,,,,,\r\n", bad[i]),
                     arena_printf(&a, "line 2: 手順番号: not a step number (a whole number from 1 to 999): %s", bad[i]));
        arena_free(&a);
    }
    assert_error(d->db, HEADER "somu,2024,S1,文書収受,1,1,受付,5,正規職員,窓口,,,,,,\r\n"
                               "somu,2024,S2,回覧,1,1,回覧,5,正規職員,庁内,,,,,,\r\n"
                               "somu,2024,S1,文書収受,1,1,確認,5,正規職員,窓口,,,,,,\r\n",
                 "line 4: 手順番号: step 1 of this business is on line 2 already");
    /* a row that names a business but no step: a business needs at least one */
    assert_error(d->db, HEADER "somu,2024,S1,文書収受,1,,,,,,,,,,,\r\n", "line 2: the line has no step");
    assert_error(d->db, HEADER "somu,2024,S1,文書収受,1,1,,5,正規職員,窓口,,,,,,\r\n", "line 2: 手順名: this field is empty");
    /* the same number in two businesses, or in two departments, is fine */
    struct arena a = ARENA_INIT;
    struct survey_file f;
    assert_parses(d->db, HEADER "somu,2024,S1,文書収受,1,1,受付,5,正規職員,窓口,,,,,,\r\n"
                                "zeimu,2024,S1,文書収受,1,1,受付,5,正規職員,窓口,,,,,,\r\n"
                                "somu,2024,S2,回覧,1,1,受付,5,正規職員,窓口,,,,,,\r\n", &a, &f);
    assert_int_equal(f.n_parts, 2);
    assert_int_equal(f.n_businesses, 3);
    arena_free(&a);
}

static void test_staff_and_channel(void **state) {
    struct tu_demo *d = *state;
    struct arena a = ARENA_INIT;
    struct survey_file f;
    assert_parses(d->db, HEADER "somu,2024,S1,文書収受,1,1,受付,5,委託,ｵﾝﾗｲﾝ,,,,,,\r\n"
                                "somu,2024,S1,文書収受,1,2,回覧,5,Fiscal_Year,PHONE,,,,,,\r\n", &a, &f);
    assert_int_equal(f.parts[0].businesses[0].steps[0].channel, CHANNEL_ONLINE);     /* half-width kana */
    assert_int_equal(f.parts[0].businesses[0].steps[1].staff, STAFF_FISCAL_YEAR);
    assert_int_equal(f.parts[0].businesses[0].steps[1].channel, CHANNEL_PHONE);
    arena_free(&a);
    assert_error(d->db, HEADER "somu,2024,S1,文書収受,1,1,受付,5,臨時職員,窓口,,,,,,\r\n",
                 "line 2: 担い手: staff must be regular, fiscal_year or outsourced (正規職員, 会計年度任用職員, 委託): 臨時職員");
    assert_error(d->db, HEADER "somu,2024,S1,文書収受,1,1,受付,5,正規職員,FAX,,,,,,\r\n",
                 "line 2: 経路: channel must be counter, phone, mail, online or internal");
    assert_error(d->db, HEADER "somu,2024,S1,文書収受,1,1,受付,5,,窓口,,,,,,\r\n", "line 2: 担い手: this field is empty");
}

static void test_flags(void **state) {
    struct tu_demo *d = *state;
    const char *set[] = {"○", "〇", "◯", "1", "１", "はい", "yes", "YES", "true", "x", "X"};
    const char *unset[] = {"", "0", "いいえ", "no", "No", "false", " "};
    for (int f = 0; f < FLAG_COUNT; f++)
        for (size_t i = 0; i < sizeof set / sizeof *set + sizeof unset / sizeof *unset; i++) {
            bool on = i < sizeof set / sizeof *set;
            const char *v = on ? set[i] : unset[i - sizeof set / sizeof *set];
            const char *cells[FLAG_COUNT] = {"", "", "", "", ""};
            cells[f] = v;
            struct arena a = ARENA_INIT;
            struct survey_file file;
            assert_parses(d->db, arena_printf(&a, HEADER "somu,2024,S1,文書収受,1,1,受付,5,正規職員,窓口,%s,%s,%s,%s,%s,\r\n",
                                              cells[0], cells[1], cells[2], cells[3], cells[4]), &a, &file);
            if (file.parts[0].businesses[0].steps[0].flags != (on ? 1u << f : 0u))
                fail_msg("%s in column %s gave flags %u", v, flag_names[f], file.parts[0].businesses[0].steps[0].flags);
            arena_free(&a);
        }
    assert_error(d->db, HEADER "somu,2024,S1,文書収受,1,1,受付,5,正規職員,窓口,,,△,,,\r\n",
                 "line 2: 対面: not a flag: △ (○, 1, yes, true or x when set; empty, 0, no or false when not)");
    /* × means "no" to some and "x" to others: it is refused rather than guessed */
    assert_error(d->db, HEADER "somu,2024,S1,文書収受,1,1,受付,5,正規職員,窓口,×,,,,,\r\n", "line 2: 紙: not a flag: ×");
    assert_error(d->db, HEADER "somu,2024,S1,文書収受,1,1,受付,5,正規職員,窓口,,,,,2,\r\n", "line 2: 決裁: not a flag: 2");
}

static void test_business_columns_must_agree(void **state) {
    struct tu_demo *d = *state;
    assert_error(d->db, HEADER "somu,2024,S1,文書収受,400,1,受付,5,正規職員,窓口,,,,,,\r\n"
                               "somu,2024,S1,文書の収受,400,2,回覧,5,正規職員,庁内,,,,,,\r\n",
                 "line 3: 業務名: differs from line 2 of the same business (文書収受)");
    assert_error(d->db, HEADER "somu,2024,S1,文書収受,400,1,受付,5,正規職員,窓口,,,,,,\r\n"
                               "somu,2024,S1,文書収受,410,2,回覧,5,正規職員,庁内,,,,,,\r\n",
                 "line 3: 年間件数: differs from line 2 of the same business (400)");
    assert_error(d->db, HEADER "somu,2024,S1,文書収受,400,1,受付,5,正規職員,窓口,,,,,,紙で届く\r\n"
                               "somu,2024,S1,文書収受,400,2,回覧,5,正規職員,庁内,,,,,,\r\n"
                               "somu,2024,S1,文書収受,400,3,保存,5,正規職員,庁内,,,,,,電子で届く\r\n",
                 "line 4: 備考: differs from line 2 of the same business (紙で届く)");
    /* the same code in another FY or department is another business */
    struct arena a = ARENA_INIT;
    struct survey_file f;
    assert_parses(d->db, HEADER "somu,2024,S1,文書収受,400,1,受付,5,正規職員,窓口,,,,,,\r\n"
                                "somu,2023,S1,文書の収受,300,1,受付,5,正規職員,窓口,,,,,,\r\n", &a, &f);
    assert_int_equal(f.n_parts, 2);
    /* in Japanese, with the line that disagrees */
    const char csv[] = HEADER "somu,2024,S1,文書収受,400,1,受付,5,正規職員,窓口,,,,,,\r\n"
                              "somu,2024,S1,文書の収受,400,2,回覧,5,正規職員,庁内,,,,,,\r\n";
    assert_int_equal(parse(d->db, &a, csv, strlen(csv), true, &f), KW_EINVAL);
    assert_string_equal(survey_error_text(&a, &f.errors[0], true), "3行目：業務名：同じ業務の2行目（「文書収受」）と違います。");
    arena_free(&a);
}

static void test_text_rules(void **state) {
    struct tu_demo *d = *state;
    struct arena a = ARENA_INIT;
    char long_name[502];
    memset(long_name, 'a', 501);
    long_name[501] = '\0';
    assert_error(d->db, arena_printf(&a, HEADER "somu,2024,S1,%s,1,1,受付,5,正規職員,窓口,,,,,,\r\n", long_name),
                 "line 2: 業務名: too long (at most 500 characters)");
    assert_error(d->db, arena_printf(&a, HEADER "somu,2024,S1,文書収受,1,1,%s,5,正規職員,窓口,,,,,,\r\n", long_name),
                 "line 2: 手順名: too long (at most 500 characters)");
    assert_error(d->db, arena_printf(&a, HEADER "somu,2024,%.65s,文書収受,1,1,受付,5,正規職員,窓口,,,,,,\r\n", long_name),
                 "line 2: 業務コード: too long (at most 64 characters)");
    assert_error(d->db, HEADER "somu,2024,S1,\"文書\n収受\",1,1,受付,5,正規職員,窓口,,,,,,\r\n",
                 "line 2: 業務名: must be one line without line breaks");
    assert_error(d->db, HEADER "somu,2024,S1,文書収受,1,1,受\x01付,5,正規職員,窓口,,,,,,\r\n", "line 2: 手順名: must be one line");
    /* 500 kanji fit a name; a note may hold several lines */
    const char *kanji = "";
    for (int i = 0; i < 500; i++)
        kanji = arena_printf(&a, "%s業", kanji);
    struct survey_file f;
    assert_parses(d->db, arena_printf(&a, HEADER "somu,2024,S1,%s,1,1,受付,5,正規職員,窓口,,,,,,\"1行目\n2行目\"\r\n", kanji),
                  &a, &f);
    assert_string_equal(f.parts[0].businesses[0].note, "1行目\n2行目");
    arena_free(&a);
}

static void test_errors_are_capped(void **state) {
    struct tu_demo *d = *state;
    struct arena a = ARENA_INIT;
    const char *csv = HEADER;
    for (int i = 0; i < 120; i++)
        csv = arena_printf(&a, "%ssomu,2024,S1,文書収受,1,1,受付,5,正規職員,窓口,,,,,,\r\n", csv);
    struct survey_file f;
    assert_int_equal(parse(d->db, &a, csv, strlen(csv), false, &f), KW_EINVAL);   /* 119 duplicate steps */
    assert_int_equal(f.n_errors, SURVEY_MAX_ERRORS);
    assert_true(f.more_errors);
    assert_int_equal(f.errors[0].line, 3);
    arena_free(&a);
}

static void test_template_is_the_header(void **state) {
    struct tu_demo *d = *state;
    struct buf b = BUF_INIT;
    survey_csv_template(&b, true);
    assert_memory_equal(b.data, "\xef\xbb\xbf課コード,調査年度,", strlen("\xef\xbb\xbf課コード,調査年度,"));
    assert_string_equal(b.data + b.len - strlen("決裁,備考\r\n"), "決裁,備考\r\n");
    /* the template with a row filled in is a good file, in Japanese and in English */
    struct arena a = ARENA_INIT;
    struct survey_file f;
    assert_parses(d->db, arena_printf(&a, "%s%s", buf_cstr(&b), "somu,2024,S1,文書収受,1,1,受付,5,正規職員,窓口,,,,,,\r\n"),
                  &a, &f);
    buf_reset(&b);
    survey_csv_template(&b, false);
    assert_non_null(strstr(buf_cstr(&b), "department,survey_fy,business_code,business,volume,step,step_name,minutes,"));
    assert_parses(d->db, arena_printf(&a, "%s%s", buf_cstr(&b), "somu,2024,S1,文書収受,1,1,受付,5,regular,counter,,,,,,\r\n"),
                  &a, &f);
    buf_free(&b);
    arena_free(&a);
}

/* ---- importing */

static int64_t step_id(struct db *db, const char *dept, const char *code, int number) {
    char sql[400];
    snprintf(sql, sizeof sql,
             "SELECT s.id FROM business_step s JOIN business b ON b.id = s.business_id JOIN department d ON "
             "d.id = b.department_id WHERE d.code = '%s' AND b.code = '%s' AND s.number = %d", dept, code, number);
    return count(db, sql);
}

static void test_import_writes_the_inventory(void **state) {
    struct tu_demo *d = *state;
    struct arena a = ARENA_INIT;
    struct survey_file f;
    struct survey_result res;
    assert_int_equal(import(d->db, &a, good_csv, &f, &res), 0);
    assert_int_equal(res.departments, 2);
    assert_int_equal(res.businesses, 3);
    assert_int_equal(res.steps, 6);
    assert_int_equal(res.businesses_added, 3);
    assert_int_equal(res.steps_added, 6);
    assert_int_equal(count(d->db, "SELECT count(*) FROM business WHERE survey_fy = 2024"), 3);
    assert_int_equal(count(d->db, "SELECT count(*) FROM business_step"), 6);
    assert_int_equal(count(d->db, "SELECT volume FROM business WHERE code = 'A01'"), 12000);
    assert_int_equal(count(d->db, "SELECT position FROM business WHERE code = 'A02'"), 1);
    assert_int_equal(count(d->db, "SELECT paper + 2 * seal + 4 * in_person + 8 * transcription + 16 * approval "
                                  "FROM business_step s JOIN business b ON b.id = s.business_id WHERE b.code = 'B01'"),
                     1 + 2 + 16);
    assert_int_equal(count(d->db, "SELECT count(*) FROM business_step WHERE staff = 'fiscal_year' AND channel = 'internal' "
                                  "AND minutes = 3"), 1);
    /* the hours the store gives back: 12000 × (5+3+2) / 60 + 1500 × 20 / 60 + 3000 × 4 / 60 */
    struct workload_inventory inv;
    assert_int_equal(store_workload_load(d->db, &a, gotsu(d->db), 2024, &inv), 0);
    struct workload_totals t;
    workload_compute(inv.businesses, inv.n, inv.apps, inv.n_apps, &t, NULL);
    assert_double_near(t.baseline, 2000 + 500 + 200, 1e-9);
    /* one audit entry per department and FY */
    assert_int_equal(count(d->db, "SELECT count(*) FROM audit WHERE entity = 'survey' AND action = 'import'"), 2);
    assert_int_equal(count(d->db, "SELECT count(*) FROM audit a JOIN department d ON d.id = a.entity_id "
                                  "WHERE a.entity = 'survey' AND d.code = 'madoguchi' "
                                  "AND a.before_json LIKE '%\"businesses\":[]%' AND a.after_json LIKE '%\"code\":\"A02\"%' "
                                  "AND a.after_json LIKE '%\"name\":\"システム入力\"%'"), 1);
    arena_free(&a);
}

static void test_second_import_keeps_ids_and_removes_what_is_gone(void **state) {
    struct tu_demo *d = *state;
    struct arena a = ARENA_INIT;
    struct survey_file f;
    struct survey_result res;
    assert_int_equal(import(d->db, &a, good_csv, &f, &res), 0);
    int64_t a01 = count(d->db, "SELECT id FROM business WHERE code = 'A01'");
    int64_t a01_s2 = step_id(d->db, "madoguchi", "A01", 2), a02_s1 = step_id(d->db, "madoguchi", "A02", 1);
    int64_t b01 = count(d->db, "SELECT id FROM business WHERE code = 'B01'");
    /* madoguchi again: A02 first now, A01's step 2 takes 4 minutes and step 3 is gone, A03 is
     * new; zeimu is not in the file and keeps its survey */
    const char again[] = HEADER
        "madoguchi,2024,A02,転入届,1500,1,受付,15,regular,counter,1,1,1,0,0,\r\n"
        "madoguchi,2024,A02,転入届,1500,2,決裁,5,regular,internal,,,,,yes,\r\n"
        "madoguchi,2024,A01,住民票の写しの交付,12000,1,申請書の受付,5,正規職員,窓口,○,,○,,,\r\n"
        "madoguchi,2024,A01,住民票の写しの交付,12000,2,システム入力,4,会計年度任用職員,庁内,,,,○,,\r\n"
        "madoguchi,2024,A03,印鑑登録,800,1,受付,10,正規職員,窓口,○,○,○,,,\r\n";
    assert_int_equal(import(d->db, &a, again, &f, &res), 0);
    assert_int_equal(res.departments, 1);
    assert_int_equal(res.businesses_added, 1);
    assert_int_equal(res.steps_added, 1);
    assert_int_equal(res.steps_removed, 1);
    assert_int_equal(res.businesses_removed, 0);
    assert_int_equal(count(d->db, "SELECT id FROM business WHERE code = 'A01'"), a01);
    assert_int_equal(step_id(d->db, "madoguchi", "A01", 2), a01_s2);
    assert_int_equal(step_id(d->db, "madoguchi", "A02", 1), a02_s1);
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT minutes FROM business_step WHERE id = %lld", (long long)a01_s2);
    assert_int_equal(count(d->db, sql), 4);
    assert_int_equal(step_id(d->db, "madoguchi", "A01", 3), -1);
    assert_int_equal(count(d->db, "SELECT position FROM business WHERE code = 'A02'"), 0);
    assert_int_equal(count(d->db, "SELECT position FROM business WHERE code = 'A01'"), 1);
    assert_int_equal(count(d->db, "SELECT position FROM business WHERE code = 'A03'"), 2);
    assert_int_equal(count(d->db, "SELECT id FROM business WHERE code = 'B01'"), b01);
    /* A01's note is gone: the file is the whole survey */
    assert_int_equal(count(d->db, "SELECT note IS NULL FROM business WHERE code = 'A01'"), 1);
    /* a business the file no longer has is deleted with its steps */
    const char fewer[] = HEADER "madoguchi,2024,A03,印鑑登録,800,1,受付,10,正規職員,窓口,○,○,○,,,\r\n";
    assert_int_equal(import(d->db, &a, fewer, &f, &res), 0);
    assert_int_equal(res.businesses_removed, 2);
    assert_int_equal(res.steps_removed, 4);
    assert_int_equal(count(d->db, "SELECT count(*) FROM business b JOIN department d ON d.id = b.department_id "
                                  "WHERE d.code = 'madoguchi'"), 1);
    assert_int_equal(count(d->db, "SELECT count(*) FROM business_step"), 2);         /* A03's and B01's */
    assert_int_equal(count(d->db, "SELECT count(*) FROM audit WHERE entity = 'survey'"), 4);
    arena_free(&a);
}

static void test_step_with_a_means_applied_is_not_deleted(void **state) {
    struct tu_demo *d = *state;
    struct arena a = ARENA_INIT;
    struct survey_file f;
    struct survey_result res;
    assert_int_equal(import(d->db, &a, good_csv, &f, &res), 0);
    int64_t step = step_id(d->db, "madoguchi", "A01", 3);
    char sql[400];
    snprintf(sql, sizeof sql, "INSERT INTO means (org_id, position, name, reduction) VALUES (%lld, 0, 'オンライン申請', 30); "
                              "INSERT INTO means_application (step_id, means_id, reduction) "
                              "SELECT %lld, id, 50 FROM means WHERE name = 'オンライン申請'",
             (long long)gotsu(d->db), (long long)step);
    tu_sql_exec(d->db, sql);
    int64_t audits = count(d->db, "SELECT count(*) FROM audit");
    /* step 3 of A01 left out (and A02 changed, which must not happen either) */
    const char without[] = HEADER
        "madoguchi,2024,A01,住民票の写しの交付,12000,1,申請書の受付,5,正規職員,窓口,○,,○,,,\r\n"
        "madoguchi,2024,A01,住民票の写しの交付,12000,2,システム入力,3,会計年度任用職員,庁内,,,,○,,\r\n"
        "madoguchi,2024,A02,転入届,1500,1,受付,99,regular,counter,1,1,1,0,0,\r\n";
    assert_int_equal(import(d->db, &a, without, &f, &res), KW_ECONFLICT);
    assert_int_equal(res.n_conflicts, 1);
    assert_string_equal(res.conflicts[0].business_code, "A01");
    assert_int_equal(res.conflicts[0].step_number, 3);
    assert_string_equal(survey_conflict_text(&a, &res.conflicts[0], false),
                        "department madoguchi, FY 2024: business A01 (住民票の写しの交付), step 3 (交付) has the means "
                        "オンライン申請 applied to it; the file leaves the step out, which would delete it: remove the "
                        "application first, or keep the step in the file");
    assert_int_equal(step_id(d->db, "madoguchi", "A01", 3), step);
    assert_int_equal(count(d->db, "SELECT minutes FROM business_step WHERE number = 1 AND name = '受付' AND staff = 'regular' "
                                  "AND channel = 'counter' AND seal = 1"), 15);
    assert_int_equal(count(d->db, "SELECT count(*) FROM audit"), audits);
    /* the whole business left out: the same */
    const char no_a01[] = HEADER "madoguchi,2024,A02,転入届,1500,1,受付,15,regular,counter,1,1,1,0,0,\r\n";
    assert_int_equal(import(d->db, &a, no_a01, &f, &res), KW_ECONFLICT);
    assert_int_equal(res.n_conflicts, 1);
    assert_int_equal(count(d->db, "SELECT count(*) FROM business"), 3);
    /* keeping the step, the rest may change: the application stays on it */
    const char keep[] = HEADER
        "madoguchi,2024,A01,住民票の写しの交付,12000,3,交付,1,正規職員,窓口,○,,○,,,\r\n";
    assert_int_equal(import(d->db, &a, keep, &f, &res), 0);
    assert_int_equal(step_id(d->db, "madoguchi", "A01", 3), step);
    assert_int_equal(count(d->db, "SELECT count(*) FROM means_application"), 1);
    arena_free(&a);
}

/* A part loaded back, one business renamed by its id and another added: ids stay, the audit
 * action is the part's; a repeated code or an id of another department is refused. */
static void test_part_load_and_rename_by_id(void **state) {
    struct tu_demo *d = *state;
    struct arena a = ARENA_INIT;
    struct survey_file f;
    struct survey_result res;
    assert_int_equal(import(d->db, &a, good_csv, &f, &res), 0);
    int64_t dept = count(d->db, "SELECT id FROM department WHERE code = 'madoguchi'");
    int64_t zeimu = count(d->db, "SELECT id FROM department WHERE code = 'zeimu'");
    struct survey_part p;
    int64_t org;
    assert_int_equal(store_survey_part_load(d->db, &a, dept, 2024, &p, &org), 0);
    assert_int_equal(org, gotsu(d->db));
    assert_int_equal(p.n, 2);
    assert_string_equal(p.businesses[1].code, "A02");
    assert_int_equal(p.businesses[1].n_steps, 2);
    int64_t a02 = p.businesses[1].id, step = p.businesses[1].steps[0].id;

    p.businesses[1].code = "A02-renamed";
    p.action = "edit";
    assert_int_equal(store_survey_apply(d->db, &a, org, &p, 1, &survey_actor, &res), 0);
    assert_int_equal(count(d->db, "SELECT count(*) FROM business WHERE code = 'A02-renamed'"), 1);
    assert_int_equal(count(d->db, arena_printf(&a, "SELECT id FROM business WHERE code = 'A02-renamed'")), a02);
    assert_int_equal(count(d->db, arena_printf(&a, "SELECT count(*) FROM business_step WHERE id = %lld", (long long)step)), 1);
    assert_int_equal(count(d->db, "SELECT count(*) FROM audit WHERE entity = 'survey' AND action = 'edit'"), 1);

    int64_t audits = count(d->db, "SELECT count(*) FROM audit");
    p.businesses[1].code = "A01";                               /* a code twice */
    assert_int_equal(store_survey_apply(d->db, &a, org, &p, 1, &survey_actor, &res), KW_EINVAL);
    p.businesses[1].code = "A02";
    struct survey_part z;
    assert_int_equal(store_survey_part_load(d->db, &a, zeimu, 2024, &z, &org), 0);
    p.businesses[1].id = z.businesses[0].id;                    /* another department's business */
    assert_int_equal(store_survey_apply(d->db, &a, org, &p, 1, &survey_actor, &res), KW_EINVAL);
    assert_int_equal(count(d->db, "SELECT count(*) FROM audit"), audits);
    assert_int_equal(count(d->db, "SELECT count(*) FROM business WHERE code = 'A02-renamed'"), 1);
    int fy;
    assert_int_equal(store_survey_default_fy(d->db, dept, &fy), 0);
    assert_int_equal(fy, 2024);
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_good_file_is_read_into_departments_businesses_and_steps, tu_demo_setup,
                                        tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_bom_english_headers_in_another_order, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_cp932_file_is_converted, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_cp932_file_with_an_error_is_refused_whole, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_encoding_and_record_errors, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_header_rules, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_department_must_be_the_organisations, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_fiscal_year_forms, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_numbers, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_step_rules, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_staff_and_channel, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_flags, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_business_columns_must_agree, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_text_rules, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_errors_are_capped, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_template_is_the_header, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_import_writes_the_inventory, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_second_import_keeps_ids_and_removes_what_is_gone, tu_demo_setup,
                                        tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_step_with_a_means_applied_is_not_deleted, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_part_load_and_rename_by_id, tu_demo_setup, tu_demo_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
