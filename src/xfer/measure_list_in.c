/* Reading a measure list in the 個別業務一覧 layout into a plan (measure_list_in.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "core/field.h"
#include "core/fiscal.h"
#include "core/number.h"
#include "core/words.h"
#include "util/buf.h"
#include "xfer/csv.h"
#include "xfer/csv_cells.h"
#include "xfer/csv_out.h"
#include "xfer/measure_list_in.h"
#include "xfer/plan_sheets.h"

enum { HEADER_SEARCH_ROWS = 10 };

/* Messages in Japanese and English; each takes at most one %s. */
enum ml_msg {
    MM_NO_HEADER, MM_MISSING_COLUMN, MM_DUPLICATE_COLUMN, MM_REQUIRED, MM_NEW_PILLAR, MM_NEW_THEME, MM_TOO_LONG,
    MM_CONTROL, MM_CONTROL_LINE, MM_NO_DEPARTMENT, MM_BAD_STATUS, MM_BAD_DIRECTION, MM_BAD_NUMBER, MM_NUMBER_RANGE,
    MM_BAD_FY, MM_BAD_HEADING, MM_PROGRESS_NO_YEAR, MM_DUPLICATE_ROW, MM_NO_ROWS,
};

static const char *const messages[][2] = {
    [MM_NO_HEADER] = {"個別業務一覧の見出し行（「番号」と「取組」の列）が最初の10行にありません。",
                      "no header row of a measure list (with the columns 番号 and 取組) in the first 10 rows"},
    [MM_MISSING_COLUMN] = {"「%s」の列がありません。", "the column %s is missing"},
    [MM_DUPLICATE_COLUMN] = {"同じ列が2回あります。", "this column appears twice"},
    [MM_REQUIRED] = {"入力がありません。", "this cell is empty"},
    [MM_NEW_PILLAR] = {"計画にない改革番号「%s」です。新しい改革として加えるには「改革」に名前を入力してください。",
                       "no pillar %s in the plan: give its title under 改革 to add it"},
    [MM_NEW_THEME] = {"計画にない取組項目「%s」です。新しい取組項目として加えるには「取組項目」に名前を入力してください。",
                      "no theme %s in the pillar: give its title under 取組項目 to add it"},
    [MM_TOO_LONG] = {"長すぎます（%s文字まで）。", "too long (at most %s characters)"},
    [MM_CONTROL] = {"使えない制御文字があります。", "holds a control character"},
    [MM_CONTROL_LINE] = {"改行やタブは使えません（1行で入力してください）。", "must be one line, without line breaks or tabs"},
    [MM_NO_DEPARTMENT] = {"「%s」という部署はありません（部署の一覧にある名前で入力してください）。",
                          "no department named %s (use the names in the list of departments)"},
    [MM_BAD_STATUS] = {"状態は「計画中」「実施中」「完了」「統合」「廃止」のいずれかで入力してください（「%s」）。",
                       "the status must be 計画中, 実施中, 完了, 統合 or 廃止 (planned, active, done, merged, "
                       "abolished): %s"},
    [MM_BAD_DIRECTION] = {"方向は「増やす」「減らす」「維持する」のいずれかで入力してください（「%s」）。",
                          "the direction must be 増やす, 減らす or 維持する (increase, decrease, keep): %s"},
    [MM_BAD_NUMBER] = {"数値ではありません（「%s」）。半角・全角の数字、「1,234」の形で入力できます。",
                       "not a number: %s (digits, also full-width, like 1,234)"},
    [MM_NUMBER_RANGE] = {"値が大きすぎます（「%s」）。±1e15（1000兆）までです。", "too large: %s (at most ±1e15)"},
    [MM_BAD_FY] = {CSV_BAD_FY_JA, CSV_BAD_FY_EN},
    [MM_BAD_HEADING] = {"見出し「%s」が読めません（【2024年度】【2024年度第2四半期】【第2四半期】の形で書きます）。",
                        "cannot read the heading %s (write 【2024年度】, 【2024年度第2四半期】 or 【第2四半期】)"},
    [MM_PROGRESS_NO_YEAR] = {"進捗の項目は【2024年度】のような年度の見出しの下に書いてください（「%s」）。",
                             "progress items go under a year's heading such as 【2024年度】: %s"},
    [MM_DUPLICATE_ROW] = {"同じ取組が%s行目にもあります（数値目標を2つ以上書くときは、続けて次の行に書きます）。",
                          "the same measure is on row %s too (a measure's further KPIs go on the rows right below it)"},
    [MM_NO_ROWS] = {"見出し行の後に取組の行がありません。", "there are no measure rows after the header"},
};

struct reader {
    struct arena *a;
    struct org_doc *doc;
    struct plan *p;
    const struct sheet *s;
    bool ja;
    struct ml_result *res;
    size_t header;                      /* the header's row */
    int head[ML_FIXED_HEAD], tail[ML_FIXED_TAIL];   /* the sheet column of each, or -1 */
    int *fy_of;                         /* per sheet column: the FY of a schedule column, else 0 */
    int row;                            /* the row being read, as people count it */
};

static const char *msg(const struct reader *r, enum ml_msg m) { return messages[m][r->ja ? 0 : 1]; }

static void problem(struct reader *r, const char *column, enum ml_msg m, const char *arg) {
    struct ml_result *res = r->res;
    if (res->n_problems >= ML_MAX_PROBLEMS) {
        res->more_problems = true;
        return;
    }
    if (res->n_problems == 0)
        res->problems = arena_alloc(r->a, ML_MAX_PROBLEMS * sizeof *res->problems);
    res->problems[res->n_problems++] = (struct ml_problem){
        r->row, column, arg ? arena_printf(r->a, msg(r, m), csv_cell_quote(r->a, arg)) : msg(r, m)};
}

static int row_number(const struct sheet *s, size_t row) { return s->lines ? s->lines[row] : (int)row + 1; }

/* A cell's text: a number as text, an apostrophe that kept a formula-like text from running
 * (xfer/csv_out.h) taken off; "" when empty. */
static const char *raw_text(struct reader *r, size_t row, int col) {
    if (col < 0 || (size_t)col >= r->s->n_cols)
        return "";
    const struct cell *c = sheet_cell(r->s, row, (size_t)col);
    char num[32];
    const char *t = cell_as_text(c, num, sizeof num);
    if (c->kind == CELL_TEXT && t[0] == '\'' && csv_cell_is_formula_like(t + 1))
        return t + 1;
    return t == num ? arena_strdup(r->a, num) : t;
}

/* A cell's text checked against rule; trimmed when the rule is one line. NULL when empty. */
static const char *text_of(struct reader *r, size_t row, int col, const char *title, const struct field_rule *rule,
                           bool required) {
    const char *t = raw_text(r, row, col);
    if (!rule->lines)
        t = csv_cell_trim(r->a, t);
    enum field_problem fp = field_check_str(t, rule, required);
    if (fp == FIELD_BLANK) {
        problem(r, title, MM_REQUIRED, NULL);
        return NULL;
    }
    if (fp == FIELD_TOO_LONG)
        problem(r, title, MM_TOO_LONG, arena_printf(r->a, "%u", rule->max));
    else if (fp == FIELD_CONTROL)
        problem(r, title, rule->lines ? MM_CONTROL : MM_CONTROL_LINE, NULL);
    else if (fp != FIELD_OK)
        problem(r, title, MM_CONTROL, NULL);
    return fp == FIELD_OK && *t ? t : NULL;
}

/* ---- the header */

static bool header_at(const struct sheet *s, size_t row) {
    bool code = false, title = false;
    char num[32];
    for (size_t c = 0; c < s->n_cols; c++) {
        const char *t = cell_as_text(sheet_cell(s, row, c), num, sizeof num);
        code |= strcmp(t, measure_list_head[ML_CODE].title) == 0;
        title |= strcmp(t, measure_list_head[ML_TITLE].title) == 0;
    }
    return code && title;
}

static bool find_header(const struct sheet *s, size_t *ret) {
    for (size_t row = 0; row < s->n_rows && row < HEADER_SEARCH_ROWS; row++)
        if (header_at(s, row)) {
            *ret = row;
            return true;
        }
    return false;
}

bool measure_list_is(const struct sheet *s) {
    size_t row;
    return find_header(s, &row);
}

const struct sheet *measure_list_find(const struct sheet *v, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].name, ML_SHEET_NAME) == 0 && measure_list_is(&v[i]))
            return &v[i];
    for (size_t i = 0; i < n; i++)
        if (measure_list_is(&v[i]))
            return &v[i];
    return NULL;
}

struct plan *measure_list_plan(struct org_doc *doc, const struct sheet *s) {
    size_t header;
    char num[32];
    struct plan *best = NULL;
    for (size_t row = 0; find_header(s, &header) && row < header; row++)
        for (size_t c = 0; c < s->n_cols; c++) {
            const char *t = cell_as_text(sheet_cell(s, row, c), num, sizeof num);
            for (size_t i = 0; i < doc->n_plans; i++)      /* the longest title named wins */
                if (doc->plans[i].title && strstr(t, doc->plans[i].title) &&
                    (!best || strlen(doc->plans[i].title) > strlen(best->title)))
                    best = &doc->plans[i];
        }
    return best ? best : doc->n_plans == 1 ? &doc->plans[0] : NULL;
}

void measure_list_from_csv(struct sheet *s, struct arena *a, const struct csv_record *recs, size_t n) {
    size_t n_cols = 1;
    for (size_t i = 0; i < n; i++)
        if (recs[i].n > n_cols)
            n_cols = recs[i].n;
    sheet_init(s, a, ML_SHEET_NAME, "measures", arena_alloc(a, n_cols * sizeof(struct sheet_col)), n_cols);
    s->lines = n ? arena_alloc(a, n * sizeof *s->lines) : NULL;
    for (size_t i = 0; i < n; i++) {
        struct cell *row = sheet_add_row(s);
        s->lines[i] = recs[i].line;
        for (size_t c = 0; c < recs[i].n; c++)
            cell_set_text(&row[c], recs[i].fields[c]);
    }
}

/* Finds each known column by its title; the others are listed as not read. */
static void map_columns(struct reader *r) {
    const struct sheet *s = r->s;
    for (int i = 0; i < ML_FIXED_HEAD; i++)
        r->head[i] = -1;
    for (int i = 0; i < ML_FIXED_TAIL; i++)
        r->tail[i] = -1;
    r->fy_of = arena_alloc(r->a, s->n_cols * sizeof *r->fy_of);
    r->res->not_read = arena_alloc(r->a, s->n_cols * sizeof *r->res->not_read);
    r->row = row_number(s, r->header);
    for (size_t c = 0; c < s->n_cols; c++) {
        const char *t = csv_cell_trim(r->a, raw_text(r, r->header, (int)c));
        if (!*t)
            continue;
        int *slot = NULL;
        for (int i = 0; i < ML_FIXED_HEAD && !slot; i++)
            if (strcmp(t, measure_list_head[i].title) == 0)
                slot = &r->head[i];
        for (int i = 0; i < ML_FIXED_TAIL && !slot; i++)
            if (strcmp(t, measure_list_tail[i].title) == 0)
                slot = i < ML_KPI_LATEST ? &r->tail[i] : NULL;
        int fy = 0;
        if (!slot && strncmp(t, ML_SCHEDULE_PREFIX, strlen(ML_SCHEDULE_PREFIX)) == 0 &&
            fy_parse(t + strlen(ML_SCHEDULE_PREFIX), &fy) == 0) {
            for (size_t k = 0; k < c; k++)
                if (r->fy_of[k] == fy)
                    problem(r, t, MM_DUPLICATE_COLUMN, NULL);
            r->fy_of[c] = fy;
            continue;
        }
        if (!slot) {
            r->res->not_read[r->res->n_not_read++] = t;
            continue;
        }
        if (*slot >= 0)
            problem(r, t, MM_DUPLICATE_COLUMN, NULL);
        *slot = (int)c;
    }
    static const int required[] = {ML_PILLAR_CODE, ML_CODE, ML_TITLE};
    for (size_t i = 0; i < sizeof required / sizeof *required; i++)
        if (r->head[required[i]] < 0)
            problem(r, NULL, MM_MISSING_COLUMN, measure_list_head[required[i]].title);
}

/* ---- the plan's parts, found or added (arrays grown by copying: indexes, not pointers, are kept) */

#define PUSH(a, arr, n)                                                                                        \
    do {                                                                                                       \
        void *grown_ = arena_alloc((a), ((n) + 1) * sizeof *(arr));                                            \
        if (n)                                                                                                 \
            memcpy(grown_, (arr), (n) * sizeof *(arr));                                                        \
        (arr) = grown_;                                                                                        \
        (n)++;                                                                                                 \
    } while (0)

static bool same(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : "") == 0; }

static struct pillar *pillar_of(struct reader *r, const char *code, const char *title) {
    for (size_t i = 0; i < r->p->n_pillars; i++)
        if (same(r->p->pillars[i].code, code)) {
            if (title)
                r->p->pillars[i].title = (char *)title;
            return &r->p->pillars[i];
        }
    if (!title) {
        problem(r, measure_list_head[ML_PILLAR].title, MM_NEW_PILLAR, code);
        return NULL;
    }
    PUSH(r->a, r->p->pillars, r->p->n_pillars);
    struct pillar *pl = &r->p->pillars[r->p->n_pillars - 1];
    *pl = (struct pillar){.code = (char *)code, .title = (char *)title};
    return pl;
}

/* The theme by its code, or by its title where it has none; a row without either goes to the
 * pillar's measures without a theme level. */
static struct theme *theme_of(struct reader *r, struct pillar *pl, const char *code, const char *title) {
    for (size_t i = 0; i < pl->n_themes; i++) {
        struct theme *t = &pl->themes[i];
        if (code ? same(t->code, code) : !t->code && same(t->title, title)) {
            if (code && title)
                t->title = (char *)title;
            return t;
        }
    }
    if (code && !title) {
        problem(r, measure_list_head[ML_THEME].title, MM_NEW_THEME, code);
        return NULL;
    }
    PUSH(r->a, pl->themes, pl->n_themes);
    struct theme *t = &pl->themes[pl->n_themes - 1];
    *t = (struct theme){.code = (char *)code, .title = (char *)title};
    return t;
}

static struct measure *measure_of(struct reader *r, struct theme *t, const char *code, bool *ret_new) {
    *ret_new = false;
    for (size_t i = 0; i < t->n_measures; i++)
        if (same(t->measures[i].code, code))
            return &t->measures[i];
    PUSH(r->a, t->measures, t->n_measures);
    struct measure *m = &t->measures[t->n_measures - 1];
    *m = (struct measure){.code = (char *)code, .status = MS_ACTIVE};
    *ret_new = true;
    return m;
}

/* ---- cells of lists */

/* Splits on line breaks and 、 , ，: the names, trimmed. */
static void departments(struct reader *r, const char *text, const char *title, struct strlist *ret) {
    struct strlist l = {arena_alloc(r->a, (strlen(text) / 2 + 2) * sizeof(char *)), 0};
    char *copy = arena_strdup(r->a, text);
    for (char *p = copy; p && *p;) {
        char *end = p + strcspn(p, "\n,");
        char *ten = strstr(p, "、"), *wide = strstr(p, "，");
        if (ten && ten < end)
            end = ten;
        if (wide && wide < end)
            end = wide;
        size_t skip = *end == '\0' ? 0 : (unsigned char)*end >= 0x80 ? 3 : 1;
        char saved = *end;
        *end = '\0';
        char *name = csv_cell_trim(r->a, p);
        if (*name) {
            bool known = false;
            for (size_t i = 0; i < r->doc->n_departments && !known; i++)
                known = same(r->doc->departments[i].name, name);
            if (!known)
                problem(r, title, MM_NO_DEPARTMENT, name);
            l.items[l.n++] = name;
        }
        p = saved ? end + skip : NULL;
    }
    *ret = l;
}

/* "○item" → "item" (also 〇 ◯ ・ • - * as people mark a list), trimmed. */
static const char *item_text(struct arena *a, const char *line) {
    static const char *const marks[] = {ML_ITEM_MARK, "〇", "◯", "・", "•", "-", "*", NULL};
    const char *t = csv_cell_trim(a, line);
    for (size_t i = 0; marks[i]; i++)
        if (strncmp(t, marks[i], strlen(marks[i])) == 0)
            return csv_cell_trim(a, t + strlen(marks[i]));
    return t;
}

/* 【2024年度】, 【2024年度第2四半期】, 【第2四半期】: its FY (0 when not named) and quarter. */
static bool heading(struct arena *a, const char *line, int *fy, int *quarter) {
    const char *open = "【", *close = "】";
    size_t n = strlen(line);
    if (strncmp(line, open, 3) != 0 || n < 6 || strcmp(line + n - 3, close) != 0)
        return false;
    char *in = arena_strndup(a, line + 3, n - 6);
    *fy = 0, *quarter = 0;
    char *q = strstr(in, "第");
    if (q) {
        int v = 0;
        if (sscanf(q, "第%d四半期", &v) != 1 || v < 1 || v > 4)
            return false;
        *quarter = v;
        *q = '\0';
    }
    return !*in || fy_parse(in, fy) == 0;
}

/* The items of a cell by (fy, quarter), in that order, replacing into *v those of the years
 * given (fy_only: this one year, a schedule column; 0: every year, the progress). */
static void items_into(struct reader *r, const char *text, int fy_only, const char *title, struct period_items **v,
                       size_t *n) {
    /* what was there for other years stays */
    struct period_items *kept = arena_alloc(r->a, (*n + 5) * sizeof *kept + 1);
    size_t n_kept = 0;
    for (size_t i = 0; i < *n; i++)
        if (fy_only && (*v)[i].fy != fy_only)
            kept[n_kept++] = (*v)[i];
    /* this cell's items, grouped by (fy, quarter) */
    struct period_items groups[64];
    size_t n_groups = 0;
    int fy = fy_only, quarter = 0;
    char *copy = arena_strdup(r->a, text);
    for (char *line = copy; line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        const char *t = csv_cell_trim(r->a, line);
        int hfy, hq;
        if (*t == '\0') {
        } else if (strncmp(t, "【", 3) == 0) {
            if (!heading(r->a, t, &hfy, &hq) || (fy_only && hfy && hfy != fy_only) || (!fy_only && !hfy))
                problem(r, title, MM_BAD_HEADING, t);
            else
                fy = fy_only ? fy_only : hfy, quarter = hq;
        } else if (!fy) {
            problem(r, title, MM_PROGRESS_NO_YEAR, t);
        } else {
            const char *item = item_text(r->a, t);
            if (field_check_str(item, &field_item, true) != FIELD_OK) {
                problem(r, title, MM_CONTROL_LINE, NULL);
            } else {
                size_t g = 0;
                while (g < n_groups && !(groups[g].fy == fy && groups[g].quarter == quarter))
                    g++;
                if (g == n_groups && n_groups == sizeof groups / sizeof *groups)
                    problem(r, title, MM_BAD_HEADING, t);      /* more years and quarters than a plan has */
                else if (g == n_groups)
                    groups[n_groups++] = (struct period_items){fy, quarter, {NULL, 0}};
                if (g < n_groups) {
                    struct strlist *l = &groups[g].items;
                    char **grown = arena_alloc(r->a, (l->n + 1) * sizeof *grown);
                    if (l->n)
                        memcpy(grown, l->items, l->n * sizeof *grown);
                    grown[l->n++] = (char *)item;
                    l->items = grown;
                }
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    /* sorted by FY, then quarter (the year's own items first), as the store keeps them */
    for (size_t i = 1; i < n_groups; i++)
        for (size_t j = i; j > 0 && (groups[j - 1].fy > groups[j].fy ||
                                     (groups[j - 1].fy == groups[j].fy && groups[j - 1].quarter > groups[j].quarter));
             j--) {
            struct period_items t = groups[j];
            groups[j] = groups[j - 1];
            groups[j - 1] = t;
        }
    struct period_items *out = arena_alloc(r->a, (n_kept + n_groups + 1) * sizeof *out);
    size_t n_out = 0, k = 0;
    for (size_t g = 0; g <= n_groups; g++) {      /* merge the kept years and this cell's, by FY */
        while (k < n_kept && (g == n_groups || kept[k].fy < groups[g].fy || (kept[k].fy == groups[g].fy &&
                                                                               kept[k].quarter < groups[g].quarter)))
            out[n_out++] = kept[k++];
        if (g < n_groups)
            out[n_out++] = groups[g];
    }
    *v = out;
    *n = n_out;
}

/* ---- numbers */

static bool number_cell(struct reader *r, size_t row, int col, const char *title, double *ret) {
    if (col < 0)
        return false;
    const struct cell *c = sheet_cell(r->s, row, (size_t)col);
    if (c->kind == CELL_NUMBER) {
        *ret = c->number;
        return true;
    }
    const char *t = csv_cell_trim(r->a, raw_text(r, row, col));
    if (!*t)
        return false;
    bool too_big;
    if (number_parse(t, ret, &too_big) < 0) {
        problem(r, title, too_big ? MM_NUMBER_RANGE : MM_BAD_NUMBER, t);
        return false;
    }
    return true;
}

static int fy_cell(struct reader *r, size_t row, int col, const char *title) {
    const char *t = col < 0 ? "" : csv_cell_trim(r->a, raw_text(r, row, col));
    int fy = 0;
    if (*t && fy_parse(t, &fy) < 0)
        problem(r, title, MM_BAD_FY, t);
    return fy;
}

/* ---- a row */

static const char *tail_title(int i) { return measure_list_tail[i].title; }

/* The KPI columns of a row into k (a KPI of the measure, or a new one); false when the row has
 * none of them. */
static bool kpi_row(struct reader *r, size_t row, struct kpi *k, bool is_new) {
    bool any = false;
    for (int i = ML_KPI; i < ML_KPI_LATEST; i++)
        any |= r->tail[i] >= 0 && *csv_cell_trim(r->a, raw_text(r, row, r->tail[i]));
    if (!any)
        return false;
    k->name = (char *)text_of(r, row, r->tail[ML_KPI], tail_title(ML_KPI), &field_label, false);
    if (r->tail[ML_KPI_UNIT] >= 0)
        k->unit = (char *)text_of(r, row, r->tail[ML_KPI_UNIT], tail_title(ML_KPI_UNIT), &field_label, false);
    const char *dir = r->tail[ML_KPI_DIRECTION] < 0 ? "" : csv_cell_trim(r->a, raw_text(r, row, r->tail[ML_KPI_DIRECTION]));
    if (*dir && direction_parse_ja(dir, &k->direction) < 0)
        problem(r, tail_title(ML_KPI_DIRECTION), MM_BAD_DIRECTION, dir);
    else if (!*dir && is_new)
        k->direction = DIR_INCREASE;
    if (r->tail[ML_KPI_BASELINE] >= 0) {
        k->has_baseline = number_cell(r, row, r->tail[ML_KPI_BASELINE], tail_title(ML_KPI_BASELINE), &k->baseline_value);
        if (!k->has_baseline || r->tail[ML_KPI_BASELINE_FY] >= 0)
            k->baseline_fy = k->has_baseline ? fy_cell(r, row, r->tail[ML_KPI_BASELINE_FY], tail_title(ML_KPI_BASELINE_FY)) : 0;
    }
    if (r->tail[ML_KPI_TARGET] >= 0) {
        const char *t = csv_cell_trim(r->a, raw_text(r, row, r->tail[ML_KPI_TARGET]));
        if (strcmp(t, W_UNDECIDED) == 0 || !*t) {
            k->target_state = TARGET_UNDECIDED;
        } else if (strcmp(t, W_NONE) == 0) {
            k->target_state = TARGET_NONE;
        } else if (number_cell(r, row, r->tail[ML_KPI_TARGET], tail_title(ML_KPI_TARGET), &k->target_value)) {
            k->target_state = TARGET_SET;
            if (r->tail[ML_KPI_TARGET_FY] >= 0)
                k->target_fy = fy_cell(r, row, r->tail[ML_KPI_TARGET_FY], tail_title(ML_KPI_TARGET_FY));
        }
        if (k->target_state != TARGET_SET)
            k->target_value = 0, k->target_fy = 0;
    } else if (is_new) {
        k->target_state = TARGET_UNDECIDED;
    }
    return true;
}

/* The measure's own columns (the first row of a measure). */
static void measure_row(struct reader *r, size_t row, struct measure *m) {
    const char *title = text_of(r, row, r->head[ML_TITLE], measure_list_head[ML_TITLE].title, &field_label, true);
    if (title)
        m->title = (char *)title;
    if (r->head[ML_DEPARTMENTS] >= 0)
        departments(r, raw_text(r, row, r->head[ML_DEPARTMENTS]), measure_list_head[ML_DEPARTMENTS].title,
                    &m->departments);
    if (r->head[ML_STATUS] >= 0) {
        const char *st = csv_cell_trim(r->a, raw_text(r, row, r->head[ML_STATUS]));
        if (*st && measure_status_parse_ja(st, &m->status) < 0)
            problem(r, measure_list_head[ML_STATUS].title, MM_BAD_STATUS, st);
    }
    if (r->head[ML_CURRENT] >= 0)
        m->current = (char *)text_of(r, row, r->head[ML_CURRENT], measure_list_head[ML_CURRENT].title, &field_text, false);
    if (r->head[ML_IDEAL] >= 0)
        m->ideal = (char *)text_of(r, row, r->head[ML_IDEAL], measure_list_head[ML_IDEAL].title, &field_text, false);
    for (size_t c = 0; c < r->s->n_cols; c++)
        if (r->fy_of[c])
            items_into(r, raw_text(r, row, (int)c), r->fy_of[c], arena_printf(r->a, "%s%d年度", ML_SCHEDULE_PREFIX, r->fy_of[c]),
                       &m->schedule, &m->n_schedule);
    if (r->tail[ML_PROGRESS] >= 0)
        items_into(r, raw_text(r, row, r->tail[ML_PROGRESS]), 0, tail_title(ML_PROGRESS), &m->progress, &m->n_progress);
}

static bool row_blank(struct reader *r, size_t row) {
    for (size_t c = 0; c < r->s->n_cols; c++)
        if (*csv_cell_trim(r->a, raw_text(r, row, (int)c)))
            return false;
    return true;
}

int measure_list_apply(struct arena *a, struct org_doc *doc, struct plan *p, const struct sheet *s, bool japanese,
                       struct ml_result *ret) {
    *ret = (struct ml_result){0};
    struct reader r = {.a = a, .doc = doc, .p = p, .s = s, .ja = japanese, .res = ret};
    if (!find_header(s, &r.header)) {
        problem(&r, NULL, MM_NO_HEADER, NULL);
        return KW_EINVAL;
    }
    map_columns(&r);
    if (ret->n_problems)
        return KW_EINVAL;
    /* the path of each measure row read, to tell a further KPI's row from a duplicate */
    const char **paths = arena_alloc(a, (s->n_rows + 1) * sizeof *paths);
    int *path_rows = arena_alloc(a, (s->n_rows + 1) * sizeof *path_rows);
    size_t n_paths = 0, kpi_index = 0;
    const char *last_path = NULL;
    for (size_t row = r.header + 1; row < s->n_rows; row++) {
        if (row_blank(&r, row))
            continue;
        r.row = row_number(s, row);
        ret->rows++;
        size_t before = ret->n_problems;
        const char *pcode = text_of(&r, row, r.head[ML_PILLAR_CODE], measure_list_head[ML_PILLAR_CODE].title, &field_label, true);
        const char *ptitle = text_of(&r, row, r.head[ML_PILLAR], measure_list_head[ML_PILLAR].title, &field_label, false);
        const char *tcode = text_of(&r, row, r.head[ML_THEME_CODE], measure_list_head[ML_THEME_CODE].title, &field_label, false);
        const char *ttitle = text_of(&r, row, r.head[ML_THEME], measure_list_head[ML_THEME].title, &field_label, false);
        const char *mcode = text_of(&r, row, r.head[ML_CODE], measure_list_head[ML_CODE].title, &field_label, true);
        if (ret->n_problems > before) {
            last_path = NULL;
            continue;
        }
        const char *path = arena_printf(a, "%s\x1f%s\x1f%s\x1f%s", pcode, tcode ? tcode : "", tcode ? "" : ttitle ? ttitle : "", mcode);
        bool further = last_path && strcmp(path, last_path) == 0;
        if (!further)
            for (size_t i = 0; i < n_paths; i++)
                if (strcmp(paths[i], path) == 0) {
                    problem(&r, measure_list_head[ML_CODE].title, MM_DUPLICATE_ROW, arena_printf(a, "%d", path_rows[i]));
                    break;
                }
        if (ret->n_problems > before)
            continue;
        struct pillar *pl = pillar_of(&r, pcode, ptitle);
        struct theme *t = pl ? theme_of(&r, pl, tcode, ttitle) : NULL;
        if (!t) {
            last_path = NULL;                   /* a row with a problem ends a measure's rows */
            continue;
        }
        bool is_new;
        struct measure *m = measure_of(&r, t, mcode, &is_new);
        if (further) {
            kpi_index++;
        } else {
            kpi_index = 0;
            paths[n_paths] = path;
            path_rows[n_paths++] = r.row;
            last_path = path;
            measure_row(&r, row, m);
        }
        bool new_kpi = kpi_index >= m->n_kpis;
        struct kpi k = new_kpi ? (struct kpi){0} : m->kpis[kpi_index];
        if (kpi_row(&r, row, &k, new_kpi)) {
            if (new_kpi) {
                PUSH(a, m->kpis, m->n_kpis);
                kpi_index = m->n_kpis - 1;
            }
            m->kpis[kpi_index] = k;
        }
    }
    if (ret->rows == 0)
        problem(&r, NULL, MM_NO_ROWS, NULL);
    return ret->n_problems ? KW_EINVAL : 0;
}

const char *measure_list_problem_text(struct arena *a, const struct ml_problem *pr, bool japanese) {
    return csv_problem_text(a, pr->row, pr->column, pr->message, japanese);
}
