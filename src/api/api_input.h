/* Reading /api/v1 request bodies: the JSON object, and its members one type at a time with the
 * readers of xfer/json_in.h and the field rules of core/field.h, as plan documents and forms are
 * read (the same limits, in characters, and the same messages). A helper that finds a bad value replies 422
 * {"error":{"code":"invalid","message","field"}} naming the member (with its path inside nested
 * objects, e.g. "target.fy") and returns false, so handlers chain the helpers with && and write
 * nothing until the whole body has been read. input_end then refuses a member no helper read:
 * 400 {"error":{"code":"unknown_field"}} naming it, so that no call answers 200 for a field it
 * ignored.
 *
 * Absent and null members: a helper leaves *ret untouched (text: NULL) for an absent member.
 * null is refused unless the flags allow clearing (IN_CLEARABLE); then text helpers return ""
 * and the others report INPUT_NULL through ret_state, which the store reads as "clear". */
#ifndef KAWARU_API_API_INPUT_H
#define KAWARU_API_API_INPUT_H
#include <jansson.h>
#include <stdbool.h>
#include "core/field.h"
#include "http/req.h"
#include "store/store.h"


struct input_track;            /* the members read, shared by an input and the ones nested in it */

struct input {
    struct req *r;
    json_t *obj;               /* the object being read */
    json_t *root;              /* the parsed body, owned: input_end releases it */
    char prefix[64];           /* the path of obj in the body, "" or e.g. "target." */
    struct input_track *track;
};

enum input_flags {
    IN_REQUIRED = 1,           /* absent (or null) is an error */
    IN_CLEARABLE = 2,          /* null clears the field */
};

enum input_state { INPUT_ABSENT, INPUT_NULL, INPUT_SET };

/* Parses the body as a JSON object into in: replies 400 when it is missing or not JSON, 422 when
 * it is not an object. On true, release with input_end. */
bool input_begin(struct req *r, struct input *in);
/* Releases the body. Returns false when a helper has replied already, or (after replying 400
 * naming it) when the body holds a member no helper read, in it or in an object read in it. */
bool input_end(struct input *in);
/* For a caller who may write only some members of the body: replies 403 naming the first member
 * read that is not in allowed (NULL-terminated) and returns false; call after the helpers. */
bool input_only(struct input *in, const char *const *allowed, const char *why);
/* For a body that another reader reads (a document's reader, xfer/json_in.h): the members of obj
 * (NULL: in's own object, whose members keys names are then taken as read) may be only those keys
 * (NULL-terminated) names; the first other one is refused as input_end refuses one — 400
 * unknown_field naming it after prefix ("nodes[2]."). In linear time, for long lists of objects. */
bool input_known(struct input *in, json_t *obj, const char *prefix, const char *const *keys);
/* Replies 422 naming key (with the prefix of in) and returns false. */
bool input_fail(struct input *in, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Text under rule; "" when cleared, or when optional and blank (not set). */
bool input_text(struct input *in, const char *key, const struct field_rule *rule, unsigned flags, const char **ret);
/* A title, name or code: text under rule that is not blank (U+3000 counts as blank); never
 * clearable. */
bool input_label(struct input *in, const char *key, const struct field_rule *rule, unsigned flags, const char **ret);
/* A display code (a pillar's, theme's or measure's: core/model.h model_display_code_valid): not
 * blank, no "/"; with IN_CLEARABLE, null clears it ("" then). */
bool input_code(struct input *in, const char *key, unsigned flags, const char **ret);
/* A machine code (a department's, a body's): 1-64 characters of a-z, 0-9, - and _. */
bool input_machine_code(struct input *in, const char *key, unsigned flags, const char **ret);
/* One of names (NULL-terminated); "" when cleared. */
bool input_enum(struct input *in, const char *key, const char *const *names, unsigned flags, const char **ret);
/* A date YYYY-MM-DD; "" when cleared. */
bool input_date(struct input *in, const char *key, unsigned flags, const char **ret);
/* A fiscal year (xfer/json_in.h json_in_fy): 2024, or text such as "令和6年度", "R6", "2024年度". */
bool input_fy(struct input *in, const char *key, unsigned flags, int *ret, enum input_state *ret_state);
/* true or false. */
bool input_bool(struct input *in, const char *key, unsigned flags, bool *ret, enum input_state *ret_state);
/* A finite number. */
bool input_number(struct input *in, const char *key, unsigned flags, double *ret, enum input_state *ret_state);
/* An integer in lo..hi. */
bool input_int(struct input *in, const char *key, int64_t lo, int64_t hi, unsigned flags, int64_t *ret,
               enum input_state *ret_state);
/* A list of at most MODEL_MAX_LIST non-blank strings each under rule, allocated in the request's
 * arena; null clears (an empty list). ret_set tells whether the member was there. */
bool input_strlist(struct input *in, const char *key, const struct field_rule *rule, unsigned flags,
                   struct strlist *ret, bool *ret_set);
/* A nested object: on INPUT_SET, *ret reads it with the path "<prefix><key>.". */
bool input_object(struct input *in, const char *key, unsigned flags, struct input *ret, enum input_state *ret_state);
/* An array member of at most max entries: *ret_arr, or NULL when absent (or null, if clearable). */
bool input_array(struct input *in, const char *key, size_t max, unsigned flags, json_t **ret_arr,
                 enum input_state *ret_state);
/* Element i of arr, the array member key, which must be an object: *ret reads it with the path
 * "<prefix><key>[i].". */
bool input_item(struct input *in, const char *key, json_t *arr, size_t i, struct input *ret);
/* "position": a 0-based index among siblings (its upper bound is the store's to check);
 * STORE_LAST when absent. */
bool input_position(struct input *in, bool *ret_set, int *ret);
/* "abolished": true or false (廃止: kept with its history, out of the roll-ups). */
bool input_abolished(struct input *in, bool *ret_set, bool *ret);
/* An id of another entity (a positive integer); 0 when absent. */
bool input_id(struct input *in, const char *key, int64_t *ret);

/* ---- lists of the model's objects (api_input_lists.c), replaced as a whole; null clears them.
 * ret_set tells whether the member was there. */
struct period_items;
struct titled_text;
struct goal;
/* [{fy, quarter?, items: [...]}]: a schedule or progress, each FY (and quarter) once, with at
 * least one item. */
bool input_period_items(struct input *in, const char *key, struct period_items **ret, size_t *ret_n, bool *ret_set);
/* [{title, text?}]: めざす姿, principles. */
bool input_titled(struct input *in, const char *key, struct titled_text **ret, size_t *ret_n, bool *ret_set);
/* [{name, kind?, baseline_fy?, unit?, note?, direction?, target: {value, fy?}}]: a plan's goals;
 * kind "workload_reduction" is the 業務量削減 goal the workload inventory measures. */
bool input_goals(struct input *in, const char *key, struct goal **ret, size_t *ret_n, bool *ret_set);

/* Replies to a failed store edit with the field and message the store gave (resp_store_error). */
void input_store_fail(struct req *r, int err, const struct edit_fail *fail);

/* Replies to a store delete: 204 No Content, or the failure as input_store_fail does. */
void input_deleted(struct req *r, int err, const struct edit_fail *fail);

#endif
