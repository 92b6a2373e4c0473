-- deps: dm.fact_ky_sager
-- columns: kommune_kode, jan, feb, mar, i_alt
SELECT kommune_kode,
       sum(CASE WHEN extract(month FROM maaned) = 1 THEN fuldtidsperson END) AS jan,
       sum(CASE WHEN extract(month FROM maaned) = 2 THEN fuldtidsperson END) AS feb,
       sum(CASE WHEN extract(month FROM maaned) = 3 THEN fuldtidsperson END) AS mar,
       sum(fuldtidsperson) AS i_alt
FROM dm.fact_ky_sager
WHERE maaned >= date_trunc('year', ${data_tom}::date)
GROUP BY kommune_kode
