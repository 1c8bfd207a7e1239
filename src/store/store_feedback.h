/* Citizen feedback (意見, issue 4 point 5): opinions on a measure of a plan's published version,
 * sent by anyone, moderated by the office (published or rejected, with an optional answer),
 * listed per measure and counted. The sender's address is kept only as a keyed hash, for the
 * rate limit; it never reaches the audit log. Every write is one transaction with an audit row.
 * Functions that depend on the time take `now` (Unix seconds) so that tests can set it. */
#ifndef KAWARU_STORE_STORE_FEEDBACK_H
#define KAWARU_STORE_STORE_FEEDBACK_H
#include <stdint.h>
#include "store/store.h"

enum {
    FEEDBACK_TEXT_MAX = 2000,            /* characters (code points), after trimming */
    FEEDBACK_NAME_MAX = 100,
    FEEDBACK_ANSWER_MAX = 2000,
    FEEDBACK_PER_ADDRESS = 5,            /* per address in FEEDBACK_ADDRESS_WINDOW */
    FEEDBACK_ADDRESS_WINDOW = 3600,
    FEEDBACK_PER_MEASURE = 50,           /* per measure in FEEDBACK_MEASURE_WINDOW */
    FEEDBACK_MEASURE_WINDOW = 24 * 3600,
    FEEDBACK_LIST_MAX = 500,             /* rows a list returns at most */
};

/* The field a rate-limit refusal names (KW_ECONFLICT): pages and the API answer 429. */
#define FEEDBACK_FIELD_RATE "rate"

/* An opinion as sent: the published measure it is about (plan, code and title as published),
 * the text, an optional name ("" or NULL: none) and the client's address (hashed, never kept). */
struct feedback_new {
    int64_t plan_id;
    const char *measure_code, *measure_title;
    const char *text, *name, *address;
    int64_t now;
};

/* An opinion as stored, allocated in the caller's arena; NULL for what is not set. */
struct feedback_row {
    int64_t id, plan_id, measure_id;     /* measure_id 0: the draft has no measure of that code */
    char *measure_code, *measure_title, *text, *name, *state, *answer, *answered_by, *answered_at,
        *moderated_by, *moderated_at, *created_at;
};

/* How many opinions a measure has, per state. */
struct feedback_count {
    int64_t plan_id;
    char *measure_code, *measure_title;
    int published, pending, rejected;
};

/* Stores an opinion as pending; *ret_id its id. KW_EINVAL naming "text" or "name" (empty text,
 * too long, control characters other than newlines, bad UTF-8), KW_ENOTFOUND for an unknown
 * plan, KW_ECONFLICT naming FEEDBACK_FIELD_RATE when the address or the measure has sent too
 * many; nothing is written then. Line ends are stored as "\n". */
int store_feedback_submit(struct db *db, const struct feedback_new *in, const struct actor *who, int64_t *ret_id,
                          struct edit_fail *fail);

/* Publishes (publish true) or rejects an opinion; answer NULL keeps the answer it has, "" removes
 * it, other text (checked like an opinion's) replaces it. Moderating again is allowed (and
 * audited). KW_ENOTFOUND, KW_EINVAL naming "answer". */
int store_feedback_moderate(struct db *db, int64_t id, bool publish, const char *answer, const struct actor *who,
                            struct edit_fail *fail);

/* One opinion; KW_ENOTFOUND. */
int store_feedback_get(struct db *db, struct arena *a, int64_t id, struct feedback_row *ret);
/* The moderation queue of an organisation: state NULL for all (pending first, oldest first;
 * then the others, newest first), or only those of one state. At most FEEDBACK_LIST_MAX. */
int store_feedback_queue(struct db *db, struct arena *a, int64_t org_id, const char *state, struct feedback_row **ret,
                         size_t *ret_n);
/* The published opinions of a measure of a plan, oldest first, with their answers. */
int store_feedback_published(struct db *db, struct arena *a, int64_t plan_id, const char *code,
                             struct feedback_row **ret, size_t *ret_n);
/* The counts of every measure of an organisation's plans that has opinions, in plan and code order. */
int store_feedback_counts(struct db *db, struct arena *a, int64_t org_id, struct feedback_count **ret, size_t *ret_n);

/* Checks a text for an opinion, name or answer: valid UTF-8, no control character but "\n"
 * (allow_newline), at most max characters after trimming. Returns the trimmed text with "\r\n"
 * and "\r" turned into "\n", allocated in a, or NULL with *ret_why set to a message. */
char *feedback_clean(struct arena *a, const char *s, size_t max, bool allow_newline, const char **ret_why);

#endif
