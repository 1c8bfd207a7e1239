/* The tables a plan is handed out in as spreadsheets (SPEC §3.12): the workbook of
 * `kawaru export --format xlsx` and of the plan page's download, and the CSV files of
 * `--format csv` — one table each, the measure list by default. */
#ifndef KAWARU_XFER_WORKBOOK_H
#define KAWARU_XFER_WORKBOOK_H
#include "store/store.h"
#include "util/buf.h"
#include "xfer/csv.h"
#include "xfer/sheet.h"

/* Plan p of doc (as store_org_doc_load gives it) as tables, in the workbook's order: 個別業務一覧
 * (file name "measures"), 数値目標 ("kpis"), 実績値 ("measurements"), 四半期評価 ("reviews"), 業務棚卸し ("inventory": the organisation's
 * latest survey year, when it has one) and ロジックモデル ("logic_model", when the plan has one).
 * Allocated in a; KW_EDB. */
int workbook_tables(struct db *db, struct arena *a, const struct org_doc *doc, const struct plan *p,
                    struct sheet **ret, size_t *ret_n);

/* The table of that file name, or NULL; the names, comma-separated, in names (for messages). */
const struct sheet *workbook_table(const struct sheet *v, size_t n, const char *file);
const char *workbook_table_names(struct arena *a, const struct sheet *v, size_t n);

/* The plan's tables as an xlsx workbook appended to out; *ret_problem as xlsx_write. */
int workbook_xlsx(struct buf *out, struct arena *a, const struct sheet *v, size_t n, const struct org *org,
                  const struct plan *p, const char **ret_problem);

#endif
