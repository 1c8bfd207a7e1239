/* Fuzz target: user search queries. Whatever a user types, the MATCH expression built from it
 * must be valid FTS5 syntax: the query runs without an SQL error. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/db.h"
#include "store/search.h"

static struct db *db;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!db) {
        char err[256];
        if (db_open(":memory:", DB_CREATE, &db, err, sizeof err) < 0)
            abort();
        sqlite3_exec(db_handle(db), "INSERT INTO measure_fts (rowid, title, body) VALUES (1, '書かない窓口', 'ai 課')",
                     NULL, NULL, NULL);
    }
    char *q = malloc(size + 1);
    memcpy(q, data, size);
    q[size] = '\0';
    struct buf m = BUF_INIT;
    if (search_build_match(q, &m) > 0) {
        sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM measure_fts WHERE measure_fts MATCH ?1");
        sqlite3_bind_text(st, 1, m.data, -1, SQLITE_TRANSIENT);
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_ROW) {
            fprintf(stderr, "MATCH failed for %s: %s\n", m.data, sqlite3_errmsg(db_handle(db)));
            abort();
        }
    }
    buf_free(&m);
    free(q);
    return 0;
}
