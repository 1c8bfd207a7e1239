/* JSON text rewritten in one form: compact, members in their order, strings as jw escapes them
 * and numbers as jw writes them (an integral value without a fraction, others in the shortest
 * form that reads back to the same double). The audit log's snapshots are made by SQL's
 * json_object, which SQLite and PostgreSQL print differently ({"a":50.0} and {"a" : 50}): both
 * are stored in this form, so that an entry reads the same whichever engine wrote it. */
#ifndef KAWARU_UTIL_JSON_CANON_H
#define KAWARU_UTIL_JSON_CANON_H
#include <stddef.h>
#include "util/buf.h"

/* Appends json (n bytes) to out in the canonical form: 0, or -1 when it is not JSON (out
 * unchanged). */
int json_canon(struct buf *out, const char *json, size_t n);

#endif
