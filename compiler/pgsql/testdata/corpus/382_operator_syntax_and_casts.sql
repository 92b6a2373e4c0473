-- deps: dm.fact_udbetaling
-- columns: sag_id, dobbelt
SELECT sag_id, beloeb OPERATOR(pg_catalog.*) 2 AS dobbelt
FROM dm.fact_udbetaling
WHERE maaned OPERATOR(pg_catalog.>=) '2024-01-01'::pg_catalog.date
