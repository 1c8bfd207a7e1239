/* The kawaru_bigram FTS5 tokenizer, which migration 1 names for the full-text index of measures
 * (overlapping character bigrams of NFKC-normalised, case-folded text). Migration 28 replaced
 * that index with plain rows searched one plan at a time (src/core/search.h); the tokenizer is
 * still registered on every connection so that a database made before migration 28 can be
 * opened and migrated (SQLite needs it to create, read and drop the index). SQLite-only, here
 * alone. */
#ifndef KAWARU_STORE_SEARCH_H
#define KAWARU_STORE_SEARCH_H
#include <sqlite3.h>

/* Registers the "kawaru_bigram" tokenizer on a connection; 0 or KW_EDB. */
int search_register(sqlite3 *h);

#endif
