-- deps: stg.stg_ky_ydelse, dm.dim_kommune
-- columns: maaned, kommune_kode, beloeb
SELECT date_trunc('month', y.dato)::date AS maaned, k.kommune_kode, sum(y.beloeb) AS beloeb
FROM stg.stg_ky_ydelse y
JOIN dm.dim_kommune k ON k.kommune_kode = y.kommune_kode
WHERE y.dato >= ${range_start}::date
  AND y.dato < (${data_tom}::date + interval '1 day')
GROUP BY 1, 2
