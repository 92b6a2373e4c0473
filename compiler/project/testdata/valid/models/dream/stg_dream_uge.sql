-- Borgere per uge; a view, so the folder's partition_by does not reach it.
SELECT 1 AS borger_id, '2024-01-01'::date AS uge_start
