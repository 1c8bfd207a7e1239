/* Tests src/web/i18n.c and the punctuation of the English pages: no English message, and no
 * literal that pages print between translated words, holds full-width punctuation (「」、。：（）・
 * and the rest of U+3000–U+303F, U+FF01–U+FF0F, U+FF1A–U+FF20, U+30FB); those go through the
 * M_P_* messages (tr_paren, tr(r, M_P_COLON), …). Rating levels in English: the default scale's
 * words, and an organisation's own Japanese label marked as such. */
#include "testutil.h"

#include <dirent.h>
#include "http/req.h"
#include "web/i18n.h"

/* The first full-width punctuation mark in s (its code point), or 0. */
static unsigned fullwidth_punct(const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        int len;
        if (*p < 0x80) { cp = *p; len = 1; }
        else if ((*p & 0xe0) == 0xc0 && p[1]) { cp = (*p & 0x1fu) << 6 | (p[1] & 0x3fu); len = 2; }
        else if ((*p & 0xf0) == 0xe0 && p[1] && p[2]) { cp = (*p & 0x0fu) << 12 | (p[1] & 0x3fu) << 6 | (p[2] & 0x3fu); len = 3; }
        else { cp = 0; len = 1; }
        if ((cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff01 && cp <= 0xff0f) || (cp >= 0xff1a && cp <= 0xff20) || cp == 0x30fb)
            return cp;
        p += len;
    }
    return 0;
}

static const char *const english[] = {
#define X(id, j, e) e,
    MESSAGES(X)
#undef X
};
static const char *const names[] = {
#define X(id, j, e) #id,
    MESSAGES(X)
#undef X
};

static void test_english_messages_have_english_punctuation(void **state) {
    assert_int_equal(fullwidth_punct("On track: 3"), 0);                 /* the check itself */
    assert_int_equal(fullwidth_punct("順調（3）"), 0xff08);
    assert_int_equal(fullwidth_punct("A・B"), 0x30fb);
    int bad = 0;
    for (size_t i = 0; i < M_COUNT; i++) {
        unsigned cp = fullwidth_punct(english[i]);
        if (cp) {
            print_error("%s: U+%04X in \"%s\"\n", names[i], cp, english[i]);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* The string literals of a C file outside comments with full-width punctuation, each reported
 * with its line unless it holds one of allowed; returns how many. */
static int scan_literals(const char *path, const char *text, const char *const *allowed) {
    int bad = 0, line = 1;
    for (const char *p = text; *p; p++) {
        if (*p == '\n') line++;
        if (p[0] == '/' && p[1] == '*') {
            for (p += 2; *p && !(p[0] == '*' && p[1] == '/'); p++)
                if (*p == '\n') line++;
            if (!*p) break;
            p++;
        } else if (p[0] == '/' && p[1] == '/') {
            while (p[1] && p[1] != '\n') p++;
        } else if (*p == '\'') {
            for (p++; *p && *p != '\''; p++)
                if (*p == '\\' && p[1]) p++;
            if (!*p) break;
        } else if (*p == '"') {
            const char *start = ++p;
            for (; *p && *p != '"'; p++)
                if (*p == '\\' && p[1]) p++;
            char *lit = strndup(start, (size_t)(p - start));
            unsigned cp = fullwidth_punct(lit);
            bool listed = false;                      /* an allowed literal is not checked */
            for (size_t i = 0; allowed[i]; i++)
                if (strstr(lit, allowed[i])) listed = true;
            if (cp && !listed) {
                print_error("%s:%d: U+%04X in \"%s\": use the M_P_* messages (tr_paren, tr(r, M_P_COLON), …)\n", path, line,
                            cp, lit);
                bad++;
            }
            free(lit);
            if (!*p) break;
        }
    }
    return bad;
}

static void test_pages_print_punctuation_by_language(void **state) {
    /* Literals that are not punctuation between translated words: the survey CSV's Japanese
     * column names (a file format), and the characters svg_logic.c keeps off a line's start. */
    static const char *const allowed[] = {"課コード,調査年度", "、。，．", NULL};
    static const char *const none[] = {NULL};
    assert_int_equal(scan_literals("t.c", "f(\"%s：%s\", a); /* 「」 */ // 、\n", none), 1);   /* the scan itself */
    assert_int_equal(scan_literals("t.c", "/* 「」 */ f(\"%s: %s\", '\"', tr(r, M_P_COLON));", none), 0);
    const char *root = getenv("KAWARU_SOURCE_DIR");
    if (!root)
        skip();
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/src/web", root);
    DIR *d = opendir(dir);
    assert_non_null(d);
    int bad = 0, files = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 3 || strcmp(e->d_name + n - 2, ".c") != 0)
            continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        fseek(f, 0, SEEK_END);
        long size = ftell(f);
        rewind(f);
        char *text = malloc((size_t)size + 1);
        assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
        text[size] = '\0';
        fclose(f);
        bad += scan_literals(e->d_name, text, allowed);
        free(text);
        files++;
    }
    closedir(d);
    assert_true(files > 30);
    assert_int_equal(bad, 0);
}

static void test_rating_words(void **state) {
    struct req r;
    req_init(&r, NULL, "GET", "/");
    r.lang = "en";
    assert_string_equal(tr_rating_html(&r, "順調"), "On track");
    assert_string_equal(tr_rating_html(&r, "概ね順調"), "Mostly on track");
    assert_string_equal(tr_rating_html(&r, "遅れ"), "Delayed");
    assert_string_equal(tr_rating_html(&r, "大幅な遅れ"), "Seriously delayed");
    assert_string_equal(tr_rating_html(&r, "完了"), "Completed");
    assert_string_equal(tr_rating_html(&r, "B（概ね順調）"), "B (Mostly on track)");
    /* an organisation's own word: Japanese, marked, escaped */
    assert_string_equal(tr_rating_html(&r, "要<注意>"),
                        "<span lang=\"ja\">要&lt;注意&gt;</span> <span class=\"org-label\">(organisation&#39;s label)</span>");
    assert_string_equal(tr_paren(&r, "FY2025"), " (FY2025)");
    r.lang = "ja";
    assert_string_equal(tr_rating_html(&r, "順調"), "順調");
    assert_string_equal(tr_rating_html(&r, "要<注意>"), "要&lt;注意&gt;");
    assert_string_equal(tr_paren(&r, "2025年度"), "（2025年度）");
    req_free(&r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_english_messages_have_english_punctuation),
        cmocka_unit_test(test_pages_print_punctuation_by_language),
        cmocka_unit_test(test_rating_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
