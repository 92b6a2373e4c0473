-- Benchmark tables are read by every kommune, so they must hold no person ids (SPEC §2, §5):
-- returns one row per forbidden column found in a benchmark table.
--
-- The target may suffix schemas (dm_ci), so the tables are found through model references,
-- which flis rewrites to the target's relations, not through schema names in strings.
-- pg_typeof of a scalar subquery is resolved at parse time, so it yields each table's row
-- type even when the table is empty; the row type's typrelid leads to the table's columns.
WITH benchmark (raekketype) AS (
    SELECT pg_typeof((SELECT t FROM fact_ky_sager_benchmark AS t LIMIT 1))
    UNION ALL SELECT pg_typeof((SELECT t FROM fact_ky_opgaver_benchmark AS t LIMIT 1))
    UNION ALL SELECT pg_typeof((SELECT t FROM fact_ky_ydelser_benchmark AS t LIMIT 1))
    UNION ALL SELECT pg_typeof((SELECT t FROM fact_tilstand_benchmark AS t LIMIT 1))
    UNION ALL SELECT pg_typeof((SELECT t FROM fact_planlagt_indsats_benchmark AS t LIMIT 1))
    UNION ALL SELECT pg_typeof((SELECT t FROM fact_leveret_indsats_benchmark AS t LIMIT 1))
    UNION ALL SELECT pg_typeof((SELECT t FROM fact_dagtilbud_benchmark AS t LIMIT 1))
    UNION ALL SELECT pg_typeof((SELECT t FROM fact_dagtilbud_komme_gaa_benchmark AS t LIMIT 1))
    UNION ALL SELECT pg_typeof((SELECT t FROM fact_dream_benchmark AS t LIMIT 1))
)

SELECT
    b.raekketype::text  AS tabel,
    a.attname::text     AS kolonne
FROM benchmark AS b
JOIN pg_catalog.pg_type AS ty ON ty.oid = b.raekketype
JOIN pg_catalog.pg_attribute AS a
    ON  a.attrelid = ty.typrelid
    AND a.attnum > 0
    AND NOT a.attisdropped
WHERE a.attname IN (
    'borger_id', 'barn_id', 'barn_uuid', 'ydelsesmodtager_id', 'bevillingsmodtager_id',
    'mor_id', 'far_id', 'sagsbehandler_id', 'organisation_id', 'afgoerelsestype', 'alder'
)
