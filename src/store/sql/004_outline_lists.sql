-- A pillar's examples (施策例) and a theme's means (手段) as rows instead of JSON columns, for
-- the same reason as migration 003: parsing them cost a third of the plan page.
CREATE TABLE pillar_example (
  pillar_id INTEGER NOT NULL REFERENCES pillar(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (pillar_id, position)
) WITHOUT ROWID;

CREATE TABLE theme_means (
  theme_id INTEGER NOT NULL REFERENCES theme(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  note TEXT,
  PRIMARY KEY (theme_id, position)
) WITHOUT ROWID;

INSERT INTO pillar_example (pillar_id, position, text)
  SELECT p.id, j.key, j.value FROM pillar p, json_each(p.examples_json) j WHERE p.examples_json IS NOT NULL;
INSERT INTO theme_means (theme_id, position, name, note)
  SELECT t.id, j.key, j.value ->> '$.name', j.value ->> '$.note'
  FROM theme t, json_each(t.means_json) j WHERE t.means_json IS NOT NULL;

ALTER TABLE pillar DROP COLUMN examples_json;
ALTER TABLE theme DROP COLUMN means_json;
