/* The workload inventory (業務棚卸し, SPEC §2 and §3.7) and its one computation, which every
 * view, the API and the HQ pack use: hours = Σ volume × minutes ÷ 60 per business, by staff
 * type; hours projected after the means applied to steps; the reduction against a plan's goal.
 *
 * A means applied to a step takes its expected reduction off what is left of the step's hours:
 * two means of 50% on one step leave 25%, never less than nothing; the order is the
 * applications' order (their ids), and each means is credited with the hours it took off. Like
 * model.h: strings live in the loader's arena, ids are 0 when not stored. */
#ifndef KAWARU_CORE_WORKLOAD_H
#define KAWARU_CORE_WORKLOAD_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util/jw.h"

enum staff_type { STAFF_REGULAR, STAFF_FISCAL_YEAR, STAFF_OUTSOURCED, STAFF_COUNT };   /* 正規 / 会計年度 / 委託 */
enum channel { CHANNEL_COUNTER, CHANNEL_PHONE, CHANNEL_MAIL, CHANNEL_ONLINE, CHANNEL_INTERNAL, CHANNEL_COUNT };
/* A step's flags, and the bits of a means' flags: what kind of step it helps. */
enum step_flag {
    FLAG_PAPER = 1,             /* 紙 */
    FLAG_SEAL = 2,              /* 押印 */
    FLAG_IN_PERSON = 4,         /* 対面 */
    FLAG_TRANSCRIPTION = 8,     /* 転記 */
    FLAG_APPROVAL = 16,         /* 決裁 */
};
enum { FLAG_COUNT = 5 };
enum application_status { APPLY_PLANNED, APPLY_IN_PROGRESS, APPLY_DONE };

/* The names stored and exchanged (staff_type_names[STAFF_REGULAR] = "regular", …), each list
 * NULL-terminated; flag_names in bit order. */
extern const char *const staff_type_names[];
extern const char *const channel_names[];
extern const char *const flag_names[];          /* paper, seal, in_person, transcription, approval */
extern const char *const application_status_names[];

struct step {
    int64_t id;
    int number;                 /* 1, 2, 3 … within its business */
    char *name;
    double minutes;             /* per case */
    enum staff_type staff;
    enum channel channel;
    unsigned flags;             /* enum step_flag */
};

struct business {
    int64_t id, department_id;
    int survey_fy;
    char *code, *name, *note;
    double volume;              /* cases a year */
    struct step *steps;
    size_t n_steps;             /* by number */
};

struct means {
    int64_t id;
    char *name, *note;
    double reduction;           /* the default expected reduction, % */
    unsigned channels;          /* bit (1 << enum channel) for each channel it applies to */
    unsigned flags;             /* enum step_flag bits it applies to */
};

struct means_application {
    int64_t id, step_id, means_id, measure_id;   /* measure_id 0: no measure delivers it yet */
    double reduction;           /* expected, % */
    int planned_fy;             /* 0: not planned yet */
    enum application_status status;
};

/* The standard catalogue of means (SPEC §2) that a new organisation may start from, with the
 * channels and flags each fits and a default expected reduction. The reductions are starting
 * points for the office to replace with its own estimates (docs/workload.md says so). */
extern const struct means means_standard[];
extern const size_t means_standard_n;

/* The hours of a step a year: volume × minutes ÷ 60. */
double workload_step_hours(const struct business *b, const struct step *s);
/* The hours of a business a year, in total, and (when by_staff is not NULL) added to by_staff by
 * staff type. */
double workload_business_hours(const struct business *b, double by_staff[STAFF_COUNT]);

/* One inventory's figures. */
struct workload_totals {
    double baseline;                    /* hours a year as surveyed */
    double projected;                   /* after every means applied */
    double by_staff[STAFF_COUNT];       /* baseline hours by staff type */
};

/* A row of a breakdown: the baseline hours of its steps (a department's; the steps a means or a
 * measure's means were applied to, once per application), and the hours the means took off. */
struct workload_share {
    int64_t id;                         /* the department's, means' or measure's id (0: none) */
    double baseline, saved;
};

struct workload_breakdown {
    struct workload_share *by_department, *by_means, *by_measure;
    size_t n_department, n_means, n_measure;
};

/* Computes businesses' totals with the applications on their steps (an application on a step
 * not in them is left out). breakdown (may be NULL): its arrays are malloc'd (free with
 * workload_breakdown_free), in the order ids first appear. */
void workload_compute(const struct business *b, size_t n, const struct means_application *apps, size_t n_apps,
                      struct workload_totals *ret, struct workload_breakdown *breakdown);
void workload_breakdown_free(struct workload_breakdown *b);

/* The reduction from baseline to hours, in % of the baseline (0 when the baseline is 0). */
double workload_reduction_percent(double baseline, double hours);

/* The businesses' indexes ordered by hours, most first (ties by the order given), for the
 * Pareto chart; *ret is malloc'd. */
size_t *workload_pareto(const struct business *b, size_t n);

/* True when the means applies to the step: its channel is one of the means' channels, or one of
 * its flags one of the means' flags (a means naming neither applies to every step). */
bool workload_means_fits(const struct means *m, const struct step *s);

/* Writes key: the names of the bits set in bits, as a JSON array ("channels":["counter"]). */
void workload_bits_write(struct jw *w, const char *key, const char *const *names, unsigned bits);
/* A step as the API and the audit log write it: {"id","number","name","minutes","staff",
 * "channel","flags":[…]} with the names above. */
void workload_step_write(struct jw *w, const struct step *s);

#endif
