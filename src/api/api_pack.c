/* GET /api/v1/periods/{id}/pack: the HQ meeting pack of a review period as JSON, the same
 * figures as its printable page (report/hq_pack.c builds both). */
#include <math.h>
#include "api/api.h"
#include "core/errors.h"
#include "report/hq_pack.h"
#include "report/period_tally.h"
#include "xfer/plan_doc.h"

static void line_ref(struct jw *w, const struct period_line *l) {
    jw_kint(w, "measure_id", l->measure_id);
    jw_kstr(w, "code", l->code);
    jw_kstr(w, "title", l->title);
    if (l->dept_name)
        jw_kstr(w, "department", l->dept_name);
}

static void rating(struct jw *w, const struct hq_pack *pk, const char *key, const char *code) {
    jw_key(w, key);
    if (!code) {
        jw_null(w);
        return;
    }
    jw_obj_begin(w);
    jw_kstr(w, "code", code);
    jw_kstr(w, "label", hq_pack_rating_label(pk, code));
    jw_obj_end(w);
}

static void opt_num(struct jw *w, const char *key, bool has, double v) {
    jw_key(w, key);
    if (has)
        jw_num(w, round(v * 1e4) / 1e4);
    else
        jw_null(w);
}

static void opt_str(struct jw *w, const char *key, const char *s) {
    jw_key(w, key);
    if (s)
        jw_str(w, s);
    else
        jw_null(w);
}

/* "focus": each measure asking a decision or off track, with its report and its KPIs' figures
 * (the plan document's KPI with its derived figures: one writer of them). */
static void focus(struct jw *w, const struct hq_pack *pk, kw_date today) {
    jw_key(w, "focus");
    jw_arr_begin(w);
    for (size_t i = 0; i < pk->n_focus; i++) {
        const struct pack_focus *f = &pk->focus[i];
        const struct review *rv = &f->line->review;
        jw_obj_begin(w);
        line_ref(w, f->line);
        jw_kstr(w, "state", review_state_name((enum review_state)rv->state));
        int days = period_line_days_late(&pk->period, f->line, today);
        jw_key(w, "days_late");
        if (days >= 0) jw_int(w, days); else jw_null(w);
        rating(w, pk, "rating", rv->rating);
        jw_kbool(w, "problem_rating", f->problem);
        jw_kbool(w, "kpi_off_track", f->off_track);
        jw_kbool(w, "requested", !rv->decision);
        if (rv->decision) jw_kstr(w, "decision", rv->decision);
        if (rv->decision_note) jw_kstr(w, "decision_note", rv->decision_note);
        opt_str(w, "text", rv->text);
        opt_str(w, "issues", rv->issues);
        opt_str(w, "next_steps", rv->next_steps);
        jw_key(w, "kpis");
        jw_arr_begin(w);
        for (size_t x = 0; x < f->measure->n_kpis; x++)
            if (!f->measure->kpis[x].abolished)
                plan_doc_write_kpi(w, &f->measure->kpis[x], DOC_WITH_IDS | DOC_WITH_DERIVED | DOC_SUMMARY, pk->as_of);
        jw_arr_end(w);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

/* "rollup": the plan's and each pillar's (core/rollup.h), as the plan's JSON writes them. */
static void rollup(struct jw *w, const struct hq_pack *pk) {
    jw_key(w, "rollup");
    jw_obj_begin(w);
    plan_doc_write_rollup(w, &pk->rollup, pk->scale, pk->n_scale);
    jw_key(w, "pillars");
    jw_arr_begin(w);
    for (size_t i = 0; i < pk->plan.n_pillars; i++) {
        jw_obj_begin(w);
        jw_kint(w, "id", pk->plan.pillars[i].id);
        if (pk->plan.pillars[i].code) jw_kstr(w, "code", pk->plan.pillars[i].code);
        jw_kstr(w, "title", pk->plan.pillars[i].title);
        plan_doc_write_rollup(w, &pk->pillars[i], pk->scale, pk->n_scale);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
}

/* GET /api/v1/periods/{id}/pack */
void api_period_pack(struct req *r) {
    int64_t id;
    struct hq_pack pk;
    int rc = req_param_id(r, 0, &id) ? hq_pack_build(r->db, &r->arena, id, r->today, &pk) : KW_ENOTFOUND;
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_kint(&w, "period_id", pk.period.id);
    jw_kint(&w, "plan_id", pk.period.plan_id);
    jw_kint(&w, "fy", pk.period.fy);
    jw_kint(&w, "quarter", pk.period.quarter);
    jw_kstr(&w, "deadline", pk.period.deadline);
    jw_kstr(&w, "status", pk.period.closed ? "closed" : "open");
    char as_of[16];
    date_format(pk.as_of, as_of, sizeof as_of);
    jw_kstr(&w, "as_of", as_of);             /* the day the KPI figures and ratings are of */
    jw_key(&w, "counts");
    jw_obj_begin(&w);
    for (int s = 0; s < REVIEW_NSTATES; s++)
        jw_kint(&w, review_state_name((enum review_state)s), pk.tally.n[s]);
    jw_kint(&w, "late", pk.tally.late);
    jw_kint(&w, "total", pk.tally.total);
    jw_obj_end(&w);

    jw_key(&w, "rating_changes");
    jw_arr_begin(&w);
    for (size_t i = 0; i < pk.n_changes; i++) {
        jw_obj_begin(&w);
        line_ref(&w, pk.changes[i].line);
        rating(&w, &pk, "from", pk.changes[i].from);
        rating(&w, &pk, "to", pk.changes[i].to);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);

    jw_key(&w, "kpis_at_risk");
    jw_arr_begin(&w);
    for (size_t i = 0; i < pk.n_kpis; i++) {
        const struct pack_kpi *k = &pk.kpis[i];
        jw_obj_begin(&w);
        jw_kint(&w, "measure_id", k->measure->id);
        jw_kstr(&w, "code", k->measure->code);
        jw_kint(&w, "kpi_id", k->kpi->id);
        jw_kstr(&w, "name", k->kpi->name);
        if (k->kpi->unit)
            jw_kstr(&w, "unit", k->kpi->unit);
        jw_kstr(&w, "status", kpi_status_name(k->d.status));
        opt_num(&w, "latest", k->d.has_latest, k->d.latest);
        opt_num(&w, "achievement", k->d.has_achievement, k->d.achievement);
        opt_num(&w, "expected_today", k->d.has_expected, k->d.expected);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);

    jw_key(&w, "without_report");
    jw_arr_begin(&w);
    for (size_t i = 0; i < pk.n_unreported; i++) {
        jw_obj_begin(&w);
        line_ref(&w, pk.unreported[i]);
        jw_kstr(&w, "state", review_state_name((enum review_state)pk.unreported[i]->review.state));
        jw_kbool(&w, "late", period_line_late(&pk.period, pk.unreported[i], r->today));
        jw_obj_end(&w);
    }
    jw_arr_end(&w);

    jw_key(&w, "decisions");
    jw_arr_begin(&w);
    for (size_t i = 0; i < pk.n_decisions; i++) {
        const struct period_line *l = pk.decisions[i].line;
        jw_obj_begin(&w);
        line_ref(&w, l);
        rating(&w, &pk, "rating", l->review.rating);
        jw_kbool(&w, "requested", pk.decisions[i].problem && !l->review.decision);
        if (l->review.decision)
            jw_kstr(&w, "decision", l->review.decision);
        if (l->review.decision_note)
            jw_kstr(&w, "decision_note", l->review.decision_note);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    focus(&w, &pk, r->today);
    rollup(&w, &pk);
    jw_obj_end(&w);
    resp_json(r, 200);
}
