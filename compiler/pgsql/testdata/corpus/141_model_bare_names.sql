-- deps: stg_ky_sag, stg_ky_ydelse, dim_kommune
-- columns: sag_id
SELECT s.sag_id FROM stg_ky_sag s JOIN stg_ky_ydelse y USING (sag_id) JOIN dim_kommune k USING (kommune_kode)
