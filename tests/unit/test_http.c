/* Tests src/http (routes.c, req.c) via the in-process runner: API replies, errors, HTML, url_parse_pairs;
 * and the validators of src/server/cache.c (ETag, Last-Modified: when a GET is answered 304). */
#include "testutil.h"

#include <jansson.h>
#include "http/req.h"
#include "server/cache.h"
#include "server/routes.h"
#include "store/store_user.h"

/* The requests of these tests are an admin's (who may do and read everything; the rules of
 * who may do what are test_authz.c's), with a matching CSRF token. */
static const struct session_user test_admin = {.id = 1, .org_id = 1, .login = "test-admin",
                                               .display_name = "Test", .role = "admin"};

static void sign_in(struct req *r) {
    r->user = &test_admin;
    r->csrf_token = r->csrf_header = "test-csrf";
}

/* Runs one request against db; the caller checks r and calls req_free. */
static void run(struct req *r, struct db *db, const char *method, const char *path) {
    req_init(r, db, method, path);
    sign_in(r);
    http_handle(r);
}

static void run_body(struct req *r, struct db *db, const char *method, const char *path, const char *body) {
    req_init(r, db, method, path);
    sign_in(r);
    r->body = body;
    r->body_len = body ? strlen(body) : 0;
    r->content_type = "application/json";
    http_handle(r);
}

/* The response body as JSON (fails the test if it is not); caller decrefs. */
static json_t *body_json(const struct req *r) {
    json_error_t e;
    json_t *v = json_loadb(r->out.data ? r->out.data : "", r->out.len, 0, &e);
    if (!v)
        fail_msg("%s %s: body is not JSON (%s): %.200s", r->method, r->path, e.text, buf_cstr(&r->out));
    return v;
}

static void assert_json_response(const struct req *r, int status) {
    if (r->status != status)
        fail_msg("%s %s: status %d, expected %d: %.300s", r->method, r->path, r->status, status, buf_cstr(&r->out));
    assert_non_null(r->content_type_out);
    assert_non_null(strstr(r->content_type_out, "application/json"));
}

/* Checks an error body {"error":{"code":code,"message":...}}. */
static void assert_error(const struct req *r, int status, const char *code) {
    assert_json_response(r, status);
    json_t *v = body_json(r);
    json_t *err = json_object_get(v, "error");
    assert_true(json_is_object(err));
    assert_string_equal(json_string_value(json_object_get(err, "code")), code);
    assert_true(json_is_string(json_object_get(err, "message")));
    json_decref(v);
}

/* ---- reads */

static void test_orgs_list(void **state) {
    struct tu_demo *d = *state;
    struct req r;
    run(&r, d->db, "GET", "/api/v1/orgs");
    assert_json_response(&r, 200);
    json_t *v = body_json(&r);
    json_t *items = json_object_get(v, "items");
    assert_int_equal(json_array_size(items), 2);
    assert_int_equal(json_integer_value(json_object_get(v, "total")), 2);
    bool gotsu = false;
    for (size_t i = 0; i < json_array_size(items); i++) {
        json_t *o = json_array_get(items, i);
        if (strcmp(json_string_value(json_object_get(o, "code")), "322075") == 0) {
            assert_string_equal(json_string_value(json_object_get(o, "name")), "江津市");
            assert_string_equal(json_string_value(json_object_get(o, "prefecture")), "島根県");
            gotsu = true;
        }
    }
    assert_true(gotsu);
    json_decref(v);
    req_free(&r);
}

static void test_plans_and_measure_search(void **state) {
    struct tu_demo *d = *state;
    struct req r;
    run(&r, d->db, "GET", "/api/v1/orgs/322075/plans");
    assert_json_response(&r, 200);
    json_t *v = body_json(&r);
    json_t *plan = json_array_get(json_object_get(v, "items"), 0);
    assert_int_equal(json_integer_value(json_object_get(plan, "id")), tu_plan_id(d->db, "322075"));
    assert_int_equal(json_integer_value(json_object_get(plan, "measures")), 30);
    json_decref(v);
    req_free(&r);

    char path[64];
    snprintf(path, sizeof path, "/api/v1/plans/%lld/measures", (long long)tu_plan_id(d->db, "322075"));
    req_init(&r, d->db, "GET", path);
    sign_in(&r);
    r.query[0] = (struct kv){"q", "窓口"};
    r.nquery = 1;
    http_handle(&r);
    assert_json_response(&r, 200);
    v = body_json(&r);
    size_t total = (size_t)json_integer_value(json_object_get(v, "total"));
    assert_true(total >= 3);
    assert_int_equal(json_array_size(json_object_get(v, "items")), total);
    json_t *first = json_array_get(json_object_get(v, "items"), 0);
    assert_true(json_integer_value(json_object_get(first, "id")) > 0);
    json_decref(v);
    req_free(&r);

    run(&r, d->db, "GET", "/api/v1/orgs/999999/plans");
    assert_error(&r, 404, "not_found");
    req_free(&r);
}

static void test_not_found_and_method_not_allowed(void **state) {
    struct tu_demo *d = *state;
    struct req r;
    run(&r, d->db, "GET", "/api/v1/measures/999999");
    assert_error(&r, 404, "not_found");
    req_free(&r);

    static const char *const bad_ids[] = {"/api/v1/measures/abc", "/api/v1/measures/0", "/api/v1/measures/-1",
                                          "/api/v1/measures/1x", "/api/v1/measures/99999999999999999999"};
    for (size_t i = 0; i < sizeof bad_ids / sizeof bad_ids[0]; i++) {
        run(&r, d->db, "GET", bad_ids[i]);
        assert_error(&r, 404, "not_found");
        req_free(&r);
    }

    run(&r, d->db, "DELETE", "/api/v1/orgs");
    assert_error(&r, 405, "method_not_allowed");
    req_free(&r);

    run(&r, d->db, "GET", "/api/v1/no/such/thing");
    assert_error(&r, 404, "not_found");
    req_free(&r);
}

/* One error reply: a page gets an HTML page of the status in the reader's language, the API
 * JSON; one mapping of store results to statuses (resp_store_error). */
static void test_one_error_reply(void **state) {
    struct tu_demo *d = *state;
    struct req r;
    run(&r, d->db, "DELETE", "/plans/1");                /* a page: 405 as a page, with Allow */
    assert_int_equal(r.status, 405);
    assert_non_null(strstr(r.content_type_out, "text/html"));
    assert_non_null(strstr(buf_cstr(&r.out), "この操作はできません"));
    bool allow = false;
    for (int i = 0; i < r.nheaders; i++)
        allow |= strcmp(r.headers[i].key, "Allow") == 0 && strstr(r.headers[i].value, "GET");
    assert_true(allow);
    req_free(&r);

    static const struct { int rc, status; const char *code, *page; } map[] = {
        {KW_EINVAL, 422, "invalid", "リクエストを処理できません"},
        {KW_ENOTFOUND, 404, "not_found", "ページが見つかりません"},
        {KW_ECONFLICT, 409, "conflict", "ほかの内容と矛盾します"},
        {KW_EPERM, 403, "forbidden", "権限がありません"},
        {KW_ETOOBIG, 413, "too_large", "リクエストを処理できません"},
        {KW_EBUSY, 503, "busy", "ただいま混み合っています"},
        {KW_EDB, 500, "internal", "エラーが発生しました"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        req_init(&r, d->db, "POST", "/api/v1/orgs");
        resp_store_error(&r, map[i].rc, NULL, NULL);
        assert_error(&r, map[i].status, map[i].code);
        bool retry = false;
        for (int j = 0; j < r.nheaders; j++)
            retry |= strcmp(r.headers[j].key, "Retry-After") == 0;
        assert_true(retry == (map[i].rc == KW_EBUSY));
        req_free(&r);
        req_init(&r, d->db, "POST", "/plans/1/edit");
        resp_store_error(&r, map[i].rc, NULL, NULL);
        assert_int_equal(r.status, map[i].status);
        assert_non_null(strstr(r.content_type_out, "text/html"));
        if (!strstr(buf_cstr(&r.out), map[i].page))
            fail_msg("%d: the page lacks %s", map[i].status, map[i].page);
        req_free(&r);
    }
}

static void test_measure_and_kpi_get(void **state) {
    struct tu_demo *d = *state;
    int64_t plan = tu_plan_id(d->db, "322075"), mid;
    assert_int_equal(store_measure_id_by_key(d->db, plan, "3-2-1", &mid), 0);
    char path[64];
    snprintf(path, sizeof path, "/api/v1/measures/%lld", (long long)mid);
    struct req r;
    run(&r, d->db, "GET", path);
    assert_json_response(&r, 200);
    json_t *v = body_json(&r);
    assert_int_equal(json_integer_value(json_object_get(v, "id")), mid);
    assert_string_equal(json_string_value(json_object_get(v, "code")), "3-2-1");
    assert_string_equal(json_string_value(json_object_get(json_object_get(v, "org"), "code")), "322075");
    json_t *kpi = json_array_get(json_object_get(v, "kpis"), 0);
    int64_t kid = json_integer_value(json_object_get(kpi, "id"));
    assert_true(kid > 0);
    json_decref(v);
    req_free(&r);

    snprintf(path, sizeof path, "/api/v1/kpis/%lld", (long long)kid);
    run(&r, d->db, "GET", path);
    assert_json_response(&r, 200);
    v = body_json(&r);
    assert_int_equal(json_integer_value(json_object_get(v, "measure_id")), mid);
    json_t *ms = json_object_get(v, "measurements");
    assert_int_equal(json_array_size(ms), 1);
    assert_double_near(json_number_value(json_object_get(json_array_get(ms, 0), "value")), 7, 0);
    json_t *derived = json_object_get(v, "derived");
    assert_true(json_is_object(derived));
    assert_double_near(json_number_value(json_object_get(derived, "latest")), 7, 0);
    assert_double_near(json_number_value(json_object_get(derived, "achievement")), 0.07, 1e-12);
    json_decref(v);
    req_free(&r);
}

/* ---- HTML */

static void test_home_page(void **state) {
    struct tu_demo *d = *state;
    struct req r;
    run(&r, d->db, "GET", "/");
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.content_type_out, "text/html"));
    const char *html = buf_cstr(&r.out);
    assert_non_null(strstr(html, "<!DOCTYPE html>"));
    assert_non_null(strstr(html, "江津市"));
    assert_non_null(strstr(html, "印西市"));
    assert_non_null(strstr(html, "href=\"/orgs/322075\""));
    req_free(&r);
}

/* The request path is echoed in the page (language link); it must come out escaped. */
static void test_not_found_page_escapes_path(void **state) {
    struct tu_demo *d = *state;
    struct req r;
    run(&r, d->db, "GET", "/nope/\"><script>alert('x')</script>");
    assert_int_equal(r.status, 404);
    assert_non_null(strstr(r.content_type_out, "text/html"));
    const char *html = buf_cstr(&r.out);
    assert_null(strstr(html, "<script>"));
    assert_null(strstr(html, "\"><script"));
    /* the language link carries the path percent-encoded */
    assert_non_null(strstr(html, "/nope/%22%3E%3Cscript%3Ealert%28%27x%27%29%3C/script%3E"));
    req_free(&r);
}

/* An organisation whose name is markup is shown as text on the home page. */
static void test_home_page_escapes_names(void **state) {
    char *dir = tu_mkdtemp();
    struct db *db = tu_open_db(dir);
    const char *doc =
        "{\"format\":\"kawaru-plan/1\",\"org\":{\"code\":\"130001\",\"name\":\"<b>東京&\\\"都'</b>\"},"
        "\"plans\":[{\"title\":\"<i>計画</i>\",\"kind\":\"strategy\",\"pillars\":[]}]}";
    struct import_source src = {"x.json", doc, strlen(doc)};
    assert_int_equal(import_documents(db, &src, 1, false, &tu_actor, stderr), 0);
    struct req r;
    run(&r, db, "GET", "/");
    assert_int_equal(r.status, 200);
    const char *html = buf_cstr(&r.out);
    assert_null(strstr(html, "<b>"));
    assert_null(strstr(html, "<i>"));
    assert_non_null(strstr(html, "&lt;b&gt;東京&amp;&quot;都&#39;&lt;/b&gt;"));
    assert_non_null(strstr(html, "&lt;i&gt;計画&lt;/i&gt;"));
    req_free(&r);
    tu_close_db(db, dir);
}

/* ---- writes */

static int64_t count_measurements(struct db *db) { return tu_sql_int(db, "SELECT count(*) FROM kpi_measurement"); }
static int64_t count_audit(struct db *db) { return tu_sql_int(db, "SELECT count(*) FROM audit"); }

static void test_measurement_post_bad_bodies(void **state) {
    struct tu_demo *d = *state;
    int64_t kid = tu_sql_int(d->db, "SELECT min(id) FROM kpi");
    char path[64];
    snprintf(path, sizeof path, "/api/v1/kpis/%lld/measurements", (long long)kid);
    int64_t n0 = count_measurements(d->db), a0 = count_audit(d->db);

    static const struct { const char *body; int status; const char *field; } cases[] = {
        {NULL, 400, NULL},
        {"", 400, NULL},
        {"not json", 400, NULL},
        {"{\"period\":\"2025-03-31\",", 400, NULL},
        {"{\"period\":\"2024-02-30\",\"value\":1}", 422, "period"},
        {"{\"period\":\"2025/03/31\",\"value\":1}", 422, "period"},
        {"{\"value\":1}", 422, "period"},
        {"{\"period\":\"2025-03-31\",\"value\":\"12\"}", 422, "value"},
        {"{\"period\":\"2025-03-31\"}", 422, "value"},
        {"{\"period\":\"2025-03-31\",\"value\":1,\"note\":5}", 422, "note"},
        {"[1,2]", 422, NULL},
        /* a batch with one bad entry writes none of them */
        {"{\"measurements\":[{\"period\":\"2025-03-31\",\"value\":1},{\"period\":\"2025-13-01\",\"value\":2}]}",
         422, "measurements[1].period"},
        {"{\"measurements\":[]}", 422, "measurements"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct req r;
        run_body(&r, d->db, "POST", path, cases[i].body);
        if (r.status != cases[i].status)
            fail_msg("body %s: status %d, expected %d: %s", cases[i].body ? cases[i].body : "(none)", r.status,
                     cases[i].status, buf_cstr(&r.out));
        json_t *v = body_json(&r);
        json_t *err = json_object_get(v, "error");
        assert_true(json_is_object(err));
        if (cases[i].field) {
            const char *field = json_string_value(json_object_get(err, "field"));
            if (!field || strcmp(field, cases[i].field) != 0)
                fail_msg("body %s: field %s, expected %s", cases[i].body, field ? field : "(none)", cases[i].field);
        }
        json_decref(v);
        req_free(&r);
        assert_int_equal(count_measurements(d->db), n0);
        assert_int_equal(count_audit(d->db), a0);
        assert_false(db_in_transaction(d->db));
    }
}

static void test_measurement_post_writes(void **state) {
    struct tu_demo *d = *state;
    int64_t kid = tu_sql_int(d->db, "SELECT min(id) FROM kpi");
    char path[64];
    snprintf(path, sizeof path, "/api/v1/kpis/%lld/measurements", (long long)kid);
    int64_t n0 = count_measurements(d->db);
    struct req r;
    run_body(&r, d->db, "POST", path, "{\"period\":\"2025-03-31\",\"value\":12.5,\"note\":\"<ok>\"}");
    assert_json_response(&r, 201);
    json_t *v = body_json(&r);
    json_t *item = json_array_get(json_object_get(v, "items"), 0);
    assert_true(json_integer_value(json_object_get(item, "id")) > 0);
    assert_double_near(json_number_value(json_object_get(item, "value")), 12.5, 0);
    json_decref(v);
    req_free(&r);
    assert_int_equal(count_measurements(d->db), n0 + 1);

    /* a good body for a KPI that does not exist */
    run_body(&r, d->db, "POST", "/api/v1/kpis/999999/measurements", "{\"period\":\"2025-03-31\",\"value\":1}");
    assert_error(&r, 404, "not_found");
    req_free(&r);
    assert_int_equal(count_measurements(d->db), n0 + 1);
}

/* ---- url_parse_pairs */

static void test_url_parse_pairs(void **state) {
    struct arena a = ARENA_INIT;
    struct kv kv[8];
    const char *s = "a=1&b=%E7%AA%93%E5%8F%A3&c=";
    assert_int_equal(url_parse_pairs(&a, s, strlen(s), kv, 8), 3);
    assert_string_equal(kv[0].key, "a");
    assert_string_equal(kv[0].value, "1");
    assert_string_equal(kv[1].key, "b");
    assert_string_equal(kv[1].value, "窓口");
    assert_string_equal(kv[2].key, "c");
    assert_string_equal(kv[2].value, "");

    s = "q=%e7%aa%93+%E5%8F%A3&flag&&x=a%2Bb%3D";
    assert_int_equal(url_parse_pairs(&a, s, strlen(s), kv, 8), 3);
    assert_string_equal(kv[0].value, "窓 口");            /* lower-case hex, '+' is a space */
    assert_string_equal(kv[1].key, "flag");
    assert_string_equal(kv[1].value, "");
    assert_string_equal(kv[2].value, "a+b=");

    /* only len bytes are read */
    s = "a=1&b=2";
    assert_int_equal(url_parse_pairs(&a, s, 3, kv, 8), 1);
    assert_string_equal(kv[0].value, "1");
    assert_int_equal(url_parse_pairs(&a, "", 0, kv, 8), 0);
    arena_free(&a);
}

static void test_url_parse_pairs_malformed(void **state) {
    struct arena a = ARENA_INIT;
    struct kv kv[4];
    static const char *const bad[] = {
        "a=%zz", "a=%E7", "a=%E7%AA", "a=%", "a=%4", "%zz=1", "a=%00", "a=%C0%AF", "a=%ED%A0%80", "a=1&b=%FF",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int n = url_parse_pairs(&a, bad[i], strlen(bad[i]), kv, 4);
        if (n != -1)
            fail_msg("url_parse_pairs(\"%s\") = %d, expected -1", bad[i], n);
    }
    /* a %XX escape cut by len is malformed even when hex digits follow in memory */
    assert_int_equal(url_parse_pairs(&a, "a=%41", 4, kv, 4), -1);
    assert_int_equal(url_parse_pairs(&a, "a=%41", 5, kv, 4), 1);
    assert_string_equal(kv[0].value, "A");
    /* more pairs than room */
    const char *s = "a=1&b=2&c=3&d=4&e=5";
    assert_int_equal(url_parse_pairs(&a, s, strlen(s), kv, 4), -1);
    arena_free(&a);
}

static void test_not_modified(void **state) {
    (void)state;
    char date[40];
    cache_http_date(1764921600, date, sizeof date);          /* 2025-12-05T08:00:00Z */
    assert_string_equal(date, "Fri, 05 Dec 2025 08:00:00 GMT");
    /* If-None-Match decides alone when it is sent */
    assert_true(cache_not_modified("\"ab\"", NULL, "\"ab\"", NULL));
    assert_false(cache_not_modified("\"ab\"", date, "\"cd\"", date));
    /* otherwise If-Modified-Since, not earlier than Last-Modified */
    assert_true(cache_not_modified(NULL, date, "\"cd\"", date));
    assert_true(cache_not_modified(NULL, "Sat, 06 Dec 2025 00:00:00 GMT", "\"cd\"", date));
    assert_false(cache_not_modified(NULL, "Fri, 05 Dec 2025 07:59:59 GMT", "\"cd\"", date));
    assert_false(cache_not_modified(NULL, date, "\"cd\"", NULL));        /* the response has no Last-Modified */
    assert_false(cache_not_modified(NULL, "yesterday", "\"cd\"", date));
    assert_false(cache_not_modified(NULL, "Fri, 05 Foo 2025 08:00:00 GMT", "\"cd\"", date));
    assert_false(cache_not_modified(NULL, NULL, "\"cd\"", date));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_orgs_list, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_plans_and_measure_search, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_not_found_and_method_not_allowed, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_measure_and_kpi_get, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_home_page, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_not_found_page_escapes_path, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test(test_home_page_escapes_names),
        cmocka_unit_test_setup_teardown(test_measurement_post_bad_bodies, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_measurement_post_writes, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_one_error_reply, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test(test_url_parse_pairs),
        cmocka_unit_test(test_url_parse_pairs_malformed),
        cmocka_unit_test(test_not_modified),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
