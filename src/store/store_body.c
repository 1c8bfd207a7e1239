/* The promotion organisation in the store (core/body.h): inserting an organisation's bodies
 * with their topics, members, meetings and meeting measures (inside store_org_doc_insert's
 * transaction), and loading them back with one query per table. */
#include <string.h>
#include "core/body.h"
#include "store/store.h"
#include "store/store_internal.h"

/* ---- inserting */

static int topics_insert(struct db *db, int64_t body_id, const struct strlist *l) {
    int rc = 0;
    for (size_t i = 0; i < l->n && rc == 0; i++) {
        struct db_stmt *st = db_prepare(db, "INSERT INTO body_topic (body_id, position, text) VALUES (?1, ?2, ?3)");
        db_bind_int64(st, 1, body_id);
        db_bind_int64(st, 2, (int)i);
        db_bind_text(st, 3, l->items[i]);
        rc = db_step_done(db, st);
    }
    return rc;
}

static int members_insert(struct db *db, int64_t body_id, const struct body *b, const struct code_id *depts,
                          size_t n_depts) {
    int rc = 0;
    for (size_t i = 0; i < b->n_members && rc == 0; i++) {
        const struct body_member *m = &b->members[i];
        int64_t dept = m->department ? code_id_find(depts, n_depts, m->department) : 0;
        if (m->department && !dept)
            return KW_EINVAL;
        struct db_stmt *st = db_prepare(db,
            "INSERT INTO body_member (body_id, position, name, role, post, department_id) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        db_bind_int64(st, 1, body_id);
        db_bind_int64(st, 2, (int)i);
        db_bind_text(st, 3, m->name);
        db_bind_text(st, 4, m->role);
        db_bind_text(st, 5, m->post);
        db_bind_int_or_null(st, 6, dept, dept != 0);
        rc = db_step_done(db, st);
    }
    return rc;
}

/* The id of the measure of that key in the organisation's plan titled plan, or 0. */
static int64_t measure_find(struct db *db, int64_t org_id, const char *plan, const char *key) {
    struct db_stmt *st = db_prepare(db,
        "SELECT m.id FROM measure m JOIN plan p ON p.id = m.plan_id "
        "WHERE p.org_id = ?1 AND p.title = ?2 AND m.key = ?3 ORDER BY p.position LIMIT 1");
    db_bind_int64(st, 1, org_id);
    db_bind_text(st, 2, plan);
    db_bind_text(st, 3, key);
    int64_t id = db_step(st) == DB_ROW ? db_col_int64(st, 0) : 0;
    db_reset(st);
    return id;
}

static int meeting_insert(struct db *db, int64_t org_id, int64_t body_id, int pos, const struct meeting *mt) {
    struct db_stmt *st = db_prepare(db,
        "INSERT INTO meeting (body_id, position, date, title, agenda, minutes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    db_bind_int64(st, 1, body_id);
    db_bind_int64(st, 2, pos);
    db_bind_text(st, 3, mt->date);
    db_bind_text(st, 4, mt->title);
    db_bind_text(st, 5, mt->agenda);
    db_bind_text(st, 6, mt->minutes);
    int rc = db_step_done(db, st);
    int64_t meeting_id = db_last_id(db);
    for (size_t i = 0; i < mt->n_measures && rc == 0; i++) {
        const struct meeting_measure *mm = &mt->measures[i];
        int64_t measure_id = measure_find(db, org_id, mm->plan, mm->code);
        if (!measure_id)
            return KW_EINVAL;
        st = db_prepare(db,
            "INSERT INTO meeting_measure (meeting_id, measure_id, position, note) VALUES (?1, ?2, ?3, ?4)");
        db_bind_int64(st, 1, meeting_id);
        db_bind_int64(st, 2, measure_id);
        db_bind_int64(st, 3, (int)i);
        db_bind_text(st, 4, mm->note);
        rc = db_step_done(db, st);
    }
    return rc;
}

int bodies_insert(struct db *db, int64_t org_id, const struct body *v, size_t n, const struct code_id *depts,
                  size_t n_depts) {
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const struct body *b = &v[i];
        struct db_stmt *st = db_prepare(db,
            "INSERT INTO body (org_id, position, code, name, kind, description, abolished, headcount) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        db_bind_int64(st, 1, org_id);
        db_bind_int64(st, 2, (int)i);
        db_bind_text(st, 3, b->code);
        db_bind_text(st, 4, b->name);
        db_bind_text(st, 5, b->kind);
        db_bind_text(st, 6, b->description);
        db_bind_int64(st, 7, b->abolished);
        db_bind_int_or_null(st, 8, b->headcount, b->headcount > 0);
        if ((rc = db_step_done(db, st)) < 0)
            break;
        int64_t body_id = db_last_id(db);
        rc = topics_insert(db, body_id, &b->topics);
        if (rc == 0)
            rc = members_insert(db, body_id, b, depts, n_depts);
        for (size_t j = 0; j < b->n_meetings && rc == 0; j++)
            rc = meeting_insert(db, org_id, body_id, (int)j, &b->meetings[j]);
    }
    return rc;
}

/* ---- loading */

/* Capacities of one body's arrays while rows are appended. */
struct body_caps { size_t topics, members, meetings; };

static struct body *body_find(struct body *v, size_t n, int64_t id) {
    for (size_t i = 0; i < n; i++)
        if (v[i].id == id)
            return &v[i];
    return NULL;
}

static int topics_load(struct db *db, struct arena *a, int64_t org_id, int64_t only, struct body *v, size_t n,
                       struct body_caps *caps) {
    struct db_stmt *st = db_prepare(db,
        "SELECT t.body_id, t.text FROM body_topic t JOIN body b ON b.id = t.body_id "
        "WHERE b.org_id = ?1 AND (?2 = 0 OR b.id = ?2) ORDER BY t.body_id, t.position");
    db_bind_int64(st, 1, org_id);
    db_bind_int64(st, 2, only);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct body *b = body_find(v, n, db_col_int64(st, 0));
        if (!b)
            continue;
        struct strlist *l = &b->topics;
        GROW(a, l->items, caps[b - v].topics, l->n);
        l->items[l->n++] = db_col_text(a, st, 1);
    }
    db_reset(st);
    return step_rows_done(rc);
}

static int members_load(struct db *db, struct arena *a, int64_t org_id, int64_t only, struct body *v, size_t n,
                        struct body_caps *caps) {
    struct db_stmt *st = db_prepare(db,
        "SELECT m.body_id, m.id, m.name, m.role, m.post, d.name FROM body_member m JOIN body b ON b.id = m.body_id "
        "LEFT JOIN department d ON d.id = m.department_id "
        "WHERE b.org_id = ?1 AND (?2 = 0 OR b.id = ?2) ORDER BY m.body_id, m.position");
    db_bind_int64(st, 1, org_id);
    db_bind_int64(st, 2, only);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct body *b = body_find(v, n, db_col_int64(st, 0));
        if (!b)
            continue;
        GROW(a, b->members, caps[b - v].members, b->n_members);
        struct body_member *m = &b->members[b->n_members++];
        m->id = db_col_int64(st, 1);
        m->name = db_col_text(a, st, 2);
        m->role = db_col_text(a, st, 3);
        m->post = db_col_text(a, st, 4);
        m->department = db_col_text(a, st, 5);
    }
    db_reset(st);
    return step_rows_done(rc);
}

static int meetings_load(struct db *db, struct arena *a, int64_t org_id, int64_t only, struct body *v, size_t n,
                         struct body_caps *caps) {
    struct db_stmt *st = db_prepare(db,
        "SELECT mt.body_id, mt.id, mt.date, mt.title, mt.agenda, mt.minutes FROM meeting mt "
        "JOIN body b ON b.id = mt.body_id WHERE b.org_id = ?1 AND (?2 = 0 OR b.id = ?2) "
        "ORDER BY mt.body_id, mt.position");
    db_bind_int64(st, 1, org_id);
    db_bind_int64(st, 2, only);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct body *b = body_find(v, n, db_col_int64(st, 0));
        if (!b)
            continue;
        GROW(a, b->meetings, caps[b - v].meetings, b->n_meetings);
        struct meeting *mt = &b->meetings[b->n_meetings++];
        memset(mt, 0, sizeof *mt);
        mt->body_id = b->id;
        mt->id = db_col_int64(st, 1);
        mt->date = db_col_text(a, st, 2);
        mt->title = db_col_text(a, st, 3);
        mt->agenda = db_col_text(a, st, 4);
        mt->minutes = db_col_text(a, st, 5);
    }
    db_reset(st);
    return step_rows_done(rc);
}

static struct meeting *meeting_find(struct body *v, size_t n, int64_t body_id, int64_t id) {
    struct body *b = body_find(v, n, body_id);
    for (size_t i = 0; b && i < b->n_meetings; i++)
        if (b->meetings[i].id == id)
            return &b->meetings[i];
    return NULL;
}

static int meeting_measures_load(struct db *db, struct arena *a, int64_t org_id, int64_t only, struct body *v,
                                 size_t n) {
    struct db_stmt *st = db_prepare(db,
        "SELECT mt.body_id, mm.meeting_id, m.id, p.title, m.key, m.title, mm.note, m.plan_id FROM meeting_measure mm "
        "JOIN meeting mt ON mt.id = mm.meeting_id JOIN body b ON b.id = mt.body_id "
        "JOIN measure m ON m.id = mm.measure_id JOIN plan p ON p.id = m.plan_id "
        "WHERE b.org_id = ?1 AND (?2 = 0 OR b.id = ?2) ORDER BY mm.meeting_id, mm.position");
    db_bind_int64(st, 1, org_id);
    db_bind_int64(st, 2, only);
    int rc;
    struct meeting *cur = NULL;
    size_t cap = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t meeting_id = db_col_int64(st, 1);
        if (!cur || cur->id != meeting_id) {
            cur = meeting_find(v, n, db_col_int64(st, 0), meeting_id);
            cap = 0;
        }
        if (!cur)
            continue;
        GROW(a, cur->measures, cap, cur->n_measures);
        struct meeting_measure *mm = &cur->measures[cur->n_measures++];
        mm->measure_id = db_col_int64(st, 2);
        mm->plan = db_col_text(a, st, 3);
        mm->code = db_col_text(a, st, 4);
        mm->title = db_col_text(a, st, 5);
        mm->note = db_col_text(a, st, 6);
        mm->plan_id = db_col_int64(st, 7);
    }
    db_reset(st);
    return step_rows_done(rc);
}

int store_bodies_load(struct db *db, struct arena *a, int64_t org_id, int64_t only_id, struct body **ret,
                      size_t *ret_n) {
    struct db_stmt *st = db_prepare(db,
        "SELECT id, code, name, kind, description, abolished, headcount FROM body WHERE org_id = ?1 AND (?2 = 0 OR id = ?2) "
        "ORDER BY position");
    db_bind_int64(st, 1, org_id);
    db_bind_int64(st, 2, only_id);
    struct body *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, v, cap, n);
        struct body *b = &v[n++];
        memset(b, 0, sizeof *b);
        b->id = db_col_int64(st, 0);
        b->code = db_col_text(a, st, 1);
        b->name = db_col_text(a, st, 2);
        b->kind = db_col_text(a, st, 3);
        b->description = db_col_text(a, st, 4);
        b->abolished = db_col_int(st, 5) != 0;
        b->headcount = db_col_int(st, 6);
    }
    db_reset(st);
    if ((rc = step_rows_done(rc)) < 0)
        return rc;
    if (n) {
        struct body_caps *caps = arena_alloc(a, n * sizeof *caps);
        if ((rc = topics_load(db, a, org_id, only_id, v, n, caps)) < 0 ||
            (rc = members_load(db, a, org_id, only_id, v, n, caps)) < 0 ||
            (rc = meetings_load(db, a, org_id, only_id, v, n, caps)) < 0 ||
            (rc = meeting_measures_load(db, a, org_id, only_id, v, n)) < 0)
            return rc;
    }
    *ret = v;
    *ret_n = n;
    return 0;
}

int store_body_load(struct db *db, struct arena *a, int64_t id, struct body *ret, struct org *ret_org) {
    struct db_stmt *st = db_prepare(db, "SELECT org_id FROM body WHERE id = ?1");
    db_bind_int64(st, 1, id);
    int rc = db_step(st);
    int64_t org_id = rc == DB_ROW ? db_col_int64(st, 0) : 0;
    db_reset(st);
    if (rc != DB_ROW)
        return rc == DB_DONE ? KW_ENOTFOUND : KW_EDB;
    struct org o;
    struct body *v;
    size_t n;
    if ((rc = store_org_by_id(db, a, org_id, &o)) < 0 || (rc = store_bodies_load(db, a, org_id, id, &v, &n)) < 0)
        return rc;
    if (n != 1)
        return KW_ENOTFOUND;
    *ret = v[0];
    *ret_org = o;
    return 0;
}
