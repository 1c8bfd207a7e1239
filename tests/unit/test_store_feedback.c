/* Tests src/store/store_feedback.c: an opinion waits as pending until the office publishes it
 * (with its answer) or rejects it (never listed); text limits, control characters and the rate
 * limit refuse and write nothing; markup and SQL metacharacters are kept as text; the audit log
 * holds neither the address nor its hash. The clock is given. */
#include "testutil.h"

#include <sodium.h>
#include "store/store_feedback.h"

static const struct actor citizen = {"citizen", "web"};
static const struct actor office = {"office-1", "web"};
static const int64_t T0 = 1750000000;
#define ADDR "203.0.113.77"
#define CODE "1-1-3"

static struct feedback_new opinion(struct db *db, const char *text, const char *name, const char *addr, int64_t now) {
    return (struct feedback_new){tu_plan_id(db, "322075"), CODE, "書かない窓口", text, name, addr, now};
}

static int64_t submit_ok(struct db *db, const char *text, const char *name, const char *addr, int64_t now) {
    struct feedback_new in = opinion(db, text, name, addr, now);
    struct edit_fail fail = {0};
    int64_t id = 0;
    int rc = store_feedback_submit(db, &in, &citizen, &id, &fail);
    if (rc != 0)
        fail_msg("store_feedback_submit: %d %s %s", rc, fail.field, fail.message);
    return id;
}

static size_t published_n(struct db *db, struct arena *a, struct feedback_row **ret) {
    size_t n = 99;
    assert_int_equal(store_feedback_published(db, a, tu_plan_id(db, "322075"), CODE, ret, &n), 0);
    return n;
}

static void test_pending_then_published_with_answer(void **state) {
    struct tu_demo *d = *state;
    struct arena a = ARENA_INIT;
    struct feedback_row *rows;
    int64_t id = submit_ok(d->db, "  窓口が早くなりました。\r\n次は夜間も。  ", "江津 太郎", ADDR, T0);
    struct feedback_row f;
    assert_int_equal(store_feedback_get(d->db, &a, id, &f), 0);
    assert_string_equal(f.state, "pending");
    assert_string_equal(f.text, "窓口が早くなりました。\n次は夜間も。");
    assert_true(f.measure_id > 0);                    /* the draft has 1-1-3 */
    assert_int_equal(published_n(d->db, &a, &rows), 0);
    assert_int_equal(store_feedback_moderate(d->db, id, true, "ご意見ありがとうございます。", &office, NULL), 0);
    assert_int_equal(published_n(d->db, &a, &rows), 1);
    assert_string_equal(rows[0].answer, "ご意見ありがとうございます。");
    assert_string_equal(rows[0].answered_by, "office-1");
    assert_string_equal(rows[0].name, "江津 太郎");
    /* moderating again is allowed; a NULL answer keeps the answer */
    assert_int_equal(store_feedback_moderate(d->db, id, true, NULL, &office, NULL), 0);
    assert_int_equal(published_n(d->db, &a, &rows), 1);
    assert_non_null(rows[0].answer);
    assert_int_equal(store_feedback_moderate(d->db, 999999, true, NULL, &office, NULL), KW_ENOTFOUND);
    arena_free(&a);
}

static void test_rejected_never_listed(void **state) {
    struct tu_demo *d = *state;
    struct arena a = ARENA_INIT;
    struct feedback_row *rows;
    int64_t id = submit_ok(d->db, "広告です", NULL, ADDR, T0);
    assert_int_equal(store_feedback_moderate(d->db, id, false, NULL, &office, NULL), 0);
    assert_int_equal(published_n(d->db, &a, &rows), 0);
    size_t n;
    assert_int_equal(store_feedback_queue(d->db, &a, tu_sql_int(d->db, "SELECT id FROM org WHERE code = '322075'"),
                                          "rejected", &rows, &n), 0);
    assert_int_equal(n, 1);
    struct feedback_count *c;
    assert_int_equal(store_feedback_counts(d->db, &a, tu_sql_int(d->db, "SELECT id FROM org WHERE code = '322075'"),
                                           &c, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(c[0].rejected, 1);
    assert_int_equal(c[0].published + c[0].pending, 0);
    arena_free(&a);
}

static void refuse(struct db *db, const char *text, const char *name, const char *field) {
    struct feedback_new in = opinion(db, text, name, ADDR, T0);
    struct edit_fail fail = {0};
    int64_t id = 0;
    assert_int_equal(store_feedback_submit(db, &in, &citizen, &id, &fail), KW_EINVAL);
    assert_string_equal(fail.field, field);
}

static void test_limits(void **state) {
    struct tu_demo *d = *state;
    char *long_text = malloc(3 * 2001 + 1);
    for (int i = 0; i < 2001; i++)
        memcpy(long_text + 3 * i, "あ", 3);
    long_text[3 * 2001] = '\0';
    refuse(d->db, long_text, NULL, "text");
    long_text[3 * 2000] = '\0';                          /* 2000 characters pass */
    submit_ok(d->db, long_text, NULL, "198.51.100.1", T0);
    free(long_text);
    refuse(d->db, "", NULL, "text");
    refuse(d->db, " \n\u3000 ", NULL, "text");
    refuse(d->db, "bell\a", NULL, "text");
    refuse(d->db, "tab\there", NULL, "text");
    refuse(d->db, "escape\x1b[31m", NULL, "text");
    refuse(d->db, "bad \xff utf-8", NULL, "text");
    refuse(d->db, "ok", "two\nlines", "name");
    char name[102];
    memset(name, 'n', 101);
    name[101] = '\0';
    refuse(d->db, "ok", name, "name");
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM feedback"), 1);
}

static void test_rate_limit_per_address(void **state) {
    struct tu_demo *d = *state;
    for (int i = 0; i < FEEDBACK_PER_ADDRESS; i++)
        submit_ok(d->db, "意見", NULL, ADDR, T0 + i);
    int64_t audits = tu_sql_int(d->db, "SELECT count(*) FROM audit");
    struct feedback_new in = opinion(d->db, "6件目", NULL, ADDR, T0 + 60);
    struct edit_fail fail = {0};
    int64_t id = 0;
    assert_int_equal(store_feedback_submit(d->db, &in, &citizen, &id, &fail), KW_ECONFLICT);
    assert_string_equal(fail.field, FEEDBACK_FIELD_RATE);
    assert_non_null(strstr(fail.message, "at most 5 an hour"));
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM feedback"), FEEDBACK_PER_ADDRESS);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM audit"), audits);
    submit_ok(d->db, "別の人", NULL, "198.51.100.2", T0 + 60);     /* another address may */
    submit_ok(d->db, "一時間後", NULL, ADDR, T0 + 3600 + 1);       /* and this one an hour later */
}

static void test_rate_limit_per_measure(void **state) {
    struct tu_demo *d = *state;
    char addr[32];
    for (int i = 0; i < FEEDBACK_PER_MEASURE; i++) {
        snprintf(addr, sizeof addr, "10.0.%d.%d", i / 4, i % 4);
        submit_ok(d->db, "意見", NULL, addr, T0 + i);
    }
    struct feedback_new in = opinion(d->db, "51件目", NULL, "10.9.9.9", T0 + 100);
    struct edit_fail fail = {0};
    assert_int_equal(store_feedback_submit(d->db, &in, &citizen, NULL, &fail), KW_ECONFLICT);
    assert_string_equal(fail.field, FEEDBACK_FIELD_RATE);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM feedback"), FEEDBACK_PER_MEASURE);
}

static void test_markup_and_sql_kept_as_text(void **state) {
    struct tu_demo *d = *state;
    struct arena a = ARENA_INIT;
    const char *text = "<script>alert(1)</script> '; DROP TABLE feedback; -- \"x\" %s ?1";
    const char *name = "Robert'); DROP TABLE audit;--";
    int64_t id = submit_ok(d->db, text, name, ADDR, T0);
    assert_int_equal(store_feedback_moderate(d->db, id, true, "<b>回答</b> ' OR 1=1 --", &office, NULL), 0);
    struct feedback_row f;
    assert_int_equal(store_feedback_get(d->db, &a, id, &f), 0);
    assert_string_equal(f.text, text);
    assert_string_equal(f.name, name);
    assert_string_equal(f.answer, "<b>回答</b> ' OR 1=1 --");
    arena_free(&a);
}

static void test_audit_holds_no_address(void **state) {
    struct tu_demo *d = *state;
    int64_t id = submit_ok(d->db, "意見", "名前", ADDR, T0);
    assert_int_equal(store_feedback_moderate(d->db, id, false, "理由", &office, NULL), 0);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM audit WHERE entity = 'feedback'"), 2);
    assert_false(tu_audit_holds(d->db, ADDR, false));
    assert_false(tu_audit_holds(d->db, "addr", true));
    /* nor the hash (as hex, in any case); and the hash is not the address */
    struct db_stmt *st = tu_sql(d->db, "SELECT addr_hash FROM feedback");
    int rows = 0;
    while (db_step(st) == DB_ROW) {
        const void *hash = db_col_blob(st, 0);
        size_t n = db_col_bytes(st, 0);
        assert_int_equal(n, crypto_generichash_BYTES);
        assert_null(memmem(hash, n, ADDR, strlen(ADDR)));
        char hex[2 * crypto_generichash_BYTES + 1];
        sodium_bin2hex(hex, sizeof hex, hash, n);
        assert_false(tu_audit_holds(d->db, hex, true));
        rows++;
    }
    db_reset(st);
    assert_int_equal(rows, 1);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM settings WHERE name = 'feedback_hash_key' "
                                       "AND length(value) = 32"), 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_pending_then_published_with_answer, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_rejected_never_listed, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_limits, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_rate_limit_per_address, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_rate_limit_per_measure, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_markup_and_sql_kept_as_text, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_audit_holds_no_address, tu_demo_setup, tu_demo_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
