/* Who is late in a review period (see period_tally.h). */
#include <string.h>
#include "report/period_tally.h"

int period_line_days_late(const struct review_period *p, const struct period_line *l, kw_date today) {
    kw_date deadline = 0, on = today;
    if (date_parse(p->deadline, &deadline) < 0)
        return -1;
    if (p->closed && review_stamp_day(p->closed_at) != REVIEW_NO_DAY)
        on = review_stamp_day(p->closed_at);
    return review_days_late((enum review_state)l->review.state, deadline, review_stamp_day(l->review.submitted_at), on);
}

bool period_line_late(const struct review_period *p, const struct period_line *l, kw_date today) {
    return period_line_days_late(p, l, today) >= 0;
}

void period_tally(struct arena *a, const struct review_period *p, const struct period_line *lines, size_t n,
                  kw_date today, struct dept_tally **ret, size_t *ret_n, struct review_tally *ret_all) {
    struct dept_tally *v = arena_alloc(a, (n + 1) * sizeof *v);
    size_t nd = 0;
    memset(ret_all, 0, sizeof *ret_all);
    for (size_t i = 0; i < n; i++) {
        struct dept_tally *d = NULL;
        for (size_t j = 0; j < nd && !d; j++)
            if (v[j].dept_id == lines[i].dept_id)
                d = &v[j];
        if (!d) {
            d = &v[nd++];
            d->dept_id = lines[i].dept_id;
            d->dept_name = lines[i].dept_name;
            d->most_days_late = -1;
        }
        enum review_state s = (enum review_state)lines[i].review.state;
        int days = period_line_days_late(p, &lines[i], today);
        bool late = days >= 0;
        if (days > d->most_days_late)
            d->most_days_late = days;
        d->unsubmitted_late += late && s != REVIEW_SUBMITTED && s != REVIEW_CONFIRMED;
        review_tally_add(&d->tally, s, late);
        review_tally_add(ret_all, s, late);
    }
    *ret = v;
    *ret_n = nd;
}
