/* kawaru import --plan ID FILE.csv: KPI measurements of one plan from a CSV file (UTF-8,
 * UTF-8 with BOM or CP932; columns in xfer/measurement_csv.h). Every row is checked first and
 * every problem printed with its line; nothing is written unless all rows are good. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "cli/cli.h"
#include "core/errors.h"
#include "xfer/measurement_csv.h"

static const struct actor csv_cli_actor = {"cli", "cli"};

bool cli_is_csv_path(const char *path) {
    size_t n = strlen(path);
    return n > 4 && strcasecmp(path + n - 4, ".csv") == 0;
}

bool cli_japanese(void) {
    const char *lang = getenv("LC_ALL");
    if (!lang || !*lang)
        lang = getenv("LANG");
    return lang && strncmp(lang, "ja", 2) == 0;
}

static const char *base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void print_errors(const char *path, const struct mcsv_report *rep, bool japanese) {
    struct arena a = ARENA_INIT;
    for (size_t i = 0; i < rep->n_errors; i++)
        fprintf(stderr, "%s: %s\n", path, mcsv_error_text(&a, &rep->errors[i], japanese));
    if (rep->more_errors)
        fprintf(stderr, "%s: %s\n", path, japanese ? "ほかにも誤りがあります。" : "... and more errors");
    arena_free(&a);
}

/* The import itself, once the arguments are known to be right. */
static int import_file(const char *dbpath, int64_t plan_id, const char *path) {
    size_t len;
    char *data = cli_read_file(path, &len);
    if (!data)
        return EXIT_FAILURE_IO;
    struct db *db;
    if (cli_open_db(dbpath, 0, &db) < 0) {
        free(data);
        return EXIT_FAILURE_IO;
    }
    bool japanese = cli_japanese();
    struct mcsv_options opt = {&csv_cli_actor, base_name(path), base_name(path), japanese};
    struct arena a = ARENA_INIT;
    struct mcsv_report rep;
    int rc = measurement_csv_import(db, &a, plan_id, data, len, &opt, &rep);
    db_close(db);
    free(data);
    if (rc == 0)
        printf("imported %zu measurement%s into plan %lld (%s)\n", rep.added, rep.added == 1 ? "" : "s",
               (long long)plan_id, csv_encoding_name(rep.encoding));
    else if (rc == KW_EINVAL)
        print_errors(path, &rep, japanese);
    else if (rc == KW_ENOTFOUND)
        fprintf(stderr, "kawaru import: there is no plan %lld\n", (long long)plan_id);
    else
        fprintf(stderr, "kawaru import: %s\n", kw_strerror(rc));
    arena_free(&a);
    if (rc < 0)
        fprintf(stderr, "kawaru import: nothing was imported\n");
    return rc == 0 ? EXIT_OK : rc == KW_EDB ? EXIT_FAILURE_IO : EXIT_USAGE;
}

int cmd_import_csv(const char *dbpath, const char *plan, const char **files, int nfiles) {
    char *end = NULL;
    long long plan_id = plan ? strtoll(plan, &end, 10) : 0;
    if (!plan || plan_id <= 0 || *end != '\0') {
        fprintf(stderr, "kawaru import: a CSV file of measurements needs --plan ID (the plan's number)\n");
        return EXIT_USAGE;
    }
    if (nfiles != 1) {
        fprintf(stderr, "kawaru import: import one CSV file at a time\n");
        return EXIT_USAGE;
    }
    return import_file(dbpath, plan_id, files[0]);
}
