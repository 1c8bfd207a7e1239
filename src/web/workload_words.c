/* The words of channels and flags (see workload_words.h). */
#include <string.h>
#include "web/html.h"
#include "web/workload_words.h"

const enum msg channel_msgs[CHANNEL_COUNT] = {M_INV_CH_COUNTER, M_INV_CH_PHONE, M_INV_CH_MAIL, M_INV_CH_ONLINE,
                                              M_INV_CH_INTERNAL};
const enum msg flag_msgs[FLAG_COUNT] = {M_INV_FLAG_PAPER, M_INV_FLAG_SEAL, M_INV_FLAG_IN_PERSON,
                                        M_INV_FLAG_TRANSCRIPTION, M_INV_FLAG_APPROVAL};

const char *workload_words(struct req *r, unsigned bits, const enum msg *msgs, int n) {
    const char *sep = tr(r, M_P_LIST);
    char *s = "";
    for (int i = 0; i < n; i++)
        if (bits & (1u << i))
            s = arena_printf(&r->arena, "%s%s%s", s, *s ? sep : "", tr(r, msgs[i]));
    return s;
}

const char *workload_figure(struct req *r, double h) {
    char s[48];
    format_grouped(s, sizeof s, h);
    return arena_strdup(&r->arena, s);
}

const char *workload_hours_unit(struct req *r, double h) {
    return arena_printf(&r->arena, tr(r, M_MX_HOURS), workload_figure(r, h));
}
