/* Tests the PostgreSQL engine's parts that need no server (src/store/db_pg.c): the program's ?N
 * parameters written as PostgreSQL's $N, and which database addresses are a server's. The
 * engine itself runs under the API tests on PostgreSQL (scripts/test.sh postgresql). */
#include "testutil.h"

#include "store/db_engine.h"

static void expect(const char *sql, const char *want, int want_n) {
    int n = -1;
    char *got = pg_translate(sql, &n);
    assert_string_equal(got, want);
    assert_int_equal(n, want_n);
    free(got);
}

static void test_parameters_numbered(void **state) {
    expect("SELECT 1", "SELECT 1", 0);
    expect("SELECT id FROM org WHERE code = ?1", "SELECT id FROM org WHERE code = $1", 1);
    /* repeated, out of order, two digits: the highest is the count */
    expect("UPDATE kpi SET code = ?15 WHERE id = ?1 AND ?15 IS NOT NULL", "UPDATE kpi SET code = $15 WHERE id = $1 AND $15 IS NOT NULL", 15);
}

static void test_quoted_text_kept(void **state) {
    /* a ? in a string or an identifier is text, not a parameter */
    expect("SELECT '?1', \"?2\" FROM t WHERE a = ?3", "SELECT '?1', \"?2\" FROM t WHERE a = $3", 3);
    /* SQL's doubled quote inside a string: the string goes on */
    expect("SELECT 'it''s ?1' || ?2", "SELECT 'it''s ?1' || $2", 2);
    /* a ? not followed by a digit is left as it is */
    expect("SELECT ? FROM t", "SELECT ? FROM t", 0);
}

static void test_server_addresses(void **state) {
    assert_true(pg_is_uri("postgresql://kawaru@127.0.0.1:5433/kawaru"));
    assert_true(pg_is_uri("postgres://db/kawaru"));
    assert_false(pg_is_uri("kawaru.db"));
    assert_false(pg_is_uri("/tmp/postgresql://x.db"));
    assert_true(db_is_server("postgresql://db/kawaru"));
    assert_false(db_is_server("data/kawaru.db"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parameters_numbered),
        cmocka_unit_test(test_quoted_text_kept),
        cmocka_unit_test(test_server_addresses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
