/* /api/v1 handlers (SPEC §4.2). Lists are {"items":[...],"total":N}; errors are
 * {"error":{"code","message","field"}} with the matching HTTP status. */
#ifndef KAWARU_API_API_H
#define KAWARU_API_API_H
#include "http/req.h"

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

/* Replies with the HTTP status and error code matching a KW_E* value. */
void api_fail(struct req *r, int err);

#endif
