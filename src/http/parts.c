/* Looking up the parts of a multipart/form-data request (file uploads); server.c reads them
 * from the body with libmicrohttpd's post processor, tests fill r->parts themselves. */
#include <string.h>
#include "http/req.h"

const struct req_part *req_part(const struct req *r, const char *name) {
    for (int i = 0; i < r->nparts; i++)
        if (strcmp(r->parts[i].name, name) == 0)
            return &r->parts[i];
    return NULL;
}
