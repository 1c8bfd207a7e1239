/* Columns that hold small JSON lists (vision, principles, goals, revisions, rating scale,
 * examples, means, tags): conversion between the model and canonical JSON text. */
#ifndef KAWARU_STORE_JSON_COLS_H
#define KAWARU_STORE_JSON_COLS_H
#include "core/model.h"
#include "util/arena.h"

/* Writers return malloc'd JSON text (caller frees), or NULL for an empty list. */
char *jcol_strlist(const struct strlist *l);
char *jcol_titled(const struct titled_text *t, size_t n);
char *jcol_goals(const struct goal *g, size_t n);
char *jcol_revisions(const struct revision *r, size_t n);
char *jcol_rating_scale(const struct rating_level *r, size_t n);
char *jcol_means(const struct means_entry *m, size_t n);

/* Readers fill the model from JSON text (NULL text = empty list); allocate in a. */
void jcol_read_strlist(struct arena *a, const char *json, struct strlist *ret);
void jcol_read_titled(struct arena *a, const char *json, struct titled_text **ret, size_t *n);
void jcol_read_goals(struct arena *a, const char *json, struct goal **ret, size_t *n);
void jcol_read_revisions(struct arena *a, const char *json, struct revision **ret, size_t *n);
void jcol_read_rating_scale(struct arena *a, const char *json, struct rating_level **ret, size_t *n);
void jcol_read_means(struct arena *a, const char *json, struct means_entry **ret, size_t *n);

#endif
