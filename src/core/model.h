/* The in-memory shape of kawaru's domain (SPEC §2): what the store loads, what the plan
 * document import fills, and what pages, API and export walk. All strings and arrays of one
 * loaded tree live in one arena; NULL strings mean "not set". Ids are 0 when not stored. */
#ifndef KAWARU_CORE_MODEL_H
#define KAWARU_CORE_MODEL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util/arena.h"

struct strlist { char **items; size_t n; };

/* Limits on what a user may store, in characters; core/field.h holds the rules that use them,
 * which forms, the API and the imports check alike. */
enum {
    MODEL_MAX_TEXT = 20000,     /* characters in one text (現状, 理想, summaries, list items) */
    MODEL_MAX_TITLE = 500,      /* characters in a title, a name or a display code */
    MODEL_MAX_LIST = 5000,      /* entries in one list */
    MODEL_MAX_DEPT_CODE = 64,   /* a department's code */
    MODEL_MAX_NOTE = 2000,      /* characters in a measurement's note */
    MODEL_MAX_SOURCE = 200,     /* characters in a measurement's source */
};

struct org {
    int64_t id;
    char *code, *name, *prefecture;
    int64_t population;                 /* 0 = unknown */
};

struct department {
    int64_t id;
    char *code, *name, *parent_code;
    bool abolished;                     /* 廃止: kept for its history (migration 016) */
};

enum kpi_direction { DIR_INCREASE, DIR_DECREASE, DIR_KEEP };
enum kpi_target_state { TARGET_SET, TARGET_UNDECIDED, TARGET_NONE };
enum measure_status { MS_PLANNED, MS_ACTIVE, MS_DONE, MS_MERGED, MS_ABOLISHED };
enum measure_scope { SCOPE_UNSET, SCOPE_ORG_WIDE, SCOPE_CROSS_DEPT, SCOPE_DEPT, SCOPE_PEOPLE };

struct measurement {
    int64_t id;
    char *period;                       /* YYYY-MM-DD */
    double value;
    char *note, *source, *recorded_by, *recorded_at;
};

struct kpi {
    int64_t id, measure_id;
    char *code;                         /* optional: finds the KPI again after a rename */
    char *name;                         /* NULL: the indicator is not named yet (数値目標 未決定) */
    char *unit, *definition, *source;
    enum kpi_direction direction;
    bool abolished;                     /* 廃止: kept with its measurements, out of the roll-ups */
    char *perspective;                  /* "citizen", "staff" or NULL */
    bool has_baseline;
    double baseline_value;
    int baseline_fy;
    enum kpi_target_state target_state;
    double target_value;
    int target_fy;
    struct measurement *measurements;   /* ordered by period */
    size_t n_measurements;
    /* Aggregates of all the measurements, as the store keeps them (has_stats); a KPI built
     * from a document has none and kpi_derive sums its measurements instead. Lists load the
     * aggregates without the measurements. */
    bool has_stats;
    struct kpi_stats {
        int n;
        double sum_x, sum_y, sum_xx, sum_xy;   /* x: the period as kw_date, y: the value */
        double latest;
        char *latest_period;                   /* NULL without measurements */
        char *first_period;                    /* the earliest measurement's; NULL without */
    } stats;
};

/* One cell of the schedule grid: planned (schedule) or done (progress) items of a FY/quarter. */
struct period_items {
    int fy, quarter;                    /* quarter 0 = the whole year */
    struct strlist items;
};

/* A measure's review of one quarter: what a plan document holds (rating, progress text in
 * Markdown, issues, next steps, the HQ's decision), and where it is in the review cycle
 * (core/review.h: state is an enum review_state; imported reviews are confirmed). */
struct review {
    int64_t id;
    int fy, quarter;
    char *rating, *text, *issues, *next_steps, *decision, *decision_note;
    int state;
    char *office_comment, *submitted_by, *submitted_at, *confirmed_by, *confirmed_at;
    char *decided_by, *decided_at, *updated_at;
};

struct measure {
    int64_t id, theme_id;
    char *code;                         /* unique within its theme */
    char *key;                          /* its address in the plan: see plan_keys_assign */
    char *title, *current, *ideal;
    enum measure_scope scope;
    enum measure_status status;
    int new_since_fy;                   /* 0 = not new */
    struct strlist departments;         /* names; [0] is the lead */
    struct strlist means, tags, links;  /* links: keys of other measures in the plan */
    struct strlist categories;          /* codes of the shared categories the office confirmed
                                         * (core/category.h), in the categories' order */
    struct period_items *schedule, *progress;
    size_t n_schedule, n_progress;
    struct review *reviews;
    size_t n_reviews;
    char *latest_rating;                /* when reviews are not loaded: the latest submitted or
                                         * confirmed rating (see core/rollup.h) */
    struct kpi *kpis;
    size_t n_kpis;
    char *updated_at;
};

struct means_entry { char *name, *note; };

/* A theme with neither code nor title holds the measures of a pillar of a plan that has no
 * theme level (the document writes them under the pillar). */
struct theme {
    int64_t id, pillar_id;
    char *code, *title;
    bool abolished;
    struct means_entry *means;
    size_t n_means;
    struct measure *measures;
    size_t n_measures;
};

struct pillar {
    int64_t id;
    char *code, *title, *summary;
    bool abolished;
    struct strlist examples;
    struct theme *themes;
    size_t n_themes;
};

struct titled_text { char *title, *text; };

struct goal {
    char *name, *unit, *note;
    bool has_direction;
    enum kpi_direction direction;
    double target_value;
    int target_fy;                      /* 0 = not stated */
    /* The workload reduction (業務量30%減, core/workload.h): the goal's target is the % of the
     * hours of the survey of baseline_fy (0: the organisation's first survey) to take off. */
    bool workload;
    int baseline_fy;
};
/* The kinds of goal a document and the API name: "workload_reduction" (NULL-terminated). */
extern const char *const goal_kind_names[];

struct revision { char *version, *date; struct strlist notes; };

struct rating_level { char *code, *label, *color; bool problem; };

struct plan {
    int64_t id, org_id;
    char *code;                         /* optional: finds the plan again after a rename */
    char *title, *kind, *motto, *summary, *review_cadence, *version, *published;
    int from_fy, to_fy;                 /* 0 = not stated */
    bool abolished;
    struct revision *revisions; size_t n_revisions;
    struct rating_level *rating_scale; size_t n_rating_scale;
    struct titled_text *vision; size_t n_vision;
    struct titled_text *principles; size_t n_principles;
    struct titled_text *foundation; size_t n_foundation;   /* what the pillars stand on (土台) */
    struct titled_text *challenges; size_t n_challenges;   /* これまでの主な課題 */
    struct goal *goals; size_t n_goals;
    struct pillar *pillars; size_t n_pillars;
    struct logic_model *logic_model;    /* NULL: none (core/logic_model.h) */
};

struct body;                            /* the promotion organisation: core/body.h */

/* A whole organisation: what a plan document holds. */
struct org_doc {
    struct org org;
    struct department *departments; size_t n_departments;
    struct plan *plans; size_t n_plans;
    struct body *bodies; size_t n_bodies;
};

/* The names of the enumerations in the plan document and the API, NULL-terminated, in the
 * order of their enums (scopes from SCOPE_ORG_WIDE: SCOPE_UNSET has no name). */
extern const char *const kpi_direction_names[];
extern const char *const kpi_perspective_names[];
extern const char *const measure_status_names[];
extern const char *const measure_scope_names[];
const char *direction_name(enum kpi_direction d);
int direction_parse(const char *s, enum kpi_direction *ret);
const char *target_state_name(enum kpi_target_state s);
const char *measure_status_name(enum measure_status s);
int measure_status_parse(const char *s, enum measure_status *ret);
const char *measure_scope_name(enum measure_scope s);   /* NULL for SCOPE_UNSET */
int measure_scope_parse(const char *s, enum measure_scope *ret);
/* True for a machine code (departments, bodies): 1..max characters of a-z, 0-9, - and _. */
bool model_code_valid(const char *s, size_t max);
/* True for a rating level's code as people write them (A, S, ◎, 1, 順調): 1..max characters,
 * none of them whitespace (U+3000 too), a control character or "/". s must be valid UTF-8. */
bool model_label_code_valid(const char *s, size_t max);
/* True for a display code (a plan's, pillar's, theme's, measure's or KPI's: 1-1-3, ①, A, （１）):
 * a label (core/field.h field_label) without "/" (the separator of a measure's path). */
bool model_display_code_valid(const char *s);
enum { MODEL_MAX_RATING_CODE = 16 };

/* A theme without code and title stands for "no theme level" (see struct theme). */
static inline bool theme_is_implicit(const struct theme *t) { return !t->code && !t->title; }

/* A measure's address in its plan (SPEC §4.3), which URLs, links, opinions and comparisons use:
 * its code when no other measure of the plan has that code, else its path "pillar/theme/code"
 * ("pillar/code" when its theme has no code). Allocated in a. */
char *measure_path(struct arena *a, const char *pillar_code, const char *theme_code, const char *code);
/* Sets the key of every measure of p by that rule. Returns 0, or KW_ECONFLICT when two measures
 * would have the same key (their themes lack codes); *ret_clash (may be NULL) is then the second. */
int plan_keys_assign(struct arena *a, struct plan *p, const struct measure **ret_clash);
/* The measures of p in plan order (pillar, theme, position): an array allocated in a. */
struct measure **plan_measure_list(struct arena *a, const struct plan *p, size_t *ret_n);
/* True when a version's label marks it as a draft published for public comment (案): the label
 * is 案 or ends in 案, optionally in brackets (1.0案, 第2版（案）, 素案). */
bool version_label_is_draft(const char *label);
/* The measure of p whose key is key, or whose full path is key; NULL when none. */
struct measure *plan_measure_by_key(const struct plan *p, const char *key);

#endif
