/* The monotonic clock in seconds, for timing work that is reported to the user (a backup's, a
 * migration's and its tables' durations). Not the wall clock: never shown as a date. */
#ifndef KAWARU_UTIL_CLOCK_H
#define KAWARU_UTIL_CLOCK_H
#include <time.h>

static inline double clock_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#endif
