-- Migration 19 (issue 13 point 9): sign-in limits that hold under attack. An attempt is now
-- counted before its password is hashed (in the transaction that checks the limits) and given
-- back when it succeeds, so the counter is named attempts; besides the account ('login') and the
-- client address ('address') it is kept per account at one address ('login_address', key
-- "login address": logins hold no space). The table only holds counters of the last minutes, so
-- it is made anew rather than copied.
DROP TABLE login_attempt;
CREATE TABLE login_attempt (
  kind TEXT NOT NULL CHECK (kind IN ('login', 'address', 'login_address')),
  key TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  locked_until INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, key)
);
-- old windows are deleted by range
CREATE INDEX login_attempt_window ON login_attempt(window_start);

-- the addresses each user signed in from (last_success: Unix seconds): the limit per account
-- over all addresses does not apply at an address where the account signed in lately, so
-- guessing from many addresses cannot lock its owner out of a known place
CREATE TABLE login_known (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  address TEXT NOT NULL,
  last_success INTEGER NOT NULL,
  PRIMARY KEY (user_id, address)
);
