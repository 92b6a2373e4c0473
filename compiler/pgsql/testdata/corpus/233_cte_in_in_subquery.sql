-- deps: dm.dim_kommune, dm.fact_ky_sager
-- columns: kommune_kode, kommune_navn
SELECT kommune_kode, kommune_navn
FROM dm.dim_kommune
WHERE kommune_kode IN (
    WITH dim_kommune AS (
        SELECT kommune_kode FROM dm.fact_ky_sager GROUP BY kommune_kode HAVING count(*) > 100
    )
    SELECT kommune_kode FROM dim_kommune
)
