/* kawaru init, import and export: databases and plan documents. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "core/errors.h"
#include "util/embed.h"
#include "util/xmalloc.h"
#include "store/store_means.h"
#include "xfer/import.h"

static const struct actor cli_actor = {"cli", "cli"};

/* The demo organisations start from the standard catalogue of means (store_means_seed). */
static int seed_means(struct db *db) {
    struct arena a = ARENA_INIT;
    struct org *orgs;
    size_t n;
    int rc = store_org_list(db, &a, &orgs, &n);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = store_means_seed(db, orgs[i].id, &cli_actor, NULL);
    arena_free(&a);
    return rc;
}

int cmd_init(int argc, char **argv) {
    const struct command *cmd = cli_find("init");
    bool demo = false;
    struct cli_opt opts[] = {{"--demo", true, NULL, &demo}, {NULL, false, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (cli_parse(cmd, argc, argv, opts, pos, 1, &npos) < 0)
        return EXIT_USAGE;
    if (npos != 1) {
        fprintf(stderr, "kawaru init: name the database file\nusage: kawaru %s\n", cmd->usage);
        return EXIT_USAGE;
    }
    struct stat sb;
    if (stat(pos[0], &sb) == 0) {
        fprintf(stderr, "kawaru init: %s already exists; remove it first or choose another name\n", pos[0]);
        return EXIT_USAGE;
    }
    struct db *db;
    if (cli_open_db(pos[0], DB_CREATE, &db) < 0)
        return EXIT_FAILURE_IO;
    int rc = 0;
    size_t n = 0;
    if (demo) {
        struct import_source src[8];
        for (const struct embedded_file *f = embedded_files; f->name && n < 8; f++)
            if (strncmp(f->name, "data/demo/", 10) == 0)
                src[n++] = (struct import_source){f->name, (const char *)f->data, f->size};
        rc = import_documents(db, src, n, false, &cli_actor, stderr);
        if (rc == 0)
            rc = seed_means(db);
        if (rc == 0)
            rc = cli_demo_users(db, pos[0]);
    }
    db_close(db);
    if (rc < 0) {
        unlink(pos[0]);
        fprintf(stderr, "kawaru init: failed; %s was not created\n", pos[0]);
        return EXIT_FAILURE_IO;
    }
    printf("created %s%s\n", pos[0], demo ? " with the demo plans of 江津市 and 印西市" : "");
    return EXIT_OK;
}

int cmd_import(int argc, char **argv) {
    const struct command *cmd = cli_find("import");
    const char *dbpath = NULL;
    const char *plan = NULL, *survey = NULL, *org = NULL;
    bool csv = false;
    struct import_opts o = {0};
    struct cli_opt opts[] = {{"--db", false, &dbpath, NULL}, {"--replace", true, NULL, &o.replace},
                             {"--prune", true, NULL, &o.prune}, {"--dry-run", true, NULL, &o.dry_run},
                             {"--plan", false, &plan, NULL}, {"--csv", true, NULL, &csv},
                             {"--survey", false, &survey, NULL}, {"--org", false, &org, NULL},
                             {NULL, false, NULL, NULL}};
    /* any number of files (a national set comes as hundreds): room for every argument */
    const char **pos = xcalloc((size_t)argc + 1, sizeof *pos);
    int npos;
    if (cli_parse(cmd, argc, argv, opts, pos, argc, &npos) < 0) {
        free(pos);
        return EXIT_USAGE;
    }
    if (survey || org) {                              /* the workload survey (cmd_import_survey.c) */
        free(pos);
        if (plan || csv || o.replace || o.prune || o.dry_run) {
            fprintf(stderr, "kawaru import: --survey goes with none of --plan, --csv, --replace, --prune, --dry-run\n");
            return EXIT_USAGE;
        }
        return cmd_import_survey(dbpath, org, survey, npos);
    }
    if (!dbpath || npos == 0 || (o.prune && !o.replace)) {
        fprintf(stderr, "kawaru import: needs --db DB and at least one FILE%s\nusage: kawaru %s\n",
                o.prune && !o.replace ? " (and --prune goes with --replace)" : "", cmd->usage);
        free(pos);
        return EXIT_USAGE;
    }
    if (csv || plan || cli_is_csv_path(pos[0])) {     /* KPI measurements (cmd_import_csv.c) */
        int code = cmd_import_csv(dbpath, plan, pos, npos);
        free(pos);
        return code;
    }
    struct import_source *src = xcalloc((size_t)npos, sizeof *src);
    char **texts = xcalloc((size_t)npos, sizeof *texts);
    int rc = 0;
    for (int i = 0; i < npos; i++) {
        size_t len;
        texts[i] = cli_read_file(pos[i], &len);
        if (!texts[i]) {
            rc = KW_EIO;
            break;
        }
        src[i] = (struct import_source){pos[i], texts[i], len};
    }
    struct db *db = NULL;
    if (rc == 0 && cli_open_db(dbpath, 0, &db) < 0)
        rc = KW_EDB;
    struct arena a = ARENA_INIT;
    struct import_outcome *outcomes = NULL;
    if (rc == 0)
        rc = import_run(db, &a, src, (size_t)npos, &o, &cli_actor, stderr, &outcomes);
    if ((rc == 0 || rc == KW_ECONFLICT) && outcomes && (o.replace || o.dry_run))
        import_changes_print(rc == 0 ? stdout : stderr, outcomes, (size_t)npos);
    arena_free(&a);
    db_close(db);
    for (int i = 0; i < npos; i++)
        free(texts[i]);
    free(texts);
    free(src);
    free(pos);
    if (rc == 0) {
        printf("%s %d document%s into %s\n", o.dry_run ? "would import (dry run: nothing written)" : "imported", npos,
               npos == 1 ? "" : "s", dbpath);
        return EXIT_OK;
    }
    if (rc == KW_EINVAL || rc == KW_ECONFLICT)
        fprintf(stderr, "kawaru import: nothing was imported\n");
    return rc == KW_EINVAL || rc == KW_ECONFLICT ? EXIT_USAGE : EXIT_FAILURE_IO;
}

int cmd_export(int argc, char **argv) {
    const struct command *cmd = cli_find("export");
    const char *dbpath = NULL, *org = NULL, *plan = NULL, *format = NULL, *out = NULL;
    struct cli_opt opts[] = {{"--db", false, &dbpath, NULL}, {"--org", false, &org, NULL},
                             {"--plan", false, &plan, NULL}, {"--format", false, &format, NULL},
                             {"-o", false, &out, NULL}, {"--output", false, &out, NULL},
                             {NULL, false, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (cli_parse(cmd, argc, argv, opts, pos, 0, &npos) < 0)
        return EXIT_USAGE;
    if (!dbpath || !org) {
        fprintf(stderr, "kawaru export: needs --db DB and --org CODE\nusage: kawaru %s\n", cmd->usage);
        return EXIT_USAGE;
    }
    if (format && strcmp(format, "json") != 0) {
        fprintf(stderr, "kawaru export: format '%s' is not supported yet; use --format json\n", format);
        return EXIT_USAGE;
    }
    struct db *db;
    if (cli_open_db(dbpath, DB_READONLY, &db) < 0)
        return EXIT_FAILURE_IO;
    struct arena a = ARENA_INIT;
    struct org_doc doc;
    int rc = store_org_doc_load(db, &a, org, &doc);
    int exit_code = EXIT_OK;
    if (rc == KW_ENOTFOUND) {
        fprintf(stderr, "kawaru export: no organisation with code %s\n", org);
        exit_code = EXIT_USAGE;
    } else if (rc < 0) {
        fprintf(stderr, "kawaru export: %s\n", db_errmsg(db));
        exit_code = EXIT_FAILURE_IO;
    } else {
        if (plan) {
            char *end;
            long id = strtol(plan, &end, 10);
            size_t keep = doc.n_plans;
            for (size_t i = 0; *end == '\0' && i < doc.n_plans; i++)
                if (doc.plans[i].id == id) {
                    doc.plans[0] = doc.plans[i];
                    keep = 1;
                    break;
                }
            if (keep != 1) {
                fprintf(stderr, "kawaru export: organisation %s has no plan %s\n", org, plan);
                exit_code = EXIT_USAGE;
            }
            doc.n_plans = 1;
        }
        if (exit_code == EXIT_OK) {
            struct buf b = BUF_INIT;
            plan_doc_write(&b, &doc, 2);
            FILE *f = out ? fopen(out, "wb") : stdout;
            if (!f || fwrite(b.data, 1, b.len, f) != b.len || (out && fclose(f) != 0)) {
                fprintf(stderr, "kawaru export: cannot write %s: %s\n", out ? out : "stdout", strerror(errno));
                exit_code = EXIT_FAILURE_IO;
            }
            buf_free(&b);
        }
    }
    arena_free(&a);
    db_close(db);
    return exit_code;
}
