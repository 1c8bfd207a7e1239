/* Tests src/xfer/version_cache.c: a version is parsed once per thread and found again by its id
 * and storing time; a request never loses an entry it holds; the oldest entry another request
 * used makes room; each thread has its own entries and frees them when it ends. */
#include "testutil.h"

#include <pthread.h>
#include "xfer/version_cache.h"

static int parses;

/* Stands in for reading and parsing a snapshot: the label says which version it is. */
static int fake_parse(struct db *db, struct arena *a, int64_t id, struct published_plan *ret) {
    (void)db;
    parses++;
    memset(ret, 0, sizeof *ret);
    ret->version.id = id;
    ret->version.label = arena_printf(a, "v%lld", (long long)id);
    return 0;
}

static int failing_parse(struct db *db, struct arena *a, int64_t id, struct published_plan *ret) {
    (void)db, (void)a, (void)id, (void)ret;
    parses++;
    return KW_EINVAL;
}

/* Loads version id for the request of arena a and checks what came back. */
static const char *load(struct arena *a, int64_t id, const char *at) {
    struct published_plan pp;
    assert_int_equal(version_cache_load(NULL, a, id, at, fake_parse, &pp), 0);
    assert_int_equal(pp.version.id, id);
    return pp.version.label;
}

static void test_parsed_once_and_found_by_id_and_time(void **state) {
    (void)state;
    struct arena r1 = ARENA_INIT, r2 = ARENA_INIT;
    parses = 0;
    const char *first = load(&r1, 101, "2026-01-01T00:00:00Z");
    assert_int_equal(parses, 1);
    const char *again = load(&r2, 101, "2026-01-01T00:00:00Z");    /* the next request */
    assert_int_equal(parses, 1);
    assert_ptr_equal(first, again);                                  /* the very same parse */
    assert_string_equal(again, "v101");
    load(&r2, 101, "2026-02-01T00:00:00Z");        /* same id, stored at another time: another database */
    assert_int_equal(parses, 2);
    struct published_plan pp;
    assert_int_equal(version_cache_load(NULL, &r2, 102, "2026-01-01T00:00:00Z", failing_parse, &pp), KW_EINVAL);
    load(&r2, 102, "2026-01-01T00:00:00Z");         /* a failed parse is not kept */
    assert_int_equal(parses, 4);
    arena_free(&r1);
    arena_free(&r2);
}

static void test_a_request_keeps_what_it_holds(void **state) {
    (void)state;
    struct arena r = ARENA_INIT;
    const char *held[VERSION_CACHE_SIZE + 1];
    parses = 0;
    for (int i = 0; i <= VERSION_CACHE_SIZE; i++)   /* one more version than there are entries */
        held[i] = load(&r, 200 + i, "t");
    assert_int_equal(parses, VERSION_CACHE_SIZE + 1);
    for (int i = 0; i <= VERSION_CACHE_SIZE; i++)   /* every one still readable in this request */
        assert_string_equal(held[i], arena_printf(&r, "v%d", 200 + i));
    for (int i = 0; i < VERSION_CACHE_SIZE; i++)    /* the first ones were kept, the last was not */
        load(&r, 200 + i, "t");
    assert_int_equal(parses, VERSION_CACHE_SIZE + 1);
    load(&r, 200 + VERSION_CACHE_SIZE, "t");
    assert_int_equal(parses, VERSION_CACHE_SIZE + 2);
    arena_free(&r);

    /* the next request (the same arena struct, a new serial) may replace the oldest */
    load(&r, 300, "t");
    assert_int_equal(parses, VERSION_CACHE_SIZE + 3);
    load(&r, 300, "t");
    assert_int_equal(parses, VERSION_CACHE_SIZE + 3);
    arena_free(&r);
}

static void test_the_least_recently_used_goes_first(void **state) {
    (void)state;
    struct arena r = ARENA_INIT;
    for (int i = 0; i < VERSION_CACHE_SIZE; i++)    /* fill every entry: 400 is the oldest */
        load(&r, 400 + i, "t");
    arena_free(&r);
    load(&r, 400, "t");                             /* now 401 is */
    arena_free(&r);
    parses = 0;
    load(&r, 500, "t");                             /* replaces 401 */
    arena_free(&r);
    load(&r, 400, "t");
    assert_int_equal(parses, 1);
    load(&r, 401, "t");
    assert_int_equal(parses, 2);
    arena_free(&r);
}

static void *in_thread(void *unused) {
    (void)unused;
    struct arena r = ARENA_INIT;
    load(&r, 101, "2026-01-01T00:00:00Z");         /* kept by the main thread, not by this one */
    arena_free(&r);
    return NULL;                                    /* its entries are freed now (LeakSanitizer) */
}

static void test_each_thread_has_its_own(void **state) {
    (void)state;
    struct arena r = ARENA_INIT;
    load(&r, 101, "2026-01-01T00:00:00Z");
    arena_free(&r);
    parses = 0;
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, in_thread, NULL), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    assert_int_equal(parses, 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parsed_once_and_found_by_id_and_time),
        cmocka_unit_test(test_a_request_keeps_what_it_holds),
        cmocka_unit_test(test_the_least_recently_used_goes_first),
        cmocka_unit_test(test_each_thread_has_its_own),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
