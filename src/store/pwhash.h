/* Argon2id password hashing with a bound on how many hashes run at once (issue 13 point 9).
 * Each hash takes crypto_pwhash_MEMLIMIT_INTERACTIVE (64 MiB) for about a tenth of a second, so
 * parallel sign-ins would otherwise take 64 MiB each: at most pwhash_limit() run at once (the
 * number of online cores, at most PWHASH_MAX_SLOTS), so their memory stays under
 * pwhash_limit() x 64 MiB. A caller that finds every slot taken waits up to PWHASH_WAIT_MS for
 * one and then gives up with KW_EBUSY (the server answers 503 with Retry-After). */
#ifndef KAWARU_STORE_PWHASH_H
#define KAWARU_STORE_PWHASH_H
#include <sodium.h>
#include <stddef.h>

enum {
    PWHASH_MAX_SLOTS = 8,            /* 8 x 64 MiB = 512 MiB at most, on any machine */
    PWHASH_WAIT_MS = 2000,
};

/* Hashes pw (len bytes) into out as a crypto_pwhash_str string. 0; KW_EBUSY when no slot came
 * free in time; KW_EIO when libsodium fails (out of memory). */
int pwhash_str(char out[crypto_pwhash_STRBYTES], const char *pw, size_t len);
/* Checks pw (len bytes) against hash. 0 when it matches; KW_EINVAL when it does not (or hash is
 * not a valid string); KW_EBUSY when no slot came free in time. */
int pwhash_verify(const char *hash, const char *pw, size_t len);

/* How many hashes may run at once. */
unsigned pwhash_limit(void);
/* Sets that number (1..PWHASH_MAX_SLOTS; tests), and clears the peak. */
void pwhash_set_limit(unsigned n);
/* The most hashes that ran at once since the start or the last pwhash_set_limit (tests). */
unsigned pwhash_peak(void);

#endif
