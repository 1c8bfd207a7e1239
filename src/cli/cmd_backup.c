/* kawaru backup and kawaru restore (issue 17, point 5), and the server's scheduled backups:
 * a consistent copy of a served database, the whole database put back from one, or one
 * organisation's plan document from a backup merged into a live database (docs/backup.md).
 * The engine's part is store/db_backup.c (and, for PostgreSQL, store/db_migrate.c's copies between
 * the engines) behind db.h; this file holds what every engine shares. A backup is always a kawaru
 * SQLite file, whichever engine it was taken from. */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "core/errors.h"
#include "store/store.h"
#include "util/jw.h"
#include "util/xmalloc.h"
#include "xfer/doc_merge.h"
#include "xfer/import.h"
#include "xfer/plan_doc.h"

static const struct actor restore_actor = {"cli", "cli"};

static void print_info(FILE *f, const char *what, const char *path, const struct db_backup_info *i) {
    fprintf(f, "%s %s: %.1f MB, %lld organisation%s, %lld measure%s, migrations up to %d, ", what, path,
            (double)i->bytes / 1e6, i->orgs, i->orgs == 1 ? "" : "s", i->measures, i->measures == 1 ? "" : "s",
            i->schema);
    if (i->last_audit_id)
        fprintf(f, "data up to audit entry %lld (%s)", i->last_audit_id, i->last_audit_at);
    else
        fprintf(f, "no audit entries");
    if (i->seconds > 0)
        fprintf(f, ", %.2f s", i->seconds);
    fputc('\n', f);
}

static int exit_of(int rc) {
    return rc == KW_EINVAL || rc == KW_ECONFLICT || rc == KW_ENOTFOUND ? EXIT_USAGE : EXIT_FAILURE_IO;
}

int cmd_backup(int argc, char **argv) {
    const struct command *cmd = cli_find("backup");
    const char *dbpath = NULL, *check = NULL;
    bool force = false;
    struct cli_opt opts[] = {{"--db", false, &dbpath, NULL}, {"--force", true, NULL, &force},
                             {"--check", false, &check, NULL}, {NULL, false, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (cli_parse(cmd, argc, argv, opts, pos, 1, &npos) < 0)
        return EXIT_USAGE;
    char err[1024];
    struct db_backup_info info;
    if (check) {                                /* verify a backup: the full integrity_check */
        if (dbpath || npos || force) {
            fprintf(stderr, "kawaru backup: --check FILE goes alone\nusage: kawaru %s\n", cmd->usage);
            return EXIT_USAGE;
        }
        int rc = db_backup_check(check, true, &info, err, sizeof err);
        if (rc < 0) {
            fprintf(stderr, "kawaru backup: %s\n", err);
            return exit_of(rc);
        }
        print_info(stdout, "checked (integrity_check ok)", check, &info);
        return EXIT_OK;
    }
    if (!dbpath || npos != 1) {
        fprintf(stderr, "kawaru backup: needs --db DB and the FILE to write\nusage: kawaru %s\n", cmd->usage);
        return EXIT_USAGE;
    }
    int rc = db_backup(dbpath, pos[0], force ? DB_BACKUP_FORCE : 0, &info, err, sizeof err);
    if (rc < 0) {
        fprintf(stderr, "kawaru backup: %s%s\n", err, rc == KW_ECONFLICT ? " (--force overwrites it)" : "");
        return exit_of(rc);
    }
    print_info(stdout, "backup written (integrity_check ok) to", pos[0], &info);
    return EXIT_OK;
}

/* A temporary copy of the backup at from, brought up to this program's migrations there (the
 * backup itself is never changed), into tmp (room for 4096): 0, or KW_* said on stderr. The caller
 * unlinks tmp. */
static int working_copy(const char *from, char *tmp) {
    char err[1024];
    const char *tmpdir = getenv("TMPDIR");
    snprintf(tmp, 4096, "%s/kawaru-restore-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "kawaru restore: cannot make a temporary file: %s\n", strerror(errno));
        tmp[0] = '\0';
        return KW_EIO;
    }
    close(fd);
    struct db_backup_info info;
    struct db *db = NULL;
    int rc = db_backup(from, tmp, DB_BACKUP_FORCE | DB_BACKUP_NO_CHECK, &info, err, sizeof err);
    if (rc == 0)
        rc = db_open(tmp, 0, &db, err, sizeof err);
    if (rc < 0)
        fprintf(stderr, "kawaru restore: %s\n", err);
    db_close(db);
    return rc;
}

/* The working copy removed, with the -wal and -shm files SQLite may leave beside it (a read-only
 * connection cannot remove them). */
static void drop_working_copy(const char *tmp) {
    char side[4200];
    if (!tmp[0])
        return;
    unlink(tmp);
    snprintf(side, sizeof side, "%s-wal", tmp);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", tmp);
    unlink(side);
}

/* The audit entry of a whole restore: the backup, its newest audit entry, the kept copy of what
 * it replaced, and (PostgreSQL's, rows ≥ 0) the rows copied. */
static int audit_whole_restore(struct db *db, const char *from, const struct db_backup_info *info, const char *kept,
                               long long rows) {
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    jw_obj_begin(&w);
    jw_kstr(&w, "backup", from);
    jw_kint(&w, "backup_last_audit_id", info->last_audit_id);
    jw_kstr(&w, "backup_last_audit_at", info->last_audit_at);
    jw_kstr(&w, "kept_as", kept);
    jw_kint(&w, "schema", db_schema_version(db));
    if (rows >= 0)                              /* PostgreSQL's: the rows copied */
        jw_kint(&w, "rows", rows);
    jw_obj_end(&w);
    buf_putc(&b, '\0');
    int rc = store_audit(db, &restore_actor, "installation", 0, "restore", NULL, b.data);
    buf_free(&b);
    return rc;
}

/* PostgreSQL's whole restore, while servers serve it: under the writers' lock, in one transaction,
 * a backup of the database as it is written to kept first, then every table emptied and the
 * backup (a working copy of it) copied in, compared row by row, recorded in the audit log and
 * committed — a content change, so every server's watcher empties its caches. */
static int restore_whole_pg(const char *from, const char *dbpath, const char *kept) {
    char err[1024], tmp[4096] = "";
    struct db_backup_info info, kinfo;
    struct db_migration *m = NULL;
    int rc = db_backup_check(from, false, &info, err, sizeof err);
    if (rc < 0)
        fprintf(stderr, "kawaru restore: %s\n", err);
    if (rc == 0)
        rc = working_copy(from, tmp);
    if (rc == 0 && (rc = db_migrate_begin(tmp, dbpath, DB_MIGRATE_REPLACE, &m, err, sizeof err)) < 0)
        fprintf(stderr, "kawaru restore: %s\n", err);
    /* the writers' lock is held from here: the kept backup is exactly what is replaced */
    if (rc == 0 && (rc = db_backup(dbpath, kept, 0, &kinfo, err, sizeof err)) < 0)
        fprintf(stderr, "kawaru restore: keeping the database first: %s%s\n", err,
                rc == KW_ECONFLICT ? " (--keep-as names another file)" : "");
    if (rc == 0)
        printf("the database being replaced was kept as %s\n", kept);
    if (rc == 0 && (rc = db_migrate_copy(m, NULL, NULL, err, sizeof err)) < 0)
        fprintf(stderr, "kawaru restore: %s\n", err);
    const struct db_migrate_table *v = NULL;
    size_t n = 0;
    long long rows = 0;
    if (rc == 0 && (rc = db_migrate_verify(m, &v, &n, err, sizeof err)) < 0)
        fprintf(stderr, "kawaru restore: %s\n", err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        rows += v[i].rows;
        if (v[i].rows != v[i].target_rows || v[i].differ_at) {
            fprintf(stderr, "kawaru restore: table %s: %lld rows in the backup, %lld copied; differs from row %lld\n",
                    v[i].name, v[i].rows, v[i].target_rows, v[i].differ_at);
            rc = KW_EDB;
        }
    }
    if (rc == 0 && (rc = audit_whole_restore(db_migrate_target(m), from, &info, kept, rows)) < 0)
        fprintf(stderr, "kawaru restore: cannot write the audit entry: %s\n", db_errmsg(db_migrate_target(m)));
    int end = db_migrate_end(m, rc == 0);
    if (rc == 0 && end < 0) {
        fprintf(stderr, "kawaru restore: the commit failed\n");
        rc = end;
    }
    drop_working_copy(tmp);
    if (rc < 0) {
        fprintf(stderr, "kawaru restore: rolled back: %s was not changed\n", dbpath);
        return exit_of(rc);
    }
    print_info(stdout, "restored from", from, &info);
    return EXIT_OK;
}

/* The whole database replaced by the backup; the replaced one kept as DB.before-restore-TIME
 * (SQLite, beside it) or <dbname>.before-restore-TIME.db (PostgreSQL, in the current folder), or
 * as keep_as. */
static int restore_whole(const char *from, const char *dbpath, const char *keep_as) {
    char stamp[64], err[1024], name[256];
    db_backup_name(time(NULL), stamp, sizeof stamp);          /* kawaru-YYYYMMDDTHHMMSSZ.db */
    size_t klen = strlen(dbpath) + 300;
    char *kept = xmalloc(klen);
    if (keep_as)
        snprintf(kept, klen, "%s", keep_as);
    else if (db_is_server(dbpath))
        db_server_dbname(dbpath, name, sizeof name), snprintf(kept, klen, "%s.before-restore-%.16s.db", name, stamp + 7);
    else
        snprintf(kept, klen, "%s.before-restore-%.16s", dbpath, stamp + 7);
    if (db_is_server(dbpath)) {
        int code = restore_whole_pg(from, dbpath, kept);
        free(kept);
        return code;
    }
    struct db_backup_info info;
    int rc = db_restore(from, dbpath, kept, &info, err, sizeof err);
    if (rc < 0) {
        fprintf(stderr, "kawaru restore: %s%s\n", err, rc == KW_ECONFLICT ? " (--keep-as names another file)" : "");
        fprintf(stderr, "kawaru restore: %s was not replaced\n", dbpath);
        free(kept);
        return exit_of(rc);
    }
    printf("the database being replaced was kept as %s\n", kept);
    /* the restored database records that it was restored (as PostgreSQL's does, in its transaction) */
    struct db *db = NULL;
    if ((rc = db_open(dbpath, 0, &db, err, sizeof err)) == 0 && (rc = db_begin(db)) == 0) {
        rc = audit_whole_restore(db, from, &info, kept, -1);
        rc = rc == 0 ? db_commit(db) : (db_rollback(db), rc);
    }
    if (rc < 0) {
        fprintf(stderr, "kawaru restore: restored, but the audit entry of the restore could not be written: %s\n",
                db ? db_errmsg(db) : err);
        db_close(db);
        free(kept);
        return exit_of(rc);
    }
    db_close(db);
    print_info(stdout, "restored from", from, &info);
    free(kept);
    return EXIT_OK;
}

/* The organisation's plan document as the backup holds it (the backup is copied to a temporary
 * file and brought up to this program's migrations there, never changed itself); written and
 * read back, so it is exactly what `kawaru export --format json` of the backup would give. */
static int backup_document(const char *from, const char *code, struct arena *a, struct org_doc *ret) {
    char err[1024], tmp[4096] = "";
    struct db *db = NULL;
    int rc = working_copy(from, tmp);
    if (rc == 0 && (rc = db_open(tmp, 0, &db, err, sizeof err)) < 0)
        fprintf(stderr, "kawaru restore: %s\n", err);
    struct org_doc doc;
    if (rc == 0) {
        rc = store_org_doc_load(db, a, code, &doc);
        if (rc == KW_ENOTFOUND)
            fprintf(stderr, "kawaru restore: the backup %s has no organisation with code %s\n", from, code);
        else if (rc < 0)
            fprintf(stderr, "kawaru restore: %s: %s\n", from, db_errmsg(db));
    }
    if (rc == 0) {
        struct buf b = BUF_INIT;
        struct doc_errors errs;
        plan_doc_write(&b, &doc, 0);
        char *text = arena_alloc(a, b.len + 1);
        memcpy(text, b.data, b.len);
        text[b.len] = '\0';
        rc = plan_doc_parse(text, b.len, a, ret, &errs);
        if (rc < 0)
            doc_errors_print(stderr, from, &errs);
        buf_free(&b);
    }
    db_close(db);
    drop_working_copy(tmp);
    return rc;
}

/* One organisation put back: its document from the backup merged into the live database by codes
 * (xfer/doc_merge.h), with an audit row of the restore, in one transaction; the server may run. */
static int restore_org(const char *from, const char *dbpath, const char *code, bool dry_run, bool prune) {
    char err[1024];
    struct db_backup_info info;
    int rc = db_backup_check(from, false, &info, err, sizeof err);
    if (rc < 0) {
        fprintf(stderr, "kawaru restore: %s\n", err);
        return exit_of(rc);
    }
    struct arena a = ARENA_INIT;
    struct org_doc doc;
    rc = backup_document(from, code, &a, &doc);
    struct db *db = NULL;
    if (rc == 0 && cli_open_db(dbpath, 0, &db) < 0)
        rc = KW_EDB;
    struct doc_errors errs;
    if (rc == 0 && plan_doc_check_stored(db, &a, &doc, &errs) < 0) {
        doc_errors_print(stderr, from, &errs);
        rc = KW_EINVAL;
    }
    /* nothing removed unless asked: then the merge's own rules (deleted without history, else abolished) */
    struct merge_opts mo = {.prune = prune, .dry_run = dry_run, .keep_removed = !prune};
    struct import_outcome out = {from, code, {0}};
    bool began = false;
    if (rc == 0 && !dry_run)
        began = (rc = db_begin(db)) == 0;
    if (rc == 0)
        rc = doc_merge(db, &a, &doc, &mo, &restore_actor, &out.result);
    if (rc == 0 && began) {
        struct org o;
        rc = store_org_by_code(db, &a, code, &o);
        struct buf b = BUF_INIT;
        struct jw w;
        jw_init(&w, &b, 0);
        jw_obj_begin(&w);
        jw_kstr(&w, "code", code);
        jw_kstr(&w, "backup", from);
        jw_kint(&w, "backup_last_audit_id", info.last_audit_id);
        jw_kstr(&w, "backup_last_audit_at", info.last_audit_at);
        jw_kint(&w, "changes", (int64_t)out.result.n);
        jw_kbool(&w, "prune", prune);
        jw_obj_end(&w);
        buf_putc(&b, '\0');
        if (rc == 0)
            rc = store_audit(db, &restore_actor, "org", o.id, "restore", NULL, b.data);
        buf_free(&b);
        rc = rc == 0 ? db_commit(db) : (db_rollback(db), rc);
    } else if (began && db_in_transaction(db)) {
        db_rollback(db);
    }
    if (rc == 0 || (rc == KW_ECONFLICT && out.result.refused))
        import_changes_print(rc == 0 ? stdout : stderr, &out, 1);
    db_close(db);
    arena_free(&a);
    if (rc == 0) {
        printf("%s organisation %s from %s into %s (%zu change%s)\n",
               dry_run ? "would restore (dry run: nothing written)" : "restored", code, from, dbpath, out.result.n,
               out.result.n == 1 ? "" : "s");
        return EXIT_OK;
    }
    if (rc == KW_ECONFLICT)
        fprintf(stderr, "kawaru restore: nothing was restored: the changes above marked refused would lose history or "
                        "are publishing's to make\n");
    else
        fprintf(stderr, "kawaru restore: nothing was restored\n");
    return cli_exit_code(rc);
}

int cmd_restore(int argc, char **argv) {
    const struct command *cmd = cli_find("restore");
    const char *from = NULL, *dbpath = NULL, *org = NULL, *keep_as = NULL;
    bool dry_run = false, prune = false;
    struct cli_opt opts[] = {{"--from", false, &from, NULL}, {"--db", false, &dbpath, NULL},
                             {"--org", false, &org, NULL}, {"--dry-run", true, NULL, &dry_run},
                             {"--keep-as", false, &keep_as, NULL},
                             {"--prune", true, NULL, &prune}, {NULL, false, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (cli_parse(cmd, argc, argv, opts, pos, 0, &npos) < 0)
        return EXIT_USAGE;
    if (!from || !dbpath) {
        fprintf(stderr, "kawaru restore: needs --from BACKUP and --db DB\nusage: kawaru %s\n", cmd->usage);
        return EXIT_USAGE;
    }
    if ((dry_run || prune) && !org) {
        fprintf(stderr, "kawaru restore: --dry-run and --prune go with --org CODE\nusage: kawaru %s\n", cmd->usage);
        return EXIT_USAGE;
    }
    if (keep_as && org) {
        fprintf(stderr, "kawaru restore: --keep-as goes with a whole restore, not --org\nusage: kawaru %s\n", cmd->usage);
        return EXIT_USAGE;
    }
    return org ? restore_org(from, dbpath, org, dry_run, prune) : restore_whole(from, dbpath, keep_as);
}

/* ---- the server's scheduled backups */

int backup_schedule_init(struct backup_schedule *s, const char *db_path, const char *dir, const char *every,
                         const char *keep) {
    memset(s, 0, sizeof *s);
    s->db_path = db_path;
    s->dir = dir;
    if (!dir) {
        if (every || keep) {
            fprintf(stderr, "kawaru serve: --backup-every and --backup-keep go with --backup-dir DIR\n");
            return -1;
        }
        return 0;
    }
    char *end = NULL;
    double hours = every ? strtod(every, &end) : 24;
    if (every && (*end || !(hours * 3600 >= 1) || hours > 24 * 366)) {
        fprintf(stderr, "kawaru serve: --backup-every wants hours, at least one second's worth (0.0003) and at most "
                        "a year (fractions allowed)\n");
        return -1;
    }
    s->every_s = (time_t)ceil(hours * 3600);
    long n = keep ? strtol(keep, &end, 10) : 7;
    if (keep && (*end || n < 1 || n > 100000)) {
        fprintf(stderr, "kawaru serve: --backup-keep wants a number from 1\n");
        return -1;
    }
    s->keep = (size_t)n;
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode) || access(dir, W_OK) != 0) {
        fprintf(stderr, "kawaru serve: --backup-dir %s is not a folder this process can write to\n", dir);
        return -1;
    }
    return 0;
}

static void pruned(const char *name, void *arg) {
    printf("kawaru: backup: deleted %s/%s (older than the newest %zu)\n", ((struct backup_schedule *)arg)->dir, name,
           ((struct backup_schedule *)arg)->keep);
}

/* The backup thread: one copy, then the retention rule; a failure is logged and tried again at
 * the next time. */
static void *backup_thread(void *arg) {
    struct backup_schedule *s = arg;
    char name[64], path[4096], err[1024];
    db_backup_name(time(NULL), name, sizeof name);
    snprintf(path, sizeof path, "%s/%s", s->dir, name);
    struct db_backup_info info;
    int rc = db_backup(s->db_path, path, 0, &info, err, sizeof err);
    if (rc < 0) {
        fprintf(stderr, "kawaru: backup: failed, trying again in %lld s: %s\n", (long long)s->every_s, err);
    } else {
        print_info(stdout, "kawaru: backup: wrote", path, &info);
        if (db_backup_prune(s->dir, s->keep, pruned, s) < 0)
            fprintf(stderr, "kawaru: backup: cannot read %s to delete old backups\n", s->dir);
    }
    fflush(stdout);
    atomic_store(&s->running, false);
    return NULL;
}

void backup_schedule_tick(struct backup_schedule *s) {
    if (!s->dir)
        return;
    time_t now = time(NULL);
    if (s->next == 0) {                          /* a restart does not postpone the next backup */
        time_t newest = db_backup_newest(s->dir);
        s->next = newest ? newest + s->every_s : now;
    }
    if (now < s->next || atomic_load(&s->running))
        return;
    s->next = now + s->every_s;
    atomic_store(&s->running, true);
    pthread_t t;
    pthread_attr_t at;
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&t, &at, backup_thread, s) != 0) {
        atomic_store(&s->running, false);
        fprintf(stderr, "kawaru: backup: cannot start its thread; trying again in %lld s\n", (long long)s->every_s);
    }
    pthread_attr_destroy(&at);
}
