-- fact_planlagt_indsats for the benchmark cube: pmakoer_id instead of borger_id, aldersgruppe
-- instead of alder, no record ids. Incremental by range, month for month with the fact.
--
-- The keyed hash is computed once per citizen, not once per row: HMAC-SHA-256 costs about
-- 10 µs, and a citizen has a row per month of every indsats.
WITH indsats AS (
    SELECT * FROM fact_planlagt_indsats WHERE maaned >= ${range_start}::date
),

pmakoer AS (
    -- The keyed hash once per person: GROUP BY keeps it inside the aggregate. Over a
    -- SELECT DISTINCT subquery PostgreSQL pulls this CTE up into the join and hashes every
    -- output row instead (HMAC-SHA-256 is about 10 µs).
    SELECT borger_id, encode(hmac(borger_id, current_setting('flis.pseudonym_key'), 'sha256'), 'hex') AS pmakoer_id
    FROM indsats
    GROUP BY borger_id
)

SELECT
    p.pmakoer_id,
    i.maaned,
    i.kommune_kode,
    i.indsats_kode,
    i.start_dato,
    i.slut_dato,
    i.loebetid_maaneder,
    i.er_aktiv_ved_maanedsslut,
    g.aldersgruppe
FROM indsats AS i
LEFT JOIN pmakoer AS p ON p.borger_id = i.borger_id
LEFT JOIN dim_aldersgruppe AS g
    ON i.alder BETWEEN g.fra_alder AND coalesce(g.til_alder, 32767)
