-- Migration 25 (issue 17): how many rows each open-data table has in a published version.
-- The open data catalogue (GET /api/v1/open-data, /open-data) names every organisation's files
-- with their rows; counting them meant reading and parsing every organisation's published
-- snapshots on each request (40 s at 1,741 organisations). The counts are now taken once, when a
-- version is stored (xfer/versions.c, from the version as the public reads it), and the
-- catalogue is one query. Versions stored before this migration have NULL counts until
-- `kawaru serve` counts them at start (version_index_missing, xfer/versions.c).
ALTER TABLE plan_version ADD COLUMN rows_measures INTEGER;
ALTER TABLE plan_version ADD COLUMN rows_kpis INTEGER;
ALTER TABLE plan_version ADD COLUMN rows_measurements INTEGER;
