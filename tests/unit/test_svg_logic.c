/* The logic model drawing's text wrapping (web/svg_logic.c, its static wrap()): lines no wider
 * than the box by display width (a 漢字 two columns, a letter about one), no line starting with
 * closing punctuation (it takes the character before it along), words of letters kept whole unless longer than a line. The file is
 * included so that the static function can be reached (CONVENTIONS 10). */
#include "testutil.h"
#include "web/svg_logic.c"

static double widest(const struct lines *l, double font) {
    double w = 0;
    for (size_t i = 0; i < l->n; i++)
        if (text_px(l->v[i], font) > w)
            w = text_px(l->v[i], font);
    return w;
}

static char *joined(struct arena *a, const struct lines *l) {
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < l->n; i++)
        buf_puts(&b, l->v[i]);
    char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static void test_japanese_wraps_by_width(void **state) {
    (void)state;
    struct arena a = ARENA_INIT;
    const char *s = "オンラインで手続きを行う人が出てくることで、市役所の窓口が混雑しなくなる";
    struct lines l = wrap(&a, s, 12, 164);              /* 13 wide characters a line */
    assert_true(l.n >= 3);
    assert_true(widest(&l, 12) <= 164);
    assert_string_equal(joined(&a, &l), s);               /* nothing lost, nothing added */
    assert_string_equal(l.v[0], "オンラインで手続きを行う人");
    for (size_t i = 0; i < l.n; i++) {
        int32_t cp;
        utf8_decode(l.v[i], &cp);
        assert_false(no_line_start(cp));
    }
    arena_free(&a);
}

static void test_words_stay_whole(void **state) {
    (void)state;
    struct arena a = ARENA_INIT;
    struct lines l = wrap(&a, "Online applications for residents and businesses", 12, 164);
    assert_true(l.n >= 2);
    for (size_t i = 0; i < l.n; i++) {
        assert_true(text_px(l.v[i], 12) <= 164);
        assert_true(l.v[i][0] != ' ' && l.v[i][strlen(l.v[i]) - 1] != ' ');
    }
    assert_string_equal(l.v[0], "Online applications");   /* "for" would pass 164 px */
    l = wrap(&a, "https://www.city.gotsu.lg.jp/soshiki/digital/a-very-long-path", 12, 164);
    assert_true(l.n >= 2);                                 /* longer than a line: split */
    assert_true(widest(&l, 12) <= 164 + 12 * 0.62);        /* a "." with nowhere else to break stays at the end */
    l = wrap(&a, "一行目\n二行目", 12, 164);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.v[1], "二行目");
    l = wrap(&a, "", 12, 164);
    assert_int_equal(l.n, 0);
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_japanese_wraps_by_width),
        cmocka_unit_test(test_words_stay_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
