/* Freed hours reallocated (業務量削減で創出した時間の充当, issue 14 point 4; migration 22): an
 * organisation's entries of a fiscal year, the hours and the new service they went to, optionally
 * the measure behind it. Every write is one transaction with its audit entry. */
#ifndef KAWARU_STORE_STORE_REALLOCATION_H
#define KAWARU_STORE_STORE_REALLOCATION_H
#include "store/store.h"

struct reallocation {
    int64_t id, measure_id;             /* measure_id 0: none named */
    int fy;
    double hours;
    char *service, *note;
};

/* The organisation's entries by FY, then as entered; allocated in a. */
int store_reallocations(struct db *db, struct arena *a, int64_t org_id, struct reallocation **ret, size_t *ret_n);

/* A create or a change: NULL / false leaves a field as it is (all are set on create). */
struct reallocation_patch {
    const char *service, *note;         /* note "" clears it */
    bool set_fy, set_hours, set_measure;
    int fy;
    double hours;
    int64_t measure_id;                 /* with set_measure: 0 clears it */
};
/* KW_EINVAL (fail naming the field) for hours below 0 or a measure of another organisation. */
int store_reallocation_create(struct db *db, int64_t org_id, const struct reallocation_patch *p,
                              const struct actor *who, int64_t *ret_id, struct edit_fail *fail);
int store_reallocation_update(struct db *db, int64_t id, const struct reallocation_patch *p, const struct actor *who,
                              struct edit_fail *fail);
int store_reallocation_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail);

#endif
