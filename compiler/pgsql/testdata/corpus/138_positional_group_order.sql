-- deps: dm.fact_ky_sager
-- columns: kommune_kode, maaned, sum
SELECT kommune_kode, maaned, sum(beloeb) FROM dm.fact_ky_sager GROUP BY 1, 2 ORDER BY 3 DESC, 1
