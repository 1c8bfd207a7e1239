/* The text of notifications and the e-mail address check (see notice.h). */
#include <string.h>
#include "core/notice.h"

static const char *const kind_names[NOTICE_NKINDS] = {"period_opened", "reminder_before", "reminder_after", "sent_back"};

const char *notice_kind_name(enum notice_kind k) { return kind_names[k]; }

int notice_kind_parse(const char *s, enum notice_kind *ret) {
    for (int i = 0; s && i < NOTICE_NKINDS; i++)
        if (strcmp(s, kind_names[i]) == 0) {
            *ret = (enum notice_kind)i;
            return 0;
        }
    return -1;
}

enum notice_due notice_due(kw_date deadline, kw_date today) {
    if (today > deadline)
        return DUE_AFTER;
    return deadline - today <= NOTICE_DAYS_BEFORE ? DUE_BEFORE : DUE_NONE;
}

bool notice_owed(enum review_state s) {
    return s == REVIEW_MISSING || s == REVIEW_DRAFT || s == REVIEW_SENT_BACK;
}

/* The state as the review pages name it (web/i18n.h M_RS_*). */
static const char *state_label(enum review_state s) {
    static const char *const labels[REVIEW_NSTATES] = {"未着手", "作成中", "提出済み", "差戻し", "確認済み"};
    return labels[s];
}

void notice_period_label(int fy, int quarter, struct buf *out) {
    buf_printf(out, "%d年度 第%d四半期", fy, quarter);
}

static void item_lines(const struct notice_item *v, size_t n, struct buf *body) {
    for (size_t i = 0; i < n; i++)
        buf_printf(body, "・%s %s（%s）\n", v[i].code, v[i].title, state_label(v[i].state));
}

void notice_period_text(enum notice_kind kind, const struct notice_period *p, struct buf *subject, struct buf *body) {
    struct buf label = BUF_INIT;
    notice_period_label(p->fy, p->quarter, &label);
    const char *l = buf_cstr(&label);
    switch (kind) {
    case NOTICE_PERIOD_OPENED:
        buf_printf(subject, "%sの見直しが始まりました：提出期限は%sです（対象 %zu件）", l, p->deadline, p->n);
        buf_printf(body, "%sの見直しが始まりました。提出期限（%s）までに、次の施策の報告を提出してください。\n\n", l,
                   p->deadline);
        break;
    case NOTICE_REMIND_BEFORE:
        buf_printf(subject, "%sの見直し：提出期限は%sです（未提出 %zu件）", l, p->deadline, p->n);
        buf_printf(body, "%sの見直しの提出期限は%sです。次の施策の報告がまだ提出されていません。\n\n", l, p->deadline);
        break;
    case NOTICE_REMIND_AFTER:
    case NOTICE_SENT_BACK:                 /* not a period notification; worded as "after" */
        buf_printf(subject, "%sの見直し：提出期限（%s）を過ぎています（未提出 %zu件）", l, p->deadline, p->n);
        buf_printf(body, "%sの見直しの提出期限（%s）を過ぎました。次の施策の報告を至急提出してください。\n\n", l,
                   p->deadline);
        break;
    }
    item_lines(p->items, p->n, body);
    buf_free(&label);
}

void notice_sent_back_text(int fy, int quarter, const struct notice_item *measure, const char *comment,
                           struct buf *subject, struct buf *body) {
    struct buf label = BUF_INIT;
    notice_period_label(fy, quarter, &label);
    buf_printf(subject, "差戻し：%s %s（%sの見直し）", measure->code, measure->title, buf_cstr(&label));
    buf_printf(body, "%sの見直しで、次の施策の報告が事務局から差し戻されました。内容を直して、もう一度提出してください。\n\n",
               buf_cstr(&label));
    buf_printf(body, "・%s %s\n\n事務局からのコメント：\n%s\n", measure->code, measure->title, comment ? comment : "");
    buf_free(&label);
}

/* ---- e-mail addresses */

static bool local_char_ok(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("!#$%&'*+-/=?^_`{|}~.", c));
}

static bool label_ok(const char *s, size_t n) {
    if (n == 0 || n > 63 || s[0] == '-' || s[n - 1] == '-')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    }
    return true;
}

bool notice_email_valid(const char *s) {
    if (!s)
        return false;
    size_t len = strlen(s);
    const char *at = strchr(s, '@');
    if (len == 0 || len > NOTICE_MAX_EMAIL || !at || strchr(at + 1, '@'))
        return false;
    size_t local = (size_t)(at - s);
    if (local == 0 || local > 64 || s[0] == '.' || s[local - 1] == '.')
        return false;
    for (size_t i = 0; i < local; i++)
        if (!local_char_ok(s[i]) || (s[i] == '.' && s[i + 1] == '.'))
            return false;
    const char *d = at + 1;
    for (;;) {
        const char *dot = strchr(d, '.');
        size_t n = dot ? (size_t)(dot - d) : strlen(d);
        if (!label_ok(d, n))
            return false;
        if (!dot)
            return true;
        d = dot + 1;
    }
}
