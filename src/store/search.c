/* The kawaru_bigram FTS5 tokenizer of migrations 1 to 27 (see search.h).
 *
 * A document run of word characters c0..cn-1 yields the bigrams c0c1, c1c2, ... and finally
 * the unigram cn-1, so that a one-character query (as a prefix query "X"*) finds X anywhere in
 * a run, including at its end. In a query, a run of two or more characters yields only its
 * bigrams: consecutive positions then form a phrase that matches the run inside longer text. */
#include <stdlib.h>
#include <string.h>
#include "core/errors.h"
#include "store/search.h"
#include "util/utf8.h"

struct bigram_tokenizer { int unused; };

static int tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **ret) {
    static struct bigram_tokenizer instance;
    *ret = (Fts5Tokenizer *)&instance;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t) {}

/* Emits the tokens of one run [start, end) whose code point boundaries are in offs[0..n]. */
static int emit_run(void *ctx, int flags, const char *text, const int *offs, int n,
                    int (*token)(void *, int, const char *, int, int, int)) {
    bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
    for (int i = 0; i + 1 < n; i++) {
        int rc = token(ctx, 0, text + offs[i], offs[i + 2] - offs[i], offs[i], offs[i + 2]);
        if (rc != SQLITE_OK)
            return rc;
    }
    if (!query || n == 1)
        return token(ctx, 0, text + offs[n - 1], offs[n] - offs[n - 1], offs[n - 1], offs[n]);
    return SQLITE_OK;
}

enum { MAX_RUN = 256 };

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
                        int (*token)(void *, int, const char *, int, int, int)) {
    int offs[MAX_RUN + 1];
    int n = 0, i = 0;
    while (i < len) {
        int32_t cp;
        size_t l = utf8_valid_prefix((const unsigned char *)text + i, (size_t)(len - i));
        if (l == 0) {
            cp = -1;
            l = 1;
        } else {
            utf8_decode(text + i, &cp);
        }
        bool word = cp >= 0 && utf8_is_word_cp(cp);
        if (word) {
            if (n == MAX_RUN) {                 /* very long run: flush, keeping the last */
                int rc = emit_run(ctx, flags, text, offs, n, token);   /* character so that */
                if (rc != SQLITE_OK) return rc;                        /* the bigram across */
                offs[0] = offs[n - 1];                                 /* the cut is indexed */
                n = 1;
            }
            offs[n++] = i;
            offs[n] = i + (int)l;
        } else if (n > 0) {
            int rc = emit_run(ctx, flags, text, offs, n, token);
            if (rc != SQLITE_OK) return rc;
            n = 0;
        }
        i += (int)l;
    }
    return n > 0 ? emit_run(ctx, flags, text, offs, n, token) : SQLITE_OK;
}

static fts5_api *get_fts5_api(sqlite3 *h) {
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return api;
}

int search_register(sqlite3 *h) {
    static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
    fts5_api *api = get_fts5_api(h);
    if (!api || api->xCreateTokenizer(api, "kawaru_bigram", NULL, &tok, NULL) != SQLITE_OK)
        return KW_EDB;
    return 0;
}
