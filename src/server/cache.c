/* The response cache (see cache.h): a hash table under a reader-writer lock. When it is full,
 * stale entries are dropped; if none are stale, new responses are simply not cached. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "server/cache.h"
#include "util/xmalloc.h"

struct entry {
    struct entry *next;
    char *key;
    uint64_t version;
    kw_date date;
    char etag[48];
    void *payload;
    size_t bytes;
};

enum { NBUCKETS = 4096 };

static struct {
    pthread_rwlock_t lock;
    struct entry *buckets[NBUCKETS];
    size_t entries, bytes, max_entries, max_bytes;
    cache_destroy_fn destroy;
    bool ready;
} cache = {.lock = PTHREAD_RWLOCK_INITIALIZER};

static size_t hash(const char *s) {
    size_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h % NBUCKETS;
}

void cache_key(struct buf *dst, const char *target, const char *lang) {
    buf_reset(dst);
    buf_puts(dst, target);
    buf_putc(dst, '#');                        /* the language last: "ja" or "en", so a key reads one way */
    buf_puts(dst, lang);
}

void cache_init(size_t max_entries, size_t max_bytes, cache_destroy_fn destroy) {
    pthread_rwlock_wrlock(&cache.lock);
    cache.max_entries = max_entries;
    cache.max_bytes = max_bytes;
    cache.destroy = destroy;
    cache.ready = true;
    pthread_rwlock_unlock(&cache.lock);
}

static void free_entry(struct entry *e) {
    if (cache.destroy)
        cache.destroy(e->payload);
    free(e->key);
    free(e);
}

void cache_shutdown(void) {
    pthread_rwlock_wrlock(&cache.lock);
    for (size_t i = 0; i < NBUCKETS; i++) {
        struct entry *e = cache.buckets[i];
        while (e) {
            struct entry *next = e->next;
            free_entry(e);
            e = next;
        }
        cache.buckets[i] = NULL;
    }
    cache.entries = cache.bytes = 0;
    cache.ready = false;
    pthread_rwlock_unlock(&cache.lock);
}

void cache_etag(const char *content_type, const char *body, size_t len, char *dst, size_t size) {
    const uint64_t prime = 1099511628211ull;
    uint64_t h = 1469598103934665603ull;
    for (const unsigned char *p = (const unsigned char *)content_type; p && *p; p++)
        h = (h ^ *p) * prime;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {             /* FNV-1a over 8-byte words, then the tail */
        uint64_t w;
        memcpy(&w, body + i, 8);
        h = (h ^ w) * prime;
        h ^= h >> 29;
    }
    for (; i < len; i++)
        h = (h ^ (unsigned char)body[i]) * prime;
    snprintf(dst, size, "\"%016llx\"", (unsigned long long)h);
}

bool cache_use(const char *key, uint64_t version, kw_date today, cache_use_fn use, void *ctx) {
    bool found = false;
    pthread_rwlock_rdlock(&cache.lock);
    if (cache.ready)
        for (struct entry *e = cache.buckets[hash(key)]; e; e = e->next)
            if (strcmp(e->key, key) == 0) {
                if (e->version == version && e->date == today) {
                    use(e->payload, e->etag, ctx);
                    found = true;
                }
                break;
            }
    pthread_rwlock_unlock(&cache.lock);
    return found;
}

/* Drops every entry not made at version on today; called with the write lock held. */
static void evict_stale(uint64_t version, kw_date today) {
    for (size_t i = 0; i < NBUCKETS; i++) {
        struct entry **pp = &cache.buckets[i];
        while (*pp) {
            struct entry *e = *pp;
            if (e->version != version || e->date != today) {
                *pp = e->next;
                cache.entries--;
                cache.bytes -= e->bytes;
                free_entry(e);
            } else {
                pp = &e->next;
            }
        }
    }
}

static bool full(size_t bytes) {
    return cache.entries >= cache.max_entries || cache.bytes + bytes > cache.max_bytes;
}

void cache_put(const char *key, uint64_t version, kw_date today, const char *etag, void *payload, size_t bytes) {
    pthread_rwlock_wrlock(&cache.lock);
    bool kept = false;
    if (cache.ready) {
        size_t b = hash(key);
        for (struct entry **pp = &cache.buckets[b]; *pp; pp = &(*pp)->next)
            if (strcmp((*pp)->key, key) == 0) {
                struct entry *old = *pp;
                *pp = old->next;
                cache.entries--;
                cache.bytes -= old->bytes;
                free_entry(old);
                break;
            }
        if (full(bytes))
            evict_stale(version, today);
        if (!full(bytes)) {
            struct entry *e = xcalloc(1, sizeof *e);
            e->key = xstrdup(key);
            e->version = version;
            e->date = today;
            snprintf(e->etag, sizeof e->etag, "%s", etag);
            e->payload = payload;
            e->bytes = bytes;
            e->next = cache.buckets[b];
            cache.buckets[b] = e;
            cache.entries++;
            cache.bytes += bytes;
            kept = true;
        }
    }
    if (!kept && cache.destroy)
        cache.destroy(payload);
    pthread_rwlock_unlock(&cache.lock);
}

static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void cache_http_date(int64_t t, char *dst, size_t size) {
    static const char days[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    snprintf(dst, size, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
             tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* An IMF-fixdate in seconds since 1970, without the locale strptime would use; false when s is
 * not one (the obsolete forms are not accepted: the date is then ignored, as RFC 9110 allows). */
static bool parse_http_date(const char *s, int64_t *ret) {
    const char *comma = s ? strchr(s, ',') : NULL;
    char mon[4] = "";
    struct tm tm = {0};
    int used = 0;
    if (!comma || sscanf(comma + 1, " %2d %3s %4d %2d:%2d:%2d GMT%n", &tm.tm_mday, mon, &tm.tm_year, &tm.tm_hour,
                         &tm.tm_min, &tm.tm_sec, &used) != 6 || !used)
        return false;
    tm.tm_mon = -1;
    for (int i = 0; i < 12; i++)
        if (strcmp(mon, months[i]) == 0)
            tm.tm_mon = i;
    if (tm.tm_mon < 0)
        return false;
    tm.tm_year -= 1900;
    *ret = (int64_t)timegm(&tm);
    return true;
}

bool cache_not_modified(const char *if_none_match, const char *if_modified_since, const char *etag,
                        const char *last_modified) {
    if (if_none_match)
        return etag && strcmp(if_none_match, etag) == 0;
    int64_t since, modified;
    return last_modified && parse_http_date(if_modified_since, &since) && parse_http_date(last_modified, &modified) &&
           modified <= since;
}
