/* The Japanese words of the domain's enumerations — a measure's status, a KPI's direction,
 * perspective, target state and status — in one place: web/i18n.h builds its messages from these
 * macros, and what is handed out in Japanese without a reader's language (spreadsheets, open
 * data: xfer/plan_sheets.h) calls the functions. A word read back from a spreadsheet is matched
 * by the *_parse_ja functions, which also take the document's codes (active, increase …). */
#ifndef KAWARU_CORE_WORDS_H
#define KAWARU_CORE_WORDS_H
#include "core/kpi_calc.h"
#include "core/logic_model.h"
#include "core/model.h"

#define W_ST_PLANNED "計画中"
#define W_ST_ACTIVE "実施中"
#define W_ST_DONE "完了"
#define W_ST_MERGED "統合"
#define W_ST_ABOLISHED "廃止"
#define W_DIR_INCREASE "増やす"
#define W_DIR_DECREASE "減らす"
#define W_DIR_KEEP "維持する"
#define W_CITIZEN "住民目線"
#define W_STAFF "職員目線"
#define W_UNDECIDED "未決定"
#define W_NONE "なし"
#define W_KS_NO_DATA "データなし"
#define W_KS_ON_TRACK "順調"
#define W_KS_AT_RISK "要注意"
#define W_KS_OFF_TRACK "遅れ"
#define W_KS_ACHIEVED "達成"
#define W_KS_UNDECIDED "目標未決定"
#define W_KS_NO_TARGET "目標なし"
#define W_LM_COL_ASSUMPTION "前提条件"
#define W_LM_COL_INPUT "インプット"
#define W_LM_COL_ACTIVITY "活動"
#define W_LM_COL_OUTPUT "アウトプット"
#define W_LM_COL_OUTCOME_SHORT "初期アウトカム"
#define W_LM_COL_OUTCOME_LONG "長期アウトカム"
#define W_LM_COL_IMPACT "インパクト"
#define W_D_CONTINUE "継続"
#define W_D_REVISE "見直し"
#define W_D_EXPAND "拡大"
#define W_D_REDUCE "縮小"
#define W_D_MERGE "統合"
#define W_D_ABOLISH "廃止"
#define W_D_COMPLETE "完了"

const char *measure_status_ja(enum measure_status s);
const char *direction_ja(enum kpi_direction d);
const char *perspective_ja(const char *perspective);    /* "citizen", "staff"; NULL otherwise */
const char *kpi_status_ja(enum kpi_status s);
const char *lm_column_ja(enum lm_column c);
/* An HQ decision's code (core/review.h review_decisions) as its word; NULL for an unknown one. */
const char *decision_ja(const char *code);
/* A status or direction as a word above or as its document code; KW_EINVAL otherwise. */
int measure_status_parse_ja(const char *s, enum measure_status *ret);
int direction_parse_ja(const char *s, enum kpi_direction *ret);
/* "住民目線"/"citizen" → "citizen", "職員目線"/"staff" → "staff"; NULL for anything else. */
const char *perspective_parse_ja(const char *s);

#endif
