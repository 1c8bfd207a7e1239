/* Helpers shared by the store's own files (not for other modules). */
#ifndef KAWARU_STORE_STORE_INTERNAL_H
#define KAWARU_STORE_STORE_INTERNAL_H
#include "core/errors.h"
#include "store/store.h"

/* Appends one element to an arena array, doubling its capacity as needed. */
#define GROW(a, arr, cap, n) ((arr) = arena_grow((a), (arr), sizeof *(arr), &(cap), (n) + 1))

/* 0 after the last row; a step's error as it is; KW_EDB for a row more than expected. */
static inline int step_rows_done(int rc) { return rc == DB_DONE ? 0 : rc < 0 ? rc : KW_EDB; }

/* The organisation of the current row: its id, code, name, prefecture and population from
 * column col on. */
void org_from_row(struct arena *a, struct db_stmt *st, int col, struct org *o);

/* Steps st (bound, first column an id) to its end: the ids, allocated in a. */
int rows_ids(struct arena *a, struct db_stmt *st, int64_t **ret, size_t *ret_n);

/* All measures of plan p (whose pillars and themes are loaded) in plan order (pillar, theme,
 * position), without their parts; at LOAD_SUMMARY without their long texts (現状, 理想). */
int measures_query(struct db *db, struct arena *a, const struct plan *p, enum load_depth depth,
                   struct measure **v, size_t *n, size_t *cap);
/* Loads the parts of the given measures of plan_id (or of the one measure only_id when it is
 * not 0) with one query per table: departments and KPIs, and at LOAD_FULL also measurements,
 * means and tags, links, schedule and progress, and reviews. */
int measure_parts_load(struct db *db, struct arena *a, int64_t plan_id, int64_t only_id,
                       enum load_depth depth, struct measure **set, size_t n);
/* Gives every KPI of p (loaded at LOAD_SUMMARY) its measurements of periods up to until
 * ("YYYY-MM-DD") in place of its aggregates, which sum every measurement; nothing is read when
 * no KPI has a measurement after until, as the aggregates are then those of until. */
int plan_measurements_until(struct db *db, struct arena *a, struct plan *p, const char *until);
/* A plan's vision, principles, goals, revisions and rating scale (store_plan_lists.c): read
 * into p (whose id is set), or inserted for plan_id. */
int plan_lists_load(struct db *db, struct arena *a, struct plan *p);
int plan_lists_insert(struct db *db, int64_t plan_id, const struct plan *p);
/* The examples of p's pillars and the means of its themes (loaded before). */
int outline_lists_load(struct db *db, struct arena *a, struct plan *p);
/* Replace a plan's vision ("vision") or principles ("principle"), or its goals. */
int plan_texts_set(struct db *db, int64_t plan_id, const char *kind, const struct titled_text *t, size_t n);
int plan_goals_set(struct db *db, int64_t plan_id, const struct goal *goals, size_t n);
/* Replace a pillar's examples or a theme's means. */
int pillar_examples_set(struct db *db, int64_t pillar_id, const struct strlist *l);
int theme_means_set(struct db *db, int64_t theme_id, const struct means_entry *m, size_t n);
/* One KPI's measurements, in period order. */
int kpi_measurements_load(struct db *db, struct arena *a, struct kpi *k);

/* ---- writing (store_write.c), shared with the editing functions */

/* A code or name and the id it was stored under. */
struct code_id { const char *code; int64_t id; };
/* The id stored for code, or 0. */
int64_t code_id_find(const struct code_id *v, size_t n, const char *code);
/* Rebuilds a measure's row in the search index from its stored text. */
int search_reindex(struct db *db, int64_t measure_id);
/* search_reindex of every measure of a plan at once (a document's import). */
int search_reindex_plan(struct db *db, int64_t plan_id);
/* Gives every measure of the plan the key core/model.h's rule gives it (after a measure, theme or
 * pillar got another code or place, or a measure was added or removed). KW_ECONFLICT, with fail
 * naming "code", when two measures would have the same path. */
int plan_keys_refresh(struct db *db, int64_t plan_id, struct edit_fail *fail);
/* Inserts a measure with every part m holds; departments are looked up by name in depts. Its key
 * is m->key, or (when NULL) a provisional one that plan_keys_refresh replaces. later: as
 * kpi_insert's. */
int measure_insert(struct db *db, int64_t plan_id, int64_t theme_id, int pos, const struct measure *m,
                   const struct code_id *depts, size_t n_depts, int64_t *ret_id, struct db_copy *later);
/* Inserts a measure's schedule ("schedule") or progress ("progress") items, cell by cell. */
int items_insert(struct db *db, int64_t measure_id, const char *kind, const struct period_items *v, size_t n);
/* Replaces a measure's confirmed categories by the codes given (store_category.c): a rejected one
 * among them becomes confirmed; KW_EINVAL (fail naming "categories") for an unknown code. */
int categories_write(struct db *db, int64_t measure_id, const struct strlist *codes, struct edit_fail *fail);
/* categories_write for a measure that has none yet (a new one): the codes confirmed, nothing forgotten. */
int categories_confirm(struct db *db, int64_t measure_id, const struct strlist *codes, struct edit_fail *fail);
/* Inserts a measure's means ("means") or tags ("tag") at positions 0..n-1. */
int labels_insert(struct db *db, int64_t measure_id, const char *kind, const struct strlist *l);
/* Inserts a KPI with its measurements, within the caller's transaction; ret_id may be NULL. With later (PostgreSQL, a whole plan's
 * import), the measurements are added to later's rows of kpi_measurement instead, for the caller
 * to send (db_copy_send) with the KPIs' stats trigger switched off, as they were summed here. */
int kpi_insert(struct db *db, int64_t measure_id, int pos, const struct kpi *k, int64_t *ret_id,
               struct db_copy *later);
/* kpi_insert of the n KPIs v at positions first_pos, first_pos + 1 …, several to an INSERT; their
 * ids into ret_ids (n of them; may be NULL). */
int kpis_insert(struct db *db, int64_t measure_id, int first_pos, const struct kpi *v, size_t n, int64_t *ret_ids,
                struct db_copy *later);
/* Inserts an organisation's bodies with their parts (store_body.c), after its departments (depts:
 * name -> id) and plans; measures are found by plan title and code. */
int bodies_insert(struct db *db, int64_t org_id, const struct body *v, size_t n, const struct code_id *depts,
                  size_t n_depts);

/* ---- editing (store_edit.c), shared by store_edit*.c */

/* What the editing functions need to know about one kind of entity: its name in the audit log,
 * the JSON of its fields (json_object over ?1 = id), and how to read and renumber the positions
 * of its siblings under one parent (?1 = parent id). */
struct edit_kind {
    const char *entity;
    const char *snapshot;
    const char *siblings;          /* SELECT id, position ... WHERE parent = ?1 ORDER BY position, id */
    const char *set_position;      /* UPDATE ... SET position = ?2 WHERE id = ?1 */
    const char *next_position;     /* SELECT max(position) + 1 (0 when none) ... WHERE parent = ?1 */
    const char *parent;            /* SELECT parent FROM ... WHERE id = ?1 (NULL: no siblings) */
    const char *remove;            /* DELETE FROM ... WHERE id = ?1 */
    /* SELECT the ids of other rows of this kind that the delete changes through ON DELETE
     * (measures linking to a deleted measure, departments under a deleted department), ?1 =
     * the id; NULL when none. edit_remove audits each of them as an "update". */
    const char *dependents;
};
extern const struct edit_kind edit_org, edit_department, edit_plan, edit_pillar, edit_theme, edit_measure, edit_kpi,
    edit_measurement;

void edit_fail_set(struct edit_fail *fail, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Checks s (NULL: not given, which passes unless required) under a field rule of core/field.h,
 * as forms, the API and documents do: false with fail naming field and the problem. */
struct field_rule;
bool edit_field_ok(const char *s, const struct field_rule *rule, bool required, const char *field,
                   struct edit_fail *fail);
/* The entity's fields as JSON (malloc'd, caller frees), or NULL when there is no such row. */
char *edit_snapshot(struct db *db, const struct edit_kind *k, int64_t id);
/* Appends the audit row of a write: before (NULL for a create) and the row as it is now (NULL
 * after a delete). */
int edit_audit(struct db *db, const struct actor *who, const struct edit_kind *k, int64_t id, const char *action,
               const char *before);
/* Begins a write on the existing row id: the transaction and the row's snapshot for the audit
 * log. Returns 0 with *ret_before (caller frees), or an error (KW_ENOTFOUND) with the
 * transaction already ended. */
int edit_begin(struct db *db, const struct edit_kind *k, int64_t id, char **ret_before);
/* Ends the transaction of a write: commit when rc is 0, else roll back; returns rc or the commit's error. */
int edit_finish(struct db *db, int rc);
/* An unused position under parent, for a row that edit_place will then put in its place. */
int edit_next_position(struct db *db, const struct edit_kind *k, int64_t parent, int *ret_pos);
/* Deletes row id (its children go by ON DELETE CASCADE) and renumbers its former siblings;
 * *ret_parent (when not NULL) gets the parent it had. Rows of the same kind that the delete
 * changes (k->dependents) get "update" audit rows of their own; the caller checks and audits
 * the delete itself. */
int edit_remove(struct db *db, const struct edit_kind *k, int64_t id, const struct actor *who, int64_t *ret_parent);
/* The whole delete of row id of kind k, in one transaction: guard (NULL: none) may refuse it,
 * returning an error with fail set; then edit_remove and the "delete" audit row. */
int edit_delete(struct db *db, const struct edit_kind *k, int64_t id, const struct actor *who,
                int (*guard)(struct db *db, int64_t id, struct edit_fail *fail), struct edit_fail *fail);
/* Puts row id at index pos (STORE_LAST: last) among the children of parent and renumbers them
 * 0..n-1; with id 0 it only renumbers (after a delete or a move away). KW_EINVAL with fail
 * naming "position" when pos is out of range. */
int edit_place(struct db *db, const struct edit_kind *k, int64_t parent, int64_t id, int pos, struct edit_fail *fail);
/* The first column of sql's first row, with ?1 bound to a and ?2 to text (when not NULL):
 * 0, KW_ENOTFOUND (no row) or KW_EDB. */
int edit_query_id(struct db *db, const char *sql, int64_t a, const char *text, int64_t *ret);
/* KW_ECONFLICT, with fail naming the history, when entity id has history a delete would take
 * with it (store_history): it is to be abolished instead. */
int edit_history_guard(struct db *db, enum entity_kind kind, int64_t id, struct edit_fail *fail);
/* "" and NULL are both "not set" on create. */
static inline const char *edit_text(const char *s) { return s && *s ? s : NULL; }

#define KPI_STATS_COLUMNS "k.m_count, k.m_sum_x, k.m_sum_y, k.m_sum_xx, k.m_sum_xy, k.m_latest_value, " \
                          "k.m_latest_period, k.m_first_period, k.code, k.abolished"
#define KPI_COLUMNS "k.id, k.measure_id, k.name, k.unit, k.direction, k.perspective, k.baseline_value, " \
                    "k.baseline_fy, k.target_state, k.target_value, k.target_fy, " KPI_STATS_COLUMNS ", " \
                    "k.definition, k.source"
/* The same without the definition and source, for summaries. */
#define KPI_SUMMARY_COLUMNS "k.id, k.measure_id, k.name, k.unit, k.direction, k.perspective, k.baseline_value, " \
                            "k.baseline_fy, k.target_state, k.target_value, k.target_fy, " KPI_STATS_COLUMNS
void kpi_from_row(struct arena *a, struct db_stmt *st, int col, struct kpi *k);

/* A review row (table alias r), read by review_from_row from column col on. */
#define REVIEW_COLUMNS "r.id, r.fy, r.quarter, r.rating, r.text, r.issues, r.next_steps, r.state, r.office_comment, " \
                       "r.decision, r.decision_note, r.submitted_by, r.submitted_at, r.confirmed_by, r.confirmed_at, " \
                       "r.decided_by, r.decided_at, r.updated_at"
void review_from_row(struct arena *a, struct db_stmt *st, int col, struct review *rv);

#endif
