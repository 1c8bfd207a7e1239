/* Validate-all-then-write import of plan documents (see import.h). */
#include <string.h>
#include "core/errors.h"
#include "store/store_category.h"
#include "xfer/import.h"
#include "xfer/versions.h"

void doc_errors_print(FILE *f, const char *source, const struct doc_errors *e) {
    for (size_t i = 0; i < e->n; i++)
        fprintf(f, "%s: %s%s%s\n", source, e->items[i].path, e->items[i].path[0] ? ": " : "", e->items[i].message);
    if (e->total > e->n)
        fprintf(f, "%s: ... and %zu more problems\n", source, e->total - e->n);
}

int plan_doc_check_stored(struct db *db, struct arena *a, const struct org_doc *doc, struct doc_errors *errs) {
    struct category *cats;
    size_t ncats;
    memset(errs, 0, sizeof *errs);
    int rc = store_category_list(db, a, &cats, &ncats);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < doc->n_plans; i++)
        for (size_t j = 0; j < doc->plans[i].n_pillars; j++) {
            const struct pillar *pi = &doc->plans[i].pillars[j];
            for (size_t k = 0; k < pi->n_themes; k++) {
                const struct theme *t = &pi->themes[k];
                for (size_t l = 0; l < t->n_measures; l++)
                    for (size_t c = 0; c < t->measures[l].categories.n; c++) {
                        const char *code = t->measures[l].categories.items[c];
                        bool known = false;
                        for (size_t x = 0; x < ncats && !known; x++)
                            known = strcmp(cats[x].code, code) == 0;
                        if (known)
                            continue;
                        if (errs->n < DOC_MAX_ERRORS) {
                            char theme[32] = "";
                            if (t->code || t->title)          /* a pillar without a theme level has its measures itself */
                                snprintf(theme, sizeof theme, ".themes[%zu]", k);
                            snprintf(errs->items[errs->n].path, sizeof errs->items[errs->n].path,
                                     "plans[%zu].pillars[%zu]%s.measures[%zu].categories[%zu]", i, j, theme, l, c);
                            snprintf(errs->items[errs->n].message, sizeof errs->items[errs->n].message,
                                     "\"%.64s\" is not the code of a category (GET /api/v1/categories lists them)", code);
                            errs->n++;
                        }
                        errs->total++;
                    }
            }
        }
    return errs->total ? KW_EINVAL : 0;
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
        if (plan_doc_parse(src[i].text, src[i].len, a, &docs[i], &errs) < 0 ||
            plan_doc_check_stored(db, a, &docs[i], &errs) < 0) {
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
