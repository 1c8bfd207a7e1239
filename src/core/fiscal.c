/* Calendar arithmetic for fiscal years, quarters and 和暦 (see fiscal.h). */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/errors.h"
#include "core/fiscal.h"
#include "util/utf8.h"

/* Days from civil date, the well-known era-based algorithm (400-year cycles). */
kw_date date_from_ymd(int y, int m, int d) {
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void date_to_ymd(kw_date z, int *y, int *m, int *d) {
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

static int digits(const char *s, int n) {
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

int date_parse(const char *s, kw_date *ret_date) {
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return KW_EINVAL;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return KW_EINVAL;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31)
        return KW_EINVAL;
    kw_date date = date_from_ymd(y, m, d);
    int y2, m2, d2;
    date_to_ymd(date, &y2, &m2, &d2);
    if (y2 != y || m2 != m || d2 != d)
        return KW_EINVAL;                 /* e.g. 2023-02-30 */
    *ret_date = date;
    return 0;
}

void date_format(kw_date date, char *dst, size_t size) {
    int y, m, d;
    date_to_ymd(date, &y, &m, &d);
    snprintf(dst, size, "%04d-%02d-%02d", y, m, d);
}

/* localtime_r checks the time zone file on every call (a system call), and every request asks
 * for today's date; so the date is worked out at most once a minute: one atomic word holds
 * (minute << 20) | date. */
kw_date date_today(void) {
    static _Atomic uint64_t cached;
    time_t now = time(NULL) + 9 * 3600;               /* Japan time */
    uint64_t minute = (uint64_t)now / 60, c = atomic_load_explicit(&cached, memory_order_relaxed);
    if (c && c >> 20 == minute)
        return (kw_date)(c & 0xfffff);
    struct tm tm;
    gmtime_r(&now, &tm);
    kw_date today = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    atomic_store_explicit(&cached, minute << 20 | (uint64_t)today, memory_order_relaxed);
    return today;
}

int fy_of_date(kw_date date) {
    int y, m, d;
    date_to_ymd(date, &y, &m, &d);
    return m >= 4 ? y : y - 1;
}

int quarter_of_date(kw_date date) {
    int y, m, d;
    date_to_ymd(date, &y, &m, &d);
    return m >= 4 ? (m - 4) / 3 + 1 : 4;
}

kw_date fy_start(int fy) { return date_from_ymd(fy, 4, 1); }
kw_date fy_end(int fy) { return date_from_ymd(fy + 1, 4, 1) - 1; }

kw_date quarter_start(int fy, int quarter) {
    int month = 4 + (quarter - 1) * 3;      /* 4, 7, 10, 13 (= January of fy + 1) */
    return month > 12 ? date_from_ymd(fy + 1, month - 12, 1) : date_from_ymd(fy, month, 1);
}

kw_date quarter_end(int fy, int quarter) {
    return quarter == 4 ? fy_end(fy) : quarter_start(fy, quarter + 1) - 1;
}

/* Eras by fiscal year: FY2019 (from April 2019) is counted as 令和元年度 by convention. */
static const struct { const char *name; const char *latin; int first_fy; } eras[] = {
    {"令和", "r", 2019}, {"平成", "h", 1989}, {"昭和", "s", 1926},
};

int fy_to_wareki(int fy, const char **ret_era, int *ret_year) {
    for (size_t i = 0; i < sizeof eras / sizeof eras[0]; i++)
        if (fy >= eras[i].first_fy) {
            *ret_era = eras[i].name;
            *ret_year = fy - eras[i].first_fy + 1;
            return 0;
        }
    return KW_EINVAL;
}

void fy_label(int fy, char *dst, size_t size) {
    const char *era;
    int year;
    if (fy_to_wareki(fy, &era, &year) < 0) {
        snprintf(dst, size, "%d年度", fy);
        return;
    }
    if (year == 1)
        snprintf(dst, size, "%d年度（%s元年度）", fy, era);
    else
        snprintf(dst, size, "%d年度（%s%d年度）", fy, era, year);
}

static int parse_digits(const char *s, const char **end) {
    int v = 0, n = 0;
    while (*s >= '0' && *s <= '9' && n < 5) {
        v = v * 10 + (*s - '0');
        s++, n++;
    }
    *end = s;
    return n ? v : -1;
}

int fy_parse(const char *input, int *ret_fy) {
    char *norm = utf8_normalize(input);            /* full-width digits, Ｒ -> r */
    if (!norm)
        return KW_EINVAL;
    int rc = KW_EINVAL, fy = 0;
    const char *s = norm, *end;
    while (*s == ' ') s++;
    size_t era = 0, nera = sizeof eras / sizeof eras[0];
    for (; era < nera; era++) {
        size_t ln = strlen(eras[era].name);
        if (strncmp(s, eras[era].name, ln) == 0) { s += ln; break; }
        if (s[0] == eras[era].latin[0] && s[1] >= '0' && s[1] <= '9') { s += 1; break; }
    }
    if (era < nera) {
        int year = strncmp(s, "元", 3) == 0 ? (end = s + 3, 1) : parse_digits(s, &end);
        if (year >= 1 && year <= 99)
            fy = eras[era].first_fy + year - 1;
    } else {
        int year = parse_digits(s, &end);
        if (year >= FY_MIN && year <= FY_MAX)
            fy = year;
    }
    if (fy) {
        if (strncmp(end, "年度", strlen("年度")) == 0) end += strlen("年度");
        else if (strncmp(end, "年", strlen("年")) == 0) end += strlen("年");
        while (*end == ' ') end++;
        if (*end == '\0') {
            *ret_fy = fy;
            rc = 0;
        }
    }
    free(norm);
    return rc;
}
