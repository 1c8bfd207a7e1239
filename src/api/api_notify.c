/* /api/v1 for notifications (issue 3): a department's inbox, newest first with the counts of
 * all and unread notifications, and marking one read. The replies are not cached: an inbox is
 * read by the department it belongs to. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/session.h"
#include "api/api.h"
#include "core/errors.h"
#include "store/store.h"
#include "util/jw.h"


static void write_notification(struct jw *w, const struct notification *n) {
    jw_obj_begin(w);
    jw_kint(w, "id", n->id);
    jw_kint(w, "department_id", n->dept_id);
    jw_kstr(w, "kind", n->kind);
    jw_kstr(w, "subject", n->subject);
    jw_kstr(w, "body", n->body);
    if (n->link)
        jw_kstr(w, "link", n->link);
    jw_kstr(w, "created_at", n->created_at);
    jw_kbool(w, "read", n->read_at != NULL);
    if (n->read_at)
        jw_kstr(w, "read_at", n->read_at);
    jw_obj_end(w);
}

/* GET /api/v1/departments/{id}/inbox */
void api_inbox_get(struct req *r) {
    int64_t id;
    long long limit, offset;
    if (!req_param_id(r, 0, &id) || !api_query_int(r, "limit", 1, INBOX_LIMIT_MAX, INBOX_LIMIT_DEFAULT, &limit) ||
        !api_query_int(r, "offset", 0, 1000000000, 0, &offset))
        return;
    struct department_contact dc;
    struct inbox box;
    int rc = store_department_contact(r->db, &r->arena, id, &dc);
    if (rc == 0)
        rc = store_inbox(r->db, &r->arena, id, (int)limit, offset, &box);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    jw_obj_begin(&w);
    jw_key(&w, "department");
    jw_obj_begin(&w);
    jw_kint(&w, "id", dc.id);
    jw_kstr(&w, "code", dc.code);
    jw_kstr(&w, "name", dc.name);
    jw_key(&w, "email");
    jw_str(&w, dc.email);
    jw_obj_end(&w);
    jw_key(&w, "items");
    jw_arr_begin(&w);
    for (size_t i = 0; i < box.n; i++)
        write_notification(&w, &box.items[i]);
    jw_arr_end(&w);
    jw_kint(&w, "total", box.total);
    jw_kint(&w, "unread", box.unread);
    jw_obj_end(&w);
    resp_json(r, 200);
    r->cacheable = false;
}

/* POST /api/v1/notifications/{id}/read */
void api_notification_read(struct req *r) {
    int64_t id;
    if (!req_param_id(r, 0, &id))
        return;
    struct notification n;
    int rc = store_notification_read(r->db, id, req_actor(r));
    if (rc == 0)
        rc = store_notification_load(r->db, &r->arena, id, &n);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    struct jw w;
    jw_init(&w, &r->out, 0);
    write_notification(&w, &n);
    resp_json(r, 200);
    r->cacheable = false;
}
