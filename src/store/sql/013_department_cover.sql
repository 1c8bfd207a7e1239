-- Migration 13: a covering index for the departments of measure lists.
-- Lists name each measure's departments in order: an index that holds the department too lets
-- SQLite read them without a lookup in the measure_department table for every row.
CREATE INDEX measure_department_cover ON measure_department(measure_id, position, department_id);
