/* The text of notifications (issue 3): what a department is told when a review period opens,
 * before and after its deadline, and when the office sends a report back; and the check of a
 * contact e-mail address. Pure functions: the store records the text, the inbox shows it and
 * the mailer sends it. The text is Japanese, the language of the offices that receive it. */
#ifndef KAWARU_CORE_NOTICE_H
#define KAWARU_CORE_NOTICE_H
#include <stdbool.h>
#include <stddef.h>
#include "core/review.h"
#include "util/buf.h"

enum notice_kind { NOTICE_PERIOD_OPENED, NOTICE_REMIND_BEFORE, NOTICE_REMIND_AFTER, NOTICE_SENT_BACK };
enum { NOTICE_NKINDS = 4 };

/* "period_opened", "reminder_before", "reminder_after", "sent_back" (the stored kind) and back;
 * parse returns -1 when unknown. */
const char *notice_kind_name(enum notice_kind k);
int notice_kind_parse(const char *s, enum notice_kind *ret);

/* The reminders of a period, by how far today is from its deadline: "before" on the
 * NOTICE_DAYS_BEFORE days before it and on the day itself, "after" once it has passed. */
enum { NOTICE_DAYS_BEFORE = 3 };
enum notice_due { DUE_NONE, DUE_BEFORE, DUE_AFTER };
enum notice_due notice_due(kw_date deadline, kw_date today);

/* Whether a measure's report is still owed: missing, draft or sent back. */
bool notice_owed(enum review_state s);

/* One measure a notification lists. */
struct notice_item { const char *code, *title; enum review_state state; };

/* What a period notification is about: the quarter, its deadline (YYYY-MM-DD) and the
 * measures the department reports. */
struct notice_period {
    int fy, quarter;
    const char *deadline;
    const struct notice_item *items;
    size_t n;
};

/* Appends the subject (one line) and the body (lines separated by "\n") of a period
 * notification of kind NOTICE_PERIOD_OPENED, NOTICE_REMIND_BEFORE or NOTICE_REMIND_AFTER, e.g.
 * 「2025年度 第3四半期の見直し：提出期限は2025-12-31です（未提出 3件）」. */
void notice_period_text(enum notice_kind kind, const struct notice_period *p, struct buf *subject, struct buf *body);
/* The same for a report sent back with the office's comment. */
void notice_sent_back_text(int fy, int quarter, const struct notice_item *measure, const char *comment,
                           struct buf *subject, struct buf *body);

/* "2025年度 第3四半期". */
void notice_period_label(int fy, int quarter, struct buf *out);

/* A plausible e-mail address: at most NOTICE_MAX_EMAIL bytes of printable ASCII, one "@", a
 * local part of 1-64 characters without spaces or specials, and a domain of dot-separated
 * labels of letters, digits and hyphens (1-63 each, not starting or ending with a hyphen). */
enum { NOTICE_MAX_EMAIL = 254 };
bool notice_email_valid(const char *s);

#endif
