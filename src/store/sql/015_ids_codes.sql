-- Migration 15 (issue 12): ids are never reused, and measures are numbered within their theme.
--
-- 1. Every table whose ids reach the audit log, URLs or other systems (API tokens push values
--    into a KPI by its id) is rebuilt with AUTOINCREMENT: SQLite otherwise hands the highest
--    deleted id to the next row, and an id in the audit log would then name two rows. Each
--    table's counter starts above the highest id it has held: its rows' and those the audit log
--    names for it (rows deleted before this migration).
-- 2. A measure's code is unique within its theme, not its plan: governments number measures per
--    pillar or theme (1, 2, 3 again in the next one). Its address in the plan (key: the code where
--    no other measure of the plan has it, else the path of pillar, theme and measure codes) is
--    kept with it by the store, unique in the plan, for URLs, links and opinions.
-- 3. A theme may have neither code nor title: the theme a plan without a theme level keeps its
--    pillar's measures in (the document writes them under the pillar).
-- 4. A plan and a KPI may carry a code of their own, by which a replacing document finds them
--    again after a rename; a KPI's name may be absent (a seed that states "数値目標 未決定"
--    without naming the indicator).
-- 5. Each KPI also keeps the period of its first measurement (m_first_period): a KPI without a
--    baseline is judged against the time since it was first measured.
--
-- The tables are rebuilt the way SQLite documents (create, copy, drop, rename) with foreign keys
-- off (db.c runs every migration so and checks the keys before it commits). SQLite-only, like
-- every file in this folder: a PostgreSQL schema declares identity columns instead.

DROP VIEW kpi_measurement_stats;
DROP TRIGGER kpi_measurement_stats_insert;
DROP TRIGGER kpi_measurement_stats_delete;
DROP TRIGGER kpi_measurement_stats_update;

CREATE TABLE org_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code TEXT NOT NULL UNIQUE CHECK (length(code) = 6),
  name TEXT NOT NULL,
  prefecture TEXT,
  population INTEGER
);
INSERT INTO org_new (id, code, name, prefecture, population) SELECT id, code, name, prefecture, population FROM org;
DROP TABLE org;
ALTER TABLE org_new RENAME TO org;

CREATE TABLE department_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  parent_id INTEGER REFERENCES department(id) ON DELETE SET NULL,
  email TEXT,
  UNIQUE (org_id, code),
  UNIQUE (org_id, name)
);
INSERT INTO department_new (id, org_id, position, code, name, parent_id, email)
  SELECT id, org_id, position, code, name, parent_id, email FROM department;
DROP TABLE department;
ALTER TABLE department_new RENAME TO department;

CREATE TABLE plan_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT,
  title TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('strategy', 'action_plan')),
  motto TEXT,
  summary TEXT,
  from_fy INTEGER,
  to_fy INTEGER,
  review_cadence TEXT CHECK (review_cadence IN ('quarterly', 'yearly')),
  version TEXT,
  published TEXT,
  UNIQUE (org_id, code)
);
INSERT INTO plan_new (id, org_id, position, title, kind, motto, summary, from_fy, to_fy, review_cadence, version, published)
  SELECT id, org_id, position, title, kind, motto, summary, from_fy, to_fy, review_cadence, version, published FROM plan;
DROP TABLE plan;
ALTER TABLE plan_new RENAME TO plan;
CREATE INDEX plan_org ON plan(org_id, position);

CREATE TABLE pillar_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT
);
INSERT INTO pillar_new (id, plan_id, position, code, title, summary) SELECT id, plan_id, position, code, title, summary FROM pillar;
DROP TABLE pillar;
ALTER TABLE pillar_new RENAME TO pillar;
CREATE INDEX pillar_plan ON pillar(plan_id, position);

CREATE TABLE theme_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  pillar_id INTEGER NOT NULL REFERENCES pillar(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT,
  title TEXT                                   -- NULL with code NULL: the pillar's own measures
);
INSERT INTO theme_new (id, pillar_id, position, code, title) SELECT id, pillar_id, position, code, title FROM theme;
DROP TABLE theme;
ALTER TABLE theme_new RENAME TO theme;
CREATE INDEX theme_pillar ON theme(pillar_id, position);

CREATE TABLE measure_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  theme_id INTEGER NOT NULL REFERENCES theme(id) ON DELETE CASCADE,
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  key TEXT NOT NULL,                           -- the measure's address in its plan (core/model.h)
  title TEXT NOT NULL,
  scope TEXT CHECK (scope IN ('organization_wide', 'cross_department', 'department', 'people_culture')),
  current TEXT,
  ideal TEXT,
  status TEXT NOT NULL DEFAULT 'active'
    CHECK (status IN ('planned', 'active', 'done', 'merged', 'abolished')),
  new_since_fy INTEGER,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (theme_id, code),
  UNIQUE (plan_id, key)
);
-- codes were unique in each plan until now: every measure's address is its code
INSERT INTO measure_new (id, theme_id, plan_id, position, code, key, title, scope, current, ideal, status, new_since_fy,
                         updated_at)
  SELECT id, theme_id, plan_id, position, code, code, title, scope, current, ideal, status, new_since_fy, updated_at
  FROM measure;
DROP TABLE measure;
ALTER TABLE measure_new RENAME TO measure;
CREATE INDEX measure_theme ON measure(theme_id, position);
CREATE INDEX measure_plan ON measure(plan_id);          -- a plan's measures in id order
CREATE INDEX measure_plan_code ON measure(plan_id, code);

CREATE TABLE measure_item_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  measure_id INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('schedule', 'progress')),
  fy INTEGER NOT NULL,
  quarter INTEGER NOT NULL DEFAULT 0 CHECK (quarter BETWEEN 0 AND 4),
  position INTEGER NOT NULL,
  text TEXT NOT NULL
);
INSERT INTO measure_item_new (id, measure_id, kind, fy, quarter, position, text)
  SELECT id, measure_id, kind, fy, quarter, position, text FROM measure_item;
DROP TABLE measure_item;
ALTER TABLE measure_item_new RENAME TO measure_item;
CREATE UNIQUE INDEX measure_item_measure ON measure_item(measure_id, kind, fy, quarter, position);

CREATE TABLE measure_review_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  measure_id INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  fy INTEGER NOT NULL,
  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  rating TEXT,
  text TEXT,
  issues TEXT,                                 -- 課題
  next_steps TEXT,                             -- 次の取組
  state TEXT NOT NULL DEFAULT 'confirmed' CHECK (state IN ('draft', 'submitted', 'sent_back', 'confirmed')),
  office_comment TEXT,                         -- why it was sent back
  decision TEXT CHECK (decision IN ('continue', 'revise', 'expand', 'reduce', 'merge', 'abolish', 'complete')),
  decision_note TEXT,
  submitted_by TEXT,
  submitted_at TEXT,
  confirmed_by TEXT,
  confirmed_at TEXT,
  decided_by TEXT,
  decided_at TEXT,
  updated_at TEXT,
  UNIQUE (measure_id, fy, quarter)
);
INSERT INTO measure_review_new (id, measure_id, fy, quarter, rating, text, issues, next_steps, state, office_comment,
                                decision, decision_note, submitted_by, submitted_at, confirmed_by, confirmed_at,
                                decided_by, decided_at, updated_at)
  SELECT id, measure_id, fy, quarter, rating, text, issues, next_steps, state, office_comment, decision, decision_note,
         submitted_by, submitted_at, confirmed_by, confirmed_at, decided_by, decided_at, updated_at FROM measure_review;
DROP TABLE measure_review;
ALTER TABLE measure_review_new RENAME TO measure_review;

CREATE TABLE kpi_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  measure_id INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT,
  name TEXT,                                   -- NULL: the indicator is not named yet
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
  m_count INTEGER NOT NULL DEFAULT 0,
  m_sum_x REAL NOT NULL DEFAULT 0,
  m_sum_y REAL NOT NULL DEFAULT 0,
  m_sum_xx REAL NOT NULL DEFAULT 0,
  m_sum_xy REAL NOT NULL DEFAULT 0,
  m_latest_value REAL,
  m_latest_period TEXT,
  m_first_period TEXT,
  UNIQUE (measure_id, code),
  CHECK ((target_state = 'set') = (target_value IS NOT NULL AND target_fy IS NOT NULL)),
  CHECK ((baseline_value IS NULL) = (baseline_fy IS NULL))
);
INSERT INTO kpi_new (id, measure_id, position, name, unit, direction, perspective, baseline_value, baseline_fy,
                     target_state, target_value, target_fy, definition, source, m_count, m_sum_x, m_sum_y, m_sum_xx,
                     m_sum_xy, m_latest_value, m_latest_period)
  SELECT id, measure_id, position, name, unit, direction, perspective, baseline_value, baseline_fy, target_state,
         target_value, target_fy, definition, source, m_count, m_sum_x, m_sum_y, m_sum_xx, m_sum_xy, m_latest_value,
         m_latest_period FROM kpi;
DROP TABLE kpi;
ALTER TABLE kpi_new RENAME TO kpi;
CREATE UNIQUE INDEX kpi_measure ON kpi(measure_id, position);

CREATE TABLE kpi_measurement_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kpi_id INTEGER NOT NULL REFERENCES kpi(id) ON DELETE CASCADE,
  period TEXT NOT NULL,           -- YYYY-MM-DD the value refers to
  value REAL NOT NULL,
  note TEXT,
  source TEXT,
  recorded_by TEXT,
  recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
INSERT INTO kpi_measurement_new (id, kpi_id, period, value, note, source, recorded_by, recorded_at)
  SELECT id, kpi_id, period, value, note, source, recorded_by, recorded_at FROM kpi_measurement;
DROP TABLE kpi_measurement;
ALTER TABLE kpi_measurement_new RENAME TO kpi_measurement;
CREATE INDEX kpi_measurement_kpi ON kpi_measurement(kpi_id, period, id);

CREATE TABLE review_period_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  fy INTEGER NOT NULL,
  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  deadline TEXT NOT NULL,                      -- YYYY-MM-DD
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  opened_by TEXT,
  opened_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  closed_by TEXT,
  closed_at TEXT,
  UNIQUE (plan_id, fy, quarter)
);
INSERT INTO review_period_new (id, plan_id, fy, quarter, deadline, status, opened_by, opened_at, closed_by, closed_at)
  SELECT id, plan_id, fy, quarter, deadline, status, opened_by, opened_at, closed_by, closed_at FROM review_period;
DROP TABLE review_period;
ALTER TABLE review_period_new RENAME TO review_period;

CREATE TABLE api_token_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  prefix TEXT NOT NULL,
  hash BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
  scope TEXT NOT NULL DEFAULT 'kpi_ingest' CHECK (scope IN ('kpi_ingest')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  created_by TEXT NOT NULL,
  revoked_at TEXT,
  last_used_at TEXT
);
INSERT INTO api_token_new (id, org_id, name, prefix, hash, scope, created_at, created_by, revoked_at, last_used_at)
  SELECT id, org_id, name, prefix, hash, scope, created_at, created_by, revoked_at, last_used_at FROM api_token;
DROP TABLE api_token;
ALTER TABLE api_token_new RENAME TO api_token;
CREATE INDEX api_token_org ON api_token(org_id, id);
CREATE INDEX api_token_prefix ON api_token(prefix);
-- measurements record "token:<name>": two live tokens of one organisation never share a name
CREATE UNIQUE INDEX api_token_live_name ON api_token(org_id, name) WHERE revoked_at IS NULL;

CREATE TABLE notification_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  department_id INTEGER NOT NULL REFERENCES department(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('period_opened', 'reminder_before', 'reminder_after', 'sent_back')),
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT,                                   -- a path of this site, e.g. /periods/3/work?dept=2
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  read_at TEXT                                 -- NULL: unread
);
INSERT INTO notification_new (id, org_id, department_id, kind, subject, body, link, created_at, read_at)
  SELECT id, org_id, department_id, kind, subject, body, link, created_at, read_at FROM notification;
DROP TABLE notification;
ALTER TABLE notification_new RENAME TO notification;
CREATE INDEX notification_inbox ON notification(department_id, id);
CREATE INDEX notification_unread ON notification(department_id) WHERE read_at IS NULL;

CREATE TABLE reminder_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  period_id INTEGER NOT NULL REFERENCES review_period(id) ON DELETE CASCADE,
  department_id INTEGER NOT NULL REFERENCES department(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('before', 'after')),
  sent_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),   -- the inbox notification
  notification_id INTEGER REFERENCES notification(id) ON DELETE SET NULL,
  -- the e-mail: 'none' (the department had no address), 'pending' (sent by the next sweep that
  -- has an SMTP server), 'sending' (claimed by a sweep at mail_claimed_at), 'sent' or 'failed'
  -- (tried again by the next sweep)
  mail_to TEXT,
  mail_status TEXT NOT NULL DEFAULT 'none' CHECK (mail_status IN ('none', 'pending', 'sending', 'sent', 'failed')),
  mail_attempts INTEGER NOT NULL DEFAULT 0,
  mail_claimed_at TEXT,
  mail_error TEXT,
  mailed_at TEXT,
  UNIQUE (period_id, department_id, kind)
);
INSERT INTO reminder_new (id, period_id, department_id, kind, sent_at, notification_id, mail_to, mail_status,
                          mail_attempts, mail_claimed_at, mail_error, mailed_at)
  SELECT id, period_id, department_id, kind, sent_at, notification_id, mail_to, mail_status, mail_attempts,
         mail_claimed_at, mail_error, mailed_at FROM reminder;
DROP TABLE reminder;
ALTER TABLE reminder_new RENAME TO reminder;
CREATE INDEX reminder_unmailed ON reminder(mail_status) WHERE mail_status IN ('pending', 'sending', 'failed');

CREATE TABLE users_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  login TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 3 AND 64),
  display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  role TEXT NOT NULL CHECK (role IN ('admin', 'office', 'reporter', 'viewer')),
  password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
INSERT INTO users_new (id, org_id, login, display_name, role, password_hash, disabled, created_at, updated_at)
  SELECT id, org_id, login, display_name, role, password_hash, disabled, created_at, updated_at FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE INDEX users_org ON users(org_id, login);

CREATE TABLE body_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('headquarters', 'audit_board', 'committee', 'working_group', 'leaders')),
  description TEXT,
  UNIQUE (org_id, code),
  UNIQUE (org_id, position)
);
INSERT INTO body_new (id, org_id, position, code, name, kind, description)
  SELECT id, org_id, position, code, name, kind, description FROM body;
DROP TABLE body;
ALTER TABLE body_new RENAME TO body;

CREATE TABLE body_topic_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  body_id INTEGER NOT NULL REFERENCES body(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (body_id, position)
);
INSERT INTO body_topic_new (id, body_id, position, text) SELECT id, body_id, position, text FROM body_topic;
DROP TABLE body_topic;
ALTER TABLE body_topic_new RENAME TO body_topic;

CREATE TABLE body_member_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  body_id INTEGER NOT NULL REFERENCES body(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,                          -- CDO, 副CDO, 委員長, 委員, リーダー ...
  post TEXT,                                   -- 市長, 副市長, 教育長 ...
  department_id INTEGER REFERENCES department(id) ON DELETE SET NULL,
  UNIQUE (body_id, position)
);
INSERT INTO body_member_new (id, body_id, position, name, role, post, department_id)
  SELECT id, body_id, position, name, role, post, department_id FROM body_member;
DROP TABLE body_member;
ALTER TABLE body_member_new RENAME TO body_member;
CREATE INDEX body_member_department ON body_member(department_id);

CREATE TABLE meeting_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  body_id INTEGER NOT NULL REFERENCES body(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  title TEXT NOT NULL,
  agenda TEXT,
  minutes TEXT,
  UNIQUE (body_id, position)
);
INSERT INTO meeting_new (id, body_id, position, date, title, agenda, minutes)
  SELECT id, body_id, position, date, title, agenda, minutes FROM meeting;
DROP TABLE meeting;
ALTER TABLE meeting_new RENAME TO meeting;
CREATE INDEX meeting_date ON meeting(date);

CREATE TABLE feedback_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  measure_code TEXT NOT NULL CHECK (length(measure_code) BETWEEN 1 AND 200),
  measure_id INTEGER REFERENCES measure(id) ON DELETE SET NULL,
  measure_title TEXT NOT NULL,                 -- as published when the opinion was sent
  body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  name TEXT CHECK (name IS NULL OR length(name) BETWEEN 1 AND 100),
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'published', 'rejected')),
  answer TEXT CHECK (answer IS NULL OR length(answer) BETWEEN 1 AND 2000),
  answered_by TEXT,
  answered_at TEXT,
  moderated_by TEXT,
  moderated_at TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  created_unix INTEGER NOT NULL,
  addr_hash BLOB NOT NULL CHECK (length(addr_hash) = 32)
);
INSERT INTO feedback_new (id, org_id, plan_id, measure_code, measure_id, measure_title, body, name, state, answer,
                          answered_by, answered_at, moderated_by, moderated_at, created_at, created_unix, addr_hash)
  SELECT id, org_id, plan_id, measure_code, measure_id, measure_title, body, name, state, answer, answered_by,
         answered_at, moderated_by, moderated_at, created_at, created_unix, addr_hash FROM feedback;
DROP TABLE feedback;
ALTER TABLE feedback_new RENAME TO feedback;
CREATE INDEX feedback_queue ON feedback(org_id, state, id);
CREATE INDEX feedback_measure ON feedback(plan_id, measure_code, state, id);
CREATE INDEX feedback_addr ON feedback(addr_hash, created_unix);

-- The ids of rows deleted before this migration are known only from the audit log.
INSERT INTO sqlite_sequence (name, seq)
  SELECT t.name, 0 FROM (SELECT 'org' AS name UNION ALL SELECT 'department' UNION ALL SELECT 'plan'
       UNION ALL SELECT 'pillar' UNION ALL SELECT 'theme' UNION ALL SELECT 'measure' UNION ALL SELECT 'measure_item'
       UNION ALL SELECT 'measure_review' UNION ALL SELECT 'kpi' UNION ALL SELECT 'kpi_measurement'
       UNION ALL SELECT 'review_period' UNION ALL SELECT 'api_token' UNION ALL SELECT 'notification'
       UNION ALL SELECT 'reminder' UNION ALL SELECT 'users' UNION ALL SELECT 'body' UNION ALL SELECT 'body_topic'
       UNION ALL SELECT 'body_member' UNION ALL SELECT 'meeting' UNION ALL SELECT 'feedback') t
  WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence s WHERE s.name = t.name);
UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT max(a.entity_id) FROM audit a
    WHERE a.entity = (CASE sqlite_sequence.name WHEN 'users' THEN 'user' ELSE sqlite_sequence.name END)), 0));

-- The aggregates of migration 2, with the first measurement's period.
CREATE VIEW kpi_measurement_stats AS
  SELECT k.id AS kpi_id,
         (SELECT count(*) FROM kpi_measurement x WHERE x.kpi_id = k.id) AS n,
         (SELECT total(p.x) FROM (SELECT julianday(x.period) - 2440587.5 AS x FROM kpi_measurement x
                                  WHERE x.kpi_id = k.id ORDER BY x.period, x.id) p) AS sx,
         (SELECT total(x.value) FROM (SELECT value FROM kpi_measurement x
                                      WHERE x.kpi_id = k.id ORDER BY x.period, x.id) x) AS sy,
         (SELECT total(p.x * p.x) FROM (SELECT julianday(x.period) - 2440587.5 AS x FROM kpi_measurement x
                                        WHERE x.kpi_id = k.id ORDER BY x.period, x.id) p) AS sxx,
         (SELECT total(p.x * p.y) FROM (SELECT julianday(x.period) - 2440587.5 AS x, x.value AS y
                                        FROM kpi_measurement x WHERE x.kpi_id = k.id ORDER BY x.period, x.id) p) AS sxy,
         (SELECT x.value FROM kpi_measurement x WHERE x.kpi_id = k.id ORDER BY x.period DESC, x.id DESC LIMIT 1) AS latest_value,
         (SELECT x.period FROM kpi_measurement x WHERE x.kpi_id = k.id ORDER BY x.period DESC, x.id DESC LIMIT 1) AS latest_period,
         (SELECT min(x.period) FROM kpi_measurement x WHERE x.kpi_id = k.id) AS first_period
  FROM kpi k;

CREATE TRIGGER kpi_measurement_stats_insert AFTER INSERT ON kpi_measurement BEGIN
  UPDATE kpi SET (m_count, m_sum_x, m_sum_y, m_sum_xx, m_sum_xy, m_latest_value, m_latest_period, m_first_period) =
    (SELECT n, sx, sy, sxx, sxy, latest_value, latest_period, first_period FROM kpi_measurement_stats WHERE kpi_id = NEW.kpi_id)
  WHERE id = NEW.kpi_id;
END;

CREATE TRIGGER kpi_measurement_stats_delete AFTER DELETE ON kpi_measurement BEGIN
  UPDATE kpi SET (m_count, m_sum_x, m_sum_y, m_sum_xx, m_sum_xy, m_latest_value, m_latest_period, m_first_period) =
    (SELECT n, sx, sy, sxx, sxy, latest_value, latest_period, first_period FROM kpi_measurement_stats WHERE kpi_id = OLD.kpi_id)
  WHERE id = OLD.kpi_id;
END;

CREATE TRIGGER kpi_measurement_stats_update AFTER UPDATE OF kpi_id, period, value ON kpi_measurement BEGIN
  UPDATE kpi SET (m_count, m_sum_x, m_sum_y, m_sum_xx, m_sum_xy, m_latest_value, m_latest_period, m_first_period) =
    (SELECT n, sx, sy, sxx, sxy, latest_value, latest_period, first_period FROM kpi_measurement_stats WHERE kpi_id = kpi.id)
  WHERE id IN (OLD.kpi_id, NEW.kpi_id);
END;

-- the other aggregates were copied as they were
UPDATE kpi SET m_first_period = (SELECT min(x.period) FROM kpi_measurement x WHERE x.kpi_id = kpi.id) WHERE m_count > 0;
