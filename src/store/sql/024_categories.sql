-- Migration 24: shared categories (共通カテゴリ, SPEC §3.10, issue 16 point 6) that measures of
-- every organisation are tagged with, so that they can be compared across organisations: the
-- 重点取組事項 of the national 自治体DX推進計画 (kind 'dx_priority'; 行政手続のオンライン化 from
-- its earlier editions) and the means of the standard catalogue (kind 'means', core/workload.c's
-- means_standard, whose names core/category.c's rule maps to these codes). A measure's categories are the office's: confirmed
-- ones (written in the plan document as the measure's "categories") and rejected suggestions,
-- kept so that core/category's rule does not suggest them again; suggestions themselves are
-- computed from the measure's means and words whenever they are shown. Plain SQL that
-- PostgreSQL runs too.
CREATE TABLE category (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
  kind TEXT NOT NULL CHECK (kind IN ('dx_priority', 'means')),
  position INTEGER NOT NULL UNIQUE,
  title TEXT NOT NULL,
  title_en TEXT NOT NULL
);

INSERT INTO category (id, code, kind, position, title, title_en) VALUES
  (1, 'front_yard', 'dx_priority', 1, '自治体フロントヤード改革の推進', 'Front-yard reform of local government'),
  (2, 'standardisation', 'dx_priority', 2, '自治体の情報システムの標準化・共通化', 'Standardised, shared information systems'),
  (3, 'eltax', 'dx_priority', 3, '公金収納におけるeLTAXの活用', 'eLTAX for the collection of public money'),
  (4, 'mynumber', 'dx_priority', 4, 'マイナンバーカードの普及促進・利用の推進', 'My Number Card: take-up and use'),
  (5, 'security', 'dx_priority', 5, 'セキュリティ対策の徹底', 'Thorough security measures'),
  (6, 'ai_rpa', 'dx_priority', 6, '自治体のAI・RPAの利用推進', 'Use of AI and RPA'),
  (7, 'telework', 'dx_priority', 7, 'テレワークの推進', 'Telework'),
  (8, 'online_procedures', 'dx_priority', 8, '行政手続のオンライン化', 'Online administrative procedures'),
  (20, 'online_application', 'means', 20, 'オンライン申請', 'Online applications'),
  (21, 'no_writing_counter', 'means', 21, '書かない窓口', 'Counters without forms to fill in'),
  (22, 'remote_counter', 'means', 22, 'リモート窓口', 'Remote counters'),
  (23, 'cashless', 'means', 23, 'キャッシュレス決済', 'Cashless payment'),
  (24, 'convenience_store', 'means', 24, 'コンビニ交付', 'Certificates at convenience stores'),
  (25, 'e_approval', 'means', 25, '電子決裁', 'Electronic approval'),
  (26, 'paperless', 'means', 26, 'ペーパーレス', 'Paperless work'),
  (27, 'ai_ocr', 'means', 27, 'AI-OCR', 'AI-OCR'),
  (28, 'rpa', 'means', 28, 'RPA', 'RPA'),
  (29, 'generative_ai', 'means', 29, '生成AI', 'Generative AI'),
  (30, 'chat_tool', 'means', 30, 'チャットツール', 'Chat tools'),
  (31, 'nudge', 'means', 31, 'ナッジ', 'Nudges'),
  (32, 'outsourcing', 'means', 32, 'アウトソーシング', 'Outsourcing');

CREATE TABLE measure_category (
  measure_id INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  category_id INTEGER NOT NULL REFERENCES category(id),
  state TEXT NOT NULL CHECK (state IN ('confirmed', 'rejected')),
  PRIMARY KEY (measure_id, category_id)
);
CREATE INDEX measure_category_by_category ON measure_category (category_id, state, measure_id);
