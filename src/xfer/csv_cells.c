/* Cells and problem texts shared by the CSV imports (see csv_cells.h). */
#include <string.h>
#include "util/utf8.h"
#include "xfer/csv_cells.h"

char *csv_cell_trim(struct arena *a, const char *s) {
    const char *end = s + strlen(s);
    for (;;) {
        if (*s == ' ' || *s == '\t')
            s++;
        else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
            s += 3;
        else
            break;
    }
    for (;;) {
        if (end > s && (end[-1] == ' ' || end[-1] == '\t'))
            end--;
        else if (end - s >= 3 && memcmp(end - 3, "\xe3\x80\x80", 3) == 0)
            end -= 3;
        else
            break;
    }
    return arena_strndup(a, s, (size_t)(end - s));
}

const char *csv_cell_quote(struct arena *a, const char *s) {
    size_t n = 0, len = strlen(s);
    while (n < len && n < 40) {
        size_t k = utf8_valid_prefix((const unsigned char *)s + n, len - n);
        if (k == 0 || n + k > 40)
            break;
        n += k;
    }
    return n < len ? arena_printf(a, "%.*s…", (int)n, s) : s;
}

const char *csv_problem_text(struct arena *a, int line, const char *column, const char *message, bool japanese) {
    if (line <= 0)
        return message;
    if (!column)
        return arena_printf(a, japanese ? "%d行目：%s" : "line %d: %s", line, message);
    return arena_printf(a, japanese ? "%d行目：%s：%s" : "line %d: %s: %s", line, column, message);
}
