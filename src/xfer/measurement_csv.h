/* Importing KPI measurements of one plan from a CSV file (SPEC §3.4, §3.12), for the CLI
 * (kawaru import --plan), the API (POST /api/v1/plans/{id}/measurements.csv) and the upload
 * page. The first record names the columns, in Japanese or English, in any order:
 *
 *   施策コード / measure_code   the measure's display code, e.g. 1-1-3
 *   指標名 / kpi               the KPI's name within that measure (or, instead of both,
 *   kpi_id                    the KPI's id)
 *   時点 / period              the date the value refers to: 2025-03-31 or 2025/3/31
 *   値 / value                 a number (half or full width, thousands commas allowed)
 *   備考 / note                optional
 *   出典 / source              optional; rows without one get the import's default source
 *
 * The whole file is validated first and every problem is collected as "line N: column:
 * message"; nothing is written unless every row is good, and then all rows are added in one
 * transaction, each with its audit row, plus one audit row for the import. */
#ifndef KAWARU_XFER_MEASUREMENT_CSV_H
#define KAWARU_XFER_MEASUREMENT_CSV_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "store/store.h"
#include "xfer/csv.h"

enum { MCSV_MAX_ROWS = 10000, MCSV_MAX_ERRORS = 100 };

struct mcsv_options {
    const struct actor *who;           /* recorded_by and the audit actor */
    const char *default_source;        /* for rows without 出典; may be NULL */
    const char *file_name;             /* for the audit row; may be NULL */
    bool japanese;                     /* messages in Japanese, else English */
};

/* One problem: line 0 means the whole file, column NULL the whole line. */
struct mcsv_error { int line; const char *column; const char *message; };

struct mcsv_report {
    enum csv_encoding encoding;
    size_t added;                      /* measurements written (on success) */
    struct mcsv_error *errors;         /* at most MCSV_MAX_ERRORS, in line order */
    size_t n_errors;
    bool more_errors;                  /* some were left out */
};

/* Imports data (len bytes) into the KPIs of plan_id. Everything in *ret is allocated in a.
 * Returns 0 (ret->added set), KW_EINVAL with ret->errors, KW_ENOTFOUND when there is no such
 * plan, or KW_EDB. */
int measurement_csv_import(struct db *db, struct arena *a, int64_t plan_id, const char *data, size_t len,
                           const struct mcsv_options *opt, struct mcsv_report *ret);

/* "line 3: 値: ..." / "line 3: ..." / "..." for one error, allocated in a. */
const char *mcsv_error_text(struct arena *a, const struct mcsv_error *e, bool japanese);

#endif
