/* Numbers as people type them into kawaru (a KPI's value in a form or a CSV cell, a baseline or a
 * target), and the range of the values kawaru stores: finite, and at most 1e15 either way, so
 * that sums, forecasts and charts stay finite and exact enough. */
#ifndef KAWARU_CORE_NUMBER_H
#define KAWARU_CORE_NUMBER_H
#include <stdbool.h>

#define NUMBER_MAX 1e15

/* True for a value kawaru stores: finite and within ±NUMBER_MAX. */
bool number_in_range(double v);

/* A decimal number as typed: optional sign, digits with optional commas between groups of three
 * ("1,234"), an optional fraction; full-width characters (７．５, －３) are read as their ASCII
 * forms and a leading 約 ("about", as plans write 約11.0) is allowed; spaces around it are
 * ignored. No exponent, hex, NaN or infinity. Returns 0 with *ret set, KW_EINVAL when s is no such
 * number (also when it is beyond ±NUMBER_MAX: *ret_too_big is then true, when not NULL). */
int number_parse(const char *s, double *ret, bool *ret_too_big);

#endif
