/* The rule that suggests shared categories for a measure, and the units a comparison may put per
 * 10,000 inhabitants (see category.h). */
#include <stdlib.h>
#include <string.h>
#include "core/category.h"
#include "util/utf8.h"

bool category_code_valid(const char *code) {
    size_t n = code ? strlen(code) : 0;
    if (n < 1 || n > CATEGORY_CODE_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((code[i] >= 'a' && code[i] <= 'z') || (code[i] >= '0' && code[i] <= '9') || code[i] == '_'))
            return false;
    return true;
}

/* A means of the standard catalogue (core/workload.c) and the categories it stands for. */
static const struct { const char *name, *codes[3]; } means_rules[] = {
    {"書かない窓口", {"front_yard", "no_writing_counter"}},
    {"リモート窓口", {"front_yard", "remote_counter"}},
    {"オンライン申請", {"online_procedures", "online_application"}},
    {"キャッシュレス決済", {"front_yard", "cashless"}},
    {"コンビニ交付", {"mynumber", "convenience_store"}},
    {"電子決裁", {"e_approval"}},
    {"ペーパーレス", {"paperless"}},
    {"AI-OCR", {"ai_rpa", "ai_ocr"}},
    {"RPA", {"ai_rpa", "rpa"}},
    {"生成AI", {"ai_rpa", "generative_ai"}},
    {"チャットツール", {"chat_tool"}},
    {"ナッジ", {"nudge"}},
    {"テレワーク", {"telework"}},
    {"アウトソーシング", {"outsourcing"}},
};

/* A keyword of a measure's title, 現状 or 理想 (normalised: NFKC, case folded) and the
 * categories it points to. */
static const struct { const char *word, *codes[3]; } word_rules[] = {
    {"書かない", {"front_yard", "no_writing_counter"}},
    {"窓口", {"front_yard"}},
    {"リモート窓口", {"remote_counter"}},
    {"マイナンバー", {"mynumber"}},
    {"マイナ保険証", {"mynumber"}},
    {"コンビニ交付", {"mynumber", "convenience_store"}},
    {"生成ai", {"ai_rpa", "generative_ai"}},
    {"ai-ocr", {"ai_rpa", "ai_ocr"}},
    {"ocr", {"ai_rpa", "ai_ocr"}},
    {"rpa", {"ai_rpa", "rpa"}},
    {"ai", {"ai_rpa"}},
    {"テレワーク", {"telework"}},
    {"リモートワーク", {"telework"}},
    {"在宅勤務", {"telework"}},
    {"オンライン申請", {"online_procedures", "online_application"}},
    {"電子申請", {"online_procedures", "online_application"}},
    {"オンライン手続", {"online_procedures"}},
    {"オンライン化", {"online_procedures"}},
    {"標準化", {"standardisation"}},
    {"ガバメントクラウド", {"standardisation"}},
    {"セキュリティ", {"security"}},
    {"eltax", {"eltax"}},
    {"キャッシュレス", {"cashless"}},
    {"電子決裁", {"e_approval"}},
    {"ペーパーレス", {"paperless"}},
    {"チャット", {"chat_tool"}},
    {"ナッジ", {"nudge"}},
};

static bool is_latin(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* True when the normalised text holds word; a word of Latin letters only where no Latin letter
 * or digit stands right before or after it. */
static bool has_word(const char *text, const char *word) {
    size_t n = strlen(word);
    bool latin = true;
    for (size_t i = 0; i < n; i++)
        latin = latin && (unsigned char)word[i] < 0x80;
    for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
        if (!latin || ((p == text || !is_latin(p[-1])) && !is_latin(p[n])))
            return true;
    }
    return false;
}

static size_t add(const char **ret, size_t n, size_t max, const char *const codes[3]) {
    for (int i = 0; i < 3 && codes[i]; i++) {
        bool seen = false;
        for (size_t j = 0; j < n && !seen; j++)
            seen = strcmp(ret[j], codes[i]) == 0;
        if (!seen && n < max)
            ret[n++] = codes[i];
    }
    return n;
}

size_t category_suggest(const struct measure *m, const char **ret, size_t max) {
    size_t n = 0;
    for (size_t i = 0; i < m->means.n; i++)
        for (size_t r = 0; r < sizeof means_rules / sizeof *means_rules; r++)
            if (m->means.items[i] && strcmp(m->means.items[i], means_rules[r].name) == 0)
                n = add(ret, n, max, means_rules[r].codes);
    const char *texts[] = {m->title, m->current, m->ideal};
    for (size_t t = 0; t < 3; t++) {
        if (!texts[t])
            continue;
        char *norm = utf8_normalize(texts[t]);
        if (!norm)
            continue;
        for (size_t r = 0; r < sizeof word_rules / sizeof *word_rules; r++)
            if (has_word(norm, word_rules[r].word))
                n = add(ret, n, max, word_rules[r].codes);
        free(norm);
    }
    return n;
}

bool category_unit_is_count(const char *unit) {
    static const char *const counts[] = {"件", "人", "名", "回", "枚", "台", "箇所", "か所", "ヵ所", "カ所", "校", "団体",
                                         "事業者", "社", "施設", "店舗", "本", "冊", "通", "手続", "業務", "部署",
                                         "世帯", "機関", "個", "基", "者", "グループ"};
    if (!unit)
        return false;
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++)
        if (strcmp(unit, counts[i]) == 0)
            return true;
    return false;
}

double category_per_10k(double value, int64_t population) {
    return population > 0 ? value * 10000.0 / (double)population : 0;
}
