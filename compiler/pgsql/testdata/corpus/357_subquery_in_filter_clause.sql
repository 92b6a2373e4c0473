-- deps: dm.fact_ky_sager, dm.dim_kommune
-- columns: maaned, hovedstaden, resten
SELECT maaned,
       count(*) FILTER (WHERE kommune_kode IN (SELECT kommune_kode FROM dm.dim_kommune WHERE region = 'Hovedstaden')) AS hovedstaden,
       count(*) FILTER (WHERE kommune_kode NOT IN (SELECT kommune_kode FROM dm.dim_kommune WHERE region = 'Hovedstaden')) AS resten
FROM dm.fact_ky_sager
GROUP BY maaned
