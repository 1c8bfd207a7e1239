-- Migration 11: the promotion organisation (推進体制, issue 4 point 4). An organisation's bodies
-- (推進本部, 監事会, DX推進委員会, working groups, DX推進リーダー) with their members (a role such
-- as CDO or 委員, a post such as 市長, optionally a department), a working group's topics, and
-- the bodies' meetings with their agenda, minutes and the measures they took up or decided on.
CREATE TABLE body (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('headquarters', 'audit_board', 'committee', 'working_group', 'leaders')),
  description TEXT,
  UNIQUE (org_id, code),
  UNIQUE (org_id, position)
);

CREATE TABLE body_topic (
  id INTEGER PRIMARY KEY,
  body_id INTEGER NOT NULL REFERENCES body(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (body_id, position)
);

CREATE TABLE body_member (
  id INTEGER PRIMARY KEY,
  body_id INTEGER NOT NULL REFERENCES body(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,                          -- CDO, 副CDO, 委員長, 委員, リーダー ...
  post TEXT,                                   -- 市長, 副市長, 教育長 ...
  department_id INTEGER REFERENCES department(id) ON DELETE SET NULL,
  UNIQUE (body_id, position)
);
CREATE INDEX body_member_department ON body_member(department_id);

CREATE TABLE meeting (
  id INTEGER PRIMARY KEY,
  body_id INTEGER NOT NULL REFERENCES body(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  title TEXT NOT NULL,
  agenda TEXT,
  minutes TEXT,
  UNIQUE (body_id, position)
);
CREATE INDEX meeting_date ON meeting(date);

CREATE TABLE meeting_measure (
  meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  measure_id INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  note TEXT,
  PRIMARY KEY (meeting_id, measure_id)
) WITHOUT ROWID;
CREATE INDEX meeting_measure_measure ON meeting_measure(measure_id);
