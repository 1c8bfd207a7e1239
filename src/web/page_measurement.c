/* Adding a KPI's measurement from the form on the KPI's page (page_kpi.c): the date, the value as
 * people type it (full-width digits, thousands commas) and a note are checked, and the page is
 * shown again with each error next to its field; else one store call, then back to the page. */
#include <string.h>
#include "http/session.h"
#include "core/errors.h"
#include "core/number.h"
#include "store/store.h"
#include "web/form.h"
#include "web/i18n.h"
#include "web/pages.h"

/* POST /kpis/{id}/measurements */
void page_measurement_add(struct req *r) {
    struct kpi k;
    struct measure m;
    struct measure_ref ref;
    if (!kpi_page_load(r, &k, &m, &ref))
        return;
    struct measurement_form f = {0};
    struct measurement x = {0};
    bool too_big = false;
    if (req_parse_form(r) < 0) {
        f.err_period = tr(r, M_ERR_BAD_FORM);
    } else {
        f.period = req_form(r, "period");
        f.value = req_form(r, "value");
        f.note = req_form(r, "note");
    }
    kw_date d;
    if (!f.err_period && (!f.period || !*f.period)) f.err_period = tr(r, M_ERR_REQUIRED);
    else if (!f.err_period && date_parse(f.period, &d) < 0) f.err_period = tr(r, M_ERR_DATE);
    if (!f.value || !*f.value) f.err_value = tr(r, M_ERR_REQUIRED);
    else if (number_parse(f.value, &x.value, &too_big) < 0)
        f.err_value = tr(r, too_big ? M_ERR_NUMBER_RANGE : M_ERR_NUMBER);
    if (!f.err_note) f.err_note = form_check(r, f.note, &field_note, false);
    if (f.err_period || f.err_value || f.err_note) {
        kpi_page_render(r, &k, &ref, &m, &f, true, NULL);
        r->status = 422;
        r->cacheable = false;
        return;
    }
    x.period = (char *)f.period;
    x.note = f.note && *f.note ? (char *)f.note : NULL;
    x.source = "web";
    const struct actor *who = req_actor(r);
    int rc = store_measurement_add(r->db, k.id, &x, who, NULL);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, "the measurement could not be saved");
        return;
    }
    resp_redirect(r, arena_printf(&r->arena, "/kpis/%lld#measurements", (long long)k.id));
}
