/* Searching words as people type them (see search.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core/search.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

bool search_query_init(struct search_query *q, const char *text) {
    memset(q, 0, sizeof *q);
    q->norm = text ? utf8_normalize(text) : NULL;
    if (!q->norm)
        return false;
    size_t len = strlen(q->norm), start = 0, cap = 0;
    bool in_run = false;
    for (size_t i = 0; i <= len;) {
        int32_t cp = -1;
        size_t l = i < len ? utf8_decode(q->norm + i, &cp) : 1;
        bool word = i < len && cp >= 0 && utf8_is_word_cp(cp);
        if (word && !in_run) {
            start = i;
            in_run = true;
        } else if (!word && in_run) {
            if (q->n == cap) {
                cap = cap ? cap * 2 : 4;
                q->terms = xrealloc(q->terms, cap * sizeof *q->terms);
            }
            q->terms[q->n++] = q->norm + start;
            in_run = false;
            q->norm[i] = '\0';                  /* ends the run; the rest of that character is not read */
        }
        i += l ? l : 1;
    }
    return q->n > 0;
}

void search_query_free(struct search_query *q) {
    free(q->norm);
    free(q->terms);
    memset(q, 0, sizeof *q);
}

bool search_match(const struct search_query *q, const char *const *fields, size_t n, unsigned *ret_fields) {
    unsigned held = 0;
    bool all = q->n > 0;
    for (size_t t = 0; t < q->n; t++) {
        bool found = false;
        for (size_t f = 0; f < n; f++)
            if (fields[f] && strstr(fields[f], q->terms[t])) {
                found = true;
                held |= 1u << f;
            }
        all = all && found;
    }
    if (ret_fields)
        *ret_fields = all ? held : 0;
    return all;
}

const char *search_field_name(enum search_field f) {
    static const char *const names[SEARCH_NFIELDS] = {"title", "text", "theme", "pillar"};
    return names[f];
}
