-- A plan's lists (vision, action principles, goals, revision history, rating scale) as rows
-- instead of JSON columns: every plan page read them, and parsing the JSON cost half of the
-- page. Rows are also what the review cycle needs: rating levels are referenced by reviews,
-- and versions compare lists item by item.
CREATE TABLE plan_text (
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('vision', 'principle')),
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  text TEXT,
  PRIMARY KEY (plan_id, kind, position)
) WITHOUT ROWID;

CREATE TABLE plan_goal (
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  unit TEXT,
  direction TEXT CHECK (direction IN ('increase', 'decrease')),
  target_value REAL NOT NULL,
  target_fy INTEGER,
  note TEXT,
  PRIMARY KEY (plan_id, position)
) WITHOUT ROWID;

CREATE TABLE plan_revision (
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  version TEXT NOT NULL,
  date TEXT NOT NULL,
  PRIMARY KEY (plan_id, position)
) WITHOUT ROWID;

CREATE TABLE plan_revision_note (
  plan_id INTEGER NOT NULL,
  revision INTEGER NOT NULL,       -- the position of its revision
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (plan_id, revision, position),
  FOREIGN KEY (plan_id, revision) REFERENCES plan_revision(plan_id, position) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE rating_level (
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  label TEXT NOT NULL,
  color TEXT,
  problem INTEGER NOT NULL DEFAULT 0 CHECK (problem IN (0, 1)),
  PRIMARY KEY (plan_id, position),
  UNIQUE (plan_id, code)
) WITHOUT ROWID;

INSERT INTO plan_text (plan_id, kind, position, title, text)
  SELECT p.id, 'vision', j.key, j.value ->> '$.title', j.value ->> '$.text'
  FROM plan p, json_each(p.vision_json) j WHERE p.vision_json IS NOT NULL;
INSERT INTO plan_text (plan_id, kind, position, title, text)
  SELECT p.id, 'principle', j.key, j.value ->> '$.title', j.value ->> '$.text'
  FROM plan p, json_each(p.principles_json) j WHERE p.principles_json IS NOT NULL;
INSERT INTO plan_goal (plan_id, position, name, unit, direction, target_value, target_fy, note)
  SELECT p.id, j.key, j.value ->> '$.name', j.value ->> '$.unit', j.value ->> '$.direction',
         j.value ->> '$.target.value', j.value ->> '$.target.fy', j.value ->> '$.note'
  FROM plan p, json_each(p.goals_json) j WHERE p.goals_json IS NOT NULL;
INSERT INTO plan_revision (plan_id, position, version, date)
  SELECT p.id, j.key, j.value ->> '$.version', j.value ->> '$.date'
  FROM plan p, json_each(p.revisions_json) j WHERE p.revisions_json IS NOT NULL;
INSERT INTO plan_revision_note (plan_id, revision, position, text)
  SELECT p.id, j.key, n.key, n.value
  FROM plan p, json_each(p.revisions_json) j, json_each(j.value, '$.notes') n WHERE p.revisions_json IS NOT NULL;
INSERT INTO rating_level (plan_id, position, code, label, color, problem)
  SELECT p.id, j.key, j.value ->> '$.code', j.value ->> '$.label', j.value ->> '$.color',
         coalesce(j.value ->> '$.problem', 0)
  FROM plan p, json_each(p.rating_scale_json) j WHERE p.rating_scale_json IS NOT NULL;

ALTER TABLE plan DROP COLUMN vision_json;
ALTER TABLE plan DROP COLUMN principles_json;
ALTER TABLE plan DROP COLUMN goals_json;
ALTER TABLE plan DROP COLUMN revisions_json;
ALTER TABLE plan DROP COLUMN rating_scale_json;
