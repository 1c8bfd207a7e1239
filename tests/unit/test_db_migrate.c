/* Tests kawaru migrate's conversion of SQLite's values into fields of PostgreSQL's COPY text
 * (src/store/db_migrate.c, migrate_copy_field): each storage class into each kind of column, what
 * COPY escapes, doubles that read back the same, and the values refused with their reasons. The
 * copy itself runs in tests/api/migrate.test.js against a PostgreSQL server. And the other way, for
 * kawaru backup of PostgreSQL (migrate_copy_split, migrate_copy_value): COPY TO's lines split and
 * unescaped, each field typed as SQLite keeps it, and what one way writes read back the same. */
#include "testutil.h"

#include <math.h>
#include <string.h>
#include "core/errors.h"
#include "store/db_engine.h"
#include "util/buf.h"

/* The field written for v into a column of kind, or NULL with why when it is refused. */
static char *field(enum mig_kind kind, struct mig_value v, const char **why) {
    static struct buf b;
    buf_reset(&b);
    *why = NULL;
    if (migrate_copy_field(&b, kind, &v, why) < 0) {
        assert_non_null(*why);
        return NULL;
    }
    return (char *)buf_cstr(&b);
}

#define INT(x) ((struct mig_value){SQLITE_INTEGER, (x), 0, NULL, 0})
#define REAL(x) ((struct mig_value){SQLITE_FLOAT, 0, (x), NULL, 0})
#define TEXT(s) ((struct mig_value){SQLITE_TEXT, 0, 0, (const unsigned char *)(s), sizeof(s) - 1})
#define BLOB(s) ((struct mig_value){SQLITE_BLOB, 0, 0, (const unsigned char *)(s), sizeof(s) - 1})
#define NUL ((struct mig_value){SQLITE_NULL, 0, 0, NULL, 0})

static void test_kinds_of_postgresql_types(void **state) {
    assert_int_equal(migrate_kind_of(20), MIG_INT);        /* bigint */
    assert_int_equal(migrate_kind_of(23), MIG_INT);
    assert_int_equal(migrate_kind_of(701), MIG_REAL);      /* double precision */
    assert_int_equal(migrate_kind_of(17), MIG_BYTEA);
    assert_int_equal(migrate_kind_of(16), MIG_BOOL);
    assert_int_equal(migrate_kind_of(25), MIG_TEXT);       /* text, and anything else as text */
    assert_int_equal(migrate_kind_of(1043), MIG_TEXT);
}

static void test_null_and_numbers(void **state) {
    const char *why;
    assert_string_equal(field(MIG_TEXT, NUL, &why), "\\N");
    assert_string_equal(field(MIG_INT, NUL, &why), "\\N");
    assert_string_equal(field(MIG_INT, INT(-9223372036854775807LL - 1), &why), "-9223372036854775808");
    assert_string_equal(field(MIG_REAL, INT(42), &why), "42");
    /* a whole double in an integer column is that integer; a fraction is refused */
    assert_string_equal(field(MIG_INT, REAL(3.0), &why), "3");
    assert_null(field(MIG_INT, REAL(2.5), &why));
    assert_string_equal(why, "a number with a fraction in an integer column");
    assert_string_equal(field(MIG_REAL, REAL(-0.0), &why), "-0");
    assert_string_equal(field(MIG_REAL, REAL(INFINITY), &why), "Infinity");
    assert_string_equal(field(MIG_REAL, REAL(-INFINITY), &why), "-Infinity");
    assert_string_equal(field(MIG_REAL, REAL(NAN), &why), "NaN");
    /* booleans from 0 and 1 only */
    assert_string_equal(field(MIG_BOOL, INT(1), &why), "t");
    assert_string_equal(field(MIG_BOOL, INT(0), &why), "f");
    assert_null(field(MIG_BOOL, INT(2), &why));
}

/* Doubles as PostgreSQL 15 writes them (SELECT v::float8::text, each checked on a server): the
 * shortest digits that read back as the same double — the nearer of two candidates, or the other
 * when only it reads back —, fixed from 1e-4 to below 1e15, else with an exponent of two digits
 * or more. The copy's text then equals the target's own COPY TO, which verification compares. */
static void test_doubles_as_postgresql_writes_them(void **state) {
    static const struct { double d; const char *pg; } cases[] = {
        {0.1, "0.1"}, {1e6, "1000000"}, {1e15, "1e+15"}, {123456789012345.0, "123456789012345"},
        {1e-5, "1e-05"}, {0.0001, "0.0001"}, {1.5e-7, "1.5e-07"},
        {-5.6843418860808015e-14, "-5.684341886080802e-14"},     /* printf's 16 digits do not read back */
        {1.0 / 3.0, "0.3333333333333333"}, {2.0 / 3.0, "0.6666666666666666"}, {1e22, "1e+22"},
        {5e-324, "5e-324"}, {1.7976931348623157e308, "1.7976931348623157e+308"}, {100, "100"}, {12.5, "12.5"},
        {1842.2, "1842.2"}, {2.2250738585072014e-308, "2.2250738585072014e-308"},
        {9007199254740993.0, "9.007199254740992e+15"}, {0.30000000000000004, "0.30000000000000004"},
        {-2.5, "-2.5"},
    };
    const char *why;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *s = field(MIG_REAL, REAL(cases[i].d), &why);
        assert_string_equal(s, cases[i].pg);
        assert_true(strtod(s, NULL) == cases[i].d);
    }
    /* and many others read back as themselves */
    double x = 1.0;
    for (int i = 0; i < 2000; i++) {
        x = x * 1.37 + 1.0 / (i + 3);
        double v = i % 2 ? x : 1.0 / x;
        assert_true(strtod(field(MIG_REAL, REAL(v), &why), NULL) == v);
    }
}

static void test_text_escaped_for_copy(void **state) {
    const char *why;
    assert_string_equal(field(MIG_TEXT, TEXT("書かない窓口"), &why), "書かない窓口");
    /* backslash, tab, newline, carriage return: COPY's escapes; anything else as it is */
    assert_string_equal(field(MIG_TEXT, TEXT("a\\b\tc\nd\re 'f' \"g\" \\."), &why),
                        "a\\\\b\\tc\\nd\\re 'f' \"g\" \\\\.");
    /* backspace, form feed and vertical tab by their letters too, as COPY TO writes them */
    assert_string_equal(field(MIG_TEXT, TEXT("\b\f\v\x01"), &why), "\\b\\f\\v\x01");
    assert_string_equal(field(MIG_TEXT, TEXT(""), &why), "");
    /* a number where text is wanted: SQLite's own text of it, as the caller passes it */
    struct mig_value n = {SQLITE_INTEGER, 12, 0, (const unsigned char *)"12", 2};
    assert_string_equal(field(MIG_TEXT, n, &why), "12");
    /* a blob in a text column is its bytes, when they are UTF-8 */
    assert_string_equal(field(MIG_TEXT, BLOB("abc"), &why), "abc");
}

static void test_text_refused(void **state) {
    const char *why;
    assert_null(field(MIG_TEXT, TEXT("\xe7\xaa\x93\xff"), &why));
    assert_string_equal(why, "text that is not UTF-8");
    assert_null(field(MIG_TEXT, TEXT("a\0b"), &why));
    assert_string_equal(why, "text with a NUL character, which PostgreSQL's text cannot hold");
    assert_null(field(MIG_INT, TEXT("12"), &why));
    assert_string_equal(why, "text or bytes in a numeric column");
    assert_null(field(MIG_REAL, BLOB("\x01"), &why));
}

static void test_bytes_as_bytea_hex(void **state) {
    const char *why;
    /* \x with its backslash escaped for COPY: the field \\x00ff41 is the bytea \x00ff41 */
    assert_string_equal(field(MIG_BYTEA, BLOB("\x00\xff" "A"), &why), "\\\\x00ff41");
    assert_string_equal(field(MIG_BYTEA, BLOB(""), &why), "\\\\x");
    /* text in a bytea column (settings.value may hold one) is its UTF-8 bytes */
    assert_string_equal(field(MIG_BYTEA, TEXT("窓"), &why), "\\\\xe7aa93");
}

/* ---- the other way (kawaru backup of PostgreSQL): COPY's text split, unescaped and typed */

/* Splits a copy of line; the fields into f (strings of at most 63 bytes), NULL as "<null>". */
static int split(const char *line, char f[8][64], size_t nf) {
    static char copy[512];
    char *fld[8];
    size_t len[8];
    bool null[8];
    size_t n = strlen(line);
    memcpy(copy, line, n + 1);
    int k = migrate_copy_split(copy, n, fld, len, null, nf);
    for (int i = 0; i < k; i++) {
        if (null[i])
            strcpy(f[i], "<null>");
        else {
            memcpy(f[i], fld[i], len[i]);
            f[i][len[i]] = '\0';
        }
    }
    return k;
}

static void test_copy_lines_split_and_unescaped(void **state) {
    char f[8][64];
    assert_int_equal(split("1\tab\t\\\\N\n", f, 8), 3);
    assert_string_equal(f[0], "1");
    assert_string_equal(f[1], "ab");
    assert_string_equal(f[2], "\\N");                  /* an escaped backslash then N: text, not NULL */
    assert_int_equal(split("\\N\t\t\\N", f, 8), 3);
    assert_string_equal(f[0], "<null>");
    assert_string_equal(f[1], "");                      /* empty text is not NULL */
    assert_string_equal(f[2], "<null>");
    assert_int_equal(split("a\\tb\\nc\\\\d\\re\\bf\\fg\\vh", f, 8), 1);
    assert_string_equal(f[0], "a\tb\nc\\d\re\bf\fg\vh");
    /* octal and hex escapes, which PostgreSQL reads though it does not write them */
    assert_int_equal(split("\\101\\x42\\7z\\xg", f, 8), 1);
    assert_string_equal(f[0], "AB\az" "xg");
    assert_int_equal(split("\\Nx", f, 8), 1);           /* \N inside text is N */
    assert_string_equal(f[0], "Nx");
    assert_int_equal(split("", f, 8), 1);
    assert_string_equal(f[0], "");
    /* more fields than columns, and a backslash ending the line */
    assert_int_equal(split("1\t2\t3", f, 2), KW_EINVAL);
    assert_int_equal(split("ab\\", f, 8), KW_EINVAL);
}

/* The value of a field for a column of kind (p is changed in place for bytea). */
static int value(enum mig_kind kind, const char *text, struct mig_value *v, const char **why) {
    static char copy[256];
    strcpy(copy, text);
    *why = NULL;
    return migrate_copy_value(kind, copy, strlen(copy), false, v, why);
}

static void test_copy_values_typed_for_sqlite(void **state) {
    struct mig_value v;
    const char *why;
    assert_int_equal(value(MIG_INT, "-9223372036854775808", &v, &why), 0);
    assert_int_equal(v.type, SQLITE_INTEGER);
    assert_true(v.i == INT64_MIN);
    assert_int_equal(value(MIG_INT, "12x", &v, &why), KW_EINVAL);
    assert_int_equal(value(MIG_INT, "", &v, &why), KW_EINVAL);
    assert_int_equal(value(MIG_REAL, "0.1", &v, &why), 0);
    assert_int_equal(v.type, SQLITE_FLOAT);
    assert_true(v.d == 0.1);
    assert_int_equal(value(MIG_REAL, "1e+300", &v, &why), 0);
    assert_true(v.d == 1e300);
    assert_int_equal(value(MIG_REAL, "-Infinity", &v, &why), 0);
    assert_true(isinf(v.d) && v.d < 0);
    assert_int_equal(value(MIG_BOOL, "t", &v, &why), 0);
    assert_true(v.type == SQLITE_INTEGER && v.i == 1);
    assert_int_equal(value(MIG_BOOL, "f", &v, &why), 0);
    assert_true(v.i == 0);
    assert_int_equal(value(MIG_BOOL, "1", &v, &why), KW_EINVAL);
    assert_int_equal(value(MIG_BYTEA, "\\x00ff41", &v, &why), 0);
    assert_int_equal(v.type, SQLITE_BLOB);
    assert_int_equal(v.n, 3);
    assert_memory_equal(v.p, "\x00\xff" "A", 3);
    assert_int_equal(value(MIG_BYTEA, "\\x", &v, &why), 0);
    assert_true(v.type == SQLITE_BLOB && v.n == 0);
    assert_int_equal(value(MIG_BYTEA, "\\x0g", &v, &why), KW_EINVAL);
    assert_int_equal(value(MIG_BYTEA, "\\x0", &v, &why), KW_EINVAL);
    assert_int_equal(value(MIG_TEXT, "窓口", &v, &why), 0);
    assert_true(v.type == SQLITE_TEXT && v.n == strlen("窓口"));
    char n[] = "x";
    assert_int_equal(migrate_copy_value(MIG_INT, n, 1, true, &v, &why), 0);
    assert_int_equal(v.type, SQLITE_NULL);
}

/* What the migration writes, the backup reads back as the same value: every kind, awkward values. */
static void test_copy_round_trip(void **state) {
    static const double ds[] = {0.1, 1.0 / 3, 123456789.125, 1e-7, 5e-324, 1.7976931348623157e308, -0.0, 42};
    for (size_t i = 0; i < sizeof ds / sizeof *ds; i++) {
        const char *why;
        char *text = field(MIG_REAL, REAL(ds[i]), &why);
        struct mig_value v;
        assert_int_equal(value(MIG_REAL, text, &v, &why), 0);
        assert_memory_equal(&v.d, &ds[i], sizeof(double));     /* the same bits, the sign of -0 too */
    }
    const char *why;
    char *line = field(MIG_TEXT, TEXT("改行\nタブ\t\\円\r\b\f\v"), &why);
    char f[8][64];
    assert_int_equal(split(line, f, 8), 1);
    assert_string_equal(f[0], "改行\nタブ\t\\円\r\b\f\v");
    line = field(MIG_BYTEA, BLOB("\x00\\\t"), &why);
    assert_int_equal(split(line, f, 8), 1);
    struct mig_value v;
    assert_int_equal(value(MIG_BYTEA, f[0], &v, &why), 0);
    assert_int_equal(v.n, 3);
    assert_memory_equal(v.p, "\x00\\\t", 3);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds_of_postgresql_types),
        cmocka_unit_test(test_null_and_numbers),
        cmocka_unit_test(test_doubles_as_postgresql_writes_them),
        cmocka_unit_test(test_text_escaped_for_copy),
        cmocka_unit_test(test_text_refused),
        cmocka_unit_test(test_bytes_as_bytea_hex),
        cmocka_unit_test(test_copy_lines_split_and_unescaped),
        cmocka_unit_test(test_copy_values_typed_for_sqlite),
        cmocka_unit_test(test_copy_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
