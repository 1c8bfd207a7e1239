/* Tests src/web/html.c: the escaping html_printf, URL encoding, numbers, text with line breaks. */
#include "testutil.h"

#include <limits.h>
#include "web/html.h"

static struct buf out;

/* html_printf into an emptied buffer; evaluates to a copy of its text (caller frees). */
#define HTML(...) (buf_reset(&out), html_printf(&out, __VA_ARGS__), strdup(buf_cstr(&out)))

/* Compares and frees got (before failing, so that a failure leaks nothing). */
static void expect(char *got, const char *want) {
    bool same = strcmp(got, want) == 0;
    char head[200];
    snprintf(head, sizeof head, "%s", got);
    free(got);
    if (!same)
        fail_msg("got \"%s\", expected \"%s\"", head, want);
}

static void test_s_escapes(void **state) {
    expect(HTML("<p>%s</p>", "a&b<c>d\"e'f"), "<p>a&amp;b&lt;c&gt;d&quot;e&#39;f</p>");
    expect(HTML("<a title=\"%s\">", "\" onmouseover=\"x"), "<a title=\"&quot; onmouseover=&quot;x\">");
    expect(HTML("%s", "窓口 & 課"), "窓口 &amp; 課");
    expect(HTML("%s%s", "<", ">"), "&lt;&gt;");
    expect(HTML("%s", "&amp;"), "&amp;amp;");             /* escaped once more, not passed through */
    expect(HTML("[%s]", ""), "[]");
    expect(HTML("[%s]", (const char *)NULL), "[]");       /* NULL prints nothing */
    expect(HTML("no arguments < here"), "no arguments < here");   /* the format itself is markup */
}

static void test_r_raw(void **state) {
    expect(HTML("<div>%r</div>", "<b>x</b> & y"), "<div><b>x</b> & y</div>");
    expect(HTML("[%r]", (const char *)NULL), "[]");
    expect(HTML("%r%s", "<br>", "<br>"), "<br>&lt;br&gt;");
}

static void test_u_url_encoding(void **state) {
    expect(HTML("/search?q=%u", "窓口"), "/search?q=%E7%AA%93%E5%8F%A3");
    expect(HTML("%u", "a b&c=d/e?f#g"), "a%20b%26c%3Dd%2Fe%3Ff%23g");
    expect(HTML("%u", "AZaz09-_.~"), "AZaz09-_.~");
    expect(HTML("%u", "<\"'>"), "%3C%22%27%3E");
    expect(HTML("%u", "+%"), "%2B%25");
    expect(HTML("[%u]", (const char *)NULL), "[]");
}

static void test_numbers(void **state) {
    expect(HTML("%F", 12.5), "12.5");
    expect(HTML("%F", 100.0), "100");
    expect(HTML("%F", 3.80), "3.8");
    expect(HTML("%F", 0.0), "0");
    expect(HTML("%F", -0.0), "0");
    expect(HTML("%F", -0.001), "0");
    expect(HTML("%F", 0.07), "0.07");
    expect(HTML("%F", 1234567.891), "1234567.89");
    expect(HTML("%F", -2.5), "-2.5");
    expect(HTML("%F", 1.0 / 3), "0.33");
    expect(HTML("%F", 2.0 / 3), "0.67");
    expect(HTML("%F", NAN), "-");
    expect(HTML("%F%%", 50.0), "50%");
    expect(HTML("%d/%D", -42, (int64_t)9007199254740993LL), "-42/9007199254740993");

    char s[32];
    format_number(s, sizeof s, 3.80);
    assert_string_equal(s, "3.8");
    format_number(s, sizeof s, 10.10);
    assert_string_equal(s, "10.1");
    format_number(s, sizeof s, 1e6);
    assert_string_equal(s, "1000000");
}

/* Large values keep their magnitude (KPI values come from users and the API accepts any
 * finite number); checked by reading the text back. */
static void test_large_numbers_not_truncated(void **state) {
    static const double vs[] = {1e20, 123456789012345.0, 1e45, 1e50, -1e60, 1e300};
    for (size_t i = 0; i < sizeof vs / sizeof vs[0]; i++) {
        char *s = HTML("%F", vs[i]), text[400];
        snprintf(text, sizeof text, "%s", s);
        free(s);
        double back = strtod(text, NULL);
        if (!(fabs(back - vs[i]) <= fabs(vs[i]) * 1e-9))
            fail_msg("%%F of %g printed \"%s\", which reads back as %g", vs[i], text, back);
    }
}

/* format_number before its fast paths: snprintf("%.2f") with the trailing zeros trimmed. */
static void reference_number(char *dst, size_t size, double v) {
    if (!isfinite(v)) {
        snprintf(dst, size, "-");
        return;
    }
    if (fabs(v) >= 1e15) {
        snprintf(dst, size, "%.6g", v);
        return;
    }
    snprintf(dst, size, "%.2f", v);
    char *dot = strchr(dst, '.');
    if (dot) {
        char *end = dst + strlen(dst) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    if (strcmp(dst, "-0") == 0)
        snprintf(dst, size, "0");
}

static void check_number_ref(double v) {
    char got[48], want[48];
    format_number(got, sizeof got, v);
    reference_number(want, sizeof want, v);
    if (strcmp(got, want) != 0)
        fail_msg("format_number(%.17g) = \"%s\", snprintf gives \"%s\"", v, got, want);
}

/* The fast paths (integral values, exactly two decimals below 1e13) print what snprintf
 * prints; values on either side of them too. */
static void test_number_fast_paths(void **state) {
    expect(HTML("%F", 0.125), "0.12");                 /* an exact half: not a fast path */
    expect(HTML("%F", 0.375), "0.38");
    expect(HTML("%F", -3.75), "-3.75");
    expect(HTML("%F", 1e15), "1e+15");
    expect(HTML("%F", 0.005), "0.01");
    expect(HTML("%F", -0.005), "-0.01");
    expect(HTML("%F", 123456.785), "123456.79");
    expect(HTML("%F", 9999999999999.99), "9999999999999.99");
    expect(HTML("%F", 10000000000000.5), "10000000000000.5");
    expect(HTML("%F", 1e-7), "0");
    expect(HTML("%F", -1e-7), "0");
    expect(HTML("%F", -9223372036854775808.0), "-9.22337e+18");
    expect(HTML("%F", 999999999999999.0), "999999999999999");
    static const double vs[] = {
        0.125, 2.5, -3.75, 1e15, -0.0, 0.0, 0.005, 0.015, 2.675, 1.005, 123456.785, 1e-7, -0.001,
        9999999999999.99, 1e13, 1e13 + 0.5, 1e13 - 0.01, 999999999999999.0, 999999999999999.9,
        9007199254740992.0, -9223372036854775808.0, 1234567.891, 0.07, 1.0 / 3, 0.1 + 0.2, NAN,
        INFINITY, -INFINITY, 5e-324, 1e300,
    };
    for (size_t i = 0; i < sizeof vs / sizeof vs[0]; i++) {
        check_number_ref(vs[i]);
        check_number_ref(nextafter(vs[i], INFINITY));
        check_number_ref(nextafter(vs[i], -INFINITY));
    }
    for (int64_t k = -20000; k <= 20000; k++) {        /* k / 100 and its neighbours */
        double v = (double)k / 100;
        check_number_ref(v);
        check_number_ref(nextafter(v, INFINITY));
        check_number_ref(nextafter(v, -INFINITY));
        check_number_ref(((double)k + 0.5) / 100);
    }
    for (int64_t k = 999999999999000; k <= 1000000000001000; k += 7)   /* around 1e13 */
        check_number_ref((double)k / 100);
    char s[8];
    format_number(s, sizeof s, 12.5);                  /* a small buffer: snprintf's truncation */
    assert_string_equal(s, "12.5");
    format_number(s, 4, 12.25);
    assert_string_equal(s, "12");                       /* "12." with its dot trimmed */
}

static void test_integers(void **state) {
    expect(HTML("%d|%d|%d", INT_MIN, INT_MAX, 0), "-2147483648|2147483647|0");
    expect(HTML("%D|%D", INT64_MIN, INT64_MAX), "-9223372036854775808|9223372036854775807");
    expect(HTML("[%d]", -7), "[-7]");
}

/* Escaping copies runs between the characters it replaces; a character to replace at every
 * offset from a run's start, and an empty string (which still gives the buffer its data). */
static void test_escape_positions(void **state) {
    for (size_t at = 0; at < 12; at++)
        for (const char *c = "&<>\"'"; *c; c++) {
            char in[16], want[40];
            memset(in, 'a', sizeof in);
            in[at] = *c;
            in[12] = '\0';
            const char *ent = *c == '&' ? "&amp;" : *c == '<' ? "&lt;" : *c == '>' ? "&gt;"
                            : *c == '"' ? "&quot;" : "&#39;";
            snprintf(want, sizeof want, "%.*s%s%s", (int)at, in, ent, in + at + 1);
            expect(HTML("%s", in), want);
        }
    struct buf b = BUF_INIT;
    html_escape(&b, "");
    assert_non_null(b.data);
    assert_int_equal(b.len, 0);
    buf_free(&b);
    html_text_lines(&b, "");
    assert_null(b.data);                               /* nothing appended */
    html_text_lines(&b, "a'\n\n<");
    assert_string_equal(buf_cstr(&b), "a&#39;<br><br>&lt;");
    buf_free(&b);
}

/* Every byte through url_escape and url_escape_path. */
static void test_url_escape_all_bytes(void **state) {
    struct buf b = BUF_INIT, p = BUF_INIT;
    for (int c = 1; c < 256; c++) {
        char in[2] = {(char)c, 0}, want[4];
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.' || c == '~';
        if (keep)
            snprintf(want, sizeof want, "%c", c);
        else
            snprintf(want, sizeof want, "%%%02X", c);
        buf_reset(&b);
        url_escape(&b, in);
        assert_string_equal(buf_cstr(&b), want);
        buf_reset(&p);
        url_escape_path(&p, in);
        assert_string_equal(buf_cstr(&p), c == '/' ? "/" : want);
    }
    buf_reset(&b);
    url_escape_path(&b, "/plans/12/窓口 a");
    assert_string_equal(buf_cstr(&b), "/plans/12/%E7%AA%93%E5%8F%A3%20a");
    buf_free(&b);
    buf_free(&p);
}

static void test_percent_forms(void **state) {
    expect(HTML("100%%"), "100%");
    expect(HTML("a%qb"), "a%qb");                         /* unknown directive printed as is */
    expect(HTML("end%"), "end%");                         /* a lone % at the end */
    expect(HTML("%s and %s", "<a>", "<b>"), "&lt;a&gt; and &lt;b&gt;");
}

static void test_html_escape_appends(void **state) {
    struct buf b = BUF_INIT;
    buf_puts(&b, "<x>");
    html_escape(&b, "'&'");
    html_escape(&b, NULL);
    assert_string_equal(buf_cstr(&b), "<x>&#39;&amp;&#39;");
    buf_free(&b);
}

static char *text_lines(const char *s) {
    struct buf b = BUF_INIT;
    html_text_lines(&b, s);
    return buf_steal(&b);
}

static void test_text_lines(void **state) {
    expect(text_lines("a<b\nc&d"), "a&lt;b<br>c&amp;d");
    expect(text_lines("line\n"), "line<br>");
    expect(text_lines("\n\n"), "<br><br>");
    expect(text_lines("現状\n理想 \"x\""), "現状<br>理想 &quot;x&quot;");
    expect(text_lines(""), "");
    struct buf b = BUF_INIT;
    html_text_lines(&b, NULL);
    assert_int_equal(b.len, 0);
    buf_free(&b);
}

/* Long lines are escaped in chunks inside html_text_lines; nothing may be lost or doubled at
 * the chunk boundaries, also for multi-byte characters. */
static void test_text_lines_long(void **state) {
    struct buf in = BUF_INIT, want = BUF_INIT;
    for (int i = 0; i < 3000; i++) {
        buf_puts(&in, i % 7 == 0 ? "<" : i % 5 == 0 ? "窓" : "a");
        buf_puts(&want, i % 7 == 0 ? "&lt;" : i % 5 == 0 ? "窓" : "a");
        if (i == 1500) {
            buf_puts(&in, "\n");
            buf_puts(&want, "<br>");
        }
    }
    expect(text_lines(buf_cstr(&in)), buf_cstr(&want));
    buf_free(&in);
    buf_free(&want);
}

static void test_url_escape(void **state) {
    struct buf b = BUF_INIT;
    url_escape(&b, "書かない窓口");
    assert_string_equal(buf_cstr(&b), "%E6%9B%B8%E3%81%8B%E3%81%AA%E3%81%84%E7%AA%93%E5%8F%A3");
    buf_free(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_s_escapes),
        cmocka_unit_test(test_r_raw),
        cmocka_unit_test(test_u_url_encoding),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_large_numbers_not_truncated),
        cmocka_unit_test(test_number_fast_paths),
        cmocka_unit_test(test_integers),
        cmocka_unit_test(test_escape_positions),
        cmocka_unit_test(test_url_escape_all_bytes),
        cmocka_unit_test(test_percent_forms),
        cmocka_unit_test(test_html_escape_appends),
        cmocka_unit_test(test_text_lines),
        cmocka_unit_test(test_text_lines_long),
        cmocka_unit_test(test_url_escape),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    buf_free(&out);
    return failed;
}
