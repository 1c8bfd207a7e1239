/* The quarterly review cycle in the database: review periods (opened and closed by the office)
 * and each measure's review in a period, moved from step to step by store_review_step with the
 * rules of core/review.h. Every write is one transaction with an audit row. */
#include <stdlib.h>
#include <string.h>
#include "core/field.h"
#include "core/number.h"
#include "core/review.h"
#include "store/store_internal.h"
#include "util/utf8.h"

static const struct edit_kind edit_period = {
    "review_period",
    "SELECT json_object('plan_id', plan_id, 'fy', fy, 'quarter', quarter, 'deadline', deadline, 'status', status, "
    " 'opened_by', opened_by, 'opened_at', opened_at, 'closed_by', closed_by, 'closed_at', closed_at) "
    "FROM review_period WHERE id = ?1",
    NULL, NULL, NULL, NULL, NULL,
    NULL,
};

static const struct edit_kind edit_review = {
    "measure_review",
    "SELECT json_object('measure_id', measure_id, 'fy', fy, 'quarter', quarter, 'state', state, 'rating', rating, "
    " 'text', text, 'issues', issues, 'next_steps', next_steps, 'office_comment', office_comment, "
    " 'decision', decision, 'decision_note', decision_note) FROM measure_review WHERE id = ?1",
    NULL, NULL, NULL, NULL, NULL,
    NULL,
};

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

/* The id of the row that sql (with ?1 = owner, ?2 = fy, ?3 = quarter) finds, or 0. */
static int64_t id_for_quarter(struct db *db, const char *sql, int64_t owner, int fy, int quarter) {
    struct db_stmt *st = db_prepare(db, sql);
    db_bind_int64(st, 1, owner);
    db_bind_int64(st, 2, fy);
    db_bind_int64(st, 3, quarter);
    int64_t id = db_step(st) == DB_ROW ? db_col_int64(st, 0) : 0;
    db_reset(st);
    return id;
}

/* ---- periods */

#define PERIOD_COLUMNS "id, plan_id, fy, quarter, deadline, status, opened_by, opened_at, closed_by, closed_at"

static void period_from_row(struct arena *a, struct db_stmt *st, struct review_period *p) {
    p->id = db_col_int64(st, 0);
    p->plan_id = db_col_int64(st, 1);
    p->fy = db_col_int(st, 2);
    p->quarter = db_col_int(st, 3);
    p->deadline = db_col_text(a, st, 4);
    p->closed = strcmp((const char *)db_col_str(st, 5), "closed") == 0;
    p->opened_by = db_col_text(a, st, 6);
    p->opened_at = db_col_text(a, st, 7);
    p->closed_by = db_col_text(a, st, 8);
    p->closed_at = db_col_text(a, st, 9);
}

int store_periods(struct db *db, struct arena *a, int64_t plan_id, struct review_period **ret, size_t *ret_n) {
    struct db_stmt *st = db_prepare(db, "SELECT " PERIOD_COLUMNS " FROM review_period WHERE plan_id = ?1 "
                                      "ORDER BY fy DESC, quarter DESC");
    db_bind_int64(st, 1, plan_id);
    struct review_period *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, v, cap, n);
        period_from_row(a, st, &v[n++]);
    }
    db_reset(st);
    *ret = v;
    *ret_n = n;
    return step_rows_done(rc);
}

int store_period_load(struct db *db, struct arena *a, int64_t id, struct review_period *ret) {
    struct db_stmt *st = db_prepare(db, "SELECT " PERIOD_COLUMNS " FROM review_period WHERE id = ?1");
    db_bind_int64(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW)
        period_from_row(a, st, ret);
    db_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? KW_ENOTFOUND : KW_EDB;
}

int store_period_open(struct db *db, int64_t plan_id, int fy, int quarter, const char *deadline,
                      const struct actor *who, int64_t *ret_id, struct edit_fail *fail) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    int64_t found, id = 0;
    rc = edit_query_id(db, "SELECT id FROM plan WHERE id = ?1", plan_id, NULL, &found);
    if (rc == 0 && id_for_quarter(db, "SELECT id FROM review_period WHERE plan_id = ?1 AND fy = ?2 AND quarter = ?3",
                                  plan_id, fy, quarter)) {
        edit_fail_set(fail, "quarter", "FY %d Q%d has been opened already", fy, quarter);
        rc = KW_ECONFLICT;
    }
    if (rc == 0) {
        struct db_stmt *st = db_prepare(db,
            "INSERT INTO review_period (plan_id, fy, quarter, deadline, opened_by) VALUES (?1, ?2, ?3, ?4, ?5)");
        db_bind_int64(st, 1, plan_id);
        db_bind_int64(st, 2, fy);
        db_bind_int64(st, 3, quarter);
        db_bind_text(st, 4, deadline);
        db_bind_text(st, 5, who ? who->name : NULL);
        rc = db_step_done(db, st);
        id = db_last_id(db);
    }
    if (rc == 0)
        rc = edit_audit(db, who, &edit_period, id, "create", NULL);
    if (rc == 0)
        rc = store_notify_period_opened(db, id, who);         /* each reporting department's inbox */
    if ((rc = edit_finish(db, rc)) == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int store_period_close(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail) {
    char *before;
    int rc = edit_begin(db, &edit_period, id, &before);
    if (rc < 0)
        return rc;
    struct db_stmt *st = db_prepare(db,
        "UPDATE review_period SET status = 'closed', closed_by = ?2, closed_at = " NOW " WHERE id = ?1 AND status = 'open'");
    db_bind_int64(st, 1, id);
    db_bind_text(st, 2, who ? who->name : NULL);
    rc = db_step_done(db, st);
    if (rc == 0 && db_changes(db) == 0) {
        edit_fail_set(fail, "status", "the period is closed already");
        rc = KW_ECONFLICT;
    }
    if (rc == 0)
        rc = edit_audit(db, who, &edit_period, id, "close", before);
    free(before);
    return edit_finish(db, rc);
}

/* ---- what each measure owes in a period */

/* Every department in charge of each line's measure, the lead first: one query for the plan, its
 * rows in the lines' order (plan order, then each measure's departments in order). */
static int lines_departments(struct db *db, struct arena *a, int64_t plan_id, struct period_line *lines, size_t n) {
    struct db_stmt *st = db_prepare(db,
        "SELECT m.id, d.id, d.name FROM measure m JOIN theme t ON t.id = m.theme_id JOIN pillar pi ON pi.id = t.pillar_id "
        "JOIN measure_department md ON md.measure_id = m.id JOIN department d ON d.id = md.department_id "
        "WHERE m.plan_id = ?1 AND m.status IN ('planned', 'active') "
        "ORDER BY pi.position, t.position, m.position, md.position");
    db_bind_int64(st, 1, plan_id);
    size_t i = 0, cap_ids = 0, cap_names = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t measure_id = db_col_int64(st, 0);
        while (i < n && lines[i].measure_id != measure_id)
            i++, cap_ids = cap_names = 0;
        if (i == n)
            break;
        struct period_line *l = &lines[i];
        GROW(a, l->dept_ids, cap_ids, l->n_depts);
        GROW(a, l->dept_names, cap_names, l->n_depts);
        l->dept_ids[l->n_depts] = db_col_int64(st, 1);
        l->dept_names[l->n_depts++] = db_col_text(a, st, 2);
    }
    db_reset(st);
    return rc == DB_ROW ? 0 : step_rows_done(rc);
}

int store_period_lines(struct db *db, struct arena *a, const struct review_period *p, struct period_line **ret,
                       size_t *ret_n) {
    char from[16], to[16];
    date_format(quarter_start(p->fy, p->quarter), from, sizeof from);
    date_format(quarter_end(p->fy, p->quarter), to, sizeof to);
    struct db_stmt *st = db_prepare(db,
        "SELECT m.id, m.code, m.title, d.id, d.name, "
        " (SELECT count(*) FROM kpi k WHERE k.measure_id = m.id AND k.abolished = 0 AND k.name IS NOT NULL "
        "   AND NOT EXISTS "
        "   (SELECT 1 FROM kpi_measurement x WHERE x.kpi_id = k.id AND x.period BETWEEN ?4 AND ?5)), "
        " (SELECT pr.rating FROM measure_review pr WHERE pr.measure_id = m.id AND pr.fy = ?6 AND pr.quarter = ?7 "
        "   AND pr.state IN ('submitted', 'confirmed')), "
        " r.id IS NOT NULL, " REVIEW_COLUMNS " "
        "FROM measure m JOIN theme t ON t.id = m.theme_id JOIN pillar pi ON pi.id = t.pillar_id "
        "LEFT JOIN measure_department md ON md.measure_id = m.id AND md.position = 0 "
        "LEFT JOIN department d ON d.id = md.department_id "
        "LEFT JOIN measure_review r ON r.measure_id = m.id AND r.fy = ?2 AND r.quarter = ?3 "
        "WHERE m.plan_id = ?1 AND m.status IN ('planned', 'active') "
        "ORDER BY pi.position, t.position, m.position");
    db_bind_int64(st, 1, p->plan_id);
    db_bind_int64(st, 2, p->fy);
    db_bind_int64(st, 3, p->quarter);
    db_bind_text(st, 4, from);
    db_bind_text(st, 5, to);
    int prev_fy, prev_q;
    fy_quarter_prev(p->fy, p->quarter, &prev_fy, &prev_q);
    db_bind_int64(st, 6, prev_fy);
    db_bind_int64(st, 7, prev_q);
    struct period_line *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, v, cap, n);
        struct period_line *l = &v[n++];
        l->measure_id = db_col_int64(st, 0);
        l->code = db_col_text(a, st, 1);
        l->title = db_col_text(a, st, 2);
        l->dept_id = db_col_int64(st, 3);
        l->dept_name = db_col_text(a, st, 4);
        l->dept_ids = NULL;                 /* lines_departments fills them */
        l->dept_names = NULL;
        l->n_depts = 0;
        l->kpis_due = db_col_int(st, 5);
        l->previous_rating = db_col_text(a, st, 6);
        if (db_col_int(st, 7)) {
            review_from_row(a, st, 8, &l->review);
        } else {
            l->review.fy = p->fy;
            l->review.quarter = p->quarter;
            l->review.state = REVIEW_MISSING;
        }
    }
    db_reset(st);
    if ((rc = step_rows_done(rc)) == 0)
        rc = lines_departments(db, a, p->plan_id, v, n);
    *ret = v;
    *ret_n = n;
    return rc;
}

bool period_line_in_charge(const struct period_line *l, int64_t dept_id) {
    for (size_t i = 0; i < l->n_depts; i++)
        if (l->dept_ids[i] == dept_id)
            return true;
    return false;
}

int64_t *period_departments(struct arena *a, const struct period_line *lines, size_t n, size_t *ret_n) {
    int64_t *v = NULL;
    size_t k = 0, cap = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < lines[i].n_depts; j++) {
            size_t seen = 0;
            while (seen < k && v[seen] != lines[i].dept_ids[j])
                seen++;
            if (seen < k)
                continue;
            GROW(a, v, cap, k);
            v[k++] = lines[i].dept_ids[j];
        }
    *ret_n = k;
    return v;
}

/* The review of a measure for (fy, quarter); state MISSING when there is none. */
static int review_of(struct db *db, struct arena *a, int64_t measure_id, int fy, int quarter, struct review *ret) {
    struct db_stmt *st = db_prepare(db, "SELECT " REVIEW_COLUMNS " FROM measure_review r "
                                      "WHERE r.measure_id = ?1 AND r.fy = ?2 AND r.quarter = ?3");
    db_bind_int64(st, 1, measure_id);
    db_bind_int64(st, 2, fy);
    db_bind_int64(st, 3, quarter);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        review_from_row(a, st, 0, ret);
    } else {
        memset(ret, 0, sizeof *ret);
        ret->fy = fy;
        ret->quarter = quarter;
        ret->state = REVIEW_MISSING;
    }
    db_reset(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : KW_EDB;
}

int store_review_get(struct db *db, struct arena *a, const struct review_period *p, int64_t measure_id,
                     struct review *ret, struct review *ret_prev) {
    int64_t plan_id;
    int rc = edit_query_id(db, "SELECT plan_id FROM measure WHERE id = ?1", measure_id, NULL, &plan_id);
    if (rc < 0)
        return rc;
    if (plan_id != p->plan_id)
        return KW_ENOTFOUND;
    if ((rc = review_of(db, a, measure_id, p->fy, p->quarter, ret)) < 0)
        return rc;
    if (ret_prev) {
        int fy, q;
        fy_quarter_prev(p->fy, p->quarter, &fy, &q);
        rc = review_of(db, a, measure_id, fy, q, ret_prev);
    }
    return rc;
}

/* ---- steps */

/* The plan's rating scale has code (or, when the plan has none, the default scale has). */
static bool rating_known(struct db *db, int64_t plan_id, const char *code) {
    int64_t n = 0, found;
    edit_query_id(db, "SELECT count(*) FROM rating_level WHERE plan_id = ?1", plan_id, NULL, &n);
    if (n > 0)
        return edit_query_id(db, "SELECT 1 FROM rating_level WHERE plan_id = ?1 AND code = ?2", plan_id, code, &found) == 0;
    for (size_t i = 0; i < review_default_scale_n; i++)
        if (strcmp(review_default_scale[i].code, code) == 0)
            return true;
    return false;
}

static bool filled(const char *s) { return s && *s && !utf8_is_blank(s); }

static int check_input(struct db *db, const struct review_period *p, int64_t measure_id, enum review_step step,
                       const struct review_input *in, struct edit_fail *fail) {
    switch (step) {
    case STEP_SAVE:
    case STEP_SUBMIT:
        if (step == STEP_SUBMIT && !filled(in->rating)) {
            edit_fail_set(fail, "rating", "choose a rating before submitting");
            return KW_EINVAL;
        }
        if (step == STEP_SUBMIT && !filled(in->text)) {
            edit_fail_set(fail, "text", "write what was done before submitting");
            return KW_EINVAL;
        }
        if (filled(in->rating) && !rating_known(db, p->plan_id, in->rating)) {
            edit_fail_set(fail, "rating", "\"%s\" is not a level of the plan's rating scale", in->rating);
            return KW_EINVAL;
        }
        if (!edit_field_ok(in->text, &field_text, false, "text", fail) ||
            !edit_field_ok(in->issues, &field_text, false, "issues", fail) ||
            !edit_field_ok(in->next_steps, &field_text, false, "next_steps", fail))
            return KW_EINVAL;
        for (size_t i = 0; i < in->n_values; i++) {
            int64_t owner = 0;
            if (edit_query_id(db, "SELECT measure_id FROM kpi WHERE id = ?1", in->values[i].kpi_id, NULL, &owner) < 0 ||
                owner != measure_id) {
                edit_fail_set(fail, "kpi_values", "KPI %lld is not a KPI of this measure", (long long)in->values[i].kpi_id);
                return KW_EINVAL;
            }
            if (!number_in_range(in->values[i].value) ||
                !edit_field_ok(in->values[i].note, &field_note, false, "kpi_values", fail)) {
                if (!fail->field[0])
                    edit_fail_set(fail, "kpi_values", "a value must be a number between -1e15 and 1e15");
                return KW_EINVAL;
            }
        }
        return 0;
    case STEP_SEND_BACK:
        if (!filled(in->comment)) {
            edit_fail_set(fail, "comment", "say what needs to change");
            return KW_EINVAL;
        }
        return edit_field_ok(in->comment, &field_text, false, "comment", fail) ? 0 : KW_EINVAL;
    case STEP_CONFIRM:
        return 0;
    case STEP_DECIDE:
        if (!review_decision_known(in->decision)) {
            edit_fail_set(fail, "decision", "must be one of continue, revise, expand, reduce, merge, abolish, complete");
            return KW_EINVAL;
        }
        return edit_field_ok(in->decision_note, &field_text, false, "decision_note", fail) ? 0 : KW_EINVAL;
    }
    return KW_EINVAL;
}

/* A KPI value reported with the review: the measurement at the quarter's last day, replaced
 * when the review is saved again. */
static int put_kpi_value(struct db *db, const struct review_kpi_value *v, const char *period, const struct actor *who) {
    int64_t existing = 0;
    int rc = edit_query_id(db, "SELECT id FROM kpi_measurement WHERE kpi_id = ?1 AND period = ?2 ORDER BY id DESC LIMIT 1",
                           v->kpi_id, period, &existing);
    if (rc == KW_ENOTFOUND) {
        struct measurement m = {.period = (char *)period, .value = v->value, .note = (char *)v->note,
                                .source = (char *)"review"};
        return store_measurement_add(db, v->kpi_id, &m, who, NULL);
    }
    if (rc < 0)
        return rc;
    char *before = edit_snapshot(db, &edit_measurement, existing);
    struct db_stmt *st = db_prepare(db,
        "UPDATE kpi_measurement SET value = ?2, note = ?3, source = 'review', recorded_by = ?4, recorded_at = " NOW
        " WHERE id = ?1");
    db_bind_int64(st, 1, existing);
    db_bind_double(st, 2, v->value);
    db_bind_text(st, 3, v->note && *v->note ? v->note : NULL);
    db_bind_text(st, 4, who ? who->name : NULL);
    rc = db_step_done(db, st);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_measurement, existing, "update", before);
    free(before);
    return rc;
}

static const char *const refusals[] = {
    [STEP_SAVE] = "it has been submitted; the office can send it back for changes",
    [STEP_SUBMIT] = "it has been submitted already",
    [STEP_SEND_BACK] = "only a submitted or confirmed review can be sent back",
    [STEP_CONFIRM] = "only a submitted review can be confirmed",
    [STEP_DECIDE] = "only a submitted or confirmed review can be decided on",
};

static const char *nullable(const char *s) { return s && *s ? s : NULL; }

/* Writes the row for the step: INSERT for the first save or submit, else UPDATE. */
static int write_step(struct db *db, const struct review_period *p, int64_t measure_id, int64_t row,
                      enum review_step step, enum review_state next, const struct review_input *in,
                      const struct actor *who, int64_t *ret_row) {
    const char *by = who ? who->name : NULL;
    struct db_stmt *st;
    if (step == STEP_SAVE || step == STEP_SUBMIT) {
        st = db_prepare(db,
            "INSERT INTO measure_review (measure_id, fy, quarter, rating, text, issues, next_steps, state, "
            " submitted_by, submitted_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
            " CASE WHEN ?8 = 'submitted' THEN ?9 END, CASE WHEN ?8 = 'submitted' THEN " NOW " END, " NOW ") "
            "ON CONFLICT (measure_id, fy, quarter) DO UPDATE SET rating = excluded.rating, text = excluded.text, "
            " issues = excluded.issues, next_steps = excluded.next_steps, state = excluded.state, "
            " submitted_by = coalesce(excluded.submitted_by, measure_review.submitted_by), "
            " submitted_at = coalesce(excluded.submitted_at, measure_review.submitted_at), "
            " updated_at = excluded.updated_at");
        db_bind_int64(st, 1, measure_id);
        db_bind_int64(st, 2, p->fy);
        db_bind_int64(st, 3, p->quarter);
        db_bind_text(st, 4, nullable(in->rating));
        db_bind_text(st, 5, nullable(in->text));
        db_bind_text(st, 6, nullable(in->issues));
        db_bind_text(st, 7, nullable(in->next_steps));
        db_bind_text(st, 8, review_state_name(next));
        db_bind_text(st, 9, by);
    } else if (step == STEP_SEND_BACK) {
        st = db_prepare(db, "UPDATE measure_review SET state = 'sent_back', office_comment = ?2, "
                            "confirmed_by = NULL, confirmed_at = NULL, updated_at = " NOW " WHERE id = ?1");
        db_bind_int64(st, 1, row);
        db_bind_text(st, 2, in->comment);
    } else if (step == STEP_CONFIRM) {
        st = db_prepare(db, "UPDATE measure_review SET state = 'confirmed', confirmed_by = ?2, confirmed_at = " NOW ", "
                            "updated_at = " NOW " WHERE id = ?1");
        db_bind_int64(st, 1, row);
        db_bind_text(st, 2, by);
    } else {
        st = db_prepare(db, "UPDATE measure_review SET decision = ?2, decision_note = ?3, decided_by = ?4, "
                            "decided_at = " NOW ", updated_at = " NOW " WHERE id = ?1");
        db_bind_int64(st, 1, row);
        db_bind_text(st, 2, in->decision);
        db_bind_text(st, 3, nullable(in->decision_note));
        db_bind_text(st, 4, by);
    }
    int rc = db_step_done(db, st);
    if (rc == 0 && !row)
        row = id_for_quarter(db, "SELECT id FROM measure_review WHERE measure_id = ?1 AND fy = ?2 AND quarter = ?3",
                             measure_id, p->fy, p->quarter);
    *ret_row = row;
    return rc;
}

int store_review_step(struct db *db, int64_t period_id, int64_t measure_id, int step_code,
                      const struct review_input *in, const struct actor *who, struct edit_fail *fail) {
    enum review_step step = (enum review_step)step_code;
    struct arena a = ARENA_INIT;
    struct review_period p;
    struct review cur;
    char *before = NULL;
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    if ((rc = store_period_load(db, &a, period_id, &p)) == 0 && p.closed) {
        edit_fail_set(fail, "period", "FY %d Q%d is closed: its reviews can no longer change", p.fy, p.quarter);
        rc = KW_ECONFLICT;
    }
    if (rc == 0)
        rc = store_review_get(db, &a, &p, measure_id, &cur, NULL);
    enum review_state next = REVIEW_MISSING;
    if (rc == 0 && !review_step_allowed((enum review_state)cur.state, step, &next)) {
        edit_fail_set(fail, "state", "cannot %s this review: %s", review_step_names[step], refusals[step]);
        rc = KW_ECONFLICT;
    }
    if (rc == 0)
        rc = check_input(db, &p, measure_id, step, in, fail);
    if (rc == 0 && cur.id)
        before = edit_snapshot(db, &edit_review, cur.id);
    int64_t row = cur.id;
    if (rc == 0)
        rc = write_step(db, &p, measure_id, cur.id, step, next, in, who, &row);
    if (rc == 0 && (step == STEP_SAVE || step == STEP_SUBMIT)) {
        char period[16];
        date_format(quarter_end(p.fy, p.quarter), period, sizeof period);
        for (size_t i = 0; i < in->n_values && rc == 0; i++)
            rc = put_kpi_value(db, &in->values[i], period, who);
    }
    if (rc == 0)
        rc = edit_audit(db, who, &edit_review, row, review_step_names[step], before);
    if (rc == 0 && step == STEP_SEND_BACK)
        rc = store_notify_sent_back(db, &p, measure_id, in->comment, who);   /* the lead department's inbox */
    free(before);
    arena_free(&a);
    return edit_finish(db, rc);
}

/* ---- reviews a plan document records */

int store_review_record(struct db *db, int64_t measure_id, const struct review *rv, const struct actor *who,
                        struct edit_fail *fail) {
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    int64_t id = id_for_quarter(db, "SELECT id FROM measure_review WHERE measure_id = ?1 AND fy = ?2 AND quarter = ?3",
                                measure_id, rv->fy, rv->quarter);
    char *before = id ? edit_snapshot(db, &edit_review, id) : NULL;
    if (id && id_for_quarter(db, "SELECT id FROM measure_review WHERE measure_id = ?1 AND fy = ?2 AND quarter = ?3 "
                                 "AND state <> 'confirmed'", measure_id, rv->fy, rv->quarter)) {
        edit_fail_set(fail, "reviews", "FY %d Q%d is being reviewed (a report not yet confirmed): finish it first",
                      rv->fy, rv->quarter);
        rc = KW_ECONFLICT;
    } else if (id) {
        struct db_stmt *st = db_prepare(db,
            "UPDATE measure_review SET rating = ?2, text = ?3, issues = ?4, next_steps = ?5, decision = ?6, "
            " decision_note = ?7, updated_at = " NOW " WHERE id = ?1");
        db_bind_int64(st, 1, id);
        db_bind_text(st, 2, rv->rating);
        db_bind_text(st, 3, rv->text);
        db_bind_text(st, 4, rv->issues);
        db_bind_text(st, 5, rv->next_steps);
        db_bind_text(st, 6, rv->decision);
        db_bind_text(st, 7, rv->decision_note);
        rc = db_step_done(db, st);
    } else {
        struct db_stmt *st = db_prepare(db,
            "INSERT INTO measure_review (measure_id, fy, quarter, rating, text, issues, next_steps, decision, "
            " decision_note, state, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'confirmed', " NOW ")");
        db_bind_int64(st, 1, measure_id);
        db_bind_int64(st, 2, rv->fy);
        db_bind_int64(st, 3, rv->quarter);
        db_bind_text(st, 4, rv->rating);
        db_bind_text(st, 5, rv->text);
        db_bind_text(st, 6, rv->issues);
        db_bind_text(st, 7, rv->next_steps);
        db_bind_text(st, 8, rv->decision);
        db_bind_text(st, 9, rv->decision_note);
        rc = db_step_done(db, st);
        id = db_last_id(db);
    }
    if (rc == 0)
        rc = edit_audit(db, who, &edit_review, id, before ? "update" : "create", before);
    free(before);
    return edit_finish(db, rc);
}
