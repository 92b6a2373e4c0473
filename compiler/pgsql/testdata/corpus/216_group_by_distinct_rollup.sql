-- deps: dm.fact_ky_sager
-- columns: kommune_kode, status, maaned, antal
SELECT kommune_kode, status, maaned, count(*) AS antal
FROM dm.fact_ky_sager
GROUP BY DISTINCT ROLLUP (kommune_kode, status), ROLLUP (kommune_kode, maaned)
