-- deps: dm.fact_ky_sager, dm.dim_tid, dm.dim_kommune
-- columns: kommune_kode, antal, seneste, navn
SELECT f.kommune_kode,
       count(*) AS antal,
       (SELECT max(dato) FROM dm.dim_tid) AS seneste,
       (SELECT k.kommune_navn FROM dm.dim_kommune k WHERE k.kommune_kode = f.kommune_kode) AS navn
FROM dm.fact_ky_sager f
GROUP BY f.kommune_kode
HAVING count(*) > (SELECT avg(n) FROM (SELECT count(*) AS n FROM dm.fact_ky_sager GROUP BY kommune_kode) x)
ORDER BY (SELECT count(*) FROM dm.dim_tid WHERE year = 2024) DESC, 1
