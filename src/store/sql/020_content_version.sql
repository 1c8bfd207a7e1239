-- Migration 20 (issue 13): a counter of content changes, so that a server can tell another
-- process's content write from bookkeeping.
--
-- Every transaction that changes content (db_commit, src/store/db.c) adds one to `version` before
-- it commits; bookkeeping (a session's last-seen time, sign-in attempts and known addresses:
-- db_commit_bookkeeping) leaves it alone. A running server's watcher (src/store/db_watch.c) is
-- told by inotify that the database or its -wal file changed, reads this row with a connection
-- of its own, and drops its cached responses only when the number moved. One row, changed by an
-- UPDATE of one integer: a page of the WAL per content transaction.
CREATE TABLE content_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO content_version (id, version) VALUES (1, 1);
