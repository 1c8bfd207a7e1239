-- Migration 21: a plan's goal may be kept at its level (direction 'keep'), as a KPI may: the
-- plan document, the API and the edit form took it, but the table refused it (a conflict with
-- no message). The table is rebuilt as SQLite documents (create, copy, drop, rename);
-- SQLite-only, like every file in this folder.
CREATE TABLE plan_goal_new (
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  unit TEXT,
  direction TEXT CHECK (direction IN ('increase', 'decrease', 'keep')),
  target_value REAL NOT NULL,
  target_fy INTEGER,
  note TEXT,
  PRIMARY KEY (plan_id, position)
) WITHOUT ROWID;
INSERT INTO plan_goal_new (plan_id, position, name, unit, direction, target_value, target_fy, note)
  SELECT plan_id, position, name, unit, direction, target_value, target_fy, note FROM plan_goal;
DROP TABLE plan_goal;
ALTER TABLE plan_goal_new RENAME TO plan_goal;
