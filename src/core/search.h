/* Searching a plan's words as people type them: the query and the texts are NFKC-normalised and
 * case-folded (utf8_normalize), the query is cut into its runs of word characters
 * (utf8_is_word_cp), and a text matches when every run occurs in it, anywhere in a word: 窓口
 * finds 書かない窓口, 課 finds 市民課, ＡＩ finds AI, two words both. A text of several fields
 * (a measure's title, its other words, its theme's and its pillar's titles) matches when each run
 * is in one of them, and says which fields held one. The store keeps each measure's normalised
 * words (migration 28) and a search reads one plan's, never the whole database's. */
#ifndef KAWARU_CORE_SEARCH_H
#define KAWARU_CORE_SEARCH_H
#include <stdbool.h>
#include <stddef.h>

struct search_query {
    char *norm;                         /* the normalised query, its runs ended by NULs */
    const char **terms;                 /* the runs, in norm */
    size_t n;
};

/* Prepares the query text; false when it has no word characters or is not UTF-8 (nothing can
 * match). Free it with search_query_free either way. */
bool search_query_init(struct search_query *q, const char *text);
void search_query_free(struct search_query *q);
/* Whether every term of q occurs in one of the n normalised fields (NULL: empty); the fields that
 * held a term in *ret_fields (bit i for fields[i]) when ret_fields is not NULL. */
bool search_match(const struct search_query *q, const char *const *fields, size_t n, unsigned *ret_fields);

/* A measure's fields, in the order both searches (the draft's and the published version's) pass
 * them to search_match, so that its bits say where a result matched: the measure's title, its
 * other words (code, 現状, 理想, means and tags, departments, KPI names, and in the draft its
 * schedule), its theme's title and its pillar's title. */
enum search_field { SEARCH_TITLE, SEARCH_TEXT, SEARCH_THEME, SEARCH_PILLAR, SEARCH_NFIELDS };
/* "title", "text", "theme", "pillar": the API's names of the fields. */
const char *search_field_name(enum search_field f);

#endif
