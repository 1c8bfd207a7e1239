/* Tests src/core/search.c (the query's words and matching them) and store_measure_search over the
 * demo plans: Japanese words of any length, inside one plan, in a theme's or pillar's title too. */
#include "testutil.h"

#include <jansson.h>
#include "core/search.h"

/* ---- search_query_init and search_match (core/search.c) */

/* The query's terms joined by "|", or "(none)" when nothing is searchable. */
static void check_terms(const char *query, const char *want) {
    struct search_query q;
    struct buf b = BUF_INIT;
    if (!search_query_init(&q, query))
        buf_puts(&b, "(none)");
    for (size_t i = 0; i < q.n; i++)
        buf_printf(&b, "%s%s", i ? "|" : "", q.terms[i]);
    if (strcmp(buf_cstr(&b), want) != 0)
        fail_msg("terms of \"%s\": '%s'; expected '%s'", query, buf_cstr(&b), want);
    search_query_free(&q);
    buf_free(&b);
}

static void test_query_words(void **state) {
    check_terms("窓口", "窓口");
    check_terms("書かない窓口", "書かない窓口");
    check_terms("課", "課");
    check_terms("ＡＩ", "ai");                          /* NFKC + case folding */
    check_terms("AI-OCR", "ai|ocr");
    check_terms("　窓口　DX推進 ", "窓口|dx推進");
    check_terms("ｶﾞｲﾄﾞ", "ガイド");
    check_terms("\" OR \"", "or");
}

static void test_query_nothing_searchable(void **state) {
    check_terms("", "(none)");
    check_terms("  ", "(none)");
    check_terms("(\"", "(none)");
    check_terms("、。・！？", "(none)");
    check_terms("*:^-%_", "(none)");
    check_terms("\xe7\xaa", "(none)");                   /* not UTF-8 */
    check_terms(NULL, "(none)");
}

static void test_match_fields(void **state) {
    struct search_query q;
    assert_true(search_query_init(&q, "窓口 マイナ"));
    const char *fields[] = {"書かない窓口", "本文", "マイナンバーカードの利用拡大", NULL};
    unsigned held = 99;
    assert_true(search_match(&q, fields, 4, &held));
    assert_int_equal(held, 1u | 4u);                    /* the title and the theme's title */
    const char *only_one[] = {"書かない窓口", "本文"};
    assert_false(search_match(&q, only_one, 2, &held));  /* every word, or no match */
    assert_int_equal(held, 0);
    search_query_free(&q);
}

/* ---- store_measure_search on the demo plans */

struct fixture {
    struct tu_demo demo;
    int64_t gotsu, inzai;
    struct arena a;
};

static int setup(void **state) {
    struct fixture *f = calloc(1, sizeof *f);
    tu_demo_open(&f->demo);
    f->gotsu = tu_plan_id(f->demo.db, "322075");
    f->inzai = tu_plan_id(f->demo.db, "122319");
    *state = f;
    return 0;
}

static int teardown(void **state) {
    struct fixture *f = *state;
    arena_free(&f->a);
    tu_demo_close(&f->demo);
    free(f);
    return 0;
}

static size_t search(struct fixture *f, int64_t plan, const char *q, const char *dept, struct measure **ret) {
    size_t n = 12345;
    *ret = NULL;
    int rc = store_measure_search(f->demo.db, &f->a, plan, q, dept, NULL, LOAD_SUMMARY, ret, &n, NULL);
    if (rc != 0)
        fail_msg("store_measure_search(\"%s\") = %d (%s)", q ? q : "(null)", rc, kw_strerror(rc));
    return n;
}

static bool has_code(const struct measure *v, size_t n, const char *code) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].code, code) == 0)
            return true;
    return false;
}

static void test_two_character_word(void **state) {
    struct fixture *f = *state;
    struct measure *v;
    size_t n = search(f, f->gotsu, "窓口", NULL, &v);
    assert_true(n >= 3);
    assert_true(has_code(v, n, "1-1-3"));             /* 書かない窓口 */
    assert_true(has_code(v, n, "1-1-5"));             /* リモート窓口 */
    assert_true(has_code(v, n, "1-1-2"));             /* only its department 窓口担当課 says 窓口 */
    assert_false(has_code(v, n, "3-3-1"));
    /* results come in plan order, with what lists show: departments and KPIs */
    for (size_t i = 1; i < n; i++)
        assert_true(strcmp(v[i - 1].code, v[i].code) < 0);
    for (size_t i = 0; i < n; i++) {
        assert_true(v[i].departments.n > 0);
        assert_int_equal(v[i].n_kpis, 1);
    }
}

static void test_longer_phrase(void **state) {
    struct fixture *f = *state;
    struct measure *v;
    size_t n = search(f, f->gotsu, "書かない窓口", NULL, &v);
    assert_true(n >= 1);
    assert_true(has_code(v, n, "1-1-3"));
    assert_string_equal(v[0].title, "書かない窓口");
    assert_false(has_code(v, n, "1-1-5"));            /* has 窓口 but not 書かない窓口 */
    /* the bigrams must be consecutive: the same characters in another order match nothing */
    assert_int_equal(search(f, f->gotsu, "窓口書かない", NULL, &v), 0);
}

static void test_one_character_word(void **state) {
    struct fixture *f = *state;
    struct measure *v;
    /* every Gotsu measure names a department ending in 課; 1-1-2 has 課 nowhere else */
    size_t n = search(f, f->gotsu, "課", NULL, &v);
    assert_int_equal(n, 30);
    assert_true(has_code(v, n, "1-1-2"));
    /* a character at the end of a run (口 of 窓口) is found too */
    n = search(f, f->gotsu, "口", NULL, &v);
    assert_true(has_code(v, n, "1-1-3"));
}

static void test_full_width_equals_ascii(void **state) {
    struct fixture *f = *state;
    struct measure *a, *b, *c;
    size_t na = search(f, f->gotsu, "AI", NULL, &a);
    size_t nb = search(f, f->gotsu, "ＡＩ", NULL, &b);
    size_t nc = search(f, f->gotsu, "ai", NULL, &c);
    assert_true(na >= 2);
    assert_true(has_code(a, na, "2-1-2"));            /* AI-OCR */
    assert_true(has_code(a, na, "2-1-6"));            /* 生成AI */
    assert_int_equal(na, nb);
    assert_int_equal(na, nc);
    for (size_t i = 0; i < na; i++) {
        assert_int_equal(a[i].id, b[i].id);
        assert_int_equal(a[i].id, c[i].id);
    }
    /* "AI-OCR" needs both words */
    size_t n = search(f, f->gotsu, "AI-OCR", NULL, &a);
    assert_true(n >= 1 && n <= na);
    assert_true(has_code(a, n, "2-1-2"));
}

static void test_no_hits(void **state) {
    struct fixture *f = *state;
    struct measure *v;
    assert_int_equal(search(f, f->gotsu, "ゾウリムシ", NULL, &v), 0);
    assert_null(v);
    assert_int_equal(search(f, f->gotsu, "、。・！？", NULL, &v), 0);
    assert_int_equal(search(f, f->gotsu, "(\"", NULL, &v), 0);
    assert_int_equal(search(f, f->gotsu, "\"\"", NULL, &v), 0);
    /* a plan only sees its own measures: 改善プロジェクトX is Inzai's */
    assert_int_equal(search(f, f->gotsu, "改善プロジェクト", NULL, &v), 0);
    assert_int_equal(search(f, f->inzai, "改善プロジェクト", NULL, &v), 1);
    assert_string_equal(v[0].code, "B-1");
}

static void test_no_query_and_department_filter(void **state) {
    struct fixture *f = *state;
    struct measure *v;
    assert_int_equal(search(f, f->gotsu, NULL, NULL, &v), 30);
    assert_int_equal(search(f, f->gotsu, "", NULL, &v), 30);
    assert_int_equal(search(f, f->inzai, NULL, NULL, &v), 23);
    size_t n = search(f, f->gotsu, NULL, "会計課", &v);
    assert_int_equal(n, 2);
    assert_string_equal(v[0].code, "1-1-2");
    assert_string_equal(v[1].code, "1-1-4");
    n = search(f, f->gotsu, "窓口", "会計課", &v);    /* both filters at once */
    assert_true(has_code(v, n, "1-1-4"));
    assert_true(n <= 2);
}

/* A word of a theme's or a pillar's title finds the measures under it, also those whose own
 * words lack it (issue 18 point 3). */
static void test_theme_and_pillar_titles(void **state) {
    struct fixture *f = *state;
    struct measure *v;
    size_t n = search(f, f->gotsu, "マイナンバーカードの利用拡大", NULL, &v);
    bool found = false;
    for (size_t i = 0; i < n; i++)
        found |= strcmp(v[i].title, "住民票の写し等のコンビニ交付") == 0;
    assert_true(found);
    char sql[300];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM measure m JOIN theme t ON t.id = m.theme_id JOIN pillar pi ON "
             "pi.id = t.pillar_id WHERE m.plan_id = %lld AND pi.title = '業務プロセスの改革に関すること'", (long long)f->gotsu);
    int64_t under = tu_sql_int(f->demo.db, sql);
    assert_true(under >= 10);
    assert_int_equal(search(f, f->gotsu, "業務プロセスの改革に関すること", NULL, &v), under);
    assert_int_equal(search(f, f->inzai, "業務プロセスの改革に関すること", NULL, &v), 0);   /* one plan only */
}

/* Words are found wherever they sit in a long run of word characters (the index of migrations 1
 * to 27 cut very long runs into pieces, and a word straddling a cut had to be found still). */
static void test_word_inside_long_run(void **state) {
    static const int prefixes[] = {10, 100, 254, 255, 256, 257, 300, 510, 511, 512};
    enum { N = sizeof prefixes / sizeof prefixes[0] };
    json_t *measures = json_array();
    for (int i = 0; i < N; i++) {
        struct buf title = BUF_INIT;
        for (int j = 0; j < prefixes[i]; j++)
            buf_puts(&title, "あ");
        buf_puts(&title, "窓口いいい");
        char code[16];
        snprintf(code, sizeof code, "m-%d", prefixes[i]);
        /* the long run is a 現状 text: titles are limited to 500 bytes */
        json_array_append_new(measures, json_pack("{s:s, s:s, s:s}", "code", code, "title", code,
                                                  "current", buf_cstr(&title)));
        buf_free(&title);
    }
    json_t *doc = json_pack("{s:s, s:{s:s, s:s}, s:[{s:s, s:s, s:[{s:s, s:s, s:[{s:s, s:o}]}]}]}",
        "format", "kawaru-plan/1", "org", "code", "130001", "name", "東京都",
        "plans", "title", "長い文", "kind", "strategy",
        "pillars", "code", "A", "title", "柱", "themes", "title", "テーマ", "measures", measures);
    assert_non_null(doc);
    char *text = json_dumps(doc, 0);
    json_decref(doc);

    char *dir = tu_mkdtemp();
    struct db *db = tu_open_db(dir);
    struct import_source src = {"long.json", text, strlen(text)};
    assert_int_equal(import_documents(db, &src, 1, false, &tu_actor, stderr), 0);
    int64_t plan = tu_plan_id(db, "130001");
    struct arena a = ARENA_INIT;
    struct measure *v;
    size_t n;
    assert_int_equal(store_measure_search(db, &a, plan, "窓口", NULL, NULL, LOAD_SUMMARY, &v, &n, NULL), 0);
    struct buf missing = BUF_INIT;
    for (int i = 0; i < N; i++) {
        char code[16];
        snprintf(code, sizeof code, "m-%d", prefixes[i]);
        if (!has_code(v, n, code))
            buf_printf(&missing, " %d", prefixes[i]);
    }
    char report[200];
    snprintf(report, sizeof report, "%s", buf_cstr(&missing));
    buf_free(&missing);
    arena_free(&a);
    tu_close_db(db, dir);
    free(text);
    if (report[0])
        fail_msg("\"窓口\" not found after a run of this many characters:%s", report);
    assert_int_equal(n, N);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_query_words),
        cmocka_unit_test(test_query_nothing_searchable),
        cmocka_unit_test(test_match_fields),
        cmocka_unit_test_setup_teardown(test_two_character_word, setup, teardown),
        cmocka_unit_test_setup_teardown(test_longer_phrase, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_character_word, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_width_equals_ascii, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_hits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_query_and_department_filter, setup, teardown),
        cmocka_unit_test(test_word_inside_long_run),
        cmocka_unit_test_setup_teardown(test_theme_and_pillar_titles, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
