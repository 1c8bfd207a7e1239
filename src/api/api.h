/* /api/v1 handlers (SPEC §4.2). Lists are {"items":[...],"total":N}; errors are
 * {"error":{"code","message","field"}} with the matching HTTP status. Reads are in api_read.c;
 * writes of the plan structure (organisations, departments, plans, pillars, themes) in
 * api_edit.c; writes of measures, KPIs, measurements and whole documents in api_write.c. */
#ifndef KAWARU_API_API_H
#define KAWARU_API_API_H
#include "core/model.h"
#include "http/req.h"
#include "util/jw.h"

void api_openapi(struct req *r);
void api_orgs_list(struct req *r);
void api_org_get(struct req *r);
void api_org_plans(struct req *r);
void api_org_document(struct req *r);
void api_org_document_put(struct req *r);
void api_plan_get(struct req *r);
void api_plan_measures(struct req *r);
void api_plan_check(struct req *r);
void api_measure_get(struct req *r);
void api_measure_patch(struct req *r);
void api_kpi_get(struct req *r);
void api_measurement_post(struct req *r);
/* CSV import of a plan's measurements (api_ingest.c). */
void api_measurements_csv_post(struct req *r);

/* ---- writes of the plan structure (api_edit.c) */
void api_org_post(struct req *r);
void api_org_patch(struct req *r);
void api_department_post(struct req *r);
void api_department_patch(struct req *r);
void api_department_delete(struct req *r);
void api_plan_post(struct req *r);
void api_plan_patch(struct req *r);
void api_plan_delete(struct req *r);
void api_pillar_post(struct req *r);
void api_pillar_patch(struct req *r);
void api_pillar_delete(struct req *r);
void api_theme_post(struct req *r);
void api_theme_patch(struct req *r);
void api_theme_delete(struct req *r);

/* ---- writes of measures, KPIs and measurements (api_write.c) */
void api_measure_post(struct req *r);
void api_measure_delete(struct req *r);
void api_kpi_post(struct req *r);
void api_kpi_patch(struct req *r);
void api_kpi_delete(struct req *r);
void api_measurement_delete(struct req *r);

/* ---- the audit log (api_audit.c) */
void api_audit_list(struct req *r);
void api_measure_history(struct req *r);

/* ---- the quarterly review cycle (api_review.c) */
void api_periods_list(struct req *r);
void api_period_post(struct req *r);
void api_period_get(struct req *r);
void api_period_close(struct req *r);
void api_review_get(struct req *r);
void api_review_put(struct req *r);
void api_review_send_back(struct req *r);
void api_review_confirm(struct req *r);
void api_review_decide(struct req *r);
void api_period_pack(struct req *r);              /* api_pack.c */
void api_versions_list(struct req *r);            /* api_version.c */
void api_version_post(struct req *r);
void api_version_get(struct req *r);
void api_plan_compare(struct req *r);
void api_plan_published(struct req *r);
void api_scale_get(struct req *r);                /* api_scale.c */
void api_scale_put(struct req *r);
void api_inbox_get(struct req *r);                /* api_notify.c */
void api_notification_read(struct req *r);
/* citizen feedback (api_feedback.c) */
void api_feedback_post(struct req *r);
void api_feedback_list(struct req *r);
void api_org_feedback(struct req *r);
void api_feedback_moderation(struct req *r);
/* the promotion organisation (api_bodies.c) */
void api_org_bodies(struct req *r);
void api_org_meetings(struct req *r);

/* A list reply {"items":[...],"total":N} (200): begin, write each item, end. */
void api_list_begin(struct req *r, struct jw *w);
void api_list_end(struct req *r, struct jw *w, size_t total);

/* ---- replies shared by reads and writes (api_read.c): the entity as its GET shows it, with
 * the given status (a 200 to a GET may be cached). */
void api_org_reply(struct req *r, const char *code, int status);
void api_plan_reply(struct req *r, int64_t id, int status);
void api_measure_reply(struct req *r, int64_t id, int status);
void api_kpi_reply(struct req *r, int64_t id, int status);
/* One department as GET /api/v1/orgs/{code} lists it. */
void api_department_write(struct jw *w, const struct department *d);

/* Replies with the HTTP status and error code matching a KW_E* value. */
void api_fail(struct req *r, int err);

#endif
