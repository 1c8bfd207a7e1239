/* UTF-8 helpers; normalisation and character classes come from utf8proc. */
#include <string.h>
#include <utf8proc.h>
#include "util/utf8.h"

bool utf8_valid(const char *s, size_t n) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t len = utf8_valid_prefix(p + i, n - i);
        if (!len)
            return false;
        i += len;
    }
    return true;
}

size_t utf8_decode(const char *s, int32_t *ret_cp) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
    if (n <= 0) {
        *ret_cp = 0xfffd;
        return 1;
    }
    *ret_cp = cp;
    return (size_t)n;
}

size_t utf8_length(const char *s) {
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xc0) != 0x80)
            n++;
    return n;
}

char *utf8_normalize(const char *s) {
    if (!utf8_valid(s, strlen(s)))
        return NULL;
    return (char *)utf8proc_NFKC_Casefold((const utf8proc_uint8_t *)s);
}

bool utf8_is_blank(const char *s) {
    while (*s) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            s++;
        else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
            s += 3;
        else
            return false;
    }
    return true;
}

bool utf8_is_word_cp(int32_t cp) {
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return true;
    default:
        return false;
    }
}

int utf8_display_width(int32_t cp) {
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
        return 0;
    return utf8proc_charwidth(cp);
}
