/* Tests src/core/field.c: the rules of a text field that forms, the API, documents and CSV files
 * share (issue 13 point 5): characters counted, not bytes; control characters; blank. */
#include <string.h>
#include "testutil.h"

#include "core/field.h"

static enum field_problem check(const char *s, const struct field_rule *rule, bool required) {
    return field_check(s, strlen(s), rule, required);
}

/* n copies of the UTF-8 character c. */
static char *repeat(const char *c, size_t n) {
    size_t len = strlen(c);
    char *s = malloc(n * len + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(s + i * len, c, len);
    s[n * len] = '\0';
    return s;
}

static void test_length_in_characters(void **state) {
    (void)state;
    const char *chars[] = {"a", "é", "窓", "𠮷"};            /* 1, 2, 3 and 4 bytes */
    for (size_t i = 0; i < sizeof chars / sizeof *chars; i++) {
        char *ok = repeat(chars[i], 500), *long1 = repeat(chars[i], 501);
        assert_int_equal(check(ok, &field_label, true), FIELD_OK);
        assert_int_equal(check(long1, &field_label, true), FIELD_TOO_LONG);
        free(ok);
        free(long1);
    }
    char *note = repeat("窓", 2000), *note1 = repeat("窓", 2001);
    assert_int_equal(check(note, &field_note, false), FIELD_OK);
    assert_int_equal(check(note1, &field_note, false), FIELD_TOO_LONG);
    assert_int_equal(check(note1, &field_text, false), FIELD_OK);
    free(note);
    free(note1);
    assert_int_equal(check("ab", FIELD_LINE(2), true), FIELD_OK);
    assert_int_equal(check("abc", FIELD_LINE(2), true), FIELD_TOO_LONG);
}

static void test_control_characters(void **state) {
    (void)state;
    /* several lines: line breaks and tabs, nothing else below U+0020, no DEL, no C1 */
    assert_int_equal(check("一行目\n二行目\r\n\t三", &field_text, false), FIELD_OK);
    assert_int_equal(check("鐘\a", &field_text, false), FIELD_CONTROL);
    assert_int_equal(check("\x1b[31m", &field_text, false), FIELD_CONTROL);
    assert_int_equal(check("a\x7f", &field_text, false), FIELD_CONTROL);
    assert_int_equal(check("a\xc2\x85", &field_text, false), FIELD_CONTROL);      /* U+0085 NEL */
    assert_int_equal(check("a\xc2\xa0" "b", &field_text, false), FIELD_OK);     /* U+00A0 is a space */
    assert_int_equal(check("abc\xe2\x80\xae" "def", &field_label, true), FIELD_OK);  /* U+202E: a format, not a control */
    /* one line: no line break or tab either */
    assert_int_equal(check("a\nb", &field_label, true), FIELD_CONTROL);
    assert_int_equal(check("a\tb", &field_item, true), FIELD_CONTROL);
    assert_int_equal(check("a\rb", &field_source, false), FIELD_CONTROL);
    /* a NUL inside the length */
    assert_int_equal(field_check("a\0b", 3, &field_text, false), FIELD_CONTROL);
}

static void test_blank_and_encoding(void **state) {
    (void)state;
    assert_int_equal(check("", &field_label, true), FIELD_BLANK);
    assert_int_equal(check(" \xe3\x80\x80", &field_label, true), FIELD_BLANK);    /* U+3000 */
    assert_int_equal(check(" \n", &field_text, true), FIELD_BLANK);
    assert_int_equal(check("", &field_text, false), FIELD_OK);                   /* optional: not set */
    assert_int_equal(check("\xe3\x80\x80", &field_text, false), FIELD_OK);
    assert_int_equal(check("\xff", &field_text, false), FIELD_BAD_UTF8);
    assert_int_equal(check("\xed\xa0\x80", &field_text, false), FIELD_BAD_UTF8);   /* a surrogate */
    char buf[128];
    assert_string_equal(field_message(FIELD_TOO_LONG, &field_label, buf, sizeof buf), "must be at most 500 characters");
    assert_string_equal(field_message(FIELD_CONTROL, &field_label, buf, sizeof buf),
                        "must be one line without control characters (no line breaks or tabs)");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_length_in_characters),
        cmocka_unit_test(test_control_characters),
        cmocka_unit_test(test_blank_and_encoding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
