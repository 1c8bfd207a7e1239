/* The kinds of body of the promotion organisation and the meeting calendar of a fiscal year
 * (see body.h). */
#include <stdlib.h>
#include <string.h>
#include "core/body.h"
#include "core/fiscal.h"
#include "util/xmalloc.h"

const char *const body_kind_names[] = {"headquarters", "audit_board", "committee", "working_group", "leaders", NULL};

bool body_kind_valid(const char *kind) {
    for (size_t i = 0; kind && body_kind_names[i]; i++)
        if (strcmp(kind, body_kind_names[i]) == 0)
            return true;
    return false;
}

static int ref_cmp(const void *x, const void *y) {
    const struct meeting_ref *a = x, *b = y;
    int c = strcmp(a->meeting->date, b->meeting->date);
    if (c)
        return c;
    return a->body < b->body ? -1 : a->body > b->body ? 1 : (a->meeting < b->meeting ? -1 : a->meeting > b->meeting);
}

size_t meeting_calendar(const struct body *v, size_t n, int fy, struct meeting_ref **ret) {
    size_t total = 0, k = 0;
    for (size_t i = 0; i < n; i++)
        total += v[i].n_meetings;
    struct meeting_ref *refs = total ? xmalloc(total * sizeof *refs) : NULL;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < v[i].n_meetings; j++) {
            kw_date d;
            if (date_parse(v[i].meetings[j].date, &d) != 0 || (fy && fy_of_date(d) != fy))
                continue;
            refs[k++] = (struct meeting_ref){&v[i], &v[i].meetings[j]};
        }
    if (k)
        qsort(refs, k, sizeof *refs, ref_cmp);
    else {
        free(refs);
        refs = NULL;
    }
    *ret = refs;
    return k;
}
