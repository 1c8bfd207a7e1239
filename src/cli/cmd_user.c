/* kawaru user add | list | passwd | disable: the people who sign in (issue 4). Passwords are
 * read from stdin (one line) or made with --generate and printed once; the database keeps
 * only their Argon2id hashes. Also the demo users of `kawaru init --demo`. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "core/errors.h"
#include "store/store.h"
#include "store/store_user.h"

static const struct actor user_cli_actor = {"cli", "cli"};

static const struct command user_commands[] = {
    {"user add", NULL, "user add --db DB --org CODE --login LOGIN --name NAME --role ROLE [--dept CODE]... [--generate]",
     "Add a user of organisation CODE. LOGIN is 3-64 characters of a-z 0-9 . _ -; ROLE is admin,\n"
     "office, reporter or viewer; --dept (repeatable) names a department, by code, that a reporter\n"
     "reports for. The password is read from stdin (one line, at least 8 bytes), or with\n"
     "--generate a random one is made and printed once."},
    {"user list", NULL, "user list --db DB [--org CODE]",
     "List the users (of one organisation with --org): login, organisation, name, role,\n"
     "departments, whether disabled. Passwords are never shown."},
    {"user passwd", NULL, "user passwd --db DB [--generate] LOGIN",
     "Set a new password for LOGIN, read from stdin (one line) or, with --generate, made and\n"
     "printed once. The user's sessions end."},
    {"user disable", NULL, "user disable --db DB LOGIN",
     "Disable LOGIN: it can no longer sign in, and its sessions end."},
};

enum { MAX_PW_LINE = USER_PASSWORD_MAX + 2 };

/* A random password of 20 base64url characters (120 bits) into out (at least 21 bytes). */
static void password_generate(char *out, size_t size) {
    unsigned char raw[15];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, size, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
}

/* One line of stdin without its line end into out; -1 after a message when there is none. */
static int password_read(const char *who, char *out, size_t size) {
    if (!fgets(out, (int)size, stdin)) {
        fprintf(stderr, "kawaru %s: give the password on stdin (one line) or use --generate\n", who);
        return -1;
    }
    out[strcspn(out, "\r\n")] = '\0';
    return 0;
}

static int password_get(const char *who, bool generate, char *out, size_t size) {
    if (sodium_init() < 0)
        return -1;
    if (generate) {
        password_generate(out, size);
        return 0;
    }
    return password_read(who, out, size);
}

/* Takes the repeated --dept CODE / --dept=CODE options out of argv (cli_parse knows no
 * repeated options); returns the new argc. */
static int take_depts(int argc, char **argv, const char **depts, size_t *ndepts) {
    int out = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--dept") == 0 && i + 1 < argc && *ndepts < USER_MAX_DEPTS) {
            depts[(*ndepts)++] = argv[++i];
        } else if (strncmp(argv[i], "--dept=", 7) == 0 && *ndepts < USER_MAX_DEPTS) {
            depts[(*ndepts)++] = argv[i] + 7;
        } else {
            argv[out++] = argv[i];
        }
    }
    return out;
}

static int user_add(int argc, char **argv) {
    const struct command *cmd = &user_commands[0];
    const char *depts[USER_MAX_DEPTS];
    size_t ndepts = 0;
    argc = take_depts(argc, argv, depts, &ndepts);
    const char *dbpath = NULL, *org = NULL, *login = NULL, *name = NULL, *role = NULL;
    bool generate = false;
    struct cli_opt opts[] = {{"--db", false, &dbpath, NULL}, {"--org", false, &org, NULL},
                             {"--login", false, &login, NULL}, {"--name", false, &name, NULL},
                             {"--role", false, &role, NULL}, {"--generate", true, NULL, &generate},
                             {NULL, false, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (cli_parse(cmd, argc, argv, opts, pos, 0, &npos) < 0)
        return EXIT_USAGE;
    if (!dbpath || !org || !login || !name || !role) {
        fprintf(stderr, "kawaru user add: needs --db, --org, --login, --name and --role\nusage: kawaru %s\n", cmd->usage);
        return EXIT_USAGE;
    }
    char pw[MAX_PW_LINE];
    if (password_get(cmd->name, generate, pw, sizeof pw) < 0)
        return EXIT_USAGE;
    struct db *db;
    if (cli_open_db(dbpath, 0, &db) < 0)
        return EXIT_FAILURE_IO;
    int64_t org_id = cli_org_id(db, org, cmd->name), id = 0;
    struct edit_fail fail = {0};
    int rc = org_id ? store_user_add(db, org_id, login, name, role, depts, ndepts, pw, &user_cli_actor, &id, &fail)
                    : KW_ENOTFOUND;
    db_close(db);
    if (rc < 0 && org_id)
        fprintf(stderr, "kawaru user add: %s\n", fail.message[0] ? fail.message : kw_strerror(rc));
    if (rc == 0 && generate)
        printf("%s\n", pw);
    if (rc == 0)
        fprintf(stderr, "added user %s (%s)%s\n", login, role, generate ? "; the password above is shown only now" : "");
    sodium_memzero(pw, sizeof pw);
    return rc < 0 ? cli_exit_code(rc) : EXIT_OK;
}

static int user_list(int argc, char **argv) {
    const struct command *cmd = &user_commands[1];
    const char *dbpath = NULL, *org = NULL;
    struct cli_opt opts[] = {{"--db", false, &dbpath, NULL}, {"--org", false, &org, NULL}, {NULL, false, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (cli_parse(cmd, argc, argv, opts, pos, 0, &npos) < 0)
        return EXIT_USAGE;
    if (!dbpath) {
        fprintf(stderr, "kawaru user list: needs --db DB\nusage: kawaru %s\n", cmd->usage);
        return EXIT_USAGE;
    }
    struct db *db;
    if (cli_open_db(dbpath, 0, &db) < 0)
        return EXIT_FAILURE_IO;
    int64_t org_id = org ? cli_org_id(db, org, cmd->name) : 0;
    struct arena a = ARENA_INIT;
    struct user_row *v = NULL;
    size_t n = 0;
    int rc = org && !org_id ? KW_ENOTFOUND : store_user_list(db, &a, org_id, &v, &n);
    if (rc == 0) {
        printf("login\torg\tname\trole\tdepartments\tstatus\n");
        for (size_t i = 0; i < n; i++)
            printf("%s\t%s\t%s\t%s\t%s\t%s\n", v[i].login, v[i].org_code, v[i].display_name, v[i].role,
                   v[i].dept_codes ? v[i].dept_codes : "-", v[i].disabled ? "disabled" : "active");
    } else if (rc != KW_ENOTFOUND) {
        fprintf(stderr, "kawaru user list: %s\n", db_errmsg(db));
    }
    arena_free(&a);
    db_close(db);
    return rc < 0 ? cli_exit_code(rc) : EXIT_OK;
}

static int user_passwd(int argc, char **argv) {
    const struct command *cmd = &user_commands[2];
    const char *dbpath = NULL;
    bool generate = false;
    struct cli_opt opts[] = {{"--db", false, &dbpath, NULL}, {"--generate", true, NULL, &generate}, {NULL, false, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (cli_parse(cmd, argc, argv, opts, pos, 1, &npos) < 0)
        return EXIT_USAGE;
    if (!dbpath || npos != 1) {
        fprintf(stderr, "kawaru user passwd: needs --db DB and a LOGIN\nusage: kawaru %s\n", cmd->usage);
        return EXIT_USAGE;
    }
    char pw[MAX_PW_LINE];
    if (password_get(cmd->name, generate, pw, sizeof pw) < 0)
        return EXIT_USAGE;
    struct db *db;
    if (cli_open_db(dbpath, 0, &db) < 0)
        return EXIT_FAILURE_IO;
    struct edit_fail fail = {0};
    int rc = store_user_set_password(db, pos[0], pw, &user_cli_actor, &fail);
    db_close(db);
    if (rc < 0)
        fprintf(stderr, "kawaru user passwd: %s\n", fail.message[0] ? fail.message : kw_strerror(rc));
    else if (generate)
        printf("%s\n", pw);
    sodium_memzero(pw, sizeof pw);
    return rc < 0 ? cli_exit_code(rc) : EXIT_OK;
}

static int user_disable(int argc, char **argv) {
    const struct command *cmd = &user_commands[3];
    const char *dbpath = NULL;
    struct cli_opt opts[] = {{"--db", false, &dbpath, NULL}, {NULL, false, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (cli_parse(cmd, argc, argv, opts, pos, 1, &npos) < 0)
        return EXIT_USAGE;
    if (!dbpath || npos != 1) {
        fprintf(stderr, "kawaru user disable: needs --db DB and a LOGIN\nusage: kawaru %s\n", cmd->usage);
        return EXIT_USAGE;
    }
    struct db *db;
    if (cli_open_db(dbpath, 0, &db) < 0)
        return EXIT_FAILURE_IO;
    int rc = store_user_disable(db, pos[0], &user_cli_actor);
    db_close(db);
    if (rc == KW_ENOTFOUND)
        fprintf(stderr, "kawaru user disable: there is no user %s\n", pos[0]);
    else if (rc == KW_ECONFLICT)
        fprintf(stderr, "kawaru user disable: %s is disabled already\n", pos[0]);
    else if (rc < 0)
        fprintf(stderr, "kawaru user disable: %s\n", kw_strerror(rc));
    else
        printf("disabled %s\n", pos[0]);
    return rc < 0 ? cli_exit_code(rc) : EXIT_OK;
}

int cmd_user(int argc, char **argv) {
    const struct command *cmd = cli_find("user");
    const char *sub = argc > 1 ? argv[1] : NULL;
    if (!sub) {
        fprintf(stderr, "kawaru user: name a subcommand: add, list, passwd or disable\nusage: kawaru %s\n", cmd->usage);
        return EXIT_USAGE;
    }
    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0) {
        cli_print_help(cmd);
        for (size_t i = 0; i < sizeof user_commands / sizeof *user_commands; i++)
            printf("\n  kawaru %s\n", user_commands[i].usage);
        return EXIT_OK;
    }
    static const struct { const char *name; int (*run)(int, char **); } subs[] = {
        {"add", user_add}, {"list", user_list}, {"passwd", user_passwd}, {"disable", user_disable}};
    for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
        if (strcmp(sub, subs[i].name) == 0)
            return subs[i].run(argc - 1, argv + 1);
    fprintf(stderr, "kawaru user: unknown subcommand '%s'\nusage: kawaru %s\n", sub, cmd->usage);
    return EXIT_USAGE;
}

/* ---- the demo users of kawaru init --demo */

int cli_demo_users(struct db *db, const char *dbpath) {
    static const struct { const char *role, *login, *name, *dept; } demo[] = {
        {"admin", "demo-admin", "デモ管理者", NULL},
        {"office", "demo-office", "デモ事務局", NULL},
        {"reporter", "demo-reporter", "デモ報告者（窓口担当課）", "madoguchi"},
        {"viewer", "demo-viewer", "デモ閲覧者（本部）", NULL},
    };
    if (sodium_init() < 0)
        return KW_EIO;
    int64_t org_id = cli_org_id(db, "322075", "init");
    char *path = NULL;
    /* beside the database file; for a server's database, in the current folder under its name */
    const char *base = db_is_server(dbpath) ? strrchr(dbpath, '/') + 1 : dbpath;
    if (!org_id || asprintf(&path, "%.*s.demo-users", (int)strcspn(base, "?"), base) < 0)
        return KW_ENOTFOUND;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    FILE *f = fd >= 0 && fchmod(fd, 0600) == 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        fprintf(stderr, "kawaru init: cannot write %s: %s\n", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        free(path);
        return KW_EIO;
    }
    int rc = 0;
    printf("demo users (also in %s):\n", path);
    for (size_t i = 0; i < sizeof demo / sizeof *demo && rc == 0; i++) {
        char pw[32];
        password_generate(pw, sizeof pw);
        const char *depts[] = {demo[i].dept};
        struct edit_fail fail = {0};
        int64_t id;
        rc = store_user_add(db, org_id, demo[i].login, demo[i].name, demo[i].role, depts, demo[i].dept ? 1 : 0, pw,
                            &user_cli_actor, &id, &fail);
        if (rc < 0)
            fprintf(stderr, "kawaru init: demo user %s: %s\n", demo[i].login, fail.message);
        else {
            fprintf(f, "%s\t%s\t%s\n", demo[i].role, demo[i].login, pw);
            printf("  %s\t%s\t%s\n", demo[i].role, demo[i].login, pw);
        }
        sodium_memzero(pw, sizeof pw);
    }
    if (fclose(f) != 0 && rc == 0)
        rc = KW_EIO;
    free(path);
    return rc;
}
