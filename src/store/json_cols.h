/* Columns that hold small JSON lists (a pillar's examples, a theme's means): conversion between
 * the model and canonical JSON text. */
#ifndef KAWARU_STORE_JSON_COLS_H
#define KAWARU_STORE_JSON_COLS_H
#include "core/model.h"
#include "util/arena.h"

/* Writers return malloc'd JSON text (caller frees), or NULL for an empty list. */
char *jcol_strlist(const struct strlist *l);
char *jcol_means(const struct means_entry *m, size_t n);

/* Readers fill the model from JSON text (NULL text = empty list); allocate in a. */
void jcol_read_strlist(struct arena *a, const char *json, struct strlist *ret);
void jcol_read_means(struct arena *a, const char *json, struct means_entry **ret, size_t *n);

#endif
