-- Migration 26 (issue 17): a new KPI's measurements are summed once, not row by row.
-- Importing a plan document inserts each KPI with all its measurements; the insert trigger of
-- migration 18 updated the KPI's aggregates once per row (about 10 µs each: 40 s of the 90 s
-- that importing 1,741 organisations with 3.76 M measurements took). A writer that inserts all
-- the rows of a new KPI now turns the trigger off for them (kawaru_kpi_stats_deferred(), an
-- application-defined function of the connection: src/store/db.c) and sets the aggregates once
-- from the same rows, summed in the same way (kpi_sums_compute, src/core/kpi_calc.c; see
-- kpi_insert in src/store/store_write.c). Every other write of a measurement is as before.
DROP TRIGGER kpi_measurement_stats_insert;
CREATE TRIGGER kpi_measurement_stats_insert AFTER INSERT ON kpi_measurement WHEN NOT kawaru_kpi_stats_deferred() BEGIN
  INSERT INTO kpi_stats_change (kpi_id, sign, period, value) VALUES (NEW.kpi_id, 1, NEW.period, NEW.value);
END;
