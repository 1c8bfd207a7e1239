/* Tests src/store/db_backup.c: the scheduled backups' naming and retention rule (only our own
 * names, the newest kept), the copy and its description, the refusals (an existing file, a
 * backup from a newer kawaru, a restore while a server holds the database), and a restore that
 * keeps the replaced database. */
#include "testutil.h"

#include <fcntl.h>
#include <sys/stat.h>

static void test_names(void **state) {
    (void)state;
    char name[64];
    db_backup_name((time_t)1796439600, name, sizeof name);      /* 2026-12-05T03:00:00Z */
    assert_string_equal(name, "kawaru-20261205T030000Z.db");
    assert_true(db_backup_is_ours(name));
    assert_false(db_backup_is_ours("kawaru-20261205T0300Z.db"));
    assert_false(db_backup_is_ours("kawaru-20261205T030000Z.db.tmp"));
    assert_false(db_backup_is_ours("kawaru.db"));
    assert_false(db_backup_is_ours("kawaru-2026120xT030000Z.db"));
    assert_false(db_backup_is_ours("my-20261205T030000Z.db"));
}

static void test_retention_rule(void **state) {
    (void)state;
    const char *names[] = {
        "kawaru-20261203T030000Z.db", "notes.txt", "kawaru-20261205T030000Z.db", "kawaru.db",
        "kawaru-20261201T030000Z.db", "kawaru-20261204T030000Z.db", "kawaru-mine.db",
        "kawaru-20261202T030000Z.db.tmp",
    };
    size_t n = sizeof names / sizeof *names, idx[8];
    size_t ne = db_backup_expired(names, n, 2, idx);
    assert_int_equal(ne, 2);                           /* of four of ours, the two oldest */
    assert_string_equal(names[idx[0]], "kawaru-20261203T030000Z.db");
    assert_string_equal(names[idx[1]], "kawaru-20261201T030000Z.db");
    assert_int_equal(db_backup_expired(names, n, 4, idx), 0);
    assert_int_equal(db_backup_expired(names, n, 7, idx), 0);
    assert_int_equal(db_backup_expired(names, n, 1, idx), 3);
    for (size_t i = 0; i < 3; i++)
        assert_string_not_equal(names[idx[i]], "kawaru-20261205T030000Z.db");
    const char *foreign[] = {"a.db", "kawaru.db", "backup.sqlite"};
    assert_int_equal(db_backup_expired(foreign, 3, 0, idx), 0);
}

static void touch(const char *dir, const char *name) {
    char path[700];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("x", f);
    fclose(f);
}

static bool exists(const char *dir, const char *name) {
    char path[700];
    struct stat sb;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &sb) == 0;
}

static void test_prune_dir(void **state) {
    (void)state;
    char *dir = tu_mkdtemp();
    const char *ours[] = {"kawaru-20261201T030000Z.db", "kawaru-20261202T030000Z.db", "kawaru-20261203T030000Z.db"};
    for (size_t i = 0; i < 3; i++)
        touch(dir, ours[i]);
    touch(dir, "kawaru-20261130T030000Z.db.tmp");   /* a copy cut short */
    touch(dir, "kawaru.db");
    touch(dir, "notes.txt");
    assert_int_equal(db_backup_newest(dir), (time_t)1796266800);   /* 2026-12-03T03:00:00Z */
    assert_int_equal(db_backup_prune(dir, 2, NULL, NULL), 2);
    assert_false(exists(dir, ours[0]));
    assert_true(exists(dir, ours[1]) && exists(dir, ours[2]));
    assert_false(exists(dir, "kawaru-20261130T030000Z.db.tmp"));
    assert_true(exists(dir, "kawaru.db") && exists(dir, "notes.txt"));
    assert_int_equal(db_backup_prune(dir, 2, NULL, NULL), 0);
    tu_rmtree(dir);
}

static void test_copy_and_refusals(void **state) {
    struct tu_demo *d = *state;
    if (tu_pg())
        skip();         /* SQLite's backup of its file (tests/api/backup_pg.test.js: PostgreSQL's) */
    char src[700], dest[700], err[1024];
    snprintf(src, sizeof src, "%s/kawaru.db", d->dir);
    snprintf(dest, sizeof dest, "%s/copy.db", d->dir);
    /* an uncommitted write of another connection is not in the copy, and does not stop it */
    assert_int_equal(db_begin(d->db), 0);
    assert_int_equal(store_audit(d->db, &tu_actor, "test", 0, "uncommitted", NULL, NULL), 0);
    struct db_backup_info info;
    int rc = db_backup(src, dest, 0, &info, err, sizeof err);
    db_rollback(d->db);
    if (rc != 0)
        fail_msg("db_backup: %s", err);
    assert_int_equal(info.orgs, 2);
    assert_int_equal(info.measures, tu_sql_int(d->db, "SELECT count(*) FROM measure"));
    assert_int_equal(info.last_audit_id, tu_sql_int(d->db, "SELECT max(id) FROM audit"));
    assert_int_equal(info.schema, db_latest_migration());
    assert_true(info.bytes > 0 && info.last_audit_at[0]);
    struct stat sb;
    assert_int_equal(stat(dest, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);           /* owner only: it holds password hashes */
    /* refused without force, done with it */
    assert_int_equal(db_backup(src, dest, 0, &info, err, sizeof err), KW_ECONFLICT);
    assert_int_equal(db_backup(src, dest, DB_BACKUP_FORCE, &info, err, sizeof err), 0);
    assert_int_equal(db_backup_check(dest, true, &info, err, sizeof err), 0);
    /* a backup from a newer kawaru */
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(dest, &raw), SQLITE_OK);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", db_latest_migration() + 1);
    assert_int_equal(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(raw);
    assert_int_equal(db_backup_check(dest, false, &info, err, sizeof err), KW_EINVAL);
    assert_non_null(strstr(err, "newer kawaru"));
    /* not a database */
    touch(d->dir, "junk.db");
    snprintf(dest, sizeof dest, "%s/junk.db", d->dir);
    assert_int_not_equal(db_backup_check(dest, false, &info, err, sizeof err), 0);
}

static void test_restore(void **state) {
    struct tu_demo *d = *state;
    if (tu_pg())
        skip();         /* SQLite's backup of its file (tests/api/backup_pg.test.js: PostgreSQL's) */
    char src[700], backup[700], kept[700], err[1024];
    snprintf(src, sizeof src, "%s/kawaru.db", d->dir);
    snprintf(backup, sizeof backup, "%s/b.db", d->dir);
    snprintf(kept, sizeof kept, "%s/kawaru.db.before-restore-x", d->dir);
    struct db_backup_info info;
    assert_int_equal(db_backup(src, backup, 0, &info, err, sizeof err), 0);
    int64_t audits = tu_sql_int(d->db, "SELECT count(*) FROM audit");
    assert_int_equal(store_audit(d->db, &tu_actor, "test", 0, "after the backup", NULL, NULL), 0);
    db_close(d->db);
    d->db = NULL;
    int claim = db_serving_claim(src, err, sizeof err);
    assert_true(claim >= 0);
    assert_int_equal(db_restore(backup, src, kept, &info, err, sizeof err), KW_EBUSY);
    assert_false(exists(d->dir, "kawaru.db.before-restore-x"));
    close(claim);
    if (db_restore(backup, src, kept, &info, err, sizeof err) != 0)
        fail_msg("db_restore: %s", err);
    assert_true(exists(d->dir, "kawaru.db.before-restore-x"));
    char e2[256];
    assert_int_equal(db_open(src, 0, &d->db, e2, sizeof e2), 0);
    assert_int_equal(tu_sql_int(d->db, "SELECT count(*) FROM audit"), audits);
    struct db *old;
    assert_int_equal(db_open(kept, DB_READONLY, &old, e2, sizeof e2), 0);
    assert_int_equal(tu_sql_int(old, "SELECT count(*) FROM audit"), audits + 1);
    db_close(old);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_retention_rule),
        cmocka_unit_test(test_prune_dir),
        cmocka_unit_test_setup_teardown(test_copy_and_refusals, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_restore, tu_demo_setup, tu_demo_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
