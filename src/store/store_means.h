/* The organisation's catalogue of means (手段, SPEC §2; migration 22): オンライン申請, 電子決裁,
 * RPA …, each with the channels and step flags it applies to and a default expected reduction
 * (core/workload.h struct means). Every write is one transaction with its audit entry; a means
 * applied to a step cannot be deleted (the matrix keeps its history). */
#ifndef KAWARU_STORE_STORE_MEANS_H
#define KAWARU_STORE_STORE_MEANS_H
#include "core/workload.h"
#include "store/store.h"

/* The catalogue in its order, allocated in a. */
int store_means_list(struct db *db, struct arena *a, int64_t org_id, struct means **ret, size_t *ret_n);
/* How many steps each of the n means m (of one organisation) is applied to: *ret[i] for m[i],
 * allocated in a. */
int store_means_applied(struct db *db, struct arena *a, int64_t org_id, const struct means *m, size_t n,
                        int64_t **ret);
/* KW_ECONFLICT (fail naming "name") when the organisation has a means of that name. */
int store_means_create(struct db *db, int64_t org_id, const struct means *m, int position, const struct actor *who,
                       int64_t *ret_id, struct edit_fail *fail);

/* A change: NULL / false leaves a field as it is. */
struct means_patch {
    const char *name, *note;            /* note "" clears it */
    bool set_reduction, set_channels, set_flags, set_position;
    double reduction;
    unsigned channels, flags;
    int position;
};
int store_means_update(struct db *db, int64_t id, const struct means_patch *p, const struct actor *who,
                       struct edit_fail *fail);
/* KW_ECONFLICT (fail saying where) when the means is applied to a step. */
int store_means_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail);
/* Adds the standard catalogue of core/workload.h (means_standard) that the organisation does
 * not have yet by name, each audited; *ret_added counts them (may be NULL). */
int store_means_seed(struct db *db, int64_t org_id, const struct actor *who, size_t *ret_added);

#endif
