/* E-mail through SMTP with libcurl (see mail.h). The message is built whole in memory and
 * handed to libcurl by a read callback; libcurl speaks SMTP (EHLO, STARTTLS when offered,
 * MAIL FROM, RCPT TO, DATA with dot-stuffing). */
#include <curl/curl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "core/notice.h"
#include "notify/mail.h"

static bool url_ok(const char *s) {
    if (strncmp(s, "smtp://", 7) != 0 && strncmp(s, "smtps://", 8) != 0)
        return false;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f)
            return false;
    return strlen(s) <= MAIL_MAX_URL;
}

int mail_config_from_env(struct mail_config *ret, char *err, size_t errsize) {
    memset(ret, 0, sizeof *ret);
    const char *url = getenv("KAWARU_SMTP_URL"), *from = getenv("KAWARU_SMTP_FROM"), *base = getenv("KAWARU_BASE_URL");
    if (url && *url && !url_ok(url)) {
        snprintf(err, errsize, "KAWARU_SMTP_URL must look like smtp://host:port or smtps://host:port");
        return KW_EINVAL;
    }
    if (!from || !*from)
        from = "kawaru@localhost";
    if (!notice_email_valid(from)) {
        snprintf(err, errsize, "KAWARU_SMTP_FROM is not an e-mail address: %s", from);
        return KW_EINVAL;
    }
    if (base && (strlen(base) > MAIL_MAX_URL || strpbrk(base, " \t\r\n"))) {
        snprintf(err, errsize, "KAWARU_BASE_URL must be a URL of at most %d bytes without spaces", MAIL_MAX_URL);
        return KW_EINVAL;
    }
    ret->enabled = url && *url;
    snprintf(ret->url, sizeof ret->url, "%s", ret->enabled ? url : "");
    snprintf(ret->from, sizeof ret->from, "%s", from);
    snprintf(ret->base_url, sizeof ret->base_url, "%s", base ? base : "");
    size_t n = strlen(ret->base_url);
    if (n && ret->base_url[n - 1] == '/')
        ret->base_url[n - 1] = '\0';          /* links start with "/" */
    return 0;
}

/* ---- encoding */

static void base64(struct buf *out, const unsigned char *bin, size_t n) {
    size_t cap = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
    buf_reserve(out, cap);
    sodium_bin2base64(out->data + out->len, cap, bin, n, sodium_base64_VARIANT_ORIGINAL);
    out->len += strlen(out->data + out->len);
}

static bool plain_ascii(const char *s) {
    for (; *s; s++)
        if ((unsigned char)*s < ' ' || (unsigned char)*s >= 0x7f)
            return false;
    return true;
}

/* The length of the UTF-8 sequence that starts with byte c (1 for stray bytes). */
static size_t utf8_seq_len(unsigned char c) {
    return c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

/* 39 bytes make 52 base64 characters: "Subject: " + a 64-character encoded word is 73. */
enum { WORD_BYTES = 39 };

void mail_encode_subject(struct buf *out, const char *subject) {
    if (plain_ascii(subject) && strlen(subject) <= 66) {
        buf_puts(out, subject);
        return;
    }
    size_t len = strlen(subject), i = 0;
    while (i < len) {
        size_t n = 0;
        while (i + n < len) {
            size_t k = utf8_seq_len((unsigned char)subject[i + n]);
            if (n + k > WORD_BYTES || i + n + k > len)
                break;
            n += k;
        }
        if (n == 0)                           /* a truncated sequence at the end */
            n = len - i;
        if (i)
            buf_puts(out, "\r\n ");
        buf_puts(out, "=?UTF-8?B?");
        base64(out, (const unsigned char *)subject + i, n);
        buf_puts(out, "?=");
        i += n;
    }
}

void mail_encode_body(struct buf *out, const char *body) {
    struct buf crlf = BUF_INIT, b64 = BUF_INIT;
    for (const char *p = body; *p; p++) {
        if (*p == '\r' && p[1] == '\n')
            continue;                         /* the "\n" that follows writes the CRLF */
        if (*p == '\n' || *p == '\r')
            buf_puts(&crlf, "\r\n");
        else
            buf_putc(&crlf, *p);
    }
    if (!crlf.len || crlf.data[crlf.len - 1] != '\n')
        buf_puts(&crlf, "\r\n");
    base64(&b64, (const unsigned char *)crlf.data, crlf.len);
    for (size_t i = 0; i < b64.len; i += 76) {
        buf_append(out, b64.data + i, b64.len - i < 76 ? b64.len - i : 76);
        buf_puts(out, "\r\n");
    }
    buf_free(&crlf);
    buf_free(&b64);
}

/* RFC 5322 date in UTC, with English names whatever the locale. */
static void mail_date(struct buf *out, time_t now) {
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    struct tm tm;
    gmtime_r(&now, &tm);
    buf_printf(out, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
               tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

void mail_format(struct buf *out, const struct mail_message *m, time_t now, const char *message_id) {
    buf_puts(out, "Date: ");
    mail_date(out, now);
    buf_printf(out, "\r\nFrom: %s\r\nTo: %s\r\nSubject: ", m->from, m->to);
    mail_encode_subject(out, m->subject);
    buf_printf(out, "\r\nMessage-ID: <%s>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                    "Content-Transfer-Encoding: base64\r\nAuto-Submitted: auto-generated\r\n\r\n", message_id);
    mail_encode_body(out, m->body);
}

/* ---- sending */

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc = CURLE_FAILED_INIT;
static void curl_init(void) { curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT); }

struct upload { const char *data; size_t len, pos; };

static size_t read_message(char *dst, size_t size, size_t nitems, void *ctx) {
    struct upload *u = ctx;
    size_t n = size * nitems, left = u->len - u->pos;
    if (n > left)
        n = left;
    memcpy(dst, u->data + u->pos, n);
    u->pos += n;
    return n;
}

/* "<random>.kawaru@<the sender's domain>" */
static void message_id(char *dst, size_t size, const char *from, time_t now) {
    unsigned char rnd[12];
    char hex[sizeof rnd * 2 + 1];
    if (sodium_init() < 0)
        memset(rnd, 0, sizeof rnd);
    else
        randombytes_buf(rnd, sizeof rnd);
    sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
    const char *at = strchr(from, '@');
    snprintf(dst, size, "%lld.%s.kawaru@%s", (long long)now, hex, at ? at + 1 : "localhost");
}

static int send_with(CURL *curl, const struct mail_config *c, const struct mail_message *m, struct upload *u,
                     char *err, size_t errsize, bool *unreachable) {
    char from[MAIL_MAX_ADDRESS + 3], to[MAIL_MAX_ADDRESS + 3], curl_err[CURL_ERROR_SIZE] = "";
    snprintf(from, sizeof from, "<%s>", m->from);
    snprintf(to, sizeof to, "<%s>", m->to);
    struct curl_slist *rcpt = curl_slist_append(NULL, to);
    curl_easy_setopt(curl, CURLOPT_URL, c->url);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_message);
    curl_easy_setopt(curl, CURLOPT_READDATA, u);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, (long)MAIL_CONNECT_TIMEOUT_S);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)MAIL_TIMEOUT_S);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_err);
    CURLcode res = curl_easy_perform(curl);
    curl_slist_free_all(rcpt);
    if (res == CURLE_OK)
        return 0;
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    snprintf(err, errsize, "%s%s%s (SMTP %ld)", curl_easy_strerror(res), curl_err[0] ? ": " : "", curl_err, code);
    *unreachable = res == CURLE_COULDNT_CONNECT || res == CURLE_COULDNT_RESOLVE_HOST || res == CURLE_OPERATION_TIMEDOUT;
    return KW_EIO;
}

int mail_send(const struct mail_config *c, const struct mail_message *m, char *err, size_t errsize,
              bool *ret_unreachable) {
    bool unreachable = false;
    int rc = KW_EIO;
    if (!c->enabled || !notice_email_valid(m->from) || !notice_email_valid(m->to)) {
        snprintf(err, errsize, "%s", !c->enabled ? "no SMTP server is configured (KAWARU_SMTP_URL)"
                                                 : "the sender or recipient is not an e-mail address");
        goto done;
    }
    pthread_once(&curl_once, curl_init);
    CURL *curl = curl_init_rc == CURLE_OK ? curl_easy_init() : NULL;
    if (!curl) {
        snprintf(err, errsize, "libcurl could not be initialised");
        goto done;
    }
    time_t now = time(NULL);
    char id[160];
    message_id(id, sizeof id, m->from, now);
    struct buf msg = BUF_INIT;
    mail_format(&msg, m, now, id);
    struct upload u = {msg.data, msg.len, 0};
    rc = send_with(curl, c, m, &u, err, errsize, &unreachable);
    curl_easy_cleanup(curl);
    buf_free(&msg);
done:
    if (ret_unreachable)
        *ret_unreachable = unreachable;
    return rc;
}
