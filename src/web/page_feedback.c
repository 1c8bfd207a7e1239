/* Citizen feedback pages (issue 4 point 5): below a published measure sheet, the opinions the
 * office has published with its answers and the form to send one; sending it (303 back with a
 * thank-you notice, or the sheet again with the errors next to the fields: 422, or 429 for the
 * rate limit); and the office's moderation queue of an organisation with the counts per
 * measure. Opinions are plain text: escaped, line breaks kept, never markup. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "http/session.h"
#include "core/errors.h"
#include "store/store.h"
#include "store/store_feedback.h"
#include "web/field_words.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "web/when.h"
#include "xfer/published.h"

enum { FEEDBACK_FORM_BODY_MAX = 64 * 1024 };

static const struct actor citizen_web = {"citizen", "web"};

static void opinion_body(struct req *r, const struct feedback_row *f) {
    html_printf(&r->out, "<p class=\"small\">%s%s", f->name ? f->name : tr(r, M_FEEDBACK_ANONYMOUS), tr(r, M_P_SPACE));
    html_when(r, f->created_at);
    html_printf(&r->out, "</p>\n<p>");
    html_text_lines(&r->out, f->text);
    html_printf(&r->out, "</p>\n");
    if (f->answer) {
        html_printf(&r->out, "<div class=\"notice\"><p><strong>%s</strong></p><p>", tr(r, M_FEEDBACK_ANSWER));
        html_text_lines(&r->out, f->answer);
        html_printf(&r->out, "</p></div>\n");
    }
}

static void published_list(struct req *r, int64_t plan_id, const struct measure *m) {
    struct feedback_row *rows = NULL;
    size_t n = 0;
    store_feedback_published(r->db, &r->arena, plan_id, m->key, &rows, &n);
    html_printf(&r->out, "<h3>%s%s</h3>\n", tr(r, M_FEEDBACK_RECEIVED), tr_paren(r, arena_printf(&r->arena, "%d", (int)n)));
    if (n == 0) {
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_FEEDBACK_NONE));
        return;
    }
    html_printf(&r->out, "<ol class=\"plain-list feedback-list\">\n");
    for (size_t i = 0; i < n; i++) {
        html_printf(&r->out, "<li id=\"opinion-%D\">", rows[i].id);
        opinion_body(r, &rows[i]);
        html_printf(&r->out, "</li>\n");
    }
    html_printf(&r->out, "</ol>\n");
}

/* A labelled textarea or one-line input with its hint and error (aria-describedby both). */
static void field(struct req *r, const char *id, const char *label, const char *hint, const char *value,
                  const char *err, bool multiline) {
    html_printf(&r->out, "<div class=\"field%r\"><label for=\"%s\">%s</label>\n", err ? " has-error" : "", id, label);
    if (hint)
        html_printf(&r->out, "<p class=\"hint\" id=\"%s-hint\">%s</p>\n", id, hint);
    html_printf(&r->out, multiline ? "<textarea id=\"%s\" name=\"%s\" rows=\"6\"" : "<input id=\"%s\" name=\"%s\" type=\"text\"",
                id, id);
    if (hint || err)
        html_printf(&r->out, " aria-describedby=\"%r%r%r\"", hint ? arena_printf(&r->arena, "%s-hint", id) : "",
                    hint && err ? " " : "", err ? arena_printf(&r->arena, "%s-error", id) : "");
    if (multiline)
        html_printf(&r->out, "%r>%s</textarea>\n", err ? " aria-invalid=\"true\"" : "", value ? value : "");
    else
        html_printf(&r->out, "%r value=\"%s\">\n", err ? " aria-invalid=\"true\"" : "", value ? value : "");
    html_field_error(r, id, err);
    html_printf(&r->out, "</div>\n");
}

static void send_form(struct req *r, int64_t plan_id, const struct measure *m, const struct feedback_form *f) {
    static const struct feedback_form empty = {0};
    if (!f)
        f = &empty;
    html_printf(&r->out, "<h3 id=\"feedback-form\">%s</h3>\n<p>%s</p>\n<p class=\"hint\">%s</p>\n", tr(r, M_FEEDBACK_FORM),
                tr(r, M_FEEDBACK_NOTE), tr(r, M_FEEDBACK_LIMITS));
    if (f->err_top)
        html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\"><p>%s</p></div>\n", f->err_top);
    else if (f->err_text || f->err_name)
        html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\"><p>%s</p></div>\n", tr(r, M_FORM_ERRORS));
    html_printf(&r->out, "<form method=\"post\" action=\"/plans/%D/published/measures/%k/feedback\" class=\"form\" "
                         "novalidate>\n", plan_id, m->key);
    html_csrf_field(r);
    field(r, "text", tr(r, M_FEEDBACK_TEXT), NULL, f->text, f->err_text, true);
    field(r, "name", tr(r, M_FEEDBACK_NAME), tr(r, M_FEEDBACK_NAME_HINT), f->name, f->err_name, false);
    html_printf(&r->out, "<p><button type=\"submit\">%s</button></p>\n</form>\n", tr(r, M_FEEDBACK_SEND));
}

void html_feedback_section(struct req *r, int64_t plan_id, const struct measure *m, const struct feedback_form *f) {
    html_printf(&r->out, "<section id=\"feedback\" aria-labelledby=\"feedback-title\" class=\"feedback no-print\">"
                         "<h2 id=\"feedback-title\">%s</h2>\n",
                tr(r, M_FEEDBACK));
    const char *sent = req_query(r, "sent");
    if (!f && sent && strcmp(sent, "1") == 0)
        html_printf(&r->out, "<p class=\"notice\" role=\"status\">%s</p>\n", tr(r, M_FEEDBACK_THANKS));
    published_list(r, plan_id, m);
    send_form(r, plan_id, m, f);
    html_printf(&r->out, "</section>\n");
}

/* The message next to a field for a store refusal: too long, or a character that cannot be used. */
static const char *field_error(struct req *r, const struct edit_fail *fail, bool name) {
    if (strstr(fail->message, "longer") || (name && strstr(fail->message, "line breaks")))
        return tr(r, name ? M_FEEDBACK_ERR_NAME_LONG : M_FEEDBACK_ERR_TEXT_LONG);
    if (strstr(fail->message, "required"))
        return tr(r, M_ERR_REQUIRED);
    return tr(r, M_FEEDBACK_ERR_CONTROL);
}

/* POST /plans/{id}/published/measures/{key*}/feedback */
void page_feedback_post(struct req *r) {
    r->cacheable = false;
    int64_t plan_id;
    struct published_plan pub;
    const struct measure *m = NULL;
    if (!req_param_id(r, 0, &plan_id))
        return;
    if (published_load(r->db, &r->arena, plan_id, &pub) < 0 || !(m = published_measure(&pub, r->params[1], NULL))) {
        page_not_found(r);
        return;
    }
    if (r->body_len > FEEDBACK_FORM_BODY_MAX || req_parse_form(r) < 0) {
        resp_error(r, r->body_len > FEEDBACK_FORM_BODY_MAX ? 413 : 400, "bad_request", "the form could not be read", NULL);
        return;
    }
    struct feedback_form f = {req_form(r, "text"), req_form(r, "name"), NULL, NULL, NULL};
    struct feedback_new in = {plan_id, m->key, m->title, f.text, f.name, r->remote_addr, (int64_t)time(NULL)};
    struct edit_fail fail = {0};
    int rc = store_feedback_submit(r->db, &in, &citizen_web, NULL, &fail);
    if (rc == 0) {
        struct buf loc = BUF_INIT;
        html_printf(&loc, "/plans/%D/published/measures/%k?sent=1#feedback", plan_id, m->key);
        resp_redirect(r, arena_strdup(&r->arena, loc.data));
        buf_free(&loc);
        return;
    }
    int status = 422;
    if (rc == KW_ECONFLICT && strcmp(fail.field, FEEDBACK_FIELD_RATE) == 0) {
        f.err_top = tr(r, M_FEEDBACK_RATE);
        status = 429;
    } else if (rc == KW_EINVAL && strcmp(fail.field, "name") == 0) {
        f.err_name = field_error(r, &fail, true);
    } else if (rc == KW_EINVAL && strcmp(fail.field, "text") == 0) {
        f.err_text = field_error(r, &fail, false);
    } else {
        resp_store_error(r, rc, NULL, "the opinion could not be saved");
        return;
    }
    buf_reset(&r->out);
    page_measure_published_form(r, &f);
    r->status = status;
    r->cacheable = false;
}

/* ---- the office's queue */

static void counts_table(struct req *r, const struct feedback_count *c, size_t n) {
    html_printf(&r->out, "<h2 id=\"counts\">%s</h2>\n", tr(r, M_FEEDBACK_COUNTS));
    if (n == 0) {
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_FEEDBACK_QUEUE_EMPTY));
        return;
    }
    html_table_scroll(r, tr(r, M_FEEDBACK_COUNTS));
    html_printf(&r->out, "<table><caption>%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
                tr(r, M_FEEDBACK_COUNTS), tr(r, M_MEASURE), tr(r, M_FEEDBACK_PENDING), tr(r, M_FEEDBACK_PUBLISHED),
                tr(r, M_FEEDBACK_REJECTED));
    for (size_t i = 0; i < n; i++)
        html_printf(&r->out, "<tr><th scope=\"row\"><a href=\"/plans/%D/published/measures/%k\">%s %s</a></th>"
                             "<td>%d</td><td>%d</td><td>%d</td></tr>\n",
                    c[i].plan_id, c[i].measure_code, c[i].measure_code, c[i].measure_title, c[i].pending, c[i].published,
                    c[i].rejected);
    html_printf(&r->out, "</tbody></table></div>\n");
}

/* One opinion of the queue with its moderation form; err: the error of its answer, or NULL. */
static void queue_item(struct req *r, const char *org_code, const struct feedback_row *f, const char *answer,
                       const char *err) {
    html_printf(&r->out, "<li id=\"opinion-%D\" class=\"feedback-item\"><h3><a href=\"/plans/%D/published/measures/%k\">"
                         "%s %s</a>%s<span class=\"badge\">%s</span></h3>\n",
                f->id, f->plan_id, f->measure_code, f->measure_code, f->measure_title, tr(r, M_P_SPACE), tr_feedback_state(r, f->state));
    opinion_body(r, f);
    html_printf(&r->out, "<form method=\"post\" action=\"/orgs/%u/feedback/%D\" class=\"form\" novalidate>\n",
                org_code, f->id);
    html_csrf_field(r);
    const char *id = arena_printf(&r->arena, "answer-%lld", (long long)f->id);
    const char *hint_id = arena_printf(&r->arena, "%s-hint", id);
    html_printf(&r->out, "<div class=\"field%r\"><label for=\"%s\">%s</label><p class=\"hint\" id=\"%s\">%s</p>"
                         "<textarea id=\"%s\" name=\"answer\" rows=\"3\" aria-describedby=\"%s%r%r\"%r>%s</textarea>\n",
                err ? " has-error" : "", id, tr(r, M_FEEDBACK_ANSWER_FIELD), hint_id, tr(r, M_FEEDBACK_ANSWER_HINT), id,
                hint_id, err ? " " : "", err ? arena_printf(&r->arena, "%s-error", id) : "",
                err ? " aria-invalid=\"true\"" : "", answer ? answer : "");
    html_field_error(r, id, err);
    html_printf(&r->out, "</div>\n<p class=\"button-row\"><button type=\"submit\" name=\"decision\" value=\"publish\">%s"
                         "</button><button type=\"submit\" name=\"decision\" value=\"reject\" class=\"secondary\">%s"
                         "</button></p>\n</form></li>\n",
                tr(r, M_FEEDBACK_PUBLISH), tr(r, M_FEEDBACK_REJECT));
}

/* The queue page; err_id/answer/err: the opinion whose answer was refused, or 0. False after
 * replying with the store's error. */
static bool queue_render(struct req *r, const struct org *o, int64_t err_id, const char *answer, const char *err) {
    struct feedback_row *rows = NULL;
    struct feedback_count *counts = NULL;
    size_t n = 0, n_counts = 0;
    int rc = store_feedback_queue(r->db, &r->arena, o->id, NULL, &rows, &n);
    if (rc == 0)
        rc = store_feedback_counts(r->db, &r->arena, o->id, &counts, &n_counts);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the opinions could not be read");
        return false;
    }
    char *org_href = arena_printf(&r->arena, "/orgs/%s", o->code);
    struct crumb crumbs[] = {{tr(r, M_HOME), "/"}, {o->name, org_href}, {tr(r, M_FEEDBACK_QUEUE), NULL}};
    page_begin(r, tr(r, M_FEEDBACK_QUEUE), crumbs, 3, NULL);
    html_printf(&r->out, "<h1>%s</h1>\n<p>%s</p>\n", tr(r, M_FEEDBACK_QUEUE), tr(r, M_FEEDBACK_QUEUE_INTRO));
    const char *done = req_query(r, "done");
    if (done && !err)
        html_printf(&r->out, "<p class=\"notice\" role=\"status\">%s</p>\n", tr(r, M_FEEDBACK_MODERATED));
    if (err)
        html_printf(&r->out, "<div class=\"error-summary\" role=\"alert\"><p>%s</p></div>\n", tr(r, M_FORM_ERRORS));
    counts_table(r, counts, n_counts);
    html_printf(&r->out, "<h2 id=\"opinions\">%s</h2>\n", tr(r, M_FEEDBACK));
    if (n == 0)
        html_printf(&r->out, "<p>%s</p>\n", tr(r, M_FEEDBACK_QUEUE_EMPTY));
    else
        html_printf(&r->out, "<ol class=\"plain-list feedback-queue\">\n");
    for (size_t i = 0; i < n; i++)
        queue_item(r, o->code, &rows[i], rows[i].id == err_id ? answer : NULL, rows[i].id == err_id ? err : NULL);
    if (n)
        html_printf(&r->out, "</ol>\n");
    page_end(r);
    r->cacheable = false;
    return true;
}

/* GET /orgs/{code}/feedback */
void page_feedback_queue(struct req *r) {
    struct org o;
    if (store_org_by_code(r->db, &r->arena, r->params[0], &o) < 0) {
        page_not_found(r);
        return;
    }
    queue_render(r, &o, 0, NULL, NULL);
}

/* POST /orgs/{code}/feedback/{id} */
void page_feedback_moderate(struct req *r) {
    r->cacheable = false;
    struct org o;
    struct feedback_row f;
    int64_t id, org_id = 0;
    if (store_org_by_code(r->db, &r->arena, r->params[0], &o) < 0 || !req_param_id(r, 1, &id) ||
        store_feedback_get(r->db, &r->arena, id, &f) < 0 || store_plan_org(r->db, f.plan_id, &org_id) < 0 ||
        org_id != o.id) {
        buf_reset(&r->out);
        page_not_found(r);
        return;
    }
    const char *decision = req_parse_form(r) == 0 ? req_form(r, "decision") : NULL;
    if (!decision || (strcmp(decision, "publish") != 0 && strcmp(decision, "reject") != 0)) {
        resp_error(r, 400, "bad_request", "decision must be publish or reject", "decision");
        return;
    }
    const char *answer = req_form(r, "answer");
    struct edit_fail fail = {0};
    int rc = store_feedback_moderate(r->db, id, strcmp(decision, "publish") == 0, answer && *answer ? answer : NULL,
                                     req_actor(r), &fail);
    if (rc == KW_EINVAL) {
        if (queue_render(r, &o, id, answer, strstr(fail.message, "longer") ? tr(r, M_FEEDBACK_ERR_TEXT_LONG)
                                                                           : tr(r, M_FEEDBACK_ERR_CONTROL)))
            r->status = 422;
        return;
    }
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct buf loc = BUF_INIT;
    html_printf(&loc, "/orgs/%u/feedback?done=1#opinion-%D", o.code, id);
    resp_redirect(r, arena_strdup(&r->arena, loc.data));
    buf_free(&loc);
}
