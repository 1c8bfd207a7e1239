-- Migration 14: what lists show of a published version without reading its snapshot.
-- The public's lists of plans (home page, an organisation's page and plans in the API) show
-- each plan as its latest published version has it, not as the working draft now reads: the
-- title, kind and period are copied from the snapshot when the version is stored.
ALTER TABLE plan_version ADD COLUMN title TEXT;
ALTER TABLE plan_version ADD COLUMN kind TEXT;
ALTER TABLE plan_version ADD COLUMN from_fy INTEGER;
ALTER TABLE plan_version ADD COLUMN to_fy INTEGER;
UPDATE plan_version SET
  title = json_extract(snapshot, '$.plans[0].title'),
  kind = json_extract(snapshot, '$.plans[0].kind'),
  from_fy = json_extract(snapshot, '$.plans[0].period.from_fy'),
  to_fy = json_extract(snapshot, '$.plans[0].period.to_fy');
