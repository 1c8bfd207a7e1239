/* Fields, entities, actions and their values in words (issue 15: "words, not codes"): the one
 * mapping from a key of a plan document or of an audit snapshot to its label, and the one
 * writer of a value and of a change, that the compare page and the preview of an import
 * (diff_view.c), the audit log and a measure's history (page_audit.c) share. Codes become
 * words (a review's state, a rating on the plan's scale, a status), times are Japan time,
 * lists are shown as the items added and removed, and no JSON reaches the screen. */
#ifndef KAWARU_WEB_FIELD_WORDS_H
#define KAWARU_WEB_FIELD_WORDS_H
#include <jansson.h>
#include <stddef.h>
#include "core/model.h"
#include "http/req.h"

/* What values are read with: the request, the rating scale of the plan they belong to (scale
 * NULL: the default and letter scales are tried; a code no scale knows is shown as written,
 * since scales are the plan's own words), and the departments of their organisation, whose
 * codes (a measure's or a user's departments, a parent) are shown by name (none: as codes). */
struct field_words {
    struct req *r;
    const struct rating_level *scale;
    size_t n_scale;
    const struct department *depts;
    size_t n_depts;
};

/* The label of a field key ("current" → 現状, "plan_id" → 計画（番号）); a generic word
 * (その他の項目) for a key no one has named yet, never the key itself. Allocates in r->arena. */
const char *tr_field(struct req *r, const char *key);
/* The kind of entity of an audit row (plan_version → 計画の版); その他の記録 when unknown. */
const char *tr_entity(const struct req *r, const char *entity);
/* The action of an audit row (send_back → 差戻し, publish → 公開); その他の操作 when unknown. */
const char *tr_action(const struct req *r, const char *action);
/* The kind of a notification (sent_back → 差戻し …) or of a reminder (before, after); the code
 * itself when unknown. */
const char *tr_notification_kind(const struct req *r, const char *kind);
/* A user's role (office → 事務局 …); the code itself when unknown. */
const char *tr_role(const struct req *r, const char *role);
/* How a change was made (an audit row's via): web → 画面, api → API, cli → コマンド …. */
const char *tr_via(const struct req *r, const char *via);
/* An opinion's state (pending → 未確認, published → 公開, rejected → 非公開). */
const char *tr_feedback_state(const struct req *r, const char *state);

/* Appends field key's value v to r->out as people read it: a dash for none, words for codes,
 * Japan time for timestamps, a list's items separated by 、, never JSON. */
void html_field_value(const struct field_words *w, const char *key, json_t *v);
/* True when a change of key from before to after is shown as a list change. */
bool field_is_list(json_t *before, json_t *after);
/* Appends a list's change: "追加：a、b" and "削除：c" as two lines (an item changed is one
 * removed and one added); items grouped by year, as a schedule's, are compared one by one. */
void html_list_change(const struct field_words *w, const char *key, json_t *before, json_t *after);

#endif
