/* Tests src/core/number.c: numbers as people type them, and the range kawaru stores. */
#include "testutil.h"

#include "core/number.h"

static void accepts(const char *s, double want) {
    double v = -12345;
    bool too_big = true;
    if (number_parse(s, &v, &too_big) != 0)
        fail_msg("\"%s\" was refused", s);
    assert_double_near(v, want, 1e-9);
    assert_false(too_big);
}

static void refuses(const char *s, bool big) {
    double v = -12345;
    bool too_big = !big;
    assert_int_equal(number_parse(s, &v, &too_big), KW_EINVAL);
    assert_double_near(v, -12345, 0);                /* untouched */
    if (too_big != big)
        fail_msg("\"%s\": too_big %d, expected %d", s, too_big, big);
}

static void test_as_typed(void **state) {
    (void)state;
    accepts("12.5", 12.5);
    accepts("１２．５", 12.5);                       /* full-width digits and point */
    accepts("約11.0", 11.0);                         /* as the seed writes 約11.0分 */
    accepts("約 １１", 11);
    accepts("  7 ", 7);
    accepts("1,234,567.5", 1234567.5);
    accepts("１，２３４", 1234);                      /* full-width commas */
    accepts("-3", -3);
    accepts("－３", -3);                             /* full-width minus */
    accepts("\xe2\x88\x92" "3", -3);                 /* U+2212 MINUS SIGN */
    accepts("+0.25", 0.25);
    accepts("1000000000000000", 1e15);               /* the limit itself */
}

static void test_refused(void **state) {
    (void)state;
    static const char *const bad[] = {"", " ", "abc", "1e3", "nan", "NaN", "inf", "-inf", "Infinity", "0x10",
                                      "1,23", "12,34,567", ",123", "1.2.3", "1 2", "約", "12%", "..", "-"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        refuses(bad[i], false);
    refuses("1000000000000001", true);
    refuses("-2,000,000,000,000,000", true);
    refuses("99999999999999999999999999999", true);
}

static void test_range(void **state) {
    (void)state;
    assert_true(number_in_range(0));
    assert_true(number_in_range(-1e15));
    assert_false(number_in_range(1.0000001e15));
    assert_false(number_in_range(NAN));
    assert_false(number_in_range(INFINITY));
    assert_false(number_in_range(-INFINITY));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_as_typed),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
