/* Trusted reverse proxies and the client address they forward (see proxy.h). */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "server/proxy.h"

static char trusted[PROXY_MAX][PROXY_ADDR_LEN];
static int ntrusted;

/* Writes the address in s[0..n) as inet_ntop writes it into dst: true, or false when it is
 * not an IPv4 or IPv6 address. */
static bool normalize(const char *s, size_t n, char *dst) {
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    char text[PROXY_ADDR_LEN];
    unsigned char bin[16];
    if (n == 0 || n >= sizeof text)
        return false;
    memcpy(text, s, n);
    text[n] = '\0';
    if (inet_pton(AF_INET, text, bin) == 1)
        return inet_ntop(AF_INET, bin, dst, PROXY_ADDR_LEN) != NULL;
    if (inet_pton(AF_INET6, text, bin) == 1)
        return inet_ntop(AF_INET6, bin, dst, PROXY_ADDR_LEN) != NULL;
    return false;
}

int proxy_trust(const char *list, char *err, size_t errsize) {
    ntrusted = 0;
    for (const char *p = list; p && *p;) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (ntrusted == PROXY_MAX) {
            snprintf(err, errsize, "at most %d trusted proxies", PROXY_MAX);
            return -1;
        }
        if (!normalize(p, n, trusted[ntrusted])) {
            snprintf(err, errsize, "\"%.*s\" is not an IPv4 or IPv6 address", (int)(n > 60 ? 60 : n), p);
            ntrusted = 0;
            return -1;
        }
        ntrusted++;
        p = end ? end + 1 : p + n;
    }
    return 0;
}

const char *proxy_client(const char *peer, const char *forwarded, char *dst) {
    if (!forwarded || ntrusted == 0)
        return peer;
    bool proxy = false;
    for (int i = 0; i < ntrusted && !proxy; i++)
        proxy = strcmp(trusted[i], peer) == 0;
    if (!proxy)
        return peer;
    const char *last = strrchr(forwarded, ',');
    last = last ? last + 1 : forwarded;
    return normalize(last, strlen(last), dst) ? dst : peer;
}
