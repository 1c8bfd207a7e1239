/* Fuzz target: the JSON string writer. Any bytes must come out as one JSON string that jansson
 * parses; valid UTF-8 without NUL must come back unchanged. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/jw.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct buf b = BUF_INIT;
    json_escape(&b, (const char *)data, size);
    json_error_t e;
    json_t *v = json_loadb(b.data, b.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &e);
    if (!v || !json_is_string(v))
        abort();
    if (utf8_valid((const char *)data, size) &&
        (json_string_length(v) != size || memcmp(json_string_value(v), data, size) != 0))
        abort();
    json_decref(v);
    buf_free(&b);
    return 0;
}
