/* kawaru import FILE.xlsx|FILE.csv: a measure list in the 個別業務一覧 layout (xfer/sheet_import.h)
 * merged into the organisation's plan as a document replacing it (xfer/doc_merge.h): every row
 * checked first, the change list printed, nothing written on any problem or with --dry-run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "core/errors.h"
#include "xfer/import.h"
#include "xfer/plan_doc.h"
#include "xfer/sheet_import.h"

static const struct actor sheet_cli_actor = {"cli", "cli"};

bool cli_is_measure_list(const char *path) {
    size_t len;
    char *data = cli_read_file(path, &len);
    if (!data)
        return false;
    struct arena a = ARENA_INIT;
    bool is = sheet_import_is(&a, data, len);
    arena_free(&a);
    free(data);
    return is;
}

int cmd_import_sheet(const char *dbpath, const char *org, const char *plan, const char *path,
                     const struct import_opts *o) {
    bool ja = cli_japanese();
    int64_t plan_id = 0;
    if (plan) {
        char *end;
        plan_id = strtoll(plan, &end, 10);
        if (*end || plan_id <= 0) {
            fprintf(stderr, "kawaru import: --plan takes a plan's id (a number): %s\n", plan);
            return EXIT_USAGE;
        }
    }
    size_t len;
    char *data = cli_read_file(path, &len);
    if (!data)
        return EXIT_FAILURE_IO;
    struct db *db = NULL;
    if (cli_open_db(dbpath, 0, &db) < 0) {
        free(data);
        return EXIT_FAILURE_IO;
    }
    struct arena a = ARENA_INIT;
    struct sheet_import si;
    int rc = sheet_import_prepare(db, &a, data, len, org, plan_id, ja, &si);
    free(data);
    for (size_t i = 0; i < si.result.n_not_read; i++)
        fprintf(stderr, "%s: %s%s\n", path, ja ? "読み込まない列：" : "column not read: ", si.result.not_read[i]);
    int code = EXIT_OK;
    if (rc == KW_EINVAL) {
        fprintf(stderr, "%s: %s\n", path, sheet_import_problem_text(&a, &si, ja));
        for (size_t i = 0; i < si.result.n_problems; i++)
            fprintf(stderr, "%s: %s\n", path, measure_list_problem_text(&a, &si.result.problems[i], ja));
        if (si.result.more_problems)
            fprintf(stderr, "%s: %s\n", path, ja ? "ほかにも誤りがあります。" : "... and more problems");
        code = EXIT_USAGE;
    } else if (rc < 0) {
        fprintf(stderr, "kawaru import: %s\n", db_errmsg(db));
        code = EXIT_FAILURE_IO;
    } else {
        /* the document with the rows applied, merged as `import --replace` merges one */
        struct buf doc = BUF_INIT;
        plan_doc_write(&doc, &si.doc, 0);
        struct import_source src = {path, doc.data, doc.len};
        struct import_opts merge = {.replace = true, .dry_run = o->dry_run};
        struct import_outcome *outcomes = NULL;
        rc = import_run(db, &a, &src, 1, &merge, &sheet_cli_actor, stderr, &outcomes);
        if ((rc == 0 || rc == KW_ECONFLICT) && outcomes)
            import_changes_print(rc == 0 ? stdout : stderr, outcomes, 1);
        buf_free(&doc);
        if (rc == 0)
            printf("%s %zu row%s of %s into %s (%s)\n", o->dry_run ? "would import (dry run: nothing written)" : "imported",
                   si.result.rows, si.result.rows == 1 ? "" : "s", path, si.plan->title, dbpath);
        else
            fprintf(stderr, "kawaru import: nothing was imported\n");
        code = rc == 0 ? EXIT_OK : rc == KW_EINVAL || rc == KW_ECONFLICT ? EXIT_USAGE : EXIT_FAILURE_IO;
    }
    arena_free(&a);
    db_close(db);
    return code;
}
