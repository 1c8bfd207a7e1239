/* An organisation's open data (SPEC §3.11, issue 16 point 5): its measures, KPIs and
 * measurements as tables (xfer/sheet.h) built from the latest published version of each of its
 * plans only — a plan never published contributes nothing, a draft's change nothing — under
 * CC BY 4.0 with the organisation as the attribution. The API writes them as CSV or JSON
 * (api/api_open_data.c) and lists them in a catalogue (the API and the page /open-data). */
#ifndef KAWARU_XFER_OPEN_DATA_H
#define KAWARU_XFER_OPEN_DATA_H
#include <stdint.h>
#include "store/store.h"
#include "xfer/published.h"
#include "xfer/sheet.h"

enum open_data_table { OD_MEASURES, OD_KPIS, OD_MEASUREMENTS, OD_N_TABLES };

/* Each table's name in its URL and file name ("kpis") and its title ("数値目標"). */
extern const char *const open_data_names[OD_N_TABLES];
extern const char *const open_data_titles[OD_N_TABLES];

#define OPEN_DATA_LICENSE_NAME "CC BY 4.0"
#define OPEN_DATA_LICENSE_URL "https://creativecommons.org/licenses/by/4.0/deed.ja"
#define OPEN_DATA_LICENSE_LINK "<https://creativecommons.org/licenses/by/4.0/>; rel=\"license\""

/* What an organisation publishes: its plans' latest published versions, in the order of its
 * plans, and when the latest of them was published. */
struct open_data {
    struct org org;
    struct published_plan *plans;
    size_t n_plans;
    const char *updated;                 /* "YYYY-MM-DDTHH:MM:SSZ"; NULL when nothing is published */
    int64_t updated_time;                /* the same in seconds since 1970 (0: none) */
};

/* Loads what org publishes (n_plans 0 when it has published nothing). */
int open_data_load(struct db *db, struct arena *a, const struct org *org, struct open_data *ret);
/* The table t over all the published plans of od, its rows plan after plan; base is put before
 * the links to the published measure sheets ("" for links from the site's root). */
void open_data_sheet(const struct open_data *od, struct arena *a, enum open_data_table t, const char *base,
                     struct sheet *ret);
/* The table of a file name such as "kpis"; -1 when there is none. */
int open_data_table_of(const char *name, size_t len);
/* The catalogue: the organisations that have published a plan (of prefecture, when not NULL), by
 * code, limit of them from offset and how many in all, each with when it last
 * published and the rows of each table — from the counts stored with each version (one query;
 * an organisation whose latest versions are not indexed yet, version_index_missing, is counted
 * from its snapshots). */
struct open_data_entry {
    struct org org;
    const char *updated;
    int64_t updated_time;                /* the same in seconds since 1970 */
    size_t rows[OD_N_TABLES];
};
int open_data_catalogue(struct db *db, struct arena *a, const char *prefecture, int64_t limit, int64_t offset,
                        struct open_data_entry **ret, size_t *ret_n, int64_t *ret_total);
/* The rows plan p gives each table, to be stored with its version (store_version_rows_set):
 * counted, not built — a measure takes a row per KPI and at least one (plan_sheet_measures), a
 * KPI one (plan_sheet_kpis), a measurement one (plan_sheet_measurements). */
void open_data_plan_rows(const struct plan *p, int64_t rows[OD_N_TABLES]);
/* The site's address for links in open data, KAWARU_BASE_URL without a trailing "/", or "". */
const char *open_data_base_url(struct arena *a);

#endif
