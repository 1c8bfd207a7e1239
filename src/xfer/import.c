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

int import_run(struct db *db, struct arena *a, const struct import_source *src, size_t n, const struct import_opts *o,
               const struct actor *who, FILE *report, struct import_outcome **outcomes) {
    struct org_doc *docs = arena_alloc(a, (n ? n : 1) * sizeof *docs);
    struct import_outcome *out = arena_alloc(a, (n ? n : 1) * sizeof *out);
    if (outcomes)
        *outcomes = out;
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        struct doc_errors errs;
        out[i].source = src[i].name;
        if (plan_doc_parse(src[i].text, src[i].len, a, &docs[i], &errs) < 0) {
            doc_errors_print(report, src[i].name, &errs);
            rc = KW_EINVAL;
        } else {
            out[i].org_code = docs[i].org.code;
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
    if (rc < 0)
        return rc;
    struct merge_opts mo = {.prune = o->prune, .dry_run = false};    /* one rollback undoes them all */
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct org existing;
        bool exists = store_org_by_code(db, a, docs[i].org.code, &existing) == 0;
        if (exists && !o->replace) {
            fprintf(report, "%s: organisation %s (%s) is already in the database; use --replace to merge the "
                            "document into it (ids and history are kept)\n", src[i].name, docs[i].org.code,
                    docs[i].org.name);
            rc = KW_ECONFLICT;
        } else if (exists) {
            rc = doc_merge(db, a, &docs[i], &mo, who, &out[i].result);
        } else {
            out[i].result.created = true;
            rc = version_store_document(db, &docs[i], who);
        }
        if (rc < 0 && rc != KW_ECONFLICT)
            fprintf(report, "%s: cannot store the document: %s\n", src[i].name, db_errmsg(db));
    }
    if (rc == 0 && !o->dry_run)
        return db_commit(db);
    db_rollback(db);
    return rc;
}

int import_documents(struct db *db, const struct import_source *src, size_t n, bool replace,
                     const struct actor *who, FILE *report) {
    struct arena a = ARENA_INIT;
    struct import_opts o = {.replace = replace};
    int rc = import_run(db, &a, src, n, &o, who, report, NULL);
    arena_free(&a);
    return rc;
}

void import_changes_print(FILE *f, const struct import_outcome *v, size_t n) {
    for (size_t i = 0; i < n; i++) {
        const struct merge_result *r = &v[i].result;
        if (r->created) {
            fprintf(f, "%s: organisation %s is new: imported whole\n", v[i].source, v[i].org_code ? v[i].org_code : "");
            continue;
        }
        fprintf(f, "%s: organisation %s: %zu change%s%s\n", v[i].source, v[i].org_code ? v[i].org_code : "", r->n,
                r->n == 1 ? "" : "s", r->refused ? " (refused: nothing was written)" : "");
        for (size_t j = 0; j < r->n; j++) {
            const struct diff_entry *e = &r->changes[j];
            fprintf(f, "  %-9s %-11s %s %s", diff_kind_name(e->kind), e->entity, e->key, e->title);
            if (e->kind == DIFF_MOVED)
                fprintf(f, ": %s -> %s", e->from, e->to);
            for (size_t k = 0; k < e->n_fields; k++)
                fprintf(f, "%s%s", k ? ", " : ": ", e->fields[k].name);
            if (e->note)
                fprintf(f, " (%s)", e->note);
            fputc('\n', f);
        }
    }
}
