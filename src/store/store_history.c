/* What history hangs off an entity (see store.h, "history"): the rows a delete would take with
 * it, which kawaru never drops as a side effect. One statement per kind of entity, counting
 * over the entity's measures where it has any. */
#include <stdio.h>
#include <string.h>
#include "store/store_internal.h"

/* The measures of the entity ?1, for each kind that has measures. */
#define MEASURES_OF_PLAN "SELECT id FROM measure WHERE plan_id = ?1"
#define MEASURES_OF_PILLAR "SELECT m.id FROM measure m JOIN theme t ON t.id = m.theme_id WHERE t.pillar_id = ?1"
#define MEASURES_OF_THEME "SELECT id FROM measure WHERE theme_id = ?1"
#define MEASURES_OF_MEASURE "SELECT CAST(?1 AS BIGINT)"

/* reviews, measurements, meetings, opinions of a set of measures; then what the kind adds */
#define MEASURE_HISTORY(set)                                                                          \
    "SELECT (SELECT count(*) FROM measure_review WHERE measure_id IN (" set ")), "                    \
    " (SELECT count(*) FROM kpi_measurement x JOIN kpi k ON k.id = x.kpi_id WHERE k.measure_id IN (" set ")), " \
    " (SELECT count(*) FROM meeting_measure WHERE measure_id IN (" set ")), "                         \
    " (SELECT count(*) FROM feedback WHERE measure_id IN (" set ")), "

int store_history(struct db *db, enum entity_kind kind, int64_t id, struct history *ret) {
    static const char *const sql[] = {
        [ENTITY_DEPARTMENT] =
            "SELECT 0, 0, 0, 0, 0, 0, "
            " (SELECT count(*) FROM notification WHERE department_id = ?1), "
            " (SELECT count(*) FROM user_department WHERE user_id IN (SELECT id FROM users WHERE disabled = 0) "
            "   AND department_id = ?1), "
            " (SELECT count(*) FROM department WHERE id = ?1 AND email IS NOT NULL)",
        [ENTITY_PLAN] = MEASURE_HISTORY(MEASURES_OF_PLAN)
            " (SELECT count(*) FROM plan_version WHERE plan_id = ?1), "
            " (SELECT count(*) FROM review_period WHERE plan_id = ?1), 0, 0, 0",
        [ENTITY_PILLAR] = MEASURE_HISTORY(MEASURES_OF_PILLAR) " 0, 0, 0, 0, 0",
        [ENTITY_THEME] = MEASURE_HISTORY(MEASURES_OF_THEME) " 0, 0, 0, 0, 0",
        [ENTITY_MEASURE] = MEASURE_HISTORY(MEASURES_OF_MEASURE) " 0, 0, 0, 0, 0",
        [ENTITY_KPI] = "SELECT 0, (SELECT count(*) FROM kpi_measurement WHERE kpi_id = ?1), 0, 0, 0, 0, 0, 0, 0",
        [ENTITY_BODY] = "SELECT 0, 0, (SELECT count(*) FROM meeting WHERE body_id = ?1), 0, 0, 0, 0, 0, 0",
    };
    struct db_stmt *st = db_prepare(db, sql[kind]);
    db_bind_int64(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        int64_t *fields[] = {&ret->reviews, &ret->measurements, &ret->meetings, &ret->opinions, &ret->versions,
                             &ret->periods, &ret->notifications, &ret->reporters, &ret->contacts};
        for (int i = 0; i < 9; i++)
            *fields[i] = db_col_int64(st, i);
    }
    db_reset(st);
    return rc == DB_ROW ? 0 : KW_EDB;
}

bool history_any(const struct history *h) {
    return h->reviews || h->measurements || h->meetings || h->opinions || h->versions || h->periods ||
           h->notifications || h->reporters || h->contacts;
}

void history_describe(const struct history *h, char *buf, size_t size) {
    const struct { int64_t n; const char *what; } parts[] = {
        {h->reviews, "review"}, {h->measurements, "measurement"}, {h->meetings, "meeting"},
        {h->opinions, "opinion"}, {h->versions, "published version"}, {h->periods, "review quarter"},
        {h->notifications, "notification"}, {h->reporters, "reporter"}, {h->contacts, "contact e-mail"},
    };
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        if (parts[i].n && len < size) {
            int n = snprintf(buf + len, size - len, "%s%lld %s%s", len ? ", " : "", (long long)parts[i].n,
                             parts[i].what, parts[i].n == 1 ? "" : "s");
            len += n > 0 ? (size_t)n : 0;
        }
}

bool store_department_in_use(struct db *db, int64_t id) {
    struct db_stmt *st = db_prepare(db, "SELECT 1 FROM measure_department WHERE department_id = ?1 LIMIT 1");
    db_bind_int64(st, 1, id);
    bool used = db_step(st) == DB_ROW;
    db_reset(st);
    return used;
}

int store_position(struct db *db, enum entity_kind kind, int64_t id, int *ret) {
    static const char *const sql[] = {
        [ENTITY_DEPARTMENT] = "SELECT position FROM department WHERE id = ?1",
        [ENTITY_PLAN] = "SELECT position FROM plan WHERE id = ?1",
        [ENTITY_PILLAR] = "SELECT position FROM pillar WHERE id = ?1",
        [ENTITY_THEME] = "SELECT position FROM theme WHERE id = ?1",
        [ENTITY_MEASURE] = "SELECT position FROM measure WHERE id = ?1",
        [ENTITY_KPI] = "SELECT position FROM kpi WHERE id = ?1",
        [ENTITY_BODY] = "SELECT position FROM body WHERE id = ?1",
    };
    struct db_stmt *st = db_prepare(db, sql[kind]);
    db_bind_int64(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW)
        *ret = db_col_int(st, 0);
    db_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? KW_ENOTFOUND : KW_EDB;
}
