-- deps: dm.fact_ky_sager
-- columns: sag_id, glidende
SELECT sag_id, avg(beloeb) OVER (ORDER BY maaned GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE CURRENT ROW) AS glidende
FROM dm.fact_ky_sager
