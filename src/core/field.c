/* The rules of a text field (see field.h). */
#include <stdio.h>
#include <string.h>
#include "core/field.h"
#include "core/model.h"
#include "util/utf8.h"

const struct field_rule field_label = {MODEL_MAX_TITLE, false};
const struct field_rule field_text = {MODEL_MAX_TEXT, true};
const struct field_rule field_note = {MODEL_MAX_NOTE, true};
const struct field_rule field_source = {MODEL_MAX_SOURCE, false};
const struct field_rule field_item = {MODEL_MAX_TEXT, false};

static bool is_control(int32_t c, bool lines) {
    if (lines && (c == '\t' || c == '\n' || c == '\r'))
        return false;
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

enum field_problem field_check(const char *s, size_t len, const struct field_rule *rule, bool required) {
    if (!utf8_valid(s, len))
        return FIELD_BAD_UTF8;
    size_t chars = 0;
    bool blank = true;
    for (size_t i = 0; i < len;) {
        int32_t c;
        i += utf8_decode(s + i, &c);
        if (is_control(c, rule->lines))
            return FIELD_CONTROL;
        blank &= c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000;
        chars++;
    }
    if (chars > rule->max)
        return FIELD_TOO_LONG;
    return required && blank ? FIELD_BLANK : FIELD_OK;
}

enum field_problem field_check_str(const char *s, const struct field_rule *rule, bool required) {
    return field_check(s, strlen(s), rule, required);
}

const char *field_message(enum field_problem p, const struct field_rule *rule, char *buf, size_t n) {
    switch (p) {
    case FIELD_OK: snprintf(buf, n, "is valid"); break;
    case FIELD_BAD_UTF8: snprintf(buf, n, "must be valid UTF-8 text"); break;
    case FIELD_CONTROL:
        snprintf(buf, n, rule->lines ? "must not contain control characters (line breaks and tabs are allowed)"
                                     : "must be one line without control characters (no line breaks or tabs)");
        break;
    case FIELD_TOO_LONG: snprintf(buf, n, "must be at most %u characters", rule->max); break;
    case FIELD_BLANK: snprintf(buf, n, "must not be empty or blank"); break;
    }
    return buf;
}
