/* The quarterly review cycle's rules (see review.h). */
#include <ctype.h>
#include <string.h>
#include "core/review.h"
#include "util/utf8.h"

static const char *const state_names[REVIEW_NSTATES] = {"missing", "draft", "submitted", "sent_back", "confirmed"};

const char *review_state_name(enum review_state s) { return state_names[s]; }

int review_state_parse(const char *s, enum review_state *ret) {
    for (int i = 0; s && i < REVIEW_NSTATES; i++)
        if (strcmp(s, state_names[i]) == 0) {
            *ret = (enum review_state)i;
            return 0;
        }
    return -1;
}

#define STEP_NAME(step, name, perm) name,
const char *const review_step_names[REVIEW_NSTEPS] = {REVIEW_STEPS(STEP_NAME)};
#undef STEP_NAME
#define STEP_PERM(step, name, perm) perm,
const enum perm review_step_perms[REVIEW_NSTEPS] = {REVIEW_STEPS(STEP_PERM)};
#undef STEP_PERM

int review_step_parse(const char *name) {
    for (int i = 0; name && i < REVIEW_NSTEPS; i++)
        if (strcmp(name, review_step_names[i]) == 0)
            return i;
    return -1;
}

bool review_step_allowed(enum review_state s, enum review_step step, enum review_state *ret_next) {
    enum review_state next = s;
    bool ok = false;
    switch (step) {
    case STEP_SAVE:                        /* the reporter keeps working on it */
        ok = s == REVIEW_MISSING || s == REVIEW_DRAFT || s == REVIEW_SENT_BACK;
        next = s == REVIEW_SENT_BACK ? REVIEW_SENT_BACK : REVIEW_DRAFT;
        break;
    case STEP_SUBMIT:
        ok = s == REVIEW_MISSING || s == REVIEW_DRAFT || s == REVIEW_SENT_BACK;
        next = REVIEW_SUBMITTED;
        break;
    case STEP_SEND_BACK:                   /* the office returns it with a comment */
        ok = s == REVIEW_SUBMITTED || s == REVIEW_CONFIRMED;
        next = REVIEW_SENT_BACK;
        break;
    case STEP_CONFIRM:
        ok = s == REVIEW_SUBMITTED;
        next = REVIEW_CONFIRMED;
        break;
    case STEP_DECIDE:                      /* the HQ decides on what was reported */
        ok = s == REVIEW_SUBMITTED || s == REVIEW_CONFIRMED;
        break;
    }
    if (ok && ret_next)
        *ret_next = next;
    return ok;
}

bool review_is_public(const struct review *rv) {
    return rv->state == REVIEW_CONFIRMED || (rv->state == REVIEW_SUBMITTED && rv->decision && *rv->decision);
}

const char *const review_decisions[] = {"continue", "revise", "expand", "reduce", "merge", "abolish", "complete", NULL};

bool review_decision_known(const char *code) {
    for (size_t i = 0; code && review_decisions[i]; i++)
        if (strcmp(code, review_decisions[i]) == 0)
            return true;
    return false;
}

/* Colours are the design system's: green, blue, yellow, red, grey. */
const struct rating_level review_default_scale[] = {
    {(char *)"on_track", (char *)"順調", (char *)"#197a4b", false},
    {(char *)"mostly_on_track", (char *)"概ね順調", (char *)"#0031d8", false},
    {(char *)"delayed", (char *)"遅れ", (char *)"#b78f00", true},
    {(char *)"seriously_delayed", (char *)"大幅な遅れ", (char *)"#ec0000", true},
    {(char *)"done", (char *)"完了", (char *)"#626264", false},
};
const size_t review_default_scale_n = sizeof review_default_scale / sizeof review_default_scale[0];

const struct rating_level review_letter_scale[] = {
    {(char *)"a", (char *)"A（順調）", (char *)"#197a4b", false},
    {(char *)"b", (char *)"B（概ね順調）", (char *)"#0031d8", false},
    {(char *)"c", (char *)"C（遅れ）", (char *)"#b78f00", true},
    {(char *)"d", (char *)"D（大幅な遅れ）", (char *)"#ec0000", true},
};
const size_t review_letter_scale_n = sizeof review_letter_scale / sizeof review_letter_scale[0];

static bool color_ok(const char *c) {
    return !c || !*c || (strlen(c) == 7 && c[0] == '#' && strspn(c + 1, "0123456789abcdefABCDEF") == 6);
}

enum scale_problem review_scale_check(const struct rating_level *v, size_t n, size_t *ret_index) {
    if (n > REVIEW_MAX_LEVELS) {
        *ret_index = REVIEW_MAX_LEVELS;
        return SCALE_TOO_MANY;
    }
    for (size_t i = 0; i < n; i++) {
        *ret_index = i;
        if (!v[i].code || !model_label_code_valid(v[i].code, MODEL_MAX_RATING_CODE))
            return SCALE_BAD_CODE;
        for (size_t j = 0; j < i; j++)
            if (strcmp(v[j].code, v[i].code) == 0)
                return SCALE_DUPLICATE_CODE;
        if (!v[i].label || !*v[i].label || utf8_is_blank(v[i].label) || strlen(v[i].label) > MODEL_MAX_TITLE)
            return SCALE_NO_LABEL;
        if (!color_ok(v[i].color))
            return SCALE_BAD_COLOR;
    }
    return SCALE_OK;
}

bool review_is_late(enum review_state s, kw_date deadline, kw_date today) {
    return today > deadline && (s == REVIEW_MISSING || s == REVIEW_DRAFT || s == REVIEW_SENT_BACK);
}

const struct review *review_latest_rated(const struct measure *m) {
    const struct review *best = NULL;
    for (size_t i = 0; i < m->n_reviews; i++) {
        const struct review *rv = &m->reviews[i];
        if (rv->rating && rv->state == REVIEW_CONFIRMED &&
            (!best || rv->fy > best->fy || (rv->fy == best->fy && rv->quarter > best->quarter)))
            best = rv;
    }
    return best;
}

const char *review_scale_label(const struct rating_level *v, size_t n, const char *code) {
    for (size_t i = 0; code && i < n; i++)
        if (strcmp(v[i].code, code) == 0)
            return v[i].label;
    for (size_t i = 0; code && i < review_default_scale_n; i++)    /* a history rated on a scale since changed */
        if (strcmp(review_default_scale[i].code, code) == 0)
            return review_default_scale[i].label;
    for (size_t i = 0; code && i < review_letter_scale_n; i++)
        if (strcmp(review_letter_scale[i].code, code) == 0)
            return review_letter_scale[i].label;
    return code;                           /* a code of a scale since changed: the plan's own word */
}

int review_days_late(enum review_state s, kw_date deadline, kw_date submitted, kw_date on) {
    kw_date day = on;
    if (s == REVIEW_SUBMITTED || s == REVIEW_CONFIRMED) {
        if (submitted == REVIEW_NO_DAY)
            return -1;
        day = submitted;
    }
    return day > deadline ? day - deadline : -1;
}

kw_date review_stamp_day(const char *s) {
    kw_date d;
    char date[11];
    if (!s || strlen(s) < 13 || s[10] != 'T' || !isdigit((unsigned char)s[11]) || !isdigit((unsigned char)s[12]))
        return REVIEW_NO_DAY;
    memcpy(date, s, 10);
    date[10] = 0;
    if (date_parse(date, &d) < 0)
        return REVIEW_NO_DAY;
    int hour = (s[11] - '0') * 10 + (s[12] - '0');
    return hour + 9 >= 24 ? d + 1 : d;          /* Japan is UTC+9 all year */
}

void review_tally_add(struct review_tally *t, enum review_state s, bool late) {
    t->n[s]++;
    t->late += late;
    t->total++;
}

void fy_quarter_prev(int fy, int q, int *ret_fy, int *ret_q) {
    *ret_fy = q == 1 ? fy - 1 : fy;
    *ret_q = q == 1 ? 4 : q - 1;
}
