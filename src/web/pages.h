/* Server-rendered pages (Japanese first, English with ?lang=en) and the helpers they share. */
#ifndef KAWARU_WEB_PAGES_H
#define KAWARU_WEB_PAGES_H
#include "core/kpi_calc.h"
#include "core/model.h"
#include "http/req.h"

void page_home(struct req *r);
void page_org(struct req *r);
void page_plan(struct req *r);
void page_search(struct req *r);
void page_measure(struct req *r);
void page_measure_edit(struct req *r);
void page_measure_update(struct req *r);
void page_kpi(struct req *r);
void page_measurement_add(struct req *r);
void page_static(struct req *r);
void page_not_found(struct req *r);

/* ---- layout (layout.c) */
struct crumb { const char *label; const char *href; };   /* href NULL: the current page */
/* Starts the document: head, header, navigation, breadcrumbs, <main>. body_class may be NULL. */
void page_begin(struct req *r, const char *title, const struct crumb *crumbs, int ncrumbs, const char *body_class);
void page_end(struct req *r);
/* A KPI status badge: text and colour both carry the status. */
void html_kpi_badge(struct req *r, enum kpi_status s);
/* "未決定" / "なし" / "50 %（2026年度）" */
void html_kpi_target(struct req *r, const struct kpi *k);
/* Opens the wrapper that lets a wide table scroll sideways on a phone; it is a labelled,
 * focusable region so that keyboard users can scroll it too. Close it with "</div>". */
void html_table_scroll(struct req *r, const char *label);
/* An error message under a form field (role=alert not needed: the summary announces). */
void html_field_error(struct req *r, const char *id, const char *message);

/* ---- chart (svg_chart.c) */
/* An SVG line chart of a KPI: baseline, straight target line, measurements and forecast. */
void svg_kpi_chart(struct req *r, const struct kpi *k, const struct kpi_derived *d);

#endif
