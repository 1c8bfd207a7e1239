/* Tests src/http/authz.c on the demo data, in-process: the scope of a path's resource, each
 * role against each permission, a reporter's departments, another organisation's users, and
 * what the handler is told about drafts. The HTTP matrix over the whole route table is
 * tests/api/authz_matrix.test.js. */
#include "testutil.h"

#include "http/authz.h"
#include "server/gate.h"
#include "http/req.h"
#include "store/store_user.h"

struct who { const char *role; const char *org; const char *dept; };

/* A request for method and path, signed in as w (NULL: anonymous), routed and authorised. */
static bool passes(struct db *db, const struct who *w, const char *method, const char *path, int *status,
                   bool *drafts) {
    static struct session_user u;
    static int64_t dept;
    struct req r;
    req_init(&r, db, method, path);
    if (w) {
        char sql[200];
        snprintf(sql, sizeof sql, "SELECT id FROM org WHERE code = '%s'", w->org);
        u = (struct session_user){.id = 99, .org_id = tu_sql_int(db, sql), .login = "t", .display_name = "t",
                                  .role = (char *)w->role};
        if (w->dept) {
            snprintf(sql, sizeof sql, "SELECT id FROM department WHERE code = '%s'", w->dept);
            dept = tu_sql_int(db, sql);
            u.dept_ids = &dept;
            u.ndepts = 1;
        }
        r.user = &u;
    }
    bool known;
    const struct route *rt = route_match(&r, &known);
    assert_non_null(rt);
    bool ok = authz_passes(&r, rt);
    *status = r.status;
    if (drafts)
        *drafts = r.sees_drafts;
    req_free(&r);
    return ok;
}

static const struct who viewer = {"viewer", "322075", NULL}, office = {"office", "322075", NULL},
                        admin = {"admin", "122319", NULL}, reporter = {"reporter", "322075", "madoguchi"},
                        other = {"office", "122319", NULL};

static char *measure_url(struct db *db, const char *fmt, bool madoguchi) {
    static char path[128];
    int64_t id = tu_sql_int(db, madoguchi
        ? "SELECT md.measure_id FROM measure_department md JOIN department d ON d.id = md.department_id "
          "WHERE d.code = 'madoguchi' LIMIT 1"
        : "SELECT m.id FROM measure m JOIN plan p ON p.id = m.plan_id JOIN org o ON o.id = p.org_id WHERE o.code = "
          "'322075' AND m.id NOT IN (SELECT measure_id FROM measure_department md JOIN department d ON "
          "d.id = md.department_id WHERE d.code = 'madoguchi') LIMIT 1");
    snprintf(path, sizeof path, fmt, (long long)id);
    return path;
}

static void test_anonymous(void **state) {
    struct tu_demo *d = *state;
    int status;
    bool drafts = true;
    char path[64];
    snprintf(path, sizeof path, "/api/v1/plans/%lld/periods", (long long)tu_plan_id(d->db, "322075"));
    assert_false(passes(d->db, NULL, "GET", path, &status, NULL));
    assert_int_equal(status, 401);
    snprintf(path, sizeof path, "/api/v1/plans/%lld", (long long)tu_plan_id(d->db, "322075"));
    assert_true(passes(d->db, NULL, "GET", path, &status, &drafts));
    assert_false(drafts);                         /* the public reads the published version */
    assert_true(passes(d->db, NULL, "GET", "/", &status, NULL));
}

static void test_members_read_drafts_others_do_not(void **state) {
    struct tu_demo *d = *state;
    int status;
    bool drafts;
    char path[64];
    snprintf(path, sizeof path, "/api/v1/plans/%lld", (long long)tu_plan_id(d->db, "322075"));
    assert_true(passes(d->db, &viewer, "GET", path, &status, &drafts));
    assert_true(drafts);
    assert_true(passes(d->db, &other, "GET", path, &status, &drafts));
    assert_false(drafts);
    assert_true(passes(d->db, &admin, "GET", path, &status, &drafts));
    assert_true(drafts);                          /* an admin of any organisation */
    snprintf(path, sizeof path, "/api/v1/plans/%lld/periods", (long long)tu_plan_id(d->db, "322075"));
    assert_false(passes(d->db, &other, "GET", path, &status, NULL));
    assert_int_equal(status, 403);
    assert_true(passes(d->db, &viewer, "GET", path, &status, NULL));
}

static void test_reporter_only_on_its_departments_measures(void **state) {
    struct tu_demo *d = *state;
    int status;
    assert_true(passes(d->db, &reporter, "PATCH", measure_url(d->db, "/api/v1/measures/%lld", true), &status, NULL));
    assert_false(passes(d->db, &reporter, "PATCH", measure_url(d->db, "/api/v1/measures/%lld", false), &status, NULL));
    assert_int_equal(status, 403);
    assert_false(passes(d->db, &viewer, "PATCH", measure_url(d->db, "/api/v1/measures/%lld", true), &status, NULL));
    assert_true(passes(d->db, &office, "PATCH", measure_url(d->db, "/api/v1/measures/%lld", false), &status, NULL));
    assert_false(passes(d->db, &other, "PATCH", measure_url(d->db, "/api/v1/measures/%lld", true), &status, NULL));
    /* deleting a measure is the office's, even on the reporter's own */
    assert_false(passes(d->db, &reporter, "DELETE", measure_url(d->db, "/api/v1/measures/%lld", true), &status, NULL));
}

static void test_admin_only_and_unknown_resources(void **state) {
    struct tu_demo *d = *state;
    int status;
    assert_false(passes(d->db, &office, "GET", "/api/v1/audit", &status, NULL));
    assert_int_equal(status, 403);
    assert_true(passes(d->db, &admin, "GET", "/api/v1/audit", &status, NULL));
    assert_false(passes(d->db, &office, "PATCH", "/api/v1/measures/987654", &status, NULL));
    assert_int_equal(status, 404);
    assert_false(passes(d->db, &office, "GET", "/admin/users", &status, NULL));
    assert_int_equal(status, 403);                /* a page: the 403 page */
}

/* A route that declares no resource, or one its path cannot name, is refused whoever asks: an
 * admin on a public route too (403, never allowed). */
static void test_undeclared_scope_fails_closed(void **state) {
    struct tu_demo *d = *state;
    static struct session_user u = {.id = 99, .login = "t", .display_name = "t", .role = "admin"};
    const struct route undeclared = {"GET", "/api/v1/orgs/{code}", SCOPE_UNDECLARED, NULL, PERM_PUBLIC, false};
    const struct route unnamed = {"GET", "/api/v1/orgs", SCOPE_MEASURE, NULL, PERM_PUBLIC, false};
    const struct route declared = {"GET", "/api/v1/orgs/{code}", SCOPE_ORG, NULL, PERM_PUBLIC, false};
    for (int signed_in = 0; signed_in < 2; signed_in++) {
        struct req r;
        req_init(&r, d->db, "GET", "/api/v1/orgs/322075");
        r.user = signed_in ? &u : NULL;
        bool known;
        assert_non_null(route_match(&r, &known));     /* fills r.params */
        assert_false(authz_passes(&r, &undeclared));
        assert_int_equal(r.status, 403);
        req_free(&r);
        req_init(&r, d->db, "GET", "/api/v1/orgs");
        r.user = signed_in ? &u : NULL;
        assert_false(authz_passes(&r, &unnamed));
        assert_int_equal(r.status, 403);
        req_free(&r);
        req_init(&r, d->db, "GET", "/api/v1/orgs/322075");
        r.user = signed_in ? &u : NULL;
        assert_non_null(route_match(&r, &known));
        assert_true(authz_passes(&r, &declared));
        req_free(&r);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_anonymous, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_members_read_drafts_others_do_not, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_reporter_only_on_its_departments_measures, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_admin_only_and_unknown_resources, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_undeclared_scope_fails_closed, tu_demo_setup, tu_demo_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
