-- fact_ky_ydelser for the benchmark cube: borger_id is replaced by the keyed hash pmakoer_id
-- so "berørte personer" (COUNT DISTINCT) still works across kommuner without a person id.
-- The key arrives as the session setting flis.pseudonym_key, never in SQL text. Incremental
-- by range, month for month with fact_ky_ydelser; the hash is computed once per citizen.
WITH ydelse AS (
    SELECT * FROM fact_ky_ydelser WHERE maaned >= ${range_start}::date
),

pmakoer AS (
    -- The keyed hash once per person: GROUP BY keeps it inside the aggregate. Over a
    -- SELECT DISTINCT subquery PostgreSQL pulls this CTE up into the join and hashes every
    -- output row instead (HMAC-SHA-256 is about 10 µs).
    SELECT borger_id, encode(hmac(borger_id, current_setting('flis.pseudonym_key'), 'sha256'), 'hex') AS pmakoer_id
    FROM ydelse
    GROUP BY borger_id
)

SELECT
    p.pmakoer_id,
    y.ydelse_id,
    y.maaned,
    y.sag_id,
    y.kommune_kode,
    y.ydelsestype,
    y.fuldtidsperson,
    y.ydelsesvarighed_dage,
    y.kle_nummer,
    y.ydelsesart
FROM ydelse AS y
LEFT JOIN pmakoer AS p ON p.borger_id = y.borger_id
