/* The command table (one row per command, with its usage and help) and argument parsing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "core/errors.h"
#include "store/store.h"
#include "util/xmalloc.h"

const struct command commands[] = {
    {"init", cmd_init, "init [--demo] DB",
     "Create a kawaru database at DB. With --demo, load the demo plans of 江津市 (322075) and\n"
     "印西市 (122319). Refuses to overwrite an existing file."},
    {"serve", cmd_serve, "serve [--db DB] [--listen 127.0.0.1:8080] [--threads N] [--no-cache] "
              "[--backup-dir DIR [--backup-every HOURS] [--backup-keep N]] [--trusted-proxy ADDR,...]",
     "Serve the web pages and the JSON API (default database kawaru.db). --threads sets the\n"
     "worker pool (default: one per core); --no-cache answers every GET from SQLite instead of\n"
     "the in-memory response cache (for benchmarks). --backup-dir DIR takes a backup every HOURS\n"
     "(default 24; fractions allowed) into DIR as kawaru-YYYYMMDDTHHMMSSZ.db and keeps the newest N\n"
     "(default 7), deleting older ones of that naming only (docs/backup.md). A write waits up to 5 s for another's\n"
     "(a command run by hand) to end, then answers 503 with Retry-After; KAWARU_BUSY_MS in the\n"
     "environment sets that wait in milliseconds. Other commands wait up to 30 s for the\n"
     "server's writes. Behind a reverse proxy, --trusted-proxy names its addresses (e.g.\n"
     "127.0.0.1): a request from one of them counts, for the sign-in and opinion limits, at the\n"
     "address the last entry of its X-Forwarded-For gives (docs/security.md)."},
    {"import", cmd_import, "import --db DB [--replace [--prune]] [--dry-run] | --plan ID [--csv]] FILE... | "
                           "--survey FILE.csv [--org CODE]",
     "Import plan documents (kawaru-plan/1 JSON), any number of files. Every file is validated\n"
     "before anything is written; on any error nothing changes and each problem is printed with\n"
     "the path of its field. An organisation already in the database is refused unless\n"
     "--replace is given; then the document is merged by codes: what matches keeps its id and\n"
     "its history, what is new is added, what the document no longer holds is deleted when\n"
     "nothing hangs off it. Removing what has history (reviews, measurements, versions, ...) is\n"
     "refused unless --prune keeps it as abolished (廃止). Only the working draft changes:\n"
     "publishing stays a separate act. --dry-run prints the change list and writes nothing.\n"
     "With --plan ID, import KPI measurements of that plan from one CSV file (a .csv name or\n"
     "--csv; UTF-8, UTF-8 with BOM or CP932). The header names the columns, in Japanese or\n"
     "English: 施策コード/measure_code, 指標名/kpi (or kpi_id), 時点/period (2025-03-31 or\n"
     "2025/3/31), 値/value, and optionally 備考/note, 出典/source. Every row is checked first;\n"
     "problems are printed as \"line N: column: message\" and then nothing is written.\n"
     "With --survey FILE.csv, import the workload survey (業務棚卸し): one row per step of a\n"
     "business, columns 課コード/department, 調査年度/survey_fy, 業務コード/business_code,\n"
     "業務名/business, 年間件数/volume, 手順番号/step, 手順名/step_name, 所要時間（分）/minutes,\n"
     "担い手/staff, 経路/channel, the flags 紙/paper, 押印/seal, 対面/in_person, 転記/transcription,\n"
     "決裁/approval, and optionally 備考/note (docs/workload.md). Each department and survey FY in\n"
     "the file is replaced by the file's survey: businesses matched by code and steps by number\n"
     "keep their ids, the rest is added or deleted; a step with a means applied to it cannot be\n"
     "deleted. --org CODE names the organisation whose departments the codes are; it may be left\n"
     "out when the database holds only one. All or nothing, problems printed with their lines."},
    {"export", cmd_export,
     "export --db DB --org CODE [--plan ID] --format json|xlsx|csv [--table NAME] [--encoding utf-8|cp932] [-o FILE]",
     "Write an organisation's plans as a kawaru-plan/1 document (json, the default), or one plan as\n"
     "spreadsheets (to stdout, or FILE): xlsx, a workbook with the measure list laid out like the\n"
     "個別業務一覧 and sheets of KPIs, measurements, quarterly reviews, the workload inventory and the\n"
     "logic model; csv, one of those tables (--table measures|kpis|measurements|reviews|inventory|\n"
     "logic_model; measures by default) in\n"
     "UTF-8 with a byte order mark, or with --encoding cp932 in Shift_JIS. --plan may be left out\n"
     "when the organisation has one plan."},
    {"check", cmd_check, "check --db DB [--org CODE] [--format text|json]",
     "Report problems in the plans: measures without KPI, KPI targets 未決定/なし, KPIs without\n"
     "baseline, measures without a department. Exits 1 when it finds errors, 0 otherwise.\n"
     "--format json prints [{\"code\",\"severity\",\"message\",\"message_en\",\"entity\",\"url\"}, ...]\n"
     "(the message in Japanese and in English; url: the path of the entity's page)."},
    {"token", cmd_token, "token create|list|revoke --db DB ...",
     "API tokens for KPI ingestion by other systems: kawaru token create --db DB --org CODE\n"
     "--name NAME prints a new token once; token list --db DB [--org CODE]; token revoke --db DB\n"
     "ID. kawaru token SUBCOMMAND --help shows the help of each."},
    {"remind", cmd_remind, "remind --db DB [--today YYYY-MM-DD]",
     "Send the reminders of the quarterly review that are due: 3 days before a period's deadline\n"
     "(and on the day) and once after it, to each department whose measures still owe a report,\n"
     "each once. Every reminder goes to the department's inbox, and by e-mail when the department\n"
     "has a contact address and KAWARU_SMTP_URL names an SMTP server (smtp://host:port; sender\n"
     "KAWARU_SMTP_FROM, default kawaru@localhost). E-mails that failed before are tried again.\n"
     "Prints what it did; exits 1 when an e-mail could not be sent. For cron; kawaru serve also\n"
     "runs it every hour. --today sets the date (default: today)."},
    {"user", cmd_user, "user add|list|passwd|disable --db DB ...",
     "The people who sign in: kawaru user add --db DB --org CODE --login LOGIN --name NAME --role\n"
     "ROLE [--dept CODE]... [--generate] (password on stdin, or made and printed once); user list\n"
     "--db DB [--org CODE]; user passwd --db DB [--generate] LOGIN; user disable --db DB LOGIN.\n"
     "kawaru user SUBCOMMAND --help shows the help of each."},
    {"backup", cmd_backup, "backup --db DB [--force] FILE | backup --check FILE",
     "Write a consistent copy of the database to FILE while the server serves and writes it,\n"
     "from one snapshot: everything committed before the backup began is in it; writers are\n"
     "not held up. FILE is always a kawaru SQLite file: SQLite's online backup API copies a\n"
     "SQLite DB; a postgresql:// DB is read in one REPEATABLE READ transaction into a new file\n"
     "and compared with it row by row. The copy is written to FILE.tmp, checked with\n"
     "integrity_check and renamed; an existing FILE is refused unless --force. Prints the size,\n"
     "the organisations and measures, and the newest audit entry the copy holds. --check FILE\n"
     "checks a backup (integrity_check, and that this kawaru can read it) and describes it.\n"
     "kawaru serve --backup-dir DIR takes backups on a schedule (docs/backup.md)."},
    {"restore", cmd_restore,
     "restore --from BACKUP --db DB [--keep-as FILE] | restore --from BACKUP --db DB --org CODE [--dry-run] [--prune]",
     "Put data back from a backup (docs/backup.md). Without --org the whole database DB is\n"
     "replaced by BACKUP; the backup is checked first (a kawaru database, migrations no newer\n"
     "than this kawaru's), and the database being replaced is kept first (--keep-as FILE, else\n"
     "beside it as DB.before-restore-TIME). A SQLite DB: refused while a kawaru server is\n"
     "serving it (stop it first). A postgresql:// DB: servers may run; it is kept as a backup\n"
     "file, <dbname>.before-restore-TIME.db in the current folder, then replaced in one\n"
     "transaction under the writers' lock, compared row by row and recorded in the audit log;\n"
     "the servers empty their caches at the commit.\n"
     "With --org CODE only that organisation is put back, into a live database (the server may\n"
     "run), the other organisations untouched: its plan document in the backup (what export\n"
     "--format json writes) is merged into DB as import --replace merges, by codes, ids and\n"
     "history kept, with an audit entry of the restore, in one transaction. What the live\n"
     "database holds and the backup does not is kept; with --prune it is removed as import\n"
     "--replace --prune removes it (deleted when nothing hangs off it, else kept as abolished).\n"
     "--dry-run prints the changes and writes nothing. Brought back: departments,\n"
     "plans, pillars, themes, measures, KPIs and their measurements, confirmed reviews, bodies,\n"
     "meetings, the logic model, categories. Not brought back by --org: citizens' opinions,\n"
     "published versions, review periods and unconfirmed reports, users, tokens, inboxes, the\n"
     "workload inventory (restore the whole database for those)."},
    {"migrate", cmd_migrate, "migrate --from DB --to postgresql://…",
     "Move an installation from its SQLite file DB into an empty PostgreSQL database\n"
     "(docs/postgresql.md). The target is made with kawaru's schema if it has none; one that holds\n"
     "data is refused and left alone. DB is read in one read transaction, so a server may go on\n"
     "serving it: the copy is the moment the command began (stop the server first to lose no later\n"
     "write). A DB made by an older kawaru is brought up to this kawaru's migrations first. Every\n"
     "table is copied in one PostgreSQL transaction, and before it commits the rows of every table\n"
     "are counted on both sides (printed) and each organisation's plan document (export --format\n"
     "json) is compared byte for byte; with an audit entry of the move. Any error or difference\n"
     "rolls everything back: the target is left as it was. Exits 1 when the two sides differ."},
    {"help", NULL, "help [COMMAND]", "Show the commands, or the help of one command."},
    {NULL, NULL, NULL, NULL},
};

const struct command *cli_find(const char *name) {
    for (const struct command *c = commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

void cli_print_help(const struct command *cmd) {
    printf("usage: kawaru %s\n\n%s\n", cmd->usage, cmd->help);
}

static void print_overview(FILE *f) {
    fprintf(f, "kawaru — administrative reform and DX plans, KPIs and reviews\n\nCommands:\n");
    for (const struct command *c = commands; c->name; c++)
        fprintf(f, "  kawaru %s\n", c->usage);
    fprintf(f, "\nkawaru COMMAND --help shows the help of one command.\n");
}

int cli_parse(const struct command *cmd, int argc, char **argv, struct cli_opt *opts,
              const char **ret_pos, int max_pos, int *ret_npos) {
    int npos = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            cli_print_help(cmd);
            exit(EXIT_OK);
        }
        if (arg[0] == '-' && arg[1] != '\0') {
            const char *eq = strchr(arg, '=');
            size_t nlen = eq ? (size_t)(eq - arg) : strlen(arg);
            struct cli_opt *o = opts;
            for (; o && o->name; o++)
                if (strlen(o->name) == nlen && strncmp(o->name, arg, nlen) == 0)
                    break;
            if (!o || !o->name) {
                fprintf(stderr, "kawaru %s: unknown option %s\nusage: kawaru %s\n", cmd->name, arg, cmd->usage);
                return -1;
            }
            if (o->set)
                *o->set = true;
            if (o->flag) {
                if (eq) {
                    fprintf(stderr, "kawaru %s: %.*s takes no value\n", cmd->name, (int)nlen, arg);
                    return -1;
                }
                continue;
            }
            if (eq) {
                *o->value = eq + 1;
            } else if (i + 1 < argc) {
                *o->value = argv[++i];
            } else {
                fprintf(stderr, "kawaru %s: %s needs a value\nusage: kawaru %s\n", cmd->name, arg, cmd->usage);
                return -1;
            }
            continue;
        }
        if (npos >= max_pos) {
            fprintf(stderr, "kawaru %s: unexpected argument %s\nusage: kawaru %s\n", cmd->name, arg, cmd->usage);
            return -1;
        }
        ret_pos[npos++] = arg;
    }
    *ret_npos = npos;
    return 0;
}

char *cli_read_file(const char *path, size_t *ret_len) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "kawaru: cannot open %s: %s\n", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, len = 0;
    char *data = xmalloc(cap);
    size_t n;
    while ((n = fread(data + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len - 1 == 0)
            data = xrealloc(data, cap *= 2);
    }
    bool failed = ferror(f);
    fclose(f);
    if (failed) {
        fprintf(stderr, "kawaru: cannot read %s\n", path);
        free(data);
        return NULL;
    }
    data[len] = '\0';
    *ret_len = len;
    return data;
}

int cli_main(int argc, char **argv) {
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        print_overview(argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    if (strcmp(argv[1], "help") == 0) {
        const struct command *c = argc > 2 ? cli_find(argv[2]) : NULL;
        if (c && c->run)
            cli_print_help(c);
        else
            print_overview(stdout);
        return EXIT_OK;
    }
    const struct command *c = cli_find(argv[1]);
    if (!c || !c->run) {
        fprintf(stderr, "kawaru: unknown command '%s'\n\n", argv[1]);
        print_overview(stderr);
        return EXIT_USAGE;
    }
    return c->run(argc - 1, argv + 1);
}

int cli_open_db(const char *path, int flags, struct db **ret) {
    char err[512];
    /* patient: wait for the server's writes (up to DB_PATIENT_MS) rather than fail with
     * "database is locked" */
    if (db_open(path, flags | DB_PATIENT, ret, err, sizeof err) < 0) {
        fprintf(stderr, "kawaru: %s\n", err);
        return -1;
    }
    return 0;
}

int64_t cli_org_id(struct db *db, const char *code, const char *who) {
    struct arena a = ARENA_INIT;
    struct org o;
    int rc = store_org_by_code(db, &a, code, &o);
    arena_free(&a);
    if (rc < 0) {
        fprintf(stderr, "kawaru %s: no organisation with code %s\n", who, code);
        return 0;
    }
    return o.id;
}

int cli_exit_code(int rc) {
    return rc == KW_EDB || rc == KW_EIO || rc == KW_EBUSY ? EXIT_FAILURE_IO : EXIT_USAGE;
}
