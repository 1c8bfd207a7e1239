/* A measure list file — an xlsx workbook or a CSV file in the 個別業務一覧 layout — made into the
 * organisation's plan document with its rows applied (xfer/measure_list_in.h), for
 * `kawaru import FILE.xlsx|FILE.csv` and the import page, which both merge that document as any
 * other (xfer/doc_merge.h: the same change list as the preview, all or nothing). */
#ifndef KAWARU_XFER_SHEET_IMPORT_H
#define KAWARU_XFER_SHEET_IMPORT_H
#include <stdbool.h>
#include "store/store.h"
#include "util/buf.h"
#include "xfer/measure_list_in.h"

/* What may be wrong with a file as a whole. */
enum sheet_problem {
    SHEET_OK,
    SHEET_UNREADABLE,           /* neither an xlsx workbook nor CSV (detail: why) */
    SHEET_NO_LIST,              /* no sheet or header of a measure list */
    SHEET_NO_ORG,               /* the file does not say whose it is and no organisation was named */
    SHEET_OTHER_ORG,            /* the file names another organisation than the one named */
    SHEET_UNKNOWN_ORG,          /* no such organisation */
    SHEET_NO_PLAN,              /* the organisation has several plans and the file names none */
    SHEET_ROWS,                 /* rows with problems: result.problems */
};

struct sheet_import {
    enum sheet_problem problem;
    const char *detail;         /* SHEET_UNREADABLE: the reader's words */
    const char *org_code;       /* whose the file is */
    struct org_doc doc;         /* the organisation with the rows applied */
    const struct plan *plan;
    struct ml_result result;
};

/* True when data is an xlsx workbook, or CSV whose header is a measure list's. */
bool sheet_import_is(struct arena *a, const char *data, size_t len);

/* Reads data (len bytes) and applies its measure list to the organisation's stored document:
 * org_code names it (NULL: the workbook's title row does) and plan_id the plan (0: the one the
 * title row names, or the only one). Returns 0, KW_EINVAL with ret->problem, or KW_EDB. */
int sheet_import_prepare(struct db *db, struct arena *a, const char *data, size_t len, const char *org_code,
                         int64_t plan_id, bool japanese, struct sheet_import *ret);

/* The problem of the file as a whole as a sentence in Japanese or English. */
const char *sheet_import_problem_text(struct arena *a, const struct sheet_import *si, bool japanese);

#endif
