/* The reminder sweep (issue 3): record the reminders due today in the database, then send
 * their e-mails outside any transaction. Run by `kawaru remind` (for cron) and once an hour by
 * `kawaru serve`. */
#ifndef KAWARU_NOTIFY_REMIND_H
#define KAWARU_NOTIFY_REMIND_H
#include <stdio.h>
#include <time.h>
#include "core/fiscal.h"
#include "notify/mail.h"
#include "store/store.h"

struct remind_result {
    int recorded;        /* reminders recorded (inbox notifications) */
    int mailed, failed;  /* e-mails sent, and failed (tried again by the next sweep) */
    int deferred;        /* e-mails not tried because the server could not be reached */
};

/* One sweep on db for the date today: store_reminders_record, then every e-mail due (new ones,
 * and ones that failed before), each claimed first so that two sweeps at once never send a
 * message twice. After a server that cannot be reached, the rest wait for the next sweep.
 * Writes a line per reminder and per e-mail to log (NULL: nothing). Returns 0, or the
 * storage error (what was done so far is in *ret). */
int remind_sweep(struct db *db, kw_date today, const struct mail_config *mc, const struct actor *who, FILE *log,
                 struct remind_result *ret);

/* The server's hourly sweep: the first REMIND_FIRST_DELAY_S after start, then every
 * REMIND_INTERVAL_S, each on a connection of its own to db_path (opened and closed around it),
 * with the mail configuration of the environment. *next (0 at start) is the time of the next. */
enum { REMIND_FIRST_DELAY_S = 300, REMIND_INTERVAL_S = 3600 };
void remind_tick(const char *db_path, time_t *next);

#endif
