/* E-mail through an SMTP server with libcurl (STACK.md): one plain-text UTF-8 message at a time,
 * its Subject as RFC 2047 encoded words and its body in base64. The server is configured in the
 * environment:
 *
 *   KAWARU_SMTP_URL   smtp://host:port or smtps://host:port (user:password@ may precede host);
 *                     unset or empty: no e-mail is sent
 *   KAWARU_SMTP_FROM  the sender address (default kawaru@localhost)
 *   KAWARU_BASE_URL   the site's address (e.g. https://kawaru.city.example.jp), put before
 *                     the links in messages; unset: links are paths
 *
 * Sending never aborts the program: failures are returned with a message. */
#ifndef KAWARU_NOTIFY_MAIL_H
#define KAWARU_NOTIFY_MAIL_H
#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "util/buf.h"

enum { MAIL_MAX_URL = 512, MAIL_MAX_ADDRESS = 254, MAIL_CONNECT_TIMEOUT_S = 10, MAIL_TIMEOUT_S = 30 };

struct mail_config {
    bool enabled;                         /* an SMTP URL is set */
    char url[MAIL_MAX_URL + 1];
    char from[MAIL_MAX_ADDRESS + 1];
    char base_url[MAIL_MAX_URL + 1];      /* "" when unset */
};

/* Reads the configuration from the environment. KW_EINVAL with a message in err when a
 * variable is set but wrong (a URL of another scheme, an implausible sender address). */
int mail_config_from_env(struct mail_config *ret, char *err, size_t errsize);

struct mail_message { const char *from, *to, *subject, *body; };

/* The Subject's value: printable ASCII as it is, anything else as encoded words
 * "=?UTF-8?B?...?=" of whole UTF-8 characters, folded so that no line exceeds 76 characters. */
void mail_encode_subject(struct buf *out, const char *subject);
/* The body with every line ending made CRLF, in base64 lines of 76 characters ending in CRLF. */
void mail_encode_body(struct buf *out, const char *body);
/* The whole RFC 5322 message (headers Date, From, To, Subject, Message-ID, MIME; the body
 * base64 text/plain; charset=UTF-8) for the given time and Message-ID (without <>). */
void mail_format(struct buf *out, const struct mail_message *m, time_t now, const char *message_id);

/* Sends m through c's server. 0, or KW_EIO with a message in err; *ret_unreachable (may be
 * NULL) tells that the server could not be reached at all, so that a sweep stops trying. */
int mail_send(const struct mail_config *c, const struct mail_message *m, char *err, size_t errsize,
              bool *ret_unreachable);

#endif
