/* Tests src/util/jw.c: the streaming JSON writer (structure, indentation, escaping, numbers). */
#include "testutil.h"

#include <jansson.h>
#include "util/fmt.h"
#include "util/json_canon.h"
#include "util/jw.h"
#include "util/utf8.h"

/* Parses text with jansson (failing the test if it is not JSON); caller decrefs. */
static json_t *parse(const char *text) {
    json_error_t e;
    json_t *v = json_loads(text, JSON_DECODE_ANY | JSON_ALLOW_NUL, &e);
    if (!v)
        fail_msg("not JSON (%s at %d:%d): %s", e.text, e.line, e.column, text);
    return v;
}

/* The JSON text of one string written by jw_strn. */
static char *str_json(const char *s, size_t n) {
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    jw_strn(&w, s, n);
    return buf_steal(&b);
}

/* Writes s, checks the exact text and that jansson reads back `want` (want_len bytes). */
static void check_string(const char *s, size_t n, const char *want_json, const char *want, size_t want_len) {
    char *heap = str_json(s, n), text[512];
    assert_true(strlen(heap) < sizeof text);
    strcpy(text, heap);
    free(heap);                              /* freed before any assertion can fail */
    assert_string_equal(text, want_json);
    assert_true(utf8_valid(text, strlen(text)));
    json_t *v = parse(text);
    bool ok = json_is_string(v) && json_string_length(v) == want_len &&
              memcmp(json_string_value(v), want, want_len) == 0;
    json_decref(v);
    if (!ok)
        fail_msg("%s does not read back as the expected string", text);
}

#define CHECK_SAME(s) check_string((s), strlen(s), "\"" s "\"", (s), strlen(s))

static void test_compact_nesting(void **state) {
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    jw_obj_begin(&w);
    jw_key(&w, "a");
    jw_arr_begin(&w);
    jw_int(&w, 1);
    jw_int(&w, 2);
    jw_obj_begin(&w);
    jw_key(&w, "b");
    jw_null(&w);
    jw_obj_end(&w);
    jw_arr_begin(&w);
    jw_arr_end(&w);
    jw_arr_end(&w);
    jw_kbool(&w, "c", true);
    jw_kstr(&w, "d", "x");
    jw_kint(&w, "e", -7);
    jw_knum(&w, "f", 2.5);
    jw_key(&w, "g");
    jw_obj_begin(&w);
    jw_obj_end(&w);
    jw_kstr(&w, "h", NULL);
    jw_kbool(&w, "i", false);
    jw_obj_end(&w);
    assert_string_equal(buf_cstr(&b),
        "{\"a\":[1,2,{\"b\":null},[]],\"c\":true,\"d\":\"x\",\"e\":-7,\"f\":2.5,\"g\":{},\"h\":null,\"i\":false}");
    json_t *v = parse(buf_cstr(&b));
    assert_int_equal(json_array_size(json_object_get(v, "a")), 4);
    assert_int_equal(json_integer_value(json_array_get(json_object_get(v, "a"), 1)), 2);
    assert_true(json_is_null(json_object_get(json_array_get(json_object_get(v, "a"), 2), "b")));
    assert_true(json_is_true(json_object_get(v, "c")));
    assert_string_equal(json_string_value(json_object_get(v, "d")), "x");
    assert_true(json_is_null(json_object_get(v, "h")));
    json_decref(v);
    buf_free(&b);
}

static void test_indent_two(void **state) {
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 2);
    jw_obj_begin(&w);
    jw_key(&w, "a");
    jw_arr_begin(&w);
    jw_int(&w, 1);
    jw_obj_begin(&w);
    jw_kstr(&w, "b", "c");
    jw_obj_end(&w);
    jw_arr_end(&w);
    jw_key(&w, "e");
    jw_obj_begin(&w);
    jw_obj_end(&w);
    jw_key(&w, "f");
    jw_arr_begin(&w);
    jw_arr_end(&w);
    jw_kint(&w, "g", 3);
    jw_obj_end(&w);
    assert_string_equal(buf_cstr(&b),
        "{\n"
        "  \"a\": [\n"
        "    1,\n"
        "    {\n"
        "      \"b\": \"c\"\n"
        "    }\n"
        "  ],\n"
        "  \"e\": {},\n"
        "  \"f\": [],\n"
        "  \"g\": 3\n"
        "}");
    json_t *v = parse(buf_cstr(&b));
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(v, "a"), 1), "b")), "c");
    json_decref(v);
    buf_free(&b);
}

static void test_top_level_values_and_raw(void **state) {
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    jw_arr_begin(&w);
    jw_raw(&w, "{\"x\":[1]}");
    jw_str(&w, "y");
    jw_raw(&w, "true");
    jw_arr_end(&w);
    assert_string_equal(buf_cstr(&b), "[{\"x\":[1]},\"y\",true]");
    buf_free(&b);

    jw_init(&w, &b, 0);
    jw_int(&w, INT64_MIN);
    assert_string_equal(buf_cstr(&b), "-9223372036854775808");
    buf_free(&b);

    /* several levels deep, and back out */
    jw_init(&w, &b, 0);
    for (int i = 0; i < 40; i++)
        jw_arr_begin(&w);
    jw_int(&w, 1);
    for (int i = 0; i < 40; i++)
        jw_arr_end(&w);
    json_t *v = parse(buf_cstr(&b));
    json_decref(v);
    assert_int_equal(b.len, 81);
    buf_free(&b);
}

static void test_escape_specials(void **state) {
    check_string("a\"b\\c", 5, "\"a\\\"b\\\\c\"", "a\"b\\c", 5);
    check_string("\n\r\t", 3, "\"\\n\\r\\t\"", "\n\r\t", 3);
    check_string("\x01\x1f\b\f", 4, "\"\\u0001\\u001f\\u0008\\u000c\"", "\x01\x1f\b\f", 4);
    check_string("a\0b", 3, "\"a\\u0000b\"", "a\0b", 3);
    check_string("/", 1, "\"/\"", "/", 1);
}

/* JSON is served as application/json and never inlined into HTML, so < > & are kept as they
 * are (readable exports); they must still round-trip through a JSON parser. */
static void test_html_characters_kept(void **state) {
    check_string("<script>&</script>", 18, "\"<script>&</script>\"", "<script>&</script>", 18);
    /* keys are the program's own literals and are written as they are */
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    jw_obj_begin(&w);
    jw_kstr(&w, "measure_id", "<v>");
    jw_obj_end(&w);
    assert_string_equal(buf_cstr(&b), "{\"measure_id\":\"<v>\"}");
    json_t *v = parse(buf_cstr(&b));
    assert_string_equal(json_string_value(json_object_get(v, "measure_id")), "<v>");
    json_decref(v);
    buf_free(&b);
}

static void test_valid_utf8_kept(void **state) {
    CHECK_SAME("caf\xc3\xa9");                        /* 2 bytes: é */
    CHECK_SAME("\xe7\xaa\x93\xe5\x8f\xa3");           /* 3 bytes: 窓口 */
    CHECK_SAME("\xf0\x9f\x98\x80");                   /* 4 bytes: U+1F600 */
    CHECK_SAME("\xef\xbf\xbf\xf4\x8f\xbf\xbf");       /* U+FFFF, U+10FFFF */
    CHECK_SAME("江津市の書かない窓口");
}

#define FFFD "\xef\xbf\xbd"

static void test_invalid_utf8_replaced(void **state) {
    check_string("a\xff" "b", 3, "\"a" FFFD "b\"", "a" FFFD "b", 5);
    check_string("\x80", 1, "\"" FFFD "\"", FFFD, 3);                       /* lone continuation */
    check_string("\xc0\xaf", 2, "\"" FFFD FFFD "\"", FFFD FFFD, 6);         /* overlong '/' */
    check_string("\xed\xa0\x80", 3, "\"" FFFD FFFD FFFD "\"", FFFD FFFD FFFD, 9);   /* surrogate */
    check_string("\xf4\x90\x80\x80", 4, "\"" FFFD FFFD FFFD FFFD "\"", FFFD FFFD FFFD FFFD, 12);
    /* truncated at the end of the string: 窓 without its last byte */
    check_string("x\xe7\xaa", 3, "\"x" FFFD FFFD "\"", "x" FFFD FFFD, 7);
    /* truncated by the length given, though more bytes follow in memory */
    check_string("\xe7\xaa\x93", 2, "\"" FFFD FFFD "\"", FFFD FFFD, 6);
    /* an invalid byte between valid characters does not swallow them */
    check_string("\xe7\xaa\x93\xfe\xe5\x8f\xa3", 7, "\"\xe7\xaa\x93" FFFD "\xe5\x8f\xa3\"",
                 "\xe7\xaa\x93" FFFD "\xe5\x8f\xa3", 9);
}

static void check_number(double v, const char *want) {
    char s[40];
    json_format_number(s, sizeof s, v);
    if (strcmp(s, want) != 0)
        fail_msg("json_format_number(%.17g) = \"%s\", expected \"%s\"", v, s, want);
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    jw_num(&w, v);
    assert_string_equal(buf_cstr(&b), want);
    buf_free(&b);
}

/* Writes v and checks jansson reads back exactly v. */
static void check_number_round_trip(double v) {
    char s[40];
    json_format_number(s, sizeof s, v);
    json_t *j = parse(s);
    assert_true(json_is_number(j));
    if (json_number_value(j) != v)
        fail_msg("%.17g written as %s reads back as %.17g", v, s, json_number_value(j));
    json_decref(j);
}

static void test_numbers(void **state) {
    check_number(11, "11");
    check_number(3.8, "3.8");
    check_number(0.1, "0.1");
    check_number(-0.0, "0");
    check_number(0, "0");
    check_number(-1.5, "-1.5");
    check_number(12.5, "12.5");
    check_number(100, "100");
    check_number(123456789012.0, "123456789012");
    check_number(9007199254740992.0, "9007199254740992");
    check_number(0.1 + 0.2, "0.30000000000000004");
    check_number(-0.25, "-0.25");
    check_number(0.000001, "0.000001");
    check_number(123456.789012, "123456.789012");
    check_number(2.000001, "2.000001");
    check_number(-999999999.5, "-999999999.5");
    check_number(NAN, "null");
    check_number(INFINITY, "null");
    check_number(-INFINITY, "null");
    static const double vs[] = {
        1e300, -1e300, 1e-300, 5e-324, 1.7976931348623157e308, 1.0 / 3, 2.0 / 3, 3.8, 0.1, 1e21, 1e22,
        123.456, -0.001, 99.99, 1e15 + 0.5, 4.35, 0.07, 2.5e-5, 1e-7, -1e-7, 0.1234567, 999999999.999999,
        1e9 + 0.5, -0.000001, 12345678.9, 0.3 - 0.1,
    };
    for (size_t i = 0; i < sizeof vs / sizeof vs[0]; i++)
        check_number_round_trip(vs[i]);
}

/* More ill-formed sequences: overlong 3- and 4-byte forms, leads that can start nothing, runs
 * of continuation bytes, sequences cut short at the end; and the boundaries that are valid. */
static void test_invalid_utf8_more(void **state) {
    check_string("\xe0\x80\x80", 3, "\"" FFFD FFFD FFFD "\"", FFFD FFFD FFFD, 9);          /* overlong U+0000 */
    check_string("\xe0\x9f\xbf", 3, "\"" FFFD FFFD FFFD "\"", FFFD FFFD FFFD, 9);          /* overlong U+07FF */
    check_string("\xf0\x8f\xbf\xbf", 4, "\"" FFFD FFFD FFFD FFFD "\"", FFFD FFFD FFFD FFFD, 12);
    check_string("\xed\xbf\xbf", 3, "\"" FFFD FFFD FFFD "\"", FFFD FFFD FFFD, 9);          /* U+DFFF */
    check_string("\xf5\x80\x80\x80", 4, "\"" FFFD FFFD FFFD FFFD "\"", FFFD FFFD FFFD FFFD, 12);
    check_string("\xc1\xbf", 2, "\"" FFFD FFFD "\"", FFFD FFFD, 6);
    check_string("a\x80\xbf\x80z", 5, "\"a" FFFD FFFD FFFD "z\"", "a" FFFD FFFD FFFD "z", 11);
    check_string("\xf0\x9f\x98", 3, "\"" FFFD FFFD FFFD "\"", FFFD FFFD FFFD, 9);          /* 😀 cut */
    check_string("ab\xc3", 3, "\"ab" FFFD "\"", "ab" FFFD, 5);
    check_string("\xe7\xaa\x93\xe7\xaa", 5, "\"\xe7\xaa\x93" FFFD FFFD "\"", "\xe7\xaa\x93" FFFD FFFD, 9);
    CHECK_SAME("\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80");          /* U+0800, U+D7FF, U+E000 */
    CHECK_SAME("\xf0\x90\x80\x80\xc2\x80\xdf\xbf");              /* U+10000, U+0080, U+07FF */
}

/* The old byte-at-a-time json_escape: the reference the table-driven one must equal. */
static void reference_escape(struct buf *out, const unsigned char *p, size_t n) {
    static const char hex[] = "0123456789abcdef";
    buf_putc(out, '"');
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        size_t len = c >= 0x80 ? utf8_valid_prefix(p + i, n - i) : 0;
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            buf_putc(out, (char)c);
            i++;
        } else if (len) {
            buf_append(out, (const char *)p + i, len);
            i += len;
        } else {
            switch (c) {
            case '"': buf_puts(out, "\\\""); break;
            case '\\': buf_puts(out, "\\\\"); break;
            case '\n': buf_puts(out, "\\n"); break;
            case '\r': buf_puts(out, "\\r"); break;
            case '\t': buf_puts(out, "\\t"); break;
            default:
                if (c >= 0x80) {
                    buf_puts(out, FFFD);
                } else {
                    char e[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
                    buf_puts(out, e);
                }
            }
            i++;
        }
    }
    buf_putc(out, '"');
}

/* json_escape equals the reference for every lead byte 80-FF with every second byte, a few third
 * and fourth bytes and every length up to 4, after 0-9 ASCII bytes (so that the eight-byte and
 * two-characters-at-once paths meet each at every offset); and for long runs of kanji and ASCII
 * with one odd byte at each position. */
static void test_escape_matches_reference(void **state) {
    static const unsigned char thirds[] = {0x80, 0xbf, 0x41, 0xc0};
    unsigned char s[64];
    struct buf got = BUF_INIT, want = BUF_INIT;
    size_t mismatches = 0, count = 0;
    for (unsigned lead = 0x80; lead < 0x100; lead++)
        for (unsigned second = 0; second < 0x100; second++)
            for (size_t t = 0; t < sizeof thirds; t++)
                for (size_t len = 1; len <= 4; len++) {
                    size_t pre = (second + t + len) % 10;
                    memcpy(s, "abcdefghij", pre);
                    s[pre] = (unsigned char)lead;
                    s[pre + 1] = (unsigned char)second;
                    s[pre + 2] = thirds[t];
                    s[pre + 3] = thirds[(t + len) % sizeof thirds];
                    buf_reset(&got);
                    buf_reset(&want);
                    json_escape(&got, (const char *)s, pre + len);
                    reference_escape(&want, s, pre + len);
                    count++;
                    if (got.len != want.len || memcmp(got.data, want.data, got.len) != 0)
                        mismatches++;
                }
    static const char *odd[] = {"\"", "\\", "\n", "\x01", "\x7f", "\xff", "\xe7\xaa", "\xed\xa0\x80",
                                "\xe0\xa0\x80", "\xc3\xa9", "\xf0\x9f\x98\x80"};
    for (size_t k = 0; k < sizeof odd / sizeof odd[0]; k++)
        for (int kanji = 0; kanji < 2; kanji++)
            for (size_t at = 0; at < 20; at++) {
                struct buf in = BUF_INIT;
                for (size_t i = 0; i < 20; i++) {
                    if (i == at)
                        buf_puts(&in, odd[k]);
                    buf_puts(&in, kanji ? "\xe7\xaa\x93" : "q");
                }
                buf_reset(&got);
                buf_reset(&want);
                json_escape(&got, in.data, in.len);
                reference_escape(&want, (const unsigned char *)in.data, in.len);
                count++;
                if (got.len != want.len || memcmp(got.data, want.data, got.len) != 0)
                    mismatches++;
                buf_free(&in);
            }
    buf_free(&got);
    buf_free(&want);
    assert_true(count > 500000);
    assert_int_equal(mismatches, 0);
}

/* The integer formatter shared with html_printf, against printf. */
static void test_fmt_int(void **state) {
    static const int64_t vs[] = {0, 1, -1, 9, 10, 99, 100, 9999, 10000, 99999999, 100000000,
                                 -1234567890123, INT64_MAX, INT64_MIN, INT64_MIN + 1};
    char got[FMT_INT_SIZE], want[32];
    for (size_t i = 0; i < sizeof vs / sizeof vs[0]; i++) {
        snprintf(want, sizeof want, "%lld", (long long)vs[i]);
        assert_int_equal(fmt_int(got, vs[i]), strlen(want));
        assert_string_equal(got, want);
    }
    assert_int_equal(fmt_int(got, INT64_MIN), 20);
    assert_string_equal(got, "-9223372036854775808");
    assert_int_equal(fmt_uint(got, UINT64_MAX), 20);
    assert_string_equal(got, "18446744073709551615");
    for (uint64_t p = 1, k = 0; k < 20; k++, p *= 10) {     /* each length, on both sides */
        snprintf(want, sizeof want, "%llu", (unsigned long long)(p - 1));
        fmt_uint(got, p - 1);
        assert_string_equal(got, want);
        snprintf(want, sizeof want, "%llu", (unsigned long long)p);
        fmt_uint(got, p);
        assert_string_equal(got, want);
    }
    char fixed[8] = "xxxxxxx";
    fmt_uint_fixed(fixed, 50, 6);
    assert_string_equal(fixed, "000050x");
    fmt_uint_fixed(fixed, 7, 1);
    assert_string_equal(fixed, "700050x");
    assert_int_equal(fmt_round(2.5), 3);
    assert_int_equal(fmt_round(-2.5), -3);
    assert_int_equal(fmt_round(0.49999999999999994), 0);
    assert_int_equal(fmt_round(-0.3), 0);
}

/* The paths of json_format_number: integral (below 2^53), up to six decimals with integer
 * arithmetic, and the shortest %.15g-%.17g form for the rest. */
static void test_number_paths(void **state) {
    check_number(0.125, "0.125");
    check_number(2.5, "2.5");
    check_number(-3.75, "-3.75");
    check_number(1e15, "1000000000000000");
    check_number(1e15 + 0.5, "1000000000000000.5");
    check_number(0.005, "0.005");
    check_number(123456.785, "123456.785");
    check_number(-9223372036854775808.0, "-9.223372036854776e+18");
    check_number(9007199254740994.0, "9007199254740994");
    check_number(1e-7, "1e-07");
    check_number(-1e-7, "-1e-07");
    check_number(999999999.999999, "999999999.999999");
    check_number(1e9 + 0.5, "1000000000.5");
    check_number(0.0000005, "5e-07");
    /* the space left in the buffer does not change the text */
    char s[8];
    json_format_number(s, sizeof s, 3.8);
    assert_string_equal(s, "3.8");
    json_format_number(s, 3, NAN);
    assert_string_equal(s, "nu");
}

/* Keys take a shortcut in compact objects; long keys, pretty output and a key right after a
 * key take the general path, with the same text. */
static void test_key_paths(void **state) {
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    jw_obj_begin(&w);
    jw_kint(&w, "a", 1);
    jw_kint(&w, "0123456789abcdef", 2);                 /* 16 bytes: the shortcut */
    jw_kint(&w, "0123456789abcdefg", 3);                /* 17 bytes: the general path */
    jw_kint(&w, "abcdefg", 4);
    jw_key(&w, "");
    jw_int(&w, 5);
    jw_obj_end(&w);
    assert_string_equal(buf_cstr(&b),
        "{\"a\":1,\"0123456789abcdef\":2,\"0123456789abcdefg\":3,\"abcdefg\":4,\"\":5}");
    buf_free(&b);

    /* many keys: the buffer grows under the shortcut */
    jw_init(&w, &b, 0);
    jw_obj_begin(&w);
    for (int i = 0; i < 300; i++)
        jw_kbool(&w, "measure_id", i % 2);
    jw_obj_end(&w);
    assert_int_equal(b.len, 2 + 300 * strlen("\"measure_id\":") + 150 * 4 + 150 * 5 + 299);
    json_t *v = parse(buf_cstr(&b));
    json_decref(v);
    buf_free(&b);

    jw_init(&w, &b, 4);
    jw_obj_begin(&w);
    jw_key(&w, "k");
    jw_arr_begin(&w);
    jw_arr_begin(&w);
    jw_int(&w, 1);
    jw_arr_end(&w);
    jw_arr_end(&w);
    jw_obj_end(&w);
    assert_string_equal(buf_cstr(&b), "{\n    \"k\": [\n        [\n            1\n        ]\n    ]\n}");
    buf_free(&b);
}

/* A mixed document written compact and pretty reads back to the same values both ways. */
static void write_sample(struct buf *b, int indent) {
    struct jw w;
    jw_init(&w, b, indent);
    jw_obj_begin(&w);
    jw_kstr(&w, "name", "窓口の平均対応時間削減割合 <50%> & \"more\"");
    jw_knum(&w, "target", 3.8);
    jw_kint(&w, "fy", 2026);
    jw_key(&w, "list");
    jw_arr_begin(&w);
    jw_num(&w, 0.1);
    jw_num(&w, NAN);
    jw_str(&w, "a\tb");
    jw_bool(&w, false);
    jw_arr_end(&w);
    jw_obj_end(&w);
}

static void test_round_trip_with_jansson(void **state) {
    struct buf compact = BUF_INIT, pretty = BUF_INIT;
    write_sample(&compact, 0);
    write_sample(&pretty, 2);
    assert_null(strchr(buf_cstr(&compact), '\n'));
    assert_non_null(strchr(buf_cstr(&pretty), '\n'));
    json_t *a = parse(buf_cstr(&compact)), *b = parse(buf_cstr(&pretty));
    assert_true(json_equal(a, b));
    assert_string_equal(json_string_value(json_object_get(a, "name")), "窓口の平均対応時間削減割合 <50%> & \"more\"");
    assert_double_near(json_number_value(json_object_get(a, "target")), 3.8, 0);
    assert_int_equal(json_integer_value(json_object_get(a, "fy")), 2026);
    json_t *list = json_object_get(a, "list");
    assert_int_equal(json_array_size(list), 4);
    assert_double_near(json_number_value(json_array_get(list, 0)), 0.1, 0);
    assert_true(json_is_null(json_array_get(list, 1)));
    assert_string_equal(json_string_value(json_array_get(list, 2)), "a\tb");
    assert_true(json_is_false(json_array_get(list, 3)));
    json_decref(a);
    json_decref(b);
    buf_free(&compact);
    buf_free(&pretty);
}

/* json_escape appends (with quotes) to what is already in the buffer. */
static void test_json_escape_appends(void **state) {
    struct buf b = BUF_INIT;
    buf_puts(&b, "x=");
    json_escape(&b, "\"a\"\n", 4);
    assert_string_equal(buf_cstr(&b), "x=\"\\\"a\\\"\\n\"");
    buf_free(&b);
}

/* json_canon: SQLite's and PostgreSQL's json_object texts of one row come out the same. */
static void test_json_canon_engines_agree(void **state) {
    const char *sqlite = "{\"reduction\":50.0,\"note\":null,\"share\":0.1,\"tags\":[\"a\",\"b\"],\"n\":3}";
    const char *pg = "{\"reduction\" : 50, \"note\" : null, \"share\" : 0.1, \"tags\" : [\"a\", \"b\"], \"n\" : 3}";
    const char *want = "{\"reduction\":50,\"note\":null,\"share\":0.1,\"tags\":[\"a\",\"b\"],\"n\":3}";
    struct buf a = BUF_INIT, b = BUF_INIT;
    assert_int_equal(json_canon(&a, sqlite, strlen(sqlite)), 0);
    assert_int_equal(json_canon(&b, pg, strlen(pg)), 0);
    assert_string_equal(buf_cstr(&a), want);
    assert_string_equal(buf_cstr(&b), want);
    buf_free(&a);
    buf_free(&b);
}

/* Members keep their order; keys and strings are escaped as jw escapes them; not JSON: -1 and
 * nothing written. */
static void test_json_canon_order_escapes_errors(void **state) {
    const char *in = "{\"z\":1,\"a\\\"b\":\"\\u3042\\n\",\"m\":{\"y\":true,\"x\":[]}}";
    struct buf b = BUF_INIT;
    assert_int_equal(json_canon(&b, in, strlen(in)), 0);
    assert_string_equal(buf_cstr(&b), "{\"z\":1,\"a\\\"b\":\"あ\\n\",\"m\":{\"y\":true,\"x\":[]}}");
    buf_reset(&b);
    assert_int_equal(json_canon(&b, "{\"a\":", 5), -1);
    assert_int_equal(b.len, 0);
    buf_free(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compact_nesting),
        cmocka_unit_test(test_indent_two),
        cmocka_unit_test(test_top_level_values_and_raw),
        cmocka_unit_test(test_escape_specials),
        cmocka_unit_test(test_html_characters_kept),
        cmocka_unit_test(test_valid_utf8_kept),
        cmocka_unit_test(test_invalid_utf8_replaced),
        cmocka_unit_test(test_invalid_utf8_more),
        cmocka_unit_test(test_escape_matches_reference),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_fmt_int),
        cmocka_unit_test(test_number_paths),
        cmocka_unit_test(test_key_paths),
        cmocka_unit_test(test_round_trip_with_jansson),
        cmocka_unit_test(test_json_escape_appends),
        cmocka_unit_test(test_json_canon_engines_agree),
        cmocka_unit_test(test_json_canon_order_escapes_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
