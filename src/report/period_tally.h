/* Who is late in a review period (issue 3): the states of a period's reviews counted per lead
 * department and in total, with the late ones, for the period's page and its API alike. */
#ifndef KAWARU_REPORT_PERIOD_TALLY_H
#define KAWARU_REPORT_PERIOD_TALLY_H
#include "core/review.h"
#include "store/store.h"

struct dept_tally {
    int64_t dept_id;                      /* 0: measures without a department */
    const char *dept_name;
    struct review_tally tally;
    int most_days_late;                   /* the latest of its late reviews; -1: none late */
    int unsubmitted_late;                 /* late ones still not submitted */
};

/* How many days late line l of period p is (core/review.h review_days_late): judged today while
 * the period is open and on the day it was closed (Japan time) once it is, so that closing
 * keeps the record; -1 when it is not late. */
int period_line_days_late(const struct review_period *p, const struct period_line *l, kw_date today);
bool period_line_late(const struct review_period *p, const struct period_line *l, kw_date today);
/* The departments in the order they first appear in lines, each with its tally; *ret_all the total. */
void period_tally(struct arena *a, const struct review_period *p, const struct period_line *lines, size_t n,
                  kw_date today, struct dept_tally **ret, size_t *ret_n, struct review_tally *ret_all);

#endif
