/* Importing plan documents into a database: validate every document, then write them all in
 * one transaction. Shared by `kawaru import`, `kawaru init --demo` and the HTTP API. */
#ifndef KAWARU_XFER_IMPORT_H
#define KAWARU_XFER_IMPORT_H
#include <stdbool.h>
#include <stdio.h>
#include "store/store.h"
#include "xfer/plan_doc.h"

struct import_source { const char *name; const char *text; size_t len; };

/* Returns 0, KW_EINVAL (errors printed to report, prefixed by the source name),
 * KW_ECONFLICT (an organisation exists and replace is false) or KW_EDB. */
int import_documents(struct db *db, const struct import_source *src, size_t n, bool replace,
                     const struct actor *who, FILE *report);
void doc_errors_print(FILE *f, const char *source, const struct doc_errors *e);

#endif
