/* Reading an xlsx workbook (xlsx_in.h): workbook.xml names the sheets and their relationship ids,
 * workbook.xml.rels maps those to the worksheet parts, sharedStrings.xml holds the strings the
 * cells point to. Each part is inflated whole (bounded) and parsed with expat. */
#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include "core/errors.h"
#include "util/buf.h"
#include "xfer/xlsx_in.h"

bool xlsx_looks_like(const char *data, size_t len) { return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0; }

/* The element's local name: "x:sheet" and "sheet" alike. */
static const char *local(const char *name) {
    const char *colon = strrchr(name, ':');
    return colon ? colon + 1 : name;
}

static const char *attr(const char **atts, const char *name) {
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(local(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

/* One part of the zip, inflated, NUL-terminated, allocated in a; NULL when absent or too big. */
static char *read_part(zip_t *z, struct arena *a, const char *name, size_t *ret_len, size_t *budget,
                       const char **problem) {
    zip_stat_t st;
    if (zip_stat(z, name, 0, &st) < 0)
        return NULL;
    if (!(st.valid & ZIP_STAT_SIZE) || st.size > *budget) {
        *problem = "the workbook is too large once unpacked";
        return NULL;
    }
    *budget -= (size_t)st.size;
    zip_file_t *f = zip_fopen_index(z, st.index, 0);
    if (!f) {
        *problem = "a part of the workbook cannot be read";
        return NULL;
    }
    char *data = arena_alloc(a, (size_t)st.size + 1);
    zip_int64_t got = zip_fread(f, data, st.size);
    zip_fclose(f);
    if (got < 0 || (zip_uint64_t)got != st.size) {
        *problem = "a part of the workbook cannot be read";
        return NULL;
    }
    data[st.size] = '\0';
    *ret_len = (size_t)st.size;
    return data;
}

/* Runs expat over text with the handlers and user data given. */
static bool parse_xml(const char *text, size_t len, void *ud, XML_StartElementHandler start, XML_EndElementHandler end,
                      XML_CharacterDataHandler chars) {
    XML_Parser p = XML_ParserCreate("UTF-8");
    if (!p)
        return false;
    XML_SetUserData(p, ud);
    XML_SetElementHandler(p, start, end);
    if (chars)
        XML_SetCharacterDataHandler(p, chars);
    bool ok = XML_Parse(p, text, (int)len, 1) == XML_STATUS_OK;
    XML_ParserFree(p);
    return ok;
}

/* ---- workbook.xml and its relationships */

struct names {
    struct arena *a;
    char **names, **rids, **ids, **targets;
    size_t n, cap, n_rels, cap_rels;
};

static void workbook_start(void *ud, const char *el, const char **atts) {
    struct names *w = ud;
    if (strcmp(local(el), "sheet") != 0 || w->n >= XLSX_MAX_SHEETS)
        return;
    const char *name = attr(atts, "name"), *rid = attr(atts, "id");
    if (!name || !rid)
        return;
    size_t cap = w->cap;
    w->names = arena_grow(w->a, w->names, sizeof *w->names, &cap, w->n + 1);
    cap = w->cap;
    w->rids = arena_grow(w->a, w->rids, sizeof *w->rids, &cap, w->n + 1);
    w->cap = cap;
    w->names[w->n] = arena_strdup(w->a, name);
    w->rids[w->n++] = arena_strdup(w->a, rid);
}

static void rels_start(void *ud, const char *el, const char **atts) {
    struct names *w = ud;
    if (strcmp(local(el), "Relationship") != 0 || w->n_rels >= 1000)
        return;
    const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
    if (!id || !target)
        return;
    size_t cap = w->cap_rels;
    w->ids = arena_grow(w->a, w->ids, sizeof *w->ids, &cap, w->n_rels + 1);
    cap = w->cap_rels;
    w->targets = arena_grow(w->a, w->targets, sizeof *w->targets, &cap, w->n_rels + 1);
    w->cap_rels = cap;
    w->ids[w->n_rels] = arena_strdup(w->a, id);
    /* targets are relative to xl/ ("worksheets/sheet1.xml") or absolute ("/xl/worksheets/…") */
    w->targets[w->n_rels++] = target[0] == '/' ? arena_strdup(w->a, target + 1) : arena_printf(w->a, "xl/%s", target);
}

static void no_end(void *ud, const char *el) { (void)ud, (void)el; }

/* ---- sharedStrings.xml: each <si>'s <t> texts joined, those inside <rPh> left out */

struct strings {
    struct arena *a;
    char **v;
    size_t n, cap;
    struct buf text;
    int in_si, in_t, in_rph;
    bool too_many;
};

static void strings_start(void *ud, const char *el, const char **atts) {
    (void)atts;
    struct strings *s = ud;
    const char *n = local(el);
    if (strcmp(n, "si") == 0) {
        s->in_si = 1;
        buf_reset(&s->text);
    } else if (strcmp(n, "rPh") == 0) {
        s->in_rph++;
    } else if (strcmp(n, "t") == 0) {
        s->in_t = 1;
    }
}

static void strings_end(void *ud, const char *el) {
    struct strings *s = ud;
    const char *n = local(el);
    if (strcmp(n, "si") == 0 && s->in_si) {
        s->in_si = 0;
        if (s->n >= (size_t)XLSX_MAX_ROWS * 16) {
            s->too_many = true;
            return;
        }
        s->v = arena_grow(s->a, s->v, sizeof *s->v, &s->cap, s->n + 1);
        s->v[s->n++] = arena_strdup(s->a, buf_cstr(&s->text));
    } else if (strcmp(n, "rPh") == 0) {
        s->in_rph--;
    } else if (strcmp(n, "t") == 0) {
        s->in_t = 0;
    }
}

static void strings_chars(void *ud, const char *text, int len) {
    struct strings *s = ud;
    if (s->in_si && s->in_t && !s->in_rph)
        buf_append(&s->text, text, (size_t)len);
}

/* ---- a worksheet: <row r><c r t><v>…</v> or <is><t>…</t></is></c></row> */

struct cells {
    struct arena *a;
    const struct strings *strings;
    struct sheet *sheet;
    size_t row;                             /* 0-based */
    long col;                               /* 0-based, of the cell being read */
    char type[16];
    int in_v, in_is_t, in_rph;
    struct buf value;
    const char *problem;
};

/* "BC12" → column 54 (0-based); -1 when not a reference. */
static long column_of(const char *ref) {
    long c = 0;
    const char *p = ref;
    for (; *p >= 'A' && *p <= 'Z' && c <= XLSX_MAX_COLS; p++)
        c = c * 26 + (*p - 'A' + 1);
    return p == ref ? -1 : c - 1;
}

/* Makes the sheet hold row and col (0-based); false (with the problem) past XLSX_MAX_CELLS. */
static bool ensure_cell(struct cells *w, size_t row, size_t col) {
    struct sheet *s = w->sheet;
    size_t cols = col >= s->n_cols ? col + 1 : s->n_cols, rows = row >= s->n_rows ? row + 1 : s->n_rows;
    if (rows * cols > XLSX_MAX_CELLS) {
        w->problem = "a worksheet has more cells than can be imported";
        return false;
    }
    if (col >= s->n_cols) {                 /* widen: rebuild the rows with more columns */
        size_t n_cols = col + 1 > s->n_cols * 2 ? col + 1 : s->n_cols * 2;
        if (n_cols > XLSX_MAX_COLS)
            n_cols = XLSX_MAX_COLS;
        if (n_cols * rows > XLSX_MAX_CELLS)
            n_cols = cols;
        struct sheet wide;
        sheet_init(&wide, s->a, s->name, s->file, arena_alloc(s->a, n_cols * sizeof(struct sheet_col)), n_cols);
        for (size_t r = 0; r < s->n_rows; r++) {
            struct cell *to = sheet_add_row(&wide);
            memcpy(to, sheet_cell(s, r, 0), s->n_cols * sizeof *to);
        }
        *s = wide;
    }
    while (s->n_rows <= row)
        sheet_add_row(s);
    return true;
}

static void cells_start(void *ud, const char *el, const char **atts) {
    struct cells *w = ud;
    const char *n = local(el);
    if (w->problem)
        return;
    if (strcmp(n, "row") == 0) {
        const char *r = attr(atts, "r");
        long at = r ? atol(r) : 0;
        w->row = at > 0 ? (size_t)(at - 1) : w->sheet->n_rows;
        w->col = -1;
        if (w->row >= XLSX_MAX_ROWS)
            w->problem = "a worksheet has more rows than can be imported";
    } else if (strcmp(n, "c") == 0) {
        const char *r = attr(atts, "r"), *t = attr(atts, "t");
        long c = r ? column_of(r) : w->col + 1;
        w->col = c < 0 ? w->col + 1 : c;
        if (w->col >= XLSX_MAX_COLS)
            w->problem = "a worksheet has more columns than can be imported";
        snprintf(w->type, sizeof w->type, "%s", t ? t : "n");
        buf_reset(&w->value);
    } else if (strcmp(n, "v") == 0) {
        w->in_v = 1;
    } else if (strcmp(n, "rPh") == 0) {
        w->in_rph++;
    } else if (strcmp(n, "t") == 0) {
        w->in_is_t = 1;
    }
}

static void cells_end(void *ud, const char *el) {
    struct cells *w = ud;
    const char *n = local(el);
    if (strcmp(n, "v") == 0) {
        w->in_v = 0;
    } else if (strcmp(n, "t") == 0) {
        w->in_is_t = 0;
    } else if (strcmp(n, "rPh") == 0) {
        w->in_rph--;
    } else if (strcmp(n, "c") == 0 && !w->problem && w->col >= 0) {
        const char *v = buf_cstr(&w->value);
        struct cell c = {CELL_EMPTY, NULL, 0};
        if (strcmp(w->type, "s") == 0) {
            char *end;
            long i = strtol(v, &end, 10);
            if (*v && *end == '\0' && i >= 0 && (size_t)i < w->strings->n)
                cell_set_text(&c, w->strings->v[i]);
        } else if (strcmp(w->type, "inlineStr") == 0 || strcmp(w->type, "str") == 0) {
            cell_set_text(&c, arena_strdup(w->a, v));
        } else if (strcmp(w->type, "e") != 0 && *v) {
            char *end;
            double d = strtod(v, &end);
            if (*end == '\0')
                cell_set_number(&c, d);
            else
                cell_set_text(&c, arena_strdup(w->a, v));
        }
        if (c.kind != CELL_EMPTY && ensure_cell(w, w->row, (size_t)w->col))
            *sheet_cell(w->sheet, w->row, (size_t)w->col) = c;
    }
}

static void cells_chars(void *ud, const char *text, int len) {
    struct cells *w = ud;
    if ((w->in_v || w->in_is_t) && !w->in_rph)
        buf_append(&w->value, text, (size_t)len);
}

int xlsx_read(struct arena *a, const char *data, size_t len, struct sheet **ret, size_t *ret_n,
              const char **ret_problem) {
    *ret_problem = NULL;
    *ret = NULL;
    *ret_n = 0;
    if (!xlsx_looks_like(data, len)) {
        *ret_problem = "not an xlsx workbook (not a zip file)";
        return KW_EINVAL;
    }
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &zerr);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &zerr) : NULL;
    zip_error_fini(&zerr);
    if (!z) {
        if (src)
            zip_source_free(src);
        *ret_problem = "not an xlsx workbook (the zip file cannot be read)";
        return KW_EINVAL;
    }
    const char *problem = NULL;
    struct names w = {.a = a};
    struct strings strs = {.a = a};
    size_t n_text, budget = XLSX_MAX_INFLATED;
    char *text = read_part(z, a, "xl/workbook.xml", &n_text, &budget, &problem);
    if (!text || !parse_xml(text, n_text, &w, workbook_start, no_end, NULL) || w.n == 0)
        problem = problem ? problem : "not an xlsx workbook (no worksheets named in xl/workbook.xml)";
    if (!problem && (text = read_part(z, a, "xl/_rels/workbook.xml.rels", &n_text, &budget, &problem)) &&
        !parse_xml(text, n_text, &w, rels_start, no_end, NULL))
        problem = "not an xlsx workbook (its relationships cannot be read)";
    if (!problem && (text = read_part(z, a, "xl/sharedStrings.xml", &n_text, &budget, &problem)) &&
        (!parse_xml(text, n_text, &strs, strings_start, strings_end, strings_chars) || strs.too_many))
        problem = "the workbook's shared strings cannot be read";
    struct sheet *sheets = problem ? NULL : arena_alloc(a, w.n * sizeof *sheets);
    size_t n = 0;
    for (size_t i = 0; !problem && i < w.n; i++) {
        const char *part = NULL;
        for (size_t k = 0; k < w.n_rels && !part; k++)
            if (strcmp(w.ids[k], w.rids[i]) == 0)
                part = w.targets[k];
        if (!part || !(text = read_part(z, a, part, &n_text, &budget, &problem))) {
            if (!problem)
                problem = "a worksheet named in the workbook is missing";
            break;
        }
        struct sheet *s = &sheets[n++];
        sheet_init(s, a, w.names[i], w.names[i], arena_alloc(a, 8 * sizeof(struct sheet_col)), 8);
        struct cells c = {.a = a, .strings = &strs, .sheet = s};
        if (!parse_xml(text, n_text, &c, cells_start, cells_end, cells_chars) && !c.problem)
            c.problem = "a worksheet's XML cannot be read";
        buf_free(&c.value);
        problem = c.problem;
    }
    buf_free(&strs.text);
    zip_close(z);                               /* frees src as well */
    if (problem) {
        *ret_problem = problem;
        return KW_EINVAL;
    }
    *ret = sheets;
    *ret_n = n;
    return 0;
}
