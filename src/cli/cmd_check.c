/* kawaru check: plan health findings for one or every organisation; exit 1 on errors. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "core/errors.h"
#include "core/logic_model.h"
#include "core/plan_check.h"
#include "store/store.h"
#include "store/store_scope.h"
#include "store/store_workload.h"
#include "util/buf.h"
#include "util/jw.h"

struct check_ctx {
    const char *org;
    const struct plan *plan;
    int warnings;
    struct jw *json;            /* --format json: the findings go here */
};

/* A finding as --format json writes it: {"code","severity","message","message_en","entity","url"};
 * the entity is the KPI when the finding is about one, else the measure, the logic model's node
 * or the workload inventory's business, step or applied means; the url is the path of its page
 * on a kawaru server. */
static void json_finding(struct check_ctx *c, const struct finding *f) {
    struct jw *w = c->json;
    jw_obj_begin(w);
    jw_kstr(w, "code", finding_kind_name(f->kind));
    jw_kstr(w, "severity", f->level == FINDING_ERROR ? "error" : "warning");
    jw_kstr(w, "message", finding_message(f->kind, true));
    jw_kstr(w, "message_en", finding_message(f->kind, false));
    if (f->business) {                                  /* the workload inventory */
        jw_key(w, "entity");
        jw_obj_begin(w);
        jw_kstr(w, "type", f->application ? "means_application" : f->step ? "step" : "business");
        jw_kint(w, "id", f->application ? f->application->id : f->step ? f->step->id : f->business->id);
        jw_kstr(w, "org", c->org);
        jw_kint(w, "survey_fy", f->business->survey_fy);
        jw_kstr(w, "business_code", f->business->code);
        jw_kstr(w, "business", f->business->name);
        if (f->step) {
            jw_kint(w, "step", f->step->number);
            jw_kstr(w, "step_name", f->step->name);
        }
        if (f->application)
            jw_kint(w, "measure_id", f->application->measure_id);
        jw_obj_end(w);
        char url[64];
        snprintf(url, sizeof url, "/orgs/%s/workload?fy=%d", c->org, f->business->survey_fy);
        jw_kstr(w, "url", url);
        jw_obj_end(w);
        return;
    }
    if (f->node) {                                      /* a node of the logic model */
        jw_key(w, "entity");
        jw_obj_begin(w);
        jw_kstr(w, "type", "logic_model_node");
        jw_kint(w, "id", f->node->id);
        jw_kstr(w, "org", c->org);
        jw_kint(w, "plan_id", c->plan->id);
        jw_kstr(w, "plan", c->plan->title);
        jw_kstr(w, "node_key", f->node->key);
        jw_kstr(w, "column", lm_column_names[f->node->column]);
        jw_kstr(w, "text", f->node->text);
        jw_obj_end(w);
        char url[64];
        snprintf(url, sizeof url, "/plans/%lld/logic-model#lm-%d", (long long)c->plan->id,   /* its outline entry */
                 (int)(f->node - c->plan->logic_model->nodes) + 1);
        jw_kstr(w, "url", url);
        jw_obj_end(w);
        return;
    }
    jw_key(w, "entity");
    jw_obj_begin(w);
    jw_kstr(w, "type", f->kpi ? "kpi" : "measure");
    jw_kint(w, "id", f->kpi ? f->kpi->id : f->measure->id);
    jw_kstr(w, "org", c->org);
    jw_kint(w, "plan_id", c->plan->id);
    jw_kstr(w, "plan", c->plan->title);
    jw_kstr(w, "measure_code", f->measure->key ? f->measure->key : f->measure->code);
    jw_kstr(w, "measure_title", f->measure->title);
    if (f->kpi)
        jw_kstr(w, "kpi_name", f->kpi->name);
    if (f->fy)
        jw_kint(w, "fy", f->fy);
    jw_obj_end(w);
    char url[64];
    snprintf(url, sizeof url, "/%s/%lld", f->kpi ? "kpis" : "measures", (long long)(f->kpi ? f->kpi->id : f->measure->id));
    jw_kstr(w, "url", url);
    jw_obj_end(w);
}

/* One line a finding: level, organisation, plan, the measure, what is wrong (Japanese and English). */
static void print_finding(const struct finding *f, void *vctx) {
    struct check_ctx *c = vctx;
    if (f->level == FINDING_WARNING)
        c->warnings++;
    if (c->json) {
        json_finding(c, f);
        return;
    }
    if (f->business) {
        printf("%-7s %s survey FY%d business %s %s", f->level == FINDING_ERROR ? "error" : "warning", c->org,
               f->business->survey_fy, f->business->code, f->business->name);
        if (f->step)
            printf(" step %d %s", f->step->number, f->step->name);
        printf(": %s (%s)\n", finding_message(f->kind, false), finding_message(f->kind, true));
        return;
    }
    if (f->node) {
        printf("%-7s %s plan %lld logic model node %s: %s (%s)\n", f->level == FINDING_ERROR ? "error" : "warning",
               c->org, (long long)c->plan->id, f->node->text,
               finding_message(f->kind, false), finding_message(f->kind, true));
        return;
    }
    printf("%-7s %s plan %lld measure %s %s: %s (%s)", f->level == FINDING_ERROR ? "error" : "warning",
           c->org, (long long)c->plan->id, f->measure->code, f->measure->title, finding_message(f->kind, false),
           finding_message(f->kind, true));
    if (f->kpi)
        printf(" [%s]", f->kpi->name ? f->kpi->name : "指標未設定");
    if (f->kind == FIND_SCHEDULE_OUTSIDE_PERIOD)
        printf(" [FY%d]", f->fy);
    printf("\n");
}

static bool measure_has_department(int64_t measure_id, int64_t department_id, void *db) {
    return store_measure_in_departments(db, measure_id, &department_id, 1);
}

/* The workload inventory of every survey year of the organisation (workload_check). */
static int check_workload(struct db *db, struct arena *a, const struct org *o, struct jw *json, int *errors,
                          int *warnings) {
    int *years;
    size_t n;
    int rc = store_workload_years(db, a, o->id, &years, &n);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct workload_inventory inv;
        if ((rc = store_workload_load(db, a, o->id, years[i], &inv)) < 0)
            break;
        struct check_ctx c = {o->code, NULL, 0, json};
        *errors += workload_check(inv.businesses, inv.n, inv.apps, inv.n_apps, measure_has_department, db,
                                  print_finding, &c);
        *warnings += c.warnings;
    }
    return rc;
}

int cmd_check(int argc, char **argv) {
    const struct command *cmd = cli_find("check");
    const char *dbpath = NULL, *org = NULL, *format = "text";
    struct cli_opt opts[] = {{"--db", false, &dbpath, NULL}, {"--org", false, &org, NULL},
                             {"--format", false, &format, NULL}, {NULL, false, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (cli_parse(cmd, argc, argv, opts, pos, 0, &npos) < 0)
        return EXIT_USAGE;
    if (!dbpath) {
        fprintf(stderr, "kawaru check: needs --db DB\nusage: kawaru %s\n", cmd->usage);
        return EXIT_USAGE;
    }
    bool json = strcmp(format, "json") == 0;
    if (!json && strcmp(format, "text") != 0) {
        fprintf(stderr, "kawaru check: --format is text or json, not %s\n", format);
        return EXIT_USAGE;
    }
    struct db *db;
    if (cli_open_db(dbpath, DB_READONLY, &db) < 0)
        return EXIT_FAILURE_IO;
    struct arena a = ARENA_INIT;
    struct buf out = BUF_INIT;
    struct jw w;
    jw_init(&w, &out, 2);
    if (json)
        jw_arr_begin(&w);
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
            struct check_ctx c = {orgs[i].code, &doc.plans[p], 0, json ? &w : NULL};
            errors += plan_check(&doc.plans[p], print_finding, &c);
            warnings += c.warnings;
        }
        if ((rc = check_workload(db, &a, &orgs[i], json ? &w : NULL, &errors, &warnings)) < 0)
            break;
    }
    if (json) {
        jw_arr_end(&w);
        if (rc == 0 && (!org || checked))
            printf("%s\n", buf_cstr(&out));
    }
    buf_free(&out);
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
    if (!json)
            printf("%d error%s, %d warning%s in %d organisation%s\n", errors, errors == 1 ? "" : "s", warnings,
               warnings == 1 ? "" : "s", checked, checked == 1 ? "" : "s");
    return errors ? EXIT_FINDINGS : EXIT_OK;
}
