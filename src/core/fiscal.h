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
/* The fiscal years kawaru takes, wherever one comes from: FY_MIN..FY_MAX. */
#define FY_MIN 1900
#define FY_MAX 2200
/* Accepts 2024, 2024年度, 令和6年度, 令和元年度, R6, r6, H30, 平成30年度 (full- or half-width
 * digits), for FY_MIN..FY_MAX; returns 0 and the fiscal year, or KW_EINVAL. Every reader of a
 * typed fiscal year (forms, query strings, JSON bodies and documents, CSV and spreadsheets) calls
 * it, and every refusal names the forms with the words below. */
int fy_parse(const char *s, int *ret_fy);

/* THE wording of a refused fiscal year (SPEC §2: 令和6年度, R6 and 2024 are accepted on input).
 * FY_INVALID follows a field's name or path: "fy must be a fiscal year (1900-2200) such as 2024,
 * 2024年度, 令和6年度 or R6" — the API's and documents' message, and the CSV imports' in English;
 * FY_INVALID_JA is the Japanese of the pages and the CSV imports. */
#define FY_STR(x) #x
#define FY_STR_(x) FY_STR(x)
#define FY_FORMS "2024, 2024年度, 令和6年度 or R6"
#define FY_FORMS_JA "2024、2024年度、令和6年度、R6"
#define FY_INVALID "must be a fiscal year (" FY_STR_(FY_MIN) "-" FY_STR_(FY_MAX) ") such as " FY_FORMS
#define FY_INVALID_JA "年度を " FY_FORMS_JA " の形で入力してください"

#endif
