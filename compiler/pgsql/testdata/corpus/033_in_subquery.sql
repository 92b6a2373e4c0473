-- deps: dm.dim_kommune, stg_ky_sag
-- columns: kommune_kode, navn
SELECT kommune_kode, navn FROM dm.dim_kommune
WHERE kommune_kode IN (SELECT DISTINCT kommune_kode FROM stg_ky_sag)
