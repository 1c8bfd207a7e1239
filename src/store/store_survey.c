/* Applying a workload survey (see store_survey.h): the stored inventory of each FY the survey
 * names is loaded once (store_workload_load, inside the write transaction), every step that
 * would be deleted is checked for means applied to it, then each department's businesses and
 * steps are updated in place, inserted or deleted, and audited with their state before and
 * after. Also one department's stored survey as a part, which the inventory's editors change
 * and apply again. */
#include <stdlib.h>
#include <string.h>
#include "core/fiscal.h"
#include "store/store_internal.h"
#include "store/store_survey.h"
#include "store/store_workload.h"
#include "util/buf.h"
#include "util/jw.h"

/* The stored inventories of the FYs the survey names, each loaded once. */
struct loaded { int fy; struct workload_inventory inv; };

struct apply {
    struct db *db;
    struct arena *a;
    int64_t org_id;
    const struct actor *who;
    struct loaded *fys;
    size_t n_fys, cap_fys;
    struct survey_result *ret;
    size_t cap_conflicts;
};

static int inventory_of(struct apply *ap, int fy, struct workload_inventory **ret) {
    for (size_t i = 0; i < ap->n_fys; i++)
        if (ap->fys[i].fy == fy) {
            *ret = &ap->fys[i].inv;
            return 0;
        }
    GROW(ap->a, ap->fys, ap->cap_fys, ap->n_fys);
    struct loaded *l = &ap->fys[ap->n_fys++];
    l->fy = fy;
    *ret = &l->inv;
    return store_workload_load(ap->db, ap->a, ap->org_id, fy, &l->inv);
}

/* The stored businesses of the part's department (pointers into inv, in their order). */
static size_t stored_of(struct apply *ap, const struct workload_inventory *inv, int64_t department_id,
                        struct business ***ret) {
    *ret = arena_alloc(ap->a, (inv->n ? inv->n : 1) * sizeof **ret);
    size_t n = 0;
    for (size_t i = 0; i < inv->n; i++)
        if (inv->businesses[i].department_id == department_id)
            (*ret)[n++] = &inv->businesses[i];
    return n;
}

/* True when a business of the part names the stored business of id by its id. */
static bool claimed_by_id(const struct survey_part *p, int64_t id) {
    for (size_t i = 0; i < p->n; i++)
        if (p->businesses[i].id == id)
            return true;
    return false;
}

/* The business of the part that the stored business s goes on as: the one with its id, else
 * the one of its code without an id (unless another claims s by its id); NULL: s goes. */
static const struct business *kept_of(const struct survey_part *p, const struct business *s) {
    for (size_t i = 0; i < p->n; i++)
        if (p->businesses[i].id == s->id)
            return &p->businesses[i];
    if (claimed_by_id(p, s->id))
        return NULL;
    for (size_t i = 0; i < p->n; i++)
        if (!p->businesses[i].id && strcmp(p->businesses[i].code, s->code) == 0)
            return &p->businesses[i];
    return NULL;
}

/* The stored business that b of the part updates (NULL: b is new). */
static struct business *stored_for(const struct survey_part *p, const struct business *b, struct business **v,
                                   size_t n) {
    for (size_t i = 0; i < n; i++)
        if (b->id ? v[i]->id == b->id : strcmp(v[i]->code, b->code) == 0 && !claimed_by_id(p, v[i]->id))
            return v[i];
    return NULL;
}

static const struct step *step_by_number(const struct business *b, int number) {
    for (size_t i = 0; b && i < b->n_steps; i++)
        if (b->steps[i].number == number)
            return &b->steps[i];
    return NULL;
}

/* ---- the check: no step with a means applied to it is deleted */

static int means_name(struct apply *ap, int64_t means_id, const char **ret) {
    struct db_stmt *st = db_prepare(ap->db, "SELECT name FROM means WHERE id = ?1");
    db_bind_int64(st, 1, means_id);
    int rc = db_step(st);
    *ret = rc == DB_ROW ? db_col_text(ap->a, st, 0) : "";
    db_reset(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : KW_EDB;
}

/* Adds a conflict for each means applied to step s of stored business b. */
static int conflicts_of_step(struct apply *ap, const struct workload_inventory *inv, const struct survey_part *p,
                             const struct business *b, const struct step *s) {
    for (size_t k = 0; k < inv->n_apps; k++) {
        if (inv->apps[k].step_id != s->id)
            continue;
        const char *means;
        int rc = means_name(ap, inv->apps[k].means_id, &means);
        if (rc < 0)
            return rc;
        struct survey_result *r = ap->ret;
        GROW(ap->a, r->conflicts, ap->cap_conflicts, r->n_conflicts);
        r->conflicts[r->n_conflicts++] = (struct survey_conflict){
            .department_code = p->department_code, .survey_fy = p->survey_fy, .business_code = b->code,
            .business_name = b->name, .step_number = s->number, .step_name = s->name, .means_name = means};
    }
    return 0;
}

static int check_part(struct apply *ap, const struct survey_part *p) {
    struct workload_inventory *inv;
    int rc = inventory_of(ap, p->survey_fy, &inv);
    if (rc < 0)
        return rc;
    struct business **stored;
    size_t n = stored_of(ap, inv, p->department_id, &stored);
    for (size_t i = 0; i < p->n; i++)        /* an id is one of the part's stored businesses */
        if (p->businesses[i].id && !stored_for(p, &p->businesses[i], stored, n))
            return KW_EINVAL;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const struct business *kept = kept_of(p, stored[i]);
        for (size_t j = 0; j < stored[i]->n_steps && rc == 0; j++)
            if (!step_by_number(kept, stored[i]->steps[j].number))
                rc = conflicts_of_step(ap, inv, p, stored[i], &stored[i]->steps[j]);
    }
    return rc;
}

/* KW_EINVAL unless every part names a department of the organisation, once per FY, and every
 * business has a step and a code of its own. */
static int parts_valid(struct apply *ap, const struct survey_part *parts, size_t n) {
    for (size_t i = 0; i < n; i++) {
        struct location loc;
        int rc = store_locate(ap->db, ENTITY_DEPARTMENT, parts[i].department_id, &loc);
        if (rc == KW_ENOTFOUND || (rc == 0 && loc.org_id != ap->org_id))
            return KW_EINVAL;
        if (rc < 0)
            return rc;
        for (size_t j = 0; j < i; j++)
            if (parts[j].department_id == parts[i].department_id && parts[j].survey_fy == parts[i].survey_fy)
                return KW_EINVAL;
        for (size_t j = 0; j < parts[i].n; j++) {
            if (parts[i].businesses[j].n_steps == 0)
                return KW_EINVAL;
            for (size_t k = 0; k < j; k++)
                if (strcmp(parts[i].businesses[k].code, parts[i].businesses[j].code) == 0)
                    return KW_EINVAL;
        }
    }
    return 0;
}

/* ---- the audit entry: a department's businesses of one FY with their steps */


/* {"department_id", "survey_fy", "businesses": [{id, code, name, volume, note, steps: […]}…]},
 * malloc'd (the caller frees). */
static char *survey_json(const struct survey_part *p, struct business *const *v, size_t n) {
    struct buf b = BUF_INIT;
    struct jw w;
    jw_init(&w, &b, 0);
    jw_obj_begin(&w);
    jw_kint(&w, "department_id", p->department_id);
    jw_kint(&w, "survey_fy", p->survey_fy);
    jw_key(&w, "businesses");
    jw_arr_begin(&w);
    for (size_t i = 0; i < n; i++) {
        jw_obj_begin(&w);
        jw_kint(&w, "id", v[i]->id);
        jw_kstr(&w, "code", v[i]->code);
        jw_kstr(&w, "name", v[i]->name);
        jw_knum(&w, "volume", v[i]->volume);
        jw_kstr(&w, "note", v[i]->note);
        jw_key(&w, "steps");
        jw_arr_begin(&w);
        for (size_t j = 0; j < v[i]->n_steps; j++)
            workload_step_write(&w, &v[i]->steps[j]);
        jw_arr_end(&w);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    return buf_steal(&b);
}

/* ---- writing */

static int remove_by_id(struct db *db, const char *sql, int64_t id) {
    struct db_stmt *st = db_prepare(db, sql);
    db_bind_int64(st, 1, id);
    return db_step_done(db, st);
}

static int business_remove(struct apply *ap, const struct business *b) {
    int rc = remove_by_id(ap->db, "DELETE FROM business_step WHERE business_id = ?1", b->id);
    if (rc == 0)
        rc = remove_by_id(ap->db, "DELETE FROM business WHERE id = ?1", b->id);
    if (rc == 0) {
        ap->ret->businesses_removed++;
        ap->ret->steps_removed += b->n_steps;
    }
    return rc;
}

/* Writes step s of business business_id: an update of the stored step id, or an insert (id 0);
 * *ret_id gets its id. */
static int step_write(struct db *db, int64_t business_id, const struct step *s, int64_t id, int64_t *ret_id) {
    struct db_stmt *st = id
        ? db_prepare(db, "UPDATE business_step SET name = ?3, minutes = ?4, staff = ?5, channel = ?6, paper = ?7, "
                         "seal = ?8, in_person = ?9, transcription = ?10, approval = ?11 "
                         "WHERE id = ?1 AND number = ?2")
        : db_prepare(db, "INSERT INTO business_step (business_id, number, name, minutes, staff, channel, paper, seal, "
                         "in_person, transcription, approval) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    db_bind_int64(st, 1, id ? id : business_id);
    db_bind_int64(st, 2, s->number);
    db_bind_text(st, 3, s->name);
    db_bind_double(st, 4, s->minutes);
    db_bind_text(st, 5, staff_type_names[s->staff]);
    db_bind_text(st, 6, channel_names[s->channel]);
    for (int f = 0; f < FLAG_COUNT; f++)
        db_bind_int64(st, 7 + f, (s->flags & (1u << f)) != 0);
    int rc = db_step_done(db, st);
    if (rc == 0)
        *ret_id = id ? id : db_last_id(db);
    return rc;
}

/* Writes business b at position pos, updating stored (NULL: inserting), and its steps; out gets
 * b with the ids it was stored under. */
static int business_write(struct apply *ap, const struct survey_part *p, const struct business *b, int pos,
                          const struct business *stored, struct business *out) {
    *out = *b;
    out->department_id = p->department_id;
    out->survey_fy = p->survey_fy;
    out->steps = arena_memdup(ap->a, b->steps, b->n_steps * sizeof *b->steps);
    struct db_stmt *st = stored
        ? db_prepare(ap->db, "UPDATE business SET position = ?4, name = ?5, volume = ?6, note = ?7, code = ?8 "
                             "WHERE id = ?1 AND department_id = ?2 AND survey_fy = ?3")
        : db_prepare(ap->db, "INSERT INTO business (department_id, survey_fy, code, position, name, volume, note) "
                             "VALUES (?2, ?3, ?1, ?4, ?5, ?6, ?7)");
    if (stored) {
        db_bind_int64(st, 1, stored->id);
        db_bind_text(st, 8, b->code);
    } else {
        db_bind_text(st, 1, b->code);
    }
    db_bind_int64(st, 2, p->department_id);
    db_bind_int64(st, 3, p->survey_fy);
    db_bind_int64(st, 4, pos);
    db_bind_text(st, 5, b->name);
    db_bind_double(st, 6, b->volume);
    db_bind_text(st, 7, b->note && *b->note ? b->note : NULL);
    int rc = db_step_done(ap->db, st);
    if (rc < 0)
        return rc;
    out->id = stored ? stored->id : db_last_id(ap->db);
    if (!stored)
        ap->ret->businesses_added++;
    /* steps the survey no longer has go first, then the rest are updated or added */
    for (size_t j = 0; stored && j < stored->n_steps && rc == 0; j++)
        if (!step_by_number(b, stored->steps[j].number)) {
            rc = remove_by_id(ap->db, "DELETE FROM business_step WHERE id = ?1", stored->steps[j].id);
            ap->ret->steps_removed++;
        }
    for (size_t j = 0; j < b->n_steps && rc == 0; j++) {
        const struct step *old = step_by_number(stored, b->steps[j].number);
        rc = step_write(ap->db, out->id, &b->steps[j], old ? old->id : 0, &out->steps[j].id);
        if (!old)
            ap->ret->steps_added++;
    }
    return rc;
}

static int write_part(struct apply *ap, const struct survey_part *p) {
    struct workload_inventory *inv;
    int rc = inventory_of(ap, p->survey_fy, &inv);
    if (rc < 0)
        return rc;
    struct business **stored;
    size_t n_stored = stored_of(ap, inv, p->department_id, &stored);
    char *before = survey_json(p, stored, n_stored);
    for (size_t i = 0; i < n_stored && rc == 0; i++)
        if (!kept_of(p, stored[i]))
            rc = business_remove(ap, stored[i]);
    struct business *written = arena_alloc(ap->a, (p->n ? p->n : 1) * sizeof *written);
    struct business **after = arena_alloc(ap->a, (p->n ? p->n : 1) * sizeof *after);
    for (size_t i = 0; i < p->n && rc == 0; i++) {
        rc = business_write(ap, p, &p->businesses[i], (int)i, stored_for(p, &p->businesses[i], stored, n_stored),
                            &written[i]);
        after[i] = &written[i];
        ap->ret->steps += p->businesses[i].n_steps;
    }
    if (rc == 0) {
        char *json = survey_json(p, after, p->n);
        rc = store_audit(ap->db, ap->who, "survey", p->department_id, p->action ? p->action : "import", before, json);
        free(json);
    }
    free(before);
    ap->ret->businesses += p->n;
    return rc;
}

int store_survey_apply(struct db *db, struct arena *a, int64_t org_id, const struct survey_part *parts, size_t n,
                       const struct actor *who, struct survey_result *ret) {
    *ret = (struct survey_result){0};
    struct apply ap = {.db = db, .a = a, .org_id = org_id, .who = who, .ret = ret};
    int rc = db_begin(db);
    if (rc < 0)
        return rc;
    rc = parts_valid(&ap, parts, n);
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = check_part(&ap, &parts[i]);
    if (rc == 0 && ret->n_conflicts)
        rc = KW_ECONFLICT;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = write_part(&ap, &parts[i]);
    if (rc < 0) {
        db_rollback(db);
        struct survey_conflict *c = ret->conflicts;
        size_t nc = ret->n_conflicts;
        *ret = (struct survey_result){.conflicts = c, .n_conflicts = nc};
        return rc;
    }
    for (size_t i = 0; i < n; i++) {          /* departments, once each whatever their FYs */
        size_t j = 0;
        while (j < i && parts[j].department_id != parts[i].department_id)
            j++;
        ret->departments += j == i;
    }
    return db_commit(db);
}

int store_survey_part_load(struct db *db, struct arena *a, int64_t department_id, int survey_fy,
                           struct survey_part *ret, int64_t *ret_org_id) {
    struct department_contact dc;
    struct workload_inventory inv;
    int rc = store_department_contact(db, a, department_id, &dc);
    if (rc == 0)
        rc = store_workload_load(db, a, dc.org_id, survey_fy, &inv);
    if (rc < 0)
        return rc;
    struct business *v = arena_alloc(a, (inv.n ? inv.n : 1) * sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < inv.n; i++)
        if (inv.businesses[i].department_id == department_id)
            v[n++] = inv.businesses[i];
    *ret = (struct survey_part){.department_id = department_id, .department_code = dc.code, .survey_fy = survey_fy,
                                .businesses = v, .n = n};
    *ret_org_id = dc.org_id;
    return 0;
}

int store_survey_default_fy(struct db *db, int64_t department_id, int *ret) {
    struct db_stmt *st = db_prepare(db,
        "SELECT max(CASE WHEN b.department_id = ?1 THEN b.survey_fy END), max(b.survey_fy) FROM business b "
        "JOIN department d ON d.id = b.department_id WHERE d.org_id = (SELECT org_id FROM department WHERE id = ?1)");
    db_bind_int64(st, 1, department_id);
    int rc = db_step(st);
    int own = rc == DB_ROW ? db_col_int(st, 0) : 0, org = rc == DB_ROW ? db_col_int(st, 1) : 0;
    db_reset(st);
    if (rc != DB_ROW)
        return KW_EDB;
    *ret = own ? own : org ? org : fy_of_date(date_today());
    return 0;
}
