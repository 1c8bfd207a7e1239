/* Validate-all-then-write import of plan documents (see import.h). */
#include <string.h>
#include "core/errors.h"
#include "xfer/import.h"
#include "xfer/versions.h"

void doc_errors_print(FILE *f, const char *source, const struct doc_errors *e) {
    for (size_t i = 0; i < e->n; i++)
        fprintf(f, "%s: %s%s%s\n", source, e->items[i].path, e->items[i].path[0] ? ": " : "", e->items[i].message);
    if (e->total > e->n)
        fprintf(f, "%s: ... and %zu more problems\n", source, e->total - e->n);
}

int import_documents(struct db *db, const struct import_source *src, size_t n, bool replace,
                     const struct actor *who, FILE *report) {
    struct arena a = ARENA_INIT;
    struct org_doc *docs = arena_alloc(&a, (n ? n : 1) * sizeof *docs);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        struct doc_errors errs;
        if (plan_doc_parse(src[i].text, src[i].len, &a, &docs[i], &errs) < 0) {
            doc_errors_print(report, src[i].name, &errs);
            rc = KW_EINVAL;
        }
    }
    for (size_t i = 0; rc == 0 && i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(docs[i].org.code, docs[j].org.code) == 0) {
                fprintf(report, "%s: org.code: %s is also imported by %s\n", src[i].name, docs[i].org.code, src[j].name);
                rc = KW_EINVAL;
            }
    if (rc == 0)
        rc = db_begin(db);
    if (rc == 0) {
        for (size_t i = 0; rc == 0 && i < n; i++) {
            rc = version_store_document(db, &docs[i], replace, who);
            if (rc == KW_ECONFLICT)
                fprintf(report, "%s: organisation %s (%s) is already in the database; use --replace to replace it\n",
                        src[i].name, docs[i].org.code, docs[i].org.name);
            else if (rc < 0)
                fprintf(report, "%s: cannot store the document: %s\n", src[i].name, db_errmsg(db));
        }
        if (rc == 0)
            rc = db_commit(db);
        else
            db_rollback(db);
    }
    arena_free(&a);
    return rc;
}
