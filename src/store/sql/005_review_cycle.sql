-- The quarterly review cycle: the office opens a period (FY, quarter, deadline) for a plan;
-- each measure's review in it moves draft -> submitted -> confirmed (or sent back), and the HQ
-- records a decision. Reviews imported from plan documents are history: confirmed.
CREATE TABLE review_period (
  id INTEGER PRIMARY KEY,
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

ALTER TABLE measure_review ADD COLUMN issues TEXT;            -- 課題
ALTER TABLE measure_review ADD COLUMN next_steps TEXT;        -- 次の取組
ALTER TABLE measure_review ADD COLUMN state TEXT NOT NULL DEFAULT 'confirmed'
  CHECK (state IN ('draft', 'submitted', 'sent_back', 'confirmed'));
ALTER TABLE measure_review ADD COLUMN office_comment TEXT;    -- why it was sent back
ALTER TABLE measure_review ADD COLUMN decision TEXT
  CHECK (decision IN ('continue', 'revise', 'expand', 'reduce', 'merge', 'abolish', 'complete'));
ALTER TABLE measure_review ADD COLUMN decision_note TEXT;
ALTER TABLE measure_review ADD COLUMN submitted_by TEXT;
ALTER TABLE measure_review ADD COLUMN submitted_at TEXT;
ALTER TABLE measure_review ADD COLUMN confirmed_by TEXT;
ALTER TABLE measure_review ADD COLUMN confirmed_at TEXT;
ALTER TABLE measure_review ADD COLUMN decided_by TEXT;
ALTER TABLE measure_review ADD COLUMN decided_at TEXT;
ALTER TABLE measure_review ADD COLUMN updated_at TEXT;
