/* Reading a measure list in the 個別業務一覧 layout (SPEC §3.12, xfer/plan_sheets.h) into a plan:
 * a workbook's sheet or a CSV file, its header row found by its titles (any order; a title row
 * above it is allowed), each row matched to the plan by its 改革番号, 取組項目番号 (or the theme's
 * title where the plan's themes have no code) and 番号. What a row names and the plan lacks is
 * added; what it changes is changed; nothing is removed, so that a list of some measures leaves
 * the others as they are. The columns of kawaru's own figures (最新値, 達成状況, the ratings) and
 * columns it does not know are not read, and said so. The result is the organisation's document
 * with the rows applied: `kawaru import` and the import page merge it (xfer/doc_merge.h), whose
 * change list is the preview, all or nothing. */
#ifndef KAWARU_XFER_MEASURE_LIST_IN_H
#define KAWARU_XFER_MEASURE_LIST_IN_H
#include <stdbool.h>
#include "core/model.h"
#include "xfer/sheet.h"

enum { ML_MAX_PROBLEMS = 100 };

struct ml_problem { int row; const char *column, *message; };   /* row 0: the whole sheet */

struct ml_result {
    size_t rows;                        /* rows read */
    const char **not_read;              /* the titles of the columns not read */
    size_t n_not_read;
    struct ml_problem *problems;        /* in row order */
    size_t n_problems;
    bool more_problems;                 /* some were left out */
};

/* True when the sheet has the measure list's header (番号 and 取組) in its first rows. */
bool measure_list_is(const struct sheet *s);

/* The sheet of a workbook that holds the measure list (named 個別業務一覧, else the first with its
 * header), or NULL. */
const struct sheet *measure_list_find(const struct sheet *v, size_t n);

/* The plan of doc the sheet's title row names (as plan_sheet_measures writes it), else doc's
 * only plan; NULL when neither tells. */
struct plan *measure_list_plan(struct org_doc *doc, const struct sheet *s);

/* A CSV file's records as a sheet of text cells with their lines (for measure_list_apply). */
struct csv_record;
void measure_list_from_csv(struct sheet *s, struct arena *a, const struct csv_record *recs, size_t n);

/* Applies the rows of s to plan p of doc (in place; allocations in a). Returns 0, or KW_EINVAL
 * with ret->problems (messages in Japanese or English); doc is then to be thrown away. */
int measure_list_apply(struct arena *a, struct org_doc *doc, struct plan *p, const struct sheet *s, bool japanese,
                       struct ml_result *ret);

/* "行 3：取組：…" / "row 3: 取組: …" for one problem, allocated in a. */
const char *measure_list_problem_text(struct arena *a, const struct ml_problem *pr, bool japanese);

#endif
