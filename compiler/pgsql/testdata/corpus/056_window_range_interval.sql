-- deps: dm.fact_ky_sager
-- columns: sag_id, maaned, sum
SELECT sag_id, maaned, sum(beloeb) OVER (PARTITION BY sag_id ORDER BY maaned RANGE BETWEEN INTERVAL '2 months' PRECEDING AND CURRENT ROW)
FROM dm.fact_ky_sager
