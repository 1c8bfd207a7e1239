/* A growable byte string, always NUL-terminated; the building block of every writer. */
#ifndef KAWARU_UTIL_BUF_H
#define KAWARU_UTIL_BUF_H
#include <stdarg.h>
#include <stddef.h>

struct buf {
    char *data;     /* NULL until the first append; then NUL-terminated */
    size_t len;
    size_t cap;
};

#define BUF_INIT {NULL, 0, 0}

void buf_reserve(struct buf *b, size_t extra);
void buf_append(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);
/* Returns the data (caller frees) and leaves b empty; never NULL. */
char *buf_steal(struct buf *b);
/* The contents as a C string ("" when empty); owned by b. */
const char *buf_cstr(const struct buf *b);

#endif
