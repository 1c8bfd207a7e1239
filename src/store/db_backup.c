/* Backups (issue 17, point 5): a consistent copy of a served database, checking a copy, replacing
 * a SQLite database by one, the server's claim that makes a restore wait, and the naming and
 * retention of scheduled backups (db.h says what each call does).
 *
 * A backup is always a kawaru SQLite file, whichever engine it came from. Of SQLite it is made
 * here with the online backup API; of PostgreSQL by db_migrate.c (migrate_pg_to_file: every row
 * read in one snapshot into a new file); both then end here the same way — integrity_check,
 * rename. A whole restore into PostgreSQL is db_migrate.c's copy with DB_MIGRATE_REPLACE (the
 * command, cmd_backup.c, keeps a backup of the database first); db_restore is SQLite's.
 *
 * Why the copy is consistent without blocking the server: the source connection opens one read
 * transaction before the first step and keeps it to the last, so every step copies pages of the
 * same snapshot (the WAL keeps it) — nothing the server writes meanwhile makes the backup start
 * again, and in WAL mode a reader never blocks a writer. Only checkpoints wait until the copy is
 * done. Everything committed before db_backup began is in the copy; nothing after it is. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "core/errors.h"
#include <sqlite3.h>
#include "store/db_engine.h"
#include "util/clock.h"
#include "util/xmalloc.h"

enum { STEP_PAGES = 1024, WAIT_MS = 30000 };

static int fail(char *err, size_t errsize, int rc, const char *fmt, const char *a, const char *b) {
    snprintf(err, errsize, fmt, a, b ? b : "");
    return rc;
}

static sqlite3 *open_raw(const char *path, int oflags, char *err, size_t errsize) {
    sqlite3 *h = NULL;
    if (sqlite3_open_v2(path, &h, oflags, NULL) != SQLITE_OK) {
        snprintf(err, errsize, "cannot open %s: %s", path, h ? sqlite3_errmsg(h) : "out of memory");
        sqlite3_close(h);
        return NULL;
    }
    sqlite3_busy_timeout(h, WAIT_MS);
    return h;
}

/* One integer of a query (PRAGMA or SELECT), or -1. */
static long long one_int(sqlite3 *h, const char *sql) {
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* What a database holds, and whether it is one of ours that this program can read. */
static int describe(sqlite3 *h, const char *path, struct db_backup_info *ret, char *err, size_t errsize) {
    memset(ret, 0, sizeof *ret);
    if (one_int(h, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('org', 'measure', 'audit')")
        != 3)
        return fail(err, errsize, KW_EINVAL, "%s is not a kawaru database", path, NULL);
    ret->schema = (int)one_int(h, "PRAGMA user_version");
    ret->orgs = one_int(h, "SELECT count(*) FROM org");
    ret->measures = one_int(h, "SELECT count(*) FROM measure");
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h, "SELECT id, at FROM audit ORDER BY id DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
        return fail(err, errsize, KW_EINVAL, "%s: %s", path, sqlite3_errmsg(h));
    if (sqlite3_step(st) == SQLITE_ROW) {
        ret->last_audit_id = sqlite3_column_int64(st, 0);
        const unsigned char *at = sqlite3_column_text(st, 1);
        snprintf(ret->last_audit_at, sizeof ret->last_audit_at, "%s", at ? (const char *)at : "");
    }
    sqlite3_finalize(st);
    struct stat sb;
    if (stat(path, &sb) == 0)
        ret->bytes = (long long)sb.st_size;
    return 0;
}

/* "ok" from quick_check or integrity_check, else the first problem in err. */
static int check_pages(sqlite3 *h, const char *path, bool full, char *err, size_t errsize) {
    sqlite3_stmt *st;
    int rc = 0;
    if (sqlite3_prepare_v2(h, full ? "PRAGMA integrity_check(1)" : "PRAGMA quick_check(1)", -1, &st, NULL) != SQLITE_OK)
        return fail(err, errsize, KW_EINVAL, "%s: %s", path, sqlite3_errmsg(h));
    int s = sqlite3_step(st);
    const unsigned char *v = s == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
    if (!v || strcmp((const char *)v, "ok") != 0) {
        snprintf(err, errsize, "%s is damaged: %s", path, v ? (const char *)v : sqlite3_errmsg(h));
        rc = KW_EINVAL;
    }
    sqlite3_finalize(st);
    return rc;
}

int db_backup_check(const char *path, bool full, struct db_backup_info *ret, char *err, size_t errsize) {
    struct stat sb;
    if (stat(path, &sb) != 0)
        return fail(err, errsize, KW_EIO, "cannot open %s: %s", path, strerror(errno));
    sqlite3 *h = open_raw(path, SQLITE_OPEN_READONLY, err, errsize);
    if (!h)
        return KW_EIO;
    int rc = describe(h, path, ret, err, errsize);
    if (rc == 0 && ret->schema > db_latest_migration()) {
        snprintf(err, errsize, "%s was made by a newer kawaru (its migrations reach %d; this kawaru knows up to %d): "
                               "restore it with that version or a later one", path, ret->schema, db_latest_migration());
        rc = KW_EINVAL;
    }
    if (rc == 0)
        rc = check_pages(h, path, full, err, errsize);
    sqlite3_close(h);
    return rc;
}

/* Copies src into dest (both open) from one snapshot of src, STEP_PAGES at a time; info (may be
 * NULL) describes that snapshot, and src must be a kawaru database then. */
static int copy_pages(sqlite3 *src, sqlite3 *dest, const char *src_path, struct db_backup_info *info, char *err,
                      size_t errsize) {
    /* the snapshot: one read transaction held across every step */
    if (sqlite3_exec(src, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
        one_int(src, "SELECT count(*) FROM sqlite_master") < 0) {
        snprintf(err, errsize, "cannot read %s: %s", src_path, sqlite3_errmsg(src));
        bool notadb = (sqlite3_errcode(src) & 0xff) == SQLITE_NOTADB;
        sqlite3_exec(src, "ROLLBACK", NULL, NULL, NULL);
        return notadb ? KW_EINVAL : KW_EDB;
    }
    int rc = info ? describe(src, src_path, info, err, errsize) : 0;
    if (rc < 0) {
        sqlite3_exec(src, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    sqlite3_backup *b = sqlite3_backup_init(dest, "main", src, "main");
    if (!b) {
        snprintf(err, errsize, "cannot start the copy: %s", sqlite3_errmsg(dest));
        sqlite3_exec(src, "ROLLBACK", NULL, NULL, NULL);
        return KW_EDB;
    }
    int s;
    double waited_since = 0;
    while ((s = sqlite3_backup_step(b, STEP_PAGES)) == SQLITE_OK || s == SQLITE_BUSY || s == SQLITE_LOCKED) {
        if (s == SQLITE_OK) {
            waited_since = 0;
            continue;
        }
        if (waited_since == 0)
            waited_since = clock_s();
        else if (clock_s() - waited_since > WAIT_MS / 1000.0)
            break;
        sqlite3_sleep(5);
    }
    int fin = sqlite3_backup_finish(b);
    sqlite3_exec(src, "ROLLBACK", NULL, NULL, NULL);
    if (s != SQLITE_DONE || fin != SQLITE_OK) {
        snprintf(err, errsize, "the copy failed: %s", s == SQLITE_DONE ? sqlite3_errmsg(dest) : sqlite3_errstr(s));
        return s == SQLITE_BUSY || s == SQLITE_LOCKED ? KW_EBUSY : KW_EDB;
    }
    return 0;
}

int db_backup(const char *src_path, const char *dest_path, int flags, struct db_backup_info *ret, char *err,
              size_t errsize) {
    bool pg = db_is_server(src_path);
    double t0 = clock_s();
    struct stat sb;
    if (!(flags & DB_BACKUP_FORCE) && lstat(dest_path, &sb) == 0)
        return fail(err, errsize, KW_ECONFLICT, "%s already exists", dest_path, NULL);
    if (!pg && stat(src_path, &sb) != 0)
        return fail(err, errsize, KW_EIO, "cannot open %s: %s", src_path, strerror(errno));
    size_t tlen = strlen(dest_path) + 5;
    char *tmp = xmalloc(tlen);
    snprintf(tmp, tlen, "%s.tmp", dest_path);
    unlink(tmp);                                 /* a copy cut short before */
    int rc = 0;
    /* made here, owner-only, before SQLite opens it: a backup holds password and token hashes */
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(err, errsize, "cannot write %s: %s", tmp, strerror(errno));
        free(tmp);
        return KW_EIO;
    }
    close(fd);
    if (pg) {
        /* PostgreSQL: its rows from one snapshot into a new kawaru SQLite file (db_migrate.c), so
         * that a backup is one format whichever engine it came from */
        rc = migrate_pg_to_file(src_path, tmp, NULL, err, errsize);
    } else {
        sqlite3 *src = open_raw(src_path, SQLITE_OPEN_READONLY, err, errsize);
        sqlite3 *dest = src ? open_raw(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, err, errsize) : NULL;
        if (!src || !dest)
            rc = KW_EIO;
        if (rc == 0)
            rc = copy_pages(src, dest, src_path, ret, err, errsize);
        /* the copy stands alone: one file, no -wal beside it */
        if (rc == 0 && sqlite3_exec(dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
            rc = fail(err, errsize, KW_EDB, "%s: %s", tmp, sqlite3_errmsg(dest));
        sqlite3_close(src);
        if (sqlite3_close(dest) != SQLITE_OK && rc == 0)
            rc = fail(err, errsize, KW_EIO, "cannot write %s%s", tmp, NULL);
    }
    sqlite3 *copy = rc == 0 ? open_raw(tmp, SQLITE_OPEN_READONLY, err, errsize) : NULL;
    if (rc == 0 && !copy)
        rc = KW_EIO;
    if (rc == 0 && pg)
        rc = describe(copy, tmp, ret, err, errsize);    /* the snapshot, as the copy holds it */
    if (rc == 0 && check_pages(copy, tmp, !(flags & DB_BACKUP_NO_CHECK), err, errsize) < 0)
        rc = KW_EDB;                             /* our own copy is damaged: storage, not input */
    sqlite3_close(copy);
    if (rc == 0 && stat(tmp, &sb) == 0)
        ret->bytes = (long long)sb.st_size;
    if (rc == 0 && rename(tmp, dest_path) != 0)
        rc = fail(err, errsize, KW_EIO, "cannot rename the copy to %s: %s", dest_path, strerror(errno));
    if (rc < 0)
        unlink(tmp);
    free(tmp);
    if (rc == 0)
        ret->seconds = clock_s() - t0;
    return rc;
}

/* An exclusive flock on path for the restore; -1 with err when a server holds it. */
static int claim_exclusive(const char *path, char *err, size_t errsize) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(err, errsize, KW_EIO, "cannot open %s: %s", path, strerror(errno));
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        close(fd);
        if (errno == EWOULDBLOCK)
            return fail(err, errsize, KW_EBUSY, "a kawaru server is serving %s: stop it first, then restore%s", path,
                        NULL);
        return fail(err, errsize, KW_EIO, "cannot lock %s: %s", path, strerror(errno));
    }
    return fd;
}

int db_serving_claim(const char *db_path, char *err, size_t errsize) {
    if (db_is_server(db_path))
        return 0;               /* a server's database is never replaced under a running kawaru */
    int fd = open(db_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(err, errsize, KW_EIO, "cannot open %s: %s", db_path, strerror(errno));
    if (flock(fd, LOCK_SH | LOCK_NB) != 0) {
        int e = errno;
        close(fd);
        if (e == EWOULDBLOCK)
            return fail(err, errsize, KW_EBUSY, "%s is being restored: serve it when the restore has ended%s", db_path,
                        NULL);
        return fail(err, errsize, KW_EIO, "cannot lock %s: %s", db_path, strerror(e));
    }
    return fd;
}

int db_restore(const char *backup_path, const char *db_path, const char *kept_path, struct db_backup_info *ret,
               char *err, size_t errsize) {
    int rc = db_backup_check(backup_path, false, ret, err, errsize);
    if (rc < 0)
        return rc;
    int fd = claim_exclusive(db_path, err, errsize);
    if (fd < 0)
        return fd;
    /* nothing is lost: the database being replaced is kept beside it first */
    struct db_backup_info kept;
    rc = db_backup(db_path, kept_path, DB_BACKUP_NO_CHECK, &kept, err, errsize);
    sqlite3 *dest = rc == 0 ? open_raw(db_path, SQLITE_OPEN_READWRITE, err, errsize) : NULL;
    sqlite3 *src = dest ? open_raw(backup_path, SQLITE_OPEN_READONLY, err, errsize) : NULL;
    if (rc == 0 && (!dest || !src))
        rc = KW_EIO;
    if (rc == 0) {
        /* the live file keeps its inode (and the claim on it), its WAL is written through SQLite */
        rc = copy_pages(src, dest, backup_path, NULL, err, errsize);
        if (rc == KW_EDB && sqlite3_errcode(dest) == SQLITE_READONLY)
            snprintf(err, errsize, "the backup's page size differs from %s's: restore into a new file instead", db_path);
    }
    sqlite3_close(src);
    sqlite3_close(dest);
    if (rc == 0) {
        struct db *db;                           /* the pragmas, and migrations a backup older than us lacks */
        rc = db_open(db_path, 0, &db, err, errsize);
        db_close(db);
    }
    if (rc == 0)
        rc = db_backup_check(db_path, false, ret, err, errsize);
    close(fd);
    return rc;
}

/* ---- scheduled backups: names and retention */

void db_backup_name(time_t t, char *buf, size_t size) {
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, size, "kawaru-%Y%m%dT%H%M%SZ.db", &tm);
}

bool db_backup_is_ours(const char *name) {
    static const char shape[] = "kawaru-DDDDDDDDTDDDDDDZ.db";   /* D: a digit */
    if (strlen(name) != sizeof shape - 1)
        return false;
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == 'D' ? name[i] < '0' || name[i] > '9' : name[i] != shape[i])
            return false;
    return true;
}

size_t db_backup_expired(const char *const *names, size_t n, size_t keep, size_t *ret_idx) {
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!db_backup_is_ours(names[i]))
            continue;
        size_t j = m++;                          /* newest first: the time in the name sorts as text */
        for (; j > 0 && strcmp(names[ret_idx[j - 1]], names[i]) < 0; j--)
            ret_idx[j] = ret_idx[j - 1];
        ret_idx[j] = i;
    }
    if (m <= keep)
        return 0;
    memmove(ret_idx, ret_idx + keep, (m - keep) * sizeof *ret_idx);
    return m - keep;
}

time_t db_backup_newest(const char *dir) {
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    char newest[64] = "";
    struct dirent *e;
    while ((e = readdir(d)))
        if (db_backup_is_ours(e->d_name) && strcmp(e->d_name, newest) > 0)
            memcpy(newest, e->d_name, strlen(e->d_name) + 1);   /* ours: 26 characters */
    closedir(d);
    struct tm tm = {0};
    if (!newest[0] || !strptime(newest, "kawaru-%Y%m%dT%H%M%SZ.db", &tm))
        return 0;
    return timegm(&tm);
}

static bool is_our_tmp(const char *name) {
    size_t len = strlen(name);
    if (len < 5 || strcmp(name + len - 4, ".tmp") != 0)
        return false;
    char base[64];
    if (len - 4 >= sizeof base)
        return false;
    memcpy(base, name, len - 4);
    base[len - 4] = '\0';
    return db_backup_is_ours(base);
}

int db_backup_prune(const char *dir, size_t keep, void (*log)(const char *name, void *arg), void *arg) {
    DIR *d = opendir(dir);
    if (!d)
        return KW_EIO;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    int deleted = 0;
    while ((e = readdir(d))) {
        if (n == cap)
            names = xrealloc(names, (cap = cap ? cap * 2 : 16) * sizeof *names);
        names[n++] = xstrdup(e->d_name);
    }
    closedir(d);
    size_t *idx = xcalloc(n ? n : 1, sizeof *idx);
    size_t ne = db_backup_expired((const char *const *)names, n, keep, idx);
    char path[4096];
    for (size_t i = 0; i < n; i++) {
        bool expired = false;
        for (size_t j = 0; j < ne && !expired; j++)
            expired = idx[j] == i;
        if (!expired && !is_our_tmp(names[i]))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (unlink(path) == 0) {
            deleted++;
            if (log)
                log(names[i], arg);
        }
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(idx);
    return deleted;
}
