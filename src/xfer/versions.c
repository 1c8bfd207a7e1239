/* Plan versions (see versions.h). */
#include <stdio.h>
#include <string.h>
#include "core/errors.h"
#include "xfer/open_data.h"
#include "xfer/plan_doc.h"
#include "xfer/versions.h"

/* The organisation's document holding plan_id alone, loaded into a. */
static int document_of(struct db *db, struct arena *a, int64_t plan_id, struct org_doc *doc) {
    int64_t org_id;
    struct org o;
    int rc = store_plan_org(db, plan_id, &org_id);
    if (rc == 0)
        rc = store_org_by_id(db, a, org_id, &o);
    if (rc == 0)
        rc = store_org_doc_load(db, a, o.code, doc);
    if (rc == 0) {
        size_t keep = 0;
        for (size_t i = 0; i < doc->n_plans; i++)
            if (doc->plans[i].id == plan_id)
                doc->plans[keep++] = doc->plans[i];
        doc->n_plans = keep;
        /* a version is of one plan; the promotion bodies are the organisation's, and their
         * meetings may name measures of its other plans, which this document does not hold */
        doc->n_bodies = 0;
    }
    return rc;
}

int version_document(struct db *db, int64_t plan_id, struct buf *out) {
    struct arena a = ARENA_INIT;
    struct org_doc doc;
    int rc = document_of(db, &a, plan_id, &doc);
    if (rc == 0)
        plan_doc_write(out, &doc, 0);
    arena_free(&a);
    return rc;
}

/* Snapshots the plan as it is, under label, with the rows of its open-data tables; the caller
 * holds the transaction. */
static int snapshot(struct db *db, int64_t plan_id, const char *label, const char *date, const struct strlist *notes,
                    const struct actor *who, int64_t *ret_id) {
    struct arena a = ARENA_INIT;
    struct buf text = BUF_INIT;
    struct org_doc doc;
    int64_t id = 0, rows[OD_N_TABLES];
    int rc = document_of(db, &a, plan_id, &doc);
    if (rc == 0 && doc.n_plans != 1)
        rc = KW_ENOTFOUND;
    if (rc == 0) {
        plan_doc_write(&text, &doc, 0);
        rc = store_version_insert(db, plan_id, label, date, notes, buf_cstr(&text), who, &id);
    }
    if (rc == 0) {
        open_data_plan_rows(&doc.plans[0], rows);
        rc = store_version_rows_set(db, id, rows);
    }
    buf_free(&text);
    arena_free(&a);
    if (rc == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int version_publish(struct db *db, int64_t plan_id, const char *label, const char *date, const struct strlist *notes,
                    const struct actor *who, int64_t *ret_id, struct edit_fail *fail) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    int64_t org_id;
    rc = store_plan_org(db, plan_id, &org_id);
    if (rc == 0)
        rc = store_plan_mark_version(db, plan_id, label, date, notes, who);
    if (rc == 0)
        rc = snapshot(db, plan_id, label, date, notes, who, ret_id);
    if (rc == KW_ECONFLICT && fail) {
        snprintf(fail->field, sizeof fail->field, "label");
        snprintf(fail->message, sizeof fail->message, "version %s has been published already", label);
    }
    if (rc < 0) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db);
}

int version_store_document(struct db *db, const struct org_doc *doc, const struct actor *who) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    rc = store_org_doc_insert(db, doc, who);
    struct arena a = ARENA_INIT;
    struct org o;
    struct plan_summary *plans = NULL;
    size_t n = 0;
    if (rc == 0)
        rc = store_org_by_code(db, &a, doc->org.code, &o);
    if (rc == 0)
        rc = store_plan_list(db, &a, o.id, &plans, &n);
    /* plans are stored in document order: the i-th summary is the i-th plan of the document */
    for (size_t i = 0; rc == 0 && i < n && i < doc->n_plans; i++) {
        const struct plan *p = &doc->plans[i];
        if (!p->version)
            continue;
        struct strlist notes = {0};
        for (size_t j = 0; j < p->n_revisions; j++)
            if (strcmp(p->revisions[j].version, p->version) == 0)
                notes = p->revisions[j].notes;
        char today[16];
        date_format(date_today(), today, sizeof today);
        rc = snapshot(db, plans[i].id, p->version, p->published ? p->published : today, &notes, who, NULL);
    }
    arena_free(&a);
    if (rc < 0) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db);
}
