/* kawaru check: plan health findings for one or every organisation; exit 1 on errors. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "core/errors.h"
#include "core/plan_check.h"
#include "store/store.h"

struct check_ctx { const char *org; const struct plan *plan; int warnings; };

static const char *finding_text(const struct finding *f) {
    switch (f->kind) {
    case FIND_MEASURE_NO_KPI: return "has no KPI (数値目標なし)";
    case FIND_TARGET_UNDECIDED: return "KPI target is 未決定 (undecided)";
    case FIND_TARGET_NONE: return "KPI target is なし (none)";
    case FIND_KPI_NO_BASELINE: return "KPI has no baseline";
    case FIND_MEASURE_NO_DEPARTMENT: return "has no department in charge";
    case FIND_SCHEDULE_OUTSIDE_PERIOD: return "schedule lies outside the plan period";
    case FIND_KPI_UNNAMED: return "KPI names no indicator yet (指標未設定)";
    }
    return "?";
}

static void print_finding(const struct finding *f, void *vctx) {
    struct check_ctx *c = vctx;
    if (f->level == FINDING_WARNING)
        c->warnings++;
    printf("%-7s %s plan %lld measure %s %s: %s", f->level == FINDING_ERROR ? "error" : "warning",
           c->org, (long long)c->plan->id, f->measure->code, f->measure->title, finding_text(f));
    if (f->kpi)
        printf(" [%s]", f->kpi->name ? f->kpi->name : "指標未設定");
    if (f->kind == FIND_SCHEDULE_OUTSIDE_PERIOD)
        printf(" [FY%d]", f->fy);
    printf("\n");
}

int cmd_check(int argc, char **argv) {
    const struct command *cmd = cli_find("check");
    const char *dbpath = NULL, *org = NULL;
    struct cli_opt opts[] = {{"--db", false, &dbpath, NULL}, {"--org", false, &org, NULL},
                             {NULL, false, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (cli_parse(cmd, argc, argv, opts, pos, 0, &npos) < 0)
        return EXIT_USAGE;
    if (!dbpath) {
        fprintf(stderr, "kawaru check: needs --db DB\nusage: kawaru %s\n", cmd->usage);
        return EXIT_USAGE;
    }
    struct db *db;
    if (cli_open_db(dbpath, DB_READONLY, &db) < 0)
        return EXIT_FAILURE_IO;
    struct arena a = ARENA_INIT;
    struct org *orgs;
    size_t norgs;
    int rc = store_org_list(db, &a, &orgs, &norgs), errors = 0, warnings = 0, checked = 0;
    for (size_t i = 0; rc == 0 && i < norgs; i++) {
        if (org && strcmp(org, orgs[i].code) != 0)
            continue;
        struct org_doc doc;
        if ((rc = store_org_doc_load(db, &a, orgs[i].code, &doc)) < 0)
            break;
        checked++;
        for (size_t p = 0; p < doc.n_plans; p++) {
            struct check_ctx c = {orgs[i].code, &doc.plans[p], 0};
            errors += plan_check(&doc.plans[p], print_finding, &c);
            warnings += c.warnings;
        }
    }
    arena_free(&a);
    db_close(db);
    if (rc < 0) {
        fprintf(stderr, "kawaru check: cannot read the database\n");
        return EXIT_FAILURE_IO;
    }
    if (org && !checked) {
        fprintf(stderr, "kawaru check: no organisation with code %s\n", org);
        return EXIT_USAGE;
    }
    printf("%d error%s, %d warning%s in %d organisation%s\n", errors, errors == 1 ? "" : "s", warnings,
           warnings == 1 ? "" : "s", checked, checked == 1 ? "" : "s");
    return errors ? EXIT_FINDINGS : EXIT_OK;
}
