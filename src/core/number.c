/* Numbers as people type them (see number.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "core/number.h"
#include "util/utf8.h"

bool number_in_range(double v) { return isfinite(v) && fabs(v) <= NUMBER_MAX; }

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Removes the commas between groups of three digits of t's integer part ("1,234,567.5"); false
 * when a comma stands anywhere else. */
static bool drop_thousands_commas(char *t) {
    char *comma = strchr(t, ',');
    if (!comma)
        return true;
    char *start = t + (*t == '-' || *t == '+'), *dot = strchr(t, '.');
    char *int_end = dot ? dot : t + strlen(t);
    if (comma - start < 1 || comma - start > 3)
        return false;
    for (char *p = comma; p < int_end; p += 4)
        if (*p != ',' || !is_digit(p[1]) || !is_digit(p[2]) || !is_digit(p[3]))
            return false;
    if ((int_end - comma) % 4 != 0 || (dot && strchr(dot, ',')))
        return false;
    char *o = t;
    for (char *p = t; *p; p++)
        if (*p != ',')
            *o++ = *p;
    *o = '\0';
    return true;
}

int number_parse(const char *s, double *ret, bool *ret_too_big) {
    if (ret_too_big)
        *ret_too_big = false;
    if (!s || strlen(s) > 64)
        return KW_EINVAL;
    char *n = utf8_normalize(s);            /* NFKC: ７．５ -> 7.5, －３ -> -3, full-width commas */
    if (!n)
        return KW_EINVAL;
    char *t = n;
    while (*t == ' ')
        t++;
    if (strncmp(t, "約", strlen("約")) == 0)
        for (t += strlen("約"); *t == ' ';)
            t++;
    size_t len = strlen(t);
    while (len && t[len - 1] == ' ')
        t[--len] = '\0';
    if (strncmp(t, "\xe2\x88\x92", 3) == 0) {      /* U+2212 MINUS SIGN, which NFKC keeps */
        t += 2;
        *t = '-';
    }
    int rc = KW_EINVAL;
    if (drop_thousands_commas(t)) {
        const char *p = t + (*t == '-' || *t == '+');
        size_t digits = 0, dots = 0;
        bool ok = true;
        for (const char *q = p; *q && ok; q++) {
            if (is_digit(*q))
                digits++;
            else if (*q == '.' && dots == 0)
                dots++;
            else
                ok = false;
        }
        if (ok && digits > 0) {
            double v = strtod(t, NULL);
            if (number_in_range(v)) {
                *ret = v;
                rc = 0;
            } else if (ret_too_big) {
                *ret_too_big = true;
            }
        }
    }
    free(n);
    return rc;
}
