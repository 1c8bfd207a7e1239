-- Migration 29 (issue 17): a version's snapshot in a table of its own.
-- A plan document of a national data set's city is about 180 KB; SQLite keeps it in a chain of
-- overflow pages, and the columns added to plan_version after it (title, kind, period, when it
-- was published: migrations 14 and 25) sit after that chain in the row: every list of plans,
-- every comparison and the open data catalogue walked each version's 180 KB to read its title
-- (10 ms for the 50 cards of a prefecture's page, most of a category comparison's 70 ms, at
-- 1,741 organisations). The snapshot now has its own table, read only when a version is.
CREATE TABLE plan_version_snapshot (
  version_id INTEGER PRIMARY KEY REFERENCES plan_version(id) ON DELETE CASCADE,
  snapshot TEXT NOT NULL
);
INSERT INTO plan_version_snapshot (version_id, snapshot) SELECT id, snapshot FROM plan_version;
ALTER TABLE plan_version DROP COLUMN snapshot;
