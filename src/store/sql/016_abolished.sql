-- Migration 16 (issue 12): what a replacing document no longer holds but has history is kept as
-- abolished (廃止), not deleted, when the office asks for it (--prune). A measure has its status
-- for that; departments, plans, pillars, themes, KPIs and bodies get a flag. Abolished rows stay
-- with their history, are shown as 廃止, leave the roll-ups, and a later document that lacks them
-- leaves them as they are.
ALTER TABLE department ADD COLUMN abolished INTEGER NOT NULL DEFAULT 0 CHECK (abolished IN (0, 1));
ALTER TABLE plan ADD COLUMN abolished INTEGER NOT NULL DEFAULT 0 CHECK (abolished IN (0, 1));
ALTER TABLE pillar ADD COLUMN abolished INTEGER NOT NULL DEFAULT 0 CHECK (abolished IN (0, 1));
ALTER TABLE theme ADD COLUMN abolished INTEGER NOT NULL DEFAULT 0 CHECK (abolished IN (0, 1));
ALTER TABLE kpi ADD COLUMN abolished INTEGER NOT NULL DEFAULT 0 CHECK (abolished IN (0, 1));
ALTER TABLE body ADD COLUMN abolished INTEGER NOT NULL DEFAULT 0 CHECK (abolished IN (0, 1));
