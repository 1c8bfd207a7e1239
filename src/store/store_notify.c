/* Notifications to departments (the inbox), departments' contact e-mails, and the records of
 * the reminder sweep (see store.h, "notifications and reminders"). Every write is one
 * transaction with audit rows; store_notify_period_opened and store_notify_sent_back run inside
 * the transaction of the review step that calls them (store_review.c). The texts come from
 * core/notice.c; sending e-mail is notify/remind.c's job, after the records are committed. */
#include <stdlib.h>
#include <string.h>
#include "core/notice.h"
#include "core/review.h"
#include "store/store_internal.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

static const struct edit_kind edit_notification = {
    "notification",
    "SELECT json_object('org_id', org_id, 'department_id', department_id, 'kind', kind, 'subject', subject, "
    " 'body', body, 'link', link, 'created_at', created_at, 'read_at', read_at) FROM notification WHERE id = ?1",
    NULL, NULL, NULL, NULL, NULL,
    NULL,
};

static const struct edit_kind edit_reminder = {
    "reminder",
    "SELECT json_object('period_id', period_id, 'department_id', department_id, 'kind', kind, "
    " 'notification_id', notification_id, 'mail_to', mail_to, 'mail_status', mail_status, "
    " 'mail_attempts', mail_attempts, 'mail_error', mail_error, 'mailed_at', mailed_at) FROM reminder WHERE id = ?1",
    NULL, NULL, NULL, NULL, NULL,
    NULL,
};

/* The department's fields with its contact e-mail (the audit row of an e-mail change). */
static const struct edit_kind edit_department_contact = {
    "department",
    "SELECT json_object('code', code, 'name', name, 'email', email) FROM department WHERE id = ?1",
    NULL, NULL, NULL, NULL, NULL,
    NULL,
};

/* ---- departments' contact e-mails */

int store_department_contact(struct db *db, struct arena *a, int64_t id, struct department_contact *ret) {
    struct db_stmt *st = db_prepare(db, "SELECT id, org_id, code, name, email FROM department WHERE id = ?1");
    db_bind_int64(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        ret->id = db_col_int64(st, 0);
        ret->org_id = db_col_int64(st, 1);
        ret->code = db_col_text(a, st, 2);
        ret->name = db_col_text(a, st, 3);
        ret->email = db_col_text(a, st, 4);
    }
    db_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? KW_ENOTFOUND : KW_EDB;
}

/* Inside a transaction: sets (or with "" clears) the department's e-mail, with its audit row. */
static int email_set(struct db *db, int64_t id, const char *email, const struct actor *who, struct edit_fail *fail) {
    if (*email && !notice_email_valid(email)) {
        edit_fail_set(fail, "email", "must be an e-mail address of at most %d bytes, like name@example.jp",
                      NOTICE_MAX_EMAIL);
        return KW_EINVAL;
    }
    char *before = edit_snapshot(db, &edit_department_contact, id);
    if (!before)
        return KW_ENOTFOUND;
    struct db_stmt *st = db_prepare(db, "UPDATE department SET email = nullif(?2, '') WHERE id = ?1");
    db_bind_int64(st, 1, id);
    db_bind_text(st, 2, email);
    int rc = db_step_done(db, st);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_department_contact, id, "update", before);
    free(before);
    return rc;
}

int store_department_patch(struct db *db, int64_t id, const struct department_patch *p, const char *email,
                           const struct actor *who, struct edit_fail *fail) {
    bool fields = p->code || p->name || p->parent || p->set_abolished || p->set_position;
    if (!email)
        return store_department_update(db, id, p, who, fail);
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    /* joins this transaction; on failure it has rolled everything back already */
    if (fields && (rc = store_department_update(db, id, p, who, fail)) < 0)
        return rc;
    rc = email_set(db, id, email, who, fail);
    return edit_finish(db, rc);
}

/* ---- notifications */

#define NOTIFICATION_COLUMNS "id, org_id, department_id, kind, subject, body, link, created_at, read_at"

static void notification_from_row(struct arena *a, struct db_stmt *st, struct notification *n) {
    n->id = db_col_int64(st, 0);
    n->org_id = db_col_int64(st, 1);
    n->dept_id = db_col_int64(st, 2);
    n->kind = db_col_text(a, st, 3);
    n->subject = db_col_text(a, st, 4);
    n->body = db_col_text(a, st, 5);
    n->link = db_col_text(a, st, 6);
    n->created_at = db_col_text(a, st, 7);
    n->read_at = db_col_text(a, st, 8);
}

/* Inside a transaction: inserts the notification with its audit row. */
static int notification_insert(struct db *db, int64_t dept_id, const char *kind, const char *subject, const char *body,
                               const char *link, const struct actor *who, int64_t *ret_id) {
    int64_t org_id;
    int rc = edit_query_id(db, "SELECT org_id FROM department WHERE id = ?1", dept_id, NULL, &org_id);
    if (rc < 0)
        return rc;
    struct db_stmt *st = db_prepare(db,
        "INSERT INTO notification (org_id, department_id, kind, subject, body, link) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    db_bind_int64(st, 1, org_id);
    db_bind_int64(st, 2, dept_id);
    db_bind_text(st, 3, kind);
    db_bind_text(st, 4, subject);
    db_bind_text(st, 5, body);
    db_bind_text(st, 6, link);
    if ((rc = db_step_done(db, st)) < 0)
        return rc;
    int64_t id = db_last_id(db);
    if ((rc = edit_audit(db, who, &edit_notification, id, "create", NULL)) == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int store_notification_add(struct db *db, int64_t dept_id, const char *kind, const char *subject, const char *body,
                           const char *link, const struct actor *who, int64_t *ret_id) {
    enum notice_kind k;
    if (notice_kind_parse(kind, &k) < 0 || !subject || !body)
        return KW_EINVAL;
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    int64_t id = 0;
    rc = notification_insert(db, dept_id, kind, subject, body, link, who, &id);
    if ((rc = edit_finish(db, rc)) == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int store_inbox(struct db *db, struct arena *a, int64_t dept_id, int limit, int64_t offset, struct inbox *ret) {
    int64_t found;
    int rc = edit_query_id(db, "SELECT id FROM department WHERE id = ?1", dept_id, NULL, &found);
    if (rc < 0)
        return rc;
    struct inbox box = {0};
    struct db_stmt *st = db_prepare(db, "SELECT count(*), count(*) FILTER (WHERE read_at IS NULL) FROM notification "
                                      "WHERE department_id = ?1");
    db_bind_int64(st, 1, dept_id);
    if (db_step(st) == DB_ROW) {
        box.total = db_col_int64(st, 0);
        box.unread = db_col_int64(st, 1);
    }
    db_reset(st);
    st = db_prepare(db, "SELECT " NOTIFICATION_COLUMNS " FROM notification WHERE department_id = ?1 "
                        "ORDER BY id DESC LIMIT ?2 OFFSET ?3");
    db_bind_int64(st, 1, dept_id);
    db_bind_int64(st, 2, limit <= 0 ? INBOX_LIMIT_DEFAULT : limit > INBOX_LIMIT_MAX ? INBOX_LIMIT_MAX : limit);
    db_bind_int64(st, 3, offset > 0 ? offset : 0);
    size_t cap = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, box.items, cap, box.n);
        notification_from_row(a, st, &box.items[box.n++]);
    }
    db_reset(st);
    if (rc != DB_DONE)
        return KW_EDB;
    *ret = box;
    return 0;
}

int store_notification_load(struct db *db, struct arena *a, int64_t id, struct notification *ret) {
    struct db_stmt *st = db_prepare(db, "SELECT " NOTIFICATION_COLUMNS " FROM notification WHERE id = ?1");
    db_bind_int64(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW)
        notification_from_row(a, st, ret);
    db_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? KW_ENOTFOUND : KW_EDB;
}

int store_notification_read(struct db *db, int64_t id, const struct actor *who) {
    char *before;
    int rc = edit_begin(db, &edit_notification, id, &before);
    if (rc < 0)
        return rc;
    struct db_stmt *st = db_prepare(db, "UPDATE notification SET read_at = " NOW " WHERE id = ?1 AND read_at IS NULL");
    db_bind_int64(st, 1, id);
    rc = db_step_done(db, st);
    if (rc == 0 && db_changes(db) > 0)      /* read before: nothing to record */
        rc = edit_audit(db, who, &edit_notification, id, "read", before);
    free(before);
    return edit_finish(db, rc);
}

/* ---- what departments owe in a period */

/* The measures dept_id is in charge of (as the lead or a shared department) that still owe a
 * report (all of them when all_measures), in plan order, as notice items in the arena. */
static size_t owed_items(struct arena *a, const struct period_line *lines, size_t n, int64_t dept_id, bool all_measures,
                         struct notice_item **ret) {
    struct notice_item *v = NULL;
    size_t k = 0, cap = 0;
    for (size_t i = 0; i < n; i++) {
        enum review_state s = (enum review_state)lines[i].review.state;
        if (!period_line_in_charge(&lines[i], dept_id) || !(all_measures || notice_owed(s)))
            continue;
        GROW(a, v, cap, k);
        v[k++] = (struct notice_item){lines[i].code, lines[i].title, s};
    }
    *ret = v;
    return k;
}

static char *work_link(struct arena *a, int64_t period_id, int64_t dept_id) {
    return arena_printf(a, "/periods/%lld/work?dept=%lld", (long long)period_id, (long long)dept_id);
}

int store_notify_period_opened(struct db *db, int64_t period_id, const struct actor *who) {
    struct arena a = ARENA_INIT;
    struct review_period p;
    struct period_line *lines = NULL;
    size_t n = 0;
    int rc = store_period_load(db, &a, period_id, &p);
    if (rc == 0)
        rc = store_period_lines(db, &a, &p, &lines, &n);
    size_t nd = 0;
    int64_t *depts = rc == 0 ? period_departments(&a, lines, n, &nd) : NULL;
    for (size_t i = 0; rc == 0 && i < nd; i++) {
        struct notice_item *items;
        size_t k = owed_items(&a, lines, n, depts[i], true, &items);
        struct notice_period np = {p.fy, p.quarter, p.deadline, items, k};
        struct buf subject = BUF_INIT, body = BUF_INIT;
        notice_period_text(NOTICE_PERIOD_OPENED, &np, &subject, &body);
        rc = notification_insert(db, depts[i], notice_kind_name(NOTICE_PERIOD_OPENED), buf_cstr(&subject),
                                 buf_cstr(&body), work_link(&a, p.id, depts[i]), who, NULL);
        buf_free(&subject);
        buf_free(&body);
    }
    arena_free(&a);
    return rc;
}

int store_notify_sent_back(struct db *db, const struct review_period *p, int64_t measure_id, const char *comment,
                           const struct actor *who) {
    struct arena a = ARENA_INIT;
    struct db_stmt *st = db_prepare(db,
        "SELECT m.code, m.title, md.department_id FROM measure m "
        "JOIN measure_department md ON md.measure_id = m.id WHERE m.id = ?1 ORDER BY md.position");
    db_bind_int64(st, 1, measure_id);
    struct notice_item item = {NULL, NULL, REVIEW_SENT_BACK};
    int64_t *depts = NULL;
    size_t nd = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {      /* every department in charge may write it again */
        item.code = db_col_text(&a, st, 0);
        item.title = db_col_text(&a, st, 1);
        GROW(&a, depts, cap, nd);
        depts[nd++] = db_col_int64(st, 2);
    }
    db_reset(st);
    rc = step_rows_done(rc);
    struct buf subject = BUF_INIT, body = BUF_INIT;
    if (rc == 0 && nd)                    /* none (an organisation-wide measure): the office sent it back itself */
        notice_sent_back_text(p->fy, p->quarter, &item, comment, &subject, &body);
    char *link = arena_printf(&a, "/periods/%lld/measures/%lld", (long long)p->id, (long long)measure_id);
    for (size_t i = 0; rc == 0 && i < nd; i++)
        rc = notification_insert(db, depts[i], notice_kind_name(NOTICE_SENT_BACK), buf_cstr(&subject), buf_cstr(&body),
                                 link, who, NULL);
    buf_free(&subject);
    buf_free(&body);
    arena_free(&a);
    return rc;
}

/* ---- reminders */

static const char *const due_names[] = {[DUE_BEFORE] = "before", [DUE_AFTER] = "after"};

static bool reminder_exists(struct db *db, int64_t period_id, int64_t dept_id, const char *kind) {
    struct db_stmt *st = db_prepare(db, "SELECT 1 FROM reminder WHERE period_id = ?1 AND department_id = ?2 AND kind = ?3");
    db_bind_int64(st, 1, period_id);
    db_bind_int64(st, 2, dept_id);
    db_bind_text(st, 3, kind);
    bool found = db_step(st) == DB_ROW;
    db_reset(st);
    return found;
}

/* Inside a transaction: the reminder row, unless another sweep recorded it first (*ret_id 0). */
static int reminder_insert(struct db *db, int64_t period_id, int64_t dept_id, const char *kind, int64_t *ret_id) {
    struct db_stmt *st = db_prepare(db, "INSERT INTO reminder (period_id, department_id, kind) VALUES (?1, ?2, ?3) "
                                      "ON CONFLICT (period_id, department_id, kind) DO NOTHING");
    db_bind_int64(st, 1, period_id);
    db_bind_int64(st, 2, dept_id);
    db_bind_text(st, 3, kind);
    int rc = db_step_done(db, st);
    *ret_id = rc == 0 && db_changes(db) > 0 ? db_last_id(db) : 0;
    return rc;
}

/* Records one department's reminder: its notification and its row, one transaction. *ret is
 * filled when it was recorded now; ret->id stays 0 when it had been recorded before. */
static int remind_department(struct db *db, struct arena *a, const struct review_period *p, enum notice_due due,
                             const struct period_line *lines, size_t n, int64_t dept_id, const struct actor *who,
                             struct reminder *ret) {
    const char *kind = due_names[due];
    enum notice_kind nk = due == DUE_BEFORE ? NOTICE_REMIND_BEFORE : NOTICE_REMIND_AFTER;
    if (reminder_exists(db, p->id, dept_id, kind))
        return 0;
    struct notice_item *items;
    size_t k = owed_items(a, lines, n, dept_id, false, &items);
    struct notice_period np = {p->fy, p->quarter, p->deadline, items, k};
    struct buf subject = BUF_INIT, body = BUF_INIT;
    notice_period_text(nk, &np, &subject, &body);
    struct department_contact dc = {0};
    char *link = work_link(a, p->id, dept_id);
    int64_t id = 0, note_id = 0;
    int rc = db_begin(db);
    if (rc == 0)
        rc = store_department_contact(db, a, dept_id, &dc);
    if (rc == 0)
        rc = reminder_insert(db, p->id, dept_id, kind, &id);
    if (rc == 0 && id)
        rc = notification_insert(db, dept_id, notice_kind_name(nk), buf_cstr(&subject), buf_cstr(&body), link, who,
                                 &note_id);
    const char *mail_to = dc.email && *dc.email ? dc.email : NULL;
    if (rc == 0 && id) {
        struct db_stmt *st = db_prepare(db, "UPDATE reminder SET notification_id = ?2, mail_to = ?3, "
                                          "mail_status = CASE WHEN ?3 IS NULL THEN 'none' ELSE 'pending' END WHERE id = ?1");
        db_bind_int64(st, 1, id);
        db_bind_int64(st, 2, note_id);
        db_bind_text(st, 3, mail_to);
        rc = db_step_done(db, st);
    }
    if (rc == 0 && id)
        rc = edit_audit(db, who, &edit_reminder, id, "create", NULL);
    rc = edit_finish(db, rc);                      /* after a failed BEGIN: returns rc */
    if (rc == 0 && id)
        *ret = (struct reminder){id, p->id, dept_id, note_id, p->fy, p->quarter, (int)k, (char *)kind, p->deadline,
                                 dc.name, arena_strdup(a, buf_cstr(&subject)), arena_strdup(a, buf_cstr(&body)), link,
                                 (char *)mail_to, mail_to ? (char *)"pending" : (char *)"none", NULL};
    buf_free(&subject);
    buf_free(&body);
    return rc;
}

/* The ids of the open periods, oldest first. */
static int open_periods(struct db *db, struct arena *a, int64_t **ret, size_t *ret_n) {
    struct db_stmt *st = db_prepare(db, "SELECT id FROM review_period WHERE status = 'open' ORDER BY id");
    return rows_ids(a, st, ret, ret_n);
}

/* The reminders one period has due today, appended to *v. */
static int remind_period(struct db *db, struct arena *a, int64_t period_id, kw_date today, const struct actor *who,
                         struct reminder **v, size_t *n, size_t *cap) {
    struct review_period p;
    kw_date deadline;
    int rc = store_period_load(db, a, period_id, &p);
    if (rc < 0 || date_parse(p.deadline, &deadline) < 0)
        return rc;
    enum notice_due due = notice_due(deadline, today);
    if (due == DUE_NONE)
        return 0;
    struct period_line *lines;
    size_t nl;
    if ((rc = store_period_lines(db, a, &p, &lines, &nl)) < 0)
        return rc;
    size_t nd;
    int64_t *depts = period_departments(a, lines, nl, &nd);
    for (size_t i = 0; rc == 0 && i < nd; i++) {
        struct notice_item *owed;
        if (owed_items(a, lines, nl, depts[i], false, &owed) == 0)
            continue;
        struct reminder rem = {0};
        rc = remind_department(db, a, &p, due, lines, nl, depts[i], who, &rem);
        if (rc == 0 && rem.id) {
            GROW(a, *v, *cap, *n);
            (*v)[(*n)++] = rem;
        }
    }
    return rc;
}

int store_reminders_record(struct db *db, struct arena *a, kw_date today, const struct actor *who,
                           struct reminder **ret, size_t *ret_n) {
    int64_t *ids;
    size_t nids, n = 0, cap = 0;
    struct reminder *v = NULL;
    int rc = open_periods(db, a, &ids, &nids);
    for (size_t i = 0; rc == 0 && i < nids; i++)
        rc = remind_period(db, a, ids[i], today, who, &v, &n, &cap);
    *ret = v;                              /* what was recorded, also after an error */
    *ret_n = n;
    return rc;
}

/* Which reminders' e-mail a sweep may take: ?1 is the reminder's row alias "r". */
#define MAIL_DUE "(r.mail_status IN ('pending', 'failed') OR (r.mail_status = 'sending' AND " \
                 "r.mail_claimed_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-10 minutes'))) " \
                 "AND r.mail_attempts < 24 AND r.mail_to IS NOT NULL"

int store_reminders_unmailed(struct db *db, struct arena *a, kw_date today, struct reminder **ret, size_t *ret_n) {
    _Static_assert(REMINDER_MAX_ATTEMPTS == 24, "MAIL_DUE spells the limit out");
    struct db_stmt *st = db_prepare(db,
        "SELECT r.id, r.period_id, r.department_id, r.notification_id, p.fy, p.quarter, r.kind, p.deadline, d.name, "
        " n.subject, n.body, n.link, r.mail_to, r.mail_status, r.mail_error "
        "FROM reminder r JOIN review_period p ON p.id = r.period_id JOIN department d ON d.id = r.department_id "
        "JOIN notification n ON n.id = r.notification_id "
        "WHERE p.status = 'open' AND " MAIL_DUE " AND (r.kind = 'after' OR p.deadline >= ?1) ORDER BY r.id");
    char day[16];
    date_format(today, day, sizeof day);
    db_bind_text(st, 1, day);
    struct reminder *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, v, cap, n);
        struct reminder *m = &v[n++];
        *m = (struct reminder){db_col_int64(st, 0), db_col_int64(st, 1), db_col_int64(st, 2),
                               db_col_int64(st, 3), db_col_int(st, 4), db_col_int(st, 5), 0,
                               db_col_text(a, st, 6), db_col_text(a, st, 7), db_col_text(a, st, 8),
                               db_col_text(a, st, 9), db_col_text(a, st, 10), db_col_text(a, st, 11),
                               db_col_text(a, st, 12), db_col_text(a, st, 13), db_col_text(a, st, 14)};
    }
    db_reset(st);
    *ret = v;
    *ret_n = n;
    return step_rows_done(rc);
}

int store_reminder_claim(struct db *db, int64_t id) {
    struct db_stmt *st = db_prepare(db,
        "UPDATE reminder AS r SET mail_status = 'sending', mail_claimed_at = " NOW ", mail_attempts = mail_attempts + 1 "
        "WHERE r.id = ?1 AND " MAIL_DUE);
    db_bind_int64(st, 1, id);
    int rc = db_step_done(db, st);
    if (rc == 0 && db_changes(db) == 0)
        rc = KW_ECONFLICT;
    return rc;
}

int store_reminder_mailed(struct db *db, int64_t id, bool ok, const char *error, const struct actor *who) {
    char *before;
    int rc = edit_begin(db, &edit_reminder, id, &before);
    if (rc < 0)
        return rc;
    struct db_stmt *st = db_prepare(db,
        "UPDATE reminder SET mail_status = CASE WHEN ?2 THEN 'sent' ELSE 'failed' END, mail_error = ?3, "
        " mailed_at = CASE WHEN ?2 THEN " NOW " END, mail_claimed_at = NULL WHERE id = ?1");
    db_bind_int64(st, 1, id);
    db_bind_int64(st, 2, ok);
    db_bind_text(st, 3, ok ? NULL : error);
    rc = db_step_done(db, st);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_reminder, id, ok ? "mail_sent" : "mail_failed", before);
    free(before);
    return edit_finish(db, rc);
}
