-- Migration 30 (issue 17): the content counter says whether the public's content changed.
-- A change of a working draft alone (a KPI's new values: db_commit_draft, src/store/db.c) leaves
-- the public's cached pages, which read published versions only. `version` still moves with every
-- content change; `public` moves only with those the public may read, so that a server's watcher
-- (src/store/db_watch.c) keeps its cached pages for another process's draft change — and for its
-- own, when it reads the row before this process has noted its commit.
ALTER TABLE content_version ADD COLUMN public BIGINT NOT NULL DEFAULT 1;
