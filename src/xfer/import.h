/* Importing plan documents into a database: validate every document, then write them all in
 * one transaction. A new organisation is stored whole (and the version each plan states is
 * published); an organisation already stored is refused, or with replace merged by codes
 * (xfer/doc_merge.h: ids and history kept). Shared by `kawaru import`, `kawaru init --demo`, the
 * API and the import page. */
#ifndef KAWARU_XFER_IMPORT_H
#define KAWARU_XFER_IMPORT_H
#include <stdbool.h>
#include <stdio.h>
#include "store/store.h"
#include "xfer/doc_merge.h"
#include "xfer/plan_doc.h"

struct import_source { const char *name; const char *text; size_t len; };

struct import_opts {
    bool replace;                /* merge into organisations already stored */
    bool prune, dry_run;         /* as struct merge_opts */
};

/* What the import did or would do to each document's organisation. */
struct import_outcome { const char *source, *org_code; struct merge_result result; };

/* The document's checks that need the database, after plan_doc_parse: every measure's categories
 * are codes of stored categories. Returns 0, or KW_EINVAL with errs filled as the parser fills
 * them (the path of each unknown code), or KW_EDB. */
int plan_doc_check_stored(struct db *db, struct arena *a, const struct org_doc *doc, struct doc_errors *errs);
/* Returns 0, KW_EINVAL (errors printed to report, prefixed by the source name), KW_ECONFLICT (an
 * organisation exists and replace is false: printed; or a merge refused: see outcomes) or KW_EDB.
 * outcomes (may be NULL) gets one entry per document, allocated in a. */
int import_run(struct db *db, struct arena *a, const struct import_source *src, size_t n, const struct import_opts *o,
               const struct actor *who, FILE *report, struct import_outcome **outcomes);
/* import_run without its outcomes. */
int import_documents(struct db *db, const struct import_source *src, size_t n, bool replace,
                     const struct actor *who, FILE *report);
void doc_errors_print(FILE *f, const char *source, const struct doc_errors *e);
/* The change list of a merge as lines of text ("changed  measure 1-1-3 書かない窓口: progress"). */
void import_changes_print(FILE *f, const struct import_outcome *v, size_t n);

#endif
