/* The workload inventory's CSV files for an organisation's members: the empty survey template
 * (業務棚卸し調査票), which `kawaru import --survey` and the upload page read back. The header
 * row alone, in Japanese (English with ?lang=en), UTF-8 with a byte order mark so that Excel
 * opens it as UTF-8; the columns and an example are in docs/workload.md. */
#include <string.h>
#include "web/pages.h"
#include "xfer/survey_csv.h"

/* GET /orgs/{code}/workload/survey.csv */
void page_workload_survey_csv(struct req *r) {
    survey_csv_template(&r->out, strcmp(r->lang, "en") != 0);
    r->content_type_out = "text/csv; charset=utf-8";
    resp_header(r, "Content-Disposition",
                arena_printf(&r->arena, "attachment; filename=\"survey-%s.csv\"", r->params[0]));
    r->status = 200;
    r->cacheable = false;          /* for members only: never kept for the public */
}
