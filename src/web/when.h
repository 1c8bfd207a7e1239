/* A moment as people read it, in Japan time (JST, UTC+9, no daylight saving): the one format of
 * every time a page shows. Stored times are UTC ISO strings ("2026-12-04T14:43:53Z", also with
 * milliseconds); in Japanese they read 2026年12月4日 23:43, in English 4 Dec 2026 23:43 JST.
 * A date alone reads as the same date in words (html_date). */
#ifndef KAWARU_WEB_WHEN_H
#define KAWARU_WEB_WHEN_H
#include <stdbool.h>
#include <stddef.h>
#include "http/req.h"

/* Writes iso as Japan time into dst ("2025年4月1日 00:00", or in English "1 Apr 2025 00:00 JST").
 * Returns false, with dst empty, when iso is NULL or does not read as a UTC timestamp
 * (YYYY-MM-DDTHH:MM, optionally :SS, fractions and Z) of a real date and time. */
/* Japan's offset from UTC in minutes (the audit filter reads its dates in Japan time too). */
enum { WHEN_UTC_OFFSET = 9 * 60 };

bool when_format(const char *iso, bool english, char *dst, size_t size);

/* Appends <time datetime="iso">formatted</time> to r->out in the request's language; a value
 * that is not a timestamp is shown as given (escaped), NULL or "" as a dash. */
void html_when(struct req *r, const char *iso);

/* Appends <time datetime="date">…</time> for a date alone (YYYY-MM-DD: a deadline, a day) in
 * words (i18n's tr_date: 2026年1月15日, 15 Jan 2026); a value that is not a date as given. */
void html_date(struct req *r, const char *date);

/* The same formatted text alone (no markup), in r->arena; a dash for NULL, the value as given
 * when it is not a timestamp. For attributes and texts that cannot hold markup. */
const char *when_text(struct req *r, const char *iso);

#endif
