/* Who is late in a review period (see period_tally.h). */
#include <string.h>
#include "report/period_tally.h"

bool period_line_late(const struct review_period *p, const struct period_line *l, kw_date today) {
    kw_date deadline = 0;
    date_parse(p->deadline, &deadline);
    return !p->closed && review_is_late((enum review_state)l->review.state, deadline, today);
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
        }
        enum review_state s = (enum review_state)lines[i].review.state;
        bool late = period_line_late(p, &lines[i], today);
        review_tally_add(&d->tally, s, late);
        review_tally_add(ret_all, s, late);
    }
    *ret = v;
    *ret_n = nd;
}
