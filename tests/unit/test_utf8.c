/* Tests src/util/utf8.c: validation, decoding, NFKC case-folded normalisation, word characters. */
#include "testutil.h"

#include "util/utf8.h"

static bool valid(const char *s) { return utf8_valid(s, strlen(s)); }

static void test_valid_sequences(void **state) {
    assert_true(valid(""));
    assert_true(valid("plain ASCII ~\x7f"));
    assert_true(valid("\xc2\x80"));                   /* U+0080, smallest 2-byte */
    assert_true(valid("\xdf\xbf"));                   /* U+07FF */
    assert_true(valid("\xe0\xa0\x80"));               /* U+0800, smallest 3-byte */
    assert_true(valid("\xed\x9f\xbf"));               /* U+D7FF, just below the surrogates */
    assert_true(valid("\xee\x80\x80"));               /* U+E000, just above them */
    assert_true(valid("\xef\xbf\xbf"));               /* U+FFFF */
    assert_true(valid("\xf0\x90\x80\x80"));           /* U+10000, smallest 4-byte */
    assert_true(valid("\xf4\x8f\xbf\xbf"));           /* U+10FFFF, the last code point */
    assert_true(valid("江津市・印西市、ＡＩ。ｶﾞ"));
    assert_true(utf8_valid("a\0b", 3));               /* NUL is a code point */
}

static void test_overlong_rejected(void **state) {
    assert_false(valid("\xc0\x80"));                  /* NUL in 2 bytes */
    assert_false(valid("\xc1\xbf"));                  /* U+007F in 2 bytes */
    assert_false(valid("\xe0\x80\xaf"));              /* '/' in 3 bytes */
    assert_false(valid("\xe0\x9f\xbf"));              /* U+07FF in 3 bytes */
    assert_false(valid("\xf0\x80\x80\xaf"));          /* '/' in 4 bytes */
    assert_false(valid("\xf0\x8f\xbf\xbf"));          /* U+FFFF in 4 bytes */
}

static void test_surrogates_rejected(void **state) {
    assert_false(valid("\xed\xa0\x80"));              /* U+D800 */
    assert_false(valid("\xed\xaf\xbf"));              /* U+DBFF */
    assert_false(valid("\xed\xb0\x80"));              /* U+DC00 */
    assert_false(valid("\xed\xbf\xbf"));              /* U+DFFF */
    assert_false(valid("\xed\xa0\xbd\xed\xb8\x80"));  /* a CESU-8 pair for U+1F600 */
}

static void test_above_max_rejected(void **state) {
    assert_false(valid("\xf4\x90\x80\x80"));          /* U+110000 */
    assert_false(valid("\xf7\xbf\xbf\xbf"));
    assert_false(valid("\xf8\x88\x80\x80\x80"));      /* old 5-byte form */
    assert_false(valid("\xfc\x84\x80\x80\x80\x80"));  /* old 6-byte form */
    assert_false(valid("\xfe"));
    assert_false(valid("\xff"));
}

static void test_truncated_and_stray_rejected(void **state) {
    assert_false(valid("\xc3"));                      /* 2-byte start at the end */
    assert_false(valid("\xe7\xaa"));                  /* 窓 without its last byte */
    assert_false(valid("\xf0\x9f\x98"));              /* U+1F600 without its last byte */
    assert_false(valid("\xe7\xaa" "a"));              /* interrupted by ASCII */
    assert_false(valid("\x80"));                      /* lone continuation byte */
    assert_false(valid("a\xbf" "b"));
    assert_false(utf8_valid("\xe7\xaa\x93", 2));      /* cut by the length, not the bytes */
    assert_true(utf8_valid("\xe7\xaa\x93", 3));
    assert_false(valid("\xe7\xaa\x93\xe5\x8f"));      /* valid, then truncated */
}

static void test_valid_prefix_lengths(void **state) {
    const unsigned char *p = (const unsigned char *)"a\xc3\xa9\xe7\xaa\x93\xf0\x9f\x98\x80";
    assert_int_equal(utf8_valid_prefix(p, 10), 1);
    assert_int_equal(utf8_valid_prefix(p + 1, 9), 2);
    assert_int_equal(utf8_valid_prefix(p + 3, 7), 3);
    assert_int_equal(utf8_valid_prefix(p + 6, 4), 4);
    assert_int_equal(utf8_valid_prefix(p + 6, 3), 0);       /* not enough bytes */
    assert_int_equal(utf8_valid_prefix(p, 0), 0);
    assert_int_equal(utf8_valid_prefix(p + 2, 8), 0);       /* starts on a continuation */
}

static void test_decode_and_length(void **state) {
    int32_t cp;
    assert_int_equal(utf8_decode("A", &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(utf8_decode("\xc3\xa9", &cp), 2);
    assert_int_equal(cp, 0xe9);
    assert_int_equal(utf8_decode("窓口", &cp), 3);
    assert_int_equal(cp, 0x7a93);
    assert_int_equal(utf8_decode("\xf0\x9f\x98\x80", &cp), 4);
    assert_int_equal(cp, 0x1f600);
    assert_int_equal(utf8_length(""), 0);
    assert_int_equal(utf8_length("窓口AI"), 4);
    assert_int_equal(utf8_length("ｶﾞ"), 2);
}

static void check_normalize(const char *in, const char *want) {
    char *got = utf8_normalize(in);
    if (!got)
        fail_msg("utf8_normalize(\"%s\") returned NULL", in);
    if (strcmp(got, want) != 0)
        fail_msg("utf8_normalize(\"%s\") = \"%s\", expected \"%s\"", in, got, want);
    free(got);
}

static void test_normalize(void **state) {
    check_normalize("ＡＩ", "ai");
    check_normalize("AI", "ai");
    check_normalize("ｶﾞ", "ガ");                     /* half-width kana + voiced mark compose */
    check_normalize("ﾏﾄﾞｸﾞﾁ", "マドグチ");
    check_normalize("２０２４年度", "2024年度");
    check_normalize("Ｒ６", "r6");
    check_normalize("窓口", "窓口");                  /* already normal */
    check_normalize("ＡＩ－ＯＣＲ", "ai-ocr");
    check_normalize("", "");
    assert_null(utf8_normalize("\xe7\xaa"));          /* invalid input */
    assert_null(utf8_normalize("a\xff"));
}

static void test_word_characters(void **state) {
    static const int32_t words[] = {
        0x6f22 /* 漢 */, 0x5b57 /* 字 */, 0x304b /* か */, 0x30ab /* カ */, 0x30fc /* ー */,
        'A', 'z', '1', '0', 0xff21 /* Ａ */, 0xff11 /* １ */, 0xe9 /* é */, 0x3099 /* combining dakuten */,
    };
    static const int32_t others[] = {
        0x3001 /* 、 */, 0x3002 /* 。 */, 0x30fb /* ・ */, ' ', 0x3000 /* ideographic space */, '-', '"',
        '(', 0xff08 /* （ */, 0x300c /* 「 */, '\n', 0, '%', 0x3013 /* 〓 */,
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!utf8_is_word_cp(words[i]))
            fail_msg("U+%04X should be a word character", (unsigned)words[i]);
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        if (utf8_is_word_cp(others[i]))
            fail_msg("U+%04X should not be a word character", (unsigned)others[i]);
}

/* Display width, as the logic model's SVG wraps its text: wide characters take two columns. */
static void test_display_width(void **state) {
    (void)state;
    assert_int_equal(utf8_display_width(0x6f22 /* 漢 */), 2);
    assert_int_equal(utf8_display_width(0x304b /* か */), 2);
    assert_int_equal(utf8_display_width(0x3001 /* 、 */), 2);
    assert_int_equal(utf8_display_width(0xff21 /* Ａ */), 2);
    assert_int_equal(utf8_display_width('A'), 1);
    assert_int_equal(utf8_display_width(0xff76 /* ｶ half-width */), 1);
    assert_int_equal(utf8_display_width(0x3099 /* combining dakuten */), 0);
    assert_int_equal(utf8_display_width('\n'), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_sequences),
        cmocka_unit_test(test_overlong_rejected),
        cmocka_unit_test(test_surrogates_rejected),
        cmocka_unit_test(test_above_max_rejected),
        cmocka_unit_test(test_truncated_and_stray_rejected),
        cmocka_unit_test(test_valid_prefix_lengths),
        cmocka_unit_test(test_decode_and_length),
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_word_characters),
        cmocka_unit_test(test_display_width),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
