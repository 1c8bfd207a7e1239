/* The client's address behind a reverse proxy that kawaru trusts (kawaru serve --trusted-proxy):
 * a request whose TCP peer is such a proxy is counted at the address the proxy says it came
 * from — the last entry of X-Forwarded-For, the one that proxy added —, so that the sign-in and
 * opinion limits per address count clients, not the proxy. Any other peer's X-Forwarded-For is
 * ignored (a client could write anything in it). */
#ifndef KAWARU_SERVER_PROXY_H
#define KAWARU_SERVER_PROXY_H
#include <stddef.h>

enum { PROXY_MAX = 16, PROXY_ADDR_LEN = 46 };   /* INET6_ADDRSTRLEN */

/* Trusts the comma-separated IPv4/IPv6 addresses of list (NULL or "": none). 0, or -1 with a
 * message in err naming the entry that is not an address. */
int proxy_trust(const char *list, char *err, size_t errsize);

/* The client's address: peer's (as inet_ntop writes it), or, when peer is a trusted proxy and
 * the last entry of forwarded (X-Forwarded-For, may be NULL) is an address, that one, written
 * into dst (PROXY_ADDR_LEN bytes). */
const char *proxy_client(const char *peer, const char *forwarded, char *dst);

#endif
