/* Tests every validation rule of the plan document reader (src/xfer/plan_import.c,
 * plan_bodies.c and the core/ rules they call), one case per rule and boundary.
 *
 * Each case changes one valid document in one to three places and names the single error the
 * reader must report: its JSON path and a piece of its message. Cases without an error path are
 * values just inside a limit, which must be accepted. A rule removed from the reader makes its
 * case fail; a rule reporting more than its own error (a cascade) fails too, because every
 * refused case must give exactly the errors it names. */
#include "testutil.h"

#include <jansson.h>
#include "xfer/plan_doc.h"

/* A valid document using every part of the format: departments with a parent, a body with a
 * member and a meeting, a plan with period, texts, revisions, rating scale and goals, a pillar
 * with a theme of two measures and a pillar holding its measure directly. */
static const char base_text[] =
    "{\"format\":\"kawaru-plan/1\","
    " \"org\":{\"code\":\"322075\",\"name\":\"江津市\",\"prefecture\":\"島根県\",\"population\":22000},"
    " \"departments\":[{\"code\":\"somu\",\"name\":\"総務課\"},"
    "   {\"code\":\"seisaku\",\"name\":\"政策企画課\",\"parent\":\"somu\"},"
    "   {\"code\":\"jinji\",\"name\":\"人事課\"}],"
    " \"bodies\":[{\"code\":\"hq\",\"name\":\"推進本部\",\"kind\":\"headquarters\",\"headcount\":12,"
    "   \"description\":\"d\",\"topics\":[\"DX\"],"
    "   \"members\":[{\"name\":\"市長\",\"role\":\"本部長\",\"department\":\"総務課\"}],"
    "   \"meetings\":[{\"date\":\"2024-09-26\",\"title\":\"会議\",\"measures\":[{\"code\":\"1-1\"}]}]}],"
    " \"plans\":[{\"code\":\"AP\",\"title\":\"計画\",\"kind\":\"action_plan\",\"review_cadence\":\"quarterly\","
    "   \"summary\":\"s\",\"published\":\"2024-03-26\",\"period\":{\"from_fy\":2022,\"to_fy\":2026},"
    "   \"vision\":[{\"title\":\"V\",\"text\":\"t\"}],"
    "   \"revisions\":[{\"version\":\"1.0\",\"date\":\"2023-03-31\",\"notes\":[\"初版\"]}],"
    "   \"rating_scale\":[{\"code\":\"A\",\"label\":\"順調\",\"color\":\"#1a7f37\",\"problem\":false},"
    "     {\"code\":\"B\",\"label\":\"遅れ\",\"problem\":true}],"
    "   \"goals\":[{\"name\":\"削減率\",\"unit\":\"%\",\"direction\":\"increase\",\"target\":{\"value\":30,\"fy\":2026}}],"
    "   \"pillars\":["
    "    {\"code\":\"1\",\"title\":\"P1\",\"examples\":[\"e\"],\"themes\":[{\"code\":\"T\",\"title\":\"T1\",\"measures\":["
    "      {\"code\":\"1-1\",\"title\":\"M\",\"current\":\"c\",\"scope\":\"department\",\"status\":\"active\","
    "       \"new_since_fy\":2024,\"departments\":[\"政策企画課\"],\"means\":[\"m\"],\"tags\":[\"t\"],"
    "       \"links\":[\"1-2\"],"
    "       \"schedule\":[{\"fy\":2024,\"items\":[\"s\"]}],"
    "       \"progress\":[{\"fy\":2024,\"quarter\":1,\"items\":[\"p\"]}],"
    "       \"reviews\":[{\"fy\":2024,\"quarter\":1,\"rating\":\"A\",\"decision\":\"continue\"}],"
    "       \"kpis\":[{\"code\":\"K1\",\"name\":\"k\",\"unit\":\"件\",\"direction\":\"increase\","
    "         \"perspective\":\"citizen\",\"baseline\":{\"value\":0,\"fy\":2023},"
    "         \"target\":{\"value\":50,\"fy\":2026},"
    "         \"measurements\":[{\"period\":\"2024-03-31\",\"value\":7,\"note\":\"n\"}]}]},"
    "      {\"code\":\"1-2\",\"title\":\"M2\"}]}]},"
    "    {\"code\":\"2\",\"title\":\"P2\",\"measures\":[{\"code\":\"2-1\",\"title\":\"M3\"}]}]}]}";

/* The one message of a value that is not a fiscal year (core/fiscal.h FY_INVALID), spelled out so
 * that a change of its wording is seen here. */
#define SPACES60 "                                                            "
#define FY_MSG "must be a fiscal year (1900-2200) such as 2024, 2024年度, 令和6年度 or R6"

/* Prefixes of the paths below, spelled out in the cases. */
#define P "plans[0]"
#define PL0 P ".pillars[0]"
#define TH PL0 ".themes[0]"
#define M TH ".measures[0]"
#define K M ".kpis[0]"
#define B "bodies[0]"
#define MT B ".meetings[0]"

/* One change: the member at path gets value, JSON text or a generator:
 *   "@del"      removes the member;
 *   "@str:N"    a string of N bytes "a";
 *   "@kana:N"   a string of N characters "あ" (3 bytes each);
 *   "@list:N"   an array of N strings "x".
 * An index one past the end of an array appends. */
struct change { const char *path, *value; };

struct rule_case {
    const char *name;           /* the rule, as in /tmp/rules.md */
    struct change ch[3];
    const char *err_path;       /* NULL: the document is valid */
    const char *message;        /* a piece of the error's message */
    size_t errors;              /* errors expected; 0 means 1 */
};

static json_t *generated(const char *v) {
    size_t n;
    if (sscanf(v, "@str:%zu", &n) == 1 || sscanf(v, "@kana:%zu", &n) == 1) {
        bool kana = strncmp(v, "@kana", 5) == 0;
        struct buf b = BUF_INIT;
        for (size_t i = 0; i < n; i++)
            buf_append(&b, kana ? "あ" : "a", kana ? 3 : 1);
        json_t *s = json_stringn(b.len ? b.data : "", b.len);
        buf_free(&b);
        return s;
    }
    if (sscanf(v, "@list:%zu", &n) == 1) {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(a, json_string("x"));
        return a;
    }
    json_error_t e;
    json_t *j = json_loads(v, JSON_DECODE_ANY, &e);
    if (!j)
        fail_msg("bad JSON in a case: %s: %s", v, e.text);
    return j;
}

/* Applies one change to doc, walking "a.b[1].c" from the root. */
static void apply(json_t *doc, const struct change *ch) {
    char path[256];
    snprintf(path, sizeof path, "%s", ch->path);
    json_t *at = doc;
    char *p = path;
    for (;;) {
        /* the next step: a key up to '.', '[' or the end, or an index "[n]" */
        char key[64] = "";
        long idx = -1;
        if (*p == '[') {
            idx = strtol(p + 1, &p, 10);
            assert_true(*p == ']');
            p++;
        } else {
            size_t n = strcspn(p, ".[");
            assert_true(n > 0 && n < sizeof key);
            memcpy(key, p, n);
            key[n] = '\0';
            p += n;
        }
        if (*p == '.')
            p++;
        bool last = *p == '\0';
        if (last) {
            bool del = strcmp(ch->value, "@del") == 0;
            json_t *v = del ? NULL : generated(ch->value);
            if (idx >= 0) {
                assert_true(json_is_array(at));
                if (del)
                    assert_int_equal(json_array_remove(at, (size_t)idx), 0);
                else if ((size_t)idx == json_array_size(at))
                    json_array_append_new(at, v);
                else
                    assert_int_equal(json_array_set_new(at, (size_t)idx, v), 0);
            } else {
                assert_true(json_is_object(at));
                if (del)
                    assert_int_equal(json_object_del(at, key), 0);
                else
                    json_object_set_new(at, key, v);
            }
            return;
        }
        json_t *next = idx >= 0 ? json_array_get(at, (size_t)idx) : json_object_get(at, key);
        if (!next)
            fail_msg("%s: no such member in the base document", ch->path);
        at = next;
    }
}

/* One empty database for the whole run (see store_or_fail). */
static struct tu_demo store;

/* Imports text as a dry run (written, then rolled back) into the empty database: what the reader
 * accepts, the store must hold. A value the reader lets through and a CHECK of the schema
 * refuses would otherwise reach the user as a conflict. */
static void store_or_fail(const char *name, const char *text) {
    struct import_source src = {name, text, strlen(text)};
    struct import_opts o = {.dry_run = true};
    struct arena a = ARENA_INIT;
    char *report = NULL;
    size_t report_len = 0;
    FILE *f = open_memstream(&report, &report_len);
    int rc = import_run(store.db, &a, &src, 1, &o, &tu_actor, f, NULL);
    fclose(f);
    arena_free(&a);
    if (rc != 0)
        fail_msg("%s: accepted by the reader but not stored (%s): %s", name, kw_strerror(rc), report);
    free(report);
    assert_int_equal(tu_sql_int(store.db, "SELECT count(*) FROM org"), 0);
}

static int store_open(void **state) {
    (void)state;
    store.dir = tu_mkdtemp();
    store.db = tu_open_db(store.dir);
    return 0;
}

static int store_close(void **state) {
    (void)state;
    tu_close_db(store.db, store.dir);
    return 0;
}

static void run_case(const struct rule_case *rc) {
    json_error_t e;
    json_t *doc = json_loads(base_text, 0, &e);
    if (!doc)
        fail_msg("base document: %s", e.text);
    for (size_t i = 0; i < 3 && rc->ch[i].path; i++)
        apply(doc, &rc->ch[i]);
    char *text = json_dumps(doc, JSON_COMPACT);
    json_decref(doc);
    struct arena a = ARENA_INIT;
    struct org_doc d;
    struct doc_errors errs;
    int r = plan_doc_parse(text, strlen(text), &a, &d, &errs);
    if (!rc->err_path) {
        if (r != 0)
            fail_msg("%s: refused at %s: %s", rc->name, errs.items[0].path, errs.items[0].message);
        arena_free(&a);
        store_or_fail(rc->name, text);
        free(text);
        return;
    }
    free(text);
    if (r != KW_EINVAL)
        fail_msg("%s: accepted, expected an error at %s", rc->name, rc->err_path);
    size_t want = rc->errors ? rc->errors : 1;
    if (errs.total != want) {
        for (size_t i = 0; i < errs.n; i++)
            print_message("  %s: %s\n", errs.items[i].path, errs.items[i].message);
        fail_msg("%s: %zu errors, expected %zu", rc->name, errs.total, want);
    }
    if (strcmp(errs.items[0].path, rc->err_path) != 0)
        fail_msg("%s: error at \"%s\" (%s), expected at \"%s\"", rc->name, errs.items[0].path,
                 errs.items[0].message, rc->err_path);
    if (!strstr(errs.items[0].message, rc->message))
        fail_msg("%s: message \"%s\" lacks \"%s\"", rc->name, errs.items[0].message, rc->message);
    arena_free(&a);
}

static void run_cases(const struct rule_case *v, size_t n) {
    for (size_t i = 0; i < n; i++)
        run_case(&v[i]);
}
#define RUN(cases) run_cases(cases, sizeof cases / sizeof cases[0])

static void test_base_is_valid(void **state) {
    (void)state;
    static const struct rule_case c[] = {{"base", {{0}}, NULL, NULL, 0}};
    RUN(c);
}

/* ---- the document and the organisation */

static void test_document_rules(void **state) {
    (void)state;
    static const struct rule_case c[] = {
        {"format", {{"format", "\"kawaru-plan/2\""}}, "format", "must be \"kawaru-plan/1\"", 0},
        {"format required", {{"format", "@del"}}, "format", "must be \"kawaru-plan/1\"", 0},
        {"org required", {{"org", "@del"}}, "org", "is required", 0},
        {"org object", {{"org", "\"江津市\""}}, "org", "must be an object", 0},
        {"org.code required", {{"org.code", "@del"}}, "org.code", "is required", 0},
        {"org.code check digit", {{"org.code", "\"322076\""}}, "org.code",
         "\"322076\" has a wrong check digit (expected 322075)", 0},
        {"org.code 6 digits", {{"org.code", "\"32207\""}}, "org.code", "must be a 6-digit local government code", 0},
        {"org.code digits", {{"org.code", "\"32207a\""}}, "org.code", "must be a 6-digit local government code", 0},
        {"org.code string", {{"org.code", "322075"}}, "org.code", "must be a string", 0},
        {"org.name blank", {{"org.name", "\"\u3000\""}}, "org.name", "must not be empty", 0},
        {"org.name 500 bytes", {{"org.name", "@str:500"}}, NULL, NULL, 0},
        {"org.name 501 bytes", {{"org.name", "@str:501"}}, "org.name", "must be at most 500 characters", 0},
        {"population 0", {{"org.population", "0"}}, NULL, NULL, 0},
        {"population negative", {{"org.population", "-1"}}, "org.population", "must be a non-negative integer", 0},
        {"population integer", {{"org.population", "1.5"}}, "org.population", "must be a non-negative integer", 0},
        {"plans required", {{"plans", "@del"}}, "plans", "is required", 0},
        {"plans array", {{"plans", "{}"}}, "plans", "must be a list of at most 5000 entries", 0},
        {"plans not empty", {{"plans", "[]"}}, "plans", "must hold at least one plan", 0},
        {"plan object", {{"plans[0]", "1"}}, "plans[0]", "must be an object", 0},
        {"optional text 20000 bytes", {{P ".summary", "@str:20000"}}, NULL, NULL, 0},
        {"optional text 20001 bytes", {{P ".summary", "@str:20001"}}, P ".summary", "must be at most 20000 characters", 0},
        {"list 5000 entries", {{M ".tags", "@list:5000"}}, NULL, NULL, 0},
        {"list 5001 entries", {{M ".tags", "@list:5001"}}, M ".tags", "must be a list of at most 5000 entries", 0},
        {"list entry", {{M ".means", "[\"x\", \"\"]"}}, M ".means[1]", "must not be empty or blank", 0},
        {"list array", {{M ".means", "\"x\""}}, M ".means", "must be a list of at most 5000 entries", 0},
        /* lengths count characters, as the API's maxLength: 500 kanji fit a title (1,500 bytes) */
        {"title 500 characters", {{M ".title", "@kana:500"}}, NULL, NULL, 0},
        {"title 501 characters", {{M ".title", "@kana:501"}}, M ".title", "must be at most 500 characters", 0},
        {"text 20000 characters", {{M ".current", "@kana:20000"}}, NULL, NULL, 0},
        {"text 20001 characters", {{M ".current", "@kana:20001"}}, M ".current", "must be at most 20000 characters", 0},
        /* control characters: a text of several lines takes line breaks and tabs, a title none */
        {"text lines", {{M ".current", "\"一行目\\n二行目\\r\\n\\t三行目\""}}, NULL, NULL, 0},
        {"text bell", {{M ".current", "\"鐘\\u0007\""}}, M ".current", "must not contain control characters", 0},
        {"text C1", {{M ".ideal", "\"\\u0085\""}}, M ".ideal", "must not contain control characters", 0},
        {"title line break", {{M ".title", "\"一行目\\n二行目\""}}, M ".title", "must be one line without control", 0},
        {"title tab", {{M ".title", "\"a\\tb\""}}, M ".title", "must be one line without control", 0},
        {"title DEL", {{M ".title", "\"a\\u007fb\""}}, M ".title", "must be one line without control", 0},
        {"list entry line break", {{M ".tags", "[\"a\\nb\"]"}}, M ".tags[0]", "must be one line without control", 0},
        {"optional text blank: not set", {{M ".ideal", "\"\\u3000 \""}}, NULL, NULL, 0},
    };
    RUN(c);
}

static void test_json_rules(void **state) {
    (void)state;
    struct arena a = ARENA_INIT;
    struct org_doc d;
    struct doc_errors errs;
    static const char *const bad[] = {"not JSON", "[1]", "{\"format\":\"kawaru-plan/1\",\"format\":\"x\"}",
                                      "{\"format\":\"kawaru-plan/\\u0000\"}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(plan_doc_parse(bad[i], strlen(bad[i]), &a, &d, &errs), KW_EINVAL);
        assert_int_equal(errs.total, 1);
        assert_string_equal(errs.items[0].path, "");
    }
    const char *t = "[1]";
    plan_doc_parse(t, strlen(t), &a, &d, &errs);
    assert_string_equal(errs.items[0].message, "the document must be a JSON object");
    t = "{\"a\":1,\"a\":2}";
    plan_doc_parse(t, strlen(t), &a, &d, &errs);
    assert_non_null(strstr(errs.items[0].message, "is not valid JSON (line 1"));
    arena_free(&a);
}

static void test_department_rules(void **state) {
    (void)state;
    static const struct rule_case c[] = {
        /* the names the measure and the member give are then unknown too */
        {"departments array", {{"departments", "{}"}}, "departments", "must be a list of at most 5000 entries", 3},
        {"department object", {{"departments[2]", "\"人事課\""}}, "departments[2]", "must be an object", 0},
        {"department code required", {{"departments[2].code", "@del"}}, "departments[2].code", "is required", 0},
        {"department code chars", {{"departments[2].code", "\"Jinji\""}}, "departments[2].code",
         "must be 1-64 characters of a-z, 0-9, - and _", 0},
        {"department code 64", {{"departments[2].code", "@str:64"}}, NULL, NULL, 0},
        {"department code 65", {{"departments[2].code", "@str:65"}}, "departments[2].code", "must be 1-64 characters", 0},
        {"department code twice", {{"departments[2].code", "\"somu\""}}, "departments[2].code", "\"somu\" appears twice", 0},
        {"department name required", {{"departments[2].name", "@del"}}, "departments[2].name", "is required", 0},
        {"department name twice", {{"departments[2].name", "\"総務課\""}}, "departments[2].name",
         "\"総務課\" appears twice", 0},
        {"department parent unknown", {{"departments[1].parent", "\"nai\""}}, "departments[1].parent",
         "\"nai\" is not the code of another department", 0},
        {"department parent itself", {{"departments[0].parent", "\"somu\""}}, "departments[0].parent",
         "\"somu\" is not the code of another department", 0},
        {"department parent cycle", {{"departments[0].parent", "\"seisaku\""}}, "departments[0].parent",
         "\"seisaku\" makes the departments their own parents", 2},
        {"department abolished flag", {{"departments[2].abolished", "\"yes\""}}, "departments[2].abolished",
         "must be true or false", 0},
    };
    RUN(c);
}

/* ---- a plan's own fields */

static void test_plan_rules(void **state) {
    (void)state;
    static const struct rule_case c[] = {
        {"plan code no slash", {{P ".code", "\"A/P\""}}, P ".code", "must not contain \"/\"", 0},
        {"plan code unique", {{"plans[1]", "{\"code\":\"AP\",\"title\":\"計画2\",\"kind\":\"strategy\",\"pillars\":[]}"},
                              {MT ".measures[0].plan", "\"計画\""}},
         "plans[1].code", "\"AP\" is the code of another plan of this organisation", 0},
        {"plan codes differ", {{"plans[1]", "{\"code\":\"AP2\",\"title\":\"計画2\",\"kind\":\"strategy\",\"pillars\":[]}"},
                               {MT ".measures[0].plan", "\"計画\""}}, NULL, NULL, 0},
        /* a meeting names a plan by its title: two plans may not share one */
        {"plan title unique", {{"plans[1]", "{\"code\":\"AP2\",\"title\":\"計画\",\"kind\":\"strategy\",\"pillars\":[]}"},
                               {MT ".measures[0].plan", "\"計画\""}},
         "plans[1].title", "\"計画\" is the title of another plan of this organisation", 0},
        {"plan title required", {{P ".title", "@del"}}, P ".title", "every plan needs its title", 0},
        {"plan title blank", {{P ".title", "\" \""}}, P ".title", "every plan needs its title", 0},
        {"plan title 501", {{P ".title", "@str:501"}}, P ".title", "must be at most 500 characters", 0},
        {"plan kind required", {{P ".kind", "@del"}}, P ".kind", "is required", 0},
        {"plan kind", {{P ".kind", "\"vision\""}}, P ".kind", "must be strategy or action_plan", 0},
        {"plan kind strategy", {{P ".kind", "\"strategy\""}}, NULL, NULL, 0},
        {"review cadence", {{P ".review_cadence", "\"monthly\""}}, P ".review_cadence", "must be quarterly or yearly", 0},
        {"review cadence yearly", {{P ".review_cadence", "\"yearly\""}}, NULL, NULL, 0},
        {"published date", {{P ".published", "\"2023-02-29\""}}, P ".published", "must be a date YYYY-MM-DD", 0},
        {"published leap day", {{P ".published", "\"2024-02-29\""}}, NULL, NULL, 0},
        {"period object", {{P ".period", "2022"}}, P ".period", "must be an object", 0},
        {"period from_fy 1899", {{P ".period.from_fy", "1899"}}, P ".period.from_fy", FY_MSG, 0},
        {"period from_fy 1900", {{P ".period.from_fy", "1900"}}, NULL, NULL, 0},
        {"period to_fy 2200", {{P ".period.to_fy", "2200"}}, NULL, NULL, 0},
        {"period to_fy 2201", {{P ".period.to_fy", "2201"}}, P ".period.to_fy", FY_MSG, 0},
        {"period fy integer", {{P ".period.to_fy", "2026.5"}}, P ".period.to_fy", FY_MSG, 0},
        {"period fy no fraction", {{P ".period.to_fy", "2026.0"}}, P ".period.to_fy", FY_MSG, 0},
        /* SPEC §2: a year written as people write it is taken as the forms' readers take it */
        {"period fy string", {{P ".period.to_fy", "\"2026\""}}, NULL, NULL, 0},
        {"period fy 令和", {{P ".period.to_fy", "\"令和8年度\""}}, NULL, NULL, 0},
        {"period fy R", {{P ".period.to_fy", "\"R8\""}}, NULL, NULL, 0},
        {"period fy 年度", {{P ".period.to_fy", "\"2026年度\""}}, NULL, NULL, 0},
        {"period fy text 2201", {{P ".period.to_fy", "\"2201\""}}, P ".period.to_fy", FY_MSG, 0},
        {"period fy text fraction", {{P ".period.to_fy", "\"2026.5\""}}, P ".period.to_fy", FY_MSG, 0},
        {"period fy kanji numeral", {{P ".period.to_fy", "\"令和百年度\""}}, P ".period.to_fy", FY_MSG, 0},
        {"period fy words", {{P ".period.to_fy", "\"abc\""}}, P ".period.to_fy", FY_MSG, 0},
        {"period fy empty", {{P ".period.to_fy", "\"\""}}, P ".period.to_fy", FY_MSG, 0},
        {"period fy 64 bytes", {{P ".period.to_fy", "\"2026" SPACES60 "\""}}, NULL, NULL, 0},
        {"period fy 65 bytes", {{P ".period.to_fy", "\"2026 " SPACES60 "\""}}, P ".period.to_fy", FY_MSG, 0},
        {"period fy boolean", {{P ".period.to_fy", "true"}}, P ".period.to_fy", FY_MSG, 0},
        {"period fy text order", {{P ".period.to_fy", "\"R3\""}}, P ".period.to_fy", "must not be before from_fy", 0},
        {"period order", {{P ".period.to_fy", "2021"}}, P ".period.to_fy", "must not be before from_fy", 0},
        {"period one year", {{P ".period.to_fy", "2022"}}, NULL, NULL, 0},
        {"period open end", {{P ".period.to_fy", "@del"}}, NULL, NULL, 0},
        {"vision title required", {{P ".vision[0].title", "@del"}}, P ".vision[0].title", "is required", 0},
        {"principles entry object", {{P ".principles", "[\"x\"]"}}, P ".principles[0]", "must be an object", 0},
        {"revision version required", {{P ".revisions[0].version", "@del"}}, P ".revisions[0].version", "is required", 0},
        {"revision date required", {{P ".revisions[0].date", "@del"}}, P ".revisions[0].date", "is required", 0},
        {"revision date", {{P ".revisions[0].date", "\"2023-3-31\""}}, P ".revisions[0].date",
         "must be a date YYYY-MM-DD", 0},
        {"plan abolished flag", {{P ".abolished", "1"}}, P ".abolished", "must be true or false", 0},
    };
    RUN(c);
}

static void test_rating_scale_rules(void **state) {
    (void)state;
    static const struct rule_case c[] = {
        {"rating code required", {{P ".rating_scale[1].code", "@del"}}, P ".rating_scale[1].code", "is required", 0},
        {"rating label required", {{P ".rating_scale[1].label", "@del"}}, P ".rating_scale[1].label", "is required", 0},
        {"rating code space", {{P ".rating_scale[1].code", "\"B C\""}}, P ".rating_scale[1].code",
         "must be 1-16 characters without spaces or \"/\"", 0},
        {"rating code slash", {{P ".rating_scale[1].code", "\"B/C\""}}, P ".rating_scale[1].code",
         "must be 1-16 characters", 0},
        {"rating code 16 characters", {{P ".rating_scale[1].code", "@kana:16"}}, NULL, NULL, 0},
        {"rating code 17 characters", {{P ".rating_scale[1].code", "@kana:17"}}, P ".rating_scale[1].code",
         "must be 1-16 characters", 0},
        {"rating code twice", {{P ".rating_scale[1].code", "\"A\""}}, P ".rating_scale[1].code", "\"A\" appears twice", 0},
        {"rating colour short", {{P ".rating_scale[0].color", "\"#1a7f3\""}}, P ".rating_scale[0].color",
         "must be a colour like #1a7f37", 0},
        {"rating colour hex", {{P ".rating_scale[0].color", "\"#1a7f3g\""}}, P ".rating_scale[0].color",
         "must be a colour like #1a7f37", 0},
        {"rating colour hash", {{P ".rating_scale[0].color", "\"01a7f37\""}}, P ".rating_scale[0].color",
         "must be a colour like #1a7f37", 0},
        {"rating colour upper case", {{P ".rating_scale[0].color", "\"#1A7F3C\""}}, NULL, NULL, 0},
        {"rating problem boolean", {{P ".rating_scale[0].problem", "\"yes\""}}, P ".rating_scale[0].problem",
         "must be true or false", 0},
        {"rating problem null", {{P ".rating_scale[0].problem", "null"}}, P ".rating_scale[0].problem",
         "must be true or false", 0},
    };
    RUN(c);
}

static void test_goal_rules(void **state) {
    (void)state;
    static const struct rule_case c[] = {
        {"goal name required", {{P ".goals[0].name", "@del"}}, P ".goals[0].name", "is required", 0},
        {"goal direction", {{P ".goals[0].direction", "\"up\""}}, P ".goals[0].direction",
         "must be one of increase, decrease, keep", 0},
        {"goal target required", {{P ".goals[0].target", "@del"}}, P ".goals[0].target", "is required", 0},
        {"goal target value required", {{P ".goals[0].target.value", "@del"}}, P ".goals[0].target.value",
         "is required", 0},
        {"goal target fy optional", {{P ".goals[0].target.fy", "@del"}}, NULL, NULL, 0},
        {"goal target fy range", {{P ".goals[0].target.fy", "99"}}, P ".goals[0].target.fy",
         FY_MSG, 0},
    };
    RUN(c);
}

/* ---- pillars, themes, measures */

static void test_structure_rules(void **state) {
    (void)state;
    static const struct rule_case c[] = {
        {"pillars required", {{P ".pillars", "@del"}}, P ".pillars", "is required", 0},
        {"pillar code required", {{PL0 ".code", "@del"}}, PL0 ".code", "is required", 0},
        {"pillar code no slash", {{PL0 ".code", "\"1/2\""}}, PL0 ".code", "must not contain \"/\"", 0},
        {"pillar title required", {{PL0 ".title", "@del"}}, PL0 ".title", "is required", 0},
        {"pillar code unique", {{P ".pillars[1].code", "\"1\""}}, P ".pillars[1].code",
         "\"1\" is the code of another pillar of this plan", 0},
        {"pillar themes or measures", {{P ".pillars[1].themes", "[]"}}, P ".pillars[1].measures",
         "must be absent when the pillar has themes", 0},
        {"pillar needs one", {{P ".pillars[1].measures", "@del"}}, P ".pillars[1].themes",
         "is required (or measures, for a plan without themes)", 0},
        {"pillar examples entry", {{PL0 ".examples", "[\"\"]"}}, PL0 ".examples[0]", "must not be empty or blank", 0},
        {"theme title required", {{TH ".title", "@del"}}, TH ".title", "is required", 0},
        {"theme code no slash", {{TH ".code", "\"T/1\""}}, TH ".code", "must not contain \"/\"", 0},
        {"theme code unique", {{PL0 ".themes[1]", "{\"code\":\"T\",\"title\":\"T2\",\"measures\":[]}"}},
         PL0 ".themes[1].code", "\"T\" is the code of another theme of this pillar", 0},
        {"theme measures required", {{TH ".measures", "@del"}}, TH ".measures", "is required", 0},
        {"theme means name", {{TH ".means", "[{\"note\":\"n\"}]"}}, TH ".means[0].name", "is required", 0},
        {"measure object", {{TH ".measures[1]", "\"1-2\""}, {M ".links", "@del"}}, TH ".measures[1]",
         "must be an object", 0},
        {"measure code required", {{M ".code", "@del"}}, M ".code", "is required", 0},
        {"measure code empty", {{M ".code", "\"\""}}, M ".code", "must not be empty", 0},
        {"measure code no slash", {{M ".code", "\"1/1\""}}, M ".code", "must not contain \"/\"", 0},
        {"measure title 500", {{M ".title", "@str:500"}}, NULL, NULL, 0},
        {"measure title 501", {{M ".title", "@str:501"}}, M ".title", "must be at most 500 characters", 0},
        {"measure code unique in theme", {{TH ".measures[1].code", "\"1-1\""}, {M ".links", "@del"}},
         TH ".measures[1].code", "\"1-1\" is the code of another measure of this theme", 0},
        {"measure code unique in pillar", {{P ".pillars[1].measures[1]", "{\"code\":\"2-1\",\"title\":\"x\"}"}},
         P ".pillars[1].measures[1].code", "\"2-1\" is the code of another measure of this pillar", 0},
        {"measure code in two themes", {{PL0 ".themes[1]", "{\"code\":\"U\",\"title\":\"T2\",\"measures\":"
                                                            "[{\"code\":\"1-2\",\"title\":\"x\"}]}"},
                                        {M ".links", "[\"1/T/1-2\"]"}}, NULL, NULL, 0},
        {"measure paths clash", {{TH ".code", "@del"},
                                 {PL0 ".themes[1]", "{\"title\":\"T2\",\"measures\":[{\"code\":\"1-1\",\"title\":\"x\"}]}"}},
         PL0 ".themes[1].measures[0].code", "is the path of another measure of this plan", 0},
        {"measure scope", {{M ".scope", "\"city\""}}, M ".scope",
         "must be one of organization_wide, cross_department, department, people_culture", 0},
        {"measure status", {{M ".status", "\"paused\""}}, M ".status",
         "must be one of planned, active, done, merged, abolished", 0},
        {"new_since_fy range", {{M ".new_since_fy", "2201"}}, M ".new_since_fy", FY_MSG, 0},
        {"measure department unknown", {{M ".departments", "[\"経理課\"]"}}, M ".departments[0]",
         "names an unknown department \"経理課\"", 0},
        {"measure department twice", {{M ".departments", "[\"政策企画課\",\"政策企画課\"]"}}, M ".departments[1]",
         "names \"政策企画課\" twice", 0},
        {"link twice", {{M ".links", "[\"1-2\",\"1-2\"]"}}, M ".links[1]", "\"1-2\" is listed twice", 0},
        {"link by path and code twice", {{M ".links", "[\"1-2\",\"1/T/1-2\"]"}}, M ".links[1]", "is listed twice", 0},
        {"link unknown", {{M ".links", "[\"9-9\"]"}}, M ".links[0]",
         "\"9-9\" is not the code or path of another measure of this plan", 0},
        {"link to itself", {{M ".links", "[\"1-1\"]"}}, M ".links[0]", "is not the code or path of another measure", 0},
        {"link by full path", {{M ".links", "[\"2/2-1\"]"}}, NULL, NULL, 0},
    };
    RUN(c);
}

static void test_schedule_and_review_rules(void **state) {
    (void)state;
    static const struct rule_case c[] = {
        {"schedule fy required", {{M ".schedule[0].fy", "@del"}}, M ".schedule[0].fy", "is required", 0},
        {"schedule items required", {{M ".schedule[0].items", "@del"}}, M ".schedule[0].items", "is required", 0},
        {"schedule items not empty", {{M ".schedule[0].items", "[]"}}, M ".schedule[0].items", "must not be empty", 0},
        {"schedule quarter 0", {{M ".schedule[0].quarter", "0"}}, M ".schedule[0].quarter", "must be a whole number from 1 to 4", 0},
        {"schedule quarter 4", {{M ".schedule[0].quarter", "4"}}, NULL, NULL, 0},
        {"schedule quarter 5", {{M ".schedule[0].quarter", "5"}}, M ".schedule[0].quarter", "must be a whole number from 1 to 4", 0},
        {"schedule year twice", {{M ".schedule[1]", "{\"fy\":2024,\"items\":[\"x\"]}"}}, M ".schedule[1].fy",
         "2024 appears twice in schedule", 0},
        {"schedule next year", {{M ".schedule[1]", "{\"fy\":2025,\"items\":[\"x\"]}"}}, NULL, NULL, 0},
        {"progress quarter twice", {{M ".progress[1]", "{\"fy\":2024,\"quarter\":1,\"items\":[\"x\"]}"}},
         M ".progress[1].fy", "2024 (quarter) appears twice in progress", 0},
        {"progress next quarter", {{M ".progress[1]", "{\"fy\":2024,\"quarter\":2,\"items\":[\"x\"]}"}}, NULL, NULL, 0},
        {"review fy required", {{M ".reviews[0].fy", "@del"}}, M ".reviews[0].fy", "is required", 0},
        {"review quarter required", {{M ".reviews[0].quarter", "@del"}}, M ".reviews[0].quarter", "is required", 0},
        {"review quarter 1", {{M ".reviews[0].quarter", "0"}}, M ".reviews[0].quarter", "must be a whole number from 1 to 4", 0},
        {"review quarter 4", {{M ".reviews[0].quarter", "5"}}, M ".reviews[0].quarter", "must be a whole number from 1 to 4", 0},
        {"review rating in scale", {{M ".reviews[0].rating", "\"C\""}}, M ".reviews[0].rating",
         "\"C\" is not a code of the plan's rating_scale", 0},
        {"review rating default scale", {{P ".rating_scale", "@del"}, {M ".reviews[0].rating", "\"on_track\""}},
         NULL, NULL, 0},
        {"review rating not in default scale", {{P ".rating_scale", "@del"}}, M ".reviews[0].rating",
         "\"A\" is not a code of the plan's rating_scale", 0},
        {"review decision", {{M ".reviews[0].decision", "\"stop\""}}, M ".reviews[0].decision",
         "must be one of continue, revise, expand, reduce, merge, abolish, complete", 0},
        {"review quarter twice", {{M ".reviews[1]", "{\"fy\":2024,\"quarter\":1}"}}, M ".reviews[1].quarter",
         "FY 2024 Q1 is reviewed twice", 0},
        {"review next quarter", {{M ".reviews[1]", "{\"fy\":2024,\"quarter\":2}"}}, NULL, NULL, 0},
    };
    RUN(c);
}

/* ---- KPIs */

static void test_kpi_rules(void **state) {
    (void)state;
    static const struct rule_case c[] = {
        {"kpi code no slash", {{K ".code", "\"K/1\""}}, K ".code", "must not contain \"/\"", 0},
        {"kpi code unique", {{M ".kpis[1]", "{\"code\":\"K1\",\"name\":\"k2\",\"target\":{\"state\":\"none\"}}"}},
         M ".kpis[1].code", "\"K1\" is the code of another KPI of this measure", 0},
        {"kpi name unique without codes", {{K ".code", "@del"},
                                          {M ".kpis[1]", "{\"name\":\"k\",\"target\":{\"state\":\"none\"}}"}},
         M ".kpis[1].name", "another KPI of this measure has the same name", 0},
        {"kpi same name other codes", {{M ".kpis[1]", "{\"code\":\"K2\",\"name\":\"k\",\"target\":{\"state\":\"none\"}}"}},
         NULL, NULL, 0},
        {"kpi name optional", {{K ".name", "@del"}}, NULL, NULL, 0},
        {"kpi name blank", {{K ".name", "\"\u3000\""}}, K ".name", "must not be empty or blank", 0},
        {"kpi name 500", {{K ".name", "@str:500"}}, NULL, NULL, 0},
        {"kpi name 501", {{K ".name", "@str:501"}}, K ".name", "must be at most 500 characters", 0},
        {"kpi direction", {{K ".direction", "\"up\""}}, K ".direction", "must be one of increase, decrease, keep", 0},
        {"kpi direction keep", {{K ".direction", "\"keep\""}}, NULL, NULL, 0},
        {"kpi perspective", {{K ".perspective", "\"public\""}}, K ".perspective", "must be one of citizen, staff", 0},
        {"kpi perspective case", {{K ".perspective", "\"Citizen\""}}, K ".perspective", "must be one of citizen, staff", 0},
        {"kpi perspective staff", {{K ".perspective", "\"staff\""}}, NULL, NULL, 0},
        {"kpi perspective string", {{K ".perspective", "1"}}, K ".perspective", "must be a string", 0},
        {"baseline object", {{K ".baseline", "0"}}, K ".baseline", "must be an object", 0},
        {"baseline value required", {{K ".baseline.value", "@del"}}, K ".baseline.value", "is required", 0},
        {"baseline fy required", {{K ".baseline.fy", "@del"}}, K ".baseline.fy", "is required", 0},
        {"target required", {{K ".target", "@del"}}, K ".target", "is required", 0},
        {"target value required", {{K ".target.value", "@del"}}, K ".target.value", "is required", 0},
        {"target fy required", {{K ".target.fy", "@del"}}, K ".target.fy", "is required", 0},
        {"target value number", {{K ".target.value", "\"50\""}}, K ".target.value", "must be a number", 0},
        {"target value 1e15", {{K ".target.value", "1e15"}}, NULL, NULL, 0},
        {"target value -1e15", {{K ".target.value", "-1e15"}}, NULL, NULL, 0},
        {"target value over 1e15", {{K ".target.value", "1.000001e15"}}, K ".target.value",
         "must be a number between -1e15 and 1e15", 0},
        {"baseline value under -1e15", {{K ".baseline.value", "-1.000001e15"}}, K ".baseline.value",
         "must be a number between -1e15 and 1e15", 0},
        {"target state", {{K ".target", "{\"state\":\"later\"}"}}, K ".target.state", "must be undecided or none", 0},
        {"target undecided", {{K ".target", "{\"state\":\"undecided\"}"}}, NULL, NULL, 0},
        {"target none", {{K ".target", "{\"state\":\"none\"}"}}, NULL, NULL, 0},
        {"target state and value", {{K ".target", "{\"state\":\"none\",\"value\":5}"}}, K ".target.value",
         "must be absent when state is given", 0},
        /* a measurement's note and source have the API's and the CSV's limits */
        {"measurement note 2000", {{K ".measurements[0].note", "@kana:2000"}}, NULL, NULL, 0},
        {"measurement note 2001", {{K ".measurements[0].note", "@kana:2001"}}, K ".measurements[0].note",
         "must be at most 2000 characters", 0},
        {"measurement source 200", {{K ".measurements[0].source", "@kana:200"}}, NULL, NULL, 0},
        {"measurement source 201", {{K ".measurements[0].source", "@kana:201"}}, K ".measurements[0].source",
         "must be at most 200 characters", 0},
        {"measurements array", {{K ".measurements", "{}"}}, K ".measurements", "must be a list of at most 5000 entries", 0},
        {"measurement object", {{K ".measurements[0]", "7"}}, K ".measurements[0]", "must be an object", 0},
        {"measurement period required", {{K ".measurements[0].period", "@del"}}, K ".measurements[0].period",
         "is required", 0},
        {"measurement period date", {{K ".measurements[0].period", "\"2024-02-30\""}}, K ".measurements[0].period",
         "must be a date YYYY-MM-DD", 0},
        {"measurement value required", {{K ".measurements[0].value", "@del"}}, K ".measurements[0].value",
         "is required", 0},
        {"measurement value number", {{K ".measurements[0].value", "\"7\""}}, K ".measurements[0].value",
         "must be a number", 0},
        {"measurement value range", {{K ".measurements[0].value", "2e15"}}, K ".measurements[0].value",
         "must be a number between -1e15 and 1e15", 0},
        {"kpi abolished flag", {{K ".abolished", "\"no\""}}, K ".abolished", "must be true or false", 0},
    };
    RUN(c);
}

/* ---- the logic model (plan_logic.c): each case first gives the plan a valid model LM */
#define LM P ".logic_model"
#define LMV "{\"nodes\":[{\"key\":\"a\",\"column\":\"activity\",\"text\":\"t\",\"target_group\":\"市民\"," \
    "\"measures\":[\"1-1\"],\"kpis\":[{\"measure\":\"1-1\",\"kpi\":\"K1\"}]}," \
    "{\"key\":\"o\",\"column\":\"outcome_short\",\"text\":\"u\"}],\"edges\":[{\"from\":\"a\",\"to\":\"o\"}]}"

static void test_logic_model_rules(void **state) {
    (void)state;
    static const struct rule_case c[] = {
        {"lm valid", {{LM, LMV}}, NULL, NULL, 0},
        {"lm path names a measure", {{LM, LMV}, {LM ".nodes[0].measures[0]", "\"1/T/1-1\""}}, NULL, NULL, 0},
        {"lm object", {{LM, "[]"}}, LM, "must be an object", 0},
        {"lm nodes required", {{LM, "{}"}}, LM ".nodes", "is required", 0},
        {"lm key required", {{LM, LMV}, {LM ".nodes[1].key", "@del"}}, LM ".nodes[1].key", "is required", 0},
        {"lm key code", {{LM, LMV}, {LM ".nodes[1].key", "\"O 1\""}}, LM ".nodes[1].key", "must be 1-64 characters", 0},
        {"lm key twice", {{LM, LMV}, {LM ".nodes[1].key", "\"a\""}}, LM ".nodes[1].key", "is the key of another node", 0},
        {"lm column", {{LM, LMV}, {LM ".nodes[0].column", "\"outcome\""}}, LM ".nodes[0].column", "must be one of assumption", 0},
        {"lm text required", {{LM, LMV}, {LM ".nodes[0].text", "@del"}}, LM ".nodes[0].text", "is required", 0},
        {"lm target group label", {{LM, LMV}, {LM ".nodes[0].target_group", "@str:501"}}, LM ".nodes[0].target_group",
         "must be at most 500 characters", 0},
        {"lm measure unknown", {{LM, LMV}, {LM ".nodes[0].measures[0]", "\"9-9\""}}, LM ".nodes[0].measures[0]",
         "is not the code or path of a measure of this plan", 0},
        {"lm measure twice", {{LM, LMV}, {LM ".nodes[0].measures[1]", "\"1-1\""}}, LM ".nodes[0].measures[1]",
         "is listed twice", 0},
        {"lm kpi measure unknown", {{LM, LMV}, {LM ".nodes[0].kpis[0].measure", "\"9-9\""}}, LM ".nodes[0].kpis[0].measure",
         "is not the code or path of a measure", 0},
        {"lm kpi unknown", {{LM, LMV}, {LM ".nodes[0].kpis[0].kpi", "\"k\""}}, LM ".nodes[0].kpis[0].kpi",
         "is not the code, or the name of a KPI without code", 0},
        {"lm kpi twice", {{LM, LMV}, {LM ".nodes[0].kpis[1]", "{\"measure\":\"1-1\",\"kpi\":\"K1\"}"}},
         LM ".nodes[0].kpis[1].kpi", "is listed twice", 0},
        {"lm kpi required", {{LM, LMV}, {LM ".nodes[0].kpis[0].kpi", "@del"}}, LM ".nodes[0].kpis[0].kpi", "is required", 0},
        {"lm edge from unknown", {{LM, LMV}, {LM ".edges[0].from", "\"x\""}}, LM ".edges[0].from", "is not the key of a node", 0},
        {"lm edge to unknown", {{LM, LMV}, {LM ".edges[0].to", "\"x\""}}, LM ".edges[0].to", "is not the key of a node", 0},
        {"lm edge self", {{LM, LMV}, {LM ".edges[0].to", "\"a\""}}, LM ".edges[0].to", "must be another node than from", 0},
        {"lm edge twice", {{LM, LMV}, {LM ".edges[1]", "{\"from\":\"a\",\"to\":\"o\"}"}}, LM ".edges[1]", "appears twice", 0},
        {"lm edge from required", {{LM, LMV}, {LM ".edges[0].from", "@del"}}, LM ".edges[0].from", "is required", 0},
    };
    RUN(c);
}

/* ---- bodies and meetings (plan_bodies.c) */

static void test_body_rules(void **state) {
    (void)state;
    static const struct rule_case c[] = {
        {"bodies array", {{"bodies", "{}"}}, "bodies", "must be a list of at most 5000 entries", 0},
        {"body object", {{"bodies[0]", "\"hq\""}}, B, "must be an object", 0},
        {"body code required", {{B ".code", "@del"}}, B ".code", "is required", 0},
        {"body code chars", {{B ".code", "\"HQ\""}}, B ".code", "must be 1-64 characters of a-z, 0-9, - and _", 0},
        {"body code twice", {{"bodies[1]", "{\"code\":\"hq\",\"name\":\"n\",\"kind\":\"committee\"}"}}, "bodies[1].code",
         "\"hq\" appears twice", 0},
        {"body name required", {{B ".name", "@del"}}, B ".name", "is required", 0},
        {"body name 501", {{B ".name", "@str:501"}}, B ".name", "must be at most 500 characters", 0},
        {"body description blank: not set", {{B ".description", "\" \""}}, NULL, NULL, 0},
        {"body description 20001", {{B ".description", "@str:20001"}}, B ".description", "must be at most 20000 characters", 0},
        {"body kind required", {{B ".kind", "@del"}}, B ".kind", "is required", 0},
        {"body kind", {{B ".kind", "\"club\""}}, B ".kind",
         "must be one of headquarters, audit_board, committee, working_group, leaders", 0},
        {"headcount 0", {{B ".headcount", "0"}}, B ".headcount", "must be a whole number from 1 to 100000", 0},
        {"headcount 1", {{B ".headcount", "1"}}, NULL, NULL, 0},
        {"headcount 100000", {{B ".headcount", "100000"}}, NULL, NULL, 0},
        {"headcount 100001", {{B ".headcount", "100001"}}, B ".headcount", "must be a whole number from 1 to 100000", 0},
        {"headcount integer", {{B ".headcount", "\"12\""}}, B ".headcount", "must be a whole number", 0},
        {"body abolished flag", {{B ".abolished", "\"no\""}}, B ".abolished", "must be true or false", 0},
        {"topic empty", {{B ".topics", "[\"\"]"}}, B ".topics[0]", "must not be empty or blank", 0},
        {"topic 501", {{B ".topics[0]", "@str:501"}}, B ".topics[0]", "must be at most 500 characters", 0},
        {"member name required", {{B ".members[0].name", "@del"}}, B ".members[0].name", "is required", 0},
        {"member role required", {{B ".members[0].role", "@del"}}, B ".members[0].role", "is required", 0},
        {"member department", {{B ".members[0].department", "\"経理課\""}}, B ".members[0].department",
         "\"経理課\" is not the name of a department in \"departments\"", 0},
        {"meeting date required", {{MT ".date", "@del"}}, MT ".date", "is required", 0},
        {"meeting date", {{MT ".date", "\"2024-9-26\""}}, MT ".date", "must be a date YYYY-MM-DD", 0},
        {"meeting title required", {{MT ".title", "@del"}}, MT ".title", "is required", 0},
        {"meeting measure code required", {{MT ".measures[0].code", "@del"}}, MT ".measures[0].code", "is required", 0},
        {"meeting measure unknown", {{MT ".measures[0].code", "\"9-9\""}}, MT ".measures[0].code",
         "\"9-9\" is not the code or path of a measure of the plan \"計画\"", 0},
        {"meeting measure by path", {{MT ".measures[0].code", "\"1/T/1-1\""}}, NULL, NULL, 0},
        {"meeting measure twice", {{MT ".measures[1]", "{\"code\":\"1-1\"}"}}, MT ".measures[1].code",
         "\"1-1\" is listed twice in this meeting", 0},
        {"meeting plan unknown", {{MT ".measures[0].plan", "\"別の計画\""}}, MT ".measures[0].plan",
         "\"別の計画\" is not the title of a plan in \"plans\"", 0},
        {"meeting plan required", {{"plans[1]", "{\"title\":\"計画2\",\"kind\":\"strategy\",\"pillars\":[]}"}},
         MT ".measures[0].plan", "is required when the document holds several plans", 0},
    };
    RUN(c);
}

/* A plan with errors of its own is not searched for a meeting's measures: its errors are the
 * ones reported, not one "unknown measure" per meeting naming it. */
static void test_no_cascade_from_a_broken_plan(void **state) {
    (void)state;
    static const struct rule_case c[] = {
        {"perspective alone", {{K ".perspective", "\"public\""}, {MT ".measures[1]", "{\"code\":\"1-2\"}"}},
         K ".perspective", "must be one of citizen, staff", 0},
        {"pillars alone", {{P ".pillars", "@del"}}, P ".pillars", "is required", 0},
        {"clash alone", {{TH ".code", "@del"},
                         {PL0 ".themes[1]", "{\"title\":\"T2\",\"measures\":[{\"code\":\"1-1\",\"title\":\"x\"}]}"}},
         PL0 ".themes[1].measures[0].code", "is the path of another measure", 0},
        /* a meeting naming a measure that is missing from a sound plan is still refused */
        {"sound plan checked", {{MT ".measures[0].code", "\"1-3\""}}, MT ".measures[0].code", "is not the code", 0},
    };
    RUN(c);
}

/* Every fiscal year of a document may be written as text, in the forms fy_parse takes; the reader
 * holds the years as numbers, and the document written back has numbers (SPEC §2, §4.3). */
static void test_fy_as_text(void **state) {
    (void)state;
    static const struct change ch[] = {
        {P ".period.from_fy", "\"令和4年度\""}, {P ".period.to_fy", "\"R8\""},
        {P ".goals[0].target.fy", "\"２０２６年度\""}, {M ".new_since_fy", "\"令和元年度\""},
        {M ".schedule[0].fy", "\"r6\""}, {M ".progress[0].fy", "\"2024\""}, {M ".reviews[0].fy", "\"Ｒ６\""},
        {K ".baseline.fy", "\"平成35年度\""}, {K ".target.fy", "\" 2026年度 \""},
    };
    json_t *doc = json_loads(base_text, 0, NULL);
    for (size_t i = 0; i < sizeof ch / sizeof *ch; i++)
        apply(doc, &ch[i]);
    char *text = json_dumps(doc, JSON_COMPACT);
    json_decref(doc);
    struct arena a = ARENA_INIT;
    struct org_doc d;
    struct doc_errors errs;
    if (plan_doc_parse(text, strlen(text), &a, &d, &errs) != 0)
        fail_msg("refused at %s: %s", errs.items[0].path, errs.items[0].message);
    const struct plan *p = &d.plans[0];
    const struct measure *m = &p->pillars[0].themes[0].measures[0];
    assert_int_equal(p->from_fy, 2022);
    assert_int_equal(p->to_fy, 2026);
    assert_int_equal(p->goals[0].target_fy, 2026);
    assert_int_equal(m->new_since_fy, 2019);
    assert_int_equal(m->schedule[0].fy, 2024);
    assert_int_equal(m->progress[0].fy, 2024);
    assert_int_equal(m->reviews[0].fy, 2024);
    assert_int_equal(m->kpis[0].baseline_fy, 2023);
    assert_int_equal(m->kpis[0].target_fy, 2026);
    struct buf out = BUF_INIT;
    plan_doc_write(&out, &d, 0);
    buf_append(&out, "", 1);
    assert_non_null(strstr(out.data, "\"period\":{\"from_fy\":2022,\"to_fy\":2026}"));
    assert_non_null(strstr(out.data, "\"new_since_fy\":2019"));
    assert_null(strstr(out.data, "年度\""));
    buf_free(&out);
    arena_free(&a);
    store_or_fail("fy as text", text);
    free(text);
}

/* The import refuses a value the schema would refuse before writing: as a problem of the
 * document, named at its field with the values allowed, not as a conflict with stored data. */
static void test_import_names_the_field(void **state) {
    (void)state;
    static const struct { struct change ch[2]; const char *line; } c[] = {
        {{{K ".perspective", "\"public\""}}, "doc: " K ".perspective: must be one of citizen, staff\n"},
        {{{"plans[1]", "{\"code\":\"AP\",\"title\":\"計画2\",\"kind\":\"strategy\",\"pillars\":[]}"},
          {MT ".measures[0].plan", "\"計画\""}},
         "doc: plans[1].code: \"AP\" is the code of another plan of this organisation\n"},
    };
    for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
        json_t *doc = json_loads(base_text, 0, NULL);
        for (size_t j = 0; j < 2 && c[i].ch[j].path; j++)
            apply(doc, &c[i].ch[j]);
        char *text = json_dumps(doc, JSON_COMPACT);
        json_decref(doc);
        struct import_source src = {"doc", text, strlen(text)};
        char *report = NULL;
        size_t report_len = 0;
        FILE *f = open_memstream(&report, &report_len);
        assert_int_equal(import_documents(store.db, &src, 1, false, &tu_actor, f), KW_EINVAL);
        fclose(f);
        assert_string_equal(report, c[i].line);
        assert_int_equal(tu_sql_int(store.db, "SELECT count(*) FROM org"), 0);
        free(report);
        free(text);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_base_is_valid),
        cmocka_unit_test(test_document_rules),
        cmocka_unit_test(test_json_rules),
        cmocka_unit_test(test_department_rules),
        cmocka_unit_test(test_plan_rules),
        cmocka_unit_test(test_rating_scale_rules),
        cmocka_unit_test(test_goal_rules),
        cmocka_unit_test(test_structure_rules),
        cmocka_unit_test(test_schedule_and_review_rules),
        cmocka_unit_test(test_kpi_rules),
        cmocka_unit_test(test_logic_model_rules),
        cmocka_unit_test(test_body_rules),
        cmocka_unit_test(test_no_cascade_from_a_broken_plan),
        cmocka_unit_test(test_fy_as_text),
        cmocka_unit_test(test_import_names_the_field),
    };
    return cmocka_run_group_tests(tests, store_open, store_close);
}
