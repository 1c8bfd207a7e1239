/* The one reader of JSON from outside (issue 13 point 5): plan documents (with their bodies and
 * meetings) and /api/v1 request bodies are parsed by json_in_parse and read member by member
 * with the readers below, against the field rules of core/field.h, so that the same value is
 * accepted or refused with the same message wherever it comes from.
 *
 * A reader takes a member's value and returns NULL when it is good (setting *ret), or what is
 * wrong with it, to follow the member's path: "must be at most 500 characters". The caller says
 * where: the API answers 422 naming the first bad member (api/api_input.c), a document lists up
 * to DOC_MAX_ERRORS of them at their paths (the doc reader below).
 *
 * Presence: json_in_member tells an absent member, a null one and a value apart; an optional text
 * that is empty or blank reads as "" (not set), as a form's trimmed field does. */
#ifndef KAWARU_XFER_JSON_IN_H
#define KAWARU_XFER_JSON_IN_H
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include "core/field.h"
#include "core/model.h"
#include "util/arena.h"

enum { JSON_IN_MSG = 256 };         /* room for a reader's message */
enum { JSON_IN_FY_TEXT = 64 };      /* the longest fiscal year written as text, in bytes */

/* Parses text[0..len) as JSON, refusing duplicate keys. On failure returns NULL with what is
 * wrong in msg: "the body is not valid JSON (line 3, column 5: …)" with what (e.g. "the body"). */
json_t *json_in_parse(const char *text, size_t len, const char *what, char *msg, size_t n);

enum json_in_presence { JSON_IN_ABSENT, JSON_IN_NULL, JSON_IN_SET };
/* Where member key of o stands; *ret its value when JSON_IN_SET. */
enum json_in_presence json_in_member(json_t *o, const char *key, json_t **ret);

/* The value readers (see the top of the file); buf holds the message, of JSON_IN_MSG bytes. */
/* A string under rule; a copy in a, "" when optional and blank. */
const char *json_in_text(json_t *v, const struct field_rule *rule, bool required, struct arena *a, char **ret,
                         char *buf);
/* A display code (a pillar's, theme's, measure's, plan's or KPI's): a label without "/". */
const char *json_in_code(json_t *v, bool required, struct arena *a, char **ret, char *buf);
/* An integer in lo..hi. */
const char *json_in_int(json_t *v, int64_t lo, int64_t hi, int64_t *ret, char *buf);
/* A fiscal year (core/fiscal.h: FY_MIN..FY_MAX): an integer, or text in any form fy_parse takes
 * ("令和6年度", "R6", "2024年度", "2024"); refused with FY_INVALID. Not a number with a fraction,
 * even 2024.0. */
const char *json_in_fy(json_t *v, int *ret, char *buf);
/* A finite number within core/number.h's bounds. */
const char *json_in_number(json_t *v, double *ret, char *buf);
/* true or false. */
const char *json_in_bool(json_t *v, bool *ret, char *buf);
/* A date YYYY-MM-DD; a copy in a. */
const char *json_in_date(json_t *v, struct arena *a, char **ret, char *buf);
/* One of names (NULL-terminated): *ret points into names. */
const char *json_in_enum(json_t *v, const char *const *names, const char **ret, char *buf);
/* An array of at most max entries. */
const char *json_in_array(json_t *v, size_t max, char *buf);
/* An object. */
const char *json_in_object(json_t *v, char *buf);

/* ---- the document reader: a path, and the problems found so far at their paths */

enum { DOC_MAX_ERRORS = 20 };

/* Problems found in a document, each with the JSON path of the bad field
 * (e.g. "plans[0].pillars[1].themes[0].measures[2].kpis[0].target.value"). */
struct doc_errors {
    size_t n;
    struct { char path[256]; char message[256]; } items[DOC_MAX_ERRORS];
    size_t total;          /* may exceed DOC_MAX_ERRORS */
};

struct doc_reader {
    struct arena *a;
    struct doc_errors *errs;
    char path[256];
    size_t pathlen;
};

/* Reports a problem at the reader's path, followed by ".key" when key is not NULL. */
void doc_err(struct doc_reader *d, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Path steps: each returns the length to restore with doc_pop. */
size_t doc_push_key(struct doc_reader *d, const char *key);
size_t doc_push_index(struct doc_reader *d, size_t i);
void doc_pop(struct doc_reader *d, size_t old);

/* Member readers: absent or null is not set (and reported when required); a bad value is
 * reported and reads as not set. */
/* A string under rule: NULL when not set (an optional blank text is not set). */
char *doc_text(struct doc_reader *d, json_t *o, const char *key, const struct field_rule *rule, bool required);
/* A display code (json_in_code): NULL when not set. */
char *doc_code(struct doc_reader *d, json_t *o, const char *key, bool required);
/* true or false; false when not set. */
bool doc_flag(struct doc_reader *d, json_t *o, const char *key);
/* An integer in lo..hi: true when set (*ret then holds it). */
bool doc_int(struct doc_reader *d, json_t *o, const char *key, bool required, long lo, long hi, int *ret);
bool doc_fy(struct doc_reader *d, json_t *o, const char *key, bool required, int *ret);
bool doc_number(struct doc_reader *d, json_t *o, const char *key, bool required, double *ret);
/* A date YYYY-MM-DD: NULL when not set. */
char *doc_date(struct doc_reader *d, json_t *o, const char *key, bool required);
/* One of names: NULL when not set. */
const char *doc_enum(struct doc_reader *d, json_t *o, const char *key, const char *const *names, bool required);
/* An array of at most MODEL_MAX_LIST entries, or an object: NULL when not set. */
json_t *doc_array(struct doc_reader *d, json_t *o, const char *key, bool required);
json_t *doc_object(struct doc_reader *d, json_t *o, const char *key, bool required);
/* Element i of an array is an object: reported at the reader's path when it is not. */
bool doc_elem_object(struct doc_reader *d, json_t *v);
/* A list of strings each under rule and not blank; nonempty: an empty list is reported. */
void doc_strlist(struct doc_reader *d, json_t *o, const char *key, const struct field_rule *rule, bool nonempty,
                 struct strlist *ret);

#endif
