/* Citizen feedback in the database (see store_feedback.h): submitting an opinion with its rate
 * limits, moderating it, and the lists and counts the pages and the API show. The sender's
 * address becomes a BLAKE2b hash keyed with a random per-database key (settings row
 * 'feedback_hash_key', made with libsodium on first use); the audit snapshot leaves the hash out. */
#include <sodium.h>
#include <string.h>
#include "store/store_feedback.h"
#include "store/store_internal.h"
#include "util/utf8.h"

static const struct edit_kind edit_feedback = {
    "feedback",
    "SELECT json_object('plan_id', plan_id, 'measure_code', measure_code, 'measure_id', measure_id, "
    " 'text', body, 'name', name, 'state', state, 'answer', answer, 'answered_by', answered_by, "
    " 'answered_at', answered_at, 'moderated_by', moderated_by, 'moderated_at', moderated_at, "
    " 'created_at', created_at) FROM feedback WHERE id = ?1",
    NULL, NULL, NULL, NULL, NULL,
    NULL,
};

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
#define KEY_NAME "feedback_hash_key"

/* ---- checking text */

static bool is_space_cp(int32_t cp) { return cp == ' ' || cp == '\n' || cp == 0x3000; }

/* Copies s with "\r\n" and "\r" as "\n" into a; NULL when s is not valid UTF-8. */
static char *newlines_unified(struct arena *a, const char *s) {
    size_t n = strlen(s);
    if (!utf8_valid(s, n))
        return NULL;
    char *out = arena_alloc(a, n + 1), *o = out;
    for (const char *p = s; *p; p++) {
        if (*p == '\r') {
            *o++ = '\n';
            if (p[1] == '\n')
                p++;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

char *feedback_clean(struct arena *a, const char *s, size_t max, bool allow_newline, const char **ret_why) {
    char *t = newlines_unified(a, s ? s : "");
    if (!t) {
        *ret_why = "is not valid UTF-8";
        return NULL;
    }
    const char *start = NULL, *end = t;          /* the first and after the last non-space character */
    size_t count = 0, count_at_end = 0;
    for (const char *p = t; *p;) {
        int32_t cp;
        size_t len = utf8_decode(p, &cp);
        bool newline = cp == '\n';
        if ((cp < 0x20 && !(newline && allow_newline)) || (cp >= 0x7f && cp < 0xa0)) {
            *ret_why = allow_newline ? "must not hold control characters (other than line breaks)"
                                     : "must not hold control characters or line breaks";
            return NULL;
        }
        if (start)
            count++;
        if (!is_space_cp(cp)) {
            if (!start) {
                start = p;
                count = 1;
            }
            end = p + len;
            count_at_end = count;
        }
        p += len;
    }
    if (!start)
        return arena_strdup(a, "");
    if (count_at_end > max) {
        *ret_why = max == FEEDBACK_NAME_MAX ? "is longer than 100 characters" : "is longer than 2000 characters";
        return NULL;
    }
    return arena_strndup(a, start, (size_t)(end - start));
}

/* ---- the address hash */

/* The database's hash key, made and stored on first use (inside the caller's transaction). */
static int hash_key(struct db *db, unsigned char key[crypto_generichash_KEYBYTES]) {
    struct db_stmt *st = db_prepare(db, "SELECT value FROM settings WHERE name = '" KEY_NAME "'");
    int rc = db_step(st);
    bool found = rc == DB_ROW && db_col_bytes(st, 0) == crypto_generichash_KEYBYTES;
    if (found)
        memcpy(key, db_col_blob(st, 0), crypto_generichash_KEYBYTES);
    db_reset(st);
    if (found)
        return 0;
    if (rc != DB_ROW && rc != DB_DONE)
        return KW_EDB;
    if (sodium_init() < 0)
        return KW_EIO;
    randombytes_buf(key, crypto_generichash_KEYBYTES);
    st = db_prepare(db, "INSERT INTO settings (name, value) VALUES ('" KEY_NAME "', ?1) "
                        "ON CONFLICT (name) DO UPDATE SET value = excluded.value");
    db_bind_blob(st, 1, key, crypto_generichash_KEYBYTES);
    return db_step_done(db, st);
}

static int address_hash(struct db *db, const char *address, unsigned char out[32]) {
    unsigned char key[crypto_generichash_KEYBYTES];
    int rc = hash_key(db, key);
    if (rc == 0) {
        const char *s = address ? address : "";
        crypto_generichash(out, 32, (const unsigned char *)s, strlen(s), key, sizeof key);
    }
    sodium_memzero(key, sizeof key);
    return rc;
}

/* ---- submitting */

static int64_t count_since(struct db *db, const char *sql, const void *blob, int64_t plan_id, const char *code,
                           int64_t since) {
    struct db_stmt *st = db_prepare(db, sql);
    if (blob)
        db_bind_blob(st, 1, blob, 32);
    else
        db_bind_int64(st, 1, plan_id);
    db_bind_text(st, 2, code);
    db_bind_int64(st, 3, since);
    int64_t n = db_step(st) == DB_ROW ? db_col_int64(st, 0) : INT32_MAX;
    db_reset(st);
    return n;
}

/* KW_ECONFLICT naming FEEDBACK_FIELD_RATE when the address or the measure is over its limit. */
static int rate_check(struct db *db, const struct feedback_new *in, const unsigned char hash[32],
                      struct edit_fail *fail) {
    if (count_since(db, "SELECT count(*) FROM feedback WHERE addr_hash = ?1 AND ?2 IS NULL AND created_unix > ?3",
                    hash, 0, NULL, in->now - FEEDBACK_ADDRESS_WINDOW) >= FEEDBACK_PER_ADDRESS) {
        edit_fail_set(fail, FEEDBACK_FIELD_RATE, "too many opinions from this address: at most %d an hour; "
                      "please try again later", FEEDBACK_PER_ADDRESS);
        return KW_ECONFLICT;
    }
    if (count_since(db, "SELECT count(*) FROM feedback WHERE plan_id = ?1 AND measure_code = ?2 AND created_unix > ?3",
                    NULL, in->plan_id, in->measure_code, in->now - FEEDBACK_MEASURE_WINDOW) >= FEEDBACK_PER_MEASURE) {
        edit_fail_set(fail, FEEDBACK_FIELD_RATE, "this measure has received %d opinions today, the most a day "
                      "takes; please try again tomorrow", FEEDBACK_PER_MEASURE);
        return KW_ECONFLICT;
    }
    return 0;
}

/* Checks text and name; KW_EINVAL naming the field. */
static int check_input(struct arena *a, const struct feedback_new *in, char **ret_text, char **ret_name,
                       struct edit_fail *fail) {
    const char *why = NULL;
    char *text = feedback_clean(a, in->text, FEEDBACK_TEXT_MAX, true, &why);
    if (text && !*text)
        why = "is required";
    if (!text || !*text) {
        edit_fail_set(fail, "text", "text %s", why);
        return KW_EINVAL;
    }
    char *name = feedback_clean(a, in->name, FEEDBACK_NAME_MAX, false, &why);
    if (!name) {
        edit_fail_set(fail, "name", "name %s", why);
        return KW_EINVAL;
    }
    *ret_text = text;
    *ret_name = *name ? name : NULL;
    return 0;
}

static int insert_row(struct db *db, const struct feedback_new *in, int64_t org_id, const char *text,
                      const char *name, const unsigned char hash[32]) {
    int64_t measure_id = 0;
    store_measure_id_by_key(db, in->plan_id, in->measure_code, &measure_id);
    struct db_stmt *st = db_prepare(db,
        "INSERT INTO feedback (org_id, plan_id, measure_code, measure_id, measure_title, body, name, created_unix, "
        "addr_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    db_bind_int64(st, 1, org_id);
    db_bind_int64(st, 2, in->plan_id);
    db_bind_text(st, 3, in->measure_code);
    db_bind_int_or_null(st, 4, measure_id, measure_id > 0);
    db_bind_text(st, 5, in->measure_title ? in->measure_title : in->measure_code);
    db_bind_text(st, 6, text);
    db_bind_text(st, 7, name);
    db_bind_int64(st, 8, in->now);
    db_bind_blob(st, 9, hash, 32);
    return db_step_done(db, st);
}

int store_feedback_submit(struct db *db, const struct feedback_new *in, const struct actor *who, int64_t *ret_id,
                          struct edit_fail *fail) {
    struct arena a = ARENA_INIT;
    char *text, *name;
    unsigned char hash[32];
    int64_t org_id = 0, id = 0;
    int rc = check_input(&a, in, &text, &name, fail);
    if (rc == 0 && (!in->measure_code || !*in->measure_code)) {
        edit_fail_set(fail, "measure", "no measure");
        rc = KW_EINVAL;
    }
    if (rc < 0)
        goto cleanup;
    if ((rc = db_begin(db)) < 0)
        goto cleanup;
    rc = edit_query_id(db, "SELECT org_id FROM plan WHERE id = ?1", in->plan_id, NULL, &org_id);
    if (rc == KW_ENOTFOUND)
        edit_fail_set(fail, "plan", "no such plan");
    if (rc == 0)
        rc = address_hash(db, in->address, hash);
    if (rc == 0)
        rc = rate_check(db, in, hash, fail);
    if (rc == 0 && (rc = insert_row(db, in, org_id, text, name, hash)) == 0)
        id = db_last_id(db);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_feedback, id, "create", NULL);
    if ((rc = edit_finish(db, rc)) == 0 && ret_id)
        *ret_id = id;
cleanup:
    sodium_memzero(hash, sizeof hash);
    arena_free(&a);
    return rc;
}

/* ---- moderating */

static int set_state(struct db *db, int64_t id, bool publish, const char *who_name) {
    struct db_stmt *st = db_prepare(db, "UPDATE feedback SET state = ?2, moderated_by = ?3, moderated_at = " NOW
                                      " WHERE id = ?1");
    db_bind_int64(st, 1, id);
    db_bind_text(st, 2, publish ? "published" : "rejected");
    db_bind_text(st, 3, who_name);
    return db_step_done(db, st);
}

static int set_answer(struct db *db, int64_t id, const char *answer, const char *who_name) {
    struct db_stmt *st = db_prepare(db,
        "UPDATE feedback SET answer = ?2, answered_by = CASE WHEN ?2 IS NULL THEN NULL ELSE ?3 END, "
        "answered_at = CASE WHEN ?2 IS NULL THEN NULL ELSE " NOW " END WHERE id = ?1");
    db_bind_int64(st, 1, id);
    db_bind_text(st, 2, answer && *answer ? answer : NULL);
    db_bind_text(st, 3, who_name);
    return db_step_done(db, st);
}

int store_feedback_moderate(struct db *db, int64_t id, bool publish, const char *answer, const struct actor *who,
                            struct edit_fail *fail) {
    struct arena a = ARENA_INIT;
    char *clean = NULL, *before = NULL;
    const char *why = NULL;
    int rc = 0;
    if (answer && !(clean = feedback_clean(&a, answer, FEEDBACK_ANSWER_MAX, true, &why))) {
        edit_fail_set(fail, "answer", "answer %s", why);
        rc = KW_EINVAL;
        goto cleanup;
    }
    if ((rc = edit_begin(db, &edit_feedback, id, &before)) < 0)
        goto cleanup;
    const char *who_name = who ? who->name : NULL;
    rc = set_state(db, id, publish, who_name);
    if (rc == 0 && clean)
        rc = set_answer(db, id, clean, who_name);
    if (rc == 0)
        rc = edit_audit(db, who, &edit_feedback, id, publish ? "publish" : "reject", before);
    rc = edit_finish(db, rc);
cleanup:
    free(before);
    arena_free(&a);
    return rc;
}

/* ---- reading */

#define FEEDBACK_COLUMNS "id, plan_id, measure_id, measure_code, measure_title, body, name, state, answer, " \
                         "answered_by, answered_at, moderated_by, moderated_at, created_at"

static void row_from(struct arena *a, struct db_stmt *st, struct feedback_row *f) {
    f->id = db_col_int64(st, 0);
    f->plan_id = db_col_int64(st, 1);
    f->measure_id = db_col_int64(st, 2);
    f->measure_code = db_col_text(a, st, 3);
    f->measure_title = db_col_text(a, st, 4);
    f->text = db_col_text(a, st, 5);
    f->name = db_col_text(a, st, 6);
    f->state = db_col_text(a, st, 7);
    f->answer = db_col_text(a, st, 8);
    f->answered_by = db_col_text(a, st, 9);
    f->answered_at = db_col_text(a, st, 10);
    f->moderated_by = db_col_text(a, st, 11);
    f->moderated_at = db_col_text(a, st, 12);
    f->created_at = db_col_text(a, st, 13);
}

/* Reads every row of st (bound by the caller) into an arena array. */
static int rows_read(struct arena *a, struct db_stmt *st, struct feedback_row **ret, size_t *ret_n) {
    struct feedback_row *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, v, cap, n);
        row_from(a, st, &v[n++]);
    }
    db_reset(st);
    *ret = v;
    *ret_n = n;
    return step_rows_done(rc);
}

int store_feedback_get(struct db *db, struct arena *a, int64_t id, struct feedback_row *ret) {
    struct db_stmt *st = db_prepare(db, "SELECT " FEEDBACK_COLUMNS " FROM feedback WHERE id = ?1");
    db_bind_int64(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW)
        row_from(a, st, ret);
    db_reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? KW_ENOTFOUND : KW_EDB;
}

int store_feedback_queue(struct db *db, struct arena *a, int64_t org_id, const char *state, struct feedback_row **ret,
                         size_t *ret_n) {
    struct db_stmt *st = db_prepare(db,
        "SELECT " FEEDBACK_COLUMNS " FROM feedback WHERE org_id = ?1 AND (?2 IS NULL OR state = ?2) "
        "ORDER BY state <> 'pending', CASE WHEN state = 'pending' THEN id ELSE -id END LIMIT ?3");
    db_bind_int64(st, 1, org_id);
    db_bind_text(st, 2, state);
    db_bind_int64(st, 3, FEEDBACK_LIST_MAX);
    return rows_read(a, st, ret, ret_n);
}

int store_feedback_published(struct db *db, struct arena *a, int64_t plan_id, const char *code,
                             struct feedback_row **ret, size_t *ret_n) {
    struct db_stmt *st = db_prepare(db,
        "SELECT " FEEDBACK_COLUMNS " FROM feedback WHERE plan_id = ?1 AND measure_code = ?2 AND state = 'published' "
        "ORDER BY id LIMIT ?3");
    db_bind_int64(st, 1, plan_id);
    db_bind_text(st, 2, code);
    db_bind_int64(st, 3, FEEDBACK_LIST_MAX);
    return rows_read(a, st, ret, ret_n);
}

int store_feedback_counts(struct db *db, struct arena *a, int64_t org_id, struct feedback_count **ret, size_t *ret_n) {
    struct db_stmt *st = db_prepare(db,
        "SELECT plan_id, measure_code, max(measure_title), count(*) FILTER (WHERE state = 'published'), "
        "count(*) FILTER (WHERE state = 'pending'), count(*) FILTER (WHERE state = 'rejected') "
        "FROM feedback WHERE org_id = ?1 GROUP BY plan_id, measure_code "
        "ORDER BY plan_id, measure_code");
    db_bind_int64(st, 1, org_id);
    struct feedback_count *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        GROW(a, v, cap, n);
        struct feedback_count *c = &v[n++];
        c->plan_id = db_col_int64(st, 0);
        c->measure_code = db_col_text(a, st, 1);
        c->measure_title = db_col_text(a, st, 2);
        c->published = db_col_int(st, 3);
        c->pending = db_col_int(st, 4);
        c->rejected = db_col_int(st, 5);
    }
    db_reset(st);
    *ret = v;
    *ret_n = n;
    return step_rows_done(rc);
}
