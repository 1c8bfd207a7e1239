/* The words of a step's channel and flags on screens (窓口・電話・郵送・オンライン・庁内, 紙・押印・
 * 対面・転記・決裁), in core/workload.h's order, for the inventory and the catalogue of means; and
 * figures as the workload pages write them. */
#ifndef KAWARU_WEB_WORKLOAD_WORDS_H
#define KAWARU_WEB_WORKLOAD_WORDS_H
#include "core/workload.h"
#include "web/i18n.h"

extern const enum msg channel_msgs[CHANNEL_COUNT];   /* by enum channel */
extern const enum msg flag_msgs[FLAG_COUNT];         /* by bit of enum step_flag */

/* The words of the bits set (bit i: msgs[i]) of n: "紙・対面", "Paper, In person"; "" when none.
 * Allocated in r->arena. */
const char *workload_words(struct req *r, unsigned bits, const enum msg *msgs, int n);

/* A figure of the workload (hours, minutes, cases) as people read it: "12,345.5"; hours with
 * their unit, "12,345.5時間" / "12,345.5 h". Allocated in r->arena. */
const char *workload_figure(struct req *r, double h);
const char *workload_hours_unit(struct req *r, double h);

#endif
