/* The benchmark's second reference (make bench): the least a server can do to answer a 50-row JSON
 * list from SQLite, as docs/benchmarks.md and STACK.md describe it. libmicrohttpd in the mode kawaru
 * uses, one read connection per server thread, one prepared query over the plan's measures and
 * kawaru's streaming JSON writer; no routing, sessions, joins or derived figures. It shows how
 * much of a list's cost is the machine and how much is what kawaru's list does per row.
 *
 *   ref_list DB PLAN_ID PORT      answers every GET on 127.0.0.1:PORT with the plan's measures */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/jw.h"

static const char *g_db_path;
static int64_t g_plan_id;

/* Each pool thread opens its own connection on its first request. */
static _Thread_local sqlite3 *t_db;
static _Thread_local sqlite3_stmt *t_list;

static bool open_thread_db(void) {
    if (t_list)
        return true;
    if (sqlite3_open_v2(g_db_path, &t_db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
        return false;
    sqlite3_busy_timeout(t_db, 5000);
    return sqlite3_exec(t_db, "PRAGMA mmap_size = 268435456", NULL, NULL, NULL) == SQLITE_OK &&
           sqlite3_prepare_v2(t_db, "SELECT id, code, title, status, scope, new_since_fy FROM measure "
                                    "WHERE plan_id = ?1 ORDER BY id", -1, &t_list, NULL) == SQLITE_OK;
}

static void write_list(struct buf *out) {
    struct jw w;
    jw_init(&w, out, 0);
    jw_obj_begin(&w);
    jw_key(&w, "items");
    jw_arr_begin(&w);
    int64_t total = 0;
    sqlite3_bind_int64(t_list, 1, g_plan_id);
    while (sqlite3_step(t_list) == SQLITE_ROW) {
        jw_obj_begin(&w);
        jw_kint(&w, "id", sqlite3_column_int64(t_list, 0));
        jw_kstr(&w, "code", (const char *)sqlite3_column_text(t_list, 1));
        jw_kstr(&w, "title", (const char *)sqlite3_column_text(t_list, 2));
        jw_kstr(&w, "status", (const char *)sqlite3_column_text(t_list, 3));
        jw_kstr(&w, "scope", (const char *)sqlite3_column_text(t_list, 4));
        if (sqlite3_column_type(t_list, 5) != SQLITE_NULL)
            jw_kint(&w, "new_since_fy", sqlite3_column_int(t_list, 5));
        jw_obj_end(&w);
        total++;
    }
    sqlite3_reset(t_list);
    jw_arr_end(&w);
    jw_kint(&w, "total", total);
    jw_obj_end(&w);
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **state) {
    (void)cls; (void)url; (void)method; (void)version; (void)upload; (void)upload_size;
    if (!*state) {                 /* answering on the first call would make libmicrohttpd close the connection */
        *state = c;
        return MHD_YES;
    }
    if (!open_thread_db())
        return MHD_NO;
    struct buf body = BUF_INIT;
    buf_reserve(&body, 16384);
    write_list(&body);
    size_t len = body.len;
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, buf_steal(&body), MHD_RESPMEM_MUST_FREE);
    MHD_add_response_header(resp, "Content-Type", "application/json");
    enum MHD_Result ret = MHD_queue_response(c, 200, resp);
    MHD_destroy_response(resp);
    return ret;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: ref_list DB PLAN_ID PORT\n");
        return 2;
    }
    g_db_path = argv[1];
    g_plan_id = atoll(argv[2]);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[3])),
                               .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, ntohs(addr.sin_port), NULL, NULL, answer, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)sysconf(_SC_NPROCESSORS_ONLN),
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
        MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "ref_list: cannot listen on port %s\n", argv[3]);
        return 1;
    }
    pause();                       /* until the benchmark kills it */
    MHD_stop_daemon(d);
    return 0;
}
