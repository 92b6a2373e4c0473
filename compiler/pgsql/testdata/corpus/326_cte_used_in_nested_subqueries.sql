-- deps: dm.dim_kommune, dm.fact_ky_sager
-- columns: kommune_kode, kommune_navn
WITH store AS (
    SELECT kommune_kode FROM dm.dim_kommune WHERE indbyggere > 100000
)
SELECT kommune_kode, kommune_navn
FROM dm.dim_kommune d
WHERE kommune_kode IN (SELECT kommune_kode FROM store)
  AND EXISTS (
        SELECT 1 FROM dm.fact_ky_sager f
        WHERE f.kommune_kode = d.kommune_kode
          AND f.kommune_kode = ANY (ARRAY(SELECT kommune_kode FROM store)))
