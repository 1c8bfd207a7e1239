/* Dates, fiscal years (April-March), quarters and Japanese era years (和暦).
 *
 * A date is a count of days since 1970-01-01 (proleptic Gregorian), so differences are
 * plain subtraction. FY N runs from N-04-01 to (N+1)-03-31; Q1 Apr-Jun ... Q4 Jan-Mar. */
#ifndef KAWARU_CORE_FISCAL_H
#define KAWARU_CORE_FISCAL_H
#include <stdbool.h>
#include <stddef.h>

typedef int kw_date;

kw_date date_from_ymd(int y, int m, int d);
void date_to_ymd(kw_date date, int *y, int *m, int *d);
/* Parses "YYYY-MM-DD" strictly (real calendar dates only); returns 0 or KW_EINVAL. */
int date_parse(const char *s, kw_date *ret_date);
/* Writes "YYYY-MM-DD" into dst (at least 11 bytes). */
void date_format(kw_date date, char *dst, size_t size);
/* Today in Japan (UTC+9, no summer time), whatever the server's time zone: the day a city's
 * figures, deadlines and printed pages are about. */
kw_date date_today(void);

int fy_of_date(kw_date date);
int quarter_of_date(kw_date date);                 /* 1..4 */
kw_date fy_start(int fy);
kw_date fy_end(int fy);                            /* 31 March of fy+1 */
kw_date quarter_start(int fy, int quarter);        /* first day of quarter 1..4 (Q1 = April-June) */
kw_date quarter_end(int fy, int quarter);          /* last day of the quarter */

/* 和暦 of a fiscal year: era name ("令和", "平成", "昭和") and year in that era (1 = 元年). */
int fy_to_wareki(int fy, const char **ret_era, int *ret_year);
/* "2024年度（令和6年度）"; "2019年度（令和元年度）". */
void fy_label(int fy, char *dst, size_t size);
/* Accepts 2024, 2024年度, 令和6年度, 令和元年度, R6, r6, H30, 平成30年度 (full- or half-width
 * digits); returns 0 and the fiscal year, or KW_EINVAL. */
int fy_parse(const char *s, int *ret_fy);

#endif
