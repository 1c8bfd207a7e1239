/* The measure list laid out like the plans' 個別業務一覧, and the table of quarterly reviews
 * (plan_sheets.h). */
#include <stdio.h>
#include <string.h>
#include "core/fiscal.h"
#include "core/kpi_calc.h"
#include "core/review.h"
#include "core/words.h"
#include "util/buf.h"
#include "xfer/plan_sheets.h"

const struct sheet_col measure_list_head[ML_FIXED_HEAD] = {
    [ML_PILLAR_CODE] = {"改革番号", "pillar_code", 6, false},
    [ML_PILLAR] = {"改革", "pillar", 22, true},
    [ML_THEME_CODE] = {"取組項目番号", "theme_code", 6, false},
    [ML_THEME] = {"取組項目", "theme", 18, true},
    [ML_CODE] = {"番号", "code", 8, false},
    [ML_TITLE] = {"取組", "title", 26, true},
    [ML_DEPARTMENTS] = {"担当課", "departments", 16, true},
    [ML_STATUS] = {"状態", "status", 8, false},
    [ML_CURRENT] = {"現状", "current", 30, true},
    [ML_IDEAL] = {"理想", "ideal", 30, true},
};
const struct sheet_col measure_list_tail[ML_FIXED_TAIL] = {
    [ML_PROGRESS] = {"進捗", "progress", 30, true},
    [ML_KPI] = {"数値目標", "kpi", 26, true},
    [ML_KPI_UNIT] = {"単位", "unit", 6, false},
    [ML_KPI_DIRECTION] = {"方向", "direction", 8, false},
    [ML_KPI_BASELINE] = {"基準値", "baseline", 9, false},
    [ML_KPI_BASELINE_FY] = {"基準年度", "baseline_fy", 8, false},
    [ML_KPI_TARGET] = {"目標値", "target", 9, false},
    [ML_KPI_TARGET_FY] = {"目標年度", "target_fy", 8, false},
    [ML_KPI_LATEST] = {"最新値", "latest", 9, false},
    [ML_KPI_LATEST_PERIOD] = {"最新値の時点", "latest_period", 11, false},
    [ML_KPI_STATUS] = {"達成状況", "kpi_status", 10, false},
};

/* The fiscal years the schedule columns cover: the plan's period, widened to every year its
 * measures schedule something in. */
static void schedule_years(const struct plan *p, int *from, int *to) {
    *from = p->from_fy, *to = p->to_fy;
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            for (size_t k = 0; k < p->pillars[i].themes[j].n_measures; k++) {
                const struct measure *m = &p->pillars[i].themes[j].measures[k];
                for (size_t x = 0; x < m->n_schedule; x++) {
                    int fy = m->schedule[x].fy;
                    if (!*from || fy < *from)
                        *from = fy;
                    if (!*to || fy > *to)
                        *to = fy;
                }
            }
    if (*from && *to - *from > 20)          /* a sheet, not a ledger: at most 21 columns */
        *to = *from + 20;
}

/* The quarters with a confirmed rating, in order, as fy * 10 + quarter. */
static size_t rated_quarters(const struct plan *p, struct arena *a, int **ret) {
    size_t n = 0, cap = 0;
    int *v = NULL;
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            for (size_t k = 0; k < p->pillars[i].themes[j].n_measures; k++) {
                const struct measure *m = &p->pillars[i].themes[j].measures[k];
                for (size_t x = 0; x < m->n_reviews; x++) {
                    const struct review *rv = &m->reviews[x];
                    if (rv->state != REVIEW_CONFIRMED || !rv->rating || rv->quarter < 1)
                        continue;
                    int key = rv->fy * 10 + rv->quarter;
                    size_t at = 0;
                    while (at < n && v[at] < key)
                        at++;
                    if (at < n && v[at] == key)
                        continue;
                    v = arena_grow(a, v, sizeof *v, &cap, n + 1);
                    memmove(&v[at + 1], &v[at], (n - at) * sizeof *v);
                    v[at] = key;
                    n++;
                }
            }
    *ret = v;
    return n;
}

/* Items of a cell: "○item" lines, under a heading line when they belong to part of the year. */
static void put_items(struct buf *b, const char *heading, const struct strlist *items) {
    if (heading) {
        if (b->len)
            buf_putc(b, '\n');
        buf_puts(b, heading);
    }
    for (size_t i = 0; i < items->n; i++) {
        if (b->len)
            buf_putc(b, '\n');
        buf_puts(b, ML_ITEM_MARK);
        buf_puts(b, items->items[i]);
    }
}

/* A year's items first, then each quarter's under its heading. */
static const char *schedule_cell(struct arena *a, const struct measure *m, int fy) {
    struct buf b = BUF_INIT;
    for (int q = 0; q <= 4; q++) {
        for (size_t i = 0; i < m->n_schedule; i++) {
            const struct period_items *pi = &m->schedule[i];
            if (pi->fy != fy || pi->quarter != q)
                continue;
            char heading[32];
            if (q)
                snprintf(heading, sizeof heading, "【第%d四半期】", q);
            put_items(&b, q ? heading : NULL, &pi->items);
        }
    }
    char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static const char *progress_cell(struct arena *a, const struct measure *m) {
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < m->n_progress; i++) {
        const struct period_items *pi = &m->progress[i];
        char heading[48];
        if (pi->quarter)
            snprintf(heading, sizeof heading, "【%d年度第%d四半期】", pi->fy, pi->quarter);
        else
            snprintf(heading, sizeof heading, "【%d年度】", pi->fy);
        put_items(&b, heading, &pi->items);
    }
    char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static const char *join(struct arena *a, const struct strlist *l, const char *sep) {
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            buf_puts(&b, sep);
        buf_puts(&b, l->items[i]);
    }
    char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* The KPI columns of a row (tail: the row's cells from the first column after the FYs). */
static void kpi_cells(struct cell *tail, struct arena *a, const struct kpi *k, kw_date today) {
    cell_set_text(&tail[ML_KPI], k->name);
    cell_set_text(&tail[ML_KPI_UNIT], k->unit);
    cell_set_text(&tail[ML_KPI_DIRECTION], direction_ja(k->direction));
    if (k->has_baseline) {
        cell_set_number(&tail[ML_KPI_BASELINE], k->baseline_value);
        if (k->baseline_fy)
            cell_set_number(&tail[ML_KPI_BASELINE_FY], k->baseline_fy);
    }
    if (k->target_state == TARGET_SET) {
        cell_set_number(&tail[ML_KPI_TARGET], k->target_value);
        if (k->target_fy)
            cell_set_number(&tail[ML_KPI_TARGET_FY], k->target_fy);
    } else {
        cell_set_text(&tail[ML_KPI_TARGET], k->target_state == TARGET_UNDECIDED ? W_UNDECIDED : W_NONE);
    }
    struct kpi_derived d;
    kpi_derive(k, today, &d);
    if (d.has_latest) {
        cell_set_number(&tail[ML_KPI_LATEST], d.latest);
        cell_set_date(&tail[ML_KPI_LATEST_PERIOD], arena_strdup(a, d.latest_period));
    }
    cell_set_text(&tail[ML_KPI_STATUS], kpi_status_ja(d.status));
}

void plan_sheet_measures(struct sheet *s, struct arena *a, const struct org *org, const struct plan *p) {
    int from, to;
    schedule_years(p, &from, &to);
    size_t n_years = from ? (size_t)(to - from + 1) : 0;
    int *quarters;
    size_t n_quarters = rated_quarters(p, a, &quarters);
    size_t tail_at = ML_FIXED_HEAD + n_years, n_cols = tail_at + ML_FIXED_TAIL + n_quarters;
    struct sheet_col *cols = arena_alloc(a, n_cols * sizeof *cols);
    memcpy(cols, measure_list_head, sizeof measure_list_head);
    for (size_t y = 0; y < n_years; y++)
        cols[ML_FIXED_HEAD + y] = (struct sheet_col){
            arena_printf(a, "%s%d年度", ML_SCHEDULE_PREFIX, from + (int)y), arena_printf(a, "schedule_%d", from + (int)y),
            20, true};
    memcpy(&cols[tail_at], measure_list_tail, sizeof measure_list_tail);
    for (size_t q = 0; q < n_quarters; q++)
        cols[tail_at + ML_FIXED_TAIL + q] = (struct sheet_col){
            arena_printf(a, "%s%d年度第%d四半期", ML_RATING_PREFIX, quarters[q] / 10, quarters[q] % 10),
            arena_printf(a, "rating_%d_q%d", quarters[q] / 10, quarters[q] % 10), 10, true};
    sheet_init(s, a, ML_SHEET_NAME, "measures", cols, n_cols);
    s->freeze_cols = ML_TITLE + 1;
    kw_date today = date_today();
    int year, month, day;
    date_to_ymd(today, &year, &month, &day);
    s->title = arena_printf(a, "%s（%s）　%s　%s（%d年%d月%d日現在）", org->name, org->code, p->title, ML_SHEET_NAME, year,
                            month, day);
    for (size_t i = 0; i < p->n_pillars; i++) {
        const struct pillar *pl = &p->pillars[i];
        for (size_t j = 0; j < pl->n_themes; j++) {
            const struct theme *t = &pl->themes[j];
            for (size_t k = 0; k < t->n_measures; k++) {
                const struct measure *m = &t->measures[k];
                size_t rows = m->n_kpis ? m->n_kpis : 1;
                for (size_t r = 0; r < rows; r++) {
                    struct cell *row = sheet_add_row(s);
                    cell_set_text(&row[ML_PILLAR_CODE], pl->code);
                    cell_set_text(&row[ML_PILLAR], pl->title);
                    cell_set_text(&row[ML_THEME_CODE], t->code);
                    cell_set_text(&row[ML_THEME], t->title);
                    cell_set_text(&row[ML_CODE], m->code);
                    cell_set_text(&row[ML_TITLE], m->title);
                    if (m->n_kpis)
                        kpi_cells(&row[tail_at], a, &m->kpis[r], today);
                    if (r > 0)
                        continue;               /* a further KPI's row: the measure's codes only */
                    cell_set_text(&row[ML_DEPARTMENTS], join(a, &m->departments, "、"));
                    cell_set_text(&row[ML_STATUS], measure_status_ja(m->status));
                    cell_set_text(&row[ML_CURRENT], m->current);
                    cell_set_text(&row[ML_IDEAL], m->ideal);
                    for (size_t y = 0; y < n_years; y++)
                        cell_set_text(&row[ML_FIXED_HEAD + y], schedule_cell(a, m, from + (int)y));
                    cell_set_text(&row[tail_at + ML_PROGRESS], progress_cell(a, m));
                    for (size_t x = 0; x < m->n_reviews; x++) {
                        const struct review *rv = &m->reviews[x];
                        if (rv->state != REVIEW_CONFIRMED || !rv->rating)
                            continue;
                        for (size_t q = 0; q < n_quarters; q++)
                            if (quarters[q] == rv->fy * 10 + rv->quarter)
                                cell_set_text(&row[tail_at + ML_FIXED_TAIL + q],
                                              review_scale_label(p->rating_scale, p->n_rating_scale, rv->rating));
                    }
                }
            }
        }
    }
}

static const struct sheet_col review_cols[] = {
    {"改革番号", "pillar_code", 6, false}, {"取組項目番号", "theme_code", 6, false}, {"番号", "code", 8, false},
    {"取組", "title", 26, true},          {"年度", "fy", 6, false},             {"四半期", "quarter", 6, false},
    {"評価", "rating", 10, false},        {"取組内容", "text", 40, true},       {"課題", "issues", 30, true},
    {"次の取組", "next_steps", 30, true}, {"本部の判断", "decision", 12, false},
};

void plan_sheet_reviews(struct sheet *s, struct arena *a, const struct org *org, const struct plan *p) {
    (void)org;
    sheet_init(s, a, "四半期評価", "reviews", review_cols, sizeof review_cols / sizeof *review_cols);
    s->freeze_cols = 4;
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            for (size_t k = 0; k < p->pillars[i].themes[j].n_measures; k++) {
                const struct measure *m = &p->pillars[i].themes[j].measures[k];
                for (size_t x = 0; x < m->n_reviews; x++) {
                    const struct review *rv = &m->reviews[x];
                    if (rv->state != REVIEW_CONFIRMED)
                        continue;
                    struct cell *row = sheet_add_row(s);
                    cell_set_text(&row[0], p->pillars[i].code);
                    cell_set_text(&row[1], p->pillars[i].themes[j].code);
                    cell_set_text(&row[2], m->code);
                    cell_set_text(&row[3], m->title);
                    cell_set_number(&row[4], rv->fy);
                    if (rv->quarter)
                        cell_set_number(&row[5], rv->quarter);
                    cell_set_text(&row[6], rv->rating ? review_scale_label(p->rating_scale, p->n_rating_scale, rv->rating) : NULL);
                    cell_set_text(&row[7], rv->text);
                    cell_set_text(&row[8], rv->issues);
                    cell_set_text(&row[9], rv->next_steps);
                    cell_set_text(&row[10], decision_ja(rv->decision) ? decision_ja(rv->decision) : rv->decision);
                }
            }
}
