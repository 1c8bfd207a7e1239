/* Plan health checks (see plan_check.h). */
#include "core/plan_check.h"
#include "core/workload.h"

const char *finding_kind_name(enum finding_kind k) {
    static const char *const names[] = {"measure_without_kpi", "target_undecided", "target_none",
                                        "kpi_without_baseline", "measure_without_department",
                                        "schedule_outside_period", "kpi_without_name", "business_without_steps",
                                        "business_zero_volume", "step_zero_minutes", "means_other_department",
                                        "kpi_without_outcome", "activity_without_outcome", "outcome_without_kpi",
                                        "measure_outside_logic_model"};
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
        [FIND_BUSINESS_NO_STEPS] = {"業務に手順がありません", "the business has no steps"},
        [FIND_BUSINESS_ZERO_VOLUME] = {"業務の年間件数が0です", "the business's yearly volume is 0"},
        [FIND_STEP_ZERO_MINUTES] = {"手順の所要時間が0分です", "the step takes 0 minutes"},
        [FIND_MEANS_OTHER_DEPARTMENT] = {"手段を実施する施策の担当課に、この手順の課が含まれていません",
                                         "the measure delivering the means does not name the step's department"},
        [FIND_LM_KPI_NO_OUTCOME] = {"KPIがロジックモデルのアウトカムにつながっていません",
                                    "the KPI is connected to no outcome of the logic model"},
        [FIND_LM_ACTIVITY_NO_OUTCOME] = {"活動からアウトカムにつながる矢印がありません",
                                         "no arrow leads from the activity to an outcome"},
        [FIND_LM_OUTCOME_NO_KPI] = {"アウトカムを測るKPIがありません", "no KPI measures the outcome"},
        [FIND_LM_MEASURE_OUTSIDE] = {"施策がロジックモデルにありません", "the measure is not in the logic model"},
    };
    return text[k][japanese ? 0 : 1];
}

static int report(finding_fn fn, void *ctx, enum finding_level level, enum finding_kind kind,
                  const struct measure *m, const struct kpi *k, int fy) {
    struct finding f = {level, kind, m, k, fy, NULL, NULL, NULL, NULL};
    fn(&f, ctx);
    return level == FINDING_ERROR;
}

static int check_measure(const struct plan *p, const struct measure *m, finding_fn fn, void *ctx) {
    int errors = 0;
    if (m->n_kpis == 0)
        errors += report(fn, ctx, FINDING_ERROR, FIND_MEASURE_NO_KPI, m, NULL, 0);
    if (m->departments.n == 0 && m->scope != SCOPE_ORG_WIDE)   /* organisation-wide: the office reports it */
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
    logic_check(p, fn, ctx);
    return errors;
}

int workload_check(const struct business *b, size_t n, const struct means_application *apps, size_t n_apps,
                   bool (*measure_has_department)(int64_t measure_id, int64_t department_id, void *ctx),
                   void *dept_ctx, finding_fn fn, void *ctx) {
    int errors = 0;
    for (size_t i = 0; i < n; i++) {
        struct finding f = {.business = &b[i], .fy = b[i].survey_fy};
        if (b[i].n_steps == 0) {
            f.level = FINDING_ERROR, f.kind = FIND_BUSINESS_NO_STEPS;
            fn(&f, ctx);
            errors++;
        }
        if (b[i].volume == 0) {
            f.level = FINDING_WARNING, f.kind = FIND_BUSINESS_ZERO_VOLUME;
            fn(&f, ctx);
        }
        for (size_t j = 0; j < b[i].n_steps; j++) {
            f.step = &b[i].steps[j];
            if (f.step->minutes == 0) {
                f.level = FINDING_WARNING, f.kind = FIND_STEP_ZERO_MINUTES, f.application = NULL;
                fn(&f, ctx);
            }
            for (size_t k = 0; k < n_apps; k++)
                if (apps[k].step_id == f.step->id && apps[k].measure_id &&
                    !measure_has_department(apps[k].measure_id, b[i].department_id, dept_ctx)) {
                    f.level = FINDING_WARNING, f.kind = FIND_MEANS_OTHER_DEPARTMENT, f.application = &apps[k];
                    fn(&f, ctx);
                }
        }
    }
    return errors;
}
