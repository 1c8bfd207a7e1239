-- Migration 12: citizen feedback (意見, issue 4 point 5, SPEC §2). Anyone may send an opinion on a
-- measure of a plan's published version; it waits in the office's moderation queue until it is
-- published or rejected, and the office may answer. A published version's measures have no ids
-- of their own, so a measure is named by plan and code; measure_id is the live measure of that
-- code when the draft has one (codes may be renamed across versions). The sender's address is
-- never stored: only a keyed BLAKE2b hash (crypto_generichash, key in settings
-- 'feedback_hash_key', made on first use) for the rate limit. Times of submission are also kept
-- as Unix seconds (created_unix) so that the store can be given the clock (tests).
CREATE TABLE IF NOT EXISTS settings (
  name TEXT PRIMARY KEY,
  value BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE feedback (
  id INTEGER PRIMARY KEY,
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
CREATE INDEX feedback_queue ON feedback(org_id, state, id);
CREATE INDEX feedback_measure ON feedback(plan_id, measure_code, state, id);
CREATE INDEX feedback_addr ON feedback(addr_hash, created_unix);
