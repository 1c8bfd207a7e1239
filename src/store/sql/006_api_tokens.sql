-- Migration 6: API tokens scoped to KPI ingestion (SPEC §5). A token belongs to one
-- organisation and may only add measurements to that organisation's KPIs. The token itself is
-- shown once when it is made and never stored: only a BLAKE2b-256 hash of the whole token
-- (crypto_generichash) and a short visible prefix, which lets lists tell tokens apart and lets
-- a check find the candidate rows before comparing hashes in constant time.
CREATE TABLE api_token (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  prefix TEXT NOT NULL,
  hash BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
  scope TEXT NOT NULL DEFAULT 'kpi_ingest' CHECK (scope IN ('kpi_ingest')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  created_by TEXT NOT NULL,
  revoked_at TEXT,
  last_used_at TEXT
);
CREATE INDEX api_token_org ON api_token(org_id, id);
CREATE INDEX api_token_prefix ON api_token(prefix);
-- measurements record "token:<name>": two live tokens of one organisation never share a name
CREATE UNIQUE INDEX api_token_live_name ON api_token(org_id, name) WHERE revoked_at IS NULL;
