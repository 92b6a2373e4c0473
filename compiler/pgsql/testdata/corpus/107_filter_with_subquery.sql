-- deps: stg.stg_ky_sag, stg.fritagne
-- columns: kommune_kode, antal
SELECT kommune_kode,
       count(*) FILTER (WHERE borger_id NOT IN (SELECT borger_id FROM stg.fritagne)) AS antal
FROM stg.stg_ky_sag
GROUP BY kommune_kode
