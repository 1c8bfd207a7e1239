/* A plan's tables for spreadsheets (workbook.h). */
#include <string.h>
#include "core/errors.h"
#include "core/logic_model.h"
#include "store/store_workload.h"
#include "util/buf.h"
#include "xfer/plan_sheets.h"
#include "xfer/survey_csv.h"
#include "xfer/workbook.h"
#include "xfer/xlsx_out.h"

enum { WORKBOOK_MAX_TABLES = 8 };

int workbook_tables(struct db *db, struct arena *a, const struct org_doc *doc, const struct plan *p,
                    struct sheet **ret, size_t *ret_n) {
    struct sheet *v = arena_alloc(a, WORKBOOK_MAX_TABLES * sizeof *v);
    size_t n = 0;
    plan_sheet_measures(&v[n++], a, &doc->org, p);
    plan_sheet_kpis(&v[n++], a, &doc->org, p);
    plan_sheet_measurements(&v[n++], a, &doc->org, p);
    plan_sheet_reviews(&v[n++], a, &doc->org, p);
    int *years;
    size_t n_years;
    int rc = store_workload_years(db, a, doc->org.id, &years, &n_years);
    if (rc < 0)
        return rc;
    if (n_years) {
        struct workload_inventory inv;
        if ((rc = store_workload_load(db, a, doc->org.id, years[n_years - 1], &inv)) < 0)
            return rc;
        survey_sheet(&v[n++], a, &inv, doc->departments, doc->n_departments);
    }
    if (p->logic_model && p->logic_model->n_nodes)
        plan_sheet_logic(&v[n++], a, p);
    *ret = v;
    *ret_n = n;
    return 0;
}

const struct sheet *workbook_table(const struct sheet *v, size_t n, const char *file) {
    for (size_t i = 0; file && i < n; i++)
        if (strcmp(v[i].file, file) == 0)
            return &v[i];
    return NULL;
}

const char *workbook_table_names(struct arena *a, const struct sheet *v, size_t n) {
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < n; i++)
        buf_printf(&b, "%s%s", i ? ", " : "", v[i].file);
    char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

int workbook_xlsx(struct buf *out, struct arena *a, const struct sheet *v, size_t n, const struct org *org,
                  const struct plan *p, const char **ret_problem) {
    return xlsx_write(out, v, n, arena_printf(a, "%s %s", org->name, p->title), ret_problem);
}
