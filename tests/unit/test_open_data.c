/* Tests the open data catalogue's row counts (xfer/open_data.c, migration 25): the counts stored
 * with each published version equal the rows of the tables built from the published snapshots;
 * versions stored without counts are indexed by version_index_missing, and the catalogue counts
 * them from their snapshots meanwhile. */
#include "testutil.h"

#include <string.h>
#include "xfer/open_data.h"
#include "xfer/versions.h"

/* The rows of org's tables counted the slow way: its published plans loaded and built. */
static void rows_built(struct db *db, struct arena *a, const char *code, size_t rows[OD_N_TABLES]) {
    struct org o;
    struct open_data od;
    assert_int_equal(store_org_by_code(db, a, code, &o), 0);
    assert_int_equal(open_data_load(db, a, &o, &od), 0);
    assert_true(od.n_plans > 0);
    for (int t = 0; t < OD_N_TABLES; t++) {
        struct sheet s;
        open_data_sheet(&od, a, (enum open_data_table)t, "", &s);
        rows[t] = s.n_rows;
    }
}

static const struct open_data_entry *entry(const struct open_data_entry *v, size_t n, const char *code) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].org.code, code) == 0)
            return &v[i];
    return NULL;
}

static void check_catalogue(struct db *db, struct arena *a) {
    struct open_data_entry *v;
    size_t n;
    int64_t total;
    assert_int_equal(open_data_catalogue(db, a, NULL, 100, 0, &v, &n, &total), 0);
    assert_int_equal(total, 2);                   /* both demo cities publish */
    assert_int_equal(n, 2);
    const struct open_data_entry *e = entry(v, n, "322075");
    assert_non_null(e);
    size_t built[OD_N_TABLES];
    rows_built(db, a, "322075", built);
    for (int t = 0; t < OD_N_TABLES; t++)
        assert_int_equal(e->rows[t], built[t]);
    assert_true(built[OD_MEASURES] >= 30 && built[OD_KPIS] > 0);     /* not all zero */
    assert_non_null(e->updated);
    assert_true(e->updated_time > 0);
}

static void test_counts_stored_at_publish(void **state) {
    struct tu_demo *d = *state;
    struct arena a = ARENA_INIT;
    size_t counted = 99;
    assert_int_equal(version_index_missing(d->db, &counted), 0);
    assert_int_equal(counted, 0);                 /* every version was counted when stored */
    check_catalogue(d->db, &a);
    arena_free(&a);
}

static void test_versions_without_counts(void **state) {
    struct tu_demo *d = *state;
    struct arena a = ARENA_INIT;
    /* as a database migrated from before migration 25 has them */
    tu_sql_exec(d->db, "UPDATE plan_version SET rows_measures = NULL, rows_kpis = NULL, rows_measurements = NULL");
    check_catalogue(d->db, &a);                   /* counted from the snapshots meanwhile */
    size_t counted = 0;
    assert_int_equal(version_index_missing(d->db, &counted), 0);
    assert_true(counted >= 1);
    assert_int_equal(version_index_missing(d->db, &counted), 0);
    assert_int_equal(counted, 0);                 /* once */
    check_catalogue(d->db, &a);
    arena_free(&a);
}

/* A page of the catalogue, and a prefecture's. */
static void test_catalogue_pages(void **state) {
    struct tu_demo *d = *state;
    struct arena a = ARENA_INIT;
    struct open_data_entry *v;
    size_t n;
    int64_t total;
    assert_int_equal(open_data_catalogue(d->db, &a, NULL, 1, 1, &v, &n, &total), 0);
    assert_true(n == 1 && total == 2);
    assert_string_equal(v[0].org.code, "322075");   /* by code: 122319, then 322075 */
    assert_int_equal(open_data_catalogue(d->db, &a, "島根県", 100, 0, &v, &n, &total), 0);
    assert_true(n == 1 && total == 1);
    assert_string_equal(v[0].org.code, "322075");
    assert_true(v[0].rows[OD_MEASURES] >= 30);
    assert_int_equal(open_data_catalogue(d->db, &a, "北海道", 100, 0, &v, &n, &total), 0);
    assert_true(n == 0 && total == 0);
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_counts_stored_at_publish, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_versions_without_counts, tu_demo_setup, tu_demo_teardown),
        cmocka_unit_test_setup_teardown(test_catalogue_pages, tu_demo_setup, tu_demo_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
