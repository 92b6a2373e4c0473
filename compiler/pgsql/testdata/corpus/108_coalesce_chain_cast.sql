-- deps: stg.stg_borger
-- columns: kommune_kode
SELECT coalesce(bopael_kommune, tilflyttet_kommune, '000')::char(3) AS kommune_kode FROM stg.stg_borger
