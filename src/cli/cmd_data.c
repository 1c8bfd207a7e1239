/* kawaru init, import and export: databases and plan documents. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "core/errors.h"
#include "util/embed.h"
#include "util/xmalloc.h"
#include "store/store_means.h"
#include "xfer/csv_out.h"
#include "xfer/import.h"
#include "xfer/workbook.h"

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
    /* a file must not exist yet; a server's database (made by its administrator) must be empty */
    bool server = db_is_server(pos[0]);
    struct stat sb;
    if (!server && stat(pos[0], &sb) == 0) {
        fprintf(stderr, "kawaru init: %s already exists; remove it first or choose another name\n", pos[0]);
        return EXIT_USAGE;
    }
    struct db *db;
    if (cli_open_db(pos[0], DB_CREATE, &db) < 0)
        return EXIT_FAILURE_IO;
    struct arena a = ARENA_INIT;
    struct org *orgs;
    size_t n_orgs = 0;
    if (server && (store_org_list(db, &a, &orgs, &n_orgs) < 0 || n_orgs > 0)) {
        fprintf(stderr, "kawaru init: %s already holds organisations; choose another database\n", pos[0]);
        arena_free(&a);
        db_close(db);
        return EXIT_USAGE;
    }
    arena_free(&a);
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
    if (rc < 0 && server) {
        fprintf(stderr, "kawaru init: failed; what %s holds now is what was stored before the failure\n", pos[0]);
        return EXIT_FAILURE_IO;
    }
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
    if (dbpath && npos == 1 && !survey && !o.replace && !o.prune && !csv && cli_is_measure_list(pos[0])) {
        int code = cmd_import_sheet(dbpath, org, plan, pos[0], &o);   /* a measure list (cmd_import_sheet.c) */
        free(pos);
        return code;
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

/* Writes b to out (or stdout); an exit code. */
static int write_output(const char *out, const struct buf *b) {
    FILE *f = out ? fopen(out, "wb") : stdout;
    if (!f || fwrite(b->data, 1, b->len, f) != b->len || (out && fclose(f) != 0)) {
        fprintf(stderr, "kawaru export: cannot write %s: %s\n", out ? out : "stdout", strerror(errno));
        return EXIT_FAILURE_IO;
    }
    return EXIT_OK;
}

/* The plan --plan names, or the organisation's only one; NULL after a message. */
static const struct plan *export_plan(const struct org_doc *doc, const char *plan, bool one) {
    if (!plan) {
        if (!one || doc->n_plans == 1)
            return doc->n_plans ? &doc->plans[0] : NULL;
        fprintf(stderr, "kawaru export: organisation %s has %zu plans; name one with --plan ID:\n", doc->org.code,
                doc->n_plans);
        for (size_t i = 0; i < doc->n_plans; i++)
            fprintf(stderr, "  %lld  %s\n", (long long)doc->plans[i].id, doc->plans[i].title);
        return NULL;
    }
    char *end;
    long id = strtol(plan, &end, 10);
    for (size_t i = 0; *end == '\0' && i < doc->n_plans; i++)
        if (doc->plans[i].id == id)
            return &doc->plans[i];
    fprintf(stderr, "kawaru export: organisation %s has no plan %s\n", doc->org.code, plan);
    return NULL;
}

/* --format xlsx or csv: one plan's tables (xfer/workbook.h). */
static int export_sheets(struct db *db, struct arena *a, const struct org_doc *doc, const struct plan *p, bool xlsx,
                         const char *table, enum csv_encoding enc, const char *out) {
    struct sheet *v;
    size_t n;
    if (workbook_tables(db, a, doc, p, &v, &n) < 0) {
        fprintf(stderr, "kawaru export: %s\n", db_errmsg(db));
        return EXIT_FAILURE_IO;
    }
    struct buf b = BUF_INIT;
    int code = EXIT_OK;
    if (xlsx) {
        const char *problem;
        if (workbook_xlsx(&b, a, v, n, &doc->org, p, &problem) < 0) {
            fprintf(stderr, "kawaru export: the workbook could not be written: %s\n", problem ? problem : "temporary file");
            code = EXIT_FAILURE_IO;
        }
    } else {
        const struct sheet *s = workbook_table(v, n, table ? table : "measures");
        size_t replaced = 0;
        if (!s) {
            fprintf(stderr, "kawaru export: no table '%s'; the tables are %s\n", table, workbook_table_names(a, v, n));
            code = EXIT_USAGE;
        } else if (csv_write_sheet(&b, s, enc, &replaced) < 0) {
            fprintf(stderr, "kawaru export: this system's iconv cannot write CP932\n");
            code = EXIT_FAILURE_IO;
        } else if (replaced) {
            fprintf(stderr, "kawaru export: %zu character%s CP932 does not have %s written as '?'; use UTF-8 to keep "
                            "them\n", replaced, replaced == 1 ? "" : "s", replaced == 1 ? "was" : "were");
        }
    }
    if (code == EXIT_OK)
        code = write_output(out, &b);
    buf_free(&b);
    return code;
}

int cmd_export(int argc, char **argv) {
    const struct command *cmd = cli_find("export");
    const char *dbpath = NULL, *org = NULL, *plan = NULL, *format = NULL, *out = NULL, *table = NULL,
               *encoding = NULL;
    struct cli_opt opts[] = {{"--db", false, &dbpath, NULL}, {"--org", false, &org, NULL},
                             {"--plan", false, &plan, NULL}, {"--format", false, &format, NULL},
                             {"-o", false, &out, NULL}, {"--output", false, &out, NULL},
                             {"--table", false, &table, NULL}, {"--encoding", false, &encoding, NULL},
                             {NULL, false, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (cli_parse(cmd, argc, argv, opts, pos, 0, &npos) < 0)
        return EXIT_USAGE;
    if (!dbpath || !org) {
        fprintf(stderr, "kawaru export: needs --db DB and --org CODE\nusage: kawaru %s\n", cmd->usage);
        return EXIT_USAGE;
    }
    bool json = !format || strcmp(format, "json") == 0, xlsx = format && strcmp(format, "xlsx") == 0,
         csv = format && strcmp(format, "csv") == 0;
    if (!json && !xlsx && !csv) {
        fprintf(stderr, "kawaru export: unknown format '%s'; use json, xlsx or csv\n", format);
        return EXIT_USAGE;
    }
    if ((table || encoding) && !csv) {
        fprintf(stderr, "kawaru export: --table and --encoding go with --format csv\n");
        return EXIT_USAGE;
    }
    enum csv_encoding enc = CSV_UTF8_BOM;
    if (encoding && strcasecmp(encoding, "cp932") == 0)
        enc = CSV_CP932;
    else if (encoding && strcasecmp(encoding, "utf-8") != 0 && strcasecmp(encoding, "utf8") != 0) {
        fprintf(stderr, "kawaru export: unknown encoding '%s'; use utf-8 (with a byte order mark) or cp932\n", encoding);
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
        const struct plan *p = json && !plan ? NULL : export_plan(&doc, plan, !json);
        if (!json || plan) {
            if (!p) {
                if (doc.n_plans == 0)
                    fprintf(stderr, "kawaru export: organisation %s has no plan\n", org);
                exit_code = EXIT_USAGE;
            } else if (json) {
                doc.plans[0] = *p;
                doc.n_plans = 1;
            }
        }
        if (exit_code == EXIT_OK && json) {
            struct buf b = BUF_INIT;
            plan_doc_write(&b, &doc, 2);
            exit_code = write_output(out, &b);
            buf_free(&b);
        } else if (exit_code == EXIT_OK) {
            exit_code = export_sheets(db, &a, &doc, p, xlsx, table, enc, out);
        }
    }
    arena_free(&a);
    db_close(db);
    return exit_code;
}
