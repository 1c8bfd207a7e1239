/* A measure list file made into the organisation's document (sheet_import.h). */
#include <string.h>
#include "core/errors.h"
#include "xfer/csv.h"
#include "xfer/measure_list_in.h"
#include "xfer/sheet_import.h"
#include "xfer/xlsx_in.h"

/* The file as the measure list's sheet; false with ret->problem. */
static bool read_list(struct arena *a, const char *data, size_t len, bool japanese, struct sheet_import *ret,
                      const struct sheet **list) {
    if (xlsx_looks_like(data, len)) {
        struct sheet *v;
        size_t n;
        const char *why;
        if (xlsx_read(a, data, len, &v, &n, &why) < 0) {
            ret->problem = SHEET_UNREADABLE;
            ret->detail = why;
            return false;
        }
        *list = measure_list_find(v, n);
    } else {
        const char *text;
        size_t n_text;
        enum csv_encoding enc;
        struct csv_error err;
        struct csv_record *recs;
        size_t n;
        if (csv_to_utf8(a, data, len, &text, &n_text, &enc, &err) < 0 ||
            csv_read_records(a, text, n_text, &recs, &n, &err) < 0) {
            char why[256];
            csv_error_format(&err, japanese, why, sizeof why);
            ret->problem = SHEET_UNREADABLE;
            ret->detail = err.line ? arena_printf(a, japanese ? "%d行目：%s" : "line %d: %s", err.line, why)
                                   : arena_strdup(a, why);
            return false;
        }
        struct sheet *s = arena_alloc(a, sizeof *s);
        measure_list_from_csv(s, a, recs, n);
        *list = measure_list_is(s) ? s : NULL;
    }
    if (!*list)
        ret->problem = SHEET_NO_LIST;
    return *list != NULL;
}

/* The organisation code in the title row above the header ("江津市（322075）　…"), or NULL. */
static const char *title_org_code(struct arena *a, const struct sheet *s) {
    char num[32];
    for (size_t row = 0; row < s->n_rows && row < 10; row++) {
        const char *t = s->n_cols ? cell_as_text(sheet_cell(s, row, 0), num, sizeof num) : "";
        const char *open = strstr(t, "（");
        if (open && strlen(open) >= 3 + 6 + 3 && strncmp(open + 9, "）", 3) == 0 &&
            strspn(open + 3, "0123456789") == 6)
            return arena_strndup(a, open + 3, 6);
    }
    return NULL;
}

bool sheet_import_is(struct arena *a, const char *data, size_t len) {
    if (xlsx_looks_like(data, len))
        return true;
    struct sheet_import si = {0};
    const struct sheet *list;
    return read_list(a, data, len, false, &si, &list);
}

int sheet_import_prepare(struct db *db, struct arena *a, const char *data, size_t len, const char *org_code,
                         int64_t plan_id, bool japanese, struct sheet_import *ret) {
    *ret = (struct sheet_import){0};
    const struct sheet *list;
    if (!read_list(a, data, len, japanese, ret, &list))
        return KW_EINVAL;
    const char *named = title_org_code(a, list);
    if (org_code && named && strcmp(named, org_code) != 0) {
        ret->problem = SHEET_OTHER_ORG;
        ret->org_code = named;
        return KW_EINVAL;
    }
    ret->org_code = org_code ? org_code : named;
    if (!ret->org_code) {
        ret->problem = SHEET_NO_ORG;
        return KW_EINVAL;
    }
    int rc = store_org_doc_load(db, a, ret->org_code, &ret->doc);
    if (rc == KW_ENOTFOUND) {
        ret->problem = SHEET_UNKNOWN_ORG;
        return KW_EINVAL;
    }
    if (rc < 0)
        return rc;
    struct plan *p = NULL;
    for (size_t i = 0; plan_id && i < ret->doc.n_plans; i++)
        if (ret->doc.plans[i].id == plan_id)
            p = &ret->doc.plans[i];
    if (!plan_id)
        p = measure_list_plan(&ret->doc, list);
    if (!p) {
        ret->problem = SHEET_NO_PLAN;
        return KW_EINVAL;
    }
    ret->plan = p;
    if (measure_list_apply(a, &ret->doc, p, list, japanese, &ret->result) < 0) {
        ret->problem = SHEET_ROWS;
        return KW_EINVAL;
    }
    return 0;
}

const char *sheet_import_problem_text(struct arena *a, const struct sheet_import *si, bool japanese) {
    switch (si->problem) {
    case SHEET_OK:
        return "";
    case SHEET_UNREADABLE:
        return arena_printf(a, japanese ? "ファイルを読めません：%s" : "the file cannot be read: %s", si->detail);
    case SHEET_NO_LIST:
        return japanese ? "個別業務一覧が見つかりません（「番号」と「取組」の列がある見出し行が必要です）。"
                        : "no measure list in the file (it needs a header row with the columns 番号 and 取組)";
    case SHEET_NO_ORG:
        return japanese ? "どの団体の一覧かが分かりません。団体を指定してください。"
                        : "the file does not say whose measure list it is: name the organisation (--org CODE)";
    case SHEET_OTHER_ORG:
        return arena_printf(a, japanese ? "別の団体（団体コード %s）の一覧です。" : "the file is the measure list of another organisation (%s)",
                            si->org_code);
    case SHEET_UNKNOWN_ORG:
        return arena_printf(a, japanese ? "団体コード %s の団体はありません。" : "no organisation with code %s", si->org_code);
    case SHEET_NO_PLAN:
        return japanese ? "どの計画の一覧かが分かりません。計画を選んでください。"
                        : "the file does not say which of the organisation's plans it lists: name one (--plan ID)";
    case SHEET_ROWS:
        return japanese ? "一覧に誤りがあります。" : "the measure list has problems";
    }
    return "";
}
