/* The workload inventory's one computation (see workload.h). */
#include <stdlib.h>
#include "core/workload.h"
#include "util/xmalloc.h"

const char *const staff_type_names[] = {"regular", "fiscal_year", "outsourced", NULL};
const char *const channel_names[] = {"counter", "phone", "mail", "online", "internal", NULL};
const char *const flag_names[] = {"paper", "seal", "in_person", "transcription", "approval", NULL};
const char *const application_status_names[] = {"planned", "in_progress", "done", NULL};

#define CH(c) (1u << CHANNEL_##c)
const struct means means_standard[] = {
    {0, "オンライン申請", "来庁・郵送の申請をオンラインで受け付ける", 50, CH(COUNTER) | CH(MAIL), FLAG_PAPER | FLAG_IN_PERSON},
    {0, "書かない窓口", "申請書を職員が聞き取りで作成する", 30, CH(COUNTER), FLAG_PAPER | FLAG_TRANSCRIPTION},
    {0, "リモート窓口", "支所等から本庁の担当とつなぐ", 20, CH(COUNTER), FLAG_IN_PERSON},
    {0, "キャッシュレス決済", "窓口での現金の受け渡しをなくす", 20, CH(COUNTER), 0},
    {0, "コンビニ交付", "証明書をコンビニで交付する", 40, CH(COUNTER), 0},
    {0, "電子決裁", "紙の回議と押印をなくす", 60, 0, FLAG_APPROVAL | FLAG_SEAL},
    {0, "ペーパーレス", "紙の資料・書類をなくす", 30, 0, FLAG_PAPER},
    {0, "AI-OCR", "手書き・紙の書類を読み取ってデータにする", 50, 0, FLAG_PAPER | FLAG_TRANSCRIPTION},
    {0, "RPA", "定型の入力・転記を自動化する", 60, CH(INTERNAL), FLAG_TRANSCRIPTION},
    {0, "生成AI", "文書の作成・要約を支援する", 20, CH(INTERNAL), 0},
    {0, "チャットツール", "電話・メールの連絡を置き換える", 20, CH(PHONE) | CH(INTERNAL), 0},
    {0, "ナッジ", "手続の案内を分かりやすくし、問い合わせと手戻りを減らす", 10, CH(PHONE) | CH(COUNTER), 0},
    {0, "テレワーク", "場所を選ばずに庁内の業務を行う", 5, CH(INTERNAL), 0},
    {0, "アウトソーシング", "定型業務を委託する（職員の時間を空ける）", 0, 0, 0},
};
#undef CH
const size_t means_standard_n = sizeof means_standard / sizeof *means_standard;

double workload_step_hours(const struct business *b, const struct step *s) {
    return b->volume * s->minutes / 60.0;
}

double workload_business_hours(const struct business *b, double by_staff[STAFF_COUNT]) {
    double total = 0;
    for (size_t i = 0; i < b->n_steps; i++) {
        double h = workload_step_hours(b, &b->steps[i]);
        total += h;
        if (by_staff)
            by_staff[b->steps[i].staff] += h;
    }
    return total;
}

/* The row of id in *v (appended when new). */
static struct workload_share *share(struct workload_share **v, size_t *n, int64_t id) {
    for (size_t i = 0; i < *n; i++)
        if ((*v)[i].id == id)
            return &(*v)[i];
    *v = xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[*n] = (struct workload_share){.id = id};
    return &(*v)[(*n)++];
}

/* The applications in order of (step, id): each step's are found by a binary search, so that
 * computing an inventory costs (steps + applications) × log(applications), not their product. */
static int by_step(const void *x, const void *y) {
    const struct means_application *a = *(const struct means_application *const *)x;
    const struct means_application *b = *(const struct means_application *const *)y;
    if (a->step_id != b->step_id)
        return a->step_id < b->step_id ? -1 : 1;
    return (a->id > b->id) - (a->id < b->id);
}

/* The index of the first application of step_id in v (n when there is none). */
static size_t first_of(const struct means_application *const *v, size_t n, int64_t step_id) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid]->step_id < step_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void workload_compute(const struct business *b, size_t n, const struct means_application *apps, size_t n_apps,
                      struct workload_totals *ret, struct workload_breakdown *breakdown) {
    *ret = (struct workload_totals){0};
    if (breakdown)
        *breakdown = (struct workload_breakdown){0};
    const struct means_application **sorted = xmalloc((n_apps ? n_apps : 1) * sizeof *sorted);
    for (size_t k = 0; k < n_apps; k++)
        sorted[k] = &apps[k];
    qsort(sorted, n_apps, sizeof *sorted, by_step);
    for (size_t i = 0; i < n; i++) {
        struct workload_share *dept = breakdown ? share(&breakdown->by_department, &breakdown->n_department,
                                                        b[i].department_id) : NULL;
        for (size_t j = 0; j < b[i].n_steps; j++) {
            const struct step *s = &b[i].steps[j];
            double hours = workload_step_hours(&b[i], s), left = hours;
            ret->baseline += hours;
            ret->by_staff[s->staff] += hours;
            if (dept)
                dept->baseline += hours;
            /* the applications on this step, in the order they were made (by id) */
            for (size_t k = s->id ? first_of(sorted, n_apps, s->id) : n_apps; k < n_apps && sorted[k]->step_id == s->id;
                 k++) {
                const struct means_application *a = sorted[k];
                double r = a->reduction < 0 ? 0 : a->reduction > 100 ? 100 : a->reduction;
                double saved = left * r / 100.0;
                left -= saved;
                if (!breakdown)
                    continue;
                dept->saved += saved;
                struct workload_share *m = share(&breakdown->by_means, &breakdown->n_means, a->means_id);
                m->baseline += hours;
                m->saved += saved;
                struct workload_share *ms = share(&breakdown->by_measure, &breakdown->n_measure, a->measure_id);
                ms->baseline += hours;
                ms->saved += saved;
            }
            ret->projected += left;
        }
    }
    free(sorted);
}

void workload_breakdown_free(struct workload_breakdown *b) {
    free(b->by_department);
    free(b->by_means);
    free(b->by_measure);
    *b = (struct workload_breakdown){0};
}

double workload_reduction_percent(double baseline, double hours) {
    return baseline > 0 ? (baseline - hours) / baseline * 100.0 : 0;
}

struct ranked { double hours; size_t index; };

static int by_hours(const void *x, const void *y) {
    const struct ranked *a = x, *b = y;
    return a->hours > b->hours ? -1 : a->hours < b->hours ? 1 : (a->index > b->index) - (a->index < b->index);
}

size_t *workload_pareto(const struct business *b, size_t n) {
    struct ranked *r = xmalloc((n ? n : 1) * sizeof *r);
    for (size_t i = 0; i < n; i++)
        r[i] = (struct ranked){workload_business_hours(&b[i], NULL), i};
    qsort(r, n, sizeof *r, by_hours);
    size_t *v = xmalloc((n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = r[i].index;
    free(r);
    return v;
}

bool workload_means_fits(const struct means *m, const struct step *s) {
    if (!m->channels && !m->flags)
        return true;
    return (m->channels & (1u << s->channel)) || (m->flags & s->flags);
}

void workload_bits_write(struct jw *w, const char *key, const char *const *names, unsigned bits) {
    jw_key(w, key);
    jw_arr_begin(w);
    for (int i = 0; names[i]; i++)
        if (bits & (1u << i))
            jw_str(w, names[i]);
    jw_arr_end(w);
}

void workload_step_write(struct jw *w, const struct step *s) {
    jw_obj_begin(w);
    jw_kint(w, "id", s->id);
    jw_kint(w, "number", s->number);
    jw_kstr(w, "name", s->name);
    jw_knum(w, "minutes", s->minutes);
    jw_kstr(w, "staff", staff_type_names[s->staff]);
    jw_kstr(w, "channel", channel_names[s->channel]);
    workload_bits_write(w, "flags", flag_names, s->flags);
    jw_obj_end(w);
}
