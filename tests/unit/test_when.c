/* Tests src/web/when.c: stored UTC timestamps shown in Japan time, in Japanese and English,
 * across the day, month and year boundaries; with milliseconds; bad input never crashes. */
#include "testutil.h"

#include "http/req.h"
#include "web/when.h"

static char *ja(const char *iso) {
    static char out[64];
    if (!when_format(iso, false, out, sizeof out))
        snprintf(out, sizeof out, "(none)");
    return out;
}

static char *en(const char *iso) {
    static char out[64];
    if (!when_format(iso, true, out, sizeof out))
        snprintf(out, sizeof out, "(none)");
    return out;
}

static void test_japan_time(void **state) {
    assert_string_equal(ja("2026-12-04T14:43:53Z"), "2026年12月4日 23:43");
    assert_string_equal(en("2026-12-04T14:43:53Z"), "4 Dec 2026 23:43 JST");
    assert_string_equal(ja("2026-01-05T00:00:00Z"), "2026年1月5日 09:00");
}

static void test_day_rollover(void **state) {
    assert_string_equal(ja("2025-03-31T15:00:00Z"), "2025年4月1日 00:00");     /* a new fiscal year */
    assert_string_equal(en("2025-03-31T15:00:00Z"), "1 Apr 2025 00:00 JST");
    assert_string_equal(ja("2025-03-31T14:59:59Z"), "2025年3月31日 23:59");
    assert_string_equal(ja("2024-12-31T15:00:00Z"), "2025年1月1日 00:00");     /* a new year */
    assert_string_equal(ja("2024-02-28T15:30:00Z"), "2024年2月29日 00:30");    /* leap day */
    assert_string_equal(ja("2023-02-28T15:30:00Z"), "2023年3月1日 00:30");
    assert_string_equal(ja("1969-12-31T15:00:00Z"), "1970年1月1日 00:00");     /* before the epoch */
    assert_string_equal(ja("1969-12-31T14:00:00Z"), "1969年12月31日 23:00");
}

static void test_milliseconds_and_forms(void **state) {
    assert_string_equal(ja("2025-03-31T15:00:00.123Z"), "2025年4月1日 00:00");
    assert_string_equal(en("2025-03-31T15:00:00.5Z"), "1 Apr 2025 00:00 JST");
    assert_string_equal(ja("2025-06-01T03:04Z"), "2025年6月1日 12:04");          /* no seconds */
    assert_string_equal(ja("2025-06-01 03:04:05"), "2025年6月1日 12:04");         /* SQLite's form */
}

static void test_bad_input(void **state) {
    const char *bad[] = {NULL, "", "2025", "2025-03-31", "2025-13-01T00:00:00Z", "2025-02-30T00:00:00Z",
                         "2025-03-31T24:00:00Z", "2025-03-31T12:60Z", "2025-03-31T12:00:00Zjunk",
                         "2025-03-31T12:00:00.Z", "abcd-ef-ghTij:kl", "2025-03-31T1a:00:00Z", "今日"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char out[64] = "x";
        assert_false(when_format(bad[i], false, out, sizeof out));
        assert_string_equal(out, "");
    }
    char tiny[8];                                             /* truncated, never overrun */
    assert_true(when_format("2026-12-04T14:43:53Z", true, tiny, sizeof tiny));
    assert_int_equal(strlen(tiny), sizeof tiny - 1);
}

static void test_html(void **state) {
    struct req r = {.lang = "ja"};
    html_when(&r, "2025-03-31T15:00:00Z");
    assert_string_equal(buf_cstr(&r.out), "<time datetime=\"2025-03-31T15:00:00Z\">2025年4月1日 00:00</time>");
    buf_reset(&r.out);
    r.lang = "en";
    html_when(&r, "2025-03-31T15:00:00.250Z");
    assert_string_equal(buf_cstr(&r.out), "<time datetime=\"2025-03-31T15:00:00.250Z\">1 Apr 2025 00:00 JST</time>");
    buf_reset(&r.out);
    html_when(&r, "<b>soon</b>");                             /* not a time: as given, escaped */
    assert_string_equal(buf_cstr(&r.out), "&lt;b&gt;soon&lt;/b&gt;");
    buf_reset(&r.out);
    html_when(&r, NULL);
    assert_string_equal(buf_cstr(&r.out), "—");
    assert_string_equal(when_text(&r, ""), "—");
    assert_string_equal(when_text(&r, "2026-12-04T14:43:53Z"), "4 Dec 2026 23:43 JST");
    buf_free(&r.out);
    arena_free(&r.arena);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_japan_time),
        cmocka_unit_test(test_day_rollover),
        cmocka_unit_test(test_milliseconds_and_forms),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_html),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
