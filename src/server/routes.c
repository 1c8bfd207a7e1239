/* The route table and the dispatcher (see routes.h). */
#include <pthread.h>
#include <string.h>
#include <strings.h>
#include "api/api.h"
#include "http/session.h"
#include "server/gate.h"
#include "server/routes.h"
#include "web/pages.h"

/* GET /healthz */
static void healthz(struct req *r) {
    buf_puts(&r->out, "{\"status\":\"ok\"}");
    resp_json(r, 200);
}

const struct route routes[] = {
    /* method  pattern                                          scope                handler                    permission       csrf */

    /* ---- no organisation's resource: health, sign-in, lists, the user's own, static files */
    {"GET",    "/api/v1/openapi.json",                          SCOPE_NONE,          api_openapi,               PERM_PUBLIC,     false},
    {"GET",    "/api/v1/session",                               SCOPE_NONE,          api_session_get,           PERM_PUBLIC,     false},
    {"POST",   "/api/v1/session",                               SCOPE_NONE,          api_session_post,          PERM_PUBLIC,     false},
    {"DELETE", "/api/v1/session",                               SCOPE_NONE,          api_session_delete,        PERM_PUBLIC,     false},
    {"GET",    "/api/v1/orgs",                                  SCOPE_NONE,          api_orgs_list,             PERM_PUBLIC,     false},
    {"POST",   "/api/v1/orgs",                                  SCOPE_NONE,          api_org_post,              PERM_ADMIN,      false},
    {"GET",    "/api/v1/prefectures",                           SCOPE_NONE,          api_org_prefectures,       PERM_PUBLIC,     false},
    {"GET",    "/api/v1/open-data",                             SCOPE_NONE,          api_open_data_catalogue,   PERM_PUBLIC,     false},
    {"GET",    "/open-data",                                    SCOPE_NONE,          page_open_data,            PERM_PUBLIC,     false},
    {"GET",    "/api/v1/audit",                                 SCOPE_NONE,          api_audit_list,            PERM_ADMIN,      false},
    {"GET",    "/healthz",                                      SCOPE_NONE,          healthz,                   PERM_PUBLIC,     false},
    {"GET",    "/",                                             SCOPE_NONE,          page_home,                 PERM_PUBLIC,     false},
    {"GET",    "/admin/tokens",                                 SCOPE_NONE,          page_tokens,               PERM_ADMIN,      false},
    {"POST",   "/admin/tokens",                                 SCOPE_NONE,          page_token_create,         PERM_ADMIN,      true},
    {"GET",    "/admin/users",                                  SCOPE_NONE,          page_users,                PERM_ADMIN,      false},
    {"POST",   "/admin/users",                                  SCOPE_NONE,          page_user_create,          PERM_ADMIN,      true},
    {"GET",    "/audit",                                        SCOPE_NONE,          page_audit,                PERM_ADMIN,      false},
    {"GET",    "/login",                                        SCOPE_NONE,          page_login,                PERM_PUBLIC,     false},
    {"POST",   "/login",                                        SCOPE_NONE,          page_login_post,           PERM_PUBLIC,     true},
    {"POST",   "/logout",                                       SCOPE_NONE,          page_logout,               PERM_PUBLIC,     true},
    {"GET",    "/static/{name}",                                SCOPE_NONE,          page_static,               PERM_PUBLIC,     false},
    /* shared categories compared across organisations, from published versions (issue 16 point 6) */
    {"GET",    "/api/v1/categories",                            SCOPE_NONE,          api_category_list,         PERM_PUBLIC,     false},
    {"GET",    "/api/v1/categories/{code}/measures",            SCOPE_NONE,          api_category_measures,     PERM_PUBLIC,     false},
    {"GET",    "/categories",                                   SCOPE_NONE,          page_category_list,        PERM_PUBLIC,     false},
    {"GET",    "/categories/{code}",                            SCOPE_NONE,          page_category,             PERM_PUBLIC,     false},

    /* ---- an organisation (by its code) */
    {"GET",    "/api/v1/orgs/{code}",                           SCOPE_ORG,           api_org_get,               PERM_PUBLISHED,  false},
    {"PATCH",  "/api/v1/orgs/{code}",                           SCOPE_ORG,           api_org_patch,             PERM_OFFICE,     false},
    {"GET",    "/api/v1/orgs/{code}/plans",                     SCOPE_ORG,           api_org_plans,             PERM_PUBLISHED,  false},
    {"POST",   "/api/v1/orgs/{code}/plans",                     SCOPE_ORG,           api_plan_post,             PERM_OFFICE,     false},
    {"POST",   "/api/v1/orgs/{code}/departments",               SCOPE_ORG,           api_department_post,       PERM_OFFICE,     false},
    {"GET",    "/api/v1/orgs/{code}/document",                  SCOPE_ORG,           api_org_document,          PERM_MEMBER,     false},
    {"GET",    "/api/v1/orgs/{code}/bodies",                    SCOPE_ORG,           api_org_bodies,            PERM_PUBLIC,     false},
    {"POST",   "/api/v1/orgs/{code}/bodies",                    SCOPE_ORG,           api_body_post,             PERM_OFFICE,     false},
    {"GET",    "/api/v1/orgs/{code}/meetings",                  SCOPE_ORG,           api_org_meetings,          PERM_PUBLIC,     false},
    {"GET",    "/api/v1/orgs/{code}/means",                     SCOPE_ORG,           api_org_means,             PERM_MEMBER,     false},
    {"GET",    "/api/v1/orgs/{code}/workload",                  SCOPE_ORG,           api_org_workload,          PERM_MEMBER,     false},
    {"GET",    "/api/v1/orgs/{code}/reallocations",             SCOPE_ORG,           api_org_reallocations,     PERM_MEMBER,     false},
    {"POST",   "/api/v1/orgs/{code}/reallocations",             SCOPE_ORG,           api_reallocation_post,     PERM_OFFICE,     false},
    {"POST",   "/api/v1/orgs/{code}/means",                     SCOPE_ORG,           api_means_post,            PERM_OFFICE,     false},
    {"PUT",    "/api/v1/orgs/{code}/document",                  SCOPE_ORG,           api_org_document_put,      PERM_OFFICE,     false},
    {"GET",    "/api/v1/orgs/{code}/feedback",                  SCOPE_ORG,           api_org_feedback,          PERM_OFFICE,     false},
    {"GET",    "/orgs",                                         SCOPE_NONE,          page_orgs,                 PERM_PUBLIC,     false},
    {"GET",    "/orgs/{code}",                                  SCOPE_ORG,           page_org,                  PERM_PUBLISHED,  false},
    /* open data from the published plans only: measures, kpis, measurements as .csv or .json (issue 16 point 5) */
    {"GET",    "/orgs/{code}/open-data/{file}",                 SCOPE_ORG,           api_open_data_file,        PERM_PUBLIC,     false},
    {"GET",    "/orgs/{code}/bodies",                           SCOPE_ORG,           page_org_bodies,           PERM_PUBLIC,     false},
    {"GET",    "/orgs/{code}/meetings",                         SCOPE_ORG,           page_org_meetings,         PERM_PUBLIC,     false},
    {"GET",    "/orgs/{code}/bodies/new",                       SCOPE_ORG,           page_body_new,             PERM_OFFICE,     false},
    {"POST",   "/orgs/{code}/bodies/new",                       SCOPE_ORG,           page_body_create,          PERM_OFFICE,     true},
    {"GET",    "/orgs/{code}/feedback",                         SCOPE_ORG,           page_feedback_queue,       PERM_OFFICE,     false},
    {"GET",    "/orgs/{code}/document/import",                  SCOPE_ORG,           page_document_import,      PERM_OFFICE,     false},
    {"POST",   "/orgs/{code}/document/import",                  SCOPE_ORG,           page_document_import_post, PERM_OFFICE,     true},
    {"GET",    "/orgs/{code}/departments",                      SCOPE_ORG,           page_departments,          PERM_OFFICE,     false},
    {"POST",   "/orgs/{code}/departments",                      SCOPE_ORG,           page_department_add,       PERM_OFFICE,     true},
    {"POST",   "/orgs/{code}/feedback/{id}",                    SCOPE_ORG,           page_feedback_moderate,    PERM_OFFICE,     true},
    {"GET",    "/orgs/{code}/workload/survey.csv",              SCOPE_ORG,           page_workload_survey_csv,  PERM_MEMBER,     false},
    /* the workload page against the 業務量削減 goal, and the upload of a survey: the office's, or a
     * reporter's of its own departments (the handler checks the file's departments) (issue 14 points 1, 4) */
    {"GET",    "/orgs/{code}/workload",                         SCOPE_ORG,           page_workload,             PERM_MEMBER,     false},
    {"GET",    "/orgs/{code}/workload/import",                  SCOPE_ORG,           page_workload_import,      PERM_MEMBER,     false},
    {"POST",   "/orgs/{code}/workload/import",                  SCOPE_ORG,           page_workload_import_post, PERM_MEMBER,     true},
    /* the STEP3 matrix of means applied to steps (issue 14 point 3): an organisation's, a step's, an application's */
    {"GET",    "/api/v1/orgs/{code}/matrix",                    SCOPE_ORG,           api_org_matrix,            PERM_MEMBER,     false},
    {"GET",    "/orgs/{code}/workload/matrix",                  SCOPE_ORG,           page_matrix,               PERM_MEMBER,     false},
    {"POST",   "/orgs/{code}/workload/matrix",                  SCOPE_ORG,           page_matrix_apply,         PERM_OFFICE,     true},
    {"POST",   "/api/v1/steps/{id}/applications",               SCOPE_STEP,          api_matrix_application_post, PERM_OFFICE,   false},
    {"PATCH",  "/api/v1/applications/{id}",                     SCOPE_APPLICATION,   api_matrix_application_patch, PERM_OFFICE,  false},
    {"DELETE", "/api/v1/applications/{id}",                     SCOPE_APPLICATION,   api_matrix_application_delete, PERM_OFFICE, false},
    {"POST",   "/applications/{id}/edit",                       SCOPE_APPLICATION,   page_matrix_change,        PERM_OFFICE,     true},
    {"POST",   "/applications/{id}/delete",                     SCOPE_APPLICATION,   page_matrix_remove,        PERM_OFFICE,     true},
    /* the catalogue of means (issue 14 point 2): members read it, the office keeps it */
    {"GET",    "/orgs/{code}/workload/means",                   SCOPE_ORG,           page_means,                PERM_MEMBER,     false},
    {"POST",   "/orgs/{code}/workload/means",                   SCOPE_ORG,           page_means_add,            PERM_OFFICE,     true},

    /* ---- a department */
    {"PATCH",  "/api/v1/departments/{id}",                      SCOPE_DEPARTMENT,    api_department_patch,      PERM_OFFICE,     false},
    {"DELETE", "/api/v1/departments/{id}",                      SCOPE_DEPARTMENT,    api_department_delete,     PERM_OFFICE,     false},
    {"GET",    "/api/v1/departments/{id}/inbox",                SCOPE_DEPARTMENT,    api_inbox_get,             PERM_REPORTER,   false},
    {"GET",    "/departments/{id}/edit",                        SCOPE_DEPARTMENT,    page_department_edit,      PERM_OFFICE,     false},
    {"POST",   "/departments/{id}/edit",                        SCOPE_DEPARTMENT,    page_department_update,    PERM_OFFICE,     true},
    {"POST",   "/departments/{id}/delete",                      SCOPE_DEPARTMENT,    page_department_delete,    PERM_OFFICE,     true},
    {"GET",    "/departments/{id}/inbox",                       SCOPE_DEPARTMENT,    page_inbox,                PERM_REPORTER,   false},
    /* its workload inventory of a survey FY, kept by its reporters (issue 14 point 1) */
    {"GET",    "/api/v1/departments/{id}/inventory",            SCOPE_DEPARTMENT,    api_inventory_get,         PERM_MEMBER,     false},
    {"PUT",    "/api/v1/departments/{id}/inventory",            SCOPE_DEPARTMENT,    api_inventory_put,         PERM_REPORTER,   false},
    {"GET",    "/departments/{id}/inventory",                   SCOPE_DEPARTMENT,    page_inventory,            PERM_MEMBER,     false},
    {"POST",   "/departments/{id}/inventory",                   SCOPE_DEPARTMENT,    page_inventory_save,       PERM_REPORTER,   true},
    {"POST",   "/departments/{id}/inventory/remove",            SCOPE_DEPARTMENT,    page_inventory_remove,     PERM_REPORTER,   true},

    /* ---- a department's notification */
    {"POST",   "/api/v1/notifications/{id}/read",               SCOPE_NOTIFICATION,  api_notification_read,     PERM_REPORTER,   false},
    {"POST",   "/notifications/{id}/read",                      SCOPE_NOTIFICATION,  page_notification_read,    PERM_REPORTER,   true},

    /* ---- a body of the promotion organisation */
    {"PATCH",  "/api/v1/bodies/{id}",                           SCOPE_BODY,          api_body_patch,            PERM_OFFICE,     false},
    {"DELETE", "/api/v1/bodies/{id}",                           SCOPE_BODY,          api_body_delete,           PERM_OFFICE,     false},
    /* a means of the catalogue (issue 14) */
    {"PATCH",  "/api/v1/means/{id}",                            SCOPE_MEANS,         api_means_patch,           PERM_OFFICE,     false},
    {"DELETE", "/api/v1/means/{id}",                            SCOPE_MEANS,         api_means_delete,          PERM_OFFICE,     false},
    {"POST",   "/means/{id}/edit",                              SCOPE_MEANS,         page_means_edit,           PERM_OFFICE,     true},
    {"POST",   "/means/{id}/delete",                            SCOPE_MEANS,         page_means_delete,         PERM_OFFICE,     true},
    /* an entry of freed hours reallocated (issue 14), and the workload page's forms of them */
    {"PATCH",  "/api/v1/reallocations/{id}",                    SCOPE_REALLOCATION,  api_reallocation_patch,    PERM_OFFICE,     false},
    {"DELETE", "/api/v1/reallocations/{id}",                    SCOPE_REALLOCATION,  api_reallocation_delete,   PERM_OFFICE,     false},
    {"POST",   "/orgs/{code}/workload/reallocations",           SCOPE_ORG,           page_reallocation_create,  PERM_OFFICE,     true},
    {"POST",   "/reallocations/{id}/edit",                      SCOPE_REALLOCATION,  page_reallocation_update,  PERM_OFFICE,     true},
    {"POST",   "/reallocations/{id}/delete",                    SCOPE_REALLOCATION,  page_reallocation_delete,  PERM_OFFICE,     true},
    {"POST",   "/api/v1/bodies/{id}/meetings",                  SCOPE_BODY,          api_meeting_post,          PERM_OFFICE,     false},
    {"GET",    "/bodies/{id}",                                  SCOPE_BODY,          page_body,                 PERM_PUBLIC,     false},
    {"GET",    "/bodies/{id}/edit",                             SCOPE_BODY,          page_body_edit,            PERM_OFFICE,     false},
    {"POST",   "/bodies/{id}/edit",                             SCOPE_BODY,          page_body_update,          PERM_OFFICE,     true},
    {"POST",   "/bodies/{id}/delete",                           SCOPE_BODY,          page_body_delete,          PERM_OFFICE,     true},
    {"GET",    "/bodies/{id}/meetings/new",                     SCOPE_BODY,          page_meeting_new,          PERM_OFFICE,     false},
    {"POST",   "/bodies/{id}/meetings/new",                     SCOPE_BODY,          page_meeting_create,       PERM_OFFICE,     true},

    /* ---- a meeting */
    {"PATCH",  "/api/v1/meetings/{id}",                         SCOPE_MEETING,       api_meeting_patch,         PERM_OFFICE,     false},
    {"DELETE", "/api/v1/meetings/{id}",                         SCOPE_MEETING,       api_meeting_delete,        PERM_OFFICE,     false},
    {"GET",    "/meetings/{id}/edit",                           SCOPE_MEETING,       page_meeting_edit,         PERM_OFFICE,     false},
    {"POST",   "/meetings/{id}/edit",                           SCOPE_MEETING,       page_meeting_update,       PERM_OFFICE,     true},
    {"POST",   "/meetings/{id}/delete",                         SCOPE_MEETING,       page_meeting_delete,       PERM_OFFICE,     true},

    /* ---- a plan */
    {"GET",    "/api/v1/plans/{id}",                            SCOPE_PLAN,          api_plan_get,              PERM_PUBLISHED,  false},
    {"PATCH",  "/api/v1/plans/{id}",                            SCOPE_PLAN,          api_plan_patch,            PERM_OFFICE,     false},
    {"DELETE", "/api/v1/plans/{id}",                            SCOPE_PLAN,          api_plan_delete,           PERM_OFFICE,     false},
    {"GET",    "/api/v1/plans/{id}/measures",                   SCOPE_PLAN,          api_plan_measures,         PERM_PUBLISHED,  false},
    {"GET",    "/api/v1/plans/{id}/check",                      SCOPE_PLAN,          api_plan_check,            PERM_MEMBER,     false},
    {"POST",   "/api/v1/plans/{id}/pillars",                    SCOPE_PLAN,          api_pillar_post,           PERM_OFFICE,     false},
    {"POST",   "/api/v1/plans/{id}/measurements.csv",           SCOPE_PLAN,          api_measurements_csv_post, PERM_INGEST,     false},
    {"GET",    "/api/v1/plans/{id}/versions",                   SCOPE_PLAN,          api_versions_list,         PERM_PUBLISHED,  false},
    {"POST",   "/api/v1/plans/{id}/versions",                   SCOPE_PLAN,          api_version_post,          PERM_OFFICE,     false},
    {"GET",    "/api/v1/plans/{id}/compare",                    SCOPE_PLAN,          api_plan_compare,          PERM_PUBLISHED,  false},
    {"GET",    "/api/v1/plans/{id}/published",                  SCOPE_PLAN,          api_plan_published,        PERM_PUBLIC,     false},
    {"GET",    "/api/v1/plans/{id}/rating-scale",               SCOPE_PLAN,          api_scale_get,             PERM_PUBLISHED,  false},
    {"GET",    "/api/v1/plans/{id}/logic-model",                SCOPE_PLAN,          api_logic_get,             PERM_PUBLISHED,  false},
    {"PUT",    "/api/v1/plans/{id}/logic-model",                SCOPE_PLAN,          api_logic_put,             PERM_OFFICE,     false},
    {"PUT",    "/api/v1/plans/{id}/rating-scale",               SCOPE_PLAN,          api_scale_put,             PERM_OFFICE,     false},
    {"GET",    "/api/v1/plans/{id}/periods",                    SCOPE_PLAN,          api_periods_list,          PERM_MEMBER,     false},
    {"POST",   "/api/v1/plans/{id}/periods",                    SCOPE_PLAN,          api_period_post,           PERM_OFFICE,     false},
    {"POST",   "/api/v1/plans/{id}/published/measures/{key*}/feedback", SCOPE_PLAN,          api_feedback_post,         PERM_PUBLIC,     false},
    {"GET",    "/api/v1/plans/{id}/published/measures/{key*}/feedback", SCOPE_PLAN,          api_feedback_list,         PERM_PUBLIC,     false},
    {"GET",    "/plans/{id}",                                   SCOPE_PLAN,          page_plan,                 PERM_PUBLISHED,  false},
    {"GET",    "/plans/{id}/export.xlsx",                       SCOPE_PLAN,          page_plan_export_xlsx,     PERM_MEMBER,     false},
    {"GET",    "/plans/{id}/export.csv",                        SCOPE_PLAN,          page_plan_export_csv,      PERM_MEMBER,     false},
    {"GET",    "/plans/{id}/search",                            SCOPE_PLAN,          page_search,               PERM_PUBLISHED,  false},
    {"GET",    "/plans/{id}/logic-model",                       SCOPE_PLAN,          page_logic_model,          PERM_PUBLISHED,  false},
    {"GET",    "/plans/{id}/edit",                              SCOPE_PLAN,          page_plan_edit,            PERM_OFFICE,     false},
    {"POST",   "/plans/{id}/edit",                              SCOPE_PLAN,          page_plan_update,          PERM_OFFICE,     true},
    {"GET",    "/plans/{id}/structure",                         SCOPE_PLAN,          page_structure,            PERM_OFFICE,     false},
    {"GET",    "/plans/{id}/pillars/new",                       SCOPE_PLAN,          page_pillar_new,           PERM_OFFICE,     false},
    {"POST",   "/plans/{id}/pillars/new",                       SCOPE_PLAN,          page_pillar_create,        PERM_OFFICE,     true},
    {"GET",    "/plans/{id}/measurements/import",               SCOPE_PLAN,          page_measurement_import,   PERM_OFFICE,     false},
    {"POST",   "/plans/{id}/measurements/import",               SCOPE_PLAN,          page_measurement_import_post, PERM_OFFICE,     true},
    {"GET",    "/plans/{id}/published",                         SCOPE_PLAN,          page_plan_published,       PERM_PUBLIC,     false},
    {"GET",    "/plans/{id}/summary",                           SCOPE_PLAN,          page_plan_summary,         PERM_PUBLIC,     false},
    {"GET",    "/plans/{id}/published/measures/{key*}",         SCOPE_PLAN,          page_measure_published,    PERM_PUBLIC,     false},
    {"POST",   "/plans/{id}/published/measures/{key*}/feedback", SCOPE_PLAN,          page_feedback_post,        PERM_PUBLIC,     true},
    {"GET",    "/plans/{id}/versions",                          SCOPE_PLAN,          page_versions,             PERM_PUBLISHED,  false},
    {"POST",   "/plans/{id}/versions",                          SCOPE_PLAN,          page_version_publish,      PERM_OFFICE,     true},
    {"GET",    "/plans/{id}/categories",                        SCOPE_PLAN,          page_plan_category_list,   PERM_OFFICE,     false},
    {"POST",   "/plans/{id}/categories",                        SCOPE_PLAN,          page_plan_category_confirm, PERM_OFFICE,     true},
    {"GET",    "/plans/{id}/compare",                           SCOPE_PLAN,          page_compare,              PERM_PUBLISHED,  false},
    {"GET",    "/plans/{id}/rating-scale",                      SCOPE_PLAN,          page_scale,                PERM_OFFICE,     false},
    {"POST",   "/plans/{id}/rating-scale",                      SCOPE_PLAN,          page_scale_post,           PERM_OFFICE,     true},
    /* the office's editor of the logic model (issue 14 point 5) */
    {"GET",    "/plans/{id}/logic-model/edit",                  SCOPE_PLAN,          page_logic_edit,           PERM_OFFICE,     false},
    {"POST",   "/plans/{id}/logic-model/nodes",                 SCOPE_PLAN,          page_logic_node_add,       PERM_OFFICE,     true},
    {"GET",    "/plans/{id}/logic-model/nodes/{node}",          SCOPE_PLAN,          page_logic_node,           PERM_OFFICE,     false},
    {"POST",   "/plans/{id}/logic-model/nodes/{node}",          SCOPE_PLAN,          page_logic_node_update,    PERM_OFFICE,     true},
    {"POST",   "/plans/{id}/logic-model/nodes/{node}/delete",   SCOPE_PLAN,          page_logic_node_delete,    PERM_OFFICE,     true},
    {"POST",   "/plans/{id}/logic-model/edges",                 SCOPE_PLAN,          page_logic_edge_add,       PERM_OFFICE,     true},
    {"POST",   "/plans/{id}/logic-model/edges/delete",          SCOPE_PLAN,          page_logic_edge_delete,    PERM_OFFICE,     true},
    {"GET",    "/plans/{id}/periods",                           SCOPE_PLAN,          page_periods,              PERM_MEMBER,     false},
    {"POST",   "/plans/{id}/periods",                           SCOPE_PLAN,          page_period_open,          PERM_OFFICE,     true},

    /* ---- a pillar */
    {"PATCH",  "/api/v1/pillars/{id}",                          SCOPE_PILLAR,        api_pillar_patch,          PERM_OFFICE,     false},
    {"DELETE", "/api/v1/pillars/{id}",                          SCOPE_PILLAR,        api_pillar_delete,         PERM_OFFICE,     false},
    {"POST",   "/api/v1/pillars/{id}/themes",                   SCOPE_PILLAR,        api_theme_post,            PERM_OFFICE,     false},
    {"GET",    "/pillars/{id}/edit",                            SCOPE_PILLAR,        page_pillar_edit,          PERM_OFFICE,     false},
    {"POST",   "/pillars/{id}/edit",                            SCOPE_PILLAR,        page_pillar_update,        PERM_OFFICE,     true},
    {"POST",   "/pillars/{id}/delete",                          SCOPE_PILLAR,        page_pillar_delete,        PERM_OFFICE,     true},
    {"GET",    "/pillars/{id}/themes/new",                      SCOPE_PILLAR,        page_theme_new,            PERM_OFFICE,     false},
    {"POST",   "/pillars/{id}/themes/new",                      SCOPE_PILLAR,        page_theme_create,         PERM_OFFICE,     true},

    /* ---- a theme */
    {"PATCH",  "/api/v1/themes/{id}",                           SCOPE_THEME,         api_theme_patch,           PERM_OFFICE,     false},
    {"DELETE", "/api/v1/themes/{id}",                           SCOPE_THEME,         api_theme_delete,          PERM_OFFICE,     false},
    {"POST",   "/api/v1/themes/{id}/measures",                  SCOPE_THEME,         api_measure_post,          PERM_OFFICE,     false},
    {"GET",    "/themes/{id}/edit",                             SCOPE_THEME,         page_theme_edit,           PERM_OFFICE,     false},
    {"POST",   "/themes/{id}/edit",                             SCOPE_THEME,         page_theme_update,         PERM_OFFICE,     true},
    {"POST",   "/themes/{id}/delete",                           SCOPE_THEME,         page_theme_delete,         PERM_OFFICE,     true},
    {"GET",    "/themes/{id}/measures/new",                     SCOPE_THEME,         page_measure_new,          PERM_OFFICE,     false},
    {"POST",   "/themes/{id}/measures/new",                     SCOPE_THEME,         page_measure_create,       PERM_OFFICE,     true},

    /* ---- a measure */
    {"GET",    "/api/v1/measures/{id}",                         SCOPE_MEASURE,       api_measure_get,           PERM_PUBLISHED,  false},
    {"PATCH",  "/api/v1/measures/{id}",                         SCOPE_MEASURE,       api_measure_patch,         PERM_REPORTER,   false},
    {"DELETE", "/api/v1/measures/{id}",                         SCOPE_MEASURE,       api_measure_delete,        PERM_OFFICE,     false},
    {"GET",    "/api/v1/measures/{id}/history",                 SCOPE_MEASURE,       api_measure_history,       PERM_MEMBER,     false},
    {"POST",   "/api/v1/measures/{id}/kpis",                    SCOPE_MEASURE,       api_kpi_post,              PERM_OFFICE,     false},
    {"GET",    "/api/v1/measures/{id}/categories",              SCOPE_MEASURE,       api_measure_category_get,  PERM_MEMBER,     false},
    {"PUT",    "/api/v1/measures/{id}/categories/{code}",       SCOPE_MEASURE,       api_measure_category_put,  PERM_OFFICE,     false},
    {"DELETE", "/api/v1/measures/{id}/categories/{code}",       SCOPE_MEASURE,       api_measure_category_delete, PERM_OFFICE,     false},
    {"GET",    "/measures/{id}",                                SCOPE_MEASURE,       page_measure,              PERM_PUBLISHED,  false},
    {"GET",    "/measures/{id}/history",                        SCOPE_MEASURE,       page_measure_history,      PERM_MEMBER,     false},
    {"GET",    "/measures/{id}/edit",                           SCOPE_MEASURE,       page_measure_edit,         PERM_REPORTER,   false},
    {"POST",   "/measures/{id}/edit",                           SCOPE_MEASURE,       page_measure_update,       PERM_REPORTER,   true},
    {"GET",    "/measures/{id}/kpis",                           SCOPE_MEASURE,       page_kpi_list,             PERM_OFFICE,     false},
    {"GET",    "/measures/{id}/categories",                     SCOPE_MEASURE,       page_measure_category_edit, PERM_OFFICE,     false},
    {"POST",   "/measures/{id}/categories",                     SCOPE_MEASURE,       page_measure_category_post, PERM_OFFICE,     true},
    {"GET",    "/measures/{id}/kpis/new",                       SCOPE_MEASURE,       page_kpi_new,              PERM_OFFICE,     false},
    {"POST",   "/measures/{id}/kpis/new",                       SCOPE_MEASURE,       page_kpi_create,           PERM_OFFICE,     true},

    /* ---- a KPI */
    {"GET",    "/api/v1/kpis/{id}",                             SCOPE_KPI,           api_kpi_get,               PERM_PUBLISHED,  false},
    {"PATCH",  "/api/v1/kpis/{id}",                             SCOPE_KPI,           api_kpi_patch,             PERM_OFFICE,     false},
    {"DELETE", "/api/v1/kpis/{id}",                             SCOPE_KPI,           api_kpi_delete,            PERM_OFFICE,     false},
    {"POST",   "/api/v1/kpis/{id}/measurements",                SCOPE_KPI,           api_measurement_post,      PERM_INGEST,     false},
    {"GET",    "/kpis/{id}",                                    SCOPE_KPI,           page_kpi,                  PERM_PUBLISHED,  false},
    {"POST",   "/kpis/{id}/measurements",                       SCOPE_KPI,           page_measurement_add,      PERM_REPORTER,   true},
    {"GET",    "/kpis/{id}/edit",                               SCOPE_KPI,           page_kpi_edit,             PERM_OFFICE,     false},
    {"POST",   "/kpis/{id}/edit",                               SCOPE_KPI,           page_kpi_update,           PERM_OFFICE,     true},
    {"POST",   "/kpis/{id}/delete",                             SCOPE_KPI,           page_kpi_delete,           PERM_OFFICE,     true},
    {"POST",   "/kpis/{id}/move",                               SCOPE_KPI,           page_kpi_move,             PERM_OFFICE,     true},

    /* ---- a KPI's measurement */
    {"PATCH",  "/api/v1/measurements/{id}",                     SCOPE_MEASUREMENT,   api_measurement_patch,     PERM_REPORTER,   false},
    {"DELETE", "/api/v1/measurements/{id}",                     SCOPE_MEASUREMENT,   api_measurement_delete,    PERM_REPORTER,   false},

    /* ---- a published version */
    {"GET",    "/api/v1/versions/{id}",                         SCOPE_VERSION,       api_version_get,           PERM_PUBLIC,     false},

    /* ---- a review period */
    {"GET",    "/api/v1/periods/{id}",                          SCOPE_PERIOD,        api_period_get,            PERM_MEMBER,     false},
    {"POST",   "/api/v1/periods/{id}/close",                    SCOPE_PERIOD,        api_period_close,          PERM_OFFICE,     false},
    {"GET",    "/api/v1/periods/{id}/pack",                     SCOPE_PERIOD,        api_period_pack,           PERM_MEMBER,     false},
    {"GET",    "/periods/{id}",                                 SCOPE_PERIOD,        page_period,               PERM_MEMBER,     false},
    {"POST",   "/periods/{id}/close",                           SCOPE_PERIOD,        page_period_close,         PERM_OFFICE,     true},
    {"GET",    "/periods/{id}/pack",                            SCOPE_PERIOD,        page_pack,                 PERM_MEMBER,     false},
    {"GET",    "/periods/{id}/work",                            SCOPE_PERIOD,        page_work,                 PERM_MEMBER,     false},

    /* ---- a measure's review in a period (the review steps' rights: core/review.h) */
    {"GET",    "/api/v1/periods/{id}/measures/{mid}/review",    SCOPE_PERIOD_MEASURE, api_review_get,            PERM_MEMBER,     false},
    {"PUT",    "/api/v1/periods/{id}/measures/{mid}/review",    SCOPE_PERIOD_MEASURE, api_review_put,            PERM_STEP(SAVE), false},
    {"POST",   "/api/v1/periods/{id}/measures/{mid}/review/send-back", SCOPE_PERIOD_MEASURE, api_review_send_back,      PERM_STEP(SEND_BACK), false},
    {"POST",   "/api/v1/periods/{id}/measures/{mid}/review/confirm", SCOPE_PERIOD_MEASURE, api_review_confirm,        PERM_STEP(CONFIRM), false},
    {"POST",   "/api/v1/periods/{id}/measures/{mid}/review/decision", SCOPE_PERIOD_MEASURE, api_review_decide,         PERM_STEP(DECIDE), false},
    {"GET",    "/periods/{id}/measures/{mid}",                  SCOPE_PERIOD_MEASURE, page_review,               PERM_MEMBER,     false},
    {"POST",   "/periods/{id}/measures/{mid}",                  SCOPE_PERIOD_MEASURE, page_review_post,          PERM_MEMBER,     true},

    /* ---- a citizen's opinion */
    {"POST",   "/api/v1/feedback/{id}/moderation",              SCOPE_FEEDBACK,      api_feedback_moderation,   PERM_OFFICE,     false},

    /* ---- an API token */
    {"POST",   "/admin/tokens/{id}/revoke",                     SCOPE_TOKEN,         page_token_revoke,         PERM_ADMIN,      true},

    /* ---- a user */
    {"POST",   "/admin/users/{id}/disable",                     SCOPE_USER,          page_user_disable,         PERM_ADMIN,      true},
    {NULL, NULL, SCOPE_UNDECLARED, NULL, PERM_PUBLIC, false},
};

/* Matches path against pattern segment by segment; placeholders capture one segment, and a
 * placeholder ending in "*" (a measure's key, whose path has "/" in it) one or more: the rest of
 * the path but for the pattern's literal tail after it. */
static bool match(const char *pattern, const char *path, struct req *r) {
    int n = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        if (close && close[-1] == '*') {
            const char *tail = close + 1;
            size_t tail_len = strlen(tail), rest = strlen(s);
            if (rest <= tail_len || strcmp(s + rest - tail_len, tail) != 0 || n >= REQ_MAX_PARAMS ||
                s[rest - tail_len - 1] == '/')
                return false;
            r->params[n++] = arena_strndup(&r->arena, s, rest - tail_len);
            r->nparams = n;
            return true;
        }
        if (*p == '{') {
            const char *end = strchr(s, '/');
            size_t len = end ? (size_t)(end - s) : strlen(s);
            if (len == 0 || n >= REQ_MAX_PARAMS)
                return false;
            r->params[n++] = arena_strndup(&r->arena, s, len);
            s += len;
            p = strchr(p, '}') + 1;
        } else if (*p == *s) {
            p++, s++;
        } else {
            return false;
        }
    }
    if (*p || *s)
        return false;
    r->nparams = n;
    return true;
}

const struct route *route_match(struct req *r, bool *ret_path_known) {
    *ret_path_known = false;
    for (const struct route *rt = routes; rt->method; rt++) {
        if (!match(rt->pattern, r->path, r))
            continue;
        if (strcmp(rt->method, r->method) == 0 || (strcmp(r->method, "HEAD") == 0 && strcmp(rt->method, "GET") == 0))
            return rt;
        *ret_path_known = true;
    }
    r->nparams = 0;
    return NULL;
}

/* "GET, PATCH": the methods of the routes whose pattern matches the path (for 405's Allow). */
static const char *allowed_methods(struct req *r) {
    struct buf b = BUF_INIT;
    for (const struct route *rt = routes; rt->method; rt++)
        if (match(rt->pattern, r->path, r)) {
            if (b.len)
                buf_puts(&b, ", ");
            buf_puts(&b, rt->method);
            if (strcmp(rt->method, "GET") == 0)
                buf_puts(&b, ", HEAD");
        }
    r->nparams = 0;
    char *s = arena_strdup(&r->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* The csrf field of a signed-in form post: a urlencoded field or a multipart part. */
static const char *form_csrf(struct req *r) {
    if (r->parts) {
        const struct req_part *p = req_part(r, "csrf");
        return p && strlen(p->data) == p->len ? p->data : NULL;
    }
    return req_parse_form(r) == 0 ? req_form(r, "csrf") : NULL;
}

/* An ingestion route called with a Bearer API token: the token, not the cookie, authenticates
 * it (a browser cannot add an Authorization header to a cross-site request without CORS, which
 * kawaru does not allow). Other routes ignore Authorization, so a cookie there needs the token. */
static bool bearer_ingest(const struct req *r, const struct route *rt) {
    return rt->perm == PERM_INGEST && r->authorization && strncasecmp(r->authorization, "Bearer ", 7) == 0;
}

/* CSRF (issue 4): only a signed-in request has a session to ride on. A state-changing form
 * route needs the session's token in its csrf field; an API write carrying the session cookie
 * needs it in X-CSRF-Token, unless it is an ingestion call with a Bearer API token. Anonymous
 * requests (no cookie, or one of an ended session) are not checked. Replies 403 when refused. */
static bool csrf_passes(struct req *r, const struct route *rt) {
    if (!r->user)
        return true;
    if (req_is_api(r)) {
        if (strcmp(rt->method, "GET") == 0 || bearer_ingest(r, rt) || session_csrf_ok(r, r->csrf_header))
            return true;
        resp_error(r, 403, "csrf", "this write needs the session's X-CSRF-Token header", NULL);
        return false;
    }
    if (!rt->csrf || session_csrf_ok(r, form_csrf(r)))
        return true;
    resp_error(r, 403, "csrf", "this form needs the session's CSRF token", NULL);
    return false;
}

/* Pages' error replies are drawn by the page layer (resp_error cannot include web/). */
static pthread_once_t error_page_once = PTHREAD_ONCE_INIT;
static void register_error_page(void) { req_set_error_page(page_error); }

void http_handle(struct req *r) {
    pthread_once(&error_page_once, register_error_page);
    bool known;
    const struct route *rt = route_match(r, &known);
    if (!rt) {
        if (known) {
            resp_error(r, 405, "method_not_allowed", "this method is not allowed on this resource", NULL);
            resp_header(r, "Allow", allowed_methods(r));
        } else {
            resp_error(r, 404, "not_found", "no such resource", NULL);
        }
        return;
    }
    if (!csrf_passes(r, rt))
        return;
    bool read_only = strcmp(rt->method, "GET") == 0;
    if (read_only) {
        db_read_begin(r->db);
        buf_reserve(&r->out, 16 * 1024);        /* pages and lists: no copying as the body grows */
    }
    else
        db_read_release(r->db);                 /* a write reads the newest data */
    if (authz_passes(r, rt))
        rt->handler(r);
    if (read_only)
        db_read_end(r->db);
}
