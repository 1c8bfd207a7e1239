/* Helpers shared by the store's own files (not for other modules). */
#ifndef KAWARU_STORE_STORE_INTERNAL_H
#define KAWARU_STORE_STORE_INTERNAL_H
#include "core/errors.h"
#include "store/store.h"

/* Appends one element to an arena array, doubling its capacity as needed. */
#define GROW(a, arr, cap, n) ((arr) = arena_grow((a), (arr), sizeof *(arr), &(cap), (n) + 1))

static inline int step_rows_done(int rc) { return rc == SQLITE_DONE ? 0 : KW_EDB; }

/* All measures of a plan in plan order (pillar, theme, position), without their parts. */
int measures_query(struct db *db, struct arena *a, int64_t plan_id, struct measure **v, size_t *n, size_t *cap);
/* Loads the parts of the given measures of plan_id (or of the one measure only_id when it is
 * not 0) with one query per table: departments, KPIs and measurements, and at LOAD_FULL also
 * means and tags, links, schedule and progress, and reviews. */
int measure_parts_load(struct db *db, struct arena *a, int64_t plan_id, int64_t only_id,
                       enum load_depth depth, struct measure **set, size_t n);
/* One KPI's measurements, in period order. */
int kpi_measurements_load(struct db *db, struct arena *a, struct kpi *k);

#define KPI_COLUMNS "k.id, k.measure_id, k.name, k.unit, k.direction, k.perspective, k.baseline_value, " \
                    "k.baseline_fy, k.target_state, k.target_value, k.target_fy, k.definition, k.source"
void kpi_from_row(struct arena *a, sqlite3_stmt *st, int col, struct kpi *k);

#endif
