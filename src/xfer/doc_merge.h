/* Replacing an organisation by a plan document without losing anything (issue 12, point 1):
 * `PUT /api/v1/orgs/{code}/document`, `kawaru import --replace` and the import page. The
 * document is matched to what is stored by codes (xfer/doc_diff.h); what matches keeps its id and
 * everything hanging off it (measurements, reviews, quarters, versions, opinions, inboxes,
 * e-mails, users, tokens); what is new is added; what the document no longer holds is deleted
 * only when nothing hangs off it, else the replacement is refused, or with prune it is kept as
 * abolished (廃止). History the document lacks (measurements, confirmed reviews, meetings) stays.
 * Only the working draft changes: publishing stays the office's own act, so a document that would
 * change a plan's version, date or revision history is refused. Every changed row gets its own
 * audit entry with before and after, through the store's editing functions, in one transaction. */
#ifndef KAWARU_XFER_DOC_MERGE_H
#define KAWARU_XFER_DOC_MERGE_H
#include <stdbool.h>
#include "store/store.h"
#include "xfer/doc_diff.h"

struct merge_opts {
    bool prune;                 /* keep what has history as abolished instead of refusing */
    bool dry_run;               /* work it all out, write nothing */
    bool keep_removed;          /* remove nothing: what the document lacks is kept as it is
                                   (kawaru restore --org without --prune) */
};

struct merge_result {
    struct diff_entry *changes; /* the change list, with the verdicts DIFF_REFUSED and DIFF_ABOLISHED */
    size_t n;
    size_t refused;             /* entries refused: when not 0, nothing was written */
    bool created;               /* the organisation was not stored: the document was imported whole */
};

/* Merges doc (validated) into the database in one transaction (joining the caller's), or only
 * works out the change list (dry_run). Returns 0; KW_ECONFLICT when entries are refused (the
 * list says which and why, nothing is written); KW_EDB. Allocates the list in a. */
int doc_merge(struct db *db, struct arena *a, const struct org_doc *doc, const struct merge_opts *o,
              const struct actor *who, struct merge_result *ret);

#endif
