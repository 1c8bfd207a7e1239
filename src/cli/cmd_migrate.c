/* kawaru migrate --from DB --to postgresql://… (SPEC §4.1, docs/postgresql.md "Moving from
 * SQLite"): an installation moved from its SQLite file into an empty PostgreSQL database with
 * nothing lost. The copy is store/db_migrate.c's; this file checks it before anything is committed
 * — the rows of every table counted on both sides, and every organisation's plan document (what
 * `kawaru export --format json` writes) byte for byte the same from both — and records the move in
 * the target's audit log, in the same transaction: either all of it is there, or nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "core/errors.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/jw.h"
#include "xfer/plan_doc.h"

static const struct actor migrate_actor = {"cli", "cli"};

static void progress(const char *table, long long rows, double s, void *arg) {
    (void)arg;
    if (s >= 1.0)                               /* the long ones, as they finish */
        fprintf(stderr, "kawaru migrate: %s: %lld rows in %.1f s\n", table, rows, s);
}

/* The rows of every table on both sides, printed as a table, and whether their values are the
 * same; the number of tables that differ. */
static int compare_counts(const struct db_migrate_table *v, size_t n, long long *ret_rows) {
    int differ = 0;
    long long rows = 0;
    printf("%-26s %12s %12s  %s\n", "table", "sqlite", "postgresql", "values");
    for (size_t i = 0; i < n; i++) {
        bool same = v[i].rows == v[i].target_rows && v[i].differ_at == 0;
        differ += !same;
        rows += v[i].rows;
        printf("%-26s %12lld %12lld  %s", v[i].name, v[i].rows, v[i].target_rows, same ? "same" : "DIFFER");
        if (v[i].differ_at)
            printf(" from row %lld\n    sqlite:     %s    postgresql: %s", v[i].differ_at, v[i].mine, v[i].theirs);
        putchar('\n');
    }
    *ret_rows = rows;
    return differ;
}

/* The organisation's plan document as `kawaru export --format json` writes it, into b. */
static int export_doc(struct db *db, struct arena *a, const char *code, struct buf *b) {
    struct org_doc doc;
    int rc = store_org_doc_load(db, a, code, &doc);
    if (rc == 0)
        plan_doc_write(b, &doc, 2);
    return rc;
}

/* Every organisation's document exported from both sides and compared; the number that differ
 * (each named on stderr), or KW_* when one cannot be read. */
static int compare_documents(struct db *src, struct db *dst, size_t *ret_orgs) {
    struct arena a = ARENA_INIT;
    struct org *orgs, *torgs;
    size_t n, tn;
    struct db *failed = src;
    int rc = store_org_list(src, &a, &orgs, &n);
    if (rc == 0 && (rc = store_org_list(dst, &a, &torgs, &tn)) < 0)
        failed = dst;
    if (rc < 0) {
        fprintf(stderr, "kawaru migrate: cannot list the organisations: %s\n", db_errmsg(failed));
        arena_free(&a);
        return rc;
    }
    int differ = n != tn;
    if (n != tn)
        fprintf(stderr, "kawaru migrate: %zu organisations in the file, %zu in PostgreSQL\n", n, tn);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct arena oa = ARENA_INIT;
        struct buf mine = BUF_INIT, theirs = BUF_INIT;
        rc = export_doc(src, &oa, orgs[i].code, &mine);
        if (rc == 0 && (rc = export_doc(dst, &oa, orgs[i].code, &theirs)) == KW_ENOTFOUND)
            rc = 0, buf_puts(&theirs, "(missing)");
        if (rc < 0)
            fprintf(stderr, "kawaru migrate: organisation %s: cannot export it: %s\n", orgs[i].code,
                    db_errmsg(mine.len ? dst : src));
        else if (mine.len != theirs.len || memcmp(mine.data, theirs.data, mine.len) != 0) {
            size_t at = 0;
            while (at < mine.len && at < theirs.len && mine.data[at] == theirs.data[at])
                at++;
            size_t from = at > 60 ? at - 60 : 0;
            fprintf(stderr, "kawaru migrate: organisation %s: the exported documents differ from byte %zu:\n"
                            "  sqlite:     …%.120s\n  postgresql: …%.120s\n",
                    orgs[i].code, at, mine.data + from, theirs.len > from ? theirs.data + from : "");
            differ++;
        }
        buf_free(&mine);
        buf_free(&theirs);
        arena_free(&oa);
    }
    arena_free(&a);
    *ret_orgs = n;
    return rc < 0 ? rc : differ;
}

/* The audit entry of the move: where from, and the rows of every table. */
static int audit_move(struct db *dst, const char *from, const struct db_migrate_table *v, size_t n, long long rows,
                      size_t orgs) {
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    jw_obj_begin(&w);
    jw_kstr(&w, "from", from);
    jw_kint(&w, "schema", db_schema_version(dst));
    jw_kint(&w, "tables", (int64_t)n);
    jw_kint(&w, "rows", rows);
    jw_kint(&w, "organisations", (int64_t)orgs);
    jw_key(&w, "counts");
    jw_obj_begin(&w);
    for (size_t i = 0; i < n; i++)
        jw_kint(&w, v[i].name, v[i].rows);
    jw_obj_end(&w);
    jw_obj_end(&w);
    buf_putc(&b, '\0');
    int rc = store_audit(dst, &migrate_actor, "installation", 0, "migrate", NULL, b.data);
    buf_free(&b);
    return rc;
}

int cmd_migrate(int argc, char **argv) {
    const struct command *cmd = cli_find("migrate");
    const char *from = NULL, *to = NULL;
    struct cli_opt opts[] = {{"--from", false, &from, NULL}, {"--to", false, &to, NULL}, {NULL, false, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (cli_parse(cmd, argc, argv, opts, pos, 0, &npos) < 0)
        return EXIT_USAGE;
    if (!from || !to) {
        fprintf(stderr, "kawaru migrate: needs --from DB and --to postgresql://…\nusage: kawaru %s\n", cmd->usage);
        return EXIT_USAGE;
    }
    double t0 = clock_s();
    char err[1024];
    struct db_migration *m = NULL;
    int rc = db_migrate_begin(from, to, 0, &m, err, sizeof err);
    if (rc < 0) {
        fprintf(stderr, "kawaru migrate: %s\nkawaru migrate: nothing was changed\n", err);
        return cli_exit_code(rc);
    }
    int code = EXIT_OK;
    double t1 = clock_s();
    rc = db_migrate_copy(m, progress, NULL, err, sizeof err);
    if (rc < 0)
        fprintf(stderr, "kawaru migrate: %s\n", err);
    double copied = clock_s() - t1, t2 = clock_s();
    const struct db_migrate_table *v = NULL;
    size_t n = 0, orgs = 0;
    long long rows = 0;
    if (rc == 0 && (rc = db_migrate_verify(m, &v, &n, err, sizeof err)) < 0)
        fprintf(stderr, "kawaru migrate: %s\n", err);
    if (rc == 0 && compare_counts(v, n, &rows) > 0) {
        fprintf(stderr, "kawaru migrate: the tables marked DIFFER do not hold the same rows on both sides\n");
        code = EXIT_FINDINGS;
    }
    int docs = 0;
    if (rc == 0 && code == EXIT_OK && (docs = compare_documents(db_migrate_source(m), db_migrate_target(m), &orgs)) != 0) {
        if (docs > 0)
            fprintf(stderr, "kawaru migrate: %d organisation%s exported differently from the two databases\n", docs,
                    docs == 1 ? "" : "s");
        rc = docs < 0 ? docs : 0;
        code = docs > 0 ? EXIT_FINDINGS : code;
    }
    if (rc == 0 && code == EXIT_OK && (rc = audit_move(db_migrate_target(m), from, v, n, rows, orgs)) < 0)
        fprintf(stderr, "kawaru migrate: cannot write the audit entry: %s\n", db_errmsg(db_migrate_target(m)));
    double checked = clock_s() - t2;
    bool commit = rc == 0 && code == EXIT_OK;
    int end = db_migrate_end(m, commit);
    if (commit && end < 0)
        rc = end;
    if (rc < 0 || code != EXIT_OK) {
        fprintf(stderr, "kawaru migrate: rolled back: the PostgreSQL database was not changed\n");
        return code != EXIT_OK ? code : cli_exit_code(rc);
    }
    double total = clock_s() - t0;
    printf("migrated %s into PostgreSQL: %zu tables, %lld rows, %zu organisation%s exported identically from both; "
           "copied in %.2f s (%.0f rows/s), checked in %.2f s, %.2f s in all\n", from, n, rows, orgs,
           orgs == 1 ? "" : "s", copied, copied > 0 ? (double)rows / copied : 0.0, checked, total);
    return EXIT_OK;
}
