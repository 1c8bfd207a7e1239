/* Tests src/store/pwhash.c: the memory of parallel Argon2id hashes is bounded (issue 13 point
 * 9). Eight threads check a password at once with room for two hashes: the process's peak
 * resident memory grows by about two hashes (64 MiB each), not eight, and never more than two
 * ran at once; each check either matches or, when no slot came free within PWHASH_WAIT_MS,
 * says so (KW_EBUSY), never a wrong answer. */
#include "testutil.h"

#include <pthread.h>
#include <sys/resource.h>
#include "store/pwhash.h"

enum { THREADS = 8, SLOTS = 2 };
#define MIB (1024L * 1024L)

static char hash[crypto_pwhash_STRBYTES];

static void *check(void *arg) {
    int *rc = arg;
    *rc = pwhash_verify(hash, "correct horse", strlen("correct horse"));
    return NULL;
}

/* The process's peak resident memory so far, in bytes. */
static long peak_rss(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss * 1024L;
}

static void test_parallel_hashes_are_bounded(void **state) {
    (void)state;
    /* by default as many slots as cores, at most PWHASH_MAX_SLOTS */
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    assert_int_equal(pwhash_limit(), cores < 1 ? 1 : cores > PWHASH_MAX_SLOTS ? PWHASH_MAX_SLOTS : cores);
    assert_int_equal(pwhash_str(hash, "correct horse", strlen("correct horse")), 0);
    assert_int_equal(pwhash_verify(hash, "wrong horse", strlen("wrong horse")), KW_EINVAL);
    pwhash_set_limit(SLOTS);
    long before = peak_rss();
    pthread_t t[THREADS];
    int rc[THREADS];
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, check, &rc[i]), 0);
    int matched = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        assert_true(rc[i] == 0 || rc[i] == KW_EBUSY);
        matched += rc[i] == 0;
    }
    long grown = peak_rss() - before;
    print_message("peak resident memory grew by %ld MiB for %d parallel checks with %d slots; %d matched\n",
                  grown / MIB, THREADS, SLOTS, matched);
    assert_true(matched >= SLOTS);
    assert_true(pwhash_peak() <= SLOTS);
    /* two hashes take 128 MiB; eight would take 512 */
    assert_true(grown < (SLOTS + 1) * 64 * MIB);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parallel_hashes_are_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
