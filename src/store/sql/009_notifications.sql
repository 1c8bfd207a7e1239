-- Migration 9: notifications and reminders (issue 3). Users do not exist yet, so notifications
-- are addressed to departments: a user's inbox will be the notifications of their departments.
-- A department may have a contact e-mail for reminders. Each reminder (before / after the
-- deadline of a review period) is recorded once per period and department; its e-mail, when one
-- is due, is sent after the record is committed, and its outcome is kept here so that a failed
-- send is tried again by the next sweep.
ALTER TABLE department ADD COLUMN email TEXT;

CREATE TABLE notification (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  department_id INTEGER NOT NULL REFERENCES department(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('period_opened', 'reminder_before', 'reminder_after', 'sent_back')),
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT,                                   -- a path of this site, e.g. /periods/3/work?dept=2
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  read_at TEXT                                 -- NULL: unread
);
CREATE INDEX notification_inbox ON notification(department_id, id);
CREATE INDEX notification_unread ON notification(department_id) WHERE read_at IS NULL;

CREATE TABLE reminder (
  id INTEGER PRIMARY KEY,
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
CREATE INDEX reminder_unmailed ON reminder(mail_status) WHERE mail_status IN ('pending', 'sending', 'failed');
