/* The quarterly review cycle's rules (SPEC §2 "quarterly review", §3.3), apart from storage:
 * the states of a measure's review in a period and which step may follow which, the decisions
 * the HQ records, the default rating scale, and the dates of a fiscal quarter.
 *
 *   (missing) --save--> draft --submit--> submitted --confirm--> confirmed
 *        \________________submit_________/    |
 *   sent_back <--------------send back--------'        (sent_back: save / submit again)
 *
 * A closed period accepts no step at all. */
#ifndef KAWARU_CORE_REVIEW_H
#define KAWARU_CORE_REVIEW_H
#include <stdbool.h>
#include <stddef.h>
#include "core/fiscal.h"
#include "core/perm.h"
#include "core/model.h"

enum review_state { REVIEW_MISSING, REVIEW_DRAFT, REVIEW_SUBMITTED, REVIEW_SENT_BACK, REVIEW_CONFIRMED };
enum { REVIEW_NSTATES = 5 };

/* The steps of a review and who may take each (SPEC §5): the one table that the route table
 * (PERM_STEP), the review page's form and the store's audit (review_step_names) read.
 *      step       name         who may take it */
#define REVIEW_STEPS(X)                                                                           \
    X(SAVE,      "save",      PERM_REPORTER)                                                      \
    X(SUBMIT,    "submit",    PERM_REPORTER)                                                      \
    X(SEND_BACK, "send_back", PERM_OFFICE)                                                        \
    X(CONFIRM,   "confirm",   PERM_OFFICE)                                                        \
    X(DECIDE,    "decide",    PERM_DECIDE)

#define REVIEW_STEP_ENUM(step, name, perm) STEP_##step,
enum review_step { REVIEW_STEPS(REVIEW_STEP_ENUM) };
#undef REVIEW_STEP_ENUM
#define REVIEW_STEP_COUNT(step, name, perm) + 1
enum { REVIEW_NSTEPS = 0 REVIEW_STEPS(REVIEW_STEP_COUNT) };
#undef REVIEW_STEP_COUNT
#define REVIEW_STEP_PERM(step, name, perm) REVIEW_PERM_##step = perm,
enum { REVIEW_STEPS(REVIEW_STEP_PERM) };
#undef REVIEW_STEP_PERM
/* The right a step needs, as a constant (for the route table): PERM_STEP(CONFIRM). */
#define PERM_STEP(step) ((enum perm)REVIEW_PERM_##step)
/* By enum review_step: its name in forms, the API and the audit log, and the right it needs. */
extern const char *const review_step_names[REVIEW_NSTEPS];
extern const enum perm review_step_perms[REVIEW_NSTEPS];
/* The step of a name, or -1. */
int review_step_parse(const char *name);

/* Whether the public reads a review's rating: once the office confirmed it, or the HQ recorded a
 * decision on it; a report being written, sent back or waiting for confirmation is not public. */
bool review_is_public(const struct review *rv);

/* "missing", "draft", "submitted", "sent_back", "confirmed" and back; parse returns -1 when unknown. */
const char *review_state_name(enum review_state s);
int review_state_parse(const char *s, enum review_state *ret);

/* Whether step may be taken on a review in state s; the state it leads to in *ret_next. */
bool review_step_allowed(enum review_state s, enum review_step step, enum review_state *ret_next);

/* The HQ's decisions: continue, revise, expand, reduce, merge, abolish, complete
 * (継続・見直し・拡大・縮小・統合・廃止・完了); NULL-terminated. */
extern const char *const review_decisions[];
bool review_decision_known(const char *code);

/* The scale a plan uses when it defines none: 順調, 概ね順調, 遅れ, 大幅な遅れ, 完了. */
extern const struct rating_level review_default_scale[];
extern const size_t review_default_scale_n;
/* Letter grades A–D, offered as an alternative. */
extern const struct rating_level review_letter_scale[];
extern const size_t review_letter_scale_n;

/* The label of rating code on scale v (may be NULL), else on the default or letter scale (a
 * history rated before the scale changed); the code itself when none has it. */
const char *review_scale_label(const struct rating_level *v, size_t n, const char *code);

/* m's latest confirmed review (by fiscal year and quarter) that has a rating, or NULL: the one a
 * published version shows (a document records only the confirmed ones). */
const struct review *review_latest_rated(const struct measure *m);

/* What may be wrong with a rating scale a user gives; the index of the level in *ret_index. */
enum scale_problem { SCALE_OK, SCALE_TOO_MANY, SCALE_BAD_CODE, SCALE_DUPLICATE_CODE, SCALE_NO_LABEL, SCALE_BAD_COLOR };
enum { REVIEW_MAX_LEVELS = 16 };
/* At most REVIEW_MAX_LEVELS levels (none: the default scale), codes of a-z 0-9 - _ (at most
 * 32) and unique, labels not blank and at most MODEL_MAX_TITLE bytes, colours #rrggbb or none. */
enum scale_problem review_scale_check(const struct rating_level *v, size_t n, size_t *ret_index);

/* Late: past the deadline (a day after it) and not yet submitted. */
bool review_is_late(enum review_state s, kw_date deadline, kw_date today);
/* How many days late a review is, judged on day `on` — today, or the day its period was closed
 * (a closed period keeps its record of who was late and how late): a review not submitted by
 * then (missing, draft, sent back) counts the days from the deadline to `on`; a submitted or
 * confirmed one the days from the deadline to `submitted`, the day it was last submitted
 * (REVIEW_NO_DAY when unknown, as for imported history: never late). -1 when not late. */
enum { REVIEW_NO_DAY = -1000000 };
int review_days_late(enum review_state s, kw_date deadline, kw_date submitted, kw_date on);
/* The day in Japan (UTC+9) of a time stamp as the store writes it, "YYYY-MM-DDTHH:MM:SS"
 * in UTC (a trailing Z or fraction allowed); REVIEW_NO_DAY when s is NULL or not one. */
kw_date review_stamp_day(const char *s);

/* How many reviews are in each state, and how many of them are late. */
struct review_tally { int n[REVIEW_NSTATES]; int late, total; };
void review_tally_add(struct review_tally *t, enum review_state s, bool late);

/* The quarter before (fy, q): Q1 of 2025 follows Q4 of 2024. */
void fy_quarter_prev(int fy, int q, int *ret_fy, int *ret_q);

#endif
