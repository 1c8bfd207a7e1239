/* Japanese full-text search: an FTS5 tokenizer that indexes overlapping character bigrams of
 * NFKC-normalised, case-folded text, so that words of any length are found (窓口, 課, AI) and
 * full- and half-width forms match (ＡＩ = AI).
 *
 * Indexed text and queries are normalised with utf8_normalize() before they reach FTS5. */
#ifndef KAWARU_STORE_SEARCH_H
#define KAWARU_STORE_SEARCH_H
#include <sqlite3.h>
#include "util/buf.h"

/* Registers the "kawaru_bigram" tokenizer on a connection; 0 or KW_EDB. */
int search_register(sqlite3 *h);
/* Builds the FTS5 MATCH expression for a user's query into out: every run of word characters
 * must occur (AND); a one-character run matches as a prefix. Returns the number of terms
 * (0 when the query has no word characters, or is not valid UTF-8). */
int search_build_match(const char *query, struct buf *out);

#endif
