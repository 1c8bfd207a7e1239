/* The route table and the dispatcher (see routes.h). */
#include <string.h>
#include <strings.h>
#include "api/api.h"
#include "http/authz.h"
#include "http/routes.h"
#include "http/session.h"
#include "web/pages.h"

static void healthz(struct req *r) {
    buf_puts(&r->out, "{\"status\":\"ok\"}");
    resp_json(r, 200);
}

const struct route routes[] = {
    /* method    pattern                                  handler                 permission     csrf */
    {"GET",    "/healthz",                                healthz,                PERM_PUBLIC,   false},
    {"GET",    "/api/v1/openapi.json",                    api_openapi,            PERM_PUBLIC,   false},
    {"GET",    "/api/v1/session",                         api_session_get,        PERM_PUBLIC,   false},
    {"POST",   "/api/v1/session",                         api_session_post,       PERM_PUBLIC,   false},
    {"DELETE", "/api/v1/session",                         api_session_delete,     PERM_PUBLIC,   false},
    {"GET",    "/api/v1/orgs",                            api_orgs_list,          PERM_PUBLIC,   false},
    {"POST",   "/api/v1/orgs",                            api_org_post,           PERM_ADMIN,    false},
    {"GET",    "/api/v1/orgs/{code}",                     api_org_get,            PERM_PUBLISHED,   false},
    {"PATCH",  "/api/v1/orgs/{code}",                     api_org_patch,          PERM_OFFICE,   false},
    {"GET",    "/api/v1/orgs/{code}/plans",               api_org_plans,          PERM_PUBLISHED,   false},
    {"POST",   "/api/v1/orgs/{code}/plans",               api_plan_post,          PERM_OFFICE,   false},
    {"POST",   "/api/v1/orgs/{code}/departments",         api_department_post,    PERM_OFFICE,   false},
    {"GET",    "/api/v1/orgs/{code}/document",            api_org_document,       PERM_MEMBER,   false},
    {"GET",    "/api/v1/orgs/{code}/bodies",              api_org_bodies,         PERM_PUBLIC,   false},
    {"POST",   "/api/v1/orgs/{code}/bodies",              api_body_post,          PERM_OFFICE,   false},
    {"GET",    "/api/v1/orgs/{code}/meetings",            api_org_meetings,       PERM_PUBLIC,   false},
    {"PATCH",  "/api/v1/bodies/{id}",                     api_body_patch,         PERM_OFFICE,   false},
    {"DELETE", "/api/v1/bodies/{id}",                     api_body_delete,        PERM_OFFICE,   false},
    {"POST",   "/api/v1/bodies/{id}/meetings",            api_meeting_post,       PERM_OFFICE,   false},
    {"PATCH",  "/api/v1/meetings/{id}",                   api_meeting_patch,      PERM_OFFICE,   false},
    {"DELETE", "/api/v1/meetings/{id}",                   api_meeting_delete,     PERM_OFFICE,   false},
    {"PUT",    "/api/v1/orgs/{code}/document",            api_org_document_put,   PERM_OFFICE,   false},
    {"PATCH",  "/api/v1/departments/{id}",                api_department_patch,   PERM_OFFICE,   false},
    {"DELETE", "/api/v1/departments/{id}",                api_department_delete,  PERM_OFFICE,   false},
    {"GET",    "/api/v1/departments/{id}/inbox",          api_inbox_get,          PERM_REPORTER, false},
    {"POST",   "/api/v1/notifications/{id}/read",         api_notification_read,  PERM_REPORTER, false},
    {"GET",    "/api/v1/plans/{id}",                      api_plan_get,           PERM_PUBLISHED, false},
    {"PATCH",  "/api/v1/plans/{id}",                      api_plan_patch,         PERM_OFFICE,   false},
    {"DELETE", "/api/v1/plans/{id}",                      api_plan_delete,        PERM_OFFICE,   false},
    {"GET",    "/api/v1/plans/{id}/measures",             api_plan_measures,      PERM_PUBLISHED, false},
    {"GET",    "/api/v1/plans/{id}/check",                api_plan_check,         PERM_MEMBER,   false},
    {"POST",   "/api/v1/plans/{id}/pillars",              api_pillar_post,        PERM_OFFICE,   false},
    {"PATCH",  "/api/v1/pillars/{id}",                    api_pillar_patch,       PERM_OFFICE,   false},
    {"DELETE", "/api/v1/pillars/{id}",                    api_pillar_delete,      PERM_OFFICE,   false},
    {"POST",   "/api/v1/pillars/{id}/themes",             api_theme_post,         PERM_OFFICE,   false},
    {"PATCH",  "/api/v1/themes/{id}",                     api_theme_patch,        PERM_OFFICE,   false},
    {"DELETE", "/api/v1/themes/{id}",                     api_theme_delete,       PERM_OFFICE,   false},
    {"POST",   "/api/v1/themes/{id}/measures",            api_measure_post,       PERM_OFFICE,   false},
    {"GET",    "/api/v1/measures/{id}",                   api_measure_get,        PERM_PUBLISHED, false},
    {"PATCH",  "/api/v1/measures/{id}",                   api_measure_patch,      PERM_REPORTER, false},
    {"DELETE", "/api/v1/measures/{id}",                   api_measure_delete,     PERM_OFFICE,   false},
    {"GET",    "/api/v1/measures/{id}/history",           api_measure_history,    PERM_MEMBER,   false},
    {"GET",    "/api/v1/audit",                           api_audit_list,         PERM_ADMIN,    false},
    {"POST",   "/api/v1/measures/{id}/kpis",              api_kpi_post,           PERM_OFFICE,   false},
    {"GET",    "/api/v1/kpis/{id}",                       api_kpi_get,            PERM_PUBLISHED, false},
    {"PATCH",  "/api/v1/kpis/{id}",                       api_kpi_patch,          PERM_OFFICE,   false},
    {"DELETE", "/api/v1/kpis/{id}",                       api_kpi_delete,         PERM_OFFICE,   false},
    {"POST",   "/api/v1/kpis/{id}/measurements",          api_measurement_post,   PERM_INGEST,   false},
    {"POST",   "/api/v1/plans/{id}/measurements.csv",     api_measurements_csv_post, PERM_INGEST, false},
    {"PATCH",  "/api/v1/measurements/{id}",               api_measurement_patch,  PERM_REPORTER, false},
    {"DELETE", "/api/v1/measurements/{id}",               api_measurement_delete, PERM_REPORTER, false},
    {"GET",    "/api/v1/plans/{id}/versions",             api_versions_list,      PERM_PUBLISHED,   false},
    {"POST",   "/api/v1/plans/{id}/versions",             api_version_post,       PERM_OFFICE,   false},
    {"GET",    "/api/v1/plans/{id}/compare",              api_plan_compare,       PERM_MEMBER,   false},
    {"GET",    "/api/v1/versions/{id}",                   api_version_get,        PERM_PUBLIC,   false},
    {"GET",    "/api/v1/plans/{id}/published",            api_plan_published,     PERM_PUBLIC,   false},
    {"GET",    "/api/v1/plans/{id}/rating-scale",         api_scale_get,          PERM_PUBLISHED,   false},
    {"PUT",    "/api/v1/plans/{id}/rating-scale",         api_scale_put,          PERM_OFFICE,   false},
    {"GET",    "/api/v1/plans/{id}/periods",              api_periods_list,       PERM_MEMBER,   false},
    {"POST",   "/api/v1/plans/{id}/periods",              api_period_post,        PERM_OFFICE,   false},
    {"GET",    "/api/v1/periods/{id}",                    api_period_get,         PERM_MEMBER,   false},
    {"POST",   "/api/v1/periods/{id}/close",              api_period_close,       PERM_OFFICE,   false},
    {"GET",    "/api/v1/periods/{id}/pack",               api_period_pack,        PERM_MEMBER,   false},
    {"GET",    "/api/v1/periods/{id}/measures/{mid}/review", api_review_get,      PERM_MEMBER,   false},
    {"PUT",    "/api/v1/periods/{id}/measures/{mid}/review", api_review_put,      PERM_REPORTER, false},
    {"POST",   "/api/v1/periods/{id}/measures/{mid}/review/send-back", api_review_send_back, PERM_OFFICE, false},
    {"POST",   "/api/v1/periods/{id}/measures/{mid}/review/confirm", api_review_confirm, PERM_OFFICE, false},
    {"POST",   "/api/v1/periods/{id}/measures/{mid}/review/decision", api_review_decide, PERM_DECIDE, false},
    {"POST",   "/api/v1/plans/{id}/published/measures/{key*}/feedback", api_feedback_post, PERM_PUBLIC, false},
    {"GET",    "/api/v1/plans/{id}/published/measures/{key*}/feedback", api_feedback_list, PERM_PUBLIC, false},
    {"GET",    "/api/v1/orgs/{code}/feedback",            api_org_feedback,       PERM_OFFICE,   false},
    {"POST",   "/api/v1/feedback/{id}/moderation",        api_feedback_moderation, PERM_OFFICE,  false},
    {"GET",    "/",                                       page_home,              PERM_PUBLIC,   false},
    {"GET",    "/orgs/{code}",                            page_org,               PERM_PUBLISHED,   false},
    {"GET",    "/orgs/{code}/bodies",                     page_org_bodies,        PERM_PUBLIC,   false},
    {"GET",    "/orgs/{code}/meetings",                   page_org_meetings,      PERM_PUBLIC,   false},
    {"GET",    "/bodies/{id}",                            page_body,              PERM_PUBLIC,   false},
    {"GET",    "/orgs/{code}/bodies/new",                 page_body_new,          PERM_OFFICE,   false},
    {"POST",   "/orgs/{code}/bodies/new",                 page_body_create,       PERM_OFFICE,   true},
    {"GET",    "/bodies/{id}/edit",                       page_body_edit,         PERM_OFFICE,   false},
    {"POST",   "/bodies/{id}/edit",                       page_body_update,       PERM_OFFICE,   true},
    {"POST",   "/bodies/{id}/delete",                     page_body_delete,       PERM_OFFICE,   true},
    {"GET",    "/bodies/{id}/meetings/new",               page_meeting_new,       PERM_OFFICE,   false},
    {"POST",   "/bodies/{id}/meetings/new",               page_meeting_create,    PERM_OFFICE,   true},
    {"GET",    "/meetings/{id}/edit",                     page_meeting_edit,      PERM_OFFICE,   false},
    {"POST",   "/meetings/{id}/edit",                     page_meeting_update,    PERM_OFFICE,   true},
    {"POST",   "/meetings/{id}/delete",                   page_meeting_delete,    PERM_OFFICE,   true},
    {"GET",    "/plans/{id}",                             page_plan,              PERM_PUBLISHED, false},
    {"GET",    "/plans/{id}/search",                      page_search,            PERM_PUBLISHED, false},
    {"GET",    "/plans/{id}/edit",                        page_plan_edit,         PERM_OFFICE,   false},
    {"POST",   "/plans/{id}/edit",                        page_plan_update,       PERM_OFFICE,   true},
    {"GET",    "/plans/{id}/structure",                   page_structure,         PERM_OFFICE,   false},
    {"GET",    "/plans/{id}/pillars/new",                 page_pillar_new,        PERM_OFFICE,   false},
    {"POST",   "/plans/{id}/pillars/new",                 page_pillar_create,     PERM_OFFICE,   true},
    {"GET",    "/pillars/{id}/edit",                      page_pillar_edit,       PERM_OFFICE,   false},
    {"POST",   "/pillars/{id}/edit",                      page_pillar_update,     PERM_OFFICE,   true},
    {"POST",   "/pillars/{id}/delete",                    page_pillar_delete,     PERM_OFFICE,   true},
    {"GET",    "/pillars/{id}/themes/new",                page_theme_new,         PERM_OFFICE,   false},
    {"POST",   "/pillars/{id}/themes/new",                page_theme_create,      PERM_OFFICE,   true},
    {"GET",    "/themes/{id}/edit",                       page_theme_edit,        PERM_OFFICE,   false},
    {"POST",   "/themes/{id}/edit",                       page_theme_update,      PERM_OFFICE,   true},
    {"POST",   "/themes/{id}/delete",                     page_theme_delete,      PERM_OFFICE,   true},
    {"GET",    "/themes/{id}/measures/new",               page_measure_new,       PERM_OFFICE,   false},
    {"POST",   "/themes/{id}/measures/new",               page_measure_create,    PERM_OFFICE,   true},
    {"GET",    "/measures/{id}",                          page_measure,           PERM_PUBLISHED, false},
    {"GET",    "/measures/{id}/history",                  page_measure_history,   PERM_MEMBER,   false},
    {"GET",    "/measures/{id}/edit",                     page_measure_edit,      PERM_REPORTER, false},
    {"POST",   "/measures/{id}/edit",                     page_measure_update,    PERM_REPORTER, true},
    {"GET",    "/kpis/{id}",                              page_kpi,               PERM_PUBLISHED, false},
    {"POST",   "/kpis/{id}/measurements",                 page_measurement_add,   PERM_REPORTER, true},
    {"GET",    "/measures/{id}/kpis",                     page_kpi_list,          PERM_OFFICE,   false},
    {"GET",    "/measures/{id}/kpis/new",                 page_kpi_new,           PERM_OFFICE,   false},
    {"POST",   "/measures/{id}/kpis/new",                 page_kpi_create,        PERM_OFFICE,   true},
    {"GET",    "/kpis/{id}/edit",                         page_kpi_edit,          PERM_OFFICE,   false},
    {"POST",   "/kpis/{id}/edit",                         page_kpi_update,        PERM_OFFICE,   true},
    {"POST",   "/kpis/{id}/delete",                       page_kpi_delete,        PERM_OFFICE,   true},
    {"POST",   "/kpis/{id}/move",                         page_kpi_move,          PERM_OFFICE,   true},
    {"GET",    "/plans/{id}/measurements/import",         page_measurement_import, PERM_OFFICE,  false},
    {"POST",   "/plans/{id}/measurements/import",         page_measurement_import_post, PERM_OFFICE, true},
    {"GET",    "/admin/tokens",                           page_tokens,            PERM_ADMIN,    false},
    {"POST",   "/admin/tokens",                           page_token_create,      PERM_ADMIN,    true},
    {"POST",   "/admin/tokens/{id}/revoke",               page_token_revoke,      PERM_ADMIN,    true},
    {"GET",    "/admin/users",                            page_users,             PERM_ADMIN,    false},
    {"POST",   "/admin/users",                            page_user_create,       PERM_ADMIN,    true},
    {"POST",   "/admin/users/{id}/disable",               page_user_disable,      PERM_ADMIN,    true},
    {"GET",    "/audit",                                  page_audit,             PERM_ADMIN,    false},
    {"GET",    "/plans/{id}/published",                   page_plan_published,    PERM_PUBLIC,   false},
    {"GET",    "/plans/{id}/published/measures/{key*}",   page_measure_published, PERM_PUBLIC,   false},
    {"POST",   "/plans/{id}/published/measures/{key*}/feedback", page_feedback_post, PERM_PUBLIC, true},
    {"GET",    "/orgs/{code}/feedback",                   page_feedback_queue,    PERM_OFFICE,   false},
    {"GET",    "/orgs/{code}/document/import",            page_document_import,   PERM_OFFICE,   false},
    {"POST",   "/orgs/{code}/document/import",            page_document_import_post, PERM_OFFICE, true},
    {"GET",    "/orgs/{code}/departments",                page_departments,       PERM_OFFICE,   false},
    {"POST",   "/orgs/{code}/departments",                page_department_add,    PERM_OFFICE,   true},
    {"GET",    "/departments/{id}/edit",                  page_department_edit,   PERM_OFFICE,   false},
    {"POST",   "/departments/{id}/edit",                  page_department_update, PERM_OFFICE,   true},
    {"POST",   "/departments/{id}/delete",                page_department_delete, PERM_OFFICE,   true},
    {"POST",   "/orgs/{code}/feedback/{id}",              page_feedback_moderate, PERM_OFFICE,   true},
    {"GET",    "/plans/{id}/versions",                    page_versions,          PERM_PUBLISHED,   false},
    {"POST",   "/plans/{id}/versions",                    page_version_publish,   PERM_OFFICE,   true},
    {"GET",    "/plans/{id}/compare",                     page_compare,           PERM_MEMBER,   false},
    {"GET",    "/plans/{id}/rating-scale",                page_scale,             PERM_OFFICE,   false},
    {"POST",   "/plans/{id}/rating-scale",                page_scale_post,        PERM_OFFICE,   true},
    {"GET",    "/plans/{id}/periods",                     page_periods,           PERM_MEMBER,   false},
    {"POST",   "/plans/{id}/periods",                     page_period_open,       PERM_OFFICE,   true},
    {"GET",    "/periods/{id}",                           page_period,            PERM_MEMBER,   false},
    {"POST",   "/periods/{id}/close",                     page_period_close,      PERM_OFFICE,   true},
    {"GET",    "/periods/{id}/pack",                      page_pack,              PERM_MEMBER,   false},
    {"GET",    "/periods/{id}/work",                      page_work,              PERM_MEMBER,   false},
    {"GET",    "/departments/{id}/inbox",                 page_inbox,             PERM_REPORTER, false},
    {"POST",   "/notifications/{id}/read",                page_notification_read, PERM_REPORTER, true},
    {"GET",    "/periods/{id}/measures/{mid}",            page_review,            PERM_MEMBER,   false},
    {"POST",   "/periods/{id}/measures/{mid}",            page_review_post,       PERM_MEMBER,   true},
    {"GET",    "/login",                                  page_login,             PERM_PUBLIC,   false},
    {"POST",   "/login",                                  page_login_post,        PERM_PUBLIC,   true},
    {"POST",   "/logout",                                 page_logout,            PERM_PUBLIC,   true},
    {"GET",    "/static/{name}",                          page_static,            PERM_PUBLIC,   false},
    {NULL, NULL, NULL, PERM_PUBLIC, false},
};

/* Matches path against pattern segment by segment; placeholders capture one segment, and a
 * placeholder ending in "*" (a measure's key, whose path has "/" in it) one or more: the rest of
 * the path but for the pattern's literal tail after it. */
static bool match(const char *pattern, const char *path, struct req *r) {
    int n = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        if (close && close[-1] == '*') {
            const char *tail = close + 1;
            size_t tail_len = strlen(tail), rest = strlen(s);
            if (rest <= tail_len || strcmp(s + rest - tail_len, tail) != 0 || n >= REQ_MAX_PARAMS ||
                s[rest - tail_len - 1] == '/')
                return false;
            r->params[n++] = arena_strndup(&r->arena, s, rest - tail_len);
            r->nparams = n;
            return true;
        }
        if (*p == '{') {
            const char *end = strchr(s, '/');
            size_t len = end ? (size_t)(end - s) : strlen(s);
            if (len == 0 || n >= REQ_MAX_PARAMS)
                return false;
            r->params[n++] = arena_strndup(&r->arena, s, len);
            s += len;
            p = strchr(p, '}') + 1;
        } else if (*p == *s) {
            p++, s++;
        } else {
            return false;
        }
    }
    if (*p || *s)
        return false;
    r->nparams = n;
    return true;
}

const struct route *route_match(struct req *r, bool *ret_path_known) {
    *ret_path_known = false;
    for (const struct route *rt = routes; rt->method; rt++) {
        if (!match(rt->pattern, r->path, r))
            continue;
        if (strcmp(rt->method, r->method) == 0 || (strcmp(r->method, "HEAD") == 0 && strcmp(rt->method, "GET") == 0))
            return rt;
        *ret_path_known = true;
    }
    r->nparams = 0;
    return NULL;
}

/* "GET, PATCH": the methods of the routes whose pattern matches the path (for 405's Allow). */
static const char *allowed_methods(struct req *r) {
    struct buf b = BUF_INIT;
    for (const struct route *rt = routes; rt->method; rt++)
        if (match(rt->pattern, r->path, r)) {
            if (b.len)
                buf_puts(&b, ", ");
            buf_puts(&b, rt->method);
            if (strcmp(rt->method, "GET") == 0)
                buf_puts(&b, ", HEAD");
        }
    r->nparams = 0;
    char *s = arena_strdup(&r->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* The csrf field of a signed-in form post: a urlencoded field or a multipart part. */
static const char *form_csrf(struct req *r) {
    if (r->parts) {
        const struct req_part *p = req_part(r, "csrf");
        return p && strlen(p->data) == p->len ? p->data : NULL;
    }
    return req_parse_form(r) == 0 ? req_form(r, "csrf") : NULL;
}

/* An ingestion route called with a Bearer API token: the token, not the cookie, authenticates
 * it (a browser cannot add an Authorization header to a cross-site request without CORS, which
 * kawaru does not allow). Other routes ignore Authorization, so a cookie there needs the token. */
static bool bearer_ingest(const struct req *r, const struct route *rt) {
    return rt->perm == PERM_INGEST && r->authorization && strncasecmp(r->authorization, "Bearer ", 7) == 0;
}

/* CSRF (issue 4): only a signed-in request has a session to ride on. A state-changing form
 * route needs the session's token in its csrf field; an API write carrying the session cookie
 * needs it in X-CSRF-Token, unless it is an ingestion call with a Bearer API token. Anonymous
 * requests (no cookie, or one of an ended session) are not checked. Replies 403 when refused. */
static bool csrf_passes(struct req *r, const struct route *rt) {
    if (!r->user)
        return true;
    if (req_is_api(r)) {
        if (strcmp(rt->method, "GET") == 0 || bearer_ingest(r, rt) || session_csrf_ok(r, r->csrf_header))
            return true;
        resp_error(r, 403, "csrf", "this write needs the session's X-CSRF-Token header", NULL);
        return false;
    }
    if (!rt->csrf || session_csrf_ok(r, form_csrf(r)))
        return true;
    page_forbidden(r, PAGE_FORBIDDEN_CSRF);
    return false;
}

void http_handle(struct req *r) {
    bool known;
    const struct route *rt = route_match(r, &known);
    if (!rt) {
        if (known) {
            resp_error(r, 405, "method_not_allowed", "this method is not allowed on this resource", NULL);
            resp_header(r, "Allow", allowed_methods(r));
        }
        else if (req_is_api(r))
            resp_error(r, 404, "not_found", "no such resource", NULL);
        else
            page_not_found(r);
        return;
    }
    if (!csrf_passes(r, rt))
        return;
    bool read_only = strcmp(rt->method, "GET") == 0;
    if (read_only) {
        db_read_begin(r->db);
        buf_reserve(&r->out, 16 * 1024);        /* pages and lists: no copying as the body grows */
    }
    else
        db_read_release(r->db);                 /* a write reads the newest data */
    if (authz_passes(r, rt))
        rt->handler(r);
    if (read_only)
        db_read_end(r->db);
}
