-- Migration 28 (issue 17): a search reads one plan's words, not the whole database's.
-- Migration 1 kept every measure's words in one FTS5 index (kawaru's bigram tokenizer), and a
-- search inside a plan matched the words against every organisation's measures before keeping
-- the plan's: 0.7 ms at 100 organisations, 7 ms at 1,741, growing with the country rather than
-- with the plan. A search is always inside one plan, and a plan's words are a few hundred KB at
-- most: they are now kept as plain rows by plan — the same NFKC-normalised, case-folded title and
-- body — and matched by kawaru itself (src/core/search.c: every word of the query anywhere in the
-- text, as the bigram index matched them), after the plan's rows are read by the index below.
-- Plain rows and one index: what PostgreSQL runs as well, with no tokenizer to port.
CREATE TABLE measure_search (
  measure_id INTEGER PRIMARY KEY REFERENCES measure(id) ON DELETE CASCADE,
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX measure_search_by_plan ON measure_search (plan_id);
INSERT INTO measure_search (measure_id, plan_id, title, body)
  SELECT f.rowid, m.plan_id, f.title, f.body FROM measure_fts f JOIN measure m ON m.id = f.rowid;
DROP TABLE measure_fts;
