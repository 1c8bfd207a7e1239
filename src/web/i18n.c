/* The message table (see i18n.h), and the helpers that choose words and punctuation by language. */
#include <stdio.h>
#include <string.h>
#include "util/buf.h"
#include "web/html.h"
#include "web/i18n.h"

static const char *const ja[] = {
#define X(id, j, e) j,
    MESSAGES(X)
#undef X
};

static const char *const en[] = {
#define X(id, j, e) e,
    MESSAGES(X)
#undef X
};

const char *tr(const struct req *r, enum msg m) {
    return r && r->lang && strcmp(r->lang, "en") == 0 ? en[m] : ja[m];
}

const char *tr_status(const struct req *r, enum measure_status s) {
    static const enum msg m[] = {M_ST_PLANNED, M_ST_ACTIVE, M_ST_DONE, M_ST_MERGED, M_ST_ABOLISHED};
    return tr(r, m[s]);
}

const char *tr_scope(const struct req *r, enum measure_scope s) {
    static const enum msg m[] = {M_NONE, M_SC_ORG_WIDE, M_SC_CROSS, M_SC_DEPT, M_SC_PEOPLE};
    return tr(r, m[s]);
}

const char *tr_kpi_status(const struct req *r, enum kpi_status s) {
    static const enum msg m[] = {M_KS_NO_DATA, M_KS_ON_TRACK, M_KS_AT_RISK, M_KS_OFF_TRACK, M_KS_ACHIEVED,
                                 M_KS_UNDECIDED, M_KS_NO_TARGET};
    return tr(r, m[s]);
}

const char *tr_kpi_name(const struct req *r, const struct kpi *k) {
    return k->name ? k->name : tr(r, M_KPI_UNNAMED);
}

const char *tr_direction(const struct req *r, enum kpi_direction d) {
    static const enum msg m[] = {M_DIR_INCREASE, M_DIR_DECREASE, M_DIR_KEEP};
    return tr(r, m[d]);
}

const char *tr_lm_column(const struct req *r, enum lm_column c) {
    static const enum msg m[LM_N_COLUMNS] = {M_LM_COL_ASSUMPTION, M_LM_COL_INPUT, M_LM_COL_ACTIVITY, M_LM_COL_OUTPUT,
                                             M_LM_COL_OUTCOME_SHORT, M_LM_COL_OUTCOME_LONG, M_LM_COL_IMPACT};
    return tr(r, m[c]);
}

void tr_fy(const struct req *r, int fy, char *dst, size_t size) {
    if (r && r->lang && strcmp(r->lang, "en") == 0) {
        const char *era;
        int year;
        if (fy_to_wareki(fy, &era, &year) == 0 && strcmp(era, "令和") == 0)
            snprintf(dst, size, "FY%d (Reiwa %d)", fy, year);
        else
            snprintf(dst, size, "FY%d", fy);
        return;
    }
    fy_label(fy, dst, size);
}

const char *tr_date(struct req *r, kw_date d) {
    int y, m, day;
    date_to_ymd(d, &y, &m, &day);
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return strcmp(r->lang, "en") == 0 ? arena_printf(&r->arena, "%d %s %d", day, months[(m - 1) % 12], y)
                                      : arena_printf(&r->arena, "%d年%d月%d日", y, m, day);
}

const char *tr_fy_text(struct req *r, int fy) {
    char b[64];
    tr_fy(r, fy, b, sizeof b);
    return arena_strdup(&r->arena, b);
}

const char *tr_paren(struct req *r, const char *inner) {
    return arena_printf(&r->arena, "%s%s%s", tr(r, M_P_OPEN), inner, tr(r, M_P_CLOSE));
}

/* The message whose Japanese is label among the rating words, or -1. */
static int rating_word(const char *label) {
    static const enum msg words[] = {M_RL_ON_TRACK, M_RL_MOSTLY, M_RL_SLIGHTLY, M_RL_DELAYED, M_RL_SERIOUSLY,
                                     M_RL_DONE,     M_RL_NOT_STARTED, M_RL_A, M_RL_B, M_RL_C, M_RL_D};
    for (size_t i = 0; label && i < sizeof words / sizeof words[0]; i++)
        if (strcmp(ja[words[i]], label) == 0)
            return (int)words[i];
    return -1;
}

const char *tr_rating_html(struct req *r, const char *label) {
    if (!label)
        return "";
    bool english = r->lang && strcmp(r->lang, "en") == 0;
    int m = english ? rating_word(label) : -1;
    struct buf b = {0};
    if (!english || m >= 0)
        html_escape(&b, english ? en[m] : label);
    else
        html_printf(&b, "<span lang=\"ja\">%s</span> <span class=\"org-label\">(%s)</span>", label, en[M_ORG_LABEL]);
    const char *out = arena_strdup(&r->arena, b.data ? b.data : "");
    buf_free(&b);
    return out;
}
