/* Decimal integer formatting without printf (see fmt.h): digits are counted first, then
 * written from the end two at a time from a table of the pairs 00..99. */
#include <string.h>
#include "util/fmt.h"

static const char digit_pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

static size_t count_digits(uint64_t u) {
    size_t n = 1;
    for (;;) {
        if (u < 10) return n;
        if (u < 100) return n + 1;
        if (u < 1000) return n + 2;
        if (u < 10000) return n + 3;
        u /= 10000;
        n += 4;
    }
}

size_t fmt_uint(char *dst, uint64_t u) {
    size_t len = count_digits(u);
    char *p = dst + len;
    *p = '\0';
    while (u >= 10000) {                    /* four digits a round: one 64-bit division */
        uint32_t r = (uint32_t)(u % 10000);
        u /= 10000;
        p -= 4;
        memcpy(p, digit_pairs + 2 * (r / 100), 2);
        memcpy(p + 2, digit_pairs + 2 * (r % 100), 2);
    }
    uint32_t v = (uint32_t)u;
    if (v >= 100) {
        p -= 2;
        memcpy(p, digit_pairs + 2 * (v % 100), 2);
        v /= 100;
    }
    if (v >= 10) {
        p -= 2;
        memcpy(p, digit_pairs + 2 * v, 2);
    } else {
        *--p = (char)('0' + v);
    }
    return len;
}

void fmt_uint_fixed(char *dst, uint32_t v, size_t width) {
    char *p = dst + width;
    while (p - dst >= 2) {
        p -= 2;
        memcpy(p, digit_pairs + 2 * (v % 100), 2);
        v /= 100;
    }
    if (p > dst)
        *--p = (char)('0' + v % 10);
}

size_t fmt_int(char *dst, int64_t v) {
    if (v >= 0)
        return fmt_uint(dst, (uint64_t)v);
    *dst = '-';
    return 1 + fmt_uint(dst + 1, 0 - (uint64_t)v);   /* unsigned negation: INT64_MIN too */
}

size_t fmt_fixed(char *dst, int64_t scaled, unsigned decimals) {
    static const uint32_t pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
                                     1000000000};
    uint32_t unit = pow10[decimals];
    uint64_t u = scaled < 0 ? 0 - (uint64_t)scaled : (uint64_t)scaled;
    size_t n = 0;
    if (scaled < 0)
        dst[n++] = '-';
    n += fmt_uint(dst + n, u / unit);
    dst[n++] = '.';
    fmt_uint_fixed(dst + n, (uint32_t)(u % unit), decimals);
    n += decimals;
    while (dst[n - 1] == '0')                   /* the fraction is not 0: stops after the point */
        n--;
    dst[n] = '\0';
    return n;
}
