-- Migration 1: organisations, departments, plans and their tree, KPIs and measurements,
-- reviews, the audit log and the search index.
CREATE TABLE org (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (length(code) = 6),
  name TEXT NOT NULL,
  prefecture TEXT,
  population INTEGER
);

CREATE TABLE department (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  parent_id INTEGER REFERENCES department(id) ON DELETE SET NULL,
  UNIQUE (org_id, code),
  UNIQUE (org_id, name)
);

CREATE TABLE plan (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('strategy', 'action_plan')),
  motto TEXT,
  summary TEXT,
  from_fy INTEGER,
  to_fy INTEGER,
  review_cadence TEXT CHECK (review_cadence IN ('quarterly', 'yearly')),
  version TEXT,
  published TEXT,
  vision_json TEXT,            -- [{title, text}] as canonical JSON
  principles_json TEXT,        -- [{title, text}]
  goals_json TEXT,             -- [{name, unit, direction, target, note}]
  revisions_json TEXT,         -- [{version, date, notes}]
  rating_scale_json TEXT       -- [{code, label, color, problem}]
);
CREATE INDEX plan_org ON plan(org_id, position);

CREATE TABLE pillar (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT,
  examples_json TEXT
);
CREATE INDEX pillar_plan ON pillar(plan_id, position);

CREATE TABLE theme (
  id INTEGER PRIMARY KEY,
  pillar_id INTEGER NOT NULL REFERENCES pillar(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT,
  title TEXT NOT NULL,
  means_json TEXT              -- [{name, note}]
);
CREATE INDEX theme_pillar ON theme(pillar_id, position);

CREATE TABLE measure (
  id INTEGER PRIMARY KEY,
  theme_id INTEGER NOT NULL REFERENCES theme(id) ON DELETE CASCADE,
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  title TEXT NOT NULL,
  scope TEXT CHECK (scope IN ('organization_wide', 'cross_department', 'department', 'people_culture')),
  current TEXT,
  ideal TEXT,
  status TEXT NOT NULL DEFAULT 'active'
    CHECK (status IN ('planned', 'active', 'done', 'merged', 'abolished')),
  new_since_fy INTEGER,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (plan_id, code)
);
CREATE INDEX measure_theme ON measure(theme_id, position);
CREATE INDEX measure_plan ON measure(plan_id);          -- a plan's measures in id order

CREATE TABLE measure_department (
  measure_id INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  department_id INTEGER NOT NULL REFERENCES department(id),
  position INTEGER NOT NULL,          -- 0 = lead
  PRIMARY KEY (measure_id, department_id)
);
CREATE INDEX measure_department_dept ON measure_department(department_id);
CREATE UNIQUE INDEX measure_department_order ON measure_department(measure_id, position);

CREATE TABLE measure_link (
  measure_id INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  target_id INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  PRIMARY KEY (measure_id, target_id)
);
CREATE UNIQUE INDEX measure_link_order ON measure_link(measure_id, position);

-- Short labels of a measure: the means it applies (手段) and free tags.
CREATE TABLE measure_label (
  measure_id INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('means', 'tag')),
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (measure_id, kind, position)
);

-- Schedule (planned) and progress (done) items per fiscal year and optional quarter.
CREATE TABLE measure_item (
  id INTEGER PRIMARY KEY,
  measure_id INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('schedule', 'progress')),
  fy INTEGER NOT NULL,
  quarter INTEGER NOT NULL DEFAULT 0 CHECK (quarter BETWEEN 0 AND 4),
  position INTEGER NOT NULL,
  text TEXT NOT NULL
);
CREATE UNIQUE INDEX measure_item_measure ON measure_item(measure_id, kind, fy, quarter, position);

CREATE TABLE measure_review (
  id INTEGER PRIMARY KEY,
  measure_id INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  fy INTEGER NOT NULL,
  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  rating TEXT,
  text TEXT,
  UNIQUE (measure_id, fy, quarter)
);

CREATE TABLE kpi (
  id INTEGER PRIMARY KEY,
  measure_id INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  unit TEXT,
  direction TEXT NOT NULL DEFAULT 'increase' CHECK (direction IN ('increase', 'decrease', 'keep')),
  perspective TEXT CHECK (perspective IN ('citizen', 'staff')),
  baseline_value REAL,
  baseline_fy INTEGER,
  target_state TEXT NOT NULL CHECK (target_state IN ('set', 'undecided', 'none')),
  target_value REAL,
  target_fy INTEGER,
  definition TEXT,
  source TEXT,
  CHECK ((target_state = 'set') = (target_value IS NOT NULL AND target_fy IS NOT NULL)),
  CHECK ((baseline_value IS NULL) = (baseline_fy IS NULL))
);
CREATE UNIQUE INDEX kpi_measure ON kpi(measure_id, position);

CREATE TABLE kpi_measurement (
  id INTEGER PRIMARY KEY,
  kpi_id INTEGER NOT NULL REFERENCES kpi(id) ON DELETE CASCADE,
  period TEXT NOT NULL,           -- YYYY-MM-DD the value refers to
  value REAL NOT NULL,
  note TEXT,
  source TEXT,
  recorded_by TEXT,
  recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX kpi_measurement_kpi ON kpi_measurement(kpi_id, period, id);

-- Append-only: who did what to which entity, with the values before and after.
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  actor TEXT NOT NULL,
  via TEXT NOT NULL,              -- cli, web, api
  entity TEXT NOT NULL,
  entity_id INTEGER,
  action TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT
);
CREATE INDEX audit_entity ON audit(entity, entity_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

-- Full-text search over measures: NFKC-normalised text, split by kawaru's bigram tokenizer.
CREATE VIRTUAL TABLE measure_fts USING fts5(title, body, tokenize = 'kawaru_bigram');
