-- Published versions of a plan (版): a label, a date, change notes (改訂内容) and a full
-- snapshot of the plan as a kawaru-plan/1 document holding that one plan. The live tables are
-- the working draft; publishing freezes it. A revision of the plan's history (plan_revision)
-- may have a snapshot here or not (versions from before kawaru, such as a seed's 1.0 and 1.1).
CREATE TABLE plan_version (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  date TEXT NOT NULL,                          -- YYYY-MM-DD
  notes_json TEXT NOT NULL DEFAULT '[]',       -- ["…", …] as shown in the revision history
  snapshot TEXT NOT NULL,                      -- the kawaru-plan/1 document
  published_by TEXT,
  published_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (plan_id, label)
);
