/* The survey CSV of the workload inventory (see survey_csv.h): the header's columns, each row
 * checked, rows grouped into departments × FYs → businesses → steps with the business columns
 * compared across a business's rows, every error kept with its line; then the store applies it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "core/field.h"
#include "core/fiscal.h"
#include "core/number.h"
#include "util/utf8.h"
#include "xfer/csv_cells.h"
#include "xfer/survey_csv.h"

enum column {
    COL_DEPARTMENT, COL_FY, COL_CODE, COL_BUSINESS, COL_VOLUME, COL_STEP, COL_STEP_NAME, COL_MINUTES, COL_STAFF,
    COL_CHANNEL, COL_PAPER, COL_SEAL, COL_IN_PERSON, COL_TRANSCRIPTION, COL_APPROVAL, COL_NOTE, COL_COUNT
};
enum { COL_FIRST_FLAG = COL_PAPER };

/* The names a header may give each column, in the template's order (compared after NFKC and
 * case folding: 所要時間(分) and MINUTES are 所要時間（分） and minutes). The flags are in
 * flag_names' (bit) order. */
static const char *const column_names[COL_COUNT][2] = {
    [COL_DEPARTMENT] = {"課コード", "department"},
    [COL_FY] = {"調査年度", "survey_fy"},
    [COL_CODE] = {"業務コード", "business_code"},
    [COL_BUSINESS] = {"業務名", "business"},
    [COL_VOLUME] = {"年間件数", "volume"},
    [COL_STEP] = {"手順番号", "step"},
    [COL_STEP_NAME] = {"手順名", "step_name"},
    [COL_MINUTES] = {"所要時間（分）", "minutes"},
    [COL_STAFF] = {"担い手", "staff"},
    [COL_CHANNEL] = {"経路", "channel"},
    [COL_PAPER] = {"紙", "paper"},
    [COL_SEAL] = {"押印", "seal"},
    [COL_IN_PERSON] = {"対面", "in_person"},
    [COL_TRANSCRIPTION] = {"転記", "transcription"},
    [COL_APPROVAL] = {"決裁", "approval"},
    [COL_NOTE] = {"備考", "note"},
};

/* The Japanese words of the staff types and channels, in core/workload.h's order. */
static const char *const staff_words[] = {"正規職員", "会計年度任用職員", "委託", NULL};
static const char *const channel_words[] = {"窓口", "電話", "郵送", "オンライン", "庁内", NULL};
/* A flag's values (after NFKC and case folding). */
static const char *const flag_set[] = {"○", "〇", "◯", "1", "はい", "yes", "true", "x", NULL};
static const char *const flag_unset[] = {"0", "いいえ", "no", "false", NULL};

/* Messages in Japanese and English; each takes at most two %s, in the order given. */
enum survey_msg {
    SM_EMPTY, SM_NO_ROWS, SM_TOO_MANY_ROWS, SM_UNKNOWN_COLUMN, SM_DUPLICATE_COLUMN, SM_MISSING_COLUMN,
    SM_TOO_MANY_FIELDS, SM_REQUIRED, SM_NO_STEP, SM_NO_DEPARTMENT, SM_BAD_FY, SM_BAD_NUMBER, SM_NUMBER_RANGE,
    SM_NEGATIVE, SM_BAD_STEP, SM_DUPLICATE_STEP, SM_BAD_STAFF, SM_BAD_CHANNEL, SM_BAD_FLAG, SM_DISAGREE,
    SM_TOO_LONG, SM_CONTROL, SM_CONTROL_LINE,
};

static const char *const messages[][2] = {
    [SM_EMPTY] = {"ファイルが空です。", "the file is empty"},
    [SM_NO_ROWS] = {"見出し行の後に手順の行がありません。", "there are no step rows after the header"},
    [SM_TOO_MANY_ROWS] = {"1つのファイルで取り込めるのは%s行までです。", "at most %s rows can be imported from one file"},
    [SM_UNKNOWN_COLUMN] = {"知らない列名です（使える列名：課コード、調査年度、業務コード、業務名、年間件数、手順番号、"
                           "手順名、所要時間（分）、担い手、経路、紙、押印、対面、転記、決裁、備考）。",
                           "unknown column (known columns: department, survey_fy, business_code, business, volume, "
                           "step, step_name, minutes, staff, channel, paper, seal, in_person, transcription, "
                           "approval, note)"},
    [SM_DUPLICATE_COLUMN] = {"同じ列が2回あります。", "this column appears twice"},
    [SM_MISSING_COLUMN] = {"この列がありません。", "this column is missing"},
    [SM_TOO_MANY_FIELDS] = {"見出しより項目が多い行です（%s個）。", "the line has more fields than the header (%s)"},
    [SM_REQUIRED] = {"入力がありません。", "this field is empty"},
    [SM_NO_STEP] = {"手順がありません（1行が業務の手順1つです。手順番号・手順名・所要時間を入力してください）。",
                    "the line has no step (each line is one step of a business: give its step, step_name and "
                    "minutes)"},
    [SM_NO_DEPARTMENT] = {"この団体に課コード「%s」の課はありません。", "no department with code %s in this organisation"},
    [SM_BAD_FY] = {CSV_BAD_FY_JA, CSV_BAD_FY_EN},
    [SM_BAD_NUMBER] = {"数値ではありません（「%s」）。半角・全角の数字、「1,234」の形で入力できます。",
                       "not a number: %s (digits, also full-width, like 1,234)"},
    [SM_NUMBER_RANGE] = {"値が大きすぎます（「%s」）。±1e15（1000兆）までです。", "too large: %s (at most ±1e15)"},
    [SM_NEGATIVE] = {"0以上の数値を入力してください（「%s」）。", "must be 0 or more: %s"},
    [SM_BAD_STEP] = {"手順番号は1から999までの整数で入力してください（「%s」）。",
                     "not a step number (a whole number from 1 to 999): %s"},
    [SM_DUPLICATE_STEP] = {"この業務の手順%sは%s行目にもあります（手順番号は業務の中で重複できません）。",
                           "step %s of this business is on line %s already (a business numbers its steps once)"},
    [SM_BAD_STAFF] = {"担い手は「正規職員」「会計年度任用職員」「委託」のいずれかで入力してください（「%s」）。",
                      "staff must be regular, fiscal_year or outsourced (正規職員, 会計年度任用職員, 委託): %s"},
    [SM_BAD_CHANNEL] = {"経路は「窓口」「電話」「郵送」「オンライン」「庁内」のいずれかで入力してください（「%s」）。",
                        "channel must be counter, phone, mail, online or internal (窓口, 電話, 郵送, オンライン, "
                        "庁内): %s"},
    [SM_BAD_FLAG] = {"「○」「1」「はい」（あり）か、空欄・「0」「いいえ」（なし）で入力してください（「%s」）。",
                     "not a flag: %s (○, 1, yes, true or x when set; empty, 0, no or false when not)"},
    [SM_DISAGREE] = {"同じ業務の%s行目（「%s」）と違います。", "differs from line %s of the same business (%s)"},
    [SM_TOO_LONG] = {"長すぎます（%s文字まで）。", "too long (at most %s characters)"},
    [SM_CONTROL] = {"制御文字は入力できません（改行とタブは使えます）。",
                    "control characters are not allowed (line breaks and tabs are)"},
    [SM_CONTROL_LINE] = {"改行・タブなどの制御文字を含めずに1行で入力してください。",
                         "must be one line without line breaks, tabs or other control characters"},
};

/* A business while the file is read: its steps' lines, and the lines that gave its columns. */
struct biz {
    struct business b;
    size_t cap_steps, cap_lines;
    int *step_lines;                    /* parallel to b.steps */
    int line;                           /* its first line: name and volume */
    const char *volume_text;            /* the volume as that line wrote it */
    int note_line;                      /* the first line with a note (0: none yet) */
};

struct part {
    int64_t department_id;
    const char *department_code;
    int fy, line;                       /* line: where it first appears */
    struct biz *v;
    size_t n, cap, last;                /* last: the business of the previous row, tried first */
};

struct reader {
    struct db *db;
    struct arena *a;
    bool japanese;
    struct survey_file *file;
    size_t cap_errors;
    int col[COL_COUNT];                 /* field index of each column, -1 when absent */
    const char *header[CSV_MAX_FIELDS]; /* the header's names as written, trimmed */
    size_t n_header;
    struct department *departments;
    size_t n_departments;
    struct part *parts;
    size_t n_parts, cap_parts;
};

/* ---- errors */

static void add_error2(struct reader *rd, int line, const char *column, enum survey_msg m, const char *arg,
                       const char *arg2) {
    struct survey_file *f = rd->file;
    if (f->n_errors >= SURVEY_MAX_ERRORS) {
        f->more_errors = true;
        return;
    }
    const char *fmt = messages[m][rd->japanese ? 0 : 1];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    char *msg = arena_printf(rd->a, fmt, arg ? arg : "", arg2 ? arg2 : "");
#pragma GCC diagnostic pop
    f->errors = arena_grow(rd->a, f->errors, sizeof *f->errors, &rd->cap_errors, f->n_errors + 1);
    f->errors[f->n_errors++] = (struct survey_error){line, column, msg};
}

static void add_error(struct reader *rd, int line, const char *column, enum survey_msg m, const char *arg) {
    add_error2(rd, line, column, m, arg, NULL);
}

const char *survey_error_text(struct arena *a, const struct survey_error *e, bool japanese) {
    return csv_problem_text(a, e->line, e->column, e->message, japanese);
}

const char *survey_conflict_text(struct arena *a, const struct survey_conflict *c, bool japanese) {
    if (japanese)
        return arena_printf(a, "課「%s」%d年度の業務「%s」（%s）の手順%d「%s」には手段「%s」が適用されています。"
                               "ファイルにこの手順がないため削除することになり、取り込めません。"
                               "先に手段の適用を外すか、ファイルに手順を残してください。",
                            c->department_code, c->survey_fy, c->business_code, c->business_name, c->step_number,
                            c->step_name, c->means_name);
    return arena_printf(a, "department %s, FY %d: business %s (%s), step %d (%s) has the means %s applied to it; "
                           "the file leaves the step out, which would delete it: remove the application first, or "
                           "keep the step in the file",
                        c->department_code, c->survey_fy, c->business_code, c->business_name, c->step_number,
                        c->step_name, c->means_name);
}

/* ---- cells */

/* s after NFKC and case folding, in a ("" when s is not UTF-8, which the file was checked for). */
static const char *folded(struct arena *a, const char *s) {
    char *n = utf8_normalize(s);
    const char *r = arena_strdup(a, n ? n : "");
    free(n);
    return r;
}

/* The index of s (folded) in a NULL-terminated list, or -1. */
static int word_index(const char *const *list, const char *s) {
    for (int i = 0; list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return i;
    return -1;
}

/* The trimmed field of column c in record r ("" when the column or the field is absent). */
static const char *field(struct reader *rd, const struct csv_record *r, enum column c) {
    int i = rd->col[c];
    return i >= 0 && (size_t)i < r->n ? csv_cell_trim(rd->a, r->fields[i]) : "";
}

static const char *column_label(struct reader *rd, enum column c) { return rd->header[rd->col[c]]; }

/* A text column under rule (core/field.h, as forms and the API check it); NULL after an error
 * or, when not required, for an empty field (then "" is returned). */
static const char *text_of(struct reader *rd, const struct csv_record *r, enum column c,
                           const struct field_rule *rule, bool required) {
    const char *s = field(rd, r, c);
    switch (field_check_str(s, rule, required)) {
    case FIELD_OK:
        return s;
    case FIELD_BLANK:
        if (required) {
            add_error(rd, r->line, column_label(rd, c), SM_REQUIRED, NULL);
            return NULL;
        }
        return "";
    case FIELD_TOO_LONG:
        add_error(rd, r->line, column_label(rd, c), SM_TOO_LONG, arena_printf(rd->a, "%u", rule->max));
        return NULL;
    case FIELD_CONTROL:
    case FIELD_BAD_UTF8:
        add_error(rd, r->line, column_label(rd, c), rule->lines ? SM_CONTROL : SM_CONTROL_LINE, NULL);
        return NULL;
    }
    return NULL;
}

/* A number >= 0 as people type it; false after an error. */
static bool amount_of(struct reader *rd, const struct csv_record *r, enum column c, double *ret) {
    const char *s = field(rd, r, c);
    bool too_big = false;
    if (!*s)
        add_error(rd, r->line, column_label(rd, c), SM_REQUIRED, NULL);
    else if (number_parse(s, ret, &too_big) < 0)
        add_error(rd, r->line, column_label(rd, c), too_big ? SM_NUMBER_RANGE : SM_BAD_NUMBER,
                  csv_cell_quote(rd->a, s));
    else if (*ret < 0)
        add_error(rd, r->line, column_label(rd, c), SM_NEGATIVE, csv_cell_quote(rd->a, s));
    else
        return true;
    return false;
}

/* One of a list of words (Japanese, or the English names); -1 after an error. */
static int choice_of(struct reader *rd, const struct csv_record *r, enum column c, const char *const *words,
                     const char *const *names, enum survey_msg bad) {
    const char *s = field(rd, r, c);
    if (!*s) {
        add_error(rd, r->line, column_label(rd, c), SM_REQUIRED, NULL);
        return -1;
    }
    const char *f = folded(rd->a, s);
    int i = word_index(words, f);
    if (i < 0)
        i = word_index(names, f);
    if (i < 0)
        add_error(rd, r->line, column_label(rd, c), bad, csv_cell_quote(rd->a, s));
    return i;
}

/* The flags of a row; false after an error. */
static bool flags_of(struct reader *rd, const struct csv_record *r, unsigned *ret) {
    bool ok = true;
    *ret = 0;
    for (int f = 0; f < FLAG_COUNT; f++) {
        const char *s = field(rd, r, COL_FIRST_FLAG + f);
        const char *v = folded(rd->a, s);
        if (word_index(flag_set, v) >= 0)
            *ret |= 1u << f;
        else if (*v && word_index(flag_unset, v) < 0) {
            add_error(rd, r->line, column_label(rd, COL_FIRST_FLAG + f), SM_BAD_FLAG, csv_cell_quote(rd->a, s));
            ok = false;
        }
    }
    return ok;
}

/* ---- the header */

static enum column column_of(struct reader *rd, const char *name) {
    const char *f = folded(rd->a, name);
    for (int c = 0; c < COL_COUNT; c++)
        if (strcmp(f, folded(rd->a, column_names[c][0])) == 0 || strcmp(f, column_names[c][1]) == 0)
            return (enum column)c;
    return COL_COUNT;
}

static void read_header(struct reader *rd, const struct csv_record *h) {
    for (int c = 0; c < COL_COUNT; c++)
        rd->col[c] = -1;
    rd->n_header = h->n;
    for (size_t i = 0; i < h->n; i++) {
        const char *name = rd->header[i] = csv_cell_trim(rd->a, h->fields[i]);
        enum column c = column_of(rd, name);
        if (c == COL_COUNT)
            add_error(rd, h->line, csv_cell_quote(rd->a, name), SM_UNKNOWN_COLUMN, NULL);
        else if (rd->col[c] >= 0)
            add_error(rd, h->line, name, SM_DUPLICATE_COLUMN, NULL);
        else
            rd->col[c] = (int)i;
    }
    for (int c = 0; c < COL_COUNT; c++)
        if (rd->col[c] < 0 && c != COL_NOTE)
            add_error(rd, h->line, arena_printf(rd->a, "%s/%s", column_names[c][0], column_names[c][1]),
                      SM_MISSING_COLUMN, NULL);
}

/* ---- rows */

/* The row's department, FY and code: what its business is known by. */
struct row_key { int64_t department_id; const char *department_code; int fy; const char *code; };

/* The row's business columns. */
struct row_business { const char *name, *note; double volume; bool name_ok, volume_ok, note_ok; };

static bool key_of(struct reader *rd, const struct csv_record *r, struct row_key *k) {
    bool ok = true;
    const char *dept = field(rd, r, COL_DEPARTMENT);
    k->department_id = 0;
    if (!*dept) {
        add_error(rd, r->line, column_label(rd, COL_DEPARTMENT), SM_REQUIRED, NULL);
        ok = false;
    } else {
        for (size_t i = 0; i < rd->n_departments && !k->department_id; i++)
            if (strcmp(rd->departments[i].code, dept) == 0) {
                k->department_id = rd->departments[i].id;
                k->department_code = rd->departments[i].code;
            }
        if (!k->department_id) {
            add_error(rd, r->line, column_label(rd, COL_DEPARTMENT), SM_NO_DEPARTMENT, csv_cell_quote(rd->a, dept));
            ok = false;
        }
    }
    const char *fy = field(rd, r, COL_FY);
    if (!*fy) {
        add_error(rd, r->line, column_label(rd, COL_FY), SM_REQUIRED, NULL);
        ok = false;
    } else if (fy_parse(fy, &k->fy) < 0) {
        add_error(rd, r->line, column_label(rd, COL_FY), SM_BAD_FY, csv_cell_quote(rd->a, fy));
        ok = false;
    }
    k->code = text_of(rd, r, COL_CODE, FIELD_BUSINESS_CODE, true);
    return ok && k->code;
}

static struct part *part_of(struct reader *rd, const struct row_key *k, int line) {
    for (size_t i = 0; i < rd->n_parts; i++)
        if (rd->parts[i].department_id == k->department_id && rd->parts[i].fy == k->fy)
            return &rd->parts[i];
    rd->parts = arena_grow(rd->a, rd->parts, sizeof *rd->parts, &rd->cap_parts, rd->n_parts + 1);
    struct part *p = &rd->parts[rd->n_parts++];
    *p = (struct part){.department_id = k->department_id, .department_code = k->department_code, .fy = k->fy,
                       .line = line};
    return p;
}

/* The business of code in p, added (and *added set) when it is new. */
static struct biz *biz_of(struct reader *rd, struct part *p, const char *code, bool *added) {
    *added = false;
    if (p->n && strcmp(p->v[p->last].b.code, code) == 0)
        return &p->v[p->last];
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->v[i].b.code, code) == 0)
            return &p->v[p->last = i];
    p->v = arena_grow(rd->a, p->v, sizeof *p->v, &p->cap, p->n + 1);
    p->last = p->n;
    struct biz *z = &p->v[p->n++];
    *z = (struct biz){.b = {.survey_fy = p->fy, .department_id = p->department_id, .code = (char *)code}};
    *added = true;
    return z;
}

/* A business column given again on a later row, compared with what its first row said. */
static void disagree(struct reader *rd, const struct csv_record *r, enum column c, int first_line, const char *was) {
    add_error2(rd, r->line, column_label(rd, c), SM_DISAGREE, arena_printf(rd->a, "%d", first_line),
               csv_cell_quote(rd->a, was));
}

/* The row's business columns set on a new business or compared with the ones it had. */
static void business_columns(struct reader *rd, const struct csv_record *r, struct biz *z, bool added,
                             const struct row_business *rb) {
    if (added) {
        z->line = r->line;
        z->b.name = (char *)(rb->name_ok ? rb->name : "");
        z->b.volume = rb->volume_ok ? rb->volume : NAN;
        z->volume_text = field(rd, r, COL_VOLUME);
    } else {
        if (rb->name_ok && *z->b.name && strcmp(z->b.name, rb->name) != 0)
            disagree(rd, r, COL_BUSINESS, z->line, z->b.name);
        if (rb->volume_ok && !isnan(z->b.volume) && z->b.volume != rb->volume)
            disagree(rd, r, COL_VOLUME, z->line, z->volume_text);
    }
    if (rb->note_ok && !utf8_is_blank(rb->note)) {
        if (!z->note_line) {
            z->note_line = r->line;
            z->b.note = (char *)rb->note;
        } else if (strcmp(z->b.note, rb->note) != 0) {
            disagree(rd, r, COL_NOTE, z->note_line, z->b.note);
        }
    }
}

static void read_row(struct reader *rd, const struct csv_record *r) {
    if (r->n > rd->n_header) {
        add_error(rd, r->line, NULL, SM_TOO_MANY_FIELDS, arena_printf(rd->a, "%zu", r->n));
        return;
    }
    struct row_key k;
    bool key_ok = key_of(rd, r, &k);
    struct row_business rb = {0};
    rb.name = text_of(rd, r, COL_BUSINESS, &field_label, true);
    rb.name_ok = rb.name != NULL;
    rb.volume_ok = amount_of(rd, r, COL_VOLUME, &rb.volume);
    rb.note = rd->col[COL_NOTE] >= 0 ? text_of(rd, r, COL_NOTE, &field_text, false) : "";
    rb.note_ok = rb.note != NULL;

    /* the step: a row without its number, name and minutes is a business without a step */
    struct step s = {0};
    bool step_ok = true;
    const char *number = field(rd, r, COL_STEP);
    if (!*number && !*field(rd, r, COL_STEP_NAME) && !*field(rd, r, COL_MINUTES)) {
        add_error(rd, r->line, NULL, SM_NO_STEP, NULL);
        step_ok = false;
    } else {
        double n;
        if (!*number) {
            add_error(rd, r->line, column_label(rd, COL_STEP), SM_REQUIRED, NULL);
            step_ok = false;
        } else if (number_parse(number, &n, NULL) < 0 || n != floor(n) || n < 1 || n > SURVEY_MAX_STEP) {
            add_error(rd, r->line, column_label(rd, COL_STEP), SM_BAD_STEP, csv_cell_quote(rd->a, number));
            step_ok = false;
        } else {
            s.number = (int)n;
        }
        s.name = (char *)text_of(rd, r, COL_STEP_NAME, &field_label, true);
        step_ok &= s.name != NULL;
        step_ok &= amount_of(rd, r, COL_MINUTES, &s.minutes);
        int staff = choice_of(rd, r, COL_STAFF, staff_words, staff_type_names, SM_BAD_STAFF);
        int channel = choice_of(rd, r, COL_CHANNEL, channel_words, channel_names, SM_BAD_CHANNEL);
        step_ok &= staff >= 0 && channel >= 0;
        s.staff = staff < 0 ? STAFF_REGULAR : (enum staff_type)staff;
        s.channel = channel < 0 ? CHANNEL_COUNTER : (enum channel)channel;
        step_ok &= flags_of(rd, r, &s.flags);
    }
    if (!key_ok)
        return;

    struct part *p = part_of(rd, &k, r->line);
    bool added;
    struct biz *z = biz_of(rd, p, k.code, &added);
    business_columns(rd, r, z, added, &rb);
    if (!step_ok)
        return;
    for (size_t i = 0; i < z->b.n_steps; i++)
        if (z->b.steps[i].number == s.number) {
            add_error2(rd, r->line, column_label(rd, COL_STEP), SM_DUPLICATE_STEP, arena_printf(rd->a, "%d", s.number),
                       arena_printf(rd->a, "%d", z->step_lines[i]));
            return;
        }
    z->b.steps = arena_grow(rd->a, z->b.steps, sizeof *z->b.steps, &z->cap_steps, z->b.n_steps + 1);
    z->step_lines = arena_grow(rd->a, z->step_lines, sizeof *z->step_lines, &z->cap_lines, z->b.n_steps + 1);
    z->step_lines[z->b.n_steps] = r->line;
    z->b.steps[z->b.n_steps++] = s;
}

/* A row with nothing in it but spaces (spreadsheets save the rows of an empty table so). */
static bool row_blank(const struct csv_record *r) {
    for (size_t i = 0; i < r->n; i++)
        if (!utf8_is_blank(r->fields[i]))
            return false;
    return true;
}

static int by_number(const void *x, const void *y) {
    const struct step *a = x, *b = y;
    return (a->number > b->number) - (a->number < b->number);
}

/* The parts read, as the store takes them: each business's steps in number order. */
static void finish(struct reader *rd) {
    struct survey_file *f = rd->file;
    f->parts = arena_alloc(rd->a, (rd->n_parts ? rd->n_parts : 1) * sizeof *f->parts);
    f->part_lines = arena_alloc(rd->a, (rd->n_parts ? rd->n_parts : 1) * sizeof *f->part_lines);
    f->n_parts = rd->n_parts;
    for (size_t i = 0; i < rd->n_parts; i++) {
        const struct part *p = &rd->parts[i];
        f->part_lines[i] = p->line;
        struct business *v = arena_alloc(rd->a, (p->n ? p->n : 1) * sizeof *v);
        for (size_t j = 0; j < p->n; j++) {
            v[j] = p->v[j].b;
            qsort(v[j].steps, v[j].n_steps, sizeof *v[j].steps, by_number);
            f->n_steps += v[j].n_steps;
        }
        f->parts[i] = (struct survey_part){.department_id = p->department_id, .department_code = p->department_code,
                                           .survey_fy = p->fy, .businesses = v, .n = p->n};
        f->n_businesses += p->n;
    }
}

/* ---- the file */

static int read_records(struct reader *rd, const char *data, size_t len, struct csv_record **ret, size_t *ret_n) {
    const char *text;
    size_t text_len;
    struct csv_error e;
    if (csv_to_utf8(rd->a, data, len, &text, &text_len, &rd->file->encoding, &e) < 0 ||
        csv_read_records(rd->a, text, text_len, ret, ret_n, &e) < 0) {
        char msg[300];
        csv_error_format(&e, rd->japanese, msg, sizeof msg);
        struct survey_file *f = rd->file;
        f->errors = arena_grow(rd->a, f->errors, sizeof *f->errors, &rd->cap_errors, f->n_errors + 1);
        f->errors[f->n_errors++] = (struct survey_error){e.line, NULL, arena_strdup(rd->a, msg)};
        return KW_EINVAL;
    }
    if (*ret_n == 0) {
        add_error(rd, 0, NULL, SM_EMPTY, NULL);
        return KW_EINVAL;
    }
    return 0;
}

int survey_csv_parse(struct db *db, struct arena *a, int64_t org_id, const char *data, size_t len, bool japanese,
                     struct survey_file *ret) {
    memset(ret, 0, sizeof *ret);
    struct reader rd = {.db = db, .a = a, .japanese = japanese, .file = ret};
    struct csv_record *recs;
    size_t n;
    if (read_records(&rd, data, len, &recs, &n) < 0)
        return KW_EINVAL;
    read_header(&rd, &recs[0]);
    size_t rows = 0;
    for (size_t i = 1; i < n; i++)
        rows += !row_blank(&recs[i]);
    if (rows == 0)
        add_error(&rd, recs[0].line, NULL, SM_NO_ROWS, NULL);
    else if (rows > SURVEY_MAX_ROWS)
        add_error(&rd, 0, NULL, SM_TOO_MANY_ROWS, arena_printf(a, "%d", SURVEY_MAX_ROWS));
    if (ret->n_errors)
        return KW_EINVAL;
    int rc = store_departments(db, a, org_id, &rd.departments, &rd.n_departments);
    if (rc < 0)
        return rc;
    for (size_t i = 1; i < n; i++)
        if (!row_blank(&recs[i]))
            read_row(&rd, &recs[i]);
    if (ret->n_errors)
        return KW_EINVAL;
    finish(&rd);
    return 0;
}

int survey_csv_import(struct db *db, struct arena *a, int64_t org_id, const char *data, size_t len, bool japanese,
                      const struct actor *who, struct survey_file *file, struct survey_result *ret_result) {
    memset(ret_result, 0, sizeof *ret_result);
    int rc = survey_csv_parse(db, a, org_id, data, len, japanese, file);
    if (rc < 0)
        return rc;
    return store_survey_apply(db, a, org_id, file->parts, file->n_parts, who, ret_result);
}

void survey_csv_template(struct buf *out, bool japanese) {
    buf_puts(out, "\xef\xbb\xbf");
    for (int c = 0; c < COL_COUNT; c++) {
        if (c)
            buf_puts(out, ",");
        buf_puts(out, column_names[c][japanese ? 0 : 1]);
    }
    buf_puts(out, "\r\n");
}

/* Widths of the survey's columns in a workbook, in the template's order. */
static const double column_widths[COL_COUNT] = {
    [COL_DEPARTMENT] = 10, [COL_FY] = 8, [COL_CODE] = 10, [COL_BUSINESS] = 24, [COL_VOLUME] = 9, [COL_STEP] = 6,
    [COL_STEP_NAME] = 24, [COL_MINUTES] = 8, [COL_STAFF] = 12, [COL_CHANNEL] = 8, [COL_PAPER] = 4, [COL_SEAL] = 4,
    [COL_IN_PERSON] = 4, [COL_TRANSCRIPTION] = 4, [COL_APPROVAL] = 4, [COL_NOTE] = 24,
};

void survey_sheet(struct sheet *s, struct arena *a, const struct workload_inventory *inv,
                  const struct department *depts, size_t n_depts) {
    struct sheet_col *cols = arena_alloc(a, COL_COUNT * sizeof *cols);
    for (int c = 0; c < COL_COUNT; c++)
        cols[c] = (struct sheet_col){column_names[c][0], column_names[c][1], column_widths[c],
                                     c == COL_BUSINESS || c == COL_STEP_NAME || c == COL_NOTE};
    sheet_init(s, a, "業務棚卸し", "inventory", cols, COL_COUNT);
    s->freeze_cols = COL_BUSINESS + 1;
    for (size_t i = 0; i < inv->n; i++) {
        const struct business *b = &inv->businesses[i];
        const char *dept = NULL;
        for (size_t d = 0; d < n_depts && !dept; d++)
            if (depts[d].id == b->department_id)
                dept = depts[d].code;
        for (size_t k = 0; k < b->n_steps; k++) {
            const struct step *st = &b->steps[k];
            struct cell *row = sheet_add_row(s);
            cell_set_text(&row[COL_DEPARTMENT], dept);
            cell_set_number(&row[COL_FY], b->survey_fy);
            cell_set_text(&row[COL_CODE], b->code);
            cell_set_text(&row[COL_BUSINESS], b->name);
            cell_set_number(&row[COL_VOLUME], b->volume);
            cell_set_number(&row[COL_STEP], st->number);
            cell_set_text(&row[COL_STEP_NAME], st->name);
            cell_set_number(&row[COL_MINUTES], st->minutes);
            cell_set_text(&row[COL_STAFF], staff_words[st->staff]);
            cell_set_text(&row[COL_CHANNEL], channel_words[st->channel]);
            for (int f = 0; f < FLAG_COUNT; f++)
                if (st->flags & (1u << f))
                    cell_set_text(&row[COL_PAPER + f], "○");
            cell_set_text(&row[COL_NOTE], b->note);
        }
    }
}
