/* Decimal integers without printf, shared by the JSON and HTML writers (vsnprintf costs ten
 * times as much, and lists print many ids and values). */
#ifndef KAWARU_UTIL_FMT_H
#define KAWARU_UTIL_FMT_H
#include <stddef.h>
#include <stdint.h>

/* Longest result of fmt_int ("-9223372036854775808") with its NUL. */
enum { FMT_INT_SIZE = 21 };

/* Writes the decimal digits of u and a NUL to dst (at least FMT_INT_SIZE bytes); returns the
 * number of digits. */
size_t fmt_uint(char *dst, uint64_t u);
/* Like fmt_uint, with a leading "-" for negative v; INT64_MIN included. */
size_t fmt_int(char *dst, int64_t v);
/* Writes the last width decimal digits of v, with leading zeros, to dst; no NUL. For the
 * fraction of a fixed-point number: fmt_uint_fixed(dst, 50, 6) writes "000050". */
void fmt_uint_fixed(char *dst, uint32_t v, size_t width);
/* Writes scaled / 10^decimals (decimals 1-9) with its decimal point and without trailing zeros
 * in the fraction, and a NUL; the fraction must not be 0. Returns the length. For numbers
 * known to have at most `decimals` decimals: fmt_fixed(dst, -1250, 2) writes "-12.5". */
size_t fmt_fixed(char *dst, int64_t scaled, unsigned decimals);
/* round(r), halves away from zero, for |r| < 2^52 (where r - trunc(r) is exact), without the
 * call to libm: for printing fixed-point numbers. */
static inline int64_t fmt_round(double r) {
    int64_t t = (int64_t)r;
    double f = r - (double)t;
    if (f >= 0.5)
        t++;
    else if (f <= -0.5)
        t--;
    return t;
}

#endif
