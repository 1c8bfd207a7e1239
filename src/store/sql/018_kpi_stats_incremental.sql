-- Migration 18 (issue 13, point 8): a KPI's aggregates follow each change of its measurements in
-- constant time, instead of being summed again over all its rows.
--
-- Until now every insert, change or delete of a measurement summed the KPI's rows again
-- (migrations 2 and 15): 15 ms at 5,400 rows, 21 s for a batch of 1,000 at 18,400, all of it
-- while holding the write lock. Now a change adds the new row's terms to the sums and takes the
-- old row's away, and reads the latest and the first period through the index
-- kpi_measurement(kpi_id, period, id): a few index steps whatever the number of rows, for a new
-- value, a value for an earlier period, a correction or a delete alike.
--
-- Adding and taking away must be exact, or the sums would depend on the order of the writes and
-- drift with every delete (a value of 1e15 typed by mistake and then deleted would take the
-- decimals of all the others with it). So:
-- * x (the period as days since 1970-01-01) is a whole number: sum_x and sum_xx are sums of whole
--   numbers, exact while below 2^53 (x² < 2^32 for any date of 1900..2100: millions of rows).
-- * sum_y and sum_xy are each kept as two doubles: m_sum_y, the sum rounded (what readers read,
--   as before), and m_sum_y_lo, what the rounding left out. A term is added with its rounding
--   error (TwoSum, Knuth), and x·y is split first (Veltkamp: y = yh + yl, halves of 26 bits) into
--   two products x·yh and x·yl that doubles hold exactly. The pair holds the exact sum while the
--   sum spans fewer than about 105 bits from its highest bit down to the lowest bit of any term
--   (e.g. 20,000 values up to 1,000 given to two decimals: under 100 bits); beyond that it is off
--   by about 2^-105 of the largest sum it held, not by the lost digits of plain doubles. The sums
--   are then the same whatever the order of the writes, and equal to what kpi_stats_compute
--   (src/core/kpi_calc.c) sums from the rows in the same way (tests/unit/test_kpi_stats.c).
--
-- The arithmetic is written once, in the INSTEAD OF trigger of the view kpi_stats_change: a row
-- inserted into it (kpi_id, sign 1 or -1, period, value) adds or takes away one measurement. The
-- statements are plain SQL; julianday() and the trigger syntax are SQLite's, like every file in
-- this folder (a PostgreSQL schema would write x as period::date - DATE '1970-01-01' and the
-- triggers as functions, with the same expressions).

DROP TRIGGER kpi_measurement_stats_insert;
DROP TRIGGER kpi_measurement_stats_delete;
DROP TRIGGER kpi_measurement_stats_update;
DROP VIEW kpi_measurement_stats;

ALTER TABLE kpi ADD COLUMN m_sum_y_lo REAL NOT NULL DEFAULT 0;
ALTER TABLE kpi ADD COLUMN m_sum_xy_lo REAL NOT NULL DEFAULT 0;

CREATE VIEW kpi_stats_change AS SELECT 0 AS kpi_id, 0 AS sign, '' AS period, 0.0 AS value WHERE 1 = 0;

-- A term t is added to a pair (h, lo) by TwoSum: s = h + t; u = lo + the rounding error of s;
-- then (s, u) renormalised into the new pair (hi = s + u, its rounding error). Each step is a
-- derived table with LIMIT 1, which keeps SQLite from flattening the steps into one expression
-- (each step refers to the one below several times, so flattened they would repeat its
-- operations hundreds of times): every step is computed once, as a co-routine. A period that is
-- no date (julianday NULL) counts, with its value, but adds nothing to x.
CREATE TRIGGER kpi_stats_change_apply INSTEAD OF INSERT ON kpi_stats_change BEGIN
  -- the count, x, x² and y; the latest (by period, then id) and the first period, one index step each
  UPDATE kpi SET (m_count, m_sum_x, m_sum_xx, m_sum_y, m_sum_y_lo) = (
      SELECT n, sx, sxx, hi, (s - (hi - (hi - s))) + (u - (hi - s))
      FROM (SELECT n, sx, sxx, s, u, s + u AS hi
            FROM (SELECT n, sx, sxx, s, lo + ((h - (s - (s - h))) + (t - (s - h))) AS u
                  FROM (SELECT n, sx, sxx, h, lo, t, h + t AS s
                        FROM (SELECT k.m_count + NEW.sign AS n,
                                     k.m_sum_x + coalesce(NEW.sign * (julianday(NEW.period) - 2440587.5), 0.0) AS sx,
                                     k.m_sum_xx + coalesce(NEW.sign * (julianday(NEW.period) - 2440587.5)
                                                           * (julianday(NEW.period) - 2440587.5), 0.0) AS sxx,
                                     k.m_sum_y AS h, k.m_sum_y_lo AS lo, NEW.sign * NEW.value AS t
                              FROM kpi k WHERE k.id = NEW.kpi_id LIMIT 1) a LIMIT 1) b LIMIT 1) c LIMIT 1) d),
    (m_latest_value, m_latest_period) = (SELECT x.value, x.period FROM kpi_measurement x WHERE x.kpi_id = NEW.kpi_id
                                         ORDER BY x.period DESC, x.id DESC LIMIT 1),
    m_first_period = (SELECT x.period FROM kpi_measurement x WHERE x.kpi_id = NEW.kpi_id ORDER BY x.period LIMIT 1)
  WHERE id = NEW.kpi_id;
  -- x·y: x·yh (t1) into (h, lo), then x·yl (t2) into the result (h1, lo1)
  UPDATE kpi SET (m_sum_xy, m_sum_xy_lo) = (
      SELECT hi, (s2 - (hi - (hi - s2))) + (u2 - (hi - s2))
      FROM (SELECT s2, u2, s2 + u2 AS hi
            FROM (SELECT s2, lo1 + ((h1 - (s2 - (s2 - h1))) + (t2 - (s2 - h1))) AS u2
                  FROM (SELECT t2, h1, (s1 - (h1 - (h1 - s1))) + (u1 - (h1 - s1)) AS lo1, h1 + t2 AS s2
                        FROM (SELECT t2, s1, u1, s1 + u1 AS h1
                              FROM (SELECT t2, s1, lo + ((h - (s1 - (s1 - h))) + (t1 - (s1 - h))) AS u1
                                    FROM (SELECT h, lo, t1, t2, h + t1 AS s1
                                          FROM (SELECT k.m_sum_xy AS h, k.m_sum_xy_lo AS lo,
                                                       coalesce(NEW.sign * p.x * (p.c - (p.c - p.v)), 0.0) AS t1,
                                                       coalesce(NEW.sign * p.x * (p.v - (p.c - (p.c - p.v))), 0.0) AS t2
                                                FROM kpi k,
                                                     (SELECT julianday(NEW.period) - 2440587.5 AS x, NEW.value AS v,
                                                             134217729.0 * NEW.value AS c LIMIT 1) p
                                                WHERE k.id = NEW.kpi_id LIMIT 1) a LIMIT 1) b LIMIT 1) c LIMIT 1) d
                        LIMIT 1) e LIMIT 1) f LIMIT 1) g)
  WHERE id = NEW.kpi_id;
END;

CREATE TRIGGER kpi_measurement_stats_insert AFTER INSERT ON kpi_measurement BEGIN
  INSERT INTO kpi_stats_change (kpi_id, sign, period, value) VALUES (NEW.kpi_id, 1, NEW.period, NEW.value);
END;

CREATE TRIGGER kpi_measurement_stats_delete AFTER DELETE ON kpi_measurement BEGIN
  INSERT INTO kpi_stats_change (kpi_id, sign, period, value) VALUES (OLD.kpi_id, -1, OLD.period, OLD.value);
END;

CREATE TRIGGER kpi_measurement_stats_update AFTER UPDATE OF kpi_id, period, value ON kpi_measurement BEGIN
  INSERT INTO kpi_stats_change (kpi_id, sign, period, value) VALUES (OLD.kpi_id, -1, OLD.period, OLD.value);
  INSERT INTO kpi_stats_change (kpi_id, sign, period, value) VALUES (NEW.kpi_id, 1, NEW.period, NEW.value);
END;

-- Every KPI's aggregates again, the same way, so that they are exact from now on.
UPDATE kpi SET m_count = 0, m_sum_x = 0, m_sum_xx = 0, m_sum_y = 0, m_sum_y_lo = 0, m_sum_xy = 0, m_sum_xy_lo = 0,
               m_latest_value = NULL, m_latest_period = NULL, m_first_period = NULL;
INSERT INTO kpi_stats_change (kpi_id, sign, period, value) SELECT kpi_id, 1, period, value FROM kpi_measurement;
