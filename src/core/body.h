/* The promotion organisation (推進体制, SPEC §2 "body and meeting"): an organisation's bodies
 * (推進本部, 監事会, 委員会, working groups, DX推進リーダー), their members and topics, and their
 * meetings with the measures each took up. Like model.h: strings live in the loader's arena,
 * NULL means "not set", ids are 0 when not stored. */
#ifndef KAWARU_CORE_BODY_H
#define KAWARU_CORE_BODY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/model.h"

struct body_member {
    int64_t id;
    char *name, *role, *post;
    char *department;                   /* the department's name, or NULL */
};

/* A measure a meeting took up: by plan title and measure code in documents, by id when stored. */
struct meeting_measure {
    int64_t measure_id, plan_id;        /* plan_id: the measure's plan, when loaded */
    char *plan, *code, *title, *note;   /* title: the measure's title, when loaded */
};

struct meeting {
    int64_t id, body_id;
    char *date, *title, *agenda, *minutes;   /* date YYYY-MM-DD */
    struct meeting_measure *measures; size_t n_measures;
};

struct body {
    int64_t id;
    char *code, *name, *kind, *description;
    int headcount;                      /* its size as the organisation counts it; 0: not stated */
    bool abolished;
    struct strlist topics;
    struct body_member *members; size_t n_members;
    struct meeting *meetings; size_t n_meetings;   /* in the document's order */
};

enum { BODY_MAX_HEADCOUNT = 100000 };

/* The kinds of body, NULL-terminated: headquarters, audit_board, committee, working_group, leaders. */
extern const char *const body_kind_names[];
/* True for one of body_kind_names. */
bool body_kind_valid(const char *kind);

/* One entry of a meeting calendar: a meeting and the body that holds it. */
struct meeting_ref { const struct body *body; const struct meeting *meeting; };

/* The meetings of the bodies in fiscal year fy (every meeting when fy is 0), by date, then by
 * the bodies' order. Returns the count; *ret is malloc'd (the caller frees it), NULL when 0. */
size_t meeting_calendar(const struct body *v, size_t n, int fy, struct meeting_ref **ret);

#endif
