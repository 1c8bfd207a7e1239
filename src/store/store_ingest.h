/* Adding many measurements at once, to KPIs that may differ, as one transaction: the batch of
 * POST /api/v1/kpis/{id}/measurements and the rows of a CSV import. Also the lookups a CSV
 * import needs to find a KPI from what a person writes in a spreadsheet. */
#ifndef KAWARU_STORE_STORE_INGEST_H
#define KAWARU_STORE_STORE_INGEST_H
#include <stddef.h>
#include <stdint.h>
#include "store/store.h"

/* One measurement and the KPI it belongs to. */
struct measurement_for { int64_t kpi_id; struct measurement m; };

/* Adds the n measurements in one transaction (joining the caller's, when there is one), each
 * with its audit row; recorded_by is who->name. Fills ret_ids (n entries) when it is not NULL.
 * KW_ENOTFOUND when a KPI does not exist; on any error nothing is kept. */
int store_measurements_add(struct db *db, const struct measurement_for *items, size_t n, const struct actor *who,
                           int64_t *ret_ids);

/* The KPI named name among the KPIs of measure_id (the first by position when two share a
 * name); KW_ENOTFOUND when there is none. */
int store_kpi_id_by_name(struct db *db, int64_t measure_id, const char *name, int64_t *ret_id);

#endif
