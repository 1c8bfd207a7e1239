/* Files compiled into the binary at build time (migrations, assets, demo plans). */
#ifndef KAWARU_UTIL_EMBED_H
#define KAWARU_UTIL_EMBED_H
#include <stddef.h>

struct embedded_file {
    const char *name;             /* path relative to the source root, e.g. "assets/app.css" */
    const unsigned char *data;    /* NUL-terminated for convenience; size excludes the NUL */
    size_t size;
};

extern const struct embedded_file embedded_files[];

/* Returns the embedded file called name, or NULL. */
const struct embedded_file *embed_find(const char *name);

#endif
