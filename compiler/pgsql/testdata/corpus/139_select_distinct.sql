-- deps: stg.stg_ky_sag
-- columns: kommune_kode
SELECT DISTINCT kommune_kode FROM stg.stg_ky_sag
