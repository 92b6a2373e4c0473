-- deps: dm.fact_ky_sager
-- columns: sag_id, loebende
SELECT sag_id, count(*) FILTER (WHERE beloeb > 0) OVER (PARTITION BY kommune_kode ORDER BY maaned) AS loebende
FROM dm.fact_ky_sager
