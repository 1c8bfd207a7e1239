/* A plan's logic model in the store (see store_logic.h): loaded with one query per table, and
 * replaced as a whole in one transaction with one audit row. */
#include <stdlib.h>
#include <string.h>
#include "store/store_internal.h"
#include "store/store_logic.h"
#include "util/buf.h"

/* The node of lm with id, or NULL. */
static struct lm_node *node_by_id(struct logic_model *lm, int64_t id) {
    for (size_t i = 0; i < lm->n_nodes; i++)
        if (lm->nodes[i].id == id)
            return &lm->nodes[i];
    return NULL;
}

static int load_links(struct db *db, struct arena *a, int64_t plan_id, struct logic_model *lm) {
    struct db_stmt *st = db_prepare(db,
        "SELECT l.node_id, m.id, m.key FROM logic_node n JOIN logic_node_measure l ON l.node_id = n.id "
        "JOIN measure m ON m.id = l.measure_id WHERE n.plan_id = ?1 ORDER BY n.position, l.position");
    db_bind_int64(st, 1, plan_id);
    int rc;
    size_t *caps = arena_alloc(a, 2 * lm->n_nodes * sizeof *caps), *caps2 = caps + lm->n_nodes;
    memset(caps, 0, 2 * lm->n_nodes * sizeof *caps);
    while ((rc = db_step(st)) == DB_ROW) {
        struct lm_node *n = node_by_id(lm, db_col_int64(st, 0));
        if (!n)
            continue;
        size_t i = (size_t)(n - lm->nodes), k = n->measures.n;
        GROW(a, n->measures.items, caps[i], k);
        GROW(a, n->measure_ids, caps2[i], k);
        n->measures.items[k] = db_col_text(a, st, 2);
        n->measure_ids[k] = db_col_int64(st, 1);
        n->measures.n++;
    }
    db_reset(st);
    if (rc != DB_DONE)
        return KW_EDB;
    st = db_prepare(db,
        "SELECT l.node_id, k.id, m.id, m.key, k.code, k.name FROM logic_node n "
        "JOIN logic_node_kpi l ON l.node_id = n.id JOIN kpi k ON k.id = l.kpi_id JOIN measure m ON m.id = k.measure_id "
        "WHERE n.plan_id = ?1 ORDER BY n.position, l.position");
    db_bind_int64(st, 1, plan_id);
    memset(caps, 0, lm->n_nodes * sizeof *caps);
    while ((rc = db_step(st)) == DB_ROW) {
        struct lm_node *n = node_by_id(lm, db_col_int64(st, 0));
        if (!n)
            continue;
        size_t i = (size_t)(n - lm->nodes);
        GROW(a, n->kpis, caps[i], n->n_kpis);
        struct lm_kpi_ref *r = &n->kpis[n->n_kpis++];
        r->kpi_id = db_col_int64(st, 1);
        r->measure_id = db_col_int64(st, 2);
        r->measure = db_col_text(a, st, 3);
        r->kpi = db_col_text(a, st, 4);
        if (!r->kpi)
            r->kpi = db_col_text(a, st, 5);        /* lm_kpi_name: the code, else the name */
    }
    db_reset(st);
    return step_rows_done(rc);
}

int store_logic_load(struct db *db, struct arena *a, int64_t plan_id, struct logic_model **ret) {
    struct logic_model *lm = arena_alloc(a, sizeof *lm);
    memset(lm, 0, sizeof *lm);
    struct db_stmt *st = db_prepare(db,
        "SELECT id, key, stage, text, target_group FROM logic_node WHERE plan_id = ?1 ORDER BY position");
    db_bind_int64(st, 1, plan_id);
    int rc;
    size_t cap = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, lm->nodes, cap, lm->n_nodes);
        struct lm_node *n = &lm->nodes[lm->n_nodes++];
        memset(n, 0, sizeof *n);
        n->id = db_col_int64(st, 0);
        n->key = db_col_text(a, st, 1);
        enum lm_column c = LM_ASSUMPTION;
        lm_column_parse((const char *)db_col_str(st, 2), &c);   /* the schema allows no other */
        n->column = c;
        n->text = db_col_text(a, st, 3);
        n->target_group = db_col_text(a, st, 4);
    }
    db_reset(st);
    if (rc != DB_DONE)
        return KW_EDB;
    if (lm->n_nodes == 0) {
        *ret = NULL;
        return 0;
    }
    if (load_links(db, a, plan_id, lm) < 0)
        return KW_EDB;
    st = db_prepare(db, "SELECT from_node, to_node FROM logic_edge WHERE plan_id = ?1 ORDER BY position");
    db_bind_int64(st, 1, plan_id);
    cap = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        struct lm_node *from = node_by_id(lm, db_col_int64(st, 0));
        struct lm_node *to = node_by_id(lm, db_col_int64(st, 1));
        if (!from || !to)
            continue;
        GROW(a, lm->edges, cap, lm->n_edges);
        lm->edges[lm->n_edges++] = (struct lm_edge){from->key, to->key, from->id, to->id};
    }
    db_reset(st);
    if (rc != DB_DONE)
        return KW_EDB;
    *ret = lm;
    return 0;
}

/* lm as the document writes it (malloc'd), or NULL for none. */
static char *snapshot(const struct logic_model *lm) {
    if (!lm || lm->n_nodes == 0)
        return NULL;
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    lm_write(&w, lm);
    char *s = strdup(buf_cstr(&b));
    buf_free(&b);
    return s;
}

static int64_t measure_id_of(struct db *db, int64_t plan_id, const char *key) {
    struct db_stmt *st = db_prepare(db, "SELECT id FROM measure WHERE plan_id = ?1 AND key = ?2");
    db_bind_int64(st, 1, plan_id);
    db_bind_text(st, 2, key);
    int64_t id = db_step(st) == DB_ROW ? db_col_int64(st, 0) : 0;
    db_reset(st);
    return id;
}

/* The KPI of measure_id named name: by code, else the one without a code of that name. */
static int64_t kpi_id_of(struct db *db, int64_t measure_id, const char *name) {
    struct db_stmt *st = db_prepare(db,
        "SELECT id FROM kpi WHERE measure_id = ?1 AND (code = ?2 OR (code IS NULL AND name = ?2)) "
        "ORDER BY CASE WHEN code IS NULL THEN 1 ELSE 0 END, position");
    db_bind_int64(st, 1, measure_id);
    db_bind_text(st, 2, name);
    int64_t id = db_step(st) == DB_ROW ? db_col_int64(st, 0) : 0;
    db_reset(st);
    return id;
}

/* Deletes the stored model of plan_id and inserts lm; fail names what does not resolve. */
static int replace(struct db *db, int64_t plan_id, const struct logic_model *lm, struct edit_fail *fail) {
    struct db_stmt *st = db_prepare(db, "DELETE FROM logic_edge WHERE plan_id = ?1");
    db_bind_int64(st, 1, plan_id);
    int rc = db_step_done(db, st);
    if (rc == 0) {
        st = db_prepare(db, "DELETE FROM logic_node WHERE plan_id = ?1");   /* its links go with it */
        db_bind_int64(st, 1, plan_id);
        rc = db_step_done(db, st);
    }
    size_t n = lm ? lm->n_nodes : 0;
    int64_t *ids = calloc(n ? n : 1, sizeof *ids);
    for (size_t i = 0; i < n && rc == 0; i++) {
        const struct lm_node *nd = &lm->nodes[i];
        st = db_prepare(db,
            "INSERT INTO logic_node (plan_id, position, key, stage, text, target_group) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        db_bind_int64(st, 1, plan_id);
        db_bind_int64(st, 2, (int)i);
        db_bind_text(st, 3, nd->key);
        db_bind_text(st, 4, lm_column_names[nd->column]);
        db_bind_text(st, 5, nd->text);
        db_bind_text(st, 6, nd->target_group);
        rc = db_step_done(db, st);
        ids[i] = db_last_id(db);
        for (size_t j = 0; j < nd->measures.n && rc == 0; j++) {
            int64_t mid = measure_id_of(db, plan_id, nd->measures.items[j]);
            if (!mid) {
                edit_fail_set(fail, "nodes", "nodes[%zu].measures[%zu]: \"%s\" is not a measure of this plan", i, j,
                              nd->measures.items[j]);
                rc = KW_EINVAL;
                break;
            }
            st = db_prepare(db, "INSERT INTO logic_node_measure (node_id, position, measure_id) VALUES (?1, ?2, ?3)");
            db_bind_int64(st, 1, ids[i]);
            db_bind_int64(st, 2, (int)j);
            db_bind_int64(st, 3, mid);
            rc = db_step_done(db, st);
        }
        for (size_t j = 0; j < nd->n_kpis && rc == 0; j++) {
            int64_t mid = measure_id_of(db, plan_id, nd->kpis[j].measure);
            int64_t kid = mid ? kpi_id_of(db, mid, nd->kpis[j].kpi) : 0;
            if (!kid) {
                edit_fail_set(fail, "nodes", "nodes[%zu].kpis[%zu]: \"%s\" is not a KPI of measure \"%s\" of this plan",
                              i, j, nd->kpis[j].kpi, nd->kpis[j].measure);
                rc = KW_EINVAL;
                break;
            }
            st = db_prepare(db, "INSERT INTO logic_node_kpi (node_id, position, kpi_id) VALUES (?1, ?2, ?3)");
            db_bind_int64(st, 1, ids[i]);
            db_bind_int64(st, 2, (int)j);
            db_bind_int64(st, 3, kid);
            rc = db_step_done(db, st);
        }
    }
    for (size_t i = 0; lm && n && i < lm->n_edges && rc == 0; i++) {
        const struct lm_node *from = lm_node_by_key(lm, lm->edges[i].from);
        const struct lm_node *to = lm_node_by_key(lm, lm->edges[i].to);
        if (!from || !to) {
            edit_fail_set(fail, "edges", "edges[%zu]: names no node", i);
            rc = KW_EINVAL;
            break;
        }
        st = db_prepare(db,
            "INSERT INTO logic_edge (plan_id, position, from_node, to_node) VALUES (?1, ?2, ?3, ?4)");
        db_bind_int64(st, 1, plan_id);
        db_bind_int64(st, 2, (int)i);
        db_bind_int64(st, 3, ids[from - lm->nodes]);
        db_bind_int64(st, 4, ids[to - lm->nodes]);
        rc = db_step_done(db, st);
    }
    free(ids);
    return rc;
}

int store_logic_set(struct db *db, int64_t plan_id, const struct logic_model *lm, const struct actor *who,
                    struct edit_fail *fail) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    struct arena a = ARENA_INIT;
    char *before = NULL, *after = snapshot(lm);
    int64_t found = 0;
    rc = edit_query_id(db, "SELECT id FROM plan WHERE id = ?1", plan_id, NULL, &found);
    struct logic_model *old = NULL;
    if (rc == 0)
        rc = store_logic_load(db, &a, plan_id, &old);
    if (rc == 0)
        before = snapshot(old);
    bool same = (!before && !after) || (before && after && strcmp(before, after) == 0);
    if (rc == 0 && !same)
        rc = replace(db, plan_id, lm, fail);
    if (rc == 0 && !same)
        rc = store_audit(db, who, "logic_model", plan_id, "update", before, after);
    free(before);
    free(after);
    arena_free(&a);
    if (rc < 0) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db);
}

int store_logic_insert(struct db *db, int64_t org_id, int position, const struct logic_model *lm) {
    if (!lm || !lm->n_nodes)
        return 0;
    int64_t plan_id = 0;
    struct db_stmt *st = db_prepare(db, "SELECT id FROM plan WHERE org_id = ?1 AND position = ?2");
    db_bind_int64(st, 1, org_id);
    db_bind_int64(st, 2, position);
    if (db_step(st) == DB_ROW)
        plan_id = db_col_int64(st, 0);
    db_reset(st);
    if (!plan_id)
        return KW_ENOTFOUND;
    return replace(db, plan_id, lm, NULL);
}
