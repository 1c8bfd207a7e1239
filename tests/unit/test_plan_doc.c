/* Tests src/xfer plan_import.c/plan_export.c: demo facts, error paths, export round trip. */
#include "testutil.h"

#include <jansson.h>
#include "xfer/plan_doc.h"

/* ---- helpers */

static const struct measure *find_measure(const struct plan *p, const char *code) {
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            for (size_t k = 0; k < p->pillars[i].themes[j].n_measures; k++)
                if (strcmp(p->pillars[i].themes[j].measures[k].code, code) == 0)
                    return &p->pillars[i].themes[j].measures[k];
    fail_msg("no measure %s", code);
    return NULL;
}

static const struct kpi *find_kpi(const struct plan *p, const char *name) {
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            for (size_t k = 0; k < p->pillars[i].themes[j].n_measures; k++) {
                const struct measure *m = &p->pillars[i].themes[j].measures[k];
                for (size_t x = 0; x < m->n_kpis; x++)
                    if (m->kpis[x].name && strstr(m->kpis[x].name, name))
                        return &m->kpis[x];
            }
    fail_msg("no KPI named like %s", name);
    return NULL;
}

static size_t count_measures(const struct plan *p) {
    size_t n = 0;
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            n += p->pillars[i].themes[j].n_measures;
    return n;
}

/* Parses a demo document into doc (allocated in a); fails the test on any error. */
static void parse_demo(const char *rel, struct arena *a, struct org_doc *doc) {
    size_t len;
    char *text = tu_read_source(rel, &len);
    struct doc_errors errs;
    int rc = plan_doc_parse(text, len, a, doc, &errs);
    if (rc != 0)
        fail_msg("%s: %s: %s", rel, errs.n ? errs.items[0].path : "", errs.n ? errs.items[0].message : "");
    assert_int_equal(errs.total, 0);
    free(text);
}

/* The seed's heading of a way of carrying out (印西市's 主な施策). */
static const char *tr_scope_ja(enum measure_scope s) {
    static const char *const words[] = {"", "全庁的に実施", "関係部署で協力して実施", "個別の部署ごとに実施",
                                        "人材育成・組織風土改革"};
    return words[s];
}

/* ---- the demo documents */

static void test_gotsu_facts(void **state) {
    struct arena a = ARENA_INIT;
    struct org_doc d;
    parse_demo("data/demo/322075.json", &a, &d);
    assert_string_equal(d.org.code, "322075");
    assert_string_equal(d.org.name, "江津市");
    assert_string_equal(d.org.prefecture, "島根県");
    assert_int_equal(d.n_plans, 1);
    const struct plan *p = &d.plans[0];
    assert_string_equal(p->kind, "action_plan");
    assert_int_equal(p->from_fy, 2022);
    assert_int_equal(p->to_fy, 2026);
    assert_string_equal(p->version, "1.2");
    assert_string_equal(p->published, "2024-03-26");
    assert_int_equal(p->n_pillars, 3);
    assert_int_equal(count_measures(p), 30);

    /* KPI targets: 15 numeric, 10 未決定, 5 なし; one KPI per measure */
    int set = 0, undecided = 0, none = 0, kpis = 0;
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            for (size_t k = 0; k < p->pillars[i].themes[j].n_measures; k++) {
                const struct measure *m = &p->pillars[i].themes[j].measures[k];
                for (size_t x = 0; x < m->n_kpis; x++, kpis++)
                    switch (m->kpis[x].target_state) {
                    case TARGET_SET: set++; break;
                    case TARGET_UNDECIDED: undecided++; break;
                    case TARGET_NONE: none++; break;
                    }
            }
    assert_int_equal(kpis, 30);
    assert_int_equal(set, 15);
    assert_int_equal(undecided, 10);
    assert_int_equal(none, 5);

    const struct kpi *k = find_kpi(p, "金融機関数");
    assert_int_equal(k->target_state, TARGET_SET);
    assert_double_near(k->target_value, 1, 0);
    assert_int_equal(k->target_fy, 2026);
    assert_true(k->has_baseline);
    assert_double_near(k->baseline_value, 0, 0);
    assert_int_equal(k->baseline_fy, 2023);

    k = find_kpi(p, "窓口対応減少数");
    assert_int_equal(k->direction, DIR_DECREASE);
    assert_double_near(k->target_value, 60, 0);
    assert_double_near(k->baseline_value, 80, 0);
    assert_int_equal(k->baseline_fy, 2023);

    k = find_kpi(p, "窓口の平均対応時間削減割合");
    assert_string_equal(k->unit, "%");
    assert_double_near(k->target_value, 50, 0);
    assert_int_equal(k->baseline_fy, 2024);
    assert_string_equal(k->perspective, "citizen");
    assert_ptr_equal(k, &find_measure(p, "1-1-3")->kpis[0]);

    k = find_kpi(p, "ITパスポート");
    assert_int_equal(k->n_measurements, 1);
    assert_string_equal(k->measurements[0].period, "2024-03-31");
    assert_double_near(k->measurements[0].value, 7, 0);
    assert_false(k->has_baseline);

    k = find_kpi(p, "学校満足度");
    assert_double_near(k->target_value, 3.8, 0);

    assert_int_equal(p->n_revisions, 3);
    assert_string_equal(p->revisions[0].version, "1.0");
    assert_string_equal(p->revisions[0].date, "2023-03-31");
    assert_string_equal(p->revisions[0].notes.items[0], "初版発行");
    assert_string_equal(p->revisions[1].version, "1.1");
    assert_string_equal(p->revisions[1].date, "2023-09-30");
    assert_string_equal(p->revisions[2].version, "1.2");
    assert_string_equal(p->revisions[2].date, "2024-03-26");
    assert_int_equal(p->revisions[2].notes.n, 3);

    const char *new_codes[3];
    int n_new = 0;
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            for (size_t x = 0; x < p->pillars[i].themes[j].n_measures; x++) {
                const struct measure *m = &p->pillars[i].themes[j].measures[x];
                if (m->new_since_fy) {
                    assert_int_equal(m->new_since_fy, 2024);
                    assert_true(n_new < 3);
                    new_codes[n_new++] = m->code;
                }
            }
    assert_int_equal(n_new, 3);
    assert_string_equal(new_codes[0], "1-1-5");
    assert_string_equal(new_codes[1], "1-7-1");
    assert_string_equal(new_codes[2], "2-4-2");

    const struct measure *m = find_measure(p, "1-1-1");
    assert_int_equal(m->links.n, 3);
    assert_string_equal(m->links.items[0], "1-1-3");
    assert_string_equal(m->departments.items[0], "窓口担当課");      /* the lead comes first */
    m = find_measure(p, "1-1-3");
    assert_string_equal(m->title, "書かない窓口");
    assert_int_equal(m->status, MS_ACTIVE);
    assert_true(m->n_schedule >= 1);
    arena_free(&a);
}

static void test_inzai_facts(void **state) {
    struct arena a = ARENA_INIT;
    struct org_doc d;
    parse_demo("data/demo/122319.json", &a, &d);
    assert_string_equal(d.org.code, "122319");
    assert_string_equal(d.org.name, "印西市");
    assert_string_equal(d.org.prefecture, "千葉県");
    const struct plan *p = &d.plans[0];
    assert_string_equal(p->kind, "strategy");
    assert_string_equal(p->review_cadence, "quarterly");
    assert_int_equal(p->n_pillars, 3);
    assert_string_equal(p->pillars[0].code, "A");
    assert_string_equal(p->pillars[0].title, "市民サービスの改善・向上");
    assert_string_equal(p->pillars[1].code, "B");
    assert_string_equal(p->pillars[2].code, "C");
    assert_int_equal(count_measures(p), 23);

    int scopes[5] = {0};
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            for (size_t k = 0; k < p->pillars[i].themes[j].n_measures; k++)
                scopes[p->pillars[i].themes[j].measures[k].scope]++;
    assert_int_equal(scopes[SCOPE_UNSET], 0);              /* every measure has its scope */
    assert_int_equal(scopes[SCOPE_ORG_WIDE], 7);
    assert_int_equal(scopes[SCOPE_CROSS_DEPT], 8);
    assert_int_equal(scopes[SCOPE_DEPT], 3);
    assert_int_equal(scopes[SCOPE_PEOPLE], 5);
    assert_int_equal(find_measure(p, "A-1")->scope, SCOPE_CROSS_DEPT);
    assert_int_equal(find_measure(p, "C-2")->scope, SCOPE_PEOPLE);

    assert_int_equal(p->n_goals, 1);
    assert_string_equal(p->goals[0].name, "業務量削減率");
    assert_string_equal(p->goals[0].unit, "%");
    assert_double_near(p->goals[0].target_value, 30, 0);

    assert_int_equal(p->n_principles, 4);
    assert_non_null(strstr(p->principles[0].title, "方向づけ"));
    assert_non_null(strstr(p->principles[1].title, "連携"));
    assert_non_null(strstr(p->principles[2].title, "創造"));
    assert_non_null(strstr(p->principles[3].title, "アジリティ"));
    assert_int_equal(p->n_vision, 3);
    assert_int_equal(p->n_rating_scale, 0);                 /* the seed states none: the default */
    assert_int_equal(find_measure(p, "B-2")->links.n, 0);   /* 施策連携 joins groups, not measures */
    for (size_t i = 0; i < p->n_pillars; i++)               /* themes are the seed's own headings */
        for (size_t j = 0; j < p->pillars[i].n_themes; j++) {
            const struct theme *t = &p->pillars[i].themes[j];
            assert_null(t->code);
            for (size_t k = 0; k < t->n_measures; k++)
                assert_string_equal(t->title, tr_scope_ja(t->measures[k].scope));
        }
    assert_int_equal(p->n_foundation, 1);
    assert_string_equal(p->foundation[0].title, "「変わり続ける」ことが当たり前の風土の醸成");
    assert_int_equal(p->n_challenges, 2);
    arena_free(&a);
}

/* ---- validation errors */

/* A small valid document: plans[0].pillars[1].themes[0].measures[2].kpis[0] exists. */
static const char base_doc[] =
    "{\"format\":\"kawaru-plan/1\","
    " \"org\":{\"code\":\"322075\",\"name\":\"江津市\"},"
    " \"departments\":[{\"code\":\"seisaku\",\"name\":\"政策企画課\"}],"
    " \"plans\":[{\"title\":\"T\",\"kind\":\"action_plan\",\"pillars\":["
    "  {\"code\":\"1\",\"title\":\"P1\",\"themes\":[{\"title\":\"T1\",\"measures\":["
    "    {\"code\":\"1-1\",\"title\":\"M\",\"departments\":[\"政策企画課\"]}]}]},"
    "  {\"code\":\"2\",\"title\":\"P2\",\"themes\":[{\"title\":\"T2\",\"measures\":["
    "    {\"code\":\"2-1\",\"title\":\"a\"},"
    "    {\"code\":\"2-2\",\"title\":\"b\"},"
    "    {\"code\":\"2-3\",\"title\":\"c\",\"kpis\":[{\"name\":\"k\",\"target\":{\"value\":50,\"fy\":2026},"
    "      \"measurements\":[{\"period\":\"2024-03-31\",\"value\":7}]}]}]}]}]}]}";

static json_t *base(void) {
    json_error_t e;
    json_t *v = json_loads(base_doc, 0, &e);
    if (!v)
        fail_msg("base_doc: %s", e.text);
    return v;
}

static json_t *measure_at(json_t *doc, size_t pillar, size_t idx) {
    json_t *plan = json_array_get(json_object_get(doc, "plans"), 0);
    json_t *pl = json_array_get(json_object_get(plan, "pillars"), pillar);
    json_t *th = json_array_get(json_object_get(pl, "themes"), 0);
    return json_array_get(json_object_get(th, "measures"), idx);
}

/* Parses text expecting KW_EINVAL with the first error at path; ret must stay untouched. */
static void expect_error_text(const char *text, size_t len, const char *path) {
    struct arena a = ARENA_INIT;
    struct org_doc ret;
    memset(&ret, 0, sizeof ret);
    ret.org.code = (char *)"untouched";
    ret.n_plans = 4242;
    struct doc_errors errs;
    int rc = plan_doc_parse(text, len, &a, &ret, &errs);
    assert_int_equal(rc, KW_EINVAL);
    assert_true(errs.n >= 1);
    assert_true(errs.total >= errs.n);
    if (strcmp(errs.items[0].path, path) != 0)
        fail_msg("first error at \"%s\" (%s), expected \"%s\"", errs.items[0].path, errs.items[0].message, path);
    assert_true(errs.items[0].message[0] != '\0');
    assert_string_equal(ret.org.code, "untouched");
    assert_int_equal(ret.n_plans, 4242);
    arena_free(&a);
}

static void expect_error(json_t *doc, const char *path) {
    char *text = json_dumps(doc, JSON_COMPACT);
    expect_error_text(text, strlen(text), path);
    free(text);
    json_decref(doc);
}

static void test_base_document_is_valid(void **state) {
    struct arena a = ARENA_INIT;
    struct org_doc d;
    struct doc_errors errs;
    assert_int_equal(plan_doc_parse(base_doc, strlen(base_doc), &a, &d, &errs), 0);
    assert_int_equal(errs.n, 0);
    const struct kpi *k = &d.plans[0].pillars[1].themes[0].measures[2].kpis[0];
    assert_string_equal(k->name, "k");
    assert_double_near(k->target_value, 50, 0);
    assert_int_equal(k->direction, DIR_INCREASE);              /* the default */
    assert_int_equal(d.plans[0].pillars[0].themes[0].measures[0].status, MS_ACTIVE);
    arena_free(&a);
}

static void test_error_wrong_format(void **state) {
    json_t *d = base();
    json_object_set_new(d, "format", json_string("kawaru-plan/2"));
    expect_error(d, "format");
    d = base();
    json_object_del(d, "format");
    expect_error(d, "format");
}

static void test_error_org_code_check_digit(void **state) {
    json_t *d = base();
    json_object_set_new(json_object_get(d, "org"), "code", json_string("322076"));
    expect_error(d, "org.code");
    d = base();
    json_object_set_new(json_object_get(d, "org"), "code", json_string("32207"));
    expect_error(d, "org.code");
    /* a prefecture's code is fine */
    d = base();
    json_object_set_new(json_object_get(d, "org"), "code", json_string("130001"));
    char *text = json_dumps(d, 0);
    struct arena a = ARENA_INIT;
    struct org_doc ret;
    struct doc_errors errs;
    assert_int_equal(plan_doc_parse(text, strlen(text), &a, &ret, &errs), 0);
    assert_string_equal(ret.org.code, "130001");
    arena_free(&a);
    free(text);
    json_decref(d);
}

static void test_error_target_value_string(void **state) {
    json_t *d = base();
    json_t *kpi = json_array_get(json_object_get(measure_at(d, 1, 2), "kpis"), 0);
    json_object_set_new(json_object_get(kpi, "target"), "value", json_string("50"));
    expect_error(d, "plans[0].pillars[1].themes[0].measures[2].kpis[0].target.value");
}

static void test_error_unknown_department(void **state) {
    json_t *d = base();
    json_object_set_new(measure_at(d, 0, 0), "departments", json_pack("[s]", "存在しない課"));
    expect_error(d, "plans[0].pillars[0].themes[0].measures[0].departments[0]");
}

/* A code is unique within its theme; other themes and pillars may number theirs the same. */
static void test_error_duplicate_measure_code(void **state) {
    json_t *d = base();
    json_object_set_new(measure_at(d, 1, 1), "code", json_string("2-1"));
    expect_error(d, "plans[0].pillars[1].themes[0].measures[1].code");
}

/* Two themes without codes in one pillar, both numbering from 1: the paths clash. */
static void test_error_measure_paths_clash(void **state) {
    json_t *d = base();
    json_t *pillar = json_array_get(json_object_get(json_array_get(json_object_get(d, "plans"), 0), "pillars"), 1);
    json_array_append_new(json_object_get(pillar, "themes"),
                          json_pack("{s:s, s:[{s:s, s:s}]}", "title", "T3", "measures", "code", "2-1", "title", "d"));
    expect_error(d, "plans[0].pillars[1].themes[1].measures[0].code");
}

/* Measures numbered within each pillar: keys are paths where codes repeat, links may name a key
 * or a full path, and the parse gives every link as the target's key. */
static void test_codes_repeat_across_pillars(void **state) {
    json_t *d = base();
    json_object_set_new(measure_at(d, 0, 0), "code", json_string("1"));
    json_object_set_new(measure_at(d, 1, 0), "code", json_string("1"));
    json_object_set_new(measure_at(d, 1, 1), "links", json_pack("[ss]", "1/1", "2-3"));
    char *text = json_dumps(d, 0);
    struct arena a = ARENA_INIT;
    struct org_doc ret;
    struct doc_errors errs;
    int rc = plan_doc_parse(text, strlen(text), &a, &ret, &errs);
    if (rc != 0)
        fail_msg("%s: %s", errs.items[0].path, errs.items[0].message);
    const struct plan *p = &ret.plans[0];
    assert_string_equal(p->pillars[0].themes[0].measures[0].key, "1/1");
    assert_string_equal(p->pillars[1].themes[0].measures[0].key, "2/1");
    assert_string_equal(p->pillars[1].themes[0].measures[1].key, "2-2");
    assert_string_equal(p->pillars[1].themes[0].measures[1].links.items[0], "1/1");
    assert_ptr_equal(plan_measure_by_key(p, "2/1"), &p->pillars[1].themes[0].measures[0]);
    assert_null(plan_measure_by_key(p, "1"));
    arena_free(&a);
    free(text);
    json_decref(d);
    d = base();                                              /* an ambiguous code is not a link */
    json_object_set_new(measure_at(d, 0, 0), "code", json_string("1"));
    json_object_set_new(measure_at(d, 1, 0), "code", json_string("1"));
    json_object_set_new(measure_at(d, 1, 1), "links", json_pack("[s]", "1"));
    expect_error(d, "plans[0].pillars[1].themes[0].measures[1].links[0]");
}

/* Codes may be anything people write but "/" and spaces; rating codes 1-16 such characters. */
static void test_codes_as_people_write_them(void **state) {
    json_t *d = base();
    json_t *plan = json_array_get(json_object_get(d, "plans"), 0);
    json_object_set_new(plan, "rating_scale", json_pack("[{s:s,s:s},{s:s,s:s},{s:s,s:s}]", "code", "A", "label", "順調",
                                                        "code", "◎", "label", "達成", "code", "やや遅れ", "label", "遅れ気味"));
    json_object_set_new(measure_at(d, 1, 2), "reviews", json_pack("[{s:i,s:i,s:s}]", "fy", 2024, "quarter", 1, "rating", "◎"));
    json_object_set_new(measure_at(d, 1, 0), "code", json_string("（１）"));
    char *text = json_dumps(d, 0);
    struct arena a = ARENA_INIT;
    struct org_doc ret;
    struct doc_errors errs;
    if (plan_doc_parse(text, strlen(text), &a, &ret, &errs) != 0)
        fail_msg("%s: %s", errs.items[0].path, errs.items[0].message);
    arena_free(&a);
    free(text);
    json_decref(d);
    static const char *const bad[] = {"A B", "a/b", "12345678901234567", "", "A\u3000"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        d = base();
        plan = json_array_get(json_object_get(d, "plans"), 0);
        json_error_t e;
        json_t *code = json_loads(arena_printf(&a, "\"%s\"", bad[i]), JSON_DECODE_ANY, &e);
        json_object_set_new(plan, "rating_scale", json_pack("[{s:o,s:s}]", "code", code, "label", "x"));
        expect_error(d, "plans[0].rating_scale[0].code");
        arena_free(&a);
    }
    d = base();
    json_object_set_new(measure_at(d, 1, 0), "code", json_string("2/1"));
    expect_error(d, "plans[0].pillars[1].themes[0].measures[0].code");
}

/* A plan without a theme level: a pillar holds its measures, and the export writes them so. */
static void test_pillar_without_themes(void **state) {
    json_t *d = base();
    json_t *pillar = json_array_get(json_object_get(json_array_get(json_object_get(d, "plans"), 0), "pillars"), 1);
    json_t *measures = json_incref(json_object_get(json_array_get(json_object_get(pillar, "themes"), 0), "measures"));
    json_object_del(pillar, "themes");
    json_object_set_new(pillar, "measures", measures);
    char *text = json_dumps(d, 0);
    struct arena a = ARENA_INIT;
    struct org_doc ret;
    struct doc_errors errs;
    if (plan_doc_parse(text, strlen(text), &a, &ret, &errs) != 0)
        fail_msg("%s: %s", errs.items[0].path, errs.items[0].message);
    const struct pillar *pi = &ret.plans[0].pillars[1];
    assert_int_equal(pi->n_themes, 1);
    assert_true(theme_is_implicit(&pi->themes[0]));
    assert_int_equal(pi->themes[0].n_measures, 3);
    struct buf out = BUF_INIT;
    plan_doc_write(&out, &ret, 0);
    json_t *again = json_loads(buf_cstr(&out), 0, NULL);
    json_t *pillar2 = json_array_get(json_object_get(json_array_get(json_object_get(again, "plans"), 0), "pillars"), 1);
    assert_null(json_object_get(pillar2, "themes"));
    assert_int_equal(json_array_size(json_object_get(pillar2, "measures")), 3);
    json_decref(again);
    buf_free(&out);
    arena_free(&a);
    free(text);
    json_decref(d);
    d = base();                                                /* not both */
    pillar = json_array_get(json_object_get(json_array_get(json_object_get(d, "plans"), 0), "pillars"), 1);
    json_object_set_new(pillar, "measures", json_array());
    expect_error(d, "plans[0].pillars[1].measures");
}

/* A plan without a title is refused with a message that says so. */
static void test_error_plan_without_title(void **state) {
    json_t *d = base();
    json_object_del(json_array_get(json_object_get(d, "plans"), 0), "title");
    char *text = json_dumps(d, 0);
    struct arena a = ARENA_INIT;
    struct org_doc ret;
    struct doc_errors errs;
    assert_int_equal(plan_doc_parse(text, strlen(text), &a, &ret, &errs), KW_EINVAL);
    assert_string_equal(errs.items[0].path, "plans[0].title");
    assert_non_null(strstr(errs.items[0].message, "every plan needs its title"));
    arena_free(&a);
    free(text);
    json_decref(d);
}

static void test_error_link_to_missing_code(void **state) {
    json_t *d = base();
    json_object_set_new(measure_at(d, 1, 0), "links", json_pack("[ss]", "1-1", "9-9"));
    expect_error(d, "plans[0].pillars[1].themes[0].measures[0].links[1]");
    d = base();                                            /* a measure may not link to itself */
    json_object_set_new(measure_at(d, 1, 0), "links", json_pack("[s]", "2-1"));
    expect_error(d, "plans[0].pillars[1].themes[0].measures[0].links[0]");
}

static void test_error_measurement_period(void **state) {
    json_t *d = base();
    json_t *kpi = json_array_get(json_object_get(measure_at(d, 1, 2), "kpis"), 0);
    json_t *m = json_array_get(json_object_get(kpi, "measurements"), 0);
    json_object_set_new(m, "period", json_string("2024-02-30"));
    expect_error(d, "plans[0].pillars[1].themes[0].measures[2].kpis[0].measurements[0].period");
}

static void test_error_not_json(void **state) {
    const char *t = "this is not JSON";
    expect_error_text(t, strlen(t), "");
    t = "{\"format\":\"kawaru-plan/1\",";                      /* cut short */
    expect_error_text(t, strlen(t), "");
    t = "[1,2]";                                               /* JSON, but not an object */
    expect_error_text(t, strlen(t), "");
    expect_error_text("", 0, "");
}

static void test_error_empty_object(void **state) {
    expect_error_text("{}", 2, "format");
}

static void test_error_duplicate_key(void **state) {
    const char *t = "{\"format\":\"kawaru-plan/1\",\"format\":\"kawaru-plan/1\"}";
    expect_error_text(t, strlen(t), "");
}

/* Every problem is reported, not only the first. */
static void test_errors_are_all_collected(void **state) {
    json_t *d = base();
    json_object_set_new(json_object_get(d, "org"), "code", json_string("322076"));
    json_object_set_new(measure_at(d, 1, 1), "code", json_string("2-1"));
    char *text = json_dumps(d, 0);
    struct arena a = ARENA_INIT;
    struct org_doc ret;
    struct doc_errors errs;
    assert_int_equal(plan_doc_parse(text, strlen(text), &a, &ret, &errs), KW_EINVAL);
    assert_int_equal(errs.n, 2);
    assert_string_equal(errs.items[0].path, "org.code");
    assert_string_equal(errs.items[1].path, "plans[0].pillars[1].themes[0].measures[1].code");
    arena_free(&a);
    free(text);
    json_decref(d);
}

/* ---- export */

static char *export_of(const char *text, size_t len, int indent) {
    struct arena a = ARENA_INIT;
    struct org_doc d;
    struct doc_errors errs;
    int rc = plan_doc_parse(text, len, &a, &d, &errs);
    if (rc != 0)
        fail_msg("re-import failed at %s: %s", errs.items[0].path, errs.items[0].message);
    struct buf b = BUF_INIT;
    plan_doc_write(&b, &d, indent);
    arena_free(&a);
    return buf_steal(&b);
}

static void check_export_stable(const char *rel) {
    size_t len;
    char *orig = tu_read_source(rel, &len);
    for (int indent = 0; indent <= 2; indent += 2) {
        char *once = export_of(orig, len, indent);
        char *twice = export_of(once, strlen(once), indent);
        assert_string_equal(once, twice);
        /* and the export holds the same data as the file it came from */
        json_error_t e;
        json_t *a = json_loads(orig, 0, &e), *b = json_loads(once, 0, &e);
        assert_non_null(a);
        assert_non_null(b);
        if (!json_equal(a, b))
            fail_msg("%s: export (indent %d) differs from the document in content", rel, indent);
        json_decref(a);
        json_decref(b);
        free(once);
        free(twice);
    }
    free(orig);
}

static void test_export_import_export_identical(void **state) {
    check_export_stable("data/demo/322075.json");
    check_export_stable("data/demo/122319.json");
    size_t n = strlen(base_doc);
    char *once = export_of(base_doc, n, 2);
    char *twice = export_of(once, strlen(once), 2);
    assert_string_equal(once, twice);
    assert_non_null(strstr(once, "\"format\": \"kawaru-plan/1\""));
    assert_null(strstr(once, "\"id\""));                 /* exported documents carry no ids */
    free(once);
    free(twice);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gotsu_facts),
        cmocka_unit_test(test_inzai_facts),
        cmocka_unit_test(test_base_document_is_valid),
        cmocka_unit_test(test_error_wrong_format),
        cmocka_unit_test(test_error_org_code_check_digit),
        cmocka_unit_test(test_error_target_value_string),
        cmocka_unit_test(test_error_unknown_department),
        cmocka_unit_test(test_error_duplicate_measure_code),
        cmocka_unit_test(test_error_measure_paths_clash),
        cmocka_unit_test(test_codes_repeat_across_pillars),
        cmocka_unit_test(test_codes_as_people_write_them),
        cmocka_unit_test(test_pillar_without_themes),
        cmocka_unit_test(test_error_plan_without_title),
        cmocka_unit_test(test_error_link_to_missing_code),
        cmocka_unit_test(test_error_measurement_period),
        cmocka_unit_test(test_error_not_json),
        cmocka_unit_test(test_error_empty_object),
        cmocka_unit_test(test_error_duplicate_key),
        cmocka_unit_test(test_errors_are_all_collected),
        cmocka_unit_test(test_export_import_export_identical),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
