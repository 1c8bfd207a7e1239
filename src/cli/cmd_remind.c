/* kawaru remind: one reminder sweep, for cron (the server also runs it every hour). Records the
 * reminders due (each department's inbox), sends their e-mails through the SMTP server of
 * KAWARU_SMTP_URL, and prints what it did. Exit 0; 1 when an e-mail could not be sent (it is
 * tried again by the next run); 2 on bad usage or configuration; 3 when storage fails. */
#include <stdio.h>
#include "cli/cli.h"
#include "core/errors.h"
#include "core/fiscal.h"
#include "notify/remind.h"

static const struct actor remind_actor = {"remind", "cli"};

static void print_summary(const struct mail_config *mc, const struct remind_result *res) {
    printf("remind: %d reminder(s) recorded", res->recorded);
    if (mc->enabled)
        printf(", %d e-mail(s) sent, %d failed, %d waiting\n", res->mailed, res->failed, res->deferred);
    else
        printf("; no e-mail: KAWARU_SMTP_URL is not set\n");
}

int cmd_remind(int argc, char **argv) {
    const struct command *cmd = cli_find("remind");
    const char *dbpath = NULL, *today_s = NULL;
    struct cli_opt opts[] = {{"--db", false, &dbpath, NULL}, {"--today", false, &today_s, NULL},
                             {NULL, false, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (cli_parse(cmd, argc, argv, opts, pos, 0, &npos) < 0)
        return EXIT_USAGE;
    kw_date today = date_today();
    if (!dbpath || (today_s && date_parse(today_s, &today) < 0)) {
        fprintf(stderr, "kawaru remind: %s\nusage: kawaru %s\n",
                !dbpath ? "needs --db DB" : "--today wants a date YYYY-MM-DD", cmd->usage);
        return EXIT_USAGE;
    }
    char err[512];
    struct mail_config mc;
    if (mail_config_from_env(&mc, err, sizeof err) < 0) {
        fprintf(stderr, "kawaru remind: %s\n", err);
        return EXIT_USAGE;
    }
    struct db *db;
    if (cli_open_db(dbpath, 0, &db) < 0)
        return EXIT_FAILURE_IO;
    struct remind_result res;
    int rc = remind_sweep(db, today, &mc, &remind_actor, stdout, &res);
    db_close(db);
    print_summary(&mc, &res);
    if (rc < 0) {
        fprintf(stderr, "kawaru remind: %s\n", kw_strerror(rc));
        return EXIT_FAILURE_IO;
    }
    return res.failed || res.deferred ? EXIT_FINDINGS : EXIT_OK;
}
