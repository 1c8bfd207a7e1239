/* The reminder sweep (see remind.h): records first, then e-mails, so that a message is never
 * sent for a reminder that was not recorded, and a failed send is kept for the next sweep. */
#include <stdio.h>
#include <string.h>
#include "core/errors.h"
#include "notify/remind.h"

static void log_recorded(FILE *log, const struct reminder *m) {
    if (log)
        fprintf(log, "reminder %-6s %d年度 第%d四半期 (period %lld, deadline %s) %s (department %lld): %d measure(s) owed%s\n",
                m->kind, m->fy, m->quarter, (long long)m->period_id, m->deadline, m->dept_name, (long long)m->dept_id,
                m->owed, m->mail_to ? "; e-mail due" : "");
}

/* The message for a reminder: its notification, and the link to the department's work. */
static void reminder_body(struct buf *out, const struct reminder *m, const struct mail_config *mc) {
    buf_puts(out, m->body);
    if (m->link)
        buf_printf(out, "\n報告はこちらから：%s%s\n", mc->base_url, m->link);
    buf_puts(out, "\n-- \nkawaru（変わる）からの自動送信です。\n");
}

/* Sends one claimed reminder and records the outcome; *unreachable when the server was not. */
static int mail_one(struct db *db, const struct reminder *m, const struct mail_config *mc, const struct actor *who,
                    FILE *log, struct remind_result *res, bool *unreachable) {
    struct buf body = BUF_INIT;
    reminder_body(&body, m, mc);
    struct mail_message msg = {mc->from, m->mail_to, m->subject, buf_cstr(&body)};
    char err[512] = "";
    bool ok = mail_send(mc, &msg, err, sizeof err, unreachable) == 0;
    buf_free(&body);
    if (log)
        fprintf(log, "e-mail %-6s reminder %lld (%s) to %s: %s%s\n", m->kind, (long long)m->id, m->dept_name,
                m->mail_to, ok ? "sent" : "failed: ", ok ? "" : err);
    ok ? res->mailed++ : res->failed++;
    return store_reminder_mailed(db, m->id, ok, err, who);
}

static int send_due(struct db *db, kw_date today, const struct mail_config *mc, const struct actor *who, FILE *log,
                    struct remind_result *res) {
    struct arena a = ARENA_INIT;
    struct reminder *v;
    size_t n;
    int rc = store_reminders_unmailed(db, &a, today, &v, &n);
    bool unreachable = false;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (unreachable) {
            res->deferred++;
            continue;
        }
        int claim = store_reminder_claim(db, v[i].id);
        if (claim == KW_ECONFLICT)            /* another sweep has it */
            continue;
        rc = claim < 0 ? claim : mail_one(db, &v[i], mc, who, log, res, &unreachable);
    }
    if (log && res->deferred)
        fprintf(log, "e-mail: %d more wait for the next run: the SMTP server could not be reached\n", res->deferred);
    arena_free(&a);
    return rc;
}

int remind_sweep(struct db *db, kw_date today, const struct mail_config *mc, const struct actor *who, FILE *log,
                 struct remind_result *ret) {
    struct arena a = ARENA_INIT;
    struct reminder *v;
    size_t n;
    memset(ret, 0, sizeof *ret);
    int rc = store_reminders_record(db, &a, today, who, &v, &n);
    for (size_t i = 0; i < n; i++)
        log_recorded(log, &v[i]);
    ret->recorded = (int)n;
    arena_free(&a);
    if (rc == 0 && mc->enabled)
        rc = send_due(db, today, mc, who, log, ret);
    return rc;
}

void remind_tick(const char *db_path, time_t *next) {
    time_t now = time(NULL);
    if (*next == 0)
        *next = now + REMIND_FIRST_DELAY_S;
    if (now < *next)
        return;
    *next = now + REMIND_INTERVAL_S;
    static const struct actor server_actor = {"remind", "server"};
    char err[512];
    struct mail_config mc;
    struct db *db = NULL;
    if (mail_config_from_env(&mc, err, sizeof err) < 0 || db_open(db_path, 0, &db, err, sizeof err) < 0) {
        fprintf(stderr, "kawaru: reminders: %s\n", err);
        return;
    }
    struct remind_result res;
    int rc = remind_sweep(db, date_today(), &mc, &server_actor, NULL, &res);
    db_close(db);
    if (rc < 0)
        fprintf(stderr, "kawaru: reminders: %s\n", kw_strerror(rc));
    if (res.recorded || res.mailed || res.failed)
        printf("kawaru: reminders: %d recorded, %d e-mail(s) sent, %d failed, %d waiting\n", res.recorded, res.mailed,
               res.failed, res.deferred);
    fflush(stdout);
}
