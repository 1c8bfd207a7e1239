/* Plan versions (版, issue 3): publishing the working draft of a plan as a version with change
 * notes and a full snapshot (a kawaru-plan/1 document holding that plan), and storing a plan
 * document so that each plan's stated version is kept as a published snapshot too. */
#ifndef KAWARU_XFER_VERSIONS_H
#define KAWARU_XFER_VERSIONS_H
#include "store/store.h"
#include "util/buf.h"

/* The plan as a kawaru-plan/1 document of its organisation with that one plan (compact). */
int version_document(struct db *db, int64_t plan_id, struct buf *out);

/* Publishes the plan as it is now: label (1-32 characters), date YYYY-MM-DD, change notes. The
 * label becomes the plan's version and joins its revision history. One transaction; KW_ECONFLICT
 * (field "label") when the plan has a version of that label. */
int version_publish(struct db *db, int64_t plan_id, const char *label, const char *date, const struct strlist *notes,
                     const struct actor *who, int64_t *ret_id, struct edit_fail *fail);

/* store_org_doc_insert (a new organisation), then a published snapshot of every plan of the
 * document that states its version (e.g. 江津市's 1.2 of 2024-03-26), inside the caller's
 * transaction or its own. */
int version_store_document(struct db *db, const struct org_doc *doc, const struct actor *who);

/* Indexes the latest versions stored before migrations 25 and 27 (their open-data rows and their
 * measures one per row, as a version is indexed when stored), in one transaction; *ret_n says
 * how many. Derived rows, like a migration's: no audit entry. `kawaru serve` runs it at start. */
int version_index_missing(struct db *db, size_t *ret_n);

#endif
