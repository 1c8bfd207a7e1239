/* The command table and helpers shared by the cmd_*.c commands (SPEC §4.1). */
#ifndef KAWARU_CLI_CLI_H
#define KAWARU_CLI_CLI_H
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;
    const char *help;
};

extern const struct command commands[];

/* Exit codes: 0 ok, 1 check found errors, 2 usage or bad input, 3 storage or I/O failure. */
enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2, EXIT_FAILURE_IO = 3 };

int cli_main(int argc, char **argv);
/* Prints "usage: kawaru <usage>" and the help of cmd to stdout. */
void cli_print_help(const struct command *cmd);
const struct command *cli_find(const char *name);
/* Parses --name VALUE / --name=VALUE options in argv (flags take no value). Unknown options
 * and missing values are errors that print usage and return -1; positional arguments are
 * collected into ret_pos. */
struct cli_opt { const char *name; bool flag; const char **value; bool *set; };
int cli_parse(const struct command *cmd, int argc, char **argv, struct cli_opt *opts,
              const char **ret_pos, int max_pos, int *ret_npos);
/* Reads a whole file (malloc'd, NUL-terminated); NULL and a message on failure. */
char *cli_read_file(const char *path, size_t *ret_len);
struct db;
/* Opens the database at path (db_open flags), waiting for other writers (the server's) up to
 * DB_PATIENT_MS; -1 after a message on stderr. */
int cli_open_db(const char *path, int flags, struct db **ret);
/* The id of the organisation with code, or 0 after a message naming the command who. */
int64_t cli_org_id(struct db *db, const char *code, const char *who);
/* The exit code of a store error: EXIT_FAILURE_IO for storage, I/O and a database that stayed
 * busy, else EXIT_USAGE. */
int cli_exit_code(int rc);

int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_remind(int argc, char **argv);                 /* cmd_remind.c */
int cmd_user(int argc, char **argv);                   /* cmd_user.c */
int cmd_backup(int argc, char **argv);                 /* cmd_backup.c */
int cmd_restore(int argc, char **argv);                /* cmd_backup.c */
int cmd_migrate(int argc, char **argv);                /* cmd_migrate.c */
/* kawaru serve --backup-dir DIR [--backup-every HOURS] [--backup-keep N] (cmd_backup.c): a backup
 * every HOURS (fractions allowed, at least a second's worth) into DIR, named by the time, the
 * newest N kept. Taken on a thread of its own, so the server's tick never waits for it; a failure
 * is logged and tried again the next time. */
struct backup_schedule {
    const char *db_path, *dir;        /* dir NULL: no scheduled backups */
    time_t every_s, next;
    size_t keep;
    atomic_bool running;
};
/* Checks the options (every, keep may be NULL: 24 hours, 7); -1 after a message. */
int backup_schedule_init(struct backup_schedule *s, const char *db_path, const char *dir, const char *every,
                         const char *keep);
/* Called once a second by the server's tick: starts a backup when one is due and none runs. */
void backup_schedule_tick(struct backup_schedule *s);
/* The demo users of init --demo (cmd_user.c): one per role for 江津市, their random passwords
 * printed and written to DBPATH.demo-users (mode 0600). */
int cli_demo_users(struct db *db, const char *dbpath);
/* kawaru import of a CSV file of KPI measurements (cmd_import_csv.c). */
bool cli_is_csv_path(const char *path);
int cmd_import_csv(const char *dbpath, const char *plan, const char **files, int nfiles);
/* Messages in Japanese when the locale is Japanese (LC_ALL or LANG ja…; cmd_import_csv.c). */
bool cli_japanese(void);
/* kawaru import --survey FILE.csv: the workload survey (cmd_import_survey.c); org: --org or NULL. */
int cmd_import_survey(const char *dbpath, const char *org, const char *path, int nfiles);
/* cmd_import_sheet.c: a measure list (xlsx, or CSV in the 個別業務一覧 layout) */
struct import_opts;
bool cli_is_measure_list(const char *path);
int cmd_import_sheet(const char *dbpath, const char *org, const char *plan, const char *path,
                     const struct import_opts *o);

#endif
