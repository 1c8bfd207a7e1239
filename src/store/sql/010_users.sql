-- Migration 10: users and sign-in (issue 4, SPEC §5). A user belongs to one organisation and
-- has one role; a reporter also has the departments it reports for. Passwords are kept only
-- as libsodium crypto_pwhash_str strings: Argon2id ("$argon2id$…") with
-- crypto_pwhash_OPSLIMIT_INTERACTIVE and crypto_pwhash_MEMLIMIT_INTERACTIVE (64 MiB), enough
-- for an interactive sign-in on a small server. A session row holds only the BLAKE2b-256 hash
-- of its cookie token, never the token. Times of sessions and login attempts are Unix seconds
-- so that the store can be given the clock (tests).
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  login TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 3 AND 64),
  display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  role TEXT NOT NULL CHECK (role IN ('admin', 'office', 'reporter', 'viewer')),
  password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX users_org ON users(org_id, login);

-- the departments a reporter reports for (departments of the user's own organisation)
CREATE TABLE user_department (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  department_id INTEGER NOT NULL REFERENCES department(id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, department_id)
) WITHOUT ROWID;

-- signed-in sessions: idle expiry is last_seen + 2 h, absolute expiry expires_at (12 h)
CREATE TABLE user_session (
  id INTEGER PRIMARY KEY,
  hash BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX user_session_user ON user_session(user_id);

-- failed sign-ins per account (kind 'login') and per client address (kind 'address'): the
-- failures counted since window_start; locked_until refuses sign-ins until then
CREATE TABLE login_attempt (
  kind TEXT NOT NULL CHECK (kind IN ('login', 'address')),
  key TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  failures INTEGER NOT NULL,
  locked_until INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;
