/* UTF-8 validation, code point iteration and NFKC case-folded normalisation (utf8proc). */
#ifndef KAWARU_UTIL_UTF8_H
#define KAWARU_UTIL_UTF8_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Length of the valid UTF-8 sequence at p (1-4), or 0 if the bytes there are not valid UTF-8
 * (overlong forms, surrogates and code points above U+10FFFF are invalid). Inline: the JSON
 * writer calls it for every non-ASCII character it writes. */
static inline size_t utf8_valid_prefix(const unsigned char *p, size_t n) {
    if (n == 0)
        return 0;
    unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    size_t len;
    uint32_t cp, min;
    if ((c & 0xe0) == 0xc0) { len = 2; cp = c & 0x1f; min = 0x80; }
    else if ((c & 0xf0) == 0xe0) { len = 3; cp = c & 0x0f; min = 0x800; }
    else if ((c & 0xf8) == 0xf0) { len = 4; cp = c & 0x07; min = 0x10000; }
    else return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}
bool utf8_valid(const char *s, size_t n);
/* Decodes one code point at s (which must be valid); returns its byte length. */
size_t utf8_decode(const char *s, int32_t *ret_cp);
/* Number of code points in a valid UTF-8 string. */
size_t utf8_length(const char *s);
/* NFKC + case folding (ＡＩ -> ai, ｶﾞ -> ガ); returns a malloc'd string (caller frees),
 * or NULL if s is not valid UTF-8. */
char *utf8_normalize(const char *s);
/* True when s holds nothing but spaces, tabs, line breaks and ideographic spaces (U+3000). */
bool utf8_is_blank(const char *s);
/* True for letters, marks and numbers: the characters search indexes. */
bool utf8_is_word_cp(int32_t cp);
/* The columns cp takes on a screen: 2 for wide and full-width characters (漢字, かな, Ａ),
 * 1 for the others, 0 for combining marks and control characters. */
int utf8_display_width(int32_t cp);

#endif
