/* Tests notifications and reminders (issue 3): the rules and texts of core/notice.c, the e-mail
 * encoding of notify/mail.c (RFC 2047 subject, base64 body of a Japanese message), and the
 * reminder sweep of store_notify.c and notify/remind.c on the demo data with a period whose
 * deadline is far, near and past: which departments get which reminder, exactly once. */
#include "testutil.h"

#include <sodium.h>
#include "core/notice.h"
#include "notify/mail.h"
#include "notify/remind.h"

static const struct actor actor = {"unit-test", "cli"};

/* ---- rules and texts */

static void test_due_and_owed(void **state) {
    (void)state;
    kw_date d = date_from_ymd(2025, 12, 31);
    assert_int_equal(notice_due(d, d - 4), DUE_NONE);
    assert_int_equal(notice_due(d, d - 3), DUE_BEFORE);            /* three days before, inclusive */
    assert_int_equal(notice_due(d, d), DUE_BEFORE);                /* the day itself */
    assert_int_equal(notice_due(d, d + 1), DUE_AFTER);
    assert_int_equal(notice_due(d, d + 100), DUE_AFTER);
    assert_true(notice_owed(REVIEW_MISSING));
    assert_true(notice_owed(REVIEW_DRAFT));
    assert_true(notice_owed(REVIEW_SENT_BACK));
    assert_false(notice_owed(REVIEW_SUBMITTED));
    assert_false(notice_owed(REVIEW_CONFIRMED));
    enum notice_kind k;
    assert_int_equal(notice_kind_parse("reminder_after", &k), 0);
    assert_int_equal(k, NOTICE_REMIND_AFTER);
    assert_int_equal(notice_kind_parse("later", &k), -1);
}

static void test_texts(void **state) {
    (void)state;
    struct notice_item items[] = {{"1-1-1", "オンライン申請", REVIEW_MISSING}, {"1-1-2", "口座振替", REVIEW_DRAFT},
                                  {"1-1-3", "書かない窓口", REVIEW_SENT_BACK}};
    struct notice_period p = {2025, 3, "2025-12-31", items, 3};
    struct buf s = BUF_INIT, b = BUF_INIT;
    notice_period_text(NOTICE_REMIND_BEFORE, &p, &s, &b);
    assert_string_equal(buf_cstr(&s), "2025年度 第3四半期の見直し：提出期限は2025-12-31です（未提出 3件）");
    assert_non_null(strstr(buf_cstr(&b), "・1-1-1 オンライン申請（未着手）\n"));
    assert_non_null(strstr(buf_cstr(&b), "・1-1-2 口座振替（作成中）\n"));
    assert_non_null(strstr(buf_cstr(&b), "・1-1-3 書かない窓口（差戻し）\n"));
    buf_reset(&s);
    buf_reset(&b);
    notice_period_text(NOTICE_REMIND_AFTER, &p, &s, &b);
    assert_string_equal(buf_cstr(&s), "2025年度 第3四半期の見直し：提出期限（2025-12-31）を過ぎています（未提出 3件）");
    buf_reset(&s);
    buf_reset(&b);
    notice_sent_back_text(2025, 3, &items[2], "KPIを入れてください", &s, &b);
    assert_string_equal(buf_cstr(&s), "差戻し：1-1-3 書かない窓口（2025年度 第3四半期の見直し）");
    assert_non_null(strstr(buf_cstr(&b), "事務局からのコメント：\nKPIを入れてください\n"));
    buf_free(&s);
    buf_free(&b);
}

static void test_email_addresses(void **state) {
    (void)state;
    const char *good[] = {"madoguchi@city.gotsu.example.jp", "a.b+c@x-y.jp", "kawaru@localhost", "A_1@EXAMPLE.COM"};
    const char *bad[] = {"", "plain", "@x.jp", "a@", "a@@x.jp", "a@x..jp", "a@-x.jp", "a@x-.jp", ".a@x.jp", "a.@x.jp",
                         "a..b@x.jp", "a b@x.jp", "a@x.jp\r\nBcc: y@z.jp", "窓口@x.jp", "a@窓口.jp", "<a@x.jp>", "a@x.jp,b@y.jp"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        assert_true(notice_email_valid(good[i]));
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (notice_email_valid(bad[i]))
            fail_msg("\"%s\" was accepted", bad[i]);
    char longest[300];
    memset(longest, 'a', sizeof longest);
    memcpy(longest + 64, "@", 1);
    for (int i = 124; i < 253; i += 60) longest[i] = '.';      /* labels of at most 59 */
    longest[254] = '\0';
    longest[253] = 'p';
    assert_true(notice_email_valid(longest));                   /* 254 bytes */
    longest[254] = 'p';
    longest[255] = '\0';
    assert_false(notice_email_valid(longest));                  /* 255 bytes */
    assert_false(notice_email_valid(NULL));
}

/* ---- e-mail encoding */

static char *b64_decode(const char *b64, size_t n, size_t *ret_len) {
    char *bin = malloc(n + 1);
    size_t len = 0;
    assert_int_equal(sodium_base642bin((unsigned char *)bin, n, b64, n, "\r\n", &len, NULL,
                                       sodium_base64_VARIANT_ORIGINAL), 0);
    bin[len] = '\0';
    *ret_len = len;
    return bin;
}

/* Decodes "Subject: =?UTF-8?B?..?=\r\n =?UTF-8?B?..?=" back to the text, checking the lengths. */
static char *decode_subject(const char *encoded) {
    struct buf out = BUF_INIT;
    const char *p = encoded;
    while ((p = strstr(p, "=?UTF-8?B?"))) {
        const char *start = p + 10, *end = strstr(start, "?=");
        assert_non_null(end);
        assert_true(end + 2 - p <= 75);                         /* an encoded word is at most 75 */
        size_t len;
        char *bin = b64_decode(start, (size_t)(end - start), &len);
        buf_append(&out, bin, len);
        free(bin);
        p = end + 2;
    }
    return buf_steal(&out);
}

static void assert_lines_at_most(const char *s, size_t max) {
    for (const char *line = s; *line;) {
        const char *eol = strstr(line, "\r\n");
        size_t n = eol ? (size_t)(eol - line) : strlen(line);
        if (n > max)
            fail_msg("a line of %zu characters: %.*s", n, (int)n, line);
        assert_null(memchr(line, '\n', n));                     /* no bare LF */
        line += n + (eol ? 2 : 0);
    }
}

static void test_subject_rfc2047(void **state) {
    (void)state;
    const char *subject = "2025年度 第3四半期の見直し：提出期限は2025-12-31です（未提出 3件）";
    struct buf b = BUF_INIT;
    buf_puts(&b, "Subject: ");
    mail_encode_subject(&b, subject);
    assert_lines_at_most(buf_cstr(&b), 76);
    assert_non_null(strstr(buf_cstr(&b), "\r\n =?UTF-8?B?"));  /* folded into several words */
    for (const char *c = buf_cstr(&b); *c; c++)
        assert_true((unsigned char)*c < 0x80);                  /* 7-bit */
    char *back = decode_subject(buf_cstr(&b));
    assert_string_equal(back, subject);                         /* words split between characters */
    free(back);
    buf_reset(&b);
    mail_encode_subject(&b, "Reminder: FY2025 Q3");
    assert_string_equal(buf_cstr(&b), "Reminder: FY2025 Q3");   /* plain ASCII stays as it is */
    buf_free(&b);
}

static void test_body_base64(void **state) {
    (void)state;
    const char *body = "2025年度 第3四半期の見直しの提出期限は2025-12-31です。\n\n・1-1-3 書かない窓口（未着手）\n"
                       "・2-2-1 電子決裁の全庁展開と文書管理システムの更新による業務時間の削減（作成中）";
    struct buf b = BUF_INIT;
    mail_encode_body(&b, body);
    assert_lines_at_most(buf_cstr(&b), 76);
    assert_true(b.len > 2 && strcmp(b.data + b.len - 2, "\r\n") == 0);
    size_t len;
    char *back = b64_decode(b.data, b.len, &len);
    assert_string_equal(back, "2025年度 第3四半期の見直しの提出期限は2025-12-31です。\r\n\r\n・1-1-3 書かない窓口（未着手）\r\n"
                              "・2-2-1 電子決裁の全庁展開と文書管理システムの更新による業務時間の削減（作成中）\r\n");
    free(back);
    buf_free(&b);
}

static void test_message_headers(void **state) {
    (void)state;
    struct mail_message m = {"kawaru@city.example.jp", "madoguchi@city.example.jp", "差戻し：1-1-3 書かない窓口", "本文\n"};
    struct buf b = BUF_INIT;
    mail_format(&b, &m, 1767139200, "abc.kawaru@city.example.jp");      /* 2025-12-31T00:00:00Z */
    const char *s = buf_cstr(&b);
    assert_true(strncmp(s, "Date: Wed, 31 Dec 2025 00:00:00 +0000\r\n", 39) == 0);
    assert_non_null(strstr(s, "\r\nFrom: kawaru@city.example.jp\r\nTo: madoguchi@city.example.jp\r\nSubject: =?UTF-8?B?"));
    assert_non_null(strstr(s, "\r\nMessage-ID: <abc.kawaru@city.example.jp>\r\n"));
    assert_non_null(strstr(s, "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n"));
    const char *body = strstr(s, "\r\n\r\n");
    assert_non_null(body);
    assert_string_equal(body + 4, "5pys5paHDQo=\r\n");                   /* base64("本文\r\n") */
    assert_lines_at_most(s, 78);
    buf_free(&b);
}

static void test_mail_config(void **state) {
    (void)state;
    struct mail_config c;
    char err[256];
    unsetenv("KAWARU_SMTP_URL");
    unsetenv("KAWARU_SMTP_FROM");
    unsetenv("KAWARU_BASE_URL");
    assert_int_equal(mail_config_from_env(&c, err, sizeof err), 0);
    assert_false(c.enabled);
    assert_string_equal(c.from, "kawaru@localhost");
    setenv("KAWARU_SMTP_URL", "smtp://127.0.0.1:2525", 1);
    setenv("KAWARU_BASE_URL", "https://kawaru.example.jp/", 1);
    assert_int_equal(mail_config_from_env(&c, err, sizeof err), 0);
    assert_true(c.enabled);
    assert_string_equal(c.base_url, "https://kawaru.example.jp");
    setenv("KAWARU_SMTP_URL", "http://127.0.0.1:2525", 1);
    assert_int_equal(mail_config_from_env(&c, err, sizeof err), KW_EINVAL);
    setenv("KAWARU_SMTP_URL", "smtp://127.0.0.1:2525", 1);
    setenv("KAWARU_SMTP_FROM", "not an address", 1);
    assert_int_equal(mail_config_from_env(&c, err, sizeof err), KW_EINVAL);
    unsetenv("KAWARU_SMTP_URL");
    unsetenv("KAWARU_SMTP_FROM");
    unsetenv("KAWARU_BASE_URL");
}

/* ---- the sweep on the demo data */

struct sweep {
    struct tu_demo d;
    int64_t plan_id, period_id;
    kw_date deadline;
};

static int sweep_setup(void **state) {
    struct sweep *s = calloc(1, sizeof *s);
    tu_demo_open(&s->d);
    s->plan_id = tu_plan_id(s->d.db, "322075");
    s->deadline = date_from_ymd(2025, 12, 31);
    assert_int_equal(store_period_open(s->d.db, s->plan_id, 2025, 3, "2025-12-31", &actor, &s->period_id, NULL), 0);
    *state = s;
    return 0;
}

static int sweep_teardown(void **state) {
    struct sweep *s = *state;
    tu_demo_close(&s->d);
    free(s);
    return 0;
}

static int64_t dept_id(struct sweep *s, const char *name) {
    struct arena a = ARENA_INIT;
    struct org o;
    struct department *d;
    size_t n;
    int64_t id = 0;
    assert_int_equal(store_org_by_code(s->d.db, &a, "322075", &o), 0);
    assert_int_equal(store_departments(s->d.db, &a, o.id, &d, &n), 0);
    for (size_t i = 0; i < n; i++)
        if (strcmp(d[i].name, name) == 0)
            id = d[i].id;
    arena_free(&a);
    assert_true(id > 0);
    return id;
}

/* Records the reminders due on day; returns how many, each of kind. */
static size_t record(struct sweep *s, kw_date day, const char *kind) {
    struct arena a = ARENA_INIT;
    struct reminder *v;
    size_t n;
    assert_int_equal(store_reminders_record(s->d.db, &a, day, &actor, &v, &n), 0);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(v[i].kind, kind);
        assert_int_equal(v[i].period_id, s->period_id);
        assert_true(v[i].owed > 0);
    }
    arena_free(&a);
    return n;
}

static int64_t sql_count(struct sweep *s, const char *sql) { return tu_sql_int(s->d.db, sql); }

/* The demo plan of 江津市 has 30 measures with 16 departments in charge of them, as the lead or
 * sharing one; 印西市's have none. */
static void test_sweep_far_near_past(void **state) {
    struct sweep *s = *state;
    /* opening told the 16 departments */
    assert_int_equal(sql_count(s, "SELECT count(*) FROM notification WHERE kind = 'period_opened'"), 16);
    assert_int_equal(record(s, s->deadline - 30, "before"), 0);           /* far */
    assert_int_equal(record(s, s->deadline - 4, "before"), 0);
    assert_int_equal(record(s, s->deadline - 3, "before"), 16);           /* near: everyone owes */
    assert_int_equal(record(s, s->deadline - 3, "before"), 0);            /* exactly once */
    assert_int_equal(record(s, s->deadline, "before"), 0);
    /* 市民生活課 reports its one measure; 窓口担当課 saves a draft of one of its three */
    int64_t shimin = dept_id(s, "市民生活課"), madoguchi = dept_id(s, "窓口担当課");
    struct arena a = ARENA_INIT;
    struct review_period p;
    struct period_line *lines;
    size_t n;
    assert_int_equal(store_period_load(s->d.db, &a, s->period_id, &p), 0);
    assert_int_equal(store_period_lines(s->d.db, &a, &p, &lines, &n), 0);
    struct review_input submit = {.rating = "on_track", .text = "実施した"};
    bool drafted = false;
    for (size_t i = 0; i < n; i++) {
        if (lines[i].dept_id == shimin)
            assert_int_equal(store_review_step(s->d.db, s->period_id, lines[i].measure_id, STEP_SUBMIT, &submit, &actor, NULL), 0);
        if (lines[i].dept_id == madoguchi && !drafted)
            drafted = store_review_step(s->d.db, s->period_id, lines[i].measure_id, STEP_SAVE, &submit, &actor, NULL) == 0;
    }
    assert_true(drafted);
    assert_int_equal(record(s, s->deadline + 1, "after"), 15);            /* past: all but 市民生活課 */
    assert_int_equal(record(s, s->deadline + 1, "after"), 0);
    assert_int_equal(record(s, s->deadline + 40, "after"), 0);
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM reminder WHERE department_id = %lld", (long long)shimin);
    assert_int_equal(sql_count(s, sql), 1);                                       /* before only */
    /* a draft still owes: 窓口担当課's after reminder lists its three measures, the draft as 作成中 */
    struct inbox box;
    assert_int_equal(store_inbox(s->d.db, &a, madoguchi, 0, 0, &box), 0);
    assert_int_equal(box.total, 3);
    assert_int_equal(box.unread, 3);
    assert_string_equal(box.items[0].kind, "reminder_after");
    assert_string_equal(box.items[1].kind, "reminder_before");
    assert_string_equal(box.items[2].kind, "period_opened");
    assert_non_null(strstr(box.items[0].subject, "（未提出 3件）"));
    assert_non_null(strstr(box.items[0].body, "（作成中）"));
    snprintf(sql, sizeof sql, "/periods/%lld/work?dept=%lld", (long long)s->period_id, (long long)madoguchi);
    assert_string_equal(box.items[0].link, sql);
    /* every notification has its audit row; reminders too */
    assert_int_equal(sql_count(s, "SELECT count(*) FROM audit WHERE entity = 'notification' AND action = 'create'"),
                     sql_count(s, "SELECT count(*) FROM notification"));
    assert_int_equal(sql_count(s, "SELECT count(*) FROM audit WHERE entity = 'reminder'"), 31);
    assert_int_equal(sql_count(s, "SELECT count(*) FROM reminder WHERE mail_status <> 'none'"), 0);
    /* a closed period reminds nobody */
    assert_int_equal(store_period_close(s->d.db, s->period_id, &actor, NULL), 0);
    int64_t reminders = sql_count(s, "SELECT count(*) FROM reminder");
    assert_int_equal(record(s, s->deadline + 50, "after"), 0);
    assert_int_equal(sql_count(s, "SELECT count(*) FROM reminder"), reminders);
    arena_free(&a);
}

static void test_mark_read(void **state) {
    struct sweep *s = *state;
    int64_t madoguchi = dept_id(s, "窓口担当課");
    struct arena a = ARENA_INIT;
    struct inbox box;
    assert_int_equal(store_inbox(s->d.db, &a, madoguchi, 0, 0, &box), 0);
    assert_int_equal(box.unread, 1);
    int64_t id = box.items[0].id;
    assert_int_equal(store_notification_read(s->d.db, id, &actor), 0);
    assert_int_equal(store_notification_read(s->d.db, id, &actor), 0);            /* again: nothing changes */
    assert_int_equal(store_notification_read(s->d.db, 999999, &actor), KW_ENOTFOUND);
    assert_int_equal(store_inbox(s->d.db, &a, madoguchi, 0, 0, &box), 0);
    assert_int_equal(box.unread, 0);
    assert_non_null(box.items[0].read_at);
    assert_int_equal(sql_count(s, "SELECT count(*) FROM audit WHERE entity = 'notification' AND action = 'read'"), 1);
    assert_int_equal(store_inbox(s->d.db, &a, 999999, 0, 0, &box), KW_ENOTFOUND);
    arena_free(&a);
}

static void test_department_email(void **state) {
    struct sweep *s = *state;
    int64_t madoguchi = dept_id(s, "窓口担当課");
    struct department_patch none = {0}, rename = {.name = "総務課"};        /* a name another department has */
    struct edit_fail fail = {0};
    int64_t audits = sql_count(s, "SELECT count(*) FROM audit");
    assert_int_equal(store_department_patch(s->d.db, madoguchi, &none, "not an address", &actor, &fail), KW_EINVAL);
    assert_string_equal(fail.field, "email");
    assert_int_equal(store_department_patch(s->d.db, madoguchi, &rename, "a@city.example.jp", &actor, &fail), KW_ECONFLICT);
    assert_int_equal(sql_count(s, "SELECT count(*) FROM department WHERE email IS NOT NULL"), 0);    /* nothing changed */
    assert_int_equal(sql_count(s, "SELECT count(*) FROM audit"), audits);
    assert_int_equal(store_department_patch(s->d.db, madoguchi, &none, "a@city.example.jp", &actor, &fail), 0);
    struct arena a = ARENA_INIT;
    struct department_contact dc;
    assert_int_equal(store_department_contact(s->d.db, &a, madoguchi, &dc), 0);
    assert_string_equal(dc.email, "a@city.example.jp");
    assert_int_equal(store_department_patch(s->d.db, madoguchi, &none, "", &actor, &fail), 0);   /* "" clears */
    assert_int_equal(store_department_contact(s->d.db, &a, madoguchi, &dc), 0);
    assert_null(dc.email);
    assert_int_equal(sql_count(s, "SELECT count(*) FROM audit WHERE entity = 'department' AND action = 'update' "
                                  "AND after_json ->> '$.email' IS NULL AND before_json ->> '$.email' = 'a@city.example.jp'"), 1);
    assert_int_equal(store_department_patch(s->d.db, 999999, &none, "a@city.example.jp", &actor, &fail), KW_ENOTFOUND);
    arena_free(&a);
}

/* E-mail is recorded as pending, claimed by one sweep only, and a failure is tried again. */
static void test_mail_claims(void **state) {
    struct sweep *s = *state;
    int64_t madoguchi = dept_id(s, "窓口担当課");
    struct department_patch none = {0};
    assert_int_equal(store_department_patch(s->d.db, madoguchi, &none, "madoguchi@city.example.jp", &actor, NULL), 0);
    assert_int_equal(record(s, s->deadline - 1, "before"), 16);
    assert_int_equal(sql_count(s, "SELECT count(*) FROM reminder WHERE mail_status = 'pending'"), 1);
    struct arena a = ARENA_INIT;
    struct reminder *v;
    size_t n;
    assert_int_equal(store_reminders_unmailed(s->d.db, &a, s->deadline + 1, &v, &n), 0);
    assert_int_equal(n, 0);                                                       /* "before" is stale after it */
    assert_int_equal(store_reminders_unmailed(s->d.db, &a, s->deadline, &v, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(v[0].mail_to, "madoguchi@city.example.jp");
    assert_non_null(strstr(v[0].subject, "第3四半期"));
    assert_int_equal(store_reminder_claim(s->d.db, v[0].id), 0);
    assert_int_equal(store_reminder_claim(s->d.db, v[0].id), KW_ECONFLICT);      /* another sweep cannot */
    assert_int_equal(store_reminders_unmailed(s->d.db, &a, s->deadline - 1, &v, &n), 0);
    assert_int_equal(n, 0);
    int64_t id = tu_sql_int(s->d.db, "SELECT id FROM reminder WHERE mail_status = 'sending'");
    assert_int_equal(store_reminder_mailed(s->d.db, id, false, "connection refused", &actor), 0);
    assert_int_equal(store_reminders_unmailed(s->d.db, &a, s->deadline - 1, &v, &n), 0);
    assert_int_equal(n, 1);                                                       /* failed: tried again */
    assert_string_equal(v[0].mail_error, "connection refused");
    /* a sweep against a server that is not there: the e-mail fails again and stays due */
    struct mail_config mc = {.enabled = true, .url = "smtp://127.0.0.1:1", .from = "kawaru@localhost"};
    struct remind_result res;
    assert_int_equal(remind_sweep(s->d.db, s->deadline - 1, &mc, &actor, NULL, &res), 0);
    assert_int_equal(res.recorded, 0);
    assert_int_equal(res.mailed, 0);
    assert_int_equal(res.failed, 1);
    assert_int_equal(sql_count(s, "SELECT mail_attempts FROM reminder WHERE mail_status = 'failed'"), 2);
    assert_int_equal(store_reminder_claim(s->d.db, id), 0);
    assert_int_equal(store_reminder_mailed(s->d.db, id, true, NULL, &actor), 0);
    assert_int_equal(store_reminders_unmailed(s->d.db, &a, s->deadline - 1, &v, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(sql_count(s, "SELECT count(*) FROM audit WHERE entity = 'reminder' AND action = 'mail_sent'"), 1);
    arena_free(&a);
}

/* The server's hourly run: not at start, then on its own connection to the database file. */
static void test_server_tick(void **state) {
    struct sweep *s = *state;
    char path[600];
    tu_db_path(s->d.dir, path, sizeof path);
    unsetenv("KAWARU_SMTP_URL");
    time_t next = 0, before = time(NULL);
    remind_tick(path, &next);                                                    /* the first call only schedules */
    assert_true(next >= before + REMIND_FIRST_DELAY_S);
    assert_int_equal(sql_count(s, "SELECT count(*) FROM reminder"), 0);
    /* due now: today is far from 2025-12-31 unless the clock says otherwise, so move the deadline */
    char deadline[16];
    date_format(date_today() + 2, deadline, sizeof deadline);
    struct db_stmt *st = tu_sql(s->d.db, "UPDATE review_period SET deadline = ?1");
    db_bind_text(st, 1, deadline);
    assert_int_equal(db_step_done(s->d.db, st), 0);
    next = 1;
    remind_tick(path, &next);
    assert_true(next >= before + REMIND_INTERVAL_S);
    assert_int_equal(sql_count(s, "SELECT count(*) FROM reminder WHERE kind = 'before'"), 16);
    remind_tick(path, &next);                                                    /* not due again yet */
    assert_int_equal(sql_count(s, "SELECT count(*) FROM audit WHERE entity = 'reminder' AND actor = 'remind'"), 16);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_due_and_owed),
        cmocka_unit_test(test_texts),
        cmocka_unit_test(test_email_addresses),
        cmocka_unit_test(test_subject_rfc2047),
        cmocka_unit_test(test_body_base64),
        cmocka_unit_test(test_message_headers),
        cmocka_unit_test(test_mail_config),
        cmocka_unit_test_setup_teardown(test_sweep_far_near_past, sweep_setup, sweep_teardown),
        cmocka_unit_test_setup_teardown(test_mark_read, sweep_setup, sweep_teardown),
        cmocka_unit_test_setup_teardown(test_department_email, sweep_setup, sweep_teardown),
        cmocka_unit_test_setup_teardown(test_mail_claims, sweep_setup, sweep_teardown),
        cmocka_unit_test_setup_teardown(test_server_tick, sweep_setup, sweep_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
