-- deps: dm.fact_ky_sager
-- columns: sag_id, rn
SELECT sag_id, row_number() OVER (PARTITION BY borger_id ORDER BY slutdato DESC NULLS FIRST, sag_id) AS rn
FROM dm.fact_ky_sager
