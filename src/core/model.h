/* The in-memory shape of kawaru's domain (SPEC §2): what the store loads, what the plan
 * document import fills, and what pages, API and export walk. All strings and arrays of one
 * loaded tree live in one arena; NULL strings mean "not set". Ids are 0 when not stored. */
#ifndef KAWARU_CORE_MODEL_H
#define KAWARU_CORE_MODEL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strlist { char **items; size_t n; };

/* Limits on what a user may store, checked by the plan document import and by the API alike. */
enum {
    MODEL_MAX_TEXT = 20000,     /* bytes in one text (現状, 理想, summaries, list items) */
    MODEL_MAX_TITLE = 500,      /* bytes in a title, a name or a display code */
    MODEL_MAX_LIST = 5000,      /* entries in one list */
    MODEL_MAX_DEPT_CODE = 64,   /* a department's code */
    MODEL_MAX_NOTE = 2000,      /* bytes in a measurement's note */
};

struct org {
    int64_t id;
    char *code, *name, *prefecture;
    int64_t population;                 /* 0 = unknown */
};

struct department {
    int64_t id;
    char *code, *name, *parent_code;
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
    char *name, *unit, *definition, *source;
    enum kpi_direction direction;
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
    char *code, *title, *current, *ideal;
    enum measure_scope scope;
    enum measure_status status;
    int new_since_fy;                   /* 0 = not new */
    struct strlist departments;         /* names; [0] is the lead */
    struct strlist means, tags, links;  /* links: codes of other measures in the plan */
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

struct theme {
    int64_t id, pillar_id;
    char *code, *title;
    struct means_entry *means;
    size_t n_means;
    struct measure *measures;
    size_t n_measures;
};

struct pillar {
    int64_t id;
    char *code, *title, *summary;
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
};

struct revision { char *version, *date; struct strlist notes; };

struct rating_level { char *code, *label, *color; bool problem; };

struct plan {
    int64_t id, org_id;
    char *title, *kind, *motto, *summary, *review_cadence, *version, *published;
    int from_fy, to_fy;                 /* 0 = not stated */
    struct revision *revisions; size_t n_revisions;
    struct rating_level *rating_scale; size_t n_rating_scale;
    struct titled_text *vision; size_t n_vision;
    struct titled_text *principles; size_t n_principles;
    struct goal *goals; size_t n_goals;
    struct pillar *pillars; size_t n_pillars;
};

struct body;                            /* the promotion organisation: core/body.h */

/* A whole organisation: what a plan document holds. */
struct org_doc {
    struct org org;
    struct department *departments; size_t n_departments;
    struct plan *plans; size_t n_plans;
    struct body *bodies; size_t n_bodies;
};

const char *direction_name(enum kpi_direction d);
int direction_parse(const char *s, enum kpi_direction *ret);
const char *target_state_name(enum kpi_target_state s);
const char *measure_status_name(enum measure_status s);
int measure_status_parse(const char *s, enum measure_status *ret);
const char *measure_scope_name(enum measure_scope s);   /* NULL for SCOPE_UNSET */
int measure_scope_parse(const char *s, enum measure_scope *ret);
/* True for a machine code (departments, rating levels): 1..max characters of a-z, 0-9, - and _. */
bool model_code_valid(const char *s, size_t max);

#endif
