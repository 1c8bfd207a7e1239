/* /api/v1 handlers (SPEC §4.2). Lists are {"items":[...],"total":N}; errors are
 * {"error":{"code","message","field"}} with the matching HTTP status. Each resource's handlers,
 * reads and writes, are in the file of its name: api_org.c, api_department.c, api_plan.c,
 * api_pillar.c, api_theme.c, api_measure.c, api_kpi.c, api_measurement.c, api_document.c, …;
 * the replies they share in api_reply.c; the writes of each kind of entity from one descriptor in
 * api_entity.c. */
#ifndef KAWARU_API_API_H
#define KAWARU_API_API_H
#include "core/model.h"
#include "http/req.h"
#include "util/jw.h"

void api_openapi(struct req *r);
/* The API client's session (api_session.c). */
void api_session_get(struct req *r);
void api_session_post(struct req *r);
void api_session_delete(struct req *r);
void api_orgs_list(struct req *r);
void api_org_prefectures(struct req *r);
void api_org_get(struct req *r);
void api_org_plans(struct req *r);
void api_org_document(struct req *r);
void api_org_document_put(struct req *r);
void api_plan_get(struct req *r);
void api_plan_measures(struct req *r);
void api_plan_check(struct req *r);
void api_plan_published(struct req *r);
void api_plan_compare(struct req *r);
void api_measure_get(struct req *r);
void api_measure_patch(struct req *r);
void api_kpi_get(struct req *r);
void api_measurement_post(struct req *r);
/* CSV import of a plan's measurements (api_ingest.c). */
void api_measurements_csv_post(struct req *r);

/* ---- organisations, departments, plans, pillars, themes (api_org.c … api_theme.c) */
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

/* ---- writes of measures, KPIs and measurements (api_measure.c, api_kpi.c, api_measurement.c) */
void api_measure_post(struct req *r);
void api_measure_delete(struct req *r);
void api_kpi_post(struct req *r);
void api_kpi_patch(struct req *r);
void api_kpi_delete(struct req *r);
/* Writing bodies (api_body.c) and meetings (api_meeting.c). */
void api_body_post(struct req *r);
void api_body_patch(struct req *r);
void api_body_delete(struct req *r);
void api_meeting_post(struct req *r);
void api_meeting_patch(struct req *r);
void api_meeting_delete(struct req *r);
void api_measurement_patch(struct req *r);
void api_measurement_delete(struct req *r);

/* ---- the audit log (api_audit.c) */
void api_audit_list(struct req *r);
void api_measure_history(struct req *r);

/* ---- the quarterly review cycle: periods (api_period.c), each measure's review (api_review.c) */
void api_periods_list(struct req *r);
void api_period_post(struct req *r);
void api_period_get(struct req *r);
void api_period_close(struct req *r);
struct review_period;
/* The period of path parameter param; replies with the store's error (404) and returns false
 * when there is none (api_period.c). */
bool api_period_load(struct req *r, int param, struct review_period *ret);
void api_review_get(struct req *r);
void api_review_put(struct req *r);
void api_review_send_back(struct req *r);
void api_review_confirm(struct req *r);
void api_review_decide(struct req *r);
void api_period_pack(struct req *r);              /* api_pack.c */
void api_versions_list(struct req *r);            /* api_version.c */
void api_version_post(struct req *r);
void api_version_get(struct req *r);
void api_scale_get(struct req *r);                /* api_scale.c */
void api_logic_get(struct req *r);                /* api_logic.c: a plan's logic model */
void api_logic_put(struct req *r);                /* api_logic.c: replacing it as a whole */
void api_scale_put(struct req *r);
void api_inbox_get(struct req *r);                /* api_notify.c */
void api_notification_read(struct req *r);
/* citizen feedback (api_feedback.c) */
void api_feedback_post(struct req *r);
void api_feedback_list(struct req *r);
void api_org_feedback(struct req *r);
void api_feedback_moderation(struct req *r);
/* an organisation's workload against its 業務量削減 goal (api_workload.c) */
void api_org_workload(struct req *r);
/* a department's workload inventory of a survey FY: read, replaced (api_inventory.c) */
void api_inventory_get(struct req *r);
void api_inventory_put(struct req *r);
/* freed hours reallocated (api_reallocation.c) */
struct reallocation;
void api_org_reallocations(struct req *r);
void api_reallocation_post(struct req *r);
void api_reallocation_patch(struct req *r);
void api_reallocation_delete(struct req *r);
void api_reallocation_write(struct jw *w, const struct reallocation *x);
/* an organisation's catalogue of means (api_means.c) */
void api_org_means(struct req *r);
void api_means_post(struct req *r);
void api_means_patch(struct req *r);
void api_means_delete(struct req *r);
/* the STEP3 matrix: means applied to steps (api_matrix.c) */
void api_org_matrix(struct req *r);
void api_matrix_application_post(struct req *r);
void api_matrix_application_patch(struct req *r);
void api_matrix_application_delete(struct req *r);
/* the promotion organisation (api_bodies.c) */
void api_org_bodies(struct req *r);
void api_org_meetings(struct req *r);

/* Open data (api_open_data.c): an organisation's file, and the catalogue of every one's. */
void api_open_data_file(struct req *r);
void api_open_data_catalogue(struct req *r);
/* shared categories: the list, a category's measures across organisations, a measure's (api_category.c) */
void api_category_list(struct req *r);
void api_category_measures(struct req *r);
void api_measure_category_get(struct req *r);
void api_measure_category_put(struct req *r);
void api_measure_category_delete(struct req *r);

/* A list reply {"items":[...],"total":N} (200): begin, write each item, end. */
void api_list_begin(struct req *r, struct jw *w);
void api_list_end(struct req *r, struct jw *w, size_t total);
/* The end of a page of a longer list: {"items":[...],"total":N,"limit":L,"offset":O}, total
 * being the whole list's. */
void api_page_end(struct req *r, struct jw *w, int64_t total, int64_t limit, int64_t offset);
/* A query parameter as an integer in lo..hi (absent: dflt), such as a list's limit and offset;
 * false after a 400 {"error":{"code":"bad_request","field":key}}. */
bool api_query_int(struct req *r, const char *key, long long lo, long long hi, long long dflt, long long *ret);

/* ---- replies shared by reads and writes (each in its resource's file): the entity as its GET shows it, with
 * the given status (a 200 to a GET may be cached). */
void api_org_reply(struct req *r, const char *code, int status);
void api_plan_reply(struct req *r, int64_t id, int status);
/* A version with its snapshot document (api_version.c); 200 may be cached: a version never changes. */
void api_version_reply(struct req *r, int64_t id, int status);
void api_measure_reply(struct req *r, int64_t id, int status);
void api_kpi_reply(struct req *r, int64_t id, int status);
/* Path parameter 0 as the id of a stored plan; replies 404 and returns false when there is none
 * (api_plan.c). */
bool api_plan_id(struct req *r, int64_t *ret);
/* A JSON reply of status with the body written into r->out; a GET's 200 may be cached, the
 * reply to a write may not. */
void api_reply(struct req *r, int status);
/* An organisation's code, name, prefecture and population as the lists show it (api_org.c). */
void api_org_write(struct jw *w, const struct org *o);
/* One department as GET /api/v1/orgs/{code} lists it. */
void api_department_write(struct jw *w, const struct department *d);

/* The replies of GET plan, measure and KPI from a loaded model (api_plan.c, api_measure.c, api_kpi.c), for the working
 * draft and for the published version alike. */
struct org;
struct measure_ref;
void api_plan_write(struct req *r, const struct plan *p, const struct org *o, int status);
void api_measure_write(struct req *r, const struct measure *m, const struct measure_ref *ref, int status);
void api_kpi_write(struct req *r, const struct kpi *k, int64_t measure_id, int status);
/* What someone who does not read the organisation's drafts gets from the same URLs: the
 * latest published version, with the ids of the draft's rows (api_published.c). */
void api_published_plan(struct req *r, int64_t plan_id);
void api_published_measures(struct req *r, int64_t plan_id);
void api_published_measure(struct req *r, int64_t measure_id);
void api_published_kpi(struct req *r, int64_t kpi_id);

#endif
