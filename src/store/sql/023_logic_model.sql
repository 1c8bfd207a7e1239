-- Migration 23: a plan's logic model (ロジックモデル, SPEC §2, issue 14 point 5; core/logic_model.h).
-- Nodes sit in one of seven columns (stage: "column" is a reserved word in PostgreSQL) in their
-- order (position), each with its text, the group it is for (だれに・どこに) and the key the plan
-- document names it by; they stand on measures and KPIs of their plan (the join tables, in their
-- order); edges go from one node to another node of the same plan (the composite keys hold both
-- ends to the edge's plan), never to itself, and once. Plain SQL that PostgreSQL runs too.
CREATE TABLE logic_node (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
  stage TEXT NOT NULL CHECK (stage IN ('assumption', 'input', 'activity', 'output', 'outcome_short',
                                       'outcome_long', 'impact')),
  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
  target_group TEXT CHECK (target_group IS NULL OR length(target_group) BETWEEN 1 AND 500),
  UNIQUE (plan_id, key),
  UNIQUE (plan_id, position),
  UNIQUE (plan_id, id)
);

CREATE TABLE logic_node_measure (
  node_id INTEGER NOT NULL REFERENCES logic_node(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  measure_id INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  PRIMARY KEY (node_id, measure_id),
  UNIQUE (node_id, position)
);
CREATE INDEX logic_node_measure_by_measure ON logic_node_measure (measure_id);

CREATE TABLE logic_node_kpi (
  node_id INTEGER NOT NULL REFERENCES logic_node(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kpi_id INTEGER NOT NULL REFERENCES kpi(id) ON DELETE CASCADE,
  PRIMARY KEY (node_id, kpi_id),
  UNIQUE (node_id, position)
);
CREATE INDEX logic_node_kpi_by_kpi ON logic_node_kpi (kpi_id);

CREATE TABLE logic_edge (
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  from_node INTEGER NOT NULL,
  to_node INTEGER NOT NULL,
  PRIMARY KEY (plan_id, from_node, to_node),
  UNIQUE (plan_id, position),
  CHECK (from_node <> to_node),
  FOREIGN KEY (plan_id, from_node) REFERENCES logic_node(plan_id, id) ON DELETE CASCADE,
  FOREIGN KEY (plan_id, to_node) REFERENCES logic_node(plan_id, id) ON DELETE CASCADE
);
CREATE INDEX logic_edge_to ON logic_edge (to_node);
