/* Tests src/util/jw.c: the streaming JSON writer (structure, indentation, escaping, numbers). */
#include "testutil.h"

#include <jansson.h>
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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compact_nesting),
        cmocka_unit_test(test_indent_two),
        cmocka_unit_test(test_top_level_values_and_raw),
        cmocka_unit_test(test_escape_specials),
        cmocka_unit_test(test_html_characters_kept),
        cmocka_unit_test(test_valid_utf8_kept),
        cmocka_unit_test(test_invalid_utf8_replaced),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_round_trip_with_jansson),
        cmocka_unit_test(test_json_escape_appends),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
