/* The message table (see i18n.h). */
#include <stdio.h>
#include <string.h>
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
