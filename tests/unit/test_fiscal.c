/* Tests src/core/fiscal.c: calendar dates, fiscal years (April-March), quarters and 和暦. */
#include <stdlib.h>
#include <time.h>
#include "testutil.h"

#include "core/fiscal.h"

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m) {
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

static kw_date ymd(int y, int m, int d) { return date_from_ymd(y, m, d); }

static void assert_date_is(kw_date date, int y, int m, int d) {
    int y2, m2, d2;
    date_to_ymd(date, &y2, &m2, &d2);
    if (y2 != y || m2 != m || d2 != d)
        fail_msg("date %d is %04d-%02d-%02d, expected %04d-%02d-%02d", date, y2, m2, d2, y, m, d);
}

/* Walks every day from 1900 to 2200 with an independent calendar and checks both directions. */
static void test_date_round_trip_every_day(void **state) {
    kw_date expect = ymd(1900, 1, 1);
    assert_int_equal(ymd(1970, 1, 1), 0);
    assert_int_equal(expect, -25567);                  /* 70 years, 17 leap days */
    for (int y = 1900; y <= 2200; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= days_in_month(y, m); d++) {
                kw_date date = ymd(y, m, d);
                if (date != expect)
                    fail_msg("date_from_ymd(%d, %d, %d) = %d, expected %d", y, m, d, date, expect);
                assert_date_is(date, y, m, d);
                expect++;
            }
}

static void test_date_leap_days(void **state) {
    assert_int_equal(ymd(2024, 3, 1) - ymd(2024, 2, 28), 2);    /* 2024-02-29 exists */
    assert_int_equal(ymd(2023, 3, 1) - ymd(2023, 2, 28), 1);
    assert_int_equal(ymd(2000, 3, 1) - ymd(2000, 2, 28), 2);    /* divisible by 400 */
    assert_int_equal(ymd(1900, 3, 1) - ymd(1900, 2, 28), 1);    /* by 100, not 400 */
    assert_int_equal(ymd(2100, 3, 1) - ymd(2100, 2, 28), 1);
    assert_date_is(ymd(2024, 2, 29), 2024, 2, 29);
    assert_date_is(ymd(2024, 2, 29) + 1, 2024, 3, 1);
    assert_date_is(ymd(2025, 1, 1) - 1, 2024, 12, 31);
    assert_int_equal(ymd(2025, 1, 1) - ymd(2024, 1, 1), 366);
}

static void test_date_parse_accepts_real_dates(void **state) {
    kw_date d = -1;
    assert_int_equal(date_parse("2024-02-29", &d), 0);
    assert_int_equal(d, ymd(2024, 2, 29));
    assert_int_equal(date_parse("2000-02-29", &d), 0);
    assert_int_equal(d, ymd(2000, 2, 29));
    assert_int_equal(date_parse("2027-03-31", &d), 0);
    assert_int_equal(d, ymd(2027, 3, 31));
    assert_int_equal(date_parse("1970-01-01", &d), 0);
    assert_int_equal(d, 0);
}

static void test_date_parse_rejects(void **state) {
    static const char *const bad[] = {
        "2023-02-29",    /* not a leap year */
        "1900-02-29",    /* century, not a leap year */
        "2024-02-30", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00", "2024-01-32",
        "2024-1-01", "2024-01-1", "24-01-01", "2024/01/01", "20240101", "2024-01-01 ",
        " 2024-01-01", "2024-01-01x", "2024-0a-01", "+024-01-01", "", "2024-２-01",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        kw_date d = 12345;
        if (date_parse(bad[i], &d) != KW_EINVAL)
            fail_msg("date_parse accepted \"%s\"", bad[i]);
        assert_int_equal(d, 12345);                  /* ret_date untouched on error */
    }
    kw_date d = 12345;
    assert_int_equal(date_parse(NULL, &d), KW_EINVAL);
    assert_int_equal(d, 12345);
}

static void test_date_format(void **state) {
    char s[16];
    date_format(ymd(2024, 2, 29), s, sizeof s);
    assert_string_equal(s, "2024-02-29");
    date_format(ymd(2027, 3, 31), s, sizeof s);
    assert_string_equal(s, "2027-03-31");
    date_format(0, s, sizeof s);
    assert_string_equal(s, "1970-01-01");
    /* format and parse are inverse over a few years */
    for (kw_date d = ymd(2023, 1, 1); d < ymd(2027, 1, 1); d++) {
        kw_date back;
        date_format(d, s, sizeof s);
        assert_int_equal(date_parse(s, &back), 0);
        assert_int_equal(back, d);
    }
}

static void test_fy_of_date(void **state) {
    assert_int_equal(fy_of_date(ymd(2024, 3, 31)), 2023);
    assert_int_equal(fy_of_date(ymd(2024, 4, 1)), 2024);
    assert_int_equal(fy_of_date(ymd(2024, 12, 31)), 2024);
    assert_int_equal(fy_of_date(ymd(2025, 1, 1)), 2024);
    assert_int_equal(fy_of_date(ymd(2025, 3, 31)), 2024);
    assert_int_equal(fy_of_date(ymd(2025, 4, 1)), 2025);
    for (int fy = 2000; fy <= 2040; fy++) {
        assert_int_equal(fy_of_date(fy_start(fy)), fy);
        assert_int_equal(fy_of_date(fy_start(fy) - 1), fy - 1);
        assert_int_equal(fy_of_date(fy_end(fy)), fy);
        assert_int_equal(fy_of_date(fy_end(fy) + 1), fy + 1);
    }
}

static void test_quarter_boundaries(void **state) {
    static const struct { int m, d, q; } cases[] = {
        {4, 1, 1}, {6, 30, 1}, {7, 1, 2}, {9, 30, 2}, {10, 1, 3}, {12, 31, 3}, {1, 1, 4}, {3, 31, 4},
        {5, 15, 1}, {8, 15, 2}, {11, 15, 3}, {2, 29, 4},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int y = cases[i].m >= 4 ? 2023 : 2024;           /* all inside FY2023 */
        kw_date d = ymd(y, cases[i].m, cases[i].d);
        if (quarter_of_date(d) != cases[i].q)
            fail_msg("quarter_of_date(%d-%02d-%02d) = %d, expected %d", y, cases[i].m, cases[i].d,
                     quarter_of_date(d), cases[i].q);
        assert_int_equal(fy_of_date(d), 2023);
    }
}

static void test_quarter_end_and_fy_bounds(void **state) {
    assert_int_equal(quarter_end(2024, 1), ymd(2024, 6, 30));
    assert_int_equal(quarter_end(2024, 2), ymd(2024, 9, 30));
    assert_int_equal(quarter_end(2024, 3), ymd(2024, 12, 31));
    assert_int_equal(quarter_end(2024, 4), ymd(2025, 3, 31));
    assert_int_equal(quarter_end(2023, 4), ymd(2024, 3, 31));
    assert_int_equal(fy_start(2024), ymd(2024, 4, 1));
    assert_int_equal(fy_end(2024), ymd(2025, 3, 31));
    assert_int_equal(fy_end(2023), ymd(2024, 3, 31));
    assert_int_equal(fy_end(2026), ymd(2027, 3, 31));
    for (int fy = 2000; fy <= 2040; fy++) {
        assert_int_equal(quarter_end(fy, 4), fy_end(fy));
        assert_int_equal(fy_end(fy) + 1, fy_start(fy + 1));
        for (int q = 1; q <= 4; q++) {
            assert_int_equal(quarter_of_date(quarter_end(fy, q)), q);
            assert_int_equal(quarter_of_date(quarter_end(fy, q) + 1), q % 4 + 1);
            assert_int_equal(fy_of_date(quarter_end(fy, q)), fy);
        }
    }
}

static void test_fy_label(void **state) {
    char s[64];
    fy_label(2024, s, sizeof s);
    assert_string_equal(s, "2024年度（令和6年度）");
    fy_label(2019, s, sizeof s);
    assert_string_equal(s, "2019年度（令和元年度）");
    fy_label(2018, s, sizeof s);
    assert_string_equal(s, "2018年度（平成30年度）");
    fy_label(1989, s, sizeof s);
    assert_string_equal(s, "1989年度（平成元年度）");
    fy_label(2026, s, sizeof s);
    assert_string_equal(s, "2026年度（令和8年度）");

    const char *era;
    int year;
    assert_int_equal(fy_to_wareki(2024, &era, &year), 0);
    assert_string_equal(era, "令和");
    assert_int_equal(year, 6);
    assert_int_equal(fy_to_wareki(1988, &era, &year), 0);
    assert_string_equal(era, "昭和");
    assert_int_equal(year, 63);
}

static void test_fy_parse_accepts(void **state) {
    static const struct { const char *in; int fy; } cases[] = {
        {"2024", 2024}, {"2024年度", 2024}, {"令和6年度", 2024}, {"令和元年度", 2019},
        {"R6", 2024}, {"r6", 2024}, {"Ｒ６", 2024}, {"２０２４", 2024}, {"H30", 2018},
        {"平成30年度", 2018}, {"令和６年度", 2024}, {"２０２４年度", 2024}, {"R6年度", 2024},
        {"平成元年度", 1989}, {"h30", 2018}, {"R1", 2019},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int fy = -1;
        int rc = fy_parse(cases[i].in, &fy);
        if (rc != 0 || fy != cases[i].fy)
            fail_msg("fy_parse(\"%s\") = %d, fy %d; expected fy %d", cases[i].in, rc, fy, cases[i].fy);
    }
}

/* Year 0 of an era does not exist (the first year is 元年), so "R0" and "令和0年度" are errors,
 * not FY2018. */
static void test_fy_parse_rejects(void **state) {
    static const char *const bad[] = {
        "", "令和", "R0", "r0", "令和0年度", "abc", "2024x", "R", "年度", "令和6年度x", "1899", "2201",
        "R100", "\xff",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int fy = -1;
        int rc = fy_parse(bad[i], &fy);
        if (rc != KW_EINVAL)
            fail_msg("fy_parse(\"%s\") accepted it as %d", bad[i], fy);
        assert_int_equal(fy, -1);                     /* ret_fy untouched on error */
    }
}

/* Today is Japan's day whatever the server's time zone: with TZ twelve hours behind UTC (where
 * the local day differs from Japan's 21 hours of 24), date_today still gives the day of UTC+9. */
static void test_today_in_japan(void **state) {
    (void)state;
    setenv("TZ", "XYZ+12", 1);
    tzset();
    time_t now = time(NULL) + 9 * 3600;
    struct tm tm;
    gmtime_r(&now, &tm);
    kw_date want = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), got = date_today();
    time_t after = time(NULL) + 9 * 3600;
    if (after / 86400 == now / 86400)                    /* not across Japan's midnight meanwhile */
        assert_int_equal(got, want);
    unsetenv("TZ");
    tzset();
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_today_in_japan),
        cmocka_unit_test(test_date_round_trip_every_day),
        cmocka_unit_test(test_date_leap_days),
        cmocka_unit_test(test_date_parse_accepts_real_dates),
        cmocka_unit_test(test_date_parse_rejects),
        cmocka_unit_test(test_date_format),
        cmocka_unit_test(test_fy_of_date),
        cmocka_unit_test(test_quarter_boundaries),
        cmocka_unit_test(test_quarter_end_and_fy_bounds),
        cmocka_unit_test(test_fy_label),
        cmocka_unit_test(test_fy_parse_accepts),
        cmocka_unit_test(test_fy_parse_rejects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
