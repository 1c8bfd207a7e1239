-- Migration 17 (issue 12 point 7): besides めざす姿 (vision) and principles, a plan states the
-- foundation its pillars stand on (印西市: 「変わり続ける」ことが当たり前の風土の醸成) and the
-- problems it answers (これまでの主な課題). They are titled texts like the others; the kinds are
-- checked, so the table is rebuilt as SQLite documents (create, copy, drop, rename). SQLite-only,
-- like every file in this folder.
CREATE TABLE plan_text_new (
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('vision', 'principle', 'foundation', 'challenge')),
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  text TEXT,
  PRIMARY KEY (plan_id, kind, position)
) WITHOUT ROWID;
INSERT INTO plan_text_new (plan_id, kind, position, title, text) SELECT plan_id, kind, position, title, text FROM plan_text;
DROP TABLE plan_text;
ALTER TABLE plan_text_new RENAME TO plan_text;

-- A body's size as its organisation counts it (江津市: 推進本部 42人, 監事会 11人, DX推進委員会
-- 28名, DX推進リーダー 10名程度), whether or not its members are listed one by one.
ALTER TABLE body ADD COLUMN headcount INTEGER CHECK (headcount IS NULL OR headcount > 0);
