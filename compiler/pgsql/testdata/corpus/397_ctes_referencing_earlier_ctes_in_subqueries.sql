-- deps: dm.dim_kommune, dm.fact_ky_sager, dm.fact_udbetaling
-- columns: kommune_kode, sager, beloeb
WITH kommuner AS (
    SELECT kommune_kode FROM dm.dim_kommune
),
sager AS (
    SELECT kommune_kode, count(*) AS sager
    FROM dm.fact_ky_sager
    WHERE kommune_kode IN (SELECT kommune_kode FROM kommuner)
    GROUP BY 1
),
udbetalt AS (
    SELECT u.kommune_kode, sum(u.beloeb) AS beloeb
    FROM dm.fact_udbetaling u
    WHERE EXISTS (SELECT 1 FROM sager s WHERE s.kommune_kode = u.kommune_kode)
    GROUP BY 1
)
SELECT k.kommune_kode, s.sager, u.beloeb
FROM kommuner k
LEFT JOIN sager s USING (kommune_kode)
LEFT JOIN udbetalt u USING (kommune_kode)
