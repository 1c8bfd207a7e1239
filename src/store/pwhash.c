/* Argon2id hashing with a bound on how many run at once (see pwhash.h): a counting semaphore
 * made of a mutex and a condition variable on the monotonic clock, so that a waiter can give up
 * after PWHASH_WAIT_MS whatever the wall clock does. */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "core/errors.h"
#include "store/pwhash.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t freed;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static unsigned limit, running, peak;

static void slots_init(void) {
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&freed, &attr);
    pthread_condattr_destroy(&attr);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    limit = cores < 1 ? 1 : cores > PWHASH_MAX_SLOTS ? PWHASH_MAX_SLOTS : (unsigned)cores;
}

/* Takes a slot, waiting up to PWHASH_WAIT_MS. 0 or KW_EBUSY. */
static int slot_take(void) {
    pthread_once(&once, slots_init);
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += PWHASH_WAIT_MS / 1000;
    until.tv_nsec += (long)(PWHASH_WAIT_MS % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    int rc = 0;
    pthread_mutex_lock(&lock);
    while (running >= limit && rc == 0)
        if (pthread_cond_timedwait(&freed, &lock, &until) == ETIMEDOUT && running >= limit)
            rc = KW_EBUSY;
    if (rc == 0 && ++running > peak)
        peak = running;
    pthread_mutex_unlock(&lock);
    return rc;
}

static void slot_give(void) {
    pthread_mutex_lock(&lock);
    running--;
    pthread_cond_signal(&freed);
    pthread_mutex_unlock(&lock);
}

int pwhash_str(char out[crypto_pwhash_STRBYTES], const char *pw, size_t len) {
    if (sodium_init() < 0)
        return KW_EIO;
    int rc = slot_take();
    if (rc < 0)
        return rc;
    if (crypto_pwhash_str(out, pw, len, crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        rc = KW_EIO;                       /* out of memory */
    slot_give();
    return rc;
}

int pwhash_verify(const char *hash, const char *pw, size_t len) {
    if (sodium_init() < 0)
        return KW_EIO;
    int rc = slot_take();
    if (rc < 0)
        return rc;
    rc = crypto_pwhash_str_verify(hash, pw, len) == 0 ? 0 : KW_EINVAL;
    slot_give();
    return rc;
}

unsigned pwhash_limit(void) {
    pthread_once(&once, slots_init);
    pthread_mutex_lock(&lock);
    unsigned n = limit;
    pthread_mutex_unlock(&lock);
    return n;
}

void pwhash_set_limit(unsigned n) {
    pthread_once(&once, slots_init);
    pthread_mutex_lock(&lock);
    limit = n < 1 ? 1 : n > PWHASH_MAX_SLOTS ? PWHASH_MAX_SLOTS : n;
    peak = running;
    pthread_cond_broadcast(&freed);
    pthread_mutex_unlock(&lock);
}

unsigned pwhash_peak(void) {
    pthread_mutex_lock(&lock);
    unsigned n = peak;
    pthread_mutex_unlock(&lock);
    return n;
}
