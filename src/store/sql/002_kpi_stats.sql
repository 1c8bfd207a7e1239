-- Aggregates of each KPI's measurements, kept by triggers, so that lists of measures compute
-- every KPI's derived figures (latest value, least-squares forecast) without reading its
-- measurement rows. x is the period as days since 1970-01-01 (kw_date), y the value; sums run
-- in (period, id) order, the order kpi_calc.c sums the same points in.
ALTER TABLE kpi ADD COLUMN m_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi ADD COLUMN m_sum_x REAL NOT NULL DEFAULT 0;
ALTER TABLE kpi ADD COLUMN m_sum_y REAL NOT NULL DEFAULT 0;
ALTER TABLE kpi ADD COLUMN m_sum_xx REAL NOT NULL DEFAULT 0;
ALTER TABLE kpi ADD COLUMN m_sum_xy REAL NOT NULL DEFAULT 0;
ALTER TABLE kpi ADD COLUMN m_latest_value REAL;
ALTER TABLE kpi ADD COLUMN m_latest_period TEXT;

-- One statement recomputes a KPI's aggregates from its rows (no drift from adding and
-- subtracting); a KPI has tens of measurements, not thousands.
CREATE VIEW kpi_measurement_stats AS
  SELECT k.id AS kpi_id,
         (SELECT count(*) FROM kpi_measurement x WHERE x.kpi_id = k.id) AS n,
         (SELECT total(p.x) FROM (SELECT julianday(x.period) - 2440587.5 AS x FROM kpi_measurement x
                                  WHERE x.kpi_id = k.id ORDER BY x.period, x.id) p) AS sx,
         (SELECT total(x.value) FROM (SELECT value FROM kpi_measurement x
                                      WHERE x.kpi_id = k.id ORDER BY x.period, x.id) x) AS sy,
         (SELECT total(p.x * p.x) FROM (SELECT julianday(x.period) - 2440587.5 AS x FROM kpi_measurement x
                                        WHERE x.kpi_id = k.id ORDER BY x.period, x.id) p) AS sxx,
         (SELECT total(p.x * p.y) FROM (SELECT julianday(x.period) - 2440587.5 AS x, x.value AS y
                                        FROM kpi_measurement x WHERE x.kpi_id = k.id ORDER BY x.period, x.id) p) AS sxy,
         (SELECT x.value FROM kpi_measurement x WHERE x.kpi_id = k.id ORDER BY x.period DESC, x.id DESC LIMIT 1) AS latest_value,
         (SELECT x.period FROM kpi_measurement x WHERE x.kpi_id = k.id ORDER BY x.period DESC, x.id DESC LIMIT 1) AS latest_period
  FROM kpi k;

CREATE TRIGGER kpi_measurement_stats_insert AFTER INSERT ON kpi_measurement BEGIN
  UPDATE kpi SET (m_count, m_sum_x, m_sum_y, m_sum_xx, m_sum_xy, m_latest_value, m_latest_period) =
    (SELECT n, sx, sy, sxx, sxy, latest_value, latest_period FROM kpi_measurement_stats WHERE kpi_id = NEW.kpi_id)
  WHERE id = NEW.kpi_id;
END;

CREATE TRIGGER kpi_measurement_stats_delete AFTER DELETE ON kpi_measurement BEGIN
  UPDATE kpi SET (m_count, m_sum_x, m_sum_y, m_sum_xx, m_sum_xy, m_latest_value, m_latest_period) =
    (SELECT n, sx, sy, sxx, sxy, latest_value, latest_period FROM kpi_measurement_stats WHERE kpi_id = OLD.kpi_id)
  WHERE id = OLD.kpi_id;
END;

CREATE TRIGGER kpi_measurement_stats_update AFTER UPDATE OF kpi_id, period, value ON kpi_measurement BEGIN
  UPDATE kpi SET (m_count, m_sum_x, m_sum_y, m_sum_xx, m_sum_xy, m_latest_value, m_latest_period) =
    (SELECT n, sx, sy, sxx, sxy, latest_value, latest_period FROM kpi_measurement_stats WHERE kpi_id = kpi.id)
  WHERE id IN (OLD.kpi_id, NEW.kpi_id);
END;

UPDATE kpi SET (m_count, m_sum_x, m_sum_y, m_sum_xx, m_sum_xy, m_latest_value, m_latest_period) =
  (SELECT n, sx, sy, sxx, sxy, latest_value, latest_period FROM kpi_measurement_stats WHERE kpi_id = kpi.id);
