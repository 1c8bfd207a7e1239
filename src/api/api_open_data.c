/* Open data (SPEC §3.11, issue 16 point 5): each organisation's measures, KPIs and measurements
 * from its published plans as CSV and JSON files at stable URLs under CC BY 4.0, with ETag and
 * Last-Modified (the server answers 304 to If-None-Match and If-Modified-Since), and the
 * catalogue of every organisation's files. The tables are built by xfer/open_data. */
#include <string.h>
#include <strings.h>
#include "api/api.h"
#include "core/errors.h"
#include "xfer/csv_out.h"
#include "xfer/open_data.h"
#include "xfer/sheet_json.h"

static const char *const formats[] = {"csv", "json"};

enum { CATALOGUE_LIMIT_DEFAULT = 100, CATALOGUE_LIMIT_MAX = 2000 };   /* organisations a page */

static void write_license(struct jw *w, const struct org *o) {
    jw_key(w, "license");
    jw_obj_begin(w);
    jw_kstr(w, "name", OPEN_DATA_LICENSE_NAME);
    jw_kstr(w, "url", OPEN_DATA_LICENSE_URL);
    jw_kstr(w, "attribution", o->name);
    jw_obj_end(w);
}

/* The file's URL: /orgs/{code}/open-data/{name}.{format}, after the site's address if set. */
static const char *file_url(struct req *r, const char *base, const struct org *o, int t, const char *format) {
    return arena_printf(&r->arena, "%s/orgs/%s/open-data/%s.%s", base, o->code, open_data_names[t], format);
}

/* GET /orgs/{code}/open-data/{file} */
void api_open_data_file(struct req *r) {
    const char *file = r->params[1], *dot = strrchr(file, '.');
    int t = dot ? open_data_table_of(file, (size_t)(dot - file)) : -1;
    bool csv = dot && strcmp(dot, ".csv") == 0, json = dot && strcmp(dot, ".json") == 0;
    if (t < 0 || (!csv && !json)) {
        resp_error(r, 404, "not_found", "no such open data file: measures, kpis or measurements, .csv or .json", NULL);
        return;
    }
    const char *encoding = req_query(r, "encoding");
    bool cp932 = encoding && (strcasecmp(encoding, "cp932") == 0 || strcasecmp(encoding, "shift_jis") == 0);
    if (encoding && !cp932 && strcasecmp(encoding, "utf-8") != 0) {
        resp_error(r, 400, "invalid", "encoding must be utf-8 or cp932", "encoding");
        return;
    }
    struct org o;
    struct open_data od;
    int rc = store_org_by_code(r->db, &r->arena, r->params[0], &o);
    if (rc == 0)
        rc = open_data_load(r->db, &r->arena, &o, &od);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    const char *base = open_data_base_url(&r->arena);
    struct sheet s;
    open_data_sheet(&od, &r->arena, (enum open_data_table)t, base, &s);
    if (csv) {
        rc = csv_write_sheet(&r->out, &s, cp932 ? CSV_CP932 : CSV_UTF8_BOM, NULL);
        if (rc < 0) {
            resp_store_error(r, rc, NULL, "the CSV file cannot be written");
            return;
        }
        r->status = 200;
        r->content_type_out = cp932 ? "text/csv; charset=shift_jis" : "text/csv; charset=utf-8";
    } else {
        struct jw w;
        jw_init(&w, &r->out, 0);
        jw_obj_begin(&w);
        write_license(&w, &o);
        jw_key(&w, "source");
        jw_obj_begin(&w);
        jw_kstr(&w, "org", o.name);
        jw_kstr(&w, "code", o.code);
        jw_key(&w, "plans");
        jw_arr_begin(&w);
        for (size_t i = 0; i < od.n_plans; i++) {
            const struct published_plan *pp = &od.plans[i];
            jw_obj_begin(&w);
            jw_kstr(&w, "title", pp->plan->title);
            jw_kstr(&w, "version", pp->version.label);
            jw_kstr(&w, "published", pp->version.published_at);
            jw_kstr(&w, "url", arena_printf(&r->arena, "%s/plans/%lld/published", base, (long long)pp->version.plan_id));
            jw_obj_end(&w);
        }
        jw_arr_end(&w);
        jw_obj_end(&w);
        jw_kstr(&w, "updated", od.updated);
        jw_key(&w, "columns");
        sheet_json_columns(&w, &s);
        jw_key(&w, "items");
        sheet_json_rows(&w, &s);
        jw_kint(&w, "total", (int64_t)s.n_rows);
        jw_obj_end(&w);
        resp_json(r, 200);
    }
    r->cacheable = true;
    r->last_modified = od.updated_time;
    resp_header(r, "Link", OPEN_DATA_LICENSE_LINK);
    resp_header(r, "Content-Disposition", arena_printf(&r->arena, "attachment; filename=\"%s_%s.%s\"", o.code,
                                                       open_data_names[t], csv ? "csv" : "json"));
}

/* GET /api/v1/open-data */
void api_open_data_catalogue(struct req *r) {
    struct open_data_entry *v;
    size_t n;
    long long limit, offset;
    int64_t total;
    if (!api_query_int(r, "limit", 1, CATALOGUE_LIMIT_MAX, CATALOGUE_LIMIT_DEFAULT, &limit) ||
        !api_query_int(r, "offset", 0, 1000000000, 0, &offset))
        return;
    const char *prefecture = req_query(r, "prefecture");
    int rc = open_data_catalogue(r->db, &r->arena, prefecture && *prefecture ? prefecture : NULL, limit, offset, &v, &n,
                                 &total);
    if (rc < 0) {
        resp_store_error(r, rc, NULL, NULL);
        return;
    }
    const char *base = open_data_base_url(&r->arena);
    struct jw w;
    api_list_begin(r, &w);
    for (size_t i = 0; i < n; i++) {
        const struct org *o = &v[i].org;
        jw_obj_begin(&w);
        jw_key(&w, "org");
        jw_obj_begin(&w);
        jw_kstr(&w, "code", o->code);
        jw_kstr(&w, "name", o->name);
        jw_kstr(&w, "prefecture", o->prefecture);
        jw_obj_end(&w);
        write_license(&w, o);
        jw_kstr(&w, "updated", v[i].updated);
        jw_key(&w, "files");
        jw_arr_begin(&w);
        for (int t = 0; t < OD_N_TABLES; t++)
            for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
                jw_obj_begin(&w);
                jw_kstr(&w, "name", open_data_names[t]);
                jw_kstr(&w, "title", open_data_titles[t]);
                jw_kstr(&w, "format", formats[f]);
                jw_kstr(&w, "url", file_url(r, base, o, t, formats[f]));
                jw_kint(&w, "rows", (int64_t)v[i].rows[t]);
                jw_obj_end(&w);
            }
        jw_arr_end(&w);
        jw_obj_end(&w);
    }
    api_page_end(r, &w, total, limit, offset);
    r->cacheable = true;
    if (offset == 0 && (int64_t)n == total)  /* the whole list: its newest publication dates it */
        for (size_t i = 0; i < n; i++)
            if (v[i].updated_time > r->last_modified)
                r->last_modified = v[i].updated_time;
}
