/* Watching the database files for writes by other processes (see db_watch_start in db.h).
 *
 * A commit by any connection changes the -wal file (or the database file itself); inotify
 * reports that within microseconds. Not every change is content: this process's own
 * bookkeeping (sessions' last-seen times, sign-in attempts) and checkpoints change the files
 * too, and bumping the data version for them would empty the response cache once a minute per
 * signed-in user. So the thread notes a write (the kept read transactions end) and then reads
 * the content counter (table content_version, which every content commit of any process adds
 * one to) with a connection of its own: only when it is not the value this process last wrote
 * or read is the data version bumped. One indexed read per burst of events; nothing per request. Without that
 * connection (it could not be opened) every change bumps the data version, as before. */
#include <errno.h>
#include <libgen.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>
#include "core/errors.h"
#include "store/db.h"
#include "util/xmalloc.h"

static struct {
    int fd, stop_pipe[2];
    pthread_t thread;
    char *base;                 /* file name of the database, e.g. "kawaru.db"; NULL: PostgreSQL's notifications */
    struct db *db;              /* the thread's own connection for the content counter, or NULL */
    bool running;
} watch = {.fd = -1};

static void *watch_main(void *unused) {
    char events[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    size_t base_len = watch.base ? strlen(watch.base) : 0;
    struct pollfd fds[2] = {{watch.fd, POLLIN, 0}, {watch.stop_pipe[0], POLLIN, 0}};
    for (;;) {
        if (poll(fds, 2, -1) < 0 && errno != EINTR)
            break;
        if (fds[1].revents)
            break;
        if (!(fds[0].revents & POLLIN))
            continue;
        if (!watch.base) {                      /* PostgreSQL */
            int heard = db_notified(watch.db);
            if (heard < 0) {
                fprintf(stderr, "kawaru: lost the database connection that hears of other servers' writes; "
                                "the cache is off until a restart\n");
                db_bump_data_version();
                break;
            }
            if (heard > 0)
                db_content_check(watch.db);
            continue;
        }
        ssize_t n = read(watch.fd, events, sizeof events);
        if (n <= 0)
            continue;
        bool ours = false;
        for (char *p = events; p < events + n;) {
            struct inotify_event *e = (struct inotify_event *)p;
            /* the database and its -wal file, but not -shm or unrelated files in the folder */
            if (e->len && strncmp(e->name, watch.base, base_len) == 0 &&
                (e->name[base_len] == '\0' || strcmp(e->name + base_len, "-wal") == 0))
                ours = true;
            p += sizeof *e + e->len;
        }
        if (!ours)
            continue;
        db_note_write();
        if (watch.db)
            db_content_check(watch.db);         /* bumps the data version when content changed */
        else
            db_bump_data_version();
    }
    return NULL;
}

/* PostgreSQL: the watcher's own connection listens (see the top of this file). */
static int watch_server(const char *path) {
    char err[256];
    /* what the database holds now, read before the thread owns the connection */
    if (db_open(path, DB_READONLY, &watch.db, err, sizeof err) < 0 || (watch.fd = db_listen(watch.db)) < 0 ||
        db_content_check(watch.db) < 0 || pipe(watch.stop_pipe) != 0 ||
        pthread_create(&watch.thread, NULL, watch_main, NULL) != 0) {
        fprintf(stderr, "kawaru: cannot listen for other servers' writes (%s); restart the server after imports\n",
                watch.db ? db_errmsg(watch.db) : err);
        db_close(watch.db);
        watch.db = NULL;
        watch.fd = -1;
        return KW_EIO;
    }
    watch.running = true;
    return 0;
}

int db_watch_start(const char *path) {
    if (db_is_server(path))
        return watch_server(path);
    char *copy1 = xstrdup(path), *copy2 = xstrdup(path);
    char *dir = dirname(copy1);
    watch.base = xstrdup(basename(copy2));
    free(copy2);
    char err[256];
    if (db_open(path, DB_READONLY, &watch.db, err, sizeof err) < 0) {
        fprintf(stderr, "kawaru: %s; every change of the database files will empty the cache\n", err);
        watch.db = NULL;
    } else {
        db_content_check(watch.db);             /* what the database holds now */
    }
    watch.fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    int rc = watch.fd >= 0 && inotify_add_watch(watch.fd, dir, IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE) >= 0 &&
             pipe(watch.stop_pipe) == 0 && pthread_create(&watch.thread, NULL, watch_main, NULL) == 0 ? 0 : KW_EIO;
    free(copy1);
    if (rc < 0) {
        fprintf(stderr, "kawaru: cannot watch %s for outside writes (%s); restart the server after imports\n",
                path, strerror(errno));
        if (watch.fd >= 0)
            close(watch.fd);
        watch.fd = -1;
        db_close(watch.db);
        watch.db = NULL;
        return rc;
    }
    watch.running = true;
    return 0;
}

void db_watch_stop(void) {
    if (watch.running) {
        if (write(watch.stop_pipe[1], "x", 1) < 0) { /* the thread also ends with the process */ }
        pthread_join(watch.thread, NULL);
        close(watch.stop_pipe[0]);
        close(watch.stop_pipe[1]);
        if (watch.base)
            close(watch.fd);                    /* PostgreSQL's socket is its connection's */
        watch.running = false;
    }
    db_close(watch.db);
    watch.db = NULL;
    free(watch.base);
    watch.base = NULL;
    watch.fd = -1;
}
