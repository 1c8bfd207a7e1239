/* Editing the promotion organisation (issue 12, point 2): bodies with their topics and members,
 * and the bodies' meetings with the measures they took up. Like store_edit*.c: each function is
 * one transaction with an audit row holding the row before and after; the rules are in store.h
 * under "the promotion organisation". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/body.h"
#include "store/store_internal.h"

/* json() keeps a subquery's array an array inside json_object (as in store_edit.c). */
static const struct edit_kind edit_body = {
    "body",
    "SELECT json_object('code', b.code, 'name', b.name, 'kind', b.kind, 'description', b.description, "
    " 'abolished', b.abolished, 'headcount', b.headcount, "
    " 'topics', json((SELECT json_group_array(text) FROM (SELECT text FROM body_topic WHERE body_id = b.id "
    "   ORDER BY position) s)), "
    " 'members', json((SELECT json_group_array(json_object('name', m.name, 'role', m.role, 'post', m.post, "
    "   'department', d.name)) FROM (SELECT * FROM body_member WHERE body_id = b.id ORDER BY position) m "
    "   LEFT JOIN department d ON d.id = m.department_id)), "
    " 'org_id', b.org_id, 'position', b.position) FROM body b WHERE b.id = ?1",
    "SELECT id, position FROM body WHERE org_id = ?1 ORDER BY position, id",
    "UPDATE body SET position = ?2 WHERE id = ?1",
    "SELECT coalesce(max(position) + 1, 0) FROM body WHERE org_id = ?1",
    "SELECT org_id FROM body WHERE id = ?1",
    "DELETE FROM body WHERE id = ?1",
    NULL,
};

static const struct edit_kind edit_meeting = {
    "meeting",
    "SELECT json_object('body_id', mt.body_id, 'date', mt.date, 'title', mt.title, 'agenda', mt.agenda, "
    " 'minutes', mt.minutes, "
    " 'measures', json((SELECT json_group_array(json_object('measure_id', mm.measure_id, 'key', m.key, "
    "   'note', mm.note)) FROM (SELECT * FROM meeting_measure WHERE meeting_id = mt.id ORDER BY position) mm "
    "   JOIN measure m ON m.id = mm.measure_id)), "
    " 'position', mt.position) FROM meeting mt WHERE mt.id = ?1",
    "SELECT id, position FROM meeting WHERE body_id = ?1 ORDER BY position, id",
    "UPDATE meeting SET position = ?2 WHERE id = ?1",
    "SELECT coalesce(max(position) + 1, 0) FROM meeting WHERE body_id = ?1",
    "SELECT body_id FROM meeting WHERE id = ?1",
    "DELETE FROM meeting WHERE id = ?1",
    NULL,
};

/* ---- parts: replaced as whole lists */

static int topics_write(struct db *db, int64_t body_id, const struct strlist *l) {
    struct db_stmt *st = db_prepare(db, "DELETE FROM body_topic WHERE body_id = ?1");
    db_bind_int64(st, 1, body_id);
    int rc = db_step_done(db, st);
    for (size_t i = 0; i < l->n && rc == 0; i++) {
        st = db_prepare(db, "INSERT INTO body_topic (body_id, position, text) VALUES (?1, ?2, ?3)");
        db_bind_int64(st, 1, body_id);
        db_bind_int64(st, 2, (int)i);
        db_bind_text(st, 3, l->items[i]);
        rc = db_step_done(db, st);
    }
    return rc;
}

/* Members with their department named by name (one of the organisation's). */
static int members_write(struct db *db, int64_t org_id, int64_t body_id, const struct body_member *v, size_t n,
                         struct edit_fail *fail) {
    struct db_stmt *st = db_prepare(db, "DELETE FROM body_member WHERE body_id = ?1");
    db_bind_int64(st, 1, body_id);
    int rc = db_step_done(db, st);
    for (size_t i = 0; i < n && rc == 0; i++) {
        int64_t dept = 0;
        if (v[i].department &&
            edit_query_id(db, "SELECT id FROM department WHERE org_id = ?1 AND name = ?2", org_id, v[i].department,
                          &dept) < 0) {
            char field[48];
            snprintf(field, sizeof field, "members[%zu].department", i);
            edit_fail_set(fail, field, "\"%.100s\" is not a department of this organisation", v[i].department);
            return KW_EINVAL;
        }
        st = db_prepare(db, "INSERT INTO body_member (body_id, position, name, role, post, department_id) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        db_bind_int64(st, 1, body_id);
        db_bind_int64(st, 2, (int)i);
        db_bind_text(st, 3, v[i].name);
        db_bind_text(st, 4, v[i].role);
        db_bind_text(st, 5, edit_text(v[i].post));
        db_bind_int_or_null(st, 6, dept, dept != 0);
        rc = db_step_done(db, st);
    }
    return rc;
}

/* A meeting's measures, each a measure of the body's organisation (by id), at most once. */
static int meeting_measures_write(struct db *db, int64_t org_id, int64_t meeting_id, const struct meeting_measure *v,
                                  size_t n, struct edit_fail *fail) {
    struct db_stmt *st = db_prepare(db, "DELETE FROM meeting_measure WHERE meeting_id = ?1");
    db_bind_int64(st, 1, meeting_id);
    int rc = db_step_done(db, st);
    for (size_t i = 0; i < n && rc == 0; i++) {
        char field[48];
        snprintf(field, sizeof field, "measures[%zu]", i);
        struct location loc;
        if (store_locate(db, ENTITY_MEASURE, v[i].measure_id, &loc) < 0 || loc.org_id != org_id) {
            edit_fail_set(fail, field, "%lld is not a measure of this organisation", (long long)v[i].measure_id);
            return KW_EINVAL;
        }
        for (size_t j = 0; j < i; j++)
            if (v[j].measure_id == v[i].measure_id) {
                edit_fail_set(fail, field, "measure %lld is listed twice", (long long)v[i].measure_id);
                return KW_EINVAL;
            }
        st = db_prepare(db, "INSERT INTO meeting_measure (meeting_id, measure_id, position, note) VALUES (?1, ?2, ?3, ?4)");
        db_bind_int64(st, 1, meeting_id);
        db_bind_int64(st, 2, v[i].measure_id);
        db_bind_int64(st, 3, (int)i);
        db_bind_text(st, 4, edit_text(v[i].note));
        rc = db_step_done(db, st);
    }
    return rc;
}

/* KW_ECONFLICT naming "code" when another body of the organisation has the code. */
static int body_code_free(struct db *db, int64_t org_id, int64_t self, const char *code, struct edit_fail *fail) {
    int64_t other;
    if (edit_query_id(db, "SELECT id FROM body WHERE org_id = ?1 AND code = ?2", org_id, code, &other) == 0 &&
        other != self) {
        edit_fail_set(fail, "code", "\"%.100s\" is the code of another body of this organisation", code);
        return KW_ECONFLICT;
    }
    return 0;
}

/* ---- bodies */

int store_body_create(struct db *db, int64_t org_id, const struct body *b, int position, const struct actor *who,
                      int64_t *ret_id, struct edit_fail *fail) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    int64_t id = 0, found;
    int pos = 0;
    rc = edit_query_id(db, "SELECT id FROM org WHERE id = ?1", org_id, NULL, &found);
    if (rc == 0)
        rc = body_code_free(db, org_id, 0, b->code, fail);
    if (rc == 0)
        rc = edit_next_position(db, &edit_body, org_id, &pos);
    if (rc == 0) {
        struct db_stmt *st = db_prepare(db, "INSERT INTO body (org_id, position, code, name, kind, description, abolished, "
                                          "headcount) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        db_bind_int64(st, 1, org_id);
        db_bind_int64(st, 2, pos);
        db_bind_text(st, 3, b->code);
        db_bind_text(st, 4, b->name);
        db_bind_text(st, 5, b->kind);
        db_bind_text(st, 6, edit_text(b->description));
        db_bind_int64(st, 7, b->abolished);
        db_bind_int_or_null(st, 8, b->headcount, b->headcount > 0);
        rc = db_step_done(db, st);
        id = db_last_id(db);
    }
    if (rc == 0)
        rc = topics_write(db, id, &b->topics);
    if (rc == 0)
        rc = members_write(db, org_id, id, b->members, b->n_members, fail);
    if (rc == 0)
        rc = edit_place(db, &edit_body, org_id, id, position, fail);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_body, id, "create", NULL);
    if ((rc = edit_finish(db, rc)) == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int store_body_update(struct db *db, int64_t id, const struct body_patch *p, const struct actor *who,
                      struct edit_fail *fail) {
    char *before;
    int rc = edit_begin(db, &edit_body, id, &before);
    if (rc < 0)
        return rc;
    int64_t org_id = 0;
    rc = edit_query_id(db, edit_body.parent, id, NULL, &org_id);
    if (rc == 0 && p->code)
        rc = body_code_free(db, org_id, id, p->code, fail);
    if (rc == 0) {
        struct db_stmt *st = db_prepare(db,
            "UPDATE body SET code = coalesce(?2, code), name = coalesce(?3, name), kind = coalesce(?4, kind), "
            " description = CASE WHEN ?5 IS NULL THEN description ELSE nullif(?5, '') END, "
            " abolished = CASE WHEN ?6 THEN ?7 ELSE abolished END, "
            " headcount = CASE WHEN ?8 THEN nullif(?9, 0) ELSE headcount END WHERE id = ?1");
        db_bind_int64(st, 1, id);
        db_bind_text(st, 2, p->code);
        db_bind_text(st, 3, p->name);
        db_bind_text(st, 4, p->kind);
        db_bind_text(st, 5, p->description);
        db_bind_int64(st, 6, p->set_abolished);
        db_bind_int64(st, 7, p->abolished);
        db_bind_int64(st, 8, p->set_headcount);
        db_bind_int64(st, 9, p->headcount);
        rc = db_step_done(db, st);
    }
    if (rc == 0 && p->topics)
        rc = topics_write(db, id, p->topics);
    if (rc == 0 && p->set_members)
        rc = members_write(db, org_id, id, p->members, p->n_members, fail);
    if (rc == 0 && p->set_position)
        rc = edit_place(db, &edit_body, org_id, id, p->position, fail);
    bool only_moved = !p->code && !p->name && !p->kind && !p->description && !p->set_abolished && !p->set_headcount &&
                      !p->topics &&
                      !p->set_members && p->set_position;
    if (rc == 0)
        rc = edit_audit(db, who, &edit_body, id, only_moved ? "move" : "update", before);
    free(before);
    return edit_finish(db, rc);
}

int store_body_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail) {
    char *before;
    int rc = edit_begin(db, &edit_body, id, &before);
    if (rc < 0)
        return rc;
    rc = edit_history_guard(db, ENTITY_BODY, id, fail);
    if (rc == 0)                         /* its topics and members go with it */
        rc = edit_remove(db, &edit_body, id, who, NULL);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_body, id, "delete", before);
    free(before);
    return edit_finish(db, rc);
}

/* ---- meetings */

/* The organisation of a body; KW_ENOTFOUND when there is no such body. */
static int body_org(struct db *db, int64_t body_id, int64_t *ret) {
    return edit_query_id(db, edit_body.parent, body_id, NULL, ret);
}

int store_meeting_create(struct db *db, int64_t body_id, const struct meeting *mt, const struct actor *who,
                         int64_t *ret_id, struct edit_fail *fail) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    int64_t org_id = 0, id = 0;
    int pos = 0;
    rc = body_org(db, body_id, &org_id);
    if (rc == 0)
        rc = edit_next_position(db, &edit_meeting, body_id, &pos);
    if (rc == 0) {
        struct db_stmt *st = db_prepare(db, "INSERT INTO meeting (body_id, position, date, title, agenda, minutes) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        db_bind_int64(st, 1, body_id);
        db_bind_int64(st, 2, pos);
        db_bind_text(st, 3, mt->date);
        db_bind_text(st, 4, mt->title);
        db_bind_text(st, 5, edit_text(mt->agenda));
        db_bind_text(st, 6, edit_text(mt->minutes));
        rc = db_step_done(db, st);
        id = db_last_id(db);
    }
    if (rc == 0)
        rc = meeting_measures_write(db, org_id, id, mt->measures, mt->n_measures, fail);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_meeting, id, "create", NULL);
    if ((rc = edit_finish(db, rc)) == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int store_meeting_update(struct db *db, int64_t id, const struct meeting_patch *p, const struct actor *who,
                         struct edit_fail *fail) {
    char *before;
    int rc = edit_begin(db, &edit_meeting, id, &before);
    if (rc < 0)
        return rc;
    int64_t body_id = 0, org_id = 0;
    rc = edit_query_id(db, edit_meeting.parent, id, NULL, &body_id);
    if (rc == 0)
        rc = body_org(db, body_id, &org_id);
    if (rc == 0) {
        struct db_stmt *st = db_prepare(db,
            "UPDATE meeting SET date = coalesce(?2, date), title = coalesce(?3, title), "
            " agenda = CASE WHEN ?4 IS NULL THEN agenda ELSE nullif(?4, '') END, "
            " minutes = CASE WHEN ?5 IS NULL THEN minutes ELSE nullif(?5, '') END WHERE id = ?1");
        db_bind_int64(st, 1, id);
        db_bind_text(st, 2, p->date);
        db_bind_text(st, 3, p->title);
        db_bind_text(st, 4, p->agenda);
        db_bind_text(st, 5, p->minutes);
        rc = db_step_done(db, st);
    }
    if (rc == 0 && p->set_measures)
        rc = meeting_measures_write(db, org_id, id, p->measures, p->n_measures, fail);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_meeting, id, "update", before);
    free(before);
    return edit_finish(db, rc);
}

int store_meeting_delete(struct db *db, int64_t id, const struct actor *who) {
    char *before;
    int rc = edit_begin(db, &edit_meeting, id, &before);
    if (rc < 0)
        return rc;
    rc = edit_remove(db, &edit_meeting, id, who, NULL);       /* its measures' rows go with it */
    if (rc == 0)
        rc = edit_audit(db, who, &edit_meeting, id, "delete", before);
    free(before);
    return edit_finish(db, rc);
}
