/* The Japanese words of the domain's enumerations (words.h). */
#include <string.h>
#include "core/errors.h"
#include "core/review.h"
#include "core/words.h"

static const char *const status_words[] = {W_ST_PLANNED, W_ST_ACTIVE, W_ST_DONE, W_ST_MERGED, W_ST_ABOLISHED};
static const char *const direction_words[] = {W_DIR_INCREASE, W_DIR_DECREASE, W_DIR_KEEP};

const char *measure_status_ja(enum measure_status s) {
    return (unsigned)s < sizeof status_words / sizeof *status_words ? status_words[s] : "";
}

const char *direction_ja(enum kpi_direction d) {
    return (unsigned)d < sizeof direction_words / sizeof *direction_words ? direction_words[d] : "";
}

const char *perspective_ja(const char *perspective) {
    if (!perspective)
        return NULL;
    return strcmp(perspective, "citizen") == 0 ? W_CITIZEN : strcmp(perspective, "staff") == 0 ? W_STAFF : NULL;
}

const char *kpi_status_ja(enum kpi_status s) {
    switch (s) {
    case KPI_NO_DATA: return W_KS_NO_DATA;
    case KPI_ON_TRACK: return W_KS_ON_TRACK;
    case KPI_AT_RISK: return W_KS_AT_RISK;
    case KPI_OFF_TRACK: return W_KS_OFF_TRACK;
    case KPI_ACHIEVED: return W_KS_ACHIEVED;
    case KPI_UNDECIDED: return W_KS_UNDECIDED;
    case KPI_NO_TARGET: return W_KS_NO_TARGET;
    }
    return "";
}

int measure_status_parse_ja(const char *s, enum measure_status *ret) {
    for (size_t i = 0; s && i < sizeof status_words / sizeof *status_words; i++)
        if (strcmp(s, status_words[i]) == 0) {
            *ret = (enum measure_status)i;
            return 0;
        }
    return s ? measure_status_parse(s, ret) : KW_EINVAL;
}

int direction_parse_ja(const char *s, enum kpi_direction *ret) {
    for (size_t i = 0; s && i < sizeof direction_words / sizeof *direction_words; i++)
        if (strcmp(s, direction_words[i]) == 0) {
            *ret = (enum kpi_direction)i;
            return 0;
        }
    return s ? direction_parse(s, ret) : KW_EINVAL;
}

const char *perspective_parse_ja(const char *s) {
    if (!s)
        return NULL;
    if (strcmp(s, W_CITIZEN) == 0 || strcmp(s, "citizen") == 0)
        return "citizen";
    if (strcmp(s, W_STAFF) == 0 || strcmp(s, "staff") == 0)
        return "staff";
    return NULL;
}

const char *decision_ja(const char *code) {
    static const char *const words[] = {W_D_CONTINUE, W_D_REVISE, W_D_EXPAND, W_D_REDUCE, W_D_MERGE, W_D_ABOLISH,
                                        W_D_COMPLETE};
    for (size_t i = 0; code && review_decisions[i] && i < sizeof words / sizeof *words; i++)
        if (strcmp(code, review_decisions[i]) == 0)
            return words[i];
    return NULL;
}

const char *lm_column_ja(enum lm_column c) {
    static const char *const words[LM_N_COLUMNS] = {W_LM_COL_ASSUMPTION, W_LM_COL_INPUT, W_LM_COL_ACTIVITY,
                                                    W_LM_COL_OUTPUT, W_LM_COL_OUTCOME_SHORT, W_LM_COL_OUTCOME_LONG,
                                                    W_LM_COL_IMPACT};
    return (unsigned)c < LM_N_COLUMNS ? words[c] : "";
}
