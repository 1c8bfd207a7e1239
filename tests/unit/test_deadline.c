/* Tests src/server/deadline.c: when a connection's request is due (headers from the connection's
 * start or the previous response, the body from the headers plus a second per 16 KiB sent),
 * that bytes sent more slowly do not move the deadline, that a request being answered has none,
 * that the sweep cuts a late connection once and forgets closed ones; and cache_key, whose keys
 * differ for targets that decode alike. */
#include "testutil.h"

#include "server/cache.h"
#include "server/deadline.h"

enum { T0 = 1000000 };

struct cuts { int fds[8]; int n; };

static void record_cut(int fd, void *ctx) {
    struct cuts *c = ctx;
    if (c->n < 8)
        c->fds[c->n++] = fd;
}

static int sweep(int64_t now, struct cuts *c) {
    c->n = 0;
    return (int)deadline_sweep(now, record_cut, c);
}

static void test_headers_are_due_after_ten_seconds(void **state) {
    (void)state;
    struct cuts c;
    struct deadline *d = deadline_open(7, T0);
    assert_int_equal(sweep(T0 + DEADLINE_HEADERS_MS - 1, &c), 0);
    assert_int_equal(sweep(T0 + DEADLINE_HEADERS_MS + 1, &c), 1);
    assert_int_equal(c.fds[0], 7);
    assert_int_equal(sweep(T0 + DEADLINE_HEADERS_MS + 2000, &c), 0);    /* cut once */
    deadline_close(d);
}

static void test_body_is_due_by_its_rate_not_by_each_byte(void **state) {
    (void)state;
    struct cuts c;
    struct deadline *d = deadline_open(8, T0);
    deadline_headers_done(d, T0 + 5000);
    assert_int_equal(sweep(T0 + 5000 + DEADLINE_BODY_MS - 1, &c), 0);
    /* one byte at a time adds less than a millisecond each: 100 bytes do not save it */
    for (uint64_t got = 1; got <= 100; got++)
        deadline_body(d, got);
    assert_int_equal(sweep(T0 + 5000 + DEADLINE_BODY_MS + 10, &c), 1);
    /* at the minimum rate the deadline keeps ahead: 32 KiB buy two more seconds */
    struct deadline *e = deadline_open(9, T0);
    deadline_headers_done(e, T0);
    deadline_body(e, 2 * DEADLINE_BODY_RATE);
    assert_int_equal(sweep(T0 + DEADLINE_BODY_MS + 1999, &c), 0);
    assert_int_equal(sweep(T0 + DEADLINE_BODY_MS + 2001, &c), 1);
    assert_int_equal(c.fds[0], 9);
    deadline_close(d);
    deadline_close(e);
}

static void test_no_deadline_while_answering_then_the_next_request(void **state) {
    (void)state;
    struct cuts c;
    struct deadline *d = deadline_open(10, T0);
    deadline_headers_done(d, T0 + 10);
    deadline_clear(d);                                     /* a long handler is never cut */
    assert_int_equal(sweep(T0 + 3600 * 1000, &c), 0);
    deadline_next(d, T0 + 3600 * 1000);                    /* response sent: next headers due */
    assert_int_equal(sweep(T0 + 3600 * 1000 + DEADLINE_HEADERS_MS - 1, &c), 0);
    assert_int_equal(sweep(T0 + 3600 * 1000 + DEADLINE_HEADERS_MS + 1, &c), 1);
    deadline_close(d);
}

static void test_closed_connections_are_forgotten(void **state) {
    (void)state;
    struct cuts c;
    struct deadline *a = deadline_open(11, T0), *b = deadline_open(12, T0), *x = deadline_open(13, T0);
    deadline_close(b);                                     /* from the middle of the list */
    deadline_close(x);                                     /* and its head */
    deadline_close(NULL);
    assert_int_equal(sweep(T0 + DEADLINE_HEADERS_MS + 1, &c), 1);
    assert_int_equal(c.fds[0], 11);
    deadline_close(a);
    assert_int_equal(sweep(T0 + 10 * DEADLINE_HEADERS_MS, &c), 0);
}

static void test_cache_key_keeps_the_target_as_sent(void **state) {
    (void)state;
    struct buf a = BUF_INIT, b = BUF_INIT;
    cache_key(&a, "/plans/2/search?q=A%26dept%3DB", "ja");
    cache_key(&b, "/plans/2/search?q=A&dept=B", "ja");
    assert_string_equal(buf_cstr(&a), "/plans/2/search?q=A%26dept%3DB#ja");
    assert_string_not_equal(buf_cstr(&a), buf_cstr(&b));
    cache_key(&b, "/plans/2/search?q=A%26dept%3DB", "en");
    assert_string_not_equal(buf_cstr(&a), buf_cstr(&b));
    buf_free(&a);
    buf_free(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_headers_are_due_after_ten_seconds),
        cmocka_unit_test(test_body_is_due_by_its_rate_not_by_each_byte),
        cmocka_unit_test(test_no_deadline_while_answering_then_the_next_request),
        cmocka_unit_test(test_closed_connections_are_forgotten),
        cmocka_unit_test(test_cache_key_keeps_the_target_as_sent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
