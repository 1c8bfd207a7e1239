/* Fuzz target: the plan document parser. Any input is either refused with at least one error,
 * or accepted; an accepted document written out and parsed again must give the same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "xfer/plan_doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct arena a = ARENA_INIT;
    struct org_doc doc, again;
    struct doc_errors errs;
    if (plan_doc_parse((const char *)data, size, &a, &doc, &errs) == 0) {
        struct buf one = BUF_INIT, two = BUF_INIT;
        plan_doc_write(&one, &doc, 2);
        if (plan_doc_parse(one.data, one.len, &a, &again, &errs) != 0)
            abort();
        plan_doc_write(&two, &again, 2);
        if (one.len != two.len || memcmp(one.data, two.data, one.len) != 0)
            abort();
        buf_free(&one);
        buf_free(&two);
    } else if (errs.n == 0) {
        abort();
    }
    arena_free(&a);
    return 0;
}
