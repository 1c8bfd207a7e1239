/* The rules of a text field, one for every way text comes in (issue 13 point 5): the browser's
 * forms (web/), /api/v1 bodies (api/), plan documents and CSV files (xfer/) all check a value
 * with field_check against the same rule, so that what one accepts the others accept.
 *
 * Lengths count characters (Unicode code points), as the OpenAPI document's maxLength does, not
 * bytes: 500 kanji fit a title as 500 letters do. Control characters (U+0000-U+001F, U+007F,
 * U+0080-U+009F) are refused in every field; a field of several lines (a text, a note) takes
 * line breaks and tabs, a one-line field (a title, a name, a code, a list item typed one per
 * line) does not. Blank means only spaces and line breaks (U+3000 too). */
#ifndef KAWARU_CORE_FIELD_H
#define KAWARU_CORE_FIELD_H
#include <stdbool.h>
#include <stddef.h>

struct field_rule {
    unsigned max;               /* characters */
    bool lines;                 /* line breaks and tabs allowed */
};

/* A title, a name, a display code, a unit, a role: one line of at most 500 characters. */
extern const struct field_rule field_label;
/* A text (現状, 理想, a summary, a review's progress, minutes): at most 20,000 characters. */
extern const struct field_rule field_text;
/* A measurement's note: at most 2,000 characters. */
extern const struct field_rule field_note;
/* Where a measurement came from: one line of at most 200 characters. */
extern const struct field_rule field_source;
/* An entry of a list typed one per line (a schedule's items, 施策例, tags, links): one line of
 * at most 20,000 characters. */
extern const struct field_rule field_item;
/* A one-line field of its own length (a token's name, a version's label): FIELD_LINE(100); a
 * field of several lines of its own length: FIELD_LINES(2000). */
#define FIELD_LINE(n) (&(const struct field_rule){(n), false})
#define FIELD_LINES(n) (&(const struct field_rule){(n), true})

enum field_problem {
    FIELD_OK,
    FIELD_BAD_UTF8,             /* not valid UTF-8 */
    FIELD_CONTROL,              /* a control character (or a line break in a one-line field) */
    FIELD_TOO_LONG,
    FIELD_BLANK,                /* empty or blank where a value is required */
};

/* Checks s[0..len) against rule; required: empty or blank is FIELD_BLANK. A value that is not
 * required may be empty (it then means "not set"). */
enum field_problem field_check(const char *s, size_t len, const struct field_rule *rule, bool required);
/* The same for a NUL-terminated string. */
enum field_problem field_check_str(const char *s, const struct field_rule *rule, bool required);
/* What is wrong, in English, to follow the field's name: "must be at most 500 characters".
 * Returns buf (of n bytes). */
const char *field_message(enum field_problem p, const struct field_rule *rule, char *buf, size_t n);

#endif
