/* Allocation that never returns NULL: out of memory aborts the process. */
#ifndef KAWARU_UTIL_XMALLOC_H
#define KAWARU_UTIL_XMALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
