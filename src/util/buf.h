/* A growable byte string, always NUL-terminated; the building block of every writer. */
#ifndef KAWARU_UTIL_BUF_H
#define KAWARU_UTIL_BUF_H
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct buf {
    char *data;     /* NULL until the first append; then NUL-terminated */
    size_t len;
    size_t cap;
};

#define BUF_INIT {NULL, 0, 0}

/* Makes room for extra more bytes (and the NUL). */
void buf_grow(struct buf *b, size_t extra);

static inline void buf_reserve(struct buf *b, size_t extra) {
    if (b->len + extra + 1 > b->cap)
        buf_grow(b, extra);
}

/* Inline: writers call these for every piece of every response. */
static inline void buf_append(struct buf *b, const char *s, size_t n) {
    buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static inline void buf_putc(struct buf *b, char c) {
    buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

static inline void buf_puts(struct buf *b, const char *s) {
    buf_append(b, s, strlen(s));
}
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);
/* Returns the data (caller frees) and leaves b empty; never NULL. */
char *buf_steal(struct buf *b);
/* The contents as a C string ("" when empty); owned by b. */
const char *buf_cstr(const struct buf *b);

#endif
