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
 * connection (it could not be opened) every change bumps the data version, as before.
 *
 * PostgreSQL has no file to watch: the thread listens for the content commits' NOTIFY on a
 * connection of its own. While that connection is down (lost, or not yet made) the process
 * hears nothing of other servers' writes, so it is deaf (db_watch_deaf): the response cache and
 * the session memos are not used, and the thread connects again each second, saying why the
 * first try failed; once it listens again it bumps the data version, for what it may have missed. */
#include <errno.h>
#include <libgen.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
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
    char *uri;                  /* PostgreSQL: the database the thread listens to */
    bool running;
} watch = {.fd = -1};

/* true while a PostgreSQL server's watcher does not listen: no cache can be trusted */
static _Atomic bool deaf;

bool db_watch_deaf(void) { return atomic_load(&deaf); }

static void *watch_main(void *unused) {
    char events[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    size_t base_len = strlen(watch.base);
    struct pollfd fds[2] = {{watch.fd, POLLIN, 0}, {watch.stop_pipe[0], POLLIN, 0}};
    for (;;) {
        if (poll(fds, 2, -1) < 0 && errno != EINTR)
            break;
        if (fds[1].revents)
            break;
        if (!(fds[0].revents & POLLIN))
            continue;
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

/* PostgreSQL: connects and listens; 0, or KW_EIO with err set (no connection kept). */
static int listen_connect(char *err, size_t errsize) {
    if (db_open(watch.uri, DB_READONLY, &watch.db, err, errsize) == 0 && (watch.fd = db_listen(watch.db)) >= 0 &&
        db_content_check(watch.db) == 0)
        return 0;
    if (watch.db)
        snprintf(err, errsize, "%s", db_errmsg(watch.db));
    db_close(watch.db);
    watch.db = NULL;
    watch.fd = -1;
    return KW_EIO;
}

/* PostgreSQL's watcher (see the top of this file): waits for notifications, or, while deaf, a
 * second before connecting again; ends when the stop pipe is written. */
static void *watch_pg_main(void *unused) {
    bool told = !watch.db;                      /* why a try failed, once while deaf (watch_server told at start) */
    for (;;) {
        struct pollfd fds[2] = {{watch.stop_pipe[0], POLLIN, 0}, {watch.fd, POLLIN, 0}};
        int ready = poll(fds, watch.db ? 2 : 1, watch.db ? -1 : 1000);
        if (ready < 0 && errno != EINTR)
            break;
        if (fds[0].revents)
            break;
        if (!watch.db) {
            char err[256];
            if (ready == 0 && listen_connect(err, sizeof err) == 0) {
                db_bump_data_version();         /* what was missed while deaf */
                atomic_store(&deaf, false);
                told = false;
                fprintf(stderr, "kawaru: hears of other servers' writes again; the cache is on\n");
            } else if (ready == 0 && !told) {   /* once: the tries go on each second */
                fprintf(stderr, "kawaru: cannot listen for other servers' writes yet (%s); the cache stays off, "
                                "tried each second\n", err);
                told = true;
            }
            continue;
        }
        if (!(fds[1].revents & (POLLIN | POLLERR | POLLHUP)))
            continue;
        int heard = db_notified(watch.db);
        if (heard > 0)
            db_content_check(watch.db);
        else if (heard < 0) {
            atomic_store(&deaf, true);          /* before the bump: nothing is cached at the new version */
            db_bump_data_version();
            fprintf(stderr, "kawaru: lost the database connection that hears of other servers' writes; "
                            "the cache is off until it is back (tried each second)\n");
            db_close(watch.db);
            watch.db = NULL;
            watch.fd = -1;
        }
    }
    return NULL;
}

static int watch_server(const char *path) {
    char err[256];
    watch.uri = xstrdup(path);
    if (pipe(watch.stop_pipe) != 0) {
        fprintf(stderr, "kawaru: cannot listen for other servers' writes (%s); the cache is off\n", strerror(errno));
        atomic_store(&deaf, true);
        return KW_EIO;
    }
    /* what the database holds now, read before the thread owns the connection */
    if (listen_connect(err, sizeof err) < 0) {
        fprintf(stderr, "kawaru: cannot listen for other servers' writes (%s); the cache is off until it can "
                        "(tried each second)\n", err);
        atomic_store(&deaf, true);
    }
    if (pthread_create(&watch.thread, NULL, watch_pg_main, NULL) != 0) {
        fprintf(stderr, "kawaru: cannot start the thread that hears of other servers' writes; the cache is off\n");
        atomic_store(&deaf, true);
        close(watch.stop_pipe[0]);
        close(watch.stop_pipe[1]);
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
    free(watch.uri);
    watch.uri = NULL;
    watch.fd = -1;
    atomic_store(&deaf, false);
}
