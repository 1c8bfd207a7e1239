-- Migration 22: the workload inventory (業務棚卸し, SPEC §2 and §3.7, issue 14). Per department
-- and survey FY, businesses (業務) with a yearly volume and their numbered steps (手順): minutes
-- per case, who performs it, the channel and the flags of core/workload.h; the organisation's
-- catalogue of means (手段) with the channels and flags each applies to (bit sets of
-- core/workload.h) and a default expected reduction; the STEP3 matrix of means applied to steps,
-- each linked to the measure that delivers it; and freed hours reallocated to new services. A
-- plan goal may be the workload reduction (its kind), measured against the survey of its
-- baseline FY. Plain SQL that PostgreSQL runs too: flags are integers 0/1.
CREATE TABLE business (
  id INTEGER PRIMARY KEY,
  department_id INTEGER NOT NULL REFERENCES department(id),
  survey_fy INTEGER NOT NULL CHECK (survey_fy BETWEEN 1900 AND 2200),
  position INTEGER NOT NULL,
  code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
  volume REAL NOT NULL CHECK (volume >= 0),           -- cases a year
  note TEXT,
  UNIQUE (department_id, survey_fy, code)
);
CREATE INDEX business_by_fy ON business (survey_fy, department_id, position);

CREATE TABLE business_step (
  id INTEGER PRIMARY KEY,
  business_id INTEGER NOT NULL REFERENCES business(id),
  number INTEGER NOT NULL CHECK (number >= 1),        -- its number in the business: 1, 2, 3 …
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
  minutes REAL NOT NULL CHECK (minutes >= 0),         -- per case
  staff TEXT NOT NULL CHECK (staff IN ('regular', 'fiscal_year', 'outsourced')),
  channel TEXT NOT NULL CHECK (channel IN ('counter', 'phone', 'mail', 'online', 'internal')),
  paper INTEGER NOT NULL DEFAULT 0 CHECK (paper IN (0, 1)),
  seal INTEGER NOT NULL DEFAULT 0 CHECK (seal IN (0, 1)),
  in_person INTEGER NOT NULL DEFAULT 0 CHECK (in_person IN (0, 1)),
  transcription INTEGER NOT NULL DEFAULT 0 CHECK (transcription IN (0, 1)),
  approval INTEGER NOT NULL DEFAULT 0 CHECK (approval IN (0, 1)),
  UNIQUE (business_id, number)
);

CREATE TABLE means (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
  note TEXT,
  reduction REAL NOT NULL CHECK (reduction >= 0 AND reduction <= 100),   -- default expected, %
  channels INTEGER NOT NULL DEFAULT 0,                -- bit set of the channels it applies to
  flags INTEGER NOT NULL DEFAULT 0,                   -- bit set of the step flags it applies to
  UNIQUE (org_id, name)
);

CREATE TABLE means_application (
  id INTEGER PRIMARY KEY,
  step_id INTEGER NOT NULL REFERENCES business_step(id),
  means_id INTEGER NOT NULL REFERENCES means(id),
  measure_id INTEGER REFERENCES measure(id),
  reduction REAL NOT NULL CHECK (reduction >= 0 AND reduction <= 100),   -- expected, %
  planned_fy INTEGER CHECK (planned_fy IS NULL OR planned_fy BETWEEN 1900 AND 2200),
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done')),
  UNIQUE (step_id, means_id)
);
CREATE INDEX means_application_by_means ON means_application (means_id);
CREATE INDEX means_application_by_measure ON means_application (measure_id);

CREATE TABLE reallocation (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  fy INTEGER NOT NULL CHECK (fy BETWEEN 1900 AND 2200),
  hours REAL NOT NULL CHECK (hours >= 0),
  service TEXT NOT NULL CHECK (length(service) BETWEEN 1 AND 500),   -- the new service
  note TEXT,
  measure_id INTEGER REFERENCES measure(id)
);

ALTER TABLE plan_goal ADD COLUMN kind TEXT CHECK (kind IS NULL OR kind = 'workload_reduction');
ALTER TABLE plan_goal ADD COLUMN baseline_fy INTEGER CHECK (baseline_fy IS NULL OR baseline_fy BETWEEN 1900 AND 2200);
