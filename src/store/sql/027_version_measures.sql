-- Migration 27 (issue 17): the measures of a published version, each on its own row.
-- Comparing a shared category across organisations (xfer/category_compare.c) read, on every
-- request, the whole published snapshot of every plan with a measure in the category: 10 to 18 s
-- and 2 GB of memory at 1,741 organisations. A version's measures are now also kept one per row
-- when it is stored (xfer/versions.c): the measure object as the snapshot has it (the plan
-- document's format) and the label of its latest rating on the version's scale. Counting and
-- paging the comparison are then queries, and an entry reads its measure alone.
-- Versions stored before have no rows: their counts (migration 25) are cleared so that
-- `kawaru serve` indexes the latest version of each plan at start, counts and measures at once.
CREATE TABLE version_measure (
  version_id INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  position INTEGER NOT NULL,
  measure TEXT NOT NULL,
  rating_label TEXT,
  PRIMARY KEY (version_id, key)
);
UPDATE plan_version SET rows_measures = NULL, rows_kpis = NULL, rows_measurements = NULL;
