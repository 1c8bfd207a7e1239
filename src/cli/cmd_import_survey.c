/* kawaru import --db DB --survey FILE.csv [--org CODE]: the workload survey (業務棚卸し) of an
 * organisation's departments from one CSV file (UTF-8, UTF-8 with BOM or CP932; columns in
 * docs/workload.md). --org names the organisation; it may be left out when the database holds
 * only one. Every row is checked first and every problem printed with its line, and a step that
 * would be deleted while a means is applied to it is named; then nothing is written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "core/errors.h"
#include "xfer/survey_csv.h"

static const struct actor survey_cli_actor = {"cli", "cli"};

/* The organisation of the survey: --org CODE, or the database's only one; 0 after a message. */
static int64_t survey_org(struct db *db, const char *code) {
    if (code)
        return cli_org_id(db, code, "import");
    struct arena a = ARENA_INIT;
    struct org *orgs;
    size_t n = 0;
    int64_t id = 0;
    if (store_org_list(db, &a, &orgs, &n) < 0) {
        fprintf(stderr, "kawaru import: %s\n", db_errmsg(db));
    } else if (n == 1) {
        id = orgs[0].id;
    } else if (n == 0) {
        fprintf(stderr, "kawaru import: the database holds no organisation: import its plan document first\n");
    } else {
        fprintf(stderr, "kawaru import: the database holds %zu organisations: name the survey's with --org CODE (", n);
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, "%s%s %s", i ? ", " : "", orgs[i].code, orgs[i].name);
        fprintf(stderr, ")\n");
    }
    arena_free(&a);
    return id;
}

static void print_problems(const char *path, const struct survey_file *f, const struct survey_result *res,
                           bool japanese) {
    struct arena a = ARENA_INIT;
    for (size_t i = 0; i < f->n_errors; i++)
        fprintf(stderr, "%s: %s\n", path, survey_error_text(&a, &f->errors[i], japanese));
    if (f->more_errors)
        fprintf(stderr, "%s: %s\n", path, japanese ? "ほかにも誤りがあります。" : "... and more errors");
    for (size_t i = 0; i < res->n_conflicts; i++)
        fprintf(stderr, "%s: %s\n", path, survey_conflict_text(&a, &res->conflicts[i], japanese));
    arena_free(&a);
}

static const char *plural(size_t n, const char *one, const char *many) { return n == 1 ? one : many; }

/* "imported the survey of 2 departments (FY 2024): 5 businesses, 17 steps" */
static void print_done(const struct survey_file *f, const struct survey_result *res) {
    int fys[16];
    size_t n_fys = 0;
    for (size_t i = 0; i < f->n_parts && n_fys < 16; i++) {
        size_t j = 0;
        while (j < n_fys && fys[j] != f->parts[i].survey_fy)
            j++;
        if (j == n_fys)
            fys[n_fys++] = f->parts[i].survey_fy;
    }
    printf("imported the survey of %zu %s (FY", res->departments,
           plural(res->departments, "department", "departments"));
    for (size_t i = 0; i < n_fys; i++)
        printf("%s %d", i ? "," : "", fys[i]);
    printf("): %zu %s, %zu %s (%s)\n", res->businesses, plural(res->businesses, "business", "businesses"), res->steps,
           plural(res->steps, "step", "steps"), csv_encoding_name(f->encoding));
    if (res->businesses_removed || res->steps_removed)
        printf("removed what the survey no longer has: %zu %s, %zu %s\n", res->businesses_removed,
               plural(res->businesses_removed, "business", "businesses"), res->steps_removed,
               plural(res->steps_removed, "step", "steps"));
}

int cmd_import_survey(const char *dbpath, const char *org, const char *path, int nfiles) {
    if (!path) {
        fprintf(stderr, "kawaru import: --org goes with --survey FILE.csv\n");
        return EXIT_USAGE;
    }
    if (!dbpath || nfiles != 0) {
        fprintf(stderr, "kawaru import: a survey needs --db DB and its one file after --survey, and no other file\n");
        return EXIT_USAGE;
    }
    size_t len;
    char *data = cli_read_file(path, &len);
    if (!data)
        return EXIT_FAILURE_IO;
    struct db *db;
    if (cli_open_db(dbpath, 0, &db) < 0) {
        free(data);
        return EXIT_FAILURE_IO;
    }
    int rc = KW_EINVAL;
    int64_t org_id = survey_org(db, org);
    bool japanese = cli_japanese();
    struct arena a = ARENA_INIT;
    struct survey_file file = {0};
    struct survey_result res = {0};
    if (org_id)
        rc = survey_csv_import(db, &a, org_id, data, len, japanese, &survey_cli_actor, &file, &res);
    if (rc == 0)
        print_done(&file, &res);
    else if (file.n_errors || res.n_conflicts)
        print_problems(path, &file, &res, japanese);
    else if (org_id)                                  /* storage, a busy database */
        fprintf(stderr, "kawaru import: %s\n", kw_strerror(rc));
    if (rc < 0)
        fprintf(stderr, "kawaru import: nothing was imported\n");
    arena_free(&a);
    db_close(db);
    free(data);
    return rc == 0 ? EXIT_OK : cli_exit_code(rc);
}
