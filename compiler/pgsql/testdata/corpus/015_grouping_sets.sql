-- deps: dm.fact_ky_sager
-- columns: kommune_kode, ydelse, antal, niveau
SELECT kommune_kode, ydelse, count(*) AS antal, grouping(kommune_kode, ydelse) AS niveau
FROM dm.fact_ky_sager
GROUP BY GROUPING SETS ((kommune_kode, ydelse), (kommune_kode), ())
