/* Fuzz target: query strings and form bodies (application/x-www-form-urlencoded). Decoded keys
 * and values must be valid UTF-8 without NUL, or the whole input refused. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "http/req.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct arena a = ARENA_INIT;
    struct kv pairs[64];
    int n = url_parse_pairs(&a, (const char *)data, size, pairs, 64);
    for (int i = 0; i < n; i++)
        if (!utf8_valid(pairs[i].key, strlen(pairs[i].key)) || !utf8_valid(pairs[i].value, strlen(pairs[i].value)))
            abort();
    arena_free(&a);
    return 0;
}
