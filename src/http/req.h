/* One HTTP request and its response, independent of libmicrohttpd so that handlers can be run
 * in-process by tests (http_handle). Everything allocated for a request lives in its arena. */
#ifndef KAWARU_HTTP_REQ_H
#define KAWARU_HTTP_REQ_H
#include <stdbool.h>
#include <stdint.h>
#include "core/fiscal.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/buf.h"

enum { REQ_MAX_PARAMS = 4, REQ_MAX_HEADERS = 8, REQ_MAX_QUERY = 32 };

/* Limits on what a client sends (SPEC §5, CONVENTIONS 9). */
enum { REQ_MAX_BODY = 4 * 1024 * 1024, REQ_MAX_FORM_BODY = 256 * 1024 };

struct kv { const char *key, *value; };
struct session_user;              /* store/store_user.h */

/* One field or uploaded file of a multipart/form-data body (server.c fills them; data is
 * NUL-terminated, may hold any bytes, and lives in the request's arena). */
struct req_part { const char *name, *filename, *content_type, *data; size_t len; };
enum { REQ_MAX_PARTS = 16 };

struct req {
    /* request */
    const char *method, *path;
    struct kv query[REQ_MAX_QUERY];
    int nquery;
    const char *body;              /* NUL-terminated; NULL when there is none */
    size_t body_len;
    const char *content_type;
    const char *if_none_match;
    const char *if_modified_since;
    const char *authorization;     /* the Authorization header (API tokens); NULL when absent */
    struct req_part *parts;        /* the fields and files of a multipart/form-data body */
    int nparts;
    const char *params[REQ_MAX_PARAMS];   /* {id}-style path segments, in order */
    int nparams;
    struct kv *form;               /* parsed application/x-www-form-urlencoded body */
    int nform;
    struct db *db;
    struct arena arena;
    kw_date today;
    const char *lang;              /* "ja" or "en" */
    /* sign-in (http/session.c): the kawaru_session cookie, its user (NULL: anonymous), the
     * client's address and whether the request came over TLS or from a proxy that says so */
    const char *session_token;
    const struct session_user *user;
    /* CSRF (session.c): this session's token (NULL when anonymous) and the X-CSRF-Token header */
    const char *csrf_token;
    const char *csrf_header;
    const char *pre_token;         /* the kawaru_pre cookie of the sign-in form (session.h) */
    const char *remote_addr;
    bool secure;
    /* authorization (http/authz.c): the organisation, measure and department of the resource the
     * path names (0: none), and whether this user reads that organisation's working drafts
     * (a member or an admin) or only its published versions */
    int64_t target_org_id, target_measure_id, target_department_id;
    bool sees_drafts;
    /* response */
    int status;
    const char *content_type_out;
    struct buf out;
    struct kv headers[REQ_MAX_HEADERS];
    int nheaders;
    bool cacheable;                /* a GET whose body depends only on the data and the date */
    int64_t last_modified;         /* of a cacheable reply, in seconds since 1970 (0: none): the
                                    * server sends Last-Modified and honours If-Modified-Since */
};

void req_init(struct req *r, struct db *db, const char *method, const char *path);
void req_free(struct req *r);

const char *req_query(const struct req *r, const char *key);        /* NULL when absent */
const char *req_form(const struct req *r, const char *key);         /* NULL when absent */
/* The multipart/form-data part named name (the first when repeated), or NULL; the server
 * splits the body into r->parts (server/parts.c). */
const struct req_part *req_part(const struct req *r, const char *name);
/* Parses the body as application/x-www-form-urlencoded into r->form; KW_EINVAL when malformed. */
int req_parse_form(struct req *r);
/* Parses "a=1&b=%E7%AA%93" into kv pairs allocated in a; returns the count or -1. */
int url_parse_pairs(struct arena *a, const char *s, size_t len, struct kv *ret, int max);

/* True for a path of the JSON API (/api/…), whose replies are JSON rather than pages. */
bool req_is_api(const struct req *r);
/* Path parameter i as a positive integer id; replies 404 and returns false when it is not. */
bool req_param_id(struct req *r, int i, int64_t *ret);
/* text, the value of the query's or form's key, as a fiscal year in any form fy_parse takes
 * (2024, 2024年度, 令和6年度, R6): sets *ret. NULL or "" leaves *ret alone. Otherwise replies 400
 * bad_request "key must be a fiscal year (1900-2200) such as …" (FY_INVALID) naming key, and
 * returns false. */
bool req_fy_or_400(struct req *r, const char *key, const char *text, int *ret);

void resp_header(struct req *r, const char *name, const char *value);
/* The one error reply: a call of the API gets {"error":{"code","message","field"}} (field may
 * be NULL); a page gets the HTML page of that status in the reader's language, drawn by the
 * renderer the server registered (req_set_error_page), which may use code (403 "csrf"). */
void resp_error(struct req *r, int status, const char *code, const char *message, const char *field);
/* 503 with Retry-After: 1 and the code "busy" (a page: the busy page): another connection held
 * the database for longer than this one waits (KW_EBUSY, store/db.h). Handlers reach it through
 * resp_store_error, so that a write that cannot get the database in time never answers 500. */
void resp_busy(struct req *r);
/* THE mapping of a store result rc < 0 (KW_E*, core/errors.h) to a reply: 422 invalid, 404,
 * 409, 403, 413, 503 busy (with Retry-After), otherwise 500. Every handler whose store call
 * failed replies through it, never with a status of its own choosing.
 * field and message (English, the API's; may be NULL) say what was wrong. */
void resp_store_error(struct req *r, int rc, const char *field, const char *message);
/* The renderer of pages' error replies: writes the page of status into r->out and sets
 * r->status. The server registers the page layer's at start (http may not include web). */
typedef void (*error_page_fn)(struct req *r, int status, const char *code);
void req_set_error_page(error_page_fn fn);
/* Sets status and content type for a JSON body written into r->out by the caller. */
void resp_json(struct req *r, int status);
void resp_html(struct req *r, int status);
/* 204 No Content: an empty body (e.g. after a DELETE). */
void resp_no_content(struct req *r);
void resp_redirect(struct req *r, const char *location);   /* 303 See Other */

#endif
