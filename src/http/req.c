/* Request helpers: query and form parsing, path parameters, and response setters. */
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "http/req.h"
#include "util/jw.h"
#include "util/utf8.h"

void req_init(struct req *r, struct db *db, const char *method, const char *path) {
    memset(r, 0, sizeof *r);
    r->db = db;
    r->method = method;
    r->path = path;
    r->status = 200;
    r->today = date_today();
    r->lang = "ja";
}

void req_free(struct req *r) {
    buf_free(&r->out);
    arena_free(&r->arena);
}

static const char *kv_find(const struct kv *v, int n, const char *key) {
    for (int i = 0; i < n; i++)
        if (strcmp(v[i].key, key) == 0)
            return v[i].value;
    return NULL;
}

const char *req_query(const struct req *r, const char *key) { return kv_find(r->query, r->nquery, key); }
const char *req_form(const struct req *r, const char *key) { return kv_find(r->form, r->nform, key); }

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes one urlencoded component; NULL when malformed or not UTF-8. */
static char *url_decode(struct arena *a, const char *s, size_t len) {
    char *out = arena_alloc(a, len + 1), *o = out;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '+') {
            *o++ = ' ';
        } else if (s[i] == '%') {
            if (i + 2 >= len)
                return NULL;
            int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
            if (h < 0 || l < 0)
                return NULL;
            *o++ = (char)(h * 16 + l);
            i += 2;
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    size_t n = (size_t)(o - out);
    if (memchr(out, '\0', n) || !utf8_valid(out, n))
        return NULL;
    return out;
}

int url_parse_pairs(struct arena *a, const char *s, size_t len, struct kv *ret, int max) {
    int n = 0;
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && s[j] != '&')
            j++;
        if (j > i) {
            if (n >= max)
                return -1;
            const char *eq = memchr(s + i, '=', j - i);
            size_t klen = eq ? (size_t)(eq - (s + i)) : j - i;
            char *k = url_decode(a, s + i, klen);
            char *v = eq ? url_decode(a, eq + 1, (size_t)(s + j - eq - 1)) : arena_strdup(a, "");
            if (!k || !v)
                return -1;
            ret[n].key = k;
            ret[n].value = v;
            n++;
        }
        i = j + 1;
    }
    return n;
}

/* The editing forms repeat rows (a schedule's years, a body's members): a form may have many
 * fields, as many as its body (at most REQ_MAX_FORM_BODY) has pairs, up to this bound. */
enum { MAX_FORM_FIELDS = 8192 };

int req_parse_form(struct req *r) {
    size_t pairs = 1;
    for (size_t i = 0; r->body && i < r->body_len; i++)
        pairs += r->body[i] == '&';
    if (pairs > MAX_FORM_FIELDS)
        pairs = MAX_FORM_FIELDS;
    r->form = arena_alloc(&r->arena, pairs * sizeof *r->form);
    int n = r->body ? url_parse_pairs(&r->arena, r->body, r->body_len, r->form, (int)pairs) : 0;
    if (n < 0)
        return KW_EINVAL;
    /* browsers send a textarea's line breaks as CRLF; kawaru stores "\n" */
    for (int i = 0; i < n; i++) {
        char *v = (char *)r->form[i].value, *o = v;
        for (const char *p = v; *p; p++)
            if (*p == '\r')
                *o++ = '\n', p += p[1] == '\n';
            else
                *o++ = *p;
        *o = '\0';
    }
    r->nform = n;
    return 0;
}

bool req_is_api(const struct req *r) { return strncmp(r->path, "/api/", 5) == 0; }

bool req_param_id(struct req *r, int i, int64_t *ret) {
    const char *s = i < r->nparams ? r->params[i] : NULL;
    char *end;
    long long v = s && *s >= '1' && *s <= '9' ? strtoll(s, &end, 10) : 0;
    if (v <= 0 || *end != '\0' || strlen(s) > 15) {
        resp_error(r, 404, "not_found", "no such resource", NULL);
        return false;
    }
    *ret = v;
    return true;
}

bool req_fy_or_400(struct req *r, const char *key, const char *text, int *ret) {
    if (!text || !*text || fy_parse(text, ret) == 0)
        return true;
    resp_error(r, 400, "bad_request", arena_printf(&r->arena, "%s %s", key, FY_INVALID), key);
    return false;
}

const struct req_part *req_part(const struct req *r, const char *name) {
    for (int i = 0; i < r->nparts; i++)
        if (strcmp(r->parts[i].name, name) == 0)
            return &r->parts[i];
    return NULL;
}

void resp_header(struct req *r, const char *name, const char *value) {
    if (r->nheaders < REQ_MAX_HEADERS)
        r->headers[r->nheaders++] = (struct kv){name, value};
}

void resp_json(struct req *r, int status) {
    r->status = status;
    r->content_type_out = "application/json; charset=utf-8";
}

void resp_html(struct req *r, int status) {
    r->status = status;
    r->content_type_out = "text/html; charset=utf-8";
}

void resp_no_content(struct req *r) {
    buf_reset(&r->out);
    r->status = 204;
    r->content_type_out = NULL;
    r->cacheable = false;
}

static error_page_fn error_page;

void req_set_error_page(error_page_fn fn) { error_page = fn; }

void resp_error(struct req *r, int status, const char *code, const char *message, const char *field) {
    buf_reset(&r->out);
    r->cacheable = false;
    if (!req_is_api(r) && error_page) {
        error_page(r, status, code);
        r->status = status;
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_key(&w, "error");
    jw_obj_begin(&w);
    jw_kstr(&w, "code", code);
    jw_kstr(&w, "message", message);
    if (field)
        jw_kstr(&w, "field", field);
    jw_obj_end(&w);
    jw_obj_end(&w);
    resp_json(r, status);
}

void resp_busy(struct req *r) {
    resp_error(r, 503, "busy", "the database is busy with another write; nothing was changed, try again in a moment",
               NULL);
    resp_header(r, "Retry-After", "1");
}

void resp_store_error(struct req *r, int rc, const char *field, const char *message) {
    switch (rc) {
    case KW_EINVAL:
        resp_error(r, 422, "invalid", message ? message : "the request is not valid", field);
        break;
    case KW_ENOTFOUND:
        resp_error(r, 404, "not_found", message ? message : "no such resource", field);
        break;
    case KW_ECONFLICT:
        resp_error(r, 409, "conflict", message ? message : "the change conflicts with existing data", field);
        break;
    case KW_EPERM:
        resp_error(r, 403, "forbidden", message ? message : "you may not do this", field);
        break;
    case KW_ETOOBIG:
        resp_error(r, 413, "too_large", message ? message : "the request is too large", field);
        break;
    case KW_EBUSY:
        resp_busy(r);
        break;
    default:
        resp_error(r, 500, "internal", "the server could not complete the request", NULL);
        break;
    }
}

void resp_redirect(struct req *r, const char *location) {
    r->status = 303;
    resp_header(r, "Location", location);
    r->content_type_out = "text/plain; charset=utf-8";
    buf_reset(&r->out);
    buf_puts(&r->out, "See Other\n");
}
