/* Server-rendered pages (Japanese first, English with ?lang=en) and the helpers they share. */
#ifndef KAWARU_WEB_PAGES_H
#define KAWARU_WEB_PAGES_H
#include "core/kpi_calc.h"
#include "core/model.h"
#include "core/review.h"
#include "http/req.h"
#include "web/i18n.h"

void page_home(struct req *r);
void page_orgs(struct req *r);
void page_org(struct req *r);
/* The promotion organisation (page_bodies.c). */
void page_org_bodies(struct req *r);
void page_org_meetings(struct req *r);
/* The open data catalogue (page_open_data.c). */
void page_open_data(struct req *r);
void page_body(struct req *r);
/* A body's kind in words (推進本部, ワーキンググループ …); "" for an unknown kind. */
const char *tr_body_kind(const struct req *r, const char *kind);
/* Editing the promotion organisation, for the office: bodies with their members and topics
 * (page_body_edit.c), and meetings with the measures they took up (page_meeting_edit.c). */
void page_body_new(struct req *r);
void page_body_create(struct req *r);
void page_body_edit(struct req *r);
void page_body_update(struct req *r);
void page_body_delete(struct req *r);
void page_meeting_new(struct req *r);
void page_meeting_create(struct req *r);
void page_meeting_edit(struct req *r);
void page_meeting_update(struct req *r);
void page_meeting_delete(struct req *r);
void page_plan(struct req *r);
/* A plan's logic model: the drawing and its outline (page_logic.c, svg_logic.c). */
void page_logic_model(struct req *r);
/* Editing a plan, for the office: its own fields (page_plan_edit.c); the list of its pillars and
 * themes (page_structure.c), the forms of a pillar (page_pillar.c) and of a theme (page_theme.c),
 * and the first form of a new measure (page_measure_new.c); what these share: web/structure.h. */
void page_plan_edit(struct req *r);
void page_plan_update(struct req *r);
void page_structure(struct req *r);
void page_pillar_new(struct req *r);
void page_pillar_create(struct req *r);
void page_pillar_edit(struct req *r);
void page_pillar_update(struct req *r);
void page_pillar_delete(struct req *r);
void page_theme_new(struct req *r);
void page_theme_create(struct req *r);
void page_theme_edit(struct req *r);
void page_theme_update(struct req *r);
void page_theme_delete(struct req *r);
void page_measure_new(struct req *r);
void page_measure_create(struct req *r);
/* Search in a plan's measures (page_search.c), and the search box of a plan's pages (GET
 * /plans/{id}/search?q=), holding q (or empty). */
void page_search(struct req *r);
void html_search_form(struct req *r, int64_t plan_id, const char *q);
void page_measure(struct req *r);
void page_measure_edit(struct req *r);
void page_measure_update(struct req *r);
/* The audit log (page_audit.c): all of it, filtered, and one measure's history. */
void page_audit(struct req *r);
void page_measure_history(struct req *r);
/* A KPI's page (page_kpi.c) and adding a measurement from the form on it (page_measurement.c):
 * the KPI of the path with its measure (replies 404 and returns false when there is none), and
 * the page with the form's values and errors (f; has_errors: with the error summary). */
void page_kpi(struct req *r);
void page_measurement_add(struct req *r);
struct measurement_form { const char *period, *value, *note, *err_period, *err_value, *err_note; };
struct measure_ref;
bool kpi_page_load(struct req *r, struct kpi *k, struct measure *m, struct measure_ref *ref);
/* version NULL: the working draft, with the form for those who may add; else the words naming
 * the published version it comes from (its pages linked, no form). */
void kpi_page_render(struct req *r, const struct kpi *k, const struct measure_ref *ref, const struct measure *m,
                     const struct measurement_form *f, bool has_errors, const char *version);
/* The office's editing of a measure's KPIs (page_kpi_edit.c): the list with reordering, adding,
 * editing, deleting. */
void page_kpi_list(struct req *r);
/* shared categories: the list, one compared across municipalities, the office's page of a
 * measure's categories (page_category.c) */
void page_category_list(struct req *r);
void page_category(struct req *r);
void page_measure_category_edit(struct req *r);
void page_measure_category_post(struct req *r);
void page_plan_category_list(struct req *r);
void page_plan_category_confirm(struct req *r);
/* A measure's confirmed categories as a row of a sheet's <dl class="facts">, linked to their
 * comparison pages; nothing when it has none. */
void html_measure_categories(struct req *r, const struct measure *m);
/* The office's section 「共通カテゴリ」 of a measure's edit page: the suggested categories to
 * confirm or reject, the confirmed ones to remove, the rejected ones, and a link to add any. */
void html_measure_category_section(struct req *r, const struct measure *m);
void page_kpi_new(struct req *r);
void page_kpi_create(struct req *r);
void page_kpi_edit(struct req *r);
void page_kpi_update(struct req *r);
void page_kpi_delete(struct req *r);
void page_kpi_move(struct req *r);
/* KPI measurements of a plan from an uploaded CSV file (page_import.c). */
void page_measurement_import(struct req *r);
void page_measurement_import_post(struct req *r);
/* API tokens: list, create, revoke (page_tokens.c). */
void page_tokens(struct req *r);
void page_token_create(struct req *r);
void page_token_revoke(struct req *r);
void page_static(struct req *r);
/* the quarterly review cycle (page_period.c, page_review.c) */
void page_periods(struct req *r);
void page_period_open(struct req *r);
void page_period(struct req *r);
void page_period_close(struct req *r);
void page_work(struct req *r);
void page_review(struct req *r);
void page_review_post(struct req *r);
void page_pack(struct req *r);                   /* page_pack.c */
void page_versions(struct req *r);               /* page_version.c */
void page_version_publish(struct req *r);
void page_compare(struct req *r);                /* page_compare.c */
void page_plan_published(struct req *r);         /* page_published.c */
void page_plan_summary(struct req *r);           /* page_summary.c: the summary for residents */
void page_measure_published(struct req *r);
/* Citizen feedback (page_feedback.c): the section below a published measure sheet (opinions
 * and the form; f: what was typed and its errors, or NULL), sending an opinion, and the
 * office's moderation queue. */
struct feedback_form { const char *text, *name, *err_text, *err_name, *err_top; };
void page_measure_published_form(struct req *r, const struct feedback_form *f);
void html_feedback_section(struct req *r, int64_t plan_id, const struct measure *m, const struct feedback_form *f);
void page_feedback_post(struct req *r);
void page_feedback_queue(struct req *r);
void page_feedback_moderate(struct req *r);
void page_scale(struct req *r);                  /* page_scale.c */
void page_scale_post(struct req *r);
/* The office's editor of a plan's logic model (page_logic_edit.c): the nodes by column with
 * adding, editing and deleting one; the arrows with adding and deleting one. */
void page_logic_edit(struct req *r);
void page_logic_node(struct req *r);
void page_logic_node_add(struct req *r);
void page_logic_node_update(struct req *r);
void page_logic_node_delete(struct req *r);
void page_logic_edge_add(struct req *r);
void page_logic_edge_delete(struct req *r);
/* A department's inbox and marking a notification read (page_inbox.c); the link to the inbox
 * with its unread count, for other pages (a department's "my work"). */
void page_inbox(struct req *r);
void page_notification_read(struct req *r);
void html_inbox_link(struct req *r, int64_t dept_id);
/* The administration of users (page_users.c). */
void page_users(struct req *r);
void page_user_create(struct req *r);
void page_user_disable(struct req *r);
/* Sign-in and sign-out (page_login.c). */
void page_login(struct req *r);
void page_login_post(struct req *r);
void page_logout(struct req *r);
/* 401: the sign-in form, coming back to this page (a GET) or to the referring page (http/authz.c). */
void page_login_required(struct req *r);
void page_not_found(struct req *r);
/* For a visitor who does not read the organisation's drafts, replies with a redirect (303) from
 * the draft's page of a plan or a measure (kind "plans", "measures"; the path's
 * first id) to the published version's page, and returns true; false for a member, whose
 * handler goes on (page_published.c). */
bool page_published_instead(struct req *r, const char *kind);
/* The reviews of a published measure the public reads (core/review.h review_is_public), in
 * (FY, quarter) order, allocated in r->arena: those of the draft's measure of its id (m->id, as
 * published_load_with_ids gives it), or as the version has them when the draft lacks it. */
int published_reviews(struct req *r, const struct measure *m, const struct review ***ret, size_t *ret_n);
/* 403: a signed-in form post without this session's CSRF token (routes.c), or a page or action
 * the user's role does not allow (http/authz.c). */
enum page_forbidden_reason { PAGE_FORBIDDEN_CSRF, PAGE_FORBIDDEN_ROLE };
void page_forbidden(struct req *r, enum page_forbidden_reason why);
/* The HTML page of an error reply of status (http/req.c resp_error calls it for every page):
 * 401 sign-in, 403 (code "csrf": the form's token), 404, and the others (page_static.c). */
void page_error(struct req *r, int status, const char *code);
/* text (a ?fy= value; NULL or "" leaves *ret alone) as a fiscal year in any form fy_parse takes:
 * true; otherwise replies the 400 page saying which forms are taken (M_ERR_FY) and returns false. */
bool page_query_fy(struct req *r, const char *text, int *ret);

/* ---- layout (layout.c) */
struct crumb { const char *label; const char *href; };   /* href NULL: the current page */
/* Starts the document: head, header, navigation, breadcrumbs, <main>. body_class may be NULL. */
void page_begin(struct req *r, const char *title, const struct crumb *crumbs, int ncrumbs, const char *body_class);
void page_end(struct req *r);
/* Links to the page before and the page after a list's page (rel prev and next, in a labelled
 * nav; nothing when it is the only page): href is the page's address with its query, to which
 * "offset=" is added; the page holds n of total rows from offset, step rows a page. */
void html_pager(struct req *r, const char *href, int64_t offset, size_t n, int64_t total, int64_t step,
                const char *prev_label, const char *next_label);
/* The prefectures as links to base?prefecture=…, each with its number of organisations; current
 * is the one shown (NULL: none). The organisations' list and the open data's. */
struct prefecture;
void html_prefecture_nav(struct req *r, const char *base, const struct prefecture *p, size_t n, const char *current);
/* <input type="hidden" name="csrf" value="…"> with this session's CSRF token when signed in,
 * nothing otherwise: every POST form writes it first. */
void html_csrf_field(struct req *r);
/* The head of a printable page: the city and the plan (plan_title may be NULL) above the h1
 * title, and the date it was made in Japan time (core/fiscal.c date_today, in words by tr_date:
 * 2025年6月1日, 1 Jun 2025 in English), so that a printed sheet says whose it is and of when; the same in
 * one line at the top of every printed page (.print-running, shown in print only), which also
 * names the version (may be NULL: a page of no plan version). */
void html_print_header(struct req *r, const char *org_name, const char *plan_title, const char *title, const char *version);
/* That one line alone, printed at the top of every page (app.css .print-running; hidden on
 * screen): the city, the plan, what the page is (what may be NULL) and the date it was made. It
 * must be a child of <main>. */
void html_print_running(struct req *r, const char *org_name, const char *plan_title, const char *what);
/* A KPI status badge: text and colour both carry the status. */
void html_kpi_badge(struct req *r, enum kpi_status s);
/* "未決定" / "なし" / "50 %（2026年度）" */
void html_kpi_target(struct req *r, const struct kpi *k);
/* Opens the wrapper that lets a wide table scroll sideways on a phone; it is a labelled,
 * focusable region so that keyboard users can scroll it too, and it begins with the scroll hint.
 * Close it with "</div>". */
void html_table_scroll(struct req *r, const char *label);
/* 「横にスクロールできます」 as the first child of a .table-scroll region: assets/app.css shows it
 * only while the region's content is wider than its box (a scroll-state container query), beside
 * the shadows at the edges that hide more columns — no JavaScript. */
void html_scroll_hint(struct req *r);

/* ---- a change list in words (diff_view.c): the compare page, the document import's preview */
#include "xfer/doc_diff.h"
struct field_words;
/* w: the words of ratings and departments (web/field_words.h) */
void html_changes(struct req *r, const struct diff_entry *d, size_t n, const struct field_words *w,
                  const char *caption);

/* ---- replacing an organisation's plans by a document (page_document.c) */
void page_document_import(struct req *r);
void page_document_import_post(struct req *r);
/* An organisation's departments for the office: the tree and adding one, editing one, deleting
 * one (page_departments.c). */
void page_departments(struct req *r);
void page_department_add(struct req *r);
void page_department_edit(struct req *r);
void page_department_update(struct req *r);
void page_department_delete(struct req *r);
/* The empty survey CSV of the workload inventory, for members (page_workload_csv.c). */
void page_workload_survey_csv(struct req *r);
/* page_plan_export.c: a plan's draft as a workbook or a CSV table, and their links on its page */
void page_plan_export_xlsx(struct req *r);
void page_plan_export_csv(struct req *r);
void html_plan_downloads(struct req *r, const struct plan *p, const char *org_code);
/* The workload page against the 業務量削減 goal (page_workload.c) with its Pareto chart of hours by
 * business (svg_pareto.c: hours[n] most first, their total for the cumulative share), and the
 * office's upload of a survey CSV (page_workload_import.c). */
void page_workload(struct req *r);
void page_workload_import(struct req *r);
void page_workload_import_post(struct req *r);
/* A department's workload inventory of a survey FY (page_inventory.c): its businesses with their
 * steps and hours for members; the forms that add, change and remove a business for its
 * reporters, the office and admins. */
void page_inventory(struct req *r);
void page_inventory_save(struct req *r);
void page_inventory_remove(struct req *r);
void svg_pareto_chart(struct req *r, const char *title, const double *hours, size_t n, double total);
/* The organisation's catalogue of means (page_means.c): members read it, the office adds, changes
 * and deletes means by its forms. */
void page_means(struct req *r);
void page_means_add(struct req *r);
void page_means_edit(struct req *r);
void page_means_delete(struct req *r);
/* The STEP3 matrix of means applied to steps (page_matrix.c): members read it, the office applies,
 * changes and removes applications by its forms. */
void page_matrix(struct req *r);
void page_matrix_apply(struct req *r);
void page_matrix_change(struct req *r);
void page_matrix_remove(struct req *r);
/* The measures of an organisation as a select's choices: none (yet) first, then "key title" of
 * each (page_matrix.c; the matrix's and the reallocations' forms). Allocated in r->arena. */
struct form_option;
struct matrix_measure;
struct form_option *org_measure_options(struct req *r, const struct matrix_measure *v, size_t n);
/* Freed hours reallocated to new services (page_reallocation.c): the workload page's section —
 * freed vs reallocated hours, the entries, and for the office the forms (e: the one that failed,
 * or NULL) — and the office's writes, answered 303 to the workload page or 422 with it again. */
struct workload_summary;
struct reallocation_form;
void html_reallocations(struct req *r, const struct org *o, const struct workload_summary *s,
                        const struct reallocation_form *e);
void page_reallocation_create(struct req *r);
void page_reallocation_update(struct req *r);
void page_reallocation_delete(struct req *r);
/* The workload page of survey FY fy (0: the default) with a failed reallocation form (or NULL). */
void workload_render(struct req *r, const struct org *o, int fy, const struct reallocation_form *e);
/* An error message under a form field (role=alert not needed: the summary announces). */
void html_field_error(struct req *r, const char *id, const char *message);
/* A labelled <input> in a div.field: its hint (or NULL) and error (or NULL) tied to it by
 * aria-describedby, aria-invalid when it has an error; extra is raw attributes (or ""). */
void html_input_field(struct req *r, const char *id, const char *label, const char *type, const char *value,
                      const char *err, const char *hint, const char *extra);

/* ---- the review cycle's shared views (review_view.c) */
const char *tr_review_state(const struct req *r, enum review_state s);
/* The label of an HQ decision code (継続 …), or the code itself when unknown. */
const char *tr_decision(const struct req *r, const char *code);
/* A review state badge, followed by a "late" badge when late. */
void html_review_badge(struct req *r, enum review_state s, bool late);
/* The departments in charge of a measure (names[0] the lead, marked as such when it shares the
 * measure), or, with none, the words of an organisation-wide measure, which the office reports. */
void html_departments_in_charge(struct req *r, char *const *names, size_t n);
/* A report's numbers (review_kpis.c): each KPI's baseline, target, previous value and the value
 * expected on the quarter's last day, with — typed given — a field per KPI holding typed[i] (err:
 * the fieldset's error, or NULL), else the quarter's value as stored with its status. */
struct review_period;
void html_review_kpis(struct req *r, const struct measure *m, const struct review_period *p, const char *const *typed,
                      const char *err);
/* The measure's schedule for fiscal year fy, when it has one. */
void html_review_schedule(struct req *r, const struct measure *m, int fy);
/* How late a review is in words: "3日遅れ", or for one never submitted "未提出（締切から3日）";
 * "" when days < 0 (not late). In the request's arena. */
const char *tr_days_late(struct req *r, int days, enum review_state s);
/* In a closed period, the sentence saying lateness is judged as of the day it was closed. */
void html_late_as_closed(struct req *r, const struct review_period *p);
/* A report's 取組内容・進捗 (always), 課題 and 次の取組 (when written) under headings of the
 * given level, the texts rendered from Markdown. */
void html_review_texts(struct req *r, const struct review *rv, int level);
/* "2025年度（令和7年度） 第3四半期" / "FY2025 (Reiwa 7) Q3", in the request's arena. */
char *period_label(struct req *r, int fy, int quarter);
/* A plan with its organisation, for titles and breadcrumbs: as the working draft names it for
 * the organisation's members, as its latest published version does for everyone else. */
struct plan_context {
    int64_t plan_id, org_id;
    const char *org_code, *org_name, *plan_title, *org_href, *plan_href, *periods_href;
    const char *plan_version;             /* the plan's current version label, or NULL */
};
bool load_plan_context(struct req *r, int64_t plan_id, struct plan_context *ret);

/* The progress toward the organisation's workload-reduction goal in one line — projected and
 * realised reductions against the goal — linked to the workload page (page_workload.c); nothing
 * when the organisation has no such goal. For the plan overview and the HQ pack. */
void html_workload_progress(struct req *r, int64_t org_id, const char *org_code);

/* ---- a plan's overview (page_plan.c), live or as a published version */
/* Title, kind, period, version, summary. */
void html_plan_header(struct req *r, const struct plan *p);
/* Goals, vision, principles, the roll-up, every pillar, theme and measure, the revision
 * history. published_base NULL links measures to their live pages; else to published_base
 * followed by the measure's code. */
void html_plan_body(struct req *r, const struct plan *p, const char *published_base);
/* The plan's check findings (check_view.c, core/plan_check.h), for its members. */
void html_plan_findings(struct req *r, const struct plan *p);
/* One line of them: the plan (linked to its findings) and how many need action and are notes. */
void html_plan_findings_count(struct req *r, const struct plan *p);
/* The rows of a table of measures: its head, and one measure (code, title linked as for
 * html_plan_body, status, lead department, KPI statuses); in a search's results, where each
 * measure matched under its title (matched: bits 1 << core/search.h search_field; NULL: none). */
void html_measure_rows_head(struct req *r);
void html_measure_row(struct req *r, const struct measure *m, const char *published_base, const unsigned *matched);

/* The measure sheet (page_measure.c): 現状, 理想, 担当, the schedule grid, KPIs; published_base
 * as for html_plan_body (a published version's KPIs are not linked); printed, every page's top
 * line names the city, the plan, version (the working draft's words, or 公開版 and its label)
 * and the date. */
struct measure_ref;
void html_measure_sheet(struct req *r, const struct measure *m, const struct measure_ref *ref, const char *published_base,
                        const char *version);

/* ---- the progress roll-up (rollup_view.c; figures from core/rollup.c) */
struct rollup;
/* A table of the plan's roll-up: a row per pillar and the total. */
void html_rollup_overview(struct req *r, const struct plan *p, const struct rollup *plan, const struct rollup *pillars,
                          bool pillar_links);
/* One line: the ratings and KPI statuses of what a theme holds. */
void html_rollup_line(struct req *r, const struct plan *p, const struct rollup *ru);

/* ---- chart (svg_chart.c) */
/* An SVG line chart of a KPI: baseline, straight target line, measurements and forecast. */
void svg_kpi_chart(struct req *r, const struct kpi *k, const struct kpi_derived *d);

#endif
