/* Plan health checks (see plan_check.h). */
#include "core/plan_check.h"

const char *finding_kind_name(enum finding_kind k) {
    static const char *const names[] = {"measure_without_kpi", "target_undecided", "target_none",
                                        "kpi_without_baseline", "measure_without_department",
                                        "schedule_outside_period", "kpi_without_name"};
    return names[k];
}

const char *finding_message(enum finding_kind k, bool japanese) {
    static const char *const text[][2] = {
        [FIND_MEASURE_NO_KPI] = {"数値目標（KPI）がありません", "has no KPI"},
        [FIND_TARGET_UNDECIDED] = {"KPIの目標値が未決定です", "the KPI's target is undecided (未決定)"},
        [FIND_TARGET_NONE] = {"KPIの目標値がありません（なし）", "the KPI has no target (なし)"},
        [FIND_KPI_NO_BASELINE] = {"KPIに基準値がありません", "the KPI has no baseline"},
        [FIND_MEASURE_NO_DEPARTMENT] = {"担当課がありません", "has no department in charge"},
        [FIND_SCHEDULE_OUTSIDE_PERIOD] = {"スケジュールが計画期間の外にあります", "the schedule lies outside the plan period"},
        [FIND_KPI_UNNAMED] = {"KPIの指標が未設定です", "the KPI names no indicator yet (指標未設定)"},
    };
    return text[k][japanese ? 0 : 1];
}

static int report(finding_fn fn, void *ctx, enum finding_level level, enum finding_kind kind,
                  const struct measure *m, const struct kpi *k, int fy) {
    struct finding f = {level, kind, m, k, fy};
    fn(&f, ctx);
    return level == FINDING_ERROR;
}

static int check_measure(const struct plan *p, const struct measure *m, finding_fn fn, void *ctx) {
    int errors = 0;
    if (m->n_kpis == 0)
        errors += report(fn, ctx, FINDING_ERROR, FIND_MEASURE_NO_KPI, m, NULL, 0);
    if (m->departments.n == 0)
        errors += report(fn, ctx, FINDING_WARNING, FIND_MEASURE_NO_DEPARTMENT, m, NULL, 0);
    for (size_t i = 0; i < m->n_schedule; i++) {
        int fy = m->schedule[i].fy;
        if ((p->from_fy && fy < p->from_fy) || (p->to_fy && fy > p->to_fy))
            errors += report(fn, ctx, FINDING_WARNING, FIND_SCHEDULE_OUTSIDE_PERIOD, m, NULL, fy);
    }
    for (size_t i = 0; i < m->n_kpis; i++) {
        const struct kpi *k = &m->kpis[i];
        if (!k->name)
            errors += report(fn, ctx, FINDING_ERROR, FIND_KPI_UNNAMED, m, k, 0);
        if (k->target_state == TARGET_UNDECIDED)
            errors += report(fn, ctx, FINDING_ERROR, FIND_TARGET_UNDECIDED, m, k, 0);
        else if (k->target_state == TARGET_NONE)
            errors += report(fn, ctx, FINDING_WARNING, FIND_TARGET_NONE, m, k, 0);
        else if (!k->has_baseline)
            errors += report(fn, ctx, FINDING_WARNING, FIND_KPI_NO_BASELINE, m, k, 0);
    }
    return errors;
}

int plan_check(const struct plan *p, finding_fn fn, void *ctx) {
    int errors = 0;
    for (size_t i = 0; i < p->n_pillars; i++)
        for (size_t j = 0; j < p->pillars[i].n_themes; j++)
            for (size_t k = 0; k < p->pillars[i].themes[j].n_measures; k++)
                errors += check_measure(p, &p->pillars[i].themes[j].measures[k], fn, ctx);
    return errors;
}
