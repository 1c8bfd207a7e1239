/* The survey CSV of the workload inventory (業務棚卸し, SPEC §3.7, docs/workload.md "The survey
 * CSV"), for `kawaru import --survey` and the upload page: one record per step of a business,
 * its columns named by the first record in Japanese or English, in any order:
 *
 *   課コード / department        a department code of the organisation
 *   調査年度 / survey_fy         2024, 2024年度, 令和6年度, R6
 *   業務コード / business_code   the business's code within the department and FY
 *   業務名 / business            its name
 *   年間件数 / volume            cases a year (>= 0; 1,234 and full-width digits as typed)
 *   手順番号 / step              1, 2, 3 … unique within the business
 *   手順名 / step_name
 *   所要時間（分） / minutes      per case (>= 0)
 *   担い手 / staff               正規職員, 会計年度任用職員, 委託 (regular, fiscal_year, outsourced)
 *   経路 / channel               窓口, 電話, 郵送, オンライン, 庁内 (counter, phone, mail, online, internal)
 *   紙 押印 対面 転記 決裁       flags (paper, seal, in_person, transcription, approval): ○ 〇 ◯ 1
 *                               はい yes true x set; empty, 0, いいえ, no, false not set
 *   備考 / note                  optional, of the business
 *
 * The business columns (name, volume, note) repeat on each of its rows and must agree; a note
 * may be left empty on some of them. The whole file is read and checked first, every problem
 * kept with its line and column (at most SURVEY_MAX_ERRORS); nothing is written unless all is
 * good, and then store_survey_apply writes it in one transaction: each department and FY the
 * file names is replaced by the file's survey, keeping the ids of what matches. */
#ifndef KAWARU_XFER_SURVEY_CSV_H
#define KAWARU_XFER_SURVEY_CSV_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/field.h"
#include "store/store_survey.h"
#include "util/buf.h"
#include "store/store_workload.h"
#include "xfer/csv.h"
#include "xfer/sheet.h"

enum { SURVEY_MAX_ROWS = 50000, SURVEY_MAX_ERRORS = 100, SURVEY_MAX_STEP = 999 };

/* A business code is held to the length its column allows (migration 022); the inventory's API
 * and forms check it with this rule too. */
#define FIELD_BUSINESS_CODE FIELD_LINE(64)

/* One problem: line 0 means the whole file, column NULL the whole line. */
struct survey_error { int line; const char *column; const char *message; };

struct survey_file {
    enum csv_encoding encoding;
    struct survey_part *parts;          /* each department and FY, in the order it first appears */
    int *part_lines;                    /* the line where each part first appears */
    size_t n_parts;
    size_t n_businesses, n_steps;
    struct survey_error *errors;        /* in line order */
    size_t n_errors;
    bool more_errors;                   /* some were left out */
};

/* Reads and checks data (len bytes) as a survey of the organisation's departments. Everything in
 * *ret is allocated in a. Returns 0, KW_EINVAL with ret->errors (messages in Japanese or
 * English), or KW_EDB. */
int survey_csv_parse(struct db *db, struct arena *a, int64_t org_id, const char *data, size_t len, bool japanese,
                     struct survey_file *ret);

/* survey_csv_parse, then store_survey_apply when the file is good: 0 with *ret_result;
 * KW_EINVAL with file->errors; KW_ECONFLICT with ret_result->conflicts; KW_EDB, KW_EBUSY. */
int survey_csv_import(struct db *db, struct arena *a, int64_t org_id, const char *data, size_t len, bool japanese,
                      const struct actor *who, struct survey_file *file, struct survey_result *ret_result);

/* "line 3: 担い手: …" / "3行目：担い手：…" / "…" for one error, allocated in a. */
const char *survey_error_text(struct arena *a, const struct survey_error *e, bool japanese);
/* A refused deletion as a sentence naming the department, FY, business, step and means. */
const char *survey_conflict_text(struct arena *a, const struct survey_conflict *c, bool japanese);

/* The empty survey: a UTF-8 byte order mark (so that Excel reads it as UTF-8) and the header
 * row, with the Japanese column names (or the English ones), ending in CRLF. */
void survey_csv_template(struct buf *out, bool japanese);

/* The inventory as the survey's table (業務棚卸し, Japanese column names and words), so that a
 * workbook's sheet or its CSV can be imported as a survey again; depts names the department codes. */
void survey_sheet(struct sheet *s, struct arena *a, const struct workload_inventory *inv,
                  const struct department *depts, size_t n_depts);

#endif
