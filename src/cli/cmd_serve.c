/* kawaru serve: open the database and run the HTTP server until SIGINT/SIGTERM, with the
 * reminder sweep once an hour beside it. Before serving, the latest versions stored before
 * migrations 25 and 27 are indexed (once: version_index_missing, xfer/versions.h). Scheduled
 * backups (--backup-dir) run on the same tick (cmd_backup.c); the server's claim on the database
 * file makes `kawaru restore` refuse while it serves. */
#include <stdio.h>
#include <stdlib.h>
#include "cli/cli.h"
#include "server/server.h"
#include "notify/remind.h"
#include "store/db.h"
#include "xfer/versions.h"

struct sweep { const char *db_path; time_t next; struct backup_schedule backup; };

/* Once a second from the server's main thread: the reminder sweep and a scheduled backup when due. */
static void sweep_tick(void *arg) {
    struct sweep *s = arg;
    remind_tick(s->db_path, &s->next);
    backup_schedule_tick(&s->backup);
}

int cmd_serve(int argc, char **argv) {
    const struct command *cmd = cli_find("serve");
    const char *dbpath = "kawaru.db", *listen = "127.0.0.1:8080", *threads = NULL, *bdir = NULL, *bevery = NULL,
               *bkeep = NULL, *proxies = NULL;
    bool no_cache = false;
    struct cli_opt opts[] = {{"--db", false, &dbpath, NULL}, {"--listen", false, &listen, NULL},
                             {"--threads", false, &threads, NULL}, {"--no-cache", true, NULL, &no_cache},
                             {"--backup-dir", false, &bdir, NULL}, {"--backup-every", false, &bevery, NULL},
                             {"--backup-keep", false, &bkeep, NULL}, {"--trusted-proxy", false, &proxies, NULL},
                             {NULL, false, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (cli_parse(cmd, argc, argv, opts, pos, 0, &npos) < 0)
        return EXIT_USAGE;
    int nthreads = threads ? atoi(threads) : 0;
    if (threads && (nthreads < 1 || nthreads > 256)) {
        fprintf(stderr, "kawaru serve: --threads wants a number from 1 to 256\n");
        return EXIT_USAGE;
    }
    static struct sweep sweep;                   /* static: a backup's thread may outlive this frame at exit */
    sweep.db_path = dbpath;
    if (backup_schedule_init(&sweep.backup, dbpath, bdir, bevery, bkeep) < 0)
        return EXIT_USAGE;
    struct db *db;
    size_t counted = 0;
    if (cli_open_db(dbpath, 0, &db) < 0)
        return EXIT_FAILURE_IO;
    int rc = version_index_missing(db, &counted);
    db_close(db);
    if (rc < 0) {
        fprintf(stderr, "kawaru serve: the published versions could not be indexed\n");
        return EXIT_FAILURE_IO;
    }
    if (counted)
        fprintf(stderr, "kawaru serve: indexed %zu published version%s (their open-data rows and measures)\n", counted,
                counted == 1 ? "" : "s");
    char err[512];
    if (db_serving_claim(dbpath, err, sizeof err) < 0) {       /* held until the process ends */
        fprintf(stderr, "kawaru serve: %s\n", err);
        return EXIT_FAILURE_IO;
    }
    struct server_config cfg = {.db_path = dbpath, .listen = listen, .threads = nthreads, .no_cache = no_cache,
                                .trusted_proxies = proxies, .tick = sweep_tick, .tick_arg = &sweep};
    return server_run(&cfg) == 0 ? EXIT_OK : EXIT_FAILURE_IO;
}
