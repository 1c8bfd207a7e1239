/* Tests the quarterly review cycle: the rules of core/review.c, Markdown rendering of progress
 * notes, and store_review.c walking a review through its steps on the demo data. */
#include "testutil.h"

#include "core/review.h"
#include "report/period_tally.h"
#include "web/markdown.h"

/* ---- rules */

static void test_steps_follow_the_cycle(void **state) {
    (void)state;
    enum review_state next;
    assert_true(review_step_allowed(REVIEW_MISSING, STEP_SAVE, &next));
    assert_int_equal(next, REVIEW_DRAFT);
    assert_true(review_step_allowed(REVIEW_DRAFT, STEP_SUBMIT, &next));
    assert_int_equal(next, REVIEW_SUBMITTED);
    assert_false(review_step_allowed(REVIEW_SUBMITTED, STEP_SAVE, NULL));   /* locked once submitted */
    assert_false(review_step_allowed(REVIEW_SUBMITTED, STEP_SUBMIT, NULL));
    assert_true(review_step_allowed(REVIEW_SUBMITTED, STEP_SEND_BACK, &next));
    assert_int_equal(next, REVIEW_SENT_BACK);
    assert_true(review_step_allowed(REVIEW_SENT_BACK, STEP_SAVE, &next));
    assert_int_equal(next, REVIEW_SENT_BACK);                             /* still owed to the office */
    assert_true(review_step_allowed(REVIEW_SENT_BACK, STEP_SUBMIT, &next));
    assert_int_equal(next, REVIEW_SUBMITTED);
    assert_false(review_step_allowed(REVIEW_DRAFT, STEP_CONFIRM, NULL));
    assert_true(review_step_allowed(REVIEW_SUBMITTED, STEP_CONFIRM, &next));
    assert_int_equal(next, REVIEW_CONFIRMED);
    assert_false(review_step_allowed(REVIEW_CONFIRMED, STEP_SAVE, NULL));
    assert_false(review_step_allowed(REVIEW_MISSING, STEP_DECIDE, NULL));
    assert_true(review_step_allowed(REVIEW_CONFIRMED, STEP_DECIDE, NULL));
}

static void test_names_and_decisions(void **state) {
    (void)state;
    enum review_state s;
    for (int i = 0; i < REVIEW_NSTATES; i++) {
        assert_int_equal(review_state_parse(review_state_name((enum review_state)i), &s), 0);
        assert_int_equal(s, i);
    }
    assert_int_equal(review_state_parse("late", &s), -1);
    assert_true(review_decision_known("abolish"));
    assert_false(review_decision_known("廃止"));
    assert_false(review_decision_known(NULL));
    assert_int_equal(review_default_scale_n, 5);
    assert_string_equal(review_default_scale[0].label, "順調");
    assert_true(review_default_scale[2].problem);
    assert_string_equal(review_letter_scale[3].code, "d");
    assert_string_equal(review_letter_scale[3].label, "D（大幅な遅れ）");
}

static void test_quarter_dates(void **state) {
    (void)state;
    char d[16];
    date_format(quarter_start(2025, 1), d, sizeof d);
    assert_string_equal(d, "2025-04-01");
    date_format(quarter_end(2025, 1), d, sizeof d);
    assert_string_equal(d, "2025-06-30");
    date_format(quarter_start(2025, 3), d, sizeof d);
    assert_string_equal(d, "2025-10-01");
    date_format(quarter_end(2025, 3), d, sizeof d);
    assert_string_equal(d, "2025-12-31");
    date_format(quarter_start(2025, 4), d, sizeof d);
    assert_string_equal(d, "2026-01-01");
    date_format(quarter_end(2025, 4), d, sizeof d);
    assert_string_equal(d, "2026-03-31");
    int fy, q;
    fy_quarter_prev(2025, 1, &fy, &q);
    assert_int_equal(fy, 2024);
    assert_int_equal(q, 4);
    fy_quarter_prev(2025, 3, &fy, &q);
    assert_int_equal(fy, 2025);
    assert_int_equal(q, 2);
    kw_date deadline = date_from_ymd(2025, 12, 31);
    assert_false(review_is_late(REVIEW_MISSING, deadline, deadline));          /* the deadline day itself */
    assert_true(review_is_late(REVIEW_MISSING, deadline, deadline + 1));
    assert_true(review_is_late(REVIEW_SENT_BACK, deadline, deadline + 1));
    assert_false(review_is_late(REVIEW_SUBMITTED, deadline, deadline + 30));
}

/* ---- who was late, and how late */

static void test_days_late(void **state) {
    (void)state;
    kw_date deadline = date_from_ymd(2025, 12, 31);
    /* not submitted: counted to the day judged on; the deadline day itself is not late */
    assert_int_equal(review_days_late(REVIEW_MISSING, deadline, REVIEW_NO_DAY, deadline), -1);
    assert_int_equal(review_days_late(REVIEW_MISSING, deadline, REVIEW_NO_DAY, deadline + 1), 1);
    assert_int_equal(review_days_late(REVIEW_DRAFT, deadline, REVIEW_NO_DAY, deadline + 12), 12);
    assert_int_equal(review_days_late(REVIEW_SENT_BACK, deadline, deadline - 5, deadline + 4), 4);
    /* submitted: counted to the day it was submitted, whatever day it is judged on */
    assert_int_equal(review_days_late(REVIEW_SUBMITTED, deadline, deadline, deadline + 30), -1);
    assert_int_equal(review_days_late(REVIEW_SUBMITTED, deadline, deadline + 3, deadline + 30), 3);
    assert_int_equal(review_days_late(REVIEW_CONFIRMED, deadline, deadline + 3, deadline + 30), 3);
    assert_int_equal(review_days_late(REVIEW_CONFIRMED, deadline, REVIEW_NO_DAY, deadline + 30), -1);   /* history */
    /* time stamps are UTC; the day is Japan's */
    assert_int_equal(review_stamp_day("2025-12-31T14:59:59Z"), deadline);
    assert_int_equal(review_stamp_day("2025-12-31T15:00:00Z"), deadline + 1);
    assert_int_equal(review_stamp_day("2026-01-02T00:00:00Z"), deadline + 2);
    assert_int_equal(review_stamp_day(NULL), REVIEW_NO_DAY);
    assert_int_equal(review_stamp_day("2026-01-02"), REVIEW_NO_DAY);
    assert_int_equal(review_stamp_day("2026-02-30T00:00:00Z"), REVIEW_NO_DAY);
}

static void test_closed_period_keeps_who_was_late(void **state) {
    (void)state;
    struct review_period p = {.id = 1, .fy = 2025, .quarter = 3, .deadline = "2025-12-31",
                              .closed = true, .closed_at = "2026-01-09T02:00:00Z"};     /* 9 January in Japan */
    struct period_line l[4];
    memset(l, 0, sizeof l);
    l[0].dept_id = 1, l[0].review.state = REVIEW_MISSING;
    l[1].dept_id = 1, l[1].review.state = REVIEW_SUBMITTED, l[1].review.submitted_at = "2026-01-03T01:00:00Z";
    l[2].dept_id = 2, l[2].review.state = REVIEW_SUBMITTED, l[2].review.submitted_at = "2025-12-30T01:00:00Z";
    l[3].dept_id = 2, l[3].review.state = REVIEW_DRAFT;
    kw_date later = date_from_ymd(2026, 6, 1);          /* long after closing: the record stays */
    assert_int_equal(period_line_days_late(&p, &l[0], later), 9);
    assert_int_equal(period_line_days_late(&p, &l[1], later), 3);
    assert_int_equal(period_line_days_late(&p, &l[2], later), -1);
    assert_int_equal(period_line_days_late(&p, &l[3], later), 9);
    struct arena a = ARENA_INIT;
    struct dept_tally *d;
    size_t nd;
    struct review_tally all;
    period_tally(&a, &p, l, 4, later, &d, &nd, &all);
    assert_int_equal(all.late, 3);
    assert_int_equal(nd, 2);
    assert_int_equal(d[0].tally.late, 2);
    assert_int_equal(d[0].most_days_late, 9);
    assert_int_equal(d[0].unsubmitted_late, 1);
    assert_int_equal(d[1].tally.late, 1);
    assert_int_equal(d[1].unsubmitted_late, 1);
    /* open, the same lines are judged today */
    p.closed = false;
    assert_int_equal(period_line_days_late(&p, &l[0], date_from_ymd(2026, 1, 2)), 2);
    assert_int_equal(period_line_days_late(&p, &l[1], date_from_ymd(2026, 1, 2)), 3);
    assert_false(period_line_late(&p, &l[0], date_from_ymd(2025, 12, 31)));
    arena_free(&a);
}

/* ---- Markdown */

static char *md(const char *s) {
    struct buf b = BUF_INIT;
    markdown_html(&b, s);
    return buf_steal(&b);
}

static void test_markdown_is_safe(void **state) {
    (void)state;
    char *h = md("**進捗**：窓口を *改善* した\n\n- 一つ\n- 二つ");
    assert_non_null(strstr(h, "<strong>進捗</strong>"));
    assert_non_null(strstr(h, "<li>二つ</li>"));
    free(h);
    h = md("<script>alert(1)</script> <img src=x onerror=alert(1)>");
    assert_null(strstr(h, "<script"));
    assert_null(strstr(h, "<img"));
    assert_non_null(strstr(h, "&lt;script&gt;"));
    free(h);
    h = md("[click](javascript:alert(1)) [ok](https://www.city.gotsu.lg.jp/) [x](//evil.example/)");
    assert_null(strstr(h, "javascript:"));
    assert_non_null(strstr(h, "href=\"https://www.city.gotsu.lg.jp/\""));
    assert_null(strstr(h, "evil.example"));
    free(h);
    h = md("![i](data:image/png;base64,AAAA)");
    assert_null(strstr(h, "data:"));
    free(h);
    h = md(NULL);
    assert_string_equal(h, "");
    free(h);
}

/* ---- the store */

struct walk { struct tu_demo d; int64_t plan_id, period_id, measure_id, kpi_id; };

static int walk_setup(void **state) {
    struct walk *w = calloc(1, sizeof *w);
    tu_demo_open(&w->d);
    w->plan_id = tu_plan_id(w->d.db, "322075");
    char sql[300];
    snprintf(sql, sizeof sql, "SELECT m.id FROM measure m WHERE m.plan_id = %lld AND m.code = '1-1-3'", (long long)w->plan_id);
    w->measure_id = tu_sql_int(w->d.db, sql);
    snprintf(sql, sizeof sql, "SELECT id FROM kpi WHERE measure_id = %lld", (long long)w->measure_id);
    w->kpi_id = tu_sql_int(w->d.db, sql);
    struct edit_fail fail = {0};
    assert_int_equal(store_period_open(w->d.db, w->plan_id, 2025, 3, "2025-12-31", &tu_actor, &w->period_id, &fail), 0);
    *state = w;
    return 0;
}

static int walk_teardown(void **state) {
    struct walk *w = *state;
    tu_demo_close(&w->d);
    free(w);
    return 0;
}

static const char *state_of(struct walk *w) {
    static char s[32];
    char sql[300];
    snprintf(sql, sizeof sql, "SELECT CASE state WHEN 'draft' THEN 1 WHEN 'submitted' THEN 2 WHEN 'sent_back' THEN 3 "
             "WHEN 'confirmed' THEN 4 END FROM measure_review WHERE measure_id = %lld AND fy = 2025 AND quarter = 3",
             (long long)w->measure_id);
    int64_t v = tu_sql_int(w->d.db, sql);
    snprintf(s, sizeof s, "%s", v < 0 ? "missing" : review_state_name((enum review_state)v));
    return s;
}

static int64_t audit_count(struct walk *w) {
    return tu_sql_int(w->d.db, "SELECT count(*) FROM audit WHERE entity = 'measure_review'");
}

static void test_review_walk(void **state) {
    struct walk *w = *state;
    struct edit_fail fail = {0};
    struct review_kpi_value v = {w->kpi_id, 20, "窓口集計"};
    struct review_input in = {.rating = "on_track", .text = "先進地視察を実施", .values = &v, .n_values = 1};
    assert_int_equal(store_review_step(w->d.db, w->period_id, w->measure_id, STEP_SAVE, &in, &tu_actor, &fail), 0);
    assert_string_equal(state_of(w), "draft");
    /* the KPI value is the measurement at the quarter's end, replaced on the next save */
    char sql[300];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM kpi_measurement WHERE kpi_id = %lld AND period = '2025-12-31'",
             (long long)w->kpi_id);
    assert_int_equal(tu_sql_int(w->d.db, sql), 1);
    v.value = 25;
    assert_int_equal(store_review_step(w->d.db, w->period_id, w->measure_id, STEP_SUBMIT, &in, &tu_actor, &fail), 0);
    assert_int_equal(tu_sql_int(w->d.db, sql), 1);
    snprintf(sql, sizeof sql, "SELECT value FROM kpi_measurement WHERE kpi_id = %lld AND period = '2025-12-31'",
             (long long)w->kpi_id);
    assert_int_equal(tu_sql_int(w->d.db, sql), 25);
    assert_string_equal(state_of(w), "submitted");

    /* a submitted review is locked for the reporter, and cannot be confirmed twice */
    assert_int_equal(store_review_step(w->d.db, w->period_id, w->measure_id, STEP_SAVE, &in, &tu_actor, &fail),
                     KW_ECONFLICT);
    assert_string_equal(fail.field, "state");
    struct review_input back = {.comment = "   "};
    memset(&fail, 0, sizeof fail);
    assert_int_equal(store_review_step(w->d.db, w->period_id, w->measure_id, STEP_SEND_BACK, &back, &tu_actor, &fail),
                     KW_EINVAL);
    assert_string_equal(fail.field, "comment");
    back.comment = "KPIの根拠を書いてください";
    assert_int_equal(store_review_step(w->d.db, w->period_id, w->measure_id, STEP_SEND_BACK, &back, &tu_actor, &fail), 0);
    assert_string_equal(state_of(w), "sent_back");
    assert_int_equal(store_review_step(w->d.db, w->period_id, w->measure_id, STEP_SUBMIT, &in, &tu_actor, &fail), 0);
    struct review_input none = {0};
    assert_int_equal(store_review_step(w->d.db, w->period_id, w->measure_id, STEP_CONFIRM, &none, &tu_actor, &fail), 0);
    assert_string_equal(state_of(w), "confirmed");
    struct review_input decide = {.decision = "expand", .decision_note = "他課にも展開"};
    assert_int_equal(store_review_step(w->d.db, w->period_id, w->measure_id, STEP_DECIDE, &decide, &tu_actor, &fail), 0);
    /* six steps, six audit rows, each with the state after it */
    assert_int_equal(audit_count(w), 6);
    assert_int_equal(tu_sql_int(w->d.db, "SELECT count(*) FROM audit WHERE entity = 'measure_review' AND action = 'decide' "
                                         "AND after_json LIKE '%\"decision\":\"expand\"%' AND before_json LIKE '%confirmed%'"), 1);

    /* the period's lines show it; the others are missing and late after the deadline */
    struct arena a = ARENA_INIT;
    struct review_period p;
    assert_int_equal(store_period_load(w->d.db, &a, w->period_id, &p), 0);
    struct period_line *lines;
    size_t n;
    assert_int_equal(store_period_lines(w->d.db, &a, &p, &lines, &n), 0);
    assert_int_equal(n, 30);
    int confirmed = 0, missing = 0;
    for (size_t i = 0; i < n; i++) {
        confirmed += lines[i].review.state == REVIEW_CONFIRMED;
        missing += lines[i].review.state == REVIEW_MISSING;
        if (lines[i].measure_id == w->measure_id) {
            assert_string_equal(lines[i].review.decision, "expand");
            assert_int_equal(lines[i].kpis_due, 0);              /* a value was given this quarter */
            assert_string_equal(lines[i].dept_name, "窓口担当課");
        }
    }
    assert_int_equal(confirmed, 1);
    assert_int_equal(missing, 29);

    /* closing makes everything read-only */
    assert_int_equal(store_period_close(w->d.db, w->period_id, &tu_actor, &fail), 0);
    assert_int_equal(store_period_close(w->d.db, w->period_id, &tu_actor, &fail), KW_ECONFLICT);
    int64_t before = audit_count(w);
    assert_int_equal(store_review_step(w->d.db, w->period_id, w->measure_id, STEP_DECIDE, &decide, &tu_actor, &fail),
                     KW_ECONFLICT);
    assert_string_equal(fail.field, "period");
    assert_int_equal(audit_count(w), before);
    arena_free(&a);
}

/* Bad input changes nothing: not even the KPI values sent with it. */
static void test_review_bad_input_changes_nothing(void **state) {
    struct walk *w = *state;
    struct edit_fail fail = {0};
    int64_t rows = tu_sql_int(w->d.db, "SELECT count(*) FROM kpi_measurement");
    struct review_kpi_value v = {w->kpi_id, 20, NULL};
    struct review_input in = {.rating = "excellent", .text = "x", .values = &v, .n_values = 1};
    assert_int_equal(store_review_step(w->d.db, w->period_id, w->measure_id, STEP_SUBMIT, &in, &tu_actor, &fail), KW_EINVAL);
    assert_string_equal(fail.field, "rating");
    in.rating = NULL;
    assert_int_equal(store_review_step(w->d.db, w->period_id, w->measure_id, STEP_SUBMIT, &in, &tu_actor, &fail), KW_EINVAL);
    in.rating = "on_track";
    v.kpi_id = 1;                                                     /* another measure's KPI */
    memset(&fail, 0, sizeof fail);
    assert_int_equal(store_review_step(w->d.db, w->period_id, w->measure_id, STEP_SUBMIT, &in, &tu_actor, &fail), KW_EINVAL);
    assert_string_equal(fail.field, "kpi_values");
    assert_int_equal(store_review_step(w->d.db, w->period_id, 999999, STEP_SAVE, &in, &tu_actor, &fail), KW_ENOTFOUND);
    assert_int_equal(store_review_step(w->d.db, 999999, w->measure_id, STEP_SAVE, &in, &tu_actor, &fail), KW_ENOTFOUND);
    struct review_input decide = {.decision = "maybe"};
    assert_int_equal(store_review_step(w->d.db, w->period_id, w->measure_id, STEP_DECIDE, &decide, &tu_actor, &fail),
                     KW_ECONFLICT);                                   /* nothing reported yet */
    assert_int_equal(tu_sql_int(w->d.db, "SELECT count(*) FROM kpi_measurement"), rows);
    assert_int_equal(tu_sql_int(w->d.db, "SELECT count(*) FROM measure_review WHERE fy = 2025"), 0);
    assert_int_equal(audit_count(w), 0);
    /* the same quarter cannot be opened twice */
    assert_int_equal(store_period_open(w->d.db, w->plan_id, 2025, 3, "2026-01-15", &tu_actor, NULL, &fail), KW_ECONFLICT);
}

/* Last quarter's report is offered as the starting point. */
static void test_previous_quarter(void **state) {
    struct walk *w = *state;
    struct edit_fail fail = {0};
    struct review_input in = {.rating = "on_track", .text = "Q3の報告", .issues = "人員"};
    assert_int_equal(store_review_step(w->d.db, w->period_id, w->measure_id, STEP_SUBMIT, &in, &tu_actor, &fail), 0);
    int64_t q4;
    assert_int_equal(store_period_open(w->d.db, w->plan_id, 2025, 4, "2026-03-31", &tu_actor, &q4, &fail), 0);
    struct arena a = ARENA_INIT;
    struct review_period p;
    assert_int_equal(store_period_load(w->d.db, &a, q4, &p), 0);
    struct review cur, prev;
    assert_int_equal(store_review_get(w->d.db, &a, &p, w->measure_id, &cur, &prev), 0);
    assert_int_equal(cur.state, REVIEW_MISSING);
    assert_int_equal(prev.state, REVIEW_SUBMITTED);
    assert_string_equal(prev.text, "Q3の報告");
    assert_string_equal(prev.issues, "人員");
    struct review_period *v;
    size_t n;
    assert_int_equal(store_periods(w->d.db, &a, w->plan_id, &v, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(v[0].quarter, 4);                                /* newest first */
    arena_free(&a);
}

/* The public reads a rating once the office confirmed it or the HQ decided on it, never before. */
static void test_public_reviews(void **state) {
    (void)state;
    struct review rv = {.rating = (char *)"on_track"};
    const enum review_state hidden[] = {REVIEW_MISSING, REVIEW_DRAFT, REVIEW_SUBMITTED, REVIEW_SENT_BACK};
    for (size_t i = 0; i < sizeof hidden / sizeof *hidden; i++) {
        rv.state = hidden[i];
        assert_false(review_is_public(&rv));
    }
    rv.state = REVIEW_CONFIRMED;
    assert_true(review_is_public(&rv));
    rv.state = REVIEW_SUBMITTED;                      /* decided by the HQ before the office confirmed */
    rv.decision = (char *)"continue";
    assert_true(review_is_public(&rv));
    rv.state = REVIEW_SENT_BACK;                      /* sent back after the decision: the office's again */
    assert_false(review_is_public(&rv));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_public_reviews),
        cmocka_unit_test(test_steps_follow_the_cycle),
        cmocka_unit_test(test_names_and_decisions),
        cmocka_unit_test(test_quarter_dates),
        cmocka_unit_test(test_days_late),
        cmocka_unit_test(test_closed_period_keeps_who_was_late),
        cmocka_unit_test(test_markdown_is_safe),
        cmocka_unit_test_setup_teardown(test_review_walk, walk_setup, walk_teardown),
        cmocka_unit_test_setup_teardown(test_review_bad_input_changes_nothing, walk_setup, walk_teardown),
        cmocka_unit_test_setup_teardown(test_previous_quarter, walk_setup, walk_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
