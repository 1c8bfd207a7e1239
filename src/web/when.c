/* The one writer of a time on a page: a stored UTC timestamp shown in Japan time, in Japanese
 * (2026年12月4日 23:43) or English (4 Dec 2026 23:43 JST), inside <time datetime="…"> with the
 * stored value. Dates come from core/fiscal (date_from_ymd, date_to_ymd), so the day after
 * 31 March or 28 February is the calendar's. Seconds and fractions are read but not shown. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "core/fiscal.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/when.h"

/* n digits at s as a number, or -1 when one of them is not a digit. */
static int digits(const char *s, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* The parts of "YYYY-MM-DDTHH:MM[:SS[.fff]][Z]"; false for anything else. */
static bool parse_utc(const char *s, int *y, int *mo, int *d, int *h, int *mi) {
    if (strlen(s) < 16 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':')
        return false;
    *y = digits(s, 4), *mo = digits(s + 5, 2), *d = digits(s + 8, 2), *h = digits(s + 11, 2), *mi = digits(s + 14, 2);
    if (*y < 1 || *mo < 1 || *mo > 12 || *d < 1 || *h < 0 || *h > 23 || *mi < 0 || *mi > 59)
        return false;
    int yy, mm, dd;                        /* a real day: 2025-02-30 does not come back the same */
    date_to_ymd(date_from_ymd(*y, *mo, *d), &yy, &mm, &dd);
    if (yy != *y || mm != *mo || dd != *d)
        return false;
    const char *rest = s + 16;
    if (*rest == ':') {
        if (digits(rest + 1, 2) < 0 || digits(rest + 1, 2) > 60)
            return false;
        rest += 3;
        if (*rest == '.') {
            rest++;
            if (!isdigit((unsigned char)*rest))
                return false;
            while (isdigit((unsigned char)*rest))
                rest++;
        }
    }
    if (*rest == 'Z')
        rest++;
    return *rest == '\0';
}

bool when_format(const char *iso, bool english, char *dst, size_t size) {
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y, mo, d, h, mi;
    if (size)
        dst[0] = '\0';
    if (!iso || !parse_utc(iso, &y, &mo, &d, &h, &mi))
        return false;
    long minutes = (long)date_from_ymd(y, mo, d) * 1440 + h * 60 + mi + WHEN_UTC_OFFSET;
    long day = minutes / 1440, of_day = minutes % 1440;
    if (of_day < 0) {                      /* before 1970: days counted down */
        of_day += 1440;
        day--;
    }
    date_to_ymd((kw_date)day, &y, &mo, &d);
    int hh = (int)(of_day / 60), mm = (int)(of_day % 60);
    if (english)
        snprintf(dst, size, "%d %s %d %02d:%02d JST", d, months[mo - 1], y, hh, mm);
    else
        snprintf(dst, size, "%d年%d月%d日 %02d:%02d", y, mo, d, hh, mm);
    return true;
}

static bool english(const struct req *r) {
    return r->lang && strcmp(r->lang, "en") == 0;
}

void html_when(struct req *r, const char *iso) {
    char text[64];
    if (!iso || !*iso)
        html_printf(&r->out, "—");
    else if (when_format(iso, english(r), text, sizeof text))
        html_printf(&r->out, "<time datetime=\"%s\">%s</time>", iso, text);
    else
        html_printf(&r->out, "%s", iso);
}

const char *when_text(struct req *r, const char *iso) {
    char text[64];
    if (!iso || !*iso)
        return "—";
    if (!when_format(iso, english(r), text, sizeof text))
        return iso;
    return arena_strdup(&r->arena, text);
}

void html_date(struct req *r, const char *date) {
    kw_date d;
    if (!date || date_parse(date, &d) < 0) {
        html_printf(&r->out, "%s", date && *date ? date : "—");
        return;
    }
    html_printf(&r->out, "<time datetime=\"%s\">%s</time>", date, tr_date(r, d));
}
