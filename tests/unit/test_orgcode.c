/* Tests src/core/orgcode.c: the check digit of 全国地方公共団体コード (SPEC §2). */
#include "testutil.h"

#include "core/orgcode.h"

/* The rule of SPEC §2 written out independently: s = 6d1+5d2+4d3+3d4+2d5, (11 - s%11) % 10. */
static int reference_check_digit(const char *c) {
    int s = 6 * (c[0] - '0') + 5 * (c[1] - '0') + 4 * (c[2] - '0') + 3 * (c[3] - '0') + 2 * (c[4] - '0');
    return (11 - s % 11) % 10;
}

static void test_known_codes_valid(void **state) {
    assert_true(orgcode_valid("322075"));      /* 江津市 */
    assert_true(orgcode_valid("122319"));      /* 印西市 */
    assert_true(orgcode_valid("011002"));      /* 札幌市 */
    assert_true(orgcode_valid("270008"));      /* 大阪府 */
    assert_true(orgcode_valid("010006"));      /* 北海道 */
}

static void test_wrong_check_digit_invalid(void **state) {
    assert_false(orgcode_valid("322076"));
    assert_false(orgcode_valid("322070"));
    assert_false(orgcode_valid("122310"));
    /* exactly one check digit is right for every five-digit prefix */
    int valid = 0;
    for (char d = '0'; d <= '9'; d++) {
        char code[7] = {'3', '2', '2', '0', '7', d, 0};
        valid += orgcode_valid(code);
    }
    assert_int_equal(valid, 1);
}

static void test_check_digit(void **state) {
    assert_int_equal(orgcode_check_digit("32207"), 5);
    assert_int_equal(orgcode_check_digit("12231"), 9);
    /* s % 11 == 0 gives (11 - 0) % 10 = 1; s % 11 == 1 gives 10 % 10 = 0 */
    assert_int_equal(orgcode_check_digit("11000"), 1);     /* s = 11 */
    assert_int_equal(orgcode_check_digit("20000"), 0);     /* s = 12 */
    assert_int_equal(orgcode_check_digit("00000"), 1);
    /* the function reads only five digits, so a full code works too */
    assert_int_equal(orgcode_check_digit("322075"), 5);
    char code[6];
    for (int i = 0; i < 100000; i += 7) {
        snprintf(code, sizeof code, "%05d", i);
        if (orgcode_check_digit(code) != reference_check_digit(code))
            fail_msg("check digit of %s: %d, expected %d", code, orgcode_check_digit(code), reference_check_digit(code));
    }
}

/* A prefecture's code is XX000 plus its check digit: 東京都 13000 -> s = 6+15 = 21, 21 % 11 = 10,
 * (11 - 10) % 10 = 1, so 130001. */
static void test_prefecture_code(void **state) {
    assert_int_equal(orgcode_check_digit("13000"), 1);
    assert_true(orgcode_valid("130001"));
    assert_false(orgcode_valid("130000"));
    assert_false(orgcode_valid("130002"));
}

static void test_malformed_codes_invalid(void **state) {
    static const char *const bad[] = {
        "", "32207", "3220755", "32207a", "a22075", "32 075", "322075 ", " 322075", "-32207",
        "３２２０７５", "3220.5", "32207\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (orgcode_valid(bad[i]))
            fail_msg("orgcode_valid accepted \"%s\"", bad[i]);
    assert_false(orgcode_valid(NULL));
    assert_false(orgcode_valid("3220/5"));       /* '/' sits just below '0' */
    assert_false(orgcode_valid("32207:"));       /* ':' sits just above '9' */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_codes_valid),
        cmocka_unit_test(test_wrong_check_digit_invalid),
        cmocka_unit_test(test_check_digit),
        cmocka_unit_test(test_prefecture_code),
        cmocka_unit_test(test_malformed_codes_invalid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
