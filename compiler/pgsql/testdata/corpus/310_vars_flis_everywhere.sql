-- deps: dm.fact_ky_sager, dm.dim_kommune
-- columns: kommune_navn, maaned, antal
SELECT k.kommune_navn, f.maaned, count(*) AS antal
FROM dm.fact_ky_sager f
JOIN dm.dim_kommune k ON k.kommune_kode = f.kommune_kode
WHERE f.maaned BETWEEN ${data_fra}::date AND ${data_tom}::date
  AND f.kommune_kode = ${kommune_kode}
  AND f.status = ${status}
  AND f.maaned > (${data_tom}::date - make_interval(months => ${lookback}))
GROUP BY 1, 2
