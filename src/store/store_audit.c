/* Reading the audit log (SPEC §5): entries filtered by entity, id, actor and a range of dates,
 * newest first, a page at a time with the total count; and a measure's history, which is the
 * entries of the measure itself, of its KPIs (deleted ones too), of their measurements and of
 * its reviews. Writing the log is store_audit() in store_write.c; the table refuses UPDATE and
 * DELETE (migration 001), so nothing can change what is read here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "core/fiscal.h"
#include "store/store.h"
#include "store/store_internal.h"

#define AUDIT_COLUMNS "id, at, actor, via, entity, entity_id, action, before_json, after_json"

/* One WHERE clause for a page and its count; an absent filter is bound as NULL. */
#define AUDIT_FILTER_WHERE \
    "WHERE (?1 IS NULL OR entity = ?1) AND (CAST(?2 AS BIGINT) IS NULL OR entity_id = ?2) " \
    "AND (?3 IS NULL OR actor = ?3) " \
    "AND (?4 IS NULL OR at >= ?4) AND (?5 IS NULL OR at < ?5)"

/* The parent an entry's snapshot names; the same expressions as the indexes of migration 007. */
#define MEASURE_REF(t) "coalesce(" t "after_json ->> '$.measure_id', " t "before_json ->> '$.measure_id')"
#define KPI_REF(t) "coalesce(" t "after_json ->> '$.kpi_id', " t "before_json ->> '$.kpi_id')"

/* A measure's history, as the ids of its entries (?1 the measure, ?2 the first entry that can
 * be about it, see history_start):
 * - the measure's own entries;
 * - entries of KPIs and reviews ("measure_review") whose snapshots name the measure (a deleted
 *   KPI's too);
 * - entries of measurements whose snapshots name a KPI that was the measure's at the time. A
 *   KPI's id may have been another KPI's before (SQLite reuses the newest id after a delete),
 *   so the owner is read from the KPI's entry just before the measurement's (none if that was
 *   its delete), else from its first entry after (none if that was its create: the id was
 *   reused), else from the kpi table (a KPI imported with its plan has no entries).
 * The unary + keeps kpis.id's integer affinity off the comparison, so that the expression index
 * can be used; CROSS JOIN keeps the few KPIs as the outer loop.
 * The one statement written twice, for the engines' ->> (R: what a reference is compared as):
 * SQLite's gives the number as it is in the JSON; PostgreSQL's (the schema's operator on text)
 * gives text, so ids are compared as text there. */
#define HISTORY_IDS_AS(R, ZERO) \
    "WITH kpis(id) AS (SELECT id FROM kpi WHERE measure_id = ?1 " \
    "  UNION SELECT entity_id FROM audit WHERE entity = 'kpi' AND " MEASURE_REF("") " = " R("?1") " AND id >= ?2), " \
    "measurements(id, kpi_id) AS (SELECT a.id, kpis.id FROM kpis CROSS JOIN audit a " \
    "  WHERE a.entity = 'kpi_measurement' AND " KPI_REF("a.") " = " R("+kpis.id") " AND a.id >= ?2), " \
    "hist(id) AS (SELECT id FROM audit WHERE entity = 'measure' AND entity_id = ?1 AND id >= ?2 " \
    "  UNION ALL SELECT id FROM audit WHERE entity IN ('kpi', 'measure_review') " \
    "    AND " MEASURE_REF("") " = " R("?1") " AND id >= ?2 " \
    "  UNION ALL SELECT id FROM measurements WHERE coalesce(" \
    "    (SELECT CASE k.action WHEN 'delete' THEN " ZERO " ELSE k.after_json ->> '$.measure_id' END FROM audit k " \
    "      WHERE k.entity = 'kpi' AND k.entity_id = measurements.kpi_id AND k.id >= ?2 AND k.id < measurements.id " \
    "      ORDER BY k.id DESC LIMIT 1), " \
    "    (SELECT CASE k.action WHEN 'create' THEN " ZERO " ELSE k.before_json ->> '$.measure_id' END FROM audit k " \
    "      WHERE k.entity = 'kpi' AND k.entity_id = measurements.kpi_id AND k.id > measurements.id " \
    "      ORDER BY k.id LIMIT 1), " \
    "    (SELECT " R("measure_id") " FROM kpi WHERE id = measurements.kpi_id)) = " R("?1") ") "
#define AS_IS(x) x
#define AS_TEXT(x) "CAST(" x " AS TEXT)"
#define HISTORY_IDS HISTORY_IDS_AS(AS_IS, "0")
#define HISTORY_IDS_PG HISTORY_IDS_AS(AS_TEXT, "'0'")
#define HISTORY_PAGE "SELECT " AUDIT_COLUMNS " FROM audit WHERE id IN (SELECT id FROM hist) ORDER BY id DESC LIMIT ?3 OFFSET ?4"

int audit_limit_clamp(int limit) {
    if (limit <= 0)
        return AUDIT_LIMIT_DEFAULT;
    return limit > AUDIT_LIMIT_MAX ? AUDIT_LIMIT_MAX : limit;
}

/* The first instant of date (YYYY-MM-DD) in a zone utc_offset minutes ahead of UTC, as the
 * UTC timestamp text the audit table stores ("2025-03-31T15:00:00.000Z"), so that plain text
 * comparison orders them; days_after moves the date first. KW_EINVAL when date is not a date. */
static int day_start_utc(const char *date, int days_after, int utc_offset, char *dst, size_t size) {
    kw_date d;
    if (date_parse(date, &d) < 0)
        return KW_EINVAL;
    long minutes = (long)(d + days_after) * 1440 - utc_offset;
    long day = minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440);
    long rest = minutes - day * 1440;
    int y, m, dd;
    date_to_ymd((kw_date)day, &y, &m, &dd);
    snprintf(dst, size, "%04d-%02d-%02dT%02ld:%02ld:00.000Z", y, m, dd, rest / 60, rest % 60);
    return 0;
}

/* Whether s is a whole number of at most 15 digits (no sign, no spaces); its value in *ret. */
static bool parse_count(const char *s, int64_t *ret) {
    size_t n = strspn(s, "0123456789");
    if (n == 0 || n > 15 || s[n] != '\0')
        return false;
    *ret = strtoll(s, NULL, 10);
    return true;
}

/* An entity name as the store writes them: lower-case letters and "_". */
static bool entity_name_ok(const char *s) {
    size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz_");
    return n > 0 && n <= 64 && s[n] == '\0';
}

static const char *present(const char *s) { return s && *s ? s : NULL; }

/* The message for the first parameter of p that is not valid, with its name in *ret_field;
 * NULL when all are. */
static const char *params_problem(const struct audit_params *p, const char **ret_field) {
    int64_t id, limit, offset;
    kw_date date;
    const struct { const char *field; bool bad; const char *message; } checks[] = {
        {"entity", present(p->entity) && !entity_name_ok(p->entity), "entity must be an entity name such as measure"},
        {"id", present(p->id) && !(parse_count(p->id, &id) && id > 0), "id must be a positive integer"},
        {"user", present(p->user) && strlen(p->user) > AUDIT_MAX_ACTOR, "user must be at most 200 bytes"},
        {"from", present(p->from) && date_parse(p->from, &date) < 0, "from must be a date YYYY-MM-DD"},
        {"to", present(p->to) && date_parse(p->to, &date) < 0, "to must be a date YYYY-MM-DD"},
        {"limit", present(p->limit) && !(parse_count(p->limit, &limit) && limit >= 1 && limit <= AUDIT_LIMIT_MAX),
         "limit must be an integer from 1 to 200"},
        {"offset", present(p->offset) && !(parse_count(p->offset, &offset) && offset <= AUDIT_MAX_OFFSET),
         "offset must be an integer from 0 to 1000000000"},
    };
    for (size_t i = 0; i < sizeof checks / sizeof *checks; i++)
        if (checks[i].bad) {
            *ret_field = checks[i].field;
            return checks[i].message;
        }
    return NULL;
}

int audit_filter_parse(const struct audit_params *p, struct audit_filter *ret, const char **ret_field,
                       const char **ret_message) {
    const char *field, *message = params_problem(p, &field);
    if (message) {
        *ret_field = field;
        *ret_message = message;
        return KW_EINVAL;
    }
    struct audit_filter f = {.entity = present(p->entity), .actor = present(p->user), .from = present(p->from),
                             .to = present(p->to)};
    int64_t v;
    if (present(p->id) && parse_count(p->id, &v))
        f.entity_id = v;
    if (present(p->limit) && parse_count(p->limit, &v))
        f.limit = (int)v;
    if (present(p->offset) && parse_count(p->offset, &v))
        f.offset = v;
    *ret = f;
    return 0;
}

static void entry_from_row(struct arena *a, struct db_stmt *st, struct audit_entry *e) {
    e->id = db_col_int64(st, 0);
    e->at = db_col_text(a, st, 1);
    e->actor = db_col_text(a, st, 2);
    e->via = db_col_text(a, st, 3);
    e->entity = db_col_text(a, st, 4);
    e->entity_id = db_col_int64(st, 5);           /* NULL reads as 0 */
    e->action = db_col_text(a, st, 6);
    e->before_json = db_col_text(a, st, 7);
    e->after_json = db_col_text(a, st, 8);
}

/* Steps a prepared page query to the end, collecting its rows into ret. */
static int collect_entries(struct db *db, struct arena *a, struct db_stmt *st, struct audit_page *ret) {
    struct audit_entry *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, v, cap, n);
        entry_from_row(a, st, &v[n++]);
    }
    db_reset(st);
    if (rc != DB_DONE)
        return KW_EDB;
    ret->items = v;
    ret->n = n;
    return 0;
}

static int count_rows(struct db_stmt *st, int64_t *ret) {
    int rc = db_step(st);
    if (rc == DB_ROW)
        *ret = db_col_int64(st, 0);
    db_reset(st);
    return rc == DB_ROW ? 0 : KW_EDB;
}

static void bind_filter(struct db_stmt *st, const struct audit_filter *f, const char *from, const char *to) {
    db_bind_text(st, 1, f->entity);
    db_bind_int_or_null(st, 2, f->entity_id, f->entity_id != 0);
    db_bind_text(st, 3, f->actor);
    db_bind_text(st, 4, from);
    db_bind_text(st, 5, to);
}

int store_audit_query(struct db *db, struct arena *a, const struct audit_filter *f, struct audit_page *ret) {
    char from[40], to[40];
    if ((f->from && day_start_utc(f->from, 0, f->utc_offset_minutes, from, sizeof from) < 0) ||
        (f->to && day_start_utc(f->to, 1, f->utc_offset_minutes, to, sizeof to) < 0))
        return KW_EINVAL;
    struct audit_page page = {0};
    struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM audit " AUDIT_FILTER_WHERE);
    bind_filter(st, f, f->from ? from : NULL, f->to ? to : NULL);
    int rc = count_rows(st, &page.total);
    if (rc < 0)
        return rc;
    st = db_prepare(db, "SELECT " AUDIT_COLUMNS " FROM audit " AUDIT_FILTER_WHERE " ORDER BY id DESC LIMIT ?6 OFFSET ?7");
    bind_filter(st, f, f->from ? from : NULL, f->to ? to : NULL);
    db_bind_int64(st, 6, audit_limit_clamp(f->limit));
    db_bind_int64(st, 7, f->offset > 0 ? f->offset : 0);
    if ((rc = collect_entries(db, a, st, &page)) < 0)
        return rc;
    *ret = page;
    return 0;
}

/* The first entry that can be about measure_id: an id in the log may have named an earlier
 * measure, deleted since, so the history starts at the measure's own "create" entry or at the
 * latest import of its organisation (which gives every measure a new id), whichever is later;
 * at 0 when there is neither. KW_ENOTFOUND when there is no such measure. */
static int history_start(struct db *db, int64_t measure_id, int64_t *ret_start) {
    return edit_query_id(db,
        "SELECT max(id) FROM (SELECT coalesce((SELECT max(id) FROM audit WHERE entity = 'measure' "
        "                                       AND entity_id = m.id AND action = 'create'), 0) AS id "
        "                     FROM measure m WHERE m.id = ?1 "
        "                     UNION ALL SELECT coalesce((SELECT max(a.id) FROM audit a WHERE a.entity = 'org' "
        "                                       AND a.entity_id = p.org_id AND a.action IN ('import', 'replace')), 0) "
        "                     FROM measure m JOIN plan p ON p.id = m.plan_id WHERE m.id = ?1) s "
        "HAVING count(*) > 0", measure_id, NULL, ret_start);
}

int store_audit_measure_history(struct db *db, struct arena *a, int64_t measure_id, int limit, int64_t offset,
                                struct audit_page *ret) {
    int64_t start;
    int rc = history_start(db, measure_id, &start);
    if (rc < 0)
        return rc;
    struct audit_page page = {0};
    bool pg = db_is_postgres(db);
    struct db_stmt *st = db_prepare(db, pg ? HISTORY_IDS_PG "SELECT count(*) FROM hist" : HISTORY_IDS "SELECT count(*) FROM hist");
    db_bind_int64(st, 1, measure_id);
    db_bind_int64(st, 2, start);
    if ((rc = count_rows(st, &page.total)) < 0)
        return rc;
    st = db_prepare(db, pg ? HISTORY_IDS_PG HISTORY_PAGE : HISTORY_IDS HISTORY_PAGE);
    db_bind_int64(st, 1, measure_id);
    db_bind_int64(st, 2, start);
    db_bind_int64(st, 3, audit_limit_clamp(limit));
    db_bind_int64(st, 4, offset > 0 ? offset : 0);
    if ((rc = collect_entries(db, a, st, &page)) < 0)
        return rc;
    *ret = page;
    return 0;
}

int store_audit_entities(struct db *db, struct arena *a, char ***ret, size_t *ret_n) {
    /* one index seek per name (a skip scan) instead of reading every entry */
    struct db_stmt *st = db_prepare(db,
        "WITH RECURSIVE names(name) AS (SELECT min(entity) FROM audit "
        "  UNION ALL SELECT (SELECT min(entity) FROM audit WHERE entity > names.name) FROM names "
        "  WHERE names.name IS NOT NULL) "
        "SELECT name FROM names WHERE name IS NOT NULL");
    char **v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, v, cap, n);
        v[n++] = db_col_text(a, st, 0);
    }
    db_reset(st);
    if (rc != DB_DONE)
        return KW_EDB;
    *ret = v;
    *ret_n = n;
    return 0;
}
