/* kawaru token create | list | revoke: API tokens that let another system add KPI
 * measurements to one organisation (SPEC §4.1, §5). A token is printed once, when it is made;
 * the database keeps only its hash. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "core/errors.h"
#include "store/store.h"
#include "store/store_token.h"

static const struct actor token_cli_actor = {"cli", "cli"};

static const struct command token_commands[] = {
    {"token create", NULL, "token create --db DB --org CODE --name NAME",
     "Make an API token for the organisation CODE that lets another system add KPI measurements\n"
     "to that organisation's KPIs (POST /api/v1/kpis/{id}/measurements with\n"
     "\"Authorization: Bearer TOKEN\"). The token is printed on stdout once: keep it somewhere\n"
     "safe now, it is stored only as a hash and cannot be shown again. NAME (at most 100 bytes)\n"
     "is recorded with every measurement the token adds."},
    {"token list", NULL, "token list --db DB [--org CODE]",
     "List the API tokens (of one organisation with --org): id, organisation, name, the visible\n"
     "prefix, when and by whom each was made, when it was last used and whether it is revoked.\n"
     "Tokens themselves are never shown."},
    {"token revoke", NULL, "token revoke --db DB ID",
     "Revoke the API token ID (see token list) from now on; requests with it are refused with\n"
     "401. A revoked token cannot be used again."},
};

static int token_create(int argc, char **argv) {
    const struct command *cmd = &token_commands[0];
    const char *dbpath = NULL, *org = NULL, *name = NULL;
    struct cli_opt opts[] = {{"--db", false, &dbpath, NULL}, {"--org", false, &org, NULL},
                             {"--name", false, &name, NULL}, {NULL, false, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (cli_parse(cmd, argc, argv, opts, pos, 0, &npos) < 0)
        return EXIT_USAGE;
    if (!dbpath || !org || !name) {
        fprintf(stderr, "kawaru token create: needs --db DB, --org CODE and --name NAME\nusage: kawaru %s\n", cmd->usage);
        return EXIT_USAGE;
    }
    struct db *db;
    if (cli_open_db(dbpath, 0, &db) < 0)
        return EXIT_FAILURE_IO;
    int64_t org_id = cli_org_id(db, org, cmd->name), id = 0;
    char token[TOKEN_BUF_SIZE];
    struct edit_fail fail = {0};
    int rc = org_id ? store_token_create(db, org_id, name, &token_cli_actor, &id, token, &fail) : KW_ENOTFOUND;
    db_close(db);
    if (rc < 0) {
        if (org_id)
            fprintf(stderr, "kawaru token create: %s\n", fail.message[0] ? fail.message : kw_strerror(rc));
        return cli_exit_code(rc);
    }
    printf("%s\n", token);
    fflush(stdout);
    fprintf(stderr, "Made API token %lld \"%s\" for organisation %s. Keep it now: it is stored only as a hash\n"
                    "and cannot be shown again.\n", (long long)id, name, org);
    return EXIT_OK;
}

static void print_token_row(const struct api_token *t) {
    printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", (long long)t->id, t->org_code, t->name, t->prefix, t->created_at,
           t->created_by, t->last_used_at ? t->last_used_at : "-", t->revoked_at ? t->revoked_at : "live");
}

static int token_list(int argc, char **argv) {
    const struct command *cmd = &token_commands[1];
    const char *dbpath = NULL, *org = NULL;
    struct cli_opt opts[] = {{"--db", false, &dbpath, NULL}, {"--org", false, &org, NULL}, {NULL, false, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (cli_parse(cmd, argc, argv, opts, pos, 0, &npos) < 0)
        return EXIT_USAGE;
    if (!dbpath) {
        fprintf(stderr, "kawaru token list: needs --db DB\nusage: kawaru %s\n", cmd->usage);
        return EXIT_USAGE;
    }
    struct db *db;
    if (cli_open_db(dbpath, 0, &db) < 0)
        return EXIT_FAILURE_IO;
    int64_t org_id = org ? cli_org_id(db, org, cmd->name) : 0;
    struct arena a = ARENA_INIT;
    struct api_token *v = NULL;
    size_t n = 0;
    int rc = org && !org_id ? KW_ENOTFOUND : store_token_list(db, &a, org_id, &v, &n);
    if (rc == 0) {
        printf("id\torg\tname\tprefix\tcreated_at\tcreated_by\tlast_used_at\trevoked_at\n");
        for (size_t i = 0; i < n; i++)
            print_token_row(&v[i]);
    } else if (rc != KW_ENOTFOUND) {
        fprintf(stderr, "kawaru token list: %s\n", db_errmsg(db));
    }
    arena_free(&a);
    db_close(db);
    return rc < 0 ? cli_exit_code(rc) : EXIT_OK;
}

static int token_revoke(int argc, char **argv) {
    const struct command *cmd = &token_commands[2];
    const char *dbpath = NULL;
    struct cli_opt opts[] = {{"--db", false, &dbpath, NULL}, {NULL, false, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (cli_parse(cmd, argc, argv, opts, pos, 1, &npos) < 0)
        return EXIT_USAGE;
    char *end = NULL;
    long long id = npos == 1 ? strtoll(pos[0], &end, 10) : 0;
    if (!dbpath || id <= 0 || *end != '\0') {
        fprintf(stderr, "kawaru token revoke: needs --db DB and the token's ID (see kawaru token list)\n"
                        "usage: kawaru %s\n", cmd->usage);
        return EXIT_USAGE;
    }
    struct db *db;
    if (cli_open_db(dbpath, 0, &db) < 0)
        return EXIT_FAILURE_IO;
    int rc = store_token_revoke(db, id, &token_cli_actor);
    db_close(db);
    if (rc == KW_ENOTFOUND)
        fprintf(stderr, "kawaru token revoke: there is no token %lld\n", id);
    else if (rc == KW_ECONFLICT)
        fprintf(stderr, "kawaru token revoke: token %lld was revoked already\n", id);
    else if (rc < 0)
        fprintf(stderr, "kawaru token revoke: %s\n", kw_strerror(rc));
    else
        printf("revoked token %lld\n", id);
    return rc < 0 ? cli_exit_code(rc) : EXIT_OK;
}

int cmd_token(int argc, char **argv) {
    const struct command *cmd = cli_find("token");
    const char *sub = argc > 1 ? argv[1] : NULL;
    if (!sub) {
        fprintf(stderr, "kawaru token: name a subcommand: create, list or revoke\nusage: kawaru %s\n", cmd->usage);
        return EXIT_USAGE;
    }
    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0) {
        cli_print_help(cmd);
        for (size_t i = 0; i < sizeof token_commands / sizeof *token_commands; i++)
            printf("\n  kawaru %s\n", token_commands[i].usage);
        return EXIT_OK;
    }
    if (strcmp(sub, "create") == 0)
        return token_create(argc - 1, argv + 1);
    if (strcmp(sub, "list") == 0)
        return token_list(argc - 1, argv + 1);
    if (strcmp(sub, "revoke") == 0)
        return token_revoke(argc - 1, argv + 1);
    fprintf(stderr, "kawaru token: unknown subcommand '%s'\nusage: kawaru %s\n", sub, cmd->usage);
    return EXIT_USAGE;
}
