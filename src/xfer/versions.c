/* Plan versions (see versions.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "core/review.h"
#include "util/jw.h"
#include "util/xmalloc.h"
#include "xfer/open_data.h"
#include "xfer/published.h"
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

/* Stores with version id, whose plan p is, what is read of it without its snapshot: the rows of
 * its open-data tables (migration 25) and each of its measures as the snapshot has it, with the
 * label of its latest confirmed rating (migration 27), the one the public reads. */
static int version_index(struct db *db, int64_t id, const struct plan *p) {
    int64_t rows[OD_N_TABLES];
    open_data_plan_rows(p, rows);
    int rc = store_version_rows_set(db, id, rows);
    if (rc == 0)
        rc = store_version_measures_clear(db, id);
    struct arena a = ARENA_INIT;
    size_t n;
    struct measure **ms = plan_measure_list(&a, p, &n);
    struct version_measure_row *v = xcalloc(n ? n : 1, sizeof *v);
    struct buf *text = xcalloc(n ? n : 1, sizeof *text);
    for (size_t i = 0; i < n; i++) {
        struct jw w;
        jw_init(&w, &text[i], 0);
        plan_doc_write_measure(&w, ms[i], 0, 0);
        const struct review *rv = review_latest_rated(ms[i]);
        const char *label = rv ? review_scale_label(p->rating_scale, p->n_rating_scale, rv->rating) : NULL;
        v[i] = (struct version_measure_row){ms[i]->key, buf_cstr(&text[i]), label};
    }
    if (rc == 0)
        rc = store_version_measures_add(db, id, v, n);
    for (size_t i = 0; i < n; i++)
        buf_free(&text[i]);
    free(text);
    free(v);
    arena_free(&a);
    return rc;
}

/* Snapshots the plan as it is, under label, indexed (version_index); the caller holds the
 * transaction. */
static int snapshot(struct db *db, int64_t plan_id, const char *label, const char *date, const struct strlist *notes,
                    const struct actor *who, int64_t *ret_id) {
    struct arena a = ARENA_INIT;
    struct buf text = BUF_INIT;
    struct org_doc doc;
    int64_t id = 0;
    int rc = document_of(db, &a, plan_id, &doc);
    if (rc == 0 && doc.n_plans != 1)
        rc = KW_ENOTFOUND;
    if (rc == 0) {
        plan_doc_write(&text, &doc, 0);
        rc = store_version_insert(db, plan_id, label, date, notes, &doc.plans[0], buf_cstr(&text), who, &id);
    }
    if (rc == 0)
        rc = version_index(db, id, &doc.plans[0]);
    buf_free(&text);
    arena_free(&a);
    if (rc == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int version_index_missing(struct db *db, size_t *ret_n) {
    struct arena a = ARENA_INIT;
    int64_t *ids;
    size_t n;
    *ret_n = 0;
    int rc = store_versions_uncounted(db, &a, &ids, &n);
    if (rc == 0 && n > 0 && (rc = db_begin(db)) == 0) {
        for (size_t i = 0; rc == 0 && i < n; i++) {
            struct arena one = ARENA_INIT;        /* a version at a time: memory as for one */
            struct published_plan pp;
            rc = published_version_parse(db, &one, ids[i], &pp);
            if (rc == 0)
                rc = version_index(db, ids[i], pp.plan);
            arena_free(&one);
        }
        if (rc == 0)
            rc = db_commit(db);
        else
            db_rollback(db);
        if (rc == 0)
            *ret_n = n;
    }
    arena_free(&a);
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
