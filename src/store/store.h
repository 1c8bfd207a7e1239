/* Reading and writing kawaru's entities. Every page, API handler, export and CLI command goes
 * through these functions; no SQL is written anywhere else. Loaded objects are allocated in the
 * caller's arena. Functions return 0 or a negative KW_E* code. */
#ifndef KAWARU_STORE_STORE_H
#define KAWARU_STORE_STORE_H
#include <stdbool.h>
#include "core/fiscal.h"
#include "core/model.h"
#include "store/db.h"
#include "util/arena.h"

/* Who is writing, for the audit log. */
struct actor { const char *name; const char *via; };   /* via: "cli", "web", "api" */

/* ---- organisations and departments */
int store_org_list(struct db *db, struct arena *a, struct org **ret, size_t *ret_n);
int store_org_by_code(struct db *db, struct arena *a, const char *code, struct org *ret);
int store_org_by_id(struct db *db, struct arena *a, int64_t id, struct org *ret);
/* One page of organisations in code order (store_load.c), for installations of every municipality:
 * prefecture (NULL or "": any) is compared exactly with org.prefecture; q (NULL or blank: any),
 * trimmed and NFKC-normalised, matches a part of the name or the start of the code, its % and _
 * taken as themselves. limit rows (at least 1) from offset, and in total the number that match. */
struct org_query { const char *prefecture, *q; int64_t limit, offset; };
struct org_page { struct org *items; size_t n; int64_t total; };
int store_org_find(struct db *db, struct arena *a, const struct org_query *f, struct org_page *ret);
/* The prefectures organisations name, each with its number of organisations and the two digits
 * its codes begin with, in the order of those digits (JIS X 0401: 01 北海道 … 47 沖縄県). */
struct prefecture { char *name; char code[3]; int64_t orgs; };
int store_prefectures(struct db *db, struct arena *a, struct prefecture **ret, size_t *ret_n);
int store_departments(struct db *db, struct arena *a, int64_t org_id, struct department **ret, size_t *ret_n);
/* Each department of the organisation (in position order) with its contact e-mail (NULL when
 * none) and the number of measures that name it as one in charge (store_departments.c). */
struct department_usage { int64_t id; char *email; int64_t measures; };
int store_department_usage(struct db *db, struct arena *a, int64_t org_id, struct department_usage **ret,
                           size_t *ret_n);

/* ---- plans */
/* What a list of plans shows of one plan. */
struct plan_face {
    char *title, *kind, *version, *published;
    int from_fy, to_fy;
};
/* Plans of an organisation without their trees: as the working draft has them, with its
 * counts, and as the latest published version has them (all NULL and 0 when there is none),
 * which is all the public may see. */
struct plan_summary {
    int64_t id;
    struct plan_face draft;             /* the working draft's, with its version and date */
    int n_pillars, n_measures, n_kpis;
    bool has_version;                   /* a published version exists (the public sees it) */
    struct plan_face latest;            /* that version's title, kind, period, label and date */
};
int store_plan_list(struct db *db, struct arena *a, int64_t org_id, struct plan_summary **ret, size_t *ret_n);
/* The draft's face of a listed plan, or its latest published version's when drafts is false. */
struct plan_face plan_summary_face(const struct plan_summary *p, bool drafts);
/* The organisation a plan belongs to; KW_ENOTFOUND when there is no such plan. */
int store_plan_org(struct db *db, int64_t plan_id, int64_t *ret_org_id);
/* How much of each measure to load: everything, or what lists show (departments, KPIs with
 * their measurements) without schedule, progress, means, tags, links and reviews. */
enum load_depth { LOAD_FULL, LOAD_SUMMARY };

/* The whole plan tree with its measures loaded to the given depth. */
int store_plan_load(struct db *db, struct arena *a, int64_t plan_id, enum load_depth depth, struct plan *ret);
/* Sets plan p (loaded at LOAD_SUMMARY) back to the last day of quarter fy/quarter, the day a
 * quarter's pack judges it by: each measure's latest rating is of that quarter or before, and
 * each KPI has only its measurements up to that day (so kpi_derive and the roll-up, given that
 * day, give the figures as they stood then). */
int store_plan_as_of(struct db *db, struct arena *a, struct plan *p, int fy, int quarter);
/* An organisation with its departments and every plan, as a plan document holds it. */
int store_org_doc_load(struct db *db, struct arena *a, const char *code, struct org_doc *ret);
/* Writes a validated document of a new organisation in one transaction; KW_ECONFLICT when one of
 * that code exists (a replacement merges: xfer/doc_merge.h). */
int store_org_doc_insert(struct db *db, const struct org_doc *doc, const struct actor *who);

/* ---- the promotion organisation (store_body.c, core/body.h) */
struct body;
/* The bodies of org_id in their order (or only the body only_id when it is not 0), each with its
 * topics, members, and meetings with their measures; allocated in a. */
int store_bodies_load(struct db *db, struct arena *a, int64_t org_id, int64_t only_id, struct body **ret,
                      size_t *ret_n);
/* One body with its parts and its organisation; KW_ENOTFOUND when there is none. */
int store_body_load(struct db *db, struct arena *a, int64_t id, struct body *ret, struct org *ret_org);

/* ---- measures */
struct measure_ref {                 /* where a measure sits */
    int64_t plan_id, org_id;
    char *org_code, *org_name, *plan_title;
    char *pillar_code, *pillar_title, *theme_code, *theme_title;
};
int store_measure_load(struct db *db, struct arena *a, int64_t id, struct measure *ret, struct measure_ref *ret_ref);
/* Measures of a plan matching a search query (any length, NFKC), a department name or code and
 * a latest review rating; every filter may be NULL. In plan order, loaded to the given depth.
 * With a query and ret_matched, also where each measure matched: (*ret_matched)[i] has bit
 * 1 << f for each core/search.h search_field f that held a word of the query. */
int store_measure_search(struct db *db, struct arena *a, int64_t plan_id, const char *q, const char *dept,
                         const char *rating, enum load_depth depth, struct measure **ret, size_t *ret_n,
                         unsigned **ret_matched);

/* The id of the measure whose key (its code, or its path where codes repeat: core/model.h) or
 * full path is key in a plan; KW_ENOTFOUND when there is none. */
int store_measure_id_by_key(struct db *db, int64_t plan_id, const char *key, int64_t *ret_id);

/* ---- KPIs */
int store_kpi_load(struct db *db, struct arena *a, int64_t id, struct kpi *ret, int64_t *ret_measure_id);
/* Adds a measurement; returns its id in ret_id. The caller validated period and value. */
int store_measurement_add(struct db *db, int64_t kpi_id, const struct measurement *m,
                          const struct actor *who, int64_t *ret_id);

/* ---- editing the tree
 *
 * Each function is one transaction that appends one audit row (entity, id, action create /
 * update / move / delete, the entity's fields before and after as JSON) and refreshes the search
 * index of every measure whose searchable text changed. On failure nothing is kept.
 *
 * Errors: KW_ENOTFOUND when the entity (or the parent it is created under) does not exist;
 * KW_EINVAL (a value the data does not allow: an unknown department, a position out of range, a
 * theme of another plan) and KW_ECONFLICT (a duplicate code, a delete of something still in use)
 * fill *fail, when fail is not NULL, with the input field to blame and a message.
 *
 * Conventions: the caller has checked types, enums and lengths. In a patch NULL leaves a text as
 * it is and "" clears an optional one; on create "" is the same as NULL. Positions are 0-based
 * among siblings (the others shift); on create, position -1 puts the new entity last. */
/* Why a write was refused: the field, an English message (the API's), and the value at fault
 * when there is one, for a page to say in the reader's language. */
struct edit_fail { char field[64]; char message[200]; char value[64]; };

enum { STORE_LAST = -1 };

int store_org_create(struct db *db, const struct org *o, const struct actor *who, int64_t *ret_id,
                     struct edit_fail *fail);
struct org_patch {
    const char *name, *prefecture;
    bool set_population; int64_t population;          /* 0 clears */
};
int store_org_update(struct db *db, int64_t org_id, const struct org_patch *p, const struct actor *who,
                     struct edit_fail *fail);

/* A department's parent_code names another department of the organisation by code. */
int store_department_create(struct db *db, int64_t org_id, const struct department *d, int position,
                            const struct actor *who, int64_t *ret_id, struct edit_fail *fail);
struct department_patch {
    const char *code, *name, *parent;                 /* parent "" makes it top-level */
    bool set_abolished, abolished;
    bool set_position; int position;
};
int store_department_update(struct db *db, int64_t id, const struct department_patch *p, const struct actor *who,
                            struct edit_fail *fail);
/* KW_ECONFLICT while a measure names the department, or while it has history (inbox,
 * reporters, a contact e-mail). */
int store_department_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail);

/* Creates a plan with its own fields (code, title, kind, motto, summary, period, review cadence,
 * version, published) and lists (vision, principles, goals, revision history, rating scale);
 * its tree is left empty. */
int store_plan_create(struct db *db, int64_t org_id, const struct plan *p, int position, const struct actor *who,
                      int64_t *ret_id, struct edit_fail *fail);
struct plan_patch {
    const char *title, *kind, *motto, *summary, *review_cadence, *version, *published;
    const char *code;                                 /* "" clears */
    bool set_period; int from_fy, to_fy;              /* replaced together; 0 = not stated */
    bool set_abolished, abolished;
    /* lists replaced as a whole (set_* with n 0 clears): めざす姿, principles, the foundation,
     * これまでの主な課題, goals */
    bool set_vision, set_principles, set_foundation, set_challenges, set_goals;
    const struct titled_text *vision, *principles, *foundation, *challenges;
    size_t n_vision, n_principles, n_foundation, n_challenges;
    const struct goal *goals; size_t n_goals;
    bool set_position; int position;
};
int store_plan_update(struct db *db, int64_t id, const struct plan_patch *p, const struct actor *who,
                      struct edit_fail *fail);
/* Deletes the plan with its whole tree, and its measures from the search index. KW_ECONFLICT
 * (fail) when it has history: published versions, quarters, its measures' reviews and so on. */
int store_plan_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail);

int store_pillar_create(struct db *db, int64_t plan_id, const struct pillar *p, int position,
                        const struct actor *who, int64_t *ret_id, struct edit_fail *fail);
struct pillar_patch {
    const char *code, *title, *summary;
    bool set_abolished, abolished;
    const struct strlist *examples;                   /* NULL leaves, empty clears */
    bool set_position; int position;
};
int store_pillar_update(struct db *db, int64_t id, const struct pillar_patch *p, const struct actor *who,
                        struct edit_fail *fail);
/* KW_ECONFLICT while the pillar has themes. */
int store_pillar_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail);

int store_theme_create(struct db *db, int64_t pillar_id, const struct theme *t, int position,
                       const struct actor *who, int64_t *ret_id, struct edit_fail *fail);
struct theme_patch {
    const char *code, *title;                         /* code "" clears */
    bool set_abolished, abolished;
    bool set_means; const struct means_entry *means; size_t n_means;
    int64_t pillar_id;                                /* not 0: move to this pillar of the same plan */
    bool set_position; int position;                  /* unset with a move: last */
};
int store_theme_update(struct db *db, int64_t id, const struct theme_patch *p, const struct actor *who,
                       struct edit_fail *fail);
/* KW_ECONFLICT while the theme has measures. */
int store_theme_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail);

/* Creates a measure from its own fields, departments (names), means, tags and links (codes of
 * other measures of the plan); KPIs, schedule, progress and reviews in m are stored too.
 * KW_ECONFLICT when the code is taken in the plan. */
int store_measure_create(struct db *db, int64_t theme_id, const struct measure *m, int position,
                         const struct actor *who, int64_t *ret_id, struct edit_fail *fail);
/* Fields of a measure an editor may change; NULL / false / 0 means "leave as is". */
struct measure_patch {
    const char *title, *current, *ideal, *status;
    bool set_new_since; int new_since_fy;     /* new_since_fy 0 clears */
    const char *code;
    bool set_scope; const char *scope;        /* scope NULL or "" clears */
    const struct strlist *departments, *means, *tags, *links;   /* replace the whole list */
    const struct strlist *categories;         /* the confirmed categories' codes, replaced whole */
    /* replace the whole schedule or progress (every FY and quarter): set_* true with n 0 clears */
    bool set_schedule, set_progress;
    const struct period_items *schedule, *progress;
    size_t n_schedule, n_progress;
    int64_t theme_id;                         /* not 0: move to this theme of the same plan */
    bool set_position; int position;          /* unset with a move: last */
};
int store_measure_edit(struct db *db, int64_t id, const struct measure_patch *p, const struct actor *who,
                       struct edit_fail *fail);
/* store_measure_edit without the failure detail (the web form checks its few fields itself). */
int store_measure_update(struct db *db, int64_t id, const struct measure_patch *p, const struct actor *who);
/* Deletes a measure with its KPIs and the links to and from it; KW_ECONFLICT (fail) when it has
 * history (reviews, measurements, meetings, opinions): abolish it instead. */
int store_measure_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail);

/* Creates a KPI (and any measurements in k). */
int store_kpi_create(struct db *db, int64_t measure_id, const struct kpi *k, int position, const struct actor *who,
                     int64_t *ret_id, struct edit_fail *fail);
struct kpi_patch {
    const char *name, *unit, *perspective, *definition, *source;   /* name "": none (指標未設定) */
    const char *code;                                               /* "" clears */
    bool set_abolished, abolished;
    bool set_direction; enum kpi_direction direction;
    bool set_baseline, has_baseline; double baseline_value; int baseline_fy;   /* !has_baseline clears */
    bool set_target; enum kpi_target_state target_state; double target_value; int target_fy;
    bool set_position; int position;
};
int store_kpi_update(struct db *db, int64_t id, const struct kpi_patch *p, const struct actor *who,
                     struct edit_fail *fail);
/* KW_ECONFLICT (fail) while the KPI has measurements: abolish it instead. */
int store_kpi_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail);
int store_measurement_delete(struct db *db, int64_t id, const struct actor *who);
/* Corrects a measurement: its period (when not NULL), value (when set_value), note and source
 * (NULL leaves, "" clears). KW_ENOTFOUND when there is no such measurement. */
struct measurement_patch {
    const char *period, *note, *source;
    bool set_value; double value;
};
int store_measurement_update(struct db *db, int64_t id, const struct measurement_patch *p, const struct actor *who);

/* ---- Editing the promotion organisation (store_edit_body.c), with the conventions of "editing the
 * tree" below. A body's code is unique in its organisation (KW_ECONFLICT "code"); its members
 * name their department by name (KW_EINVAL "members[i].department" for an unknown one); a
 * meeting's measures are measures of the body's organisation, by id, each once (KW_EINVAL
 * "measures[i]"). The caller has checked kinds, dates and lengths. */
struct body_member;
struct meeting;
struct meeting_measure;
int store_body_create(struct db *db, int64_t org_id, const struct body *b, int position, const struct actor *who,
                      int64_t *ret_id, struct edit_fail *fail);
struct body_patch {
    const char *code, *name, *kind, *description;     /* description "" clears */
    bool set_abolished, abolished;
    bool set_headcount; int headcount;                /* headcount 0 clears */
    const struct strlist *topics;                     /* NULL leaves, empty clears */
    bool set_members; const struct body_member *members; size_t n_members;
    bool set_position; int position;
};
int store_body_update(struct db *db, int64_t id, const struct body_patch *p, const struct actor *who,
                      struct edit_fail *fail);
/* KW_ECONFLICT while the body has meetings (history): abolish it instead. */
int store_body_delete(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail);
int store_meeting_create(struct db *db, int64_t body_id, const struct meeting *mt, const struct actor *who,
                         int64_t *ret_id, struct edit_fail *fail);
struct meeting_patch {
    const char *date, *title, *agenda, *minutes;      /* agenda, minutes "" clear */
    bool set_measures; const struct meeting_measure *measures; size_t n_measures;
};
int store_meeting_update(struct db *db, int64_t id, const struct meeting_patch *p, const struct actor *who,
                         struct edit_fail *fail);
int store_meeting_delete(struct db *db, int64_t id, const struct actor *who);

/* ---- the quarterly review cycle (store_review.c; rules in core/review.h) */
struct review_period {
    int64_t id, plan_id;
    int fy, quarter;
    char *deadline;                       /* YYYY-MM-DD */
    bool closed;                          /* a closed period is read-only */
    char *opened_by, *opened_at, *closed_by, *closed_at;
};
/* Opens FY fy, quarter q of a plan with a deadline (validated by the caller); KW_ECONFLICT when
 * that quarter was opened before. */
int store_period_open(struct db *db, int64_t plan_id, int fy, int quarter, const char *deadline,
                      const struct actor *who, int64_t *ret_id, struct edit_fail *fail);
int store_period_close(struct db *db, int64_t id, const struct actor *who, struct edit_fail *fail);
/* A plan's periods, newest first. */
int store_periods(struct db *db, struct arena *a, int64_t plan_id, struct review_period **ret, size_t *ret_n);
int store_period_load(struct db *db, struct arena *a, int64_t id, struct review_period *ret);

/* What one measure owes in a period: the measure, its lead department (which reports), its
 * review (state REVIEW_MISSING when none), and how many of its KPIs have no value in the quarter. */
struct period_line {
    int64_t measure_id, dept_id;          /* the lead department; 0: none (an organisation-wide measure) */
    char *code, *title, *dept_name;
    int64_t *dept_ids;                    /* every department in charge, the lead first: each may report */
    char **dept_names;
    size_t n_depts;
    struct review review;
    int kpis_due;
    char *previous_rating;                /* the quarter before's submitted or confirmed rating */
};
/* The planned and active measures of the period's plan, in plan order. */
int store_period_lines(struct db *db, struct arena *a, const struct review_period *p, struct period_line **ret,
                       size_t *ret_n);
/* Whether dept_id is one of the departments in charge of l's measure (the lead or a shared one). */
bool period_line_in_charge(const struct period_line *l, int64_t dept_id);
/* The departments in charge of any of lines, each once, in the order they first appear (a line's
 * lead before its other departments); the count in *ret_n. */
int64_t *period_departments(struct arena *a, const struct period_line *lines, size_t n, size_t *ret_n);
/* A measure's review in the period and (ret_prev, may be NULL) in the quarter before, to start
 * from; KW_ENOTFOUND when the measure is not in the period's plan. */
int store_review_get(struct db *db, struct arena *a, const struct review_period *p, int64_t measure_id,
                     struct review *ret, struct review *ret_prev);

/* A review a plan document records (confirmed history): added for its quarter, or the confirmed
 * review of that quarter corrected. KW_ECONFLICT (fail "reviews") when the quarter's review is
 * on its way through the cycle (draft, submitted, sent back). */
int store_review_record(struct db *db, int64_t measure_id, const struct review *rv, const struct actor *who,
                        struct edit_fail *fail);

/* The plan's rating scale, or the default scale (core/review.h) when it has none. */
int store_rating_scale(struct db *db, struct arena *a, int64_t plan_id, struct rating_level **ret, size_t *ret_n);
/* Replaces the plan's rating scale by v (validated by the caller: codes, labels, colours); n 0
 * returns the plan to the default scale. KW_ECONFLICT (field "levels") when a level that rates
 * reviews already would go. */
int store_rating_scale_set(struct db *db, int64_t plan_id, const struct rating_level *v, size_t n,
                           const struct actor *who, struct edit_fail *fail);

/* A KPI value reported with a review; stored as the measurement at the quarter's last day. */
struct review_kpi_value { int64_t kpi_id; double value; const char *note; };
/* What a step carries: save and submit the report and KPI values, send back a comment,
 * decide a decision and its note; confirm nothing. */
struct review_input {
    const char *rating, *text, *issues, *next_steps;
    const struct review_kpi_value *values;
    size_t n_values;
    const char *comment;
    const char *decision, *decision_note;
};
/* Takes step (an enum review_step) on measure's review in period: KW_ENOTFOUND (no such period
 * or measure), KW_ECONFLICT (closed period, or a step the review's state does not allow),
 * KW_EINVAL (bad input; fail names the field). */
int store_review_step(struct db *db, int64_t period_id, int64_t measure_id, int step,
                      const struct review_input *in, const struct actor *who, struct edit_fail *fail);

/* ---- notifications and reminders (store_notify.c; texts in core/notice.h)
 *
 * Notifications are addressed to departments (a user's inbox will be the notifications of the
 * user's departments). A reminder is recorded once per period, department and kind ("before",
 * "after"); its e-mail is sent after the record is committed (notify/remind.c). */
struct notification {
    int64_t id, org_id, dept_id;
    char *kind, *subject, *body, *link, *created_at, *read_at;   /* read_at NULL: unread */
};
struct inbox { struct notification *items; size_t n; int64_t total, unread; };
enum { INBOX_LIMIT_DEFAULT = 50, INBOX_LIMIT_MAX = 200 };
/* A department with its organisation and contact e-mail (NULL when none). */
struct department_contact { int64_t id, org_id; char *code, *name, *email; };
int store_department_contact(struct db *db, struct arena *a, int64_t id, struct department_contact *ret);
/* store_department_update with the contact e-mail in the same transaction: email NULL leaves it,
 * "" clears it; KW_EINVAL (field "email") when it is not a plausible address. */
int store_department_patch(struct db *db, int64_t id, const struct department_patch *p, const char *email,
                           const struct actor *who, struct edit_fail *fail);
/* Adds a notification (kind: core/notice.h) to a department's inbox; KW_ENOTFOUND when there is
 * no such department. */
int store_notification_add(struct db *db, int64_t dept_id, const char *kind, const char *subject, const char *body,
                           const char *link, const struct actor *who, int64_t *ret_id);
/* A department's notifications, newest first (limit clamped to 1..INBOX_LIMIT_MAX), with the
 * counts of all and of unread ones; KW_ENOTFOUND when there is no such department. */
int store_inbox(struct db *db, struct arena *a, int64_t dept_id, int limit, int64_t offset, struct inbox *ret);
int store_notification_load(struct db *db, struct arena *a, int64_t id, struct notification *ret);
/* Marks a notification read (once: reading it again changes nothing). */
int store_notification_read(struct db *db, int64_t id, const struct actor *who);
/* Inside the caller's transaction: tells each department that reports in a period just opened,
 * and the lead department of a measure whose report the office sent back. */
int store_notify_period_opened(struct db *db, int64_t period_id, const struct actor *who);
int store_notify_sent_back(struct db *db, const struct review_period *p, int64_t measure_id, const char *comment,
                           const struct actor *who);

/* A reminder as recorded, with the text of its notification. */
struct reminder {
    int64_t id, period_id, dept_id, notification_id;
    int fy, quarter, owed;                /* owed: the measures listed (0 in unmailed lists) */
    char *kind, *deadline, *dept_name, *subject, *body, *link;
    char *mail_to, *mail_status, *mail_error;
};
enum { REMINDER_MAX_ATTEMPTS = 24 };
/* The reminder sweep's records: for every open period whose deadline is near (core/notice.h
 * notice_due) or past, every department whose measures still owe a report gets the reminder
 * due, once: its notification and its record, one transaction each. A department with a
 * contact e-mail gets mail_status "pending". Returns the reminders recorded now. */
int store_reminders_record(struct db *db, struct arena *a, kw_date today, const struct actor *who,
                           struct reminder **ret, size_t *ret_n);
/* Reminders of open periods whose e-mail is pending, failed (fewer than REMINDER_MAX_ATTEMPTS
 * tries) or claimed more than ten minutes ago by a sweep that did not finish, oldest first;
 * not a "before" reminder once its deadline has passed (the "after" one says it better). */
int store_reminders_unmailed(struct db *db, struct arena *a, kw_date today, struct reminder **ret, size_t *ret_n);
/* Claims a reminder's e-mail for one sweep (counting the attempt); KW_ECONFLICT when another
 * sweep has it or it is no longer due. */
int store_reminder_claim(struct db *db, int64_t id);
/* Records the outcome of a claimed e-mail: sent, or failed with error. */
int store_reminder_mailed(struct db *db, int64_t id, bool ok, const char *error, const struct actor *who);

/* ---- plan versions (store_version.c; publishing is xfer/versions.c) */
struct plan_version {
    int64_t id, plan_id;
    char *label, *date, *notes_json, *published_by, *published_at;
    char *snapshot;                       /* the kawaru-plan/1 document; NULL in lists */
};
/* A plan's versions, oldest first, without their snapshots. */
int store_versions(struct db *db, struct arena *a, int64_t plan_id, struct plan_version **ret, size_t *ret_n);
int store_version_load(struct db *db, struct arena *a, int64_t id, struct plan_version *ret);
/* Inside the caller's transaction: makes label (dated date) the plan's current version, adding
 * it with its notes to the revision history unless the history has it already. */
int store_plan_mark_version(struct db *db, int64_t plan_id, const char *label, const char *date,
                            const struct strlist *notes, const struct actor *who);
/* Inside the caller's transaction: stores a version with its snapshot (the document of face, the
 * plan as published, whose title, kind and period the lists of versions show); KW_ECONFLICT when
 * the plan has a version of that label. */
int store_version_insert(struct db *db, int64_t plan_id, const char *label, const char *date,
                         const struct strlist *notes, const struct plan *face, const char *snapshot,
                         const struct actor *who, int64_t *ret_id);
/* Inside the caller's transaction: the rows of the open-data tables (measures, KPIs, measurements:
 * xfer/open_data.h) of version id as the public reads it (migration 25). */
int store_version_rows_set(struct db *db, int64_t id, const int64_t rows[3]);
/* A measure of a version as the version's document has it (the measure object, JSON), with the
 * label of its latest rating (NULL: none). */
struct version_measure_row { const char *key, *measure, *rating_label; };
/* Inside the caller's transaction: the n measures of version id, at positions 0 to n - 1 (several
 * to an INSERT). */
int store_version_measures_add(struct db *db, int64_t id, const struct version_measure_row *v, size_t n);
/* Inside the caller's transaction: forgets the measures of version id (to index it again). */
int store_version_measures_clear(struct db *db, int64_t id);
/* The latest versions of plans that have no row counts (stored before migrations 25 and 27). */
int store_versions_uncounted(struct db *db, struct arena *a, int64_t **ret, size_t *ret_n);
/* The organisations with a published plan (of prefecture, when not NULL), by code, limit of them
 * from offset, and how many there are in all: when the latest of each one's plans' latest
 * versions was published, and those versions' open-data rows summed; counted is false when one
 * of them has no counts yet. Two queries, whatever the number of organisations. */
struct published_org {
    struct org org;
    char *updated;                        /* "YYYY-MM-DDTHH:MM:SSZ" */
    int64_t rows[3];
    bool counted;
};
int store_published_orgs(struct db *db, struct arena *a, const char *prefecture, int64_t limit, int64_t offset,
                         struct published_org **ret, size_t *ret_n, int64_t *ret_total);

/* Where an entity sits: the ids of its organisation and of every level above it (0 where a
 * level does not apply). KW_ENOTFOUND when there is no such entity. */
enum entity_kind {
    ENTITY_DEPARTMENT, ENTITY_PLAN, ENTITY_PILLAR, ENTITY_THEME, ENTITY_MEASURE, ENTITY_KPI, ENTITY_BODY,
    ENTITY_MEASUREMENT,
};
struct location { int64_t org_id, plan_id, pillar_id, theme_id, measure_id, kpi_id; };
/* (ENTITY_BODY is not located; ENTITY_MEASUREMENT is located only.) */
int store_locate(struct db *db, enum entity_kind kind, int64_t id, struct location *ret);

/* ---- history (store_history.c)
 *
 * What a delete of an entity would take with it that kawaru never drops as a side effect: its
 * measures' reviews, KPI measurements, meetings and citizens' opinions; a plan's published
 * versions and review quarters; a body's meetings; a department's inbox, reporters and contact
 * e-mail. Such an entity is refused deletion (KW_ECONFLICT) and may be abolished (廃止) instead. */
struct history {
    int64_t reviews, measurements, meetings, opinions, versions, periods, notifications, reporters, contacts;
};
int store_history(struct db *db, enum entity_kind kind, int64_t id, struct history *ret);
/* True while a measure names department id as one in charge. */
bool store_department_in_use(struct db *db, int64_t id);
/* The position of entity id among its siblings. */
int store_position(struct db *db, enum entity_kind kind, int64_t id, int *ret);
bool history_any(const struct history *h);
/* "3 reviews, 12 measurements" into buf (English, for API messages and the change list). */
void history_describe(const struct history *h, char *buf, size_t size);

/* ---- audit */
int store_audit(struct db *db, const struct actor *who, const char *entity, int64_t entity_id,
                const char *action, const char *before_json, const char *after_json);

/* Reading the audit log (store_audit.c). Entries are newest first, allocated in the arena; at
 * is the UTC time as stored ("2025-03-31T15:00:00.123Z"), entity_id 0 when there is none, and
 * before_json / after_json the entity's fields as a JSON object text, or NULL. */
struct audit_entry {
    int64_t id, entity_id;
    char *at, *actor, *via, *entity, *action, *before_json, *after_json;
};
struct audit_page { struct audit_entry *items; size_t n; int64_t total; };   /* total: all matches */
enum { AUDIT_LIMIT_DEFAULT = 50, AUDIT_LIMIT_MAX = 200 };
/* Every filter is optional (NULL or 0). from and to are dates (YYYY-MM-DD), both inclusive, in
 * a zone utc_offset_minutes ahead of UTC (0: the UTC date of the timestamp; 540: Japan). */
struct audit_filter {
    const char *entity, *actor, *from, *to;
    int64_t entity_id;
    int utc_offset_minutes;
    int limit;                     /* <= 0: AUDIT_LIMIT_DEFAULT; at most AUDIT_LIMIT_MAX */
    int64_t offset;
};
/* The limit a query uses for a requested one. */
int audit_limit_clamp(int limit);
/* A filter as a query string gives it (entity, id, user, from, to, limit, offset); "" and NULL
 * are both absent. */
struct audit_params { const char *entity, *id, *user, *from, *to, *limit, *offset; };
enum { AUDIT_MAX_ACTOR = 200, AUDIT_MAX_OFFSET = 1000000000 };
/* Checks p (the rules every interface shares) and fills ret, which points into p; utc offset 0.
 * KW_EINVAL with the parameter to blame and an English message (static strings). */
int audit_filter_parse(const struct audit_params *p, struct audit_filter *ret, const char **ret_field,
                       const char **ret_message);
/* KW_EINVAL when from or to is not a date. */
int store_audit_query(struct db *db, struct arena *a, const struct audit_filter *f, struct audit_page *ret);
/* The entries of a measure, its KPIs (deleted ones too), their measurements and its reviews.
 * KW_ENOTFOUND when there is no such measure. */
int store_audit_measure_history(struct db *db, struct arena *a, int64_t measure_id, int limit, int64_t offset,
                                struct audit_page *ret);
/* The entity names the log holds, sorted (for a filter's choices). */
int store_audit_entities(struct db *db, struct arena *a, char ***ret, size_t *ret_n);

#endif
