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
};

/* Whether line l of period p is late today (never in a closed period). */
bool period_line_late(const struct review_period *p, const struct period_line *l, kw_date today);
/* The departments in the order they first appear in lines, each with its tally; *ret_all the total. */
void period_tally(struct arena *a, const struct review_period *p, const struct period_line *lines, size_t n,
                  kw_date today, struct dept_tally **ret, size_t *ret_n, struct review_tally *ret_all);

#endif
