-- fact_dagtilbud for the benchmark cube: barn_id is replaced by pmakoer_id, the keyed hash of
-- barn_id (the same key as in fact_dagtilbud_komme_gaa_benchmark, so one child has one key).
-- Incremental by range, month for month with fact_dagtilbud. The hash is computed once per
-- child, not once per row (HMAC-SHA-256 costs about 10 µs).
WITH plads AS (
    SELECT * FROM fact_dagtilbud WHERE maaned >= ${range_start}::date
),

pmakoer AS (
    -- The keyed hash once per person: GROUP BY keeps it inside the aggregate. Over a
    -- SELECT DISTINCT subquery PostgreSQL pulls this CTE up into the join and hashes every
    -- output row instead (HMAC-SHA-256 is about 10 µs).
    SELECT barn_id, encode(hmac(barn_id, current_setting('flis.pseudonym_key'), 'sha256'), 'hex') AS pmakoer_id
    FROM plads
    GROUP BY barn_id
)

SELECT
    k.pmakoer_id,
    p.maaned,
    p.institution_nr,
    p.plads_nr,
    p.kommune_kode,
    p.ugentlige_timer,
    p.fuldtidsboern
FROM plads AS p
LEFT JOIN pmakoer AS k ON k.barn_id = p.barn_id
